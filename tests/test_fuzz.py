"""Hostile input: random bytes, huge lines, deep HTML, invalid UTF-8, NUL bytes, a 100k-token
sentence, emoji and right-to-left text, wrong JSON types. Nothing may crash or hang; every
document ends up stored or recorded with its reason."""

from __future__ import annotations

import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.ingest import iter_documents
from eventwire.model import Article, DocumentError
from eventwire.runner import run
from eventwire.store import Store

SUFFIXES = [".jsonl", ".txt", ".html", ".csv", ".rss", ".jsonl.gz", ".tsv"]
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# text with the awkward parts of Unicode: emoji, RTL marks and scripts, NUL, combining marks
AWKWARD = st.lists(
    st.one_of(
        st.sampled_from(list("\x00\u200f\u202e\u200d\ufeff\u0301 \n\t.,;\"'()")),
        st.sampled_from(["🔥", "🇵🇰", "👩‍👩‍👧", "שלום", "مرحبا", "پاکستان"]),
        st.sampled_from([w + " " for w in "Pakistan Iran troops attacked killed bombed Karachi said police".split()]),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=150,
).map("".join)


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_ingest_never_raises_on_random_bytes(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    for item in iter_documents([str(path)]):
        assert isinstance(item, (Article, DocumentError))
        if isinstance(item, DocumentError):
            assert item.reason


@FUZZ
@given(records=st.lists(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | AWKWARD,
                                     lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.sampled_from(["id", "text", "date", "title", "url"]), kids, max_size=5),
                                     max_leaves=8), max_size=6))
def test_json_lines_of_any_shape_give_articles_or_reasons(tmp_path, records):
    path = tmp_path / "shapes.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    items = list(iter_documents([str(path)]))
    articles = [i for i in items if isinstance(i, Article)]
    assert all(isinstance(a.text, str) and a.text.strip() for a in articles)
    good = [r for r in records if isinstance(r, dict) and isinstance(r.get("text"), str) and r["text"].strip()
            and (r.get("id") in (None, "") or isinstance(r.get("id"), (str, int)) and not isinstance(r.get("id"), bool))]
    assert len(articles) == len(good)


@FUZZ
@given(text=AWKWARD.filter(lambda t: t.strip()))
def test_extraction_of_awkward_text_keeps_its_offsets(pipeline, text):
    result = pipeline.extract(Article(id="fuzz", text=text))
    assert not [e for e in result.errors if e.stage == "extract"], result.errors
    for event in result.events:
        for ev in event.evidence:
            assert text[ev.start:ev.end] == ev.text


def _hostile(folder):
    """One file per kind of trouble; returns how many documents they hold."""
    news = "Pakistani troops attacked a checkpoint near Quetta on Monday, killing four people, police said."
    (folder / "random.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "nul.txt").write_bytes(news.encode() + b"\x00\x00 more")
    (folder / "latin1.txt").write_bytes(news.encode() + " caf\xe9 \xff\xfe".encode("latin-1"))
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 20000 + news + "</div>" * 20000 + "</body></html>")
    (folder / "emoji-rtl.txt").write_text("🔥🔥 \u202e" + news + " عاجل: قتلى في كويتا \u200f 🇵🇰👩‍👩‍👧")
    (folder / "long-sentence.txt").write_text(("the army attacked the town and " * 17000).strip() + ".")  # 100k tokens
    lines = [
        json.dumps({"id": "ok", "text": news}),
        json.dumps({"id": "huge", "text": "x" * 6_000_000}),  # over the 5 MB record limit
        json.dumps({"id": 1.5, "text": news}),
        json.dumps({"id": "num", "text": 42}),
        json.dumps({"id": "dict-date", "text": news + " Again.", "date": {"y": 2024}}),
        json.dumps(["a", "list"]),
        '{"id": "trunc", "text": "never closed',
    ]
    (folder / "records.jsonl").write_bytes("\n".join(lines).encode() + b"\n\xff\xfe{\"id\": \"badutf\", \"text\": \"a\xff\"}\n")
    return 6 + len(lines) + 1


def test_a_hostile_corpus_runs_to_the_end_with_every_document_accounted_for(pipeline, tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    expected = _hostile(inbox)
    started = time.monotonic()
    report = run([str(inbox)], tmp_path / "h.duckdb", progress=False, time_limit=20, pipeline=pipeline)
    assert time.monotonic() - started < 60
    assert report.documents == expected
    with Store(tmp_path / "h.duckdb", read_only=True) as store:
        errors = [e for e in store.errors() if e["level"] in ("error", "skipped")]
        stored = store.counts()["articles"]
    assert stored + len(errors) == expected
    assert all(e["reason"] for e in errors)
    reasons = " | ".join(e["reason"] for e in errors)
    for expected_reason in ("binary file", "too large", "'text' must be a string", "malformed JSON", "expected an object"):
        assert expected_reason in reasons
