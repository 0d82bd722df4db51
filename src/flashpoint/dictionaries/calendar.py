"""Weekday and month names (``data/cues/calendar.tsv``), read by the date resolver and by the text pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import data_path, read_tsv
from ..errors import DictionaryError

__all__ = ["DAY_PART", "Calendar", "load_calendar"]

DAY_PART = "day_part"  # the calendar.tsv kind of a part of a day


@dataclass(frozen=True)
class Calendar:
    weekdays: tuple[str, ...]  # Monday first: a day's index is its ``date.weekday()``
    months: tuple[str, ...]  # January first: the first three letters of each month's name
    day_parts: frozenset[str] = frozenset()  # "morning", "night": a weekday with one is still that day


@lru_cache(maxsize=1)
def load_calendar() -> Calendar:
    """Weekday and month names from ``cues/calendar.tsv``: each of the 7 days and 12 months exactly once."""
    numbers: dict[str, dict[int, str]] = {"weekday": {}, "month": {}}
    expected = {"weekday": range(0, 7), "month": range(1, 13)}
    day_parts: set[str] = set()
    for number, row in read_tsv(data_path("cues", "calendar.tsv"), ("id", "kind", "word", "number")):
        where = f"calendar.tsv:{number}"
        if row["kind"] == DAY_PART:
            day_parts.add(row["word"].lower())
            continue
        if row["kind"] not in numbers:
            raise DictionaryError(f"unknown kind '{row['kind']}': expected weekday, month or {DAY_PART}",
                                  where=where)
        kind, span = row["kind"], expected[row["kind"]]
        n = int(row["number"]) if row["number"].isdigit() else -1
        if n not in span:
            raise DictionaryError(f"number '{row['number']}': expected a whole number from {span[0]} to {span[-1]}",
                                  where=where)
        if n in numbers[kind]:
            raise DictionaryError(f"{kind} {n} is given twice (also as '{numbers[kind][n]}')", where=where)
        numbers[kind][n] = row["word"].lower()
    for kind, span in expected.items():
        missing = [n for n in span if n not in numbers[kind]]
        if missing:
            raise DictionaryError(f"no {kind} numbered {', '.join(map(str, missing))}", where="calendar.tsv")
    return Calendar(tuple(numbers["weekday"][n] for n in expected["weekday"]),
                    tuple(numbers["month"][n] for n in expected["month"]), frozenset(day_parts))
