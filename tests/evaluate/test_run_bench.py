"""bench/run_bench.py: interleaved rounds are summarised by their medians."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def run_bench():
    sys.path.insert(0, str(BENCH))  # run_bench imports its sibling bench.py
    try:
        spec = importlib.util.spec_from_file_location("eventwire_run_bench", BENCH / "run_bench.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH))
    return module


def test_median_round_and_ratio_of_interleaved_rounds(run_bench):
    rounds = [
        {"run": {"seconds": 30.0}, "extract": {"seconds": 24.0}, "run_over_extract": 0.80,
         "ray_stores_what_run_stores": True},
        {"run": {"seconds": 20.0}, "extract": {"seconds": 18.0}, "run_over_extract": 0.90,
         "ray_stores_what_run_stores": True},
        {"run": {"seconds": 25.0}, "extract": {"error": "timed out after 1 s"}, "run_over_extract": 0.85,
         "ray_stores_what_run_stores": False},
    ]
    row = run_bench.median_of(rounds)
    assert row["run"] == {"seconds": 25.0, "seconds_each": [30.0, 20.0, 25.0]}
    # the failed round is not a median candidate, and of two middles the lower is taken
    assert row["extract"]["seconds"] == 18.0 and row["extract"]["seconds_each"] == [24.0, 18.0, None]
    assert row["run_over_extract"] == 0.85 and row["run_over_extract_each"] == [0.80, 0.90, 0.85]
    assert row["ray_stores_what_run_stores"] is False  # must hold in every round
    assert "spacy" not in row


def test_one_round_is_reported_as_it_is(run_bench):
    only = {"run": {"seconds": 12.5, "sentences_per_s": 800.0}, "run_over_spacy": 2.5}
    assert run_bench.median_of([only]) == only
