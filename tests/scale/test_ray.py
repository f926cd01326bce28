"""eventwire.scale.ray_runner: a local 2-worker Ray run stores and resolves exactly what
`eventwire run` stores and resolves; the load of the partitions survives an interruption.
The Ray runs are skipped where Ray is not installed; the load is tested without it."""

from __future__ import annotations

import gzip
import importlib.util
import json
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventwire.ingest import iter_documents
from eventwire.model import Article
from eventwire.scale import ray_runner

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NEWS = HERE / "fixtures" / "news.jsonl"
BAD = ROOT / "tests" / "ingest" / "fixtures" / "articles.jsonl"  # good, malformed and invalid records
EXAMPLE = ROOT / "examples" / "pakistan-iran-strikes.txt"
TABLES = {  # what must match, without the timestamps of the run
    "articles": "* EXCLUDE (ingested_at)", "events": "*", "mentions": "*", "evidence": "*",
    "errors": "* EXCLUDE (first_seen, last_seen)",
}
RESOLUTION = ("incidents", "incident_members", "incident_revisions", "incident_links", "incident_link_keys",
              "article_versions", "article_signatures", "hook_queue")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Sharded JSON Lines: plain, gzip'd in a subfolder, and one with broken records."""
    root = tmp_path_factory.mktemp("shards")
    news = NEWS.read_text(encoding="utf-8").splitlines(keepends=True)
    (root / "a.jsonl").write_text("".join(news[:6]), encoding="utf-8")
    (root / "more").mkdir()
    with gzip.open(root / "more" / "b.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.writelines(news[6:12])
    shutil.copy(BAD, root / "c.jsonl")
    example = {"id": "pakistan-iran-strikes", "text": EXAMPLE.read_text(encoding="utf-8"), "date": "2024-01-18"}
    with open(root / "c.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(example) + "\n")
    return root


@pytest.fixture(scope="module")
def parquet_shard(tmp_path_factory) -> Path:
    """The last fixture articles as a Parquet shard, with a typed date column."""
    rows = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()[12:]]
    for row in rows:
        row["date"] = date.fromisoformat(row["date"])
    path = tmp_path_factory.mktemp("parquet") / "news.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def _rows(db: Path, table: str, where: str = "") -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT {TABLES.get(table, '*')} FROM {table} {where} ORDER BY ALL").fetchall()


def _tables(db: Path, *, attempts: bool = True) -> dict[str, list[tuple]]:
    """Every stored and resolution table; `attempts=False` leaves out how many runs met an error."""
    tables = {t: _rows(db, t) for t in (*TABLES, *RESOLUTION)}
    if not attempts:
        with duckdb.connect(str(db), read_only=True) as con:
            tables["errors"] = con.execute("SELECT * EXCLUDE (first_seen, last_seen, attempts) FROM errors"
                                           " ORDER BY ALL").fetchall()
    return tables


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory) -> Path:
    """`eventwire run` over the JSON Lines shards (as shipped: the product pipeline, `run`'s batches)."""
    from typer.testing import CliRunner

    from eventwire.cli import app

    db = tmp_path_factory.mktemp("single") / "single.duckdb"
    result = CliRunner().invoke(app, ["run", str(corpus), "--db", str(db), "-q"])
    assert result.exit_code == 1, result.output  # the broken records count as failures
    return db


def test_jsonl_shard_reads_like_eventwire_run(corpus):
    """Without Ray: a shard's records are the articles and errors `iter_documents` gives."""
    shown = f"{corpus}/c.jsonl"
    records = ray_runner.parse_jsonl_shard((corpus / "c.jsonl").read_bytes(), shown, 0)
    expected = list(iter_documents([shown]))
    articles = [Article.model_validate_json(r["article"]) for r in records if r["article"]]
    assert articles == [d for d in expected if isinstance(d, Article)]
    errors = [json.loads(r["error"])["reason"] for r in records if r["error"]]
    assert "record has no 'text'" in errors and len(errors) == len(expected) - len(articles) - 1  # one warning
    assert [r["line"] for r in records] == sorted(r["line"] for r in records)


