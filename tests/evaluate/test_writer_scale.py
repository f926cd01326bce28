"""bench/writer_scale.py: the writer replays extracted reports into a store, copies shifted
a year apart, as `eventwire run` batches them (it once broke unnoticed for two sessions)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from eventwire.model import Article
from eventwire.store import Store

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_writer_scale_stores_every_replayed_copy(pipeline, tmp_path, monkeypatch, capsys):
    texts = ["Gunmen killed three policemen in Quetta on Monday.",
             "Protesters marched in Lahore against fuel prices.",
             "The minister opened a new school."]
    corpus, results = tmp_path / "corpus.jsonl", tmp_path / "extract.jsonl"
    with open(corpus, "w") as c, open(results, "w") as r:
        for i, text in enumerate(texts):
            c.write(json.dumps({"id": f"a{i}", "text": text, "date": "2020-01-0%d" % (i + 1)}) + "\n")
            r.write(pipeline.extract(Article(id=f"a{i}", text=text)).model_dump_json() + "\n")
    spec = importlib.util.spec_from_file_location("eventwire_writer_scale", BENCH / "writer_scale.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    db = tmp_path / "w.duckdb"
    monkeypatch.setattr(sys, "argv", ["writer_scale", "7", "--corpus", str(corpus), "--results", str(results),
                                      "--db", str(db), "--batch-size", "2"])
    module.main()
    assert "writer CPU" in capsys.readouterr().out
    with Store(db, read_only=True) as store:
        counts = store.counts()
    events_per_text = [len(pipeline.extract(Article(id="x", text=t)).events) for t in texts]
    assert counts["articles"] == 7  # copies 0 and 1 of the three texts, then copy 2 of the first
    assert counts["events"] == 3 * events_per_text[0] + 2 * sum(events_per_text[1:])
