"""Stage ``dyads``: a mention of several parties on one side is one act per pair of parties, except a joint act
of a symmetric type (one meeting, one agreement) and an appeal addressed to several parties at once.

The share rule is tested on hand-made actors (fast); the stage through the Coder on sentences written for these
tests (slow: they load the model)."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.model import Actor
from flashpoint.stages.dyads import dyad_shares, party

PER, CHL, BOL = (Actor(text=c, code=c, country=c) for c in ("PER", "CHL", "BOL"))
PER_ARMY = Actor(text="Peruvian troops", code="PERMIL", country="PER", sector="MIL")
CIVILIANS = Actor(text="civilians", code="CVL", sector="CVL")
UN = Actor(text="UN", code="IGOUNO", id="un")


def codes(shares):
    return sorted((tuple(a.code for a in actors), tuple(r.code for r in recipients)) for actors, recipients in shares)


def test_a_party_is_a_country_or_a_named_group_and_a_bare_sector_is_none():
    assert (party(PER_ARMY), party(UN), party(CIVILIANS)) == ("PER", "un", None)


def test_one_party_a_side_is_one_act():
    assert dyad_shares([PER, PER_ARMY], [CHL, CIVILIANS], symmetric=False, addressed=False) is None


def test_several_recipients_are_one_act_each_and_bare_sectors_go_with_every_pair():
    shares = dyad_shares([PER], [CHL, BOL, CIVILIANS], symmetric=False, addressed=False)
    assert codes(shares) == [(("PER",), ("BOL", "CVL")), (("PER",), ("CHL", "CVL"))]


def test_each_other_is_each_side_acting_on_the_other_and_no_side_on_itself():
    shares = dyad_shares([PER, CHL], [PER, CHL], symmetric=False, addressed=False)
    assert codes(shares) == [(("CHL",), ("PER",)), (("PER",), ("CHL",))]


def test_no_side_is_its_own_recipient_beside_another():
    shares = dyad_shares([PER_ARMY], [PER, CHL, BOL], symmetric=False, addressed=False)
    assert codes(shares) == [(("PERMIL",), ("BOL",)), (("PERMIL",), ("CHL",))]


def test_a_side_left_with_no_one_else_acts_on_no_one():
    shares = dyad_shares([PER, CHL], [PER], symmetric=False, addressed=False)
    assert codes(shares) == [(("CHL",), ("PER",)), (("PER",), ())]


def test_a_joint_act_of_a_symmetric_type_stays_one():
    assert dyad_shares([PER, CHL], [PER, CHL], symmetric=True, addressed=False) is None
    assert dyad_shares([PER, CHL], [], symmetric=True, addressed=False) is None
    # one party meeting two others is two meetings
    assert len(dyad_shares([UN], [PER, CHL], symmetric=True, addressed=False)) == 2


def test_an_appeal_to_several_parties_is_one_appeal_but_several_appellants_are_several():
    assert dyad_shares([UN], [PER, CHL], symmetric=False, addressed=True) is None
    shares = dyad_shares([PER, BOL], [CHL], symmetric=False, addressed=True)
    assert codes(shares) == [(("BOL",), ("CHL",)), (("PER",), ("CHL",))]


@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder

    return Coder()


def _dyads(coder, text, event):
    found = coder.code_text(text, published=dt.date(2025, 3, 4))
    return sorted(([a.country for a in e.actors], [r.country for r in e.recipients]) for e in found
                  if e.code.event == event), found


def test_the_coder_makes_one_event_per_ambassador_summoned(coder):
    dyads, events = _dyads(coder, "Peru summoned the ambassadors of Chile, Bolivia and Ecuador on Monday.", "ACCUSE")
    assert dyads == [(["PER"], ["BOL"]), (["PER"], ["CHL"]), (["PER"], ["ECU"])]
    assert len({e.id for e in events}) == len(events)  # each share is its own event, with its own id
    assert len({e.mentions[0].id for e in events}) == len(events)


def test_the_coder_reads_mutual_blame_as_two_directed_accusations(coder):
    dyads, _ = _dyads(coder, "Peru and Chile accused each other of violating the truce.", "ACCUSE")
    assert dyads == [(["CHL"], ["PER"]), (["PER"], ["CHL"])]


def test_the_coder_keeps_one_appeal_to_both_sides(coder):
    dyads, _ = _dyads(coder, "Brazil called on Peru and Chile to show restraint.", "REQUEST")
    assert len(dyads) == 1 and sorted(dyads[0][1]) == ["CHL", "PER"]


def test_an_anaphor_of_an_exchange_never_joins_its_two_directions(coder):
    text = "Peru and Chile exchanged heavy artillery fire on Monday in their worst fighting in decades."
    events = [e for e in coder.code_text(text, published=dt.date(2025, 3, 4)) if e.code.event == "ASSAULT"]
    assert sorted(a.country for e in events for a in e.actors) == ["CHL", "PER"]  # one side a record
