"""RSS/Atom feeds: files, a feed served over HTTP from 127.0.0.1 by the test itself, linked pages, summaries,
and bad feeds (not XML, an XML bomb, external entities, a server that times out)."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashpoint.errors import BadFeed, EmptyInput, UnreadableInput
from flashpoint.ingest import ReadFailure
from flashpoint.ingest.feeds import read_feed, read_sources

PAGE = """<!DOCTYPE html><html><head><title>Pakistan strikes militants in Iran</title>
<meta property="article:published_time" content="2024-01-18"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Pakistan strikes militants in Iran</h1>
<p>ISLAMABAD — Pakistan's military struck militant hideouts in Iran's Sistan and Baluchestan province on
Thursday, the foreign ministry said in a statement issued in the capital.</p>
<p>The strikes followed an Iranian attack on the previous day, officials said.</p></article>
<footer>Copyright Example News</footer></body></html>"""

EMPTY_PAGE = "<html><body><nav>Home</nav><p>Menu</p></body></html>"


def rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example News</title><link>{base}/</link><description>World</description>
<item><title>Pakistan strikes militants in Iran</title><link>{base}/strikes.html</link>
  <pubDate>Thu, 18 Jan 2024 09:30:00 GMT</pubDate>
  <description>Short summary that is not used when the page can be read.</description></item>
<item><title>Police fire tear gas in Nairobi</title><link>{base}/empty.html</link>
  <pubDate>Wed, 12 Jun 2024 08:00:00 GMT</pubDate>
  <description>&lt;p&gt;Kenyan police fired tear gas at protesters in Nairobi on Tuesday.&lt;/p&gt;</description></item>
<item><title>No text at all</title><pubDate>Wed, 12 Jun 2024 08:00:00 GMT</pubDate></item>
</channel></rss>"""


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:wire</id>
<updated>2024-03-05T10:00:00Z</updated>
<entry><title>Envoys meet</title><id>urn:1</id><updated>2024-03-05T10:00:00Z</updated>
<published>2024-03-05T09:00:00Z</published>
<content type="html">&lt;p&gt;Egyptian and Qatari mediators met Hamas negotiators in Cairo on Monday.&lt;/p&gt;</content>
</entry></feed>"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss version="2.0"><channel><title>&lol4;</title><item><title>x</title><description>&lol4;</description></item>
</channel></rss>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><description>&secret;</description></item></channel></rss>"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802
        if self.path.startswith("/slow"):
            time.sleep(3)
        super().do_GET()


@pytest.fixture
def server(tmp_path):
    """A feed, its pages and bad feeds, served from 127.0.0.1 on a free port in a thread."""
    root = tmp_path / "site"
    root.mkdir()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    (root / "feed.xml").write_text(rss(base), encoding="utf-8")
    (root / "atom.xml").write_text(ATOM, encoding="utf-8")
    (root / "strikes.html").write_text(PAGE, encoding="utf-8")
    (root / "empty.html").write_text(EMPTY_PAGE, encoding="utf-8")
    (root / "notxml.xml").write_text("<html><body>Not a feed <p>unclosed</body>", encoding="utf-8")
    (root / "slow.xml").write_text(ATOM, encoding="utf-8")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_feed_over_http_reads_linked_pages_and_falls_back_to_summaries(server):
    items = list(read_feed(f"{server}/feed.xml", timeout=5))
    strikes, nairobi, nothing = items
    assert strikes.source == "Example News" and strikes.url == f"{server}/strikes.html"
    assert strikes.text.startswith("ISLAMABAD — Pakistan's military struck") and "Copyright" not in strikes.text
    assert strikes.published == dt.date(2024, 1, 18) and strikes.title == "Pakistan strikes militants in Iran"
    assert nairobi.text == "Kenyan police fired tear gas at protesters in Nairobi on Tuesday."  # page had no text
    assert nairobi.published == dt.date(2024, 6, 12) and nairobi.url == f"{server}/empty.html"
    assert isinstance(nothing, ReadFailure) and isinstance(nothing.error, EmptyInput)
    assert nothing.origin == f"{server}/feed.xml#3"
    again = list(read_feed(f"{server}/feed.xml", timeout=5))
    assert [a.id for a in again[:2]] == [strikes.id, nairobi.id]  # stable ids: re-ingest finds them


def test_feed_without_fetching_uses_summaries(server):
    strikes = next(read_feed(f"{server}/feed.xml", fetch_links=False))
    assert strikes.text == "Short summary that is not used when the page can be read."


