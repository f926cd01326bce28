"""Casualty figures keep who gave each one (resolve/merge._combine, attributes/casualties).

Articles quote conflicting tolls ("police said 12", "the group claimed 30"); the event keeps
every distinct figure with its source and evidence, and summarises them as low/best/high.
"""

from __future__ import annotations

from types import SimpleNamespace

from eventwire.attributes.casualties import Casualty
from eventwire.attributes.numbers import Figure
from eventwire.model import Article, Attribution, Event, Segment
from eventwire.resolve.merge import _combine
from eventwire.store import Store

CONFLICT = (
    "Police said 12 people were killed when a bomb exploded at a vegetable market in Bannu on Friday. "
    "A spokesman for the Tehreek-e-Taliban Pakistan claimed 30 people were killed in the Bannu attack."
)


def _violent(pipeline, text: str) -> tuple[Article, Event]:
    article = Article(id="t", text=text)
    result = pipeline.extract(article)
    counted = [e for e in result.events if e.fatalities.figures] or result.events
    assert counted, result
    return article, counted[0]


def test_conflicting_sources_give_a_range_and_keep_each_source(pipeline):
    article, event = _violent(pipeline, CONFLICT)
    deaths = event.fatalities
    assert (deaths.low, deaths.high) == (12, 30)
    assert deaths.best == 12  # the police figure, not the perpetrators' claim
    by_value = {f.best: f for f in deaths.figures}
    assert set(by_value) == {12, 30}
    police, group = by_value[12], by_value[30]
    assert police.source is not None and police.source.text == "Police" and police.status == "reported"
    assert group.source is not None and "Tehreek-e-Taliban" in group.source.text and group.status == "claimed"
    for f in deaths.figures:
        # evidence and source point into the original article text
        assert article.text[f.evidence.start:f.evidence.end] == f.evidence.text
        assert article.text[f.source.start:f.source.end] == f.source.text
    assert "12 people were killed" in police.evidence.text


def test_a_stated_toll_is_its_stater_s_figure(pipeline):
    _, event = _violent(
        pipeline, "A bomb killed 12 people in Peshawar, police said, but hospital officials put the death toll at 15."
    )
    deaths = event.fatalities
    sources = {f.best: f.source.text for f in deaths.figures}
    assert sources == {12: "police", 15: "hospital officials"}
    assert (deaths.low, deaths.best, deaths.high) == (12, 15, 15)


def test_at_least_keeps_an_open_upper_bound_on_the_figure(pipeline):
    _, event = _violent(pipeline, "At least 15 people were killed when gunmen opened fire on a bus in Kohat, officials said.")
    deaths = event.fatalities
    assert deaths.low == 15 and deaths.best == 15
    [figure] = deaths.figures
    assert (figure.low, figure.best, figure.high) == (15, 15, None)  # as read: no upper bound given
    assert figure.source is not None and figure.source.text == "officials"


def test_no_number_stays_null_with_no_figures(pipeline):
    _, event = _violent(pipeline, "Gunmen attacked a police checkpoint in Lakki Marwat on Sunday, officials said.")
    assert (event.fatalities.best, event.fatalities.low, event.fatalities.high) == (None, None, None)
    assert event.fatalities.figures == [] and event.injuries.figures == []


def test_a_vague_count_names_the_victims_but_gives_no_figure(pipeline):
    _, event = _violent(pipeline, "A number of militants were killed in an airstrike in the Tirah valley, officials said.")
    assert event.fatalities.best is None and event.fatalities.figures == []
    assert event.fatalities.victims == "militants"


def test_the_same_source_repeating_a_figure_is_one_figure(pipeline):
    text = ("Bomb kills eight in Quetta market\n\n"
            "A bomb killed eight people at a crowded market in Quetta on Tuesday, police said. "
            "Police said eight people were killed and 20 were wounded.")
    _, event = _violent(pipeline, text)
    figures = event.fatalities.figures
    assert event.fatalities.best == 8
    # the headline (the paper's own voice) and the police: two sources, one figure each
    assert sorted((f.source.text.lower() if f.source else "") for f in figures) == ["", "police"]
    assert event.injuries.best == 20 and len(event.injuries.figures) == 1


