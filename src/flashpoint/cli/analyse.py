"""``flashpoint dyad`` and ``flashpoint alerts``: thin shells over :mod:`flashpoint.analyse`.

Data on stdout (a table, JSON or CSV), notes and errors on stderr; the database is opened read-only.
"""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

import click

from ..errors import FlashpointError
from .common import iso_date, report
from .names import resolve_actor_filter, stored_actor_codes
from .store import _db_option, _open
from .tables import ACTOR_SEPARATOR, aligned

SERIES_COLUMNS = ("direction", "period", "events", "quad1", "quad2", "quad3", "quad4", "conflict", "cooperation",
                  "goldstein", "intensity", "conflict_intensity", "cooperation_intensity", "articles",
                  "conflict_per_article", "conflict_intensity_per_article", "by_type", "event_ids")


def _by_default() -> str:
    from ..settings import get_setting

    try:
        return str(get_setting("dyad_period"))  # checked against the setting's choices: day, week, month
    except FlashpointError as exc:
        report(exc)
        sys.exit(exc.exit_code)


def _load(db: str | None, by: str, since: Any = None, until: Any = None) -> tuple[list[Any], dict[Any, int]]:
    from ..analyse import article_volume, load_events

    store = _open(db, read_only=True)
    try:
        return load_events(store, since=since, until=until), article_volume(store.con, by=by)
    finally:
        store.close()


def _codes(refs: Any) -> str:
    return ACTOR_SEPARATOR.join(r.code or r.actor_id or "?" for r in refs) or "-"


def _known(db: str | None) -> Any:
    """The database's actor codes, read when a side is a code the actor dictionary does not hold."""

    def read() -> set[str]:
        store = _open(db, read_only=True)
        try:
            return stored_actor_codes(store)
        finally:
            store.close()

    return read


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


# ------------------------------------------------------------------------------------------------ dyad


def _prepare(db, by):
    """The period, the alert parameters from the settings, and the stored events with article volume."""
    from ..analyse import AlertParams

    by = by or _by_default()
    try:
        params = AlertParams.from_settings()
    except FlashpointError as exc:
        report(exc)
        sys.exit(exc.exit_code)
    events, volume = _load(db, by)
    return by, params, events, volume


@click.command("dyad")
@click.argument("a")
@click.argument("b")
@_db_option
@click.option("--since", callback=iso_date, metavar="YYYY-MM-DD", help="First day (event date).")
@click.option("--until", callback=iso_date, metavar="YYYY-MM-DD", help="Last day (event date).")
@click.option("--by", type=click.Choice(["day", "week", "month"]), default=None,
              help="Period (default: the dyad_period setting, week).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, writable=True), metavar="FILE.png",
              help="Also write a PNG chart of both directions' intensity with the alerts marked.")
