"""How far could a learned pair scorer move cross-article merging on the UCDP dev set?

Resolution merges two compatible reports when their tie (`data/resolve/rules.json`, a
hand-weighted sum of shared place, toll, words, mode, date) reaches `min_tie`. This script
asks whether a model fitted to the same evidence finds a better trade-off between pairwise
precision and B-cubed F1 than that one rule:

1. `eventwire.evaluate.resolve` runs once, recording every compatible candidate pair the
   resolver compares (`cross.compare` is wrapped; nothing else changes);
2. each pair gets 24 features (the rule's tie and its parts: same place, distance, admin1,
   days apart, shared words, toll equality and ratio, mode, actors, victims, compass, copies)
   and its gold label (the two headlines belong to one UCDP event);
3. a gradient-boosted classifier with monotone constraints (more shared evidence never
   lowers the score) is cross-fitted on the **tune** part in 5 folds grouped by UCDP event,
   so that every tune pair is scored by a model that never saw its incident; report pairs
   are scored by a model fitted on all of tune;
4. resolution runs again for each threshold with the scorer's probability as the edge
   strength (complete linkage as usual), and the tune and report figures are printed beside
   the rule's own.

    .venv/bin/python bench/resolve_frontier.py                      # about 2 minutes here
    .venv/bin/python bench/resolve_frontier.py --thresholds 0.5,0.8

Needs ../shared/eval-dev and scikit-learn (`pip install -e '.[train]'`). Analysis only: the
product's resolution is the rule (see docs/resolution.md for why it stays).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
UCDP = ROOT.parent / "shared" / "eval-dev" / "ucdp_ged_pakistan.dev.jsonl"

# +1: more of it never makes a merge less likely; -1: never more likely; 0: free
MONOTONE = {"tie": 1, "same_geo": 1, "same_admin": 1, "gap": -1, "same_day": 1, "copies": -1, "shared_words": 1,
            "word_jaccard": 1, "toll_equal": 1, "toll_ratio": -1, "mode_same": 1, "mode_differs": -1,
            "actors_same": 1, "victims_same": 1, "compass_shared": 1}


def features(a, b, tie: int) -> dict[str, float]:
    from eventwire.resolve import cross

    dist = cross.km(a, b)
    copies = a.source == b.source
    shared = set(a.words) & set(b.words) - cross._name_words(a.place) - cross._name_words(b.place)
    union = set(a.words) | set(b.words)
    lo = hi = None
    if a.best is not None and b.best is not None:
        lo, hi = sorted((a.best, b.best))
    gap = abs((a.date - b.date).days)
    return {
        "tie": tie,
        "same_geo": float(a.geonameid is not None and a.geonameid == b.geonameid),
        "both_placed": float(a.geo_precision is not None and b.geo_precision is not None),
        "one_placed": float((a.geo_precision is None) != (b.geo_precision is None)),
        "same_admin": float(bool(a.admin1) and a.admin1 == b.admin1),
        "log_km": math.log1p(dist) if dist is not None else -1.0,
        "coarsest_geo": float(max(a.geo_precision or 0, b.geo_precision or 0)),
        "gap": float(gap), "same_day": float(gap == 0),
        "copies": float(copies),
        "shared_words": 0.0 if copies else float(len(shared)),
        "word_jaccard": 0.0 if copies or not union else len(shared) / len(union),
        "tolls_both": float(lo is not None),
        "toll_equal": float(lo is not None and lo == hi),
        "log_toll": math.log1p(lo) if lo is not None else -1.0,
        "toll_ratio": (hi + 1) / (lo + 1) if lo is not None else 0.0,
        "toll_one": float((a.best is None) != (b.best is None)),
        "mode_same": float(bool(a.mode) and a.mode == b.mode),
        "mode_differs": float(bool(a.mode) and bool(b.mode) and a.mode != b.mode),
        "actors_same": float(sum(1 for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2)) if x[0] and x == y)),
        "victims_same": float(bool(a.victims) and a.victims == b.victims),
        "compass_shared": float(bool(set(a.compass) & set(b.compass))),
        "fewest_words": float(min(len(a.words), len(b.words))),
        "both_day_precise": float(a.precision == "day" and b.precision == "day"),
    }


def _model(names: list[str]):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(max_depth=3, max_iter=150, learning_rate=0.05, min_samples_leaf=40,
                                          monotonic_cst=[MONOTONE.get(n, 0) for n in names], random_state=0)


def _scores(res: dict) -> dict:
    out = {}
    for part in ("tune", "report"):
        r = res["parts"][part]
        out[part] = (r["pairwise"]["precision"], r["pairwise"]["predicted_pairs"], r["bcubed"]["f1"])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=UCDP)
    ap.add_argument("--thresholds", default="0.5,0.6,0.7,0.8,0.85")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no {args.data}: needs ../shared/eval-dev", file=sys.stderr)
        return 2
    from eventwire.evaluate import resolve as ev
    from eventwire.evaluate.common import load_jsonl
    from eventwire.evaluate.split import part_of
    from eventwire.pipeline import Pipeline
    from eventwire.resolve import cross

    records = load_jsonl(args.data)
    part = {r["id"]: part_of(ev.SET_NAME, r["id"]) for r in records}
    gold_of: dict[str, set[str]] = {}
    for gid, article in ev.headlines(records):
        gold_of.setdefault(article.content_hash, set()).add(gid)
    pipeline = Pipeline.load()
    rule_compare = cross.compare
    seen = []

    def recording(a, b):
        match = rule_compare(a, b)
        if match is not None:
            seen.append((a, b, match.tie))
        return match

    cross.compare = recording
    try:
        rule = _scores(ev.run(args.data, pipeline=pipeline))
    finally:
        cross.compare = rule_compare

    rows, labels, parts, groups, names = [], [], [], [], None
    for a, b, tie in seen:
        ga, gb = gold_of[a.article], gold_of[b.article]
        pa, pb = {part[g] for g in ga}, {part[g] for g in gb}
        if pa != pb or len(pa) != 1:
            continue  # a pair across parts is scored in neither
        f = features(a, b, tie)
        names = names or list(f)
        rows.append([f[n] for n in names])
        labels.append(bool(ga & gb))
        parts.append(pa.pop())
        groups.append((a.id, b.id, min(ga)))
    X, y = np.array(rows), np.array(labels)
    tune = np.array([p == "tune" for p in parts])
    fold = np.array([int(hashlib.sha1(g.encode()).hexdigest()[:8], 16) % 5 for _, _, g in groups])
    prob: dict[tuple[str, str], float] = {}
    idx = np.where(tune)[0]
    for k in range(5):
        fit, held = idx[fold[idx] != k], idx[fold[idx] == k]
        for i, p in zip(held, _model(names).fit(X[fit], y[fit]).predict_proba(X[held])[:, 1]):
            prob[groups[i][:2]] = p
    whole = _model(names).fit(X[tune], y[tune])
    rest = np.where(~tune)[0]
    for i, p in zip(rest, whole.predict_proba(X[rest])[:, 1]):
        prob[groups[i][:2]] = p
    print(f"{len(y)} compatible candidate pairs within one part ({int(tune.sum())} tune, {int(y[tune].sum())} of them"
          f" one UCDP event; {int((~tune).sum())} report, {int(y[~tune].sum())})")

    threshold = [0]

    def scored(a, b):
        match = rule_compare(a, b)
        if match is None:
            return None
        p = prob.get((a.id, b.id), prob.get((b.id, a.id)))
        if p is None:  # a pair across parts: the model fitted on all of tune scores it
            f = features(a, b, match.tie)
            p = whole.predict_proba(np.array([[f[n] for n in names]]))[0, 1]
        return cross.Match(int(round(p * 100)), match.reasons)

    init = cross.Resolver.__init__

    def with_threshold(self):
        init(self)
        self._min_tie = threshold[0]

    print(f"\n{'':22s}{'tune: pair P':>13s}{'pairs':>7s}{'B3 F1':>8s}{'report: pair P':>16s}{'pairs':>7s}{'B3 F1':>8s}")

    def line(label, s):
        (tp, tn, tb), (rp, rn, rb) = s["tune"], s["report"]
        print(f"{label:22s}{tp:>13.3f}{tn:>7d}{tb:>8.3f}{rp:>16.3f}{rn:>7d}{rb:>8.3f}", flush=True)

    line(f"rule (tie >= {cross.rules()['min_tie']})", rule)
    cross.compare, cross.Resolver.__init__ = scored, with_threshold
    try:
        for t in (float(x) for x in args.thresholds.split(",")):
            threshold[0] = int(round(t * 100))
            line(f"learned p >= {t:.2f}", _scores(ev.run(args.data, pipeline=pipeline)))
    finally:
        cross.compare, cross.Resolver.__init__ = rule_compare, init
    return 0


if __name__ == "__main__":
    sys.exit(main())
