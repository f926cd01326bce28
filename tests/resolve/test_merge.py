"""In-article merging: one real event, one record; different incidents stay apart."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.model import Article


def _events(pipeline, text):
    return pipeline.extract(Article(id="t", text=text, date=date(2024, 2, 7), format="jsonl")).events


def test_repeated_mentions_merge(pipeline):
    text = (
        "Militants attacked a police station in Quetta on Monday, killing four officers.\n\n"
        "The attack in Quetta was claimed by the Balochistan Liberation Army.\n\n"
        "Police said the attackers used grenades in the assault."
    )
    events = [e for e in _events(pipeline, text) if e.type in ("ASSAULT", "FIGHT")]
    assert len(events) == 1
    assert events[0].mentions >= 2 and events[0].fatalities.best == 4


def test_different_places_stay_apart(pipeline):
    text = (
        "Israeli airstrikes hit Gaza City on Tuesday, killing 12 people.\n\n"
        "Separately, Russian missiles struck Kharkiv, killing three civilians."
    )
    events = [e for e in _events(pipeline, text) if e.type in ("ASSAULT", "FIGHT")]
    assert len(events) == 2
    assert {e.location.country for e in events if e.location} == {"PSE", "UKR"}
    assert sorted(e.fatalities.best for e in events) == [3, 12]


@pytest.mark.parametrize("text, violence", [
    # a state's forces killing civilians in cross-border fire: the interstate dyad (state-based)
    ("Indian shelling kills Pakistani girl", 1),
    # an armed group against named civilians: one-sided
    ("Gunmen kill five worshippers at a mosque in Quetta", 3),
    # parties unnamed: organised violence defaults to state-based
    ("Bomb blast kills four in Peshawar", 1),
    # an unnamed hand against a civilian place: one-sided
    ("Bomb blast kills four in crowded Peshawar market", 3),
    ("Gunmen shoot dead two polio workers in Bannu", 3),
    # soldiers among the dead: state-based whoever planted the bomb
    ("Roadside bomb kills three soldiers near a market in Bannu", 1),
    # armed groups fighting each other, no state party: non-state
    ("Infighting between rival militant factions leaves nine dead in Khyber", 2),
    # civilians killed in fighting are that dyad's civilian deaths
    ("Two civilians killed in cross-border shelling in Kotli", 1),
])
def test_ucdp_type_of_violence(pipeline, text, violence):
    events = [e for e in _events(pipeline, text) if e.ucdp_type_of_violence is not None]
    assert events and events[0].ucdp_type_of_violence == violence


def test_unplaced_parties_take_the_articles_country(pipeline):
    """No toponym the geoparser places, but the headline says whose tribal area it is."""
    events = _events(pipeline, "Troops kill 26 militants in Pakistan's Orakzai operations")
    ev = next(e for e in events if e.type in ("ASSAULT", "FIGHT"))
    assert ev.actor1.country == "PAK" and ev.actor2.country == "PAK"


def test_cross_border_fire_hits_the_other_state(pipeline):
    """'Pakistan says Indian shelling kills three': India fires, Pakistan is the other side;
    the unnamed dead are not India's."""
    ev = next(e for e in _events(pipeline, "Pakistan says Indian shelling kills three.")
              if e.type in ("ASSAULT", "FIGHT"))
    assert ev.actor1.country == "IND" and ev.actor2.country == "PAK"
    assert ev.ucdp_type_of_violence == 1


def test_civilians_killed_by_unnamed_fire_stay_state_based(pipeline):
    events = _events(pipeline, "Three civilians killed, 10 others wounded in shooting in Kashmir")
    ev = next(e for e in events if e.type in ("ASSAULT", "FIGHT"))
    assert ev.actor2 is not None and ev.actor2.sector == "CVL"
    assert ev.ucdp_type_of_violence == 1


