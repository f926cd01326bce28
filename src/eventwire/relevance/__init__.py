"""Relevance: does a sentence, and its article, report a political, conflict, protest or
diplomatic event? The stage between segmentation and the parse (eventwire.pipeline).

Most of a general news feed is sport, business, technology and culture. Coding it would
fill the dataset with events that never happened ("Nadal beats Roddick" as a battle), so
sentences the gate turns down are neither parsed nor coded, which is also most of the
parser's work saved on such a feed.

The model is a logistic regression over word features (`features.py`), stored as plain
weights in `data/relevance/model.tsv` and rebuilt by `make train` (`train.py`). The working
point is data too (`data/relevance/gate.json`):

- a sentence passes when its probability reaches `sentence`;
- an article passes when the mean of its best sentence probabilities reaches `article`:
  one stray sentence ("if they default, we will fight them") does not make a business story
  a conflict report, while a real report has several event sentences. An article counts its
  `top_k` best; a short item of at most `short_item` sentences (a headline and a summary, a
  wire snippet) is judged by its best sentence alone, against the lower `short_article`:
  a short item has no other sentences to vouch for it, and the coding rules after the gate
  still need a trigger and a party;
- in an article that passes by a wide margin (`article_strong`), sentences pass from the
  lower `sentence_in_strong` threshold: a conflict report's diplomatic aftermath ("Pakistan
  recalled its ambassador") is part of the story;
- after coding, an attack with no party, no place of its own, no toll and no named means
  stays only when its sentence reaches `bare_attack`, and an arrest, ban, fine or seizure that
  names no one on either side only when it reaches `bare_coercion` (eventwire.pipeline).

`EVENTWIRE_RELEVANCE=off` turns the gate off (every sentence passes), for comparison.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from eventwire.relevance.features import features
from eventwire.resources import DATA

__all__ = ["RelevanceGate", "Verdict", "read_model"]


@dataclass(frozen=True)
class Verdict:
    """The gate's decision on one article: the probability of each sentence asked about,
    the article's score, and which sentences pass."""

    sentence_scores: list[float]
    article_score: float
    passed: list[bool]

    @property
    def article_passed(self) -> bool:
        return any(self.passed)


class RelevanceGate:
    def __init__(self, bias: float, weights: dict[str, float], config: dict, enabled: bool = True):
        self.bias = bias
        self.weights = weights
        self.sentence = float(config["sentence"])
        self.sentence_in_strong = float(config["sentence_in_strong"])
        self.article = float(config["article"])
        self.article_strong = float(config["article_strong"])
        self.top_k = int(config["top_k"])
        self.short_item = int(config["short_item"])
        self.short_article = float(config["short_article"])
        # a brief (up to `brief_items` sentences) with one sentence this sure is a report
        self.brief_items = int(config.get("brief_items", self.short_item))
        self.brief_sure = float(config.get("brief_sure", 1.01))
        # an attack with no party, no place of its own, no toll and no means (pipeline.py)
        self.bare_attack = float(config.get("bare_attack", self.sentence))
        self.bare_coercion = float(config.get("bare_coercion", self.sentence))
        self.enabled = enabled

    @classmethod
    def load(cls, enabled: bool | None = None, model: Path | None = None) -> "RelevanceGate":
        """The packaged model and working point (or the weights of `model`, a model.tsv)."""
        if enabled is None:
            enabled = os.environ.get("EVENTWIRE_RELEVANCE", "on").lower() not in ("off", "0", "false", "no")
        bias, weights = read_model(model or DATA / "relevance" / "model.tsv")
        return cls(bias, weights, _config(), enabled)

    def score(self, text: str) -> float:
        """Probability that `text` reports a political, conflict or diplomatic event."""
        feats = features(text)  # summed in their sorted order, as the model was scored
        z = self.bias + sum(map(self.weights.get, feats, repeat(0.0, len(feats))))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def judge(self, texts: list[str]) -> Verdict:
        """The verdict on an article's prose sentences (headline included), in order."""
        scores = [self.score(t) for t in texts]
        if not self.enabled:
            return Verdict(scores, 1.0, [True] * len(texts))
        short = len(scores) <= self.short_item
        top = sorted(scores, reverse=True)[: 1 if short else self.top_k]
        article = sum(top) / len(top) if top else 0.0
        if article < (self.short_article if short else self.article) and not (
                len(scores) <= self.brief_items and scores and max(scores) >= self.brief_sure):
            return Verdict(scores, article, [False] * len(texts))
        floor = self.sentence_in_strong if article >= self.article_strong else self.sentence
        if short:
            floor = min(floor, self.short_article)
        return Verdict(scores, article, [s >= floor for s in scores])


@lru_cache(maxsize=4)
def read_model(path) -> tuple[float, dict[str, float]]:
    """(bias, weights) of a model.tsv written by `eventwire.relevance.train`."""
    bias = 0.0
    weights: dict[str, float] = {}
    for line in Path(str(path)).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, value = line.rsplit("\t", 1)
        if name == "bias":
            bias = float(value)
        else:
            weights[name] = float(value)
    return bias, weights


@lru_cache(maxsize=1)
def _config() -> dict:
    raw = json.loads((DATA / "relevance" / "gate.json").read_text(encoding="utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}
