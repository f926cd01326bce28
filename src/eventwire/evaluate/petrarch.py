"""PETRARCH2 gold standard validation sentences (AFP 2008): CAMEO root and actors.

The judged prediction is the sentence's highest-confidence event. Its CAMEO root (first
two digits) is right when any gold event of the sentence has that root; the confusion
table files a hit under the matched root and a miss under the first gold event's root.
Source/target country (the first three letters of the gold codes, normalised) is right
when it matches any gold event's. Sentences coded `noevents` are scored on their own:
right when we output no event at all.
"""

from __future__ import annotations

from pathlib import Path

from eventwire.evaluate.codes import actor_code, gold_country
from eventwire.evaluate.split import select
from eventwire.evaluate.common import (
    Calibration, Confusion, Extractor, best_event, error_count, format_calibration, format_confusion,
    format_rate, header, load_jsonl, predict, rate, subsample,
)

FILE = "petrarch2_gsr_validation.dev.jsonl"


def cameo_root(code: str | None) -> str | None:
    return code[:2] if code and len(code) >= 2 and code[:2].isdigit() else None


def run_petrarch(path: str | Path, extract: Extractor, sample: int | None = None, part: str | None = None) -> dict:
    records = subsample(select(load_jsonl(path), "petrarch", part), sample)
    results = predict(records, extract, "petrarch", use_date=True)
    roots = Confusion()
    cal = Calibration()
    silent = [0, 0]
    actors = {"source_country": [0, 0], "target_country": [0, 0]}
    for rec, res in zip(records, results):
        gold = rec["gold"]
        if gold.get("noevents") or not gold.get("events"):
            silent[1] += 1
            silent[0] += int(not res.events)
            continue
        ev = best_event(res.events)
        pred = cameo_root(ev.cameo) if ev else None
        gold_roots = [r for e in gold["events"] if (r := cameo_root(e.get("eventcode")))]
        label = pred if pred in gold_roots else (gold_roots[0] if gold_roots else "??")
        right = roots.add(label, pred)
        if ev is not None:
            cal.add(ev.confidence, right)
        for measure, key, actor in (("source_country", "sourcecode", ev.actor1 if ev else None),
                                    ("target_country", "targetcode", ev.actor2 if ev else None)):
            wanted = {c for e in gold["events"] if (c := gold_country(e.get(key)))}
            if wanted:
                actors[measure][1] += 1
                actors[measure][0] += int(actor_code(actor) in wanted)
    out = {"set": "petrarch", "file": str(path), "n": len(records),
           "errors": error_count(results), "cameo_root": roots.to_dict(),
           "noevents": rate(*silent)}
    out.update({k: rate(*v) for k, v in actors.items()})
    out["calibration"] = cal.to_dict()
    return out


def format_report(result: dict) -> str:
    return "\n".join([
        header("PETRARCH2 validation sentences", result),
        format_confusion(result["cameo_root"], "CAMEO root"), "",
        format_rate("no-event sentences left without events", result["noevents"]),
        format_rate("source country", result["source_country"]),
        format_rate("target country", result["target_country"]), "",
        format_calibration(result["calibration"], "calibration (correct = root right)"),
    ])
