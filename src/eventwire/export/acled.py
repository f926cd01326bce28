"""Events as rows in ACLED's column layout, so ACLED tooling and analysts can read them.

ACLED conventions kept here: `fatalities` is the most conservative figure reported (the
low estimate when there is one, else the best) and 0 when none is reported; `time_precision`
1 day, 2 week, 3 month (a year-only date is coarser than ACLED allows and is written as 3);
`interaction` joins the two actor classes, lower first, with 0 for a missing second actor;
`inter1`/`inter2` use the codebook's classes (1 state forces, 2 rebel groups, 3 political
militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces),
and state forces acting outside their own country are 8, as ACLED codes them there;
`disorder_type` follows from the event and sub-event type as the codebook groups them.
Columns in the codebook's order; those eventwire cannot know (`region`, `admin2`, `admin3`,
`assoc_actor_*`, `source_scale`, `timestamp`) are present and empty (see the README).
`event_id_cnty` is the ISO alpha-3 of the event's country (XXX if unknown), a dash and the
event id; `notes` quotes the evidence sentences; `tags` says when fatalities are unknown
(ACLED's 0 would otherwise hide it), who reported the event, and, when sources disagree on
the toll, each figure with its source (ACLED notes conflicting reports the same way).
"""

from __future__ import annotations

from typing import Any

from eventwire.export.flat import ArticleRef, country_name, country_numeric, iso3
from eventwire.model import Actor, Count, Event

COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
STATE_FORCES, CIVILIANS, EXTERNAL = 1, 7, 8
# the codebook's disorder types: by event type, with the two sub-event types filed apart
DISORDER_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
DISORDER_SUB_EVENT = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Mob violence": "Political violence",
}


def fatalities(count: Count) -> int:
    """ACLED's figure: the most conservative one reported, 0 when none is. Across sources
    that is the smallest lower bound any of them gave (`Count.low`: police's 12 over a
    group's claimed 30); a bare upper bound ("up to 40") sets no floor and counts as 0."""
    if count.low is not None:
        return count.low
    if count.best is not None:
        return count.best
    return 0


def _figure_note(count: Count) -> str | None:
    """'12 (police); 30 (TTP, claimed)' when the sources disagree on the toll."""
    values = {(f.low, f.best, f.high) for f in count.figures}
    if len(values) < 2:
        return None
    parts = []
    for f in count.figures:
        if f.best is not None:
            value = str(f.best)
        elif f.low is not None:
            value = f"at least {f.low}"
        elif f.high is not None:
            value = f"up to {f.high}"
        else:
            continue
        who = f.source.text if f.source is not None else "report"
        parts.append(f"{value} ({who}{'' if f.status == 'reported' else ', ' + f.status})")
    return "; ".join(parts)


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction code: both actor classes, lower first; `n0` for a lone actor."""
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def row(event: Event, article: ArticleRef | None = None) -> dict[str, Any]:
    loc = event.location
    country_code = (loc.country if loc else None) or _actor_country(event)
    where = iso3(loc.country) if loc and loc.country else None
    inter1, inter2 = _inter(event.actor1, where), _inter(event.actor2, where)
    article = article or {}
    return {
        "event_id_cnty": f"{iso3(country_code) or 'XXX'}-{event.id}",
        "event_date": event.date.isoformat() if event.date else None,
        "year": event.date.year if event.date else None,
        "time_precision": TIME_PRECISION.get(event.date_precision or ""),
        "disorder_type": disorder_type(event.acled_event_type, event.acled_sub_event_type),
        "event_type": event.acled_event_type,
        "sub_event_type": event.acled_sub_event_type,
        "actor1": event.actor1.name if event.actor1 else None,
        "assoc_actor_1": None,
        "inter1": inter1,
        "actor2": event.actor2.name if event.actor2 else None,
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == CIVILIANS else None,
        "iso": country_numeric(country_code),
        "region": None,
        "country": country_name(country_code),
        "admin1": loc.admin1 if loc else None,
        "admin2": None,
        "admin3": None,
        "location": loc.name if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "geo_precision": loc.geo_precision if loc else None,
        "source": article.get("source") or article.get("article_id"),
        "source_scale": None,
        "notes": _notes(event),
        "fatalities": fatalities(event.fatalities),
        "tags": _tags(event),
        "timestamp": None,
    }


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    return DISORDER_SUB_EVENT.get(sub_event_type or "") or DISORDER_TYPE.get(event_type or "")


def _inter(actor: Actor | None, where: str | None = None) -> int | None:
    """The actor's class; a state's forces in another state's territory are external (8)."""
    if actor is None:
        return None
    if actor.inter == STATE_FORCES and where and actor.country and iso3(actor.country) != where:
        return EXTERNAL
    return actor.inter


def _actor_country(event: Event) -> str | None:
    for actor in (event.actor1, event.actor2):
        if actor is not None and actor.country:
            return actor.country
    return None


def _notes(event: Event) -> str | None:
    """ACLED notes summarise the event; ours quote the supporting sentences verbatim."""
    sentences = [ev.text.strip() for ev in event.evidence if ev.role == "sentence"]
    return " ".join(dict.fromkeys(sentences)) or None


def _tags(event: Event) -> str | None:
    tags = []
    if event.status != "reported":
        tags.append(f"status: {event.status}")
    if event.attribution is not None:
        tags.append(f"according to: {event.attribution.text}")
    if event.fatalities.best is None and event.fatalities.low is None:
        tags.append("fatalities unknown")
    if (figures := _figure_note(event.fatalities)) is not None:
        tags.append(f"fatality figures: {figures}")
    return "; ".join(tags) or None
