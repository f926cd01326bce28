"""Scorers on tiny handmade gold files and a fake extractor whose answers are known, so
every figure below is worked out by hand: a scorer that counts wrong fails here."""

from __future__ import annotations

import json
from datetime import date

import pytest

from eventwire.evaluate import format_report, run_all
from eventwire.evaluate.case import run_case
from eventwire.evaluate.codes import gold_country, gold_sector, plover_gsr_label, ucdp_side_country
from eventwire.evaluate.common import Calibration, Confusion, numbers_in, subsample
from eventwire.evaluate.petrarch import run_petrarch
from eventwire.evaluate.plover import run_plover
from eventwire.evaluate.ucdp import run_ucdp
from eventwire.model import Actor, Article, DocumentResult, Event


def actor(country=None, sector=None, name="x"):
    return Actor(text=name, name=name, country=country, sector=sector)


def event(type_="ASSAULT", confidence=0.5, a1=None, a2=None, **kw):
    return Event(id=f"e{confidence}", type=type_, confidence=confidence, actor1=a1, actor2=a2, **kw)


class Fake:
    """Answers by the article text, and records every article it was given."""

    def __init__(self, answers: dict[str, list[Event]]):
        self.answers = answers
        self.seen: list[Article] = []

    def __call__(self, article: Article) -> DocumentResult:
        self.seen.append(article)
        return DocumentResult(id=article.id, events=self.answers.get(article.text, []))


def write(tmp_path, name, records):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


# --- PLOVER ------------------------------------------------------------------------

PLOVER = [
    {"id": "P1", "text": "Japan and China agreed on Monday to expand trade.",
     "gold": {"event": "AGREE", "source": [{"actorText": "Japan", "code": "JAP", "sector": "GOV"}],
              "target": [{"actorText": "China", "code": "CHN", "sector": "GOV"}]}},
    {"id": "P2", "text": "Serbia demanded that Albania hand over the suspects.",
     "gold": {"event": "DEMAND", "source": [{"actorText": "Serbia", "code": "SRB"}],
              "target": [{"actorText": "Albania", "code": "ALB"}]}},
    {"id": "P3", "text": "Sudanese rebels shelled the southern regional capital Juba on Sunday.",
     "gold": {"event": "FIGHT", "source": [{"actorText": "Sudanese rebels", "code": "SDN", "sector": "REB"}],
              "target": []}},
    {"id": "P4", "text": "The United Nations agreed to send observers.",
     "gold": {"event": "AGREE", "source": [{"actorText": "United Nations", "code": "IGO"}], "target": "diplomatic"}},
]


def plover_fake():
    return Fake({
        PLOVER[0]["text"]: [event("CONSULT", 0.3), event("AGREE", 0.9, actor("JPN", "GOV"), actor("CHN", "MIL"))],
        PLOVER[1]["text"]: [event("REQUEST", 0.8, actor("SRB", "GOV"), actor("SRB"))],
        PLOVER[2]["text"]: [event("ASSAULT", 0.6, actor("SDN", "REB"), cameo="194", mode="heavy-weapons")],
        # P4: no event at all -> wrong
    })


def test_plover_counts_by_hand(tmp_path):
    fake = plover_fake()
    r = run_plover(write(tmp_path, "p.jsonl", PLOVER), fake)
    t = r["event_type"]
    assert (t["correct"], t["n"]) == (3, 4)  # REQUEST->DEMAND and heavy-weapons ASSAULT->FIGHT count
    assert t["per_class"]["AGREE"] == pytest.approx(
        {"support": 2, "predicted": 1, "correct": 1, "precision": 1.0, "recall": 0.5, "f1": 2 / 3})
    assert t["macro_f1"] == pytest.approx((2 / 3 + 1 + 1) / 3)
    assert t["confusion"]["AGREE"] == {"(none)": 1, "AGREE": 1}
    # JAP is JPN; IGO gold needs an IGO actor, and P4 has none
    assert (r["source_country"]["correct"], r["source_country"]["n"]) == (3, 4)
    # P3 has no target and P4's target is not an actor: both skipped
    assert (r["target_country"]["correct"], r["target_country"]["n"]) == (1, 2)
    assert (r["source_sector"]["correct"], r["source_sector"]["n"]) == (2, 2)
    assert (r["target_sector"]["correct"], r["target_sector"]["n"]) == (0, 1)
    assert r["calibration"]["n"] == 3


