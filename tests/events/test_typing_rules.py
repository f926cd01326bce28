"""Event typing rules added for headlines and framing: mistagged headline verbs, violence
nouns, wanted acts, protest demands, and the cues the UCDP and ACLED rules read."""

from __future__ import annotations

import pytest

from eventwire.events.taxonomy import Taxonomy
from eventwire.model import Actor, Article

TAX = Taxonomy.load()


def _events(pipeline, text):
    return pipeline.extract(Article(id="t", text=text)).events


def _main(pipeline, text):
    events = _events(pipeline, text)
    assert events, f"no event in {text!r}"
    return max(events, key=lambda e: e.confidence)


def _violent(pipeline, text):
    return [e for e in _events(pipeline, text) if e.ucdp_type_of_violence is not None]


@pytest.mark.parametrize("text", [
    # the tagger reads the verb of a headline with no auxiliary as a noun or adjective
    "Three shot dead by gunmen in Dera Ismail Khan",
    "Army kills, wounds 20 insurgents in Kunar",
    "Two policemen martyred in Lakki Marwat",
    # one-word spelling common in South Asian copy
    "Masked men gundown shopkeeper in Mardan",
    # "leave ... dead", "trade fire", "infighting": violence without a violent verb
    "Infighting leaves six fighters dead in Tirah valley",
    "Border guards trade fire near Chaman crossing",
    # violence named by a noun phrase
    "Terrorist activities rise in Khyber district",
    "Fresh violence in Kurram claims lives",
])
def test_headline_violence_is_found(pipeline, text):
    assert _violent(pipeline, text), text


def test_violence_in_the_home_is_no_armed_event(pipeline):
    assert not _violent(pipeline, "The charity runs a hotline for victims of domestic violence.")


def test_a_noun_with_its_own_reading_keeps_it(pipeline):
    """'attacks' tagged as a noun is the noun 'attack', not the verb fallback."""
    ev = _main(pipeline, "Drone attacks kill four in North Waziristan")
    assert ev.type in ("ASSAULT", "FIGHT") and ev.mode == "drone"


@pytest.mark.parametrize("text, root", [
    # an act the subject wants to do is an intent (here to use force: CAMEO 138)
    ("The Russian general wants to invade the neighbouring island.", "13"),  # a threat by no party codes nothing
    # an act the subject wants someone else to do is an appeal (CAMEO 02)
    ("The president wants Congress to approve the aid package.", "02"),
    # two dictionary readings of equal weight: the longer phrase wins
    ("A judge in Lima issued arrest warrants for three former ministers.", "17"),
])
def test_wanted_and_phrased_acts(pipeline, text, root):
    assert _main(pipeline, text).cameo[:2] == root


@pytest.mark.parametrize("text, source, target", [
    # an act wanted of another party: the one who wants appeals, the one wanted of is asked
    ("Britain wants Russia to withdraw its troops from the border.", "GBR", "RUS"),
    ("Japan wants North Korea to release the abducted citizens.", "JPN", "PRK"),
])
def test_an_appeal_is_made_by_who_wants_it(pipeline, text, source, target):
    ev = _main(pipeline, text)
    assert ev.cameo[:2] == "02"
    assert ev.actor1 is not None and ev.actor1.country == source
    assert ev.actor2 is not None and ev.actor2.country == target


def test_what_a_protest_calls_for_is_not_a_second_event(pipeline):
    events = _events(pipeline, "Thousands of teachers demonstrated in Nairobi on Monday calling "
                               "for higher pay.")
    assert [e.type for e in events] == ["PROTEST"]


@pytest.mark.parametrize("text, sub", [
    ("Farmers blocked highways and railways across Punjab to protest the new law.",
     "Violent demonstration"),
    ("Police detained dozens of protesters at the rally outside parliament.",
     "Protest with intervention"),
    ("Soldiers violently suppressed a peaceful protest by students in the capital.",
     "Excessive force against protesters"),
])
def test_protest_sub_event_types(pipeline, text, sub):
    subs = {e.acled_sub_event_type for e in _events(pipeline, text)}
    assert sub in subs


def test_torching_is_property_destruction(pipeline):
    subs = {e.acled_sub_event_type for e in _events(pipeline, "Soldiers torched dozens of homes in "
                                                              "the village.")}
    assert "Looting/property destruction" in subs


def test_rape_is_sexual_violence(pipeline):
    subs = {e.acled_sub_event_type for e in _events(pipeline, "Militiamen raped two women near "
                                                              "the camp, witnesses said.")}
    assert "Sexual violence" in subs


def _actor(name, country, sector):
    return Actor(text=name, name=name, country=country, sector=sector)


@pytest.mark.parametrize("cues, violence", [
    ({"bomb", "kills", "mosque", "worshippers"}, 3),
    ({"bomb", "kills", "mosque", "victims:security"}, 1),
    ({"infighting", "kills", "fighters"}, 2),
    ({"civilians", "killed", "shelling"}, 1),
    ({"blast", "kills", "four"}, 1),
])
def test_ucdp_reads_victims_and_targets(cues, violence):
    assert TAX.ucdp("ASSAULT", None, None, cues) == violence


def test_ucdp_a_bare_country_as_target_is_not_its_forces():
    pakistan = _actor("Pakistan", "PAK", "GOV")
    assert TAX.ucdp("ASSAULT", None, pakistan, {"bomb", "market", "kills"}) == 3
    assert TAX.ucdp("ASSAULT", None, _actor("troops", "PAK", "MIL"), {"market"}) == 1


@pytest.mark.parametrize("text, type_", [
    ("Hackers tried to hack into the computers of the defence ministry.", "COERCE"),
    ("The regime expelled the nuclear inspectors from the enrichment site.", "SANCTION"),
    ("Guards routinely beat up detainees at the prison, a report said.", "ASSAULT"),
    ("The government eased restrictions on foreign media on Monday.", "CONCEDE"),
    ("The teachers' union called off its week-long strike on Thursday.", "CONCEDE"),
])
def test_plover_vocabulary(pipeline, text, type_):
    assert _main(pipeline, text).type == type_


def test_a_press_release_is_no_release(pipeline):
    events = _events(pipeline, "The rebels accused the army of shelling villages, according to a press "
                               "release issued on Sunday.")
    assert "RETREAT" not in {e.type for e in events}


def test_a_purpose_clause_keeps_the_main_acts_code(pipeline):
    """'set up posts to strengthen their presence': the posts are bases (150), the build-up
    is what they are for."""
    ev = _main(pipeline, "Turkish troops have set up three new observation posts in Idlib to "
                         "strengthen their military presence.")
    assert ev.acled_sub_event_type == "Headquarters or base established"


@pytest.mark.parametrize("text, sub", [
    ("Government troops freed three villages from the insurgents on Friday.",
     "Government regains territory"),
    ("Two suicide bombers blew themselves up at a crowded bus station in Maiduguri.",
     "Suicide bomb"),
    ("Riot police fired tear gas and water cannon at crowds in the capital.",
     "Protest with intervention"),
])
def test_acled_sub_events_of_new_vocabulary(pipeline, text, sub):
    assert sub in {e.acled_sub_event_type for e in _events(pipeline, text)}


def test_a_headline_source_is_not_a_victim():
    """'...: police' names who reported it: the bombing of a market stays one-sided."""
    from eventwire.resolve.merge import _HEADLINE_SOURCE, _SAYS_PREFIX

    assert _HEADLINE_SOURCE.sub(" ", "Market bomb kills six in Bannu: police").split()[-1] == "Bannu"
    assert _SAYS_PREFIX.sub(" ", "Provincial police say bomb hit market").split()[0] == "bomb"
