"""PLOVER gold standard records: event type, source/target country and sector.

Each record is one sentence. The judged prediction is the sentence's highest-confidence
event; no event is a wrong answer. Predicted v0.8 types are put in the gold's draft label
set first (`codes.plover_gsr_label`: REQUEST->DEMAND, ACCUSE->DISAPPROVE/INVESTIGATE,
conventional-weapon ASSAULT->FIGHT). An actor is right when its code matches any gold
actor of that role; records with no scorable gold actor for a role skip that measure.
"""

from __future__ import annotations

from pathlib import Path

from eventwire.evaluate.codes import actor_code, gold_country, gold_sector, plover_gsr_label
from eventwire.evaluate.split import select
from eventwire.evaluate.common import (
    Calibration, Confusion, Extractor, best_event, error_count, format_calibration, format_confusion,
    format_rate, header, load_jsonl, predict, rate, subsample,
)

FILE = "plover_gsr.dev.jsonl"


def _actors(gold: dict, role: str) -> list[dict]:
    return [a for a in gold.get(role) or [] if isinstance(a, dict)]


def run_plover(path: str | Path, extract: Extractor, sample: int | None = None, part: str | None = None) -> dict:
    records = subsample(select(load_jsonl(path), "plover", part), sample)
    results = predict(records, extract, "plover")
    types = Confusion()
    cal = Calibration()
    hits = {k: [0, 0] for k in ("source_country", "target_country", "source_sector", "target_sector")}
    for rec, res in zip(records, results):
        gold = rec["gold"]
        ev = best_event(res.events)
        right = types.add(gold["event"], plover_gsr_label(ev))
        if ev is not None:
            cal.add(ev.confidence, right)
        for role, actor in (("source", ev.actor1 if ev else None), ("target", ev.actor2 if ev else None)):
            countries = {c for a in _actors(gold, role) if (c := gold_country(a.get("code")))}
            sectors = {s for a in _actors(gold, role) if (s := gold_sector(a.get("sector")))}
            for measure, wanted, got in ((f"{role}_country", countries, actor_code(actor)),
                                         (f"{role}_sector", sectors, (actor.sector or "").upper() if actor else None)):
                if wanted:
                    hits[measure][1] += 1
                    hits[measure][0] += int(got in wanted)
    out = {"set": "plover", "file": str(path), "n": len(records),
           "errors": error_count(results), "event_type": types.to_dict()}
    out.update({k: rate(*v) for k, v in hits.items()})
    out["sector"] = rate(hits["source_sector"][0] + hits["target_sector"][0],
                         hits["source_sector"][1] + hits["target_sector"][1])
    out["calibration"] = cal.to_dict()
    return out


def format_report(result: dict) -> str:
    lines = [header("PLOVER gold standard records", result),
             format_confusion(result["event_type"], "event type"), ""]
    for key in ("source_country", "target_country", "source_sector", "target_sector", "sector"):
        lines.append(format_rate(key.replace("_", " "), result[key]))
    lines += ["", format_calibration(result["calibration"], "calibration (correct = type right)")]
    return "\n".join(lines)