def test_atom_file(tmp_path):
    path = tmp_path / "wire.atom"
    path.write_text(ATOM, encoding="utf-8")
    [article] = list(read_feed(str(path)))
    assert article.source == "Atom Wire" and article.published == dt.date(2024, 3, 5)
    assert article.text.startswith("Egyptian and Qatari mediators")


@pytest.mark.parametrize("content, error, words", [
    (BOMB, BadFeed, "unsafe XML"),
    (EXTERNAL, BadFeed, "unsafe XML"),
    ("this is plain text, not a feed", BadFeed, "not XML"),
    ("<?xml version='1.0'?><catalog><book>Dune</book></catalog>", BadFeed, "not an RSS or Atom feed"),
    ("", EmptyInput, "empty"),
])
def test_bad_feed_files(tmp_path, content, error, words):
    path = tmp_path / "bad.xml"
    path.write_text(content, encoding="utf-8")
    [failure] = list(read_feed(str(path)))
    assert isinstance(failure, ReadFailure) and isinstance(failure.error, error)
    assert words in failure.error.message and failure.origin == str(path)


def test_bad_feeds_over_http(server):
    [failure] = list(read_feed(f"{server}/notxml.xml"))
    assert isinstance(failure.error, BadFeed) and "not XML" in failure.error.message
    [failure] = list(read_feed(f"{server}/missing.xml"))
    assert isinstance(failure.error, UnreadableInput) and "HTTP 404" in failure.error.message
    started = time.monotonic()
    [failure] = list(read_feed(f"{server}/slow.xml", timeout=0.5))
    assert isinstance(failure.error, UnreadableInput) and "timed out" in failure.error.message
    assert time.monotonic() - started < 3


def test_unreachable_feed_url():
    [failure] = list(read_feed("http://127.0.0.1:9/feed.xml", timeout=2))
    assert isinstance(failure.error, UnreadableInput) and "cannot be fetched" in failure.error.message


def test_folders_are_read_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "one.txt").write_text("Israeli troops attacked Hamas positions in Gaza on Monday.", encoding="utf-8")
    (tmp_path / "a" / "two.jsonl").write_text(json.dumps({"id": "j1", "text": "Iran condemned the strikes."}) + "\n",
                                              encoding="utf-8")
    (tmp_path / "a" / "b" / "wire.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "a" / "b" / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / "a" / ".hidden.txt").write_text("ignored too", encoding="utf-8")
    items = list(read_sources([str(tmp_path)]))
    assert [Path(i.origin).name for i in items] == ["wire.atom#1", "two.jsonl:1", "one.txt"]  # sorted paths


@pytest.mark.slow
def test_ingest_a_feed_served_over_http(tmp_path, server):
    from flashpoint.cli.main import main
    from flashpoint.store import EventQuery, Store

    db = tmp_path / "feed.duckdb"
    result = CliRunner().invoke(main, ["ingest", f"{server}/feed.xml", "--db", str(db)])
    assert result.exit_code == 3, result.stderr  # the entry with no text failed; the others were stored
    assert "coded 2, skipped 0 as seen, failed 1" in result.stderr
    with Store.open(db, read_only=True) as store:
        sources = store.con.execute("SELECT DISTINCT source FROM articles").fetchall()
        events = store.events(EventQuery())
        failures = store.failures()
    assert sources == [("Example News",)]
    assert {e["event"] for e in events} >= {"ASSAULT"}
    assert [(f["origin"], f["code"]) for f in failures] == [(f"{server}/feed.xml#3", "E102")]
    again = CliRunner().invoke(main, ["ingest", f"{server}/feed.xml", "--db", str(db)])
    assert "coded 0, skipped 2 as seen, failed 1" in again.stderr


def test_a_linked_page_that_times_out_gives_the_summary(server, tmp_path):
    feed = tmp_path / "slowlinks.rss"
    feed.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Slow News</title>
<item><title>t</title><link>{server}/slow-page.html</link><pubDate>Thu, 18 Jan 2024 09:30:00 GMT</pubDate>
<description>Pakistan's military struck militant hideouts in Iran on Thursday.</description></item>
</channel></rss>""", encoding="utf-8")
    started = time.monotonic()
    [article] = list(read_feed(str(feed), timeout=0.5))
    assert article.text == "Pakistan's military struck militant hideouts in Iran on Thursday."
    assert article.source == "Slow News" and time.monotonic() - started < 3
