"""Time expressions -> a calendar date with a precision, relative to the publication date.

Weekdays mean the latest such day on or before publication ("on Thursday" in a Thursday paper is that
Thursday); "the previous day" counts back from the event reported just before; explicit dates go through
dateparser with the publication date as the base. Relative phrases are data (``cues/relative_dates.tsv``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import dateparser

from ..dictionaries.tsv import data_path, read_tsv

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_LEADING = re.compile(r"^(on|in|at|during|since|by|from|until|of|early|late|mid|last)\s+", re.IGNORECASE)
_DAY_NUMBER = re.compile(r"\b\d{1,2}(st|nd|rd|th)?\b")
_YEAR = re.compile(r"\b(1[89]|20)\d{2}\b")


@dataclass(frozen=True)
class ResolvedDate:
    date: dt.date
    precision: str
    text: str


@dataclass(frozen=True)
class _Relative:
    phrase: str
    anchor: str
    offset: int
    precision: str


@lru_cache(maxsize=1)
def _relatives() -> tuple[_Relative, ...]:
    rows = read_tsv(data_path("cues", "relative_dates.tsv"), ("id", "phrase", "anchor", "offset", "precision"))
    found = [_Relative(r["phrase"].lower(), r["anchor"], int(r["offset"]), r["precision"]) for _, r in rows]
    return tuple(sorted(found, key=lambda r: -len(r.phrase)))  # longest phrase first


def resolve_date(text: str, *, published: dt.date, previous: dt.date | None = None) -> ResolvedDate | None:
    """Resolve one time expression (the text of a DATE/TIME entity), or None if it names no date."""
    clean = re.sub(r"\s+", " ", text.strip().lower().replace("\u2019", "'"))
    bare = _LEADING.sub("", clean)
    for rel in _relatives():
        if clean == rel.phrase or bare == rel.phrase or clean.endswith(" " + rel.phrase):
            anchor = previous if (rel.anchor == "previous" and previous) else published
            return ResolvedDate(anchor + dt.timedelta(days=rel.offset), rel.precision, text)
    words = bare.replace(",", " ").split()
    if len(words) == 1 and words[0] in WEEKDAYS:
        back = (published.weekday() - WEEKDAYS.index(words[0])) % 7
        return ResolvedDate(published - dt.timedelta(days=back), "day", text)
    if not any(m in bare for m in MONTHS) and not _YEAR.search(bare):
        return None  # "three years", "the past decade": durations, not dates
    base = dt.datetime.combine(published, dt.time())
    parsed = dateparser.parse(bare, languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        return None
    has_month = any(m in bare for m in MONTHS)
    has_day = has_month and bool(_DAY_NUMBER.search(_YEAR.sub("", bare)))
    precision = "day" if has_day else "month" if has_month else "year"
    return ResolvedDate(parsed.date(), precision, text)
