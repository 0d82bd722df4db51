"""When an act happened: history is background, weekdays near a page's date, the date of the governing phrase."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.resolve.dates import resolve_date
from flashpoint.stages.dates import is_history

TUESDAY = dt.date(2024, 3, 12)


@pytest.mark.parametrize("date, precision, history", [
    (dt.date(2024, 3, 1), "day", False),       # the act of eleven days ago, told again
    (dt.date(2023, 10, 7), "day", True),       # half a year before the report
    (dt.date(2024, 2, 1), "month", True),      # "in February", in a March report
    (dt.date(2024, 3, 1), "month", False),     # "earlier this month"
    (dt.date(2020, 7, 1), "year", True),       # "in 2020"
    (dt.date(2024, 7, 1), "year", False),      # "this year"
    (dt.date(2024, 3, 5), "week", False),      # "last week" stays news
])
def test_is_history(date, precision, history):
    assert is_history(date, precision, TUESDAY) is history


@pytest.mark.parametrize("text, expected", [
    ("Tuesday", dt.date(2024, 3, 12)),
    ("Monday", dt.date(2024, 3, 11)),
    ("Wednesday", dt.date(2024, 3, 13)),       # the day after the page's date: a page dated in another zone
    ("last Wednesday", dt.date(2024, 3, 6)),
    ("Thursday", dt.date(2024, 3, 7)),
])
def test_weekdays_resolve_to_the_nearest_day(text, expected):
    assert resolve_date(text, published=TUESDAY).date == expected


@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder

    return Coder()


def _events(coder, text):
    from flashpoint.model import Article

    return coder.code(Article.from_text(text, published=TUESDAY))


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Ruritanian troops shelled the town in 2019.",
    "The worst fighting since the 2001 war between Ruritania and Borduria broke out on Monday.",
])
def test_history_is_background(coder, text):
    for event in _events(coder, text):
        if event.date is not None and event.date.year < 2024:
            assert event.status == "background", event


@pytest.mark.slow
def test_the_date_belongs_to_the_phrase_that_governs_it(coder):
    events = _events(coder, "Bordurian jets bombed Ruritanian bases on Monday to avenge the 3 February attack "
                            "on a Bordurian convoy.")
    bombing = [e for e in events if e.code.event == "ASSAULT" and any(m.trigger.startswith("bomb")
                                                                      for m in e.mentions)]
    assert bombing and bombing[0].date == dt.date(2024, 3, 11)
