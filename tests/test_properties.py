"""Property-based tests (hypothesis) of the readers, the coder and the date resolver on random and hostile input.

The properties are the promises the rest of the system builds on:

* readers: bad input never raises; it becomes a ``ReadFailure`` whose error is a ``FlashpointError`` naming the
  file (and line); every article read has text.
* coder: no text raises; every mention's offsets lie inside the article text and its sentence is the text
  between them; every code (PLOVER event, mode, contexts; CAMEO) is in the ontology.
* date resolver: any expression and any publication date, ``date.min`` and ``date.max`` included, give None or a
  real ``datetime.date`` with a precision from ``model.DATE_PRECISIONS``.

Words that make the coder find events are drawn from the project's own dictionaries and cue files, not listed
here. Examples are few and short (this module runs in well under a minute); a failure prints the shrunk input,
which then belongs in an example-based regression test next to the fix.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import io
import itertools
import json
import re
from pathlib import Path

import hypothesis
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from flashpoint.datafiles import data_path, read_tsv
from flashpoint.errors import FlashpointError
from flashpoint.ingest import ReadFailure, read_articles
from flashpoint.ingest.feeds import read_feed, read_sources
from flashpoint.model import DATE_PRECISIONS, Article
from flashpoint.resolve.dates import load_calendar, resolve_date


def examples(count: int) -> settings:
    """``count`` examples; no per-example deadline (the model makes a coder example take 0.05-1 s, and a slow
    example is not a failure); no example database in the working tree (a failure prints its shrunk input)."""
    return settings(max_examples=count, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


_counter = itertools.count()

# ------------------------------------------------------------------------------------------------ hostile text

# Every code point but lone surrogates (which no UTF-8 input can produce): controls, format characters
# (bidi marks, zero-width joiners), combining marks, private use, unassigned.
ANY_CHAR = st.characters(exclude_categories=("Cs",))
CONTROL_CHAR = st.characters(categories=("Cc", "Cf", "Zl", "Zp", "Zs"))
# Scripts a news text mixes in: Latin, Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai, CJK, Hangul, emoji.
SCRIPT_RANGES = ((0x41, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x590, 0x5FF), (0x600, 0x6FF), (0x900, 0x97F),
                 (0xE00, 0xE7F), (0x4E00, 0x4FFF), (0xAC00, 0xAD00), (0x1F300, 0x1F64F))
MIXED_SCRIPT_CHAR = st.one_of([st.characters(min_codepoint=low, max_codepoint=high) for low, high in SCRIPT_RANGES])
PUNCTUATION = st.sampled_from(list(".,;:!?-\u2014\u2013'\"()[]{}\u2026/\\|*&%$#@"))


def _repeated(char: st.SearchStrategy[str], low: int, high: int) -> st.SearchStrategy[str]:
    return st.tuples(char, st.integers(low, high)).map(lambda pair: pair[0] * pair[1])


def _dates_written() -> st.SearchStrategy[str]:
    """Dates as news writes them, and as it does not (year 1, year 9999)."""
    formats = st.sampled_from(["%d %B %Y", "%B %d, %Y", "%A", "%B", "%Y", "%Y-%m-%d", "%d/%m/%Y", "on %A",
                               "last %A", "%b. %d", "in %B %Y", "%dth of %B"])
    return st.tuples(st.dates(), formats).map(lambda pair: pair[0].strftime(pair[1]))


def _numbers() -> st.SearchStrategy[str]:
    return st.one_of(st.integers(-(10**30), 10**30).map(str),
                     st.floats(allow_nan=True, allow_infinity=True).map(repr),
                     st.integers(0, 10**9).map(lambda n: f"{n:,}"))


def hostile_pieces(words: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """One piece of a hostile text; ``words`` adds real words (names, triggers) so rules fire on the rest."""
    return st.one_of(
        st.text(ANY_CHAR, max_size=40),
        st.text(CONTROL_CHAR, min_size=1, max_size=8),
        st.text(MIXED_SCRIPT_CHAR, min_size=1, max_size=20),
        _repeated(st.sampled_from("aZ\u0627\u4e00x1"), 200, 3000),  # one very long token
        _repeated(PUNCTUATION, 2, 200),  # "!!!!!!", "......", "------"
        st.text(st.characters(categories=("Lu",)), min_size=1, max_size=12),  # SHOUTED WORDS
        st.text(st.characters(categories=("Lu", "Ll")), min_size=1, max_size=12).map(str.capitalize),
        _numbers(),
        _dates_written(),
        words,
    )


def hostile_texts(words: st.SearchStrategy[str], *, max_pieces: int = 12, word_share: int = 1
                  ) -> st.SearchStrategy[str]:
    """Pieces joined by odd separators; ``word_share`` more draws of ``words`` make real sentences more common."""
    pieces = st.one_of(hostile_pieces(words), *[words] * (word_share - 1)) if word_share > 1 else hostile_pieces(words)
    separators = st.sampled_from([" ", " ", "\n", "\n\n", "", ". ", ", ", "\t", "\r\n", " -- "])
    return st.lists(st.tuples(pieces, separators), min_size=1, max_size=max_pieces).map(
        lambda parts: "".join(piece + sep for piece, sep in parts))


# ------------------------------------------------------------------------------------------------ readers

JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(ANY_CHAR, max_size=30))
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                                 st.dictionaries(st.text(max_size=5), inner,
                                                                                 max_size=3)), max_leaves=8)
RECORD_FIELDS = ("id", "text", "published", "url", "source", "title")


@st.composite
def jsonl_records(draw: st.DrawFn) -> str:
    """A JSON object with some of the fields a record has, each of a random type, and stray fields."""
    record = {}
    for name in draw(st.lists(st.sampled_from(RECORD_FIELDS), unique=True)):
        record[name] = draw(st.one_of(JSON_VALUES, hostile_texts(st.just("Police fired tear gas"), max_pieces=4),
                                      _dates_written(), st.dates().map(dt.date.isoformat)))
    record.update(draw(st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=2)))
    return json.dumps(record, ensure_ascii=draw(st.booleans()))


JSONL_LINES = st.one_of(
    jsonl_records().map(lambda line: line.encode("utf-8")),
    JSON_VALUES.map(lambda value: json.dumps(value).encode("utf-8")),  # JSON, but not an object
    st.text(ANY_CHAR, max_size=60).map(lambda text: text.encode("utf-8")),  # not JSON
    st.binary(max_size=60),  # not UTF-8, NUL bytes
    st.integers(1, 5000).map(lambda depth: b"[" * depth + b"]" * depth),  # nested too deep
    st.sampled_from([b"", b" ", b"\0", b"\xef\xbb\xbf{}", b'{"text": "\\ud800"}', b'{"text": 1e999}']),
)


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(JSONL_LINES, max_size=8))
    ending = draw(st.sampled_from([b"\n", b"\r\n", b"\r"]))
    return ending.join(lines) + draw(st.sampled_from([b"", ending]))


FILE_BYTES = st.one_of(
    st.binary(max_size=300),
    hostile_texts(st.just("Israeli troops attacked Hamas positions in Gaza.")).map(lambda text: text.encode("utf-8")),
    st.text(ANY_CHAR, max_size=80).map(lambda text: text.encode("utf-16")),  # a BOM, then UTF-16
    st.text(ANY_CHAR, max_size=80).map(lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
    st.text(ANY_CHAR, max_size=80).map(lambda text: f"<html><body><p>{text}</p></body></html>".encode()),
    st.text(ANY_CHAR, max_size=80).map(lambda text: f"<?xml version='1.0'?><rss><channel><item><description>"
                                                    f"{text}</description></item></channel></rss>".encode()),
    jsonl_files(),
)
SUFFIXES = st.sampled_from([".txt", ".jsonl", ".ndjson", ".html", ".htm", ".xhtml", ".md", "", ".JSONL", ".rss",
                            ".xml", ".atom"])


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def _write(folder: Path, data: bytes, suffix: str) -> Path:
    path = folder / f"input{next(_counter)}{suffix}"
    path.write_bytes(data)
    return path


def check_items(items: list, where: str) -> None:
    """Every item is an article with text, or a failure whose error is a FlashpointError naming ``where``."""
    for item in items:
        if isinstance(item, ReadFailure):
            assert isinstance(item.error, FlashpointError), item
            assert item.origin.startswith(where), (item.origin, where)
            assert item.error.where and item.error.where.startswith(where), (item.error.where, where)
            assert item.message  # printable, one line for the summary
        else:
            assert isinstance(item, Article), item
            assert item.text.strip(), item
            for value in (item.text, item.id, item.url, item.title, item.source):
                assert value is None or value.encode("utf-8", "strict")  # storable: no lone surrogate ("\\ud800")
            assert item.origin and item.origin.startswith(where), (item.origin, where)
            assert item.id


def _non_blank_lines(data: bytes) -> int:
    """Lines as the reader sees them: ending at \n (a lone \r is inside one), blank when only (Unicode) white
    space, a BOM opening the file dropped; a line that is not UTF-8 is not blank."""
    count = 0
    for number, line in enumerate(data.split(b"\n")):
        try:
            text = line.decode("utf-8-sig" if number == 0 else "utf-8")
        except UnicodeDecodeError:
            count += 1
            continue
        count += bool(text.strip())
    return count


def _binary_file(data: bytes) -> bool:
    """What the readers refuse as a whole (module docstring of ingest.readers): UTF-16/32, or a head of mostly
    control bytes. One NUL in a line of text is that line's fault, not the file's."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for byte in head if (byte < 0x20 and byte not in b"\t\n\r\f\v\x1b") or byte == 0x7F)
    return bool(head) and controls / len(head) > 0.1


