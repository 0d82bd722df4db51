"""Retaliation links: inferred only between acts (material conflict), never to a later event (synthetic)."""

from __future__ import annotations

import datetime as dt

from flashpoint.analyse import EXPLICIT, INFERRED, ActorRef, DyadEvent, dyad_series, retaliation_links

DAY0 = dt.date(2025, 7, 20)
QUAD = {"ASSAULT": 4, "COERCE": 4, "MOBILIZE": 4, "THREATEN": 3, "ACCUSE": 3, "AGREE": 1}
INTENSITY = {"ASSAULT": -9.6, "COERCE": -6.6, "MOBILIZE": -7.2, "THREATEN": -6.2, "ACCUSE": -2.0, "AGREE": 5.9}


def _ev(name, day, event, actor, recipient, responds_to=()):
    return DyadEvent(id=name, date=DAY0 + dt.timedelta(days=day), event=event, quad=QUAD[event], goldstein=None,
                     intensity=INTENSITY[event], actors=(ActorRef(actor, actor),),
                     recipients=(ActorRef(recipient, recipient),), responds_to=tuple(responds_to))


def _links(*events):
    series = dyad_series(list(events), "THA", "KHM", by="day", territory=False)
    return [(x.event, x.responds_to, x.kind) for x in retaliation_links(series, window=7)]


def test_an_act_answers_an_earlier_act():
    assert _links(_ev("t1", 0, "ASSAULT", "THA", "KHM"), _ev("k1", 2, "ASSAULT", "KHM", "THA")) == [
        ("k1", "t1", INFERRED)]
    assert _links(_ev("t1", 0, "COERCE", "THA", "KHM"), _ev("k1", 1, "ASSAULT", "KHM", "THA")) == [
        ("k1", "t1", INFERRED)]


def test_words_neither_answer_nor_are_answered():
    threat = _ev("t1", 0, "THREATEN", "THA", "KHM")
    strike = _ev("k1", 2, "ASSAULT", "KHM", "THA")
    assert _links(threat, strike) == []  # a threat is not an act to retaliate for
    assert _links(_ev("k0", 0, "ASSAULT", "KHM", "THA"), _ev("t2", 1, "THREATEN", "THA", "KHM")) == []
    assert _links(_ev("k0", 0, "ASSAULT", "KHM", "THA"), _ev("t2", 1, "ACCUSE", "THA", "KHM")) == []


def test_the_most_recent_earlier_act_and_never_a_later_one():
    events = [_ev("t1", 0, "ASSAULT", "THA", "KHM"), _ev("t0", 1, "THREATEN", "THA", "KHM"),
              _ev("k1", 3, "ASSAULT", "KHM", "THA"), _ev("t2", 5, "ASSAULT", "THA", "KHM")]
    links = _links(*events)
    assert links == [("k1", "t1", INFERRED), ("t2", "k1", INFERRED)]
    dates = {e.id: e.date for e in events}
    assert all(dates[target] < dates[event] for event, target, _ in links)


def test_an_explicit_link_to_a_later_record_is_left_out():
    later = _ev("k2", 3, "ASSAULT", "KHM", "THA")
    wrong = _ev("t1", 1, "ASSAULT", "THA", "KHM", responds_to=["k2"])
    assert _links(wrong, later) == [("k2", "t1", INFERRED)]  # no t1 -> k2 (two days later)
    right = _ev("t3", 4, "ASSAULT", "THA", "KHM", responds_to=["k2"])
    assert ("t3", "k2", EXPLICIT) in _links(right, later)
