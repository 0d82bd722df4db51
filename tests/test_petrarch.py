"""PETRARCH2 dictionaries: the readers on small hand-written files, the conversion into Flashpoint's own
dictionaries, and (slow, with ../shared/data/petrarch2) the unit-test suite held at its recorded floors and the
Phoenix dictionaries on the seed article."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from flashpoint.dictionaries.actors import load_actor_dictionary
from flashpoint.dictionaries.petrarch import (
    load_petrarch_files, load_petrarch_folder, read_actors, read_agents, read_discards, read_verbs, to_flashpoint,
)
from flashpoint.errors import DictionaryError
from flashpoint.ontology import load_ontology

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
PETRARCH = SHARED / "petrarch2"
RECORDS = PETRARCH / "PETR.UnitTest.records.xml"
BASELINE = json.loads((ROOT / "tests" / "petrarch_baseline.json").read_text(encoding="utf-8"))
needs_shared = pytest.mark.skipif(not RECORDS.exists(), reason="../shared/data/petrarch2 is not here")

ACTORS = """<!-- test actors -->
# a comment line
ARNOR [ARN]
+NORTH_KINGDOM
GONDOR_  [GON] # trailing comment
SMEAGOL [HOB]
\t[HOBGOV >950101]
\t[HOBREB 990816-001231]
LEONID_BREZHNEV_
SECRETARY_BREZHNEV
\t[RUSGOV 641014-821110]
BROKEN [ARN >9501]
AFTER_BROKEN [AFB]
THE_SHIRE  [FRO/BIL]
RADAGAST THE_BROWN [WIZ]
"""


def test_actors_roles_synonyms_and_shared_codes() -> None:
    warnings: list = []
    actors = {a.name: a for a in read_actors(ACTORS, "t.actors.txt", warnings)}
    assert actors["arnor"].phrases == ("arnor", "north kingdom")
    assert actors["gondor"].code_on(None) == "GON"
    smeagol = actors["smeagol"]
    assert smeagol.code_on(dt.date(1994, 6, 1)) == "HOB"  # before any dated role: the undated one
    assert smeagol.code_on(dt.date(1996, 6, 1)) == "HOBGOV"
    assert smeagol.code_on(dt.date(1999, 9, 1)) == "HOBGOV"  # the first role that holds
    # names one after another share the roles that follow them
    assert actors["leonid brezhnev"].code_on(dt.date(1970, 1, 1)) == "RUSGOV"
    assert actors["secretary brezhnev"].code_on(dt.date(1970, 1, 1)) == "RUSGOV"
    assert actors["leonid brezhnev"].code_on(dt.date(1990, 1, 1)) is None
    # the malformed line is reported with its file and line; the rest loads
    assert [str(w) for w in warnings] == ["t.actors.txt:12: date '9501' is not YYMMDD or YYYYMMDD; line skipped"]
    assert "broken" not in actors and actors["after broken"].code_on(None) == "AFB"
    assert actors["the shire"].code_on(None) == "FRO/BIL"  # one name, two actors (split when coding)
    # words written apart may stand apart in the text, those joined by "_" may not
    assert actors["radagast the brown"].disconnected == (("radagast", "the brown"),)
    assert actors["arnor"].disconnected == ()


def test_agents_plurals_substitutions_and_prefix_codes() -> None:
    text = ("!PERSON! = MAN, WOMAN\nFOREIGN_MINISTER [~GOVFRM]\nPOLICE {} [~COP]\nATTORNEY_GENERAL "
            "{ATTORNEYS_GENERAL} [~JUD]\nCONGRESS!PERSON! [~LEG]\nHUMAN_RIGHTS_BODY [NGO~]\nNO_CODE [GOV]\n")
    warnings: list = []
    agents = read_agents(text, "t.agents.txt", warnings)
    by_code = {a.code: a for a in agents}
    assert by_code["GOVFRM"].phrases == ("foreign minister", "foreign ministers")
    assert by_code["COP"].phrases == ("police",)
    assert by_code["JUD"].phrases == ("attorney general", "attorneys general")
    assert by_code["LEG"].phrases == ("congressman", "congresswoman")
    assert by_code["NGO"].prefix and not by_code["GOVFRM"].prefix
    assert [w.where for w in warnings] == ["t.agents.txt:7"] and "'~'" in warnings[0].message


VERBS = """&CURRENCY
+DOLLARS
+SWISS_FRANCS
&TIETYPES
+MILITARY
+ECONOMIC