def _mention(order: int, seg: Segment, cas: list[Casualty], status="reported", attribution=None):
    return SimpleNamespace(order=order, segment=seg, fatalities=cas, status=status, attribution=attribution)


def test_denied_figures_are_listed_but_set_no_bound():
    text = "The army said five soldiers died. It denied that 40 soldiers died."
    s1 = Segment(start=0, end=33, text=text[:33], kind="body")
    s2 = Segment(start=34, end=len(text), text=text[34:], kind="body")
    army = Attribution(text="The army", source_type="military", start=0, end=8)
    a, b = s1.text.index("five"), s2.text.index("40")
    five = Casualty("fatalities", Figure(5, 5, 5), "security forces", a, a + 18, 3, source_start=0, source_end=8,
                    status="reported")
    # no reporting verb of its own: the figure takes its sentence's status and attribution
    forty = Casualty("fatalities", Figure(40, 40, 40), "security forces", b, b + 16, 4)
    count = _combine([_mention(0, s1, [five]), _mention(1, s2, [forty], "denied", army)], "fatalities")
    assert (count.low, count.best, count.high) == (5, 5, 5)
    assert [(f.best, f.status) for f in count.figures] == [(5, "reported"), (40, "denied")]
    assert count.figures[0].source.text == "The army" and count.figures[1].source == army
    assert count.figures[1].evidence.text == "40 soldiers died"
    assert count.figures[0].evidence.text == "five soldiers died"
    assert text[count.figures[1].evidence.start:count.figures[1].evidence.end] == "40 soldiers died"


def test_a_claim_sets_best_only_when_no_firmer_figure_exists():
    text = "Militants claimed they killed nine soldiers."
    seg = Segment(start=0, end=len(text), text=text, kind="body")
    at = text.index("killed")
    nine = Casualty("fatalities", Figure(9, 9, 9), "security forces", at, at + 19, 4, status="claimed")
    count = _combine([_mention(0, seg, [nine], status="claimed")], "fatalities")
    assert (count.low, count.best, count.high) == (9, 9, 9)


def test_figures_survive_a_store_round_trip(pipeline, tmp_path):
    article = Article(id="bannu", text=CONFLICT)
    result = pipeline.extract(article)
    with Store(tmp_path / "events.duckdb") as store:
        store.add_result(article, result)
        stored = {e.id.split(":")[1]: e for e in store.events()}
    for local in result.events:
        assert stored[local.id].fatalities.model_dump() == local.fatalities.model_dump()
    assert any(len(e.fatalities.figures) == 2 for e in stored.values())


def test_the_public_schema_names_the_field():
    from eventwire.model import event_json_schema

    schema = event_json_schema()
    assert "figures" in schema["$defs"]["Count"]["properties"]
    assert {"source", "evidence", "status"} <= set(schema["$defs"]["CasualtyFigure"]["properties"])


def test_show_prints_each_figure_with_its_source(pipeline, tmp_path):
    import subprocess
    import sys

    article = Article(id="bannu", text=CONFLICT)
    with Store(tmp_path / "events.duckdb") as store:
        store.add_result(article, pipeline.extract(article))
        event_id = next(e.id for e in store.events() if len(e.fatalities.figures) == 2)
    out = subprocess.run([sys.executable, "-m", "eventwire.cli", "show", event_id, "--db", str(tmp_path / "events.duckdb")],
                         capture_output=True, text=True, timeout=120).stdout
    assert "killed 12 (reported) per Police" in out
    assert "killed 30 (claimed) per A spokesman for the Tehreek-e-Taliban Pakistan" in out