def test_unattributed_attack_gets_an_unidentified_armed_group(pipeline):
    text = "A roadside bomb killed four soldiers in Quetta, Pakistan on Monday."
    ev = next(e for e in _events(pipeline, text) if e.type in ("ASSAULT", "FIGHT"))
    assert ev.actor1 is not None and (ev.actor1.country, ev.actor1.sector) == ("PAK", "UAF")
    assert ev.actor1.name == "Unidentified Armed Group (Pakistan)"
    # the placeholder is no evidence of who fought: soldiers killed is state-based violence
    assert ev.ucdp_type_of_violence == 1


@pytest.mark.parametrize("text, pair", [
    # fire across a contested line no place puts on either side: between the line's states
    ("Mortar fire across the Line of Control wounds two", {"IND", "PAK"}),
    ("Artillery duels across the DMZ resume", {"KOR", "PRK"}),
    # "shells" speaks of fire across the line as "shelling" does: the line's states fire it
    ("Pakistani troops say shells fly in Kashmir", {"IND", "PAK"}),
])
def test_unplaced_fire_across_a_line_is_between_its_states(pipeline, text, pair):
    ev = next(e for e in _events(pipeline, text) if e.type in ("ASSAULT", "FIGHT"))
    assert {ev.actor1.country, ev.actor2.country if ev.actor2 else None} == pair


def test_militants_firing_across_a_line_bring_in_no_state(pipeline):
    ev = next(e for e in _events(pipeline, "Militants fire rockets across the Line of Control, wounding two")
              if e.type in ("ASSAULT", "FIGHT"))
    assert ev.actor1 is not None and ev.actor1.sector == "REB"
    assert ev.actor2 is None or ev.actor2.sector != "GOV"


def test_a_nationality_on_fire_is_the_attacker_with_its_words_as_evidence(pipeline):
    text = "Two Killed in Fresh Pakistani Shelling Along LoC"
    ev = next(e for e in _events(pipeline, text) if e.type in ("ASSAULT", "FIGHT"))
    assert ev.actor1.country == "PAK"
    spans = [(v.start, v.end) for v in ev.evidence if v.role == "actor1"]
    assert spans == [(text.index("Pakistani"), text.index("Pakistani") + len("Pakistani"))]


def test_an_arrest_by_a_state_happens_on_its_soil(pipeline):
    """"Iranian authorities arrested a French tourist": in Iran, not in the captive's country;
    an arrest by no one named makes no state its target."""
    ev = pipeline.extract(Article(id="t", text="Iranian authorities arrested a French tourist on spying charges.")).events[0]
    assert ev.location is not None and ev.location.country == "IRN"
    ev = pipeline.extract(Article(id="t", text="Curfew imposed in Srinagar.")).events[0]
    assert ev.actor2 is None or ev.actor2.sector != "GOV"


_WIRE_STORY = (
    "date 2025-03-14\n"
    "Suicide bomber kills 12 at army camp in Somalia\n\n"
    "MOGADISHU, March 14 (Reuters) - A suicide bomber drove a car packed with explosives into an army "
    "training camp in Mogadishu on Friday, killing at least 12 soldiers and wounding 20, a military officer said.\n\n"
    "Al Shabaab claimed responsibility for the attack in a statement on its Andalus radio station.\n\n"
    "The United States, which carries out air strikes against al Shabaab, condemned the bombing. "
    "The African Union mission said its troops were not affected.\n"
)