--- RESTORE  [064]  ---
RESTORE
RENEW
- * TIES  [064]
- * &TIETYPES RELATIONS [0311]
- NOT * RELATIONS  [112]
- * NOTHING  [---]
- * BROKEN [12?]
--- CONTRIBUTE [070] ---
CONTRIBUTE
- * &CURRENCY [071]
--- NONSENSE [903] ---
FROBNICATE
"""


def test_verbs_blocks_patterns_and_synsets() -> None:
    warnings: list = []
    verbs, skipped = read_verbs(VERBS, "t.verbs.txt", warnings)
    assert [v.stem for v in verbs] == ["restore", "renew", "contribute", "frobnicate"]
    restore = verbs[0]
    assert restore.code == "064" and len(restore.patterns) == 4  # the bad-code pattern is skipped
    # a synset member also stands for its regular plural (PETRARCH: +S, +IES for a final Y, +ES after SS)
    assert restore.patterns[1].post == (("military", "militaries", "economic", "economics"), ("relations",))
    assert verbs[1].patterns == restore.patterns  # a block's patterns serve every verb in it
    assert verbs[2].patterns[0].post == (("dollars", "swiss_francs"),)
    assert [str(w) for w in warnings] == [
        "t.verbs.txt:15: code [12?] must be digits (or --- for none), or two such codes as A:B; line skipped"]


def test_listed_forms_and_stem_first_compounds() -> None:
    text = """--- BREAK [---] ---
BREAK { BROKE BROKEN  }
+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF }
WIRE_+TAP {WIRE_+TAPPED} [1711]
- * INTO [1717]
- NOT * [081]
"""
    warnings: list = []
    verbs, _ = read_verbs(text, "t.verbs.txt", warnings)
    assert not warnings
    by_stem = {v.stem: v for v in verbs}
    assert by_stem["break"].forms == ("broke", "broken")
    assert (by_stem["cordon"].front, by_stem["cordon"].back, by_stem["cordon"].forms) == ((), ("off",), ("cordoned", "cordons"))
    assert by_stem["tap"].front == ("wire",) and by_stem["tap"].forms == ("tapped",)
    # the words PETRARCH matches: regular forms of the stem and the listed ones, no others
    assert {"break", "breaks", "breaking", "broke", "broken"} <= by_stem["break"].written_forms
    assert "breaked" in by_stem["break"].written_forms and "breakes" not in by_stem["break"].written_forms
    depart = read_verbs("--- DEPART [032] ---\nDEPART\nSTOP\nCARRY\nREFUSE\n", "t", [])[0]
    assert {"departs", "departed", "departing"} <= depart[0].written_forms
    assert "departes" not in depart[0].written_forms
    assert {"stopped", "stopping", "stops"} <= depart[1].written_forms
    assert {"carries", "carried", "carrying"} <= depart[2].written_forms
    assert {"refused", "refusing", "refuses"} <= depart[3].written_forms
    # a pattern that names the negation codes it; one that does not leaves a negated verb negated
    assert [p.negative for p in by_stem["break"].patterns] == [False, True]


def test_compound_and_skip_slots() -> None:
    import spacy

    from flashpoint.extract.petrarch_patterns import best_pattern

    verbs, _ = read_verbs("""--- AGREE [081] ---
