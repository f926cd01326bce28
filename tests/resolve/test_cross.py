"""Cross-article resolution: near-duplicates, incremental == batch, revisions, links, scoring."""

from __future__ import annotations

import dataclasses
import importlib.util
import random
from datetime import date
from pathlib import Path

import pytest

from eventwire.evaluate.resolve import bcubed, headlines, pairwise
from eventwire.model import Actor, Article, Attribution, Count, DocumentResult, Event, Evidence, Location
from eventwire.resolve.cross import Resolver, compare, member_from_event
from eventwire.resolve.dedup import NearDuplicateIndex, signature, similarity
from eventwire.store import Store, global_event_id
from eventwire.store.resolution import ResolutionStore, incident_digest, resolve_article

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT.parent / "shared" / "examples" / "pakistan-iran-strikes.txt"


def _fixture():
    path = ROOT / "tests" / "export" / "pakistan_iran.py"
    spec = importlib.util.spec_from_file_location("pakistan_iran_fixture_resolve", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


PI = _fixture()

QUETTA = Location(text="Quetta", name="Quetta", country="PK", admin1="Balochistan", lat=30.18, lon=67.0,
                  geonameid=1167528, feature="PPLA", geo_precision=1)
KARACHI = Location(text="Karachi", name="Karachi", country="PK", admin1="Sindh", lat=24.86, lon=67.01,
                   geonameid=1174872, feature="PPLA", geo_precision=1)


def report(aid: str, text: str, day: date, killed: int | None, *, status="reported", source_type="media",
           place=QUETTA, mode="explosives") -> tuple[Article, DocumentResult]:
    """A one-event article about a bombing, with its own wording."""
    article = Article(id=aid, text=text, date=day, source=aid.split("-")[0])
    sentence = Evidence(start=0, end=len(text), text=text, role="sentence")
    event = Event(
        id="e1", type="ASSAULT", mode=mode, cameo="183", goldstein=-10.0, ucdp_type_of_violence=3,
        actor2=Actor(text="worshippers", name="Civilians (Pakistan)", country="PAK", sector="CVL"),
        date=day, date_precision="day", location=place,
        fatalities=Count(best=killed, low=killed, high=killed), status=status,
        attribution=Attribution(text="officials", source_type=source_type), evidence=[sentence], confidence=0.8)
    return article, DocumentResult(id=aid, date=day, events=[event])


RISING = [
    ("dawn-1", "A bomb blast at a mosque in Quetta killed 10 worshippers on Friday, local media reported.",
     date(2023, 3, 3), 10, "reported", "media"),
    ("reuters-1", "Police said 13 people were killed when a bomb ripped through a Quetta mosque during prayers.",
     date(2023, 3, 4), 13, "confirmed", "police"),
    ("ap-1", "The death toll from the Quetta mosque bombing rose to 12, hospital sources said.",
     date(2023, 3, 5), 12, "reported", "media"),
]


def _store_all(store, docs):
    reports = []
    for article, result in docs:
        store.add_result(article, result)
        reports.append(resolve_article(store, article, result))
    return reports


# -- near-duplicates -----------------------------------------------------------------------

def test_syndicated_copy_is_a_near_duplicate_and_not_an_independent_source():
    text = PI.TEXT
    copy = text.replace("New Delhi:", "NEW DELHI (Agencies):").replace("Advertisement", "") + "\n(Updated 10:40 IST)\n"
    assert similarity(signature(text), signature(copy)) > 0.8
    assert similarity(signature(text), signature(RISING[0][1])) < 0.2
    with Store(":memory:") as store:
        original = PI.article()
        reprint = PI.article(text=copy, id="syndicated-copy").model_copy(update={"source": "Wire"})
        first, second = _store_all(store, [(original, PI.result()), (reprint, PI.result())])
        assert first.duplicate_of is None
        assert second.duplicate_of == original.content_hash
        rs = ResolutionStore.of(store)
        inc = rs.incident(second.incidents[f"{reprint.content_hash[:16]}:e1"])
        assert inc["reports"] == 2 and inc["independent_sources"] == 1
        assert {m["duplicate_of"] for m in inc["members"]} == {None, original.content_hash}


def test_lsh_index_rebuilds_from_stored_signatures(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        _store_all(store, [(PI.article(), PI.result())])
    with Store(path) as store:  # a new process: the index comes back from DuckDB
        copy = PI.article(text=PI.TEXT + "\nShare this story.", id="again")
        (rep,) = _store_all(store, [(copy, PI.result())])
        assert rep.duplicate_of == PI.article().content_hash
        assert len(ResolutionStore.of(store).near_duplicates) == 2


def test_index_matches_only_above_threshold():
    index = NearDuplicateIndex()
    index.add("a", signature(RISING[0][1]))
    assert index.matches(signature(RISING[0][1])) == [("a", 1.0)]
    assert index.matches(signature(RISING[1][1])) == []


# -- incidents -----------------------------------------------------------------------------

def test_reports_of_one_bombing_join_and_another_city_stays_apart():
    docs = [report(a, t, d, k, status=s, source_type=st) for a, t, d, k, s, st in RISING]
    other = report("geo-1", "A roadside bomb killed 11 people in Karachi.", date(2023, 3, 4), 11, place=KARACHI)
    with Store(":memory:") as store:
        reps = _store_all(store, docs + [other])
        ids = {r.incidents[next(iter(r.incidents))] for r in reps[:3]}
        assert len(ids) == 1
        assert reps[3].incidents[next(iter(reps[3].incidents))] not in ids
        members = ResolutionStore.of(store).incident(ids.pop())["members"]
        assert "same place Quetta" in members[-1]["rationale"]


def test_far_apart_dates_do_not_merge():
    a = member_from_event(report("x-1", RISING[0][1], date(2023, 3, 3), 10)[1].events[0],
                          article="a", source="a", reported=date(2023, 3, 3))
    b = member_from_event(report("y-1", RISING[0][1], date(2023, 4, 3), 10)[1].events[0],
                          article="b", source="b", reported=date(2023, 4, 3))
    same_day = dataclasses.replace(a, id="e2", article="c", source="c")
    assert compare(a, same_day) is not None and compare(a, b) is None


def _bombing(aid: str, text: str, day: date, killed: int | None, **kw):
    article, result = report(aid, text, day, killed, **kw)
    return member_from_event(result.events[0].model_copy(update={"id": aid}), article=aid, source=aid, reported=day)


def test_two_events_of_one_article_never_merge():
    a = _bombing("x-1", RISING[0][1], date(2023, 3, 3), 10)
    twin = dataclasses.replace(a, id="x-2")  # the article's second event: in-article merge kept it apart
    assert compare(a, twin) is None
    assert compare(a, dataclasses.replace(a, id="y-1", article="y", source="y")) is not None


def test_opposite_compass_cues_and_victim_kinds_conflict():
    sw = _bombing("a-1", "Bomb kills at least two in southwest Pakistan: police", date(2013, 5, 23), 2, place=None)
    nw = _bombing("b-1", "Two security personnel killed in clashes with militants in northwest Pakistan",
                  date(2013, 5, 23), 2, place=None)
    assert sw.compass == ("SW",) and nw.compass == ("NW",)
    assert compare(sw, nw) is None
    north = _bombing("c-1", "Blast kills two in north Pakistan", date(2013, 5, 23), 2, place=None)
    assert compare(nw, north) is not None  # 45 degrees apart: may be one place
    soldiers = dataclasses.replace(nw, id="d-1", article="d", victims="security forces", compass=())
    militants = dataclasses.replace(nw, id="e-1", article="e", victims="militants", compass=())
    assert compare(soldiers, militants) is None


def test_an_actor_the_text_does_not_name_neither_ties_nor_separates():
    named = _bombing("a-1", "Taliban gunmen kill 17 in Pakistan air force base attack", date(2015, 9, 18), 17,
                     place=None)
    named = dataclasses.replace(named, actor1=("AFG", "armed"))
    article, result = report("b-1", "Militants attack air force base in Pak, 17 killed", date(2015, 9, 18), 17,
                             place=None)
    # the pipeline's "Unidentified Armed Group (Pakistan)": implied, so no text
    guessed = result.events[0].model_copy(update={"id": "b-1", "actor1": Actor(
        text="", name="Unidentified Armed Group (Pakistan)", country="PAK", sector="UAF")})
    unnamed = member_from_event(guessed, article="b", source="b", reported=date(2015, 9, 18))
    assert unnamed.actor1 == (None, None)
    assert compare(named, unnamed).tie >= 4  # the base, the toll and the day
    rival = dataclasses.replace(unnamed, actor1=("PAK", "armed"))  # named in the text: a conflict
    assert compare(named, rival) is None


def test_civilians_are_never_read_as_the_attacking_side():
    rally = _bombing("a-1", "Suicide attack kills eight at Pakistan election rally", date(2013, 4, 16), 8, place=None)
    troops = dataclasses.replace(rally, id="b-1", article="b", source="b", actor2=("PAK", "state"), best=9)
    assert rally.actor1 == (None, None) and rally.actor2 == ("PAK", "civilian")
    assert compare(rally, troops) is None  # no swapped reading makes the civilians the attackers
    clash = dataclasses.replace(troops, id="c-1", article="c", source="c", actor2=("PAK", "armed"))
    assert compare(troops, clash) is not None  # soldiers killed / militants killed: one clash either way


def test_revised_tolls_of_one_size_are_compatible_and_close_large_ones_tie():
    def pair(x, y):
        a = _bombing("a-1", "Blast kills many in Quetta", date(2023, 3, 3), x, place=None, mode=None)
        return compare(a, dataclasses.replace(a, id="b-1", article="b", source="b", best=y))
    assert pair(23, 25).tie > pair(23, 40).tie  # "23 dead", "25 killed": a revision
    assert "23 and 25 killed" in pair(23, 25).reasons
    assert pair(3, 4).reasons == pair(3, 5).reasons  # small tolls are common: no tie for being close
    assert pair(10, 40) is None  # beyond a revision


def test_shared_words_are_singular_and_leave_the_place_to_the_place_tie():
    from eventwire.resolve.cross import keywords

    assert keywords("Bombings kill Hazaras at markets") == ("hazara", "market")
    waziristan = Location(text="North Waziristan", name="Khyber Pakhtunkhwa", country="PK",
                          admin1="Khyber Pakhtunkhwa", lat=34.0, lon=71.5, geonameid=1168873, feature="ADM1",
                          geo_precision=3)
    m = _bombing("a-1", "Roadside bomb kills six soldiers in North Waziristan", date(2014, 6, 16), 6,
                 place=waziristan)
    assert "waziristan" not in m.words and "roadside" in m.words


def test_words_naming_the_events_countries_tie_nothing_in_any_country():
    # "Nigerian" in two reports of events in Nigeria says no more than the country blocking
    # already shares; the same holds of the actors' countries (a shared dyad ties nothing)
    maiduguri = Location(text="Maiduguri", name="Maiduguri", country="NG", admin1="Borno", lat=11.85, lon=13.16,
                         geonameid=2331447, feature="PPLA", geo_precision=1)
    m = _bombing("a-1", "Nigerian troops said a bomb killed five Nigerians at a Maiduguri market",
                 date(2015, 2, 1), 5, place=maiduguri)
    assert "nigerian" not in m.words and "market" in m.words
    # a country that is neither the place's nor an actor's tells incidents apart
    c = _bombing("b-1", "Bomb kills five Chinese engineers in Quetta, Pakistani police say", date(2015, 2, 1), 5)
    assert "chinese" in c.words and "engineer" in c.words and "pakistani" not in c.words


def test_days_apart_need_stronger_ties_than_the_same_day():
    text = "A bomb blast at a mosque in Quetta killed 10 worshippers."
    first = _bombing("a-1", text, date(2023, 3, 3), 10)
    same = compare(first, _bombing("b-1", text, date(2023, 3, 3), 10))
    later = compare(first, _bombing("c-1", text, date(2023, 3, 5), 10))
    coarse = compare(first, dataclasses.replace(_bombing("d-1", text, date(2023, 3, 5), 10), precision="month"))
    assert same.tie > later.tie > coarse.tie


def test_an_equal_small_toll_ties_less_than_an_equal_large_one():
    def pair(killed):
        a = _bombing("a-1", "Blast in Pakistan", date(2023, 3, 3), killed, place=None, mode=None)
        return compare(a, dataclasses.replace(a, id="b-1", article="b", source="b")).tie
    assert pair(2) < pair(48)


def test_revisions_keep_every_toll_and_pick_the_official_figure():
    docs = [report(a, t, d, k, status=s, source_type=st) for a, t, d, k, s, st in RISING]
    with Store(":memory:") as store:
        reps = _store_all(store, docs)
        rs = ResolutionStore.of(store)
        inc = rs.incident(reps[-1].incidents[next(iter(reps[-1].incidents))])
        # most recent *official* figure (police: 13), not the latest media one (12)
        assert (inc["fatalities_low"], inc["fatalities_best"], inc["fatalities_high"]) == (10, 13, 13)
        assert inc["status"] == "confirmed" and inc["first_report"] == date(2023, 3, 3)
        assert inc["last_report"] == date(2023, 3, 5) and inc["independent_sources"] == 3
        tolls = [r for r in inc["revisions"] if r["field"] == "fatalities"]
        assert [r["reported"] for r in tolls] == [date(2023, 3, 3), date(2023, 3, 4), date(2023, 3, 5)]
        assert [r["changed"] for r in tolls] == [False, True, True]
        assert [r["current"] for r in tolls] == [False, True, False]
        status = [r for r in inc["revisions"] if r["field"] == "status" and r["current"]]
        assert len(status) == 1 and status[0]["article_id"] == "reuters-1"


def test_incremental_equals_batch_in_any_order():
    docs = [report(a, t, d, k, status=s, source_type=st) for a, t, d, k, s, st in RISING]
    docs.append(report("geo-1", "A roadside bomb killed 11 people in Karachi.", date(2023, 3, 4), 11, place=KARACHI))
    docs.append(report("geo-2", "Eleven killed by a bomb in Karachi, police say.", date(2023, 3, 5), 11,
                       place=KARACHI, source_type="police"))
    digests = set()
    for seed in range(4):
        order = docs[:]
        random.Random(seed).shuffle(order)
        with Store(":memory:") as store:
            _store_all(store, order)
            digests.add(incident_digest(store))
            assert len(ResolutionStore.of(store).incidents()) == 2
    assert len(digests) == 1


def test_resolver_core_is_order_and_batch_independent():
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from resolve_bench import synthetic

    members = synthetic(1500, seed=3)
    once = Resolver()
    once.add(members)
    shuffled = members[:]
    random.Random(5).shuffle(shuffled)
    piecewise = Resolver()
    for i in range(0, len(shuffled), 7):
        piecewise.add(shuffled[i:i + 7])
    assert once.incidents == piecewise.incidents
    assert len(once.incidents) < len(members)  # some reports did merge


# -- links ---------------------------------------------------------------------------------

def test_example_retaliation_link_survives_into_incident_links(pipeline):
    if not EXAMPLE.exists():
        pytest.skip(f"example not found at {EXAMPLE}")
    article = Article(id="pakistan-iran-strikes", text=EXAMPLE.read_text(encoding="utf-8"), date=date(2024, 2, 7))
    result = pipeline.extract(article)
    with Store(":memory:") as store:
        (rep,) = _store_all(store, [(article, result)])
        rs = ResolutionStore.of(store)
        links = [(l["type"], l["incident_id"], l["target_id"]) for l in rs.links()]
        retaliation = [l for l in links if l[0] == "retaliation_for"]
        assert retaliation, links
        source, target = rs.incident(retaliation[0][1]), rs.incident(retaliation[0][2])
        assert (source["actor1_country"], source["type"]) == ("PAK", "ASSAULT")
        assert (target["actor1_country"], target["type"]) == ("IRN", "ASSAULT")


def test_cross_article_retaliation_from_cue():
    strike = report("irna-1", "Iranian missiles struck militant bases in Quetta, killing 2.", date(2024, 1, 16), 2)
    strike[1].events[0].actor1 = Actor(text="Iran", name="Military Forces of Iran", country="IRN", sector="MIL")
    text = "Pakistan launched retaliatory strikes on militant hideouts in Saravan."
    back = report("dawn-9", text, date(2024, 1, 18), None, place=None)
    back[1].events[0].actor1 = Actor(text="Pakistan", name="Military Forces of Pakistan", country="PAK", sector="MIL")
    back[1].events[0].actor2 = Actor(text="hideouts", name="militants", country="IRN", sector="REB")
    with Store(":memory:") as store:
        _store_all(store, [back, strike])  # the answer arrives first
        (link,) = [l for l in ResolutionStore.of(store).links() if l["type"] == "retaliation_for"]
        assert link["origin"] == "cross" and '"text": "retaliatory"' in link["evidence"]


# -- scoring -------------------------------------------------------------------------------

def test_cluster_scores_on_a_small_case():
    gold = {"a": 1, "b": 1, "c": 2, "d": 3}
    assert pairwise(gold, gold)["f1"] == 1.0 and bcubed(gold, gold)["f1"] == 1.0
    merged = {"a": "x", "b": "x", "c": "x", "d": "y"}
    assert pairwise(gold, merged)["precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert pairwise(gold, merged)["recall"] == 1.0
    b3 = bcubed(gold, {k: k for k in gold})
    assert b3["precision"] == 1.0 and b3["recall"] == pytest.approx(0.75)


def test_ucdp_headlines_are_split_dated_and_shuffled_deterministically():
    records = [
        {"id": "1", "text": "Bomb kills 5 in Quetta;Quetta blast toll rises", "gold": {"date_start": "2013-01-10"}},
        {"id": "2", "text": "Bomb kills 5 in Quetta", "gold": {"date_start": "2014-02-01"}},
    ]
    items = headlines(records)
    assert items == headlines(records) and len(items) == 3
    dated = {(g, a.date.isoformat()) for g, a in items}
    assert dated == {("1", "2013-01-10"), ("2", "2014-02-01")}
    assert len({a.content_hash for _, a in items}) == 3  # a reused headline is its own article


def test_identical_headlines_of_different_events_are_counted_apart():
    from eventwire.evaluate.resolve import identical_headlines

    gold = {"a": 1, "b": 2, "c": 1, "d": 3}
    text = {"a": "30 killed in offensive", "b": "30 killed in offensive", "c": "Offensive kills 30", "d": "Other"}
    pred = {"a": "x", "b": "x", "c": "x", "d": "y"}
    out = identical_headlines(gold, pred, text)
    assert (out["texts"], out["headlines"], out["wrong_pairs"]) == (1, 2, 1)
    assert out["precision_excluding"] == 0.5  # a-c right, b-c wrong; a-b is a copy


# -- batches and order -----------------------------------------------------------------------

def _linked_docs():
    docs = [report(a, t, d, k, status=s, source_type=st) for a, t, d, k, s, st in RISING]
    strike = report("irna-1", "Iranian missiles struck militant bases in Quetta, killing 2.", date(2023, 3, 2), 2)
    strike[1].events[0].actor1 = Actor(text="Iran", name="Military Forces of Iran", country="IRN", sector="MIL")
    back = report("dawn-9", "Pakistan launched retaliatory strikes on militant hideouts in Saravan.",
                  date(2023, 3, 6), None, place=None)
    back[1].events[0].actor1 = Actor(text="Pakistan", name="Military Forces of Pakistan", country="PAK", sector="MIL")
    back[1].events[0].actor2 = Actor(text="hideouts", name="militants", country="IRN", sector="REB")
    docs += [strike, back]
    docs.append(report("geo-1", "A roadside bomb killed 11 people in Karachi.", date(2023, 3, 4), 11, place=KARACHI))
    return docs


def _tables(store) -> dict:
    tables = ("incidents", "incident_members", "incident_revisions", "incident_links", "incident_link_keys")
    return {t: sorted(map(repr, store.query(f"SELECT * FROM {t}"))) for t in tables}


def test_batches_in_any_order_write_the_same_tables_as_one_at_a_time():
    from eventwire.store.resolution import resolve_articles

    docs = _linked_docs()
    with Store(":memory:") as store:
        _store_all(store, docs)
        reference = _tables(store)
        assert any(l["type"] == "retaliation_for" for l in ResolutionStore.of(store).links())
    for seed, size in ((1, 1), (2, 2), (3, 3), (4, len(docs))):
        order = docs[:]
        random.Random(seed).shuffle(order)
        with Store(":memory:") as store:
            for i in range(0, len(order), size):
                batch = order[i:i + size]
                store.add_results(batch)
                resolve_articles(store, batch)
            assert _tables(store) == reference, (seed, size)


def test_the_resolution_indexes_reload_from_the_tables(tmp_path):
    docs = _linked_docs()
    path = tmp_path / "r.duckdb"
    with Store(path) as store:
        _store_all(store, docs[:4])
    with Store(path) as store:  # a new process: resolver, link index and versions reload
        _store_all(store, docs[4:])
        reloaded = _tables(store)
    with Store(":memory:") as store:
        _store_all(store, docs)
        assert _tables(store) == reloaded


def test_resolution_is_scored_on_each_part_of_the_split():
    from eventwire.evaluate.resolve import score_parts
    from eventwire.evaluate.split import part_of

    ids = [str(n) for n in range(40)]
    tune = [i for i in ids if part_of("ucdp", i) == "tune"][:2]
    report = [i for i in ids if part_of("ucdp", i) == "report"][:2]
    gold = {"t1": tune[0], "t2": tune[0], "t3": tune[1], "r1": report[0], "r2": report[1]}
    pred = {"t1": "x", "t2": "x", "t3": "x", "r1": "y", "r2": "y"}
    parts = score_parts(gold, pred, {k: k for k in gold})
    assert parts["tune"]["headlines"] == 3 and parts["report"]["headlines"] == 2
    assert parts["tune"]["pairwise"]["precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert parts["report"]["pairwise"]["precision"] == 0.0  # r1, r2: two events in one incident


def test_stop_words_are_spacys_without_importing_spacy_in_the_writer():
    from spacy.lang.en.stop_words import STOP_WORDS

    from eventwire.resolve.cross import _spacy_stop_words

    assert _spacy_stop_words() == STOP_WORDS


# -- whole articles, as a user runs them ---------------------------------------------------

_REUTERS = """date 2025-03-14
Suicide bomber kills 12 at army camp in Somalia

MOGADISHU, March 14 (Reuters) - A suicide bomber drove a car packed with explosives into an army training camp in Mogadishu on Friday, killing at least 12 soldiers and wounding 20, a military officer said.

Al Shabaab claimed responsibility for the attack in a statement on its Andalus radio station.
"""
_AP = """date 2025-03-14
At least 12 soldiers killed in suicide car bombing at Somali military base

MOGADISHU, Somalia (AP) - A suicide car bomber struck a military training base in Somalia's capital on Friday, killing at least 12 soldiers, a Somali military official said.

Captain Abdullahi Hassan told The Associated Press that the attacker rammed the gates of the camp as recruits gathered for morning drills. Twenty others were wounded, he said.

The al-Qaida-linked al-Shabab extremist group said it carried out the attack.
"""
_OTHER = """date 2025-03-14
Gunmen kill five at tea shop in southern Somalia

KISMAYO, Somalia (Reuters) - Gunmen opened fire on a tea shop in the southern port city of Kismayo on Friday, killing five civilians, police said.

Police officer Ahmed Nur said the attackers escaped. No group claimed the attack.
"""


def test_two_outlets_reports_of_one_bombing_are_one_incident_and_another_attack_is_not(pipeline):
    """Reuters' and AP's stories of one Mogadishu bombing each code one attack (headline,
    lede and claim of responsibility merged in the article), by al-Shabaab, in Mogadishu,
    and the two join one incident; a shooting in Kismayo the same day stays apart."""
    from eventwire.ingest.crawler import read_crawler_text

    docs = []
    for name, text in (("reuters", _REUTERS), ("ap", _AP), ("kismayo", _OTHER)):
        article = read_crawler_text(text, name, f"{name}.txt")[0]
        docs.append((article, pipeline.extract(article)))
    attacks = {a.id: [e for e in r.events if e.type in ("ASSAULT", "FIGHT")] for a, r in docs}
    assert {k: len(v) for k, v in attacks.items()} == {"reuters": 1, "ap": 1, "kismayo": 1}
    for name in ("reuters", "ap"):
        ev = attacks[name][0]
        assert ev.actor1 is not None and ev.actor1.name == "Al Shabaab", name
        assert ev.location is not None and ev.location.name == "Mogadishu", name
    with Store(":memory:") as store:
        _store_all(store, docs)
        rs = ResolutionStore.of(store)
        by_article = {}
        for article, result in docs:
            ev = attacks[article.id][0]
            by_article[article.id] = rs.incident_of(global_event_id(article.content_hash, ev.id))
    assert by_article["reuters"] == by_article["ap"] is not None
    assert by_article["kismayo"] != by_article["reuters"]
