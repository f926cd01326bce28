"""`make stress`: the long runs behind issue 8's guarantees, too slow for the test suite.

1. kill/resume: the runner in a subprocess (with its workers) is SIGKILLed N times, each
   after its first committed batch plus a random offset, so every cycle is a real kill mid-run;
   then it runs to the end, and the database must equal an uninterrupted run's (same article
   hashes, events, mentions, errors, hook queue drained; no duplicates). Exit 1 otherwise.
2. memory: a generated JSON Lines file of --megabytes MB (default 200) of distinct articles
   streamed through the runner without extraction, and its first --extract-megabytes MB
   through the full pipeline (on 2 cores the pipeline does ~0.25 MB/s of this text, so all
   200 MB would take ~15 minutes: pass --extract-megabytes 200 for that). RSS of the process
   tree is sampled every 0.5 s; a leak shows as growth in the second half.

    .venv/bin/python bench/stress.py [--cycles 20] [--megabytes 200] [--extract-megabytes 10]
                                     [--workers 2] [--json out.json]

The corpus is generated here (news-like sentences from templates; project-written), so the
script needs nothing outside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb

ACTORS = ["Pakistani troops", "Iranian forces", "Houthi rebels", "Israeli aircraft", "Russian artillery",
          "Ukrainian drones", "Al-Shabaab militants", "Nigerian police", "Sudanese paramilitaries",
          "Colombian soldiers", "Indian security forces", "Syrian government forces"]
TARGETS = ["a checkpoint", "a market", "an army convoy", "a village", "a police station", "a refugee camp",
           "militant hideouts", "a border post", "a fuel depot", "a hospital"]
PLACES = ["Quetta", "Kandahar", "Mogadishu", "Aden", "Kharkiv", "Maiduguri", "Khartoum", "Gaza", "Idlib",
          "Peshawar", "Srinagar", "Cali"]
VERBS = ["attacked", "shelled", "bombed", "raided", "fired on", "struck"]
SOURCES = ["officials said", "police said", "a military spokesman said", "local media reported",
           "the interior ministry said", "witnesses told reporters"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FILLER = ("Residents waited in long queues at bakeries and petrol stations as prices rose again this week. "
          "Schools in the district were full again after the holiday, and the regional council "
          "worked all afternoon on the budget for new roads, clean water and the bus station. ")  # no trigger word
GERMAN = ("Die Regierung hat am Montag die Grenze geschlossen, sagte ein Sprecher des Ministeriums. "
          "Bei dem Angriff auf einen Markt wurden nach Angaben der Polizei mindestens {n} Menschen getötet.")


def news_text(rng: random.Random, n: int, filler: int = 0) -> str:
    """A short wire story: headline, one or two event sentences, optional neutral filler."""
    actor, target, place = rng.choice(ACTORS), rng.choice(TARGETS), rng.choice(PLACES)
    verb, source, day = rng.choice(VERBS), rng.choice(SOURCES), rng.choice(DAYS)
    headline = f"{actor.split()[0]} {verb.split()[0]} {target.split()[-1]} in {place}"
    body = (f"{place}: {actor} {verb} {target} near {place} on {day}, killing {n} people and wounding "
            f"{n + 3} others, {source}.")
    if n % 3 == 0:
        body += f" The government condemned the attack and summoned the ambassador, {rng.choice(SOURCES)}."
    return headline + "\n\n" + body + ("\n\n" + FILLER * filler if filler else "")


def news_corpus(count: int, seed: int = 7, *, filler: int = 0, hostile: bool = True) -> list[str]:
    """JSON Lines records: mostly English news, plus (when `hostile`) a German record, a
    repeated text, a malformed line and a record of the wrong type, at fixed positions."""
    rng = random.Random(seed)
    lines = []
    for i in range(count):
        record = {"id": f"doc-{i:05d}", "text": news_text(rng, i + 1, filler), "date": f"2024-02-{1 + i % 28:02d}"}
        lines.append(json.dumps(record))
    if hostile and count >= 10:
        lines[3] = json.dumps({"id": "de-1", "text": GERMAN.format(n=12), "date": "2024-02-03"})
        lines[5] = json.dumps({"id": "repeat", "text": json.loads(lines[4])["text"]})
        lines[7] = '{"id": "broken", "text": "unterminated'
        lines[9] = json.dumps({"id": "wrong-type", "text": ["not", "a", "string"]})
    return lines


def write_corpus(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot(db: Path) -> dict:
    """What must match between an interrupted and an uninterrupted run."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        return {
            "articles": sorted(h for (h,) in q("SELECT content_hash FROM articles")),
            "events": sorted(q("SELECT article_hash, id, record FROM events")),
            "mentions": sorted(q('SELECT event_id, start, "end" FROM mentions')),
            "evidence": q("SELECT count(*) FROM evidence")[0][0],
            "errors": sorted(q("SELECT id, stage, reason, level FROM errors")),
            "duplicate_events": q("SELECT count(*) - count(DISTINCT (article_hash, id)) FROM events")[0][0],
            "duplicate_mentions": q('SELECT count(*) - count(DISTINCT (event_id, start, "end")) FROM mentions')[0][0],
            "queued_hooks": q("SELECT count(*) FROM hook_queue")[0][0],
        }
    finally:
        con.close()