AGREE
- % * [030:030]
--- CELEBRATE [040] ---
CELEBRATE
- * IFTAR AT ^ + [044]
- * EID AT ^ WITH + [043]
""", "t.verbs.txt", [])
    agree, celebrate = verbs
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    def head(text: str, word: str):
        doc = nlp(text)
        return next(t for t in doc if t.text.lower() == word)

    def parties(n):
        return lambda indices, skip, recipient: n

    # "%": the pattern needs a compound party there, and counts as specific as a word
    two = best_pattern(agree, head("Arnor and Gondor agree", "agree"), parties=parties(2))
    assert two.pattern.code == "030:030" and two.compound_source and two.source is not None
    assert best_pattern(agree, head("Arnor agrees", "agrees"), parties=parties(1)) is None
    assert best_pattern(agree, head("Arnor and Gondor agree", "agree")) is None  # nobody to count parties
    # "^" right before a slot passes over one named phrase; before a word it is only a gap
    iftar = best_pattern(celebrate, head("Arnor celebrate Iftar at Osgiliath with Gondor", "celebrate"))
    assert iftar.pattern.code == "044" and iftar.target_skip == 1
    eid = best_pattern(celebrate, head("Arnor celebrate Eid at Osgiliath with Gondor", "celebrate"))
    assert eid.pattern.code == "043" and eid.target_skip == 0
    assert [t for t in eid.target] == [6]  # the slot after "with"


def test_discards() -> None:
    warnings: list = []
    discards = read_discards("# c\nMONTHS LATER\n+Manchester United   # pas\n", "t.discards.txt", warnings)
    assert [(d.phrase, d.story) for d in discards] == [("months later", False), ("manchester united", True)]


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "T.actors.txt").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "T.agents.txt").write_text("FOREIGN_MINISTER [~GOVFRM]\n", encoding="utf-8")
    (tmp_path / "T.verbs.txt").write_text(VERBS, encoding="utf-8")
    (tmp_path / "T.discards.txt").write_text("BASEBALL\n+TYPHOON\nWORLD CUP_\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a dictionary\n", encoding="utf-8")
    return tmp_path


def test_conversion_into_flashpoint_dictionaries(tmp_path: Path) -> None:
    pd = load_petrarch_folder(_folder(tmp_path))
    assert len(pd.files) == 4
    base = load_actor_dictionary()
    actors, triggers, extra = to_flashpoint(pd, base_actors=base, ontology=load_ontology())
    arnor = actors.lookup("North Kingdom")
    assert arnor is not None and arnor.code == "ARN" and arnor.kind == "country"
    assert actors.sector("foreign ministers").sector == "GOVFRM"
    assert base.lookup("Arnor") is None  # the packaged dictionary is not changed
    # one trigger per verb; its patterns are matched per sentence (extract.petrarch_patterns)
    restore = {(e.pattern, e.cameo) for e in triggers.candidates("restore", "VERB")}
    assert restore == {("restore", "064")}
    bare = triggers.candidates("restore", "VERB")[0]
    assert bare.event == load_ontology().plover_for_cameo("064").event
    assert extra.verbs[bare.id].stem == "restore" and len(extra.verbs[bare.id].patterns) == 4
    # 903 is no CAMEO 2.0 code: the verb still fires (a placeholder trigger code), the event keeps "903"
    frob = triggers.candidates("frobnicate", "VERB")
    assert frob and extra.verbs[frob[0].id].code == "903"
    assert extra.discarded_sentence("He played baseball.") and not extra.discarded_sentence("Base ball")
    # a phrase is a stem unless written with a final "_": "baseballs" is discarded, "World Cupboard" is not
    assert extra.discarded_sentence("Baseballs flew.") and extra.discarded_sentence("The World Cup, again")
    assert not extra.discarded_sentence("The World Cupboard")
    assert extra.discarded_story("A typhoon hit.")
    with pytest.raises(DictionaryError) as err:
        load_petrarch_files([tmp_path / "T.actors.txt"], strict=True)
    assert err.value.where == "T.actors.txt:12"


def test_pattern_choice_is_the_most_specific_match() -> None:
    import spacy

    from flashpoint.dictionaries.petrarch import petrarch_event_code
    from flashpoint.extract.petrarch_patterns import best_pattern

    verbs, _ = read_verbs(VERBS + """--- MEET [031] ---
