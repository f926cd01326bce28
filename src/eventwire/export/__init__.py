"""Write events in the formats analysts already use.

    write(events, "out.csv", "acled", sources=store.event_sources())

Formats: `jsonl` (one `Event` JSON per line, reads back with `Event.model_validate_json`),
`csv` and `parquet` (the flat columns of `eventwire.export.flat`), `geojson` (a
FeatureCollection of the events that have coordinates, flat columns as properties),
`acled` and `ucdp` (CSV in those datasets' column layouts) and `plover` (PLOVER JSON
records, one per line).

`Event` does not name its article. ACLED `source`, UCDP `source_article` and the flat
`article_*` columns come from `sources`: a mapping from event id to an article reference
(`article_id`, `source`, `url`, `title`, `author`, `date`), which `Store.event_sources()` builds.
Without it those columns stay empty.

Rows are written as the events iterate, so a large query need not fit in memory
(Parquet is written in row groups of `PARQUET_BATCH` events).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any

from eventwire.export import acled, plover, ucdp
from eventwire.export.flat import COLUMN_NAMES, COLUMNS, ArticleRef, flatten
from eventwire.model import Event

__all__ = ["FORMATS", "write", "flatten", "COLUMNS", "COLUMN_NAMES", "arrow_schema"]

PARQUET_BATCH = 10_000
Sources = Mapping[str, ArticleRef]
Destination = str | Path | IO[str] | IO[bytes]


def write(
    events: Iterable[Event],
    path_or_stream: Destination,
    format: str,
    *,
    sources: Sources | None = None,
) -> int:
    """Write `events` to a path or an open stream in `format`; return how many were written
    (for `geojson`, how many had coordinates)."""
    try:
        writer = FORMATS[format.lower()]
    except KeyError:
        raise ValueError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}") from None
    pairs = ((event, (sources or {}).get(event.id)) for event in events)
    return writer(pairs, path_or_stream)


Pairs = Iterator[tuple[Event, ArticleRef | None]]


def _write_jsonl(pairs: Pairs, dest: Destination) -> int:
    with _text(dest) as out:
        n = 0
        for n, (event, _) in enumerate(pairs, 1):
            out.write(event.model_dump_json() + "\n")
        return n


def _write_plover(pairs: Pairs, dest: Destination) -> int:
    with _text(dest) as out:
        n = 0
        for n, (event, article) in enumerate(pairs, 1):
            out.write(json.dumps(plover.record(event, article), ensure_ascii=False) + "\n")
        return n


def _csv_writer(columns: tuple[str, ...], make_row: Callable[[Event, ArticleRef | None], dict]):
    def write_csv(pairs: Pairs, dest: Destination) -> int:
        with _text(dest) as out:
            writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            n = 0
            for n, (event, article) in enumerate(pairs, 1):
                writer.writerow(make_row(event, article))
            return n

    return write_csv


def _write_geojson(pairs: Pairs, dest: Destination) -> int:
    """GeoJSON (RFC 7946): positions are [longitude, latitude]."""
    with _text(dest) as out:
        out.write('{"type": "FeatureCollection", "features": [')
        n = 0
        for event, article in pairs:
            loc = event.location
            if loc is None or loc.lat is None or loc.lon is None:
                continue
            feature = {
                "type": "Feature",
                "id": event.id,
                "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
                "properties": flatten(event, article),
            }
            out.write(("," if n else "") + "\n" + json.dumps(feature, default=_json_default, ensure_ascii=False))
            n += 1
        out.write("\n]}\n")
        return n


def arrow_schema():
    """The Arrow schema of the flat columns (typed, so empty or all-null columns keep a type)."""
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32()}
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS])


def _write_parquet(pairs: Pairs, dest: Destination) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    n = 0
    with pq.ParquetWriter(dest if not isinstance(dest, Path) else str(dest), schema) as writer:
        batch: list[dict] = []
        for event, article in pairs:
            batch.append(flatten(event, article))
            n += 1
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return n


FORMATS: dict[str, Callable[[Pairs, Destination], int]] = {
    "jsonl": _write_jsonl,
    "csv": _csv_writer(COLUMN_NAMES, flatten),
    "acled": _csv_writer(acled.COLUMNS, acled.row),
    "ucdp": _csv_writer(ucdp.COLUMNS, ucdp.row),
    "plover": _write_plover,
    "parquet": _write_parquet,
    "geojson": _write_geojson,
}


@contextmanager
def _text(dest: Destination) -> Iterator[IO[str]]:
    """A UTF-8 text stream on a path, a text stream, or a binary stream (left open)."""
    if isinstance(dest, (str, Path)):
        with open(dest, "w", encoding="utf-8", newline="") as f:
            yield f
    elif isinstance(dest, (io.RawIOBase, io.BufferedIOBase)) or "b" in getattr(dest, "mode", ""):
        wrapper = io.TextIOWrapper(dest, encoding="utf-8", newline="")  # type: ignore[arg-type]
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()
    else:
        yield dest  # type: ignore[misc]


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
