"""`make train`: the model is refitted from data by a command and read back by the gate."""

from __future__ import annotations

import pytest

pytest.importorskip("sklearn")

from eventwire.relevance import RelevanceGate  # noqa: E402
from eventwire.relevance import train  # noqa: E402


def test_fit_write_and_read_back(tmp_path):
    rows = [(t, 1, "mine") for t in (
        "Soldiers shelled the town, killing five civilians.", "Rebels attacked an army post overnight.",
        "Police fired tear gas at protesters.", "The minister condemned the air strike.",
        "Gunmen killed two police officers.", "Troops clashed with insurgents near the border.")]
    rows += [(t, 0, "mine") for t in (
        "The striker scored twice in the second half.", "Shares rose after the results.",
        "The film won three awards on Sunday.", "The new phone goes on sale next month.",
        "The club signed a new goalkeeper.", "Profits fell by a fifth last year.")]
    bias, weights = train.fit(rows * 2)
    path = train.write(bias, weights, rows, tmp_path)
    gate = RelevanceGate.load(enabled=True, model=path)
    assert gate.score("Gunmen attacked a police post.") > gate.score("The striker signed for the club.")


def test_written_hard_cases_are_labelled_rows():
    rows = train.written()
    assert len(rows) >= 80 and {label for _, label, _ in rows} == {0, 1}


def test_training_reads_only_the_tune_parts(eval_dir):
    from eventwire.evaluate.common import load_jsonl
    from eventwire.evaluate.split import part_of

    texts = {t for t, _, origin in train.corpus(eval_dir) if origin == "ucdp"}
    records = load_jsonl(eval_dir / "ucdp_ged_pakistan.dev.jsonl")
    tune_only = {r["text"] for r in records if part_of("ucdp", r["id"]) == "tune"}
    report_only = {r["text"] for r in records if part_of("ucdp", r["id"]) == "report"} - tune_only
    assert texts <= tune_only and not texts & report_only
