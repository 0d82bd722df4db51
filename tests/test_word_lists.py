"""Word lists are data: no literal collection of more than MAX_WORDS English words in the coder's Python, and
every word table the coder reads loads, has unique ids and still steers the code that reads it.

The scan reads each module with ``ast``. A set, list, tuple or dict literal (nested literals counted with the
outermost one) is a word list when it holds more than MAX_WORDS string constants that are lower-case English
words (WORD). Not counted: spaCy's labels (the keys of ``spacy.glossary.GLOSSARY``: "nsubj", "amod"), the keys
of a record dict whose values are computed (field names: ``{"start": self.start, ...}``), and column names
given to a TSV reader (``read_tsv(path, ("id", "kind", "word"))``). ``"a b c d e".split()`` counts as a list.
Move a list the scan finds into a table under ``src/flashpoint/data/`` with a loader (``flashpoint.dictionaries``,
``flashpoint.places.words``, ``flashpoint.ontology``); the few literals that are codes rather than words are in
ALLOWED, with a reason.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
import spacy
from spacy.glossary import GLOSSARY
from spacy.tokens import Doc

from flashpoint.datafiles import data_path, parse_tsv
from flashpoint.errors import DictionaryError

SRC = Path(__file__).resolve().parents[1] / "src" / "flashpoint"
PACKAGES = ("extract", "resolve", "places", "merge", "nlp", "stages", "profiles")
MODULES = ("coder.py", "syntax.py")
MAX_WORDS = 4
WORD = re.compile(r"^[a-z][a-z'\-]*( [a-z'\-]+)*$")
LABELS = frozenset(GLOSSARY)  # exact keys: "nsubj" is a label, "in" (the tag is "IN") is a word
COLUMN_READERS = frozenset({"read_tsv", "expect", "require", "rows"})  # their literal arguments are column names
# Literals that hold codes, not words: (path under src/flashpoint, the words) -> why they stay.
ALLOWED = {
    ("places/toponyms.py", frozenset({"abbr", "ner", "demonym", "weak", "gaz"})):
        "_Span.source codes ranked in _merge: the reader's own names for where a span came from",
}

_LITERALS = (ast.Set, ast.List, ast.Tuple, ast.Dict)
_TABLE_VALUES = (ast.Constant, ast.Name, ast.UnaryOp, *_LITERALS)


def _is_word(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(WORD.match(node.value)) \
        and node.value not in LABELS


def _words(node: ast.AST) -> list[str]:
    """The word constants of a literal, those of nested literals included."""
    if isinstance(node, ast.Dict):
        record = not all(isinstance(v, _TABLE_VALUES) for v in node.values)
        items = [*([] if record else [k for k in node.keys if k is not None]), *node.values]
    else:
        items = list(node.elts)
    found: list[str] = []
    for item in items:
        if _is_word(item):
            found.append(item.value)
        elif isinstance(item, _LITERALS):
            found.extend(_words(item))
    return found


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def word_lists(source: str, name: str) -> list[tuple[int, list[str]]]:
    """(line, words) of every word list in ``source``; ``name`` is its path under src/flashpoint (for ALLOWED)."""
    tree = ast.parse(source)
    skip: set[int] = set()  # nested literals (counted with their parent) and column names
    for node in ast.walk(tree):
        if isinstance(node, _LITERALS):
            children = [*node.keys, *node.values] if isinstance(node, ast.Dict) else node.elts
            skip.update(id(c) for c in children if isinstance(c, _LITERALS))
        elif isinstance(node, ast.Call) and _callee(node) in COLUMN_READERS:
            skip.update(id(a) for a in [*node.args, *(k.value for k in node.keywords)] if isinstance(a, _LITERALS))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, _LITERALS) and id(node) not in skip:
            words = _words(node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split" \
                and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
            words = [w for w in node.func.value.value.split() if WORD.match(w) and w not in LABELS]
        else:
            continue
        if len(words) > MAX_WORDS and (name, frozenset(words)) not in ALLOWED:
            found.append((node.lineno, words))
    return sorted(found)


def _modules() -> list[Path]:
    paths = [p for package in PACKAGES if (SRC / package).is_dir() for p in sorted((SRC / package).rglob("*.py"))]
    return paths + [SRC / m for m in MODULES if (SRC / m).exists()]


@pytest.mark.parametrize("name", [p.relative_to(SRC).as_posix() for p in _modules()])
def test_no_word_list_literal_in_the_coder(name):
    found = word_lists((SRC / name).read_text(encoding="utf-8"), name)
    assert not found, "word lists to move into src/flashpoint/data/ (a table and its loader):\n" + "\n".join(
        f"  src/flashpoint/{name}:{line}: {len(words)} words: {', '.join(words[:6])}{', ...' if len(words) > 6 else ''}"
        for line, words in found)


def test_the_scan_covers_the_coder_and_finds_word_lists():
    names = {p.relative_to(SRC).as_posix() for p in _modules()}
    assert {"places/toponyms.py", "resolve/dates.py", "resolve/actors.py", "coder.py"} <= names
    source = '''
LIST = {"north", "south", "east", "west", "central"}
TABLE = {"province": "admin1", "state": "admin1", "county": ADMIN2, "district": CITY, "city": CITY}
NESTED = [("say", "tell"), ("warn", "urge"), ("deny",)]
SPLIT = "one two three four five".split()
LABELS = {"nsubj", "nsubjpass", "dobj", "pobj", "amod", "compound"}
TAGS = ("PROPN", "NOUN", "VERB", "ADJ", "ADP")
FEW = ("the", "a", "an", "this")
def to_dict(self):
    return {"start": self.start, "end": self.end, "text": self.text, "name": self.name, "lat": self.lat}
rows = read_tsv(path, ("id", "phrase", "anchor", "offset", "precision"))
'''
    assert [line for line, _ in word_lists(source, "x.py")] == [2, 3, 4, 5]
    assert word_lists('RANK = {"abbr": 0, "ner": 0, "demonym": 0, "weak": 1, "gaz": 1}', "places/toponyms.py") == []


# -- the tables and their loaders ----------------------------------------------------------------------------------

TABLES = [("places", "words.tsv"), ("places", "feature_words.tsv"), ("cues", "calendar.tsv"),
          ("cues", "argument_words.tsv")]


@pytest.mark.parametrize("folder, name", TABLES, ids=[name for _, name in TABLES])
def test_word_table_has_unique_ids_and_words(folder, name):
    table = parse_tsv(data_path(folder, name).read_text(encoding="utf-8"), name)
    rows = [row for _, row in table.rows()]
    assert rows, f"{name} is empty"
    twice = [i for i, n in Counter(row["id"] for row in rows).items() if n > 1]
    assert not twice, f"{name}: ids used twice: {twice}"
    word = "word" if "word" in table.header else "lemma"
    kind = "kind" if "kind" in table.header else "position"
    pairs = Counter((row[kind], row[word]) for row in rows)
    assert not [p for p, n in pairs.items() if n > 1], f"{name}: a word listed twice under one kind"


def test_place_words_load_every_kind():
    from flashpoint.places.words import FEATURES, WORD_KINDS, load_place_words

    words = load_place_words()
    assert load_place_words() is words  # read once per process
    for kind in WORD_KINDS:
        assert words.words[kind], f"words.tsv has no {kind}"
        assert all(w == w.lower() for w in words.words[kind])
    assert words.after["province"] == "admin1" and words.after["area"] is None
    assert words.before["city"] == "city"
    assert set(words.after.values()) | set(words.before.values()) <= {*FEATURES, None}
    assert {"-", "&", "and"} <= words.words["connector"]
    # the toponym reader's prepositions are kept with every other list of place prepositions, as a cue kind
    from flashpoint.dictionaries.cues import load_cues

    assert words.words["place_prep"] == load_cues().words("toponym_prep")
    assert {"near", "into"} <= words.words["place_prep"]
    suffixes = words.words["generic_suffix"]
    assert {"county", "governorate", "agency"} <= suffixes
    # the gazetteer tries them in any order: none may be the end of another
    assert not [(a, b) for a in suffixes for b in suffixes if a != b and b.endswith(" " + a)]


def test_place_words_reject_a_bad_line(tmp_path, monkeypatch):
    from flashpoint.places import words as module

    (tmp_path / "feature_words.tsv").write_text("id\tposition\tword\tfeature\nafter.x\tafter\tx\tcity\n")
    (tmp_path / "argument_words.tsv").write_text("id\tkind\tlemma\npronoun.it\tpronoun\tit\n")
    monkeypatch.setattr(module, "data_path", lambda *parts: tmp_path / parts[-1])
    (tmp_path / "words.tsv").write_text("# c\nid\tkind\tword\na.x\tconnector\tx\na.x\tconnector\ty\n")
    with pytest.raises(DictionaryError) as err:
        module.load_place_words.__wrapped__()
    assert err.value.where == "words.tsv:4" and "used twice" in err.value.message
    (tmp_path / "words.tsv").write_text("id\tkind\tword\na.x\tconector\tx\n")
    with pytest.raises(DictionaryError, match="unknown kind 'conector'"):
        module.load_place_words.__wrapped__()
    (tmp_path / "words.tsv").write_text("id\tkind\tword\na.x\tconnector\tx\n")
    with pytest.raises(DictionaryError, match="no words of kind 'toponym_prep'"):
        module.load_place_words.__wrapped__()
    (tmp_path / "argument_words.tsv").write_text("id\tkind\tlemma\ntoponym_prep.in\ttoponym_prep\tin\n")
    assert module.load_place_words.__wrapped__().words["place_prep"] == {"in"}
    (tmp_path / "feature_words.tsv").write_text("id\tposition\tword\tfeature\nafter.x\tafter\tx\ttown\n")
    with pytest.raises(DictionaryError, match="unknown feature 'town'"):
        module.load_place_words.__wrapped__()


def test_calendar_loads_in_order():
    from flashpoint.resolve.dates import load_calendar

    calendar = load_calendar()
    assert calendar.weekdays[0] == "monday" and calendar.weekdays[6] == "sunday" and len(calendar.weekdays) == 7
    assert calendar.months[0] == "jan" and calendar.months[11] == "dec" and len(calendar.months) == 12


def test_calendar_rejects_a_missing_or_repeated_day(tmp_path, monkeypatch):
    from flashpoint.dictionaries import calendar as dates

    monkeypatch.setattr(dates, "data_path", lambda *parts: tmp_path / parts[-1])
    lines = data_path("cues", "calendar.tsv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "calendar.tsv").write_text("\n".join(line for line in lines if "sunday" not in line) + "\n")
    with pytest.raises(DictionaryError, match="no weekday numbered 6"):
        dates.load_calendar.__wrapped__()
    (tmp_path / "calendar.tsv").write_text("\n".join(lines + ["weekday.mon\tweekday\tmon\t0"]) + "\n")
    with pytest.raises(DictionaryError, match="weekday 0 is given twice"):
        dates.load_calendar.__wrapped__()


def test_weekdays_and_months_still_resolve():
    from flashpoint.resolve.dates import resolve_date

    saturday = dt.date(2024, 3, 9)
    assert resolve_date("on Thursday", published=saturday).date == dt.date(2024, 3, 7)
    assert resolve_date("Saturday", published=saturday).date == saturday
    found = resolve_date("March 3", published=saturday)
    assert (found.date, found.precision) == (dt.date(2024, 3, 3), "day")
    assert resolve_date("in February", published=saturday).precision == "month"
    assert resolve_date("three weeks", published=saturday) is None  # no month, no year: a duration


def test_actor_words_load_as_cue_kinds():
    from flashpoint.dictionaries.cues import load_cues
    from flashpoint.resolve import actors

    cues = load_cues()
    assert actors.PRONOUNS == cues.words("pronoun") and {"they", "its", "his"} <= actors.PRONOUNS
    assert actors._PLACE_PREPS == cues.words("place_prep") and "throughout" in actors._PLACE_PREPS
    assert {"near", "of"} <= actors._HOME_PREPS and "against" not in actors._HOME_PREPS
    with pytest.raises(DictionaryError, match="no words of kind 'pronouns'"):
        cues.words("pronouns")


def _doc(words, heads, deps, **kw):
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, **kw)


def test_a_home_preposition_still_places_a_country():
    from flashpoint.dictionaries.cues import load_cues
    from flashpoint.resolve.actors import _names_a_home, _population

    doc = _doc(["troops", "near", "Haiti"], [0, 0, 1], ["ROOT", "prep", "pobj"])
    assert _names_a_home(doc[2])
    doc = _doc(["sanctions", "against", "Russia"], [0, 0, 1], ["ROOT", "prep", "pobj"])
    assert not _names_a_home(doc[2])
    doc = _doc(["Kurds", "throughout", "Iraq"], [0, 0, 1], ["ROOT", "prep", "pobj"], tags=["NNPS", "IN", "NNP"])
    assert _population(doc[0], load_cues())


# -- the place words through geoparse, on a tiny gazetteer -------------------------------------------------------

@pytest.fixture(scope="module")
def tiny():
    from flashpoint.places.gazetteer import Gazetteer

    rows = [
        {"name": "Pakistan", "kind": "country", "country": "PAK", "gid": 1168579},
        {"name": "Iran", "kind": "country", "country": "IRN", "gid": 130758},
        {"name": "Georgia", "kind": "country", "country": "GEO", "gid": 614540},
        {"name": "Georgia", "kind": "admin1", "country": "USA", "admin1": "US-GA", "gid": 4197000},
        {"name": "Sistan and Baluchestan", "kind": "admin1", "country": "IRN", "admin1": "IR-11", "gid": 1159456},
        {"name": "Balochistan", "kind": "admin1", "country": "PAK", "admin1": "PK-BA", "gid": 1183606},
        {"name": "Panjgur", "kind": "city", "country": "PAK", "admin1": "PK-BA", "gid": 1168446, "lat": 26.97,
         "lon": 64.09, "pop": 60_000},
    ]
    return Gazetteer.from_rows(rows)


def _places(doc, gaz):
    from flashpoint.places import geoparse

    return {t.text: t for t in geoparse(doc, gazetteer=gaz)}


def test_a_feature_word_is_cut_off_and_a_connector_joins_a_name(tiny):
    words = ["Clashes", "in", "Georgia", "state", "and", "in", "Sistan", "and", "Baluchestan"]
    doc = Doc(spacy.blank("en").vocab, words=words, ents=["O", "O", "B-GPE", "I-GPE", "O", "O", "O", "O", "O"])
    found = _places(doc, tiny)
    assert found["Georgia"].place.admin1 == "US-GA"  # "state" cut off, kept as the feature hint: not the country
    assert found["Sistan and Baluchestan"].place.admin1 == "IR-11"  # "and" inside a gazetteer name
    doc = Doc(spacy.blank("en").vocab, words=["the", "state", "of", "Georgia"], ents=["O", "O", "O", "B-GPE"])
    assert _places(doc, tiny)["Georgia"].place.admin1 == "US-GA"  # a feature word before "of X"


def test_an_institution_word_is_cut_off_a_place_name(tiny):
    doc = Doc(spacy.blank("en").vocab, words=["Panjgur", "Police", "said"], ents=["B-GPE", "I-GPE", "O"])
    found = _places(doc, tiny)["Panjgur"]
    assert found.place.geonames_id == 1168446 and found.literal is False  # the name inside an institution's


def test_a_place_preposition_keeps_an_org_span_as_a_place(tiny):
    doc = Doc(spacy.blank("en").vocab, words=["Clashes", "near", "Panjgur"], ents=["O", "O", "B-ORG"])
    assert "Panjgur" in _places(doc, tiny)
    doc = Doc(spacy.blank("en").vocab, words=["Clashes", "with", "Panjgur"], ents=["O", "O", "B-ORG"])
    assert "Panjgur" not in _places(doc, tiny)


def test_a_common_word_is_no_phrase_match_and_a_country_acting_is_its_government(tiny):
    from flashpoint.places.gazetteer import normalise
    from flashpoint.places.toponyms import _phrase_index

    keys, _ = _phrase_index(tiny)
    assert normalise("Sistan and Baluchestan") in keys and "georgia" not in keys
    said = _doc(["Iran", "said", "it", "would", "respond"], [1, 1, 4, 4, 1], ["nsubj", "ROOT", "nsubj", "aux", "ccomp"],
                lemmas=["Iran", "say", "it", "would", "respond"], ents=["B-GPE", "O", "O", "O", "O"])
    assert _places(said, tiny)["Iran"].literal is False
    attack = _doc(["Iran", "'s", "attack"], [2, 0, 2], ["poss", "case", "ROOT"], ents=["B-GPE", "O", "O"])
    assert _places(attack, tiny)["Iran"].literal is False  # an agent noun: the government's attack
    was = _doc(["Iran", "was", "quiet"], [1, 1, 1], ["nsubj", "ROOT", "acomp"], lemmas=["Iran", "be", "quiet"],
               ents=["B-GPE", "O", "O"])
    assert _places(was, tiny)["Iran"].literal is True


# -- the trigger, argument and place rules' cue words (argument_words.tsv kinds) ----------------------------------

CUE_KINDS = ("definite", "backward_modifier", "infinitive_prep", "stated_intent", "agreement_noun", "programme_noun",
             "plain_aux", "base_verb", "event_place_prep", "movement_prep", "recipient_place_prep", "toponym_prep")
PLACE_PREP_KINDS = ("place_prep", "home_prep", "event_place_prep", "topic_place_prep", "movement_prep", "recipient_place_prep",
                    "toponym_prep")


def test_the_rules_cue_words_load_as_kinds():
    from flashpoint.dictionaries.cues import load_cues
    from flashpoint.extract.arguments import DEFINITE

    cues = load_cues()
    for kind in CUE_KINDS:
        assert cues.words(kind), kind
    assert DEFINITE == cues.words("definite") and {"the", "such"} <= DEFINITE
    assert {"'s", "'re", "is", "had"} <= cues.words("plain_aux") and "might" not in cues.words("plain_aux")
    assert {"prepare", "prepared", "poised"} <= cues.words("stated_intent")


def test_place_prepositions_are_side_by_side_in_one_table():
    """Every list of place prepositions is a kind of argument_words.tsv, its rows in one block and its decision
    described once in the header; the place reader's own table has none."""
    from flashpoint.places.words import WORD_KINDS

    text = data_path("cues", "argument_words.tsv").read_text(encoding="utf-8")
    kinds = [row["kind"] for _, row in parse_tsv(text, "argument_words.tsv").rows()]
    at = [i for i, kind in enumerate(kinds) if kind in PLACE_PREP_KINDS]
    assert at == list(range(at[0], at[0] + len(at))), "place preposition rows are split"
    assert [k for k in dict.fromkeys(kinds[at[0]:at[-1] + 1])] == list(PLACE_PREP_KINDS)
    header = [line for line in text.splitlines() if line.startswith("#")]
    for kind in PLACE_PREP_KINDS:
        assert sum(line.startswith(f"#   {kind}:") for line in header) == 1, kind
    assert not [kind for kind in WORD_KINDS if "prep" in kind]
    assert not [k for _, row in parse_tsv(text, "argument_words.tsv").rows() for k in [row["kind"]]
                if k.endswith("_prep") and k not in PLACE_PREP_KINDS + ("infinitive_prep",)]


