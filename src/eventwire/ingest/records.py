"""Shared pieces of the readers: warnings, byte decoding, dates, record validation.

Problems are reported, never raised: a reader yields a `DocumentError` (the document is
skipped) or an `IngestWarning` (the document is still yielded, right after its warnings).
"""

from __future__ import annotations

import re
from datetime import date as Date
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from eventwire.model import Article, DocumentError

#: Leading bytes of common binary formats, for a clearer "binary file" reason.
_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip data",
    b"\xd0\xcf\x11\xe0": "MS Office document",
    b"\x7fELF": "executable",
}
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_COMPACT_DAY = re.compile(r"\d{8}")


class IngestWarning(DocumentError):
    """A problem that does not stop the document: it is yielded just before its `Article`
    (same `id`), so a consumer can collect pending warnings and attach them to the result."""


def is_warning(item: object) -> bool:
    return isinstance(item, IngestWarning)


def error(id: str, reason: str) -> DocumentError:
    return DocumentError(id=id, stage="ingest", reason=reason)


def warning(id: str, reason: str) -> IngestWarning:
    return IngestWarning(id=id, stage="ingest", reason=reason)


def binary_reason(data: bytes) -> str | None:
    """Why `data` is not text (None when it looks like text)."""
    head = data[:8192]
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return f"binary file ({kind}), not text"
    if b"\x00" in head:
        return "binary file (contains NUL bytes), not text"
    if head and len(_CONTROL.findall(head)) > len(head) * 0.05:
        return "binary file (control characters), not text"
    return None


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 text (a leading BOM dropped) and a warning reason if bytes had to be replaced.

    Invalid bytes become U+FFFD rather than failing the document: one bad byte in a scraped
    page should not lose the article, and the warning says where the damage starts."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        return text, f"invalid UTF-8 at byte {exc.start}: decoded with U+FFFD replacement characters"


def parse_date(value: str) -> Date | None:
    """A publication date from the usual spellings: ISO, compact 20080806, RFC 822,
    then dateparser for anything else (None when nothing fits)."""
    value = value.strip()
    if not value:
        return None
    try:
        if _ISO_DAY.match(value):
            return Date.fromisoformat(value[:10])
        if _COMPACT_DAY.fullmatch(value):
            return datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow to import; only reached for unusual spellings

    parsed = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


_OPTIONAL = ("title", "source", "url", "author")


def article_from_record(
    record: Any, fallback_id: str, *, path: str, format: str
) -> list[Article | DocumentError]:
    """Validate one JSON Lines / CSV record: the warnings then the Article, or one error.

    `text` and `id` must have the right type (else the record is an error); a bad optional
    field (date, title, source, url, author) is dropped with a warning."""
    if not isinstance(record, dict):
        return [error(fallback_id, f"record is a JSON {type(record).__name__}, expected an object")]
    raw_id = record.get("id")
    if raw_id is None or raw_id == "":
        doc_id = fallback_id
    elif isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool):
        doc_id = str(raw_id)
    else:
        return [error(fallback_id, f"'id' must be a string or an integer, got {type(raw_id).__name__}")]
    text = record.get("text")
    if text is None:
        return [error(doc_id, "record has no 'text'")]
    if not isinstance(text, str):
        return [error(doc_id, f"'text' must be a string, got {type(text).__name__}")]
    if not text.strip():
        return [error(doc_id, "empty text")]
    out: list[Article | DocumentError] = []
    fields: dict[str, Any] = {}
    for name in _OPTIONAL:
        value = record.get(name)
        if value is None or isinstance(value, str):
            fields[name] = value or None
        else:
            out.append(warning(doc_id, f"'{name}' must be a string, got {type(value).__name__}: ignored"))
    raw_date = record.get("date")
    if raw_date not in (None, ""):
        if not isinstance(raw_date, str):
            out.append(warning(doc_id, f"'date' must be a string, got {type(raw_date).__name__}: ignored"))
        else:
            fields["date"] = parse_date(raw_date)
            if fields["date"] is None:
                out.append(warning(doc_id, f"unparseable date {raw_date[:40]!r}: date left empty"))
    out.append(Article(id=doc_id, text=text, path=path, format=format, **fields))
    return out
