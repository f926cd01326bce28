import gzip
import io
import shutil
from datetime import date
from pathlib import Path

import pytest

from eventwire.ingest import IngestWarning, is_warning, iter_documents, markup_to_text, parse_date
from eventwire.model import Article, DocumentError

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = Path(__file__).resolve().parents[2] / ".." / "shared" / "examples" / "pakistan-iran-strikes.txt"


def _run(paths, **kwargs) -> list:
    return list(iter_documents([str(p) for p in paths], **kwargs))


def _summary(items) -> list[tuple[str, str]]:
    kind = {Article: "article", IngestWarning: "warning", DocumentError: "error"}
    return [(kind[type(item)], item.id) for item in items]


def _only_article(items) -> Article:
    articles = [item for item in items if isinstance(item, Article)]
    assert len(articles) == 1, items
    return articles[0]


@pytest.mark.skipif(not EXAMPLE.exists(), reason="../shared/examples is not available")
def test_crawler_example_keeps_original_text():
    items = _run([EXAMPLE])
    article = _only_article(items)
    assert len(items) == 1
    assert article.id == "pakistan-iran-strikes"
    assert article.date == date(2024, 2, 7)
    assert article.text == EXAMPLE.read_text(encoding="utf-8")
    assert article.format == "text"


def test_crawler_fixture():
    article = _only_article(_run([FIXTURES / "karachi-blast.txt"]))
    assert (article.id, article.date, article.title) == ("karachi-blast", date(2024, 1, 18), None)
    assert article.text.startswith("date 2024-01-18 Advertisement\nBlast near Karachi")


def test_jsonl_records_errors_and_warnings():
    items = _run([FIXTURES / "articles.jsonl"])
    where = f"{FIXTURES / 'articles.jsonl'}"
    assert _summary(items) == [
        ("article", "afp-1"),
        ("article", "42"),
        ("article", f"{where}:3"),
        ("error", f"{where}:4"),
        ("error", "no-text"),
        ("error", "bad-type"),
        ("error", f"{where}:7"),
        ("warning", "odd-date"),
        ("article", "odd-date"),
        ("error", "blank"),
    ]
    first = items[0]
    assert (first.date, first.title, first.source, first.url, first.format) == (
        date(2016, 10, 17), "Iraq strike", "AFP", "https://example.org/afp-1", "jsonl")
    assert items[1].date == date(2018, 8, 3)  # compact 20180803
    assert items[2].date == date(2018, 6, 5)  # RFC 822
    assert items[3].reason.startswith("malformed JSON")
    assert items[5].reason == "'text' must be a string, got list"
    assert "expected an object" in items[6].reason
    assert items[7].reason.startswith("unparseable date 'sometime last spring'")
    assert all(item.stage == "ingest" for item in items if isinstance(item, DocumentError))


def test_jsonl_gz_is_streamed_like_plain(tmp_path):
    packed = tmp_path / "batch.jsonl.gz"
    packed.write_bytes(gzip.compress((FIXTURES / "articles.jsonl").read_bytes()))
    plain = [(t, i.rsplit(":", 1)[-1]) for t, i in _summary(_run([FIXTURES / "articles.jsonl"]))]
    zipped = [(t, i.rsplit(":", 1)[-1]) for t, i in _summary(_run([packed]))]
    assert zipped == plain


def test_corrupt_gz_is_an_error(tmp_path):
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gzip.compress(b'{"id": "a", "text": "Troops withdrew."}\n' * 50)[:40])
    items = _run([broken])
    assert isinstance(items[-1], DocumentError) and not isinstance(items[-1], IngestWarning)
    assert "corrupt or truncated" in items[-1].reason


def test_stdin_jsonl():
    stdin = io.StringIO(
        '{"id": "s1", "text": "Rebels seized the town of Goma.", "date": "2012-11-20"}\n'
        "not json\n"
        '{"text": "The UN condemned the offensive."}\n'
    )
    items = _run(["-"], stdin=stdin)
    assert _summary(items) == [("article", "s1"), ("error", "<stdin>:2"), ("article", "<stdin>:3")]
    assert items[0].date == date(2012, 11, 20)


def test_stdin_is_streamed_lazily():
    class OneLineThenFail(io.StringIO):
        calls = 0

        def readline(self, limit=-1):
            self.calls += 1
            assert self.calls == 1, "read past the first record before it was consumed"
            return '{"id": "lazy", "text": "Talks resumed in Doha."}\n'

    first = next(iter_documents(["-"], stdin=OneLineThenFail()))
    assert first.id == "lazy"


