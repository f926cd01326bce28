"""Cut an article into header, furniture, dateline, headline, subheading and body sentences.

Rule-based on purpose: it runs on every article, while the parser only sees the sentences
that survive the prefilter. Blank-line blocks are split first (a headline or sub-heading
would otherwise be glued to the next sentence), then each paragraph is classified and body
paragraphs are cut into sentences. Every `Segment` satisfies
``article.text[seg.start:seg.end] == seg.text`` and its text has no surrounding whitespace.

The domain words (page furniture, abbreviations, sentence openers) live in
``eventwire/data/segment/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

from eventwire.model import Article, Segment, SegmentKind

__all__ = ["segment", "split_sentences", "dateline_place", "SENTENCE_KINDS"]

#: Kinds whose text is prose worth reading for events (the rest is page apparatus).
SENTENCE_KINDS: frozenset[str] = frozenset({"headline", "subheading", "body"})

_HEADER = re.compile(r"date[ \t]+\d{4}-\d{2}-\d{2}\b")
_CLOSERS = "\"'”’)]»›"
_OPENERS = "\"'“‘([«‹"
_TERMINAL = ".!?…"
# A candidate sentence end: terminal punctuation, optional closing quotes, then whitespace.
_END = re.compile(rf"(?:[.!?]+|…)[{re.escape(_CLOSERS)}]*(?=\s)")
_TOKEN_BEFORE_DOT = re.compile(r"([\w'’\-]+(?:\.[\w'’\-]+)*)\.\Z")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]\Z")
_BULLET = re.compile(r"[-*•·▪–—]\s")
_WORDCHARS = re.compile(r"[\w'’\-]+")

# Datelines: "New Delhi:", "ISLAMABAD (Reuters) -", "KARACHI, Jan 18 —",
# "Islamabad [Pakistan], January 18 (ANI):", "GAZA CITY, Gaza Strip (AP) —",
# "CAMP PERALTA, Jamindan, Capiz —" (a camp, its town and province).
_WORD = r"[A-Z][\w'’.\-]*(?:/[A-Z][\w'’.\-]*)*"  # "ROME/BAMAKO, May 6 (Reuters) -": two bureaux
_PLACE = rf"{_WORD}(?:[ ](?:{_WORD}|al|el|de|du|da|del|la|le|of|upon|on)){{0,3}}"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
_AGENCY = r"[A-Z][\w .&'’\-]{0,30}"
_DATELINE = re.compile(
    rf"""(?P<dateline>(?P<place>{_PLACE})
        (?:\s*\[[^\]\n]{{1,40}}\])?
        (?:,\s*(?!{_DAY}){_PLACE}(?:\s*\[[^\]\n]{{1,40}}\])?){{0,2}}
        (?:,?\s*{_DAY})?
        (?:\s*\((?P<agency>{_AGENCY})\))?)
        [ \t]*(?P<sep>:|--|[-–—])\s+(?=\S)""",
    re.VERBOSE,
)
_DATELINE_MAX = 80
_DATELINE_ALONE = re.compile(rf"{_PLACE}(?:,\s*{_PLACE})?(?:,?\s*{_DAY})?\s*\((?:{_AGENCY})\)")


@dataclass(frozen=True)
class _Rules:
    """Furniture patterns and abbreviation lists, loaded once from the data folder."""

    furniture: re.Pattern[str]
    edge_start: re.Pattern[str]
    edge_end: re.Pattern[str]
    abbreviations: dict[str, str]
    starters: frozenset[str]
    dateline_veto: frozenset[str]
    title_sources: frozenset[str]


def _data_lines(name: str) -> Iterator[str]:
    text = resources.files("eventwire").joinpath("data/segment/" + name).read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n")


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    patterns: dict[str, list[str]] = {"line": [], "edge": [], "slug": []}
    for row in _data_lines("furniture.tsv"):
        scope, pattern = row.split("\t", 1)
        patterns[scope].append(pattern)
    line_patterns, edge_patterns = patterns["line"], patterns["edge"]
    edges = "|".join(f"(?:{p})" for p in edge_patterns)
    slugs = "|".join(f"(?:{p})" for p in patterns["slug"]) or r"(?!)"
    whole = "|".join(f"(?:{p})" for p in line_patterns + edge_patterns)
    abbreviations = {}
    for row in _data_lines("abbreviations.tsv"):
        word, kind = row.split("\t")
        abbreviations[word] = kind
    return _Rules(
        furniture=re.compile(rf"(?:{whole})[.!]?", re.IGNORECASE),
        edge_start=re.compile(rf"(?i:{edges})(?=\s)|(?:{slugs})(?:\s+\d+)?\s*[-–—:]\s*(?=\S)"),
        edge_end=re.compile(rf"(?<=\s)(?:{edges})\Z", re.IGNORECASE),
        abbreviations=abbreviations,
        starters=frozenset(_data_lines("starters.txt")),
        dateline_veto=frozenset(_data_lines("dateline_veto.txt")),
        title_sources=frozenset(_data_lines("title_sources.txt")),
    )


# ---------------------------------------------------------------- spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) to exclude surrounding whitespace (str.strip semantics)."""
    piece = text[start:end]
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    return start, start + len(stripped.rstrip())


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Stripped (start, end) of every line, (-1, -1) for blank ones."""
    pos = 0
    for raw in text.split("\n"):
        start, end = _strip(text, pos, pos + len(raw))
        yield (start, end) if end > start else (-1, -1)
        pos += len(raw) + 1


def _blocks(text: str) -> Iterator[list[tuple[int, int]]]:
    block: list[tuple[int, int]] = []
    for span in _lines(text):
        if span[0] < 0:
            if block:
                yield block
            block = []
        else:
            block.append(span)
    if block:
        yield block


def _ends_sentence(piece: str) -> bool:
    return bool(piece) and piece.rstrip(_CLOSERS)[-1:] in _TERMINAL


def _looks_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """A hard-wrapped block (wire copy, e-mail): similar line lengths, lines cut mid-sentence."""
    if len(lines) < 3:
        return False
    lengths = [e - s for s, e in lines]
    longest = max(lengths)
    if not 40 <= longest <= 160:
        return False
    body = lines[:-1]
    full = sum(1 for s, e in body if e - s >= 0.6 * longest)
    cut = sum(1 for s, e in body if not _ends_sentence(text[s:e]))
    return full * 2 >= len(body) and cut * 3 >= len(body)


_LINKS_HEADER = re.compile(r"(?:read more|read also|also read|related(?: stories| articles| news| coverage| links)?|"
                           r"more on this story|more from [\w ]{1,30})\b", re.IGNORECASE)
# a navigation bar: three or more short items between bars ("Home | World | Politics | Sport")
_NAV = re.compile(r"(?:[^|\n]{1,40}[ \t]\|[ \t]){2,}[^|\n]{1,40}$", re.MULTILINE)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Paragraph spans: blank-line blocks, with single newlines kept as paragraph breaks
    unless the next line continues a sentence (lowercase start or a hard-wrapped block)."""
    for block in _blocks(text):
        wrapped = _looks_wrapped(text, block)
        longest = max(e - s for s, e in block)
        start, end = block[0]
        for s, e in block[1:]:
            prev = text[start:end]
            ended = _ends_sentence(prev)
            joins = text[s].islower() and not ended
            if wrapped:
                joins = not ended or (end - text.rfind("\n", 0, end) - 1) >= 0.75 * longest
            if _NAV.search(text, text.rfind("\n", 0, end) + 1, end) or _NAV.search(text, s, e):
                joins = False  # a site's menu ("Home | World | Politics") is a line of its own
            if joins:
                end = e
            else:
                yield start, end
                start, end = s, e
        yield start, end