@examples(150)
@given(data=FILE_BYTES, suffix=SUFFIXES)
@example(data=b"\0", suffix=".jsonl")
@example(data=b'{"text": "Police fired tear gas."}\n\0\n{"text": "Rebels attacked a base."}\n', suffix=".jsonl")
@example(data=b"\xff\xfe", suffix=".txt")
@example(data=b"<html></html>", suffix=".html")
def test_reading_any_file_gives_articles_with_text_or_failures_naming_it(scratch, data, suffix):
    path = _write(scratch, data, suffix)
    check_items(list(read_sources([str(path)], fetch_links=False)), str(path))
    if suffix.lower() not in (".rss", ".xml", ".atom"):
        check_items(list(read_articles([path])), str(path))


@examples(100)
@given(data=jsonl_files())
@example(data=b'{"text": "Rebels attacked a base."}\n{"text": "\\ud800"}\n{"id": "\\udfff", "text": "Police fired."}\n')
@example(data=b'{"text": "Police fired tear gas."}\n\0\n{"text": "Rebels attacked a base."}\n')
def test_every_jsonl_line_is_an_article_or_a_failure_naming_its_line(scratch, data):
    """One bad line loses that line only: each non-blank line gives one item, the failures name their line."""
    path = _write(scratch, data, ".jsonl")
    items = list(read_articles([path]))
    check_items(items, str(path))
    if not _non_blank_lines(data) or _binary_file(data):
        return  # an empty or binary file is one failure naming the file
    assert len(items) == _non_blank_lines(data), [getattr(i, "message", i.origin) for i in items]
    for item in items:
        if isinstance(item, ReadFailure):
            assert re.fullmatch(re.escape(str(path)) + r":\d+", item.error.where), item.error.where


