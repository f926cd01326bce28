"""Dictionary rows that read ambiguous codes right and name common actors the PETRARCH2
dictionaries miss or code by an undated person."""

import pytest

from eventwire.actors import ActorResolver, CameoCodes


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver.load()


def test_civ_opens_an_actor_code_as_ivory_coast():
    codes = CameoCodes.load()
    assert codes.parse("CIVGOV") == ("CIV", "GOV")
    assert codes.parse("CIV") == ("CIV", None)
    assert codes.parse("~CIV") == (None, "CVL")  # the agent code: civilians


def test_a_faith_alone_is_a_religious_group():
    codes = CameoCodes.load()
    assert codes.parse("~HIN") == (None, "REL")
    assert codes.parse("~CHRPRO") == (None, "REL")  # Protestant, not protesters
    assert codes.parse("~REBMUS") == (None, "REB")  # Muslim rebels are rebels
    assert codes.parse("~RAD") == (None, None)  # a radical names no faith


@pytest.mark.parametrize("phrase", ["Three Islamic preachers", "a Buddhist chaplain", "Hindus"])
def test_people_of_a_faith_resolve_to_it(resolver, phrase):
    actor = resolver.resolve(phrase)
    assert actor is not None and actor.sector == "REL"


@pytest.mark.parametrize("phrase, country, sector", [
    ("Ivory Coast", "CIV", "GOV"),
    ("President Laurent Gbagbo", "CIV", "GOV"),
    ("the Clinton administration", "USA", "GOV"),
    ("The Bush administration", "USA", "GOV"),
    ("the Montenegro Assembly", "MNE", "LEG"),
    ("Palestinians", "PSE", "CVL"),
    ("Bosnian Serbs", "BIH", "CVL"),
    ("Qatar's emir", "QAT", "GOV"),
])
def test_rows(resolver, phrase, country, sector):
    actor = resolver.resolve(phrase)
    assert actor is not None and (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize("phrase", ["APEC", "the International Labor Office", "the European common market"])
def test_international_bodies(resolver, phrase):
    actor = resolver.resolve(phrase)
    assert actor is not None and actor.sector == "IGO"


def test_a_common_market_is_not_the_ec(resolver):
    assert resolver.resolve("a common market") is None


@pytest.mark.parametrize("phrase", ["a 16-year-old Palestinian", "a young Iraqi", "two elderly Afghans"])
def test_a_person_of_a_nationality_is_a_civilian_whatever_their_age(resolver, phrase):
    assert resolver.resolve(phrase).sector == "CVL"