def frozen_env(tmp: Path) -> dict[str, str]:
    """An environment whose `eventwire` is a copy of the current one: the reference run and
    the killed runs must run the same code even while the working tree is being edited."""
    import shutil

    import eventwire

    target = tmp / "frozen-src"
    shutil.copytree(Path(eventwire.__file__).parent, target / "eventwire", ignore=shutil.ignore_patterns("__pycache__"))
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(target), os.environ.get("PYTHONPATH")]))}


def _differences(final: dict, reference: dict) -> dict:
    """What differs from the uninterrupted run, table by table (empty when equal)."""
    out = {}
    for key in reference:
        if final[key] != reference[key]:
            a, b = final[key], reference[key]
            out[key] = ({"missing": len(set(map(str, b)) - set(map(str, a))), "extra": len(set(map(str, a)) - set(map(str, b)))}
                        if isinstance(a, list) else {"got": a, "expected": b})
    return out


def _runner(db: Path, corpus: Path, workers: int, batch_size: int, *, extract: bool = True) -> list[str]:
    """This script in child mode: `eventwire.runner.run` with a hook that prints each
    committed article's id, so the parent sees the first commit before it kills."""
    cmd = [sys.executable, __file__, "--child", str(db), str(corpus), "--workers", str(workers),
           "--batch-size", str(batch_size)]
    return cmd if extract else [*cmd, "--no-extract"]


class NullExtractor:
    """Extraction replaced by an empty result: isolates ingest, dedup and storage."""

    def map(self, articles):
        from eventwire.model import DocumentResult

        return ((DocumentResult(id=a.id, date=a.date), 0) for a in articles)

    def close(self) -> None:
        pass


def child(db: str, corpus: str, workers: int, batch_size: int, extract: bool) -> int:
    """One runner process (the thing that gets killed). Prints `committed ID` per article
    after its batch's transaction, through the runner's post-commit hook."""
    from eventwire import runner
    from eventwire.ingest import iter_documents

    def hook(store, article, result) -> None:
        print("committed", article.id, flush=True)

    if not extract:
        with runner.open_store(db) as store:
            report = runner.run_into(store, iter_documents([corpus]), NullExtractor(), batch_size=batch_size,
                                     on_result=hook)
    else:
        report = runner.run([corpus], db, workers=workers, batch_size=batch_size, progress=False, on_result=hook)
    print(report.summary(db), file=sys.stderr)
    return 0


def _drain(stream, lines: list[str]) -> threading.Thread:
    def pump():
        for line in stream:
            lines.append(line)
    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    return thread


