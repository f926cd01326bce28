"""The relevance gate on text written for these tests (none of it is training text)."""

from __future__ import annotations

import json

import pytest

from eventwire.model import Article
from eventwire.relevance import RelevanceGate
from eventwire.relevance.features import PLACE, features, tokens
from eventwire.resources import DATA
from eventwire.segment import SENTENCE_KINDS, segment

SPORT = """Henman through to Dubai semis

Tim Henman reached the semi-finals of the Dubai Open after beating the fourth seed in three sets.
The British number one dropped his serve early but broke back twice to win 4-6 6-3 6-2.
He will meet the defending champion on Friday for a place in the final.
"I felt sharper as the match went on," said Henman, who has struggled with a back injury this season.
"""

BUSINESS = """Brewer bids for Czech rival

A Dutch brewer has launched a bid for its Czech rival in a deal that values the firm at 1.2bn euros.
Shares in the Prague company jumped 12% on the news, while analysts said a bidding war could follow.
The board is expected to give its answer within a month, the brewer said in a statement.
"""

CONFLICT = """Dozens killed as militants storm army base

Militants stormed an army base in the north of the country on Tuesday, killing at least 30 soldiers, officials said.
The attackers used car bombs to breach the gates before opening fire on troops, a military spokesman said.
The government condemned the attack and vowed to hunt down those responsible.
"""


def _prose(text: str) -> list[str]:
    return [s.text for s in segment(Article(id="t", text=text)) if s.kind in SENTENCE_KINDS]


@pytest.fixture(scope="module")
def gate():
    return RelevanceGate.load(enabled=True)


def test_sport_and_business_articles_are_turned_down(gate):
    for text in (SPORT, BUSINESS):
        verdict = gate.judge(_prose(text))
        assert not verdict.article_passed, (text[:30], verdict.article_score)


def test_a_conflict_report_passes_with_its_aftermath(gate):
    verdict = gate.judge(_prose(CONFLICT))
    assert verdict.article_passed and verdict.article_score >= gate.article_strong
    assert all(verdict.passed)  # the condemnation is part of the story


def test_a_short_item_is_judged_by_its_best_sentence(gate):
    item = ["Troops fire on protesters in capital", "Witnesses said the crowd was unarmed when soldiers opened fire."]
    assert gate.judge(item).article_passed
    assert not gate.judge(["Ten recipes for a quick autumn dinner", "Squash, sage and a little butter go a long way."]).article_passed


def test_the_gate_can_be_turned_off():
    off = RelevanceGate.load(enabled=False)
    assert off.judge(_prose(SPORT)).passed == [True] * len(_prose(SPORT))


def test_the_pipeline_codes_nothing_in_ordinary_news(product_pipeline):
    pipeline = product_pipeline
    for text in (SPORT, BUSINESS):
        result = pipeline.extract(Article(id="n", text=text))
        assert result.events == [] and result.errors == []
    result = pipeline.extract(Article(id="c", text=CONFLICT))
    assert any(e.type == "ASSAULT" for e in result.events)


def test_features_mask_countries_and_numbers():
    toks = tokens("Pakistani troops killed 12 in Iran's Sistan")
    assert toks.count(PLACE) == 2 and "<n>" in toks and "pakistani" not in toks
    assert "troops killed" in features("Pakistani troops killed 12")


def test_working_point_is_data_with_its_source():
    raw = json.loads((DATA / "relevance" / "gate.json").read_text())
    assert "tune" in raw["_note"] and 0 < raw["sentence"] < 1 and raw["short_item"] >= 1
    header = (DATA / "relevance" / "model.tsv").read_text().splitlines()[:5]
    assert any("make train" in line for line in header)


def test_a_brief_with_one_sure_sentence_passes_whatever_its_filler(gate):
    brief = ["Kyrgyz security service detains editor of independent news site",
             "Officers of Kyrgyzstan's State Committee for National Security on Monday detained Aidai Tokoeva, "
             "editor-in-chief of the online outlet Bashat Media, on charges of calls for mass unrest, her lawyer said.",
             "Tokoeva was taken from her flat before dawn and her laptop and phones were confiscated.",
             "The GKNB confirmed the detention in a two-line statement but gave no further details."]
    verdict = gate.judge(brief)
    assert verdict.article_score < gate.article and verdict.article_passed  # passed by the sure lede alone
    # a long article is still judged by its best three sentences
    assert not gate.judge(brief + ["The weather was mild.", "Markets were flat.", "Traffic was light."] * 2).article_passed