def test_html_main_text_and_metadata():
    article = _only_article(_run([FIXTURES / "page.html"]))
    assert article.id == "page" and article.format == "html"
    assert article.title == "Clashes erupt in Kashmir as troops exchange fire"
    assert article.date == date(2023, 2, 14)
    assert article.url == "https://news.example.org/2023/02/kashmir-clashes"
    assert article.source == "Example News"
    assert article.author == "Aisha Siddiqui"
    assert "SRINAGAR (Reuters) - Indian and Pakistani troops exchanged heavy fire" in article.text
    assert "targeting villages near Kotli" in article.text
    for boilerplate in ("cookies", "Most read", "Celebrity", "Privacy policy", "All rights reserved"):
        assert boilerplate not in article.text


def test_rss_items():
    items = _run([FIXTURES / "feed.rss"])
    assert _summary(items) == [("article", "wire-2024-0112-01"), ("article", "https://wire.example.org/sudan-talks")]
    houthi = items[0]
    assert houthi.text == (
        "Houthi rebels fire missiles at ship in Red Sea\n\n"
        "Yemen's Houthi rebels fired two anti-ship missiles at a commercial vessel in the Red Sea, "
        "the U.S. military said.\n\nNo injuries were reported."
    )
    assert (houthi.title, houthi.date, houthi.url, houthi.source, houthi.format) == (
        "Houthi rebels fire missiles at ship in Red Sea", date(2024, 1, 12),
        "https://wire.example.org/houthi-missiles", "Example Wire & World", "feed")


def test_atom_entry_and_sniffed_feed(tmp_path):
    sniffed = tmp_path / "latest"  # no suffix: recognised by its content
    shutil.copy(FIXTURES / "feed.atom", sniffed)
    for path in (FIXTURES / "feed.atom", sniffed):
        article = _only_article(_run([path]))
        assert article.id == "urn:example:eln-ceasefire"
        assert article.date == date(2024, 3, 2)
        assert article.text.endswith("agreed on Saturday to extend their ceasefire by six months.")


def test_not_a_feed(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://x.org/</loc></url></urlset>')
    items = _run([path])
    assert _summary(items) == [("error", str(path))]


def test_csv_rows():
    items = _run([FIXTURES / "articles.csv"])
    where = f"{FIXTURES / 'articles.csv'}"
    assert _summary(items) == [
        ("article", "csv-1"), ("article", f"{where}:3"), ("warning", "csv-3"), ("article", "csv-3"),
        ("error", "csv-4"),
    ]
    assert items[0].title == "Imran Khan arrested" and items[0].date == date(2023, 5, 9)
    assert items[1].text.endswith("police said.\nSeveral vehicles were set on fire.")
    assert items[4].reason == "empty text"


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("id,headline\n1,Troops withdrew\n")
    items = _run([path])
    assert _summary(items) == [("error", str(path))]
    assert "no 'text' column" in items[0].reason


def test_folder_is_recursive_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b" / "report.txt").write_text("date 2024-03-01\nTroops entered the town.")
    (tmp_path / "a" / "report.txt").write_text("date 2024-03-02\nThe town was shelled.")
    (tmp_path / "a" / "z-wire.txt").write_text("date 2024-03-03\nTalks collapsed.")
    (tmp_path / ".hidden.txt").write_text("date 2024-03-04\nHidden.")
    (tmp_path / ".cache" / "x.txt").write_text("date 2024-03-05\nCached.")
    (tmp_path / "notes.md").write_text("not an input")
    items = _run([tmp_path])
    assert _summary(items) == [("article", "a/report"), ("article", "z-wire"), ("article", "b/report")]
    assert items[2].date == date(2024, 3, 1)


def test_missing_path():
    items = _run(["/no/such/place.jsonl"])
    assert _summary(items) == [("error", "/no/such/place.jsonl")]
    assert items[0].reason == "no such file or directory"


def test_empty_files(tmp_path):
    for name in ("empty.txt", "empty.jsonl", "empty.html", "empty.csv"):
        (tmp_path / name).write_text("  \n")
    items = _run(sorted(tmp_path.iterdir()))
    assert [type(i) for i in items] == [DocumentError] * 4
    assert all("empty" in i.reason for i in items)


def test_binary_files(tmp_path):
    (tmp_path / "nul.txt").write_bytes(b"date 2024-01-01\nTroops\x00\x00\x01moved")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "dump.jsonl").write_bytes(b"\x00\x01\x02" * 100)
    items = _run([tmp_path / "nul.txt", tmp_path / "image.txt", tmp_path / "dump.jsonl"])
    assert _summary(items) == [("error", "nul"), ("error", "image"), ("error", str(tmp_path / "dump.jsonl"))]
    assert "NUL bytes" in items[0].reason and "PNG" in items[1].reason


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("date 2024-01-05\nSoldiers entered Bogotá on Friday.".encode("latin-1"))
    items = _run([path])
    assert _summary(items) == [("warning", "latin1"), ("article", "latin1")]
    assert is_warning(items[0]) and "invalid UTF-8 at byte 38" in items[0].reason
    assert items[1].text == "date 2024-01-05\nSoldiers entered Bogot\ufffd on Friday."
    assert items[1].date == date(2024, 1, 5)


