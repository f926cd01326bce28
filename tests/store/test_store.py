from datetime import date

import duckdb
import pytest

from eventwire.model import DocumentError, DocumentResult, Event
from eventwire.store import STORE_SCHEMA_VERSION, Store, global_event_id


@pytest.fixture
def db(tmp_path):
    return tmp_path / "events.duckdb"


def test_round_trip_rebuilds_the_events(db, example):
    article, result = example
    with Store(db) as store:
        assert store.add_result(article, result) is True
        events = {e.id.split(":")[1]: e for e in store.events()}
    assert set(events) == {"e1", "e2", "e3"}
    for local in result.events:
        stored = events[local.id]
        assert stored.id == global_event_id(article.content_hash, local.id)
        assert stored.model_dump(exclude={"id", "links"}) == local.model_dump(exclude={"id", "links"})
    # the evidence still points at the words in the original text
    strike = events["e1"]
    for ev in strike.evidence:
        assert article.text[ev.start:ev.end] == ev.text
    assert strike.fatalities.best == 2 and events["e2"].fatalities.best is None


def test_event_ids_are_prefixed_with_the_content_hash_and_links_follow(db, example):
    article, result = example
    with Store(db) as store:
        store.add_result(article, result)
        by_local = {e.id.split(":")[1]: e for e in store.events()}
    prefix = article.content_hash[:16] + ":"
    assert all(e.id.startswith(prefix) for e in by_local.values())
    assert by_local["e2"].links == [{"type": "retaliation_for", "event": prefix + "e1"}]
    assert global_event_id(article.content_hash, prefix + "e1") == prefix + "e1"


def test_adding_the_same_article_twice_adds_nothing(db, example):
    article, result = example
    with Store(db) as store:
        assert store.add_result(article, result)
        before = store.counts()
        assert store.has_article(article.content_hash)
        # same text under another id or path is still the same article
        assert store.add_result(article.model_copy(update={"id": "copy", "path": "x.txt"}), result) is False
        assert store.counts() == before
    with Store(db) as store:  # and across runs
        assert store.add_result(article, result) is False
        assert store.counts() == before


def test_counts_and_tables(db, example):
    article, result = example
    with Store(db) as store:
        store.add_result(article, result)
        counts = store.counts()
    assert counts == {"articles": 1, "events": 3, "mentions": 5, "evidence": 7, "errors": 0, "warnings": 1}
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute('SELECT start, "end", text FROM mentions').fetchall()
    assert all(article.text[s:e] == t for s, e, t in rows)
    roles = {r for (r,) in con.execute("SELECT DISTINCT role FROM evidence").fetchall()}
    assert roles == {"sentence", "trigger"}
    row = con.execute(
        "SELECT actor1_name, actor2_country, location_country, fatalities_best, attribution_source_type,"
        " record->>'$.location.admin1' FROM events WHERE local_id = 'e1'"
    ).fetchone()
    assert row == ("Military Forces of Iran", "PAK", "PAK", 2, "government", "Balochistan")
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (STORE_SCHEMA_VERSION,)
    assert con.execute("SELECT text FROM articles").fetchone()[0] == article.text
    con.close()


def test_a_failing_insert_leaves_nothing_behind(db, example, monkeypatch):
    article, result = example
    dup = DocumentResult(id=result.id, events=[result.events[0], result.events[0]])
    with Store(db) as store:
        with pytest.raises(ValueError):
            store.add_result(article, dup)
        insert = Store.bulk_insert

        def fail_on_evidence(cur, table, rows):
            if table == "evidence":
                raise OSError("disk full")
            insert(cur, table, rows)

        monkeypatch.setattr(Store, "bulk_insert", staticmethod(fail_on_evidence))
        with pytest.raises(OSError):
            store.add_result(article, result)
        assert store.counts() == {k: 0 for k in ("articles", "events", "mentions", "evidence", "errors", "warnings")}
        monkeypatch.undo()
        assert store.add_result(article, result)


