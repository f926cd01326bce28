"""Extraction on Ray Data, for archives that outgrow one machine.

    shards ─read─▶ records ─parse─▶ articles ─Extractor actors─▶ rows ─▶ OUT/kind=…/*.parquet ─▶ DuckDB

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

`load_parquet` then stores the documents through `Store.add_results`, exactly as the
single-process `eventwire run` would have (event ids come from the content hash, so they
are the same whichever worker coded the article).
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
from eventwire.ingest.records import article_from_record, binary_reason, error, is_warning
from eventwire.model import Article, DocumentError, DocumentResult

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet",)
GZIP_MAGIC = b"\x1f\x8b"
MAX_RECORD_BYTES = 5_000_000  # the same per-record limit as `iter_documents`
LOAD_CHUNK = 500  # documents per Store transaction
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


def extract_records(pipeline, records: list[dict[str, Any]], stored: frozenset[str] = frozenset()) -> list[dict]:
    """OUTPUT_SCHEMA rows for RECORD_SCHEMA rows: documents, their events and mentions, errors.
    An article whose text is in `stored` (already in the database) is not extracted again."""
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
        else:
            todo.append((doc, article))
    for (doc, article), result in zip(todo, pipeline.extract_many([a for _, a in todo]), strict=True):
        out.extend(_result_rows(doc, result))
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
            parquet_out: str | None = None, batch_size: int = 32) -> dict:
    """Extract `inputs` (JSON Lines / Parquet shards or folders of them) on Ray, write the
    Parquet partitions to `parquet_out` (a temporary folder when None), and store them in
    the DuckDB file `db` (when None, only the Parquet is written). Connects to the cluster
    at `address` ("auto", "ray://host:10001") or starts a local instance; an already
    initialised Ray is used as it is. Returns counts and timings."""
    import ray

    if db is None and parquet_out is None:
        raise ValueError("give a database, a Parquet output folder, or both")
    if parquet_out is not None and Path(parquet_out).exists() and any(Path(parquet_out).iterdir()):
        raise FileExistsError(f"{parquet_out}: not empty; partitions of an earlier run would mix in")
    shards = expand_inputs(inputs)
    stored = _stored_hashes(db)
    started = not ray.is_initialized()
    t0 = time.perf_counter()
    if started:
        ray.init(address=address, include_dashboard=False, log_to_driver=False, configure_logging=False)
    t_init = time.perf_counter()
    tmp = tempfile.TemporaryDirectory(prefix="eventwire-ray-") if parquet_out is None else None
    out_dir = parquet_out if parquet_out is not None else tmp.name
    try:
        with _data_context(batch_size):
            ds = build_dataset(shards, num_workers=num_workers, batch_size=batch_size, stored=stored)
            with warnings.catch_warnings():  # min_rows_per_file with partition_cols: fine in 2.60
                warnings.simplefilter("ignore", DeprecationWarning)
                ds.write_parquet(out_dir, partition_cols=["kind"], min_rows_per_file=PARQUET_ROWS,
                                 ray_remote_args={"num_cpus": 0})
        t_extract = time.perf_counter()
        summary = {"shards": len(shards), "workers": num_workers, "parquet": parquet_out, "db": db,
                   **parquet_counts(out_dir)}
        if db is not None:
            summary.update(load_parquet(out_dir, db))
        t_load = time.perf_counter()
    finally:
        if tmp is not None:
            tmp.cleanup()
        if started:
            ray.shutdown()
    summary["seconds"] = {"init": round(t_init - t0, 3), "extract": round(t_extract - t_init, 3),
                          "load": round(t_load - t_extract, 3)}
    return summary


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
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        return frozenset(h for (h,) in con.execute("SELECT content_hash FROM articles").fetchall())
    finally:
        con.close()


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


def iter_documents_from_parquet(out_dir: str):
    """(Article, DocumentResult, number of extraction failures, stored) per document, in input order. The result's errors
    are the ingest warnings and then the extraction failures, as `eventwire run` has them."""
    import duckdb

    docs = _glob(out_dir, "document")
    if docs is None:
        return
    events = _glob(out_dir, "event")
    con = duckdb.connect()
    if events:
        sql = (f"SELECT d.article, d.errors, d.failures, d.stored, list(e.event ORDER BY e.seq) FILTER (e.event IS NOT NULL)"
               f" FROM read_parquet('{docs}') d LEFT JOIN read_parquet('{events}') e"
               f" ON e.content_hash = d.content_hash AND e.file = d.file AND e.line = d.line"
               f" GROUP BY d.file, d.line, d.article, d.errors, d.failures, d.stored ORDER BY d.file, d.line")
    else:
        sql = f"SELECT article, errors, failures, stored, [] FROM read_parquet('{docs}') ORDER BY file, line"
    cur = con.execute(sql)
    try:
        while rows := cur.fetchmany(LOAD_CHUNK):
            for article_json, warnings, failures, stored, event_jsons in rows:
                article = Article.model_validate_json(article_json)
                result = DocumentResult(
                    id=article.id, date=article.date,
                    events=[json.loads(e) for e in event_jsons or []],
                    errors=[DocumentError(**e) for e in json.loads(warnings) + json.loads(failures)],
                )
                yield article, result, len(json.loads(failures)), bool(stored)
    finally:
        con.close()


def load_parquet(out_dir: str, db: str) -> dict[str, Any]:
    """Store the partitions of a Ray run in `db`, as `eventwire run` stores its results:
    unreadable records and extraction failures in `errors`, documents in bulk."""
    import duckdb

    from eventwire.store import Store

    added = skipped = failed = 0
    with Store(db) as store:
        if errs := _glob(out_dir, "error"):
            con = duckdb.connect()
            for (errors,) in con.execute(f"SELECT errors FROM read_parquet('{errs}') ORDER BY file, line").fetchall():
                for e in json.loads(errors):
                    store.add_error(DocumentError(**e))
                failed += 1
            con.close()
        chunk: list[tuple[Article, DocumentResult]] = []
        for article, result, n_failures, stored in iter_documents_from_parquet(out_dir):
            if stored:
                skipped += 1
                continue
            failed += bool(n_failures)
            for e in result.errors[len(result.errors) - n_failures:]:
                store.add_error(e, path=article.path)
            chunk.append((article, result))
            if len(chunk) >= LOAD_CHUNK:
                n = store.add_results(chunk)
                added, skipped, chunk = added + n, skipped + len(chunk) - n, []
        if chunk:
            n = store.add_results(chunk)
            added, skipped = added + n, skipped + len(chunk) - n
        counts = store.counts()
    return {"added": added, "skipped": skipped, "failed": failed, "counts": counts}