def test_invalid_utf8_in_jsonl_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "m1", "text": "Clashes in Bogot\xe1 left two dead."}\n')
    items = _run([path])
    assert _summary(items) == [("warning", "m1"), ("article", "m1")]
    assert items[1].text == "Clashes in Bogot\ufffd left two dead."


def test_no_date_header_yields_article_and_warning(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Gunmen attacked a checkpoint in Quetta, killing two soldiers.\n")
    items = _run([path])
    assert _summary(items) == [("warning", "undated"), ("article", "undated")]
    assert items[0].reason.startswith("no date header")
    assert items[1].date is None and items[1].text == path.read_text()


def test_invalid_date_header(tmp_path):
    path = tmp_path / "baddate.txt"
    path.write_text("date 2024-02-30 Advertisement\nTroops withdrew.\n")
    items = _run([path])
    assert _summary(items) == [("warning", "baddate"), ("article", "baddate")]
    assert items[0].reason.startswith("invalid date header '2024-02-30'")


def test_header_without_body_is_an_error(tmp_path):
    path = tmp_path / "header-only.txt"
    path.write_text("date 2024-02-07\n\n")
    assert _summary(_run([path])) == [("error", "header-only")]


def test_ten_megabyte_article_is_too_large(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"date 2024-01-01\n" + b"Troops advanced. " * 600_000)
    items = _run([path])
    assert _summary(items) == [("error", "huge")]
    assert items[0].reason.startswith("too large")


def test_too_large_jsonl_line_is_skipped_and_reading_goes_on(tmp_path):
    path = tmp_path / "big.jsonl"
    big = '{"id": "big", "text": "' + "x" * 5000 + '"}\n'
    path.write_text(big + '{"id": "small", "text": "Ceasefire agreed."}\n')
    items = _run([path], max_bytes=1000)
    assert _summary(items) == [("error", f"{path}:1"), ("article", "small")]
    assert items[0].reason.startswith("too large")


def test_parse_date_spellings():
    assert parse_date("2024-02-07") == date(2024, 2, 7)
    assert parse_date("2024-02-07T23:10:00+05:00") == date(2024, 2, 7)
    assert parse_date("20080806") == date(2008, 8, 6)
    assert parse_date("Wed, 07 Feb 2024 10:00:00 GMT") == date(2024, 2, 7)
    assert parse_date("7 February 2024") == date(2024, 2, 7)
    assert parse_date("2024-13-45") is None
    assert parse_date("") is None


def test_markup_to_text():
    assert markup_to_text("<p>Two <b>killed</b>.</p><p>Five&nbsp;hurt.<br>Police said.</p>") == (
        "Two killed.\n\nFive hurt.\nPolice said."
    )
    assert markup_to_text("Plain &amp; simple") == "Plain & simple"


def test_author_from_every_format(tmp_path):
    """HTML meta (above), a JSON Lines / CSV `author` field, a feed item's author and a
    crawler page's byline line all fill `Article.author`."""
    (tmp_path / "a.jsonl").write_text('{"id": "j1", "text": "Troops fired on protesters.", "author": "Jane Doe"}\n'
                                      '{"id": "j2", "text": "Rebels shelled the town.", "author": 7}\n')
    (tmp_path / "b.csv").write_text('id,text,author\nc1,"Police fired tear gas.",Omar Khan\n')
    (tmp_path / "c.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>W</title>'
        '<item><guid>f1</guid><title>Clashes in Kivu</title><dc:creator>Marie Dupont</dc:creator>'
        '<description>Clashes broke out.</description></item></channel></rss>')
    (tmp_path / "d.txt").write_text("date 2024-02-07\nPakistan strikes Iran\nBy Aisha Siddiqui and Ben Roe\n\n"
                                     "Pakistan struck targets in Iran on Thursday, officials said.\n")
    (tmp_path / "e.txt").write_text("date 2024-02-07\nPakistan strikes Iran\n\nBy noon the border was closed.\n")
    items = _run([tmp_path])
    authors = {item.id: item.author for item in items if isinstance(item, Article)}
    assert authors == {"j1": "Jane Doe", "j2": None, "c1": "Omar Khan", "f1": "Marie Dupont",
                       "d": "Aisha Siddiqui and Ben Roe", "e": None}
    assert any(is_warning(i) and i.id == "j2" and "'author' must be a string" in i.reason for i in items)
