"""Where events happened: located share, country, admin1 and distance of event locations.

Shared by the UCDP scorer (gold country, adm_1, point and its precision) and the CASE scorer
(no location gold: only the share of events that got a place and why the others did not).

- `events_located`: of all events whose type has a place of events (`located_types`), the
  share with a location; events left without one are tallied by `location_reason`.
- `country`, `admin1`, `within_25km`: of the judged event against gold. A judged event with
  no location counts as wrong. admin1 is scored where the gold names one, distance where the
  gold point is precise (UCDP `where_prec` 1-2: the place or within 25 km of it).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from eventwire.geo.gazetteer import haversine_km
from eventwire.geo.normalize import fold
from eventwire.resources import lexicon

KM_CLOSE = 25.0
_GENERIC = re.compile(r"\b(?:province|region|territory|state|governorate|division|district)\b")
_ALIASES = Path(__file__).parent / "data" / "admin1_aliases.tsv"


@lru_cache(maxsize=1)
def located_types() -> frozenset[str]:
    return frozenset(lexicon("roles")["located_types"])


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    out = {}
    for line in _ALIASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            a, b = line.split("\t")
            out[a.strip()] = b.strip()
    return out


def admin1_key(name: str | None) -> str | None:
    """A comparable form of an admin1 name: folded, generic words dropped, aliases applied."""
    if not name:
        return None
    low = name.strip().lower()
    low = _aliases().get(low, low)
    low = _GENERIC.sub(" ", low)
    low = _aliases().get(" ".join(low.split()), low)
    return re.sub(r"[^a-z]", "", fold(low)) or None


@lru_cache(maxsize=256)
def country_iso3(name: str | None) -> str | None:
    if not name:
        return None
    if len(name) == 3 and name.isupper():
        return name
    import pycountry

    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        try:
            return pycountry.countries.search_fuzzy(name)[0].alpha_3
        except LookupError:
            return None


class LocationTally:
    """Accumulates the location figures of one set."""

    def __init__(self) -> None:
        self.hits = {k: [0, 0] for k in ("events_located", "country", "admin1", "within_25km",
                                         "precision_given", "country_if_event")}
        self.reasons: Counter[str] = Counter()
        self.sources: Counter[str] = Counter()

    def add_events(self, events) -> None:
        for ev in events:
            if ev.type not in located_types():
                continue
            self.hits["events_located"][1] += 1
            if ev.location is not None:
                self.hits["events_located"][0] += 1
                self.sources[getattr(ev.location, "source", None) or "(unstated)"] += 1
                self.hits["precision_given"][1] += 1
                self.hits["precision_given"][0] += int(ev.location.geo_precision in (1, 2, 3)
                                                       and bool(ev.location.admin1 or ev.location.feature == "PCLI"))
            else:
                self.reasons[getattr(ev, "location_reason", None) or "(unstated)"] += 1

    def add_gold(self, ev, country: str | None, admin1: str | None, lat: float | None, lon: float | None,
                 precise: bool) -> None:
        loc = ev.location if ev is not None else None
        want = country_iso3(country)
        if want:
            self.hits["country"][1] += 1
            self.hits["country"][0] += int(loc is not None and loc.country == want)
            if ev is not None:  # the place rules alone, apart from records where no event was read
                self.hits["country_if_event"][1] += 1
                self.hits["country_if_event"][0] += int(loc is not None and loc.country == want)
        gold_a = admin1_key(admin1)
        if gold_a:
            self.hits["admin1"][1] += 1
            self.hits["admin1"][0] += int(loc is not None and admin1_key(loc.admin1) == gold_a)
        if precise and lat is not None and lon is not None:
            self.hits["within_25km"][1] += 1
            self.hits["within_25km"][0] += int(loc is not None and loc.lat is not None
                                               and haversine_km(loc.lat, loc.lon, lat, lon) <= KM_CLOSE)

    def to_dict(self) -> dict:
        from eventwire.evaluate.common import rate

        out = {k: rate(*v) for k, v in self.hits.items() if v[1] or k == "events_located"}
        out["unlocated_reasons"] = dict(self.reasons.most_common())
        out["sources"] = dict(self.sources.most_common())
        return out


def format_location(loc: dict) -> str:
    from eventwire.evaluate.common import format_rate

    names = {"events_located": "events with a location (located types)",
             "precision_given": "  ... of which with admin1 (or country) and precision 1-3",
             "country": "judged event: location country",
             "country_if_event": "  ... of records where an event was read", "admin1": "judged event: admin1 (gold names one)",
             "within_25km": "judged event: within 25 km (gold point precise)"}
    lines = [format_rate(names[k], loc[k]) for k in names if k in loc]
    if loc.get("unlocated_reasons"):
        lines.append("  no location, by reason: " + ", ".join(f"{k} {v}" for k, v in loc["unlocated_reasons"].items()))
    if loc.get("sources"):
        lines.append("  location source: " + ", ".join(f"{k} {v}" for k, v in loc["sources"].items()))
    return "\n".join(lines)