MEET
- * $ IN_+ [032]
- IN_* [075]
- * ECONOMIC_RELATIONS [0312]
""", "t.verbs.txt", [])
    restore, meet = verbs[0], verbs[-1]
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    def head(text: str, word: str):
        doc = nlp(text)
        return next(t for t in doc if t.text.lower() == word)

    # "&TIETYPES RELATIONS" (two words) beats "NOT * RELATIONS"? both two words: the first in the file wins
    assert best_pattern(restore, head("They restore military relations", "restore")).pattern.code == "0311"
    assert best_pattern(restore, head("They did not restore relations", "restore")).pattern.code == "112"
    assert best_pattern(restore, head("They restore ties", "restore")).pattern.code == "064"
    assert best_pattern(restore, head("They restore order", "restore")) is None
    # "_" ties words together: "IN_*" needs "in" right before the verb; "ECONOMIC_RELATIONS" adjacent words
    assert best_pattern(meet, head("They in meet", "meet")).pattern.code == "075"
    assert best_pattern(meet, head("They in fact meet", "meet")) is None
    assert best_pattern(meet, head("They meet economic and relations", "meet")) is None
    found = best_pattern(meet, head("They meet the envoys in Paris", "meet"))
    assert found.pattern.code == "032" and found.target is not None
    # a code CAMEO 2.0 lacks keeps its spelling, read through its longest CAMEO prefix
    ontology = load_ontology()
    assert petrarch_event_code(ontology, "1717").cameo == "1717"
    assert petrarch_event_code(ontology, "1717").event == petrarch_event_code(ontology, "171").event
    assert petrarch_event_code(ontology, "903").event == "-"


def test_a_folder_that_is_not_there() -> None:
    with pytest.raises(DictionaryError):
        load_petrarch_folder("/nonexistent/petrarch")


@needs_shared
def test_the_shared_dictionaries_load_with_their_bad_lines_reported() -> None:
    pd = load_petrarch_folder(PETRARCH)
    assert len(pd.actors) > 27000 and len(pd.agents) > 2000 and len(pd.verbs) > 250
    # every malformed line is reported with file:line, and nothing else stops the load
    assert all(":" in w.where for w in pd.warnings)
    phoenix = [w for w in pd.warnings if w.where.startswith("Phoenix.")]
    assert len(phoenix) == 15


# ------------------------------------------------------------------------------------------------ slow


@pytest.fixture(scope="module")
def validate_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("petr")
    for kind in ("actors", "agents", "verbs", "discards"):
        (folder / f"PETR.Validate.{kind}.txt").symlink_to(PETRARCH / f"PETR.Validate.{kind}.txt")
    return folder


@pytest.mark.slow
@needs_shared
def test_unit_test_suite_holds_its_floors(validate_folder: Path) -> None:
    from flashpoint.coder import Coder
    from flashpoint.evaluation.petrarch import evaluate

    report = evaluate(RECORDS, Coder(dictionaries=validate_folder, dictionaries_only=True))
    assert report.checksum == BASELINE["checksum"]
    got = report.to_dict()
    assert got["sentences"] == BASELINE["sentences"] and got["expected_triples"] == BASELINE["expected_triples"]
    assert got["found"] >= BASELINE["found"]
    assert got["extra"] <= BASELINE["extra"]
    assert got["no_event_respected"] >= BASELINE["no_event_respected"]


@pytest.mark.slow
@needs_shared
def test_eval_petrarch_cli_json() -> None:
    from click.testing import CliRunner

    from flashpoint.cli.main import main

    # the shared folder also holds the Phoenix dictionaries: the suite is run with its own PETR.Validate.* only
    result = CliRunner().invoke(main, ["eval", "petrarch", str(RECORDS), "--dictionaries", str(PETRARCH),
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    line = [x for x in result.output.splitlines() if x.startswith("{")][-1]
    got = json.loads(line)
    assert set(got) == {"sentences", "expected_triples", "found", "extra", "no_event_sentences",
                        "no_event_respected"}
    assert got["found"] >= BASELINE["found"]


@pytest.mark.slow
@needs_shared
def test_phoenix_dictionaries_code_the_seed(tmp_path: Path) -> None:
    from flashpoint.coder import Coder
    from flashpoint.model import Article

    for path in PETRARCH.glob("Phoenix.*"):
        (tmp_path / path.name).symlink_to(path)
    coder = Coder(dictionaries=tmp_path)
    assert len(coder.dictionary_warnings) == 15
    text = (SHARED / "seed" / "pakistan_iran_strikes.txt").read_text(encoding="utf-8")
    events = coder.code(Article.from_text(text, published=dt.date(2024, 1, 18)))
    assaults = [e for e in events if e.code.event == "ASSAULT" and e.status == "asserted"]
    assert {a.code for e in assaults for a in e.actors} >= {"PAKMIL"}
    # Phoenix's agents make "militant hideouts" unidentified armed forces (UAF), its actors Tehran plain IRN
    assert any(r.code == "IRNUAF" for e in assaults for r in e.recipients)


@pytest.fixture(scope="module")
def petrarch_coder(tmp_path_factory):
    """A coder on a small hand-written dictionary set that replaces Flashpoint's own (``dictionaries_only``)."""
    from flashpoint.coder import Coder

    folder = tmp_path_factory.mktemp("petrarch")
    (folder / "T.actors.txt").write_text("ARNOR [ARN]\nGONDOR [GON]\nOSGILIATH [OSG]\nARNOR TELEVISION [ARNTV]\n"
                                         "ELROND [ELF]\nWEST_GERMAN [GMWGOV]\nWHITE_HOUSE [USAGOV]\n", encoding="utf-8")
    (folder / "T.agents.txt").write_text("SOLDIER [~MIL]\nPOLICE {} [~COP]\nDIPLOMAT [~GOV]\nMSF {} [NGO~]\n"
                                         "WORLD_GOVERNMENT {} [~WGO]\n", encoding="utf-8")
    (folder / "T.verbs.txt").write_text("""--- LEAVE [012] ---
LEAVE
--- LEFT [032:033] ---
LEFT
--- RESTORE [064] ---
RESTORE
- NOT * RELATIONS [112]
--- CONDEMN [122] ---
CONDEMN
--- AGREE [081] ---
AGREE
- % * [030:030]
--- REGRET [111] ---
REGRET {REGRETTED}
- NOTED + * [115]
""", encoding="utf-8")
    return Coder(dictionaries=folder, dictionaries_only=True)


