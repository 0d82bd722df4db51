"""Escalation and de-escalation alerts: a dyad's conflict against its own baseline, and cooperation after conflict.

The test (:func:`rate_changes`) is the exact conditional test for comparing two Poisson rates (Przyborowski &
Wilenski 1940; the "C-test" of Krishnamoorthy & Thomson 2004): the number of conflict events (quad classes 3
and 4) of a directed dyad in one period is ``c1`` with exposure ``n1`` (coded articles in the period, so a news
spike is not read as an escalation; 1 per period when not normalised), its baseline the ``c0`` events of the
``alert_baseline_periods`` periods before it with exposure ``n0``. If the rate has not changed,
``c1 | c0 + c1 ~ Binomial(c0 + c1, n1 / (n0 + n1))``; ``scipy.stats.binomtest`` gives the one-sided p-value
(greater: escalation, less: de-escalation). A period alerts when p < ``alert_p_value``, the rate ratio is at
least ``alert_min_ratio`` (or at most its inverse) and the larger side has at least ``alert_min_events`` events
(so one strike after a quiet month is not an alert by itself). The baseline rolls: each period is judged
against the periods just before it, so the first period of a sustained rise is the one that alerts most. A
period needs ``alert_min_baseline`` periods of history (a Poisson test reads over-dispersed counts as changes
more often than its p-value says, and a short baseline more so); with fewer, but at least one, only a rise is
tested, and it must also be at least ``alert_min_ratio`` squared (4x) the baseline rate: "far above" a short
history.

An *onset* (``conflict-onset``, :func:`_onsets`) is conflict starting where there was none: a period with at
least ``alert_onset_events`` conflict events, one of them material (quad 4), in a dyad whose history (the up
to ``alert_baseline_periods`` periods before it, however few, none at all for the first) holds no conflict
event. It is not a test, since there is no rate to test against, and it is not normalised by coverage (a war's
first week is most of the news): it says "from zero to many". Its score ranks it among the others by a
stated convention, ``-log10 P(X >= c)`` for X ~ Poisson(1) (:func:`onset_score`; 5 events: 2.4, 10: 7.0).

A de-escalation *signal* (:func:`deescalation_signals`) is an AGREE, CONSULT or RETREAT event between the two
sides (either direction, or a joint statement) on or within ``deescalation_window`` days after a conflict event
between them ("both sides have indicated that they do not want the situation to worsen"), when the period's
such events hold a material step back (RETREAT), an agreement of both sides (a joint one or AGREE each way),
or number at least ``deescalation_min_events``: one meeting, call or one-sided pledge is not a signal by
itself, nor an expulsion or summons the coder misread as one (``statistic["because"]`` says which).

Each :class:`Alert` carries its dyad, period, statistic and the ids of the events that drove it. Its ``score``
orders alerts by severity: ``-log10(p)`` for the rate test; the convention above for an onset; for a signal,
the PLOVER conflict intensity it follows divided by 10 (two air strikes: 1.9).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Sequence

from .series import DyadEvent, DyadSeries, PeriodRow, active_span, dyad_keys, dyad_series, key_matches, period_start

__all__ = ["Alert", "AlertParams", "Change", "DEESCALATION_EVENTS", "METHOD_ONSET", "METHOD_RATE", "METHOD_SIGNAL",
           "deescalation_signals", "dyad_alerts", "involving", "onset_score", "rate_changes", "scan"]

DEESCALATION_EVENTS = ("AGREE", "CONSULT", "RETREAT")
MATERIAL_DEESCALATION = ("RETREAT",)
METHOD_RATE = "poisson-rate-test"
METHOD_SIGNAL = "cooperation-after-conflict"
METHOD_ONSET = "conflict-onset"
ONSET_REFERENCE_RATE = 1.0  # conflict events a period against which an onset's count is scored (onset_score)


@dataclass(frozen=True)
class AlertParams:
    """The test's parameters; :meth:`from_settings` reads the ``alert_*`` settings."""

    baseline: int = 8
    min_baseline: int = 4
    p_value: float = 0.001
    min_ratio: float = 2.0
    min_events: int = 3
    onset_events: int = 5
    normalise: bool = True
    deescalation_window: int = 14
    deescalation_min_events: int = 2

    @classmethod
    def from_settings(cls, **overrides: Any) -> "AlertParams":
        from ..settings import get_setting

        values = {"baseline": get_setting("alert_baseline_periods"),
                  "min_baseline": get_setting("alert_min_baseline"),
                  "p_value": get_setting("alert_p_value"),
                  "min_ratio": get_setting("alert_min_ratio"),
                  "min_events": get_setting("alert_min_events"),
                  "onset_events": get_setting("alert_onset_events"),
                  "normalise": get_setting("alert_normalise"),
                  "deescalation_window": get_setting("deescalation_window"),
                  "deescalation_min_events": get_setting("deescalation_min_events")}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass(frozen=True)
