"""Extraction on Ray Data, for archives that outgrow one machine.

    shards ─read─▶ records ─parse─▶ articles ─Extractor actors─▶ rows ─▶ OUT/kind=…/*.parquet
        ─▶ (one process) store + resolve across articles ─▶ DuckDB

JSON Lines shards (``.jsonl``/``.ndjson``, gzip'd or not) go through the same reader as
`eventwire run` (ids, ``file:line`` errors and warnings are identical); Parquet shards need
a ``text`` column and may have ``id``, ``date``, ``title``, ``source``, ``url``, validated
the same way. Shards are read whole: keep them to a few hundred MB. Each actor
loads `Pipeline.load()` once and extracts batch after batch. The output is hive-partitioned
Parquet another engine can read directly:

* ``kind=event``: one row per event: article id, content hash, event index, type, date, Event JSON;
* ``kind=mention``: one row per supporting sentence of an event (offsets into the article);
* ``kind=document``: one row per article: the Article JSON and its warnings/errors;
* ``kind=error``: one row per input record that could not be read.

A marker file, written last, says the folder is complete. `load_parquet` then reads the
records back in input order and hands them to `runner.run_into`, the loop behind
`eventwire run`, with the workers' results in place of its extractor: storing, skipping and
cross-article resolution are that of `run`, and the tables end up the same (event ids come
from the content hash, so they are the same whichever worker coded the article).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
import time
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventwire.ingest.jsonl import iter_jsonl
from eventwire.ingest.language import non_english_reason
from eventwire.ingest.records import IngestWarning, article_from_record, binary_reason, error, is_warning
from eventwire.model import Article, DocumentError, DocumentResult
from eventwire.runner import BATCH_SIZE, extract_all, open_store, run_into

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet",)
GZIP_MAGIC = b"\x1f\x8b"
MAX_RECORD_BYTES = 5_000_000  # the same per-record limit as `iter_documents`
FETCH_ROWS = 500  # records read back from the partitions at a time
COMMIT_BATCH = BATCH_SIZE  # documents per transaction in the load, at most: `eventwire run`'s --batch-size
MARKER = "_eventwire.json"  # written once every partition is: the folder may be loaded
BYTES_PER_RECORD = 6_000  # a news article with its JSON: sizes the blocks fed to the actors
PARQUET_ROWS = 20_000  # at least this many rows per output file (fewer, larger files)

#: Between the readers and the extractor: one input record, in input order (file, line).
RECORD_SCHEMA = pa.schema([
    ("file", pa.int32()), ("line", pa.int64()), ("article", pa.string()),
    ("warnings", pa.string()), ("error", pa.string()),
])

#: What the extractor writes; `kind` becomes the Parquet partition folder.
OUTPUT_SCHEMA = pa.schema([
    ("kind", pa.string()), ("file", pa.int32()), ("line", pa.int64()),
    ("article_id", pa.string()), ("content_hash", pa.string()),
    ("seq", pa.int32()), ("event_id", pa.string()), ("type", pa.string()), ("date", pa.string()),
    ("event", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
    ("article", pa.string()), ("errors", pa.string()), ("failures", pa.string()), ("stored", pa.bool_()),
    ("sentences", pa.int32()),
])


# -- inputs ------------------------------------------------------------------------------

def expand_inputs(inputs: list[str]) -> list[tuple[str, str, str]]:
    """(path to read, path as shown, "jsonl" | "parquet") for every shard, in the order
    `eventwire run` would read them: folders walked sorted, hidden entries skipped.
    A URI (``s3://…``) is passed to Ray as it is: JSON Lines by suffix, else Parquet."""
    shards: list[tuple[str, str, str]] = []
    for given in inputs:
        if "://" in given:
            shards.append((given, given, _kind(given) or "parquet"))
            continue
        path = Path(given)
        if path.is_file():
            kind = _kind(path.name)
            if kind is None:
                raise ValueError(f"{given}: not a JSON Lines or Parquet shard")
            shards.append((str(path.resolve()), given, kind))
        elif path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    kind = _kind(name)
                    if kind and not name.startswith("."):
                        full = Path(folder, name)
                        shown = f"{given.rstrip('/')}/{full.relative_to(path).as_posix()}"
                        shards.append((str(full.resolve()), shown, kind))
        else:
            raise FileNotFoundError(given)
    return shards


def _kind(name: str) -> str | None:
    low = name.lower()
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


def _key(path: str) -> str:
    """Ray reports paths without scheme or leading slash; compare on that form."""
    return path.split("://", 1)[-1].lstrip("/")


def _record(file: int, line: int, items: list[Article | DocumentError]) -> dict[str, Any]:
    """One input record: its warnings, then its Article or the error that skipped it."""
    *warnings, last = items
    row = {"file": file, "line": line, "article": None, "error": None,
           "warnings": json.dumps([w.model_dump() for w in warnings])}
    if isinstance(last, Article):
        row["article"] = last.model_dump_json()
    else:
        row["error"] = last.model_dump_json()
    return row


def _group(items) -> list[list[Article | DocumentError]]:
    """Ingest's stream (warnings precede their article) cut into one list per record."""
    groups, pending = [], []
    for item in items:
        pending.append(item)
        if not is_warning(item):
            groups.append(pending)
            pending = []
    return groups


def parse_jsonl_shard(data: bytes, name: str, file: int) -> list[dict[str, Any]]:
    """Records of one JSON Lines shard, read exactly as `iter_documents` reads a file."""
    if data[:2] == GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            return [_record(file, 0, [error(name, f"cannot read (corrupt or truncated file?): {exc}")])]
    elif reason := binary_reason(data[:8192]):
        return [_record(file, 0, [error(name, reason)])]
    if not data.strip():
        return [_record(file, 0, [error(name, "empty file")])]
    items = iter_jsonl(io.BytesIO(data).readline, name, path=name, max_bytes=MAX_RECORD_BYTES)
    return [_record(file, i, group) for i, group in enumerate(_group(items))]


def parse_parquet_shard(data: bytes, name: str, file: int) -> list[dict[str, Any]]:
    """Records of one Parquet shard, validated like JSON Lines records (dates may be typed)."""
    import pyarrow.parquet as pq

    try:
        rows = pq.read_table(io.BytesIO(data)).to_pylist()
    except (pa.ArrowException, OSError) as exc:
        return [_record(file, 0, [error(name, f"cannot read Parquet: {exc}")])]
    out = []
    for i, row in enumerate(rows):
        record = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}
        out.append(_record(file, i, article_from_record(record, f"{name}:{i + 1}", path=name, format="parquet")))
    return out