# ---------------------------------------------------------------- sentences


def _next_word(text: str, pos: int, end: int) -> str:
    match = _WORDCHARS.match(text, pos, end)
    return match.group() if match else ""


def _is_boundary(text: str, match: re.Match[str], end: int, rules: _Rules) -> bool:
    nxt = match.end()
    while nxt < end and text[nxt].isspace():
        nxt += 1
    if nxt >= end:
        return False
    first = text[nxt]
    if first.islower() or first in ",;:)]":
        return False
    punct = match.group().rstrip(_CLOSERS)
    if punct != ".":
        return True
    token = _TOKEN_BEFORE_DOT.search(text, max(0, match.start() - 40), match.start() + 1)
    if token is None:
        return True
    word = token.group(1)
    kind = rules.abbreviations.get(word)
    if kind is None and _INITIALS.match(word) and word[-1].isupper():
        kind = "other"  # an initial ("Jalil A. Jilani") or a dotted acronym ("U.S.")
    if kind == "title":
        return False
    if kind == "month":
        return not first.isdigit()
    if kind == "other":
        if first.isdigit():
            return False
        opener = _next_word(text, nxt + (first in _OPENERS), end)
        return opener in rules.starters
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Stripped sentence spans of ``text[start:end]``; abbreviations, initials, decimals and
    closing quotes do not end a sentence early."""
    end = len(text) if end is None else end
    rules = _rules()
    spans, begin = [], start
    for match in _END.finditer(text, start, end):
        if _is_boundary(text, match, end, rules):
            spans.extend(_split_joins(text, begin, match.end()))
            begin = match.end()
    spans.extend(_split_joins(text, begin, end))
    return [(s, e) for s, e in spans if e > s]


# Aggregators glue headlines with a bare semicolon ("...seven militants;Programme summary ..."):
# prose never writes ";" straight against a capital letter, so that is a sentence boundary.
_JOIN = re.compile(r";(?=[A-Z\d\"“‘'])")


def _split_joins(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, begin = [], start
    for match in _JOIN.finditer(text, start, end):
        out.append(_strip(text, begin, match.start()))
        begin = match.end()
    out.append(_strip(text, begin, end))
    return out


# ---------------------------------------------------------------- classification


def _title_like(piece: str) -> bool:
    """A headline or sub-heading: one short line, no final full stop, not a list item."""
    if "\n" in piece or len(piece) > 160 or _BULLET.match(piece):
        return False
    words = piece.split()
    if not 1 <= len(words) <= 20 or not (piece[0].isupper() or piece[0].isdigit() or piece[0] in _OPENERS):
        return False
    last = piece.rstrip(_CLOSERS)[-1:]
    if last == "?" or last == "!":
        return len(words) <= 12
    return last not in ".:;,…"


def _peel_furniture(text: str, start: int, end: int, rules: _Rules) -> tuple[list[tuple[int, int]], int, int]:
    """Furniture glued to the start or end of a line ("Advertisement New Delhi: ...")."""
    found = []
    while start < end:
        match = rules.edge_start.match(text, start, end)
        if not match:
            break
        found.append((match.start(), match.end()))
        start, end = _strip(text, match.end(), end)
    while start < end:
        match = rules.edge_end.search(text, start, end)
        if not match or match.start() == start:
            break
        found.append((match.start(), match.end()))
        start, end = _strip(text, start, match.start())
    return found, start, end


def dateline_place(dateline: str) -> str:
    """The place of a dateline segment's text: "ISLAMABAD, Jan 18 (Reuters)" -> "ISLAMABAD"."""
    match = _DATELINE.match(dateline + ": x")
    return match.group("place") if match else dateline


