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

import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from queue import SimpleQueue
from typing import TextIO

import duckdb

from eventwire.gcpause import collector_paused
from eventwire.ingest import is_warning, iter_documents
from eventwire.ingest.language import non_english_reason
from eventwire.model import Article, DocumentError, DocumentResult
from eventwire.store import Store

log = logging.getLogger(__name__)

Hook = Callable[[Store, Article, DocumentResult], object]
FAILED_STAGES = frozenset({"extract", "timeout", "worker"})  # the document produced nothing
HARD_GRACE = 5.0  # seconds past the limit before a worker that ignores its alarm is killed
CHUNK, CHUNK_CHARS = 64, 200_000  # articles (characters) extracted together in one parse stream
COLLECT_EVERY = 64  # chunks a worker extracts between two runs of the cyclic collector


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


def open_store(db: str | Path, *, read_only: bool = False) -> Store:
    """The store (for writing unless `read_only`), or `DatabaseInUse` when another process
    has it open for writing."""
    try:
        return Store(db, read_only=read_only)
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


def parsed_sentences(article: Article) -> int:
    """The segments `extract` parses (body, headline, subheading): what sentences/s counts."""
    from eventwire.pipeline import PARSED_KINDS
    from eventwire.segment import segment

    return sum(s.kind in PARSED_KINDS for s in segment(article))


def extract_one(pipeline, article: Article, time_limit: float | None) -> tuple[DocumentResult, int]:
    """(result, sentences) for one article; never raises for a bad document."""
    try:
        with _alarm(time_limit):
            (result, sentences), = _counted(pipeline, [article])
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
            return _counted(pipeline, articles)
    except (_Timeout, Exception):
        return None


def _counted(pipeline, articles: list[Article]) -> list[tuple[DocumentResult, int]]:
    """(result, sentences) per article: from the pipeline's own segmentation when it gives
    it (segmenting again only to count cost ~5% of extraction), else counted here."""
    if hasattr(pipeline, "extract_counted"):
        got = list(pipeline.extract_counted(articles))
        if len(got) != len(articles):
            raise RuntimeError(f"{len(got)} results for {len(articles)} articles")
        return got
    return [(r, parsed_sentences(a)) for r, a in zip(pipeline.extract_many(articles), articles, strict=True)]


def extract_all(pipeline, articles: list[Article], time_limit: float | None) -> Iterator[tuple[DocumentResult, int]]:
    """(result, sentences) per article, in order: by chunks, a chunk that fails or runs past
    the limit redone one article at a time, so that only a culprit fails."""
    for chunk in chunks(articles):
        results = extract_chunk(pipeline, chunk, time_limit)
        if results is None:
            results = [extract_one(pipeline, a, time_limit) for a in chunk]
        yield from results


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
        return extract_all(self.pipeline, articles, self.time_limit)

    def submit(self, articles: list[Article]) -> list[Article]:
        return articles  # extracted when collected: the alarm works in the main thread only

    def collect(self, ticket: list[Article]) -> list[tuple[DocumentResult, int]]:
        return list(self.map(ticket))

    def close(self) -> None:
        pass


_FORKED_PIPELINE = None  # the parent's pipeline, inherited by forked workers


