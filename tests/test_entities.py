"""Entity kinds from the dictionaries and the geoparse stand in for NER (eventwire.entities)."""

from __future__ import annotations

import pytest

from eventwire.actors import ActorResolver
from eventwire.entities import LexicalEntities
from eventwire.parse import Parser, ent_type, person_ranges


@pytest.fixture(scope="module")
def parser():
    return Parser.load(exclude=["ner"])


@pytest.fixture(scope="module")
def entities():
    return LexicalEntities(ActorResolver.load())


def _tok(doc, text):
    return next(t for t in doc if t.text == text)


def test_labels_from_dictionaries_and_places(parser, entities):
    doc = parser("Two villagers died in Indian shelling near Kotli on Monday, the Taliban said.")
    start = doc.text.index("Kotli")
    entities.attach(doc, [(start, start + len("Kotli"))])
    assert ent_type(_tok(doc, "Indian")) == "NORP"
    assert ent_type(_tok(doc, "Kotli")) == "GPE"
    assert ent_type(_tok(doc, "Monday")) == "DATE"
    assert ent_type(_tok(doc, "Taliban")) == "ORG"
    assert ent_type(_tok(doc, "shelling")) == ""
    assert not doc.has_annotation("ENT_IOB")  # no NER ran


def test_personal_names_are_unknown_capitalised_runs(parser, entities):
    doc = parser("Pakistan's foreign ministry spokesperson, Mumtaz Zahra Baloch, said the strike was illegal.")
    entities.attach(doc, [])
    baloch = _tok(doc, "Baloch")
    assert any(s < baloch.idx < e for s, e in person_ranges(doc))
    other = parser("The Pakistan Peoples Party and the Baloch Liberation Army met in Quetta.")
    entities.attach(other, [])
    assert person_ranges(other) == ()


def test_pipeline_keeps_the_spokesperson_apart_from_the_baloch(pipeline):
    from eventwire.model import Article

    text = ("Pakistan strongly condemned the strike, foreign ministry spokesperson Mumtaz Zahra Baloch "
            "said on Wednesday.")
    events = pipeline.extract(Article(id="t", text=text)).events
    assert events and all(e.actor1 is None or e.actor1.country == "PAK" for e in events)


def test_a_peoples_word_opening_a_name_names_a_body(parser, entities):
    doc = parser("The Kenyan Union of Teachers called off the strike after talks with the government.")
    entities.attach(doc, [])
    assert person_ranges(doc) == ()
