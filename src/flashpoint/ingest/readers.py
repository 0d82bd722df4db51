"""Reading articles from files and standard input.

:func:`read_articles` turns paths into :class:`~flashpoint.model.Article` records, streaming, and never raises
for bad input: a file or line that cannot be read (an :class:`~flashpoint.errors.InputError`) becomes a
:class:`ReadFailure` in the same stream and the next one is read. Other errors (a broken dictionary) propagate.

What each path is read as, by its suffix (case-insensitive):

``.jsonl`` / ``.ndjson``
    One JSON object per line, read line by line (a 1 GB file is never held in memory). Fields: ``text``
    (required, a non-empty string, kept exactly as written), ``id`` (optional string or integer; derived from
    the text and url when absent), ``published`` (optional ``YYYY-MM-DD`` or ISO 8601 datetime; the date is
    taken as written, no time-zone conversion; null or "" means none), ``url``, ``source``, ``title``
    (optional strings or null).
    Other fields are ignored. Blank lines are skipped. Origin: ``"path:line"``. A line that cannot be read (not
    UTF-8, a NUL byte, not JSON) fails alone, named by its line number; the other lines are still read.
``.html`` / ``.htm`` / ``.xhtml``
    Main text through trafilatura (comments and tables left out), with its metadata for title, publication date
    and url. UTF-8, or the charset the page declares in a ``<meta>`` tag. A first line equal to the title (the
    ``<h1>``) is dropped so the text starts with the body. A page with no line of at least four words is
    :class:`EmptyInput`.
``.txt`` and anything else
    One article: UTF-8 (a BOM is dropped), CRLF and CR line ends become LF, as Python's text mode would.
``-``
    Standard input, origin ``"<stdin>"``. JSONL when its first non-blank line is a JSON object (later lines
    that are not are reported as malformed, not silently read as text), HTML when it opens with ``<!DOCTYPE
    html``/``<html``, plain text otherwise. Only JSONL is streamed; text and HTML are read whole.

Encodings are never guessed: bytes that are not UTF-8 are an :class:`UnreadableInput` naming the byte offset and
suggesting a conversion. NUL bytes or mostly control characters are a "binary file" (in JSONL, mostly control
characters; a NUL byte fails only its line).

``published=`` (``--published``) is the date of articles that carry none; an article's own date wins, and
after it the date of its dateline (``Islamabad, Jan 18 (Reuters) -``; ``dateline.dateline_date``).
Every article gets ``dateline = split_dateline(text)``; the text is not cut.

Implausible publication dates: an article's own date (a record's ``published``, a page's date) before
``EARLIEST_PUBLISHED`` (1900-01-01: ``0001-01-01`` is how many exports write "unknown") or more than
``FUTURE_DAYS`` (2) days after today (a clock or a typo; a day ahead is only a time zone) is not a date the
article was published on. It is ignored, with one warning on stderr naming the article, and the article is coded
as if it carried none (its dateline's date, else ``published=``). A ``published=`` outside that range is a
:class:`SettingError`. So a publication date is never near the ends of what a date can be (years 1 and 9999),
where the date windows counted from it would overflow.

:func:`walk_folder` lists the files of a folder source, with a :class:`ReadFailure` for each part of it that
cannot be read (a subfolder without permission, a broken link), so that nothing is skipped without a word.
"""

from __future__ import annotations

import codecs
import datetime as dt
import itertools
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from flashpoint.errors import (
    EmptyInput,
    FlashpointError,
    InputError,
    MalformedRecord,
    SettingError,
    UnreadableInput,
)
from flashpoint.ingest.dateline import dateline_date, split_dateline
from flashpoint.model import Article

__all__ = ["ReadFailure", "article_from_html", "article_from_line", "parse_published", "plausible_published",
           "read_articles", "walk_folder"]

logger = logging.getLogger(__name__)

STDIN_ORIGIN = "<stdin>"
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SNIFF_BYTES = 8192
MIN_WORDS_PER_LINE = 4  # an HTML page must give at least one line this long to count as an article
EARLIEST_PUBLISHED = dt.date(1900, 1, 1)  # before it: a placeholder (0001-01-01) or a typo, not a news report
FUTURE_DAYS = 2  # a report dated a day ahead of this clock is a time zone; more is a clock or a typo

_EXPECT_UTF8 = "expected UTF-8 text (convert it first, e.g. `iconv -f WINDOWS-1252 -t UTF-8 FILE`)"
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].+)?")
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CONTROL_BYTES = frozenset(range(0x20)) - frozenset(b"\t\n\r\f\v\x1b") | {0x7F}


