"""Who did it to whom in headline and wire grammar: passive participles without an auxiliary,
attackers named inside the means of attack, and targets outside the direct object."""

from __future__ import annotations

import pytest

from eventwire.model import Article


def _best(pipeline, text):
    events = pipeline.extract(Article(id="t", text=text)).events
    assert events, text
    return max(events, key=lambda e: e.confidence)


def _side(actor):
    return (actor.country, actor.sector) if actor is not None else None


@pytest.mark.parametrize("text, source, target", [
    # headline participle: the subject is the victim, the attacker sits in "by"/"in" phrases
    ("Nine Pakistani soldiers killed by militants near Afghan border", None, ("PAK", "MIL")),
    ("Afghan civilian killed in Pakistani shelling, officials say", ("PAK", "MIL"), ("AFG", "CVL")),
    ("Two villagers die in Indian firing across the frontier", ("IND", "MIL"), None),
    # active verb with an object the parser misses
    ("Indian shelling kills Pakistani girl", ("IND", "MIL"), ("PAK", "CVL")),
    # "Pak" as Pakistan, and the Pakistani Taleban as a Pakistani group
    ("Pak troops kill nine Pakistan Taleban fighters in Bajaur", ("PAK", "MIL"), ("PAK", "REB")),
])
def test_headline_roles(pipeline, text, source, target):
    ev = _best(pipeline, text)
    assert ev.type in ("ASSAULT", "FIGHT")
    if source is not None:
        assert _side(ev.actor1) == source
    if target is not None:
        assert _side(ev.actor2) == target


def test_militants_as_killers_are_not_targets(pipeline):
    ev = _best(pipeline, "Nine Pakistani soldiers killed by militants near Afghan border")
    assert ev.actor1 is not None and ev.actor1.sector == "REB"
    assert ev.actor2 is not None and ev.actor2.country == "PAK" and ev.actor2.sector == "MIL"


@pytest.mark.parametrize("text, target", [
    ("Japan will give Vietnam a loan of 300 million dollars for road building.", "VNM"),
    ("Norway has offered to send medical teams to Sudan.", "SDN"),
    ("The opposition demanded that Kenya release the detained journalists.", "KEN"),
    ("The European Union approved emergency aid for Haiti on Monday.", "HTI"),
])
def test_targets_beyond_the_direct_object(pipeline, text, target):
    ev = _best(pipeline, text)
    assert ev.actor2 is not None and ev.actor2.country == target


def test_event_clause_is_not_part_of_the_victims_name(pipeline):
    """"four traders killed by Indian fire": the victims are not Indian."""
    ev = _best(pipeline, "Pakistan says four traders killed by Indian fire on the border")
    assert ev.actor1 is not None and ev.actor1.country == "IND"
    assert ev.actor2 is None or ev.actor2.country != "IND"
