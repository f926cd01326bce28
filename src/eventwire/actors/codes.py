"""CAMEO composite actor codes ("PAKGOV", "IRNMIL", "PAKREBSEP", "IGOUNO") → (ISO-3, sector).

A CAMEO code is a run of three-letter chunks: a country, region or non-state prefix first,
then role codes. The first role chunk that is a known sector is the sector; religion and
ethnicity chunks alone make a religious actor; IGO/NGO prefixes are their own sector.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pycountry

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"

_PREFIX_SECTOR = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB", "MNC": "BUS"}
_RELIGION = {"MUS", "CHR", "JEW", "BUD", "HIN", "CTH", "PRO", "SHI", "SUN", "ORT", "JAN", "SIK",
             "TAO", "ZRO", "CON", "ITH", "MOS", "RAD"}
_SECTOR_ALIASES = {"PPL": "CVL", "CIV": "CVL", "SOC": "CVL", "JRN": "MED", "MOD": "GOV", "UIS": "UAF"}


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated data file; '#' lines are provenance comments."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


class CameoCodes:
    """Country and sector tables, loaded once from the package's data files."""

    def __init__(self, countries: dict[str, str], aliases: dict[str, str], sectors: dict[str, dict]):
        self.countries = countries
        self.aliases = aliases
        self.sectors = sectors

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> "CameoCodes":
        countries = {r["iso3"]: r["name"].strip() for r in read_tsv(data_dir / "countries.tsv")}
        aliases = {r["cameo"]: r["iso3"] for r in read_tsv(data_dir / "cameo_countries.tsv")}
        sectors = {r["code"]: r for r in read_tsv(data_dir / "sectors.tsv")}
        return cls(countries, aliases, sectors)

    def country(self, chunk: str) -> str | None:
        if chunk in self.aliases:
            return self.aliases[chunk] or None
        if chunk in self.countries or pycountry.countries.get(alpha_3=chunk):
            return chunk
        return None

    def country_name(self, iso3: str | None) -> str:
        if not iso3:
            return ""
        if iso3 in self.countries:
            return self.countries[iso3]
        found = pycountry.countries.get(alpha_3=iso3)
        return getattr(found, "common_name", None) or (found.name if found else iso3)

    @lru_cache(maxsize=4096)
    def parse(self, code: str) -> tuple[str | None, str | None]:
        """'PAKREBSEP' → ('PAK', 'REB'); 'IGOUNO' → (None, 'IGO'); '~GOVMIL' → (None, 'GOV');
        'CIVGOV' → ('CIV', 'GOV') (an actor code; the agent code '~CIV' is civilians)."""
        agent = code.strip().startswith("~")
        code = code.strip().lstrip("~").upper()
        chunks = [code[i:i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
        if not chunks:
            return None, None
        country, sector = None, None
        first = chunks[0]
        if first == "CIV" and not agent and self.country(first):
            # CIV opens an actor code as Cote d'Ivoire's ISO code, never as "civilians"
            country = first
            rest = chunks[1:]
        elif first in _PREFIX_SECTOR:
            sector = _PREFIX_SECTOR[first]
            rest = chunks[1:]
        elif first in self.sectors or first in _SECTOR_ALIASES:
            rest = chunks
        elif agent and first in _RELIGION and first != "RAD":  # a radical is of no faith by the code
            # '~HIN', '~CHRCTH': a faith is a religious group; after it, a faith's code is a
            # branch ('~CHRPRO' Protestant, not protesters) and only another kind counts
            rest = [c for c in chunks[1:] if c not in _RELIGION] + ["REL"]
        else:
            country = self.country(first)
            rest = chunks[1:]
        if sector is None:
            for chunk in rest:
                chunk = _SECTOR_ALIASES.get(chunk, chunk)
                if chunk in self.sectors:
                    sector = chunk
                    break
            else:
                if any(c in _RELIGION for c in rest):
                    sector = "REL"
        return country, sector

    def inter(self, sector: str | None) -> int | None:
        """ACLED actor class for a sector (see sectors.tsv)."""
        row = self.sectors.get(sector or "")
        return int(row["inter"]) if row and row["inter"] else None

    def display_name(self, sector: str | None, country: str | None) -> str:
        row = self.sectors.get(sector or "")
        name = self.country_name(country)
        if not row:
            return name or "Unknown"
        return row["name"].format(country=name) if name else row["name_nocountry"]
