"""CSV (and TSV) tables with a ``text`` column and optional id/date/title/source/url.

Rows are streamed. Bytes are decoded line by line so that one bad byte replaces a character
(with a warning) instead of aborting the file.
"""

from __future__ import annotations

import csv
from typing import BinaryIO, Iterator

from eventwire.ingest.records import article_from_record, decode, error, warning
from eventwire.model import Article, DocumentError


class _Lines:
    """Decoded lines of a binary stream, remembering which line numbers had bad bytes."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.lineno = 0
        self.bad: dict[int, str] = {}

    def __iter__(self) -> Iterator[str]:
        for raw in self.stream:
            self.lineno += 1
            text, problem = decode(raw)
            if problem:
                self.bad[self.lineno] = problem
            yield text


def iter_csv(
    stream: BinaryIO, name: str, *, path: str, max_bytes: int, delimiter: str = ","
) -> Iterator[Article | DocumentError]:
    """Articles (each after its warnings) and errors from one table, reported as file:line."""
    if csv.field_size_limit() < max_bytes + 1:
        csv.field_size_limit(max_bytes + 1)
    lines = _Lines(stream)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = [column.strip().lower() for column in next(reader)]
    except StopIteration:
        yield error(name, "empty file")
        return
    except csv.Error as exc:
        yield error(f"{name}:1", f"malformed CSV header: {exc}")
        return
    if "text" not in header:
        yield error(name, f"CSV has no 'text' column (columns: {', '.join(header)[:200]})")
        return
    rows = 0
    while True:
        first_line = lines.lineno + 1
        where = f"{name}:{first_line}"
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            reason = "too large" if "field larger" in str(exc) else "malformed CSV"
            yield error(where, f"{reason}: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        if sum(len(cell) for cell in row) > max_bytes:
            yield error(where, f"too large: record over {max_bytes} bytes")
            continue
        record = dict(zip(header, row))
        items = article_from_record(record, where, path=path, format="csv")
        problems = [lines.bad.pop(n) for n in range(first_line, lines.lineno + 1) if n in lines.bad]
        if problems and isinstance(items[-1], Article):
            items.insert(0, warning(items[-1].id, problems[0]))
        yield from items
    if rows == 0:
        yield error(name, "CSV has a header but no rows")
