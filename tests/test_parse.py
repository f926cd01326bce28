"""The parse stage must annotate exactly as the full `en_core_web_sm` pipeline does, while
running NER only on documents whose stages ask for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.ingest import iter_documents
from eventwire.model import Article
from eventwire.parse import Parser, ent_type, person_ranges

TEXTS = [
    "There were heavy clashes near the border on Monday, and there is no sign of a truce.",
    "Pakistan's foreign ministry spokesperson, Mumtaz Zahra Baloch, said Iran's act was illegal.",
    "Y'all ain't gonna believe it, let's go: c'mon, we gotta leave.",
    "Gunmen  killed\n two policemen in Quetta; I told them it was over, but it is not.",
    "IRAN CONFIRMS STRIKES ON MILITANT HIDEOUTS IN PAKISTAN",
    "The army said it had killed 12 militants, while the TTP denied any losses.",
]
ATTRS = ("text", "tag_", "pos_", "morph", "lemma_", "dep_", "is_sent_start")


@pytest.fixture(scope="module")
def parser():
    return Parser.load()


def _rows(doc):
    return [tuple(str(getattr(t, a)) for a in ATTRS) + (t.head.i,) for t in doc]


def test_same_annotation_as_full_model(parser, nlp):
    texts = TEXTS * 2  # the second round reads from the memo table
    for fast, full in zip(parser.pipe(texts), nlp.pipe(texts)):
        assert _rows(fast) == _rows(full)
    assert parser.morphology is not None and parser.morphology.table


def test_ner_runs_only_when_asked(parser, nlp):
    doc = parser(TEXTS[1])
    assert not doc.has_annotation("ENT_IOB")
    baloch = [t for t in doc if t.text == "Baloch"][0]
    start = baloch.idx
    assert any(s < start < e for s, e in person_ranges(doc))  # "Mumtaz Zahra Baloch"
    assert doc.has_annotation("ENT_IOB")
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in nlp(TEXTS[1]).ents]
    other = parser(TEXTS[5])
    assert ent_type(other[-3]) == nlp(TEXTS[5])[-3].ent_type_


def test_pipeline_matches_full_model_on_example(pipeline, nlp):
    """Every field of every event of the bundled example is the same with the full model."""
    path = Path(__file__).resolve().parents[1] / "examples" / "pakistan-iran-strikes.txt"
    article = next(d for d in iter_documents([str(path)]) if isinstance(d, Article))
    fast = pipeline.extract(article).model_dump()

    class Full:
        def pipe(self, texts):
            return nlp.pipe(texts)

    own = pipeline.parser
    pipeline.parser = Full()
    try:
        full = pipeline.extract(article).model_dump()
    finally:
        pipeline.parser = own
    assert fast["events"] and fast == full


def test_tok2vec_multiplies_with_numpy_blas_on_one_thread(parser, nlp):
    """tok2vec's products go to numpy's BLAS (4x BLIS's speed here), held to one thread per
    process; the plain model keeps thinc's default. The annotation tests above compare the
    two, so a different parse would fail there."""
    from threadpoolctl import threadpool_info

    assert parser.nlp.get_pipe("tok2vec").model.ops.use_blis is False
    assert nlp.get_pipe("tok2vec").model.ops.use_blis is True
    blas = [i for i in threadpool_info() if i["user_api"] == "blas" and "numpy" in i["filepath"]]
    assert blas and all(i["num_threads"] == 1 for i in blas)
