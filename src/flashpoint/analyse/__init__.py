"""Analysis of the stored events: dyad series, escalation alerts, retaliation chains, charts.

    from flashpoint.analyse import load_events, article_volume, dyad_series, dyad_alerts, retaliation_links
    with Store.open("flashpoint.duckdb", read_only=True) as store:
        events = load_events(store.con)
        series = dyad_series(events, "PAK", "IRN", by="day", volume=article_volume(store.con, by="day"))
    dyad_alerts(series); retaliation_links(series)
    dyad_report(events, "PAK", "IRN", by="day", volume=volume)   # what `flashpoint dyad` shows, as one object
    dyad_activity(events)                                          # every pair, most active first

The CLI (``flashpoint dyad``, ``flashpoint alerts``) calls these same functions.
"""

from .alerts import Alert, AlertParams, Change, deescalation_signals, dyad_alerts, involving, rate_changes, scan
from .chains import EXPLICIT, INFERRED, Link, chains, retaliation_links
from .dyads import DyadActivity, DyadReport, direction_label, dyad_activity, dyad_report, in_order
from .sides import Side, UnknownSide, resolve_side
from .series import (ActorRef, DyadEvent, DyadSeries, PeriodRow, active_span, article_volume, dyad_keys,
                     dyad_series, event_direction, key_matches, load_events, period_range, period_start,
                     side_matches)

__all__ = [
    "EXPLICIT", "INFERRED", "ActorRef", "Alert", "AlertParams", "Change", "DyadActivity", "DyadEvent",
    "DyadReport", "DyadSeries", "Link", "PeriodRow", "Side", "UnknownSide", "active_span", "article_volume",
    "chains", "deescalation_signals", "direction_label", "dyad_activity", "dyad_alerts", "dyad_keys",
    "dyad_report", "dyad_series", "event_direction", "in_order", "involving", "key_matches", "load_events",
    "period_range", "period_start", "rate_changes", "resolve_side", "retaliation_links", "scan", "side_matches",
]