class Change:
    """One period whose rate differs from its baseline (index into the series)."""

    index: int
    direction: str  # "up" | "down"
    count: int
    exposure: float
    baseline_count: int
    baseline_exposure: float
    ratio: float
    p_value: float
    baseline_periods: int = 0

    @property
    def score(self) -> float:
        return -math.log10(max(self.p_value, 1e-300))


def rate_changes(counts: Sequence[float], exposure: Sequence[float] | None = None, *,
                 params: AlertParams = AlertParams()) -> list[Change]:
    """Periods whose count rate is significantly above or below the rolling baseline (module docstring)."""
    from scipy.stats import binomtest

    counts = [int(round(c)) for c in counts]
    if exposure is None or not params.normalise:
        exposure = [1.0] * len(counts)
    exposure = [float(x) for x in exposure]
    if len(exposure) != len(counts):
        raise ValueError("counts and exposure must have the same length")
    changes = []
    for t in range(len(counts)):
        lo = max(0, t - params.baseline)
        periods = t - lo
        if periods < 1:
            continue
        short = periods < params.min_baseline  # a short history is trusted only for a rise far above it
        c0, n0 = sum(counts[lo:t]), sum(exposure[lo:t])
        c1, n1 = counts[t], exposure[t]
        if n0 <= 0 or n1 <= 0 or c0 + c1 == 0:
            continue
        share = n1 / (n0 + n1)
        rate0, rate1 = c0 / n0, c1 / n1
        ratio = rate1 / rate0 if rate0 > 0 else math.inf
        if c1 >= params.min_events and ratio >= (params.min_ratio ** 2 if short else params.min_ratio):
            p = binomtest(c1, c0 + c1, share, alternative="greater").pvalue
            if p < params.p_value:
                changes.append(Change(t, "up", c1, n1, c0, n0, ratio, float(p), periods))
        elif not short and c0 >= params.min_events and ratio <= 1 / params.min_ratio:
            p = binomtest(c1, c0 + c1, share, alternative="less").pvalue
            if p < params.p_value:
                changes.append(Change(t, "down", c1, n1, c0, n0, ratio, float(p), periods))
    return changes


@dataclass
class Alert:
    """An escalation or de-escalation of one dyad in one period, with the events behind it."""

    kind: str  # "escalation" | "de-escalation"
    method: str  # METHOD_RATE | METHOD_SIGNAL
    actor: str
    recipient: str
    directed: bool
    period: dt.date
    by: str
    score: float
    statistic: dict[str, Any]
    events: list[str]
    follows: list[str] = field(default_factory=list)

    @property
    def dyad(self) -> str:
        return f"{self.actor}{'->' if self.directed else '<->'}{self.recipient}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "method": self.method, "dyad": self.dyad, "actor": self.actor,
                "recipient": self.recipient, "directed": self.directed, "period": self.period.isoformat(),
                "by": self.by, "score": round(self.score, 3), "statistic": self.statistic,
                "events": list(self.events), "follows": list(self.follows)}


