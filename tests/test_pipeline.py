"""The shared spaCy pipeline: what Flashpoint changes in the model's tokenizer, checked on the parse."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from flashpoint.nlp.pipeline import load_pipeline

    return load_pipeline()


def test_a_hyphen_broken_off_its_word_is_split_as_in_the_joined_word(nlp):
    broken = [t.text for t in nlp.tokenizer("pro- and anti- Israel marches")]
    joined = [t.text for t in nlp.tokenizer("pro- and anti-Israel marches")]
    assert broken == joined == ["pro", "-", "and", "anti", "-", "Israel", "marches"]


def test_a_hyphen_broken_off_its_word_leaves_the_object_of_the_verb(nlp):
    doc = nlp("Egyptian police broke up an anti- Israel march on Friday.")
    (obj,) = [t for t in doc if t.dep_ == "dobj"]
    assert obj.text == "march"


def test_numbers_and_joined_words_keep_their_hyphens(nlp):
    assert [t.text for t in nlp.tokenizer("a 5- to 10-year term for the Dhaka-based forces")] == [
        "a", "5-", "to", "10", "-", "year", "term", "for", "the", "Dhaka", "-", "based", "forces"]


def test_an_abbreviation_before_a_hyphenated_word_is_its_own_token(nlp):
    """'U.S.-led' read whole is an unknown word: no country in it for the actors or the places."""
    tokens = [t.text for t in nlp.tokenizer("U.S.-led and U.N.-backed forces, a 2-a.m.-ish raid")]
    assert tokens[:6] == ["U.S.", "-", "led", "and", "U.N.", "-"]
    doc = nlp("The U.S.-led coalition struck targets in Syria.")
    assert any(e.text == "U.S." for e in doc.ents)


@pytest.mark.slow
def test_a_blank_line_ends_a_sentence():
    """A headline with no full stop is not read into the story's first sentence."""
    from flashpoint.nlp.pipeline import load_pipeline

    doc = load_pipeline()("Azerbaijan launches attack on Armenia\n\nAzerbaijan has launched a deadly attack.")
    starts = [s[0].text for s in doc.sents if not s[0].is_space]
    assert starts[:2] == ["Azerbaijan", "Azerbaijan"]
    assert len(list(load_pipeline()("Police arrested two men\nin Kabul on Monday.").sents)) == 1  # one newline: no


def test_a_long_story_of_short_lines_is_never_cut_inside_a_sentence(nlp):
    """The cap on a sentence's length counts from the last full stop or line break, not from the last blank line:
    a story of many short lines, one newline apart, keeps every sentence whole."""
    lines = [f"On day {n}, the Ruritanian army said, its patrols crossed the river, and the Bordurian guards, "
             f"as usual, stayed in their posts." for n in range(1, 13)]
    doc = nlp("\n".join(lines))
    assert len(doc) > 200
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences == lines
