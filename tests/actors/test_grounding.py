"""No state is invented from a nationality word that qualifies a company, team or player."""

import pytest

from eventwire.actors import ActorResolver


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver.load()


@pytest.mark.parametrize("text", ["the French side", "Iranian striker", "Chinese wine",
                                  "Italy's Illva Saronno", "the Brazilian team"])
def test_nationality_of_a_thing_is_no_party(resolver, text):
    assert resolver.resolve(text) is None


@pytest.mark.parametrize("text, country", [("Nigerian banks", "NGA"), ("a Dutch brewer", "NLD")])
def test_nationality_of_a_company_is_a_business_not_a_state(resolver, text, country):
    # a party to a deal or a sanction, of that country, never its state
    actor = resolver.resolve(text)
    assert actor is not None and (actor.country, actor.sector) == (country, "BUS")


@pytest.mark.parametrize("text,country,sector", [
    ("Indian troops", "IND", "MIL"), ("Iranian officials", "IRN", "GOV"), ("Tehran", "IRN", "GOV"),
    ("Pakistan", "PAK", "GOV"), ("Indian shelling", "IND", None)])
def test_parties_and_the_nationality_of_acts_still_resolve(resolver, text, country, sector):
    actor = resolver.resolve(text)
    assert actor is not None and actor.country == country
    assert sector is None or actor.sector == sector
