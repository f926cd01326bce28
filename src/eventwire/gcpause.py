"""`collector_paused()`: Python's cyclic garbage collector off for a block, the caller's
setting restored after (a caller that paused it itself keeps it paused).

Extraction batches and `eventwire run` both allocate far more than their cycles ever free,
so collections in them found almost nothing while walking everything that survived (the
loaded model, the resolution's indexes); each says its own measurement where it pauses."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
