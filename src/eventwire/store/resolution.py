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
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from eventwire.model import Article, DocumentResult, Event
from eventwire.resolve.cross import Change, Member, Resolver, member_from_event, rules
from eventwire.resolve.dedup import NearDuplicateIndex, signature
from eventwire.store.store import Store, global_event_id

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
    "CREATE INDEX IF NOT EXISTS incident_members_incident ON incident_members (incident_id)",
    "CREATE INDEX IF NOT EXISTS incident_revisions_incident ON incident_revisions (incident_id)",
    "CREATE INDEX IF NOT EXISTS incidents_date ON incidents (date)",
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


class ResolutionStore:
    """The resolution tables of one `Store`, sharing its connection."""

    def __init__(self, store: Store):
        self.store = store
        self.con = store._con
        self.present = True  # a read-only store written without resolution has no such tables
        cur = self.con.cursor()
        try:
            if not store.read_only:
                for statement in DDL:
                    cur.execute(statement)
            else:
                self.present = bool(cur.execute(
                    "SELECT 1 FROM information_schema.tables WHERE table_name = 'incident_members'").fetchall())
        finally:
            cur.close()
        self._resolver: Resolver | None = None
        self._index: NearDuplicateIndex | None = None

    @classmethod
    def of(cls, store: Store) -> ResolutionStore:
        """One instance per open store, so the in-memory indexes load once."""
        if store not in _OPEN:
            _OPEN[store] = cls(store)
        return _OPEN[store]

    def _q(self, sql: str, params: list | None = None) -> list[tuple]:
        if not self.present:
            return []
        cur = self.con.cursor()
        try:
            return cur.execute(sql, params or []).fetchall()
        finally:
            cur.close()

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
            self._index = NearDuplicateIndex.load(self._q("SELECT content_hash, minhash FROM article_signatures"))
        return self._index

    def canonical(self, content_hash: str) -> str:
        rows = self._q("SELECT canonical_hash FROM article_versions WHERE content_hash = ?", [content_hash])
        return rows[0][0] if rows else content_hash

    # -- writing -----------------------------------------------------------------------------
    def resolve_article(self, article: Article, result: DocumentResult) -> ResolutionReport:
        content_hash = article.content_hash
        report = ResolutionReport(article_hash=content_hash)
        index = self.near_duplicates
        cur = self.con.cursor()
        try:
            cur.begin()
            if content_hash not in index:
                sig = signature(article.text)
                match = next(iter(index.matches(sig)), None)
                if match is not None:
                    report.duplicate_of, report.similarity = self.canonical(match[0]), match[1]
                    cur.execute("INSERT INTO article_versions VALUES (?, ?, ?, 'near_duplicate')",
                                [content_hash, report.duplicate_of, match[1]])
                cur.execute("INSERT INTO article_signatures VALUES (?, ?, ?)",
                            [content_hash, article.id, [int(v) for v in sig]])
                index.add(content_hash, sig)
            source = report.duplicate_of or self.canonical(content_hash)
            reported = article.date or datetime.now(UTC).date()
            events = [e.model_copy(update={"id": global_event_id(content_hash, e.id)}) for e in result.events]
            members = [member_from_event(e, article=content_hash, source=source, reported=reported) for e in events]
            known = set(self.resolver.members)
            change = self.resolver.add(members)
            self._write(cur, change)
            report.links = self._write_links(cur, change)
            cur.commit()
        except BaseException:
            cur.rollback()
            raise
        finally:
            cur.close()
        report.incidents = {m.id: self.resolver.incident_of[m.id] for m in members if m.id in self.resolver.incident_of}
        fresh_ids = {m.id for m in members} - known
        for iid in sorted(change.touched):
            bucket = report.new_incidents if set(self.resolver.incidents[iid]) <= fresh_ids else report.updated_incidents
            bucket.append(iid)
        report.removed_incidents = sorted(change.removed)
        return report

    def _write(self, cur, change: Change) -> None:
        ids = sorted(change.touched | change.removed)
        if not ids:
            return
        for table, key in (("incidents", "id"), ("incident_members", "incident_id"),
                           ("incident_revisions", "incident_id")):
            cur.execute(f"DELETE FROM {table} WHERE list_contains(?, {key})", [ids])
        res = self.resolver
        member_ids = [m for iid in change.touched for m in res.incidents[iid]]
        cur.execute("DELETE FROM incident_members WHERE list_contains(?, event_id)", [member_ids])
        records = _events(cur, member_ids)
        for iid in sorted(change.touched):
            mids = res.incidents[iid]
            for mid in mids:
                m = res.members[mid]
                why, score = res.rationale[mid]
                cur.execute("INSERT INTO incident_members VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            [mid, iid, m.article, m.source, m.reported, why, score, json.dumps(m.to_dict())])
            present = [(res.members[mid], records[mid]) for mid in mids if mid in records]
            if present:
                _insert_incident(cur, iid, present, [res.rationale[mid][1] for mid in mids])

    def _write_links(self, cur, change: Change) -> int:
        """Recompute links from the touched incidents and from incidents that follow them."""
        if change.removed:
            cur.execute("DELETE FROM incident_links WHERE list_contains(?, incident_id) OR list_contains(?, target_id)",
                        [sorted(change.removed), sorted(change.removed)])
        if not change.touched:
            return 0
        window = rules()["links"]["window_days"]
        dates = [r[0] for r in cur.execute("SELECT date FROM incidents WHERE list_contains(?, id)",
                                           [sorted(change.touched)]).fetchall() if r[0]]
        sources = set(change.touched)
        if dates:
            later = cur.execute("SELECT id FROM incidents WHERE date BETWEEN ? AND ?",
                                [min(dates), max(dates) + timedelta(days=window)]).fetchall()
            sources |= {r[0] for r in later}
        cur.execute("DELETE FROM incident_links WHERE list_contains(?, incident_id)", [sorted(sources)])
        rows = _incident_rows(cur, sorted(sources))
        n = 0
        for iid in sorted(sources):
            if iid not in rows:
                continue
            for link in _links_from(cur, rows[iid], self.resolver):
                cur.execute("INSERT INTO incident_links VALUES (?, ?, ?, ?, ?)",
                            [iid, link["type"], link["target"], link["origin"], json.dumps(link.get("evidence"))])
                n += 1
        return n

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
        cur = self.con.cursor()
        try:
            cur.execute(sql, params or [])
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        finally:
            cur.close()


# -- incident aggregates ---------------------------------------------------------------------

def _events(cur, ids: list[str]) -> dict[str, tuple[Event, dict]]:
    """Event id -> (event, its article's id/source) for stored events."""
    if not ids:
        return {}
    rows = cur.execute(
        "SELECT e.id, e.record, a.id, a.source FROM events e LEFT JOIN articles a ON a.content_hash = e.article_hash"
        " WHERE list_contains(?, e.id)", [ids]).fetchall()
    return {r[0]: (Event.model_validate_json(r[1]), {"article_id": r[2], "source": r[3]}) for r in rows}


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


def _insert_incident(cur, iid: str, present, merge_scores: list[float]) -> None:
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
    cur.execute(
        "INSERT INTO incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [iid, lead.type, present[0][0].family, min(dates), max(dates),
         loc.name if loc else None, _iso(loc.country) if loc else None,
         loc.admin1 if loc else None, loc.lat if loc else None, loc.lon if loc else None,
         loc.geo_precision if loc else None,
         a1.name if a1 else None, _iso(a1.country) if a1 else None, a2.name if a2 else None,
         _iso(a2.country) if a2 else None, lead.goldstein, fat["best"], fat["low"], fat["high"], status,
         status_ev.attribution.text if status_ev.attribution else None,
         sum(p[1][0].mentions for p in present), len({p[0].article for p in present}), len(independent),
         chrono[0][0].reported, chrono[-1][0].reported, confidence])
    _insert_revisions(cur, iid, chrono, fat, status_ev)


