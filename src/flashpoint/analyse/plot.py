"""A PNG chart of a dyad: both directions' PLOVER intensity per period, with the alerts marked.

Top panel: conflict intensity (the sum of -intensity of the period's conflict events) of A -> B and B -> A
as side-by-side bars; bottom panel: cooperation intensity (hatched). Escalation alerts are red bands, de-escalation alerts green bands, each
labelled with its kind and direction. Drawn with matplotlib's Agg backend (no display needed).

The PNG is written whole or not at all, into a folder that must exist (:func:`flashpoint.outputs.output_file`); a
path that cannot be written is a :class:`~flashpoint.errors.SettingError` naming it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Sequence

from ..outputs import output_file
from .alerts import Alert
from .series import DyadSeries

__all__ = ["plot_dyad"]

COLOURS = ("#c0392b", "#2471a3")  # A -> B, B -> A
ALERT_COLOURS = {"escalation": "#e74c3c", "de-escalation": "#27ae60"}
WIDTH = {"day": 1, "week": 7, "month": 30}


def _require_matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError as exc:  # pragma: no cover - matplotlib is a dependency
        raise ImportError("plotting needs matplotlib: pip install 'matplotlib==3.11.*'") from exc
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def plot_dyad(series: DyadSeries, alerts: Sequence[Alert], path: str | Path, *, title: str | None = None) -> Path:
    """Write the chart of ``series`` to ``path`` (PNG) and return the path; :class:`SettingError` naming the path
    when it cannot be written (checked before anything is drawn)."""
    path = Path(path)
    with output_file(path) as temporary:
        _draw(series, alerts, temporary, title=title)
    return path


def _draw(series: DyadSeries, alerts: Sequence[Alert], path: Path, *, title: str | None) -> None:
    plt = _require_matplotlib()
    import matplotlib.dates as mdates
    from matplotlib.patches import Patch

    width = WIDTH[series.by]
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6.5), sharex=True,
                                         gridspec_kw={"height_ratios": [3, 2]})
    handles = []
    bar = width * 0.38
    for offset, colour, (pair, rows) in zip((0.1, 0.5), COLOURS, series.directed.items()):
        label = f"{pair[0]} \u2192 {pair[1]}"
        x = [_at(r.period) + dt.timedelta(days=width * offset) for r in rows]
        bars = top.bar(x, [r.conflict_intensity for r in rows], width=bar, align="edge", color=colour,
                       label=label, edgecolor="black", linewidth=0.4, zorder=2)
        bottom.bar(x, [r.cooperation_intensity for r in rows], width=bar, align="edge", color=colour, label=label,
                   edgecolor="black", linewidth=0.4, hatch="//", alpha=0.85, zorder=2)
        handles.append(bars)
    seen_kinds = set()
    for alert in alerts:
        colour = ALERT_COLOURS.get(alert.kind, "#7f8c8d")
        start = _at(alert.period)
        end = start + dt.timedelta(days=width)
        for axis in (top, bottom):
            axis.axvspan(start, end, color=colour, alpha=0.18, linewidth=0, zorder=0)
        arrow = "\u25b2" if alert.kind == "escalation" else "\u25bc"
        top.annotate(f"{arrow} {alert.kind}\n{alert.dyad}", xy=(start + (end - start) / 2, 1.0),
                     xycoords=("data", "axes fraction"), xytext=(0, -4), textcoords="offset points",
                     ha="center", va="top", fontsize=8, color=colour, fontweight="bold")
        seen_kinds.add(alert.kind)
    for kind in sorted(seen_kinds):
        handles.append(Patch(color=ALERT_COLOURS.get(kind, "#7f8c8d"), alpha=0.35, label=f"{kind} alert"))
    top.set_ylabel("conflict intensity\n(sum of -PLOVER intensity)")
    bottom.set_ylabel("cooperation intensity\n(sum of PLOVER intensity)")
    bottom.set_xlabel(f"{series.by} starting (date of the event)")
    top.set_ylim(bottom=0, top=max([1.0] + [r.conflict_intensity for rows in series.directed.values()
                                            for r in rows]) * 1.35)
    bottom.set_ylim(bottom=0, top=max([1.0] + [r.cooperation_intensity for rows in series.directed.values()
                                               for r in rows]) * 1.2)
    top.legend(handles=handles, loc="upper left", fontsize=8)
    bottom.legend(loc="upper left", fontsize=8)
    for axis in (top, bottom):
        axis.grid(True, alpha=0.3)
    if series.periods:
        bottom.set_xlim(_at(series.periods[0]) - dt.timedelta(days=width * 0.25),
                        _at(series.periods[-1]) + dt.timedelta(days=width * 1.25))
    if len(series.periods) <= 16:
        bottom.set_xticks([_at(p) for p in series.periods])
        bottom.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d" if series.by != "month" else "%Y-%m"))
        for label in bottom.get_xticklabels():
            label.set_rotation(30)
            label.set_horizontalalignment("right")
    else:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
        bottom.xaxis.set_major_locator(locator)
        bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    top.set_title(title or f"{series.a} \u2194 {series.b}: intensity by {series.by}")
    figure.tight_layout()
    try:
        figure.savefig(path, format="png", dpi=110)
    finally:
        plt.close(figure)  # a failed write must not leave the figure open in pyplot's registry
