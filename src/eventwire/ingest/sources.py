"""Turn command-line paths into a stream of Articles and DocumentErrors.

Folders are walked recursively in sorted order (hidden entries skipped, only known
suffixes taken); a single file of unknown suffix is sniffed. Page ids are file stems, made
unique by the relative path when two files share a stem.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, TextIO

from eventwire.ingest.crawler import read_crawler_text
from eventwire.ingest.jsonl import iter_jsonl
from eventwire.ingest.markup import read_feed, read_html
from eventwire.ingest.records import binary_reason, decode, error, warning
from eventwire.ingest.tables import iter_csv
from eventwire.model import Article, DocumentError

#: Known suffixes (longest first) and the reader each selects.
FORMATS: dict[str, str] = {
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".csv": "csv",
    ".tsv": "tsv",
}
_PAGE_FORMATS = {"text", "html", None}  # one file, one article: id from the file name
_STDIN = "<stdin>"


@dataclass
class _Source:
    path: Path | None  # None for stdin
    shown: str  # the path as the user will recognise it, used in errors
    stem_path: str  # relative path without suffix: the id when stems collide
    format: str | None  # None: sniff the content

    @property
    def stem(self) -> str:
        return self.stem_path.rsplit("/", 1)[-1]


def format_of(path: Path) -> str | None:
    name = path.name.lower()
    return next((fmt for suffix, fmt in FORMATS.items() if name.endswith(suffix)), None)


def _without_suffix(relative: str) -> str:
    lowered = relative.lower()
    suffix = next((s for s in FORMATS if lowered.endswith(s)), Path(relative).suffix)
    return relative[: len(relative) - len(suffix)] if suffix else relative


def _walk(root: Path, shown_root: str) -> Iterator[_Source]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder, name)
            fmt = format_of(path)
            if name.startswith(".") or fmt is None:
                continue
            relative = path.relative_to(root).as_posix()
            shown = f"{shown_root.rstrip('/')}/{relative}"
            yield _Source(path, shown, _without_suffix(relative), fmt)


def _expand(paths: list[str]) -> Iterator[_Source | DocumentError]:
    for given in paths:
        if given == "-":
            yield _Source(None, _STDIN, _STDIN, "jsonl")
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, given)
        elif path.is_file():
            yield _Source(path, given, _without_suffix(path.as_posix()), format_of(path))
        elif path.exists():
            yield error(given, "not a regular file or folder")
        else:
            yield error(given, "no such file or directory")


def _page_ids(sources: list[_Source | DocumentError]) -> dict[int, str]:
    """Stem ids for one-article files; relative paths where stems collide."""
    pages = [s for s in sources if isinstance(s, _Source) and s.format in _PAGE_FORMATS]
    stems = Counter(s.stem for s in pages)
    ids, used = {}, set()
    for source in pages:
        doc_id = source.stem if stems[source.stem] == 1 else source.stem_path
        unique, n = doc_id, 1
        while unique in used:
            n += 1
            unique = f"{doc_id}~{n}"
        used.add(unique)
        ids[id(source)] = unique
    return ids


def _sniff(data: bytes) -> str:
    head = data[:2048].decode("utf-8", "replace").lstrip("\ufeff \t\r\n").lower()
    if head.startswith("{"):
        return "jsonl"
    if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
        return "feed"
    if head.startswith("<!doctype html") or "<html" in head:
        return "html"
    return "feed" if head.startswith("<?xml") else "text"


def _read_page(source: _Source, doc_id: str, max_bytes: int) -> Iterator[Article | DocumentError]:
    """A whole-file format: crawler text, an HTML page, a feed (or a sniffed file)."""
    assert source.path is not None
    size = source.path.stat().st_size
    label = doc_id if source.format in ("text", "html") else source.shown
    if size > max_bytes:
        yield error(label, f"too large: {size} bytes (max_bytes={max_bytes})")
        return
    data = source.path.read_bytes()
    if not data.strip():
        yield error(label, "empty file")
        return
    reason = binary_reason(data)
    if reason:
        yield error(label, reason)
        return
    fmt = source.format or _sniff(data)
    if fmt == "html":
        yield from read_html(data, doc_id, source.shown)
    elif fmt == "feed":
        yield from read_feed(data, source.shown, source.shown)
    elif fmt == "jsonl":
        yield from iter_jsonl(io.BytesIO(data).readline, source.shown, path=source.shown, max_bytes=max_bytes)
    else:
        text, bad_bytes = decode(data)
        if bad_bytes:
            yield warning(doc_id, bad_bytes)
        yield from read_crawler_text(text, doc_id, source.shown)


class _TextLines:
    """`readline(limit)` in bytes over a text stream (stdin given as TextIO)."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def readline(self, limit: int) -> bytes:
        return self.stream.readline(limit).encode("utf-8", "surrogateescape")