def _iso(code: str | None) -> str | None:
    from eventwire.resolve.cross import _country

    return _country(code)


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


def _insert_revisions(cur, iid: str, chrono, fat: dict, status_ev: Event) -> None:
    """Every value each report gave, in report order; `changed` when it differs from the
    previous report's value, `current` on the rows the incident's value comes from."""
    previous: dict[str, Any] = {}
    seq = 0
    current_fat = None
    for m, (ev, art) in chrono:
        if ev.fatalities.best == fat["best"] and fat["best"] is not None:
            current_fat = ev.id  # the latest report with the chosen figure
    for m, (ev, art) in chrono:
        for name, value in _values(ev).items():
            current = (name == "fatalities" and ev.id == current_fat) or (
                name in ("status", "attribution") and ev.id == status_ev.id)
            cur.execute("INSERT INTO incident_revisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [iid, seq, name, json.dumps(value), ev.id, art["article_id"], m.article, m.reported,
                         ev.attribution.source_type if ev.attribution else None,
                         name in previous and previous[name] != value, current])
            previous[name] = value
            seq += 1


# -- links -----------------------------------------------------------------------------------

_LINK_COLS = ("id", "type", "family", "date", "location_country", "actor1_country", "actor2_country", "goldstein",
              "fatalities_best")