def _dateline(text: str, start: int, end: int, rules: _Rules) -> tuple[int, int, int] | None:
    """(start, end) of a dateline opening the paragraph, and where the first sentence starts.

    A colon after a plain name ("New Delhi:") is also how headlines label a topic
    ("Police: ...", "Drone Wars: ..."), so that form needs a short prefix without label
    words, followed by real prose (eight words or more, with a sentence end)."""
    match = _DATELINE.match(text, start, end)
    if not match or len(match.group("dateline")) > _DATELINE_MAX:
        return None
    words = re.findall(r"[\w'’]+", match.group("dateline"))
    if any(word in rules.dateline_veto for word in words):
        return None
    if match.group("sep") == ":" and not match.group("agency"):
        rest = text[match.end() : end]
        if (
            len(words) > 4
            or len(rest.split()) < 8
            or not re.search(r"[.!?][\"'”’)]*(?:\s|\Z)", rest)
        ):
            return None
    return match.start("dateline"), match.end("dateline"), match.end()


# A site's name after a page title, as crawlers deliver titles ("... kills one - L'Orient
# Today", "... | Reuters"): up to five capitalised words after a spaced dash or bar at the end.
# An em dash is prose ("... Again — Even If He's Indicted"), and so is a tail that opens
# with a word of a clause.
_SITE_AFTER_TITLE = re.compile(
    r"\s+[-\u2013|]\s+(?!(?:And|But|Or|Nor|So|Yet|With|Without|After|Before|While|Even|Under|Again|Not|Then|"
    r"Here|What|How|Why|Who|When|Where|Live|Day|Part|As|In|On|At|For|From|To|By|Is|Are|Was|If|Only)\b)"
    r"((?:The\s+)?[A-Z0-9][\w'\u2019.&-]*(?:\s+(?:[A-Z0-9&][\w'\u2019.&-]*|of|de|du|la|el|al)){0,4})\s*$")


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    path = resources.files("eventwire") / "data" / "actors" / "countries.tsv"
    names = [line.split("\t")[1] for line in path.read_text(encoding="utf-8").splitlines()[2:] if "\t" in line]
    return frozenset(w.lower() for n in names for w in n.split())