def _worker_main(conn, time_limit: float | None) -> None:
    """A worker: load the pipeline once (or inherit it), then extract until told to stop.
    A task is a chunk [(key, article), ...]; the answer is its results, or "retry" when
    the chunk must be redone one article at a time.

    A thread only receives: the pool keeps `IN_FLIGHT` chunks on each worker, and a chunk
    sent while the worker extracts must not wait in the pipe (a full pipe would block the
    pool's sender while this worker blocks sending its results: a deadlock)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    pipeline = _FORKED_PIPELINE
    if pipeline is None:
        from eventwire.pipeline import Pipeline

        pipeline = Pipeline.load()
    tasks: SimpleQueue = SimpleQueue()

    def receive() -> None:
        try:
            while (task := conn.recv()) is not None:
                tasks.put(task)
        except (EOFError, OSError):
            pass
        tasks.put(None)

    threading.Thread(target=receive, name="eventwire-receive", daemon=True).start()
    # The collector is off in a worker, and what was loaded (the model, the gazetteer, the
    # dictionaries) is out of its reach. Pausing it inside each chunk only was not enough:
    # switched back on with a chunk's results alive, it walked them at once (~1.5% of a
    # worker's CPU), and now and then everything loaded. A full collection every
    # `COLLECT_EVERY` chunks frees what cycles chunks leave (a failed document's traceback).
    gc.freeze()
    gc.disable()
    done = 0
    conn.send("ready")
    while (task := tasks.get()) is not None:
        results = extract_chunk(pipeline, [a for _, a in task], time_limit)
        conn.send("retry" if results is None else [(i, *r) for (i, _), r in zip(task, results)])
        del results
        done += 1
        if done % COLLECT_EVERY == 0:
            gc.collect()
    conn.close()
    # everything is sent: tearing the interpreter down (the model, the gazetteer) took ~0.4 s
    # of every run's end and buys nothing
    os._exit(0)


class _Worker:
    def __init__(self, ctx, time_limit):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, time_limit), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.tasks: deque[list[tuple[tuple[int, int], Article]]] = deque()  # sent, oldest first
        self.started = 0.0  # when the oldest task began

    def send(self, task: list[tuple[tuple[int, int], Article]]) -> None:
        if not self.tasks:
            self.started = time.monotonic()
        self.tasks.append(task)
        self.conn.send(task)

    def finished(self) -> list[tuple[tuple[int, int], Article]]:
        """The oldest task is answered; the next one began then."""
        self.started = time.monotonic()
        return self.tasks.popleft()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


@dataclass
class _Ticket:
    size: int
    done: dict[int, tuple[DocumentResult, int]] = field(default_factory=dict)
    ready: threading.Event = field(default_factory=threading.Event)


START_TRIES = 3  # workers that die before they are ready, in a row, before the pool gives up
# chunks sent to a worker before it answers the first: the next one waits in the worker, so a
# worker never idles while this process (busy storing a batch, holding the GIL) gets round
# to sending it (~0.9 s idle per worker per 10k short articles with one at a time)
IN_FLIGHT = 2


class PoolExtractor:
    """Extraction in `workers` processes; this process stays the only database writer.

    Each worker loads the pipeline once (forked workers inherit a pipeline given here) and
    takes chunks of articles, up to `IN_FLIGHT` at a time (the next one waiting in the worker).
    `submit` queues a batch and returns at once; a scheduling thread keeps every worker busy
    with the chunks of all queued batches, so the workers extract the next batches while this
    process stores and resolves the last one (`collect` waits for a batch's results, in input
    order).

    A chunk past its limit is first interrupted by an alarm inside the worker and redone one
    article at a time; a worker still busy `HARD_GRACE` seconds later (stuck in C code) is
    killed and replaced, and a worker that dies (a crash, the OOM killer) costs only the
    document it was on: its chunk is redone one article at a time, and the chunk it had not
    begun is sent again whole."""

    def __init__(self, workers: int, pipeline=None, time_limit: float | None = 60.0):
        global _FORKED_PIPELINE
        self.time_limit = time_limit
        fork = pipeline is not None and "fork" in multiprocessing.get_all_start_methods()
        self.ctx = multiprocessing.get_context("fork" if fork else "spawn")
        if fork:
            _FORKED_PIPELINE = pipeline
        self.workers = [_Worker(self.ctx, time_limit) for _ in range(workers)]
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._todo: list[list[tuple[tuple[int, int], Article]]] = []  # a stack: next chunk last
        self._tickets: dict[int, _Ticket] = {}
        self._next = 0
        self._closing = False
        self._error: BaseException | None = None
        self._failed_starts = 0
        self._thread = threading.Thread(target=self._serve, name="eventwire-pool", daemon=True)
        self._thread.start()

    def submit(self, articles: list[Article]) -> int:
        size = max(1, min(CHUNK, -(-len(articles) // len(self.workers))))  # every worker gets a share
        with self._lock:
            key = self._next
            self._next += 1
            self._tickets[key] = ticket = _Ticket(len(articles))
            index = {id(a): i for i, a in enumerate(articles)}
            new = [[((key, index[id(a)]), a) for a in chunk] for chunk in chunks(articles, size)]
            self._todo[:0] = new[::-1]  # behind the batches queued before
        if not articles:
            ticket.ready.set()
        self._wake.set()
        return key

    def collect(self, key: int) -> list[tuple[DocumentResult, int]]:
        ticket = self._tickets[key]
        while not ticket.ready.wait(0.5):
            if self._error is not None or not self._thread.is_alive():
                raise RuntimeError("the extraction pool stopped") from self._error
        with self._lock:
            del self._tickets[key]
        return [ticket.done[i] for i in range(ticket.size)]

    def map(self, articles: list[Article]) -> Iterator[tuple[DocumentResult, int]]:
        return iter(self.collect(self.submit(articles)))

    def _done(self, item_key: tuple[int, int], value: tuple[DocumentResult, int]) -> None:
        with self._lock:
            ticket = self._tickets.get(item_key[0])
        if ticket is not None:
            ticket.done[item_key[1]] = value
            if len(ticket.done) == ticket.size:
                ticket.ready.set()

    def _serve(self) -> None:
        try:
            while not self._closing:
                self._step()
        except BaseException as exc:  # surfaced by collect()
            self._error = exc

    def _step(self) -> None:
        with self._lock:
            for worker in self.workers:
                if worker.ready and not worker.tasks and self._todo:
                    worker.send(self._todo.pop())
            # a chunk queued behind another only while there is work for every worker: at the
            # end of the input it would wait on one worker while another sits idle
            for worker in self.workers:
                while worker.ready and len(worker.tasks) < IN_FLIGHT and len(self._todo) >= len(self.workers):
                    worker.send(self._todo.pop())
            busy = any(w.tasks or not w.ready for w in self.workers)
        if not busy:
            self._wake.wait(0.5)
            self._wake.clear()
            return
        by_conn = {w.conn: w for w in self.workers}
        for conn in wait(list(by_conn), timeout=0.2):
            worker = by_conn[conn]
            try:
                message = conn.recv()
            except (EOFError, OSError):
                self._lost(worker, f"worker died (exit code {worker.process.exitcode})")
                continue
            if message == "ready":
                worker.ready = True
                self._failed_starts = 0
            elif message == "retry":
                task = worker.finished()
                with self._lock:
                    self._todo += [[item] for item in task]
            else:
                worker.finished()
                for key, result, sentences in message:
                    self._done(key, (result, sentences))
        limit = self._hard_limit()
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.tasks and limit and now - worker.started > limit:
                self._lost(worker, f"timed out after {self.time_limit:g} s", stage="timeout")

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        fresh = _Worker(self.ctx, self.time_limit)
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def _hard_limit(self) -> float | None:
        return self.time_limit + HARD_GRACE if self.time_limit else None

    def _lost(self, worker: _Worker, reason: str, stage: str = "worker") -> None:
        """The worker is gone or stuck: a chunk is redone one article at a time, a single
        article fails; a new worker takes its place."""
        if worker.tasks:
            culprit, *unstarted = worker.tasks
            with self._lock:  # a stack: the culprit's articles one by one first, then what never began, whole
                self._todo += unstarted[::-1] + ([[item] for item in culprit] if len(culprit) > 1 else [])
            if len(culprit) == 1:
                key, article = culprit[0]
                self._done(key, (_failure(article, stage, reason), 0))
        if not worker.ready:
            # a worker that dies while loading will die again (a missing model, no memory):
            # replacing it forever would hang the run without a word
            self._failed_starts += 1
            if self._failed_starts >= START_TRIES:
                raise RuntimeError(f"extraction workers die before they are ready ({reason}); "
                                   f"{START_TRIES} starts failed in a row")
        log.warning("replacing worker %s: %s", worker.process.pid, reason)
        self._replace(worker)

    def close(self) -> None:
        self._closing = True
        self._wake.set()
        self._thread.join(10)
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

    @property
    def inner(self):
        if self._inner is None:
            if self.workers > 1:
                self._inner = PoolExtractor(self.workers, self.pipeline, self.time_limit)
            else:
                self._inner = InlineExtractor(self.pipeline, self.time_limit)
        return self._inner

    @property
    def parallel(self) -> bool:
        """Whether extraction runs beside this process (so batches can be queued ahead)."""
        return self.workers > 1

    def map(self, articles: list[Article]) -> Iterator[tuple[DocumentResult, int]]:
        if not articles:
            return iter(())
        return self.inner.map(articles)

    def submit(self, articles: list[Article]):
        return self.inner.submit(articles) if articles else None

    def collect(self, ticket) -> list[tuple[DocumentResult, int]]:
        return [] if ticket is None else self.inner.collect(ticket)

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


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


REPLAY_BATCH = 256  # queued hooks replayed together


def replay_hooks(store: Store, on_result: Hook) -> int:
    """Run the hook for articles an interrupted run committed but did not get through."""
    replayed = 0
    queued = store.queued_hooks()
    batch_hook = getattr(on_result, "batch", None)
    for start in range(0, len(queued), REPLAY_BATCH if batch_hook else 1):
        documents = []
        for content_hash in queued[start:start + (REPLAY_BATCH if batch_hook else 1)]:
            article, result = store.article(content_hash), store.stored_result(content_hash)
            if article is not None and result is not None:
                documents.append((article, result))
            elif batch_hook is None:
                store.hook_done(content_hash)
        if batch_hook is not None:
            batch_hook(store, documents, hooks_done=True)
            for content_hash in queued[start:start + REPLAY_BATCH]:
                store.hook_done(content_hash)  # a hash whose article is gone: nothing to run
        else:
            for article, result in documents:
                on_result(store, article, result)
                store.hook_done(article.content_hash)
        replayed += len(documents)
    return replayed


def _commit(store: Store, batch: _Batch, results: list[tuple[DocumentResult, int]], report: RunReport,
            on_result: Hook | None, tick) -> None:
    """Store an extracted batch in one transaction, then run the hook over it."""
    documents: list[tuple[Article, DocumentResult]] = []
    failures = list(batch.failures)
    for (article, warnings), (result, sentences) in zip(batch.articles, results, strict=True):
        hard = [e for e in result.errors if e.stage in FAILED_STAGES]
        for e in hard:
            failures.append((e, article.path, "error"))
        soft = [e for e in result.errors if e.stage not in FAILED_STAGES]
        if warnings or len(soft) < len(result.errors):
            result = result.model_copy(update={"errors": warnings + soft})
        documents.append((article, result))
        report.sentences += sentences
        report.failed += bool(hard)
        report.added += not hard
        tick()
    store_batch = getattr(on_result, "store_batch", None)
    if store_batch is not None:  # the hook writes in the batch's own transaction: nothing queued
        store_batch(store, documents, failures=failures)
        return
    store.add_results(documents, failures=failures, queue=on_result is not None)
    if on_result is None:
        return
    batch_hook = getattr(on_result, "batch", None)
    if batch_hook is not None:  # one transaction for the batch, the queue cleared in it
        batch_hook(store, documents, hooks_done=True)
        return
    for article, result in documents:
        on_result(store, article, result)
        store.hook_done(article.content_hash)


FIRST_BATCH = 256
# `eventwire run`'s --batch-size: the writer's CPU per article fell with larger batches (1,024
# took ~15% less than 256; on 100k articles 4,096 took 46 s against 48 s for 2,048 and 54 s
# for 1,024, so `run` took 109 s against 117 s), for ~40 MB more memory in the writer per
# doubling and a last batch that is stored after the workers are done
BATCH_SIZE = 4096
AHEAD = 2  # batches the workers extract while this process stores and resolves the last one


def run_into(
    store: Store,
    documents: Iterable[Article | DocumentError],
    extractor,
    *,
    batch_size: int = 64,
    on_result: Hook | None = None,
    progress=None,
) -> RunReport:
    """`run` on an open store with a ready extractor (what `watch` reuses between polls).

    With worker processes, batches are queued `AHEAD` deep: the workers extract them while
    this process, the only writer, commits and resolves the batch before. A batch is still
    committed whole and in input order, so a kill loses only uncommitted batches, which
    the next run redoes."""
    started = time.perf_counter()
    report = RunReport()
    if on_result is not None:
        report.hooks_replayed = replay_hooks(store, on_result)
    tick = progress or (lambda n=1: None)
    ahead = AHEAD if getattr(extractor, "parallel", False) else 0
    pending: deque[tuple[_Batch, object]] = deque()
    in_flight: set[str] = set()  # hashes of queued, not yet committed articles

    def drain(keep: int) -> None:
        while len(pending) > keep:
            done, ticket = pending.popleft()
            results = extractor.collect(ticket) if hasattr(extractor, "collect") else list(extractor.map(ticket))
            _commit(store, done, results, report, on_result, tick)
            in_flight.difference_update(done.hashes)

    def queue(batch: _Batch) -> None:
        # one indexed lookup for the batch instead of one per article
        stored = store.stored_hashes_of([a.content_hash for a, _ in batch.articles])
        if stored:
            batch.articles = [(a, w) for a, w in batch.articles if a.content_hash not in stored]
            batch.hashes -= stored
            report.skipped += len(stored)
            tick(len(stored))
        articles = [a for a, _ in batch.articles]
        pending.append((batch, extractor.submit(articles) if hasattr(extractor, "submit") else articles))
        in_flight.update(batch.hashes)
        drain(ahead)

    # Batches start small and double up to `batch_size`: the workers get going at once, and a
    # long run pays the writer's per-transaction costs (commit, index lookups, the resolution
    # queries) over many articles (see `BATCH_SIZE`). The cyclic collector is off for the
    # run: it allocates far more than it frees (the resolution's indexes only grow, batches
    # wait for the workers), and collections kept rescanning what survived (~15% of the
    # writer's CPU on 10k articles with it on during commits, ~3% more with it on between
    # them); a 10k run leaves 337 objects in cycles, found by the first collection after it.
    with collector_paused():
        size = min(batch_size, FIRST_BATCH)
        batch = _Batch()
        for article, warnings, error in units(documents):
            if error is not None:
                batch.failures += [(w, None, "warning") for w in warnings] + [(error, None, "error")]
                report.failed += 1
                tick()
            elif (content_hash := article.content_hash) in batch.hashes or content_hash in in_flight:
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
                batch.hashes.add(content_hash)  # a property that hashes the text each time: once here
            if len(batch) >= size:
                queue(batch)
                batch = _Batch()
                size = min(2 * size, batch_size)
        if len(batch):
            queue(batch)
        drain(0)
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
        if workers > 1:
            # the workers keep every core busy; DuckDB's own threads (one per core) only took
            # CPU from them (10k articles on 2 cores: the parent ~0.05 ms/article less with one)
            store.execute("SET threads = 1")
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
        task = bar.add_task("articles", total=total, rate="")
        t0 = time.perf_counter()

        def tick(n: int = 1) -> None:
            done = bar.tasks[0].completed + n
            elapsed = time.perf_counter() - t0
            bar.update(task, advance=n, rate=f"{done / elapsed:6.1f} articles/s" if elapsed > 0 else "")

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
