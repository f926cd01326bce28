"""CASE 2021 task 2 snippets: ACLED sub-event type.

Over snippets whose gold class has an ACLED sub-event type, the prediction is the
sub-event type of the highest-confidence event that carries one (none = wrong); names are
compared case-insensitively. Snippets whose class lies outside ACLED (DIPLO, ORG_CRIME,
disasters...) are right when no event of ours carries an ACLED type; that share is
reported per CASE class.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from eventwire.evaluate.location import LocationTally, format_location
from eventwire.evaluate.split import select
from eventwire.evaluate.common import (
    Calibration, Confusion, Extractor, best_event, error_count, format_calibration, format_confusion,
    format_rate, header, load_jsonl, pct, predict, rate, subsample, table,
)

FILE = "case2021_task2.dev.jsonl"


def _acled(ev) -> bool:
    return bool(ev.acled_sub_event_type)


def run_case(path: str | Path, extract: Extractor, sample: int | None = None, part: str | None = None) -> dict:
    records = subsample(select(load_jsonl(path), "case", part), sample)
    results = predict(records, extract, "case")
    canon = {}  # lower-case name -> gold spelling, so the table shows gold names
    subs = Confusion()
    cal = Calibration()
    null_n: Counter[str] = Counter()
    null_ok: Counter[str] = Counter()
    where = LocationTally()
    for rec, res in zip(records, results):
        gold = rec["gold"]
        where.add_events(res.events)
        ev = best_event(res.events, _acled)
        if gold.get("acled_sub_event_type") is None:
            null_n[gold["case_label"]] += 1
            null_ok[gold["case_label"]] += int(ev is None)
            continue
        g = gold["acled_sub_event_type"]
        canon[g.lower()] = g
        pred = canon.get(ev.acled_sub_event_type.lower(), ev.acled_sub_event_type) if ev else None
        right = subs.add(g, pred)
        if ev is not None:
            cal.add(ev.confidence, right)
    return {
        "set": "case", "file": str(path), "n": len(records), "errors": error_count(results),
        "acled_sub_event_type": subs.to_dict(),
        "null_gold_no_acled": rate(sum(null_ok.values()), sum(null_n.values())),
        "null_gold_by_class": {k: rate(null_ok[k], n) for k, n in sorted(null_n.items())},
        "location": where.to_dict(),
        "calibration": cal.to_dict(),
    }


def format_report(result: dict) -> str:
    rows = [[k, r["n"], r["correct"], pct(r["accuracy"])] for k, r in result["null_gold_by_class"].items()]
    return "\n".join([
        header("CASE 2021 task 2 snippets", result),
        format_confusion(result["acled_sub_event_type"], "ACLED sub-event type"), "",
        format_rate("classes outside ACLED left without an ACLED type", result["null_gold_no_acled"]),
        table(["CASE class", "n", "no ACLED", "share"], rows), "",
        format_location(result["location"]), "",
        format_calibration(result["calibration"], "calibration (correct = sub-event right)"),
    ])
