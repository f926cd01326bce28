"""The typed records that flow between stages and out to the CLI, database and API.

`Event` is the public contract: `eventwire extract` writes it, the store keeps it, the API
serves it. Its JSON Schema lives in `docs/event.schema.json` (regenerate with
`eventwire schema`). Every extracted value carries character offsets into the original text
of its article, so an analyst can see the words that support it.
"""

from __future__ import annotations

import hashlib
from datetime import date as Date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.2"  # 1.1: Count.figures (casualty figures with their sources); 1.2: Event.relevance, Location.source, Event.location_reason

SegmentKind = Literal["header", "furniture", "dateline", "headline", "subheading", "body"]
DatePrecision = Literal["day", "week", "month", "year"]
Status = Literal[
    "reported", "claimed", "confirmed", "denied", "threatened", "negated", "hypothetical", "planned"
]


class Span(BaseModel):
    """Characters `[start, end)` of the article's original text."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    text: str


class Evidence(Span):
    """A span that supports a field of an event; `role` names the field."""

    role: str = "sentence"


class Article(BaseModel):
    """One input document. `text` is the original text: every offset points into it."""

    id: str
    text: str
    date: Date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    path: str | None = None
    format: str = "text"

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


class Segment(BaseModel):
    """A block of the article: a body sentence, a headline, a dateline, page furniture."""

    start: int
    end: int
    text: str
    kind: SegmentKind
    paragraph: int = 0


class Actor(BaseModel):
    """Who: a state, an armed group, an official, civilians...

    `country` is ISO 3166-1 alpha-3 (None for IGOs and unknown); `sector` is a CAMEO/PLOVER
    style code (GOV, MIL, COP, REB, CVL, MED, IGO, PTY, OPP, JUD, BUS, NGO, REL, EDU, LAB...);
    `inter` is ACLED's actor class 1-8 where it can be derived.
    """

    text: str
    name: str
    country: str | None = None
    sector: str | None = None
    inter: int | None = None
    start: int | None = None
    end: int | None = None


class Location(BaseModel):
    """Where the event happened, resolved to GeoNames.

    `geo_precision` follows ACLED: 1 the town itself, 2 near a town or part of a region,
    3 only the region (admin1) or country is known.
    """

    text: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None
    geo_precision: int = 3
    start: int | None = None
    end: int | None = None
    source: str | None = Field(
        None,
        description="which rule placed the event: clause (the event verb's own place phrase), sentence "
        "(the nearest place in its sentence), article (the article's main place), country (only the "
        "country the article is about)",
    )


class CasualtyFigure(BaseModel):
    """One figure as one source gave it ("police said 12 were killed"): the values as read
    ("at least 15" -> low 15, best 15, high null), who gives it, and the words that say so."""

    best: int | None = None
    low: int | None = None
    high: int | None = None
    victims: str | None = None
    source: Attribution | None = Field(
        None, description="who gives the figure; null when the article states it in its own voice"
    )
    status: Status = Field("reported", description="how firmly the source states it (claimed, confirmed...)")
    evidence: Span = Field(description="the figure's words: offsets into the article's original text")


class Count(BaseModel):
    """Casualties of an event. `best`/`low`/`high` are None when the text gives no number;
    0 only when the text says nobody was killed or hurt.

    `figures` lists each distinct figure read for the event with its source. The summary
    across them: `low` the smallest lower bound any source gave, `high` the largest figure
    any source gave (an open "at least 15" counts as 15), `best` the largest exact figure
    from a source that reports, confirms, or is the article itself, before one only
    claimed (a party's claim, "reportedly"): later reports raise tolls, and the side that
    did the killing inflates them. Denied figures are listed but set none of the three."""

    best: int | None = None
    low: int | None = None
    high: int | None = None
    victims: str | None = Field(None, description="kind of victims: civilians, soldiers, militants...")
    evidence: list[Span] = Field(default_factory=list)
    figures: list[CasualtyFigure] = Field(
        default_factory=list, description="each distinct figure read for the event, with its source"
    )


class Attribution(BaseModel):
    """Who says the event happened, and what kind of source that is."""

    text: str
    source_type: str = "unknown"
    start: int | None = None
    end: int | None = None


class Event(BaseModel):
    """One real-world event as read from one article (all its mentions merged)."""

    id: str
    type: str = Field(description="PLOVER event type")
    mode: str | None = Field(None, description="PLOVER mode")
    cameo: str | None = None
    goldstein: float | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    ucdp_type_of_violence: int | None = Field(
        None, description="1 state-based, 2 non-state, 3 one-sided; None when not organised violence"
    )
    actor1: Actor | None = None
    actor2: Actor | None = None
    date: Date | None = None
    date_precision: DatePrecision | None = None
    location: Location | None = None
    location_reason: str | None = Field(
        None,
        description="why `location` is null: no_place (the article names no place or country), "
        "unlocated_type (a statement or other act with no place of events); null when located",
    )
    fatalities: Count = Field(default_factory=Count)
    injuries: Count = Field(default_factory=Count)
    status: Status = "reported"
    attribution: Attribution | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = 0.5
    relevance: float | None = Field(
        None, description="the relevance gate's probability that the event's best sentence reports a political, "
                          "conflict or diplomatic event (eventwire.relevance); null where the gate did not run")
    mentions: int = 1
    links: list[dict] = Field(default_factory=list, description="typed links to other events")


class DocumentError(BaseModel):
    id: str
    stage: str
    reason: str


class DocumentResult(BaseModel):
    """One line of `eventwire extract` output."""

    id: str
    date: Date | None = None
    events: list[Event] = Field(default_factory=list)
    errors: list[DocumentError] = Field(default_factory=list)


def event_json_schema() -> dict:
    schema = DocumentResult.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "eventwire extract line"
    schema["$comment"] = f"eventwire schema version {SCHEMA_VERSION}"
    return schema