def _timed_run(cmd: list[str], env: dict) -> tuple[float, float, int]:
    """(seconds to the first commit, seconds in all, articles committed) of a run to the end."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    first = proc.stdout.readline()
    t_first = time.perf_counter() - t0
    rest = proc.stdout.readlines()
    proc.wait()
    return t_first, time.perf_counter() - t0, len(rest) + bool(first)


def kill_resume(cycles: int, workers: int, records: int | None = None, batch_size: int = 8, seed: int = 11) -> dict:
    """SIGKILL the runner's whole process group `cycles` times, each time after its first
    committed batch plus a random offset (so every kill lands mid-run, whether in a hook,
    mid-extraction or mid-commit), then run to the end and compare with an uninterrupted run.

    The first hook line a resumed run prints may be a replay of the hooks the previous run
    committed but did not get through; a kill then lands mid-replay, which is a point worth
    testing too. The corpus is sized so no cycle runs out of work (each commits at most a
    few batches before its kill), and every process runs a frozen copy of the package."""
    rng = random.Random(seed)
    records = records or cycles * batch_size * 4
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = write_corpus(tmp / "corpus.jsonl", news_corpus(records))
        env = frozen_env(tmp)
        t_first, full, committed = _timed_run(_runner(tmp / "ref.duckdb", corpus, workers, batch_size), env)
        reference = snapshot(tmp / "ref.duckdb")
        per_doc = (full - t_first) / max(1, committed - batch_size)
        window = per_doc * batch_size * 2  # at most ~2 more batches after the first commit
        db = tmp / "killed.duckdb"
        log = []
        for cycle in range(cycles):
            before = len(snapshot(db)["articles"]) if db.exists() else 0
            proc = subprocess.Popen(_runner(db, corpus, workers, batch_size), stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, text=True, start_new_session=True, env=env)
            first = proc.stdout.readline()  # the first batch is committed
            lines: list[str] = [first] if first else []
            pump = _drain(proc.stdout, lines)
            offset = rng.uniform(0, window)
            time.sleep(offset)
            killed = proc.poll() is None
            if killed:
                os.killpg(proc.pid, signal.SIGKILL)  # the runner and its workers, as a power cut would
            proc.wait()
            pump.join(5)
            after = len(snapshot(db)["articles"])
            log.append({"cycle": cycle + 1, "killed": killed and proc.returncode == -signal.SIGKILL,
                        "offset_s": round(offset, 2), "articles_before": before, "articles_after": after,
                        "hooks_seen": len(lines)})
            print(f"  cycle {cycle + 1:2d}: SIGKILL {offset:4.2f} s after the first commit, "
                  f"killed={log[-1]['killed']}, articles {before} -> {after}", file=sys.stderr)
        subprocess.run(_runner(db, corpus, workers, batch_size), check=False, capture_output=True, env=env)
        final = snapshot(db)
    kills = sum(c["killed"] for c in log)
    return {
        "cycles": cycles, "kills": kills, "records": records, "batch_size": batch_size, "workers": workers,
        "full_run_s": round(full, 1), "first_commit_s": round(t_first, 1), "kill_window_s": round(window, 2),
        "articles": len(final["articles"]), "events": len(final["events"]), "mentions": len(final["mentions"]),
        "articles_before_final_run": log[-1]["articles_after"] if log else 0,
        "equal_to_uninterrupted": final == reference,
        "nothing_lost": final["articles"] == reference["articles"] and final["events"] == reference["events"],
        "duplicate_events": final["duplicate_events"], "duplicate_mentions": final["duplicate_mentions"],
        "queued_hooks": final["queued_hooks"], "differences": _differences(final, reference), "log": log,
    }


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _tree_rss(pid: int) -> float:
    """RSS of a process and its children (the workers)."""
    total = _rss_mb(pid)
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return total + sum(_tree_rss(int(c)) for c in children)


def write_big(path: Path, megabytes: float, seed: int = 5) -> int:
    """A JSON Lines file of `megabytes` MB of distinct articles (each starts with its own
    story, so no two share a content hash); 1 in 4 carries an event, the rest long filler."""
    rng = random.Random(seed)
    written = i = 0
    with path.open("w", encoding="utf-8") as f:
        while written < megabytes * 1_000_000:
            text = news_text(rng, i + 1, filler=60 if i % 4 else 2)
            line = json.dumps({"id": f"big-{i}", "text": text}) + "\n"
            f.write(line)
            written += len(line)
            i += 1
    return i


def _sampled(cmd: list[str], env: dict | None = None) -> dict:
    """Run `cmd` to the end, sampling its process tree's RSS every 0.5 s."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    tail: list[str] = []
    pump = _drain(proc.stderr, tail)
    samples: list[float] = []
    t0 = time.perf_counter()
    while proc.poll() is None:
        samples.append(_tree_rss(proc.pid))
        time.sleep(0.5)
    seconds = time.perf_counter() - t0
    pump.join(5)
    half = len(samples) // 2  # workers load in the first half; a leak shows as second-half growth
    first, second = samples[:half] or [0.0], samples[half:] or [0.0]
    return {
        "seconds": round(seconds, 1), "returncode": proc.returncode, "samples": len(samples),
        "rss_peak_mb": round(max(samples, default=0), 1),
        "rss_peak_first_half_mb": round(max(first), 1),
        "rss_growth_second_half_mb": round(max(second) - max(first), 1),
        "summary": "".join(tail).strip().splitlines()[-1] if "".join(tail).strip() else "",
    }