@examples(100)
@given(data=FILE_BYTES)
@example(data=b"\xef\xbb\xbf")  # only a BOM: no text
@example(data=b"\xef\xbb\xbf \n\t")
def test_standard_input_as_bytes_or_text(data):
    check_items(list(read_articles(["-"], stdin=io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))), "<stdin>")
    text = data.decode("utf-8", "replace")
    check_items(list(read_articles(["-"], stdin=io.StringIO(text))), "<stdin>")


@examples(40)
@given(files=st.lists(st.tuples(st.text(st.characters(categories=("L", "N", "Zs")), min_size=1, max_size=10),
                                SUFFIXES, FILE_BYTES, st.booleans()), max_size=6))
def test_a_folder_of_hostile_files(scratch, files):
    folder = scratch / f"folder{next(_counter)}"
    (folder / "sub").mkdir(parents=True)
    for name, suffix, data, nested in files:
        (folder / "sub" if nested else folder).joinpath(f"{name.strip() or 'x'}{suffix}").write_bytes(data)
    check_items(list(read_sources([str(folder)], fetch_links=False)), str(folder))


@examples(60)
@given(entries=st.lists(st.tuples(hostile_texts(st.just("Rebels attacked a base."), max_pieces=4),
                                  st.text(ANY_CHAR, max_size=20), st.one_of(st.text(max_size=30), _dates_written())),
                        max_size=5))
