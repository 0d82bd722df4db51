"""Stage ``implied_recipients``: in a report of two countries' crisis, a hostile act of one of them that names no
one it is done to is aimed at the other; third parties' acts and articles about one country are left alone.

The articles are written for these tests (slow: they load the model)."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.stages.opponents import IMPLIED_RULE

FRIDAY = dt.date(2025, 7, 25)
CRISIS = ("Fighting between Thailand and Cambodia entered its second day on Friday. Cambodia said Thailand had "
          "fired first, and Thailand said Cambodia had attacked its soldiers. Cambodia condemned the move. "
          "Malaysia voiced strong displeasure. Thailand said it was ready to hold talks.")
ONE_COUNTRY = ("Thailand closed all border crossings on Friday. Thailand said the move would protect its "
               "citizens. Officials in Thailand said Cambodia had not been told.")


@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder

    return Coder()


def _accusations(coder, text):
    return {e.actors[0].code: e for e in coder.code_text(text, published=FRIDAY)
            if e.code.event == "ACCUSE" and e.actors}


def test_a_hostile_act_of_one_side_aimed_at_no_one_is_aimed_at_the_other(coder):
    event = _accusations(coder, CRISIS)["KHM"]
    assert [a.code for a in event.recipients] == ["THA"]
    assert any(IMPLIED_RULE + "THA" in m.rule for m in event.mentions)  # the evidence says it was implied


def test_a_third_party_is_not_one_of_the_sides(coder):
    assert _accusations(coder, CRISIS)["MYS"].recipients == []


def test_an_article_about_one_country_has_no_other_side(coder):
    closures = [e for e in coder.code_text(ONE_COUNTRY, published=FRIDAY) if e.code.event == "COERCE"]
    assert closures and all(e.recipients == [] for e in closures)


def test_an_offer_of_one_side_is_made_to_the_other(coder):
    offers = [e for e in coder.code_text(CRISIS, published=FRIDAY) if e.code.event == "AGREE"
              and [a.code for a in e.actors] == ["THA"]]
    assert offers and [a.code for a in offers[0].recipients] == ["KHM"]


def test_forces_of_no_country_attacked_by_one_side_are_the_other_s(coder):
    text = ("Fighting between Peru and Chile entered its second day on Friday. Peru said Chile had fired first, "
            "and Chile said Peru had attacked its posts. Peru's president said 12 soldiers had been killed in "
            "attacks by Chile overnight.")
    attacks = [e for e in coder.code_text(text, published=FRIDAY) if e.code.event == "ASSAULT"
               and "killed" in [m.trigger for m in e.mentions]]
    assert attacks and [a.code for a in attacks[0].recipients] == ["PERMIL"]


def test_an_attack_on_the_other_side_is_not_placed_on_the_attacker_s_ground(coder):
    # a report written about Peru: its acts take Peru as their place when they name none, except an attack of
    # Peru's on Chile, which was not done in Peru
    text = ("Lima, Peru - Chile struck Peru's Tacna region on Friday, Peru said. Chile says the strike answered "
            "Peru's assault last Saturday. Peru and Chile have long disputed the border, and Peru has promised to "
            "respond.")
    events = coder.code_text(text, published=dt.date(2024, 4, 20))
    assault = next(e for e in events if e.code.event == "ASSAULT" and e.actors[0].code == "PER")
    assert [a.code for a in assault.recipients] == ["CHL"] and assault.location is None
    threat = next(e for e in events if e.code.event == "THREATEN")
    assert threat.location is not None and threat.location.country == "PER"  # a statement keeps it


def test_a_country_named_often_only_as_the_place_is_not_a_side(coder):
    # Bolivia is named six times, as where the strike hit and whose officials spoke; Chile and Peru do and suffer
    # the acts: the vow of a response is aimed at Chile
    text = ("Several people were killed in a Chilean air strike on the Peruvian consulate in La Paz on Monday, "
            "according to Bolivian and Peruvian officials. A Bolivian military source told Bolivian state "
            "television that Chilean missiles hit the building in La Paz. Peru said the consulate was destroyed. "
            "Chile did not comment. Peru's ambassador to La Paz vowed that Peru's response would be harsh.")
    threat = next(e for e in coder.code_text(text, published=dt.date(2024, 4, 1)) if e.code.event == "THREATEN")
    assert [a.code for a in threat.recipients] == ["CHL"]


def _threats(coder, text):
    return [e for e in coder.code_text(text, published=FRIDAY) if e.code.event == "THREATEN"]


@pytest.mark.parametrize("text, aimed_at", [
    # two acts of one party joined by "and" are aimed at the same party
    ("The European Union condemned Peru on Monday and threatened further measures.", {"PER"}),
    # not when another party does the second
    ("The European Union condemned Peru on Monday and the African Union threatened further measures.", set()),
    # one of the two sides a report is about aims its acts at the other side, not at whom its last act was aimed
    ("Fighting between Peru and Chile entered its second day on Friday. Peru said Chile had fired first, and Chile "
     "said Peru had attacked its soldiers. Chile condemned Bolivia on Friday and threatened further measures.",
     {"PER"}),
])
def test_a_party_s_joined_acts_are_aimed_at_the_same_party(coder, text, aimed_at):
    (threat,) = _threats(coder, text)
    assert {a.country for a in threat.recipients} == aimed_at
