"""Geoparser error analysis: the top kinds of misses and wrong resolutions on a gold set.

    .venv/bin/python bench/geo_errors.py [path.jsonl] [--examples 3] [--corpus LGL]

A miss is a gold span with coordinates that no prediction overlaps; it is classed by the gold
feature class and by why the matcher lost it (name not in the gazetteer at all, lowercase, or
found in the index but dropped by a filter). A wrong resolution is a found span farther than
161 km from the gold point without the gold id; it is classed by gold vs predicted feature and
whether the gold place was among the candidates (a ranking error) or not (a coverage error).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from eventwire.evaluate.geo import KM_LIMIT, GoldCountry, haversine_km
from eventwire.evaluate.split import part_of
from eventwire.geo import Geoparser
from eventwire.geo.normalize import fold

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval-dev" / "geoparsing.dev.jsonl"


def _gid(v):
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _miss_kind(gp: Geoparser, gt: dict, text: str) -> str:
    span = text[gt["start"]:gt["end"]]
    key = fold(span)
    fc = gt.get("fcode") or gt.get("type") or "?"
    if not span[:1].isupper():
        return f"miss lowercase/{fc}"
    if not gp.g.index.get(key) and key not in gp.g.demonyms:
        return f"miss not-in-gazetteer/{fc}"
    return f"miss dropped/{fc}"


def _wrong_kind(gp: Geoparser, gt: dict, p: dict, text: str, gold_cc) -> str:
    g = gp.g
    cands = g.index.get(fold(text[p["start"]:p["end"]]), ())
    in_cands = any(g.gid[c] == _gid(gt.get("geonameid")) for c in cands)
    same_cc = "same-country" if gold_cc(gt) == p.get("country") else "other-country"
    span_diff = "" if (p["start"], p["end"]) == (gt["start"], gt["end"]) else " span-differs"
    return (f"wrong {gt.get('fcode', '?')}->{p.get('feature')} {same_cc} "
            f"{'ranking' if in_cands else 'coverage'}{span_diff}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", type=Path, default=DEV)
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--corpus")
    ap.add_argument("--part", choices=("tune", "report", "all"), default="tune",
                    help="split part to analyse (eventwire.evaluate.split; tune on 'tune' only)")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    gp = Geoparser.load()
    gold_cc = GoldCountry(gp.g)
    kinds: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for line in args.path.open(encoding="utf-8"):
        rec = json.loads(line)
        if args.corpus and rec.get("corpus") != args.corpus:
            continue
        if args.part != "all" and part_of("geo", rec.get("id")) != args.part:
            continue
        text = rec["text"]
        pred = [t.model_dump() for t in gp.geoparse(text)]
        for gt in rec.get("toponyms", []):
            if gt.get("lat") is None:
                continue
            hits = [p for p in pred if p["start"] < gt["end"] and gt["start"] < p["end"]]
            if not hits:
                kind = _miss_kind(gp, gt, text)
                ex = f"{text[gt['start']:gt['end']]!r} ctx={text[max(0, gt['start'] - 40):gt['end'] + 30]!r}"
            else:
                p = hits[0]
                ok = _gid(p["geonameid"]) == _gid(gt.get("geonameid")) or haversine_km(
                    p["lat"], p["lon"], float(gt["lat"]), float(gt["lon"])) <= KM_LIMIT
                if ok:
                    continue
                kind = _wrong_kind(gp, gt, p, text, gold_cc)
                ex = (f"{text[p['start']:p['end']]!r} -> {p['name']} ({p['country']},{p['admin1']}) "
                      f"gold {gt.get('gaz_name') or gt.get('name')} ({gt.get('country')},{gt.get('admin1')})")
            kinds[kind] += 1
            if len(examples[kind]) < args.examples:
                examples[kind].append(f"[{rec['id']}] {ex}")
    for kind, n in kinds.most_common(args.top):
        print(f"{n:5d}  {kind}")
        for e in examples[kind]:
            print(f"         {e}")


if __name__ == "__main__":
    main()