def memory(megabytes: float, workers: int, extract_megabytes: float | None = None, tmp: Path | None = None) -> dict:
    """Memory on a large streamed input, in up to two runs over distinct articles:

    - `stream`: the whole `megabytes` file through the runner (reading, JSON parsing,
      hashing, language check, dedup look-ups, batch commits) with extraction replaced by
      `NullExtractor` -- what grows with the file's size;
    - `extract`: the first `extract_megabytes` of it through the full pipeline with
      `workers` workers (skipped when None; when >= megabytes, only this run, on all of it).
    """
    own = tmp is None
    tmp = tmp or Path(tempfile.mkdtemp())
    out: dict = {"megabytes": megabytes}
    try:
        full = extract_megabytes is not None and extract_megabytes >= megabytes
        if not full:
            big = tmp / "big.jsonl"
            out["stream"] = {"records": write_big(big, megabytes), "mode": "ingest + store, no extraction"}
            out["stream"].update(_sampled(_runner(tmp / "stream.duckdb", big, workers, 64, extract=False)))
            big.unlink()
        if extract_megabytes:
            size = megabytes if full else extract_megabytes
            sample = tmp / "sample.jsonl"
            out["extract"] = {"megabytes": size, "records": write_big(sample, size), "workers": workers,
                              "mode": "full pipeline"}
            out["extract"].update(_sampled(_runner(tmp / "extract.duckdb", sample, workers, 64)))
            sample.unlink()
    finally:
        if own:
            for p in tmp.iterdir():
                p.unlink()
            tmp.rmdir()
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--megabytes", type=float, default=200)
    parser.add_argument("--extract-megabytes", type=float, default=10,
                        help="how much of it goes through the full pipeline (all of it: same as --megabytes)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-kills", action="store_true")
    args = parser.parse_args()
    results: dict = {}
    ok = True
    if not args.skip_kills:
        kr = results["kill_resume"] = kill_resume(args.cycles, args.workers)
        ok = kr["equal_to_uninterrupted"] and kr["kills"] == kr["cycles"]
        print(f"kill/resume: {kr['kills']} of {kr['cycles']} cycles SIGKILLed mid-run; "
              + ("nothing lost, nothing duplicated" if kr["equal_to_uninterrupted"] else "DIFFERS from an uninterrupted run")
              + f" ({kr['articles']} articles, {kr['events']} events, {kr['duplicate_events']} duplicate events,"
              f" {kr['duplicate_mentions']} duplicate mentions)", file=sys.stderr)
    if not args.skip_memory:
        results["memory"] = memory(args.megabytes, args.workers, args.extract_megabytes)
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _p = argparse.ArgumentParser()
        _p.add_argument("--child", nargs=2, metavar=("DB", "INPUT"))
        _p.add_argument("--workers", type=int, default=1)
        _p.add_argument("--batch-size", type=int, default=64)
        _p.add_argument("--no-extract", action="store_true")
        _a = _p.parse_args()
        sys.exit(child(*_a.child, _a.workers, _a.batch_size, not _a.no_extract))
    sys.exit(main())
