"""More ways news writes a toll (attributes/casualties), and who each figure comes from."""

from __future__ import annotations

import pytest

from eventwire.attributes.casualties import read_casualties


def _read(nlp, text):
    return [(c.what, c.figure.best, c.victims) for c in read_casualties(nlp(text)[:])]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "dead" as the result of the verb: its object, or the headline's subject
        ("Gunmen shot dead three shopkeepers in Quetta.", [("fatalities", 3, "civilians")]),
        ("Five policemen shot dead in Peshawar", [("fatalities", 5, "security forces")]),
        ("Roadside blast leaves two soldiers dead", [("fatalities", 2, "security forces")]),
        ("Three people are dead after the explosion.", [("fatalities", 3, None)]),
        # the adjective's own subject
        ("2 dead, 3 injured after firing by troops near the border",
         [("fatalities", 2, None), ("injuries", 3, None)]),
        ("Raid ends with four gunmen dead: army", [("fatalities", 4, "militants")]),
        # a complement shares its governor's subject
        ("Four villagers were reported killed in the shelling.", [("fatalities", 4, "civilians")]),
        ("Seven militants reported killed in army raid", [("fatalities", 7, "militants")]),
        ("Ten people are feared to have died in the blast.", [("fatalities", 10, None)]),
        # a gerund and a verb the tagger took for a noun
        ("Army claims killing of eight militants", [("fatalities", 8, "militants")]),
        ("Air strike 'kills nine' in Kunar", [("fatalities", 9, None)]),
        ("2 killed as helicopters target hideouts in Kurram", [("fatalities", 2, None)]),
        # one victim named with "a", and exact counts joined by "and" add up
        ("A policeman was killed in Karachi.", [("fatalities", 1, "security forces")]),
        ("Two soldiers and a civilian were killed in the blast.", [("fatalities", 3, "security forces")]),
        ("The bomb killed a family of five.", [("fatalities", 5, None)]),
        ("Three soldiers and several civilians were wounded.", [("injuries", 3, "security forces")]),
    ],
)
def test_toll_forms(nlp, text, expected):
    assert _read(nlp, text) == expected


def test_an_attempt_gives_no_toll_to_the_attackers(nlp):
    assert _read(nlp, "Five gunmen tried to kill the minister.") == []


def _sources(nlp, text):
    doc = nlp(text)
    return [(c.figure.best, doc.text[c.source_start:c.source_end] if c.source_start is not None else None, c.status)
            for c in read_casualties(doc[:])]


def test_each_figure_keeps_the_speaker_of_its_own_clause(nlp):
    text = "The blast killed 12 people, police said, but hospital officials put the death toll at 15."
    assert _sources(nlp, text) == [(12, "police", "reported"), (15, "hospital officials", "reported")]


def test_a_claimed_figure_is_claimed(nlp):
    assert _sources(nlp, "The Taliban claimed that 30 soldiers died in the attack.") == [(30, "The Taliban", "claimed")]


def test_victims_of_a_reporting_verb_are_not_its_source(nlp):
    # "Four said killed": the subject of "said" is the dead, so the figure names no source
    assert _sources(nlp, "Four villagers were reported killed in the shelling.") == [(4, None, "reported")]


def test_a_figure_no_verb_reports_has_no_source_of_its_own(nlp):
    assert _sources(nlp, "A bomb killed nine people at a bus stop.") == [(9, None, None)]
