"""Issue 8's API hardening: size limits, the write token, constant-time comparison,
injection through every filter, read-only reads, closed CORS, and a short load test of the
real server (`bench/load_test.py` runs the long one)."""

from __future__ import annotations

import importlib.util
import inspect
import json
import re
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from fastapi.routing import APIRoute

import eventwire.api
from eventwire.api import app as app_module
from eventwire.api.app import MAX_BODY, MAX_QUERY, create_app
from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "hardening-token-5f2c9a"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {"text": "date 2024-03-05\n\nKabul: Taliban fighters attacked a police checkpoint in Kandahar on Monday."}


class _NoExtraction:
    """A pipeline that must never run: the requests here are refused before extraction."""

    def extract(self, article):
        raise AssertionError("extraction ran for a refused request")


@pytest.fixture(scope="module")
def reader(synthetic_db):
    with TestClient(create_app(synthetic_db)) as c:
        yield c


@pytest.fixture()
def writer(tmp_path):
    db = str(tmp_path / "w.duckdb")
    with TestClient(create_app(db, token=TOKEN, pipeline=_NoExtraction())) as c:
        yield c, db


def _counts(db: str) -> dict:
    with Store(db, read_only=True) as store:
        return store.counts()


# -- size limits ----------------------------------------------------------------------------

