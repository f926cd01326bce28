"""The real dev sets through the real pipeline, guarded against regression.

Skips when ../shared/eval-dev is absent or eventwire.pipeline cannot be imported or\nloaded yet (an ImportError from a stage not written yet).
Scores a deterministic subsample (eventwire.evaluate.guard.SAMPLE: all PLOVER and PETRARCH
records, an even spread of 300 CASE and 400 UCDP records) to stay under about a minute,
and checks every figure against the floors recorded by `bench/eval_floors.py --write`
(figure minus 0.03). Figures without a recorded floor are only checked to be rates.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EVAL_DIR = ROOT.parent / "shared" / "eval-dev"
FLOORS = Path(__file__).with_name("eval_floors.json")

pytestmark = [
    pytest.mark.skipif(not EVAL_DIR.is_dir(), reason=f"dev eval sets not found at {EVAL_DIR}"),
    pytest.mark.skipif(importlib.util.find_spec("eventwire.pipeline") is None,
                       reason="eventwire.pipeline is not written yet"),
]


@pytest.fixture(scope="module")
def figures():
    from eventwire.evaluate.guard import measure

    try:
        from eventwire.pipeline import Pipeline

        pipeline = Pipeline.load()
    except ImportError as exc:  # a stage the pipeline wires is not written yet
        pytest.skip(f"pipeline not loadable yet: {exc}")
    return measure(pipeline, EVAL_DIR)


def test_figures_are_rates(figures):
    for key, value in figures.items():
        assert value is None or 0.0 <= value <= 1.0, key
    assert figures["plover.event_type.accuracy"] is not None


def test_figures_hold_their_floors(figures):
    floors = json.loads(FLOORS.read_text())["floors"] if FLOORS.exists() else {}
    below = {k: (figures.get(k), f) for k, f in floors.items() if f is not None
             and (figures.get(k) is None or figures[k] < f)}
    assert not below, f"dev-set figures fell below their floors (figure, floor): {below}"
