"""Feeds and pages named by URL (fetched from a loopback server, never the internet)."""

from __future__ import annotations

import http.server
import threading
from functools import partial
from pathlib import Path

import pytest

from eventwire.ingest import iter_documents
from eventwire.model import Article, DocumentError

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def server():
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(FIXTURES))
    handler.log_message = lambda *a, **k: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_feed_by_url_gives_one_article_per_item(server):
    by_url = [d for d in iter_documents([f"{server}/feed.rss"]) if isinstance(d, Article)]
    by_file = [d for d in iter_documents([str(FIXTURES / "feed.rss")]) if isinstance(d, Article)]
    assert by_url and [a.text for a in by_url] == [a.text for a in by_file]


def test_html_page_by_url(server):
    (article,) = [d for d in iter_documents([f"{server}/page.html"]) if isinstance(d, Article)]
    assert article.format == "html" and article.text


def test_unreachable_url_is_an_error_naming_it(server):
    (err,) = list(iter_documents([f"{server}/missing.rss"]))
    assert isinstance(err, DocumentError) and err.id.endswith("/missing.rss") and "cannot fetch" in err.reason