def test_bodies_over_the_limit_are_refused_before_they_are_read(writer):
    c, db = writer
    declared = c.post("/api/articles", content=b"x" * (MAX_BODY + 1), headers={**AUTH, "Content-Type": "application/json"})
    assert declared.status_code == 413 and declared.json()["detail"].startswith("request body over")

    def chunks():  # no Content-Length: counted as it arrives, cut off past the limit
        for _ in range(MAX_BODY // 100_000 + 5):
            yield b"x" * 100_000

    chunked = c.post("/api/articles", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert chunked.status_code == 413
    bogus = c.post("/api/articles", content=b"{}", headers={**AUTH, "Content-Length": "12abc"})
    assert bogus.status_code == 413
    too_long = c.post("/api/articles", json={"text": "y" * 1_200_000}, headers=AUTH)  # within MAX_BODY, over MAX_TEXT
    assert too_long.status_code == 422
    assert _counts(db)["articles"] == 0


def test_queries_over_the_limit_are_refused(reader):
    assert reader.get("/api/events", params={"unknown": "x" * (MAX_QUERY + 1)}).status_code == 414
    assert reader.get("/api/events?" + "&".join(["type=ASSAULT"] * 2000)).status_code == 414
    assert reader.get("/api/events", params={"q": "x" * 201}).status_code == 422  # per-parameter max_length
    assert reader.get("/api/events", params={"type": ["ASSAULT"] * 201}).status_code == 422  # list length
    assert reader.get("/api/events", params={"limit": 10**9}).status_code == 422
    assert reader.get("/api/events", params={"q": "checkpoint", "type": "ASSAULT,PROTEST"}).status_code == 200


# -- writes need the token ------------------------------------------------------------------

def _write_routes(app) -> list[tuple[str, str]]:
    return sorted((method, route.path) for route in app.routes if isinstance(route, APIRoute)
                  for method in route.methods - {"GET", "HEAD"})


def test_every_write_route_needs_the_token(writer, synthetic_db):
    c, db = writer
    routes = _write_routes(c.app)
    assert ("POST", "/api/articles") in routes
    wrong = [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Bearer {TOKEN[:-1]}"},
             {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"},
             {"Authorization": f"Bearer  {TOKEN}"}, {"Authorization": "Bearer "}, {"X-Token": TOKEN}]
    for method, path in routes:
        for headers in wrong:
            res = c.request(method, path, json=ARTICLE, headers=headers)
            assert res.status_code == 401, (method, path, headers, res.text)
            assert res.headers["www-authenticate"] == "Bearer"
    with TestClient(create_app(synthetic_db, pipeline=_NoExtraction())) as closed:  # no token configured
        for method, path in _write_routes(closed.app):
            assert closed.request(method, path, json=ARTICLE, headers=AUTH).status_code == 403
    assert _counts(db)["articles"] == 0


def test_read_routes_refuse_other_methods(reader):
    for path in ("/api/events", "/api/actors", "/api/stats/timeline", "/api/export", "/api/stats/facets"):
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            assert reader.request(method, path).status_code == 405, (method, path)


def test_the_token_is_compared_in_constant_time():
    source = inspect.getsource(app_module._authorised)
    assert "hmac.compare_digest(" in source
    for module in (app_module, eventwire.api):  # no plain comparison of the token anywhere
        code = inspect.getsource(module)
        assert not re.search(r"(token|value)(\.encode\(\))?\s*[!=]=|[!=]=\s*(token|value)\b", code), module.__name__


# -- injection through every filter ---------------------------------------------------------

PAYLOADS = [
    "' OR 1=1 --", "' OR '1'='1", "1) OR (1=1", "PAK'; DROP TABLE events; --", "x') UNION SELECT text FROM articles --",
    '" OR ""="', "1; SELECT * FROM articles", "%", "_", "*", "\\", "$1", "?", "'; ATTACH 'leak.db' AS x; --",
    "'; COPY events TO 'leak.csv'; --", "PAK\x00' OR 1=1", "\u202egazA", "غزة' --", "-1", "0,0,0,0) OR (1=1",
    "9999-99-99", "-date; DROP TABLE events",
]
ENDPOINTS = ["/api/events", "/api/stats/timeline", "/api/export", "/api/actors"]
SQL_TRACES = re.compile(r"Traceback|File \"|duckdb|Binder Error|Parser Error|Catalog Error|Conversion Error|"
                        r"\bWHERE\b|\bFROM (events|articles|mentions)\b|eventwire/|\.py\b", re.I)


def _query_params(app, path: str) -> list[str]:
    """Every query parameter the endpoint declares (new filters are covered automatically)."""
    spec = app.openapi()["paths"][path]["get"]
    return [p["name"] for p in spec.get("parameters", []) if p["in"] == "query"]


def _empty(path: str, res) -> bool:
    if path == "/api/events":
        body = res.json()
        return body["total"] == 0 and body["events"] == []
    if path == "/api/export":
        return len(res.text.strip().splitlines()) <= 1  # the CSV header only
    return res.json() == []


@pytest.mark.parametrize("path", ENDPOINTS)
def test_injection_through_every_parameter_is_refused_or_matches_nothing(reader, synthetic_db, path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where a successful COPY or ATTACH would write
    before = _counts(synthetic_db)
    params = _query_params(reader.app, path)
    assert len(params) >= (2 if path == "/api/actors" else 9)
    for name in params:
        for payload in PAYLOADS:
            res = reader.get(path, params={name: payload})
            assert res.status_code in (200, 400, 422), (name, payload, res.status_code, res.text[:200])
            shown = res.text.replace(json.dumps(payload)[1:-1], "").replace(payload, "")
            assert not SQL_TRACES.search(shown), (name, payload, res.text[:300])
            if res.status_code == 200:
                assert _empty(path, res), (name, payload, res.text[:300])
    assert _counts(synthetic_db) == before
    assert list(tmp_path.iterdir()) == []
    assert reader.get("/api/events").json()["total"] == 240


def test_injection_in_path_parameters_finds_nothing(reader):
    for payload in PAYLOADS:
        for path in ("/api/events/", "/api/articles/"):
            res = reader.get(path + quote(payload, safe=""))
            assert res.status_code in (404, 422), (path, payload, res.status_code)
            assert not SQL_TRACES.search(res.text.replace(payload, ""))


def test_validation_errors_do_not_echo_the_request(writer):
    c, _ = writer
    secret = "do-not-reflect-<script>alert(1)</script>"
    res = c.post("/api/articles", json={"text": secret, "date": secret}, headers=AUTH)
    assert res.status_code == 422
    assert secret not in res.text and "input" not in res.json()["detail"][0]


# -- read-only reads, closed CORS -------------------------------------------------------------

def test_reads_go_through_a_read_only_connection(synthetic_db, tmp_path):
    for app in (create_app(synthetic_db), create_app(str(tmp_path / "w.duckdb"), token=TOKEN)):
        with app.state.store.read() as store:
            assert store.read_only
            with pytest.raises(duckdb.Error, match="read-only"):
                store.execute("CREATE TABLE leak (x INTEGER)")
            with pytest.raises(duckdb.Error, match="read-only"):
                store.execute("DELETE FROM events")
        app.state.store.close()
    assert _counts(synthetic_db)["events"] == 240


def test_cors_is_closed_by_default_and_open_only_to_named_origins(reader, synthetic_db):
    evil = {"Origin": "https://evil.example"}
    preflight = {**evil, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
    assert "access-control-allow-origin" not in reader.get("/api/events", headers=evil).headers
    res = reader.options("/api/articles", headers=preflight)
    assert "access-control-allow-origin" not in res.headers and res.status_code >= 400
    with TestClient(create_app(synthetic_db, cors_origins=("https://desk.example",))) as c:
        ok = c.get("/api/events", headers={"Origin": "https://desk.example"})
        assert ok.headers["access-control-allow-origin"] == "https://desk.example"
        assert "access-control-allow-origin" not in c.get("/api/events", headers=evil).headers
        post = c.options("/api/articles", headers={**preflight, "Origin": "https://desk.example"})
        assert "POST" not in post.headers.get("access-control-allow-methods", "")  # reads only, even for friends


def test_security_headers_on_api_and_dashboard(reader):
    for path in ("/", "/api/events", "/api/nothing"):
        res = reader.get(path)
        assert res.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in res.headers["content-security-policy"]
        assert "server" not in res.headers or "uvicorn" not in res.headers["server"]


# -- the real server under load (short version of bench/load_test.py) ---------------------------

def _load_test_module():
    spec = importlib.util.spec_from_file_location("load_test", ROOT / "bench" / "load_test.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("load_test", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_real_server_serves_mixed_concurrent_load_without_errors(tmp_path):
    load = _load_test_module()
    db = str(tmp_path / "load.duckdb")
    load.generate(db, 2000)
    figures = load.load_test(db, requests=500, clients=8, writes=0, seconds=15)
    assert figures["server_alive"]
    assert figures["errors"] == 0 and figures["unexpected_status"] == 0, figures["examples"]
    assert figures["completed"] == 500 and figures["wall_s"] < 15
    statuses = figures["statuses"]
    assert statuses["200"] > 350 and statuses.get("401", 0) > 0 and statuses.get("422", 0) > 0
    assert figures["p99_ms"] > 0 and figures["rss_growth_mb"] < 100
