"""The single writer of `eventwire run` alone, at archive scale: store and resolve N articles
whose extraction is replayed, not redone, so that 100k articles take minutes on one core.

Reads a corpus and its `eventwire extract` output as `bench/run_bench.py` leaves them
(bench/out/run-corpus-10000.jsonl, bench/out/extract-10000.jsonl), keeps the distinct reports,
and writes copy k of each k years later (text + k newlines, article and event dates shifted),
batches as `eventwire run` stores them (`store_and_resolve`: one transaction for the batch and
its resolution; `--batch-size`, 4,096 as `run` reaches), with the collector off as `run` has
it. Prints the seconds per 10k articles (flat when the work per article does not grow with
the archive) and the writer's peak RSS. `tests/evaluate/test_writer_scale.py` runs it small.

    .venv/bin/python bench/run_bench.py --sizes 10000 --sides run,extract   # once, for the inputs
    .venv/bin/python bench/writer_scale.py 100000
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from datetime import timedelta
from pathlib import Path

from eventwire.model import Article, DocumentResult
from eventwire.gcpause import collector_paused
from eventwire.runner import BATCH_SIZE
from eventwire.store import Store
from eventwire.store.resolution import store_and_resolve

OUT = Path(__file__).resolve().parent / "out"


def replayed(corpus: Path, results: Path, n: int):
    texts = [json.loads(line) for line in open(corpus, encoding="utf-8")]
    coded = [DocumentResult.model_validate_json(line) for line in open(results, encoding="utf-8")]
    distinct = {}
    for a, r in zip(texts, coded, strict=True):
        distinct.setdefault(a["text"].rstrip("\n"), (a, r))
    base = list(distinct.values())
    for i in range(n):
        k, j = divmod(i, len(base))
        a, r = base[j]
        shift = timedelta(days=365 * k)
        article = Article(id=f"w{i}", text=a["text"].rstrip("\n") + "\n" * k, date=a["date"])
        article = article.model_copy(update={"date": article.date + shift if article.date else None})
        events = [e.model_copy(update={"date": e.date + shift if e.date else None}) for e in r.events]
        yield article, r.model_copy(update={"id": article.id, "events": events})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=100_000)
    ap.add_argument("--corpus", type=Path, default=OUT / "run-corpus-10000.jsonl")
    ap.add_argument("--results", type=Path, default=OUT / "extract-10000.jsonl")
    ap.add_argument("--db", type=Path, default=OUT / "writer_scale.duckdb")
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    args = ap.parse_args()
    for p in (args.db, Path(f"{args.db}.wal")):
        p.unlink(missing_ok=True)
    store = Store(args.db)
    store.execute("SET threads = 1")  # as `eventwire run` with worker processes
    t0 = lap = time.perf_counter()
    cpu = 0.0  # CPU seconds (all threads, DuckDB's included) in the writer's calls, not the replay
    batch = []
    with collector_paused():  # as `eventwire run` has it
        for n, doc in enumerate(replayed(args.corpus, args.results, args.n), 1):
            batch.append(doc)
            if len(batch) == args.batch_size or n == args.n:
                c0 = time.process_time()
                store_and_resolve(store, batch)
                cpu += time.process_time() - c0
                batch = []
            if n % 10_000 == 0:
                now = time.perf_counter()
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"{n:>7} articles: {now - lap:5.1f} s for the last 10k, peak RSS {rss:.0f} MB", flush=True)
                lap = now
    print(f"total {time.perf_counter() - t0:.1f} s; writer CPU {cpu:.1f} s ({1000 * cpu / args.n:.2f} ms/article); "
          f"{store.counts()}")
    store.close()


if __name__ == "__main__":
    main()
