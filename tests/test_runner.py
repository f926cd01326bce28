"""The batch runner: exactly-once storage across SIGKILLs, workers, time limits, languages,
the concurrent-run lock, watch, and bounded memory on a large streamed input."""

from __future__ import annotations

import importlib.util
import io
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from eventwire import runner
from eventwire.ingest.watch import watch
from eventwire.runner import DatabaseInUse, run
from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("stress", ROOT / "bench" / "stress.py")
stress = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(stress)

RECORDS = 40
BATCH = 6


def _hook(store: Store, article, result) -> None:
    """An idempotent post-commit hook, as cross-article resolution must be."""
    with store.transaction() as cur:
        cur.execute("CREATE TABLE IF NOT EXISTS hook_log (content_hash VARCHAR PRIMARY KEY, events INTEGER)")
        cur.execute("INSERT INTO hook_log VALUES (?, ?) ON CONFLICT DO NOTHING", [article.content_hash, len(result.events)])


def _hooked(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(h for (h,) in con.execute("SELECT content_hash FROM hook_log").fetchall())
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return stress.write_corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl", stress.news_corpus(RECORDS))


@pytest.fixture(scope="module")
def reference(corpus, pipeline, tmp_path_factory):
    """An uninterrupted single-process run."""
    db = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    report = run([str(corpus)], db, batch_size=BATCH, progress=False, on_result=_hook, pipeline=pipeline)
    return db, report


def test_a_run_stores_news_skips_german_and_records_bad_lines(reference):
    db, report = reference
    # 40 lines: 1 German, 1 repeated text, 2 broken records; the rest are distinct articles
    assert report.added == RECORDS - 4
    assert report.skipped == 2 and report.languages == {"de": 1}
    assert report.failed == 2
    assert report.sentences >= 2 * report.added
    snap = stress.snapshot(db)
    assert len(snap["events"]) >= report.added  # every story reports at least one attack
    reasons = {(i, stage, level): reason for i, stage, reason, level in snap["errors"]}
    assert reasons[("de-1", "language", "skipped")] == "language: looks like German (de)"
    assert "'text' must be a string" in reasons[("wrong-type", "ingest", "error")]
    assert any(stage == "ingest" and "malformed JSON" in reason for _, stage, reason, _ in snap["errors"])
    assert _hooked(db) == snap["articles"] and snap["queued_hooks"] == 0


def test_sentences_are_counted_from_the_segmentation_extraction_made(corpus, pipeline):
    from eventwire.ingest import iter_documents
    from eventwire.model import Article

    articles = [a for a in iter_documents([str(corpus)]) if isinstance(a, Article)][:12]
    counted = runner.extract_chunk(pipeline, articles, None)
    assert [s for _, s in counted] == [runner.parsed_sentences(a) for a in articles]
    assert [r for r, _ in counted] == list(pipeline.extract_many(articles))
    assert sum(s for _, s in counted) >= 2 * len(articles)


def test_a_second_run_adds_nothing(reference, corpus, pipeline):
    db, _ = reference
    before = stress.snapshot(db)
    report = run([str(corpus)], db, batch_size=BATCH, progress=False, on_result=_hook, pipeline=pipeline)
    assert report.added == 0 and report.sentences == 0
    assert stress.snapshot(db) == before


def _killed_run(db: Path, corpus: Path, pipeline, after: int | None, delay: float = 0.0) -> bool:
    """Fork a run and SIGKILL it once `after` articles went through the hook (or after
    `delay` seconds). True if it was killed before finishing."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()

    def hook(store, article, result):
        _hook(store, article, result)
        child.send(article.id)

    def target():
        run([str(corpus)], db, batch_size=BATCH, progress=False, on_result=hook, pipeline=pipeline)

    proc = ctx.Process(target=target)
    proc.start()
    seen, deadline = 0, time.monotonic() + 60
    while proc.is_alive() and time.monotonic() < deadline:
        if after is None:
            time.sleep(delay)
            break
        if parent.poll(0.05):
            parent.recv()
            seen += 1
            if seen >= after:
                break
    alive = proc.is_alive()
    proc.kill()
    proc.join()
    assert proc.exitcode in (0, -signal.SIGKILL), f"the run died on its own: exit code {proc.exitcode}"
    return alive


def test_sigkill_at_several_points_then_resume_equals_an_uninterrupted_run(reference, corpus, pipeline, tmp_path):
    ref_db, _ = reference
    db = tmp_path / "killed.duckdb"
    # at an arbitrary moment, mid-hook of a batch, at a batch boundary, mid-hook again
    kills = [_killed_run(db, corpus, pipeline, None, delay=0.2)]
    kills += [_killed_run(db, corpus, pipeline, after) for after in (1, BATCH, 3)]
    assert sum(kills) >= 3
    partial = stress.snapshot(db)
    assert 0 < len(partial["articles"]) < RECORDS - 4
    report = run([str(corpus)], db, batch_size=BATCH, progress=False, on_result=_hook, pipeline=pipeline)
    assert report.added > 0
    final, expected = stress.snapshot(db), stress.snapshot(ref_db)
    assert final == expected
    assert final["duplicate_events"] == 0 and final["duplicate_mentions"] == 0
    assert _hooked(db) == final["articles"]  # every article went through the hook


def test_two_workers_give_the_same_database_as_one(reference, corpus, pipeline, tmp_path):
    ref_db, _ = reference
    db = tmp_path / "workers.duckdb"
    report = run([str(corpus)], db, workers=2, batch_size=BATCH, progress=False, on_result=_hook, pipeline=pipeline)
    assert report.added == RECORDS - 4
    assert stress.snapshot(db) == stress.snapshot(ref_db)


def test_a_document_over_the_time_limit_is_recorded_and_the_batch_goes_on(pipeline, tmp_path):
    lines = stress.news_corpus(4, seed=3, hostile=False)
    corpus = stress.write_corpus(tmp_path / "c.jsonl", lines)
    db = tmp_path / "t.duckdb"
    report = run([str(corpus)], db, progress=False, time_limit=1e-4, pipeline=pipeline)
    with Store(db, read_only=True) as store:
        errors = store.errors()
        assert store.counts()["events"] == 0
    assert report.failed == 4
    assert {e["reason"] for e in errors} == {"timed out after 0.0001 s"}
    assert {e["stage"] for e in errors} == {"timeout"}


class _Stuck:
    """A pipeline stuck in code that ignores the alarm (as a C routine would) on one text."""

    def __init__(self, pipeline):
        self.pipeline = pipeline

    def extract(self, article):
        if "STUCK" in article.text:
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
            time.sleep(120)
        return self.pipeline.extract(article)

    def extract_many(self, articles):
        return (self.extract(a) for a in articles)


def test_a_stuck_worker_is_killed_and_replaced(pipeline, tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "HARD_GRACE", 0.5)
    lines = stress.news_corpus(5, seed=4, hostile=False)
    lines[1] = json.dumps({"id": "stuck", "text": "STUCK: " + json.loads(lines[1])["text"]})
    corpus = stress.write_corpus(tmp_path / "c.jsonl", lines)
    started = time.monotonic()
    report = run([str(corpus)], tmp_path / "s.duckdb", workers=2, progress=False, time_limit=1.0, pipeline=_Stuck(pipeline))
    assert time.monotonic() - started < 30
    assert report.added == 4 and report.failed == 1
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        (error,) = [e for e in store.errors() if e["level"] == "error"]
    assert (error["id"], error["stage"], error["reason"]) == ("stuck", "timeout", "timed out after 1 s")


class _Crashes:
    """A pipeline whose process dies outright (a segfault, the OOM killer) on one text."""

    def __init__(self, pipeline):
        self.pipeline = pipeline

    def extract_many(self, articles):
        for article in articles:
            if "CRASH" in article.text:
                os._exit(9)
            yield self.pipeline.extract(article)


def test_a_worker_that_dies_with_chunks_queued_on_it_loses_only_its_document(pipeline, tmp_path, monkeypatch):
    # chunks of 2: each worker holds two chunks at once, the crashing one and one not begun
    monkeypatch.setattr(runner, "CHUNK", 2)
    lines = stress.news_corpus(12, seed=5, hostile=False)
    lines[1] = json.dumps({"id": "crash", "text": "CRASH: " + json.loads(lines[1])["text"]})
    corpus = stress.write_corpus(tmp_path / "c.jsonl", lines)
    db = tmp_path / "k.duckdb"
    report = run([str(corpus)], db, workers=2, batch_size=12, progress=False, pipeline=_Crashes(pipeline))
    assert (report.added, report.failed) == (11, 1)
    # nothing lost and nothing doubled: the events of the others are those of a plain run
    ref = tmp_path / "ref.duckdb"
    run([str(stress.write_corpus(tmp_path / "r.jsonl", lines[:1] + lines[2:]))], ref, progress=False, pipeline=pipeline)
    per_article = "SELECT article_id, count(*) FROM events GROUP BY 1 ORDER BY 1"
    with Store(db, read_only=True) as store, Store(ref, read_only=True) as reference:
        (error,) = [e for e in store.errors() if e["level"] == "error"]
        assert store.query(per_article) == reference.query(per_article)
        assert len(reference.query(per_article)) >= 5
    assert (error["id"], error["stage"]) == ("crash", "worker")


class _Echo:
    """Answers each article with a result as large as its text, at once."""

    def extract_counted(self, articles):
        from eventwire.model import DocumentError, DocumentResult

        return [(DocumentResult(id=a.id, errors=[DocumentError(id=a.id, stage="echo", reason=a.text)]), 1) for a in articles]


def test_large_chunks_queued_on_busy_workers_do_not_deadlock_the_pool():
    # 300 kB each way is several pipe buffers: the pool's send of a worker's second chunk
    # must not wait for a worker that is itself waiting to send its first results
    from eventwire.model import Article

    articles = [Article(id=f"a{i}", text=f"{i} " + "x" * 300_000) for i in range(8)]
    pool = runner.PoolExtractor(2, pipeline=_Echo(), time_limit=None)
    got: list = []
    reader = threading.Thread(target=lambda: got.extend(pool.collect(pool.submit(articles))), daemon=True)
    reader.start()
    reader.join(60)
    deadlocked = reader.is_alive()
    if deadlocked:  # free the pool's thread from its blocked send, so that close() returns
        for worker in pool.workers:
            worker.process.kill()
    pool.close()
    assert not deadlocked, "the pool deadlocked"
    assert [r.errors[0].reason for r, _ in got] == [a.text for a in articles]


def _dies_loading(conn, time_limit) -> None:
    os._exit(3)  # as a worker whose model cannot load would


def test_workers_that_die_while_loading_stop_the_run_with_a_clear_error(pipeline, tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "_worker_main", _dies_loading)  # forked workers run it
    corpus = stress.write_corpus(tmp_path / "c.jsonl", stress.news_corpus(3, seed=2, hostile=False))
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="extraction pool stopped") as caught:
        run([str(corpus)], tmp_path / "d.duckdb", workers=2, progress=False, pipeline=pipeline)
    assert time.monotonic() - started < 30  # not replaced forever
    assert "die before they are ready" in str(caught.value.__cause__)


def test_a_database_held_by_another_process_is_refused_clearly(tmp_path, corpus, pipeline):
    db = tmp_path / "busy.duckdb"
    Store(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(DatabaseInUse, match=f"database {db} is in use by another eventwire process"):
            run([str(corpus)], db, progress=False, pipeline=pipeline)
    finally:
        holder.kill()
        holder.wait()


def test_watch_runs_files_as_they_arrive(tmp_path, pipeline):
    inbox, db = tmp_path / "inbox", tmp_path / "w.duckdb"
    inbox.mkdir()
    stop = threading.Event()
    seen: list[list[str]] = []

    def on_report(paths, report):
        seen.append(paths)
        if len(seen) == 1:  # a second file arrives after the first round
            stress.write_corpus(inbox / "b.jsonl", stress.news_corpus(2, seed=9, hostile=False))
        else:
            stop.set()

    stress.write_corpus(inbox / "a.jsonl", stress.news_corpus(3, seed=8, hostile=False))
    (inbox / "notes.docx").write_bytes(b"ignored: not an input format")
    reports = watch(inbox, db, interval=0.05, stop=stop, max_rounds=200, pipeline=pipeline, on_report=on_report)
    assert [[Path(p).name for p in paths] for paths in seen] == [["a.jsonl"], ["b.jsonl"]]
    assert [r.added for r in reports] == [3, 2]
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 5


def test_memory_stays_flat_on_a_large_streamed_input(tmp_path, pipeline):
    """20 MB of JSON Lines streamed through the runner: peak RSS may not grow with the file.
    (1 MB of it is distinct text that gets extracted, the rest repeats it and is skipped by
    hash, which keeps this fast; `make stress` runs 200 MB of distinct articles.)"""
    import resource

    texts = [stress.FILLER * 30 + f" Report {i}." for i in range(120)]  # ~8 kB each, no event in them
    path = tmp_path / "big.jsonl"
    with path.open("w") as f:
        i = 0
        while f.tell() < 20_000_000:
            f.write(json.dumps({"id": f"big-{i}", "text": texts[i % len(texts)]}) + "\n")
            i += 1
    warm = stress.write_corpus(tmp_path / "warm.jsonl", [json.dumps({"id": "w", "text": stress.FILLER * 30})])
    run([str(warm)], tmp_path / "big.duckdb", progress=False, pipeline=pipeline)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report = run([str(path)], tmp_path / "big.duckdb", progress=False, pipeline=pipeline, batch_size=32)
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
    assert (report.added, report.skipped) == (len(texts), i - len(texts))
    assert growth < 40, f"peak RSS grew {growth:.0f} MB over a 20 MB input"


def test_watch_gives_every_document_its_own_stable_id(tmp_path, pipeline):
    """Files of the same name, dropped in different folders and at different moments (one a
    replacement of an already stored file), never share an id; the ids do not depend on what
    else arrived in the same round."""
    from eventwire.ingest import iter_documents
    from eventwire.ingest.watch import unique_ids
    from eventwire.model import Article

    inbox, db = tmp_path / "inbox", tmp_path / "w.duckdb"
    (inbox / "a").mkdir(parents=True)
    (inbox / "b").mkdir()
    text = "Gunmen killed {n} villagers in Borno on Monday, police said."
    drops = [  # one file per round
        lambda: (inbox / "a" / "report.txt").write_text(text.format(n="two")),
        lambda: (inbox / "b" / "report.txt").write_text(text.format(n="three")),
        lambda: (inbox / "a" / "report.txt").write_text(text.format(n="four")),  # same path, new text
        lambda: (inbox / "report.txt").write_text(text.format(n="five")),
    ]
    stop = threading.Event()

    def on_report(paths, report):
        if drops:
            time.sleep(0.02)  # a new mtime even on coarse clocks
            drops.pop(0)()
        else:
            stop.set()

    drops.pop(0)()
    reports = watch(inbox, db, interval=0.05, stop=stop, max_rounds=400, pipeline=pipeline, on_report=on_report)
    assert [r.added for r in reports] == [1, 1, 1, 1]
    with Store(db, read_only=True) as store:
        ids = sorted(r[0] for r in store.query("SELECT id FROM articles"))
        four = store.article("a/report~" + _sha(text.format(n="four"))[:8])
    assert len(ids) == len(set(ids)) == 4
    assert ids[:3] == ["a/report", "a/report~" + _sha(text.format(n="four"))[:8], "b/report"]
    assert ids[3] == "report"
    assert four is not None and "four" in four.text
    # stable: the same files read again, together or in another round, get the same ids
    with Store(db, read_only=True) as store:
        again = list(unique_ids(iter_documents([str(inbox)]), inbox, store))
    # warnings travel with their article
    assert [d.id for d in again if not isinstance(d, Article)] == [d.id for d in again if isinstance(d, Article)]
    assert sorted(d.id for d in again if isinstance(d, Article)) == ["a/report~" + _sha(text.format(n="four"))[:8], "b/report", "report"]


def _sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


# -- cross-article resolution survives SIGKILL ------------------------------------------------

RESOLUTION_TABLES = ("incidents", "incident_members", "incident_revisions", "incident_links", "incident_link_keys",
                     "article_versions", "article_signatures")


def _resolution(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in RESOLUTION_TABLES}
    finally:
        con.close()


def _killed_resolving_run(db: Path, corpus: Path, pipeline, batches: int, *, before_resolving: bool) -> bool:
    """SIGKILL a run that resolves across articles once `batches` batches were stored:
    just before that batch's resolution (`before_resolving`) or just after it."""
    from eventwire.store.resolution import resolve_article, resolve_articles

    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()

    def hook(store, article, result):
        return resolve_article(store, article, result)

    def batch(store, documents, hooks_done=False):
        if before_resolving:
            child.send("stored")
            time.sleep(30)  # killed here: the batch is stored, not resolved
        resolve_articles(store, documents, hooks_done=hooks_done)
        if not before_resolving:
            child.send("resolved")

    hook.batch = batch

    def target():
        run([str(corpus)], db, batch_size=BATCH, progress=False, on_result=hook, pipeline=pipeline)

    proc = ctx.Process(target=target)
    proc.start()
    seen, deadline = 0, time.monotonic() + 60
    while proc.is_alive() and time.monotonic() < deadline and seen < batches:
        if parent.poll(0.05):
            parent.recv()
            seen += 1
    alive = proc.is_alive()
    proc.kill()
    proc.join()
    return alive


def test_sigkill_around_resolution_then_resume_gives_the_tables_of_an_uninterrupted_run(corpus, pipeline, tmp_path):
    from eventwire.store.resolution import resolve_article

    ref = tmp_path / "ref.duckdb"
    run([str(corpus)], ref, batch_size=BATCH, progress=False, on_result=resolve_article, pipeline=pipeline)
    db = tmp_path / "killed.duckdb"
    assert _killed_resolving_run(db, corpus, pipeline, 1, before_resolving=True)
    with Store(db, read_only=True) as store:
        assert store.queued_hooks()  # a stored batch waits for its resolution
    assert _killed_resolving_run(db, corpus, pipeline, 2, before_resolving=False)
    assert _killed_resolving_run(db, corpus, pipeline, 2, before_resolving=True)
    report = run([str(corpus)], db, batch_size=BATCH, progress=False, on_result=resolve_article, pipeline=pipeline)
    assert report.hooks_replayed > 0
    assert stress.snapshot(db) == stress.snapshot(ref)
    assert _resolution(db) == _resolution(ref)


def test_run_stores_and_resolves_each_batch_in_one_transaction(corpus, pipeline, tmp_path):
    """`run` with the resolver writes a batch and its resolution together: killed inside
    that transaction, the batch is absent (not stored-but-unresolved), nothing is queued,
    and the rerun ends with the tables of an uninterrupted run."""
    from eventwire.store.resolution import ResolutionStore, resolve_article

    ref = tmp_path / "ref.duckdb"
    run([str(corpus)], ref, batch_size=BATCH, progress=False, on_result=resolve_article, pipeline=pipeline)
    db = tmp_path / "killed.duckdb"
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()

    def hook(store, article, result):
        return resolve_article(store, article, result)

    def store_batch(store, documents, failures=()):
        resolution = ResolutionStore.of(store)  # its tables exist before the transaction

        def inside(cur):
            resolution._resolve(documents, False, cur)
            child.send("resolved, not committed")
            time.sleep(30)  # killed here

        return store.add_results(documents, failures=failures, within=inside)

    hook.store_batch = store_batch
    proc = ctx.Process(target=lambda: run([str(corpus)], db, batch_size=BATCH, progress=False, on_result=hook,
                                          pipeline=pipeline))
    proc.start()
    assert parent.poll(60)
    proc.kill()
    proc.join()
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 0 and not store.queued_hooks()
    report = run([str(corpus)], db, batch_size=BATCH, progress=False, on_result=resolve_article, pipeline=pipeline)
    assert report.hooks_replayed == 0
    assert stress.snapshot(db) == stress.snapshot(ref)
    assert _resolution(db) == _resolution(ref)


# -- progress ---------------------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_shows_articles_rate_and_eta(monkeypatch, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"a{i}", "text": f"text {i}"}) + "\n" for i in range(5)))
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with runner._progress(True, [str(corpus)]) as tick:
        for _ in range(5):
            tick()
    shown = screen.getvalue()
    assert "articles" in shown and "5/5" in shown and "articles/s" in shown and "ETA" in shown


def test_progress_is_quiet_when_piped(monkeypatch, tmp_path):
    piped = io.StringIO()  # not a terminal
    monkeypatch.setattr(sys, "stderr", piped)
    with runner._progress(True, [str(tmp_path)]) as tick:
        tick(3)
    assert piped.getvalue() == ""


def test_batches_start_small_and_grow_to_the_batch_size(corpus, pipeline, tmp_path, monkeypatch):
    """The first batch is small so the workers start at once; later ones grow to amortise
    the writer's per-transaction costs, never past `batch_size`."""
    sizes: list[int] = []

    def hook(store, article, result) -> None:
        pass

    def batch(store, documents, hooks_done=False) -> None:
        sizes.append(len(documents))
        if hooks_done:
            with store.transaction() as cur:
                store.hooks_done(cur, [a.content_hash for a, _ in documents])

    hook.batch = batch
    monkeypatch.setattr(runner, "FIRST_BATCH", 4)
    report = run([str(corpus)], tmp_path / "grow.duckdb", batch_size=12, progress=False, on_result=hook, pipeline=pipeline)
    assert sum(sizes) == report.added == RECORDS - 4
    # a batch's cap counts its failed and skipped documents too, so its stored size is at most the cap
    assert sizes[0] <= 4 < sizes[1] <= 8 < sizes[2] <= 12 and max(sizes) == 12


def test_a_run_pauses_the_collector_and_gives_it_back_as_it_was(corpus, pipeline, tmp_path):
    import gc

    seen = []

    def hook(store, article, result):
        seen.append(gc.isenabled())

    # a process that goes on after a run (watch, the API, a notebook) gets its collector back
    assert gc.isenabled() and gc.get_freeze_count() == 0
    run([str(corpus)], tmp_path / "a.duckdb", batch_size=BATCH, progress=False, pipeline=pipeline, on_result=hook)
    assert seen and not any(seen)  # paused while the batches were stored
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()  # ... and a caller that paused it itself keeps it paused
    try:
        run([str(corpus)], tmp_path / "b.duckdb", batch_size=BATCH, progress=False, pipeline=pipeline)
        assert not gc.isenabled()
    finally:
        gc.enable()


class _CollectorProbe:
    """Answers each article with what the cyclic collector looked like while it extracted:
    on or off, whether anything is frozen, and how many full collections had run."""

    def extract_counted(self, articles):
        import gc

        from eventwire.model import DocumentError, DocumentResult

        state = f"{gc.isenabled()} {gc.get_freeze_count() > 0} {gc.get_stats()[2]['collections']}"
        return [(DocumentResult(id=a.id, errors=[DocumentError(id=a.id, stage="probe", reason=state)]), 1) for a in articles]


def test_workers_extract_with_the_collector_off_and_the_loaded_pipeline_frozen(monkeypatch):
    from eventwire.model import Article

    # chunks of one article, a full collection after every second chunk; forked workers
    # inherit these settings
    monkeypatch.setattr(runner, "CHUNK", 1)
    monkeypatch.setattr(runner, "COLLECT_EVERY", 2)
    pool = runner.PoolExtractor(1, pipeline=_CollectorProbe(), time_limit=None)
    try:
        got = pool.collect(pool.submit([Article(id=f"a{i}", text=f"text {i}") for i in range(7)]))
    finally:
        pool.close()
    states = [r.errors[0].reason.split() for r, _ in got]
    assert all(on == "False" and frozen == "True" for on, frozen, _ in states)
    # one worker, seven chunks in order: the cycles chunks leave are still collected
    collections = [int(n) for _, _, n in states]
    assert collections == sorted(collections) and collections[-1] - collections[0] == 3
