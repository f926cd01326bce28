"""ACLED export of conflicting casualty figures: the most conservative one, each source noted."""

from __future__ import annotations

from eventwire.export import acled
from eventwire.model import Article, Attribution, CasualtyFigure, Count, Span

TEXT = (
    "Police said 12 people were killed when a bomb exploded at a vegetable market in Bannu on Friday. "
    "A spokesman for the Tehreek-e-Taliban Pakistan claimed 30 people were killed in the Bannu attack."
)


def _figure(best, low, high, who=None, status="reported"):
    source = Attribution(text=who) if who else None
    return CasualtyFigure(best=best, low=low, high=high, source=source, status=status,
                          evidence=Span(start=0, end=1, text="x"))


def test_acled_takes_the_lowest_figure_of_conflicting_sources(pipeline):
    result = pipeline.extract(Article(id="bannu", text=TEXT))
    event = next(e for e in result.events if e.fatalities.figures)
    row = acled.row(event)
    assert row["fatalities"] == 12  # police's 12, not the claimed 30
    assert "fatality figures: 12 (Police); 30 (A spokesman for the Tehreek-e-Taliban Pakistan, claimed)" in row["tags"]


def test_acled_notes_figures_only_when_sources_disagree():
    agreed = Count(best=8, low=8, high=8, figures=[_figure(8, 8, 8), _figure(8, 8, 8, "police")])
    assert acled.fatalities(agreed) == 8 and acled._figure_note(agreed) is None
    open_ended = Count(best=15, low=10, high=15, figures=[_figure(None, 10, None, "officials"), _figure(15, 15, 15)])
    assert acled.fatalities(open_ended) == 10
    assert acled._figure_note(open_ended) == "at least 10 (officials); 15 (report)"
