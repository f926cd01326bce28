"""One flat row per event: the shape shared by the DuckDB `events` table and the
CSV / Parquet / GeoJSON exports, so a column means the same thing everywhere.

Nested records become prefixed columns (`actor1_name`, `location_lat`, `fatalities_best`).
Evidence is summarised by its sentence spans; the full record stays available as JSON.
The article an event came from is not part of `Event`; callers that know it pass an
`ArticleRef` mapping (`article_id`, `source`, `url`, `title`, `author`, `date`) and it fills the
`article_*` columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any

import pycountry

from eventwire.model import Actor, Event

# (column, kind); kind is one of str, int, float, date, bool. Order is the CSV order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "str"),
    ("article_id", "str"),
    ("article_source", "str"),
    ("article_url", "str"),
    ("article_title", "str"),
    ("article_author", "str"),
    ("article_date", "date"),
    ("type", "str"),
    ("mode", "str"),
    ("cameo", "str"),
    ("goldstein", "float"),
    ("acled_event_type", "str"),
    ("acled_sub_event_type", "str"),
    ("ucdp_type_of_violence", "int"),
    *(
        (f"{who}_{field}", kind)
        for who in ("actor1", "actor2")
        for field, kind in (
            ("text", "str"),
            ("name", "str"),
            ("country", "str"),
            ("sector", "str"),
            ("inter", "int"),
            ("start", "int"),
            ("end", "int"),
        )
    ),
    ("date", "date"),
    ("date_precision", "str"),
    ("location_text", "str"),
    ("location_name", "str"),
    ("location_country", "str"),
    ("location_admin1", "str"),
    ("location_lat", "float"),
    ("location_lon", "float"),
    ("location_geonameid", "int"),
    ("location_feature", "str"),
    ("geo_precision", "int"),
    ("location_start", "int"),
    ("location_end", "int"),
    *(
        (f"{what}_{field}", kind)
        for what in ("fatalities", "injuries")
        for field, kind in (("best", "int"), ("low", "int"), ("high", "int"), ("victims", "str"))
    ),
    ("status", "str"),
    ("attribution_text", "str"),
    ("attribution_source_type", "str"),
    ("confidence", "float"),
    ("mentions", "int"),
    ("evidence_text", "str"),
    ("evidence_spans", "str"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(name for name, _ in COLUMNS)

ArticleRef = Mapping[str, Any]


def flatten(event: Event, article: ArticleRef | None = None) -> dict[str, Any]:
    """The flat row of `event`; `article` fills the `article_*` columns when known."""
    row: dict[str, Any] = dict.fromkeys(COLUMN_NAMES)
    row.update(
        id=event.id,
        type=event.type,
        mode=event.mode,
        cameo=event.cameo,
        goldstein=event.goldstein,
        acled_event_type=event.acled_event_type,
        acled_sub_event_type=event.acled_sub_event_type,
        ucdp_type_of_violence=event.ucdp_type_of_violence,
        date=event.date,
        date_precision=event.date_precision,
        status=event.status,
        confidence=event.confidence,
        mentions=event.mentions,
    )
    for who in ("actor1", "actor2"):
        row.update(_actor_columns(who, getattr(event, who)))
    if (loc := event.location) is not None:
        row.update(
            location_text=loc.text,
            location_name=loc.name,
            location_country=iso3(loc.country) or loc.country,
            location_admin1=loc.admin1,
            location_lat=loc.lat,
            location_lon=loc.lon,
            location_geonameid=loc.geonameid,
            location_feature=loc.feature,
            geo_precision=loc.geo_precision,
            location_start=loc.start,
            location_end=loc.end,
        )
    for what in ("fatalities", "injuries"):
        count = getattr(event, what)
        row.update({f"{what}_{k}": getattr(count, k) for k in ("best", "low", "high", "victims")})
    if event.attribution is not None:
        row["attribution_text"] = event.attribution.text
        row["attribution_source_type"] = event.attribution.source_type
    sentences = [ev for ev in event.evidence if ev.role == "sentence"]
    row["evidence_text"] = " | ".join(ev.text for ev in sentences) or None
    row["evidence_spans"] = ";".join(f"{ev.start}-{ev.end}" for ev in sentences) or None
    if article:
        row.update(
            article_id=article.get("article_id"),
            article_source=article.get("source"),
            article_url=article.get("url"),
            article_title=article.get("title"),
            article_author=article.get("author"),
            article_date=_as_date(article.get("date")),
        )
    return row


def _actor_columns(prefix: str, actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {}
    fields = ("text", "name", "country", "sector", "inter", "start", "end")
    return {f"{prefix}_{f}": getattr(actor, f) for f in fields}


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def iso3(code: str | None) -> str | None:
    """ISO 3166-1 alpha-3 for an alpha-2 / alpha-3 code or a country name; None if unknown.

    Gazetteers give alpha-2 (GeoNames) while actors carry alpha-3: filters and exports
    compare one form.
    """
    country = _country(code)
    return country.alpha_3 if country else None


def country_name(code: str | None) -> str | None:
    """The short English name analysts expect ("Iran", not "Iran, Islamic Republic of")."""
    country = _country(code)
    if country is None:
        return code
    return _codes().country_name(country.alpha_3)


def country_numeric(code: str | None) -> int | None:
    country = _country(code)
    return int(country.numeric) if country else None


@cache
def _country(code: str | None):
    if not code:
        return None
    code = code.strip()
    try:
        if len(code) == 2:
            return pycountry.countries.get(alpha_2=code.upper())
        if len(code) == 3:
            return pycountry.countries.get(alpha_3=code.upper())
        return pycountry.countries.lookup(code)
    except LookupError:
        return None


@cache
def _codes():
    # The project's one country-name table (actors/countries.tsv, GeoNames short names, with
    # pycountry for codes it lacks): exports name countries as actors and the API do.
    from eventwire.actors.codes import CameoCodes

    return CameoCodes.load()
