"""Access to the package's data files, read once per process."""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib import resources

DATA = resources.files("eventwire") / "data"


@lru_cache(maxsize=None)
def lexicon(name: str) -> dict:
    """A JSON lexicon from `data/lexicons/`, minus its `_source`/`_note` keys."""
    raw = json.loads((DATA / "lexicons" / f"{name}.json").read_text(encoding="utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


@lru_cache(maxsize=None)
def table(path: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV under `data/` ('taxonomy/reporting.tsv'); '#' lines are provenance."""
    with (DATA / path).open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return tuple({k: (v or "") for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t"))
