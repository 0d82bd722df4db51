"""RSS/Atom feeds -> ``Article`` records, and the expansion of ``flashpoint ingest`` sources.

:func:`read_feed` reads a feed file or an ``http(s)`` URL. The bytes are first checked with defusedxml (a DTD
with entities, an external entity or an "XML bomb" is refused, as is anything that is not XML), then parsed by
feedparser. Each entry becomes one article: the main text of its linked page (trafilatura, setting
``feed_fetch_links``, time limit ``feed_timeout``), else its content or summary as plain text; its published
date; its outlet (the feed's title). A feed that cannot be read is one :class:`ReadFailure`; an entry that has
no text is one ReadFailure naming the entry, and the other entries are still read.

:func:`read_sources` expands what ``flashpoint ingest`` is given: files, folders (recursively: ``.txt``,
``.html``/``.htm``, ``.jsonl``, and ``.xml``/``.rss``/``.atom`` feeds), feed URLs and ``-``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import logging
import re
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path

from flashpoint.errors import BadFeed, EmptyInput, InputError, UnreadableInput
from flashpoint.ingest.dateline import split_dateline
from flashpoint.ingest.readers import ReadFailure, article_from_html, read_articles
from flashpoint.model import Article
from flashpoint.settings import get_setting

__all__ = ["FEED_SUFFIXES", "ARTICLE_SUFFIXES", "fetch", "read_feed", "read_sources", "is_url"]

FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson"})
MAX_BYTES = 20 * 1024 * 1024  # a feed or page larger than this is refused, not read into memory
USER_AGENT = "flashpoint (+https://github.com/) feed reader"
_TAG = re.compile(r"<[^>]+>")

logger = logging.getLogger(__name__)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetch(url: str, *, timeout: float | None = None) -> bytes:
    """GET ``url`` with a time limit; :class:`UnreadableInput` saying why it failed."""
    timeout = float(get_setting("feed_timeout")) if timeout is None else timeout
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    logger.debug("fetching %s (time limit %g s)", url, timeout)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only)
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise UnreadableInput(f"HTTP {exc.code} {exc.reason}; expected the page or feed to be served",
                              where=url) from None
    except TimeoutError:
        raise UnreadableInput(f"timed out after {timeout:g} s (setting feed_timeout); try again later",
                              where=url) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise UnreadableInput(f"timed out after {timeout:g} s (setting feed_timeout); try again later",
                                  where=url) from None
        raise UnreadableInput(f"cannot be fetched ({reason}); expected a reachable http(s) URL",
                              where=url) from None
    logger.debug("fetched %s: %d bytes", url, len(data))
    if len(data) > MAX_BYTES:
        raise UnreadableInput(f"larger than {MAX_BYTES // (1024 * 1024)} MB; expected a feed or a news page",
                              where=url)
    return data


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
            return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.timezone.utc).date()
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
              timeout: float | None = None) -> Iterator[Article | ReadFailure]:
    """The articles of one RSS/Atom feed (a file path or an http(s) URL), each bad entry a ReadFailure."""
    import feedparser  # noqa: PLC0415

    fetch_links = bool(get_setting("feed_fetch_links")) if fetch_links is None else fetch_links
    try:
        if is_url(source):
            data = fetch(source, timeout=timeout)
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
            if fetch_links and link and is_url(link):
                try:
                    article = article_from_html(fetch(link, timeout=timeout), origin=link, url=link,
                                                published=date)
                except InputError as exc:
                    logger.debug("%s: linked page %s not used (%s); the entry's own text instead", origin, link,
                                 exc.message)
                    article = None  # the page is gone or has no text: the entry's own text is used
            if article is None:
                text = _entry_text(entry)
                title = (entry.get("title") or "").strip()
                if not text:
                    raise EmptyInput("entry has no text (no content or summary, and its link gave none); "
                                     "expected an entry with a summary or a linked article", where=origin)
                article = Article.from_text(text, url=link, title=title or None, published=date,
                                            dateline=split_dateline(text))
            article.source = article.source or outlet
            article.origin = origin
            if date is not None:
                article.published = date  # the feed's date for the entry is the publication date
            yield article
        except InputError as exc:
            yield ReadFailure(origin, exc)


def _walk(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            suffix = path.suffix.lower()
            if suffix in ARTICLE_SUFFIXES or suffix in FEED_SUFFIXES:
                yield path


def read_sources(sources: Iterable[str], *, published: dt.date | None = None,
                 fetch_links: bool | None = None) -> Iterator[Article | ReadFailure]:
    """Articles from files, folders (recursively), feed files and feed URLs, in order."""
    for source in sources:
        source = str(source)
        if is_url(source):
            yield from read_feed(source, published=published, fetch_links=fetch_links)
            continue
        path = Path(source)
        if source != "-" and path.is_dir():
            paths = list(_walk(path))
            logger.debug("folder %s: %d article or feed file(s)", source, len(paths))
        else:
            paths = [path]
        for item in paths:
            if item.suffix.lower() in FEED_SUFFIXES:
                yield from read_feed(str(item), published=published, fetch_links=fetch_links)
            else:
                yield from read_articles([item if source != "-" else "-"], published=published)
