"""Cross-article resolution: the events of many articles become incidents, one per
real-world event.

Each article's `Event` becomes a `Member` (the few fields resolution needs). Two members can
describe one incident when nothing conflicts (not the same article, whose events in-article
merge already kept apart; type family, the country and sector group of the actors the text
names, place within a distance set by geo precision, date within a window set by date
precision, fatality figures of a compatible size and victims of one kind, compass cues less
than 90 degrees apart) and enough ties them (`rules.json` weights: same or nearby place, an
equal or close toll, weighted by how rare it is, same mode, distinctive shared words, same
actors where the weights give them any). Days apart cost ties, more
when a date is only known to the week or month, so a merge across days needs stronger
evidence than one on the same day. Thresholds are data in `data/resolve/rules.json`.

Order independence: a member is compared only with members sharing a block (type family,
country, week bucket), so each comparison is bounded. Strong pairs are joined into connected
components (union-find, which does not depend on arrival order); each component touched by
new members is re-clustered from scratch in a canonical order (date, id), every member joining
the best cluster it is compatible with *all* members of (complete linkage, so a chain of
daily clashes does not collapse into one incident). The clustering is therefore a function of
the set of members: adding articles one by one, in any order or batch, yields the incidents
of adding them all at once, and incident ids (derived from each cluster's first member) agree.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache

from eventwire.export.flat import iso3
from eventwire.model import Event
from eventwire.resources import DATA

_DATE_ORDER = ("day", "week", "month", "year", "none")
_DATE_RANK = {p: i for i, p in enumerate(_DATE_ORDER)}


@lru_cache(maxsize=1)
def rules() -> dict:
    """`data/resolve/rules.json` without its `_` comment keys (read once)."""
    import json

    raw = json.loads((DATA / "resolve" / "rules.json").read_text(encoding="utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def family(event_type: str) -> str:
    """Clashes and attacks describe one incident in news prose: one family."""
    return rules()["families"].get(event_type, event_type)


@dataclass(frozen=True, slots=True)
class Member:
    """What resolution needs of one article's event."""

    id: str  # global event id (store prefix + local id)
    article: str  # content hash of the article
    source: str  # independence key: canonical article (near-duplicates share it) or outlet
    reported: Date  # publication date of the article (report time)
    family: str
    date: Date
    precision: str = "none"
    actor1: tuple[str | None, str | None] = (None, None)  # (country, sector group)
    actor2: tuple[str | None, str | None] = (None, None)
    country: str | None = None  # where it happened
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None  # None: no place
    geonameid: int | None = None
    place: str | None = None
    best: int | None = None
    mode: str | None = None
    words: tuple[str, ...] = ()  # distinctive content words of the evidence sentences
    victims: str | None = None  # kind of the dead (civilians, security forces, militants)
    compass: tuple[str, ...] = ()  # compass cues of the evidence ("northwest", "SW")

    def countries(self) -> tuple[str | None, ...]:
        found = {c for c in (self.country, self.actor1[0], self.actor2[0]) if c}
        return tuple(sorted(found)) or (None,)

    def sort_key(self) -> tuple:
        return (self.date, self.id)

    def to_dict(self) -> dict:
        return {f: _jsonable(getattr(self, f)) for f in self.__slots__}

    @classmethod
    def from_dict(cls, d: dict) -> Member:
        d = dict(d)
        for k in ("reported", "date"):
            d[k] = Date.fromisoformat(d[k])
        d["actor1"], d["actor2"], d["words"] = tuple(d["actor1"]), tuple(d["actor2"]), tuple(d.get("words", ()))
        d["compass"] = tuple(d.get("compass", ()))
        return cls(**d)


def _jsonable(v):
    return v.isoformat() if isinstance(v, Date) else v


def _sector_group(sector: str | None) -> str | None:
    return rules()["sector_groups"].get(sector) if sector else None


def _country(code: str | None) -> str | None:
    """Locations may carry alpha-2 codes, actors alpha-3: compare in alpha-3."""
    if not code:
        return None
    return iso3(code) or code.upper()


