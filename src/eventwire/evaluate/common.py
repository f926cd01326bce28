"""Shared machinery of the dev-set scorers: reading gold files, running an extractor on
text only, picking the event a set is judged on, and the tallies every set reports
(accuracy, per-class precision/recall/F1, confusion, calibration).

Scorers never hand a gold field to the extractor: `to_article` copies `text` (and `date`
where a set gives one) and nothing else, under a neutral id.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from eventwire.model import Article, DocumentError, DocumentResult, Event

NO_EVENT = "(none)"
CALIBRATION_EDGES = (0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0000001)


class BatchExtractor(Protocol):
    def extract_many(self, articles: Iterable[Article]) -> Iterator[DocumentResult]: ...


Extractor = Callable[[Article], DocumentResult] | BatchExtractor


def load_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def subsample(records: list[dict], sample: int | None) -> list[dict]:
    """Every k-th record so that about `sample` remain: deterministic and spread over the
    file (the sets are sorted by class or by date, so a prefix would be biased)."""
    if not sample or sample >= len(records):
        return records
    step = len(records) / sample
    return [records[int(i * step)] for i in range(sample)]


def _parse_date(value: Any) -> date | None:
    if not value:
        return None
    text = str(value)
    for fmt in ("%Y%m%d", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def to_article(record: dict, n: int, set_name: str, use_date: bool = False) -> Article:
    """The only view of a record the extractor gets: its text (and its date if the set
    provides one as input), under an id that carries no gold information."""
    return Article(
        id=f"{set_name}-{n:05d}",
        text=record["text"],
        date=_parse_date(record.get("date")) if use_date else None,
    )


def predict(records: list[dict], extract: Extractor, set_name: str, use_date: bool = False) -> list[DocumentResult]:
    """Run the extractor over the records' texts, batched when it offers `extract_many`,
    and return one result per record in record order. A record the extractor fails on
    gets an empty result carrying the error, so one bad text does not void a set."""
    articles = [to_article(r, i, set_name, use_date) for i, r in enumerate(records)]
    if hasattr(extract, "extract_many"):
        got = list(extract.extract_many(articles))
        by_id = {res.id: res for res in got}
        if len(got) == len(articles) and not all(a.id in by_id for a in articles):
            by_id = {a.id: res for a, res in zip(articles, got)}  # ids rewritten: keep order
        return [by_id.get(a.id) or DocumentResult(id=a.id) for a in articles]
    return [_extract_one(extract, a) for a in articles]


def _extract_one(extract: Callable[[Article], DocumentResult], article: Article) -> DocumentResult:
    try:
        return extract(article)
    except Exception as exc:  # noqa: BLE001 - reported per record, scoring goes on
        return DocumentResult(id=article.id, errors=[DocumentError(id=article.id, stage="evaluate",
                                                                  reason=f"{type(exc).__name__}: {exc}")])


def error_count(results: Iterable[DocumentResult]) -> int:
    """Documents whose result carries at least one error."""
    return sum(1 for r in results if r.errors)


def best_event(events: Iterable[Event], where: Callable[[Event], bool] | None = None) -> Event | None:
    """The highest-confidence event (first one on ties), optionally among those `where` accepts."""
    best = None
    for ev in events:
        if where is not None and not where(ev):
            continue
        if best is None or ev.confidence > best.confidence:
            best = ev
    return best


def rate(correct: int, n: int) -> dict:
    return {"n": n, "correct": correct, "accuracy": (correct / n) if n else None}


class Confusion:
    """Gold/predicted label pairs -> accuracy, per-class P/R/F1, macro-F1 over gold classes.

    A missing prediction is the label `NO_EVENT`: it is always wrong and lowers recall of
    the gold class. Macro-F1 averages over the classes present in the gold.
    """

    def __init__(self) -> None:
        self.pairs: Counter[tuple[str, str]] = Counter()

    def add(self, gold: str, pred: str | None) -> bool:
        pred = pred if pred is not None else NO_EVENT
        self.pairs[(gold, pred)] += 1
        return gold == pred

    def to_dict(self) -> dict:
        gold_n: Counter[str] = Counter()
        pred_n: Counter[str] = Counter()
        hits: Counter[str] = Counter()
        matrix: dict[str, dict[str, int]] = defaultdict(dict)
        for (g, p), c in self.pairs.items():
            gold_n[g] += c
            pred_n[p] += c
            if g == p:
                hits[g] += c
            matrix[g][p] = c
        per_class = {}
        for label in sorted(gold_n):
            prec = hits[label] / pred_n[label] if pred_n[label] else 0.0
            rec = hits[label] / gold_n[label]
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            per_class[label] = {
                "support": gold_n[label], "predicted": pred_n[label], "correct": hits[label],
                "precision": prec, "recall": rec, "f1": f1,
            }
        total = sum(gold_n.values())
        return {
            **rate(sum(hits.values()), total),
            "majority_baseline": (max(gold_n.values()) / total) if total else None,
            "macro_f1": (sum(c["f1"] for c in per_class.values()) / len(per_class)) if per_class else None,
            "per_class": per_class,
            "confusion": {g: dict(sorted(row.items())) for g, row in sorted(matrix.items())},
        }


class Calibration:
    """Confidence bins of the judged event vs the share of them that were right."""

    def __init__(self, edges: tuple[float, ...] = CALIBRATION_EDGES) -> None:
        self.edges = edges
        self.n = [0] * (len(edges) - 1)
        self.right = [0] * (len(edges) - 1)
        self.conf = [0.0] * (len(edges) - 1)

    def add(self, confidence: float, correct: bool) -> None:
        c = min(max(confidence, 0.0), 1.0)
        for i in range(len(self.n)):
            if self.edges[i] <= c < self.edges[i + 1]:
                self.n[i] += 1
                self.right[i] += int(correct)
                self.conf[i] += c
                return

    @classmethod
    def merge(cls, tables: Iterable[dict]) -> dict:
        """Pool calibration tables of several sets (bins are fixed, so counts add)."""
        pooled = cls()
        for table in tables:
            for i, row in enumerate(table["bins"]):
                pooled.n[i] += row["n"]
                pooled.right[i] += row["correct"]
                pooled.conf[i] += row["mean_confidence"] * row["n"] if row["n"] else 0.0
        return pooled.to_dict()

    def to_dict(self) -> dict:
        bins = []
        total = sum(self.n)
        ece = 0.0
        for i, n in enumerate(self.n):
            mean_conf = self.conf[i] / n if n else 0.0
            share = self.right[i] / n if n else None
            if n:
                ece += n / total * abs(mean_conf - share)
            bins.append({
                "low": self.edges[i], "high": min(self.edges[i + 1], 1.0), "n": n,
                "correct": self.right[i], "mean_confidence": mean_conf, "share_correct": share,
            })
        return {"bins": bins, "n": total, "ece": ece if total else None}


# --- text reports -------------------------------------------------------------------

def pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def table(headers: list[str], rows: list[list[Any]]) -> str:
    cells = [[str(h) for h in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(row, widths)))
             for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def header(title: str, result: dict) -> str:
    errors = f", {result['errors']} failed" if result.get("errors") else ""
    return f"{title} ({result['n']} records{errors})"


def format_rate(name: str, r: dict) -> str:
    return f"{name}: {pct(r['accuracy'])} ({r['correct']}/{r['n']})"


def format_confusion(c: dict, title: str) -> str:
    rows = [[label, s["support"], s["predicted"], s["correct"], pct(s["precision"]), pct(s["recall"]), pct(s["f1"])]
            for label, s in c["per_class"].items()]
    out = [f"{title}: accuracy {pct(c['accuracy'])} ({c['correct']}/{c['n']}), "
           f"macro-F1 {pct(c['macro_f1'])} (majority class alone: {pct(c['majority_baseline'])})",
           table(["class", "gold", "pred", "right", "prec", "recall", "F1"], rows)]
    if c["confusion"]:
        out.append("most frequent confusions (gold -> predicted):")
        errs = sorted(((n, g, p) for g, row in c["confusion"].items() for p, n in row.items() if g != p), reverse=True)
        out.append(table(["gold", "predicted", "n"], [[g, p, n] for n, g, p in errs[:15]]))
    return "\n".join(out)


def format_calibration(cal: dict, title: str = "calibration (confidence of the judged event)") -> str:
    rows = [[f"{b['low']:.1f}-{b['high']:.1f}", b["n"], f"{b['mean_confidence']:.2f}" if b["n"] else "-",
             pct(b["share_correct"])] for b in cal["bins"]]
    ece = "-" if cal["ece"] is None else f"{cal['ece']:.3f}"
    return f"{title}: n={cal['n']}, ECE {ece}\n" + table(["confidence", "n", "mean conf", "right"], rows)


_DIGITS = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\w])|(?<![\w.])\d+(?![\w.]\d)")


def numbers_in(text: str, words: dict[str, int]) -> set[int]:
    """Integers a text states in digits or (small) number words; used only to decide which
    gold counts a text can support, never as a prediction."""
    found = {int(m.group().replace(",", "")) for m in _DIGITS.finditer(text)}
    low = text.lower()
    for word, value in words.items():
        if re.search(rf"\b{re.escape(word)}\b", low):
            found.add(value)
    return found
