"""Alerts without a long history: a war starting (onset, or a rise far above a short baseline), and
de-escalation signals that one meeting or a misread expulsion cannot raise alone (synthetic events)."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from flashpoint.analyse import ActorRef, AlertParams, DyadEvent, dyad_alerts, dyad_series, rate_changes
from flashpoint.analyse.alerts import METHOD_ONSET, METHOD_RATE, METHOD_SIGNAL, onset_score

DAY0 = dt.date(2022, 9, 12)
PARAMS = AlertParams()
QUAD = {"ASSAULT": 4, "COERCE": 4, "THREATEN": 3, "ACCUSE": 3, "CONSULT": 1, "AGREE": 1, "RETREAT": 2}
INTENSITY = {"ASSAULT": -9.6, "COERCE": -6.6, "THREATEN": -6.2, "ACCUSE": -2.0, "CONSULT": 3.0, "AGREE": 5.9,
             "RETREAT": 8.0}


def _ev(n, day, event, actor="ARM", recipient="AZE", *, joint=False):
    actors = (ActorRef(actor, actor),) + ((ActorRef(recipient, recipient),) if joint else ())
    recipients = (ActorRef(recipient, recipient),) + ((ActorRef(actor, actor),) if joint else ())
    return DyadEvent(id=f"e{n:03d}", date=DAY0 + dt.timedelta(days=day), event=event, quad=QUAD[event],
                     goldstein=None, intensity=INTENSITY[event], actors=actors, recipients=recipients)


def _alerts(events, by="day", params=PARAMS):
    series = dyad_series(events, "ARM", "AZE", by=by, territory=False)
    return dyad_alerts(series, params=params)


def test_a_war_starting_on_the_first_day_is_an_onset():
    events = [_ev(n, 0, "ASSAULT", "AZE", "ARM") for n in range(6)] + [_ev(9, 1, "ACCUSE", "ARM", "AZE")]
    [onset] = [a for a in _alerts(events) if a.method == METHOD_ONSET]
    assert (onset.kind, onset.dyad, onset.period) == ("escalation", "AZE->ARM", DAY0)
    assert onset.statistic["history_periods"] == 0 and onset.statistic["conflict_events"] == 6
    assert len(onset.events) == 6 and onset.score == pytest.approx(onset_score(6))


def test_an_onset_after_quiet_periods_and_not_after_conflict():
    quiet = [_ev(0, 0, "CONSULT")] + [_ev(n, 5, "ASSAULT") for n in range(1, 6)]
    [onset] = [a for a in _alerts(quiet) if a.method == METHOD_ONSET]
    assert onset.period == DAY0 + dt.timedelta(days=5) and onset.statistic["history_periods"] == 5
    after_conflict = [_ev(0, 3, "ACCUSE")] + [_ev(n, 5, "ASSAULT") for n in range(1, 6)]
    assert not [a for a in _alerts(after_conflict) if a.method == METHOD_ONSET]


def test_no_onset_from_words_or_a_few_acts():
    threats = [_ev(n, 0, "THREATEN") for n in range(8)]  # no material act
    assert not [a for a in _alerts(threats) if a.method == METHOD_ONSET]
    few = [_ev(n, 0, "ASSAULT") for n in range(PARAMS.onset_events - 1)]
    assert not _alerts(few)


def test_onset_score_is_the_stated_convention():
    assert onset_score(5) == pytest.approx(-math.log10(1 - sum(math.exp(-1) / math.factorial(k) for k in range(5))))
    assert 2.3 < onset_score(5) < 2.5 and 6.9 < onset_score(10) < 7.1


def test_a_rise_far_above_a_short_history_alerts():
    raw = AlertParams(normalise=False)
    [change] = rate_changes([1, 1, 20], params=raw)
    assert (change.index, change.direction, change.baseline_periods) == (2, "up", 2)
    assert rate_changes([1, 1, 3], params=raw) == []  # x3 is enough after four periods, not after two
    assert [c.index for c in rate_changes([1, 1, 1, 1, 9], params=raw)] == [4]
    assert rate_changes([9, 9, 0], params=raw) == []  # a drop needs the full baseline


def _conflict_then(*coop):
    return [_ev(0, 0, "ASSAULT"), _ev(1, 0, "ASSAULT", "AZE", "ARM")] + list(coop)


@pytest.mark.parametrize("coop, reason", [
    ([_ev(5, 2, "CONSULT")], None),  # one meeting
    ([_ev(5, 2, "AGREE")], None),  # one side's pledge
    ([_ev(5, 2, "RETREAT", "AZE", "ARM")], "material"),  # a withdrawal, a ceasefire carried out
    ([_ev(5, 2, "AGREE", joint=True)], "mutual agreement"),  # "both sides agreed"
    ([_ev(5, 2, "AGREE"), _ev(6, 3, "AGREE", "AZE", "ARM")], "mutual agreement"),
    ([_ev(5, 2, "CONSULT"), _ev(6, 3, "CONSULT", "AZE", "ARM")], "count"),
])
def test_de_escalation_signal_needs_more_than_one_meeting(coop, reason):
    signals = [a for a in _alerts(_conflict_then(*coop), by="week") if a.method == METHOD_SIGNAL]
    if reason is None:
        assert signals == []
    else:
        [signal] = signals
        assert signal.statistic["because"] == reason and signal.kind == "de-escalation"


def test_rate_alerts_report_their_baseline_length():
    events = [_ev(n, d, "ASSAULT") for n, d in enumerate([0, 1, 2, 3, 4])]
    events += [_ev(100 + n, 5, "ASSAULT") for n in range(20)]
    rate = [a for a in _alerts(events, params=AlertParams(normalise=False)) if a.method == METHOD_RATE]
    assert rate and rate[0].statistic["baseline_periods"] == 5
