"""Typed links between events of one article: retaliation and threat → action.

"Pakistan launched a retaliatory attack" links Pakistan's strike to the earlier strike on
Pakistan it answers. A threat by X against Y followed by X's attack on Y is linked too.
"""

from __future__ import annotations

from eventwire.events.detect import Mention
from eventwire.model import Event

_VIOLENT = {"ASSAULT", "FIGHT"}


def _victim_country(e: Event) -> str | None:
    if e.location is not None and e.location.country:
        return e.location.country
    return e.actor2.country if e.actor2 is not None else None


def link_events(events: list[Event], clusters: list[list[Mention]]) -> None:
    """Add `links` in place: {type, event, evidence}."""
    for e, ms in zip(events, clusters):
        if e.type not in _VIOLENT or e.actor1 is None or not e.actor1.country:
            continue
        cue_m = next((m for m in ms if m.cues), None)
        if cue_m is not None:
            for other in events:
                if other is e or other.type not in _VIOLENT:
                    continue
                if _victim_country(other) == e.actor1.country and (
                    other.actor1 is None or other.actor1.country != e.actor1.country
                ):
                    e.links.append({"type": "retaliation_for", "event": other.id,
                                    "evidence": {"start": cue_m.trigger.start, "end": cue_m.trigger.end,
                                                 "text": cue_m.trigger.text, "cues": sorted(cue_m.cues)}})
                    other.links.append({"type": "retaliated_by", "event": e.id})
        for other in events:
            if other.type == "THREATEN" and other.actor1 is not None and other.actor1.country == e.actor1.country:
                tgt = other.actor2.country if other.actor2 is not None else None
                if tgt and tgt in (_victim_country(e), e.actor2.country if e.actor2 else None):
                    e.links.append({"type": "follows_threat", "event": other.id})
                    other.links.append({"type": "carried_out_by", "event": e.id})