def _exposure(rows: list[PeriodRow], params: AlertParams) -> list[float]:
    return [float(r.articles) for r in rows] if params.normalise else [1.0] * len(rows)


def _rate_alerts(rows: list[PeriodRow], events: dict[str, DyadEvent], actor: str, recipient: str, by: str,
                 params: AlertParams) -> list[Alert]:
    alerts = []
    counts = [r.conflict for r in rows]
    tested = set()
    for change in rate_changes(counts, _exposure(rows, params), params=params):
        row = rows[change.index]
        tested.add(change.index)
        drivers = [i for i in row.event_ids if events[i].conflict]
        baseline_rate = change.baseline_count / change.baseline_exposure
        alerts.append(Alert(
            kind="escalation" if change.direction == "up" else "de-escalation", method=METHOD_RATE,
            actor=actor, recipient=recipient, directed=True, period=row.period, by=by, score=change.score,
            statistic={"conflict_events": change.count, "exposure": change.exposure,
                       "baseline_events": change.baseline_count, "baseline_exposure": change.baseline_exposure,
                       "baseline_periods": change.baseline_periods,
                       "rate": round(change.count / change.exposure, 4), "baseline_rate": round(baseline_rate, 4),
                       "rate_ratio": None if math.isinf(change.ratio) else round(change.ratio, 3),
                       "conflict_intensity": round(row.conflict_intensity, 3),
                       "p_value": float(f"{change.p_value:.3g}"),
                       "normalised": params.normalise},
            events=drivers))
    alerts += _onsets(rows, events, actor, recipient, by, params, skip=tested)
    return alerts


def onset_score(count: int) -> float:
    """The onset alert's score: ``-log10 P(X >= count)`` for X ~ Poisson(1), how unusual ``count`` conflict
    events would be for a dyad expected to have one a period. A convention to rank onsets among the tested
    alerts, not a p-value (there is no history to test against)."""
    from scipy.stats import poisson

    return -math.log10(max(float(poisson.sf(count - 1, ONSET_REFERENCE_RATE)), 1e-300))


def _onsets(rows: list[PeriodRow], events: dict[str, DyadEvent], actor: str, recipient: str, by: str,
            params: AlertParams, *, skip: set[int]) -> list[Alert]:
    """Conflict starting in a dyad with none before it (module docstring): no test, a count."""
    alerts = []
    for t, row in enumerate(rows):
        lo = max(0, t - params.baseline)
        if t in skip or row.conflict < params.onset_events or not row.quad[3]:
            continue
        if any(r.conflict for r in rows[lo:t]):
            continue
        alerts.append(Alert(
            kind="escalation", method=METHOD_ONSET, actor=actor, recipient=recipient, directed=True,
            period=row.period, by=by, score=onset_score(row.conflict),
            statistic={"conflict_events": row.conflict, "material_conflict_events": row.quad[3],
                       "history_periods": t - lo, "history_conflict_events": 0,
                       "conflict_intensity": round(row.conflict_intensity, 3),
                       "reference_rate": ONSET_REFERENCE_RATE},
            events=[i for i in row.event_ids if events[i].conflict]))
    return alerts