def _incident_rows(cur, ids: list[str]) -> dict[str, dict]:
    rows = cur.execute(f"SELECT {', '.join(_LINK_COLS)} FROM incidents WHERE list_contains(?, id)", [ids]).fetchall()
    return {r[0]: dict(zip(_LINK_COLS, r, strict=True)) for r in rows}


def _victim(row: dict) -> str | None:
    return row["location_country"] or row["actor2_country"]


def _links_from(cur, inc: dict, resolver: Resolver) -> list[dict]:
    """Links whose source is `inc`: carried from in-article `Event.links`, then cross-article
    retaliation (a cue in the reports), threat → action and escalation within the window."""
    cfg = rules()["links"]
    out: dict[tuple[str, str], dict] = {}
    members = resolver.incidents.get(inc["id"], [])
    records = _events(cur, members)
    for ev, _ in records.values():
        for link in ev.links:
            target = resolver.incident_of.get(link.get("event", ""))
            if target and target != inc["id"]:
                out.setdefault((link["type"], target), {"type": link["type"], "target": target, "origin": "article",
                                                        "evidence": {"event": ev.id, **(link.get("evidence") or {})}})
    if inc["date"] is None or not inc["actor1_country"]:
        return list(out.values())
    earlier = cur.execute(
        f"SELECT {', '.join(_LINK_COLS)} FROM incidents WHERE date BETWEEN ? AND ? AND id <> ?",
        [inc["date"] - timedelta(days=cfg["window_days"]), inc["date"], inc["id"]]).fetchall()
    earlier = [dict(zip(_LINK_COLS, r, strict=True)) for r in earlier]
    a = inc["actor1_country"]
    violent = inc["type"] in cfg["violent"]
    cue = _cue(records) if violent else None
    for other in sorted(earlier, key=lambda o: (o["date"], o["id"])):
        if other["date"] == inc["date"] and other["id"] > inc["id"] and other["type"] in cfg["violent"] and violent:
            continue  # same-day pairs of attacks link one way only
        if violent and cue and other["type"] in cfg["violent"] and _victim(other) == a and other["actor1_country"] != a:
            out.setdefault(("retaliation_for", other["id"]),
                           {"type": "retaliation_for", "target": other["id"], "origin": "cross", "evidence": cue})
        if violent and other["type"] in cfg["threat"] and other["actor1_country"] == a and other["actor2_country"] and \
                other["actor2_country"] in (_victim(inc), inc["actor2_country"]):
            out.setdefault(("follows_threat", other["id"]),
                           {"type": "follows_threat", "target": other["id"], "origin": "cross",
                            "evidence": {"threat": other["id"]}})
        same_dyad = {a, inc["actor2_country"]} == {other["actor1_country"], other["actor2_country"]} and None not in (
            inc["actor2_country"], other["actor1_country"])
        if same_dyad and other["date"] < inc["date"] and inc["goldstein"] is not None and other["goldstein"] is not None and \
                other["goldstein"] - inc["goldstein"] >= cfg["escalation_goldstein_drop"]:
            out.setdefault(("escalation_of", other["id"]),
                           {"type": "escalation_of", "target": other["id"], "origin": "cross",
                            "evidence": {"goldstein": [other["goldstein"], inc["goldstein"]]}})
    return list(out.values())


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
