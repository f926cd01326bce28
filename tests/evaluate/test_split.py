from eventwire.evaluate.split import REPORT_PERCENT, part_of, select


def test_parts_are_fixed_by_the_id_and_about_the_stated_size():
    ids = [str(i) for i in range(2000)]
    parts = [part_of("case", i) for i in ids]
    assert parts == [part_of("case", i) for i in ids]
    share = parts.count("report") / len(ids)
    assert abs(share - REPORT_PERCENT / 100) < 0.04
    # the set name is in the hash: another set splits the same ids differently
    assert parts != [part_of("ucdp", i) for i in ids]


def test_select_keeps_file_order_and_all_means_everything():
    recs = [{"id": str(i)} for i in range(50)]
    tune, report = select(recs, "x", "tune"), select(recs, "x", "report")
    assert len(tune) + len(report) == 50 and not {r["id"] for r in tune} & {r["id"] for r in report}
    assert tune == [r for r in recs if r in tune]
    assert select(recs, "x", None) == recs == select(recs, "x", "all")


def test_noncon_scorer_counts_any_and_violent_events(tmp_path):
    import json

    from eventwire.evaluate.noncon import run_bbc
    from eventwire.model import DocumentResult, Event

    path = tmp_path / "bbc.jsonl"
    rows = [{"id": f"b{i}", "text": t, "gold": {"topic": "sport", "political_violence": False}}
            for i, t in enumerate(["quiet", "talks", "a battle"])]
    path.write_text("\n".join(json.dumps(r) for r in rows))

    def fake(article):
        kinds = {"quiet": [], "talks": ["CONSULT"], "a battle": ["FIGHT"]}[article.text]
        return DocumentResult(id=article.id, events=[Event(id=f"{article.id}-{k}", type=k) for k in kinds])

    r = run_bbc(path, fake)
    assert r["any_event"]["share"] == 2 / 3 and r["violent_event"]["share"] == 1 / 3
    assert r["events_per_record"] == 2 / 3 and r["by_topic"]["sport"]["n"] == 3
