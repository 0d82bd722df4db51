"""Protesters named in an act are a protest that happened (stages/protests.py).

The sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.model import Article

MONDAY = dt.date(2024, 1, 15)


@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder

    return Coder()


def coded(coder, text):
    return [e for e in coder.code(Article.from_text(text, published=MONDAY)) if e.status == "asserted"]


@pytest.mark.slow
def test_force_used_on_protesters_is_also_their_protest_placed_and_dated_as_the_force(coder):
    text = "Police fired tear gas at protesters in Nairobi on Monday."
    force, protest = coded(coder, text)
    assert force.code.event == "ASSAULT"  # the report's own act stays first
    assert protest.code.event == "PROTEST" and protest.code.cameo == "141"
    assert [a.code for a in protest.actors] == ["KENCVL"]
    assert protest.location is not None and protest.location.country == "KEN" and protest.date == MONDAY
    assert protest.mentions[0].rule == "implied-protest:" + force.mentions[0].id
    # the evidence points at the word that says so
    start = protest.mentions[0].trigger_start
    assert text[start:start + len("protesters")] == "protesters" == protest.mentions[0].trigger


@pytest.mark.slow
@pytest.mark.parametrize("text, sector", [
    ("Police fired tear gas at strikers outside the factory in Nairobi on Monday.", "LAB"),  # strikers are out too
    ("Police fired tear gas at marchers in Nairobi on Monday.", "CVL"),
])
def test_strikers_and_marchers_met_with_force_were_protesting(coder, text, sector):
    events = coded(coder, text)
    assert [e.code.event for e in events] == ["ASSAULT", "PROTEST"]
    assert [a.sector for a in events[1].actors] == [sector]


@pytest.mark.slow
def test_protesters_who_attack_riot(coder):
    events = coded(coder, "Protesters attacked a police station in Lagos on Monday.")
    assert [(e.code.event, e.code.cameo) for e in events][1:] == [("PROTEST", "145")]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "A suicide bomber blew himself up in a crowd of shoppers in Kabul on Monday.",  # the 'of' phrase says who
    "Thousands of protesters marched in Paris on Monday.",  # a protest already coded: not a second one
    "Police said protesters might gather in Paris on Monday.",  # nothing asserted about them
])
def test_no_protest_is_implied_where_the_sentence_says_none_or_one(coder, text):
    events = coded(coder, text)
    assert sum(e.code.event == "PROTEST" for e in events) <= 1
    assert all("implied-protest" not in m.rule for e in events for m in e.mentions)


def test_the_petrarch_profile_implies_nothing():
    from flashpoint.stages import PROFILES

    assert not {"implied_actors", "implied_protests"} & {s.name for s in PROFILES["petrarch"].stages}