def member_from_event(event: Event, *, article: str, source: str, reported: Date) -> Member:
    """The resolution view of a stored event. An undated event is dated by its report."""
    loc = event.location
    # a country-wide location ("in Pakistan") says where, not which incident: no point
    has_point = loc is not None and not _country_only(loc)
    text = " ".join(e.text for e in event.evidence if e.role == "sentence")
    tokens = _WORD.findall(text)  # for the shared words and the compass cues both
    # the place's own words ("Waziristan" for Khyber Pakhtunkhwa) are the place tie's to count;
    # the words naming its country ("Pakistan") or the actors' ("Indian shelling") are what
    # blocking and the actor checks compare, and a shared dyad ties nothing
    countries = {_country(loc.country) if loc is not None else None,
                 *(a.country for a in (event.actor1, event.actor2) if a is not None)}
    place_words = _name_words(loc.text if loc is not None else None).union(*map(country_words, countries))
    return Member(
        id=event.id,
        article=article,
        source=source,
        reported=reported,
        family=family(event.type),
        date=event.date or reported,
        precision=event.date_precision or "none" if event.date else "none",
        actor1=_actor(event.actor1),
        actor2=_actor(event.actor2),
        country=_country(loc.country) if loc is not None else None,
        admin1=loc.admin1 if has_point else None,
        lat=loc.lat if has_point else None,
        lon=loc.lon if has_point else None,
        geo_precision=loc.geo_precision if has_point else None,
        geonameid=loc.geonameid if has_point else None,
        place=loc.name if has_point else None,
        best=event.fatalities.best,
        mode=event.mode,
        words=tuple(w for w in _keywords(tokens) if w not in place_words),
        victims=event.fatalities.victims,
        compass=_compass(tokens),
    )


_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return frozenset(_spacy_stop_words()) | frozenset(rules()["keywords"]["generic"])


