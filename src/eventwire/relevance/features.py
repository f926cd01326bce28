"""The words the relevance model sees: one function shared by training and run time, so the
model can never be scored on features other than those it was fitted on.

Lower-cased word unigrams and adjacent bigrams; every number is one token ("<n>"), so a
toll of 12 and one of 40 read alike. A capitalised country, capital, province or demonym is
one token too ("<place>"): the development sets over-represent a few countries, and a model
that learnt "Pakistan" as a cue would call every Pakistani cricket report an event. Other
names stay words on purpose: "Taliban" or "Hamas" are real cues.
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventwire.resources import DATA

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d[\d,.]*")
NUMBER = "<n>"
PLACE = "<place>"
# Region names that are also ordinary English words ("Central", "Western" provinces).
_GENERIC = frozenset("central eastern western northern southern north south east west centre center "
                     "islands coast upper lower middle greater far".split())


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Lower-cased one-word names of countries, capitals, admin1 regions and demonyms."""
    names: set[str] = set()
    geo = DATA / "geo"
    for line in (DATA / "actors" / "countries.tsv").read_text(encoding="utf-8").splitlines()[2:]:
        names.update(line.split("\t")[1:3])
    for line in (geo / "regions.tsv").read_text(encoding="utf-8").splitlines()[2:]:
        cols = line.split("\t")
        if cols[3] in ("PCLI", "ADM1"):
            names.add(cols[1])
    for file in ("demonyms.tsv", "demonyms_extra.tsv"):
        for line in (geo / file).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                names.add(line.split("\t")[0])
    return frozenset(n.lower() for n in names if n and " " not in n and "-" not in n) - _GENERIC


def tokens(text: str) -> list[str]:
    places = place_words()
    out = []
    for w in _WORD.findall(text):
        if w[0].isdigit():
            out.append(NUMBER)
            continue
        low = w.lower().replace("’", "'")
        if w[0].isupper():
            # "Pakistan's" and "Pakistani" are the place too
            stem = low[:-2] if low.endswith("'s") else low
            if stem in places:
                out.append(PLACE)
                continue
        out.append(low)
    return out


def features(text: str) -> list[str]:
    """Unigrams and bigrams (joined by a space), each listed once."""
    toks = tokens(text)
    feats = set(toks)
    feats.update(f"{a} {b}" for a, b in zip(toks, toks[1:]))
    return sorted(feats)
