"""HTML pages (main text via trafilatura) and RSS/Atom feeds (one article per item)."""

from __future__ import annotations

import io
import re
import time
from datetime import date as Date

from eventwire.ingest.records import error, parse_date
from eventwire.model import Article, DocumentError

_BLOCKS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "tr", "table", "pre", "figure", "figcaption", "section", "article", "header", "footer",
}
_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")
_BLANKS = re.compile(r"\n{3,}")
_TAGS = re.compile(r"<[^>]*>")


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def markup_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, block elements becoming paragraph breaks."""
    if "<" not in fragment:
        import html

        return _tidy(html.unescape(fragment))
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on junk fragments
        return _tidy(_TAGS.sub(" ", fragment))
    for element in list(root.iter("script", "style", "noscript")):
        element.drop_tree()
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
            element.text = "\n\n" + (element.text or "")
    return _tidy(root.text_content())


def read_html(data: bytes, doc_id: str, path: str) -> list[Article | DocumentError]:
    """The page's main text with boilerplate removed, plus title, date, url and site name.

    The title is metadata, not part of `text`: no offsets point at it."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=False
    )
    doc = extracted.as_dict() if extracted is not None else {}
    text = doc.get("text") or ""
    if not text.strip():
        return [error(doc_id, "no main text found in the HTML page")]
    day = doc.get("date")
    return [
        Article(
            id=doc_id,
            text=text,
            title=doc.get("title") or None,
            date=parse_date(day) if day else None,
            url=doc.get("url") or None,
            source=doc.get("sitename") or doc.get("hostname") or None,
            author=doc.get("author") or None,
            path=path,
            format="html",
        )
    ]


def _entry_date(entry: dict) -> Date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return Date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _entry_body(entry: dict) -> str:
    contents = [c.get("value", "") for c in entry.get("content") or []]
    longest = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return markup_to_text(longest if len(longest) > len(summary) else summary)


def read_feed(data: bytes, name: str, path: str) -> list[Article | DocumentError]:
    """One Article per feed item: text is the title, a blank line, then the item's text
    (the title is kept in `text` because feed titles often carry the whole event)."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a valid RSS/Atom feed: {problem}" if problem else "feed has no items"
        return [error(name, reason)]
    source = markup_to_text(parsed.feed.get("title", "")) or None
    out: list[Article | DocumentError] = []
    for number, entry in enumerate(parsed.entries, 1):
        doc_id = entry.get("id") or entry.get("link") or f"{name}:{number}"
        title = markup_to_text(entry.get("title") or "")
        body = _entry_body(entry)
        text = "\n\n".join(part for part in (title, body) if part)
        if not text:
            out.append(error(doc_id, "feed item has no title or text"))
            continue
        out.append(
            Article(
                id=doc_id,
                text=text,
                title=title or None,
                date=_entry_date(entry),
                url=entry.get("link") or None,
                source=source,
                author=markup_to_text(entry.get("author") or "") or None,
                path=path,
                format="feed",
            )
        )
    return out
