"""RSS/Atom feeds -> ``Article`` records, and the expansion of ``flashpoint ingest`` sources.

:func:`read_feed` reads a feed file or an ``http(s)`` URL. The bytes are first checked with defusedxml (a DTD
with entities, an external entity or an "XML bomb" is refused, as is anything that is not XML), then parsed by
feedparser. Each entry becomes one article: the main text of its linked page (trafilatura, setting
``feed_fetch_links``), else its content or summary as plain text; its published date; its outlet (the feed's
title). A feed that cannot be read is one :class:`ReadFailure` (:class:`BadFeed` when a feed URL cannot be
fetched); an entry that has no text is one ReadFailure naming the entry, and the other entries are still read.
An entry whose linked page cannot be used gets its summary, with a warning: logged, and kept in the article's
``warnings``.

Fetching: ``feed_timeout`` bounds each request as a whole (connecting, redirects, headers and body), not each
socket read, so a server that sends a byte a second cannot hold a run: when the time is up the connection is
shut. A :class:`PageCache` (``cache=``, a SQLite file; none by default) remembers pages and feeds between runs:
the next request is conditional (``If-None-Match`` / ``If-Modified-Since``) and a ``304`` reuses the copy kept;
a linked page that failed is not requested again until a back-off has passed (an hour, doubling with each
failure, at most a week), and its earlier copy, when there is one, is used meanwhile, so an article keeps its
text (and its id) while its server is down.

:func:`read_sources` expands what ``flashpoint ingest`` is given: files, folders (recursively: ``.txt``,
``.html``/``.htm``, ``.jsonl``, and ``.xml``/``.rss``/``.atom`` feeds), feed URLs and ``-``.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import html
import http.client
import logging
import re
import socket
import sqlite3
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flashpoint.errors import BadFeed, EmptyInput, InputError, SettingError, UnreadableInput
from flashpoint.ingest.dateline import split_dateline
from flashpoint.ingest.readers import ReadFailure, article_from_html, read_articles, walk_folder
from flashpoint.model import Article
from flashpoint.settings import get_setting

__all__ = ["FEED_SUFFIXES", "ARTICLE_SUFFIXES", "PageCache", "fetch", "read_feed", "read_sources", "is_url"]

FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson"})
MAX_BYTES = 20 * 1024 * 1024  # a feed or page larger than this is refused, not read into memory
USER_AGENT = "flashpoint (+https://github.com/) feed reader"
_TAG = re.compile(r"<[^>]+>")

# A linked page that failed is asked for again after this long, then twice as long after each further failure,
# up to MAX_RETRY_AFTER_S: a page that is gone stays gone, a busy server is back within hours.
RETRY_AFTER_S = 3600.0
MAX_RETRY_AFTER_S = 7 * 24 * 3600.0
KEEP_UNUSED_S = 60 * 24 * 3600.0  # a page no feed has linked to for this long is dropped from the cache
CACHE_TABLE = "flashpoint_pages"

logger = logging.getLogger(__name__)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


# --------------------------------------------------------------------------------------------- fetching


class _Deadline:
    """Shuts the request's connections when its time is up. urllib's ``timeout`` bounds each socket operation:
    a server that sends one byte a second never trips it. This bounds the request as a whole."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = threading.Event()
        self._connections: list[http.client.HTTPConnection] = []
        self._sockets: list[socket.socket] = []  # urllib drops a connection's socket once the headers are read
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()

    def attach(self, connection: http.client.HTTPConnection) -> None:
        """Watch ``connection`` while it connects (its socket is not known yet: a stalled TLS handshake)."""
        with self._lock:
            self._connections.append(connection)

    def connected(self, connection: http.client.HTTPConnection) -> None:
        """Watch the socket ``connection`` has made, which the response goes on reading after urllib drops it."""
        with self._lock:
            if connection.sock is not None:
                self._sockets.append(connection.sock)
            expired = self.expired.is_set()
        if expired:  # a redirect's connection made after the time was up
            _shut(connection.sock)
            raise TimeoutError("the request's time is up")

    def _expire(self) -> None:
        with self._lock:
            self.expired.set()
            for sock in [*self._sockets, *(c.sock for c in self._connections)]:
                _shut(sock)