def test_a_definite_or_backward_event_noun_points_back():
    from flashpoint.dictionaries.cues import load_cues
    from flashpoint.stages.links import _is_anaphor

    cues = load_cues()
    doc = _doc(["This", "action", "was", "a", "response"], [1, 2, 2, 4, 2], ["det", "nsubj", "ROOT", "det", "attr"],
               lemmas=["this", "action", "be", "a", "response"], pos=["DET", "NOUN", "AUX", "DET", "NOUN"])
    assert _is_anaphor(doc[1], cues) == ("action" in cues.anaphors)
    doc = _doc(["An", "action", "was", "a", "response"], [1, 2, 2, 4, 2], ["det", "nsubj", "ROOT", "det", "attr"],
               lemmas=["an", "action", "be", "a", "response"], pos=["DET", "NOUN", "AUX", "DET", "NOUN"])
    assert not _is_anaphor(doc[1], cues)


def test_an_infinitive_preposition_names_the_party():
    from flashpoint.dictionaries.cues import load_cues
    from flashpoint.extract.arguments import _named_targets

    words = ["Iran", "threatened", "to", "break", "relations", "with", "Russia"]
    doc = _doc(words, [1, 1, 3, 1, 3, 3, 5], ["nsubj", "ROOT", "aux", "xcomp", "dobj", "prep", "pobj"],
               pos=["PROPN", "VERB", "PART", "VERB", "NOUN", "ADP", "PROPN"],
               ents=["B-GPE", "O", "O", "O", "O", "O", "B-GPE"])
    assert [t.text for t in _named_targets(doc[1], frozenset(), load_cues())] == ["Russia"]
    doc = _doc([*words[:5], "despite", "Russia"], [1, 1, 3, 1, 3, 3, 5],
               ["nsubj", "ROOT", "aux", "xcomp", "dobj", "prep", "pobj"],
               pos=["PROPN", "VERB", "PART", "VERB", "NOUN", "ADP", "PROPN"],
               ents=["B-GPE", "O", "O", "O", "O", "O", "B-GPE"])
    assert _named_targets(doc[1], frozenset(), load_cues()) == []


