"""Which language is a document in? Enough to keep non-English text out of an English coder.

Two cheap signals, both data (`data/language/`): the Unicode block most letters fall in (Arabic,
Cyrillic, CJK... identify the language family on their own), and for Latin-script text a count
of each language's function words, which make up a third or more of any running text. No
model, no dependency; a few microseconds per kilobyte. Text too short to judge counts as
English: a headline-only record is better coded than silently dropped.

    >>> guess("Die Regierung hat am Montag die Grenze geschlossen, sagte ein Sprecher.").code
    'de'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventwire.resources import DATA

SAMPLE_CHARS = 4000  # the opening of a document is enough, and bounds the cost
MIN_WORDS = 12  # fewer Latin-script words than this: not judged
MIN_SHARE = 0.12  # function words of the winning language, as a share of all words
MARGIN = 2.0  # the winner must have this many times English's function-word count
SCRIPT_SHARE = 0.4  # letters in one non-Latin block, as a share of all letters
KANA_SHARE = 0.1  # Japanese mixes kanji with kana: this much kana means Japanese, not Chinese

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Guess:
    code: str  # ISO 639-1, "und" when undetermined
    name: str
    share: float  # the evidence: share of letters (script) or words (function words)


ENGLISH = Guess("en", "English", 0.0)
UNDETERMINED = Guess("und", "undetermined", 0.0)


def _rows(name: str):
    text = (DATA / "language" / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@lru_cache(maxsize=1)
def _profiles() -> dict[str, tuple[str, frozenset[str]]]:
    return {code: (name, frozenset(words.split())) for code, name, words in _rows("stopwords.tsv")}


@lru_cache(maxsize=1)
def _languages_of() -> dict[str, tuple[str, ...]]:
    """Function word → the languages listing it: one pass over a text's words, not one per
    language (this runs on every document a run reads)."""
    index: dict[str, list[str]] = {}
    for code, (_, vocab) in _profiles().items():
        for word in vocab:
            index.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in index.items()}


@lru_cache(maxsize=1)
def _blocks() -> tuple[tuple[int, int, str, str], ...]:
    return tuple((int(first, 16), int(last, 16), code, name) for first, last, code, name in _rows("scripts.tsv"))


def _script(text: str) -> Guess | None:
    """The non-Latin block holding most letters, when it holds enough of them."""
    if not text or max(text) < "\u0370":  # Latin only (most of a feed): no block to count
        return None
    blocks = _blocks()
    counts: dict[str, int] = {}
    letters = 0
    for ch in text:
        if not ch.isalpha():
            continue
        letters += 1
        cp = ord(ch)
        if cp < 0x0370:  # Latin and its diacritics: the stopword test decides
            continue
        for first, last, code, _ in blocks:
            if first <= cp <= last:
                counts[code] = counts.get(code, 0) + 1
                break
    if not counts or not letters:
        return None
    code = max(counts, key=counts.__getitem__)
    if code == "zh" and counts.get("ja", 0) >= KANA_SHARE * letters:
        code = "ja"
    share = (counts[code] + (counts.get("zh", 0) if code == "ja" else 0)) / letters
    if share < SCRIPT_SHARE:
        return None
    name = next(n for _, _, c, n in blocks if c == code)
    return Guess(code, name, round(share, 3))


def _function_words(text: str) -> Guess:
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return UNDETERMINED
    hits = dict.fromkeys(_profiles(), 0)
    index = _languages_of()
    for w in words:
        for code in index.get(w, ()):
            hits[code] += 1
    best = max(hits, key=hits.__getitem__)
    share = hits[best] / len(words)
    if best == "en" or share < MIN_SHARE or hits[best] < MARGIN * hits.get("en", 0):
        return Guess("en", "English", round(hits.get("en", 0) / len(words), 3)) if hits.get("en") else UNDETERMINED
    return Guess(best, _profiles()[best][0], round(share, 3))


def guess(text: str) -> Guess:
    """The language of `text` (its first `SAMPLE_CHARS` characters)."""
    sample = text[:SAMPLE_CHARS]
    return _script(sample) or _function_words(sample)


def non_english_reason(text: str) -> str | None:
    """Why a document should be skipped, e.g. "language: looks like German (de)"; None to code it."""
    found = guess(text)
    if found.code in ("en", "und"):
        return None
    return f"language: looks like {found.name} ({found.code})"