@dataclass(frozen=True)
class ReadFailure:
    """A file or line that could not be read; the stream goes on after it."""

    origin: str  # "path" or "path:line"
    error: FlashpointError

    @property
    def message(self) -> str:
        """One line: ``"<origin>: <what is wrong>; expected <what>"``."""
        return f"{self.origin}: {self.error.message}"

    @property
    def code(self) -> str:
        return self.error.code

    def to_dict(self) -> dict[str, str | None]:
        return {**self.error.to_dict(), "where": self.origin}

    def __str__(self) -> str:
        return self.message


# --------------------------------------------------------------------------------------------- dates


def _parse_date(value: str) -> dt.date:
    """``YYYY-MM-DD`` or an ISO 8601 datetime -> its date as written; ValueError with the reason otherwise."""
    value = value.strip()
    if not _DATE_SHAPE.fullmatch(value):
        raise ValueError("not in YYYY-MM-DD form")
    if len(value) == 10:
        return dt.date.fromisoformat(value)
    return dt.datetime.fromisoformat(value).date()


def _date_error(value: object, reason: str | None) -> str:
    why = f" ({reason})" if reason and reason != "not in YYYY-MM-DD form" else ""
    return f"bad published date {value!r}{why}; expected YYYY-MM-DD or an ISO 8601 datetime"


def parse_published(value: str, *, where: str) -> dt.date:
    """Parse a publication date. ``where`` names the setting or record it came from, for the error.

    Raises :class:`SettingError` when ``where == "--published"`` (a command-line option), else
    :class:`MalformedRecord`.
    """
    error_class = SettingError if where == "--published" else MalformedRecord
    if not isinstance(value, str):
        raise error_class(_date_error(value, f"a {_json_type(value)}, not a string"), where=where)
    try:
        return _parse_date(value)
    except ValueError as exc:
        raise error_class(_date_error(value, str(exc)), where=where) from None


# --------------------------------------------------------------------------------------------- decoding


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _binary_reason(sample: bytes, *, nul_is_binary: bool = True) -> str | None:
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # reported as UTF-16 by _check_bytes
    if nul_is_binary and b"\0" in sample:
        return "binary file (NUL bytes)"
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if sample and controls / len(sample) > 0.1:
        return "binary file (mostly control bytes)"
    return None


def _check_bytes(sample: bytes, where: str, *, nul_is_binary: bool = True) -> None:
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise UnreadableInput("UTF-32 text; " + _EXPECT_UTF8.replace("WINDOWS-1252", "UTF-32"), where=where)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableInput("UTF-16 text; " + _EXPECT_UTF8.replace("WINDOWS-1252", "UTF-16"), where=where)
    reason = _binary_reason(sample, nul_is_binary=nul_is_binary)
    if reason:
        raise UnreadableInput(f"{reason}; expected UTF-8 text", where=where)


def _decode_utf8(data: bytes, where: str, *, base_offset: int = 0) -> str:
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = base_offset + bom + exc.start
        raise UnreadableInput(
            f"not valid UTF-8 at byte {offset} (0x{data[bom + exc.start]:02x}); {_EXPECT_UTF8}", where=where
        ) from None


def _decode_document(data: bytes, where: str) -> str:
    """A whole text file as str: no guessing; empty, binary and non-UTF-8 files are errors."""
    if not data:
        raise EmptyInput("empty file; expected article text", where=where)
    _check_bytes(data[:SNIFF_BYTES], where)
    text = _decode_utf8(data, where)
    if not text.strip():
        raise EmptyInput("only whitespace; expected article text", where=where)
    return text


def _decode_html(data: bytes, where: str) -> str:
    """UTF-8, or the charset the page declares; never a guess."""
    if not data:
        raise EmptyInput("empty file; expected an HTML page", where=where)
    _check_bytes(data[:SNIFF_BYTES], where)
    try:
        return _decode_utf8(data, where)
    except UnreadableInput:
        declared = _META_CHARSET.search(data[:4096])
        if declared is None:
            raise
        charset = declared.group(1).decode("ascii")
        try:
            codec = codecs.lookup(charset)
        except LookupError:
            raise UnreadableInput(
                f"declares unknown charset {charset!r}; expected UTF-8 or a known charset", where=where
            ) from None
        if codec.name == "utf-8":
            raise
        try:
            return data.decode(codec.name)
        except UnicodeDecodeError as exc:
            raise UnreadableInput(
                f"not valid {charset} (its declared charset) at byte {exc.start}; {_EXPECT_UTF8}", where=where
            ) from None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------------------------- articles