def test_plover_report_prints_per_class_table(tmp_path):
    text = format_report(run_plover(write(tmp_path, "p.jsonl", PLOVER), plover_fake()))
    assert "AGREE" in text and "DEMAND" in text and "macro-F1" in text and "source country" in text


def test_extractor_sees_only_text_and_neutral_id(tmp_path):
    fake = plover_fake()
    run_plover(write(tmp_path, "p.jsonl", PLOVER), fake)
    assert [a.text for a in fake.seen] == [r["text"] for r in PLOVER]
    for a in fake.seen:
        assert a.id.startswith("plover-") and not any(r["id"] in a.id for r in PLOVER)
        assert a.date is None and a.title is None and a.source is None


# --- PETRARCH ------------------------------------------------------------------------

PETRARCH = [
    {"id": "A1", "date": "20080806",
     "text": "A court in Guyana has issued arrest warrants for two Brazilian men, a police officer said.",
     "gold": {"noevents": False, "events": [{"eventcode": "173", "sourcecode": "GUYJUD", "targetcode": "BRAPPL"}]}},
    {"id": "A2", "date": "20080807",
     "text": "Brazil and the United States are seeking to deepen a partnership in energy.",
     "gold": {"noevents": False, "events": [{"eventcode": "031", "sourcecode": "BRA", "targetcode": "USA"},
                                            {"eventcode": "1124", "sourcecode": "USA", "targetcode": "BRA"}]}},
    {"id": "A3", "date": "20080808",
     "text": "China remained mum on the proposal.",
     "gold": {"noevents": True, "events": []}},
    {"id": "A4", "date": "20080809",
     "text": "Washington said such a step enjoyed support from Moscow.",
     "gold": {"noevents": True, "events": []}},
]


def test_petrarch_counts_by_hand(tmp_path):
    fake = Fake({
        PETRARCH[0]["text"]: [event("COERCE", 0.7, actor("GUY", "JUD"), actor("BRA", "CVL"), cameo="173")],
        PETRARCH[1]["text"]: [event("ACCUSE", 0.9, actor("USA"), actor("CHN"), cameo="112")],  # root 11 matches 1124
        PETRARCH[3]["text"]: [event("SUPPORT", 0.5, cameo="051")],
    })
    r = run_petrarch(write(tmp_path, "t.jsonl", PETRARCH), fake)
    assert (r["cameo_root"]["correct"], r["cameo_root"]["n"]) == (2, 2)
    assert set(r["cameo_root"]["per_class"]) == {"17", "11"}
    assert (r["noevents"]["correct"], r["noevents"]["n"]) == (1, 2)
    assert (r["source_country"]["correct"], r["source_country"]["n"]) == (2, 2)
    assert (r["target_country"]["correct"], r["target_country"]["n"]) == (1, 2)
    assert fake.seen[0].date == date(2008, 8, 6)


def test_petrarch_wrong_root_is_wrong(tmp_path):
    fake = Fake({PETRARCH[0]["text"]: [event("ASSAULT", 0.7, cameo="190")]})
    r = run_petrarch(write(tmp_path, "t.jsonl", PETRARCH[:2]), fake)
    assert r["cameo_root"]["correct"] == 0
    assert r["cameo_root"]["confusion"] == {"17": {"19": 1}, "03": {"(none)": 1}}


# --- CASE ------------------------------------------------------------------------------

CASE = [
    {"id": "1", "text": "The US warplanes pounded the village of Kashkash, killing 6 civilians.",
     "gold": {"case_label": "AIR_STRIKE", "acled_sub_event_type": "Air/drone strike"}},
    {"id": "2", "text": "Thousands marched peacefully in Lagos against the fuel price rise.",
     "gold": {"case_label": "PEACE_PROTEST", "acled_sub_event_type": "Peaceful protest"}},
    {"id": "3", "text": "The two foreign ministers met in Geneva to discuss the talks.",
     "gold": {"case_label": "DIPLO", "acled_sub_event_type": None}},
    {"id": "4", "text": "Floods killed 12 people in Assam on Tuesday.",
     "gold": {"case_label": "NATURAL_DISASTER", "acled_sub_event_type": None}},
]


