"""The batch runner behind `eventwire run` and `eventwire watch`: documents in, database out,
nothing lost and nothing done twice.

    report = run(["corpus/"], "events.duckdb", workers=2)

Documents stream from `iter_documents`; an article already in the store (same content hash)
is skipped; non-English text is recorded as skipped; the rest are extracted, in worker
processes when `workers > 1`, each under a time limit. Every batch — articles, events,
mentions, failures and the hook queue — is committed in ONE transaction, so a run killed at
any moment (SIGKILL included) and run again ends with every document stored exactly once:
a committed batch is skipped by its content hashes, an uncommitted one left no trace.

`on_result(store, article, result)` runs after each commit (cross-article resolution needs
the events stored, and opens its own transaction). Articles committed but not yet through
the hook stay in the store's `hook_queue` and are replayed first on the next run, so the
hook runs at least once per article; it must tolerate a replay of the article it was running
when the process died.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import TextIO

import duckdb

from eventwire.ingest import is_warning, iter_documents
from eventwire.ingest.language import non_english_reason
from eventwire.model import Article, DocumentError, DocumentResult
from eventwire.store import Store

log = logging.getLogger(__name__)

Hook = Callable[[Store, Article, DocumentResult], object]
FAILED_STAGES = frozenset({"extract", "timeout", "worker"})  # the document produced nothing
HARD_GRACE = 5.0  # seconds past the limit before a worker that ignores its alarm is killed
CHUNK, CHUNK_CHARS = 64, 200_000  # articles (characters) extracted together in one parse stream


class DatabaseInUse(RuntimeError):
    """Another process holds the DuckDB file (DuckDB allows one writer per file)."""


@dataclass
class RunReport:
    added: int = 0  # articles stored by this run
    skipped: int = 0  # already stored, repeated in the input, or not English
    failed: int = 0  # ingest errors, extraction failures, time-outs
    seconds: float = 0.0
    sentences: int = 0  # parseable segments (body, headline, subheading) of the extracted articles
    counts: dict[str, int] = field(default_factory=dict)  # the database's tables after the run
    languages: dict[str, int] = field(default_factory=dict)  # skipped documents by language code
    hooks_replayed: int = 0  # queued hooks from an interrupted run, run first

    @property
    def documents(self) -> int:
        return self.added + self.skipped + self.failed

    def summary(self, db: str | Path) -> str:
        rate = self.sentences / self.seconds if self.seconds else 0.0
        return (
            f"{self.added} article(s) added, {self.skipped} skipped, {self.failed} failed in {self.seconds:.1f} s"
            f" ({rate:.0f} sentences/s); database {db}: {self.counts}"
        )


# -- opening the store -----------------------------------------------------------------------


def open_store(db: str | Path) -> Store:
    """The store for writing, or `DatabaseInUse` when another process has it open."""
    try:
        return Store(db)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseInUse(f"database {db} is in use by another eventwire process") from exc
        raise


# -- extraction under a time limit -----------------------------------------------------------


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so the pipeline's per-document `except Exception`
    does not swallow it."""


def _on_alarm(signum, frame):
    raise _Timeout


@contextmanager
def _alarm(seconds: float | None):
    """SIGALRM after `seconds` (main thread only; elsewhere no soft limit)."""
    usable = bool(seconds) and threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _failure(article: Article, stage: str, reason: str) -> DocumentResult:
    return DocumentResult(id=article.id, date=article.date, errors=[DocumentError(id=article.id, stage=stage, reason=reason)])


def _timed_out(article: Article, limit: float) -> DocumentResult:
    return _failure(article, "timeout", f"timed out after {limit:g} s")


def _sentences(article: Article) -> int:
    from eventwire.pipeline import PARSED_KINDS
    from eventwire.segment import segment

    return sum(s.kind in PARSED_KINDS for s in segment(article))


def extract_one(pipeline, article: Article, time_limit: float | None) -> tuple[DocumentResult, int]:
    """(result, sentences) for one article; never raises for a bad document."""
    try:
        with _alarm(time_limit):
            result = pipeline.extract(article)
            sentences = _sentences(article)
    except _Timeout:
        return _timed_out(article, time_limit or 0), 0
    except Exception as exc:  # pipeline.extract already catches; segment() might not
        return _failure(article, "extract", f"{type(exc).__name__}: {exc}"), 0
    return result, sentences