def plausible_published(day: dt.date, *, today: dt.date | None = None) -> bool:
    """Whether ``day`` can be a news report's publication date (module docstring: from 1900 to two days on)."""
    today = today or dt.date.today()
    return EARLIEST_PUBLISHED <= day <= today + dt.timedelta(days=FUTURE_DAYS)


def _implausible_published(day: dt.date) -> str:
    if day < EARLIEST_PUBLISHED:
        return f"before {EARLIEST_PUBLISHED.isoformat()}"
    return f"more than {FUTURE_DAYS} days after today"


def _dated(own: dt.date | None, dateline: Any, default: dt.date | None, where: str | None) -> dt.date | None:
    """The article's date: its own (a record's field, a page's date), else its dateline's, else ``default``
    (``--published``; the dateline's year, when it has none, is the one nearest it: ``dateline_date``). An own
    date that cannot be a publication date is ignored with a warning (module docstring)."""
    if own is not None and not plausible_published(own):
        logger.warning("%s: published date %s is %s, a placeholder or a typo: ignored; the article is coded as "
                       "undated (or by its dateline or --published); fix the date to use it",
                       where or "article", own.isoformat(), _implausible_published(own))
        own = None
    return own or dateline_date(dateline, near=default) or default


def _text_article(text: str, origin: str, published: dt.date | None) -> Article:
    text = _normalise_newlines(text)
    if not text.strip():
        raise EmptyInput("no text (only blank characters); expected article text", where=origin)
    dateline = split_dateline(text)
    return Article.from_text(text, published=_dated(None, dateline, published, origin), origin=origin,
                             dateline=dateline)


def article_from_html(
    html: str | bytes,
    *,
    origin: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
) -> Article:
    """The article in an HTML page, through trafilatura. ``published`` is used only when the page has no date.

    Raises :class:`EmptyInput` when trafilatura finds no article text, :class:`UnreadableInput` when the page
    cannot be parsed.
    """
    import trafilatura  # noqa: PLC0415 (slow import, only needed for HTML)

    if isinstance(html, bytes):
        html = _decode_html(html, origin or "HTML")
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # a third-party parser: any failure is this page's, not the batch's
        raise UnreadableInput(
            f"HTML could not be parsed ({type(exc).__name__}: {exc}); expected an HTML page", where=origin
        ) from exc  # the cause: `-v` shows its traceback
    text = _normalise_newlines((document.text or "") if document is not None else "").strip()
    if not any(len(line.split()) >= MIN_WORDS_PER_LINE for line in text.splitlines()):
        raise EmptyInput("no article text found in the HTML; expected a page with an article body", where=origin)
    title = (document.title or "").strip() or None
    first, _, rest = text.partition("\n")
    if title and rest.strip() and " ".join(first.split()) == " ".join(title.split()):
        text = rest.lstrip("\n")
    page_date = None
    if document.date:
        try:
            page_date = _parse_date(str(document.date))
        except ValueError as exc:
            logger.debug("%s: page date %r ignored (%s)", origin or url or "HTML", document.date, exc)
            page_date = None  # metadata we cannot read is not the user's error
    dateline = split_dateline(text)
    return Article.from_text(
        text,
        published=_dated(page_date, dateline, published, origin or url),
        url=url or document.url or None,
        title=title,
        origin=origin,
        dateline=dateline,
    )


def _optional_string(record: dict[str, Any], field: str, where: str) -> str | None:
    value = record.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedRecord(
            f"field {field!r} is a {_json_type(value)}, not a string; expected a string or null", where=where
        )
    return value.strip() or None


_SURROGATE = re.compile("[\ud800-\udfff]")


