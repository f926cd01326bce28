"""`make stress`: the long runs behind issue 8's guarantees, too slow for the test suite.

1. kill/resume: `eventwire.runner` in a subprocess, SIGKILLed at random moments N times, then
   run to the end; the database must equal an uninterrupted run's (same article hashes,
   events, mentions, errors; no duplicates).
2. memory: a generated JSON Lines file of --megabytes MB (default 200) streamed through the
   runner; RSS is sampled and must stay flat (growth after the first tenth bounded).

    .venv/bin/python bench/stress.py [--cycles 20] [--megabytes 200] [--workers 2] [--json out.json]

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


def _runner(db: Path, corpus: Path, workers: int, batch_size: int) -> list[str]:
    return [sys.executable, "-m", "eventwire.runner", str(db), str(corpus), "--workers", str(workers),
            "--batch-size", str(batch_size)]


def kill_resume(cycles: int, workers: int, records: int = 400, batch_size: int = 16, seed: int = 11) -> dict:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = write_corpus(tmp / "corpus.jsonl", news_corpus(records))
        t0 = time.perf_counter()
        subprocess.run(_runner(tmp / "ref.duckdb", corpus, workers, batch_size), check=False, capture_output=True)
        full = time.perf_counter() - t0
        reference = snapshot(tmp / "ref.duckdb")
        db = tmp / "killed.duckdb"
        kills = 0
        for _ in range(cycles):
            proc = subprocess.Popen(_runner(db, corpus, workers, batch_size), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.5, max(1.0, full / 2)))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait()
            stored = snapshot(db)["articles"] if db.exists() else []
            print(f"  cycle: killed={proc.returncode == -9} articles so far {len(stored)}", file=sys.stderr)
        subprocess.run(_runner(db, corpus, workers, batch_size), check=False, capture_output=True)
        final = snapshot(db)
    return {
        "cycles": cycles, "kills": kills, "records": records, "full_run_s": round(full, 1),
        "articles": len(final["articles"]), "events": len(final["events"]),
        "equal_to_uninterrupted": final == reference,
        "duplicate_events": final["duplicate_events"], "duplicate_mentions": final["duplicate_mentions"],
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


def memory(megabytes: int, workers: int, tmp: Path | None = None) -> dict:
    """Stream a `megabytes` MB JSON Lines file through the runner; sample RSS every 0.5 s."""
    own = tmp is None
    tmp = tmp or Path(tempfile.mkdtemp())
    corpus = tmp / "big.jsonl"
    rng = random.Random(5)
    written = i = 0
    with corpus.open("w", encoding="utf-8") as f:
        while written < megabytes * 1_000_000:
            # 1 in 4 records carries an event; the rest are long trigger-free filler
            text = news_text(rng, i + 1, filler=60 if i % 4 else 2)
            line = json.dumps({"id": f"big-{i}", "text": text}) + "\n"
            f.write(line)
            written += len(line)
            i += 1
    proc = subprocess.Popen(_runner(tmp / "big.duckdb", corpus, workers, 64), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    samples: list[float] = []
    t0 = time.perf_counter()
    while proc.poll() is None:
        samples.append(_tree_rss(proc.pid))
        time.sleep(0.5)
    seconds = time.perf_counter() - t0
    tail = proc.stderr.read()[-300:]
    if own:
        for p in tmp.iterdir():
            p.unlink()
        tmp.rmdir()
    half = len(samples) // 2  # workers load in the first half; a leak shows as second-half growth
    first, second = samples[:half] or [0.0], samples[half:] or [0.0]
    return {
        "megabytes": megabytes, "records": i, "seconds": round(seconds, 1), "returncode": proc.returncode,
        "rss_peak_mb": round(max(samples, default=0), 1),
        "rss_peak_first_half_mb": round(max(first), 1),
        "rss_growth_second_half_mb": round(max(second) - max(first), 1),
        "summary": tail.strip().splitlines()[-1] if tail.strip() else "",
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    results = {"kill_resume": kill_resume(args.cycles, args.workers)}
    print(json.dumps(results["kill_resume"]), file=sys.stderr)
    if not args.skip_memory:
        results["memory"] = memory(args.megabytes, args.workers)
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    ok = results["kill_resume"]["equal_to_uninterrupted"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
