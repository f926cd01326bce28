"""Keep articles, events and their evidence in one DuckDB file.

    with Store("events.duckdb") as store:
        store.add_result(article, result)        # False if the article was stored before
        store.events(country="PAK", since=date(2024, 1, 1))

Tables: `articles` (keyed by content hash, so re-running a batch adds nothing),
`events` (flat columns plus the full `Event` JSON in `record`), `mentions` (the sentence
spans of each event), `evidence` (every span with its role), `errors` (failed documents
and warnings), `meta` (schema version).
"""

from eventwire.store.schema import STORE_SCHEMA_VERSION
from eventwire.store.store import Store, global_event_id

__all__ = ["Store", "global_event_id", "STORE_SCHEMA_VERSION"]