def test_expand_inputs_walks_folders_in_order(corpus, parquet_shard):
    shards = ray_runner.expand_inputs([str(corpus), str(parquet_shard)])
    assert [(shown.removeprefix(str(corpus)), kind) for _, shown, kind in shards] == [
        ("/a.jsonl", "jsonl"), ("/c.jsonl", "jsonl"), ("/more/b.jsonl.gz", "jsonl"),
        (str(parquet_shard), "parquet")]
    with pytest.raises(FileNotFoundError):
        ray_runner.expand_inputs([str(corpus / "missing")])


@pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="Ray is not installed (pip install eventwire[ray])")
def test_two_ray_workers_store_and_resolve_what_the_single_process_run_does(corpus, parquet_shard, single,
                                                                           tmp_path, pipeline):
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        out = tmp_path / "parts"
        summary = ray_runner.run_ray([str(corpus)], str(tmp_path / "ray.duckdb"), num_workers=2,
                                     parquet_out=str(out), batch_size=4)
        after_one = _tables(tmp_path / "ray.duckdb")
        # a second run over more input: what is stored is neither extracted nor stored again
        more = ray_runner.run_ray([str(corpus), str(parquet_shard)], str(tmp_path / "ray.duckdb"), num_workers=2,
                                  parquet_out=str(tmp_path / "more"), batch_size=4)
    finally:
        ray.shutdown()

    # every table, those of cross-article resolution included, equals the single-process run's
    expected = _tables(single)
    assert expected["incidents"] and expected["incident_members"] and not expected["hook_queue"]
    assert after_one == expected
    n_single = len(expected["articles"])
    assert summary["added"] == n_single and summary["failed"] >= 4
    assert summary["counts"]["events"] == summary["events"]
    assert more["added"] == 4 and more["skipped"] == n_single and more["documents"] == n_single + 4

    # the Parquet shard's articles are coded as `Pipeline.extract` codes them
    with duckdb.connect(str(tmp_path / "ray.duckdb"), read_only=True) as con:
        stored = con.execute("SELECT id, text, date FROM articles WHERE format = 'parquet' ORDER BY id").fetchall()
        events = con.execute("SELECT article_id, local_id, record FROM events WHERE article_id LIKE 'wire-01%'"
                             " AND article_id >= 'wire-013' ORDER BY ALL").fetchall()
        resolved = con.execute("SELECT count(*) FROM incident_members m JOIN events e ON m.event_id = e.id"
                               " WHERE e.article_id >= 'wire-013' AND e.article_id LIKE 'wire-01%'").fetchone()[0]
    assert [s[0] for s in stored] == ["wire-013", "wire-014", "wire-015", "wire-016"]
    expected = []
    for doc_id, text, day in stored:
        for e in pipeline.extract(Article(id=doc_id, text=text, date=day, format="parquet")).events:
            expected.append((doc_id, e.id, e.model_dump(exclude={"id", "links"}, mode="json")))
    got = [(a, local, {k: v for k, v in json.loads(rec).items() if k not in ("id", "links")})
           for a, local, rec in events]
    assert got == sorted(expected, key=lambda x: (x[0], x[1])) and got
    assert resolved == len(got)  # and resolved against what the first run stored

    # the partitions are there for another engine: one row per event, with its JSON
    with duckdb.connect() as con:
        n, ids = con.execute(f"SELECT count(*), count(DISTINCT content_hash || event_id)"
                             f" FROM read_parquet('{out}/kind=event/*.parquet')").fetchone()
    assert n == ids == summary["events"] > 10


# -- the load, without Ray ----------------------------------------------------------------

@pytest.fixture(scope="module")
def partitions(corpus, product_pipeline, tmp_path_factory) -> Path:
    """What the Ray workers write for the JSON Lines shards, written here without Ray."""
    records = []
    shards = ray_runner.expand_inputs([str(corpus)])
    for file, (path, shown, kind) in enumerate(shards):
        records += ray_runner.PARSERS[kind](Path(path).read_bytes(), shown, file)
    rows = ray_runner.extract_records(product_pipeline, records)
    out = tmp_path_factory.mktemp("parts") / "out"
    pq.write_to_dataset(pa.Table.from_pylist(rows, schema=ray_runner.OUTPUT_SCHEMA), out, partition_cols=["kind"])
    ray_runner.mark_complete(str(out), [shown for _, shown, _ in shards])
    return out