def _read_table(source: _Source, max_bytes: int) -> Iterator[Article | DocumentError]:
    """A many-record format (JSON Lines, gzip'd or not, CSV/TSV), streamed."""
    assert source.path is not None
    opener = gzip.open if source.path.name.lower().endswith(".gz") else open
    with open(source.path, "rb") as raw:
        head = raw.read(8192)
    if not head.strip():
        yield error(source.shown, "empty file")
        return
    if opener is open and (reason := binary_reason(head)):
        yield error(source.shown, reason)
        return
    with opener(source.path, "rb") as stream:
        if source.format == "jsonl":
            yield from iter_jsonl(stream.readline, source.shown, path=source.shown, max_bytes=max_bytes)
        else:
            delimiter = "\t" if source.format == "tsv" else ","
            yield from iter_csv(stream, source.shown, path=source.shown, max_bytes=max_bytes, delimiter=delimiter)


def _stdin_readline(stdin: TextIO | None):
    stream = stdin if stdin is not None else sys.stdin
    buffer = getattr(stream, "buffer", None)
    return buffer.readline if buffer is not None else _TextLines(stream).readline


URL_TIMEOUT = 30.0


def _is_url(given: str) -> bool:
    return given.startswith(("http://", "https://"))


def read_url(url: str, max_bytes: int) -> Iterator[Article | DocumentError]:
    """A feed (RSS/Atom) or an HTML page named by URL: the one thing eventwire fetches, and
    only because the user asked for it. Sniffed like a file; errors name the URL."""
    import urllib.error
    import urllib.request

    from eventwire.ingest.markup import read_feed, read_html

    request = urllib.request.Request(url, headers={"User-Agent": "eventwire (+feed reader)"})
    try:
        with urllib.request.urlopen(request, timeout=URL_TIMEOUT) as response:
            data = response.read(max_bytes + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        yield error(url, f"cannot fetch: {getattr(exc, 'reason', None) or exc}")
        return
    if len(data) > max_bytes:
        yield error(url, f"too large: over {max_bytes} bytes")
        return
    if not data.strip():
        yield error(url, "empty response")
        return
    kind = _sniff(data)
    if kind == "feed":
        yield from read_feed(data, url, url)
    else:
        yield from read_html(data, url, url)


def iter_documents(
    paths: list[str], *, stdin: TextIO | None = None, max_bytes: int = 5_000_000
) -> Iterator[Article | DocumentError]:
    """Every document under `paths` ("-" is JSON Lines on `stdin`), in order.

    Yields Articles and DocumentErrors; a non-fatal problem is an `IngestWarning` yielded
    just before the Article it concerns (same id). Nothing is raised for bad input."""
    urls = [p for p in paths if _is_url(p)]
    sources = list(_expand([p for p in paths if not _is_url(p)]))
    page_ids = _page_ids(sources)
    for url in urls:
        yield from read_url(url, max_bytes)
    for source in sources:
        if isinstance(source, DocumentError):
            yield source
            continue
        try:
            if source.path is None:
                readline = _stdin_readline(stdin)
                yield from iter_jsonl(readline, _STDIN, path="-", max_bytes=max_bytes)
            elif source.format in _PAGE_FORMATS or source.format == "feed":
                yield from _read_page(source, page_ids.get(id(source), source.stem), max_bytes)
            else:
                yield from _read_table(source, max_bytes)
        except OSError as exc:
            yield error(source.shown, f"cannot read: {exc.strerror or exc}")
