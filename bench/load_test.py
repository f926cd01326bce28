"""Load test: the real `eventwire serve` (uvicorn, its own process) under mixed traffic on loopback.

    .venv/bin/python bench/load_test.py [--requests 10000] [--clients 32] [--events 5000]
                                        [--writes 10] [--seconds 60] [--json bench/out/load.json]

A store of generated events (`api_bench.generate`) is served on 127.0.0.1 on a free port.
`--clients` threads, each with its own keep-alive `http.client` connection, share one list of
requests drawn from `MIX`: filtered lists and cursor pages, event details, timelines, actors,
facets, small CSV exports, POST /api/articles without and with the token, and bad input
(malformed filters, injection strings, oversized bodies and queries, unknown routes). Every
request carries the statuses it may get; a 5xx, a connection error or any other status
counts as an error, and the run must finish inside `--seconds`. The server's RSS is taken
after a warm-up (which also loads the pipeline through one authorised ingest, when writes
are on) and again at the end: memory must stay flat under load.

Prints the figures and writes them as JSON. `tests/api/test_hardening.py` runs a short
version (500 requests, 8 clients).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_bench import PLACES, TYPES, generate  # noqa: E402  (the 100k-event generator, reused)

TOKEN = "load-test-token-0123456789"
HOST = "127.0.0.1"  # loopback only
STATUSES = ["reported", "claimed", "confirmed", "denied"]
INJECTIONS = ["' OR 1=1 --", "PAK'; DROP TABLE events; --", "x') UNION SELECT text FROM articles --", "%", "_",
              "\\", '" OR ""="', "1; SELECT * FROM articles", "\u202eغزة", "☠️" * 10]
OVERSIZED = json.dumps({"text": "x" * 2_100_000}).encode()  # over the API's 2 MB body limit
STORY = ("date 2024-0{m}-1{d}\n\nKabul: Taliban fighters attacked a police checkpoint in Kandahar on Monday, "
         "killing {n} police officers, the provincial governor said. Request {i} of the load test.")


@dataclass(frozen=True)
class Call:
    kind: str
    method: str
    path: str
    ok: tuple[int, ...] = (200,)
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class Result:
    kind: str
    status: int | None  # None: connection error
    ms: float
    expected: bool
    detail: str = ""


# -- the request mix ------------------------------------------------------------------------


def _events_query(rng: random.Random) -> dict:
    name, iso, lat, lon = rng.choice(PLACES)
    params: dict = {"view": rng.choice(["summary", "summary", "full"]), "limit": rng.choice([10, 50, 100])}
    for key, value in [
        ("country", rng.choice([iso, iso[:2], name])), ("type", ",".join(rng.sample([t[0] for t in TYPES], 2))),
        ("status", rng.choice(STATUSES)), ("actor", f"Government of {rng.choice(PLACES)[1]}"),
        ("since", f"2023-{rng.randrange(1, 13):02d}-01"), ("until", f"2024-{rng.randrange(1, 13):02d}-28"),
        ("bbox", f"{lon - 5:.1f},{lat - 5:.1f},{lon + 5:.1f},{lat + 5:.1f}"), ("q", rng.choice(["checkpoint", "market", "convoy"])),
        ("sort", rng.choice(["-date", "date", "-fatalities", "goldstein", "-confidence"])),
    ]:
        if rng.random() < 0.3:
            params[key] = value
    return params


def _json(payload: dict) -> bytes:
    return json.dumps(payload).encode()


def bad_calls(rng: random.Random) -> list[Call]:
    """Requests a client gets wrong, or an attacker sends: each with the refusal it must get."""
    inj = rng.choice(INJECTIONS)
    post = (("Content-Type", "application/json"),)
    auth = (*post, ("Authorization", f"Bearer {TOKEN}"))
    return [
        Call("bad", "GET", "/api/events?limit=0", (422,)),
        Call("bad", "GET", "/api/events?since=yesterday", (422,)),
        Call("bad", "GET", "/api/events?bbox=0,50,10,40", (400,)),
        Call("bad", "GET", "/api/events?cursor=not-a-cursor", (400,)),
        Call("bad", "GET", "/api/events?sort=id;DROP", (422,)),
        Call("bad", "GET", "/api/events?" + urlencode({"q": "x" * 5000}), (422, 414)),
        Call("bad", "GET", "/api/stats/timeline?interval=century", (422,)),
        Call("bad", "GET", "/api/events?" + urlencode({rng.choice(["country", "actor", "q", "type", "status"]): inj}), (200,)),
        Call("bad", "GET", "/api/actors?" + urlencode({"q": inj}), (200,)),
        Call("bad", "GET", "/api/export?" + urlencode({"format": "csv", "country": inj}), (200,)),
        Call("bad", "GET", "/api/events/" + quote(inj, safe=""), (404,)),
        Call("bad", "GET", "/api/nothing-here", (404,)),
        Call("bad", "DELETE", "/api/events", (405,)),
        Call("bad", "POST", "/api/articles", (422,), b'{"text": ', auth),
        Call("bad", "POST", "/api/articles", (422,), _json({"text": ["not", "text"]}), auth),
        Call("bad", "POST", "/api/articles", (413,), OVERSIZED, auth),
    ]


def mix(n: int, event_ids: list[str], cursors: list[str], *, writes: int, seed: int = 3) -> list[Call]:
    """`n` requests in a dashboard-like proportion, `writes` of them authorised ingests."""
    rng = random.Random(seed)
    calls: list[Call] = []
    for i in range(n - writes):
        r = rng.random()
        if r < 0.40:
            calls.append(Call("list", "GET", "/api/events?" + urlencode(_events_query(rng))))
        elif r < 0.45:
            calls.append(Call("page", "GET", "/api/events?view=summary&limit=50&cursor=" + rng.choice(cursors)))
        elif r < 0.60:
            calls.append(Call("detail", "GET", "/api/events/" + quote(rng.choice(event_ids), safe="")))
        elif r < 0.70:
            params = {"interval": rng.choice(["day", "week", "month"]), "group": rng.choice(["none", "dyad", "country", "type"])}
            params.update({k: v for k, v in _events_query(rng).items() if k not in ("view", "limit", "sort")})
            calls.append(Call("timeline", "GET", "/api/stats/timeline?" + urlencode(params)))
        elif r < 0.77:
            calls.append(Call("actors", "GET", "/api/actors?" + urlencode({"q": rng.choice(["gov", "forces", "PAK", ""]), "limit": 20})))
        elif r < 0.80:
            calls.append(Call("facets", "GET", "/api/stats/facets"))
        elif r < 0.84:
            name, iso, *_ = rng.choice(PLACES)
            month = rng.randrange(1, 13)
            params = {"format": "csv", "country": iso, "type": rng.choice(TYPES)[0],
                      "since": f"2023-{month:02d}-01", "until": f"2023-{month:02d}-28"}
            calls.append(Call("export", "GET", "/api/export?" + urlencode(params)))
        elif r < 0.88:  # writes without the token (or a wrong one) must be refused
            headers = rng.choice([(), (("Authorization", "Bearer wrong-token"),), (("Authorization", TOKEN),)])
            calls.append(Call("post_noauth", "POST", "/api/articles", (401, 403),
                              _json({"text": STORY.format(m=1, d=1, n=3, i=i)}), (("Content-Type", "application/json"), *headers)))
        else:
            calls.append(rng.choice(bad_calls(rng)))
    for w in range(writes):
        body = _json({"text": STORY.format(m=1 + w % 9, d=w % 10, n=2 + w, i=f"w{w}"), "id": f"load-{w}"})
        call = Call("post_auth", "POST", "/api/articles", (200, 201), body,
                    (("Content-Type", "application/json"), ("Authorization", f"Bearer {TOKEN}")))
        calls.insert(rng.randrange(len(calls) + 1), call)
    return calls


# -- server ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _eventwire() -> list[str]:
    """The installed `eventwire` command next to this interpreter, else the module."""
    script = Path(sys.executable).parent / "eventwire"
    return [str(script)] if script.exists() else [sys.executable, "-m", "eventwire.cli"]


def start_server(db: str, port: int, token: str | None = TOKEN, timeout: float = 60) -> subprocess.Popen:
    """`eventwire serve --db DB --host 127.0.0.1 --port PORT`, waiting until it answers."""
    env = {**os.environ, "EVENTWIRE_TOKEN": token or ""}
    proc = subprocess.Popen([*_eventwire(), "serve", "--db", db, "--host", HOST, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode(errors='replace')[-500:]}")
        try:
            status, _ = request(HOST, port, Call("probe", "GET", "/api/stats/facets"))
            if status == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


# -- clients --------------------------------------------------------------------------------


def request(host: str, port: int, call: Call, conn: http.client.HTTPConnection | None = None) -> tuple[int, bytes]:
    own = conn is None
    conn = conn or http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request(call.method, call.path, body=call.body, headers=dict(call.headers))
        res = conn.getresponse()
        return res.status, res.read()
    finally:
        if own:
            conn.close()


def _client(port: int, calls: list[Call], cursor: list[int], lock: threading.Lock, out: list[Result], deadline: float) -> None:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    while time.monotonic() < deadline:
        with lock:
            if cursor[0] >= len(calls):
                break
            call = calls[cursor[0]]
            cursor[0] += 1
        t = time.perf_counter()
        try:
            status, body = request(HOST, port, call, conn)
            detail = body[:200].decode(errors="replace") if status not in call.ok else ""
        except (OSError, http.client.HTTPException) as exc:
            status, detail = None, f"{type(exc).__name__}: {exc}"
        ms = (time.perf_counter() - t) * 1000
        out.append(Result(call.kind, status, ms, status in call.ok, detail))
        if status is None or status == 413:  # the server closes a refused upload's connection
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.close()


def _sample_rss(pid: int, samples: list[float], done: threading.Event, every: float = 0.5) -> None:
    while not done.wait(every):
        samples.append(rss_mb(pid))


def hammer(port: int, calls: list[Call], clients: int, seconds: float) -> tuple[list[Result], float]:
    """Send `calls` from `clients` threads; (results, wall seconds). Stops at `seconds`."""
    out: list[Result] = []
    lock, cursor = threading.Lock(), [0]
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=_client, args=(port, calls, cursor, lock, out, deadline)) for _ in range(clients)]
    t0 = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return out, time.perf_counter() - t0


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))], 1) if values else 0.0


def summarise(results: list[Result], planned: int, wall: float, seconds: float) -> dict:
    ms = [r.ms for r in results]
    kinds: dict[str, dict] = {}
    for kind in sorted({r.kind for r in results}):
        times = [r.ms for r in results if r.kind == kind]
        kinds[kind] = {"n": len(times), "p50_ms": _pct(times, 0.5), "p99_ms": _pct(times, 0.99)}
    statuses: dict[str, int] = {}
    for r in results:
        statuses[str(r.status)] = statuses.get(str(r.status), 0) + 1
    errors = [r for r in results if r.status is None or r.status >= 500]
    unexpected = [r for r in results if not r.expected]
    return {
        "planned": planned, "completed": len(results), "wall_s": round(wall, 2), "limit_s": seconds,
        "rps": round(len(results) / wall, 1) if wall else 0.0,
        "errors": len(errors), "unexpected_status": len(unexpected),
        "examples": [f"{r.kind} {r.status} {r.detail}" for r in unexpected[:5]],
        "p50_ms": round(statistics.median(ms), 1) if ms else 0.0, "p95_ms": _pct(ms, 0.95), "p99_ms": _pct(ms, 0.99),
        "max_ms": round(max(ms, default=0.0), 1), "statuses": statuses, "by_kind": kinds,
    }


# -- the whole test ---------------------------------------------------------------------------


def _warm_up(port: int, writes: int) -> tuple[list[str], list[str]]:
    """Event ids and cursors for the mix; touches every endpoint once (and, with writes on,
    loads the server's pipeline through one ingest) so RSS is taken on a warm server."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        status, body = request(HOST, port, Call("warm", "GET", "/api/events?view=summary&limit=200"), conn)
        page = json.loads(body)
        ids, cursors, nxt = [e["id"] for e in page["events"]], [], page["next"]
        for _ in range(5):
            if not nxt:
                break
            cursors.append(nxt)
            nxt = json.loads(request(HOST, port, Call("warm", "GET", f"/api/events?view=summary&limit=50&cursor={nxt}"), conn)[1])["next"]
        warm = random.Random(0)
        for call in [*mix(60, ids, cursors or [""], writes=0, seed=99), *bad_calls(warm)]:
            request(HOST, port, call, conn if call.kind != "bad" else None)
        if writes:
            body = _json({"text": STORY.format(m=9, d=9, n=9, i="warm"), "id": "load-warm"})
            status, _ = request(HOST, port, Call("warm", "POST", "/api/articles", (201,), body,
                                                 (("Content-Type", "application/json"), ("Authorization", f"Bearer {TOKEN}"))))
            assert status in (200, 201), status
    finally:
        conn.close()
    return ids, cursors or [""]


def load_test(db: str, *, requests: int = 10_000, clients: int = 32, writes: int = 10, seconds: float = 60,
              seed: int = 3) -> dict:
    """Serve `db` and run the mix against it; the figures as a dict (see `summarise`)."""
    port = free_port()
    server = start_server(db, port)
    try:
        ids, cursors = _warm_up(port, writes)
        calls = mix(requests, ids, cursors, writes=writes, seed=seed)
        rss_before = rss_mb(server.pid)
        samples: list[float] = []
        done = threading.Event()
        sampler = threading.Thread(target=_sample_rss, args=(server.pid, samples, done), daemon=True)
        sampler.start()
        results, wall = hammer(port, calls, clients, seconds)
        done.set()
        sampler.join()
        rss_after = rss_mb(server.pid)
        alive = server.poll() is None
    finally:
        server.terminate()
        server.wait(10)
    figures = summarise(results, len(calls), wall, seconds)
    figures.update({
        "clients": clients, "writes": writes, "server_alive": alive,
        "rss_before_mb": round(rss_before, 1), "rss_after_mb": round(rss_after, 1),
        "rss_growth_mb": round(rss_after - rss_before, 1),
        "rss_peak_mb": round(max(samples, default=rss_after), 1),
        # a leak keeps growing; warm-up (thread stacks, DuckDB's buffers) levels off early
        "rss_growth_second_half_mb": round(max(samples[len(samples) // 2:], default=0) - max(samples[:len(samples) // 2], default=0), 1),
    })
    figures["ok"] = (alive and figures["errors"] == 0 and figures["unexpected_status"] == 0
                     and figures["completed"] == figures["planned"] and wall <= seconds)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--writes", type=int, default=10, help="authorised POST /api/articles among the requests")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--json", type=Path, default=Path(__file__).parent / "out" / "load.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "load.duckdb")
        generate(db, args.events)
        figures = {"events": args.events, **load_test(db, requests=args.requests, clients=args.clients,
                                                      writes=args.writes, seconds=args.seconds)}
    print(f"{figures['completed']}/{figures['planned']} requests, {args.clients} clients, {figures['wall_s']} s "
          f"({figures['rps']} req/s): errors {figures['errors']}, unexpected statuses {figures['unexpected_status']}; "
          f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, p99 {figures['p99_ms']} ms, max {figures['max_ms']} ms; "
          f"server RSS {figures['rss_before_mb']} -> {figures['rss_after_mb']} MB "
          f"(peak {figures['rss_peak_mb']}, second-half growth {figures['rss_growth_second_half_mb']} MB); {'OK' if figures['ok'] else 'FAILED'}")
    for line in figures["examples"]:
        print("  unexpected:", line)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if figures["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