def extract_chunk(pipeline, articles: list[Article], time_limit: float | None) -> list[tuple[DocumentResult, int]] | None:
    """(result, sentences) for a chunk parsed as one `nlp.pipe` stream (small per-article
    batches leave the parser's matrix work badly amortised), or None when the chunk ran past
    the limit or broke: then its articles are redone one by one, so that only a culprit fails."""
    if len(articles) == 1:
        return [extract_one(pipeline, articles[0], time_limit)]
    try:
        with _alarm(time_limit):
            return [(r, _sentences(a)) for r, a in zip(pipeline.extract_many(articles), articles, strict=True)]
    except (_Timeout, Exception):
        return None


def chunks(articles: list[Article], size: int = CHUNK, max_chars: int = CHUNK_CHARS) -> Iterator[list[Article]]:
    """Runs of up to `size` articles and `max_chars` characters; a long article goes alone."""
    chunk: list[Article] = []
    chars = 0
    for article in articles:
        if chunk and (len(chunk) >= size or chars + len(article.text) > max_chars):
            yield chunk
            chunk, chars = [], 0
        chunk.append(article)
        chars += len(article.text)
    if chunk:
        yield chunk


class InlineExtractor:
    """Extraction in this process (workers=1): the alarm interrupts Python code that runs
    past the limit; a C routine that never returns cannot be stopped here (use workers)."""

    def __init__(self, pipeline=None, time_limit: float | None = 60.0):
        if pipeline is None:
            from eventwire.pipeline import Pipeline

            pipeline = Pipeline.load()
        self.pipeline = pipeline
        self.time_limit = time_limit

    def map(self, articles: list[Article]) -> Iterator[tuple[DocumentResult, int]]:
        for chunk in chunks(articles):
            results = extract_chunk(self.pipeline, chunk, self.time_limit)
            if results is None:
                results = [extract_one(self.pipeline, a, self.time_limit) for a in chunk]
            yield from results

    def close(self) -> None:
        pass


_FORKED_PIPELINE = None  # the parent's pipeline, inherited by forked workers


