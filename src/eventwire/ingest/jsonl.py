"""JSON Lines records ``{"id", "text", "date"?, "title"?, "source"?, "url"?}``, streamed.

Lines are read with a size limit, so one huge or endless line cannot exhaust memory and a
multi-gigabyte archive is never loaded whole. Problems are reported as ``file:line``.
"""

from __future__ import annotations

import json
import zlib
from typing import Callable, Iterator

from eventwire.ingest.records import article_from_record, binary_reason, decode, error, warning
from eventwire.model import Article, DocumentError

ReadLine = Callable[[int], bytes]
_CHUNK = 1 << 20


def _skip_rest_of_line(readline: ReadLine) -> None:
    while True:
        chunk = readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def iter_jsonl(
    readline: ReadLine, name: str, *, path: str, max_bytes: int
) -> Iterator[Article | DocumentError]:
    """Articles (each after its warnings) and errors from a binary `readline(limit)`."""
    lineno = records = 0
    while True:
        where = f"{name}:{lineno + 1}"
        try:
            line = readline(max_bytes + 1)
            if len(line) > max_bytes and not line.endswith(b"\n"):
                _skip_rest_of_line(readline)
        except (OSError, EOFError, zlib.error) as exc:
            yield error(where, f"cannot read (corrupt or truncated file?): {exc}")
            return
        if not line:
            break
        lineno += 1
        if len(line.rstrip(b"\r\n")) > max_bytes:
            yield error(where, f"too large: record over {max_bytes} bytes")
            continue
        if not line.strip():
            continue
        records += 1
        reason = binary_reason(line)
        if reason:
            yield error(where, reason.replace("file", "data"))
            continue
        text, bad_bytes = decode(line)
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield error(where, f"malformed JSON ({exc.msg.removesuffix(' at').lower()}, column {exc.colno})")
            continue
        items = article_from_record(record, where, path=path, format="jsonl")
        if bad_bytes and isinstance(items[-1], Article):
            items.insert(0, warning(items[-1].id, bad_bytes))
        yield from items
    if records == 0:
        yield error(name, "empty file: no JSON Lines records")
