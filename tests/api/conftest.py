"""A store built from the example articles by the real pipeline, shared by the API tests,
and a store of generated events for pagination and filter arithmetic."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from eventwire.model import Actor, Article, Count, DocumentResult, Event, Evidence, Location
from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def example_db(tmp_path_factory, pipeline) -> str:
    """`eventwire run examples/` in miniature: ingest, extract, store."""
    from eventwire.ingest import iter_documents

    path = str(tmp_path_factory.mktemp("api") / "examples.duckdb")
    with Store(path) as store:
        for article in iter_documents([str(EXAMPLES)]):
            if isinstance(article, Article):
                store.add_result(article, pipeline.extract(article))
    return path


PLACES = [  # name, ISO-3, lat, lon
    ("Kabul", "AFG", 34.53, 69.17), ("Mogadishu", "SOM", 2.04, 45.34), ("Kharkiv", "UKR", 49.99, 36.23),
    ("Gaza", "PSE", 31.50, 34.47), ("Quetta", "PAK", 30.18, 66.99), ("Suva", "FJI", -18.14, 178.44),
]
TYPES = [("ASSAULT", -10.0), ("PROTEST", -6.5), ("CONSULT", 1.0), ("THREATEN", -7.0)]


def synthetic_events(n: int, seed: int = 7) -> DocumentResult:
    """`n` plausible events with some undated, unlocated and uncounted ones."""
    rng = random.Random(seed)
    events = []
    for i in range(n):
        name, iso, lat, lon = rng.choice(PLACES)
        kind, goldstein = rng.choice(TYPES)
        killed = rng.choice([None, 0, 1, 3, 12])
        events.append(Event(
            id=f"s{i:05d}", type=kind, goldstein=goldstein,
            acled_event_type="Battles" if kind == "ASSAULT" else None,
            actor1=Actor(text="forces", name=f"Military Forces of {iso}", country=iso, sector="MIL"),
            actor2=Actor(text="people", name="Civilians", sector="CVL") if rng.random() < 0.5 else None,
            date=None if i % 17 == 0 else date(2024, 1, 1) + timedelta(days=rng.randrange(60)),
            location=None if i % 11 == 0 else Location(text=name, name=name, country=iso, lat=lat, lon=lon),
            fatalities=Count(best=killed),
            status=rng.choice(["reported", "claimed", "denied"]),
            evidence=[Evidence(start=0, end=10, text=f"event {i:05d}", role="sentence")],
        ))
    return DocumentResult(id="synthetic", events=events)


@pytest.fixture(scope="session")
def synthetic_db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("api") / "synthetic.duckdb")
    with Store(path) as store:
        store.add_result(Article(id="synthetic", text="generated events for tests"), synthetic_events(240))
    return path
