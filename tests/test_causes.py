"""Harm with a non-human cause is no political event (stages/causes.py, data/cues/causes.tsv).

The sentences are written for these tests: each "dropped" one was coded as an attack or coercion before the causes
stage; each "kept" one names a weapon or a person, and must stay an event."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.dictionaries.cues import load_cues
from flashpoint.model import Article
from flashpoint.ontology import load_ontology
from flashpoint.stages import PROFILES

MONDAY = dt.date(2024, 1, 15)
CONFLICT = {"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "THREATEN"}


def test_the_harm_words_name_real_event_types_and_modes():
    ontology, harm = load_ontology(), load_cues().harm
    for value in harm.kind("response") | harm.kind("victim_event") | harm.kind("unrest_event"):
        event, _, mode = value.partition(":")
        assert event in ontology.events, value
        assert not mode or mode in ontology.modes(event), value
    assert {"cause_prep", "cause_mark", "target_prep", "site_prep"} <= set(harm.words)


def test_the_stages_run_in_both_profiles_after_the_actors():
    for profile in PROFILES.values():
        names = [s.name for s in profile.stages]
        assert names.index("actors") < names.index("modes") < names.index("causes") < names.index("fold")


# ------------------------------------------------------------------------------ with the model (slow)

@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder

    return Coder()


def conflict(coder, text):
    events = coder.code(Article.from_text(text, published=MONDAY))
    return [(e.code.event, [m.trigger for m in e.mentions]) for e in events
            if e.code.event in CONFLICT and e.status == "asserted"]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "An earthquake killed eight people in eastern Turkey on Monday.",  # the subject
    "Heavy rains and floods destroyed thousands of homes in Sindh province on Monday.",
    "A tsunami slammed into the coast of Sulawesi on Sunday, killing 43 people.",  # a participle's clause
    "Villages in Assam were hit by floods on Monday.",  # the 'by' agent
    "Eight people were killed when a gas cylinder exploded at a restaurant in Lagos on Monday.",  # 'when' clause
    "Six workers were killed when a chemical plant exploded in Jiangsu province on Thursday.",
    "Four pilgrims were killed and nine injured when their bus overturned near Kandy on Monday.",
    "Twelve people were killed in a plane crash near Kathmandu on Monday.",  # 'in' phrase
    "A gas explosion at a market in Lagos killed eight people on Monday.",  # the trigger noun's own phrase
    "An explosion ripped through a fireworks factory in Hebei on Monday. The explosion killed 12 workers.",
    "The government declared a state of emergency after floods swept the province on Monday.",  # a response
    "Wildfires are burning across the state. The governor declared a state of emergency on Monday.",
    # the sentence names the disaster in a clause the harm does not hang on
    "Several tourists were injured on Monday as rescuers were sent after the volcano erupted off the coast.",
    "A cargo ship was struck by a container carrier off Singapore on Monday.",  # a vehicle runs into another
    "A pedestrian was hit by a bus in Nairobi on Monday.",
    # a participle the parse hangs on the last noun, after a comma, is the clause's: its subject did it
    "Record rainfall has caused flooding in many areas, mainly the provinces of Sindh and Punjab, forcing thousands "
    "to leave their homes.",
    # a cause written right before the harm as its compound
    "Army troops are helping the administration in relief efforts in flood-hit villages of Sindh on Monday.",
    "Troops assisting the administration in rescue efforts in earthquake hit areas of Astore, the statement read.",
    # what a tank holds says it is no armour
    "A blast occurred in a tank containing solvents at the plant on Monday.",
    # a burst word names again the accident dropped before it
    "Ten workers were hurt when a furnace at an iron plant exploded on Monday. The blast occurred at the smelting "
    "shop of the plant.",
])
def test_harm_with_a_non_human_cause_is_no_event(coder, text):
    assert conflict(coder, text) == []


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "A bomb explosion killed four policemen in Quetta on Tuesday.",  # a weapon
    "An explosion set off by militants killed three soldiers near Mosul on Monday.",  # a person
    "A fire set by rioters destroyed a police station in Lagos on Monday.",
    "Three civilians were killed by Israeli fire in Gaza on Monday.",  # "fire" qualified by a party: gunfire
    "Two soldiers were killed when their helicopter crashed after being hit by a rocket in Idlib.",
    "Police imposed a curfew in Jos after riots broke out over flood relief on Monday.",  # unrest, not disaster
    "Militants attacked a gas plant in Algeria on Monday, killing 37 hostages.",
    "Two protesters were struck by a police truck in Nairobi on Monday.",  # someone's vehicle
    "A convoy was struck by a car bomb in Mogadishu on Monday.",  # a car that is a weapon
    "Missiles fired by warplanes hit a school in Idlib, starting a fire, on Monday.",  # "fire" is no agent there
    "Militants detonated a bomb at a market in Kabul on Monday. The blast killed five people.",
    "Rebels fleeing the floods hit the town on Monday.",  # the cause is another verb's object, no compound
    "Militants attacked the army in Kunar on Monday, forcing thousands to flee.",
])
def test_harm_with_a_weapon_or_a_person_named_stays_an_event(coder, text):
    assert conflict(coder, text) != []
