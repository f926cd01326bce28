"""The CLI's public contract: `extract` JSON Lines, `run` idempotence, bad input handling.

These run the real command in a subprocess, as users' scripts do."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "event.schema.json").read_text())
EXAMPLES = ROOT / "examples"


def ew(*args, stdin: str | None = None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "eventwire.cli", *map(str, args)],
        input=stdin, capture_output=True, text=True, cwd=cwd, timeout=300,
    )


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    (d / "empty.txt").write_text("")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" + bytes(range(256)))
    (d / "latin1.txt").write_bytes("date 2024-02-07\n\nKarachi: Police said gunmen killed two men in Lyari.\xff\xfe".encode("latin-1", "replace") + b"\xff")
    (d / "nodate.txt").write_text("Police said gunmen killed two men in Karachi on Monday.\n")
    (d / "huge.txt").write_text("date 2024-02-07\n\n" + ("Protesters gathered in Lahore. " * 400_000))
    (d / "records.jsonl").write_text(
        json.dumps({"id": "ok-1", "text": "Gunmen killed three soldiers in North Waziristan on Tuesday.", "date": "2024-02-06"}) + "\n"
        + "{not json}\n"
        + json.dumps({"id": "ok-2", "text": "Iran condemned the strikes."}) + "\n"
    )
    (d / "ok.txt").write_text("date 2024-02-07\n\nQuetta: Militants attacked a checkpoint in Quetta, killing four policemen.\n")
    return d


def test_extract_example_matches_schema():
    proc = ew("extract", EXAMPLES / "pakistan-iran-strikes.txt")
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(lines) == 1
    jsonschema.validate(lines[0], SCHEMA)
    doc = lines[0]
    assert doc["id"] == "pakistan-iran-strikes" and doc["date"] == "2024-02-07"
    for field in ("type", "mode", "cameo", "goldstein", "acled_event_type", "acled_sub_event_type",
                  "ucdp_type_of_violence", "actor1", "actor2", "date", "date_precision", "location",
                  "fatalities", "injuries", "status", "attribution", "evidence", "confidence"):
        assert all(field in e for e in doc["events"]), field
    assert sum(e["type"] == "ASSAULT" for e in doc["events"]) >= 2


def test_schema_file_is_current():
    from eventwire.model import event_json_schema

    assert event_json_schema() == SCHEMA, "run `eventwire schema > docs/event.schema.json`"


def test_bad_input_is_reported_and_the_batch_goes_on(bad_inputs):
    proc = ew("extract", bad_inputs)
    assert proc.returncode == 1  # some documents failed
    results = {json.loads(x)["id"]: json.loads(x) for x in proc.stdout.splitlines()}
    # every good document was still processed
    assert results["ok"]["events"] and results["ok-1"]["events"]
    assert "ok-2" in results and "nodate" in results
    # each bad one is named with its reason, on stderr and in its own line
    err = proc.stderr
    assert "empty" in err and "binary" in err and "too large" in err
    assert "records.jsonl:2" in err
    assert any("date" in e["reason"] for e in results["nodate"]["errors"])
    assert any("UTF-8" in e["reason"] or "utf-8" in e["reason"].lower() for e in results["latin1"]["errors"])


def test_stdin_jsonl():
    line = json.dumps({"id": "s1", "text": "Protesters clashed with police in Karachi on Friday.", "date": "2024-03-01"})
    proc = ew("extract", "-", stdin=line + "\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "s1"


def test_run_twice_adds_nothing(tmp_path):
    db = tmp_path / "ew.duckdb"
    first = ew("run", EXAMPLES, "--db", db)
    assert first.returncode == 0, first.stderr
    second = ew("run", EXAMPLES, "--db", db)
    assert second.returncode == 0
    assert "0 article(s) added" in second.stderr
    from eventwire.store import Store

    with Store(db, read_only=True) as store:
        counts = store.counts()
        events = store.events()
    assert counts["articles"] == 1 and counts["events"] == len(events) >= 2
    listed = ew("events", "--db", db, "--json")
    assert len(listed.stdout.splitlines()) == len(events)
    out = tmp_path / "events.csv"
    exported = ew("export", "--db", db, "--format", "acled", "-o", out)
    assert exported.returncode == 0 and out.read_text().count("\n") == len(events) + 1


def test_run_records_errors(tmp_path, bad_inputs):
    db = tmp_path / "ew.duckdb"
    proc = ew("run", bad_inputs, "--db", db)
    assert proc.returncode == 1
    from eventwire.store import Store

    with Store(db, read_only=True) as store:
        reasons = " ".join(e["reason"] for e in store.errors())
        assert store.counts()["articles"] >= 3
    assert "too large" in reasons and "JSON" in reasons.upper()


def test_run_stores_in_batches_of_the_runners_size_unless_told(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from eventwire import cli, runner

    seen = []

    def fake_run(inputs, db, **options):
        seen.append(options["batch_size"])
        return runner.RunReport()

    monkeypatch.setattr(runner, "run", fake_run)
    for extra in ([], ["--batch-size", "64"]):
        result = CliRunner().invoke(cli.app, ["run", str(EXAMPLES), "--db", str(tmp_path / "x.duckdb"), "-q", *extra])
        assert result.exit_code == 0, result.output
    assert seen == [runner.BATCH_SIZE, 64]
