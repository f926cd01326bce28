"""Events as rows in the UCDP GED column layout.

UCDP codes a date range with a precision (`date_prec` 1 exact day, 3 week, 4 month,
5 year) and a place precision (`where_prec` 1 exact place, 2 near it, 4 admin1, 6 country).
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

COLUMNS: tuple[str, ...] = (
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "date_start",
    "date_end",
    "date_prec",
    "country",
    "adm_1",
    "latitude",
    "longitude",
    "where_prec",
    "where_description",
    "best",
    "low",
    "high",
    "source_article",
)

DATE_PREC = {"day": 1, "week": 3, "month": 4, "year": 5}
WHERE_PREC = {1: 1, 2: 2}


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
    return WHERE_PREC.get(loc.geo_precision, 4 if loc.admin1 else 6)


def row(event: Event, article: ArticleRef | None = None) -> dict[str, Any]:
    loc = event.location
    start, end = date_range(event.date, event.date_precision)
    deaths = event.fatalities
    best = deaths.best if deaths.best is not None else deaths.low
    return {
        "id": event.id,
        "type_of_violence": event.ucdp_type_of_violence,
        "side_a": event.actor1.name if event.actor1 else None,
        "side_b": event.actor2.name if event.actor2 else None,
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        "date_prec": DATE_PREC.get(event.date_precision or "") if start else None,
        "country": country_name(loc.country) if loc else None,
        "adm_1": loc.admin1 if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "where_prec": where_prec(loc),
        "where_description": loc.text if loc else None,
        "best": best,
        "low": deaths.low if deaths.low is not None else best,
        "high": deaths.high if deaths.high is not None else best,
        "source_article": _source_article(article),
    }


def _source_article(article: ArticleRef | None) -> str | None:
    """UCDP cites `"Source,date,headline"`; fall back to the article id."""
    if not article:
        return None
    parts = [article.get("source"), article.get("date"), article.get("title")]
    if not any(parts):
        return article.get("article_id")
    return ",".join("" if p is None else str(p) for p in parts)
