"""API and dashboard speed over a generated store of 100,000 events.

    .venv/bin/python bench/api_bench.py [--events 100000] [--db FILE] [--requests 40]

Prints the p50/p95 latency of `/api/events` under typical dashboard filters (served by
uvicorn on loopback, measured by an HTTP client), and the time the dashboard takes in
Debian's chromium from navigation to its first complete view (map, timeline, table).
Targets: p95 < 100 ms, first view < 1.5 s. The browser part is skipped when chromium or
playwright is missing (scripts/install-browser.sh installs them).
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from eventwire.model import Actor, Article, Count, DocumentResult, Event, Evidence, Location
from eventwire.store import Store

PLACES = [  # name, ISO-3, lat, lon
    ("Kabul", "AFG", 34.53, 69.17), ("Kandahar", "AFG", 31.61, 65.71), ("Quetta", "PAK", 30.18, 66.99),
    ("Peshawar", "PAK", 34.01, 71.58), ("Zahedan", "IRN", 29.50, 60.86), ("Mogadishu", "SOM", 2.04, 45.34),
    ("Kharkiv", "UKR", 49.99, 36.23), ("Gaza", "PSE", 31.50, 34.47), ("Khartoum", "SDN", 15.50, 32.56),
    ("Goma", "COD", -1.68, 29.23), ("Maiduguri", "NGA", 11.85, 13.16), ("Aleppo", "SYR", 36.20, 37.16),
    ("Sana'a", "YEM", 15.35, 44.21), ("Bamako", "MLI", 12.65, -8.0), ("Culiacan", "MEX", 24.80, -107.39),
]
TYPES = [("ASSAULT", -10.0, "Explosions/Remote violence"), ("FIGHT", -10.0, "Battles"),
         ("PROTEST", -6.5, "Protests"), ("THREATEN", -7.0, None), ("CONSULT", 1.0, None),
         ("SANCTION", -4.0, "Strategic developments"), ("ACCUSE", -2.0, None), ("AID", 7.4, None)]
STATUSES = ["reported", "reported", "reported", "claimed", "confirmed", "denied"]
WORDS = "forces attacked shelled the village convoy checkpoint market officials said killed wounded protesters".split()


def generate(path: str, n: int, *, seed: int = 1, per_article: int = 50) -> None:
    """`n` events in articles of `per_article`, stored through `Store.add_results`."""
    rng = random.Random(seed)
    docs, start = [], date(2023, 1, 1)
    for a in range(0, n, per_article):
        events = []
        for i in range(min(per_article, n - a)):
            name, iso, lat, lon = rng.choice(PLACES)
            other = rng.choice(PLACES)[1]
            kind, goldstein, acled = rng.choice(TYPES)
            sentence = " ".join(rng.choice(WORDS) for _ in range(12))
            events.append(Event(
                id=f"e{i}", type=kind, goldstein=goldstein, acled_event_type=acled,
                actor1=Actor(text="forces", name=f"Military Forces of {iso}", country=iso, sector="MIL"),
                actor2=Actor(text="them", name=f"Government of {other}", country=other, sector="GOV"),
                date=None if rng.random() < 0.03 else start + timedelta(days=rng.randrange(730)),
                location=None if rng.random() < 0.2 else Location(
                    text=name, name=name, country=iso, lat=lat + rng.uniform(-0.5, 0.5), lon=lon + rng.uniform(-0.5, 0.5)),
                fatalities=Count(best=rng.choice([None, None, 0, 1, 2, 5, 12, 40])),
                status=rng.choice(STATUSES), confidence=round(rng.random(), 3),
                evidence=[Evidence(start=0, end=len(sentence), text=sentence, role="sentence")],
            ))
        docs.append((Article(id=f"synthetic-{a // per_article}", text=f"synthetic article {a}", date=start),
                     DocumentResult(id=f"synthetic-{a}", events=events)))
    with Store(path) as store:
        for k in range(0, len(docs), 200):
            store.add_results(docs[k:k + 200])


QUERIES = [
    "/api/events?view=summary&limit=50",
    "/api/events?view=summary&limit=50&country=PAK&type=ASSAULT",
    "/api/events?view=summary&limit=50&since=2024-01-01&until=2024-03-31&status=confirmed",
    "/api/events?view=summary&limit=50&bbox=60,25,75,38&sort=-fatalities",
    "/api/events?view=summary&limit=50&actor=Government%20of%20IRN&type=THREATEN,ACCUSE",
    "/api/events?limit=50&q=checkpoint&country=AFG",
    "/api/events?view=summary&limit=1000&sort=-fatalities&type=FIGHT",  # the map's request
]


def _serve(db: str):
    """`eventwire serve` in its own process, as an analyst would run it."""
    import subprocess

    import httpx

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    code = f"from eventwire.api import serve; serve({db!r}, '127.0.0.1', {port})"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/api/stats/facets").raise_for_status()
            return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start")


def api_latency(base: str, rounds: int) -> list[float]:
    import httpx

    times = []
    with httpx.Client(base_url=base) as client:
        for q in QUERIES:  # warm up: first touch of each column
            client.get(q).raise_for_status()
        page = client.get(QUERIES[0]).json()
        deep = f"{QUERIES[0]}&cursor={page['next']}"
        for _ in range(rounds):
            for q in [*QUERIES, deep]:
                t = time.perf_counter()
                client.get(q).raise_for_status()
                times.append((time.perf_counter() - t) * 1000)
    return times


def first_render(base: str, runs: int = 3) -> list[float] | None:
    if not Path("/usr/bin/chromium").exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"]
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=args)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 800})  # cold cache each run
            page = context.new_page()
            t = time.perf_counter()
            page.goto(base + "/")
            page.wait_for_selector("body[data-ready=desk]", state="attached", timeout=30000)
            out.append((time.perf_counter() - t) * 1000)
            context.close()
        browser.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", help="keep the generated store here (default: a temporary file)")
    parser.add_argument("--requests", type=int, default=40, help="rounds over the query mix")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "bench.duckdb")
    if not Path(db).exists():
        t = time.perf_counter()
        generate(db, args.events)
        print(f"generated {args.events:,} events in {time.perf_counter() - t:.1f} s -> {db}")
    server, base = _serve(db)
    try:
        times = sorted(api_latency(base, args.requests))
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"/api/events with filters: {len(times)} requests, p50 {statistics.median(times):.1f} ms, "
              f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms (target p95 < 100 ms) {'OK' if p95 < 100 else 'SLOW'}")
        renders = first_render(base)
        if renders is None:
            print("dashboard first view: skipped (chromium or playwright missing; run scripts/install-browser.sh)")
        else:
            best, median = min(renders), statistics.median(renders)
            print(f"dashboard first view in chromium: median {median:.0f} ms, best {best:.0f} ms over {len(renders)} "
                  f"cold loads (target < 1500 ms) {'OK' if median < 1500 else 'SLOW'}")
    finally:
        server.terminate()
        server.wait(10)
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