def _interrupted_after(stored_batches: int):
    """The resolution hook, interrupted (as by a kill) once `stored_batches` batches are
    stored and before the last of them is resolved."""
    from eventwire.store.resolution import resolve_article, resolve_articles

    calls = []

    def hook(store, article, result):
        return resolve_article(store, article, result)

    def batch(store, documents, hooks_done=False):
        calls.extend([len(documents)] if documents else [])  # a batch of articles stored before: nothing to do
        if len(calls) == stored_batches:
            raise KeyboardInterrupt
        return resolve_articles(store, documents, hooks_done=hooks_done)

    hook.batch = batch
    return hook


def test_the_load_resolves_like_run_and_resumes_after_an_interruption(partitions, corpus, product_pipeline, tmp_path):
    from eventwire.runner import run
    from eventwire.store.resolution import resolve_article

    ref = tmp_path / "ref.duckdb"
    run([str(corpus)], ref, batch_size=5, progress=False, on_result=resolve_article, pipeline=product_pipeline)
    assert _rows(ref, "incidents") and _rows(ref, "article_signatures")

    db = tmp_path / "loaded.duckdb"
    for stored_batches in (1, 2):
        with pytest.raises(KeyboardInterrupt):
            ray_runner.load_parquet(str(partitions), str(db), batch_size=5, on_result=_interrupted_after(stored_batches))
        assert _rows(db, "hook_queue")  # stored, waiting for its resolution
    summary = ray_runner.load_parquet(str(partitions), str(db), batch_size=5)
    assert summary["hooks_replayed"] > 0
    # as after an interrupted `run`: the same tables, errors met by every attempt counted each time
    expected = _tables(ref, attempts=False)
    assert _tables(db, attempts=False) == expected
    again = ray_runner.load_parquet(str(partitions), str(db), batch_size=5)
    assert again["added"] == 0 and _tables(db, attempts=False) == expected

    # the command a user reruns: complete partitions are loaded, not extracted again (no Ray needed)
    from typer.testing import CliRunner

    from eventwire.cli import app

    fresh = tmp_path / "fresh.duckdb"
    result = CliRunner().invoke(app, ["run", str(corpus), "--engine", "ray", "--parquet-out", str(partitions),
                                      "--db", str(fresh), "--batch-size", "5"])
    assert result.exit_code == 1 and "from the complete partitions" in result.output, result.output
    assert _tables(fresh) == _tables(ref)


class _SlowOn:
    """A pipeline that never finishes one text (a sleep the alarm interrupts)."""

    def __init__(self, pipeline, word: str):
        self.pipeline, self.word = pipeline, word

    def extract(self, article):
        if self.word in article.text:
            import time

            time.sleep(60)
        return self.pipeline.extract(article)

    def extract_many(self, articles):
        return (self.extract(a) for a in articles)


def test_a_worker_fails_a_document_it_cannot_finish_and_codes_the_rest(product_pipeline):
    import time

    texts = ["Gunmen killed two police officers in Quetta on Monday, officials said.",
             "SLOWTEXT. Militants attacked a checkpoint in North Waziristan, killing three soldiers.",
             "A roadside bomb killed four soldiers in Kurram on Tuesday, the army said."]
    records = [{"file": 0, "line": i, "warnings": None, "error": None,
                "article": Article(id=f"a{i}", text=t, date=date(2024, 1, 8)).model_dump_json()}
               for i, t in enumerate(texts)]
    started = time.monotonic()
    rows = ray_runner.extract_records(_SlowOn(product_pipeline, "SLOWTEXT"), records, time_limit=1.0)
    assert time.monotonic() - started < 10
    docs = {r["article_id"]: r for r in rows if r["kind"] == "document"}
    (failure,) = json.loads(docs["a1"]["failures"])
    assert (failure["stage"], failure["reason"]) == ("timeout", "timed out after 1 s")
    coded = {r["article_id"] for r in rows if r["kind"] == "event"}
    assert coded == {"a0", "a2"}
