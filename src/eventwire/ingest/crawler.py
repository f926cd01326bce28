"""The crawler's plain-text pages: a first line ``date YYYY-MM-DD`` then the page text.

The header line may carry page furniture after the date ("date 2024-02-07 Advertisement");
`Article.text` keeps the whole file unchanged so that every offset points into it, and the
segmenter labels the header and furniture. A byline line near the top ("By Jane Doe") names the
`author`; it is the segmenter's byline pattern (segment/furniture.tsv), so the two agree.
"""

from __future__ import annotations

import re
from datetime import date as Date
from functools import lru_cache

from eventwire.ingest.records import error, warning
from eventwire.model import Article, DocumentError
from eventwire.resources import DATA

_HEADER = re.compile(r"\s*date[ \t]+(\S+)")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_BYLINE_LINES = 8  # a byline sits under the headline, among the first lines of the page


def read_header(text: str) -> tuple[Date | None, str | None]:
    """The publication date of the header line, and a warning reason when there is none."""
    match = _HEADER.match(text)
    if not match:
        first = text.strip().split("\n", 1)[0][:40]
        return None, f"no date header (first line {first!r} is not 'date YYYY-MM-DD'): date left empty"
    value = match.group(1)
    if _DAY.match(value):
        try:
            return Date.fromisoformat(value), None
        except ValueError:
            pass
    return None, f"invalid date header {value[:20]!r}: date left empty"


def read_crawler_text(text: str, doc_id: str, path: str) -> list[Article | DocumentError]:
    """Warnings (if any) then the Article for one crawler page."""
    day, problem = read_header(text)
    if day is not None and not _HEADER.sub("", text, count=1).strip():
        return [error(doc_id, "no text after the date header")]
    out: list[Article | DocumentError] = [warning(doc_id, problem)] if problem else []
    out.append(Article(id=doc_id, text=text, date=day, path=path, format="text", author=byline(text)))
    return out


def byline(text: str) -> str | None:
    """'Jane Doe and John Roe' from a 'By Jane Doe and John Roe' line at the top of the page."""
    pattern = _byline_pattern()
    lines = (line.strip() for line in text.split("\n", 4 * _BYLINE_LINES)[: 4 * _BYLINE_LINES])
    for n, line in enumerate(line for line in lines if line):
        if n >= _BYLINE_LINES:
            break
        if len(line) <= 200 and pattern.fullmatch(line):
            return line[3:].strip().rstrip(".") or None
    return None


@lru_cache(maxsize=1)
def _byline_pattern() -> re.Pattern[str]:
    rows = (DATA / "segment" / "furniture.tsv").read_text("utf-8").splitlines()
    found = [row.split("\t", 1)[1] for row in rows if row.startswith("line\tby ")]
    return re.compile(found[0] if found else r"(?!)", re.IGNORECASE)
