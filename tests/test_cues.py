"""The cue tables refer to things that exist: trigger ids, PLOVER types and CAMEO codes."""

from __future__ import annotations

from flashpoint.dictionaries.cues import load_cues
from flashpoint.dictionaries.triggers import load_trigger_dictionary
from flashpoint.ontology import load_ontology


def test_joint_acts_name_real_triggers_and_codes():
    triggers, ontology = load_trigger_dictionary(), load_ontology()
    joint = load_cues().joint_acts
    assert joint, "joint_acts.tsv is empty"
    for trigger_id, (event, cameo) in joint.items():
        assert triggers.get(trigger_id) is not None, f"joint_acts.tsv names unknown trigger {trigger_id}"
        assert ontology.event_code(cameo, event=event).event == event


def test_condition_marks_and_quantities_are_loaded():
    cues = load_cues()
    assert {"if", "unless"} <= set(cues.status_cues("condition"))
    assert {"thousands", "part", "ton"} <= cues.quantities
