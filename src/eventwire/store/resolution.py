"""Cross-article tables beside the `Store`: near-duplicate articles, incidents (one per
real-world event), their members, revision history and links.

    store.add_result(article, result)
    report = resolve_article(store, article, result)      # after add_result
    ResolutionStore.of(store).incidents(country="PAK")

Tables (created on first use, in the store's own DuckDB file):
`article_signatures` (MinHash per article: the LSH index is rebuilt from it lazily),
`article_versions` (near-duplicate → canonical article), `incidents`, `incident_members`
(event → incident, with the merge rationale and the member's resolution features, from
which the in-memory resolver is rebuilt on open), `incident_revisions` (every reported value
of fatalities, injuries, status and attribution, with its article and report date; `current`
marks the value the incident shows), `incident_links` (retaliation, threat → action,
escalation, with evidence).

Current-value rules: fatalities — `low` the smallest figure any source gave, `high` the
largest, `best` the most recent figure from an official source (government, military,
police) or, lacking one, the most recent figure (ties: the larger); status — the strongest
(`confirmed` > `reported` > `claimed` > ... > `negated`); attribution — that of the most
recent report with the current status.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from eventwire.model import Article, DocumentResult, Event
from eventwire.resolve.cross import Change, Member, Resolver, _country, member_from_event, rules
from eventwire.resolve.dedup import NearDuplicateIndex, signatures
from eventwire.store.store import Store, _globalise, chunked, marks

DDL = (
    """CREATE TABLE IF NOT EXISTS article_signatures (
        content_hash VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, minhash UBIGINT[] NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS article_versions (
        content_hash VARCHAR PRIMARY KEY, canonical_hash VARCHAR NOT NULL, similarity DOUBLE NOT NULL,
        relation VARCHAR NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS incidents (
        id VARCHAR PRIMARY KEY, type VARCHAR, family VARCHAR, date DATE, date_end DATE,
        location_name VARCHAR, location_country VARCHAR, location_admin1 VARCHAR,
        location_lat DOUBLE, location_lon DOUBLE, geo_precision INTEGER,
        actor1_name VARCHAR, actor1_country VARCHAR, actor2_name VARCHAR, actor2_country VARCHAR,
        goldstein DOUBLE, fatalities_best BIGINT, fatalities_low BIGINT, fatalities_high BIGINT,
        status VARCHAR, attribution VARCHAR, mentions INTEGER, reports INTEGER,
        independent_sources INTEGER, first_report DATE, last_report DATE, confidence DOUBLE)""",
    """CREATE TABLE IF NOT EXISTS incident_members (
        event_id VARCHAR PRIMARY KEY, incident_id VARCHAR NOT NULL, article_hash VARCHAR NOT NULL,
        source_key VARCHAR NOT NULL, reported DATE, rationale VARCHAR, score DOUBLE, features JSON NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS incident_revisions (
        incident_id VARCHAR NOT NULL, seq INTEGER NOT NULL, field VARCHAR NOT NULL, value JSON NOT NULL,
        event_id VARCHAR NOT NULL, article_id VARCHAR, article_hash VARCHAR, reported DATE,
        source_type VARCHAR, changed BOOLEAN, "current" BOOLEAN)""",
    """CREATE TABLE IF NOT EXISTS incident_links (
        incident_id VARCHAR NOT NULL, type VARCHAR NOT NULL, target_id VARCHAR NOT NULL,
        origin VARCHAR NOT NULL, evidence JSON)""",
    # what link computation needs of an incident beyond its columns (the retaliation cue of
    # its evidence, the in-article links of its events), so the link index reloads without
    # reading every event back
    """CREATE TABLE IF NOT EXISTS incident_link_keys (
        incident_id VARCHAR PRIMARY KEY, cue JSON, article_links JSON NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS incident_members_incident ON incident_members (incident_id)",
    "CREATE INDEX IF NOT EXISTS incident_revisions_incident ON incident_revisions (incident_id)",
    "CREATE INDEX IF NOT EXISTS incidents_date ON incidents (date)",
    "CREATE INDEX IF NOT EXISTS incident_links_source ON incident_links (incident_id)",
    "CREATE INDEX IF NOT EXISTS incident_links_target ON incident_links (target_id)",
)
REVISED = ("fatalities", "injuries", "status", "attribution")


@dataclass
class ResolutionReport:
    """What resolving one article did."""

    article_hash: str
    duplicate_of: str | None = None  # canonical article when this one is a near-duplicate
    similarity: float | None = None
    incidents: dict[str, str] = field(default_factory=dict)  # event id -> incident id
    new_incidents: list[str] = field(default_factory=list)
    updated_incidents: list[str] = field(default_factory=list)
    removed_incidents: list[str] = field(default_factory=list)
    links: int = 0


_OPEN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def resolve_article(store: Store, article: Article, result: DocumentResult) -> ResolutionReport:
    """Link `article` to its near-duplicates and its events to incidents. Call after
    `store.add_result(article, result)` (the events must be stored)."""
    return ResolutionStore.of(store).resolve_article(article, result)


def resolve_articles(store: Store, documents: list[tuple[Article, DocumentResult]], *,
                     hooks_done: bool = False) -> list[ResolutionReport]:
    """`resolve_article` for a batch in one transaction (what `eventwire run` does after
    each stored batch); `hooks_done` also clears the batch from the store's hook queue in
    that transaction."""
    return ResolutionStore.of(store).resolve_articles(documents, hooks_done=hooks_done)


def store_and_resolve(store: Store, documents: list[tuple[Article, DocumentResult]], *,
                      failures: Iterable = ()) -> int:
    """`Store.add_results` and `resolve_articles` for a batch in one transaction; returns
    how many documents were new."""
    return ResolutionStore.of(store).store_and_resolve(documents, failures=failures)


resolve_article.batch = resolve_articles  # the runner calls this once per batch when present
resolve_article.store_batch = store_and_resolve  # ... or this, storing the batch in the same transaction


def _in(cur, sql: str, keys: Iterable, extra: list | None = None) -> list[tuple]:
    """`sql` with one `{}` for an IN list, run in chunks over `keys`."""
    out: list[tuple] = []
    for part in chunked(sorted(set(keys))):
        out += cur.execute(sql.format(marks(part)), [*part, *(extra or [])]).fetchall()
    return out


def _delete_in(cur, table: str, column: str, keys: Iterable) -> None:
    for part in chunked(sorted(set(keys))):
        cur.execute(f'DELETE FROM {table} WHERE "{column}" IN ({marks(part)})', part)


class ResolutionStore:
    """The resolution tables of one `Store`, written through its public surface."""

    def __init__(self, store: Store):
        self.store = store
        self.present = True  # a read-only store written without resolution has no such tables
        if not store.read_only:
            with store.transaction() as cur:
                for statement in DDL:
                    cur.execute(statement)
        else:
            self.present = store.has_table("incident_members")
        self._resolver: Resolver | None = None
        self._index: NearDuplicateIndex | None = None
        self._versions: dict[str, str] | None = None
        self._links: LinkIndex | None = None

    @classmethod
    def of(cls, store: Store) -> ResolutionStore:
        """One instance per open store, so the in-memory indexes load once."""
        if store not in _OPEN:
            _OPEN[store] = cls(store)
        return _OPEN[store]

    def _q(self, sql: str, params: list | None = None) -> list[tuple]:
        if not self.present:
            return []
        return self.store.query(sql, params)

    def _forget(self) -> None:
        """Drop the in-memory indexes (after a failed write): they reload from the tables."""
        self._resolver = self._index = self._versions = self._links = None

    # -- lazily rebuilt indexes ----------------------------------------------------------------
    @property
    def resolver(self) -> Resolver:
        if self._resolver is None:
            self._resolver = Resolver()
            rows = self._q("SELECT features FROM incident_members")
            self._resolver.add([Member.from_dict(json.loads(f)) for (f,) in rows])
        return self._resolver

    @property
    def near_duplicates(self) -> NearDuplicateIndex:
        if self._index is None:
            self._index = NearDuplicateIndex.load(self._q("SELECT content_hash, minhash FROM article_signatures"),
                                                  copies=self.version_map)
        return self._index

    @property
    def version_map(self) -> dict[str, str]:
        """Near-duplicate → canonical article (in memory: a lookup per article)."""
        if self._versions is None:
            self._versions = dict(self._q("SELECT content_hash, canonical_hash FROM article_versions"))
        return self._versions

    @property
    def link_index(self) -> LinkIndex:
        if self._links is None:
            self._links = LinkIndex.load(self.store, self.resolver)
        return self._links

    def canonical(self, content_hash: str) -> str:
        return self.version_map.get(content_hash, content_hash)

    # -- writing -----------------------------------------------------------------------------
    def resolve_article(self, article: Article, result: DocumentResult) -> ResolutionReport:
        return self.resolve_articles([(article, result)])[0]

    def resolve_articles(self, documents: list[tuple[Article, DocumentResult]], *,
                         hooks_done: bool = False) -> list[ResolutionReport]:
        try:
            return self._resolve(documents, hooks_done)
        except BaseException:
            self._forget()  # the transaction rolled back; memory must not run ahead of the tables
            raise

    def store_and_resolve(self, documents: list[tuple[Article, DocumentResult]], *,
                          failures: Iterable = ()) -> int:
        """Store a batch and resolve it in one transaction (`Store.add_results` with the
        resolution as its `within`): no hook queue to fill and clear, one commit instead of
        two, and a crash leaves the batch either stored and resolved or absent."""
        # the in-memory indexes load from committed tables, before the transaction begins
        _ = self.near_duplicates, self.version_map, self.resolver, self.link_index
        try:
            return self.store.add_results(documents, failures=failures,
                                          within=lambda cur: self._resolve(documents, False, cur))
        except BaseException:
            self._forget()
            raise

    def _resolve(self, documents, hooks_done: bool, cur=None) -> list[ResolutionReport]:
        index, versions, resolver, links = self.near_duplicates, self.version_map, self.resolver, self.link_index
        reports: list[ResolutionReport] = []
        members: list[Member] = []
        owner: dict[str, ResolutionReport] = {}
        fresh: dict[str, tuple[Event, dict]] = {}
        sig_rows: list[dict] = []
        version_rows: list[dict] = []
        unsigned = {h: a.text for a, _ in documents if (h := a.content_hash) not in index}
        sigs = dict(zip(unsigned, signatures(list(unsigned.values()))))  # hashed as one batch
        for article, result in documents:
            content_hash = article.content_hash
            report = ResolutionReport(article_hash=content_hash)
            reports.append(report)
            if content_hash not in index:
                sig = sigs[content_hash]
                match = next(iter(index.matches(sig)), None)
                if match is not None:
                    report.duplicate_of, report.similarity = self.canonical(match[0]), match[1]
                    versions[content_hash] = report.duplicate_of
                    version_rows.append({"content_hash": content_hash, "canonical_hash": report.duplicate_of,
                                         "similarity": match[1], "relation": "near_duplicate"})
                sig_rows.append({"content_hash": content_hash, "article_id": article.id,
                                 "minhash": sig.tolist()})
                index.add(content_hash, sig, candidate=match is None)
            source = report.duplicate_of or self.canonical(content_hash)
            reported = article.date or datetime.now(UTC).date()
            for e in result.events:
                # the event as stored (global id, links renamed): no need to read it back
                stored = _globalise(e, content_hash, result.events)
                fresh[stored.id] = (stored, {"article_id": article.id, "source": article.source})
                m = member_from_event(stored, article=content_hash, source=source, reported=reported)
                members.append(m)
                owner[m.id] = report
        known = {m.id for m in members if m.id in resolver.members}  # the batch's members resolved before
        change = resolver.add(members)

        def write(cur) -> int:
            self.store.bulk_insert(cur, "article_signatures", sig_rows)
            self.store.bulk_insert(cur, "article_versions", version_rows)
            keys = self._write(cur, change, fresh, known)
            written = links.update(cur, change, keys)
            if hooks_done:
                Store.hooks_done(cur, [a.content_hash for a, _ in documents])
            return written

        if cur is None:
            with self.store.transaction() as own:
                written = write(own)
        else:
            written = write(cur)
        fresh_ids = {m.id for m in members} - known
        for m in members:
            if m.id in resolver.incident_of:
                owner[m.id].incidents[m.id] = resolver.incident_of[m.id]
        for iid in sorted(change.touched):
            mids = resolver.incidents[iid]
            bucket = "new_incidents" if set(mids) <= fresh_ids else "updated_incidents"
            for report in {id(owner[m]): owner[m] for m in mids if m in owner}.values():
                getattr(report, bucket).append(iid)
        for report in reports:
            report.removed_incidents = sorted(change.removed)
            report.links = written
        return reports

    def _write(self, cur, change: Change, fresh: dict[str, tuple[Event, dict]] | None = None,
               known: set[str] | None = None) -> dict[str, LinkKeys]:
        """Rewrite the incidents the change touched (and drop the removed ones) in bulk;
        returns the link keys of the touched incidents."""
        if not (change.touched or change.removed):
            return {}
        # most touched incidents are new (a first report): only those written before have
        # rows to delete, and only members resolved before have a member row
        ids = change.removed | (change.touched & change.previous)
        for table, key in (("incidents", "id"), ("incident_members", "incident_id"),
                           ("incident_revisions", "incident_id"), ("incident_link_keys", "incident_id")):
            _delete_in(cur, table, key, ids)
        res = self.resolver
        member_ids = [m for iid in change.touched for m in res.incidents[iid]]
        _delete_in(cur, "incident_members", "event_id", [m for m in member_ids if m in (known or ())])
        fresh = fresh or {}
        records = {m: fresh[m] for m in member_ids if m in fresh}
        records.update(_events(cur, [m for m in member_ids if m not in fresh]))
        rows: dict[str, list[dict]] = {"incident_members": [], "incidents": [], "incident_revisions": [],
                                       "incident_link_keys": []}
        keys: dict[str, LinkKeys] = {}
        for iid in sorted(change.touched):
            mids = res.incidents[iid]
            for mid in mids:
                m = res.members[mid]
                why, score = res.rationale[mid]
                rows["incident_members"].append({
                    "event_id": mid, "incident_id": iid, "article_hash": m.article, "source_key": m.source,
                    "reported": m.reported, "rationale": why, "score": score, "features": json.dumps(m.to_dict())})
            present = [(res.members[mid], records[mid]) for mid in mids if mid in records]
            if present:
                incident, revisions, k = _incident_rows_of(iid, present, [res.rationale[mid][1] for mid in mids])
                rows["incidents"].append(incident)
                rows["incident_revisions"] += revisions
                rows["incident_link_keys"].append(k.key_row())
                keys[iid] = k
        for table, batch in rows.items():
            self.store.bulk_insert(cur, table, batch)
        return keys

    # -- reading -----------------------------------------------------------------------------
    def incidents(self, *, country: str | None = None, since: date | None = None, limit: int | None = None) -> list[dict]:
        """Incidents, newest first, as dicts of their columns."""
        sql, params = "SELECT * FROM incidents WHERE 1=1", []
        if country:
            sql += " AND (location_country = ? OR actor1_country = ? OR actor2_country = ?)"
            params += [country] * 3
        if since:
            sql += " AND date >= ?"
            params.append(since)
        sql += " ORDER BY date DESC NULLS LAST, id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self._dicts(sql, params)

    def incident(self, incident_id: str) -> dict | None:
        """One incident with its members (rationale), revisions and links."""
        found = self._dicts("SELECT * FROM incidents WHERE id = ?", [incident_id])
        if not found:
            return None
        out = found[0]
        out["members"] = self._dicts(
            "SELECT m.event_id, m.article_hash, a.id AS article_id, a.source, m.reported, m.rationale, m.score,"
            " v.canonical_hash AS duplicate_of FROM incident_members m LEFT JOIN articles a ON a.content_hash ="
            " m.article_hash LEFT JOIN article_versions v ON v.content_hash = m.article_hash"
            " WHERE incident_id = ? ORDER BY m.reported, m.event_id", [incident_id])
        out["revisions"] = self._dicts(
            "SELECT * FROM incident_revisions WHERE incident_id = ? ORDER BY seq", [incident_id])
        out["links"] = self._dicts(
            "SELECT * FROM incident_links WHERE incident_id = ? OR target_id = ? ORDER BY type, target_id",
            [incident_id, incident_id])
        return out

    def incident_of(self, event_id: str) -> str | None:
        rows = self._q("SELECT incident_id FROM incident_members WHERE event_id = ?", [event_id])
        return rows[0][0] if rows else None

    def links(self) -> list[dict]:
        return self._dicts("SELECT * FROM incident_links ORDER BY incident_id, type, target_id")

    def versions(self) -> list[dict]:
        return self._dicts("SELECT * FROM article_versions ORDER BY canonical_hash, content_hash")

    def _dicts(self, sql: str, params: list | None = None) -> list[dict[str, Any]]:
        if not self.present:
            return []
        return self.store.query_dicts(sql, params)


# -- incident aggregates ---------------------------------------------------------------------

def _events(cur, ids: list[str]) -> dict[str, tuple[Event, dict]]:
    """Event id -> (event, its article's id/source) for stored events: two indexed lookups."""
    if not ids:
        return {}
    rows = _in(cur, "SELECT id, record, article_hash FROM events WHERE id IN ({})", ids)
    arts = {r[0]: {"article_id": r[1], "source": r[2]} for r in
            _in(cur, "SELECT content_hash, id, source FROM articles WHERE content_hash IN ({})", {r[2] for r in rows})}
    return {r[0]: (Event.model_validate_json(r[1]), arts.get(r[2], {"article_id": None, "source": None}))
            for r in rows}


def _official(event: Event) -> bool:
    a = event.attribution
    return a is not None and a.source_type in rules()["official_sources"]


def _chrono(present):
    return sorted(present, key=lambda p: (p[0].reported, p[0].article, p[0].id))


def current_fatalities(present) -> dict[str, int | None]:
    """low/best/high across reports; best = most recent official figure (else most recent)."""
    counted = [(m, ev) for m, (ev, _) in _chrono(present) if ev.fatalities.best is not None]
    figures = [x for _, (ev, _) in present for x in (ev.fatalities.low, ev.fatalities.best, ev.fatalities.high)
               if x is not None]
    if not counted:
        return {"best": None, "low": min(figures) if figures else None, "high": max(figures) if figures else None}
    pool = [c for c in counted if _official(c[1])] or counted
    best = max(pool, key=lambda c: (c[0].reported, c[1].fatalities.best))[1].fatalities.best
    return {"best": best, "low": min(figures), "high": max(figures)}


def current_status(present) -> tuple[str, Event]:
    rank = rules()["status_rank"]
    m, (ev, _) = max(_chrono(present), key=lambda p: (rank.index(p[1][0].status), p[0].reported))
    return ev.status, ev


def _incident_rows_of(iid: str, present, merge_scores: list[float]) -> tuple[dict, list[dict], LinkKeys]:
    """The incident's row, its revision rows and its link keys."""
    chrono = _chrono(present)
    lead = max(present, key=lambda p: (p[1][0].confidence, -p[0].reported.toordinal()))[1][0]
    loc_ev = min((p[1][0] for p in present if p[1][0].location is not None),
                 key=lambda e: (e.location.geo_precision, e.id), default=None)
    dates = [p[0].date for p in present]
    fat = current_fatalities(present)
    status, status_ev = current_status(present)
    independent = {p[0].source for p in present}
    conf = 1.0
    for c in {p[0].source: p[1][0].confidence for p in present}.values():
        conf *= 1 - c
    confidence = round(min(0.99, (1 - conf) * (sum(merge_scores) / len(merge_scores))), 3)
    loc = loc_ev.location if loc_ev else None
    a1, a2 = lead.actor1, lead.actor2
    row = {
        "id": iid, "type": lead.type, "family": present[0][0].family, "date": min(dates), "date_end": max(dates),
        "location_name": loc.name if loc else None, "location_country": _country(loc.country) if loc else None,
        "location_admin1": loc.admin1 if loc else None, "location_lat": loc.lat if loc else None,
        "location_lon": loc.lon if loc else None, "geo_precision": loc.geo_precision if loc else None,
        "actor1_name": a1.name if a1 else None, "actor1_country": _country(a1.country) if a1 else None,
        "actor2_name": a2.name if a2 else None, "actor2_country": _country(a2.country) if a2 else None,
        "goldstein": lead.goldstein, "fatalities_best": fat["best"], "fatalities_low": fat["low"],
        "fatalities_high": fat["high"], "status": status,
        "attribution": status_ev.attribution.text if status_ev.attribution else None,
        "mentions": sum(p[1][0].mentions for p in present), "reports": len({p[0].article for p in present}),
        "independent_sources": len(independent), "first_report": chrono[0][0].reported,
        "last_report": chrono[-1][0].reported, "confidence": confidence,
    }
    records = {p[0].id: p[1] for p in present}
    keys = LinkKeys(**{c: row[c] for c in _LINK_COLS}, cue=_cue(records),
                    article_links=_article_links(records))
    return row, _revision_rows(iid, chrono, fat, status_ev), keys


def _values(ev: Event) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("fatalities", "injuries"):
        c = getattr(ev, name)
        if c.best is not None or c.low is not None or c.high is not None:
            out[name] = {"best": c.best, "low": c.low, "high": c.high}
    out["status"] = ev.status
    if ev.attribution is not None:
        out["attribution"] = {"text": ev.attribution.text, "source_type": ev.attribution.source_type}
    return out


def _revision_rows(iid: str, chrono, fat: dict, status_ev: Event) -> list[dict]:
    """Every value each report gave, in report order; `changed` when it differs from the
    previous report's value, `current` on the rows the incident's value comes from."""
    previous: dict[str, Any] = {}
    rows: list[dict] = []
    current_fat = None
    for m, (ev, art) in chrono:
        if ev.fatalities.best == fat["best"] and fat["best"] is not None:
            current_fat = ev.id  # the latest report with the chosen figure
    for m, (ev, art) in chrono:
        for name, value in _values(ev).items():
            current = (name == "fatalities" and ev.id == current_fat) or (
                name in ("status", "attribution") and ev.id == status_ev.id)
            rows.append({"incident_id": iid, "seq": len(rows), "field": name, "value": json.dumps(value),
                         "event_id": ev.id, "article_id": art["article_id"], "article_hash": m.article,
                         "reported": m.reported, "source_type": ev.attribution.source_type if ev.attribution else None,
                         "changed": name in previous and previous[name] != value, "current": current})
            previous[name] = value
    return rows


# -- links -----------------------------------------------------------------------------------

_LINK_COLS = ("id", "type", "family", "date", "location_country", "actor1_country", "actor2_country", "goldstein",
              "fatalities_best")


@dataclass
class LinkKeys:
    """What links need of one incident (its columns, the retaliation cue in its evidence, the
    in-article links of its events): small enough to keep every incident's in memory."""

    id: str
    type: str | None
    family: str | None
    date: date | None
    location_country: str | None
    actor1_country: str | None
    actor2_country: str | None
    goldstein: float | None
    fatalities_best: int | None
    cue: dict | None = None
    article_links: list[dict] = field(default_factory=list)  # {type, source (event), event (target), evidence}

    def key_row(self) -> dict:
        return {"incident_id": self.id, "cue": json.dumps(self.cue) if self.cue else None,
                "article_links": json.dumps(self.article_links)}


def _article_links(records: dict) -> list[dict]:
    out = []
    for ev, _ in sorted(records.values(), key=lambda r: r[0].id):
        for link in ev.links:
            out.append({"type": link["type"], "source": ev.id, "event": link.get("event", ""),
                        "evidence": link.get("evidence")})
    return out


def _victim(row: LinkKeys) -> str | None:
    return row.location_country or row.actor2_country


def _pair_links(inc: LinkKeys, other: LinkKeys, cfg: dict) -> list[dict]:
    """Cross-article links from `inc` to an earlier (or same-day) `other`: retaliation (a cue
    in the reports), threat → action and escalation. A function of the two incidents
    alone, so that a change to one incident re-evaluates only the pairs it is in."""
    if inc.date is None or not inc.actor1_country or other.date is None or other.id == inc.id:
        return []
    # days apart as a number, not a window of dates: this runs for every candidate pair
    days = (inc.date - other.date).days
    if not 0 <= days <= cfg["window_days"]:
        return []
    a = inc.actor1_country
    violent = inc.type in cfg["violent"]
    if days == 0 and other.id > inc.id and other.type in cfg["violent"] and violent:
        return []  # same-day pairs of attacks link one way only
    out = []
    if violent and inc.cue and other.type in cfg["violent"] and _victim(other) == a and other.actor1_country != a:
        out.append({"type": "retaliation_for", "target": other.id, "origin": "cross", "evidence": inc.cue})
    if violent and other.type in cfg["threat"] and other.actor1_country == a and other.actor2_country and \
            other.actor2_country in (_victim(inc), inc.actor2_country):
        out.append({"type": "follows_threat", "target": other.id, "origin": "cross",
                    "evidence": {"threat": other.id}})
    # the dyad's sets are built last, for the few pairs whose scores dropped enough
    if days > 0 and inc.goldstein is not None and other.goldstein is not None and \
            other.goldstein - inc.goldstein >= cfg["escalation_goldstein_drop"] and \
            None not in (inc.actor2_country, other.actor1_country) and \
            {a, inc.actor2_country} == {other.actor1_country, other.actor2_country}:
        out.append({"type": "escalation_of", "target": other.id, "origin": "cross",
                    "evidence": {"goldstein": [other.goldstein, inc.goldstein]}})
    return out


def _by_day() -> defaultdict:
    return defaultdict(set)


def _in_window(wanted: list[tuple[dict, Any]], first: int, last: int) -> set[str]:
    """The incidents of days `first`..`last` in each (index, key) of `wanted`."""
    found: set[str] = set()
    for index, key in wanted:
        days = index.get(key)
        if not days:
            continue
        if len(days) > last - first:
            for d in range(first, last + 1):
                if d in days:
                    found |= days[d]
        else:  # a country with few days indexed: fewer lookups through its days
            for d, ids in days.items():
                if first <= d <= last:
                    found |= ids
    return found


class LinkIndex:
    """Every incident's link keys and outgoing links, in memory, indexed by day.

    A change to incident C re-evaluates only the pairs C is in: C's links to the incidents
    of its window before it, and the links to C of the incidents of the window after it
    (plus in-article links that name one of C's events). The work per change is bounded by
    how many incidents a window holds, not by the size of the archive, and the links are a
    function of the incidents, whatever order the articles came in."""

    def __init__(self, resolver: Resolver):
        self.resolver = resolver
        self.cfg = rules()["links"]
        self.keys: dict[str, LinkKeys] = {}
        # Candidates of `_pair_links`, by day and the one country each kind of link needs to
        # agree on; a pair outside them would give no link, so only the pairs inside are tried:
        #  retaliation S -> T: S violent with a cue, T violent, T's victim = S's actor1
        #  follows_threat S -> T: S violent, T a threat, T's actor1 = S's actor1
        #  escalation_of S -> T: one dyad (both actors known on both sides)
        # (keyed by the country, then the day: a window's lookups skip a country with none)
        self.hit: dict[str, dict[int, set[str]]] = defaultdict(_by_day)  # violent, by victim country
        self.threats: dict[str, dict[int, set[str]]] = defaultdict(_by_day)  # threats, by actor1 country
        self.avengers: dict[str, dict[int, set[str]]] = defaultdict(_by_day)  # violent with a cue, by actor1
        self.violent: dict[str, dict[int, set[str]]] = defaultdict(_by_day)  # violent, by actor1 country
        self.dyads: dict[frozenset, dict[int, set[str]]] = defaultdict(_by_day)
        self.out: dict[str, dict[tuple[str, str], dict]] = {}  # source -> (type, target) -> link
        self.into: dict[str, set[str]] = defaultdict(set)  # target -> sources with a link to it
        self.named_by: dict[str, set[str]] = defaultdict(set)  # event -> events whose in-article links name it

    @classmethod
    def load(cls, store: Store, resolver: Resolver) -> LinkIndex:
        index = cls(resolver)
        if not store.has_table("incident_link_keys"):
            return index
        extra = {r[0]: (json.loads(r[1]) if r[1] else None, json.loads(r[2])) for r in
                 store.query("SELECT incident_id, cue, article_links FROM incident_link_keys")}
        missing = []
        for row in store.query(f"SELECT {', '.join(_LINK_COLS)} FROM incidents"):
            k = LinkKeys(*row)
            if k.id in extra:
                k.cue, k.article_links = extra[k.id]
            else:
                missing.append(k)
            index._put(k)
        if missing:  # written before link keys were kept: read them from the events once
            with store.cursor() as cur:
                for k in missing:
                    records = _events(cur, resolver.incidents.get(k.id, []))
                    k.cue, k.article_links = _cue(records), _article_links(records)
                    index._put(k)
        for iid, typ, target, origin, evidence in store.query(
                "SELECT incident_id, type, target_id, origin, evidence FROM incident_links"):
            index.out.setdefault(iid, {})[(typ, target)] = {
                "type": typ, "target": target, "origin": origin, "evidence": json.loads(evidence) if evidence else None}
            index.into[target].add(iid)
        return index

    def _put(self, k: LinkKeys) -> None:
        old = self.keys.get(k.id)
        if old is not None:
            self._drop_keys(old)
        self.keys[k.id] = k
        for members, member in self._memberships(k):
            members.add(member)

    def _drop_keys(self, k: LinkKeys) -> None:
        for members, member in self._memberships(k):
            members.discard(member)

    def _memberships(self, k: LinkKeys):
        """(set, member) for every index entry `k` takes: one list for adding and dropping."""
        if k.date is not None:
            day, a1, a2 = k.date.toordinal(), k.actor1_country, k.actor2_country
            violent = k.type in self.cfg["violent"]
            if violent and _victim(k):
                yield self.hit[_victim(k)][day], k.id
            if k.type in self.cfg["threat"] and a1:
                yield self.threats[a1][day], k.id
            if violent and a1:
                yield self.violent[a1][day], k.id
                if k.cue:
                    yield self.avengers[a1][day], k.id
            if a1 and a2:
                yield self.dyads[frozenset((a1, a2))][day], k.id
        for link in k.article_links:
            yield self.named_by[link["event"]], link["source"]

    def _sources_after(self, k: LinkKeys) -> set[str]:
        """Incidents of the window after `k` that could hold a cross link to it."""
        o, w = k.date.toordinal(), self.cfg["window_days"]
        wanted = []
        if k.type in self.cfg["violent"] and _victim(k):
            wanted.append((self.avengers, _victim(k)))
        if k.type in self.cfg["threat"] and k.actor1_country:
            wanted.append((self.violent, k.actor1_country))
        if k.actor1_country and k.actor2_country:
            wanted.append((self.dyads, frozenset((k.actor1_country, k.actor2_country))))
        return _in_window(wanted, o, o + w)

    def _targets_before(self, inc: LinkKeys) -> set[str]:
        """Incidents of the window before `inc` (its day included) it could link to."""
        o, w, a = inc.date.toordinal(), self.cfg["window_days"], inc.actor1_country
        wanted = []
        if inc.type in self.cfg["violent"]:
            if inc.cue:
                wanted.append((self.hit, a))
            wanted.append((self.threats, a))
        if inc.actor2_country:
            wanted.append((self.dyads, frozenset((a, inc.actor2_country))))
        return _in_window(wanted, o - w, o)

    def _links_of(self, iid: str) -> dict[tuple[str, str], dict]:
        """All links from `iid`: in-article links first, then cross-article ones."""
        inc = self.keys[iid]
        out: dict[tuple[str, str], dict] = {}
        for link in inc.article_links:
            target = self.resolver.incident_of.get(link["event"])
            if target and target != iid:
                out.setdefault((link["type"], target), {
                    "type": link["type"], "target": target, "origin": "article",
                    "evidence": {"event": link["source"], **(link.get("evidence") or {})}})
        if inc.date is not None and inc.actor1_country:
            for other in sorted(self._targets_before(inc)):
                for link in _pair_links(inc, self.keys[other], self.cfg):
                    out.setdefault((link["type"], link["target"]), link)
        return out

    def _set_out(self, iid: str, links: dict, changed: set[str], stored: set[str]) -> None:
        """Set `iid`'s links; `changed` gets it if they changed, `stored` too if it had links
        (rows in the table to delete; a new incident has none)."""
        old = self.out.get(iid, {})
        if old == links:
            return
        if old:
            stored.add(iid)
        for _, target in old:
            self.into[target].discard(iid)
        for _, target in links:
            self.into[target].add(iid)
        if links:
            self.out[iid] = links
        else:
            self.out.pop(iid, None)
        changed.add(iid)

    def update(self, cur, change: Change, keys: dict[str, LinkKeys]) -> int:
        """Apply a resolver change: new keys for touched incidents, none for removed ones,
        then rewrite the links of every source whose links changed. Returns the number of
        links written."""
        changed: set[str] = set()
        stored: set[str] = set()
        gone = change.removed | (change.touched - set(keys))  # touched but with no stored event
        for iid in gone:
            k = self.keys.pop(iid, None)
            if k is not None:
                self._drop_keys(k)
            self._set_out(iid, {}, changed, stored)
        for k in keys.values():
            self._put(k)
        # sources whose in-article links name an event that moved
        redo = set(keys)
        for iid in change.touched:
            for mid in self.resolver.incidents.get(iid, []):
                for source_event in self.named_by.get(mid, ()):
                    src = self.resolver.incident_of.get(source_event)
                    if src in self.keys:
                        redo.add(src)
        # links into a removed or rewritten incident from elsewhere, and the pairs of a
        # rewritten incident with the incidents of the window after it: only those pairs
        pairs: dict[str, set[str]] = defaultdict(set)  # source -> changed incidents to pair it with
        for iid in gone | set(keys):
            for src in self.into.get(iid, ()):
                if src in self.keys:
                    pairs[src]
        for iid, k in keys.items():
            if k.date is not None:
                for src in self._sources_after(k):
                    pairs[src].add(iid)
        for src in sorted(redo):
            self._set_out(src, self._links_of(src), changed, stored)
        changed_incidents = gone | set(keys)
        for src in sorted(set(pairs) - redo):
            # its in-article links are as they were (else it would be in `redo`); of its
            # cross-article links only the pairs with a changed incident can differ
            links = {key: link for key, link in self.out.get(src, {}).items()
                     if link["origin"] == "article" or link["target"] not in changed_incidents}
            inc = self.keys[src]
            for iid in sorted(pairs[src]):
                for link in _pair_links(inc, self.keys[iid], self.cfg):
                    links.setdefault((link["type"], link["target"]), link)
            self._set_out(src, links, changed, stored)
        for iid in gone:
            self.into.pop(iid, None)
        if not changed:
            return 0
        # most changed sources are new incidents with no rows yet: a delete by an IN list of
        # them was ~13% of the links' cost
        _delete_in(cur, "incident_links", "incident_id", stored)
        _delete_in(cur, "incident_links", "target_id", gone)
        rows = [{"incident_id": src, "type": link["type"], "target_id": link["target"], "origin": link["origin"],
                 "evidence": json.dumps(link.get("evidence"))}
                for src in sorted(changed) for _, link in sorted(self.out.get(src, {}).items())]
        Store.bulk_insert(cur, "incident_links", rows)
        return len(rows)


def _cue(records: dict) -> dict | None:
    """The first retaliation cue in the incident's evidence sentences, with offsets."""
    cues = rules()["links"]["retaliation_cues"]
    for ev, art in sorted(records.values(), key=lambda r: r[0].id):
        for span in ev.evidence:
            if span.role != "sentence":
                continue
            low = span.text.lower()
            for c in cues:
                i = low.find(c)
                if i >= 0:
                    return {"event": ev.id, "article_id": art["article_id"], "start": span.start + i,
                            "end": span.start + i + len(c), "text": span.text[i:i + len(c)]}
    return None


def incident_digest(store: Store) -> str:
    """A hash of the incident partition (sets of event ids): equal for equal resolutions."""
    rows = ResolutionStore.of(store)._q(
        "SELECT list_sort(list(event_id)) AS m FROM incident_members GROUP BY incident_id ORDER BY m")
    return hashlib.sha1(json.dumps([r[0] for r in rows]).encode()).hexdigest()