# The verb-phrase and noun-phrase mechanics end to end: the text, and the triples it must code.
MECHANICS = [
    # the word as written picks the verb: "left" is LEFT (032, and 033 back), not the lemma's LEAVE
    pytest.param("Arnor left for Gondor on Monday.", {("ARN", "GON", "032"), ("GON", "ARN", "033")},
                 id="written-form"),
    # a pattern naming the negation codes the negated verb
    pytest.param("Arnor did not restore relations with Gondor.", {("ARN", "GON", "112")}, id="negation-pattern"),
    # the act condemned stands for its doer, an agent takes the country named before it
    pytest.param("Arnor condemned an attack by Osgiliath soldiers in Gondor.", {("ARN", "OSGMIL", "122")},
                 id="act-for-doer"),
    # "%": a compound source agrees with itself, each member with the others
    pytest.param("Arnor and Gondor agree that the war must end.", {("ARN", "GON", "030"), ("GON", "ARN", "030")},
                 id="compound-slot"),
    # Flashpoint's own names are not used: Iran is nobody to these dictionaries
    pytest.param("Iran condemned Gondor.", set(), id="dictionaries-only"),
    # the source is every actor the subject phrase names, a thing of Gondor's included (PETRARCH codes the
    # phrase by the actor in it, where Flashpoint would not let "Gondor's envoy" act without an agent word)
    pytest.param("Gondor's envoy condemned Osgiliath.", {("GON", "OSG", "122")}, id="source-in-phrase"),
    # agents are matched in the forms they list: "POLICE {}" has no plural, so "polices" is no police
    pytest.param("Arnor condemned the Gondor police.", {("ARN", "GONCOP", "122")}, id="agent-form"),
    pytest.param("Arnor condemned the Gondor polices.", {("ARN", "GON", "122")}, id="agent-unlisted-plural"),
    # a "+" slot that takes the verb's own subject leaves the source to the clause it is reported in
    pytest.param("Arnor's soldiers noted that Osgiliath regretted the war.", {("ARNMIL", "OSG", "115")},
                 id="target-slot-on-subject"),
    # a phrase written with a space matches with words between ("ARNOR TELEVISION"); its words place nothing
    pytest.param("Gondor condemned Arnor state-run television.", {("GON", "ARNTV", "122")}, id="disconnected"),
    pytest.param("Gondor condemned peace in Arnor state-run television.", {("GON", "ARNTV", "122")},
                 id="disconnected-places-nothing"),
    pytest.param("Gondor condemned Arnor.", {("GON", "ARN", "122")}, id="disconnected-needs-all-words"),
    # a possessor the target's own reading does not cover is a target too
    pytest.param("Gondor condemned Arnor's Elrond.", {("GON", "ELF", "122"), ("GON", "ARN", "122")},
                 id="possessor-target"),
    pytest.param("Gondor condemned Arnor's soldiers.", {("GON", "ARNMIL", "122")}, id="possessor-covered"),
    # agents stack on the name's code, a prefix agent before it; a code already there is not added again, and
    # only whole three-letter parts count ("WGO" is no part of "GMWGOV"); a former official is ELI
    pytest.param("An MSF Arnor diplomat condemned Gondor.", {("NGOARNGOV", "GON", "122")}, id="stack-prefix-suffix"),
    pytest.param("MSF Arnor condemned Gondor.", {("NGOARN", "GON", "122")}, id="stack-name-head"),
    pytest.param("West German world government activists condemned Gondor.", {("GMWGOVWGO", "GON", "122")},
                 id="stack-aligned-parts"),
    pytest.param("White House diplomats condemned Gondor.", {("USAGOV", "GON", "122")}, id="stack-redundant"),
    pytest.param("Former soldiers in White House condemned Gondor.", {("USAGOVELI", "GON", "122")},
                 id="stack-former"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", MECHANICS)
def test_petrarch_mechanics_on_a_coder_of_their_own(petrarch_coder, text, expected) -> None:
    from flashpoint.evaluation.petrarch import triples

    assert set(triples(petrarch_coder.code_text(text, published=dt.date(2020, 1, 1)))) == expected
