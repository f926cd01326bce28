"""`Store`: the DuckDB file behind `eventwire run`, the CLI queries and the API."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import cached_property
from operator import itemgetter
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.export.flat import flatten, iso3
from eventwire.model import SCHEMA_VERSION, Article, DocumentError, DocumentResult, Event
from eventwire.store.schema import DDL, EVENT_COLUMNS, STORE_SCHEMA_VERSION

HASH_PREFIX = 16  # hex digits of the content hash in a global event id (64 bits)
TABLES = ("articles", "events", "evidence", "mentions", "errors")  # what a document writes


def global_event_id(content_hash: str, local_id: str) -> str:
    """Event ids from the pipeline are unique within an article only; the store prefixes
    the first 16 hex digits of the article's content hash (`3f2a...9c:e1`). The prefix comes
    from the text, not the file name, so the same article gets the same ids on every run
    and in every database. An id that already carries the prefix is kept as it is."""
    prefix = content_hash[:HASH_PREFIX] + ":"
    return local_id if local_id.startswith(prefix) else prefix + local_id


def _stored(cur, content_hash: str) -> bool:
    """A primary-key lookup: stays cheap however large the store grows."""
    return bool(cur.execute("SELECT 1 FROM articles WHERE content_hash = ?", [content_hash]).fetchall())


IN_LIST = 500  # keys per `IN (...)` list: DuckDB answers a constant IN list from the ART index


def chunked(keys: list, size: int = IN_LIST) -> Iterator[list]:
    for i in range(0, len(keys), size):
        yield keys[i:i + size]


def marks(keys: Sequence) -> str:
    """Placeholders of an `IN (...)` list. A list of constants is looked up in the key's
    index, so the cost follows the number of keys, not the size of the table (measured
    flat from 100k to 1M rows; `key = ANY(?)` grew with the table)."""
    return ", ".join("?" * len(keys))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


CHECKPOINT_THRESHOLD = "128MB"


class Store:
    """One DuckDB file. The schema is created on first open; a file written with another
    schema version is refused. DuckDB allows one writing process per file; within a
    process each call uses its own cursor, so threads (the API) can share one `Store`."""

    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise FileNotFoundError(self.path)
        self._con = duckdb.connect(self.path, read_only=read_only)
        self.read_only = read_only
        if not read_only:
            # DuckDB checkpoints when the WAL passes 16 MB; a checkpoint rewrites the indexes
            # of the tables it touches, so on a growing archive many small checkpoints cost
            # more and more. Commits stay durable in the WAL either way.
            self._con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
            self._create_schema()
        self._check_version()
        self._stored_keys = _StoredKeys()

    # -- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _create_schema(self) -> None:
        with self.transaction() as cur:
            for statement in DDL:
                cur.execute(statement)
            for key, value in (("schema_version", STORE_SCHEMA_VERSION), ("event_schema_version", SCHEMA_VERSION)):
                cur.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT DO NOTHING", [key, value])

    def _check_version(self) -> None:
        found = self._query("SELECT value FROM meta WHERE key = 'schema_version'")
        version = found[0][0] if found else None
        if version != STORE_SCHEMA_VERSION:
            self.close()
            raise RuntimeError(
                f"{self.path}: store schema version {version!r}, this eventwire writes {STORE_SCHEMA_VERSION!r}"
            )

    def _query(self, sql: str, params: list[Any] | None = None) -> list[tuple]:
        return self.query(sql, params)

    # -- the public surface for modules that keep their own tables in this file ------------
    # (resolution, API queries, tests): they go through these, never the connection itself,
    # so that the engine behind the store can change.

    @contextmanager
    def cursor(self) -> Iterator[Any]:
        """A cursor of its own (threads may each hold one), in autocommit mode."""
        cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @cached_property
    def _has_author(self) -> bool:
        # a database written before `author` was stored, opened read-only, lacks the column
        return bool(self._query(
            "SELECT 1 FROM information_schema.columns WHERE table_name = 'articles' AND column_name = 'author'"
        ))

    def _author(self, alias: str = "") -> str:
        return f"{alias}author" if self._has_author else "NULL"

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A cursor inside one transaction: committed when the block ends, rolled back (and
        the exception re-raised) when it raises, so a crash leaves nothing half-written."""
        with self.cursor() as cur:
            cur.begin()
            try:
                yield cur
            except BaseException:
                cur.rollback()
                raise
            cur.commit()

    def query(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple]:
        """Rows of one statement, as tuples."""
        with self.cursor() as cur:
            return cur.execute(sql, list(params or [])).fetchall()

    def query_dicts(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        """Rows of one statement, as dicts keyed by column name."""
        names, rows = self.query_columns(sql, params)
        return [dict(zip(names, row, strict=True)) for row in rows]

    def query_columns(self, sql: str, params: Sequence[Any] | None = None) -> tuple[list[str], list[tuple]]:
        """(column names, rows) of one statement."""
        with self.cursor() as cur:
            cur.execute(sql, list(params or []))
            return [d[0] for d in cur.description], cur.fetchall()

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> None:
        """One statement on its own (autocommit); a read-only store refuses writes."""
        with self.cursor() as cur:
            cur.execute(sql, list(params or []))

    def has_table(self, table: str) -> bool:
        return bool(self.query("SELECT 1 FROM information_schema.tables WHERE table_name = ?", [table]))

    # -- writing ---------------------------------------------------------------------

    def has_article(self, content_hash: str) -> bool:
        with self.cursor() as cur:
            return _stored(cur, content_hash)

    def add_result(self, article: Article, result: DocumentResult) -> bool:
        """Store an article with its events, mentions, evidence and warnings in one
        transaction. Returns False, storing nothing, when the same text was stored before."""
        return self.add_results([(article, result)]) == 1

    def add_results(
        self,
        documents: Iterable[tuple[Article, DocumentResult]],
        *,
        failures: Iterable[tuple[DocumentError, str | None, str]] = (),
        queue: bool = False,
        within: Callable[[Any], None] | None = None,
    ) -> int:
        """Store many documents in one transaction; returns how many were new.

        Documents whose text is already stored (or repeated in the batch) are skipped. One
        bulk insert per table makes a batch several times faster than `add_result` per
        document; a failure stores none of the batch. `failures` (error, path, level) are
        recorded in the same transaction, as `add_error` would; `queue` also lists each new
        article in `hook_queue`, so a hook run after the commit can be resumed after a crash;
        `within(cur)` instead runs a hook inside the same transaction, after the inserts
        (nothing to queue: the batch and the hook's writes commit together or not at all)."""
        docs = [(article, result, article.content_hash) for article, result in documents]
        failures = list(failures)
        if not docs and not failures:
            return 0
        now = _now()
        with self.transaction() as cur:
            seen = self.stored_hashes(cur, [h for _, _, h in docs])
            rows_before = self._stored_keys.rows
            tables: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
            added: list[str] = []
            for article, result, content_hash in docs:
                if content_hash in seen:
                    continue
                seen.add(content_hash)
                _document_rows(article, result, content_hash, now, tables)
                added.append(content_hash)
            for table, rows in tables.items():
                self.bulk_insert(cur, table, rows)
            if queue and added and within is None:
                # new articles cannot be queued yet (the queue holds stored ones only): a plain
                # bulk insert; executemany ran one indexed statement per row (~3 ms each)
                self.bulk_insert(cur, "hook_queue", [{"content_hash": h, "queued_at": now} for h in added])
            for error, path, level in failures:
                _record_error(cur, error, path, level, now)
            if within is not None:
                within(cur)
        # committed: the keys in memory follow the table without reading it again
        self._stored_keys.added(added, rows_before)
        return len(added)

    def stored_hashes_of(self, content_hashes: list[str]) -> set[str]:
        """Which of these articles are stored already (outside any transaction)."""
        with self.cursor() as cur:
            return self.stored_hashes(cur, content_hashes)

    def stored_hashes(self, cur, content_hashes: list[str]) -> set[str]:
        """Which of these articles are stored already. Only hashes the in-memory keys may
        hold are looked up in the table: in a run of new articles, none."""
        found: set[str] = set()
        for keys in chunked(sorted(self._stored_keys.candidates(cur, content_hashes))):
            found |= {h for (h,) in cur.execute(
                f"SELECT content_hash FROM articles WHERE content_hash IN ({marks(keys)})", keys).fetchall()}
        return found

    @staticmethod
    def bulk_insert(cur, table: str, rows: list[dict[str, Any]]) -> None:
        """Insert rows by column name through Arrow: one statement however many rows
        (`cur` from `transaction()`)."""
        if not rows:
            return
        # column lists: Table.from_pylist took 12 ms for 1,200 evidence rows, this 0.7 ms
        names = list(rows[0])
        try:
            # one C-level pass over the rows instead of a dict lookup per cell (the events
            # table has ~70 columns); the rows of one table all carry the same keys
            columns = list(zip(*map(itemgetter(*names), rows))) if len(names) > 1 else None
        except KeyError:
            columns = None
        if columns is None:
            columns = [[row.get(name) for row in rows] for name in names]
        batch = pa.Table.from_pydict(dict(zip(names, map(list, columns))))
        cur.register("_eventwire_batch", batch)
        try:
            cur.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _eventwire_batch")
        finally:
            cur.unregister("_eventwire_batch")

    def add_error(self, error: DocumentError, *, path: str | None = None) -> None:
        """Record a document that failed. The same failure seen again (re-running a batch)
        updates `last_seen` and `attempts` instead of adding a row."""
        with self.transaction() as cur:
            _record_error(cur, error, path, "error", _now())

    def queued_hooks(self) -> list[str]:
        """Content hashes stored with `queue=True` whose hook has not been marked done."""
        return [h for (h,) in self._query("SELECT content_hash FROM hook_queue ORDER BY queued_at, content_hash")]

    def hook_done(self, content_hash: str) -> None:
        self.execute("DELETE FROM hook_queue WHERE content_hash = ?", [content_hash])

    @staticmethod
    def hooks_done(cur, content_hashes: Iterable[str]) -> None:
        """Mark hooks done inside the caller's transaction (`cur` from `transaction()`), so
        that the hook's writes and the mark commit together."""
        for ids in chunked(list(content_hashes)):
            cur.execute(f"DELETE FROM hook_queue WHERE content_hash IN ({marks(ids)})", ids)

    def stored_result(self, content_hash: str) -> DocumentResult | None:
        """The result as stored for one article (events with their global ids)."""
        article = self._query("SELECT id, date FROM articles WHERE content_hash = ?", [content_hash])
        if not article:
            return None
        records = self._query("SELECT record FROM events WHERE article_hash = ? ORDER BY id", [content_hash])
        events = [Event.model_validate_json(r) for (r,) in records]
        return DocumentResult(id=article[0][0], date=article[0][1], events=events)

    # -- reading ---------------------------------------------------------------------

    def events(
        self,
        *,
        limit: int | None = None,
        country: str | None = None,
        type: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[Event]:
        """Events, newest first (undated last), rebuilt from their stored JSON.

        `country` (ISO alpha-2/alpha-3 or a name) matches where the event happened; an
        event with no location (a statement, an expulsion) matches either actor's country.
        `type` matches the PLOVER type or the ACLED event type, ignoring case. `since` and
        `until` are inclusive and leave out undated events."""
        where, params = self._filters(country=country, type=type, since=since, until=until)
        sql = f"SELECT record FROM events{where} ORDER BY date DESC NULLS LAST, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [Event.model_validate_json(record) for (record,) in self._query(sql, params)]

    def event(self, event_id: str) -> Event | None:
        """One event by its global id (as `events()` returns it)."""
        rows = self._query("SELECT record FROM events WHERE id = ?", [event_id])
        return Event.model_validate_json(rows[0][0]) if rows else None

    @staticmethod
    def _filters(*, country, type, since, until) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if country:
            code = iso3(country) or country.upper()
            clauses.append(
                "(location_country = ? OR (location_country IS NULL"
                " AND (actor1_country = ? OR actor2_country = ?)))"
            )
            params += [code, code, code]
        if type:
            clauses.append("(upper(type) = upper(?) OR upper(acled_event_type) = upper(?))")
            params += [type, type]
        if since:
            clauses.append("date >= ?")
            params.append(since)
        if until:
            clauses.append("date <= ?")
            params.append(until)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def event_sources(self, event_ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """Event id → the article it came from (`article_id`, `source`, `url`, `title`,
        `date`, `content_hash`, `author`): what the exports need for ACLED `source` and friends."""
        sql = (
            f"SELECT e.id, a.id, a.source, a.url, a.title, a.date, a.content_hash, {self._author('a.')}"
            " FROM events e JOIN articles a ON a.content_hash = e.article_hash"
        )
        params: list[Any] = []
        if event_ids is not None:
            sql += " WHERE list_contains(?, e.id)"
            params.append(list(event_ids))
        keys = ("article_id", "source", "url", "title", "date", "content_hash", "author")
        return {row[0]: dict(zip(keys, row[1:], strict=True)) for row in self._query(sql, params)}

    def article(self, key: str) -> Article | None:
        """The stored article with this content hash, or else the latest one with this id."""
        rows = self._query(
            f"SELECT id, text, date, title, source, url, path, format, {self._author()} FROM articles"
            " WHERE content_hash = ? OR id = ? ORDER BY (content_hash = ?) DESC, ingested_at DESC LIMIT 1",
            [key, key, key],
        )
        if not rows:
            return None
        fields = ("id", "text", "date", "title", "source", "url", "path", "format", "author")
        return Article(**dict(zip(fields, rows[0], strict=True)))

    def errors(self) -> list[dict]:
        """Failed documents (`level` "error") and warnings from stored results, oldest first."""
        return self.query_dicts(
            "SELECT id, stage, reason, level, path, article_hash, first_seen, last_seen, attempts"
            " FROM errors ORDER BY first_seen, id"
        )

    def counts(self) -> dict[str, int]:
        (row,) = self._query(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),"
            " (SELECT count(*) FROM mentions), (SELECT count(*) FROM evidence),"
            " (SELECT count(*) FROM errors WHERE level = 'error'),"
            " (SELECT count(*) FROM errors WHERE level = 'warning')"
        )
        return dict(zip(("articles", "events", "mentions", "evidence", "errors", "warnings"), row, strict=True))


class _StoredKeys:
    """The stored articles' content hashes as Python hashes, in memory: a hash not among
    them is not stored, with no query. DuckDB answered the batch's `IN` lookup at ~17 µs a
    key, twice per batch (before extraction and in the transaction): ~8% of the writer's
    CPU on a 10k run, 4 s at 100k. A match only makes a hash a candidate, checked in the
    table; so do keys left by a rolled-back batch. The keys reload whenever the table's row
    count is not the one they describe (another `Store` in this process wrote the file, or
    this is the first lookup): rows are never deleted from `articles`, so an equal count
    means the same rows. ~70 bytes an article."""

    def __init__(self) -> None:
        self.keys: set[int] = set()
        self.rows = -1  # rows of `articles` the keys describe; -1: not loaded

    def candidates(self, cur, content_hashes: Iterable[str]) -> set[str]:
        (rows,), = cur.execute("SELECT count(*) FROM articles").fetchall()
        if rows != self.rows:
            # built whole, then swapped in: threads sharing the store never see it half-filled
            self.keys = set(map(hash, (h for (h,) in cur.execute("SELECT content_hash FROM articles").fetchall())))
            self.rows = rows
        return {h for h in content_hashes if hash(h) in self.keys}

    def added(self, content_hashes: list[str], rows_before: int) -> None:
        """`content_hashes` were committed into a table of `rows_before` rows."""
        self.keys.update(map(hash, content_hashes))
        if self.rows == rows_before:
            self.rows = rows_before + len(content_hashes)


def _record_error(cur, error: DocumentError, path: str | None, level: str, now: datetime) -> None:
    """Insert a failure, or bump `attempts` and `last_seen` when the same one is recorded."""
    key = [error.id, error.stage, error.reason, path, level]
    where = "id = ? AND stage = ? AND reason = ? AND path IS NOT DISTINCT FROM ? AND level = ?"
    if cur.execute(f"SELECT 1 FROM errors WHERE {where}", key).fetchall():
        cur.execute(f"UPDATE errors SET last_seen = ?, attempts = attempts + 1 WHERE {where}", [now, *key])
    else:
        cur.execute(
            "INSERT INTO errors (id, stage, reason, path, level, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [*key, now, now],
        )


def _globalise(event: Event, content_hash: str, siblings: list[Event]) -> Event:
    """The event with its global id; links that name a sibling event follow the rename."""
    local_ids = {e.id for e in siblings}
    links = [
        {k: global_event_id(content_hash, v) if isinstance(v, str) and v in local_ids and k != "type" else v
         for k, v in link.items()}
        for link in event.links
    ]
    return event.model_copy(update={"id": global_event_id(content_hash, event.id), "links": links})


def _document_rows(
    article: Article, result: DocumentResult, content_hash: str, now: datetime, tables: dict[str, list]
) -> None:
    """Append one document's rows, table by table."""
    events = [_globalise(event, content_hash, result.events) for event in result.events]
    ids = [e.id for e in events]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{article.id}: duplicate event ids in one result: {sorted(ids)}")
    tables["articles"].append({
        "content_hash": content_hash, "id": article.id, "date": article.date, "title": article.title,
        "source": article.source, "url": article.url, "author": article.author, "path": article.path,
        "format": article.format,
        "text": article.text, "ingested_at": now,
    })
    keys = {"article_id": article.id, "article_hash": content_hash}
    for event, local in zip(events, result.events, strict=True):
        flat = flatten(event)
        tables["events"].append({
            "id": event.id, "local_id": local.id, **keys,
            **{name: flat[name] for name, _ in EVENT_COLUMNS},
            "record": event.model_dump_json(),
        })
        for ev in event.evidence:
            span = {"event_id": event.id, **keys, "start": ev.start, "end": ev.end, "text": ev.text}
            tables["evidence"].append({**span, "role": ev.role})
            if ev.role == "sentence":
                tables["mentions"].append(span)
    for error in result.errors:
        tables["errors"].append({
            "id": error.id, "stage": error.stage, "reason": error.reason, "level": "warning",
            "path": article.path, "article_hash": content_hash, "first_seen": now, "last_seen": now,
            "attempts": 1,
        })
