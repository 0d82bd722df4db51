"""RSS/Atom feeds: files, a feed served over HTTP from 127.0.0.1 by the test itself, linked pages, summaries,
bad feeds (not XML, an XML bomb, external entities, a server that times out or drips a byte at a time), and the
page cache (conditional requests, remembered failures)."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import itertools
import json
import logging
import sqlite3
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashpoint.errors import BadFeed, EmptyInput, SettingError
from flashpoint.ingest import ReadFailure
from flashpoint.ingest.feeds import RETRY_AFTER_S, PageCache, read_feed, read_sources

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


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a reader that hung up is what some tests want
            super().handle_error(request, client_address)


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
    httpd = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
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
    [failure] = list(read_feed(f"{server}/missing.xml"))  # a feed URL that cannot be fetched is a bad feed
    assert isinstance(failure.error, BadFeed) and "HTTP 404" in failure.error.message
    assert failure.error.where == failure.origin == f"{server}/missing.xml"
    started = time.monotonic()
    [failure] = list(read_feed(f"{server}/slow.xml", timeout=0.5))
    assert isinstance(failure.error, BadFeed) and "timed out" in failure.error.message
    assert time.monotonic() - started < 3


def test_unreachable_feed_url():
    [failure] = list(read_feed("http://127.0.0.1:9/feed.xml", timeout=2))
    assert isinstance(failure.error, BadFeed) and "cannot be fetched" in failure.error.message
    assert failure.error.code == "E104" and failure.origin == "http://127.0.0.1:9/feed.xml"


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


# ------------------------------------------------------------------------------------------------ slow-drip servers

DRIP_INTERVAL_S = 0.2  # well under the time limit: a per-read timeout never fires, only a total deadline does
DRIP_FOR_S = 8  # the server gives up after this long, so that a reader without a total deadline fails, not hangs


class _Drip(http.server.BaseHTTPRequestHandler):
    """Answers a byte at a time: in the body (``/body...``) or already in the headers (``/headers...``)."""

    stop: threading.Event

    def log_message(self, *args: object) -> None:
        pass

    def _drip(self, data: bytes) -> None:
        started = time.monotonic()
        for byte in itertools.cycle(data):
            if self.stop.is_set() or time.monotonic() - started > DRIP_FOR_S:
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(DRIP_INTERVAL_S)

    def do_GET(self) -> None:  # noqa: N802
        try:
            if self.path.startswith("/headers"):
                self.wfile.write(b"HTTP/1.0 200 OK\r\nX-Drip: ")
                self._drip(b"a")
            else:
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                self._drip(ATOM.encode())
        except OSError:  # the reader hung up: what the test wants
            pass


@pytest.fixture
def drip_server():
    stop = threading.Event()
    handler = type("Drip", (_Drip,), {"stop": stop})
    httpd = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    stop.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.mark.parametrize("where", ["body", "headers"])
def test_a_slow_drip_feed_is_cut_off_at_the_feed_timeout(drip_server, monkeypatch, where):
    """feed_timeout is the time for the whole request: a byte every 0.2 s does not keep it going."""
    monkeypatch.setenv("FLASHPOINT_FEED_TIMEOUT", "1")
    url = f"{drip_server}/{where}/feed.xml"
    started = time.monotonic()
    [failure] = list(read_sources([url]))
    elapsed = time.monotonic() - started
    assert isinstance(failure, ReadFailure) and isinstance(failure.error, BadFeed)
    assert failure.origin == failure.error.where == url
    assert "timed out" in failure.error.message and "feed_timeout" in failure.error.message
    assert 0.9 < elapsed < 2.5, elapsed


def test_a_slow_drip_linked_page_gives_the_summary_in_time(drip_server, tmp_path, monkeypatch):
    monkeypatch.setenv("FLASHPOINT_FEED_TIMEOUT", "1")
    feed = tmp_path / "drip.rss"
    feed.write_text(_one_entry_feed(f"{drip_server}/body/page.html"), encoding="utf-8")
    started = time.monotonic()
    [article] = list(read_sources([str(feed)]))
    assert time.monotonic() - started < 2.5
    assert article.text == SUMMARY
    [warning] = article.warnings
    assert warning.startswith(f"{drip_server}/body/page.html: linked page not used (timed out")


# ------------------------------------------------------------------------------------------------ the page cache

SUMMARY = "Pakistan's military struck militant hideouts in Iran on Thursday."


def _one_entry_feed(link: str) -> str:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Slow News</title>
<item><title>t</title><link>{link}</link><pubDate>Thu, 18 Jan 2024 09:30:00 GMT</pubDate>
<description>{SUMMARY}</description></item></channel></rss>"""


