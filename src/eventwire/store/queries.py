"""Read-only queries for the API: filtered, sorted, cursor-paginated events, per-period
statistics, actors, article spans, and the cross-article `links` / `revisions` tables
when the store has them.

Every value reaches SQL as a bound parameter. The only text spliced into a statement is
chosen from the fixed tables below (sort keys, intervals, groupings), never from a request.

    q = EventQuery(country="PAK", types=("ASSAULT",), sort="-fatalities")
    page = event_page(store, q, limit=50)          # {"events", "next", "total"}
    event_page(store, q, limit=50, cursor=page["next"])
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eventwire.export.flat import country_name, country_numeric, iso3
from eventwire.model import Event
from eventwire.store.store import Store

# sort name → (SQL key with NULLs folded to the far end, kind of its cursor value).
# Folding NULLs into a sentinel makes the key total, so keyset pagination needs one
# comparison instead of a NULL-aware case analysis.
SORTS: dict[str, tuple[str, str]] = {
    "date": ("coalesce(date, DATE '9999-12-31')", "date"),
    "-date": ("coalesce(date, DATE '0001-01-01')", "date"),
    "fatalities": ("coalesce(fatalities_best, 9223372036854775807)", "int"),
    "-fatalities": ("coalesce(fatalities_best, -1)", "int"),
    "goldstein": ("coalesce(goldstein, 1e308)", "float"),
    "-goldstein": ("coalesce(goldstein, -1e308)", "float"),
    "confidence": ("confidence", "float"),
    "-confidence": ("confidence", "float"),
}
INTERVALS = {"day": "day", "week": "week", "month": "month"}
# group name → SQL for the series key of the timeline
GROUPS = {
    "dyad": "coalesce(actor1_country, actor1_name, '?') || ' → ' || coalesce(actor2_country, actor2_name, '?')",
    "country": "coalesce(location_country, actor1_country, '?')",
    "type": "type",
    "none": "'all'",
}
# the flat columns a map or table needs; what `view=summary` returns
SUMMARY_COLUMNS = (
    "id", "article_id", "type", "mode", "cameo", "goldstein", "acled_event_type", "acled_sub_event_type",
    "actor1_name", "actor1_country", "actor2_name", "actor2_country", "date", "date_precision",
    "location_name", "location_country", "location_lat", "location_lon", "geo_precision",
    "fatalities_best", "injuries_best", "status", "confidence", "mentions",
)
MAX_LIMIT = 1000


class QueryError(ValueError):
    """A filter, sort or cursor the API cannot use; the message is safe to show."""


@dataclass(frozen=True)
class EventQuery:
    """The filters shared by event lists, statistics and exports."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    actor: str | None = None
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    text: str | None = None
    sort: str = "-date"
    extra: dict[str, Any] = field(default_factory=dict)

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause (or "") and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.since:
            clauses.append("date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("date <= ?")
            params.append(self.until)
        if self.country:
            code = iso3(self.country) or self.country.upper()
            clauses.append(
                "(location_country = ? OR (location_country IS NULL"
                " AND (actor1_country = ? OR actor2_country = ?)))"
            )
            params += [code, code, code]
        if self.actor:
            like = _like(self.actor)
            clauses.append(
                "(actor1_name ILIKE ? ESCAPE '\\' OR actor2_name ILIKE ? ESCAPE '\\'"
                " OR actor1_country = upper(?) OR actor2_country = upper(?))"
            )
            params += [like, like, self.actor, self.actor]
        if self.types:
            upper = [t.upper() for t in self.types]
            clauses.append("(list_contains(?, upper(type)) OR list_contains(?, upper(acled_event_type)))")
            params += [upper, upper]
        if self.statuses:
            clauses.append("list_contains(?, status)")
            params.append([s.lower() for s in self.statuses])
        if self.bbox:
            west, south, east, north = self.bbox
            lon = "location_lon BETWEEN ? AND ?" if west <= east else "(location_lon >= ? OR location_lon <= ?)"
            clauses.append(f"(location_lat BETWEEN ? AND ? AND {lon})")
            params += [south, north, west, east]
        if self.text:
            like = _like(self.text)
            cols = ("evidence_text", "actor1_name", "actor2_name", "location_name", "attribution_text", "type")
            clauses.append("(" + " OR ".join(f"{c} ILIKE ? ESCAPE '\\'" for c in cols) + ")")
            params += [like] * len(cols)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _like(text: str) -> str:
    """A substring pattern for ILIKE with the user's wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# -- cursors -------------------------------------------------------------------------

def encode_cursor(sort: str, key: Any, event_id: str) -> str:
    value = key.isoformat() if isinstance(key, date) else key
    raw = json.dumps([sort, value, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    """(sort key, event id) after which the next page starts; QueryError if forged or stale."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        name, value, event_id = json.loads(raw)
        kind = SORTS[sort][1]
        key = {"date": date.fromisoformat, "int": int, "float": float}[kind](value)
        if name != sort or not isinstance(event_id, str):
            raise ValueError
    except (ValueError, TypeError, KeyError, json.JSONDecodeError):
        raise QueryError("invalid cursor (it belongs to another sort or was altered)") from None
    return key, event_id


# -- queries -------------------------------------------------------------------------

def _rows(store: Store, sql: str, params: list[Any]) -> tuple[list[str], list[tuple]]:
    return store.query_columns(sql, params)


def _dicts(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    return store.query_dicts(sql, params)


def event_page(
    store: Store, query: EventQuery, *, limit: int = 50, cursor: str | None = None, summary: bool = False
) -> dict[str, Any]:
    """One page of events matching `query`: {"events", "next", "total"}. `next` is the
    cursor of the following page, None on the last. Keyset pagination: a page costs the
    same however deep it is, and rows added meanwhile do not shift it."""
    if query.sort not in SORTS:
        raise QueryError(f"unknown sort {query.sort!r}; choose one of {', '.join(SORTS)}")
    limit = max(1, min(int(limit), MAX_LIMIT))
    key_sql, _ = SORTS[query.sort]
    direction = "DESC" if query.sort.startswith("-") else "ASC"
    where, params = query.where()
    (total,), = _rows(store, f"SELECT count(*) FROM events{where}", params)[1]
    page_where, page_params = where, list(params)
    if cursor:
        key, last_id = decode_cursor(cursor, query.sort)
        op = "<" if direction == "DESC" else ">"
        clause = f"({key_sql} {op} ? OR ({key_sql} = ? AND id > ?))"
        page_where = (where + " AND " if where else " WHERE ") + clause
        page_params += [key, key, last_id]
    columns = ", ".join(SUMMARY_COLUMNS) if summary else "id, record"
    sql = (
        f"SELECT {columns}, {key_sql} AS _key FROM events{page_where}"
        f" ORDER BY _key {direction}, id LIMIT ?"
    )
    names, rows = _rows(store, sql, page_params + [limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    if summary:
        events = [dict(zip(names[:-1], row[:-1], strict=True)) for row in rows]
    else:
        events = [json.loads(row[1]) for row in rows]
    next_cursor = encode_cursor(query.sort, rows[-1][-1], rows[-1][0]) if more and rows else None
    return {"events": events, "next": next_cursor, "total": total}


def iter_events(store: Store, query: EventQuery, *, batch: int = 5000):
    """Every matching `Event`, in the query's order, fetched a batch at a time (exports)."""
    cursor = None
    while True:
        page = event_page(store, query, limit=min(batch, MAX_LIMIT), cursor=cursor)
        for record in page["events"]:
            yield Event.model_validate(record)
        cursor = page["next"]
        if cursor is None:
            return


def timeline(
    store: Store, query: EventQuery, *, interval: str = "day", group: str = "none", top: int | None = None
) -> list[dict]:
    """Events and Goldstein sum per period (and per dyad, country or type): the
    escalation curve. Undated events are left out. `top` keeps the series of the `top`
    groups with the most events (a chart shows a handful, not every dyad)."""
    if interval not in INTERVALS:
        raise QueryError(f"unknown interval {interval!r}; choose one of {', '.join(INTERVALS)}")
    if group not in GROUPS:
        raise QueryError(f"unknown group {group!r}; choose one of {', '.join(GROUPS)}")
    where, params = query.where()
    where = (where + " AND " if where else " WHERE ") + "date IS NOT NULL"
    key = GROUPS[group]
    if top is not None:
        where += f" AND {key} IN (SELECT {key} FROM events{where} GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT ?)"
        params = params + params + [max(1, int(top))]
    sql = (
        f"SELECT CAST(date_trunc('{INTERVALS[interval]}', date) AS DATE) AS period, {key} AS key,"
        " count(*) AS events, round(sum(coalesce(goldstein, 0)), 3) AS goldstein,"
        " sum(coalesce(fatalities_best, 0)) AS fatalities"
        f" FROM events{where} GROUP BY ALL ORDER BY period, key"
    )
    return _dicts(store, sql, params)


def actors(store: Store, *, text: str | None = None, limit: int = 100) -> list[dict]:
    """Actors by how many events they take part in, as source or target."""
    params: list[Any] = []
    where = ""
    if text:
        where = " WHERE name ILIKE ? ESCAPE '\\'"
        params.append(_like(text))
    sql = (
        "SELECT name, country, sector, count(*) AS events,"
        " count(*) FILTER (WHERE role = 'actor1') AS as_source,"
        " count(*) FILTER (WHERE role = 'actor2') AS as_target FROM ("
        " SELECT actor1_name AS name, actor1_country AS country, actor1_sector AS sector, 'actor1' AS role"
        " FROM events WHERE actor1_name IS NOT NULL UNION ALL"
        " SELECT actor2_name, actor2_country, actor2_sector, 'actor2' FROM events WHERE actor2_name IS NOT NULL)"
        f"{where} GROUP BY ALL ORDER BY events DESC, name LIMIT ?"
    )
    return _dicts(store, sql, params + [max(1, min(int(limit), MAX_LIMIT))])


def facets(store: Store) -> dict[str, list[dict]]:
    """The values a filter form offers: types, ACLED types, statuses, countries, with counts."""
    out = {}
    for name, column in (("type", "type"), ("acled_event_type", "acled_event_type"), ("status", "status"),
                         ("country", "coalesce(location_country, actor1_country)")):
        out[name] = _dicts(
            store,
            f"SELECT {column} AS value, count(*) AS events FROM events WHERE {column} IS NOT NULL"
            " GROUP BY ALL ORDER BY events DESC, value",
            [],
        )
    for row in out["country"]:  # names for the form, ISO numeric ids to find the map outline
        number = country_numeric(row["value"])
        row.update(label=country_name(row["value"]), numeric=f"{number:03d}" if number is not None else None)
    return out


def article_spans(store: Store, content_hash: str) -> list[dict]:
    """Every evidence span of the article's events, in text order."""
    return _dicts(
        store,
        'SELECT event_id, role, start, "end", text FROM evidence WHERE article_hash = ? ORDER BY start, "end" DESC',
        [content_hash],
    )


def article_key(store: Store, key: str) -> dict[str, Any] | None:
    """The stored article by content hash, or else the latest one with this id (metadata only)."""
    rows = _dicts(
        store,
        "SELECT content_hash, id, date, title, source, url, format FROM articles"
        " WHERE content_hash = ? OR id = ? ORDER BY (content_hash = ?) DESC, ingested_at DESC LIMIT 1",
        [key, key, key],
    )
    return rows[0] if rows else None


def event_article(store: Store, event_id: str) -> dict[str, Any] | None:
    rows = _dicts(
        store,
        "SELECT a.content_hash, a.id, a.date, a.title, a.source, a.url FROM events e"
        " JOIN articles a ON a.content_hash = e.article_hash WHERE e.id = ?",
        [event_id],
    )
    return rows[0] if rows else None


def summaries(store: Store, event_ids: list[str]) -> list[dict]:
    """Summary rows of the given events (those that exist)."""
    if not event_ids:
        return []
    return _dicts(
        store, f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM events WHERE list_contains(?, id) ORDER BY id",
        [list(event_ids)],
    )


# the cross-article tables of `eventwire.store.resolution`, by the name the API uses
RELATED = {"links": "incident_links", "revisions": "incident_revisions"}


def _has_table(store: Store, table: str) -> bool:
    return store.has_table(table)


def _incident_id(store: Store, event_id: str) -> str | None:
    if not _has_table(store, "incident_members"):
        return None
    rows = _rows(store, "SELECT incident_id FROM incident_members WHERE event_id = ?", [event_id])[1]
    return rows[0][0] if rows else None


def event_incident(store: Store, event_id: str) -> dict[str, Any] | None:
    """The cross-article incident the event belongs to, with its `sources` (one row per
    member event: article, outlet, report date, merge rationale, near-duplicate of); None
    when the store has no resolution tables or the event was never resolved."""
    incident_id = _incident_id(store, event_id)
    if incident_id is None:
        return None
    found = _dicts(store, "SELECT * FROM incidents WHERE id = ?", [incident_id])
    if not found:
        return None
    versions = _has_table(store, "article_versions")
    duplicate = "v.canonical_hash" if versions else "NULL"
    join = " LEFT JOIN article_versions v ON v.content_hash = m.article_hash" if versions else ""
    found[0]["sources"] = _dicts(
        store,
        "SELECT m.event_id, m.article_hash, a.id AS article_id, a.title, a.source, a.url, m.reported,"
        f" m.rationale, m.score, {duplicate} AS duplicate_of FROM incident_members m"
        f" LEFT JOIN articles a ON a.content_hash = m.article_hash{join}"
        " WHERE m.incident_id = ? ORDER BY m.reported, m.event_id",
        [incident_id],
    )
    return found[0]


def related_rows(store: Store, table: str, event_id: str) -> list[dict]:
    """Rows of a cross-article table for the event's incident: `revisions` (every value each
    report gave, in report order) or `links` (incident links either way, each with
    `direction` and `event`, an event of the other incident to link to). [] when the store
    has no resolution tables or the event no incident."""
    if table not in RELATED:
        raise ValueError(table)
    incident_id = _incident_id(store, event_id)
    if incident_id is None or not _has_table(store, RELATED[table]):
        return []
    if table == "revisions":
        return _dicts(store, "SELECT * FROM incident_revisions WHERE incident_id = ? ORDER BY seq", [incident_id])
    # the other incident's first-reported member stands for it (the dashboard links events)
    return _dicts(
        store,
        "SELECT l.*, CASE WHEN l.incident_id = ? THEN 'out' ELSE 'in' END AS direction,"
        " (SELECT m.event_id FROM incident_members m WHERE m.incident_id = CASE WHEN l.incident_id = ?"
        " THEN l.target_id ELSE l.incident_id END ORDER BY m.reported, m.event_id LIMIT 1) AS event"
        " FROM incident_links l WHERE l.incident_id = ? OR l.target_id = ? ORDER BY l.type, l.target_id",
        [incident_id] * 4,
    )