def test_case_counts_by_hand(tmp_path):
    fake = Fake({
        # the ACLED-typed event is judged, even when a statement event is more confident
        CASE[0]["text"]: [event("ACCUSE", 0.9), event("ASSAULT", 0.6, acled_sub_event_type="air/drone strike")],
        CASE[1]["text"]: [event("PROTEST", 0.8, acled_sub_event_type="Violent demonstration")],
        CASE[2]["text"]: [event("CONSULT", 0.8)],
        CASE[3]["text"]: [event("ASSAULT", 0.4, acled_sub_event_type="Attack")],
    })
    r = run_case(write(tmp_path, "c.jsonl", CASE), fake)
    s = r["acled_sub_event_type"]
    assert (s["correct"], s["n"]) == (1, 2)
    assert s["per_class"]["Air/drone strike"]["f1"] == 1.0
    assert s["per_class"]["Peaceful protest"]["recall"] == 0.0
    assert (r["null_gold_no_acled"]["correct"], r["null_gold_no_acled"]["n"]) == (1, 2)
    assert r["null_gold_by_class"]["NATURAL_DISASTER"]["correct"] == 0
    assert "Peaceful protest" in format_report(r)


# --- UCDP ------------------------------------------------------------------------------

UCDP = [
    {"id": "1", "text": "Five Kashmiris reported killed by Indian shelling.",
     "gold": {"type_of_violence": "state-based", "side_a": "Government of India", "side_b": "Government of Pakistan",
              "country": "Pakistan", "best": 5}},
    {"id": "2", "text": "Gunmen kill 3 worshippers at a mosque in Quetta.",
     "gold": {"type_of_violence": "one-sided", "side_a": "LeJ", "side_b": "Civilians", "country": "Pakistan", "best": 3}},
    {"id": "3", "text": "Militants clash with tribal lashkar in Orakzai.",
     "gold": {"type_of_violence": "non-state", "side_a": "IS", "side_b": "TTP", "country": "Pakistan", "best": 7}},
]


def test_ucdp_counts_by_hand(tmp_path):
    fake = Fake({
        UCDP[0]["text"]: [event("ASSAULT", 0.8, actor("IND", "MIL"), actor("PAK", "CVL"),
                                ucdp_type_of_violence=1, fatalities={"best": 5})],
        UCDP[1]["text"]: [event("ASSAULT", 0.7, actor(None, "REB"), actor("PAK", "CVL"),
                                ucdp_type_of_violence=1, fatalities={"best": 30})],
        UCDP[2]["text"]: [event("ASSAULT", 0.5, actor("PAK", "REB"), actor(None, "REB"))],  # untyped -> (none)
    })
    r = run_ucdp(write(tmp_path, "u.jsonl", UCDP), fake)
    v = r["type_of_violence"]
    assert (v["correct"], v["n"]) == (1, 3)
    assert v["confusion"]["3 one-sided"] == {"1 state-based": 1}
    assert v["confusion"]["2 non-state"] == {"(none)": 1}
    # side A: IND right; LeJ=PAK found in either actor (the civilians' country); IS unscored.
    # side B: PAK, civilians->PAK, TTP->PAK all present
    assert (r["side_a_country"]["correct"], r["side_a_country"]["n"]) == (2, 2)
    assert (r["side_b_country"]["correct"], r["side_b_country"]["n"]) == (3, 3)
    assert (r["sides_ordered"]["correct"], r["sides_ordered"]["n"]) == (1, 2)
    # headline 3 does not state 7: only two fatality checks, one exact
    assert (r["fatalities_best"]["correct"], r["fatalities_best"]["n"]) == (1, 2)


# --- shared pieces ------------------------------------------------------------------------

def test_gold_code_normalisation():
    assert gold_country("JAP") == "JPN"
    assert gold_country("USAGOV") == "USA"
    assert gold_country("IGOUNO") == "IGO"
    assert gold_country("---REB") is None
    assert gold_country("ISM") is None
    assert gold_country("CIV") == "CIV"  # Côte d'Ivoire, not civilians
    assert gold_sector("CVLalb") == "CVL" and gold_sector("CIV") == "CVL" and gold_sector("***") is None
    assert ucdp_side_country("Government of United States of America", "Pakistan") == "USA"
    assert ucdp_side_country("Government of India", "Pakistan") == "IND"
    assert ucdp_side_country("Lashkar of Kukikhel clan", "Pakistan") == "PAK"
    assert ucdp_side_country("al-Qaida", "Pakistan") is None
    assert plover_gsr_label(event("ACCUSE", mode="investigate")) == "INVESTIGATE"
    assert plover_gsr_label(event("ACCUSE", mode="allege")) == "DISAPPROVE"
    assert plover_gsr_label(event("ASSAULT", mode="beat")) == "ASSAULT"
    assert plover_gsr_label(None) is None


