"""Benchmark the in-memory cross-article resolver (no DuckDB I/O): N synthetic mentions
of underlying incidents (several reports each, jittered dates, places and tolls) across
15 countries, ~10 mentions a day. Prints total time and per-mention time at
10k steps, which should stay flat (blocking keeps each comparison set bounded).

    .venv/bin/python bench/resolve_bench.py [N]
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from eventwire.resolve.cross import Member, Resolver

COUNTRIES = ["PAK", "AFG", "IND", "IRN", "IRQ", "SYR", "YEM", "NGA", "MLI", "SOM", "UKR", "COL", "MEX", "PHL", "MMR"]
FAMILIES = ["ASSAULT"] * 6 + ["PROTEST", "ACCUSE", "THREATEN", "CONSULT"]
MODES = [None, "explosives", "firearms", "aerial", "heavy-weapons"]
GROUPS = [None, "state", "armed", "civilian"]


def synthetic(n: int, seed: int = 1) -> list[Member]:
    """Mentions of ~n / 3 incidents, 1-5 reports each, at a constant density (the span grows
    with n, like an archive that grows over time); they arrive roughly in report order,
    shuffled within a month."""
    rng = random.Random(seed)
    out: list[Member] = []
    start = date(2014, 1, 1)
    k = 0
    while len(out) < n:
        country = rng.choice(COUNTRIES)
        day = start + timedelta(days=rng.randrange(max(365, n // 10)))
        lat, lon = rng.uniform(-30, 50), rng.uniform(-100, 120)
        fam, mode = rng.choice(FAMILIES), rng.choice(MODES)
        a1, a2 = (country, rng.choice(GROUPS)), (rng.choice([None, country]), rng.choice(GROUPS))
        toll = rng.choice([None, rng.randrange(1, 60)])
        for r in range(rng.randint(1, 5)):
            if len(out) >= n:
                break
            reported = day + timedelta(days=rng.randint(0, 2))
            out.append(Member(
                id=f"m{k}:{r}", article=f"a{k}:{r}", source=f"a{k}:{r}", reported=reported, family=fam,
                date=day if rng.random() < 0.7 else reported, precision=rng.choice(["day", "day", "week"]),
                actor1=a1, actor2=a2, country=country, admin1=f"{country}-{int(lat) % 7}",
                lat=lat + rng.uniform(-0.05, 0.05), lon=lon + rng.uniform(-0.05, 0.05),
                geo_precision=rng.choice([1, 1, 2, 3]), geonameid=None, place=f"p{k}",
                best=None if toll is None else toll + rng.randint(0, 3), mode=mode,
                words=tuple(sorted({f"w{rng.randrange(5000)}" for _ in range(4)} | {f"k{k}"}))))
        k += 1
    out.sort(key=lambda m: m.reported.toordinal() + rng.uniform(0, 30))
    return out


def main(n: int = 100_000, step: int = 10_000) -> dict:
    members = synthetic(n)
    resolver = Resolver()
    laps = []
    t0 = time.perf_counter()
    for i in range(0, n, step):
        t = time.perf_counter()
        for m in members[i:i + step]:  # incremental: one article's mention at a time
            resolver.add([m])
        laps.append((time.perf_counter() - t) / step * 1e6)
    total = time.perf_counter() - t0
    print(f"{n} mentions -> {len(resolver.incidents)} incidents in {total:.1f} s")
    print("µs per mention per 10k step: " + " ".join(f"{x:.0f}" for x in laps))
    print(f"last/first step ratio: {laps[-1] / laps[0]:.2f}")
    return {"n": n, "seconds": total, "us_per_mention": laps, "incidents": len(resolver.incidents)}


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