def test_stated_intent_plain_auxiliaries_and_pact_nouns_still_steer_triggers():
    from flashpoint.dictionaries.cues import load_cues
    from flashpoint.extract.triggers import _object_standing_for, _plainly_asserted, _states_intent

    cues = load_cues()
    doc = _doc(["Iran", "is", "prepared", "to", "talk"], [2, 2, 2, 4, 2], ["nsubjpass", "aux", "ROOT", "aux", "xcomp"],
               lemmas=["Iran", "be", "prepare", "to", "talk"], pos=["PROPN", "AUX", "VERB", "PART", "VERB"])
    assert _states_intent(doc[2], cues) and _plainly_asserted(doc[2], cues)
    doc = _doc(["Iran", "might", "plan", "to", "talk"], [2, 2, 2, 4, 2], ["nsubj", "aux", "ROOT", "aux", "xcomp"],
               lemmas=["Iran", "might", "plan", "to", "talk"], pos=["PROPN", "AUX", "VERB", "PART", "VERB"])
    assert _states_intent(doc[2], cues) and not _plainly_asserted(doc[2], cues)
    doc = _doc(["violated", "the", "ceasefire", "pact"], [0, 3, 3, 0], ["ROOT", "det", "compound", "dobj"],
               lemmas=["violate", "the", "ceasefire", "pact"], pos=["VERB", "DET", "NOUN", "NOUN"])
    assert _object_standing_for(doc[3], frozenset({"ceasefire"}), set(), cues).i == 2
    doc = _doc(["violated", "the", "ceasefire", "line"], [0, 3, 3, 0], ["ROOT", "det", "compound", "dobj"],
               lemmas=["violate", "the", "ceasefire", "line"], pos=["VERB", "DET", "NOUN", "NOUN"])
    assert _object_standing_for(doc[3], frozenset({"ceasefire"}), set(), cues) is None


