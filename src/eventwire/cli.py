"""The `eventwire` command line: extract, geoparse, run, events, show, export, eval, schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from eventwire.model import Article, DocumentError, DocumentResult, event_json_schema

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Raw news in, coded events out.")
err = Console(stderr=True)
out = Console()
if not out.is_terminal:
    out = Console(width=180)  # pipes and CI logs: don't fold the table into a narrow column

DEFAULT_DB = "eventwire.duckdb"


def _documents(inputs: list[str]):
    """Articles and ingest errors from files, folders and '-' (JSON Lines on stdin)."""
    from eventwire.ingest import iter_documents

    return iter_documents(inputs, stdin=sys.stdin if "-" in inputs else None)


def _units(items):
    """(article, warnings, error) triples, as the runner reads them."""
    from eventwire.runner import units

    return units(items)


def _report(error: DocumentError) -> None:
    err.print(f"[red]error[/red] {error.id}: [{error.stage}] {error.reason}", highlight=False, markup=True)


def _cores() -> int:
    from eventwire.runner import default_workers

    return default_workers()


@app.command()
def extract(
    inputs: list[str] = typer.Argument(..., help="files, folders, or - for JSON Lines on stdin"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="write JSON Lines here instead of stdout"),
    workers: int = typer.Option(0, "--workers", "-w", help="extraction processes (0: one per core)"),
    time_limit: float = typer.Option(60.0, "--time-limit", help="seconds per document (with 2+ workers)"),
) -> None:
    """Code events from articles; one JSON line per document: {id, date, events, errors}."""
    from eventwire.runner import CHUNK, make_extractor

    workers = workers or _cores()
    if workers > 1:
        # workers load their own pipeline; this process only reads, hands out and writes
        extractor = make_extractor(workers, time_limit=time_limit)
        batch_size, ahead = CHUNK * workers, 2
    else:
        from eventwire.pipeline import Pipeline

        pipeline = Pipeline.load()
        extractor, batch_size, ahead = None, CHUNK, 0
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    failed = 0
    queued: list = []  # (units, ticket): batches being extracted, oldest first
    pending: list = []

    def write(units, results) -> int:
        """Write every line of a batch in input order."""
        bad = 0
        results = iter(results)
        for article, warnings, error in units:
            if error is not None:
                _report(error)
                bad += 1
                sink.write(DocumentResult(id=error.id, errors=warnings).model_dump_json() + "\n")
                continue
            result = next(results)
            bad += bool(result.errors)
            result.errors = warnings + result.errors
            for e in result.errors:
                _report(e)
            sink.write(result.model_dump_json() + "\n")
        sink.flush()
        return bad

    def flush(keep: int) -> int:
        bad = 0
        while len(queued) > keep:
            units, ticket = queued.pop(0)
            bad += write(units, [r for r, _ in extractor.collect(ticket)])
        return bad

    def submit() -> int:
        """Extract the pending articles as one parse stream (or queue them on the workers)."""
        articles = [a for a, _, e in pending if e is None]
        units = list(pending)
        pending.clear()
        if extractor is None:
            return write(units, pipeline.extract_many(articles))
        queued.append((units, extractor.submit(articles)))
        return flush(ahead)

    try:
        for unit in _units(_documents(inputs)):
            pending.append(unit)
            if sum(e is None for _, _, e in pending) >= batch_size:
                failed += submit()
        failed += submit()
        if extractor is not None:
            failed += flush(0)
    finally:
        if extractor is not None:
            extractor.close()
        if output:
            sink.close()
    if failed:
        err.print(f"{failed} document(s) failed")
        raise typer.Exit(1)


@app.command()
def geoparse(inputs: list[str] = typer.Argument(..., help="files, folders, or - for JSON Lines on stdin")) -> None:
    """Toponyms resolved to GeoNames: one JSON line per document: {id, toponyms}."""
    from eventwire.geo import Geoparser, geoparse_document

    geoparser = Geoparser.load()
    failed = 0
    for article, warnings, error in _units(_documents(inputs)):
        for w in warnings:
            _report(w)
        if error is not None:
            failed += 1
            continue
        sys.stdout.write(json.dumps(geoparse_document(article, geoparser), ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def run(
    inputs: list[str] = typer.Argument(..., help="files, folders, or - for JSON Lines on stdin"),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB database file"),
    workers: int = typer.Option(0, "--workers", "-w", help="extraction processes (0: one per core)"),
    batch_size: int = typer.Option(0, "--batch-size", help="documents per transaction, at most (0: 4,096; batches grow to it from 256)"),
    time_limit: float = typer.Option(60.0, "--time-limit", help="seconds per document"),
    engine: str = typer.Option("local", "--engine", help="local, or ray for a Ray cluster (pip install eventwire[ray])"),
    address: Optional[str] = typer.Option(None, "--address", help="Ray cluster: auto, ray://HOST:10001 (with --engine ray)"),
    parquet_out: Optional[Path] = typer.Option(None, "--parquet-out", help="with --engine ray: keep the Parquet partitions here"),
    no_db: bool = typer.Option(False, "--no-db", help="with --engine ray: write Parquet only, for another engine to read"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
) -> None:
    """Extract events and store them in DuckDB; resolves across articles; safe to kill and re-run."""
    from eventwire.runner import BATCH_SIZE
    from eventwire.store.resolution import resolve_article

    batch_size = batch_size or BATCH_SIZE
    if engine == "ray":
        _run_ray(inputs, None if no_db else db, address, max(workers, 2), parquet_out, batch_size, quiet)
        return
    workers = workers or _cores()
    if engine != "local":
        err.print(f"unknown engine {engine!r}: local or ray")
        raise typer.Exit(2)
    from eventwire import runner

    try:
        report = runner.run(inputs, db, workers=workers, batch_size=batch_size, progress=not quiet,
                            time_limit=time_limit, on_result=resolve_article)
    except runner.DatabaseInUse as exc:
        err.print(str(exc))
        raise typer.Exit(3)
    if not quiet:
        err.print(report.summary(db), highlight=False)
    if report.failed:
        raise typer.Exit(1)


def _run_ray(inputs: list[str], db: Path | None, address: str | None, workers: int,
             parquet_out: Path | None, batch_size: int, quiet: bool) -> None:
    try:
        from eventwire.scale.ray_runner import run_ray
    except ImportError:
        err.print("--engine ray needs Ray: pip install 'eventwire[ray]'")
        raise typer.Exit(2)
    from eventwire.runner import DatabaseInUse

    if db is None and parquet_out is None:
        err.print("--no-db needs --parquet-out")
        raise typer.Exit(2)
    if "-" in inputs:
        err.print("--engine ray reads files and folders, not standard input")
        raise typer.Exit(2)
    try:
        s = run_ray(inputs, str(db) if db else None, address=address, num_workers=workers,
                    parquet_out=str(parquet_out) if parquet_out else None, commit_batch=batch_size)
    except (DatabaseInUse, FileExistsError) as exc:
        err.print(str(exc))
        raise typer.Exit(3 if isinstance(exc, DatabaseInUse) else 2)
    if not quiet:
        t = s["seconds"]
        how = (f"on {workers} Ray worker(s) in {t['extract']} s (Ray start {t['init']} s)" if s["extracted"]
               else f"from the complete partitions in {parquet_out}")
        stored = (f"stored and resolved in {t['load']} s: {s['added']} added, {s['skipped']} skipped, {s['failed']}"
                  f" failed; {s['counts']}" if db else f"{s['errors']} unreadable record(s); Parquet in {parquet_out}")
        err.print(f"{s['documents']} document(s), {s['events']} event(s) {how}; {stored}", highlight=False,
                  soft_wrap=True)
    if s.get("failed", s["errors"]):
        raise typer.Exit(1)


@app.command()
def watch(
    folder: Path = typer.Argument(..., exists=True, file_okay=False),
    db: Path = typer.Option(DEFAULT_DB, "--db"),
    interval: float = typer.Option(2.0, "--interval"),
    workers: int = typer.Option(1, "--workers", "-w"),
) -> None:
    """Run files dropped into FOLDER as they arrive (Ctrl-C to stop)."""
    from eventwire.ingest.watch import watch as watch_folder
    from eventwire.runner import DatabaseInUse
    from eventwire.store.resolution import resolve_article

    def say(paths, report):
        err.print(f"{len(paths)} file(s): {report.added} added, {report.skipped} skipped, {report.failed} failed")

    try:
        watch_folder(folder, db, interval=interval, workers=workers, on_result=resolve_article, on_report=say)
    except DatabaseInUse as exc:
        err.print(str(exc))
        raise typer.Exit(3)
    except KeyboardInterrupt:
        pass


def _actor(a) -> str:
    if a is None:
        return ""
    bits = [x for x in (a.country, a.sector) if x]
    return f"{a.name} ({', '.join(bits)})" if bits else a.name


def _figure(c) -> str:
    if c.best is None and c.low is None and c.high is None:
        return "?"
    if c.best is not None and c.low in (None, c.best) and c.high in (None, c.best):
        return str(c.best) if c.low is not None or c.high is None else f"{c.best}"
    return f"{c.best if c.best is not None else '?'} [{c.low if c.low is not None else '?'}–{c.high if c.high is not None else '?'}]"


def print_events(events, title: str = "events") -> None:
    table = Table(title=title, show_lines=False)
    for col in ("id", "date", "type", "actor 1", "actor 2", "where", "killed", "status", "n"):
        table.add_column(col, overflow="fold")
    for e in events:
        where = ""
        if e.location is not None:
            where = ", ".join(x for x in (e.location.name, e.location.admin1 if e.location.admin1 != e.location.name else None, e.location.country) if x)
        table.add_row(
            e.id, f"{e.date or ''} ({e.date_precision or '-'})", f"{e.type}{'/' + e.mode if e.mode else ''} {e.cameo or ''}",
            _actor(e.actor1), _actor(e.actor2), where, _figure(e.fatalities), e.status, str(e.mentions),
        )
    out.print(table)


@app.command()
def events(
    db: Path = typer.Option(DEFAULT_DB, "--db"),
    limit: int = typer.Option(100, "--limit", "-n"),
    country: Optional[str] = typer.Option(None, help="ISO-3 country of the event location"),
    type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type"),
    as_json: bool = typer.Option(False, "--json", help="JSON Lines instead of a table"),
) -> None:
    """List stored events."""
    from eventwire.store import Store

    with Store(db, read_only=True) as store:
        rows = store.events(limit=limit, country=country, type=type)
    if as_json:
        for e in rows:
            sys.stdout.write(e.model_dump_json() + "\n")
    else:
        print_events(rows, title=f"events in {db}")


@app.command()
def show(event_id: str, db: Path = typer.Option(DEFAULT_DB, "--db")) -> None:
    """Print one event with all its fields and evidence."""
    from eventwire.store import Store

    from eventwire.store.resolution import ResolutionStore

    with Store(db, read_only=True) as store:
        e = store.event(event_id)
        resolution = ResolutionStore.of(store)
        incident_id = resolution.incident_of(event_id) if e is not None else None
        if e is None:  # an incident id
            incident = resolution.incident(event_id)
            if incident is not None:
                _print_incident(incident)
                return
        incident = resolution.incident(incident_id) if incident_id else None
        source = store.event_sources([event_id]).get(event_id) if e is not None else None
    if e is None:
        err.print(f"no event or incident {event_id} in {db}")
        raise typer.Exit(1)
    print_events([e], title=event_id)
    if source:
        parts = [source.get("title") or source["article_id"], source.get("source"),
                 f"by {source['author']}" if source.get("author") else None, source.get("date") and str(source["date"])]
        out.print("  article: " + " · ".join(p for p in parts if p), highlight=False, markup=False)
    for ev in e.evidence:
        out.print(f"  [{ev.role}] {ev.start}-{ev.end}: {ev.text}", highlight=False, markup=False)
    for what, count in (("killed", e.fatalities), ("injured", e.injuries)):
        for f in count.figures:  # each figure with who gives it
            who = f.source.text if f.source else "the article"
            out.print(f"  {what} {_figure(f)} ({f.status}) per {who}: {f.evidence.text}", highlight=False, markup=False)
    for link in e.links:
        out.print(f"  link {link['type']} → {link['event']}", markup=False)
    if incident is not None:
        _print_incident(incident)


def _print_incident(incident: dict) -> None:
    """A cross-article incident: every source, the history of each field, its links."""
    out.print(f"\nincident {incident['id']}", markup=False, highlight=False)
    skip = {"members", "revisions", "links"}
    for key, value in incident.items():
        if key not in skip and value not in (None, "", []):
            out.print(f"  {key}: {value}", markup=False, highlight=False)
    for m in incident.get("members", []):
        out.print(f"  source {m.get('event_id')}: {m.get('rationale') or m.get('reason') or ''}", markup=False, highlight=False)
    for r in incident.get("revisions", []):
        flag = " (current)" if r.get("current") else ""
        out.print(f"  revision {r.get('field')} = {r.get('value')}  [{r.get('article_id')}, {r.get('reported')}, "
                  f"{r.get('source_type')}]{flag}", markup=False, highlight=False)
    for link in incident.get("links", []):
        out.print(f"  link {link.get('type')} → {link.get('target_id')}  {link.get('evidence') or ''}", markup=False, highlight=False)


@app.command()
def export(
    format: str = typer.Option("csv", "--format", "-f", help="csv, acled, ucdp, jsonl, plover, parquet, geojson"),
    output: Path = typer.Option(..., "--output", "-o"),
    db: Path = typer.Option(DEFAULT_DB, "--db"),
) -> None:
    """Write the stored events in another format."""
    from eventwire.export import write
    from eventwire.store import Store

    with Store(db, read_only=True) as store:
        rows = store.events()
        sources = store.event_sources()
    write(rows, output, format, sources=sources)
    err.print(f"{len(rows)} event(s) written to {output} ({format})")


@app.command()
def serve(
    db: Path = typer.Option(DEFAULT_DB, "--db"),
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    token: Optional[str] = typer.Option(None, "--token", envvar="EVENTWIRE_TOKEN", help="required for POST /api/articles"),
) -> None:
    """Serve the REST API and the dashboard over a database."""
    from eventwire.api import serve as run_server

    if not db.exists():
        err.print(f"no database at {db}: run `eventwire run INPUT --db {db}` first")
        raise typer.Exit(1)
    run_server(str(db), host, port, token)


@app.command()
def schema() -> None:
    """Print the JSON Schema of an `extract` line."""
    sys.stdout.write(json.dumps(event_json_schema(), indent=2) + "\n")


@app.command("eval")
def evaluate(
    which: str = typer.Argument("all", help="all, plover, petrarch, case, ucdp, bbc, huffpost, geo, resolve"),
    data: Path = typer.Option(..., "--data", help="folder of the annotated dev sets (`make eval` passes it)"),
    limit: Optional[int] = typer.Option(None, "--limit", help="score an even, fixed sample of N records per set"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Score the stages against annotated development sets."""
    if not data.exists():
        err.print(f"no evaluation data at {data}")
        raise typer.Exit(2)
    from eventwire import evaluate as ev

    names = list(ev.SETS) + ["geo"] if which == "all" else [which]
    unknown = [n for n in names if n not in ev.SETS and n not in ("geo", "resolve")]
    if unknown:
        err.print(f"unknown evaluation set {unknown[0]!r}; choose from all, {', '.join(ev.SETS)}, geo")
        raise typer.Exit(2)
    report: dict = {}
    event_sets = [n for n in names if n in ev.SETS]
    if event_sets:
        from eventwire.pipeline import Pipeline

        report = ev.run_all(data, Pipeline.load(), sets=event_sets, sample=limit)
        if not as_json:
            out.print(ev.format_report(report), highlight=False, markup=False)
    if "geo" in names:
        from eventwire.evaluate import geo

        report["geo"] = geo.run(data / "geoparsing.dev.jsonl", limit=limit)
        if not as_json:
            out.print(geo.format_report(report["geo"]), highlight=False, markup=False)
    if "resolve" in names:  # slow (minutes): not part of "all"
        from eventwire.evaluate import resolve as res

        report["resolve"] = res.run(data / "ucdp_ged_pakistan.dev.jsonl", sample=limit)
        if not as_json:
            out.print(res.format_report(report["resolve"]), highlight=False, markup=False)
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2, default=str) + "\n")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
