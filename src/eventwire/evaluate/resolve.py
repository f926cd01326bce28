"""Cross-article resolution on UCDP GED (Pakistan): do reports of one UCDP event end up in
one incident, and reports of different events apart?

Each record's `text` joins the headlines of the sources UCDP coded the event from with `;`.
Every headline becomes an article dated with its event's gold `date_start` (what a crawl
would give as publication date); articles are shuffled deterministically, extracted, stored
and resolved one by one into a temporary DuckDB. A headline's incident is that of its
highest-confidence event; a headline with no event is a singleton. Scores against the gold
event ids: pairwise precision/recall/F1, B-cubed precision/recall/F1, and the share of
multi-report incidents whose fatality range [low, high] covers UCDP's `best`.

Figures are given for the whole set and for each part of the tune/report split
(`eventwire.evaluate.split`, set name "ucdp", by UCDP record id): resolution runs once over
every headline, and each part is scored on its own headlines (pairs within the part, B-cubed
over its items). Rules are tuned on the tune part only; the report part is for reporting.

The same headline text is reused by UCDP for different events on different dates (e.g. a
yearly "Major incidents of terrorism" page); the content-hash keyed store would keep one
copy, so a repeat gets trailing newlines (no offset moves) and is stored as its own article.
"""

from __future__ import annotations

import itertools
import random
import tempfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from eventwire.evaluate.common import load_jsonl
from eventwire.evaluate.split import PARTS, part_of
from eventwire.model import Article

SEED = 13
SET_NAME = "ucdp"
BATCH = 256  # headlines stored and resolved together (resolution does not depend on batching)


def headlines(records: list[dict]) -> list[tuple[str, Article]]:
    """(gold id, article) per headline, deterministically shuffled."""
    out, seen = [], Counter()
    for rec in records:
        day = date.fromisoformat(rec["gold"]["date_start"])
        for i, text in enumerate(t.strip() for t in rec["text"].split(";")):
            if not text:
                continue
            seen[text] += 1
            body = text + "\n" * (seen[text] - 1)
            out.append((rec["id"], Article(id=f"{rec['id']}-{i}", text=body, date=day, format="headline")))
    random.Random(SEED).shuffle(out)
    return out


def pairwise(gold: dict, pred: dict) -> dict:
    clusters = defaultdict(list)
    for item, p in pred.items():
        clusters[p].append(item)
    tp = sum(gold[a] == gold[b] for c in clusters.values() for a, b in itertools.combinations(c, 2))
    predicted = sum(len(c) * (len(c) - 1) // 2 for c in clusters.values())
    actual = sum(n * (n - 1) // 2 for n in Counter(gold.values()).values())
    p, r = (tp / predicted if predicted else 1.0), (tp / actual if actual else 1.0)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "predicted_pairs": predicted, "gold_pairs": actual}


def identical_headlines(gold: dict, pred: dict, text: dict) -> dict:
    """UCDP reuses one headline for several events; no resolver can tell those copies apart.
    How many headline texts (and headlines) belong to more than one gold event, how many
    predicted pairs are wrong only because they join such copies, and the pairwise
    precision left when those pairs are set aside."""
    events: dict[str, set] = defaultdict(set)
    for item, t in text.items():
        events[t].add(gold[item])
    shared = {t for t, g in events.items() if len(g) > 1}
    clusters = defaultdict(list)
    for item, p in pred.items():
        clusters[p].append(item)
    right = wrong = copies = 0
    for c in clusters.values():
        for a, b in itertools.combinations(c, 2):
            if gold[a] == gold[b]:
                right += 1
            elif text[a] == text[b]:
                copies += 1
            else:
                wrong += 1
    return {"texts": len(shared), "headlines": sum(t in shared for t in text.values()), "wrong_pairs": copies,
            "precision_excluding": round(right / (right + wrong), 4) if right + wrong else 1.0}


def bcubed(gold: dict, pred: dict) -> dict:
    g, q = defaultdict(set), defaultdict(set)
    for item in gold:
        g[gold[item]].add(item)
        q[pred[item]].add(item)
    n = len(gold)
    p = sum(len(g[gold[i]] & q[pred[i]]) / len(q[pred[i]]) for i in gold) / n
    r = sum(len(g[gold[i]] & q[pred[i]]) / len(g[gold[i]]) for i in gold) / n
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4)}


def score_parts(gold: dict, pred: dict, text: dict) -> dict:
    """Scores of each part of the tune/report split: the part's headlines (by their UCDP
    record id) with their predicted incidents; pairs across parts count in neither."""
    parts = {}
    for part in PARTS:
        keep = [i for i, g in gold.items() if part_of(SET_NAME, g) == part]
        g = {i: gold[i] for i in keep}
        q = {i: pred[i] for i in keep}
        parts[part] = {"records": len(set(g.values())), "headlines": len(keep), "pairwise": pairwise(g, q),
                       "bcubed": bcubed(g, q) if g else None, "singleton_bcubed": bcubed(g, {i: i for i in g}) if g else None,
                       "identical_headlines": identical_headlines(g, q, {i: text[i] for i in keep})}
    return parts


