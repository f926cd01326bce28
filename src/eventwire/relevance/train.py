"""Fit the relevance model (`make train`): a logistic regression over
`eventwire.relevance.features`, written to `data/relevance/model.tsv` as plain weights.

Training text, all from the *tune* part of each development set (eventwire.evaluate.split)
plus sentences written for this project (`data/relevance/written.tsv`):

- positive (reports a political, conflict, protest or diplomatic event): PLOVER and PETRARCH
  gold sentences that have an event, UCDP GED headlines, CASE 2021 snippets of every class
  but crime and disasters;
- negative: each sentence of the BBC sport/business/tech/entertainment articles, the
  headline and the summary of HuffPost items from sections that never carry political events
  (marked `political_violence: false`), PETRARCH sentences coded as having no event, CASE
  crime and disaster snippets.

The report parts are never read here. Thresholds are not fitted here: they live in
`data/relevance/gate.json`, chosen on the tune parts with `eventwire eval` (see that file).

    python -m eventwire.relevance.train --data DEV_SETS_DIR [--out src/eventwire/data/relevance]   # `make train` passes it
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from eventwire.evaluate.split import part_of
from eventwire.model import Article
from eventwire.relevance.features import features
from eventwire.segment import SENTENCE_KINDS, segment

C = 0.3  # inverse L2 strength, chosen by 5-fold cross-validation within the tune parts
MIN_DF = 2  # a feature seen once is a fact about one record, not about language
PRUNE = 0.02  # weights this small change no decision; leaving them out keeps the file small
NEGATIVE_CASE = {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"}
HERE = Path(__file__).resolve().parent.parent / "data" / "relevance"


def _jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _tune(records: list[dict], set_name: str) -> list[dict]:
    return [r for r in records if part_of(set_name, r["id"]) == "tune"]


def _sentences(text: str) -> list[str]:
    return [s.text for s in segment(Article(id="train", text=text)) if s.kind in SENTENCE_KINDS]


def written(path: Path = HERE / "written.tsv") -> list[tuple[str, int, str]]:
    """(text, label, origin) rows of the project's own sentences."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, _what, text = line.split("\t", 2)
        rows.append((text, int(label), "written"))
    return rows


def corpus(data: Path) -> list[tuple[str, int, str]]:
    """(text, label, origin) for every training example, in a fixed order."""
    rows: list[tuple[str, int, str]] = []
    for r in _tune(_jsonl(data / "plover_gsr.dev.jsonl"), "plover"):
        rows.append((r["text"], 1, "plover"))
    for r in _tune(_jsonl(data / "petrarch2_gsr_validation.dev.jsonl"), "petrarch"):
        rows.append((r["text"], 0 if r["gold"].get("noevents") else 1, "petrarch"))
    for r in _tune(_jsonl(data / "ucdp_ged_pakistan.dev.jsonl"), "ucdp"):
        rows.append((r["text"], 1, "ucdp"))
    for r in _tune(_jsonl(data / "case2021_task2.dev.jsonl"), "case"):
        rows.append((r["text"], 0 if r["gold"]["case_label"] in NEGATIVE_CASE else 1, "case"))
    for r in _tune(_jsonl(data / "bbc_nonconflict.dev.jsonl"), "bbc"):
        rows.extend((s, 0, "bbc") for s in _sentences(r["text"]))
    for r in _tune(_jsonl(data / "huffpost_topics.dev.jsonl"), "huffpost"):
        if r["gold"].get("political_violence") is False:
            rows.extend((s, 0, "huffpost") for s in r["text"].split("\n\n") if s.strip())
    rows.extend(written())
    return rows


def fit(rows: list[tuple[str, int, str]], c: float = C):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = CountVectorizer(analyzer=features, min_df=MIN_DF, binary=True)
    x = vec.fit_transform([t for t, _, _ in rows])
    y = [lab for _, lab, _ in rows]
    # Each source's examples weigh 1/sqrt(its size), then both labels weigh the same: one
    # large set (thousands of UCDP headlines on one country) would otherwise set the model's
    # idea of an event, and a small one (the hand-written hard cases) would count for nothing.
    groups = Counter((origin, lab) for _, lab, origin in rows)
    w = [groups[(o, lab)] ** -0.5 for _, lab, o in rows]
    per_label = {lab: sum(wi for wi, (_, l2, _) in zip(w, rows) if l2 == lab) for lab in (0, 1)}
    w = [wi * len(rows) / (2 * per_label[lab]) for wi, (_, lab, _) in zip(w, rows)]
    model = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    model.fit(x, y, sample_weight=w)
    weights = dict(zip(vec.get_feature_names_out(), model.coef_[0]))
    return float(model.intercept_[0]), weights


def write(bias: float, weights: dict[str, float], rows, out: Path) -> Path:
    counts = Counter((origin, lab) for _, lab, origin in rows)
    kept = sorted(((f, w) for f, w in weights.items() if abs(w) >= PRUNE), key=lambda fw: (-abs(fw[1]), fw[0]))
    path = out / "model.tsv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# eventwire relevance model: logistic regression over eventwire.relevance.features\n")
        fh.write("# Rebuilt by `make train` (python -m eventwire.relevance.train); do not edit by hand.\n")
        fh.write("# Fitted on the tune parts of the development sets (see train.py) and written.tsv;\n")
        fh.write("# examples (origin, label: n): " + ", ".join(f"{o} {lab}: {n}" for (o, lab), n in sorted(counts.items())) + "\n")
        fh.write(f"# C={C} min_df={MIN_DF} pruned |w|<{PRUNE}; {len(kept)} of {len(weights)} features kept\n")
        fh.write(f"bias\t{bias:.5f}\n")
        for f, w in kept:
            fh.write(f"{f}\t{w:.4f}\n")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="the development sets' folder")
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args(argv)
    rows = corpus(args.data)
    random.Random(0).shuffle(rows)  # liblinear is deterministic; order only matters for ties
    bias, weights = fit(rows)
    path = write(bias, weights, rows, args.out)
    print(f"wrote {path}: {len(rows)} examples, {sum(l for _, l, _ in rows)} positive")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