def article_from_record(record: Any, *, origin: str, published: dt.date | None = None) -> Article:
    """One JSONL record -> Article; :class:`MalformedRecord` naming the field when it is wrong."""
    if not isinstance(record, dict):
        raise MalformedRecord(
            f"a JSON {_json_type(record)}, not an object; expected one JSON object per line with a 'text' field",
            where=origin,
        )
    for name, value in record.items():
        # JSON may escape half a UTF-16 pair ("\ud800"): a string no UTF-8 file, hash or database can hold
        if isinstance(value, str) and _SURROGATE.search(value):
            raise MalformedRecord(f"field {name!r} holds an unpaired surrogate escape (\\ud800-\\udfff); expected "
                                  "valid Unicode text", where=origin)
    if "text" not in record:
        raise MalformedRecord("field 'text' is missing; expected a non-empty string", where=origin)
    text = record["text"]
    if not isinstance(text, str):
        raise MalformedRecord(
            f"field 'text' is a {_json_type(text)}, not a string; expected a non-empty string", where=origin
        )
    if not text.strip():
        raise MalformedRecord("field 'text' is empty; expected a non-empty string", where=origin)

    article_id = record.get("id")
    if article_id is not None:
        if isinstance(article_id, int) and not isinstance(article_id, bool):
            article_id = str(article_id)
        elif not isinstance(article_id, str):
            raise MalformedRecord(
                f"field 'id' is a {_json_type(article_id)}; expected a string, or no 'id' to derive one",
                where=origin,
            )
        elif not article_id.strip():
            raise MalformedRecord("field 'id' is empty; expected a string, or no 'id' to derive one", where=origin)
        elif any(ord(c) < 32 or ord(c) == 127 for c in article_id):
            # an id is printed one per line and used in file names and URLs: no tab, newline or NUL in it
            raise MalformedRecord("field 'id' holds a control character (tab, newline, NUL); expected printable "
                                  "text", where=origin)
        else:
            article_id = article_id.strip()

    own_date = record.get("published")
    if isinstance(own_date, str) and not own_date.strip():
        own_date = None  # "" is how many exports write "unknown"
    if own_date is not None:
        if not isinstance(own_date, str):
            raise MalformedRecord(
                f"field 'published' is a {_json_type(own_date)}, not a string; "
                "expected YYYY-MM-DD or an ISO 8601 datetime",
                where=origin,
            )
        try:
            own_date = _parse_date(own_date)
        except ValueError as exc:
            raise MalformedRecord(f"field 'published': {_date_error(own_date, str(exc))}", where=origin) from None

    dateline = split_dateline(text)
    return Article.from_text(
        text,
        id=article_id,
        published=_dated(own_date, dateline, published, origin),
        url=_optional_string(record, "url", origin),
        source=_optional_string(record, "source", origin),
        title=_optional_string(record, "title", origin),
        origin=origin,
        dateline=dateline,
    )


# --------------------------------------------------------------------------------------------- JSONL


def article_from_line(line: str, *, where: str, published: dt.date | None = None) -> Article | ReadFailure:
    """One decoded, non-blank JSONL line -> Article, or the ReadFailure saying why not (``where``: "path:line").
    The line-level rules of every JSONL reader, the Spark job's included: a NUL byte, bad JSON, a field that is
    not what it should be each fail that line alone. The line's end is not part of it (a JSON error's column
    is the one in the line as written, whoever split the file into lines)."""
    line = line.rstrip("\r\n")
    nul = line.find("\0")
    if nul >= 0:  # binary data in one line: that line fails, the others are read
        return ReadFailure(where, UnreadableInput(
            f"NUL byte at column {nul + 1} (binary data); expected one JSON object per line of UTF-8 text",
            where=where))
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadFailure(where, MalformedRecord(
            f"not valid JSON ({exc.msg} at column {exc.colno}); expected one JSON object per line", where=where))
    except RecursionError:
        return ReadFailure(where, MalformedRecord("JSON nested too deeply; expected a flat object", where=where))
    try:
        return article_from_record(record, origin=where, published=published)
    except InputError as exc:
        return ReadFailure(where, exc)


def _read_jsonl_lines(
    lines: Iterable[tuple[int, bytes | str]], origin: str, published: dt.date | None
) -> Iterator[Article | ReadFailure]:
    """``lines`` yields (line number, raw line); raw bytes are decoded here, with the file byte offset on error."""
    offset = 0
    records = 0
    for number, raw in lines:
        where = f"{origin}:{number}"
        line_offset = offset
        if isinstance(raw, bytes):
            offset += len(raw)
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
                line_offset += len(codecs.BOM_UTF8)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                records += 1
                yield ReadFailure(
                    where,
                    UnreadableInput(
                        f"not valid UTF-8 at byte {line_offset + exc.start} of the file "
                        f"(column {exc.start + 1}, 0x{raw[exc.start]:02x}); {_EXPECT_UTF8}",
                        where=where,
                    ),
                )
                continue
        else:
            line = raw.lstrip("\ufeff") if number == 1 else raw
        if not line.strip():
            continue
        records += 1
        yield article_from_line(line, where=where, published=published)
    if records == 0:
        raise EmptyInput("no records, the file is empty or blank; expected one JSON object per line", where=origin)


