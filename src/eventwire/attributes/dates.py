"""Event dates: explicit dates, and relative ones anchored to the publication date.

Precision says how sure the date is. An anchor that came from a crawler's `date` header is a
crawl date, not a date the article proves, so relative dates anchored only to it drop one step
(a weekday becomes week precision): false certainty is worse than an honest range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from eventwire.resources import lexicon

_LEX = lexicon("dates")
WEEKDAYS = _LEX["weekdays"]
SAME_DAY: dict[str, int] = _LEX["same_day"]
WEEK_SPANS: dict[str, int] = _LEX["week_spans"]
MONTH_SPANS: dict[str, int] = _LEX["month_spans"]
YEAR_SPANS: dict[str, int] = _LEX["year_spans"]
PAST_CUES = _LEX["past_cues"]
# longest phrase first ("last week" before "week")
_DAY_PHRASES, _WEEK_PHRASES, _MONTH_PHRASES, _YEAR_PHRASES = (
    sorted(t.items(), key=lambda kv: -len(kv[0])) for t in (SAME_DAY, WEEK_SPANS, MONTH_SPANS, YEAR_SPANS))
_STEPS = ["day", "week", "month", "year"]
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_EXPLICIT = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}(?:,?\s+\d{{4}})?|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|{_MONTHS}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.I,
)


@dataclass
class DateReading:
    date: date | None
    precision: str | None
    start: int | None = None  # offsets into the text given to `read_date`
    end: int | None = None


def _coarser(precision: str, steps: int = 1) -> str:
    return _STEPS[min(_STEPS.index(precision) + steps, len(_STEPS) - 1)]


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTH_NUMBERS = {name[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)}
_MONTH_WORD = re.compile(r"[a-z]{3,}")  # the month word, not an ordinal's "th"
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
_YEAR = re.compile(r"\b(\d{4})\b")
# "3,000 years ago", "two decades earlier", "centuries ago": a time back from the article's
_COUNT_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "several": 3, "a few": 3, "many": 5}
_SPAN_YEARS = {"years": 1, "decades": 10, "centuries": 100, "millennia": 1000}
_YEARS_AGO = re.compile(r"\b(\d[\d,]*|a few|%s)\s+(years|decades|centuries|millennia)\s+(?:ago|earlier)\b"
                        % "|".join(k for k in _COUNT_WORDS if k != "a few"), re.IGNORECASE)
# a year told alone after "in": "in 1526", "in 2019" (not "in 2019-20", not a count "in 1,200 homes")
_IN_YEAR = re.compile(r"\bin (1\d{3}|20\d{2})\b(?![-–/]\d)")


@lru_cache(maxsize=4096)
def _parse_explicit(expr: str, anchor: date | None) -> tuple[date | None, str]:
    """The date an `_EXPLICIT` match writes out, and whether it names the day or only the
    month. Its forms are few and fixed, so they are read directly: dateparser took ~15 ms a
    call, more than the rest of a short report's extraction. A form without a year takes
    the anchor's, moved back a year when that would put it after the anchor (news reports
    what has happened). Only a yearless date with no anchor goes to dateparser."""
    iso = _ISO.fullmatch(expr)
    if iso:
        try:
            return date(*map(int, iso.groups())), "day"
        except ValueError:
            return None, "day"
    word = _MONTH_WORD.search(expr.lower()).group(0)
    if not any(name.startswith(word) for name in _MONTH_NAMES):  # "30 separatists", "Marks 21st"
        return None, "day"
    month = _MONTH_NUMBERS[word[:3]]
    year = _YEAR.search(expr)
    day = _DAY.search(_YEAR.sub("", expr))
    if year is None and anchor is None:
        return _dateparser(expr, anchor)
    dom = int(day.group(1)) if day else 1
    if year is not None:
        try:
            return date(int(year.group(1)), month, dom), "day" if day else "month"
        except ValueError:  # "31 February"
            return None, "day"
    for back in range(9):  # a yearless 29 February is the last one before the anchor
        try:
            when = date(anchor.year - back, month, dom)
        except ValueError:
            continue
        if when <= anchor:
            return when, "day" if day else "month"
    return None, "day"


def _dateparser(expr: str, anchor: date | None) -> tuple[date | None, str]:
    import dateparser  # slow import; only needed for the rare form read above

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    parsed = dateparser.parse(expr, languages=["en"], settings=settings)
    if parsed is None:
        return None, "day"
    has_day = bool(re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"\d{4}", "", expr)))
    if not has_day:
        return parsed.date().replace(day=1), "month"
    return parsed.date(), "day"


def read_date(text: str, anchor: date | None, *, anchor_is_crawl: bool = False) -> DateReading:
    """The date an event clause states, with offsets into `text`.

    `text` is the clause or sentence that reports the event; `anchor` the publication date.
    """
    lower = text.lower()
    penalty = 1 if anchor_is_crawl else 0

    m = _EXPLICIT.search(text)
    if m:
        when, precision = _parse_explicit(m.group(0), anchor)
        if when is not None:
            return DateReading(when, precision, m.start(), m.end())
    if anchor is None:  # a relative phrase means nothing without the publication date
        return DateReading(None, None)

    for phrase, offset in _DAY_PHRASES:
        pos = _find_word(lower, phrase)
        if pos >= 0 and anchor:
            return DateReading(anchor + timedelta(days=offset), _coarser("day", penalty), pos, pos + len(phrase))

    for i, day in enumerate(WEEKDAYS):
        pos = _find_word(lower, day)
        if pos >= 0 and anchor:
            back = (anchor.weekday() - i) % 7
            return DateReading(anchor - timedelta(days=back), _coarser("day", penalty), pos, pos + len(day))

    for table, precision in ((_WEEK_PHRASES, "week"), (_MONTH_PHRASES, "month")):
        for phrase, offset in table:
            pos = _find_word(lower, phrase)
            if pos >= 0 and anchor:
                return DateReading(anchor + timedelta(days=offset), precision, pos, pos + len(phrase))

    for phrase, years in _YEAR_PHRASES:
        pos = _find_word(lower, phrase)
        if pos >= 0 and not lower.startswith(("'s", "’s"), pos + len(phrase)):
            # "Azerbaijan retook the region last year": that calendar year, nothing finer;
            # "last year's election" dates the election, not the act
            return DateReading(date(anchor.year + years, 1, 1), "year", pos, pos + len(phrase))

    ago = _YEARS_AGO.search(text)
    if ago is not None:
        # "killed in a single violent clash about 3,000 years ago", "two decades ago": that
        # many years back (the earliest date there is for anything older)
        count = ago.group(1).lower().replace(",", "")
        years = (int(count) if count.isdigit() else _COUNT_WORDS[count]) * _SPAN_YEARS[ago.group(2).lower()]
        return DateReading(date(max(1, anchor.year - years), 1, 1), "year", ago.start(), ago.end())

    year = _IN_YEAR.search(text)
    if year is not None and int(year.group(1)) < anchor.year:
        # "defeated Ibrahim Lodi's forces in 1526", "the 1991 war": a past year, told alone
        return DateReading(date(int(year.group(1)), 1, 1), "year", year.start(1), year.end(1))

    for cue in PAST_CUES:
        pos = _find_word(lower, cue)
        if pos >= 0:
            # "Earlier, ..." happened before the news of the day: the month, not the day.
            return DateReading(anchor, "month", pos, pos + len(cue))
    return DateReading(anchor, _coarser("week" if not anchor_is_crawl else "week", 0))


def _find_word(haystack: str, needle: str) -> int:
    if needle not in haystack:  # most phrases are absent: skip the regex
        return -1
    m = re.search(rf"(?<![a-z]){re.escape(needle)}(?![a-z])", haystack)
    return m.start() if m else -1
