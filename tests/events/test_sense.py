"""Figurative and contest senses, conditions and negations, with the relevance gate off (so
that the coding rules themselves are tested on sentences the gate would otherwise drop)."""

import pytest

from eventwire.model import Article


@pytest.fixture(scope="module")
def ungated(pipeline):
    assert not pipeline.relevance.enabled  # tests/conftest.py: rule tests run without the gate
    return pipeline


def _events(p, text):
    return p.extract(Article(id="s", text=text)).events


@pytest.mark.parametrize("text", [
    "Carmakers have been hit by a crisis in chip supply.",
    "The team crushed its rivals in the final.",
    "Nigerian banks attacked the new rules on lending.",
    "Samsung attacked the tablet market.",
    "The new phone hit the market last week.",
    "The film bombed at the box office.",
    # a score or a winning margin makes a contest
    "Germany beat France 2-1 in a friendly in Lyon.",
    "The Lakers crushed the Celtics 120-98.",
    "Pakistan beat India by six wickets in Dubai.",
])
def test_figurative_violence_codes_nothing_violent(ungated, text):
    assert not [e for e in _events(ungated, text) if e.type in ("ASSAULT", "FIGHT", "COERCE")]


def test_a_real_attack_still_codes(ungated):
    events = _events(ungated, "Insurgents attacked a police post in Kandahar, killing three officers.")
    assert any(e.type in ("ASSAULT", "FIGHT") and e.actor1 is not None for e in events)


@pytest.mark.parametrize("text", [
    "Gunmen attacked a market in Peshawar on Monday, killing 39 people, police said.",
    "Bombs exploded at a busy market in north Pakistan, killing 39 people",
    "Militants attacked a market in Peshawar",
    "The Saudi-led coalition bombed a market in Yemen.",
])
def test_an_armed_attack_or_a_toll_makes_the_thing_hit_literal(ungated, text):
    """A market is a thing markets talk about and a place bombs hit: an armed attacker or
    people killed tell which."""
    assert [e for e in _events(ungated, text) if e.type == "ASSAULT"], text


def test_a_span_of_days_is_no_score(ungated):
    events = _events(ungated, "Troops attacked the village on October 19-20, witnesses said.")
    assert [e for e in events if e.type in ("ASSAULT", "FIGHT")]


def test_a_weapon_named_makes_a_hazard_site_a_target(ungated):
    """A refinery is where accidents happen, and what drones hit: a weapon shows the attacker."""
    assert [e for e in _events(ungated, "Ukraine said its drones hit an oil refinery in Russia's Rostov region.")
            if e.type in ("ASSAULT", "FIGHT")]
    assert not [e for e in _events(ungated, "A fire at an oil refinery killed three workers.")
                if e.type in ("ASSAULT", "FIGHT")]


def test_a_negated_act_leaves_the_dataset(ungated):
    assert _events(ungated, "Police did not arrest any protesters in Lahore.") == []


def test_a_condition_is_not_an_act(ungated):
    events = _events(ungated, "If Israeli troops strike Gaza, Hamas will respond.")
    assert all(not (e.type in ("ASSAULT", "FIGHT") and e.status == "reported") for e in events)
