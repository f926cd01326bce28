"""The DuckDB schema. Bump `STORE_SCHEMA_VERSION` when a table changes shape; `Store`
refuses a file written with a different version instead of silently misreading it.

`events` carries the flat columns of `eventwire.export.flat` (so SQL users and the CSV
export agree on names) plus the full `Event` JSON in `record`, which is what `Store.events`
rebuilds from.
"""

from __future__ import annotations

from eventwire.export.flat import COLUMNS

STORE_SCHEMA_VERSION = "1"

SQL_TYPES = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "date": "DATE"}

# article_* columns live in `articles`; the events table references it instead.
EVENT_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (name, kind) for name, kind in COLUMNS if not name.startswith("article_") and name != "id"
)


def _quote(name: str) -> str:
    return f'"{name}"'


def _event_table() -> str:
    cols = ",\n    ".join(f"{_quote(name)} {SQL_TYPES[kind]}" for name, kind in EVENT_COLUMNS)
    return f"""
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,
    local_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    article_hash VARCHAR NOT NULL,
    {cols},
    record JSON NOT NULL
)"""


DDL: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """
CREATE TABLE IF NOT EXISTS articles (
    content_hash VARCHAR PRIMARY KEY,
    id VARCHAR NOT NULL,
    date DATE,
    title VARCHAR,
    source VARCHAR,
    url VARCHAR,
    author VARCHAR,
    path VARCHAR,
    format VARCHAR,
    text VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL
)""",
    # a database written before `author` was stored gains the column (empty) on its next
    # writing open; the schema version stays, since old readers simply ignore it
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS author VARCHAR",
    _event_table(),
    """
CREATE TABLE IF NOT EXISTS mentions (
    event_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    article_hash VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR
)""",
    """
CREATE TABLE IF NOT EXISTS evidence (
    event_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    article_hash VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR
)""",
    """
CREATE TABLE IF NOT EXISTS errors (
    id VARCHAR NOT NULL,
    stage VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    level VARCHAR NOT NULL,
    path VARCHAR,
    article_hash VARCHAR,
    first_seen TIMESTAMP NOT NULL,
    last_seen TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1
)""",
    # articles whose post-commit hook (cross-article resolution) has not finished yet
    "CREATE TABLE IF NOT EXISTS hook_queue (content_hash VARCHAR PRIMARY KEY, queued_at TIMESTAMP NOT NULL)",
    "CREATE INDEX IF NOT EXISTS articles_id ON articles (id)",
    "CREATE INDEX IF NOT EXISTS events_article ON events (article_hash)",
    "CREATE INDEX IF NOT EXISTS events_date ON events (date)",
    "CREATE INDEX IF NOT EXISTS mentions_event ON mentions (event_id)",
    "CREATE INDEX IF NOT EXISTS evidence_event ON evidence (event_id)",
)
