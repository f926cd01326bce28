"""`eventwire run` at archive scale: throughput, memory and growth with the number of articles.

The input is short news reports (UCDP headlines, CASE 2021 snippets, PLOVER and PETRARCH
sentences, HuffPost headlines with their summary, from ../shared/eval-dev; the project's
examples/ when that is absent), repeated to the requested size. Copy k of a report is dated
k years after the original and gets an id of its own; its text ends with k newlines (no
offset moves, nothing new to parse) so that its content hash is its own and the store does
not skip it as already seen. The archive thus grows in time at a constant density, as a
wire's archive does. Corpora are generated at run time under bench/out/ (never committed).

For each size (`--sizes 1000,10000,100000`), each in a fresh process:

* `run`: `eventwire run corpus.jsonl --db new.duckdb --workers W --quiet` (extract, store,
  resolve across articles), start-up included;
* `extract`: `eventwire extract corpus.jsonl --workers W -o out.jsonl`, start-up included;
* `ray` (not by default; needs `eventwire[ray]`): `eventwire run corpus.jsonl --db new.duckdb
  --engine ray --workers W`: Ray starts on this machine, W extraction actors write the Parquet
  partitions, then one process stores and resolves them; its stored tables are compared with
  `run`'s (row counts and the incident digest must be equal);
* `spacy`: the full `en_core_web_sm` pipeline over every sentence of the same texts
  (`nlp.pipe`, one process), the plain baseline; `--spacy-max` caps how many articles it
  parses (its rate does not depend on size).

Prints articles/s, sentences/s, peak RSS (the largest process: the run's writer, or any
worker; and all the command's processes together, sampled from /proc), the growth exponent of `run`'s time between consecutive sizes
(log(t2/t1) / log(n2/n1): 1.0 is linear) with and without the start-up time of a run on
100 articles, the marginal run time per article between sizes (flat when linear), and the
ratios run/extract and run/spacy. With `--repeat k` each size runs its sides in k interleaved
rounds (run, extract, spacy, run, extract, spacy, ...): the machine's speed drifts by 5-10%
between legs minutes apart, so each ratio is taken within one round and the median is shown
with every round's. Writes bench/out/run_bench.json.

    .venv/bin/python bench/run_bench.py --sizes 1000,10000          # about 3 minutes here
    .venv/bin/python bench/run_bench.py --sizes 1000,10000,100000   # the issue's full run
    .venv/bin/python bench/run_bench.py --sizes 10000 --repeat 3    # steadier ratios at one size
    .venv/bin/python bench/run_bench.py --sizes 10000 --sides run,ray --calibrate 0   # Ray against run
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import resource
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))

from bench import BASELINE_MODEL, split_sentences  # noqa: E402

START = date(2000, 1, 1)
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20 if hasattr(os, "sysconf") else 0.0


def _records(path: Path):
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)


def base_reports(root: Path = SHARED) -> list[dict]:
    """The distinct short reports the corpus repeats: {text, day} with day an offset in
    days within one year (a report's own date where it has one)."""
    dev = root / "eval-dev"
    texts: list[str] = []
    for rec in _records(dev / "ucdp_ged_pakistan.dev.jsonl"):
        texts += [t.strip() for t in rec["text"].split(";") if t.strip()]
    for name in ("case2021_task2", "plover_gsr", "petrarch2_gsr_validation"):
        texts += [r["text"].strip() for r in _records(dev / f"{name}.dev.jsonl")]
    texts += [r["text"].strip() for r in _records(dev / "huffpost_topics.dev.jsonl")][:2000]
    if not texts:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    texts = sorted(set(t for t in texts if t))
    rng = random.Random(13)
    rng.shuffle(texts)
    return [{"text": t, "day": rng.randrange(365)} for t in texts]


def write_corpus(n: int, path: Path, base: list[dict] | None = None) -> dict:
    """n articles as JSON Lines at `path`; {articles, sentences, words}."""
    base = base or base_reports()
    sentences = words = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            copy, rec = divmod(i, len(base))
            b = base[rec]
            day = START + timedelta(days=copy * 365 + b["day"])
            text = b["text"] + "\n" * copy
            fh.write(json.dumps({"id": f"r{i:07d}", "text": text, "date": day.isoformat()}) + "\n")
            sentences += len(split_sentences(b["text"]))
            words += len(b["text"].split())
    return {"articles": n, "sentences": sentences, "words": words, "distinct": min(n, len(base))}


def _eventwire() -> str:
    exe = Path(sys.executable).with_name("eventwire")
    return str(exe) if exe.exists() else "eventwire"


def _tree_rss_mb(root: int) -> tuple[float, float]:
    """(largest process, all of them) resident MB of `root` and its descendants, from /proc:
    Ray's raylet and workers are not waited for by the command, so `ru_maxrss` misses them."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    todo, sizes = [root], []
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            sizes.append(int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_MB)
        except (OSError, IndexError, ValueError):
            pass
    return max(sizes, default=0.0), sum(sizes)


def timed(cmd: list[str], timeout: float | None) -> dict:
    """Run a command; wall seconds, exit code, the peak RSS of its largest process and
    (sampled every half second where there is /proc) of its whole process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    peaks = [0.0, 0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.5):
            largest, total = _tree_rss_mb(proc.pid)
            peaks[:] = max(peaks[0], largest), max(peaks[1], total)

    sampler = threading.Thread(target=sample, daemon=True)
    if Path("/proc/self/statm").exists():
        sampler.start()
    try:
        _, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return {"error": f"timed out after {timeout} s"}
    finally:
        done.set()
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = {"seconds": round(seconds, 2), "exit_code": proc.returncode,
           # ru_maxrss of children is the largest one so far: exact for the first, a lower bound after
           "peak_rss_mb": round(max(peak, before) / 1024, 1), "stderr_tail": stderr.strip()[-1000:]}
    if sampler.ident is not None:
        sampler.join(1)
        out["peak_rss_mb"] = round(max(out["peak_rss_mb"], peaks[0]), 1)
        out["peak_tree_rss_mb"] = round(peaks[1], 1)
    if proc.returncode not in (0, 1):
        out["error"] = (stderr.strip().splitlines() or ["failed"])[-1]
    return out


def _rates(r: dict, c: dict) -> dict:
    if "seconds" in r:
        r["articles_per_s"] = round(c["articles"] / r["seconds"], 1)
        r["sentences_per_s"] = round(c["sentences"] / r["seconds"], 1)
    return r


def side_spacy(corpus: Path, limit: int) -> dict:
    """The plain baseline in this process' child: every sentence through the full model."""
    code = (
        "import json,sys,time,resource,spacy\n"
        f"sys.path.insert(0, {str(ROOT / 'bench')!r})\n"
        "from bench import split_sentences\n"
        f"docs=[json.loads(l)['text'] for l,_ in zip(open({str(corpus)!r}), range({limit}))]\n"
        "sents=[s for t in docs for s in split_sentences(t)]\n"
        f"nlp=spacy.load({BASELINE_MODEL!r}); t=time.perf_counter()\n"
        "n=sum(len(d) for d in nlp.pipe(sents, batch_size=256))\n"
        "s=time.perf_counter()-t\n"
        "print(json.dumps({'seconds':s,'articles':len(docs),'sentences':len(sents),"
        "'peak_rss_mb':resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    return {"seconds": round(r["seconds"], 2), "articles": r["articles"], "sentences": r["sentences"],
            "articles_per_s": round(r["articles"] / r["seconds"], 1),
            "sentences_per_s": round(r["sentences"] / r["seconds"], 1), "peak_rss_mb": round(r["peak_rss_mb"], 1)}


def exponent(n1: int, t1: float, n2: int, t2: float) -> float:
    return round(math.log(t2 / t1) / math.log(n2 / n1), 3)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="eventwire run at scale")
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated article counts")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sides", default="run,extract,spacy", help="which of run, ray, extract, spacy")
    ap.add_argument("--spacy-max", type=int, default=10_000, help="articles the spaCy baseline parses at most")
    ap.add_argument("--timeout", type=float, default=None, help="seconds per side and size")
    ap.add_argument("--calibrate", type=int, default=100,
                    help="articles of a first, start-up only run (0: none); growth is also given without it")
    ap.add_argument("--repeat", type=int, default=1,
                    help="interleaved rounds of the sides per size; medians are reported (steadier ratios)")
    ap.add_argument("--out", type=Path, default=OUT / "run_bench.json")
    args = ap.parse_args(argv)
    sizes = sorted(int(x) for x in args.sizes.split(",") if x.strip())
    order = [s.strip() for s in args.sides.split(",")]
    sides = set(order)
    base = base_reports()
    report: dict = {"when": datetime.now().isoformat(timespec="seconds"), "workers": args.workers,
                    "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
                    "distinct_reports": len(base), "sizes": {}}
    ew = _eventwire()
    if "run" in sides and args.calibrate:
        # start-up (imports, model load in the workers, pool start) measured on a tiny input,
        # so that growth can be read without it
        corpus = OUT / f"run-corpus-{args.calibrate}.jsonl"
        c = write_corpus(args.calibrate, corpus, base)
        db = OUT / f"run-{args.calibrate}.duckdb"
        for p in (db, Path(f"{db}.wal")):
            p.unlink(missing_ok=True)
        report["calibration"] = {"corpus": c, "run": timed([ew, "run", str(corpus), "--db", str(db), "--workers",
                                                             str(args.workers), "--quiet"], args.timeout)}
        print(f"start-up calibration: run on {args.calibrate} articles took {report['calibration']['run']['seconds']} s")
    for n in sizes:
        corpus = OUT / f"run-corpus-{n}.jsonl"
        c = write_corpus(n, corpus, base)
        # the machine's speed drifts between legs run minutes apart: with --repeat k the sides
        # run in k interleaved rounds, each ratio is taken within a round, and the median
        # round (by seconds) of each side and the median ratio are reported
        rounds = [_round(n, corpus, c, order, sides, args, ew) for _ in range(args.repeat)]
        row = {"corpus": c, **median_of(rounds)}
        report["sizes"][str(n)] = row
        _print_row(n, row)
    done = [(n, report["sizes"][str(n)]["run"]["seconds"]) for n in sizes
            if "seconds" in report["sizes"][str(n)].get("run", {})]
    report["growth_exponent"] = {f"{a[0]}->{b[0]}": exponent(a[0], a[1], b[0], b[1]) for a, b in zip(done, done[1:])}
    for k, v in report["growth_exponent"].items():
        print(f"growth exponent of run time {k}: {v}")
    cal = report.get("calibration", {}).get("run", {})
    if "seconds" in cal:
        n0, t0 = args.calibrate, cal["seconds"]
        points = [(n0, t0)] + done
        report["marginal_ms_per_article"] = {
            f"{a[0]}->{b[0]}": round((b[1] - a[1]) / (b[0] - a[0]) * 1000, 2) for a, b in zip(points, points[1:])}
        report["growth_exponent_without_startup"] = {
            f"{a[0]}->{b[0]}": exponent(a[0] - n0, a[1] - t0, b[0] - n0, b[1] - t0)
            for a, b in zip(done, done[1:]) if a[1] > t0}
        for k, v in report["marginal_ms_per_article"].items():
            print(f"marginal run time per article {k}: {v} ms")
        for k, v in report["growth_exponent_without_startup"].items():
            print(f"growth exponent of run time {k}, start-up ({n0} articles) subtracted: {v}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def median_of(rounds: list[dict]) -> dict:
    """One row from interleaved rounds: each side's median round by seconds (the lower of two
    middles), each ratio's median over the rounds, with every round's figures beside them;
    a yes/no comparison holds only if it held in every round."""
    row: dict = {}
    for side in ("run", "ray", "extract", "spacy"):
        got = [r[side] for r in rounds if side in r]
        if not got:
            continue
        ok = sorted((g for g in got if "seconds" in g), key=lambda g: g["seconds"])
        row[side] = dict(ok[(len(ok) - 1) // 2] if ok else got[0])
        if len(got) > 1:
            row[side]["seconds_each"] = [g.get("seconds") for g in got]
    for k in ("run_over_extract", "run_over_spacy", "ray_over_run", "ray_stores_what_run_stores"):
        got = [r[k] for r in rounds if k in r]
        if not got:
            continue
        if isinstance(got[0], bool):
            row[k] = all(got)
            continue
        row[k] = sorted(got)[(len(got) - 1) // 2]
        if len(got) > 1:
            row[f"{k}_each"] = got
    return row


def _round(n: int, corpus: Path, c: dict, order: list[str], sides: set[str], args, ew: str) -> dict:
    """Each requested side once over `corpus`, and the ratios between them."""
    row: dict = {}
    for side in [s for s in order if s in ("run", "ray")]:  # in the order given, to see an order effect
        engine = ["--engine", "ray"] if side == "ray" else []
        db = OUT / f"{side}-{n}.duckdb"
        for p in (db, Path(f"{db}.wal")):
            p.unlink(missing_ok=True)
        row[side] = _rates(timed([ew, "run", str(corpus), "--db", str(db), "--workers", str(args.workers),
                                  *engine, *([] if engine else ["--quiet"])], args.timeout), c)
        if db.exists():
            row[side]["stored"] = _stored(db)
    if "extract" in sides:
        row["extract"] = _rates(timed([ew, "extract", str(corpus), "--workers", str(args.workers), "-o",
                                       str(OUT / f"extract-{n}.jsonl")], args.timeout), c)
    if "spacy" in sides:
        row["spacy"] = side_spacy(corpus, min(n, args.spacy_max))
    r, e, s = row.get("run", {}), row.get("extract", {}), row.get("spacy", {})
    if "stored" in r and "stored" in row.get("ray", {}):
        row["ray_over_run"] = round(r["seconds"] / row["ray"]["seconds"], 3)
        row["ray_stores_what_run_stores"] = r["stored"] == row["ray"]["stored"]
    if "sentences_per_s" in r and "sentences_per_s" in e:
        row["run_over_extract"] = round(r["sentences_per_s"] / e["sentences_per_s"], 3)
    if "sentences_per_s" in r and "sentences_per_s" in s:
        row["run_over_spacy"] = round(r["sentences_per_s"] / s["sentences_per_s"], 3)
    return row


def _stored(db: Path) -> dict:
    """Rows per table, and a digest of the incidents (equal for equal resolutions)."""
    from eventwire.store import Store
    from eventwire.store.resolution import incident_digest

    with Store(db, read_only=True) as store:
        counts = {t: store.query(f"SELECT count(*) FROM {t}")[0][0]
                  for t in ("articles", "events", "mentions", "errors", "incidents", "incident_members",
                            "incident_links", "article_versions")}
        return {**counts, "incident_digest": incident_digest(store)}


def _print_row(n: int, row: dict) -> None:
    c = row["corpus"]
    print(f"\n{n} articles ({c['sentences']} sentences, {c['distinct']} distinct texts)")
    print(f"  {'side':8s}{'seconds':>10s}{'articles/s':>12s}{'sentences/s':>13s}{'peak RSS MB':>13s}"
          f"{'all procs MB':>13s}")
    for side in ("run", "ray", "extract", "spacy"):
        r = row.get(side)
        if r is None:
            continue
        if "error" in r:
            print(f"  {side:8s} error: {r['error']}")
            continue
        tree = f"{r['peak_tree_rss_mb']:>13.0f}" if "peak_tree_rss_mb" in r else ""
        print(f"  {side:8s}{r['seconds']:>10.1f}{r['articles_per_s']:>12.1f}{r['sentences_per_s']:>13.1f}"
              f"{r['peak_rss_mb']:>13.0f}{tree}")
    if "ray" in row and "stderr_tail" in row["ray"]:
        said = [line for line in row["ray"]["stderr_tail"].splitlines() if "resolved in" in line]
        print(f"  ray: {said[-1].split('; {')[0] if said else '?'}")
    for k in ("run_over_extract", "run_over_spacy", "ray_over_run"):
        if k in row:
            each = f"  (rounds: {', '.join(f'{x:.2f}' for x in row[k + '_each'])})" if k + "_each" in row else ""
            print(f"  {k.replace('_', ' ')}: {row[k]:.2f}{each}")
    if "ray_stores_what_run_stores" in row:
        print(f"  ray stores and resolves what run does (row counts, incident digest): {row['ray_stores_what_run_stores']}")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
