"""The REST API over real stores: filters, pagination, details, errors, ingest, hostile input."""

from __future__ import annotations

import csv
import io
import json
import warnings

import pyarrow.parquet as pq
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.store import Store

TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def client(example_db):
    with TestClient(create_app(example_db)) as c:
        yield c


@pytest.fixture(scope="module")
def synth(synthetic_db):
    with TestClient(create_app(synthetic_db)) as c:
        yield c


def _all_pages(client, query: str, limit: int) -> list[dict]:
    out, cursor = [], None
    while True:
        url = f"/api/events?{query}&view=summary&limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(url).json()
        out += page["events"]
        cursor = page["next"]
        if cursor is None:
            return out


def _strikes(client) -> list[dict]:
    return client.get("/api/events?type=ASSAULT&view=summary").json()["events"]


# -- reading the example article --------------------------------------------------------

def test_the_two_strikes_are_in_iran_and_pakistan(client):
    strikes = _strikes(client)
    assert sorted((s["actor1_country"], s["location_country"]) for s in strikes) == [("IRN", "PAK"), ("PAK", "IRN")]
    for s in strikes:
        assert s["location_lat"] is not None and s["location_lon"] is not None


def test_filters_narrow_the_list(client):
    everything = client.get("/api/events").json()
    assert everything["total"] == len(everything["events"]) >= 5
    in_iran = client.get("/api/events?country=Iran&type=ASSAULT").json()
    assert [e["actor1"]["country"] for e in in_iran["events"]] == ["PAK"]
    assert client.get("/api/events?country=IR&type=assault").json()["total"] == 1  # ISO-2, any case
    acled = client.get("/api/events?type=Explosions/Remote violence").json()
    assert {e["type"] for e in acled["events"]} == {"ASSAULT"}
    by_actor = client.get("/api/events?actor=military forces of iran").json()
    assert by_actor["total"] >= 1 and all("Iran" in e["actor1"]["name"] for e in by_actor["events"])
    text = client.get("/api/events?q=ambassador").json()
    assert any(e["type"] == "SANCTION" for e in text["events"])
    assert client.get("/api/events?since=2030-01-01").json()["total"] == 0
    both = client.get("/api/events?type=ASSAULT,SANCTION").json()["total"]
    assert both == client.get("/api/events?type=ASSAULT&type=SANCTION").json()["total"] > 2


def test_bounding_box_finds_the_strike_in_balochistan(client):
    pakistan = client.get("/api/events?bbox=64,23,78,37&view=summary").json()["events"]
    assert [e["location_country"] for e in pakistan] == ["PAK"]
    assert client.get("/api/events?bbox=-10,35,30,60").json()["total"] == 0


def test_event_detail_has_evidence_sources_and_links(client):
    (pak_strike,) = [s for s in _strikes(client) if s["actor1_country"] == "PAK"]
    detail = client.get(f"/api/events/{pak_strike['id']}").json()
    event = detail["event"]
    roles = {ev["role"] for ev in event["evidence"]}
    assert {"actor1", "trigger", "location", "sentence"} <= roles
    assert detail["article"]["id"] == "pakistan-iran-strikes"
    assert detail["sources"][0]["date"] == "2024-02-07"
    linked = {e["id"]: e for e in detail["linked_events"]}
    retaliation = [link for link in detail["links"] if link["type"] == "retaliation_for"]
    assert retaliation and linked[retaliation[0]["event"]]["actor1_country"] == "IRN"
    assert detail["revisions"] == []


def test_article_text_and_spans_point_into_it(client):
    (strike, *_) = _strikes(client)
    article_id = client.get(f"/api/events/{strike['id']}").json()["article"]["content_hash"]
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["text"].lstrip().startswith("date 2024-02-07")
    assert article["spans"]
    for span in article["spans"]:
        assert article["text"][span["start"]:span["end"]] == span["text"]
    by_id = client.get("/api/articles/pakistan-iran-strikes").json()
    assert by_id["content_hash"] == article_id


