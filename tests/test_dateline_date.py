"""The dateline's date as the publication date of an article that carries none (``dateline_date`` and the
readers), and the one-line note when articles have no date at all."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from flashpoint.cli.main import main
from flashpoint.ingest import read_articles
from flashpoint.ingest.dateline import dateline_date, split_dateline

WIRE = "ISLAMABAD, Jan 18 (Reuters) - Pakistan carried out strikes on militant hideouts in Iran on Thursday."
PLAIN = "Pakistan carried out strikes on militant hideouts in Iran on Thursday, officials said."


@pytest.mark.parametrize("text, expected", [
    ("QUETTA, Pakistan, 18 January 2024 (AFP) -- Officials said.", dt.date(2024, 1, 18)),
    ("YEREVAN, Sept. 13, 2022 (Xinhua) -- Shelling resumed.", dt.date(2022, 9, 13)),
    ("BEIRUT: Officials said.", None),
    ("GAZA CITY (AP) - Officials said.", None),
])
def test_the_dateline_year_when_it_has_one(text, expected):
    assert dateline_date(split_dateline(text)) == expected


def test_a_dateline_without_a_year():
    dateline = split_dateline(WIRE)
    assert dateline_date(dateline, near=dt.date(2024, 1, 20)) == dt.date(2024, 1, 18)
    assert dateline_date(dateline, near=dt.date(2023, 12, 29)) == dt.date(2024, 1, 18)  # the nearest year
    assert dateline_date(dateline, today=dt.date(2025, 3, 1)) == dt.date(2025, 1, 18)
    assert dateline_date(dateline, today=dt.date(2025, 1, 2)) == dt.date(2024, 1, 18)  # never after today
    leap = split_dateline("KYIV, Feb. 29 (Reuters) - Officials said.")
    assert dateline_date(leap, today=dt.date(2027, 6, 1)) == dt.date(2024, 2, 29)
    assert dateline_date(None) is None


def test_readers_use_the_dateline_when_the_article_has_no_date(tmp_path):
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "plain.txt").write_text(PLAIN, encoding="utf-8")
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"id": "own", "text": WIRE, "published": "2024-01-19"}) + "\n"
                       + json.dumps({"id": "none", "text": WIRE}) + "\n", encoding="utf-8")
    found = {a.origin.rsplit("/", 1)[-1]: a.published
             for a in read_articles([tmp_path / "wire.txt", tmp_path / "plain.txt", records],
                                    published=dt.date(2024, 2, 1))}
    assert found["wire.txt"] == dt.date(2024, 1, 18)  # the dateline's day, the year nearest --published
    assert found["plain.txt"] == dt.date(2024, 2, 1)  # --published
    assert found["r.jsonl:1"] == dt.date(2024, 1, 19)  # the record's own date wins
    assert found["r.jsonl:2"] == dt.date(2024, 1, 18)
    [bare] = read_articles([tmp_path / "plain.txt"])
    assert bare.published is None


@pytest.mark.slow
def test_code_says_once_how_many_articles_had_no_date(tmp_path):
    for n in range(2):
        (tmp_path / f"plain{n}.txt").write_text(PLAIN + f" Report {n}.", encoding="utf-8")
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(tmp_path / "plain0.txt"), str(tmp_path / "plain1.txt"),
                                       str(tmp_path / "wire.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("had no date") == 1 and "2 article(s) had no date" in result.stderr
    dated = [json.loads(line) for line in result.stdout.splitlines() if json.loads(line)["date"]]
    day = dt.date.fromisoformat(dated[0]["date"])  # the Thursday on or before the dateline's 18 January
    assert (day.month, day.weekday()) == (1, 3) and 12 <= day.day <= 18