def test_feed_entries_are_articles_with_text_or_failures_naming_the_entry(scratch, entries):
    from xml.sax.saxutils import escape  # noqa: PLC0415

    def clean(text: str) -> str:  # XML 1.0 cannot carry control characters: a feed with them is "not XML"
        return escape(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text))

    items = "".join(f"<item><title>{clean(title)}</title><pubDate>{clean(date)}</pubDate>"
                    f"<description>{clean(text)}</description></item>" for text, title, date in entries)
    path = _write(scratch, f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{items}"
                           "</channel></rss>".encode(), ".rss")
    found = list(read_feed(str(path), fetch_links=False))
    check_items(found, str(path))
    assert len(found) == len(entries)


# ------------------------------------------------------------------------------------------------ the coder


@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder  # noqa: PLC0415

    return Coder()


@functools.lru_cache(maxsize=1)
def _vocabulary() -> tuple[list[str], list[str]]:
    """Actor names and one-word trigger patterns of the built-in dictionaries."""
    from flashpoint.dictionaries.actors import load_actor_dictionary  # noqa: PLC0415
    from flashpoint.dictionaries.triggers import load_trigger_dictionary  # noqa: PLC0415

    names = sorted({p["pattern"] for p in load_actor_dictionary().entity_patterns() if isinstance(p["pattern"], str)})
    triggers = sorted({e.pattern for e in load_trigger_dictionary().entries if " " not in e.pattern})
    return names, triggers


@st.composite
def news_words(draw: st.DrawFn) -> str:
    """A name, a trigger word, or a sentence the rules read as an event ("Ankara will attack Hamas in Gaza ...").
    Drawn by index from the dictionaries (a composite keeps the strategy's repr short in failure reports)."""
    names, triggers = _vocabulary()

    def name() -> str:
        return names[draw(st.integers(0, len(names) - 1))]

    trigger = triggers[draw(st.integers(0, len(triggers) - 1))]
    kind = draw(st.sampled_from(["name", "trigger", "sentence", "sentence"]))
    if kind == "name":
        return name()
    if kind == "trigger":
        return trigger
    modal = draw(st.sampled_from(["", "will ", "did not ", "threatened to ", "may "]))
    end = draw(st.sampled_from([".", "", "!", ";", "..."]))
    return f"{name()} {modal}{trigger} {name()} in {name()} {draw(_dates_written())}{end}"


def check_events(coder, article: Article) -> None:
    ontology = coder.resources.ontology
    text = article.text
    events = coder.code(article)  # raises the article's error, if there is one: no error is expected
    hypothesis.event("events found" if events else "no events")  # --hypothesis-show-statistics: the rules did fire
    for event in events:
        code = event.code
        assert code.event in ontology.events, code
        assert ontology.has_cameo(code.cameo), code
        assert code.mode is None or code.mode in ontology.modes(code.event), code
        assert set(code.context) <= set(ontology.contexts), code
        assert event.status in ("asserted", "hypothetical", "negated", "background"), event.status
        assert event.date_precision is None or event.date_precision in DATE_PRECISIONS
        for mention in event.mentions:
            assert 0 <= mention.start <= mention.end <= len(text), (mention.start, mention.end, len(text))
            assert mention.sentence == text[mention.start:mention.end], mention
            assert mention.start <= mention.trigger_start < max(mention.end, mention.start + 1), mention
            if not mention.anaphoric:  # the trigger's head is at trigger_start (the parsed body may be truecased)
                at = text[mention.trigger_start:].lower()
                assert any(at.startswith(word.lower()) for word in mention.trigger.split()), (at[:30], mention)
            assert mention.date_precision is None or mention.date_precision in DATE_PRECISIONS
            assert mention.date is None or type(mention.date) is dt.date


PUBLISHED = st.one_of(st.none(), st.dates(), st.sampled_from([dt.date.min, dt.date.max, dt.date(1, 1, 2),
                                                              dt.date(9999, 12, 30), dt.date(2024, 2, 29)]))


@pytest.mark.slow
@examples(60)
@given(data=st.data(), published=PUBLISHED)
def test_coding_hostile_text_stays_inside_the_text_and_the_ontology(coder, data, published):
    text = data.draw(hostile_texts(news_words(), word_share=6), label="text")
    check_events(coder, Article.from_text(text, published=published))


