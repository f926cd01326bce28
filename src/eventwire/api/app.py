"""The FastAPI application: JSON endpoints under /api, the dashboard at /.

Reads go through a read-only DuckDB connection; `POST /api/articles` is the only write
and needs the token given in configuration. Errors reach clients as short JSON messages,
never tracebacks; CORS stays closed unless origins are named.
"""

from __future__ import annotations

import hmac
import logging
import tempfile
import threading
from contextlib import asynccontextmanager
from datetime import date
from datetime import date as Date
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, Field
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire import export
from eventwire.api.db import StoreHandle
from eventwire.api.limits import BodyLimit
from eventwire.model import Article
from eventwire.store import queries
from eventwire.store.queries import EventQuery, QueryError

log = logging.getLogger("eventwire.api")

MAX_BODY = 2_000_000  # bytes of a request body: a long article is ~100 kB
MAX_TEXT = 1_000_000  # characters of an ingested article
MAX_QUERY = 8192  # bytes of a query string: the dashboard's longest is ~300
EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "acled": ("text/csv; charset=utf-8", "csv"),
    "ucdp": ("text/csv; charset=utf-8", "csv"),
    "plover": ("application/x-ndjson", "jsonl"),
}
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
SortName = Literal["date", "-date", "fatalities", "-fatalities", "goldstein", "-goldstein", "confidence", "-confidence"]


def _static_dir() -> str:
    return str(resources.files("eventwire.api") / "static")


# -- request parsing -----------------------------------------------------------------

def _split(values: list[str] | None) -> tuple[str, ...]:
    """`type=A,B` and `type=A&type=B` both mean A or B."""
    out = []
    for value in values or []:
        out += [v.strip() for v in value.split(",") if v.strip()]
    return tuple(out)


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise QueryError("bbox must be four numbers: west,south,east,north") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise QueryError("bbox out of range: west,south,east,north in degrees, south <= north")
    return west, south, east, north


def event_query(
    since: Annotated[date | None, Query(description="first day, inclusive (YYYY-MM-DD)")] = None,
    until: Annotated[date | None, Query(description="last day, inclusive")] = None,
    country: Annotated[str | None, Query(max_length=64, description="ISO-2/ISO-3 code or name: where it happened (or either actor's country when no place)")] = None,
    actor: Annotated[str | None, Query(max_length=100, description="substring of either actor's name, or an ISO-3 actor country")] = None,
    type: Annotated[list[str] | None, Query(max_length=200, description="PLOVER type or ACLED event type; comma-separated or repeated")] = None,
    status: Annotated[list[str] | None, Query(max_length=200, description="reported, claimed, confirmed, denied...")] = None,
    bbox: Annotated[str | None, Query(max_length=100, description="west,south,east,north in degrees")] = None,
    q: Annotated[str | None, Query(max_length=200, description="free text in evidence, actors, place, attribution")] = None,
    sort: SortName = "-date",
) -> EventQuery:
    return EventQuery(
        since=since, until=until, country=country or None, actor=actor or None, types=_split(type),
        statuses=_split(status), bbox=_bbox(bbox), text=q or None, sort=sort,
    )


Filters = Annotated[EventQuery, Depends(event_query)]


class ArticleIn(BaseModel):
    """An article to ingest. Without `date`, a crawler header line `date YYYY-MM-DD` is used."""

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    id: str | None = Field(None, max_length=200)
    date: Date | None = None
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)
    author: str | None = Field(None, max_length=500)


# -- the app -------------------------------------------------------------------------

class _Pipeline:
    """The extraction pipeline, loaded on the first ingest and then reused."""

    def __init__(self, pipeline=None):
        self._pipeline = pipeline
        self._lock = threading.Lock()

    def get(self):
        with self._lock:
            if self._pipeline is None:
                from eventwire.pipeline import Pipeline

                self._pipeline = Pipeline.load()
            return self._pipeline


def create_app(
    db_path: str, *, token: str | None = None, cors_origins: tuple[str, ...] = (), pipeline=None
) -> FastAPI:
    """The API and dashboard over the DuckDB file `db_path`. `token` enables
    `POST /api/articles` (sent as `Authorization: Bearer TOKEN`); without it ingest is off.
    `cors_origins` opens the API to those browser origins (closed by default). `pipeline`
    is an already loaded `Pipeline` to reuse; by default one loads on the first ingest."""
    handle = StoreHandle(db_path, writable=bool(token))
    pipeline = _Pipeline(pipeline)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        handle.close()

    # /docs and /redoc load Swagger UI / ReDoc from the installed fastapi-offline package
    # (under /static-offline-docs): FastAPI's defaults fetch them from a CDN, a blank page offline
    app = FastAPIOffline(
        lifespan=lifespan,
        title="eventwire",
        version="0.1.0",
        summary="Events coded from news, with the evidence behind every field.",
    )
    app.state.store = handle
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"])
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY, max_query=MAX_QUERY)
    _errors(app)
    _headers(app)
    _read_routes(app, handle)
    _write_routes(app, handle, pipeline, token)
    _dashboard(app)
    return app


def _errors(app: FastAPI) -> None:
    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError):
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        # field locations and messages only: echoing `input` would reflect the request back
        details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return JSONResponse({"detail": details}, status_code=422)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal error"}, status_code=500)


