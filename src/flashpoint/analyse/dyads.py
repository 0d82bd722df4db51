"""Dyads as a reader asks for them: which pairs are most active, and everything about one pair.

    dyad_activity(events, level="country")       # every pair, most active first, with its counts
    dyad_report(events, "PAK", "IRN", by="week", volume=volume, params=AlertParams.from_settings())
    report.to_dict()                             # the JSON of `flashpoint dyad A B --format json`

``flashpoint dyad`` and the HTTP API's ``/api/dyads`` routes both call these, so the table, the JSON and the API
show the same series, links and alerts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Sequence

from .alerts import Alert, AlertParams, dyad_alerts
from .chains import Link, chains, retaliation_links
from .series import DyadEvent, DyadSeries, active_span, dyad_keys, dyad_series, key_matches

__all__ = ["DyadActivity", "DyadReport", "direction_label", "dyad_activity", "dyad_report", "in_order"]


@dataclass(frozen=True)
class DyadActivity:
    """One unordered pair of actors (``a`` < ``b``) at a level, with its merged, asserted, dated events counted:
    ``events`` each once (a joint act of both counts once), ``a_to_b`` and ``b_to_a`` by direction, ``conflict``
    (quad 3-4) and ``cooperation`` (quad 1-2), and the first and last day."""

    a: str
    b: str
    events: int
    a_to_b: int
    b_to_a: int
    conflict: int
    cooperation: int
    first: dt.date
    last: dt.date

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "events": self.events, "a_to_b": self.a_to_b, "b_to_a": self.b_to_a,
                "conflict": self.conflict, "cooperation": self.cooperation, "first": self.first.isoformat(),
                "last": self.last.isoformat()}


def dyad_activity(events: Sequence[DyadEvent], *, level: str = "country", side: str | None = None,
                  territory: bool | None = None) -> list[DyadActivity]:
    """Every dyad at ``level`` that ``events`` hold, most active first (events, then conflict events, then the
    pair's names). A pair is the one :func:`~.alerts.scan` tests (:func:`~.series.dyad_keys`: actor and recipient
    keys, and with ``dyad_territory`` the country a material-conflict act takes place in); ``side`` keeps the
    pairs with a side that is ``side`` or starts with it, as ``flashpoint alerts --actor`` does."""
    counts: dict[tuple[str, str], dict[str, Any]] = {}
    for event in events:
        keys = dyad_keys(event, level=level, territory=territory)
        for a, b in sorted({tuple(sorted(pair)) for pair in keys}):
            row = counts.setdefault((a, b), {"events": 0, "a_to_b": 0, "b_to_a": 0, "conflict": 0,
                                             "cooperation": 0, "first": event.date, "last": event.date})
            row["events"] += 1
            row["a_to_b"] += (a, b) in keys
            row["b_to_a"] += (b, a) in keys
            row["conflict"] += event.conflict
            row["cooperation"] += event.cooperation
            row["first"], row["last"] = min(row["first"], event.date), max(row["last"], event.date)
    found = [DyadActivity(a, b, **row) for (a, b), row in counts.items()
             if side is None or key_matches(a, side) or key_matches(b, side)]
    return sorted(found, key=lambda d: (-d.events, -d.conflict, d.a, d.b))


def direction_label(series: DyadSeries, event_id: str) -> str:
    """``PAK->IRN``, or ``PAK<->IRN`` for an event that is an act of each side toward the other."""
    ways = series.directions[event_id]
    if len(ways) == 2:
        return f"{series.a}<->{series.b}"
    return f"{ways[0][0]}->{ways[0][1]}"


def in_order(series: DyadSeries) -> list[DyadEvent]:
    """Events by date; on one day conflict before cooperation (a response is dated on or after what it answers)."""
    return sorted(series.events, key=lambda e: (e.date, not e.conflict, e.id))


@dataclass
class DyadReport:
    """What ``flashpoint dyad A B`` shows: the series over the dyad's active period (or ``since``/``until``), its
    alerts, retaliation links and the chains they form."""

    series: DyadSeries
    alerts: list[Alert]
    links: list[Link]
    chains: list[list[str]]

    def to_dict(self) -> dict[str, Any]:
        """The series (:meth:`DyadSeries.to_dict`) with the events oldest first (each with its direction and the
        link to what it answers), the links, chains, events left out of the period, and the alerts."""
        series = self.series
        answer = {link.event: link for link in self.links}
        return {**series.to_dict(),
                "events": [{**e.to_dict(), "direction": direction_label(series, e.id),
                            "responds": answer[e.id].to_dict() if e.id in answer else None}
                           for e in in_order(series)],
                "links": [link.to_dict() for link in self.links], "chains": self.chains,
                "left_out": [{"id": e.id, "date": e.date.isoformat(), "event": e.event} for e in series.left_out],
                "alerts": [alert.to_dict() for alert in self.alerts]}


def dyad_report(events: Sequence[DyadEvent], a: str, b: str, *, by: str, volume: dict[dt.date, int],
                since: dt.date | None = None, until: dt.date | None = None,
                params: AlertParams = AlertParams()) -> DyadReport:
    """The pair ``a``, ``b`` (codes, as :func:`~.series.side_matches` reads them) in both directions: its series
    over its active period (:func:`~.series.active_span`) unless ``since``/``until`` say otherwise, and the alerts
    ``flashpoint alerts`` finds for it in that period (the dyad's quiet periods in the data's active period are
    its baseline)."""
    series = dyad_series(events, a, b, by=by, volume=volume, since=since, until=until, active=True)
    whole = active_span(e.date for e in events if (since is None or e.date >= since)
                        and (until is None or e.date <= until))
    baseline = dyad_series(events, a, b, by=by, volume=volume, since=since, until=until, span=whole)
    shown = set(series.periods)
    alerts = [x for x in dyad_alerts(baseline, params=params) if x.period in shown]
    links = retaliation_links(series)
    return DyadReport(series=series, alerts=alerts, links=links, chains=chains(links, series.events))
