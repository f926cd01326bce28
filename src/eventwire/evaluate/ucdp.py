"""UCDP GED (Pakistan) headlines: type of violence, sides, fatalities.

The judged event is the highest-confidence event that has a UCDP type of violence (none =
wrong, shown as `(none)`). Sides: UCDP's side A / side B are not initiator / target, so
a side is right when its country is the country of either actor of the judged event
(`codes.ucdp_side_country` gives the rule: `Government of X` -> X, known groups -> the
country they fight in, civilians / lashkars / party supporters -> the record's country,
al-Qaida and IS -> unscored); `sides_ordered` also demands actor1 = A and actor2 = B.
Fatalities: only on headlines that state the gold `best` figure (in digits or number
words); the prediction is the highest-confidence event with a count, exact match.
"""

from __future__ import annotations

from pathlib import Path

from eventwire.evaluate.codes import actor_code, tables, ucdp_side_country
from eventwire.evaluate.location import LocationTally, format_location
from eventwire.evaluate.split import select
from eventwire.evaluate.common import (
    Calibration, Confusion, Extractor, best_event, error_count, format_calibration, format_confusion,
    format_rate, header, load_jsonl, numbers_in, predict, rate, subsample,
)

FILE = "ucdp_ged_pakistan.dev.jsonl"
VIOLENCE_NAMES = {1: "1 state-based", 2: "2 non-state", 3: "3 one-sided"}


def _typed(ev) -> bool:
    return ev.ucdp_type_of_violence is not None


def _counted(ev) -> bool:
    return ev.fatalities.best is not None


def run_ucdp(path: str | Path, extract: Extractor, sample: int | None = None, part: str | None = None) -> dict:
    records = subsample(select(load_jsonl(path), "ucdp", part), sample)
    results = predict(records, extract, "ucdp")
    codes = tables()["ucdp_type_of_violence"]
    words = tables()["number_words"]
    violence = Confusion()
    cal = Calibration()
    hits = {k: [0, 0] for k in ("side_a_country", "side_b_country", "sides_ordered", "fatalities_best")}
    stated_any = [0, 0]
    where = LocationTally()
    for rec, res in zip(records, results):
        gold = rec["gold"]
        ev = best_event(res.events, _typed)
        gold_type = codes.get(gold.get("type_of_violence"))
        if gold_type is not None:
            pred = VIOLENCE_NAMES.get(ev.ucdp_type_of_violence) if ev else None
            right = violence.add(VIOLENCE_NAMES[gold_type], pred)
            if ev is not None:
                cal.add(ev.confidence, right)
        judged = ev or best_event(res.events)
        where.add_events(res.events)
        where.add_gold(judged, gold.get("country"), gold.get("adm_1"), gold.get("latitude"), gold.get("longitude"),
                       precise=gold.get("where_prec") in (1, 2))
        got = {actor_code(judged.actor1), actor_code(judged.actor2)} - {None} if judged else set()
        a = ucdp_side_country(gold.get("side_a"), gold.get("country"))
        b = ucdp_side_country(gold.get("side_b"), gold.get("country"))
        for key, want in (("side_a_country", a), ("side_b_country", b)):
            if want:
                hits[key][1] += 1
                hits[key][0] += int(want in got)
        if a and b:
            hits["sides_ordered"][1] += 1
            hits["sides_ordered"][0] += int(bool(judged) and actor_code(judged.actor1) == a
                                            and actor_code(judged.actor2) == b)
        best = gold.get("best")
        if best is not None and best in numbers_in(rec["text"], words):
            counted = best_event(res.events, _counted)
            hits["fatalities_best"][1] += 1
            hits["fatalities_best"][0] += int(counted is not None and counted.fatalities.best == best)
            stated_any[1] += 1
            stated_any[0] += int(counted is not None)
    out = {"set": "ucdp", "file": str(path), "n": len(records),
           "errors": error_count(results), "type_of_violence": violence.to_dict()}
    out.update({k: rate(*v) for k, v in hits.items()})
    out["fatalities_given"] = rate(*stated_any)
    out["location"] = where.to_dict()
    out["calibration"] = cal.to_dict()
    return out


def format_report(result: dict) -> str:
    return "\n".join([
        header("UCDP GED Pakistan headlines", result),
        format_confusion(result["type_of_violence"], "type of violence"), "",
        format_rate("side A country (either actor)", result["side_a_country"]),
        format_rate("side B country (either actor)", result["side_b_country"]),
        format_rate("sides in order (actor1=A, actor2=B)", result["sides_ordered"]),
        format_rate("fatalities best, exact (headlines stating the gold figure)", result["fatalities_best"]),
        format_rate("  ... of which we gave any count", result["fatalities_given"]), "",
        format_location(result["location"]), "",
        format_calibration(result["calibration"], "calibration (correct = violence type right)"),
    ])
