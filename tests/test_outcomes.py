"""Real-news constructions, on sentences written for these tests: deaths and injuries tied to the attack that
caused them, actors an act implies, forces named before an event noun, gerunds read as nouns, and folded
mentions kept as evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.model import Article

pytestmark = pytest.mark.slow
TUESDAY = dt.date(2024, 3, 5)


@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder

    return Coder()


def asserted(coder, text):
    return [e for e in coder.code(Article.from_text(text, published=TUESDAY)) if e.status == "asserted"]


def triggers(event):
    return [m.trigger for m in event.mentions]


def codes(actors):
    return [a.code for a in actors]


# ------------------------------------------------------------------------------------------ outcomes

@pytest.mark.parametrize("text, outcome, attack", [
    ("Four villagers were killed in an army airstrike on Monday.", "killed", "airstrike"),
    ("Three villagers died in police firing near the market.", "died", "firing"),
    ("Five persons died when soldiers opened fire on the crowd.", "died", "opened fire"),
])
def test_a_death_tied_to_an_attack_is_one_event_with_the_attacks_actor(coder, text, outcome, attack):
    (event,) = asserted(coder, text)
    words = " ".join(triggers(event))
    assert event.code.event == "ASSAULT" and outcome in words and attack in words
    assert {a.sector for a in event.actors} & {"MIL", "COP"}, event.actors
    assert "CVL" in {a.sector for a in event.recipients}  # the dead are the victims, never the actors
    assert not {a.sector for a in event.actors} & {"CVL"}


def test_an_attack_s_relative_clause_tells_its_outcome(coder):
    # "a rocket attack that wounded four soldiers": one attack, dated by the phrase that names it
    (event,) = asserted(coder, "A rocket attack on Monday that wounded four soldiers was blamed on the rebels.")
    words = " ".join(triggers(event))
    assert "attack" in words and "wounded" in words
    assert event.date == TUESDAY - dt.timedelta(days=1) and "MIL" in {a.sector for a in event.recipients}


def test_a_relative_clause_on_the_place_of_an_attack_tells_the_attack_s_outcome(coder):
    # "a strike on its embassy in Chile, which killed ...": Chile is where it happened, not who killed
    events = asserted(coder, "Peru said it was answering a strike on its embassy in Chile, which killed three "
                             "Peruvian officers on Monday.")
    (attack,) = [e for e in events if e.code.event == "ASSAULT"]
    assert "killed" in triggers(attack) and "strike" in triggers(attack)
    assert "CHL" not in {a.country for a in attack.actors}


def test_a_relative_in_a_means_preposition_ties_the_outcome_to_the_attack(coder):
    # "the police firing ... in which one person was killed": the killing is the firing's outcome, the police's act
    events = asserted(coder, "the opposition condemned the police firing on its workers at a rally near the "
                             "district office in which one person was killed.")
    (attack,) = [e for e in events if e.code.event == "ASSAULT"]
    assert {"firing", "killed"} <= set(triggers(attack)) and "COP" in codes(attack.actors)


def test_what_a_probe_looks_into_happened(coder):
    # asking for an inquiry into an act does not make the act hypothetical (status.tsv kind inquiry)
    events = coder.code(Article.from_text("the opposition demanded a judicial probe into the police firing on its "
                                          "workers in the town.", published=TUESDAY))
    firing = [e for e in events if e.code.event == "ASSAULT"]
    assert firing and [e.status for e in firing] == ["asserted"] and "COP" in codes(firing[0].actors)


def test_a_gerund_whose_compound_the_parse_makes_its_subject_is_still_the_noun(coder):
    # "died in police firing while ...": parsed as a clause "police firing" with "police" its subject
    events = asserted(coder, "officials said 12 people have died in police firing while over 300 have been "
                             "arrested in the province over the last five days.")
    (firing,) = [e for e in events if "died" in triggers(e)]
    assert "firing" in triggers(firing) and codes(firing.actors) == ["COP"]


def test_a_compound_the_parse_splits_from_its_gerund_still_names_the_doer(coder):
    # lower-case news: "killed in police firing as ..." parsed as "killed in police" plus a clause "firing"
    events = asserted(coder, "two men were killed in police firing as rampaging students set fire to a bus.")
    (killing,) = [e for e in events if "killed" in " ".join(triggers(e))]
    assert codes(killing.actors) == ["COP"] and "firing" in " ".join(triggers(killing))
    assert "EDU" not in codes(killing.actors)  # the students set the fire, they killed no one


@pytest.mark.parametrize("text, doer", [
    ("the army resorted to firing near the border on monday.", "MIL"),
    # whoever is blamed for an act did it
    ("the rangers blamed the smugglers for firing first.", "CRM"),
])
def test_a_gerund_a_preposition_takes_with_nothing_of_its_own_is_the_act_noun(coder, text, doer):
    # "firing" after "resorted to", "for": the noun, not the verb "fire" (which alone also means dismiss)
    (firing,) = [e for e in asserted(coder, text) if e.code.event == "ASSAULT"]
    assert "firing" in " ".join(triggers(firing)) and codes(firing.actors) == [doer]


def test_whoever_is_forced_to_act_does_the_act(coder):
    events = asserted(coder, "the rioting forced the police to open fire near the station.")
    (firing,) = [e for e in events if e.code.event == "ASSAULT"]
    assert codes(firing.actors) == ["COP"]


def test_the_event_is_coded_as_the_attack_not_as_the_death(coder):
    (event,) = asserted(coder, "Three villagers died in police firing near the market.")
    assert event.code.mode == "firearms"  # the firing's code, though "died" comes first


@pytest.mark.parametrize("text", [
    "An old man died of a heart attack on Sunday.",
    "Three workers died in the factory last week.",
    "The death of the singer shocked her fans.",
])
def test_a_death_tied_to_no_attack_is_no_event(coder, text):
    assert [e for e in asserted(coder, text) if e.code.event == "ASSAULT"] == []


# ------------------------------------------------------------------------------------- implied actors

def test_an_arrest_with_no_actor_named_is_the_polices_placed_where_it_happened(coder):
    events = asserted(coder, "Over forty protesters were arrested in Nairobi on Monday.")
    (event,) = [e for e in events if e.code.event == "COERCE"]  # and the protest the arrests imply
    assert event.code.mode == "arrest"
    assert codes(event.actors) == ["KENCOP"]
    assert "/implied-actor:arrest" in event.mentions[0].rule  # the coded actor points back to its rule


def test_a_curfew_with_no_actor_named_is_the_governments(coder):
    (event,) = [e for e in asserted(coder, "A curfew was imposed in Srinagar on Friday.") if e.code.event == "COERCE"]
    assert [a.sector for a in event.actors] == ["GOV"]


@pytest.mark.parametrize("text, target", [
    # a measure done by no one named is the place's own: no sanction on Peru
    ("Flights were suspended in Tacna, Lima and Cusco on Monday, the agency reported.", set()),
    # one a party is named doing is aimed where it goes
    ("Chile suspended flights to Lima on Monday.", {"PER"}),
])
def test_a_measure_with_no_actor_is_not_aimed_at_where_it_applies(coder, text, target):
    (event,) = [e for e in asserted(coder, text) if e.code.event == "SANCTION"]
    assert {a.country for a in event.recipients} == target


def test_weapons_found_are_the_authorities_act_but_not_every_seizure_is(coder):
    (found,) = asserted(coder, "An explosive device was found near the airport in Colombo on Monday.")
    assert found.code.event == "COERCE" and [a.sector for a in found.actors] == ["GOV"]
    assert "/implied-actor:weapons_seized" in found.mentions[0].rule
    seized = asserted(coder, "A tanker was seized in the Gulf on Monday.")  # same code, another trigger: no one implied
    assert all("implied-actor" not in m.rule for e in seized for m in e.mentions)


def test_every_trigger_an_implied_actor_is_limited_to_exists():
    from flashpoint.dictionaries.cues import load_cues
    from flashpoint.dictionaries.triggers import load_trigger_dictionary

    ids = {entry.id for entry in load_trigger_dictionary().entries}
    for implied in load_cues().implied_actors:
        assert implied.triggers <= ids, (implied.id, implied.triggers - ids)


def test_an_actor_the_text_names_is_never_replaced(coder):
    (event,) = asserted(coder, "Soldiers detained two journalists in Yangon on Monday.")
    assert [a.sector for a in event.actors] == ["MIL"]
    assert "implied-actor" not in event.mentions[0].rule


# -------------------------------------------------------------------- forces before nouns, gerunds, people

def test_a_force_named_before_an_event_noun_acts_but_the_people_acted_on_do_not(coder):
    (firing,) = asserted(coder, "Two men were wounded in police firing in Ahmedabad on Tuesday.")
    assert codes(firing.actors) == ["INDCOP"] and "firing" in " ".join(triggers(firing))
    exchange = asserted(coder, "The prisoner exchange took place on Monday.")
    assert all("CVL" not in {a.sector for a in e.actors} for e in exchange)


@pytest.mark.parametrize("word", ["persons", "men", "women", "children"])
def test_plain_people_nouns_are_civilians(coder, word):
    (event,) = asserted(coder, f"Gunmen killed six {word} in the village on Sunday.")
    assert [a.sector for a in event.recipients] == ["CVL"]


def test_a_folded_participle_stays_as_evidence_of_its_event(coder):
    (event,) = asserted(coder, "Police fired at the crowd in Lagos, killing two men.")
    assert "fired at" in triggers(event) and "killing" in triggers(event)
    assert event.mentions[1].sentence == event.mentions[0].sentence


# ----------------------------------------------------------------------------- acts nobody is named for

def test_an_act_a_clause_says_happened_is_an_event_though_no_one_is_named(coder):
    (event,) = asserted(coder, "Several houses were set on fire overnight.")
    assert event.code.event == "ASSAULT" and event.actors == [] and event.recipients == []


def test_where_the_article_names_parties_an_act_without_one_is_left_out(coder):
    events = asserted(coder, "Soldiers arrested two men on Monday. Several houses were set on fire overnight.")
    assert [e.code.event for e in events] == ["COERCE"]  # more often a party the rules missed than nobody's act


def test_a_noun_or_a_hypothetical_with_no_one_named_is_still_no_event(coder):
    assert coder.code(Article.from_text("Any further escalation could be dangerous.", published=TUESDAY)) == []
    assert asserted(coder, "The latest clash was the worst in years.") == []


# ------------------------------------------------------------------------------- who takes part decides

@pytest.mark.parametrize("text", [
    "Demonstrators clashed with police in Caracas on Saturday.",
    "Heavy clashes broke out between police and protesters in Beirut on Saturday night.",
])
def test_a_clash_with_protesters_on_one_side_is_a_riot(coder, text):
    (event,) = asserted(coder, text)
    assert (event.code.event, event.code.cameo) == ("PROTEST", "145")
    assert "/party:protesters" in event.mentions[0].rule


def test_a_clash_between_armed_forces_stays_an_attack_with_both_sides(coder):
    (event,) = asserted(coder, "Fresh fighting erupted between the army and rebels in Darfur on Monday.")
    assert event.code.event == "ASSAULT"
    assert {a.sector for a in event.actors} == {"MIL", "REB"} and {a.sector for a in event.recipients} == {"MIL", "REB"}


def test_the_victims_of_an_attack_abroad_are_the_places_people_not_the_attackers(coder):
    (event,) = asserted(coder, "Russian forces shelled Kharkiv on Monday, killing four civilians.")
    assert codes(event.actors) == ["RUSMIL"] and "UKRCVL" in codes(event.recipients)
    assert "RUSCVL" not in codes(event.recipients)
    (home,) = [e for e in asserted(coder, "Kenyan police fired tear gas at demonstrators in Nairobi on Tuesday.")
               if e.code.event == "ASSAULT"]
    assert codes(home.recipients) == ["KENCVL"]  # at home, a state agent's targets stay its own people


@pytest.mark.parametrize("attackers", ["Chilean forces", "Chilean units"])
def test_the_victims_of_an_attack_in_a_report_about_the_attacked_country_are_its_people(coder, attackers):
    """With no place in the sentence, the people a foreign force targets are of where the report is (its main
    place); a state named alone ("Chilean units") acts through its agents too."""
    text = ("Peru reported heavy shelling in Tacna and Moquegua on Monday. Lima said the border region of Peru was "
            f"under fire.\n\n{attackers} are targeting civilian homes, the Peruvian ombudsman said.")
    targeted = [e for e in asserted(coder, text) if "targeting" in triggers(e)]
    assert targeted and all("CHLCVL" not in codes(e.recipients) for e in targeted)
    assert "PERCVL" in codes(targeted[0].recipients), [codes(e.recipients) for e in targeted]
