"""The prefilter skips sentences no trigger pattern can match, and never one that makes an event."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.ingest import iter_documents
from eventwire.model import Article

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "pakistan-iran-strikes.txt"


@pytest.mark.parametrize("text, parse", [
    # "take" is an event only with the words of one of its patterns
    ("It took the jury just under two hours to reach a verdict.", False),
    ("Rebels took control of the border town on Sunday.", True),
    # a reporting verb makes no event by itself
    ("He said he did not alert the authorities because he panicked.", False),
    # irregular and inflected forms of the head words
    ("Government troops fought the rebels overnight.", True),
    ("Two policemen were shot dead in Quetta.", True),
    ("Villagers fled the shelling.", True),
    ("The weather was pleasant and the market was busy.", False),
])
def test_sentences(pipeline, text, parse):
    assert pipeline.prefilter(text) is parse


def test_no_event_lost_on_the_example(pipeline):
    """Parsing every sentence gives the same events as parsing only what the filter passes."""
    article = next(d for d in iter_documents([str(EXAMPLE)]) if isinstance(d, Article))
    filtered = pipeline.extract(article)
    own = pipeline.prefilter
    pipeline.prefilter = lambda text: True
    try:
        everything = pipeline.extract(article)
    finally:
        pipeline.prefilter = own
    assert filtered.events and filtered.model_dump() == everything.model_dump()
