"""Events as PLOVER JSON records, in the shape of the PLOVER gold-standard records
(`event`, `mode`, `source`/`target` lists of `{actorText, code, sector}`, `eventText`,
`eventLoc`) plus the PLOVER data fields for date, context, CAMEO and Goldstein scores.

PLOVER `context` tags are not extracted yet, so the key is left out rather than guessed.
"""

from __future__ import annotations

from typing import Any

from eventwire.model import Actor, Event, Location


def record(event: Event, article: Any = None) -> dict[str, Any]:
    sentences = [ev.text for ev in event.evidence if ev.role == "sentence"]
    trigger = [ev.text for ev in event.evidence if ev.role in ("trigger", "event")]
    rec: dict[str, Any] = {
        "id": event.id,
        "event": event.type,
        "mode": event.mode,
        "eventDate": event.date.isoformat() if event.date else None,
        "datePrecision": event.date_precision,
        "source": _actors(event.actor1),
        "target": _actors(event.actor2),
        "eventText": " ".join(trigger) or (sentences[0] if sentences else None),
        "eventLoc": _location(event.location),
        "status": event.status,
        "cameo": event.cameo,
        "goldstein": event.goldstein,
        "fatalities": event.fatalities.model_dump(exclude={"evidence"}),
        "injuries": event.injuries.model_dump(exclude={"evidence"}),
        "reportedBy": event.attribution.text if event.attribution else None,
        "confidence": event.confidence,
        "evidence": [ev.model_dump() for ev in event.evidence],
    }
    if article:
        rec["article"] = article.get("article_id")
        rec["publisher"] = article.get("source")
    return rec


def _actors(actor: Actor | None) -> list[dict[str, Any]]:
    if actor is None:
        return []
    return [
        {
            "actorText": actor.text,
            "actor": actor.name,
            "code": actor.country or (actor.sector if actor.sector == "IGO" else None),
            "sector": actor.sector,
        }
    ]


def _location(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    return {
        "placeText": loc.text,
        "placeName": loc.name,
        "country": loc.country,
        "admin1": loc.admin1,
        "lat": loc.lat,
        "lon": loc.lon,
        "geonameid": loc.geonameid,
        "precision": loc.geo_precision,
    }
