"""Truecasing caseless text before the parse: only letter case changes, names the dictionaries know are written
as names, sentences start with a capital, and text with case is left alone."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.model import Article
from flashpoint.nlp.truecase import MIN_TOWN_POPULATION, build_truecaser, caseless, needs_truecasing

PATTERNS = [{"label": "GPE", "pattern": "Iran"}, {"label": "ORG", "pattern": "Jaish al-Adl"},
            {"label": "GPE", "pattern": [{"ORTH": "US"}]}, {"label": "PERSON", "pattern": [{"ORTH": "Putin"}]}]
PLACES = [("Ahmedabad", MIN_TOWN_POPULATION * 10), ("Smallville", 10), ("March", MIN_TOWN_POPULATION * 2)]


@pytest.fixture(scope="module")
def truecaser():
    return build_truecaser(PATTERNS, PLACES, frozenset({"march"}), always=("Tuesday",))


def test_only_caseless_lines_of_enough_words_are_touched():
    assert caseless("two persons were killed in police firing.") == "lower"
    assert caseless("IRAN FIRES MISSILES AT BASES") == "upper"
    assert caseless("Iran fired missiles at bases.") is None and caseless("no way") is None
    assert not needs_truecasing("Police fired at the mob.\nThey said so.")


def test_names_are_written_as_names_and_the_length_never_changes(truecaser):
    text = "police say jaish al-adl attacked iran in ahmedabad on tuesday. i saw it."
    out = truecaser.truecase(text)
    assert out == "Police say Jaish al-Adl attacked Iran in Ahmedabad on Tuesday. I saw it."
    assert len(out) == len(text) and out.lower() == text


def test_common_words_small_towns_and_lower_case_acronyms_stay_common(truecaser):
    out = truecaser.truecase("they will march to smallville, said us officials and putin.")
    assert out == "They will march to smallville, said us officials and Putin."


def test_capitals_are_lowered_except_the_acronyms_they_held(truecaser):
    assert truecaser.truecase("US TROOPS STRUCK IRAN ON TUESDAY") == "US troops struck Iran on Tuesday"


def test_a_title_case_headline_is_written_as_a_sentence_keeping_names_acronyms_and_possessives(truecaser):
    assert caseless("Iran Guards Commander Killed in Border Strike") == "title"
    assert caseless("Police Clash with Farmers After Talks Fail") == "title"  # function words may stay lower
    assert caseless("Iran Guards Commander Killed in Border Strike.") is None  # a sentence, not a headline
    assert caseless("Iran and Pakistan held talks in Tehran") is None
    text = "US Envoy Says Iran's Strikes on Jaish al-Adl Were Unlawful"
    out = truecaser.truecase(text)
    assert out == "US envoy says Iran's strikes on Jaish al-Adl were unlawful"
    assert len(out) == len(text)


def test_a_line_with_case_is_left_as_written(truecaser):
    text = "BREAKING NEWS FROM THE FRONT LINE\nIran's army said it struck targets."
    assert truecaser.truecase(text) == "Breaking news from the front line\nIran's army said it struck targets."


@pytest.mark.slow
@pytest.mark.parametrize("case", [str.lower, str.upper])
def test_caseless_text_codes_as_the_cased_sentence_does(case):
    from flashpoint.coder import Coder

    coder = Coder()
    text = "Pakistani troops killed three militants in Balochistan on Tuesday."
    cased = coder.code(Article.from_text(text, published=dt.date(2024, 3, 6)))
    caseless_events = coder.code(Article.from_text(case(text), published=dt.date(2024, 3, 6)))
    assert [(e.code.event, [a.code for a in e.actors], [a.code for a in e.recipients]) for e in caseless_events] \
        == [(e.code.event, [a.code for a in e.actors], [a.code for a in e.recipients]) for e in cased]
    # the evidence is the article as written
    assert caseless_events[0].mentions[0].sentence == case(text)