def _read_jsonl_file(handle: BinaryIO, origin: str, published: dt.date | None) -> Iterator[Article | ReadFailure]:
    head = handle.read(SNIFF_BYTES)
    _check_bytes(head, origin, nul_is_binary=False)  # a NUL is one line's fault (mostly control bytes: binary)
    handle.seek(0)
    yield from _read_jsonl_lines(enumerate(handle, 1), origin, published)


# --------------------------------------------------------------------------------------------- stdin


def _checked(lines: Iterable[bytes | str], origin: str) -> Iterator[bytes | str]:
    """A text stream opened strict raises UnicodeDecodeError while iterating: make it an InputError."""
    try:
        yield from lines
    except UnicodeDecodeError as exc:
        raise UnreadableInput(f"not valid UTF-8 ({exc.reason}); {_EXPECT_UTF8}", where=origin) from None


def _read_stdin(stream: TextIO | None, published: dt.date | None) -> Iterator[Article | ReadFailure]:
    """JSONL if the first non-blank line is a JSON object, HTML if it opens like a page, text otherwise."""
    if stream is None:
        stream = sys.stdin
    source: BinaryIO | TextIO = getattr(stream, "buffer", None) or stream
    origin = STDIN_ORIGIN
    lines = iter(source)
    head: list[bytes | str] = []
    first = None
    try:
        for raw in lines:
            head.append(raw)
            if raw.strip():
                first = raw
                break
    except UnicodeDecodeError as exc:  # a text stream that was opened strict
        raise UnreadableInput(f"not valid UTF-8 ({exc.reason}); {_EXPECT_UTF8}", where=origin) from None
    if first is None:
        raise EmptyInput("nothing on standard input; expected article text or JSONL", where=origin)

    first_text = first.decode("utf-8", "replace") if isinstance(first, bytes) else first
    first_text = first_text.lstrip("\ufeff").strip()
    is_jsonl = False
    if first_text.startswith("{"):
        try:
            is_jsonl = isinstance(json.loads(first_text), dict)
        except (json.JSONDecodeError, RecursionError):
            is_jsonl = False
    if is_jsonl:
        yield from _read_jsonl_lines(enumerate(_checked(itertools.chain(head, lines), origin), 1), origin, published)
        return

    try:
        rest = list(lines)
    except UnicodeDecodeError as exc:
        raise UnreadableInput(f"not valid UTF-8 ({exc.reason}); {_EXPECT_UTF8}", where=origin) from None
    if isinstance(first, bytes):
        data = b"".join([*head, *rest])  # type: ignore[list-item]
        if _HTML_START.match(first_text):
            yield article_from_html(data, origin=origin, published=published)
            return
        yield _text_article(_decode_document(data, origin), origin, published)
        return
    text = "".join([*head, *rest]).lstrip("\ufeff")  # type: ignore[list-item]
    if "\0" in text:
        raise UnreadableInput("binary data (NUL characters); expected UTF-8 text", where=origin)
    if _HTML_START.match(text):
        yield article_from_html(text, origin=origin, published=published)
        return
    yield _text_article(text, origin, published)


# --------------------------------------------------------------------------------------------- files


def _open(path: Path, origin: str) -> BinaryIO:
    try:
        return open(path, "rb")  # noqa: SIM115 (closed by the caller)
    except FileNotFoundError:
        raise UnreadableInput(
            "file not found; expected an existing file, or '-' for standard input", where=origin
        ) from None
    except IsADirectoryError:
        raise UnreadableInput("is a directory; expected a file (.txt, .html, .jsonl)", where=origin) from None
    except PermissionError:
        raise UnreadableInput("permission denied; expected a readable file", where=origin) from None
    except OSError as exc:
        raise UnreadableInput(
            f"cannot be opened ({exc.strerror or exc}); expected a readable file", where=origin
        ) from None


def _read_path(
    path: str | Path, origin: str, published: dt.date | None, stdin: TextIO | None
) -> Iterator[Article | ReadFailure]:
    if str(path) == "-":
        yield from _read_stdin(stdin, published)
        return
    path = Path(path)
    suffix = path.suffix.lower()
    logger.debug("reading %s as %s", origin,
                 "JSONL" if suffix in JSONL_SUFFIXES else "HTML" if suffix in HTML_SUFFIXES else "text")
    with _open(path, origin) as handle:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl_file(handle, origin, published)
        elif suffix in HTML_SUFFIXES:
            yield article_from_html(handle.read(), origin=origin, published=published)
        else:
            yield _text_article(_decode_document(handle.read(), origin), origin, published)