def _spacy_stop_words() -> set[str]:
    """spaCy's English stop words, read from their module without importing spaCy itself:
    the writer of `eventwire run` never parses, and importing spaCy there cost a second
    of CPU while the workers load their models on the same cores."""
    import importlib.util
    import sys
    from pathlib import Path

    if "spacy.lang.en.stop_words" in sys.modules:
        return sys.modules["spacy.lang.en.stop_words"].STOP_WORDS
    found = importlib.util.find_spec("spacy")
    if found is None or found.origin is None:  # pragma: no cover - spaCy is a dependency
        raise ImportError("spacy")
    path = Path(found.origin).parent / "lang" / "en" / "stop_words.py"
    spec = importlib.util.spec_from_file_location("_eventwire_spacy_en_stop_words", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.STOP_WORDS


def keywords(text: str) -> tuple[str, ...]:
    """Content words two reports of one incident tend to share ("funeral", "Serena", "school")."""
    return _keywords(_WORD.findall(text))


def _keywords(tokens: list[str]) -> tuple[str, ...]:
    return tuple(sorted({w for w in map(_content_word, tokens) if w}))


@lru_cache(maxsize=1 << 16)
def _content_word(token: str) -> str | None:
    """The token as a shared word, or None for a stop word or a generic one. A plural is its
    singular ("bombings" is as generic as "bombing"; "Hazaras" names "Hazara"). Cached: the
    writer calls this for every word of every event sentence."""
    w = _singular(token.lower())
    return w if len(w) >= rules()["keywords"]["min_len"] and w not in _stop() else None


def _singular(w: str) -> str:
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 4:
        return w[:-1]
    return w


def compass(text: str) -> tuple[str, ...]:
    """Compass cues ("southwest Pakistan", "NW"), normalised: two reports that place an
    incident in opposite parts of a country describe different incidents."""
    return _compass(_WORD.findall(text))


def _compass(tokens: list[str]) -> tuple[str, ...]:
    table = rules()["compass"]["cues"]
    found = {table[t] for t in map(str.lower, tokens) if t in table}
    return tuple(sorted(found))


def _country_only(loc) -> bool:
    return (loc.feature or "").startswith("PCL") or (loc.geo_precision >= 3 and not loc.admin1)


def _actor(a) -> tuple[str | None, str | None]:
    # an actor the text does not name (an unidentified armed group, a government implied by
    # a protest) is the pipeline's guess: it neither ties nor separates two reports
    if a is None or not a.text:
        return (None, None)
    return (_country(a.country), _sector_group(a.sector))


# -- comparing two members -----------------------------------------------------------------

def km(a: Member, b: Member) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def date_window(precision: str) -> int:
    windows = rules()["date_window_days"]
    return windows.get(precision, windows["none"])


def _actor_conflict(x: tuple, y: tuple) -> bool:
    for p, q in zip(x, y):  # a loop, not any(<generator>): called for most candidate pairs
        if p is not None and q is not None and p != q:
            return True
    return False


def _reversible(m: Member) -> bool:
    """A clash reads either way round ("troops kill militants", "militants attack troops"),
    but civilians are never the side that attacks: no reading swaps them into it."""
    return "civilian" not in (m.actor1[1], m.actor2[1])


def _actors(a: Member, b: Member, r: dict) -> tuple[bool, list[str], int]:
    """(compatible, reasons, tie) on actors; violent families read dyads unordered."""
    if not (_actor_conflict(a.actor1, b.actor1) or _actor_conflict(a.actor2, b.actor2)):
        pairs = ((a.actor1, b.actor1, "actor1"), (a.actor2, b.actor2, "actor2"))
    elif a.family in r["unordered_families"] and _reversible(a) and _reversible(b) and not (
            _actor_conflict(a.actor1, b.actor2) or _actor_conflict(a.actor2, b.actor1)):
        pairs = ((a.actor1, b.actor2, "actor1"), (a.actor2, b.actor1, "actor2"))  # swapped
    else:
        return False, [], 0
    tie, why = 0, []
    for x, y, name in pairs:
        if x[0] and x[0] == y[0] and x[1] and x[1] == y[1]:
            tie += r["ties"][name]
            why.append(f"{name} {x[0]}/{x[1]}")
    return True, why, tie


def _places(a: Member, b: Member, r: dict) -> tuple[bool, list[str], int]:
    if a.country and b.country and a.country != b.country:
        return False, [], 0
    if a.geo_precision is None or b.geo_precision is None:
        return True, [], 0
    coarse = max(a.geo_precision, b.geo_precision)
    if a.geonameid is not None and a.geonameid == b.geonameid:
        tie = r["ties"]["same_place" if coarse < 3 else "same_region"]
        return True, [f"same place {a.place}"], tie
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return False, [], 0  # reports that name different provinces describe different incidents
    limit = r["distance_km"][str(min(coarse, 3))]
    dist = km(a, b)
    same_admin = bool(a.admin1 and a.admin1 == b.admin1)
    if coarse >= 3:
        if same_admin:
            return True, [f"same region {a.admin1}"], r["ties"]["same_region"]
        if a.admin1 and b.admin1 and (dist is None or dist > limit):
            return False, [], 0
    if dist is not None:
        if dist > limit:
            return False, [], 0
        return True, [f"{a.place} ~ {b.place} {dist:.0f} km"], r["ties"]["near_place"]
    return True, [], 0


def _fatalities(a: Member, b: Member, r: dict) -> tuple[bool, list[str], int]:
    """Tolls of one incident are of a size; an equal toll ties more the rarer it is (two
    reports of "2 killed" on one day are common, of "48 killed" are not)."""
    if a.victims and b.victims and a.victims != b.victims and a.best is not None and b.best is not None:
        return False, [], 0
    if a.best is None or b.best is None:
        return True, [], 0
    lo, hi = sorted((a.best, b.best))
    if hi > r["fatalities"]["ratio"] * lo + r["fatalities"]["slack"]:
        return False, [], 0
    if lo == hi:
        tie = _toll_tie(r["fatalities"]["same_tie"], lo)
        return True, [f"{lo} killed"], tie
    near = r["fatalities"]["near"]
    if hi <= near["ratio"] * lo:
        # a large toll and its revision ("25 killed", "23 dead"): such figures are rare enough
        # on one day to tie, if less than an equal one
        tie = _toll_tie(near["tie"], lo)
        return True, [f"{lo} and {hi} killed"] if tie else [], tie
    return True, [], 0


def _toll_tie(table: list[list[int]], toll: int) -> int:
    """The tie of the largest [at least, tie] row of `table` that `toll` reaches."""
    return max((t for least, t in table if toll >= least), default=0)


def _directions(a: Member, b: Member, r: dict) -> tuple[bool, list[str], int]:
    """Opposite compass cues (northwest vs southwest: 90 degrees or more apart) conflict."""
    if not (a.compass and b.compass):
        return True, [], 0
    vec = r["compass"]["vectors"]
    for x in a.compass:
        for y in b.compass:
            if vec[x][0] * vec[y][0] + vec[x][1] * vec[y][1] <= 0:
                return False, [], 0
    shared = sorted(set(a.compass) & set(b.compass))
    return True, [f"both {', '.join(shared)}"] if shared else [], 0


@dataclass(frozen=True, slots=True)
class Match:
    tie: int
    reasons: tuple[str, ...]


def compare(a: Member, b: Member) -> Match | None:
    """None when the two cannot be one incident; else how strongly they are tied."""
    r = rules()
    if a.family != b.family or a.article == b.article:
        return None  # one article's events are already distinct (in-article merge)
    gap = abs((a.date - b.date).days)
    if gap > max(date_window(a.precision), date_window(b.precision)):
        return None
    copies = a.source == b.source  # near-duplicate articles: one report, not two
    # the checks written out, not a loop over them: this runs for every candidate pair
    ok, why, tie = _actors(a, b, r)
    if not ok:
        return None
    ok, reasons, specific = _places(a, b, r)
    if not ok:
        return None
    tie += specific
    why += reasons
    ok, reasons, t = _fatalities(a, b, r)
    if not ok:
        return None
    if copies:
        t = 0  # a toll two copies of one text share proves nothing
    specific += t
    tie += t
    why += reasons
    ok, reasons, t = _directions(a, b, r)
    if not ok:
        return None
    tie += t
    why += reasons
    if a.mode and a.mode == b.mode:
        tie += r["ties"]["same_mode"]
        why.append(f"mode {a.mode}")
    # a place's name is counted by the place tie already
    shared = set(a.words).intersection(b.words) - _name_words(a.place) - _name_words(b.place)
    if shared and not copies:  # nor do the words they share
        k = r["keywords"]
        t = min(k["max_tie"], k["tie_per_word"] * len(shared))
        tie += t
        specific += t
        why.append("shared words " + ", ".join(sorted(shared)))
    if gap == 0:
        tie += r["ties"]["same_date"]
        why.append(f"date {a.date}")
    else:
        tie -= _gap_cost(gap, a, b, r)
        why.append(f"dates {gap} day(s) apart")
    # copies of one text corroborate nothing but the place they both state
    if specific < (1 if copies else r["min_specific_tie"]):
        # one dyad on one day is common (several attacks on troops a day): without a place,
        # a toll or distinctive words in common the pair is compatible but never a merge
        tie = min(tie, r["min_tie"] - 1)
    return Match(tie, tuple(why))


@lru_cache(maxsize=1 << 10)
def country_words(country: str | None) -> frozenset[str]:
    """The shared words that name `country` (ISO-3) itself, as `keywords` gives them: its
    name ("Pakistan") and the one-word forms of it the actor dictionaries know ("Pakistani",
    "Pakistanis"), with the demonyms news uses ("Afghan"). Two reports of events in one
    country share these as they share the country, which blocking already requires. Only
    forms that begin as the name does: the dictionaries also file cities and provinces
    ("Karachi", "Khyber") under a country, and those do tell incidents apart."""
    if not country:
        return frozenset()
    return _all_country_words().get(country, frozenset())


@lru_cache(maxsize=1)
def _all_country_words() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for code, name in _columns("actors/countries.tsv", "iso3", "name"):
        found[code].update(_keywords(_WORD.findall(name)))
    stems = {code: {w[:4] for w in words} for code, words in found.items()}
    for path in ("actors/lexicon.tsv", "actors/supplement.tsv"):
        # read here: `resources.table` would keep all 34,000 dictionary rows (~24 MB) in the
        # writer for the few hundred wanted, and `actors.codes.read_tsv` imports the actors
        # package, and with it spaCy, which the writer never needs
        for phrase, kind, code in _columns(path, "phrase", "kind", "country"):
            if kind in ("country", "demonym") and " " not in phrase:
                found[code].update(w for w in _keywords(_WORD.findall(phrase)) if w[:4] in stems.get(code, ()))
    for line in (DATA / "geo" / "demonyms_extra.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, code = line.split("\t")[:2]
            found[code].update(_keywords(_WORD.findall(word)))
    return {code: frozenset(words) for code, words in found.items() if words}


def _columns(path: str, *names: str):
    """The named columns of a TSV under `data/` (header after its '#' provenance lines)."""
    lines = (line.rstrip("\n").split("\t") for line in (DATA / path).open(encoding="utf-8")
             if not line.startswith("#"))
    header = next(lines)
    at = [header.index(n) for n in names]
    for row in lines:
        if len(row) == len(header):
            yield tuple(row[i] for i in at)


def _name_words(name: str | None) -> frozenset[str]:
    return _place_words(name) if name else frozenset()


@lru_cache(maxsize=1 << 14)
def _place_words(name: str) -> frozenset[str]:
    # cached: a place name recurs across members, and `compare` asks for both of a pair's
    return frozenset(w.lower() for w in _WORD.findall(name))


def _gap_cost(gap: int, a: Member, b: Member, r: dict) -> int:
    """Days apart weigh against a merge, more so when a date is only known to the week or
    month (the report date stands in for it): a gap must be bridged by stronger ties."""
    rank = _DATE_RANK
    coarse = max(rank.get(a.precision, len(_DATE_ORDER) - 1), rank.get(b.precision, len(_DATE_ORDER) - 1))
    g = r["date_gap"]
    return math.ceil(gap * g["per_day"]) + g["coarse"].get(_DATE_ORDER[coarse], 0)


# -- the resolver --------------------------------------------------------------------------

def incident_id(first: Member) -> str:
    return "inc_" + hashlib.sha1(first.id.encode()).hexdigest()[:12]


@dataclass
class Change:
    """Incidents whose membership a call to `Resolver.add` may have changed."""

    touched: set[str] = field(default_factory=set)  # current ids to (re)write
    removed: set[str] = field(default_factory=set)  # ids that no longer exist
    previous: set[str] = field(default_factory=set)  # ids that existed before the call (have rows)


class Resolver:
    """In-memory incident resolution: no I/O, so it can be benchmarked and persisted by
    whoever owns it (`eventwire.store.resolution`)."""

    def __init__(self) -> None:
        r = rules()
        self._bucket = r["blocking"]["bucket_days"]
        self._min_tie = r["min_tie"]
        self.members: dict[str, Member] = {}
        # block key -> (id, day, date window, article) of its members: the date and article
        # tests `compare` starts with, done here without a call (most candidates fail them)
        self._blocks: dict[tuple, list[tuple[str, int, int, str]]] = defaultdict(list)
        # compatible pairs and their tie; the reasons are recomputed for the one pair a
        # rationale names (keeping them for every pair was most of the resolver's memory)
        self._edges: dict[str, dict[str, int]] = defaultdict(dict)
        self._parent: dict[str, str] = {}
        self._component: dict[str, list[str]] = {}  # root -> members
        self.incident_of: dict[str, str] = {}
        self.incidents: dict[str, list[str]] = {}  # incident id -> member ids, canonical order
        self.rationale: dict[str, tuple[str, float]] = {}  # member -> (why, score)

    # union-find
    def _find(self, x: str) -> str:
        root = x
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[x] != root:
            self._parent[x], x = root, self._parent[x]
        return root

    def _union(self, a: str, b: str) -> str:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return ra
        if len(self._component[ra]) < len(self._component[rb]):
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._component[ra].extend(self._component.pop(rb))
        return ra

    def _keys(self, m: Member) -> list[tuple]:
        w = date_window(m.precision)
        lo, hi = (m.date.toordinal() - w) // self._bucket, (m.date.toordinal() + w) // self._bucket
        return [(m.family, c, b) for c in m.countries() for b in range(lo, hi + 1)]

    def add(self, members: list[Member]) -> Change:
        """Add members (already-known ids are ignored); re-cluster what they touch."""
        fresh = sorted({m.id: m for m in members if m.id not in self.members}.values(), key=Member.sort_key)
        roots: set[str] = set()
        for m in fresh:
            self.members[m.id] = m
            self._parent[m.id] = m.id
            self._component[m.id] = [m.id]
            keys = self._keys(m)
            day, window = m.date.toordinal(), date_window(m.precision)
            entry = (m.id, day, window, m.article)
            seen: set[str] = set()
            for key in keys:
                for other, other_day, other_window, article in self._blocks[key]:
                    if other in seen:
                        continue
                    seen.add(other)
                    if article == m.article or abs(day - other_day) > max(window, other_window):
                        continue  # as `compare` would decide
                    match = compare(m, self.members[other])
                    if match is None:
                        continue
                    self._edges[m.id][other] = self._edges[other][m.id] = match.tie
                    if match.tie >= self._min_tie:
                        self._union(m.id, other)
            for key in keys:
                self._blocks[key].append(entry)
            roots.add(m.id)
        change = Change()
        for root in {self._find(x) for x in roots}:
            self._recluster(self._component[root], change)
        change.removed -= change.touched
        return change

    def _recluster(self, ids: list[str], change: Change) -> None:
        before = {self.incident_of[i] for i in ids if i in self.incident_of}
        old = {iid: self.incidents[iid] for iid in before if iid in self.incidents}
        change.previous |= set(old)
        clusters: list[list[str]] = []
        for mid in sorted(ids, key=lambda i: self.members[i].sort_key()):
            edges = self._edges.get(mid, {})
            best, best_key, best_match = None, None, None
            for c in clusters:
                if not all(x in edges for x in c):
                    continue  # complete linkage: compatible with every member
                top = max(c, key=lambda x: (edges[x], x))
                key = (edges[top], sum(edges[x] for x in c) / len(c))
                if edges[top] >= self._min_tie and (best_key is None or key > best_key):
                    best, best_key, best_match = c, key, top
            if best is None:
                clusters.append([mid])
                self.rationale[mid] = ("first report of this incident", 1.0)
            else:
                best.append(mid)
                top = best_match
                # in canonical order, so that the words of a rationale do not depend on arrival
                first, second = sorted((self.members[mid], self.members[top]), key=Member.sort_key)
                match = compare(first, second)
                self.rationale[mid] = (f"matches {top}: " + "; ".join(match.reasons), _tie_confidence(match.tie))
        now: set[str] = set()
        for c in clusters:
            iid = incident_id(self.members[c[0]])
            now.add(iid)
            # an incident whose members are the same as before has the same rows (a member's
            # rationale depends only on the members before it in its cluster): not rewritten,
            # so the writes per article stay bounded however large a component grows
            if old.get(iid) != c:
                change.touched.add(iid)
            self.incidents[iid] = c
            for mid in c:
                self.incident_of[mid] = iid
        for gone in before - now:
            self.incidents.pop(gone, None)
            change.removed.add(gone)


def _tie_confidence(tie: int) -> float:
    """A merge backed by more independent ties is likelier right (saturating)."""
    return round(1 - math.exp(-tie / 3), 3)