def test_event_place_movement_and_base_words_still_place_an_event():
    from types import SimpleNamespace

    from flashpoint.dictionaries.cues import load_cues
    from flashpoint.model import Place
    from flashpoint.stages.places import _base_of, _place_under, _placed_elsewhere

    cues = load_cues()
    panjgur = Place(text="Panjgur", name="Panjgur", country="PAK", precision="city")
    doc = _doc(["clashes", "outside", "Panjgur"], [0, 0, 1], ["ROOT", "prep", "pobj"])
    toponyms = {2: SimpleNamespace(place=panjgur, literal=True)}
    assert _place_under(doc[0], toponyms, cues) == panjgur
    doc = _doc(["clashes", "with", "Panjgur"], [0, 0, 1], ["ROOT", "prep", "pobj"])
    assert _place_under(doc[0], toponyms, cues) is None
    doc = _doc(["a", "group", "headquartered", "in", "Panjgur"], [1, 1, 1, 2, 3],
               ["det", "ROOT", "acl", "prep", "pobj"], lemmas=["a", "group", "headquarter", "in", "Panjgur"])
    toponyms = {4: SimpleNamespace(place=panjgur, literal=True)}
    assert _base_of(doc[1], toponyms, cues) == panjgur
    assert _placed_elsewhere(doc[1], cues) is False  # "in" hangs on the participle, not on the group
    doc = _doc(["rebels", "from", "Panjgur"], [0, 0, 1], ["ROOT", "prep", "pobj"])
    assert _placed_elsewhere(doc[0], cues)


def test_dateline_connectors_are_data():
    from flashpoint.ingest import dateline

    assert {"of", "de", "es", "bin"} <= dateline._cues().connectors
    assert dateline._place_case(["Port", "of", "Spain"], dateline._cues()) == "title"
    assert dateline._place_case(["Port", "near", "Spain"], dateline._cues()) is None