def read_articles(
    paths: Iterable[str | Path],
    *,
    published: dt.date | None = None,
    stdin: TextIO | None = None,
) -> Iterator[Article | ReadFailure]:
    """Articles from ``paths`` (``-`` is standard input), in order, each bad file or line a ReadFailure.

    ``published`` is the default date for articles that carry none. ``stdin`` replaces ``sys.stdin``.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path, not its characters
    if isinstance(published, dt.datetime):
        published = published.date()
    if published is not None and not isinstance(published, dt.date):
        raise TypeError(f"published must be a datetime.date or None, not {type(published).__name__}")
    if published is not None and not plausible_published(published):
        raise SettingError(f"bad value {published.isoformat()} ({_implausible_published(published)}); expected the "
                           f"day the articles were published, from {EARLIEST_PUBLISHED.isoformat()} to "
                           f"{FUTURE_DAYS} days after today", where="--published")
    for path in paths:
        origin = STDIN_ORIGIN if str(path) == "-" else str(path)
        try:
            yield from _read_path(path, origin, published, stdin)
        except InputError as exc:  # a DictionaryError or PipelineError is not this file's fault: it propagates
            logger.debug("%s: skipped: %s", exc.where or origin, exc.message)
            yield ReadFailure(exc.where or origin, exc)
        except OSError as exc:  # a read that fails after the open (I/O error, file removed on a network share)
            error = UnreadableInput(f"read failed ({exc.strerror or exc}); expected a readable file", where=origin)
            error.__cause__ = exc  # `-v` shows its traceback
            logger.debug("%s: read failed", origin, exc_info=exc)
            yield ReadFailure(origin, error)


# --------------------------------------------------------------------------------------------- folders


def _folder_failure(exc: OSError) -> ReadFailure:
    where = str(exc.filename)
    why = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
    error = UnreadableInput(f"folder cannot be read ({why}), its files are left out; expected a readable folder "
                            "(chmod u+rx)", where=where)
    error.__cause__ = exc  # `-v` shows its traceback
    return ReadFailure(where, error)


def _entry_failure(path: Path, wanted: frozenset[str]) -> ReadFailure | None:
    """A ReadFailure for a folder entry that is not a file that could be read, when it is one we would read;
    None when it is a regular file (or a link to one)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:  # a link to nothing, a link loop: reported when it names something we would read
        target = Path(os.readlink(path)) if path.is_symlink() else path
        if not (path.suffix.lower() in wanted or target.suffix.lower() in wanted or not path.suffix):
            return None
        why = (f"broken symbolic link (to {str(target)!r})" if isinstance(exc, FileNotFoundError)
               else f"cannot be read ({exc.strerror or exc})")
        return ReadFailure(str(path), UnreadableInput(f"{why}; expected a file, or a link to one", where=str(path)))
    if stat.S_ISREG(mode) or path.suffix.lower() not in wanted:
        return None
    # a named pipe or a device: opening it could block forever, and it is no article file
    return ReadFailure(str(path), UnreadableInput(
        "not a regular file (a named pipe, socket or device); expected a file", where=str(path)))


def walk_folder(folder: str | Path, suffixes: Iterable[str]) -> Iterator[Path | ReadFailure]:
    """The files under ``folder`` (recursively, in path order, hidden files left out) whose suffix is one of
    ``suffixes``, and a :class:`ReadFailure` in their place for what cannot be read: a subfolder that cannot be
    listed (no permission), a broken link, a named pipe or device with one of the suffixes. Links to folders are
    not followed (one may loop back); each is logged as a warning."""
    wanted = frozenset(suffix.lower() for suffix in suffixes)
    folder = Path(folder)
    found: list[tuple[Path, Path | ReadFailure]] = []

    def unreadable(exc: OSError) -> None:
        found.append((Path(str(exc.filename)), _folder_failure(exc)))

    for root, folders, files in os.walk(folder, onerror=unreadable, followlinks=False):
        base = Path(root)
        for name in folders:
            if (base / name).is_symlink():
                logger.warning("%s: a link to a folder, not followed (a link may loop); give the folder itself",
                               base / name)
        for name in files:
            path = base / name
            if name.startswith("."):
                continue
            failure = _entry_failure(path, wanted)
            if failure is not None:
                found.append((path, failure))
            elif path.suffix.lower() in wanted:
                found.append((path, path))
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item
