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
    assert [t.text for t in nlp.tokenizer("a 5- to 10-year term for U.S.-led forces")] == [
        "a", "5-", "to", "10", "-", "year", "term", "for", "U.S.-led", "forces"]


@pytest.mark.slow
def test_a_blank_line_ends_a_sentence():
    """A headline with no full stop is not read into the story's first sentence."""
    from flashpoint.nlp.pipeline import load_pipeline

    doc = load_pipeline()("Azerbaijan launches attack on Armenia\n\nAzerbaijan has launched a deadly attack.")
    starts = [s[0].text for s in doc.sents if not s[0].is_space]
    assert starts[:2] == ["Azerbaijan", "Azerbaijan"]
    assert len(list(load_pipeline()("Police arrested two men\nin Kabul on Monday.").sents)) == 1  # one newline: no