def test_actors_and_timeline(client):
    actors = client.get("/api/actors").json()
    names = [a["name"] for a in actors]
    assert "Government of Pakistan" in names and "Government of Iran" in names
    assert all(a["events"] == a["as_source"] + a["as_target"] for a in actors)
    assert [a["name"] for a in client.get("/api/actors?q=iran").json()] == [n for n in names if "Iran" in n]
    days = client.get("/api/stats/timeline").json()
    total_dated = sum(d["events"] for d in days)
    assert total_dated == sum(1 for e in client.get("/api/events").json()["events"] if e["date"])
    dyads = client.get("/api/stats/timeline?group=dyad&type=ASSAULT").json()
    assert {d["key"] for d in dyads} >= {"IRN → Militants"} or any(d["key"].startswith("IRN") for d in dyads)
    assert all(d["goldstein"] <= 0 for d in dyads)
    per_dyad: dict[str, int] = {}
    for d in client.get("/api/stats/timeline?group=dyad").json():
        per_dyad[d["key"]] = per_dyad.get(d["key"], 0) + d["events"]
    busiest = min(per_dyad, key=lambda k: (-per_dyad[k], k))
    assert {d["key"] for d in client.get("/api/stats/timeline?group=dyad&top=1").json()} == {busiest}
    weeks = client.get("/api/stats/timeline?interval=week&group=country").json()
    assert sum(w["events"] for w in weeks) == total_dated


