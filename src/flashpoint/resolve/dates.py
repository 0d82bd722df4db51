"""Time expressions -> a calendar date with a precision, relative to the publication date.

Weekdays mean the nearest such day on or before publication ("on Thursday" in a Thursday paper is that
Thursday), except the day after it, which a page dated in another time zone names ("Wednesday" on a page dated
Tuesday, and so "September 13" on a page dated September 12); "last Wednesday" is always the one before; "the previous day" counts back from the event reported just before; explicit dates go through
dateparser with the publication date as the base. Relative phrases and the names of weekdays and months are
data (``cues/relative_dates.tsv``, ``cues/calendar.tsv``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import dateparser

from ..datafiles import data_path, read_tsv
from ..dictionaries.calendar import DAY_PART, Calendar, load_calendar  # noqa: F401 (re-exported)

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


def _moved(anchor: dt.date, days: int, precision: str, text: str) -> ResolvedDate | None:
    """``anchor`` moved by ``days``, or None when that leaves the calendar: "yesterday" in a page dated
    0001-01-01 (a placeholder) names no date a ``datetime.date`` can hold."""
    try:
        return ResolvedDate(anchor + dt.timedelta(days=days), precision, text)
    except OverflowError:
        return None


def counts_from_previous(text: str) -> bool:
    """Whether a time expression counts from the event told just before it ("a day earlier", "the day before":
    data/cues/relative_dates.tsv anchor 'previous')."""
    clean = _LEADING.sub("", re.sub(r"\s+", " ", text.strip().lower().replace("\u2019", "'")))
    return any(rel.anchor == "previous" and (clean == rel.phrase or clean.endswith(" " + rel.phrase))
               for rel in _relatives())


def resolve_date(text: str, *, published: dt.date, previous: dt.date | None = None) -> ResolvedDate | None:
    """Resolve one time expression (the text of a DATE/TIME entity), or None if it names no date. An entity the
    parser runs on past a comma ("on Saturday, days after ...") is its first part when the whole names no date."""
    found = _resolve(text, published=published, previous=previous)
    if found is None and "," in text:
        head = text.split(",", 1)[0]
        found = _resolve(head, published=published, previous=previous) if head.strip() else None
        if found is not None:
            found = ResolvedDate(found.date, found.precision, text)  # the phrase as written, all of it
    return found


def _resolve(text: str, *, published: dt.date, previous: dt.date | None = None) -> ResolvedDate | None:
    clean = re.sub(r"\s+", " ", text.strip().lower().replace("\u2019", "'"))
    bare = _LEADING.sub("", clean)
    for rel in _relatives():
        if clean == rel.phrase or bare == rel.phrase or clean.endswith(" " + rel.phrase):
            anchor = previous if (rel.anchor == "previous" and previous) else published
            return _moved(anchor, rel.offset, rel.precision, text)
    calendar = load_calendar()
    words = bare.replace(",", " ").split()
    if len(words) == 2 and words[0] in calendar.weekdays and words[1] in calendar.day_parts:
        words = words[:1]  # "Monday night", "Saturday morning": that day
    if len(words) == 1 and words[0] in calendar.weekdays:
        back = (published.weekday() - calendar.weekdays.index(words[0])) % 7
        if back == 0 and clean.startswith("last "):
            back = 7  # "last Saturday" on a Saturday's page: a week ago, not today
        if back == 6 and not clean.startswith("last "):
            # the day after a page's date is nearer than six days before: a report dated in another time zone
            return _moved(published, 1, "day", text)
        return _moved(published, -back, "day", text)
    if not any(m in bare for m in calendar.months) and not _YEAR.search(bare):
        return None  # "three years", "the past decade": durations, not dates
    base = dt.datetime.combine(published, dt.time())
    parsed = dateparser.parse(bare, languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        return None
    has_month = any(m in bare for m in calendar.months)
    has_day = has_month and bool(_DAY_NUMBER.search(_YEAR.sub("", bare)))
    precision = "day" if has_day else "month" if has_month else "year"
    day = parsed.date()
    if precision == "day" and not _YEAR.search(bare):
        # "September 13" on a page dated September 12: the day after, in the writer's time zone (as for a weekday),
        # not the same day a year before, which "prefer the past" would give
        for year in (published.year, published.year + 1):  # "January 1" on a page dated December 31
            try:
                after = day.replace(year=year)
            except ValueError:  # 29 February
                continue
            if 0 < (after - published).days <= 1:
                day = after
    return ResolvedDate(day, precision, text)


# A day-precision date more than this many days before publication is history, not the news of the report
# (an act of the last weeks is still reported as news: "the 1 April strike" in a 19 April report).
HISTORY_DAYS = 30
WEEK_DAYS = 7


def is_history(date: dt.date, precision: str, published: dt.date) -> bool:
    """Whether an act dated ``date`` at ``precision`` lies before the period a report published on
    ``published`` covers: a day more than ``HISTORY_DAYS`` earlier, a month before the publication's month ("in
    August" in September), a year before its year ("in 2020", "last year"), a week before its week ("last
    week", "two weeks ago": the report's news is of its own week, and what it dates only to an earlier one is
    what led up to it). "Earlier this week" stays news."""
    if precision == "day":
        return (published - date).days > HISTORY_DAYS
    if precision == "week":
        return (published - date).days >= WEEK_DAYS
    if precision == "month":
        return (date.year, date.month) < (published.year, published.month)
    if precision == "year":
        return date.year < published.year
    return False