def _lead(result):
    typed = [e for e in result.events if e.ucdp_type_of_violence is not None] or result.events
    return max(typed, key=lambda e: (e.confidence, e.id)) if typed else None


def run(path: str | Path, sample: int | None = None, pipeline=None) -> dict:
    from eventwire.pipeline import Pipeline
    from eventwire.store import Store, global_event_id
    from eventwire.store.resolution import ResolutionStore, resolve_articles

    records = load_jsonl(path)
    if sample:
        records = records[:sample]
    items = headlines(records)
    p = pipeline or Pipeline.load()
    gold, pred, lead_of, text = {}, {}, {}, {}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "resolve.duckdb") as store:
        for start in range(0, len(items), BATCH):
            chunk = items[start:start + BATCH]
            articles = [a for _, a in chunk]
            docs = list(zip(articles, p.extract_many(articles), strict=True))
            store.add_results(docs)
            resolve_articles(store, docs)
            for (gid, article), (_, result) in zip(chunk, docs, strict=True):
                lead = _lead(result)
                gold[article.id] = gid
                text[article.id] = article.text.strip()
                lead_of[article.id] = global_event_id(article.content_hash, lead.id) if lead else None
        rs = ResolutionStore.of(store)
        for item, ev in lead_of.items():
            pred[item] = rs.incident_of(ev) if ev else f"singleton:{item}"
        covered = _coverage(rs, records, gold, pred)
        incidents = len(rs.incidents())
    parts = score_parts(gold, pred, text)
    return {"set": "resolve-ucdp", "file": str(path), "records": len(records), "headlines": len(items),
            "without_event": sum(v is None for v in lead_of.values()), "incidents": incidents,
            "pairwise": pairwise(gold, pred), "bcubed": bcubed(gold, pred),
            "singleton_bcubed": bcubed(gold, {i: i for i in gold}), "fatalities_cover_best": covered,
            "identical_headlines": identical_headlines(gold, pred, text), "parts": parts}


def _coverage(rs, records: list[dict], gold: dict, pred: dict) -> dict:
    """Of gold events whose reports' main incident gives a fatality range, the share where
    [low, high] contains UCDP's best."""
    best = {r["id"]: r["gold"].get("best") for r in records}
    votes: dict[str, Counter] = defaultdict(Counter)
    for item, gid in gold.items():
        if not pred[item].startswith("singleton:"):
            votes[gid][pred[item]] += 1
    hit = total = 0
    for gid, counter in votes.items():
        inc = rs.incident(counter.most_common(1)[0][0])
        if inc is None or best[gid] is None or inc["fatalities_low"] is None:
            continue
        total += 1
        hit += int(inc["fatalities_low"] <= best[gid] <= (inc["fatalities_high"] or inc["fatalities_low"]))
    return {"covered": hit, "with_range": total, "rate": round(hit / total, 4) if total else None}


def _score_lines(name: str, r: dict) -> list[str]:
    pw, b3, s = r["pairwise"], r["bcubed"], r["singleton_bcubed"]
    lines = [
        f"  {name:7s} pairwise  P {pw['precision']:.3f}  R {pw['recall']:.3f}  F1 {pw['f1']:.3f}"
        f"  ({pw['predicted_pairs']} predicted / {pw['gold_pairs']} gold pairs)",
        f"  {'':7s} B-cubed   P {b3['precision']:.3f}  R {b3['recall']:.3f}  F1 {b3['f1']:.3f}"
        f"  (all-singletons baseline F1 {s['f1']:.3f})",
    ]
    if ih := r.get("identical_headlines"):
        lines.append(f"  {'':7s} identical headlines of different UCDP events: {ih['texts']} texts, {ih['headlines']}"
                     f" headlines; {ih['wrong_pairs']} wrong pairs join such copies;"
                     f" pairwise P without them {ih['precision_excluding']:.3f}")
    return lines


def format_report(result: dict) -> str:
    fc = result["fatalities_cover_best"]
    lines = [
        f"cross-article resolution — {result['file']}",
        f"  {result['records']} UCDP events, {result['headlines']} headlines "
        f"({result['without_event']} without an event), {result['incidents']} incidents",
    ]
    lines += _score_lines("all", result)
    for part, r in result.get("parts", {}).items():
        if r["bcubed"] is None:
            lines.append(f"  {part} part: no records in this sample")
            continue
        lines.append(f"  {part} part: {r['records']} UCDP events, {r['headlines']} headlines")
        lines += _score_lines(part, r)
    lines.append(f"  fatality range covers UCDP best: {fc['covered']}/{fc['with_range']}"
                 + (f" = {fc['rate']:.3f}" if fc["rate"] is not None else ""))
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 2:
        sys.exit("usage: python -m eventwire.evaluate.resolve UCDP_DEV_JSONL")
    print(format_report(run(sys.argv[1])))