def dyad_command(a, b, db, since, until, by, fmt, plot_path):
    """The series, linked events and alerts of the pair A, B, in both directions. A side is a code (PAK, a
    country and sector PAKMIL, a named group's id) or a name, in any case ("india pakistan", "Iran israel");
    an unknown one is one error naming the closest (exit status 2).

    The period is the dyad's active period (from its first to its last event, leaving out a few stray dates
    far from the rest: flashpoint.analyse.active_span) unless --since/--until say otherwise."""
    from ..analyse import dyad_report

    try:
        known = _known(db)
        sides = [resolve_actor_filter(a, known=known, option="actor"),
                 resolve_actor_filter(b, known=known, option="actor")]
    except FlashpointError as exc:
        report(exc)
        sys.exit(exc.exit_code)
    for side in sides:
        if side.changed:
            click.echo(f"{side.given!r}: {side.code} ({side.how})", err=True)
    a, b = sides[0].code, sides[1].code
    if a == b:
        raise click.UsageError(f"A and B must differ (both are {a}; e.g. `flashpoint dyad PAK IRN`)")
    by, params, events, volume = _prepare(db, by)
    # the series, and the alerts as `flashpoint alerts` finds them; the HTTP API's series route shows the same
    found = dyad_report(events, a, b, by=by, volume=volume, since=since, until=until, params=params)
    series, alerts, links = found.series, found.alerts, found.links
    if not series.events:
        click.echo(f"0 events matched: no asserted, dated events between {a} and {b}"
                   + (" in that period" if since or until else ""), err=True)
    else:
        click.echo(f"{len(series.events)} event{'' if len(series.events) == 1 else 's'} matched ({a} <-> {b})",
                   err=True)
    if series.events and series.left_out:
        dates = sorted({e.date.isoformat() for e in series.left_out})
        click.echo(f"{series.periods[0].isoformat()} to {series.periods[-1].isoformat()}: left out "
                   f"{len(series.left_out)} event(s) dated far from the rest ({', '.join(dates[:5])}"
                   f"{', ...' if len(dates) > 5 else ''}); --since/--until to include them", err=True)
    if plot_path:
        from ..analyse.plot import plot_dyad

        try:
            plot_dyad(series, alerts, plot_path)
        except FlashpointError as exc:  # a folder that is missing or read-only, a full disk: before any output
            report(exc)
            sys.exit(exc.exit_code)
        click.echo(f"wrote {plot_path}", err=True)
    if fmt == "json":
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        writer = csv.DictWriter(click.get_text_stream("stdout"), fieldnames=SERIES_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for (x, y), rows in series.directed.items():
            for row in rows:
                record = row.to_dict()
                record["by_type"] = ";".join(f"{k}:{v}" for k, v in record["by_type"].items())
                record["event_ids"] = ";".join(record["event_ids"])
                writer.writerow({"direction": f"{x}->{y}", **record})
        return
    _dyad_table(series, links, alerts)


def _dyad_table(series: Any, links: list[Any], alerts: list[Any]) -> None:
    from ..analyse import direction_label, in_order

    counts = {f"{x}->{y}": sum(r.events for r in rows) for (x, y), rows in series.directed.items()}
    click.echo(f"{series.a} <-> {series.b} by {series.by}: {len(series.events)} events "
               f"({', '.join(f'{k} {v}' for k, v in counts.items())})")
    click.echo("")
    click.echo(f"{'period':10s}  {'direction':12s} {'events':>6s} {'q1':>3s} {'q2':>3s} {'q3':>3s} {'q4':>3s} "
               f"{'goldstein':>9s} {'intensity':>9s} {'conflict':>8s} {'articles':>8s} {'confl/art':>9s}")
    for index, period in enumerate(series.periods):
        for (x, y), rows in series.directed.items():
            row = rows[index]
            if not row.events:
                continue
            rate = row.per_article(row.conflict)
            click.echo(f"{period.isoformat():10s}  {x + '->' + y:12s} {row.events:6d} {row.quad[0]:3d} "
                       f"{row.quad[1]:3d} {row.quad[2]:3d} {row.quad[3]:3d} {row.goldstein:9.1f} "
                       f"{row.intensity:9.1f} {row.conflict_intensity:8.1f} {row.articles:8d} "
                       f"{'-' if rate is None else f'{rate:.2f}':>9s}")
    click.echo("")
    click.echo("events (oldest first; ← responds to)")
    answer = {link.event: link for link in links}
    for event in in_order(series):
        link = answer.get(event.id)
        note = (f"  ← responds to {link.responds_to} ({link.kind}, {link.lag_days}d)" if link else "")
        click.echo(f"{event.date.isoformat():10s}  {direction_label(series, event.id):12s} {event.event:9s} "
                   f"{_codes(event.actors):>14s} -> {_codes(event.recipients):14s} {event.id}{note}")
        if event.evidence:
            click.echo(f"{'':24s}\"{_short(event.evidence, 96)}\"")
    click.echo("")
    click.echo("alerts")
    if not alerts:
        click.echo("  (none)")
    for line in _alert_table(alerts):
        click.echo(line)


ALERT_HEADER = ("period", "kind", "dyad", "score", "detail", "events")


def _alert_table(alerts: list[Any]) -> list[str]:
    """Alerts as an aligned table with a header row (none: no lines)."""
    return aligned(ALERT_HEADER, [_alert_row(alert) for alert in alerts], right=("score",))


def _alert_row(alert: Any) -> tuple[str, ...]:
    stat = alert.statistic
    if alert.method == "poisson-rate-test":
        ratio = stat["rate_ratio"]
        detail = (f"{stat['conflict_events']} conflict events vs baseline rate {stat['baseline_rate']:g}/period-unit "
                  f"over {stat['baseline_periods']} periods (x{'inf' if ratio is None else ratio}, "
                  f"p={stat['p_value']:g})")
    elif alert.method == "conflict-onset":
        detail = (f"onset: {stat['conflict_events']} conflict events ({stat['material_conflict_events']} material) "
                  f"after none in {stat['history_periods']} periods")
    else:
        detail = (f"{'/'.join(stat['types'])} ({stat['because']}) after {stat['after_conflict_events']} conflict "
                  f"events (within {stat['window_days']}d)")
    return (alert.period.isoformat(), alert.kind, alert.dyad, f"{alert.score:.2f}", detail,
            ACTOR_SEPARATOR.join(alert.events))  # lists are ;-joined in every table, as in the CSVs


# ------------------------------------------------------------------------------------------------ alerts


@click.command("alerts")
@_db_option
@click.option("--since", callback=iso_date, metavar="YYYY-MM-DD", help="Only alerts in periods from this day on.")
@click.option("--min-score", type=float, default=0.0, show_default=True,
              help="Leave out alerts scoring less (-log10 p for the rate test).")
@click.option("--by", type=click.Choice(["day", "week", "month"]), default=None,
              help="Period (default: the dyad_period setting, week).")
@click.option("--level", type=click.Choice(["country", "sector", "group"]), default="country", show_default=True,
              help="Actors as countries (PAK), country+sector (PAKMIL) or named groups.")
@click.option("--actor", metavar="NAME", help="Only dyads with this side: a code or a name, in any case, as "
              "`flashpoint events --actor` takes it (pak, Pakistan, PAKMIL at --level sector, hamas).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "json"]), default="table", show_default=True)
def alerts_command(db, since, min_score, by, level, actor, fmt):
    """Escalation and de-escalation alerts across all dyads, most severe first. How many there are goes to
    stderr, in every format."""
    from ..analyse import involving, scan

    side = None
    if actor:
        try:
            side = resolve_actor_filter(actor, known=_known(db)).code
        except FlashpointError as exc:
            report(exc)
            sys.exit(exc.exit_code)
    by, params, events, volume = _prepare(db, by)
    alerts = scan(events, volume=volume, by=by, level=level, since=since, min_score=min_score, params=params)
    if side is not None:  # a code matches its own sides and, as in `events`, those it is the prefix of
        alerts = involving(alerts, side)
    if fmt == "json":
        click.echo(json.dumps([a.to_dict() for a in alerts], ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for alert in alerts:
            click.echo(json.dumps(alert.to_dict(), ensure_ascii=False))
    else:
        for line in _alert_table(alerts):
            click.echo(line)
    click.echo(f"{len(alerts)} alert{'' if len(alerts) == 1 else 's'}"
               + (f" (actor {side}, --level {level})" if side else ""), err=True)