class _Site(http.server.BaseHTTPRequestHandler):
    """A feed and its pages, with validators; every request is logged as (path, If-None-Match, If-Modified-Since).

    /feed.xml: Last-Modified only; /page.html: an ETag and Last-Modified, 304 when the ETag matches; /menu.html:
    the same, a page without article text; /gone.html: 404; /stalls.html: answers after 2 s; /flaky.html: the
    page while ``state["flaky"]`` is "up", else HTTP 503."""

    requests: list
    state: dict
    base: str
    LAST_MODIFIED = "Thu, 18 Jan 2024 10:00:00 GMT"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.requests.append((self.path, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")))
        if self.path == "/stalls.html":
            time.sleep(2)
        if self.path in ("/gone.html", "/stalls.html") or (self.path == "/flaky.html" and self.state["flaky"] != "up"):
            self.send_error(404 if self.path == "/gone.html" else 503)
            return
        etag = '"page-v1"' if self.path != "/feed.xml" else None
        if (etag and self.headers.get("If-None-Match") == etag) or (
                not etag and self.headers.get("If-Modified-Since") == self.LAST_MODIFIED):
            self.send_response(304)
            self.end_headers()
            return
        body = {"/feed.xml": self.state["feed"], "/menu.html": EMPTY_PAGE}.get(self.path, PAGE).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.LAST_MODIFIED)
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site():
    state = {"flaky": "up"}
    handler = type("Site", (_Site,), {"requests": [], "state": state})
    httpd = _Server(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    entries = "".join(f"""<item><title>{name}</title><link>{base}/{name}.html</link>
<pubDate>Thu, 18 Jan 2024 09:30:00 GMT</pubDate><description>{SUMMARY}</description></item>"""
                      for name in ("page", "menu", "gone", "stalls", "flaky"))
    state["feed"] = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
{entries}</channel></rss>"""
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base, handler.requests, state
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


class _Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def _run(base: str, path: Path, clock: _Clock) -> dict:
    """One ingest run's reading, with its own PageCache on ``path`` (as two processes would): articles by page."""
    with PageCache(path, clock=clock) as cache:
        items = list(read_feed(f"{base}/feed.xml", timeout=0.5, cache=cache))
    return {Path(item.url).stem: item for item in items}


def _asked(requests: list, since: int) -> dict[str, tuple]:
    return {path.strip("/").split(".")[0]: (etag, modified) for path, etag, modified in requests[since:]}


def test_the_cache_asks_conditionally_and_reuses_an_unchanged_page(site, tmp_path):
    base, requests, _ = site
    clock, cache = _Clock(), tmp_path / "pages.sqlite"
    first = _run(base, cache, clock)
    assert _asked(requests, 0) == {name: (None, None) for name in ("feed", "page", "menu", "gone", "stalls", "flaky")}
    assert first["page"].text.startswith("ISLAMABAD") and not first["page"].warnings
    done = len(requests)
    second = _run(base, cache, clock)
    # the feed and the page are asked for with their validators; the server answers 304 and the copies are read
    assert _asked(requests, done) == {"feed": (None, _Site.LAST_MODIFIED),
                                      "page": ('"page-v1"', _Site.LAST_MODIFIED),
                                      "flaky": ('"page-v1"', _Site.LAST_MODIFIED)}
    assert second["page"].text == first["page"].text and second["page"].id == first["page"].id
    assert list(second) == list(first)


def test_a_failed_page_is_not_asked_for_again_within_its_back_off(site, tmp_path, caplog):
    base, requests, _ = site
    clock, cache = _Clock(), tmp_path / "pages.sqlite"
    with caplog.at_level(logging.WARNING, logger="flashpoint"):
        first = _run(base, cache, clock)
    for name, why in (("gone", "HTTP 404"), ("stalls", "timed out"), ("menu", "no article text found")):
        article = first[name]
        assert article.text == SUMMARY  # the entry's summary stands in for the page, and says so
        [warning] = article.warnings
        assert warning.startswith(f"{base}/{name}.html: linked page not used ({why}")
        assert any(f"{base}/feed.xml#" in r.getMessage() and warning in r.getMessage() for r in caplog.records)
    done = len(requests)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="flashpoint"):
        second = _run(base, cache, clock)
    assert {"gone", "stalls", "menu"}.isdisjoint(_asked(requests, done))
    assert "not asked for again before" in second["gone"].warnings[0] and second["gone"].text == SUMMARY
    assert "no article text found" in second["menu"].warnings[0] and second["menu"].text == SUMMARY
    assert not caplog.records  # said once, when it failed; the article still carries it
    clock.now += RETRY_AFTER_S + 60  # the back-off has passed: asked for again (and it doubles)
    done = len(requests)
    _run(base, cache, clock)
    assert {"gone", "stalls", "menu"} <= set(_asked(requests, done))
    clock.now += RETRY_AFTER_S + 60  # within the doubled back-off
    done = len(requests)
    _run(base, cache, clock)
    assert {"gone", "stalls", "menu"}.isdisjoint(_asked(requests, done))


def test_a_page_that_fails_after_it_was_fetched_keeps_its_text(site, tmp_path):
    """While a page's server fails, the copy fetched before is its text: the article keeps its id (no second
    article from the summary)."""
    base, requests, state = site
    clock, cache = _Clock(), tmp_path / "pages.sqlite"
    first = _run(base, cache, clock)["flaky"]
    state["flaky"] = "down"
    second = _run(base, cache, clock)["flaky"]
    assert second.text == first.text and second.id == first.id and not second.warnings
    done = len(requests)
    third = _run(base, cache, clock)["flaky"]
    assert "flaky" not in _asked(requests, done) and third.id == first.id  # backing off, still the copy
    state["flaky"] = "up"
    clock.now += RETRY_AFTER_S + 60
    done = len(requests)
    fourth = _run(base, cache, clock)["flaky"]  # asked again, unchanged: its failures are forgotten
    assert _asked(requests, done)["flaky"] == ('"page-v1"', _Site.LAST_MODIFIED) and fourth.id == first.id
    done = len(requests)
    _run(base, cache, clock)
    assert "flaky" in _asked(requests, done)  # no back-off left


def test_without_a_cache_every_run_asks_again(site):
    base, requests, _ = site
    list(read_feed(f"{base}/feed.xml", timeout=0.5))
    done = len(requests)
    list(read_feed(f"{base}/feed.xml", timeout=0.5))
    assert _asked(requests, done) == {name: (None, None) for name in ("feed", "page", "menu", "gone", "stalls", "flaky")}


def test_read_sources_opens_a_cache_file_it_is_given(site, tmp_path, monkeypatch):
    monkeypatch.setenv("FLASHPOINT_FEED_TIMEOUT", "0.5")  # /stalls.html answers after 2 s
    base, requests, _ = site
    cache = tmp_path / "pages.sqlite"
    list(read_sources([f"{base}/feed.xml"], cache=cache))
    done = len(requests)
    list(read_sources([f"{base}/feed.xml"], cache=cache))
    assert _asked(requests, done)["page"] == ('"page-v1"', _Site.LAST_MODIFIED)


@pytest.mark.parametrize("content, words", [
    (b"this is not a database", "cannot be used as the page cache"),
    ("foreign", "another program's SQLite file (tables accounts)"),
    ("missing-folder", "does not exist"),
])
def test_a_cache_file_that_is_not_one_is_refused_untouched(tmp_path, content, words):
    path = tmp_path / "pages.sqlite"
    if content == "foreign":
        with contextlib.closing(sqlite3.connect(path)) as con:
            con.execute("CREATE TABLE accounts (id INTEGER)")
            con.commit()
    elif content == "missing-folder":
        path = tmp_path / "nowhere" / "pages.sqlite"
    else:
        path.write_bytes(content)
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(SettingError) as caught:
        list(read_feed(str(tmp_path / "unused.rss"), cache=path))
    assert words in caught.value.message and caught.value.where == str(path)
    assert (path.read_bytes() if path.exists() else None) == before


def test_a_cache_that_cannot_be_written_is_given_up_with_a_warning(site, tmp_path, caplog):
    base, requests, _ = site
    path = tmp_path / "pages.sqlite"
    PageCache(path).close()
    cache = PageCache(path)
    cache._con.close()
    cache._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # as a full disk or a read-only mount would
    with caplog.at_level(logging.WARNING, logger="flashpoint"):
        items = {Path(i.url).stem: i for i in read_feed(f"{base}/feed.xml", timeout=0.5, cache=cache)}
    cache.close()
    assert items["page"].text.startswith("ISLAMABAD") and len(items) == 5  # nothing lost
    [trouble] = [r.getMessage() for r in caplog.records if "page cache" in r.getMessage()]
    assert trouble.startswith(f"{path}: page cache cannot be written (attempt to write a readonly database)")


def test_pages_no_feed_links_to_any_more_are_dropped(tmp_path):
    clock = _Clock()
    with PageCache(tmp_path / "pages.sqlite", clock=clock) as cache:
        cache.remember_page("https://example.org/old.html", b"<html></html>", etag='"1"', last_modified=None)
        cache.remember_page("https://example.org/new.html", b"<html></html>", etag='"1"', last_modified=None)
        clock.now += 59 * 24 * 3600
        cache.remember_used("https://example.org/new.html")
        clock.now += 2 * 24 * 3600
    with PageCache(tmp_path / "pages.sqlite", clock=clock) as cache:
        assert cache.get("https://example.org/old.html") is None
        assert cache.get("https://example.org/new.html").body == b"<html></html>"
