"""A threat or demand names its target as the subject of its condition."""

from __future__ import annotations

import pytest

from eventwire.model import Article


@pytest.mark.parametrize("text, source, target", [
    ("Russia has threatened to stop negotiations if the United States goes ahead with the deployment.", "RUS", "USA"),
    ("Syrian villagers threatened to hold a general strike unless Israel rescinded the annexation.", "SYR", "ISR"),
])
def test_condition_subject_is_the_target(pipeline, text, source, target):
    events = [e for e in pipeline.extract(Article(id="t", text=text)).events if e.type == "THREATEN"]
    assert events, text
    ev = events[0]
    assert (ev.actor1.country, ev.actor2.country if ev.actor2 else None) == (source, target)