@pytest.mark.slow
@examples(40)
@given(data=st.data(), published=PUBLISHED, dateline=st.sampled_from(["", "ISLAMABAD, Jan 18 (Reuters) - ",
                                                                      "GAZA CITY -- ", "Kyiv, Ukraine \u2014 "]))
def test_coding_news_sentences_after_a_dateline(coder, data, published, dateline):
    """Mostly real sentences (so events are found), behind a dateline: offsets count from the article's start."""
    sentences = data.draw(st.lists(news_words(), min_size=1, max_size=6), label="sentences")
    written = data.draw(st.sampled_from([str, str.lower, str.upper]), label="case")  # caseless text is truecased
    check_events(coder, Article.from_text(written(dateline + " ".join(sentences)), published=published))


# ------------------------------------------------------------------------------------------------ dates


def _relative_phrases() -> list[str]:
    return [row["phrase"] for _, row in read_tsv(data_path("cues", "relative_dates.tsv"),
                                                  ("id", "phrase", "anchor", "offset", "precision"))]


@st.composite
def time_expressions(draw: st.DrawFn) -> str:
    calendar = load_calendar()
    lead = draw(st.sampled_from(["", "on ", "in ", "last ", "early ", "since ", "late "]))
    body = draw(st.one_of(
        st.sampled_from(_relative_phrases()),
        st.sampled_from(calendar.weekdays).map(str.capitalize),
        st.tuples(st.sampled_from(calendar.months), st.integers(-5, 40), st.integers(0, 20000)).map(
            lambda m: f"{m[0]} {m[1]}, {m[2]}"),
        st.tuples(st.integers(0, 99), st.sampled_from(calendar.months)).map(lambda m: f"{m[0]} {m[1]}"),
        st.integers(0, 99999).map(str),
        _dates_written(),
        st.text(ANY_CHAR, max_size=30),
        hostile_texts(st.sampled_from(calendar.months), max_pieces=3),
    ))
    return lead + body + draw(st.sampled_from(["", ",", " ago", " morning", "s"]))


DATE_EDGES = [dt.date.min, dt.date(1, 1, 7), dt.date(1, 12, 31), dt.date(2, 1, 1), dt.date(9999, 1, 1),
              dt.date(9999, 12, 25), dt.date.max]


@examples(300)
@given(text=time_expressions(), published=st.one_of(st.dates(), st.sampled_from(DATE_EDGES)),
       previous=st.one_of(st.none(), st.dates(), st.sampled_from(DATE_EDGES)))
def test_any_time_expression_resolves_to_a_real_date_or_none(text, published, previous):
    resolved = resolve_date(text, published=published, previous=previous)
    if resolved is not None:
        assert type(resolved.date) is dt.date, resolved
        assert resolved.precision in DATE_PRECISIONS, resolved
        assert resolved.text == text


# ------------------------------------------------------------------------------------------------ found by the above


@pytest.mark.parametrize("text, published", [
    ("Wednesday", dt.date.min),  # OverflowError: the Wednesday before 0001-01-01 (a Monday)
    ("yesterday", dt.date.min),
    ("the previous day", dt.date.min),
    ("last week", dt.date(1, 1, 3)),
    ("Saturday", dt.date.max),  # a Friday: "the day after a page's date" is past the calendar
])
def test_a_date_outside_the_calendar_is_no_date(text, published):
    assert resolve_date(text, published=published) is None


def test_dates_at_the_calendar_edges_still_resolve():
    assert resolve_date("yesterday", published=dt.date.max).date == dt.date(9999, 12, 30)
    assert resolve_date("Monday", published=dt.date.min).date == dt.date.min  # 0001-01-01 was a Monday


@pytest.mark.slow
def test_an_article_with_a_placeholder_date_is_coded(coder):
    """A publication date of 0001-01-01 (an export's "unknown") made "yesterday" an OverflowError: the whole
    article failed. Now the act is coded, undated by its phrase."""
    article = Article.from_text("Rebels attacked an army base in Gaza yesterday.", published=dt.date.min)
    [event] = coder.code(article)
    assert event.code.event == "ASSAULT" and event.date == dt.date.min and event.date_precision == "week"