def test_headline_lede_and_claim_of_one_bombing_are_one_event(pipeline):
    """The headline's "kills 12", the lede's "killing at least 12 soldiers" and "claimed
    responsibility for the attack" tell one bombing: one event, and the claimant named in it
    is its attacker rather than the generic "militants"."""
    from eventwire.ingest.crawler import read_crawler_text

    article = read_crawler_text(_WIRE_STORY, "wire", "wire.txt")[0]
    events = [e for e in pipeline.extract(article).events if e.type in ("ASSAULT", "FIGHT")]
    assert len(events) == 1
    ev = events[0]
    assert ev.fatalities.best == 12 and ev.mentions >= 3
    assert ev.actor1 is not None and "Shabaab" in ev.actor1.name
    assert ev.location is not None and ev.location.name == "Mogadishu"
    # "condemned the bombing" only points back: its sentence's "air strikes" say nothing of
    # how the bombing was done
    assert ev.acled_sub_event_type == "Suicide bomb"
    # troops "not affected" is no refusal of anything
    assert not [e for e in pipeline.extract(article).events if e.type == "REJECT"]


def test_same_toll_of_other_victims_keeps_two_attacks_apart(pipeline):
    """A figure ties two mentions only where the dead are of one kind."""
    text = ("Gunmen killed five soldiers at a checkpoint on Monday.\n\n"
            "In another attack, militants killed five civilians at a market.")
    events = [e for e in _events(pipeline, text) if e.type in ("ASSAULT", "FIGHT")]
    assert len(events) == 2


def test_the_clashes_an_attack_came_during_are_another_event(pipeline):
    """A definite "the clashes" points back only to an event whose parties are of its kind:
    grenade attacks on civilians are not "the clashes between government forces and rebels"."""
    text = ("At least 11 persons were injured in three grenade attacks in Dakar. The hand grenades were "
            "hurled at different places during the clashes between government forces and rebels.")
    events = [e for e in _events(pipeline, text) if e.type in ("ASSAULT", "FIGHT")]
    assert not any(e.actor1 is not None and e.actor1.sector == "MIL" and e.actor2 is not None
                   and e.actor2.sector == "CVL" for e in events)


def test_a_burning_that_kills_civilians_is_an_attack_on_them(pipeline):
    """"Gangs burn homes, kill 12": ACLED codes the killing (Attack), not the property."""
    ev = next(e for e in _events(pipeline, "Gangs burn homes, kill 12 in Haiti capital") if e.type == "ASSAULT")
    assert ev.fatalities.best == 12
    assert (ev.acled_event_type, ev.acled_sub_event_type) == ("Violence against civilians", "Attack")
    ev = next(e for e in _events(pipeline, "Gangs burned dozens of homes in the Haitian capital.") if e.type == "ASSAULT")
    assert ev.acled_sub_event_type == "Looting/property destruction"


def test_the_lede_tells_again_the_headlines_act(pipeline):
    # one arrest: the headline's has no day and no agent, the lede's has both
    text = ("Fourteen activists arrested at prayer meeting\n"
            "HARARE – Fourteen members of the opposition were arrested on Sunday by riot police at a private home.")
    events = _events(pipeline, text)
    arrests = [e for e in events if e.cameo == "173"]
    assert len(arrests) == 1, [(e.cameo, e.actor1 and e.actor1.text) for e in events]
    assert (arrests[0].actor1.country, arrests[0].actor1.sector) == ("ZWE", "COP")


def test_a_sentences_party_beats_a_headlines_of_equal_support(pipeline):
    text = ("Capital Gazette Wins Breaking News Award For Coverage Of Its Own Newsroom Shooting\n\n"
            "The Maryland media company published a newspaper the morning after a gunman killed five of its staffers.")
    attacks = [e for e in _events(pipeline, text) if e.type in ("ASSAULT", "FIGHT")]
    assert attacks and all(e.actor1 is not None and e.actor1.sector == "UAF" for e in attacks)


def test_bandits_with_no_country_are_of_the_place(pipeline):
    text = ("GUSAU - Armed bandits riding on motorcycles invaded Kadawa village in Tsafe Local Government Area of "
            "Zamfara State late on Wednesday, killing at least 23 people.")
    killings = [e for e in _events(pipeline, text) if e.fatalities.best == 23]
    assert killings and (killings[0].actor1.country, killings[0].actor1.sector) == ("NGA", "CRM")
