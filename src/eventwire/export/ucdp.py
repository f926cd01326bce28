"""Events as rows in the UCDP GED column layout.

UCDP codes a date range with a precision (`date_prec` 1 exact day, 3 week, 4 month,
5 year) and a place precision (`where_prec` 1 exact place, 2 near it, 3 admin2, 4 admin1,
6 country, 7 international waters).
A week-precise date is written as its ISO week (Monday to Sunday), a month or year as the
whole month or year. Deaths keep UCDP's best/low/high; a missing low or high takes the best
figure, and all three stay empty when the text gives no number (never 0 for unknown).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from eventwire.export.flat import ArticleRef, country_name
from eventwire.model import Event, Location
from eventwire.resources import lexicon

# The GED codebook's columns in its order. Those that need UCDP's own registers (conflict,
# dyad and actor ids, Gleditsch-Ward codes, the 25-deaths activity test, UCDP's coder
# judgements) are present and empty; see the README for which are filled.
COLUMNS: tuple[str, ...] = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence",
    "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name",
    "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline", "source_original",
    "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude",
    "geom_wkt", "priogrid_gid", "country", "country_id", "region", "event_clarity",
    "date_prec", "date_start", "date_end",
    "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
    "gwnoa", "gwnob",
)

DATE_PREC = {"day": 1, "week": 3, "month": 4, "year": 5}
WHERE_PREC = {1: 1, 2: 2}
# where_prec by the feature resolved: 3 second-order and 4 first-order admin unit, 6 country,
# 7 sea (international waters)
WHERE_PREC_FEATURE = {"ADM2": 3, "ADM1": 4, "PCLI": 6, "SEA": 7}
# victims read as civilians: the casualty reader's kind, or one of its civilian words
CIVILIAN_VICTIMS = frozenset({"civilians", *lexicon("casualties")["victims"]["civilians"]})


def date_range(day: date | None, precision: str | None) -> tuple[date | None, date | None]:
    """The first and last day the event may have happened on."""
    if day is None:
        return None, None
    if precision == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if precision == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return day, day


def where_prec(loc: Location | None) -> int | None:
    """UCDP place precision from ACLED's 1-3 scale: region-level means admin1 if one is
    known, else only the country."""
    if loc is None:
        return None
    if loc.feature in WHERE_PREC_FEATURE:
        return WHERE_PREC_FEATURE[loc.feature]
    return WHERE_PREC.get(loc.geo_precision, 4 if loc.admin1 else 6)


def priogrid_gid(lat: float | None, lon: float | None) -> int | None:
    """The PRIO-GRID cell (0.5 degrees, numbered row by row from -90/-180, from 1)."""
    if lat is None or lon is None:
        return None
    row = min(int((lat + 90) * 2), 359)
    col = min(int((lon + 180) * 2), 719)
    return row * 720 + col + 1


def row(event: Event, article: ArticleRef | None = None) -> dict[str, Any]:
    loc = event.location
    start, end = date_range(event.date, event.date_precision)
    deaths = event.fatalities
    best = deaths.best if deaths.best is not None else deaths.low
    side_a = event.actor1.name if event.actor1 else None
    side_b = event.actor2.name if event.actor2 else None
    lat, lon = (loc.lat, loc.lon) if loc else (None, None)
    civilian = (deaths.victims or "").lower() in CIVILIAN_VICTIMS
    out: dict[str, Any] = dict.fromkeys(COLUMNS)
    out.update({
        "id": event.id,
        "year": start.year if start else None,
        "type_of_violence": event.ucdp_type_of_violence,
        "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else None,
        "side_a": side_a,
        "side_b": side_b,
        "number_of_sources": 1 if article else None,
        "source_article": _source_article(article),
        "source_office": article.get("source") if article else None,
        "source_date": _iso(article.get("date")) if article else None,
        "source_headline": article.get("title") if article else None,
        "source_original": event.attribution.text if event.attribution else None,
        "where_prec": where_prec(loc),
        "where_coordinates": loc.name if loc else None,
        "where_description": loc.text if loc else None,
        "adm_1": loc.admin1 if loc else None,
        "latitude": lat,
        "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None,
        "priogrid_gid": priogrid_gid(lat, lon),
        "country": country_name(loc.country) if loc else None,
        "date_prec": DATE_PREC.get(event.date_precision or "") if start else None,
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        # which side's dead is not read (deaths_a, deaths_b stay empty): civilians when the
        # victims are, else unknown, so deaths_civilians + deaths_unknown = best
        "deaths_civilians": (best if civilian else 0) if best is not None else None,
        "deaths_unknown": (0 if civilian else best) if best is not None else None,
        "best": best,
        "high": deaths.high if deaths.high is not None else best,
        "low": deaths.low if deaths.low is not None else best,
    })
    return out


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def _source_article(article: ArticleRef | None) -> str | None:
    """UCDP cites `"Source,date,headline"`; fall back to the article id."""
    if not article:
        return None
    parts = [article.get("source"), article.get("date"), article.get("title")]
    if not any(parts):
        return article.get("article_id")
    return ",".join("" if p is None else str(p) for p in parts)