class SecurityHeaders:
    """Pure ASGI middleware adding the security headers to every response (cheaper under
    load than `@app.middleware("http")`, which runs each request through a task group)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        csp = not scope["path"].startswith(("/docs", "/redoc"))  # the docs page loads its own scripts

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                if csp:
                    headers.setdefault("Content-Security-Policy", CSP)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _headers(app: FastAPI) -> None:
    app.add_middleware(SecurityHeaders)


def _read_routes(app: FastAPI, handle: StoreHandle) -> None:
    @app.get("/api/events", tags=["events"])
    def list_events(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 50,
        cursor: Annotated[str | None, Query(max_length=500, description="`next` of the previous page")] = None,
        view: Literal["full", "summary"] = "full",
    ) -> dict[str, Any]:
        """Events matching the filters: `{events, next, total}`. `view=summary` gives flat
        rows (map and table) instead of full `Event` records; pass `next` as `cursor`."""
        with handle.read() as store:
            return queries.event_page(store, filters, limit=limit, cursor=cursor, summary=view == "summary")

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(event_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
        """One event with its evidence spans, source article, links and revisions, and the
        cross-article incident it belongs to (`incident`: every source, with the merge
        rationale; `revisions` and `links` are the incident's)."""
        with handle.read() as store:
            event = store.event(event_id)
            if event is None:
                raise HTTPException(404, "no such event")
            link_rows = queries.related_rows(store, "links", event_id)
            linked_ids = {str(link.get("event")) for link in event.links if link.get("event")}
            linked_ids.update(row["event"] for row in link_rows if row.get("event"))
            linked_ids.discard(event_id)
            return {
                "event": event.model_dump(mode="json"),
                "article": queries.event_article(store, event_id),
                "sources": list(store.event_sources([event_id]).values()),
                "links": event.links + link_rows,
                "linked_events": queries.summaries(store, sorted(linked_ids)),
                "revisions": queries.related_rows(store, "revisions", event_id),
                "incident": queries.event_incident(store, event_id),
            }

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def get_article(article_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
        """An article (by content hash or id) with its text and every evidence span in it."""
        with handle.read() as store:
            meta = queries.article_key(store, article_id)
            if meta is None:
                raise HTTPException(404, "no such article")
            article = store.article(meta["content_hash"])
            return {**meta, "author": article.author, "text": article.text,
                    "spans": queries.article_spans(store, meta["content_hash"])}

    @app.get("/api/actors", tags=["actors"])
    def list_actors(
        q: Annotated[str | None, Query(max_length=100)] = None,
        limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 100,
    ) -> list[dict[str, Any]]:
        """Actors by number of events, as source (actor1) or target (actor2)."""
        with handle.read() as store:
            return queries.actors(store, text=q, limit=limit)

    @app.get("/api/stats/timeline", tags=["stats"])
    def get_timeline(
        filters: Filters,
        interval: Literal["day", "week", "month"] = "day",
        group: Literal["none", "dyad", "country", "type"] = "none",
        top: Annotated[int | None, Query(ge=1, le=1000, description="only the N groups with most events")] = None,
    ) -> list[dict[str, Any]]:
        """Events, Goldstein sum and fatalities per period, per dyad / country / type."""
        with handle.read() as store:
            return queries.timeline(store, filters, interval=interval, group=group, top=top)

    @app.get("/api/stats/facets", tags=["stats"])
    def get_facets() -> dict[str, list[dict[str, Any]]]:
        """The values the dashboard's filters offer, with counts."""
        with handle.read() as store:
            return queries.facets(store)

    @app.get("/api/export", tags=["export"])
    def export_events(
        filters: Filters, format: Literal["csv", "geojson", "parquet", "jsonl", "acled", "ucdp", "plover"] = "csv"
    ):
        """The filtered events as a file (`eventwire.export` formats)."""
        media, suffix = EXPORT_FORMATS[format]
        spool = tempfile.TemporaryFile()
        with handle.read() as store:
            sources = store.event_sources()
            export.write(queries.iter_events(store, filters), spool, format, sources=sources)
        spool.seek(0)
        return StreamingResponse(
            _chunks(spool), media_type=media,
            headers={"Content-Disposition": f'attachment; filename="events.{suffix}"'},
        )


def _chunks(f, size: int = 1 << 16):
    try:
        while chunk := f.read(size):
            yield chunk
    finally:
        f.close()


def _authorised(request: Request, token: str | None) -> None:
    if not token:
        raise HTTPException(403, "ingest is disabled: start the server with a token")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.encode(), token.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


def _write_routes(app: FastAPI, handle: StoreHandle, pipeline: _Pipeline, token: str | None) -> None:
    @app.post("/api/articles", tags=["articles"], status_code=201)
    def ingest(body: ArticleIn, request: Request, response: Response) -> dict[str, Any]:
        """Extract events from one article and store them (needs `Authorization: Bearer TOKEN`).
        201 with the new event ids; `added` is false when the same text was stored before."""
        _authorised(request, token)
        from eventwire.ingest.crawler import read_header

        day = body.date or read_header(body.text)[0]
        draft = Article(id=body.id or "", text=body.text, date=day, title=body.title, source=body.source,
                        url=body.url, author=body.author, format="api")
        article = draft.model_copy(update={"id": body.id or f"api-{draft.content_hash[:12]}"})
        result = pipeline.get().extract(article)
        added = handle.add_result(article, result)
        if not added:
            response.status_code = 200
        prefix = article.content_hash[:16] + ":"
        return {
            "article": {"id": article.id, "content_hash": article.content_hash},
            "added": added,
            "events": [e.id if e.id.startswith(prefix) else prefix + e.id for e in result.events],
            "errors": [e.model_dump() for e in result.errors],
        }


def _dashboard(app: FastAPI) -> None:
    static = _static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")
    index = f"{static}/index.html"

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    @app.get("/event/{event_id}", include_in_schema=False)
    def event_page(event_id: str) -> FileResponse:
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