def test_exports(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export?format=csv&type=ASSAULT").text)))
    assert {r["location_country"] for r in rows} == {"IRN", "PAK"}
    assert all(r["article_id"] == "pakistan-iran-strikes" for r in rows)
    geo = client.get("/api/export?format=geojson").json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 2
    res = client.get("/api/export?format=parquet&country=PAK")
    assert res.headers["content-type"] == "application/vnd.apache.parquet"
    table = pq.read_table(io.BytesIO(res.content))
    assert table.num_rows == client.get("/api/events?country=PAK").json()["total"]


def test_dashboard_and_docs_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/event/anything").status_code == 200  # client-side route
    basemap = client.get("/static/countries-110m.json").json()
    assert basemap["type"] == "Topology"
    assert client.get("/openapi.json").json()["paths"]["/api/events"]
    assert client.get("/docs").status_code == 200


# -- pagination over generated events ---------------------------------------------------

@pytest.mark.parametrize("sort", ["-date", "date", "-fatalities", "fatalities", "goldstein", "-confidence"])
def test_cursor_pages_cover_every_event_once_in_order(synth, sort):
    query = f"sort={sort}"
    events = _all_pages(synth, query, limit=37)
    assert len(events) == len({e["id"] for e in events}) == 240
    key = {"date": "date", "fatalities": "fatalities_best", "goldstein": "goldstein", "confidence": "confidence"}[sort.strip("-")]
    present = [e[key] for e in events if e[key] is not None]
    assert present == sorted(present, reverse=sort.startswith("-"))
    nulls = [i for i, e in enumerate(events) if e[key] is None]
    assert nulls == list(range(len(events) - len(nulls), len(events)))  # missing values last


def test_filtered_pages_match_the_total(synth):
    query = "type=ASSAULT&status=reported,claimed&since=2024-01-10&until=2024-02-10"
    total = synth.get(f"/api/events?{query}").json()["total"]
    events = _all_pages(synth, query, limit=10)
    assert len(events) == total > 0
    assert all(e["type"] == "ASSAULT" and e["status"] in ("reported", "claimed") for e in events)
    assert all("2024-01-10" <= e["date"] <= "2024-02-10" for e in events)


def test_bbox_across_the_antimeridian(synth):
    fiji = synth.get("/api/events?bbox=170,-25,-170,-10&view=summary&limit=1000").json()["events"]
    assert fiji and {e["location_name"] for e in fiji} == {"Suva"}


def test_bad_requests_are_refused_with_a_reason(synth):
    first = synth.get("/api/events?limit=5").json()["next"]
    assert synth.get(f"/api/events?limit=5&sort=date&cursor={first}").status_code == 400  # other sort
    assert synth.get("/api/events?cursor=not-a-cursor").status_code == 400
    for bad in ("limit=0", "limit=100000", "since=yesterday", "sort=id", "bbox=0,0,1", "bbox=0,50,10,40",
                "q=" + "x" * 300):
        res = synth.get(f"/api/events?{bad}")
        assert res.status_code in (400, 422), bad
        assert "Traceback" not in res.text
    assert synth.get("/api/events/does-not-exist").status_code == 404
    assert synth.get("/api/articles/does-not-exist").status_code == 404
    assert synth.get("/api/stats/timeline?interval=century").status_code == 422


# -- hostile input ----------------------------------------------------------------------

INJECTIONS = [
    "' OR 1=1 --", "PAK'; DROP TABLE events; --", "%", "_", "\\", "x') UNION SELECT record FROM events --",
    '" OR ""="', "1; SELECT * FROM articles",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_injection_attempts_match_nothing_and_change_nothing(client, payload):
    for param in ("country", "actor", "q", "type", "status"):
        res = client.get("/api/events", params={param: payload})
        assert res.status_code == 200, (param, res.text)
        assert res.json()["total"] == 0, (param, payload)
    assert client.get("/api/actors", params={"q": payload}).json() == []
    assert client.get(f"/api/events/{payload}").status_code == 404
    assert client.get("/api/events").json()["total"] >= 5  # tables intact


def test_no_stack_traces_and_cors_closed(client, monkeypatch):
    from eventwire.store import queries

    def boom(*args, **kwargs):
        raise RuntimeError("secret internal detail /work/main/src")

    monkeypatch.setattr(queries, "actors", boom)
    res = TestClient(client.app, raise_server_exceptions=False).get("/api/actors")  # no lifespan: store stays open
    assert res.status_code == 500 and res.json() == {"detail": "internal error"}
    res = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in res.headers


# -- ingest -----------------------------------------------------------------------------

ARTICLE = (
    "date 2024-03-05\n\nKabul: Taliban fighters attacked a police checkpoint in Kandahar on Monday, "
    "killing four police officers, the provincial governor said."
)


def test_ingest_requires_the_configured_token(client, tmp_path, example_db):
    assert client.post("/api/articles", json={"text": ARTICLE}).status_code == 403  # no token configured
    db = tmp_path / "ingest.duckdb"
    with TestClient(create_app(str(db), token=TOKEN)) as c:
        assert c.post("/api/articles", json={"text": ARTICLE}).status_code == 401
        wrong = c.post("/api/articles", json={"text": ARTICLE}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        assert c.get("/api/events").json()["total"] == 0


def test_ingest_extracts_stores_and_serves(tmp_path, pipeline):
    db = str(tmp_path / "ingest.duckdb")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(db, token=TOKEN, pipeline=pipeline)) as c:
        res = c.post("/api/articles", json={"text": ARTICLE, "id": "kandahar", "source": "test desk",
                                                  "author": "Jane Doe"}, headers=auth)
        assert res.status_code == 201, res.text
        body = res.json()
        assert body["added"] and body["events"]
        listed = c.get("/api/events?view=summary").json()["events"]
        assert {e["id"] for e in listed} == set(body["events"])
        assert any(e["type"] in ("ASSAULT", "FIGHT") and e["location_country"] == "AFG" and e["fatalities_best"] == 4
                   for e in listed)
        stored = c.get("/api/articles/kandahar").json()
        assert stored["date"] == "2024-03-05" and stored["author"] == "Jane Doe"  # the evidence view's byline
        rows = list(csv.DictReader(io.StringIO(c.get("/api/export?format=csv").text)))
        assert rows and {r["article_author"] for r in rows} == {"Jane Doe"}
        again = c.post("/api/articles", json={"text": ARTICLE}, headers=auth)
        assert again.status_code == 200 and again.json()["added"] is False
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 1


def test_request_size_limit(tmp_path):
    with TestClient(create_app(str(tmp_path / "big.duckdb"), token=TOKEN)) as c:
        huge = json.dumps({"text": "x" * 2_500_000})
        res = c.post("/api/articles", content=huge, headers={"Authorization": f"Bearer {TOKEN}",
                                                            "Content-Type": "application/json"})
        assert res.status_code == 413
        long_text = c.post("/api/articles", json={"text": "y" * 1_200_000},
                           headers={"Authorization": f"Bearer {TOKEN}"})
        assert long_text.status_code in (413, 422)


def test_docs_pages_use_packaged_assets(client):
    """/docs and /redoc name no CDN: their scripts and styles are served by this app
    (the browser test renders /docs with the network cut off)."""
    import re

    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
        assert assets and all(a.startswith("/static-offline-docs/") for a in assets), assets
        assert "cdn." not in html and "fonts.googleapis" not in html
        for asset in assets:
            res = client.get(asset)
            assert res.status_code == 200 and len(res.content) > 10_000