def _a_source(tail: str) -> bool:
    """"Indian shelling kills 15 Kashmiris - Pakistan": after the dash a country or an office
    is who says so, not the site (`segment/title_sources.txt`)."""
    words = {w.lower().strip(".,") for w in tail.split()}
    return bool(words & _rules().title_sources) or len(words) == 1 and bool(words & _country_words())


class _Builder:
    """Accumulates segments while walking the paragraphs in order."""

    def __init__(self, text: str):
        self.text = text
        self.segments: list[Segment] = []
        self.seen_body = False
        self.seen_headline = False

    def add(self, start: int, end: int, kind: SegmentKind, paragraph: int) -> None:
        start, end = _strip(self.text, start, end)
        if end > start:
            piece = self.text[start:end]
            self.segments.append(Segment(start=start, end=end, text=piece, kind=kind, paragraph=paragraph))

    def prose(self, start: int, end: int, paragraph: int, more_follows: bool) -> None:
        piece = self.text[start:end]
        if not self.seen_body and _DATELINE_ALONE.fullmatch(piece) and more_follows:
            self.add(start, end, "dateline", paragraph)  # "Washington (CNN)" on its own line
            return
        if _title_like(piece) and more_follows:
            kind: SegmentKind = "subheading" if self.seen_body or self.seen_headline else "headline"
            self.seen_headline = True
            site = _SITE_AFTER_TITLE.search(piece) if kind == "headline" else None
            if site and len(piece[:site.start()].split()) >= 3 and not _a_source(site.group(1)):
                # "Israeli strike on car in south Lebanon kills one - L'Orient Today": the page
                # title's site name is no place ("Lorient") and no party of the story
                self.add(start, start + site.start(), kind, paragraph)
                self.add(start + site.start(1), end, "furniture", paragraph)
                return
            self.add(start, end, kind, paragraph)
            return
        if not self.seen_body:
            self.seen_body = True
            found = _dateline(self.text, start, end, _rules())
            if found:
                d_start, d_end, start = found
                self.add(d_start, d_end, "dateline", paragraph)
        for s, e in split_sentences(self.text, start, end):
            self.add(s, e, "body", paragraph)


def segment(article: Article) -> list[Segment]:
    """Segments of `article.text` in text order, each with its paragraph index."""
    text, rules = article.text, _rules()
    builder = _Builder(text)
    paragraphs = list(_paragraphs(text))
    links = False  # inside a list of links to other stories ("Read more:", then "- ..." lines)
    for index, (start, end) in enumerate(paragraphs):
        if index == 0:
            header = _HEADER.match(text, start, end)
            if header:
                builder.add(header.start(), header.end(), "header", index)
                start, end = _strip(text, header.end(), end)
        edges, start, end = _peel_furniture(text, start, end, rules)
        for s, e in edges:
            if s < start:
                builder.add(s, e, "furniture", index)
        if end > start:
            if len(text[start:end]) <= 200 and rules.furniture.fullmatch(text, start, end):
                builder.add(start, end, "furniture", index)
                links = bool(_LINKS_HEADER.match(text, start, end))
            elif links and _BULLET.match(text, start, end):
                builder.add(start, end, "furniture", index)  # a headline of another story in the list
            else:
                links = False
                builder.prose(start, end, index, more_follows=index + 1 < len(paragraphs))
        for s, e in edges:
            if s >= end:
                builder.add(s, e, "furniture", index)
    return sorted(builder.segments, key=lambda seg: seg.start)
