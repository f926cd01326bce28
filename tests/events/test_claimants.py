"""Who owns an act the text gives no hand for: the party claiming responsibility, or an armed
party claiming the act itself; a toll claimed by bystanders names no author."""

from __future__ import annotations

import pytest

from eventwire.model import Article


def _attack(pipeline, text):
    events = [e for e in pipeline.extract(Article(id="t", text=text)).events if e.type in ("ASSAULT", "FIGHT")]
    assert events, text
    return events[0]


@pytest.mark.parametrize("text, country, sector", [
    ("Pakistan Taleban claim responsibility for Peshawar attack", "PAK", "REB"),
    ("The Taliban claimed responsibility for the bombing that killed 12 people in Kabul.", "AFG", "REB"),
    ("Indian troops claim 16 Pakistani soldiers killed: report", "IND", "MIL"),
    ("Pakistan claims killing of eight Al-Qaeda militants", "PAK", "MIL"),
    # "responsibility of": the South Asian English form of "responsibility for"
    ("Hamas claims responsibility of Tel Aviv bombing", "PSE", "REB"),
])
def test_claimant_is_the_source(pipeline, text, country, sector):
    ev = _attack(pipeline, text)
    assert ev.actor1 is not None and (ev.actor1.country, ev.actor1.sector) == (country, sector)


def test_bystanders_claiming_a_toll_are_not_its_authors(pipeline):
    ev = _attack(pipeline, "Hospital officials claimed 20 people were killed.")
    assert ev.actor1 is None or "Hospital" not in ev.actor1.text


def test_a_state_reporting_enemy_losses_reports_its_kills(pipeline):
    ev = _attack(pipeline, "UPDATE 2-Pakistan says 35 Indian troops killed, wounded.")
    assert ev.actor1 is not None and ev.actor1.country == "PAK"
    assert ev.actor2 is not None and ev.actor2.country == "IND"


def test_a_state_summoning_an_envoy_over_violence_names_both_sides(pipeline):
    # the headline parse reads "summons" as a noun; the words still say who complains of whom
    ev = _attack(pipeline, "Armenia summons Azerbaijani envoy over ceasefire violations")
    assert ev.actor1 is not None and ev.actor1.country == "AZE"
    assert ev.actor2 is not None and ev.actor2.country == "ARM"


def test_summoning_an_envoy_is_not_itself_the_envoy_states_act(pipeline):
    events = pipeline.extract(Article(id="t", text="Iran summons British ambassador over comments on protests")).events
    protests = [e for e in events if e.type == "PROTEST"]
    assert all(e.actor1 is None or e.actor1.country != "GBR" for e in protests)


@pytest.mark.parametrize("text, name", [
    # a claim of responsibility with no "for" phrase is for the act the report told
    ("At least 14 people were killed when a suicide bomber blew himself up at the Quetta railway station on "
     "Saturday. The banned Baloch Liberation Army (BLA) claimed responsibility in a statement sent to the media.",
     "BLA: Balochistan Liberation Army"),
    ("A knife attack in Paris left one man dead on Saturday. The Islamic State claimed responsibility.",
     "Islamic State"),
])
def test_a_bare_claim_of_responsibility_names_the_hand(pipeline, text, name):
    ev = [e for e in pipeline.extract(Article(id="t", text=text)).events if e.type in ("ASSAULT", "FIGHT")]
    assert len(ev) == 1 and ev[0].actor1 is not None and ev[0].actor1.name.startswith(name)


def test_a_claim_of_no_one_names_no_hand_and_negates_nothing(pipeline):
    text = "No one has claimed responsibility for the blast, which killed six people in Mogadishu."
    ev = pipeline.extract(Article(id="t", text=text)).events
    assert len(ev) == 1 and ev[0].status == "reported" and ev[0].fatalities.best == 6
    assert ev[0].actor1 is None or ev[0].actor1.sector == "UAF"


def test_responsibility_for_a_budget_is_no_attack(pipeline):
    assert pipeline.extract(Article(id="t", text="The minister said he takes full responsibility for the "
                                                 "budget shortfall.")).events == []
