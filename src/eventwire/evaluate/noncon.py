"""Ordinary news with no political event in it: every event coded is a false positive.

Two sets: BBC sport/business/tech/entertainment articles (full articles) and HuffPost items
(headline + summary) from sections that never carry political events (records whose gold
says `political_violence: false`; the sections that can carry one are left out). Reported:
the share of records with any event, with a violent event (PLOVER ASSAULT, FIGHT or COERCE,
or an ACLED battle, explosion or violence against civilians), events per record, per topic,
and the event types coded.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from eventwire.evaluate.common import Extractor, error_count, header, load_jsonl, pct, predict, rate, subsample, table
from eventwire.evaluate.split import select

BBC_FILE = "bbc_nonconflict.dev.jsonl"
HUFFPOST_FILE = "huffpost_topics.dev.jsonl"
VIOLENT_TYPES = frozenset({"ASSAULT", "FIGHT", "COERCE"})
VIOLENT_ACLED = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def violent(ev) -> bool:
    return ev.type in VIOLENT_TYPES or ev.acled_event_type in VIOLENT_ACLED


def _topic(rec: dict) -> str:
    gold = rec.get("gold") or {}
    return str(gold.get("topic") or gold.get("category") or "?").lower()


def _run(set_name: str, path: str | Path, extract: Extractor, sample: int | None, part: str | None) -> dict:
    records = [r for r in load_jsonl(path) if (r.get("gold") or {}).get("political_violence") is False]
    records = subsample(select(records, set_name, part), sample)
    results = predict(records, extract, set_name)
    n_any = n_violent = n_events = 0
    by_topic: dict[str, Counter] = {}
    types: Counter[str] = Counter()
    for rec, res in zip(records, results):
        has_any = bool(res.events)
        has_violent = any(violent(e) for e in res.events)
        n_any += has_any
        n_violent += has_violent
        n_events += len(res.events)
        types.update(e.type for e in res.events)
        t = by_topic.setdefault(_topic(rec), Counter())
        t["n"] += 1
        t["any"] += has_any
        t["violent"] += has_violent
        t["events"] += len(res.events)
    n = len(records)
    return {
        "set": set_name, "file": str(path), "n": n, "errors": error_count(results),
        "any_event": rate(n - n_any, n) | {"share": n_any / n if n else None},
        "violent_event": rate(n - n_violent, n) | {"share": n_violent / n if n else None},
        "events_per_record": n_events / n if n else None,
        "by_topic": {k: dict(v) for k, v in sorted(by_topic.items())},
        "types": dict(types.most_common()),
    }


def run_bbc(path: str | Path, extract: Extractor, sample: int | None = None, part: str | None = None) -> dict:
    return _run("bbc", path, extract, sample, part)


def run_huffpost(path: str | Path, extract: Extractor, sample: int | None = None, part: str | None = None) -> dict:
    return _run("huffpost", path, extract, sample, part)


def format_report(result: dict) -> str:
    title = {"bbc": "BBC non-conflict articles", "huffpost": "HuffPost non-political sections"}[result["set"]]
    rows = [[k, v["n"], pct(v["any"] / v["n"]), pct(v["violent"] / v["n"]), f"{v['events'] / v['n']:.2f}"]
            for k, v in result["by_topic"].items()]
    types = ", ".join(f"{k} {v}" for k, v in result["types"].items()) or "none"
    return "\n".join([
        header(title + " (every event is a false positive)", result),
        f"records with any event: {pct(result['any_event']['share'])}, with a violent event: "
        f"{pct(result['violent_event']['share'])}, events per record: {result['events_per_record']:.2f}",
        table(["topic", "n", "any", "violent", "events/rec"], rows),
        f"event types coded: {types}",
    ])
