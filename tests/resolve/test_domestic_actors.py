"""Actors of acts at home: a countryless actor acts where the event is, and a protest, curfew
or concession that names no target is aimed at the other side of the same country."""

from __future__ import annotations

from eventwire.model import Article


def _event(pipeline, text, type_):
    events = [e for e in pipeline.extract(Article(id="t", text=text)).events if e.type == type_]
    assert events, text
    return events[0]


def test_protest_faces_the_government(pipeline):
    ev = _event(pipeline, "Thousands of Egyptian demonstrators rioted in Cairo on Friday.", "PROTEST")
    assert ev.actor1 is not None and ev.actor1.country == "EGY"
    assert (ev.actor2.country, ev.actor2.sector, ev.actor2.text) == ("EGY", "GOV", "")


def test_curfew_is_aimed_at_the_people(pipeline):
    ev = _event(pipeline, "Turkish authorities imposed a curfew in the town of Cizre on Tuesday.", "COERCE")
    assert (ev.actor2.country, ev.actor2.sector) == ("TUR", "CVL")


def test_named_target_is_kept(pipeline):
    ev = _event(pipeline, "Kenyan police arrested 12 Somali nationals in Nairobi on Monday.", "COERCE")
    assert ev.actor2 is not None and ev.actor2.text and ev.actor2.country == "SOM"


def test_countryless_crowd_acts_where_the_event_is(pipeline):
    ev = _event(pipeline, "Hundreds of protesters blocked roads in Algiers on Sunday.", "PROTEST")
    assert ev.actor1 is not None and ev.actor1.country == "DZA"


def test_sanctions_are_aimed_at_no_one_at_home(pipeline):
    # a state does not sanction its own people: no target named, none invented
    ev = _event(pipeline, "WASHINGTON (Reuters) - The United States on Tuesday imposed sanctions on more than a dozen "
                          "companies and vessels it accused of shipping oil to China.", "COERCE")
    assert ev.actor1.country == "USA" and ev.actor2 is None  # nor China, where the oil went
    ev = _event(pipeline, "Slovakia dropped its objections on Wednesday, diplomats said.", "CONCEDE")
    assert ev.actor2 is None


def test_a_package_of_sanctions_is_the_act_and_what_they_target_is_not_attacked(pipeline):
    ev = pipeline.extract(Article(id="t", text=(
        "European Union ambassadors on Wednesday approved a new package of sanctions against Russia targeting "
        "more than 100 shadow-fleet oil tankers."))).events
    assert [(e.type, e.actor1.sector, e.actor2.country) for e in ev] == [("COERCE", "IGO", "RUS")]
