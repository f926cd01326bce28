"""The tune / report split of every development set, fixed by a hash of the record id.

Rules, lexicon entries, thresholds and the learned relevance model may be fitted to the
*tune* part only; the *report* part is looked at only to report figures, so the gap between
the two parts estimates how far the dev figures overstate accuracy on unseen records.

A record is in the report part when the first 8 hex digits of
sha1("<set>:<id>") modulo 100 are below `REPORT_PERCENT` (30); everything else is tuned on.
The set name is in the hash so that two sets whose ids look alike split independently.
Nothing here reads a gold field: the split depends on the id alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

REPORT_PERCENT = 30
PARTS = ("tune", "report")


def part_of(set_name: str, record_id: object) -> str:
    digest = hashlib.sha1(f"{set_name}:{record_id}".encode("utf-8")).hexdigest()
    return "report" if int(digest[:8], 16) % 100 < REPORT_PERCENT else "tune"


def select(records: Iterable[dict], set_name: str, part: str | None) -> list[dict]:
    """The records of one part (`None` or "all": every record), in file order."""
    records = list(records)
    if part in (None, "all"):
        return records
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}: expected one of {PARTS} or 'all'")
    return [r for r in records if part_of(set_name, r["id"]) == part]
