from __future__ import annotations

import pytest

from eventwire.attributes.casualties import read_casualties


def _read(nlp, text):
    return [(c.what, c.figure.best, c.figure.low, c.figure.high, c.victims) for c in read_casualties(nlp(text)[:])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Provincial officials in Pakistan said two children were killed and several others injured in strikes near the Iran border.",
         [("fatalities", 2, 2, 2, "civilians"), ("injuries", None, 3, None, None)]),
        ("The attack followed missile attacks on militant bases in Balochistan that killed two.",
         [("fatalities", 2, 2, 2, None)]),
        ("At least 15 people were killed and more than 20 wounded when a bomb exploded in Quetta.",
         [("fatalities", 15, 15, None, None), ("injuries", 21, 21, None, None)]),
        ("The US warplanes pounded the village, killing 6 civilians, including 2 women.",
         [("fatalities", 6, 6, 6, "civilians")]),
        ("Five soldiers died in the clash and dozens were injured.",
         [("fatalities", 5, 5, 5, "security forces"), ("injuries", None, 24, None, None)]),
        ("The death toll rose to 13 on Friday.", [("fatalities", 13, 13, 13, None)]),
        ("No one was hurt in the blast.", [("injuries", 0, 0, 0, None)]),
        # headline grammar: no auxiliary, the subject is the victim
        ("Six Pakistani policemen killed, three wounded in ambush",
         [("fatalities", 6, 6, 6, "security forces"), ("injuries", 3, 3, 3, None)]),
        ("Eight labourers killed in attack on road camp", [("fatalities", 8, 8, 8, None)]),
        # a range is a low and a high end, never one number made of two (3 to 4 was 7)
        ("Troops killed 3 to 4 militants in a clash.", [("fatalities", 3, 3, 4, "militants")]),
        ("Troops killed 3-4 militants in a clash.", [("fatalities", 3, 3, 4, "militants")]),
        ("Between 10 and 12 people were killed.", [("fatalities", 10, 10, 12, None)]),
        ("Twenty five people were killed.", [("fatalities", 25, 25, 25, None)]),
    ],
)
def test_figures(nlp, text, expected):
    assert _read(nlp, text) == expected


def test_a_number_of_stays_unknown(nlp):
    # "A number of terrorists were killed" gives no count: never 0, never invented
    (c,) = read_casualties(nlp("A number of terrorists were killed during the operation.")[:])
    assert c.figure.best is None and c.figure.low is None and c.victims == "militants"


def test_no_casualty_words(nlp):
    assert read_casualties(nlp("Pakistan strongly condemned the strikes.")[:]) == []


def test_no_one_is_a_toll_only_when_harmed(nlp):
    from eventwire.attributes.casualties import read_casualties
    assert read_casualties(nlp("No one immediately claimed responsibility for the attack.")[:]) == []
    found = read_casualties(nlp("No one was hurt in the blast.")[:])
    assert [c.figure.best for c in found] == [0]
