"""Analysis of the stored events: dyad series, escalation alerts, retaliation chains, charts.

    from flashpoint.analyse import load_events, article_volume, dyad_series, dyad_alerts, retaliation_links
    with Store.open("flashpoint.duckdb", read_only=True) as store:
        events = load_events(store.con)
        series = dyad_series(events, "PAK", "IRN", by="day", volume=article_volume(store.con, by="day"))
    dyad_alerts(series); retaliation_links(series)

The CLI (``flashpoint dyad``, ``flashpoint alerts``) calls these same functions.
"""

from .alerts import Alert, AlertParams, Change, deescalation_signals, dyad_alerts, rate_changes, scan
from .chains import EXPLICIT, INFERRED, Link, chains, retaliation_links
from .sides import Side, UnknownSide, resolve_side
from .series import (ActorRef, DyadEvent, DyadSeries, PeriodRow, active_span, article_volume, dyad_keys,
                     dyad_series, event_direction, load_events, period_range, period_start, side_matches)

__all__ = [
    "EXPLICIT", "INFERRED", "ActorRef", "Alert", "AlertParams", "Change", "DyadEvent", "DyadSeries", "Link",
    "PeriodRow", "Side", "UnknownSide", "active_span", "article_volume", "chains", "deescalation_signals",
    "dyad_alerts", "dyad_keys", "dyad_series", "event_direction", "load_events", "period_range", "period_start",
    "rate_changes", "resolve_side", "retaliation_links", "scan", "side_matches",
]
