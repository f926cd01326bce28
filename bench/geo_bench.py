"""Geoparser speed and memory: articles/s, start-up time, peak RSS added by the gazetteer.

    .venv/bin/python bench/geo_bench.py [--workers 2] [path.jsonl]

Reads ../shared/eval-dev/geoparsing.dev.jsonl when present, else the bundled examples/.
Start-up is measured on a warm cache (the first ever run builds the index first).
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval-dev" / "geoparsing.dev.jsonl"


def _texts(path: Path | None) -> list[str]:
    if path and path.exists():
        return [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.txt"))]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _parse_chunk(texts: list[str]) -> int:
    from eventwire.geo import Geoparser

    gp = Geoparser.load()
    return sum(len(gp.geoparse(t)) for t in texts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", type=Path, default=DEV)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    texts = _texts(args.path)
    import eventwire.model  # noqa: F401  (pydantic etc. are not the gazetteer's cost)

    rss0 = _rss_mb()
    t0 = time.perf_counter()
    from eventwire.geo import Geoparser

    gp = Geoparser.load()
    startup = time.perf_counter() - t0
    rss_delta = _rss_mb() - rss0
    t1 = time.perf_counter()
    n_top = sum(len(gp.geoparse(t)) for t in texts)
    one = len(texts) / (time.perf_counter() - t1)
    print(f"articles: {len(texts)}  toponyms: {n_top}")
    print(f"start-up (warm cache): {startup:.2f} s   gazetteer peak RSS delta: {rss_delta:.0f} MB")
    print(f"1 process: {one:.0f} articles/s")
    if args.workers > 1:
        chunks = [texts[i::args.workers] for i in range(args.workers)]
        with ProcessPoolExecutor(args.workers) as ex:
            list(ex.map(_parse_chunk, [c[:1] for c in chunks]))  # warm the workers
            t2 = time.perf_counter()
            list(ex.map(_parse_chunk, chunks))
        print(f"{args.workers} processes: {len(texts) / (time.perf_counter() - t2):.0f} articles/s")


if __name__ == "__main__":
    main()
