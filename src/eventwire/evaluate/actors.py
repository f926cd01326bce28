"""Actor resolution against PLOVER gold records: country and sector accuracy per gold actor.

    python -m eventwire.evaluate.actors PLOVER_DEV_JSONL

Each gold source/target actor is resolved from its own span (the first occurrence of its
`actorText` in the record text), so this scores the actors stage alone, not role assignment.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from eventwire.actors import ActorResolver

_SECTOR_ALIASES = {"CIV": "CVL", "JRN": "MED"}


def _gold_actors(record: dict):
    for role in ("source", "target"):
        actors = record["gold"].get(role)
        if isinstance(actors, list):
            for actor in actors:
                if actor.get("actorText"):
                    yield role, actor


def run(path: str | Path, resolver: ActorResolver | None = None) -> dict:
    """{'actors', 'country_accuracy', 'sector_accuracy', 'sector_scored', 'unresolved', 'errors'}."""
    resolver = resolver or ActorResolver.load()
    counts: Counter = Counter()
    errors: Counter = Counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            text = record["text"]
            for _, gold in _gold_actors(record):
                start = text.find(gold["actorText"])
                if start < 0:
                    counts["not_found"] += 1
                    continue
                actor = resolver.resolve(text, start, start + len(gold["actorText"]))
                counts["actors"] += 1
                code = (gold.get("code") or "").upper()
                gold_country = None if code == "IGO" else resolver.codes.country(code[:3])
                if actor is None:
                    counts["unresolved"] += 1
                if code == "IGO":
                    ok = actor is not None and actor.sector == "IGO"
                else:
                    ok = actor is not None and actor.country == gold_country
                counts["country_ok"] += ok
                if not ok:
                    errors[(gold["actorText"], code, actor.country if actor else None)] += 1
                sector = (gold.get("sector") or "")[:3].upper()
                sector = _SECTOR_ALIASES.get(sector, sector)
                if sector and sector != "***":
                    counts["sector_scored"] += 1
                    counts["sector_ok"] += actor is not None and actor.sector == sector
    n = counts["actors"] or 1
    return {
        "actors": counts["actors"],
        "not_found": counts["not_found"],
        "country_accuracy": round(counts["country_ok"] / n, 4),
        "sector_scored": counts["sector_scored"],
        "sector_accuracy": round(counts["sector_ok"] / (counts["sector_scored"] or 1), 4),
        "unresolved": counts["unresolved"],
        "errors": [list(k) + [v] for k, v in errors.most_common(40)],
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m eventwire.evaluate.actors PLOVER_DEV_JSONL")
    result = run(sys.argv[1])
    print(json.dumps(result, indent=1, ensure_ascii=False))
