"""Fold place names so that the spellings news uses for one place meet on one key.

The rules live in `data/geo/folding.tsv`; the gazetteer index and the text matcher fold with
the same function, so a rule never needs to know which side it is applied to.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

# a compass word as an adjective or a noun ("northwest", "north-western", "southern", "central"):
# the part of a country or a place it names (actors/resolver.py, geo/parser.py)
COMPASS = r"(?:(?:north|south)(?:[\s-]?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|central)"
_SPLIT = re.compile(r"[\s\-‐‑–—_/,]+")
_NON_WORD = re.compile(r"[^\w'.&]+")


def data_path(name: str):
    return resources.files("eventwire") / "data" / "geo" / name


def read_lines(name: str) -> list[str]:
    """Non-comment, non-blank lines of a geo data file."""
    text = data_path(name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern, list[tuple[re.Pattern, str, str]]]:
    """The token drop pattern, and each substitution with a literal its pattern cannot match
    without ("" when it has none): most names contain none of "saint", "mount", "kh"..."""
    drops, subs = [], []
    for line in read_lines("folding.tsv"):
        kind, pattern, repl = (line.split("\t") + ["", ""])[:3]
        if kind == "token":
            drops.append(pattern)
        else:
            subs.append((re.compile(pattern), repl, _literal(pattern)))
    return re.compile("|".join(f"(?:{d})" for d in drops)), subs


def _literal(pattern: str) -> str:
    """The text `pattern` matches when it is a literal apart from word boundaries, else ""."""
    bare = pattern.replace("\\b", "")
    text = bare.replace("\\.", ".")
    return text if text and re.escape(text) == bare else ""


def strip_accents(s: str) -> str:
    if s.isascii():  # nothing to replace, and NFKD leaves ASCII as it is
        return s
    s = s.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _tokens(name: str) -> list[str]:
    s = strip_accents(name).lower().replace("’", "'").replace("`", "'")
    tokens = [_NON_WORD.sub("", t) for t in _SPLIT.split(s)]
    return [t for t in tokens if t]


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Lowercase, accent-free, connector-free, transliteration-folded key for `name`."""
    drop, subs = _rules()
    tokens = _tokens(name)
    if len(tokens) > 2:  # connectors only inside a compound, never a whole name
        tokens = [tokens[0]] + [t for t in tokens[1:-1] if not drop.fullmatch(t)] + [tokens[-1]]
    s = " ".join(tokens)
    for pattern, repl, literal in subs:
        if literal in s:  # "" is in every string
            s = pattern.sub(repl, s)
    return s.strip()


@lru_cache(maxsize=1 << 14)
def droppable(word: str) -> bool:
    """Whether `fold` drops the last token of `word` when more of a name follows it ("and" in
    "Trinidad and Tobago"): then the longer name's key does not begin with this one's."""
    tokens = _tokens(word)
    return bool(tokens) and _rules()[0].fullmatch(tokens[-1]) is not None