def deescalation_signals(series: DyadSeries, *, params: AlertParams = AlertParams()) -> list[Alert]:
    """AGREE/CONSULT/RETREAT between the two sides on or within the window after conflict between them."""
    conflict = [e for e in series.events if e.conflict]
    found: dict[dt.date, tuple[list[DyadEvent], dict[str, DyadEvent]]] = {}
    for event in series.events:
        if event.event not in DEESCALATION_EVENTS:
            continue
        before = [c for c in conflict
                  if 0 <= (event.date - c.date).days <= params.deescalation_window and c.id != event.id]
        if not before:
            continue
        period = period_start(event.date, series.by)
        coop, prior = found.setdefault(period, ([], {}))
        coop.append(event)
        prior.update((c.id, c) for c in before)
    alerts = []
    for period, (coop, prior) in sorted(found.items()):
        reason = _signal_reason(coop, series, params)
        if reason is None:
            continue
        intensity = sum(-c.intensity for c in prior.values() if c.intensity < 0)
        alerts.append(Alert(
            kind="de-escalation", method=METHOD_SIGNAL, actor=series.a, recipient=series.b, directed=False,
            period=period, by=series.by, score=intensity / 10,
            statistic={"cooperation_events": len(coop), "types": sorted({e.event for e in coop}),
                       "because": reason,
                       "after_conflict_events": len(prior), "conflict_intensity": round(intensity, 3),
                       "window_days": params.deescalation_window},
            events=[e.id for e in coop], follows=sorted(prior, key=lambda i: (prior[i].date, i))))
    return alerts


def _signal_reason(coop: list[DyadEvent], series: DyadSeries, params: AlertParams) -> str | None:
    """Why the cooperation events of a period are a de-escalation signal, or None when they are not: a
    material step back (RETREAT: a ceasefire, a withdrawal, a release), an agreement of both sides (one joint
    event, or AGREE in each direction), or at least ``deescalation_min_events`` of them. One meeting, call or
    one-sided pledge is not (nor an expulsion or a summons misread as one)."""
    if any(e.event in MATERIAL_DEESCALATION for e in coop):
        return "material"
    agree = [e for e in coop if e.event == "AGREE"]
    ways = {way for e in agree for way in series.directions.get(e.id, ())}
    if len(ways) == 2:
        return "mutual agreement"
    if len(coop) >= params.deescalation_min_events:
        return "count"
    return None


def dyad_alerts(series: DyadSeries, *, params: AlertParams = AlertParams()) -> list[Alert]:
    """Rate alerts for both directions of ``series`` and its de-escalation signals, in period order."""
    events = {e.id: e for e in series.events}
    alerts = []
    for (actor, recipient), rows in series.directed.items():
        alerts += _rate_alerts(rows, events, actor, recipient, series.by, params)
    alerts += deescalation_signals(series, params=params)
    return sorted(alerts, key=lambda a: (a.period, -a.score))


def scan(events: Sequence[DyadEvent], *, volume: dict[dt.date, int], by: str = "week", level: str = "country",
         since: dt.date | None = None, min_score: float = 0.0, params: AlertParams = AlertParams(),
         territory: bool | None = None) -> list[Alert]:
    """Alerts across every dyad at ``level`` (each unordered pair once), most severe first.

    Every dyad's series spans the active period of all ``events`` (:func:`~.series.active_span`; its quiet
    periods are its baseline); alerts before
    ``since`` and below ``min_score`` are left out."""
    if not events:
        return []
    keys = {e.id: dyad_keys(e, level=level, territory=territory) for e in events}
    pairs: set[tuple[str, str]] = set()
    for found in keys.values():
        pairs.update(tuple(sorted(p)) for p in found)  # type: ignore[misc]
    span = active_span(e.date for e in events)

    def match(event: DyadEvent, x: str, y: str) -> bool:
        return (x, y) in keys[event.id]

    alerts: list[Alert] = []
    for a, b in sorted(pairs):
        series = dyad_series(events, a, b, by=by, volume=volume, span=span, match=match)
        alerts += dyad_alerts(series, params=params)
    alerts = [x for x in alerts if (since is None or x.period >= period_start(since, by)) and x.score >= min_score]
    return sorted(alerts, key=lambda x: (-x.score, x.period, x.dyad, x.kind))


def involving(alerts: Sequence[Alert], side: str) -> list[Alert]:
    """The alerts of dyads with a side that is ``side`` or starts with it (:func:`~.series.key_matches`: PAK
    matches PAKMIL at ``--level sector``), in their order."""
    return [a for a in alerts if key_matches(a.actor, side) or key_matches(a.recipient, side)]