PARSERS = {"jsonl": parse_jsonl_shard, "parquet": parse_parquet_shard}


class _ShardParser:
    """Ray task: whole shards (bytes and path) → RECORD_SCHEMA rows, in file order."""

    def __init__(self, shards: dict[str, tuple[int, str, str]]):
        self.shards = shards

    def __call__(self, batch: dict[str, Any]) -> pa.Table:
        out = []
        for data, path in zip(batch["bytes"], batch["path"], strict=True):
            file, shown, kind = self.shards[_key(str(path))]
            out.extend(PARSERS[kind](bytes(data), shown, file))
        return pa.Table.from_pylist(out, schema=RECORD_SCHEMA)


# -- extraction --------------------------------------------------------------------------

class Extractor:
    """A Ray Data actor: the pipeline loads once per worker and codes batch after batch."""

    def __init__(self, stored: frozenset[str] = frozenset()):
        from eventwire.pipeline import Pipeline

        self.pipeline = Pipeline.load()
        self.stored = stored

    def __call__(self, batch: pa.Table) -> pa.Table:
        return pa.Table.from_pylist(extract_records(self.pipeline, batch.to_pylist(), self.stored),
                                    schema=OUTPUT_SCHEMA)


TIME_LIMIT = 60.0  # seconds per chunk of articles, as `eventwire run --time-limit` defaults