def _shut(sock: socket.socket | None) -> None:
    """Shut ``sock`` for reading and writing: a read blocked on it in another thread returns at once. The plain
    socket's shutdown, also for TLS (SSLSocket.shutdown would pull the TLS state from under that read). A socket
    closed for good has no file descriptor any more, so this never touches another connection's."""
    if sock is None:
        return
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _WatchedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline
        deadline.attach(self)

    def connect(self) -> None:
        super().connect()
        self._deadline.connected(self)


class _WatchedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline
        deadline.attach(self)

    def connect(self) -> None:
        super().connect()
        self._deadline.connected(self)


class _WatchedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(lambda *a, **k: _WatchedHTTPConnection(*a, deadline=self._deadline, **k), req)


class _WatchedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(lambda *a, **k: _WatchedHTTPSConnection(*a, deadline=self._deadline, **k), req,
                            context=self._context)


def _opener(deadline: _Deadline) -> urllib.request.OpenerDirector:
    """http(s) only, redirects followed, each connection watched by ``deadline`` (no ftp: or file: redirects)."""
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.UnknownHandler(), _WatchedHTTPHandler(deadline),
                    _WatchedHTTPSHandler(deadline), urllib.request.HTTPDefaultErrorHandler(),
                    urllib.request.HTTPRedirectHandler(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


@dataclass(frozen=True)
class _Answer:
    status: int  # 200 (any 2xx) or 304 (not modified: the cached copy is current)
    body: bytes
    etag: str | None
    last_modified: str | None


def _timed_out(url: str, seconds: float) -> UnreadableInput:
    return UnreadableInput(f"timed out: no complete answer within {seconds:g} s (setting feed_timeout limits the "
                           "whole request); try again later, or raise FLASHPOINT_FEED_TIMEOUT", where=url)


def _request(url: str, timeout: float, *, etag: str | None = None, last_modified: str | None = None) -> _Answer:
    """GET ``url`` within ``timeout`` seconds in all, conditionally when ``etag``/``last_modified`` are given."""
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    logger.debug("fetching %s (time limit %g s%s)", url, timeout, ", conditional" if len(headers) > 1 else "")
    with _Deadline(timeout) as deadline:
        try:
            with _opener(deadline).open(urllib.request.Request(url, headers=headers), timeout=timeout) as response:
                data = response.read(MAX_BYTES + 1)
                answer_headers = response.headers
                status = 200
        except urllib.error.HTTPError as exc:
            exc.close()
            if deadline.expired.is_set():
                raise _timed_out(url, timeout) from None
            if exc.code == 304 and len(headers) > 1:
                return _Answer(304, b"", exc.headers.get("ETag") or etag,
                               exc.headers.get("Last-Modified") or last_modified)
            raise UnreadableInput(f"HTTP {exc.code} {exc.reason}; expected the page or feed to be served",
                                  where=url) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
            # a connection shut by the deadline surfaces as a reset, an incomplete read or a bad status line
            reason = getattr(exc, "reason", exc)
            if deadline.expired.is_set() or isinstance(reason, TimeoutError) or "timed out" in str(reason):
                raise _timed_out(url, timeout) from None
            raise UnreadableInput(f"cannot be fetched ({reason or type(exc).__name__}); expected a reachable "
                                  "http(s) URL", where=url) from None
        if deadline.expired.is_set():  # the read ended because the connection was shut: what came is cut short
            raise _timed_out(url, timeout)
    logger.debug("fetched %s: %d bytes", url, len(data))
    if len(data) > MAX_BYTES:
        raise UnreadableInput(f"larger than {MAX_BYTES // (1024 * 1024)} MB; expected a feed or a news page",
                              where=url)
    return _Answer(status, data, answer_headers.get("ETag"), answer_headers.get("Last-Modified"))


def _feed_timeout(timeout: float | None) -> float:
    return float(get_setting("feed_timeout")) if timeout is None else timeout


def fetch(url: str, *, timeout: float | None = None) -> bytes:
    """GET ``url`` within ``timeout`` seconds in all (default: setting ``feed_timeout``);
    :class:`UnreadableInput` saying why it failed."""
    return _request(url, _feed_timeout(timeout)).body


# --------------------------------------------------------------------------------------------- the page cache


@dataclass(frozen=True)
class CachedPage:
    url: str
    body: bytes | None  # None: never fetched whole (only failures are known)
    etag: str | None
    last_modified: str | None
    failures: int  # failed fetches (or pages without text) since the last good one
    failed_at: float | None  # Unix time of the last failure
    error: str | None  # why it last failed


class PageCache:
    """Pages and feeds fetched before, and fetches that failed, kept between runs in a small SQLite file of its
    own (not the event database: it holds no events, and can be deleted at any time).

    A cache that cannot be written to on the way (disk full, read-only) is given up with one warning: fetching
    goes on without it."""

    def __init__(self, path: str | Path, *, clock: Callable[[], float] = time.time,
                 retry_after: float = RETRY_AFTER_S, max_retry_after: float = MAX_RETRY_AFTER_S) -> None:
        self.path = Path(path)
        self.clock = clock
        self.retry_after = retry_after
        self.max_retry_after = max_retry_after
        where = str(self.path)
        if not self.path.parent.is_dir():
            raise SettingError(f"folder '{self.path.parent}' does not exist; expected the page cache's file in an "
                               "existing folder", where=where)
        self._con: sqlite3.Connection | None = None
        try:
            self._con = sqlite3.connect(self.path, timeout=10, isolation_level=None)  # each write commits
            tables = {row[0] for row in self._con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and CACHE_TABLE not in tables:
                raise SettingError(f"another program's SQLite file (tables {', '.join(sorted(tables))}), left as "
                                   "it is; expected a Flashpoint page cache or a new file: give another path",
                                   where=where)
            self._con.execute(
                f"CREATE TABLE IF NOT EXISTS {CACHE_TABLE} (url TEXT PRIMARY KEY, body BLOB, etag TEXT, "
                "last_modified TEXT, fetched_at REAL, used_at REAL NOT NULL, failures INTEGER NOT NULL DEFAULT 0, "
                "failed_at REAL, error TEXT)")
        except (sqlite3.Error, SettingError) as exc:
            if self._con is not None:
                self._con.close()
            if isinstance(exc, SettingError):
                raise
            raise SettingError(f"cannot be used as the page cache ({exc}); expected a Flashpoint page cache "
                               "(SQLite) or a new file: give another path, or delete it if it is one", where=where
                               ) from None

    def __enter__(self) -> PageCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._con is None:
            return
        self._write(f"DELETE FROM {CACHE_TABLE} WHERE used_at < ?", (self.clock() - KEEP_UNUSED_S,))
        if self._con is not None:
            self._con.close()
            self._con = None

    def _write(self, sql: str, parameters: tuple) -> None:
        if self._con is None:
            return
        try:
            self._con.execute(sql, parameters)
        except sqlite3.Error as exc:  # the cache saves requests; it must never cost an article
            logger.warning("%s: page cache cannot be written (%s); going on without it (pages are fetched "
                           "every run until it can be)", self.path, exc)
            self._con.close()
            self._con = None

    def get(self, url: str) -> CachedPage | None:
        if self._con is None:
            return None
        try:
            row = self._con.execute(f"SELECT body, etag, last_modified, failures, failed_at, error FROM "
                                    f"{CACHE_TABLE} WHERE url = ?", (url,)).fetchone()
        except sqlite3.Error as exc:
            logger.warning("%s: page cache cannot be read (%s); going on without it", self.path, exc)
            return None
        if row is None:
            return None
        body = None
        if row[0] is not None:
            try:
                body = zlib.decompress(row[0])
            except zlib.error:
                body = None  # a damaged copy is no copy: the page is fetched again
        return CachedPage(url, body, row[1], row[2], int(row[3]), row[4], row[5])

    def retry_at(self, page: CachedPage) -> float | None:
        """When ``page``, failed, may be asked for again (Unix time), or None when it has not failed."""
        if not page.failures or page.failed_at is None:
            return None
        return page.failed_at + min(self.retry_after * 2 ** min(page.failures - 1, 30), self.max_retry_after)

    def backing_off(self, page: CachedPage) -> bool:
        retry = self.retry_at(page)
        return retry is not None and self.clock() < retry

    # A page's failures are cleared only once its text was read (remember_read): a page fetched whole, or found
    # unchanged, that has no article text still counts as failing, and its back-off goes on growing.

    def remember_page(self, url: str, body: bytes, *, etag: str | None, last_modified: str | None) -> None:
        now = self.clock()
        self._write(f"INSERT INTO {CACHE_TABLE} (url, body, etag, last_modified, fetched_at, used_at) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET body = excluded.body, "
                    "etag = excluded.etag, last_modified = excluded.last_modified, fetched_at = excluded.fetched_at, "
                    "used_at = excluded.used_at",
                    (url, zlib.compress(body), etag, last_modified, now, now))

    def remember_not_modified(self, url: str, *, etag: str | None, last_modified: str | None) -> None:
        now = self.clock()
        self._write(f"UPDATE {CACHE_TABLE} SET etag = ?, last_modified = ?, fetched_at = ?, used_at = ? "
                    "WHERE url = ?", (etag, last_modified, now, now, url))

    def remember_read(self, url: str) -> None:
        self._write(f"UPDATE {CACHE_TABLE} SET failures = 0, failed_at = NULL, error = NULL WHERE url = ? "
                    "AND failures > 0", (url,))

    def remember_failure(self, url: str, error: str) -> None:
        now = self.clock()
        self._write(f"INSERT INTO {CACHE_TABLE} (url, used_at, failures, failed_at, error) VALUES (?, ?, 1, ?, ?) "
                    "ON CONFLICT (url) DO UPDATE SET used_at = excluded.used_at, failures = failures + 1, "
                    "failed_at = excluded.failed_at, error = excluded.error", (url, now, now, error))

    def remember_used(self, url: str) -> None:
        self._write(f"UPDATE {CACHE_TABLE} SET used_at = ? WHERE url = ?", (self.clock(), url))


@contextlib.contextmanager
def _opened(cache: PageCache | str | Path | None) -> Iterator[PageCache | None]:
    """The cache ``cache`` names: one given open stays open (its owner closes it); a path is opened here."""
    if cache is None or isinstance(cache, PageCache):
        yield cache
        return
    with PageCache(cache) as opened:
        yield opened


def _when(unix_time: float) -> str:
    return dt.datetime.fromtimestamp(unix_time, tz=dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _fetch_kept(url: str, timeout: float, pages: PageCache | None, *, copy_stands_in: bool) -> tuple[bytes, bool]:
    """``url``'s body, and whether the server gave it (False: the copy stood in). Asked for conditionally when a
    copy is kept, the copy when the answer is 304. When the request fails, the failure is remembered and, if
    ``copy_stands_in``, the copy is used (with a warning)."""
    kept = pages.get(url) if pages is not None else None
    copy = kept.body if kept is not None else None
    validators = kept if copy is not None else None  # a 304 is only of use with a copy to read
    try:
        answer = _request(url, timeout, etag=validators.etag if validators else None,
                          last_modified=validators.last_modified if validators else None)
    except UnreadableInput as exc:
        if pages is not None and copy_stands_in:
            pages.remember_failure(url, exc.message)
        if copy is None or not copy_stands_in:
            raise
        logger.warning("%s: %s; the copy fetched before is used", url, exc.message)
        return copy, False
    if pages is None:
        return answer.body, True
    if answer.status == 304 and copy is not None:
        logger.debug("%s: not modified; the copy kept is used", url)
        pages.remember_not_modified(url, etag=answer.etag, last_modified=answer.last_modified)
        return copy, True
    pages.remember_page(url, answer.body, etag=answer.etag, last_modified=answer.last_modified)
    return answer.body, True


class _RememberedFailure(UnreadableInput):
    """A linked page that failed on an earlier run and is within its back-off: not asked for this run (the
    warning was given when it failed)."""


def _copy_while_backing_off(kept: CachedPage, pages: PageCache) -> bytes:
    """The copy of a page that failed on an earlier run and is within its back-off, or _RememberedFailure."""
    retry = _when(pages.retry_at(kept) or 0.0)
    if kept.body is None:
        raise _RememberedFailure(f"failed {kept.failures} time(s), last at {_when(kept.failed_at or 0.0)} "
                                 f"({kept.error}); not asked for again before {retry}", where=kept.url)
    logger.debug("%s: failed before (%s); the copy kept is used until %s", kept.url, kept.error, retry)
    pages.remember_used(kept.url)
    return kept.body


def _linked_article(link: str, *, date: dt.date | None, timeout: float, pages: PageCache | None) -> Article:
    """The article of an entry's linked page; an :class:`InputError` saying why it cannot be had.

    With a cache: conditional requests; a page that failed is not asked for again within its back-off; while
    it fails, the copy fetched before (if any) stands in for it."""
    kept = pages.get(link) if pages is not None else None
    asked = not (pages is not None and kept is not None and pages.backing_off(kept))
    answered = False  # the server gave the page (or said it is unchanged) on this run
    if asked:
        body, answered = _fetch_kept(link, timeout, pages, copy_stands_in=True)
    else:
        body = _copy_while_backing_off(kept, pages)  # type: ignore[arg-type]
    try:
        article = article_from_html(body, origin=link, url=link, published=date)
    except InputError as exc:
        if not asked:  # the copy of a page without text: said when it was fetched
            raise _RememberedFailure(exc.message, where=link) from None
        if pages is not None and answered:  # (a failed request is remembered already)
            pages.remember_failure(link, exc.message)  # a page without text is not worth asking for each run
        raise
    if pages is not None and answered and kept is not None and kept.failures:
        pages.remember_read(link)
    return article


# --------------------------------------------------------------------------------------------- feeds


def _check_xml(data: bytes, where: str) -> None:
    """Refuse what is not XML, and XML that declares entities (billion laughs, external entities)."""
    import defusedxml.ElementTree as SafeET  # noqa: PLC0415, N812
    from defusedxml import DefusedXmlException  # noqa: PLC0415

    try:
        SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise BadFeed(f"unsafe XML refused ({type(exc).__name__}: entity declarations are not allowed in a "
                      "feed); expected a plain RSS or Atom document", where=where) from None
    except SafeET.ParseError as exc:
        raise BadFeed(f"not XML ({exc}); expected an RSS or Atom feed", where=where) from None


def _entry_date(entry: dict) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.timezone.utc).date()
            except (OverflowError, OSError, ValueError):
                continue  # a date past what the platform's clock can hold is no date
    return None


def _plain(fragment: str) -> str:
    text = _TAG.sub(" ", fragment)
    return re.sub(r"[ \t]+", " ", html.unescape(text)).strip()


def _entry_text(entry: dict) -> str:
    for content in entry.get("content") or []:
        value = _plain(content.get("value") or "")
        if value:
            return value
    return _plain(entry.get("summary") or entry.get("description") or "")


def read_feed(source: str, *, published: dt.date | None = None, fetch_links: bool | None = None,
              timeout: float | None = None, cache: PageCache | str | Path | None = None
              ) -> Iterator[Article | ReadFailure]:
    """The articles of one RSS/Atom feed (a file path or an http(s) URL), each bad entry a ReadFailure.

    ``timeout``: seconds for each request in all (default: setting ``feed_timeout``). ``cache``: a
    :class:`PageCache` or the path of its file (opened and closed here); None keeps nothing between runs."""
    with _opened(cache) as pages:
        yield from _read_feed(source, published=published, fetch_links=fetch_links, timeout=_feed_timeout(timeout),
                              pages=pages)


def _read_feed(source: str, *, published: dt.date | None, fetch_links: bool | None, timeout: float,
               pages: PageCache | None) -> Iterator[Article | ReadFailure]:
    import feedparser  # noqa: PLC0415

    fetch_links = bool(get_setting("feed_fetch_links")) if fetch_links is None else fetch_links
    try:
        if is_url(source):
            try:
                data, _ = _fetch_kept(source, timeout, pages, copy_stands_in=False)  # a feed down is said, each run
            except UnreadableInput as exc:  # a feed that cannot be fetched is a bad feed (errors.BadFeed)
                raise BadFeed(exc.message, where=source) from None
        else:
            try:
                data = Path(source).read_bytes()
            except OSError as exc:
                raise UnreadableInput(f"cannot be read ({exc.strerror or exc}); expected a feed file",
                                      where=source) from None
        if not data.strip():
            raise EmptyInput("is empty; expected an RSS or Atom feed", where=source)
        _check_xml(data, source)
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
        if not parsed.get("version") and not parsed.entries:
            raise BadFeed("XML, but not an RSS or Atom feed (no channel or feed element); expected a feed",
                          where=source)
    except InputError as exc:
        logger.debug("feed %s skipped: %s", source, exc.message)
        yield ReadFailure(exc.where or source, exc)
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    logger.info("feed %s (%s): %d entries", source, outlet or "untitled", len(parsed.entries))
    for number, entry in enumerate(parsed.entries, start=1):
        origin = f"{source}#{number}"
        link = (entry.get("link") or "").strip() or None
        date = _entry_date(entry) or published
        try:
            article = None
            page_trouble: InputError | None = None  # why the linked page was not used
            if fetch_links and link and is_url(link):
                try:
                    article = _linked_article(link, date=date, timeout=timeout, pages=pages)
                except InputError as exc:
                    page_trouble = exc
            if article is None:
                text = _entry_text(entry)
                title = (entry.get("title") or "").strip()
                if not text:
                    linked = (f" and its linked page could not be used ({page_trouble.message})" if page_trouble
                              else "")
                    raise EmptyInput(f"entry has no text (no content or summary{linked}); expected an entry with a "
                                     "summary or a linked article", where=origin)
                article = Article.from_text(text, url=link, title=title or None, published=date,
                                            dateline=split_dateline(text))
                if page_trouble is not None:
                    warning = f"{link}: linked page not used ({page_trouble.message}); the entry's summary is the text"
                    # said on stderr when it fails; while the failure is remembered (cache) the article still says so
                    level = logging.INFO if isinstance(page_trouble, _RememberedFailure) else logging.WARNING
                    logger.log(level, "%s: %s", origin, warning)
                    article.warnings = (*article.warnings, warning)
            article.source = article.source or outlet
            article.origin = origin
            if date is not None:
                article.published = date  # the feed's date for the entry is the publication date
            yield article
        except InputError as exc:
            yield ReadFailure(origin, exc)


# --------------------------------------------------------------------------------------------- sources


def read_sources(sources: Iterable[str], *, published: dt.date | None = None, fetch_links: bool | None = None,
                 cache: PageCache | str | Path | None = None) -> Iterator[Article | ReadFailure]:
    """Articles from files, folders (recursively), feed files and feed URLs, in order.

    ``cache``: the page cache of feed URLs and linked pages (:class:`PageCache` or its file), None for none."""
    with _opened(cache) as pages:
        for source in sources:
            source = str(source)
            if is_url(source):
                yield from _read_feed(source, published=published, fetch_links=fetch_links,
                                      timeout=_feed_timeout(None), pages=pages)
                continue
            path = Path(source)
            items: list[Path | ReadFailure]
            if source != "-" and path.is_dir():
                items = list(walk_folder(path, ARTICLE_SUFFIXES | FEED_SUFFIXES))
                logger.debug("folder %s: %d article or feed file(s)", source, len(items))
            else:
                items = [path]
            for item in items:
                if isinstance(item, ReadFailure):
                    yield item  # a subfolder that cannot be listed, a broken link: said, not skipped
                elif item.suffix.lower() in FEED_SUFFIXES:
                    yield from _read_feed(str(item), published=published, fetch_links=fetch_links,
                                          timeout=_feed_timeout(None), pages=pages)
                else:
                    yield from read_articles([item if source != "-" else "-"], published=published)
