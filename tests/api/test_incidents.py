"""GET /api/events/{id} shows the event's cross-article incident: every source (a syndicated
reprint among them), the incident's revisions and its links."""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.store import Store
from eventwire.store.resolution import resolve_article

ROOT = Path(__file__).resolve().parents[2]


def _fixture():
    spec = importlib.util.spec_from_file_location("pakistan_iran_fixture_api", ROOT / "tests" / "export" / "pakistan_iran.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


PI = _fixture()


@pytest.fixture(scope="module")
def resolved(tmp_path_factory):
    """The hand-coded example article and a wire reprint of it, stored and resolved."""
    path = str(tmp_path_factory.mktemp("api") / "resolved.duckdb")
    reprint_text = PI.TEXT.replace("New Delhi:", "NEW DELHI (Agencies):") + "\n(Updated 10:40 IST)\n"
    reprint = PI.article(text=reprint_text, id="wire-reprint").model_copy(update={"source": "Wire"})
    with Store(path) as store:
        for article in (PI.article(), reprint):
            result = PI.result()
            store.add_result(article, result)
            resolve_article(store, article, result)
    with TestClient(create_app(path)) as client:
        yield client


def _strike(client, country: str) -> dict:
    events = client.get("/api/events?type=ASSAULT&view=summary").json()["events"]
    return next(e for e in events if e["actor1_country"] == country and e["article_id"] == "pakistan-iran-strikes")


def test_event_detail_carries_its_incident_sources_revisions_and_links(resolved):
    detail = resolved.get(f"/api/events/{_strike(resolved, 'PAK')['id']}").json()
    incident = detail["incident"]
    assert incident["id"].startswith("inc_") and incident["type"] == "ASSAULT"
    sources = incident["sources"]
    assert sorted(s["article_id"] for s in sources) == ["pakistan-iran-strikes", "wire-reprint"]
    assert incident["reports"] == 2 and incident["independent_sources"] == 1  # the reprint is no new source
    reprint = next(s for s in sources if s["article_id"] == "wire-reprint")
    assert reprint["duplicate_of"] is not None
    assert sorted(s["rationale"].split(" ")[0] for s in sources) == ["first", "matches"]  # why they merged
    assert {r["field"] for r in detail["revisions"]} >= {"status"}
    assert all(r["incident_id"] == incident["id"] for r in detail["revisions"])
    assert sum(r["current"] for r in detail["revisions"] if r["field"] == "status") == 1
    # Pakistan's strike answers Iran's: an incident link, pointing at an event of Iran's incident
    (link,) = [l for l in detail["links"] if l.get("direction") == "out" and l["type"] == "retaliation_for"]
    target = {e["id"]: e for e in detail["linked_events"]}[link["event"]]
    assert target["actor1_country"] == "IRN" and target["type"] == "ASSAULT"
    back = resolved.get(f"/api/events/{link['event']}").json()
    assert any(l.get("direction") == "in" and l["type"] == "retaliation_for" for l in back["links"])


def test_events_of_a_store_without_resolution_have_no_incident(client):
    (strike, *_) = client.get("/api/events?type=ASSAULT&view=summary").json()["events"]
    detail = client.get(f"/api/events/{strike['id']}").json()
    assert detail["incident"] is None and detail["revisions"] == []


@pytest.fixture(scope="module")
def client(example_db):
    with TestClient(create_app(example_db)) as c:
        yield c