def _worker_main(conn, time_limit: float | None) -> None:
    """A worker: load the pipeline once (or inherit it), then extract until told to stop.
    A task is a chunk [(index, article), ...]; the answer is its results, or "retry" when
    the chunk must be redone one article at a time."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    pipeline = _FORKED_PIPELINE
    if pipeline is None:
        from eventwire.pipeline import Pipeline

        pipeline = Pipeline.load()
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        results = extract_chunk(pipeline, [a for _, a in task], time_limit)
        conn.send("retry" if results is None else [(i, *r) for (i, _), r in zip(task, results)])


class _Worker:
    def __init__(self, ctx, time_limit):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, time_limit), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.task: list[tuple[int, Article]] | None = None
        self.started = 0.0

    def send(self, task: list[tuple[int, Article]]) -> None:
        self.task = task
        self.started = time.monotonic()
        self.conn.send(task)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class PoolExtractor:
    """Extraction in `workers` processes; this process stays the only database writer.

    Each worker loads the pipeline once (forked workers inherit a pipeline given here) and
    takes chunks of articles. A chunk past its limit is first interrupted by an alarm inside
    the worker and redone one article at a time; a worker still busy `HARD_GRACE` seconds
    later (stuck in C code) is killed and replaced, and a worker that dies (a crash, the OOM
    killer) costs only the document it was on: its chunk is redone one article at a time."""

    def __init__(self, workers: int, pipeline=None, time_limit: float | None = 60.0):
        global _FORKED_PIPELINE
        self.time_limit = time_limit
        fork = pipeline is not None and "fork" in multiprocessing.get_all_start_methods()
        self.ctx = multiprocessing.get_context("fork" if fork else "spawn")
        if fork:
            _FORKED_PIPELINE = pipeline
        self.workers = [_Worker(self.ctx, time_limit) for _ in range(workers)]

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        fresh = _Worker(self.ctx, self.time_limit)
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def _hard_limit(self) -> float | None:
        return self.time_limit + HARD_GRACE if self.time_limit else None

    def map(self, articles: list[Article]) -> Iterator[tuple[DocumentResult, int]]:
        at = {id(a): i for i, a in enumerate(articles)}
        size = max(1, min(CHUNK, -(-len(articles) // len(self.workers))))  # every worker gets a share
        todo = [[(at[id(a)], a) for a in chunk] for chunk in chunks(articles, size)][::-1]
        done: dict[int, tuple[DocumentResult, int]] = {}
        while len(done) < len(articles):
            for worker in self.workers:
                if worker.ready and worker.task is None and todo:
                    worker.send(todo.pop())
            by_conn = {w.conn: w for w in self.workers}
            for conn in wait(list(by_conn), timeout=0.5):
                worker = by_conn[conn]
                try:
                    message = conn.recv()
                except (EOFError, OSError):
                    self._lost(worker, done, todo, f"worker died (exit code {worker.process.exitcode})")
                    continue
                if message == "ready":
                    worker.ready = True
                elif message == "retry":
                    todo += [[item] for item in worker.task]
                    worker.task = None
                else:
                    for index, result, sentences in message:
                        done[index] = (result, sentences)
                    worker.task = None
            limit = self._hard_limit()
            now = time.monotonic()
            for worker in list(self.workers):
                if worker.task is not None and limit and now - worker.started > limit:
                    self._lost(worker, done, todo, f"timed out after {self.time_limit:g} s", stage="timeout")
        yield from (done[i] for i in range(len(articles)))

    def _lost(self, worker: _Worker, done: dict, todo: list, reason: str, stage: str = "worker") -> None:
        """The worker is gone or stuck: a chunk is redone one article at a time, a single
        article fails; a new worker takes its place."""
        if worker.task is not None:
            if len(worker.task) > 1:
                todo += [[item] for item in worker.task]
            else:
                index, article = worker.task[0]
                done[index] = (_failure(article, stage, reason), 0)
        log.warning("replacing worker %s: %s", worker.process.pid, reason)
        self._replace(worker)

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in self.workers:
            worker.process.join(5)
            worker.kill()


class LazyExtractor:
    """Loads the pipeline or starts the workers on the first batch that needs them: a re-run
    over stored documents (or a watch round of duplicates) costs no model load."""

    def __init__(self, workers: int, pipeline, time_limit: float | None):
        self.workers, self.pipeline, self.time_limit = workers, pipeline, time_limit
        self._inner = None

    def map(self, articles: list[Article]) -> Iterator[tuple[DocumentResult, int]]:
        if not articles:
            return iter(())
        if self._inner is None:
            if self.workers > 1:
                self._inner = PoolExtractor(self.workers, self.pipeline, self.time_limit)
            else:
                self._inner = InlineExtractor(self.pipeline, self.time_limit)
        return self._inner.map(articles)

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()


def make_extractor(workers: int = 1, *, pipeline=None, time_limit: float | None = 60.0) -> LazyExtractor:
    return LazyExtractor(workers, pipeline, time_limit)


# -- the run ---------------------------------------------------------------------------------


@dataclass
class _Batch:
    articles: list[tuple[Article, list[DocumentError]]] = field(default_factory=list)
    failures: list[tuple[DocumentError, str | None, str]] = field(default_factory=list)
    hashes: set[str] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.articles) + len(self.failures)


def units(items: Iterable[Article | DocumentError]) -> Iterator[tuple[Article | None, list[DocumentError], DocumentError | None]]:
    """(article, warnings, error): ingest yields a document's warnings just before it."""
    pending: list[DocumentError] = []
    for item in items:
        if is_warning(item):
            pending.append(item)
        elif isinstance(item, DocumentError):
            yield None, pending, item
            pending = []
        else:
            yield item, pending, None
            pending = []


def replay_hooks(store: Store, on_result: Hook) -> int:
    """Run the hook for articles an interrupted run committed but did not get through."""
    replayed = 0
    for content_hash in store.queued_hooks():
        article, result = store.article(content_hash), store.stored_result(content_hash)
        if article is not None and result is not None:
            on_result(store, article, result)
            replayed += 1
        store.hook_done(content_hash)
    return replayed


def _commit(store: Store, batch: _Batch, extractor, report: RunReport, on_result: Hook | None, tick) -> None:
    """Extract the batch's articles, then store everything in one transaction."""
    articles = [a for a, _ in batch.articles]
    documents: list[tuple[Article, DocumentResult]] = []
    failures = list(batch.failures)
    for (article, warnings), (result, sentences) in zip(batch.articles, extractor.map(articles), strict=True):
        hard = [e for e in result.errors if e.stage in FAILED_STAGES]
        for e in hard:
            failures.append((e, article.path, "error"))
        soft = [e for e in result.errors if e.stage not in FAILED_STAGES]
        documents.append((article, result.model_copy(update={"errors": warnings + soft})))
        report.sentences += sentences
        report.failed += bool(hard)
        report.added += not hard
        tick()
    store.add_results(documents, failures=failures, queue=on_result is not None)
    if on_result is not None:
        for article, result in documents:
            on_result(store, article, result)
            store.hook_done(article.content_hash)


