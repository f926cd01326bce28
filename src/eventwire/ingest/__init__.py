"""Ingest: raw inputs (crawler text, JSON Lines, HTML, RSS/Atom, CSV, stdin) to Articles.

>>> for item in iter_documents(["corpus/"]):
...     if isinstance(item, Article): ...          # ready for segment()
...     elif is_warning(item): ...                  # precedes the Article with the same id
...     else: ...                                   # a DocumentError: the document is skipped
"""

from eventwire.ingest.markup import markup_to_text
from eventwire.ingest.records import IngestWarning, is_warning, parse_date
from eventwire.ingest.sources import FORMATS, format_of, iter_documents
from eventwire.model import Article, DocumentError

__all__ = [
    "Article",
    "DocumentError",
    "FORMATS",
    "IngestWarning",
    "format_of",
    "is_warning",
    "iter_documents",
    "markup_to_text",
    "parse_date",
]
