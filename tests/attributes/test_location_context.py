"""The countries an article is about (attributes/location.context_countries): a place named
only as where a group is based or comes from is not where its events happen."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from eventwire.attributes.location import context_countries
from eventwire.model import Article


@pytest.fixture(scope="module")
def geoparser(pipeline):
    return pipeline.geoparser


def _ctx(geoparser, text):
    return SimpleNamespace(text=text, toponyms=geoparser.geoparse(text), geoparser=geoparser)


@pytest.mark.parametrize("text, absent, present", [
    ("A Canada-based monitor said three Yemeni soldiers were killed on Sunday.", "CAN", "YEM"),
    ("Gunmen from Afghanistan killed two Pakistani policemen, officials said.", "AFG", "PAK"),
])
def test_origin_places_do_not_vote(geoparser, text, absent, present):
    votes = context_countries(_ctx(geoparser, text))
    assert votes[absent] == 0, votes
    assert votes[present] > 0, votes


@pytest.mark.parametrize("text, speaker", [
    # a place name that speaks is the institution or government it stands for
    ("A drone strike killed a senior militant commander on Sunday, the Pentagon said.", "Pentagon"),
    ("Gunmen shot dead three policemen on Friday, Kabul said.", "Kabul"),
])
def test_a_speaking_place_is_not_where_it_happened(pipeline, text, speaker):
    from eventwire.model import Article

    events = pipeline.extract(Article(id="t", text=text)).events
    assert events
    for ev in events:
        assert ev.location is None or ev.location.text != speaker, ev.location


def test_where_the_victims_come_from_is_not_where_they_died(pipeline):
    text = "Gunmen shot dead nine men from Punjab province in Balochistan on Sunday."
    ev = next(e for e in pipeline.extract(Article(id="t", text=text)).events if e.type == "ASSAULT")
    assert ev.location is not None and ev.location.admin1 != "Punjab"


@pytest.mark.parametrize("text, capital", [
    ("A bomb exploded in Somalia's capital on Friday, killing five.", "Mogadishu"),
    ("A bomb exploded in the Somali capital on Friday, killing five.", "Mogadishu"),
    ("Protesters rallied in Tunisia's capital after several nights of violence.", "Tunis"),
])
def test_a_countrys_capital_named_without_its_name(pipeline, text, capital):
    """"in Somalia's capital on Friday": the words after "capital" are no name of it."""
    ev = pipeline.extract(Article(id="t", text=text)).events[0]
    assert ev.location is not None and ev.location.name == capital


def test_the_capital_a_report_was_released_in_is_no_place_of_what_it_tells(pipeline):
    text = ("A 500-page report released Tuesday in the Rwandan capital alleged that the French military "
            "in Rwanda helped to carry out killings.")
    for ev in pipeline.extract(Article(id="t", text=text)).events:
        assert ev.location is None or ev.location.name != "Kigali"