def extract_records(pipeline, records: list[dict[str, Any]], stored: frozenset[str] = frozenset(),
                    time_limit: float | None = TIME_LIMIT) -> list[dict]:
    """OUTPUT_SCHEMA rows for RECORD_SCHEMA rows: documents, their events and mentions, errors.
    An article whose text is in `stored` (already in the database) is not extracted again.

    Extraction goes by `eventwire run`'s chunks under its time limit: a chunk past the limit
    is redone one article at a time, so a document the pipeline cannot finish fails alone
    (stage "timeout") instead of holding the worker. The limit needs the actor's main thread
    (SIGALRM); elsewhere there is none."""
    out: list[dict[str, Any]] = []
    todo: list[tuple[dict, Article]] = []
    for rec in records:
        base = {"file": rec["file"], "line": rec["line"]}
        warnings = json.loads(rec["warnings"] or "[]")
        if rec["error"] is not None:
            err = json.loads(rec["error"])
            out.append({**base, "kind": "error", "article_id": err["id"], "errors": json.dumps(warnings + [err])})
            continue
        article = Article.model_validate_json(rec["article"])
        doc = {**base, "kind": "document", "article_id": article.id, "content_hash": article.content_hash,
               "article": rec["article"], "errors": json.dumps(warnings), "failures": "[]", "stored": False}
        if doc["content_hash"] in stored:
            out.append({**doc, "stored": True})
        elif non_english_reason(article.text):  # `run` skips it unextracted, and so will the load
            out.append(doc)
        else:
            todo.append((doc, article))
    done = extract_all(pipeline, [a for _, a in todo], time_limit)
    for (doc, _), (result, sentences) in zip(todo, done, strict=True):
        out.extend(_result_rows({**doc, "sentences": sentences}, result))
    return out


def _result_rows(doc: dict[str, Any], result: DocumentResult) -> list[dict[str, Any]]:
    keys = {"file": doc["file"], "line": doc["line"], "article_id": doc["article_id"],
            "content_hash": doc["content_hash"]}
    rows = [{**doc, "failures": json.dumps([e.model_dump() for e in result.errors])}]
    for seq, event in enumerate(result.events):
        ids = {**keys, "seq": seq, "event_id": event.id}
        rows.append({**ids, "kind": "event", "type": event.type,
                     "date": event.date.isoformat() if event.date else None, "event": event.model_dump_json()})
        rows.extend({**ids, "kind": "mention", "start": ev.start, "end": ev.end, "text": ev.text}
                    for ev in event.evidence if ev.role == "sentence")
    return rows


# -- the run -----------------------------------------------------------------------------

def build_dataset(shards: list[tuple[str, str, str]], *, num_workers: int, batch_size: int,
                  stored: frozenset[str] = frozenset()):
    """The lazy Ray Dataset of OUTPUT_SCHEMA rows. Readers and parsers ask for no CPU, so
    `num_workers` one-CPU actors may fill a small cluster without starving the read."""
    import ray.data

    if not shards:
        raise ValueError("no JSON Lines or Parquet shards in the inputs")
    index = {_key(path): (i, shown, kind) for i, (path, shown, kind) in enumerate(shards)}
    # Shards are read whole, by one reader per file format (no Parquet column inference):
    # the same validation, ids and error messages as `eventwire run`.
    files = ray.data.read_binary_files([path for path, _, _ in shards], include_paths=True, num_cpus=0,
                                       arrow_open_stream_args={"compression": None})
    records = files.map_batches(_ShardParser(index), batch_size=1, batch_format="numpy", num_cpus=0)
    return records.map_batches(
        Extractor, fn_constructor_kwargs={"stored": stored}, batch_size=batch_size,
        batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=num_workers), num_cpus=1,
    )


def run_ray(inputs: list[str], db: str | None, *, address: str | None = None, num_workers: int = 2,
            parquet_out: str | None = None, batch_size: int = 32, commit_batch: int = COMMIT_BATCH) -> dict:
    """Extract `inputs` (JSON Lines / Parquet shards or folders of them) on Ray, write the
    Parquet partitions to `parquet_out` (a temporary folder when None), then store them in
    the DuckDB file `db` and resolve them across articles as `eventwire run` does, in batches
    of `commit_batch` (when `db` is None, only the Parquet is written). Connects to the
    cluster at `address` ("auto", "ray://host:10001") or starts a local instance; an already
    initialised Ray is used as it is. `batch_size` is the articles per block an actor codes.

    A `parquet_out` that holds the complete partitions of a run over the same inputs (its
    marker file says so) is loaded without extracting again: run the same command after an
    interrupted load and it goes on. Returns counts and timings."""
    if db is None and parquet_out is None:
        raise ValueError("give a database, a Parquet output folder, or both")
    shards = expand_inputs(inputs)
    shown = [s for _, s, _ in shards]
    done = parquet_out is not None and _complete(parquet_out, shown)
    if parquet_out is not None and not done and Path(parquet_out).exists() and any(Path(parquet_out).iterdir()):
        raise FileExistsError(f"{parquet_out}: not empty, and not the complete partitions of a run over these inputs"
                              " (an interrupted extraction?); remove it or give a new folder")
    tmp = tempfile.TemporaryDirectory(prefix="eventwire-ray-") if parquet_out is None else None
    out_dir = parquet_out if parquet_out is not None else tmp.name
    seconds = {"init": 0.0, "extract": 0.0}
    try:
        if not done:
            seconds = extract_to_parquet(shards, out_dir, address=address, num_workers=num_workers,
                                         batch_size=batch_size, stored=_stored_hashes(db))
        summary = {"shards": len(shards), "workers": num_workers, "parquet": parquet_out, "db": db,
                   "extracted": not done, **parquet_counts(out_dir)}
        t0 = time.perf_counter()
        if db is not None:
            summary.update(load_parquet(out_dir, db, batch_size=commit_batch))
        seconds["load"] = round(time.perf_counter() - t0, 3)
    finally:
        if tmp is not None:
            tmp.cleanup()
    summary["seconds"] = seconds
    return summary