def run_into(
    store: Store,
    documents: Iterable[Article | DocumentError],
    extractor,
    *,
    batch_size: int = 64,
    on_result: Hook | None = None,
    progress=None,
) -> RunReport:
    """`run` on an open store with a ready extractor (what `watch` reuses between polls)."""
    started = time.perf_counter()
    report = RunReport()
    if on_result is not None:
        report.hooks_replayed = replay_hooks(store, on_result)
    tick = progress or (lambda n=1: None)
    batch = _Batch()
    for article, warnings, error in units(documents):
        if error is not None:
            batch.failures += [(w, None, "warning") for w in warnings] + [(error, None, "error")]
            report.failed += 1
            tick()
        elif article.content_hash in batch.hashes or store.has_article(article.content_hash):
            report.skipped += 1
            tick()
        elif reason := non_english_reason(article.text):
            batch.failures.append((DocumentError(id=article.id, stage="language", reason=reason), article.path, "skipped"))
            code = reason.rsplit("(", 1)[-1].rstrip(")")
            report.languages[code] = report.languages.get(code, 0) + 1
            report.skipped += 1
            tick()
        else:
            batch.articles.append((article, warnings))
            batch.hashes.add(article.content_hash)
        if len(batch) >= batch_size:
            _commit(store, batch, extractor, report, on_result, tick)
            batch = _Batch()
    if len(batch):
        _commit(store, batch, extractor, report, on_result, tick)
    report.counts = store.counts()
    report.seconds = time.perf_counter() - started
    return report


def run(
    inputs: list[str],
    db: str | Path,
    *,
    workers: int = 1,
    batch_size: int = 64,
    progress: bool = True,
    time_limit: float | None = 60.0,
    on_result: Hook | None = None,
    pipeline=None,
    stdin: TextIO | None = None,
) -> RunReport:
    """Extract events from `inputs` (files, folders, "-" for JSON Lines on stdin) into `db`.

    Raises `DatabaseInUse` when another process has the database open. `pipeline` reuses a
    loaded `Pipeline` (workers then fork from this process instead of loading their own)."""
    started = time.perf_counter()
    store = open_store(db)
    extractor = None
    try:
        extractor = make_extractor(workers, pipeline=pipeline, time_limit=time_limit)
        documents = iter_documents(inputs, stdin=stdin)
        with _progress(progress, inputs) as tick:
            report = run_into(store, documents, extractor, batch_size=batch_size, on_result=on_result, progress=tick)
    finally:
        if extractor is not None:
            extractor.close()
        store.close()
    report.seconds = time.perf_counter() - started
    return report


# -- progress ---------------------------------------------------------------------------------


def estimate_total(inputs: list[str]) -> int | None:
    """How many documents `inputs` hold, counted cheaply (lines of plain JSON Lines, one per
    page); None when a source can't be counted without parsing it (stdin, gzip, CSV, feeds)."""
    from eventwire.ingest.sources import _expand

    total = 0
    for source in _expand(inputs):
        if isinstance(source, DocumentError):
            total += 1
        elif source.path is None or source.format in ("csv", "tsv", "feed") or source.path.name.endswith(".gz"):
            return None
        elif source.format == "jsonl":
            with open(source.path, "rb") as f:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
        else:
            total += 1
    return total


@contextmanager
def _progress(enabled: bool, inputs: list[str]):
    """A rich progress bar with rate and ETA on a terminal; a no-op elsewhere."""
    if not enabled or not sys.stderr.isatty():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    total = estimate_total(inputs)
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("documents", total=total, rate="")
        t0 = time.perf_counter()

        def tick(n: int = 1) -> None:
            done = bar.tasks[0].completed + n
            elapsed = time.perf_counter() - t0
            bar.update(task, advance=n, rate=f"{done / elapsed:6.1f} docs/s" if elapsed > 0 else "")

        yield tick


# -- command line for subprocess use (the CLI proper lives in eventwire.cli) ------------------


def main(argv: list[str] | None = None) -> int:
    """`python -m eventwire.runner DB INPUT... [--workers N] [--batch-size N]`."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m eventwire.runner")
    parser.add_argument("db")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args(argv)
    try:
        report = run(args.inputs, args.db, workers=args.workers, batch_size=args.batch_size, time_limit=args.time_limit)
    except DatabaseInUse as exc:
        print(exc, file=sys.stderr)
        return 3
    print(report.summary(args.db), file=sys.stderr)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
