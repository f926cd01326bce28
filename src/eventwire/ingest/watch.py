"""`eventwire watch DIR`: run files dropped into a folder as they arrive.

Polling, not inotify: it works the same on network mounts and in containers. A file is taken
once its size and modification time held still for one poll (a writer still copying it is
left for the next round); a file that changes later is read again, and the content hash
makes the articles already stored a no-op. The database is opened only while a round runs,
so `eventwire events` and the API can read between rounds; the pipeline (or the worker
processes) load once for the whole watch.

Ids: `run` names a one-article file by its stem, made unique among the files of that run. A
watch sees its files a few at a time, so a stem unique in one round may come back in another
("a/report.txt" now, "b/report.txt" later). Watched pages are therefore named by their path
under the watched folder ("a/report", "b/report": the same whatever else arrives with them), and
an id the database already holds for other text (a file replaced by a new one of the same name,
two JSON Lines files reusing record ids) takes the first 8 hex digits of its content hash
("report~3f2a9c01"): unique, and the same for the same text on every round.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from eventwire.ingest.sources import _PAGE_FORMATS, _without_suffix, format_of
from eventwire.ingest.records import IngestWarning
from eventwire.model import Article

log = logging.getLogger(__name__)

Stamp = tuple[int, int]  # (size, mtime_ns)


def snapshot(folder: str | Path) -> dict[str, Stamp]:
    """Every readable input file under `folder` (hidden entries skipped) with its stamp."""
    found: dict[str, Stamp] = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if name.startswith(".") or format_of(path) is None:
                continue
            try:
                st = path.stat()
            except OSError:  # removed between listing and stat
                continue
            found[str(path)] = (st.st_size, st.st_mtime_ns)
    return found


class Watcher:
    """Which files are new or changed and have settled since the last round."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.done: dict[str, Stamp] = {}
        self.last: dict[str, Stamp] = {}

    def ready(self) -> list[str]:
        now = snapshot(self.folder)
        settled = [p for p, stamp in now.items() if self.last.get(p) == stamp and self.done.get(p) != stamp]
        self.last = now
        return settled

    def mark(self, paths: list[str]) -> None:
        for p in paths:
            if p in self.last:
                self.done[p] = self.last[p]


def unique_ids(docs: Iterable, root: str | Path, store) -> Iterator:
    """`docs` with article ids stable under `root` and unique in `store` (see the module doc).
    Warnings come just before their article (same id) and are renamed with it."""
    root = Path(root)
    used: dict[str, str] = {}  # id -> content hash, for this round
    pending: list[IngestWarning] = []
    for doc in docs:
        if isinstance(doc, IngestWarning):
            pending.append(doc)
            continue
        if not isinstance(doc, Article):
            yield from pending
            pending = []
            yield doc
            continue
        old, new = doc.id, _watched_id(doc, root)
        digest = doc.content_hash
        if used.get(new, digest) != digest or _taken(store, new, digest):
            new = f"{new}~{digest[:8]}"
        used[new] = digest
        for w in pending:
            yield w.model_copy(update={"id": new}) if w.id == old else w
        pending = []
        yield doc if new == old else doc.model_copy(update={"id": new})
    yield from pending


def _watched_id(article: Article, root: Path) -> str:
    if article.format not in _PAGE_FORMATS or not article.path:
        return article.id  # records carry their own ids; feeds name items by their links
    try:
        relative = Path(article.path).relative_to(root).as_posix()
    except ValueError:
        return article.id
    return _without_suffix(relative)


def _taken(store, article_id: str, digest: str) -> bool:
    """Does the database hold other text under this id?"""
    stored = store.article(article_id)
    return stored is not None and stored.id == article_id and stored.content_hash != digest


def watch(
    dir: str | Path,
    db: str | Path,
    interval: float = 2.0,
    stop: threading.Event | None = None,
    *,
    max_rounds: int | None = None,
    workers: int = 1,
    batch_size: int = 64,
    time_limit: float | None = 60.0,
    on_result=None,
    on_report: Callable | None = None,
    pipeline=None,
) -> list:
    """Poll `dir` every `interval` seconds and run new files into `db` until `stop` is set
    (or `max_rounds` polls have passed). Returns the `RunReport` of every round that ran."""
    from eventwire.ingest import iter_documents
    from eventwire.runner import make_extractor, open_store, run_into

    stop = stop or threading.Event()
    watcher = Watcher(dir)
    reports = []
    extractor = make_extractor(workers, pipeline=pipeline, time_limit=time_limit)
    try:
        rounds = 0
        while not stop.is_set() and (max_rounds is None or rounds < max_rounds):
            rounds += 1
            paths = watcher.ready()
            if paths:
                with open_store(db) as store:
                    docs = unique_ids(iter_documents(paths), watcher.folder, store)
                    report = run_into(store, docs, extractor, batch_size=batch_size, on_result=on_result)
                watcher.mark(paths)
                reports.append(report)
                log.info("%d file(s): %d added, %d skipped, %d failed", len(paths), report.added, report.skipped, report.failed)
                if on_report is not None:
                    on_report(paths, report)
            stop.wait(interval)
    finally:
        extractor.close()
    return reports