def test_confusion_and_calibration():
    c = Confusion()
    for g, p in [("A", "A"), ("A", "B"), ("B", "B"), ("B", None)]:
        c.add(g, p)
    d = c.to_dict()
    assert d["accuracy"] == 0.5 and d["majority_baseline"] == 0.5
    assert d["per_class"]["B"]["precision"] == 0.5 and d["per_class"]["B"]["recall"] == 0.5
    cal = Calibration()
    for conf, ok in [(0.95, True), (0.95, False), (0.1, False), (1.0, True)]:
        cal.add(conf, ok)
    t = cal.to_dict()
    assert t["n"] == 4 and t["bins"][-1]["n"] == 3 and t["bins"][-1]["correct"] == 2
    pooled = Calibration.merge([t, t])
    assert pooled["n"] == 8 and pooled["bins"][0]["n"] == 2 and pooled["ece"] == pytest.approx(t["ece"])


def test_numbers_in_reads_digits_and_words():
    assert numbers_in("Five killed, 1,200 displaced in 2009 floods", {"five": 5}) == {5, 1200, 2009}
    assert numbers_in("Blast in Quetta", {"five": 5}) == set()


def test_subsample_is_even_and_deterministic():
    recs = [{"i": i} for i in range(100)]
    assert [r["i"] for r in subsample(recs, 4)] == [0, 25, 50, 75]
    assert subsample(recs, None) is recs


def test_run_all_uses_batching_and_lists_missing(tmp_path):
    write(tmp_path, "plover_gsr.dev.jsonl", PLOVER)
    fake = plover_fake()

    class Batched:
        calls = 0

        def extract_many(self, articles):
            Batched.calls += 1
            return (fake(a) for a in articles)

    r = run_all(tmp_path, Batched())
    assert Batched.calls == 1
    assert r["sets"]["plover"]["event_type"]["correct"] == 3
    assert r["missing"] == ["petrarch", "case", "ucdp", "bbc", "huffpost"]
    assert "missing sets: petrarch" in format_report(r)


def test_guarded_figures_come_from_every_set(tmp_path):
    from eventwire.evaluate.guard import GUARDED, measure

    write(tmp_path, "plover_gsr.dev.jsonl", PLOVER)
    write(tmp_path, "petrarch2_gsr_validation.dev.jsonl", PETRARCH)
    write(tmp_path, "case2021_task2.dev.jsonl", CASE)
    write(tmp_path, "ucdp_ged_pakistan.dev.jsonl", UCDP)
    ordinary = [{"id": "o1", "text": "The striker scored twice.", "gold": {"topic": "sport", "political_violence": False}}]
    write(tmp_path, "bbc_nonconflict.dev.jsonl", ordinary)
    write(tmp_path, "huffpost_topics.dev.jsonl", ordinary)
    figures = measure(plover_fake(), tmp_path)
    assert set(figures) == set(GUARDED)
    assert figures["plover.event_type.accuracy"] == 0.75
    assert figures["petrarch.noevents.accuracy"] == 1.0  # the fake knows no PETRARCH text
    assert figures["ucdp.type_of_violence.accuracy"] == 0.0
    assert figures["bbc.any_event.accuracy"] == 1.0  # the fake codes nothing in ordinary news


def test_a_failing_record_is_wrong_not_fatal(tmp_path):
    good = plover_fake()

    def flaky(article):
        if "Serbia" in article.text:
            raise ValueError("parser blew up")
        return good(article)

    r = run_plover(write(tmp_path, "p.jsonl", PLOVER), flaky)
    assert r["errors"] == 1 and r["event_type"]["correct"] == 2
    assert "1 failed" in format_report(r)


def test_batch_results_with_rewritten_ids_keep_record_order(tmp_path):
    fake = plover_fake()

    class Renaming:
        def extract_many(self, articles):
            for a in articles:
                res = fake(a)
                yield res.model_copy(update={"id": "doc-" + a.text[:5]})

    r = run_plover(write(tmp_path, "p.jsonl", PLOVER), Renaming())
    assert r["event_type"]["correct"] == 3
