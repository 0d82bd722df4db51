"""read_articles: every bad file or line is one ReadFailure naming where, and the batch goes on."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest

from flashpoint.errors import EmptyInput, MalformedRecord, SettingError, UnreadableInput
from flashpoint.ingest import ReadFailure, article_from_html, parse_published, read_articles
from flashpoint.ingest import dateline as dateline_module
from flashpoint.ingest import readers
from flashpoint.model import Article, article_id_for

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _no_actor_dictionary(monkeypatch):
    """Reading does not depend on the actor dictionary: dateline countries are tested in test_dateline.py."""
    monkeypatch.setattr(dateline_module, "_dictionary_entries", lambda name, actors: [])
GOOD_TXT = FIXTURES / "article.txt"


def read(*paths, **kwargs) -> list[Article | ReadFailure]:
    return list(read_articles([str(p) for p in paths], **kwargs))


def failures(items) -> list[ReadFailure]:
    return [i for i in items if isinstance(i, ReadFailure)]


def articles(items) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_one_failure(path: Path | str, error_class: type, *phrases: str) -> ReadFailure:
    """The bad file sits between two good ones: exactly one failure, and both good articles still come out."""
    items = read(GOOD_TXT, path, GOOD_TXT)
    [failure] = failures(items)
    assert len(articles(items)) == 2
    assert [type(i) for i in items] == [Article, ReadFailure, Article]  # order kept
    assert isinstance(failure.error, error_class)
    assert failure.code == error_class.code
    assert failure.origin == str(path)
    assert failure.message.startswith(f"{path}: ")
    assert "; expected " in failure.message
    assert "\n" not in failure.message
    for phrase in phrases:
        assert phrase in failure.message
    return failure


# ------------------------------------------------------------------------------------------ good input


def test_txt_article():
    [article] = read(GOOD_TXT)
    text = GOOD_TXT.read_text(encoding="utf-8")
    assert article.text == text
    assert article.origin == str(GOOD_TXT)
    assert article.id == article_id_for(text)
    assert article.source is None and article.published is None and article.url is None
    assert article.dateline is not None and article.dateline.place == "WASHINGTON"
    assert article.text[article.dateline.end :].startswith("The United States")  # text is not cut


def test_txt_with_bom_and_crlf(tmp_path):
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbfBEIRUT: First line.\r\nSecond line.\rThird.\r\n")
    [article] = read(path)
    assert article.text == "BEIRUT: First line.\nSecond line.\nThird.\n"
    assert article.dateline is not None and article.dateline.end == len("BEIRUT: ")


def test_unknown_suffix_is_read_as_text(tmp_path):
    path = write(tmp_path, "story.md", "Rebels seized the town of Goma on Sunday.".encode())
    [article] = read(path)
    assert article.text == "Rebels seized the town of Goma on Sunday."


def test_html_article_through_trafilatura():
    [article] = read(FIXTURES / "article.html")
    assert isinstance(article, Article)
    assert article.title == "Pakistan army says 12 militants killed in Balochistan raid"
    assert article.published == dt.date(2024, 1, 18)
    assert article.url == "https://frontier-ledger.example/world/2024/01/18/balochistan-raid"
    assert article.text.startswith("QUETTA, Pakistan — Pakistani security forces killed 12 militants")
    assert "exploiting its gas and mineral wealth" in article.text  # last paragraph kept
    for boilerplate in ("Subscribe", "cookies", "All rights reserved", "Most read", "Ten recipes"):
        assert boilerplate not in article.text
    assert article.dateline is not None and article.dateline.place == "QUETTA"
    assert article.text[article.dateline.end :].startswith("Pakistani security forces")


def test_html_declared_charset(tmp_path):
    page = (FIXTURES / "article.html").read_text(encoding="utf-8")
    page = page.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').replace("&mdash;", "\u2014")
    path = write(tmp_path, "latin.html", page.encode("cp1252"))
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.text.startswith("QUETTA, Pakistan \u2014 Pakistani")


def test_article_from_html_string():
    article = article_from_html((FIXTURES / "article.html").read_text(encoding="utf-8"), origin="page")
    assert article.origin == "page"
    assert article.title.startswith("Pakistan army says")


def test_jsonl_good_records_and_fields():
    items = read(FIXTURES / "articles.jsonl")
    by_origin = {i.origin: i for i in items}
    first = by_origin[f"{FIXTURES / 'articles.jsonl'}:1"]
    assert isinstance(first, Article)
    assert (first.id, first.published, first.url, first.source, first.title) == (
        "a1",
        dt.date(2024, 1, 18),
        "https://example.org/a1",
        "Reuters",
        "Twelve militants killed",
    )
    assert first.dateline is not None and first.dateline.text == "QUETTA, Pakistan (Reuters)"
    second = by_origin[f"{FIXTURES / 'articles.jsonl'}:2"]
    assert second.id == article_id_for(second.text)  # no id: derived from the text
    assert second.published == dt.date(2024, 1, 15)  # ISO datetime -> its date
    assert second.dateline is None  # "Iran said on Monday --" is a sentence
    last = by_origin[f"{FIXTURES / 'articles.jsonl'}:10"]
    assert isinstance(last, Article) and last.id == "a9"


def test_jsonl_bad_lines_each_one_failure_batch_goes_on():
    path = FIXTURES / "articles.jsonl"
    items = read(path)
    assert [i.origin for i in articles(items)] == [f"{path}:1", f"{path}:2", f"{path}:10"]  # line 3 is blank
    got = {f.origin: f for f in failures(items)}
    expected = {
        4: (MalformedRecord, "not valid JSON"),
        5: (MalformedRecord, "a JSON array, not an object"),
        6: (MalformedRecord, "field 'text' is missing"),
        7: (MalformedRecord, "field 'text' is empty"),
        8: (MalformedRecord, "field 'text' is a number, not a string"),
        9: (MalformedRecord, "field 'published': bad published date '2024-13-01'"),
    }
    assert sorted(got) == sorted(f"{path}:{n}" for n in expected)
    for number, (error_class, phrase) in expected.items():
        failure = got[f"{path}:{number}"]
        assert isinstance(failure.error, error_class)
        assert failure.message.startswith(f"{path}:{number}: {phrase}")
        assert "; expected " in failure.message


@pytest.mark.parametrize(
    ("record", "phrase"),
    [
        ('{"text": "x y", "id": ""}', "field 'id' is empty"),
        ('{"text": "x y", "id": [1]}', "field 'id' is a array"),
        ('{"text": "x y", "url": 5}', "field 'url' is a number, not a string"),
        ('{"text": "x y", "source": {"a": 1}}', "field 'source' is a object"),
        ('{"text": "x y", "published": 20240101}', "field 'published' is a number"),
        ('{"text": "x y", "published": "18/01/2024"}', "bad published date '18/01/2024'"),
        ('{"text": "   "}', "field 'text' is empty"),
        ("42", "a JSON number, not an object"),
    ],
)
def test_jsonl_field_errors(tmp_path, record, phrase):
    path = write(tmp_path, "one.jsonl", f'{{"text": "good one"}}\n{record}\n{{"text": "good two"}}\n'.encode())
    items = read(path)
    assert [a.text for a in articles(items)] == ["good one", "good two"]
    [failure] = failures(items)
    assert failure.origin == f"{path}:2"
    assert isinstance(failure.error, MalformedRecord)
    assert phrase in failure.message


def test_jsonl_integer_id_bom_and_crlf(tmp_path):
    path = write(tmp_path, "crlf.jsonl", b'\xef\xbb\xbf{"id": 7, "text": "a\\r\\nb"}\r\n\r\n{"text": "c"}\r\n')
    items = read(path)
    assert [(a.id, a.text, a.origin) for a in articles(items)][0] == ("7", "a\r\nb", f"{path}:1")  # text verbatim
    assert [a.origin for a in items] == [f"{path}:1", f"{path}:3"]


def test_jsonl_bad_utf8_line_names_line_and_offset(tmp_path):
    first_line = b'{"text": "ok"}\n'
    path = write(tmp_path, "enc.jsonl", first_line + b'{"text": "caf\xe9"}\n{"text": "ok too"}\n')
    items = read(path)
    assert len(articles(items)) == 2
    [failure] = failures(items)
    assert isinstance(failure.error, UnreadableInput)
    assert failure.origin == f"{path}:2"
    assert f"byte {len(first_line) + 13} of the file (column 14, 0xe9)" in failure.message
    assert "UTF-8" in failure.message


def test_jsonl_is_streamed(tmp_path):
    path = write(tmp_path, "big.jsonl", b'{"text": "first"}\n' + b"[broken\n" * 3)
    stream = read_articles([path])
    first = next(stream)
    assert isinstance(first, Article) and first.text == "first"  # yielded before the rest is parsed
    assert len(failures(stream)) == 3


def test_stdin_plain_text():
    [article] = read("-", stdin=io.StringIO("GAZA CITY, Jan. 3 -- Israeli strikes hit the city.\n"))
    assert article.origin == "<stdin>"
    assert article.text == "GAZA CITY, Jan. 3 -- Israeli strikes hit the city.\n"
    assert article.dateline is not None and article.dateline.place == "GAZA CITY"


def test_stdin_jsonl_when_first_line_is_an_object():
    stream = io.StringIO('\n{"id": "s1", "text": "one"}\nnot json\n{"text": "two"}\n')
    items = read("-", stdin=stream)
    assert [a.id for a in articles(items)][0] == "s1"
    assert [i.origin for i in items] == ["<stdin>:2", "<stdin>:3", "<stdin>:4"]
    assert isinstance(items[1].error, MalformedRecord)


def test_stdin_text_that_starts_with_a_brace_is_text():
    [article] = read("-", stdin=io.StringIO("{not json} Rebels attacked.\n"))
    assert isinstance(article, Article) and article.text.startswith("{not json}")


def test_stdin_bytes_buffer_html_and_bad_utf8():
    html = (FIXTURES / "article.html").read_bytes()
    [article] = read("-", stdin=io.TextIOWrapper(io.BytesIO(html), encoding="utf-8"))
    assert isinstance(article, Article) and article.title.startswith("Pakistan army")
    [failure] = read("-", stdin=io.TextIOWrapper(io.BytesIO(b"caf\xe9 au lait"), encoding="utf-8"))
    assert isinstance(failure.error, UnreadableInput) and "byte 3" in failure.message


class StrictTextStream(io.StringIO):
    """A text stream without .buffer whose third line cannot be decoded, like sys.stdin opened strict."""

    def __iter__(self):
        yield '{"text": "one"}\n'
        yield '{"text": "two"}\n'
        raise UnicodeDecodeError("utf-8", b"\xe9", 0, 1, "invalid continuation byte")


def test_stdin_text_stream_decode_error_mid_jsonl():
    items = read("-", GOOD_TXT, stdin=StrictTextStream())
    assert [type(i) for i in items] == [Article, Article, ReadFailure, Article]
    assert isinstance(items[2].error, UnreadableInput) and items[2].message.startswith("<stdin>: not valid UTF-8")


def test_stdin_empty():
    [failure] = read("-", stdin=io.StringIO("  \n\n"))
    assert isinstance(failure.error, EmptyInput)
    assert failure.message.startswith("<stdin>: ")


# ------------------------------------------------------------------------------------------ bad files


def test_missing_file(tmp_path):
    assert_one_failure(tmp_path / "nope.txt", UnreadableInput, "file not found")


def test_directory(tmp_path):
    assert_one_failure(tmp_path, UnreadableInput, "is a directory")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_no_permission_real(tmp_path):
    path = write(tmp_path, "secret.txt", b"text")
    path.chmod(0)
    assert_one_failure(path, UnreadableInput, "permission denied")


def test_no_permission(tmp_path, monkeypatch):
    path = write(tmp_path, "secret.txt", b"text")
    real_open = open

    def fake_open(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(readers, "open", fake_open, raising=False)
    assert_one_failure(path, UnreadableInput, "permission denied")


@pytest.mark.parametrize("name", ["empty.txt", "empty.jsonl", "empty.html"])
def test_empty_file(tmp_path, name):
    assert_one_failure(write(tmp_path, name, b""), EmptyInput, "empty")


@pytest.mark.parametrize("name", ["blank.txt", "blank.jsonl"])
def test_whitespace_only(tmp_path, name):
    assert_one_failure(write(tmp_path, name, b"  \n\t\r\n \n"), EmptyInput)


@pytest.mark.parametrize("name", ["image.txt", "image.jsonl", "image.html", "image.bin"])
def test_binary_file_nul_bytes(tmp_path, name):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    assert_one_failure(write(tmp_path, name, data), UnreadableInput, "binary file")


def test_binary_file_control_bytes(tmp_path):
    data = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 50 + b"some text"
    assert_one_failure(write(tmp_path, "noise.dat", data), UnreadableInput, "binary file")


def test_utf16_is_named(tmp_path):
    path = write(tmp_path, "wide.txt", "Rebels attacked.".encode("utf-16"))
    assert_one_failure(path, UnreadableInput, "UTF-16", "expected UTF-8")


def test_wrong_encoding_names_offset():
    path = FIXTURES / "cp1252.txt"
    assert_one_failure(path, UnreadableInput, "not valid UTF-8 at byte 13 (0x96)", "iconv")


def test_html_without_article_text():
    assert_one_failure(FIXTURES / "boilerplate.html", EmptyInput, "no article text found in the HTML")


def test_html_bad_encoding_without_declared_charset(tmp_path):
    path = write(tmp_path, "page.html", b"<html><body><p>Caf\xe9 owners said the strike went on.</p></body></html>")
    assert_one_failure(path, UnreadableInput, "not valid UTF-8 at byte 18 (0xe9)")


# ------------------------------------------------------------------------------------------ published


def test_published_default_and_precedence(tmp_path):
    default = dt.date(2020, 5, 5)
    jsonl = write(tmp_path, "p.jsonl", b'{"text": "own", "published": "2024-02-03"}\n{"text": "none"}\n')
    items = read(jsonl, GOOD_TXT, FIXTURES / "article.html", published=default)
    assert [a.published for a in items] == [dt.date(2024, 2, 3), default, default, dt.date(2024, 1, 18)]


def test_empty_published_string_means_none(tmp_path):
    path = write(tmp_path, "e.jsonl", b'{"text": "x y", "published": ""}\n{"text": "z", "published": null}\n')
    assert [a.published for a in read(path, published=dt.date(2022, 2, 2))] == [dt.date(2022, 2, 2)] * 2


def test_a_single_path_string_is_one_path():
    [article] = read_articles(str(GOOD_TXT))
    assert article.origin == str(GOOD_TXT)


def test_published_datetime_argument_becomes_date():
    [article] = read(GOOD_TXT, published=dt.datetime(2024, 3, 1, 23, 59))
    assert article.published == dt.date(2024, 3, 1)


def test_html_without_date_takes_default(tmp_path):
    page = (FIXTURES / "article.html").read_text(encoding="utf-8")
    page = "\n".join(line for line in page.splitlines() if "2024" not in line)
    [article] = read(write(tmp_path, "nodate.html", page.encode()), published=dt.date(2021, 1, 1))
    assert isinstance(article, Article) and article.published == dt.date(2021, 1, 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-18", dt.date(2024, 1, 18)),
        (" 2024-01-18 ", dt.date(2024, 1, 18)),
        ("2024-01-18T23:30:00", dt.date(2024, 1, 18)),
        ("2024-01-18T23:30:00Z", dt.date(2024, 1, 18)),
        ("2024-01-18 23:30:00+05:00", dt.date(2024, 1, 18)),  # the date as written, no time-zone shift
        ("2024-01-18T10:00:00.123456-08:00", dt.date(2024, 1, 18)),
    ],
)
def test_parse_published_good(value, expected):
    assert parse_published(value, where="x") == expected


@pytest.mark.parametrize(
    "value", ["2024-13-01", "2024-02-30", "18/01/2024", "20240118", "", "2024-01-18Tnoon", "yesterday"]
)
def test_parse_published_bad(value):
    with pytest.raises(MalformedRecord) as caught:
        parse_published(value, where="file.jsonl:3")
    assert caught.value.where == "file.jsonl:3"
    assert f"bad published date {value!r}" in caught.value.message
    assert "expected YYYY-MM-DD" in caught.value.message
    with pytest.raises(SettingError) as caught:
        parse_published(value, where="--published")
    assert str(caught.value).startswith(f"--published: bad published date {value!r}")


def test_parse_published_gives_the_reason():
    with pytest.raises(SettingError, match=r"bad published date '2024-13-01' \(month must be in 1\.\.12\)"):
        parse_published("2024-13-01", where="--published")


def test_read_failure_to_dict():
    [failure] = read("/nonexistent/x.txt")
    assert failure.to_dict() == {
        "code": "E101",
        "error": "UnreadableInput",
        "message": "file not found; expected an existing file, or '-' for standard input",
        "where": "/nonexistent/x.txt",
    }
    assert str(failure) == failure.message


def test_a_broken_dictionary_is_not_blamed_on_the_input(monkeypatch):
    from flashpoint.errors import DictionaryError

    def broken(name, actors):
        raise DictionaryError("duplicate phrase", where="actors.tsv:3")

    monkeypatch.setattr(dateline_module, "_dictionary_entries", broken)
    with pytest.raises(DictionaryError):
        list(read_articles([FIXTURES / "articles.jsonl"]))  # the QUETTA, Pakistan dateline needs a lookup
