"""Access to the package's data files, read once per process."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

DATA = resources.files("eventwire") / "data"


@lru_cache(maxsize=None)
def lexicon(name: str) -> dict:
    """A JSON lexicon from `data/lexicons/`, minus its `_source`/`_note` keys."""
    raw = json.loads((DATA / "lexicons" / f"{name}.json").read_text(encoding="utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}
