"""Read casualty figures written as digits, number words or vague quantities."""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.resources import lexicon

_NUM = lexicon("numbers")
UNITS: dict[str, int] = _NUM["units"]
SCALES: dict[str, int] = _NUM["scales"]
VAGUE: dict[str, list] = _NUM["vague"]
CUE_EFFECT: dict[str, str] = _NUM["cue_effect"]
_CUES = sorted(CUE_EFFECT, key=len, reverse=True)
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")


@dataclass
class Figure:
    best: int | None
    low: int | None
    high: int | None

    @property
    def known(self) -> bool:
        return any(v is not None for v in (self.best, self.low, self.high))


def word_value(words: list[str]) -> int | None:
    """'two' -> 2, 'twenty five' -> 25, '1,200' -> 1200, 'two hundred' -> 200."""
    total, current, seen = 0, 0, False
    for w in words:
        w = w.lower().strip().replace("-", " ")
        for part in w.split():
            if _DIGITS.match(part):
                current += int(part.replace(",", ""))
                seen = True
            elif part in UNITS and part not in ("a", "an", "no"):
                current += UNITS[part]
                seen = True
            elif part in SCALES and seen:
                current = max(current, 1) * SCALES[part]
                if SCALES[part] >= 1000:
                    total, current = total + current, 0
            elif part in ("and",):
                continue
            else:
                return None
    return total + current if seen else None


def apply_cue(value: int, cue: str | None) -> Figure:
    effect = CUE_EFFECT.get(cue or "")
    if effect == "low":
        return Figure(best=value, low=value, high=None)
    if effect == "low_exclusive":
        return Figure(best=value + 1, low=value + 1, high=None)
    if effect == "high":
        return Figure(best=None, low=None, high=value)
    if effect == "high_exclusive":
        return Figure(best=None, low=None, high=max(value - 1, 0))
    return Figure(best=value, low=value, high=value)


def vague_value(word: str) -> Figure | None:
    if word.lower() not in VAGUE:
        return None
    low, best, high = VAGUE[word.lower()]
    return Figure(best=best, low=low, high=high)


def find_cue(prefix: str) -> str | None:
    """The bound cue ('at least', 'more than'...) that ends `prefix`, if any."""
    p = prefix.lower().rstrip()
    for cue in _CUES:
        if p.endswith(cue) and (len(p) == len(cue) or not p[-len(cue) - 1].isalnum()):
            return cue
    return None
