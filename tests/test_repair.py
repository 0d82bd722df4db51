"""Mis-decoded punctuation written back for the parser, without moving a character (nlp.repair)."""

from __future__ import annotations

import pytest

from flashpoint.model import Article
from flashpoint.nlp.repair import text_for_parser

@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder

    return Coder()


OPEN, CLOSE, APOSTROPHE = "\u00e2\u20ac\u0153", "\u00e2\u20ac\u009d", "\u00e2\u20ac\u2122"


@pytest.mark.parametrize("text, parsed", [
    (f"{OPEN}we will not yield,{CLOSE} he said.", "  \u201cwe will not yield,\u201d   he said."),
    (f"the bjp{APOSTROPHE}s leader", "the bjp\u2019s   leader"),
    (f"related stories\u00c2\u00a0govt acts", "related stories  govt acts"),
    ("plain \u201cquoted\u201d text, Â\u00a0not touched", "plain \u201cquoted\u201d text,   not touched"),
    ("Române text stays", "Române text stays"),
    # an em dash between two words is read as the apposition comma it stands for; a spaced one is kept
    ("the Organization\u2014the CSTO\u2014led by", "the Organization,the CSTO,led by"),
    ("a spaced \u2014 dash", "a spaced \u2014 dash"),
])
def test_misdecoded_punctuation_is_written_back_in_place(text, parsed):
    repaired = text_for_parser(text)
    assert repaired == parsed and len(repaired) == len(text)


@pytest.mark.slow
def test_an_article_with_misdecoded_quotes_is_parsed_as_if_they_were_quotes(coder):
    # lower-case wire copy with mojibake: "nobody" is the subject that negates the arrest, and the evidence is the
    # article's own text, cut at the same offsets
    text = f"{OPEN}nobody was arrested as it was a peaceful march,{CLOSE} the police commissioner said in lima."
    (mention,) = [m for m in next(coder.code_many([Article.from_text(text)])).mentions if m.code.event == "COERCE"]
    assert mention.status == "negated"
    assert text[mention.start:mention.end] == mention.sentence and mention.sentence.startswith(OPEN)


@pytest.mark.slow
def test_an_unspaced_dash_apposition_keeps_the_subject(coder):
    # "A delegation from X—the CSTO—led by ... arrived": the delegation arrived, X's (not the chief of staff's own)
    text = ("A delegation from the Collective Security Treaty Organization\u2014the CSTO\u2014led by its joint chief "
            "of staff Colonel-General Ivan Petrov arrived in Peru on Thursday to begin a monitoring mission.")
    (visit,) = [m for m in next(coder.code_many([Article.from_text(text)])).mentions if m.code.event == "CONSULT"]
    assert [a.code for a in visit.actors] == ["IGOCSTO"] and "\u2014" in visit.sentence
