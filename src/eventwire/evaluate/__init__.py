"""Scorers for the development evaluation sets (kept out of the extraction hot path).

Each set has `run_<set>(path, extract, sample=None) -> dict` and `format_report(dict) -> str`;
`run_all` runs every set found in an eval directory and pools their calibration tables.
`extract` is either a callable `Article -> DocumentResult` or an object with
`extract_many` (a loaded `Pipeline`), which is then used for batching.

Every set is split into a tune part and a report part by a hash of the record id
(`eventwire.evaluate.split`). `run_all` scores the whole set and each part (extracting every
record once) and reports the headline figures of both parts side by side, with the gap.
"""

from __future__ import annotations

from pathlib import Path

from collections.abc import Iterable, Iterator

from eventwire.evaluate import case, noncon, petrarch, plover, ucdp
from eventwire.evaluate.case import run_case
from eventwire.evaluate.common import Calibration, Extractor, format_calibration, pct, table
from eventwire.evaluate.guard import GUARDED, REPORTED
from eventwire.evaluate.split import PARTS
from eventwire.model import Article, DocumentResult
from eventwire.evaluate.petrarch import run_petrarch
from eventwire.evaluate.plover import run_plover
from eventwire.evaluate.ucdp import run_ucdp

# name -> (gold file, scorer, report formatter); the order is the report order.
SETS = {
    "plover": (plover.FILE, run_plover, plover.format_report),
    "petrarch": (petrarch.FILE, run_petrarch, petrarch.format_report),
    "case": (case.FILE, run_case, case.format_report),
    "ucdp": (ucdp.FILE, run_ucdp, ucdp.format_report),
    "bbc": (noncon.BBC_FILE, noncon.run_bbc, noncon.format_report),
    "huffpost": (noncon.HUFFPOST_FILE, noncon.run_huffpost, noncon.format_report),
}


def run_set(name: str, eval_dir: str | Path, extract: Extractor, sample: int | None = None,
            part: str | None = None) -> dict:
    file, scorer, _ = SETS[name]
    return scorer(Path(eval_dir) / file, extract, sample=sample, part=part)


class _Memo:
    """An extractor that remembers its results by text and date, so that scoring a set as
    a whole and then each part extracts every record once."""

    def __init__(self, extract: Extractor):
        self.extract = extract
        self.seen: dict[tuple, DocumentResult] = {}

    def extract_many(self, articles: Iterable[Article]) -> Iterator[DocumentResult]:
        articles = list(articles)
        todo = [a for a in articles if (a.text, a.date) not in self.seen]
        if todo:
            if hasattr(self.extract, "extract_many"):
                got = list(self.extract.extract_many(todo))
            else:
                got = [self.extract(a) for a in todo]
            for a, res in zip(todo, got):
                self.seen[(a.text, a.date)] = res
        for a in articles:
            yield self.seen[(a.text, a.date)].model_copy(update={"id": a.id})


def headline(name: str, result: dict) -> dict[str, float | None]:
    """The set's guarded and reported figures (eventwire.evaluate.guard) read from one result."""
    figures = {}
    for key, (set_name, path) in {**GUARDED, **REPORTED}.items():
        if set_name != name:
            continue
        value = result
        for step in path:
            value = value.get(step) if isinstance(value, dict) else None
        figures[key.split(".", 1)[1]] = value
    return figures


def run_all(eval_dir: str | Path, extract: Extractor, sets: list[str] | None = None,
            sample: int | None = None, parts: bool = True) -> dict:
    """Score every requested set present in `eval_dir`; `sample` caps records per set
    (an even, deterministic spread). Missing files are listed, not fatal. With `parts`,
    each set's result also holds `parts`: the headline figures of its tune and report parts."""
    eval_dir = Path(eval_dir)
    memo = _Memo(extract)
    out: dict = {"sets": {}, "missing": []}
    for name in sets or list(SETS):
        if not (eval_dir / SETS[name][0]).exists():
            out["missing"].append(name)
            continue
        result = run_set(name, eval_dir, memo, sample)
        if parts:
            result["parts"] = {}
            for part in PARTS:
                sub = run_set(name, eval_dir, memo, sample, part)
                result["parts"][part] = {"n": sub["n"], **headline(name, sub)}
        out["sets"][name] = result
    out["calibration"] = Calibration.merge(r["calibration"] for r in out["sets"].values() if "calibration" in r)
    return out


def format_parts(result: dict) -> str:
    """Headline figures per part: tune (rules and model fitted there) vs report (never)."""
    rows = []
    for name, r in result["sets"].items():
        p = r.get("parts")
        if not p:
            continue
        for key in p["tune"]:
            if key == "n":
                continue
            t, rep = p["tune"][key], p["report"][key]
            gap = "-" if t is None or rep is None else f"{100 * (t - rep):+.1f}"
            rows.append([f"{name}.{key}", pct(t), pct(rep), gap])
    if not rows:
        return ""
    sizes = ", ".join(f"{n} {r['parts']['tune']['n']}/{r['parts']['report']['n']}"
                      for n, r in result["sets"].items() if r.get("parts"))
    return ("tune / report parts (eventwire.evaluate.split; records tune/report: " + sizes + ")\n"
            + table(["figure", "tune", "report", "gap (pts)"], rows))


def format_report(result: dict) -> str:
    """The report of one set (a `run_<set>` dict) or of all (a `run_all` dict)."""
    if "sets" not in result:
        return SETS[result["set"]][2](result)
    parts = [SETS[name][2](r) for name, r in result["sets"].items()]
    if result.get("missing"):
        parts.append("missing sets: " + ", ".join(result["missing"]))
    if len(result["sets"]) > 1 and result["calibration"]["n"]:
        parts.append(format_calibration(result["calibration"], "calibration, all sets pooled"))
    split_table = format_parts(result)
    if split_table:
        parts.append(split_table)
    return ("\n\n" + "=" * 72 + "\n\n").join(parts)


__all__ = ["SETS", "run_all", "run_set", "format_report", "format_parts", "headline",
           "run_plover", "run_petrarch", "run_case", "run_ucdp"]