def extract_to_parquet(shards: list[tuple[str, str, str]], out_dir: str, *, address: str | None, num_workers: int,
                       batch_size: int, stored: frozenset[str]) -> dict[str, float]:
    """The Ray part of `run_ray`; marks `out_dir` complete when every partition is written.
    A Ray started here is shut down before the load, which then has the machine to itself."""
    import ray

    started = not ray.is_initialized()
    t0 = time.perf_counter()
    if started:
        ray.init(address=address, include_dashboard=False, log_to_driver=False, configure_logging=False)
    t_init = time.perf_counter()
    try:
        with _data_context(batch_size):
            ds = build_dataset(shards, num_workers=num_workers, batch_size=batch_size, stored=stored)
            with warnings.catch_warnings():  # min_rows_per_file with partition_cols: fine in 2.60
                warnings.simplefilter("ignore", DeprecationWarning)
                ds.write_parquet(out_dir, partition_cols=["kind"], min_rows_per_file=PARQUET_ROWS,
                                 ray_remote_args={"num_cpus": 0})
    finally:
        if started:
            ray.shutdown()
    if "://" not in out_dir:  # the load reads local (or NFS) folders only
        mark_complete(out_dir, [s for _, s, _ in shards])
    return {"init": round(t_init - t0, 3), "extract": round(time.perf_counter() - t_init, 3)}


def mark_complete(out_dir: str, shown: list[str]) -> None:
    """Say that `out_dir` holds every partition of the inputs `shown` (as `expand_inputs` shows them)."""
    Path(out_dir, MARKER).write_text(json.dumps({"inputs": shown}) + "\n", encoding="utf-8")


def _complete(out_dir: str, shown: list[str]) -> bool:
    """Whether `out_dir` holds every partition of an extraction of these inputs."""
    try:
        return json.loads(Path(out_dir, MARKER).read_text(encoding="utf-8"))["inputs"] == shown
    except (OSError, ValueError, KeyError, TypeError):
        return False


@contextmanager
def _data_context(batch_size: int):
    """Blocks of about `batch_size` articles, so that one big shard is spread over every
    actor (a repartition step would want a CPU the actors may all hold); no progress bars."""
    import ray.data

    ctx = ray.data.DataContext.get_current()
    saved = ctx.target_max_block_size, ctx.enable_progress_bars, ctx.print_on_execution_start
    ctx.target_max_block_size = max(batch_size, 1) * BYTES_PER_RECORD
    ctx.enable_progress_bars = ctx.print_on_execution_start = False
    try:
        yield
    finally:
        ctx.target_max_block_size, ctx.enable_progress_bars, ctx.print_on_execution_start = saved


def _stored_hashes(db: str | None) -> frozenset[str]:
    """Content hashes already in `db`: the workers skip those articles, as `run` does."""
    if db is None or not Path(db).exists():
        return frozenset()
    with open_store(db, read_only=True) as store:
        return frozenset(h for (h,) in store.query("SELECT content_hash FROM articles"))


# -- reading the partitions back ---------------------------------------------------------

def _glob(out_dir: str, kind: str) -> str | None:
    folder = Path(out_dir) / f"kind={kind}"
    return str(folder / "*.parquet") if folder.is_dir() and any(folder.glob("*.parquet")) else None


