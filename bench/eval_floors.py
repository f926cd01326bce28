"""Measure the dev-set figures the regression test guards, and (with --write) record them
as floors (figure minus a margin) in tests/evaluate/eval_floors.json.

Run after an intended improvement:  .venv/bin/python bench/eval_floors.py --write
It scores the same deterministic subsample as tests/evaluate/test_eval_regression.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from eventwire.evaluate.guard import MARGIN, SAMPLE, measure

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT.parent / "shared" / "eval-dev"
FLOORS = ROOT / "tests" / "evaluate" / "eval_floors.json"

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="record floors = figure - margin")
    ap.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    args = ap.parse_args(argv)
    from eventwire.pipeline import Pipeline

    t0 = time.perf_counter()
    figures = measure(Pipeline.load(), args.eval_dir)
    print(f"scored in {time.perf_counter() - t0:.1f} s")
    for key, value in figures.items():
        print(f"{key:40s} {'-' if value is None else f'{value:.3f}'}")
    if args.write:
        floors = {k: (None if v is None else round(max(v - MARGIN, 0.0), 3)) for k, v in figures.items()}
        FLOORS.write_text(json.dumps({"_comment": "written by bench/eval_floors.py --write: "
                                      f"measured figure minus {MARGIN}", "sample": SAMPLE,
                                      "floors": floors}, indent=2) + "\n")
        print(f"wrote {FLOORS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
