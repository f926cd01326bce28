"""The API's handle on the store: a read-only connection for every request, swapped for a
short-lived writable one while an ingested article is stored.

DuckDB refuses to open one file twice in a process with different settings, so a write
closes the read-only connection, writes, and reopens it. A readers–writer lock keeps
requests off the connection while it is being swapped; the slow part of an ingest (running
the pipeline) happens outside the lock.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eventwire.model import Article, DocumentResult
from eventwire.store import Store


class StoreHandle:
    def __init__(self, path: str | Path, *, writable: bool = False):
        self.path = str(path)
        if writable and not Path(self.path).exists():
            Store(self.path).close()  # creates the schema so a read-only open can succeed
        self._store = Store(self.path, read_only=True)
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def read(self) -> Iterator[Store]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            yield self._store
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    def add_result(self, article: Article, result: DocumentResult) -> bool:
        """Store one document; False when the same text was stored before."""
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._writing = True
            self._cond.wait_for(lambda: self._readers == 0)
        try:
            self._store.close()
            try:
                with Store(self.path) as store:
                    added = store.add_result(article, result)
                    if added:  # the same cross-article resolution as `eventwire run`
                        from eventwire.store.resolution import resolve_article

                        resolve_article(store, article, result)
                    return added
            finally:
                self._store = Store(self.path, read_only=True)
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()

    def close(self) -> None:
        self._store.close()