def parquet_counts(out_dir: str) -> dict[str, int]:
    """Rows per partition: documents, events, mentions, errors (input records not read)."""
    import duckdb

    con = duckdb.connect()
    counts = {}
    for kind, name in (("document", "documents"), ("event", "events"), ("mention", "mentions"), ("error", "errors")):
        files = _glob(out_dir, kind)
        counts[name] = con.execute(f"SELECT count(*) FROM read_parquet('{files}')").fetchone()[0] if files else 0
    con.close()
    return counts


class _Extracted:
    """The extractor `run_into` is given for a load: it hands back what the Ray workers
    extracted, so that skipping, storing, batching and resolving are `eventwire run`'s own."""

    def __init__(self):
        # records read since the last batch: (article, failures, event JSONs, sentences, stored)
        self.read: list[tuple[Article, str, list[str], int, bool]] = []

    def map(self, articles: list[Article]) -> list[tuple[DocumentResult, int]]:
        got = {id(row[0]): row for row in self.read}
        self.read = []  # `run_into` takes a batch as soon as its last record is read
        out = []
        for article in articles:
            _, failures, events, sentences, stored = got[id(article)]
            if stored:
                raise RuntimeError(f"{article.id}: not extracted, as it was in the database when these partitions were"
                                   " written; load them into that database")
            out.append((DocumentResult(id=article.id, date=article.date, events=[json.loads(e) for e in events],
                                       errors=[DocumentError(**e) for e in json.loads(failures)]), sentences))
        return out

    def close(self) -> None:
        pass


def iter_records_from_parquet(out_dir: str, extracted: _Extracted):
    """The input records of a Ray run, in input order, as `iter_documents` yields them (a
    record's warnings, then its Article or the error that skipped it); each Article's
    extraction is handed to `extracted`. DuckDB joins and sorts out of core."""
    import duckdb

    docs, events, errs = (_glob(out_dir, kind) for kind in ("document", "event", "error"))
    parts = []
    if docs and events:
        parts.append(f"SELECT d.file, d.line, d.article, d.errors, d.failures, d.sentences, d.stored,"
                     f" list(e.event ORDER BY e.seq) FILTER (e.event IS NOT NULL)"
                     f" FROM read_parquet('{docs}') d LEFT JOIN read_parquet('{events}') e"
                     f" ON e.file = d.file AND e.line = d.line GROUP BY ALL")
    elif docs:
        parts.append(f"SELECT file, line, article, errors, failures, sentences, stored, []::VARCHAR[]"
                     f" FROM read_parquet('{docs}')")
    if errs:
        parts.append(f"SELECT file, line, NULL, errors, NULL, NULL, NULL, NULL FROM read_parquet('{errs}')")
    if not parts:
        return
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")  # it would draw on stdout during a long sort
    try:
        cur = con.execute(" UNION ALL ".join(parts) + " ORDER BY 1, 2")
        while rows := cur.fetchmany(FETCH_ROWS):
            for _, _, article_json, errors, failures, sentences, stored, event_jsons in rows:
                errors = json.loads(errors)
                if article_json is None:  # an unreadable record: its warnings, then the error that skipped it
                    yield from (IngestWarning(**e) for e in errors[:-1])
                    yield DocumentError(**errors[-1])
                    continue
                yield from (IngestWarning(**e) for e in errors)
                article = Article.model_validate_json(article_json)
                extracted.read.append((article, failures, event_jsons or [], sentences or 0, bool(stored)))
                yield article
    finally:
        con.close()


def load_parquet(out_dir: str, db: str, *, batch_size: int = COMMIT_BATCH, on_result=None) -> dict[str, Any]:
    """Store the partitions of a Ray run in `db` and resolve them across articles, exactly
    as `eventwire run` stores and resolves its own extraction of the same input: this is
    `runner.run_into` over the records in input order, in batches of `batch_size` (`run`'s
    --batch-size), with `resolve_article` as its hook (`on_result` replaces it). So the same
    guarantees hold: articles already stored are skipped; a batch is stored in one
    transaction and resolved in a second one that clears it from the hook queue; hooks an
    interrupted run left queued are replayed first."""
    from eventwire.store.resolution import resolve_article

    extracted = _Extracted()
    store = open_store(db)
    try:
        report = run_into(store, iter_records_from_parquet(out_dir, extracted), extracted, batch_size=batch_size,
                          on_result=resolve_article if on_result is None else on_result)
    finally:
        store.close()
    return {"added": report.added, "skipped": report.skipped, "failed": report.failed,
            "sentences": report.sentences, "hooks_replayed": report.hooks_replayed, "counts": report.counts}
