"""Scorers for the development evaluation sets (kept out of the extraction hot path).

Each set has `run_<set>(path, extract, sample=None) -> dict` and `format_report(dict) -> str`;
`run_all` runs every set found in an eval directory and pools their calibration tables.
`extract` is either a callable `Article -> DocumentResult` or an object with
`extract_many` (a loaded `Pipeline`), which is then used for batching.
"""

from __future__ import annotations

from pathlib import Path

from eventwire.evaluate import case, petrarch, plover, ucdp
from eventwire.evaluate.case import run_case
from eventwire.evaluate.common import Calibration, Extractor, format_calibration
from eventwire.evaluate.petrarch import run_petrarch
from eventwire.evaluate.plover import run_plover
from eventwire.evaluate.ucdp import run_ucdp

# name -> (gold file, scorer, report formatter); the order is the report order.
SETS = {
    "plover": (plover.FILE, run_plover, plover.format_report),
    "petrarch": (petrarch.FILE, run_petrarch, petrarch.format_report),
    "case": (case.FILE, run_case, case.format_report),
    "ucdp": (ucdp.FILE, run_ucdp, ucdp.format_report),
}


def run_set(name: str, eval_dir: str | Path, extract: Extractor, sample: int | None = None) -> dict:
    file, scorer, _ = SETS[name]
    return scorer(Path(eval_dir) / file, extract, sample=sample)


def run_all(eval_dir: str | Path, extract: Extractor, sets: list[str] | None = None,
            sample: int | None = None) -> dict:
    """Score every requested set present in `eval_dir`; `sample` caps records per set
    (an even, deterministic spread). Missing files are listed, not fatal."""
    eval_dir = Path(eval_dir)
    out: dict = {"sets": {}, "missing": []}
    for name in sets or list(SETS):
        if not (eval_dir / SETS[name][0]).exists():
            out["missing"].append(name)
            continue
        out["sets"][name] = run_set(name, eval_dir, extract, sample)
    out["calibration"] = Calibration.merge(r["calibration"] for r in out["sets"].values())
    return out


def format_report(result: dict) -> str:
    """The report of one set (a `run_<set>` dict) or of all (a `run_all` dict)."""
    if "sets" not in result:
        return SETS[result["set"]][2](result)
    parts = [SETS[name][2](r) for name, r in result["sets"].items()]
    if result.get("missing"):
        parts.append("missing sets: " + ", ".join(result["missing"]))
    if len(result["sets"]) > 1:
        parts.append(format_calibration(result["calibration"], "calibration, all sets pooled"))
    return ("\n\n" + "=" * 72 + "\n\n").join(parts)


__all__ = ["SETS", "run_all", "run_set", "format_report", "run_plover", "run_petrarch", "run_case", "run_ucdp"]