def test_errors_table_records_failures_and_warnings(db, example):
    article, result = example
    failure = DocumentError(id="broken.html", stage="ingest", reason="no text after boilerplate removal")
    with Store(db) as store:
        store.add_result(article, result)
        store.add_error(failure, path="in/broken.html")
        store.add_error(failure, path="in/broken.html")  # re-run of the batch
        store.add_error(DocumentError(id="x", stage="parse", reason="timeout"))
        errors = store.errors()
    assert [(e["id"], e["level"]) for e in errors] == [
        ("pakistan-iran-strikes", "warning"), ("broken.html", "error"), ("x", "error"),
    ]
    broken = errors[1]
    assert broken["attempts"] == 2 and broken["path"] == "in/broken.html"
    assert broken["last_seen"] >= broken["first_seen"]
    assert errors[0]["reason"].startswith("relative date")


def test_filters(db, example):
    article, result = example
    with Store(db) as store:
        store.add_result(article, result)
        local = lambda events: sorted(e.id.split(":")[1] for e in events)  # noqa: E731
        assert local(store.events(country="PAK")) == ["e1", "e3"]  # e3: no place, Pakistani actor
        # e2 happened in Iran; e3 has no place and an Iranian target
        assert local(store.events(country="IR")) == ["e2", "e3"]
        assert local(store.events(country="Iran")) == ["e2", "e3"]
        assert local(store.events(type="assault")) == ["e1", "e2"]
        assert local(store.events(type="Explosions/Remote violence")) == ["e1", "e2"]
        assert local(store.events(since=date(2024, 1, 17))) == ["e2", "e3"]
        assert local(store.events(until=date(2024, 1, 17))) == ["e1", "e3"]
        assert local(store.events(type="ASSAULT", since=date(2024, 1, 17), until=date(2024, 1, 31))) == ["e2"]
        assert [e.date for e in store.events()] == [date(2024, 1, 18), date(2024, 1, 17), date(2024, 1, 16)]
        assert len(store.events(limit=1)) == 1
        # parameters are data, never SQL
        assert store.events(country="PAK' OR 1=1 --") == []
        assert store.events(type="x') OR (1=1") == []
        assert store.counts()["events"] == 3


def test_event_sources_and_article(db, example):
    article, result = example
    with Store(db) as store:
        store.add_result(article, result)
        sources = store.event_sources()
        one = store.event_sources([global_event_id(article.content_hash, "e1")])
        again = store.article(article.id)
        assert store.article(article.content_hash) == again
        assert store.article("missing") is None
        gid = global_event_id(article.content_hash, "e2")
        assert store.event(gid).acled_sub_event_type == "Air/drone strike"
        assert store.event("e2") is None
    assert len(sources) == 3 and len(one) == 1
    ref = next(iter(one.values()))
    assert ref["article_id"] == article.id and ref["source"] == "NDTV" and ref["date"] == date(2024, 2, 7)
    assert again == article


def test_read_only_and_schema_version(db, example):
    article, result = example
    with pytest.raises(FileNotFoundError):
        Store(db, read_only=True)
    with Store(db) as store:
        store.add_result(article, result)
    with Store(db, read_only=True) as store:
        assert len(store.events()) == 3
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(RuntimeError, match="schema version"):
        Store(db)


def test_events_without_evidence_or_actors(db, example):
    article, _ = example
    bare = DocumentResult(id=article.id, events=[Event(id="e1", type="THREATEN")])
    with Store(db) as store:
        assert store.add_result(article, bare)
        (event,) = store.events()
        assert event.type == "THREATEN" and event.actor1 is None
        assert store.counts()["mentions"] == 0


def test_add_results_in_one_batch(db, example):
    article, result = example
    other = article.model_copy(update={"id": "other", "text": article.text + "\nUpdated 18:00."})
    with Store(db) as store:
        assert store.add_result(article, result)
        # one already stored, one new, one repeated within the batch
        assert store.add_results([(article, result), (other, result), (other, result)]) == 1
        assert store.counts()["articles"] == 2 and store.counts()["events"] == 6
        assert store.add_results([]) == 0
        ids = {e.id for e in store.events()}
    assert len(ids) == 6  # same local ids, different articles: still unique


