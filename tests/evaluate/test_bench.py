"""bench/bench.py: the sentence counter, the corpus builder, and a tiny baseline-only run."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("eventwire_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_split_sentences_keeps_titles_and_quotes(bench):
    text = ('Mr. Khan said "Five soldiers were killed." Police arrived in Quetta. '
            "U.S. forces left on Monday.\n\nOperation Marg Bar Sarmachar")
    assert bench.split_sentences(text) == [
        'Mr. Khan said "Five soldiers were killed."', "Police arrived in Quetta.",
        "U.S. forces left on Monday.", "Operation Marg Bar Sarmachar"]


def test_corpus_reaches_the_requested_size_deterministically(bench):
    corpus, origin = bench.build_corpus(300)
    again, _ = bench.build_corpus(300)
    assert sum(d["sentences"] for d in corpus) >= 300
    assert [d["text"] for d in corpus] == [d["text"] for d in again]
    assert len({d["id"] for d in corpus}) == len(corpus)


def test_baseline_only_run_writes_its_report(bench, tmp_path):
    out = tmp_path / "bench.json"
    assert bench.main(["--sentences", "30", "--only", "baseline", "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["corpus"]["sentences"] >= 30
    assert report["baseline"]["sentences_per_s"] > 0 and report["baseline"]["peak_rss_mb"] > 50
    assert report["pipeline"] == {"error": "skipped"} and report["ratio_to_baseline"] is None
