"""The weapon or means named with an attack sets its PLOVER mode (stages/modes.py, data/cues/means.tsv).

The sentences are written for these tests. Fast tests check the table against the ontology and the phrase reader
on hand-built Docs; the slow ones code sentences with the model."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from flashpoint.dictionaries.cues import load_cues
from flashpoint.model import Article
from flashpoint.ontology import load_ontology

MONDAY = dt.date(2024, 1, 15)


def _doc(words: str, lemmas: str | None = None) -> Doc:
    return Doc(Vocab(), words=words.split(), lemmas=(lemmas or words).split())


def test_every_means_names_an_assault_mode():
    harm, modes = load_cues().harm, set(load_ontology().modes("ASSAULT"))
    assert len(harm.means) > 50
    for row in harm.means.rows:
        assert row.mode in modes, f"means.tsv: {row.id} names {row.mode}, no ASSAULT mode"
    assert set(harm.ranks) <= modes
    assert harm.ranks["destroy"] == 0 and "abduct" not in harm.ranks  # an outcome yields; an act is kept


@pytest.mark.parametrize("words, lemmas, expected", [
    ("a suicide car bomb", None, ["means.suicide_car_bomb"]),  # one means, not "car bomb" and "bomb"
    ("police used water cannon", "police use water cannon", ["means.water_cannon"]),  # no "cannon"
    ("a rocket - propelled grenade", "a rocket - propel grenade", ["means.rocket_propelled_grenade"]),
    ("protesters were tear - gassed", "protester be tear - gas", ["means.tear_gas"]),  # hyphens skipped
    ("she was raped", "she be rap", ["means.rape"]),  # the word as written, when the lemma slips
    ("heavy machine guns", "heavy machine gun", ["means.heavy_machine_gun"]),  # no "machine gun"
    ("police lobbed teargas shells", "police lob teargas shell", ["means.teargas_shell"]),  # no artillery shell
])
def test_the_longest_phrase_is_read_once(words, lemmas, expected):
    found = load_cues().harm.means.find(list(_doc(words, lemmas)))
    assert [max(m.rows, key=lambda r: r.precedence).id for m in found] == expected


def test_both_tables_read_together_keep_the_longest_phrase():
    harm = load_cues().harm
    weapons, causes = harm.weapons_and_causes(list(_doc("a fuel tank exploded", "a fuel tank explode")))
    assert not weapons and [m.rows[0].id for m in causes] == ["cause.fuel_tank", "cause.explode"]  # no armour
    weapons, causes = harm.weapons_and_causes(list(_doc("a tear gas canister", "a tear gas canister")))
    assert [m.rows[0].id for m in weapons] == ["means.tear_gas_shell"]
    weapons, causes = harm.weapons_and_causes(list(_doc("the explosion")))
    assert not weapons and causes  # a bare explosion says something went off, not what


# ------------------------------------------------------------------------------ with the model (slow)

@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder

    return Coder()


def assaults(coder, text):
    events = coder.code(Article.from_text(text, published=MONDAY))
    return [e for e in events if e.code.event == "ASSAULT" and e.status == "asserted"]


def modes(coder, text):
    return {e.code.mode for e in assaults(coder, text)}


@pytest.mark.slow
@pytest.mark.parametrize("text, mode", [
    ("Militants killed five soldiers with a roadside bomb in Kandahar on Monday.", "explosives"),
    ("Government warplanes attacked a market in Idlib on Monday, killing 12 civilians.", "aerial"),
    ("A suicide bomber attacked a mosque in Kabul on Friday, killing 20 worshippers.", "suicide-attack"),
    ("Israeli drones struck a car in southern Lebanon, killing two Hezbollah fighters.", "drone"),
    ("Rebels attacked the town with mortars and rockets on Monday, killing six civilians.", "heavy-weapons"),
    ("Gunmen attacked a village in Zamfara state on Sunday, killing 11 people.", "firearms"),
    ("Militiamen armed with machetes attacked a village in Ituri on Sunday.", "primitive"),
    ("Police attacked protesters with tear gas and water cannon in Nairobi on Monday.", "crowd-control"),
    # India's word for a baton charge, as a verb and as a noun, written with its hyphen
    ("police lathi-charged the students outside the college on monday.", "crowd-control"),
    ("a lathi-charge by the police on monday left ten students hurt.", "crowd-control"),
    # explosives thrown or set off
    ("Rebels hurled a grenade at a police post in Lima on Monday.", "explosives"),
    ("A concert in Tacna was called off after a grenade was thrown by rebels on Monday.", "explosives"),
    ("Seven soldiers were hurt when militants set off an improvised explosive device in Tacna on Monday.",
     "explosives"),
])
def test_the_means_named_with_an_attack_sets_its_mode(coder, text, mode):
    assert modes(coder, text) == {mode}


@pytest.mark.slow
@pytest.mark.parametrize("text, mode", [
    ("Syrian warplanes pounded rebel positions in Idlib on Monday.", "aerial"),  # pound: heavy-weapons
    ("Insurgents used mustard gas against Iraqi soldiers near Mosul on Monday.", "unconventional"),  # use_tear
])
def test_a_more_specific_means_in_the_own_phrase_overrides_the_trigger_mode(coder, text, mode):
    assert modes(coder, text) == {mode}


@pytest.mark.slow
def test_an_event_noun_reads_the_phrase_of_the_verb_it_hangs_on(coder):
    from flashpoint.stages import ArticleState, run_stages
    from flashpoint.stages.modes import own_phrase

    text = "Two villagers were killed in an attack on Monday by army helicopters."
    state = ArticleState(Article.from_text(text, published=MONDAY), coder.nlp(text), 0, coder.resources)
    names = [s.name for s in coder.stages]
    run_stages(state, coder.stages[:names.index("modes")])
    (attack,) = [d for d in state.coded() if d.head.text == "attack"]
    # "attack" is the object of "in": the 'by' agent of "killed" names the means of the attack too
    assert "helicopters" in {state.doc[i].text for i in own_phrase(attack, coder.resources.cues.harm)}


@pytest.mark.slow
def test_an_act_mode_is_kept_and_a_target_is_no_means(coder):
    assert modes(coder, "Gunmen kidnapped 20 students in Kaduna state on Monday.") == {"abduct"}
    assert "drone" not in modes(coder, "Iranian forces shot down an American drone over the Gulf on Monday.")


@pytest.mark.slow
def test_a_neighbouring_sentence_names_the_means(coder):
    text = "A grenade exploded near an army post in Mogadishu on Monday. Two soldiers were killed."
    assert modes(coder, text) == {"explosives"}


@pytest.mark.slow
def test_the_rule_records_the_means_row(coder):
    events = assaults(coder, "Militants killed five soldiers with a roadside bomb in Kandahar on Monday.")
    rules = [m.rule for e in events for m in e.mentions]
    assert "assault.kill.v/verb/mode:means.roadside_bomb" in rules, rules