def test_author_is_stored_and_exported(db, example):
    article, result = example
    article = article.model_copy(update={"author": "Jane Doe"})
    with Store(db) as store:
        store.add_result(article, result)
        assert store.article(article.id).author == "Jane Doe"
        sources = store.event_sources()
    assert {ref["author"] for ref in sources.values()} == {"Jane Doe"}
    from eventwire.export import flatten

    event = result.events[0].model_copy(update={"id": global_event_id(article.content_hash, "e1")})
    assert flatten(event, sources[event.id])["article_author"] == "Jane Doe"


def test_a_database_from_before_author_is_migrated(db, example):
    """Written without the `author` column: readable as it is, and given the column (empty
    for its old articles) when next opened for writing."""
    article, result = example
    with Store(db) as store:
        store.add_result(article, result)
    con = duckdb.connect(str(db))
    con.execute("DROP INDEX articles_id")
    con.execute("ALTER TABLE articles DROP COLUMN author")
    con.execute("CREATE INDEX articles_id ON articles (id)")
    con.close()
    with Store(db, read_only=True) as store:
        assert store.article(article.id).author is None
        assert {ref["author"] for ref in store.event_sources().values()} == {None}
    other = article.model_copy(update={"text": article.text + " More.", "id": "later", "author": "Jane Doe"})
    with Store(db) as store:
        assert store.add_result(other, result)
        assert store.article(article.id).author is None
        assert store.article("later").author == "Jane Doe"


def test_public_surface_queries_and_transactions(db, example):
    """What other modules use instead of the connection: cursors, transactions, queries."""
    article, result = example
    with Store(db) as store:
        store.add_result(article, result)
        assert store.has_table("events") and not store.has_table("no_such_table")
        assert store.query("SELECT count(*) FROM articles") == [(1,)]
        assert store.query_dicts("SELECT id FROM articles") == [{"id": article.id}]
        names, rows = store.query_columns("SELECT id, date FROM articles WHERE id = ?", [article.id])
        assert names == ["id", "date"] and len(rows) == 1
        with store.transaction() as cur:
            cur.execute("CREATE TABLE side (x INTEGER)")
            cur.execute("INSERT INTO side VALUES (1)")
        with pytest.raises(RuntimeError):
            with store.transaction() as cur:
                cur.execute("INSERT INTO side VALUES (2)")
                raise RuntimeError("boom")
        assert store.query("SELECT x FROM side") == [(1,)]  # the failed block left nothing
        with store.cursor() as cur:
            assert store.stored_hashes(cur, [article.content_hash, "0" * 64]) == {article.content_hash}
    with Store(db, read_only=True) as store:
        with pytest.raises(duckdb.Error, match="read-only"):
            store.execute("DELETE FROM events")


def test_a_second_store_on_the_same_file_sees_what_the_first_stored(db, example):
    # the stored hashes are kept in memory; a write through another `Store` in this process
    # (DuckDB shares one database between them) must not be missed, or the article would be
    # extracted again and its batch refused by the primary key
    article, result = example
    other = article.model_copy(update={"id": "other", "text": article.text + " More."})
    with Store(db) as first, Store(db) as second:
        assert first.stored_hashes_of([article.content_hash]) == set()
        assert second.add_result(article, result) is True
        assert first.stored_hashes_of([article.content_hash, other.content_hash]) == {article.content_hash}
        assert first.add_results([(article, result), (other, result)]) == 1
        assert second.stored_hashes_of([other.content_hash]) == {other.content_hash}
        assert second.add_result(other, result) is False


def test_a_rolled_back_batch_is_not_taken_for_stored(db, example):
    article, result = example

    def boom(cur):
        raise RuntimeError("hook failed")

    with Store(db) as store:
        with pytest.raises(RuntimeError):
            store.add_results([(article, result)], within=boom)
        assert store.stored_hashes_of([article.content_hash]) == set()
        assert store.add_result(article, result) is True
        assert store.stored_hashes_of([article.content_hash]) == {article.content_hash}
