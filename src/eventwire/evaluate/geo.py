"""Score the geoparser on a toponym gold set (GeoWebNews, TR-News, LGL style JSON Lines).

Each record has `text`, `corpus` and gold `toponyms` spans with lat/lon and GeoNames id; only
gold spans with coordinates are scored. A gold span is found when a predicted span overlaps
it. Of those found: exact GeoNames id, correct country, and within 161 km (a prediction with
the gold id counts as within, whatever point represents it) — the measures Mordecai3 reports.
"""

from __future__ import annotations

import json
import math
import time
from collections import defaultdict
from pathlib import Path

from eventwire.evaluate.split import PARTS, part_of
from eventwire.geo.gazetteer import haversine_km  # noqa: E402  (re-exported)

KM_LIMIT = 161.0
_ISO2_TO_3: dict[str, str] | None = None


def _iso3(code: str | None) -> str | None:
    global _ISO2_TO_3
    if not code:
        return None
    if len(code) == 3:
        return code.upper()
    if _ISO2_TO_3 is None:
        import pycountry

        _ISO2_TO_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    return _ISO2_TO_3.get(code.upper())


def _gid(v) -> int | None:
    try:
        return int(v) if v not in (None, "") else None
    except (TypeError, ValueError):
        return None


class GoldCountry:
    """Country of a gold place when the gold lacks it: the gazetteer entry with its id, else
    the gazetteer place nearest its coordinates (a 1-degree grid keeps this fast). A gold
    place the gold itself gives no country (TR-News and LGL continents, seas, world regions;
    GeoWebNews places whose id is a continent) has none, and is left out of the country
    rate: its point lies in some country, but the place does not."""

    def __init__(self, gazetteer):
        self.g = gazetteer
        self.grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, f in enumerate(gazetteer.fcode):
            if f.startswith("PPL"):
                self.grid[(int(gazetteer.lat[i] // 1), int(gazetteer.lon[i] // 1))].append(i)

    def _country_code(self, value: str) -> str | None:
        if len(value) <= 3:
            return _iso3(value)
        from eventwire.geo.normalize import fold

        for i in self.g.index.get(fold(value), ()):
            if self.g.fcode[i] == "PCLI":
                return self.g.country[i]
        try:
            import pycountry

            return pycountry.countries.lookup(value).alpha_3
        except LookupError:
            return None

    def __call__(self, gt: dict) -> str | None:
        if gt.get("country"):
            return self._country_code(gt["country"])
        if "country" in gt:
            return None  # the gold says no country: a continent, sea or world region
        i = self.g.by_gid.get(_gid(gt.get("geonameid")))
        if i is not None:
            return self.g.country[i]  # None for a continent: not a country question
        lat, lon = float(gt["lat"]), float(gt["lon"])
        best, best_d = None, 50.0  # km: farther than that, the point is not in a known place
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for j in self.grid.get((int(lat // 1) + dy, int(lon // 1) + dx), ()):
                    d = haversine_km(lat, lon, self.g.lat[j], self.g.lon[j])
                    if d < best_d:
                        best, best_d = j, d
        return self.g.country[best] if best is not None else None


def score_record(gold: list[dict], predicted: list[dict], gold_country=None) -> dict[str, int]:
    """Counts for one article: gold (with coords), found, exact id, country, within 161 km."""
    c = dict(gold=0, found=0, exact=0, country=0, country_gold=0, km161=0)
    for gt in gold:
        if gt.get("lat") is None or gt.get("lon") is None:
            continue
        c["gold"] += 1
        hits = [p for p in predicted if p["start"] < gt["end"] and gt["start"] < p["end"]]
        if not hits:
            continue
        p = max(hits, key=lambda p: min(p["end"], gt["end"]) - max(p["start"], gt["start"]))
        c["found"] += 1
        same_id = _gid(p.get("geonameid")) is not None and _gid(p.get("geonameid")) == _gid(gt.get("geonameid"))
        c["exact"] += same_id
        gold_cc = gold_country(gt) if gold_country else _iso3(gt.get("country"))
        if gold_cc:
            c["country_gold"] += 1
            c["country"] += gold_cc == _iso3(p.get("country"))
        near = p.get("lat") is not None and haversine_km(p["lat"], p["lon"], float(gt["lat"]),
                                                         float(gt["lon"])) <= KM_LIMIT
        c["km161"] += same_id or near
    return c


def run(path: str | Path, geoparser=None, limit: int | None = None) -> dict:
    """Per-corpus and overall scores (counts and rates) plus speed."""
    from eventwire.geo import Geoparser

    t0 = time.perf_counter()
    gp = geoparser or Geoparser.load()
    load_s = time.perf_counter() - t0
    gold_country = GoldCountry(gp.g)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_part: dict[str, dict[str, dict[str, int]]] = {p: defaultdict(lambda: defaultdict(int)) for p in PARTS}
    n, parse_s = 0, 0.0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and n >= limit:
                break
            rec = json.loads(line)
            t = time.perf_counter()
            pred = [x.model_dump() for x in gp.geoparse(rec["text"])]
            parse_s += time.perf_counter() - t
            n += 1
            gold = rec.get("toponyms") or rec.get("gold", {}).get("toponyms", [])
            counts = score_record(gold, pred, gold_country)
            part = part_of("geo", rec.get("id"))
            for corpus in (rec.get("corpus", "all"), "overall"):
                for table_ in (totals, by_part[part]):
                    table_[corpus]["articles"] += 1
                    for k, v in counts.items():
                        table_[corpus][k] += v
    out = {name: _rates(dict(c)) for name, c in totals.items()}
    # the same table per tune / report part (eventwire.evaluate.split, set name "geo")
    out["_parts"] = {p: {name: _rates(dict(c)) for name, c in t.items()} for p, t in by_part.items()}
    out["_speed"] = {"articles": n, "articles_per_s": round(n / parse_s, 1) if parse_s else None,
                     "load_s": round(load_s, 2)}
    return out


def _rates(c: dict[str, int]) -> dict:
    found = c.get("found", 0)
    c["found_rate"] = round(found / c["gold"], 4) if c.get("gold") else None
    for k in ("exact", "km161"):
        c[f"{k}_rate"] = round(c[k] / found, 4) if found else None
    c["country_rate"] = round(c["country"] / c["country_gold"], 4) if c.get("country_gold") else None
    return c


def format_report(result: dict) -> str:
    """A plain-text table of the scores, then the report part's alone."""
    text = _format_table(result)
    report = result.get("_parts", {}).get("report")
    if report:
        text += "\n\nreport part only (eventwire.evaluate.split, set 'geo'):\n" + _format_table(report).rsplit("\n", 1)[0]
    return text


def _format_table(result: dict) -> str:
    head = f"{'corpus':<12}{'articles':>9}{'gold':>7}{'found':>8}{'exact id':>10}{'country':>9}{'<=161km':>9}"
    lines = [head, "-" * len(head)]
    names = sorted(k for k in result if not k.startswith("_") and k != "overall") + ["overall"]
    for name in names:
        r = result.get(name)
        if not r:
            continue
        pct = lambda v: "   -" if v is None else f"{100 * v:.1f}%"  # noqa: E731
        lines.append(f"{name:<12}{r['articles']:>9}{r['gold']:>7}{pct(r['found_rate']):>8}"
                     f"{pct(r['exact_rate']):>10}{pct(r['country_rate']):>9}{pct(r['km161_rate']):>9}")
    sp = result.get("_speed", {})
    lines.append(f"found = gold spans overlapped by a prediction; other columns are rates among found. "
                 f"{sp.get('articles_per_s')} articles/s, load {sp.get('load_s')} s")
    return "\n".join(lines)
