"""Flashpoint's ontology: PLOVER event types, modes and contexts, CAMEO codes with Goldstein weights, the
CAMEO -> PLOVER crosswalk, and the modal recodings (an act stated as an intent, a threat or a demand -> the
CAMEO code of the parallel 03/13/10 family), read from the TSV tables in ``flashpoint/data/ontology``.

The tables are validated as they are read: a bad line raises :class:`~flashpoint.errors.DictionaryError`
whose ``where`` is ``"<file>:<line>"`` and whose message names the field and what was expected.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from dataclasses import dataclass
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol

from flashpoint.datafiles import CAMEO_RE, CONTEXT_RE, MODE_RE, decode, parse_tsv, read_bytes
from flashpoint.errors import DictionaryError
from flashpoint.model import EventCode

ONTOLOGY_RELEASE = "ontology-2026.1"

PLOVER_EVENTS: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

# file name -> its header columns, in the order the version hash reads them
TABLES: dict[str, tuple[str, ...]] = {
    "plover_events.tsv": ("event", "quad", "intensity", "description"),
    "plover_modes.tsv": ("event", "mode", "description"),
    "plover_contexts.tsv": ("context", "description"),
    "cameo_codes.tsv": ("code", "name", "goldstein", "quad", "root"),
    "cameo_plover.tsv": ("cameo", "event", "mode", "context"),
    "modal_recodings.tsv": ("kind", "prefix", "code", "event"),
}
# The ways of stating an act that modal_recodings.tsv recodes: a promise (intent), a threat, a demand.
MODAL_KINDS: tuple[str, ...] = ("intent", "threat", "demand")


def cameo_quad_for_root(root: str) -> int:
    """CAMEO's quad class by root: 01-05 verbal cooperation, 06-08 material cooperation,
    09-13 verbal conflict, 14-20 material conflict."""
    r = int(root)
    if not 1 <= r <= 20:
        raise ValueError(f"CAMEO root {root!r} is outside 01-20")
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad: int
    root: str


@dataclass(frozen=True)
class PloverMapping:
    event: str
    mode: str | None = None
    context: tuple[str, ...] = ()


class _Readable(Protocol):
    def __truediv__(self, name: str) -> Any: ...


# ---------------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class _Row:
    file: str
    line: int
    fields: dict[str, str]

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def fail(self, field: str, message: str) -> DictionaryError:
        return DictionaryError(f"field {field!r}: {message}", where=self.where)


def _rows(name: str, data: bytes) -> Iterator[_Row]:
    """Yield the data rows of one table: header checked, blank lines and ``#`` comments skipped."""
    table = parse_tsv(decode(data, name), name)
    table.expect(TABLES[name])
    for number, fields in table.rows():
        yield _Row(name, number, fields)


def _number(row: _Row, field: str, low: float, high: float) -> float:
    text = row.fields[field]
    try:
        value = float(text)
    except ValueError:
        raise row.fail(field, f"expected a number from {low:g} to {high:g}, got {text!r}") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise row.fail(field, f"expected a number from {low:g} to {high:g}, got {text!r}")
    return value


def _quad(row: _Row, field: str = "quad") -> int:
    text = row.fields[field]
    if text not in ("1", "2", "3", "4"):
        raise row.fail(field, f"expected a quad class 1, 2, 3 or 4, got {text!r}")
    return int(text)


def _text(row: _Row, field: str) -> str:
    value = row.fields[field]
    if not value:
        raise row.fail(field, "must not be empty")
    return value


def _matching(row: _Row, field: str, pattern: re.Pattern[str], shape: str) -> str:
    value = row.fields[field]
    if not pattern.match(value):
        raise row.fail(field, f"expected {shape}, got {value!r}")
    return value


def _event(row: _Row, field: str = "event") -> str:
    value = row.fields[field]
    if value not in PLOVER_EVENTS:
        raise row.fail(field, f"expected a PLOVER event type ({', '.join(PLOVER_EVENTS)}), got {value!r}")
    return value


# ---------------------------------------------------------------------------------------------- the tables


class Ontology:
    """The loaded, validated tables. Build with :func:`load_ontology` or :func:`load_ontology_from`."""

    def __init__(
        self,
        *,
        quads: dict[str, int],
        intensities: dict[str, float],
        descriptions: dict[str, str],
        modes: dict[str, dict[str, str]],
        contexts: dict[str, str],
        cameo: dict[str, CameoCode],
        crosswalk: dict[str, PloverMapping],
        version: str,
        recodings: dict[str, dict[str, tuple[str, str]]] | None = None,
    ) -> None:
        self._quads = quads
        self._intensities = intensities
        self._descriptions = descriptions
        self._modes = modes
        self._contexts = contexts
        self._cameo = cameo
        self._crosswalk = crosswalk
        self._version = version
        self._recodings = recodings or {}

    def __repr__(self) -> str:
        return f"<Ontology {self._version}: {len(self._cameo)} CAMEO codes, {len(PLOVER_EVENTS)} PLOVER events>"

    # -- identity
    @property
    def version(self) -> str:
        """``ontology-<release>+<hash>``: the hash covers the bytes of every table, so any edit changes it."""
        return self._version

    # -- PLOVER
    @property
    def events(self) -> tuple[str, ...]:
        return PLOVER_EVENTS

    def _check_event(self, event: str) -> str:
        if event not in self._quads:
            raise DictionaryError(f"unknown PLOVER event type {event!r}; expected one of {', '.join(PLOVER_EVENTS)}")
        return event

    def quad_for_event(self, event: str) -> int:
        return self._quads[self._check_event(event)]

    def intensity(self, event: str) -> float:
        return self._intensities[self._check_event(event)]

    def describe(self, event: str) -> str:
        return self._descriptions[self._check_event(event)]

    def modes(self, event: str) -> tuple[str, ...]:
        return tuple(self._modes[self._check_event(event)])

    def mode_description(self, event: str, mode: str) -> str:
        modes = self._modes[self._check_event(event)]
        if mode not in modes:
            raise DictionaryError(f"mode {mode!r} is not defined for {event}; expected one of {_or_none(modes)}")
        return modes[mode]

    @property
    def contexts(self) -> tuple[str, ...]:
        return tuple(self._contexts)

    def context_description(self, context: str) -> str:
        if context not in self._contexts:
            raise DictionaryError(f"unknown PLOVER context {context!r}")
        return self._contexts[context]

    # -- CAMEO
    @property
    def cameo_codes(self) -> tuple[str, ...]:
        return tuple(self._cameo)

    def has_cameo(self, code: str) -> bool:
        return isinstance(code, str) and code.strip() in self._cameo

    def cameo(self, code: str) -> CameoCode:
        key = code.strip() if isinstance(code, str) else code
        try:
            return self._cameo[key]  # type: ignore[index]
        except (KeyError, TypeError):
            raise DictionaryError(
                f"unknown CAMEO code {code!r}; expected a CAMEO 1.1b3 code as a 2-4 digit string such as '190'"
            ) from None

    def plover_for_cameo(self, code: str) -> PloverMapping:
        """The crosswalk's PLOVER reading of a known CAMEO code, falling back to its parent (4 -> 3 -> 2 digits)."""
        key = self.cameo(code).code
        for prefix in (key, key[:3], key[:2]):
            mapping = self._crosswalk.get(prefix)
            if mapping is not None:
                return mapping
        raise DictionaryError(f"CAMEO code {key!r} has no PLOVER mapping, nor has any parent code")

    def modal_recoding(self, kind: str, cameo: str) -> tuple[str, str] | None:
        """``(event, code)`` of an act coded ``cameo`` when it is stated as ``kind`` (one of MODAL_KINDS:
        "intent", "threat", "demand"): the row of ``modal_recodings.tsv`` whose prefix is the longest that
        ``cameo`` starts with (two digits at least), or None when the kind has no code for such an act."""
        if kind not in MODAL_KINDS:
            raise DictionaryError(f"unknown modal kind {kind!r}; expected one of {', '.join(MODAL_KINDS)}")
        table = self._recodings.get(kind, {})
        for n in range(len(cameo), 1, -1):
            if cameo[:n] in table:
                return table[cameo[:n]]
        return None

    def event_code(
        self,
        cameo: str,
        *,
        event: str | None = None,
        mode: str | None = None,
        context: tuple[str, ...] = (),
    ) -> EventCode:
        """Build the :class:`~flashpoint.model.EventCode` for a CAMEO code.

        ``event``, ``mode`` and ``context`` default from the crosswalk (an empty ``context`` means "the
        crosswalk's"). The crosswalk's mode is only used when the event is the crosswalk's event. The quad is
        the PLOVER event's when ``event`` is given, else the CAMEO code's. Goldstein is always the CAMEO code's.
        """
        code = self.cameo(cameo)
        mapping = self.plover_for_cameo(code.code)
        if event is None:
            chosen = mapping.event
            quad = code.quad
        else:
            chosen = self._check_event(event)
            quad = self._quads[chosen]
        if mode is None or mode == "":
            mode = mapping.mode if chosen == mapping.event else None
        if mode is not None and mode not in self._modes[chosen]:
            raise DictionaryError(
                f"mode {mode!r} is not defined for {chosen}; expected one of {_or_none(self._modes[chosen])}"
            )
        contexts = tuple(context) if context else mapping.context
        for item in contexts:
            if item not in self._contexts:
                raise DictionaryError(f"unknown PLOVER context {item!r}; expected one of {', '.join(self._contexts)}")
        return EventCode(
            event=chosen, cameo=code.code, quad=quad, goldstein=code.goldstein, mode=mode, context=contexts
        )


def _or_none(items: dict[str, str]) -> str:
    return ", ".join(items) if items else "(no modes: leave mode empty)"


# ---------------------------------------------------------------------------------------------- loading


def _build(read: Callable[[str], bytes]) -> Ontology:
    data = {name: read(name) for name in TABLES}

    digest = hashlib.sha256()
    for name in TABLES:
        digest.update(name.encode() + b"\0" + data[name] + b"\0")
    version = f"{ONTOLOGY_RELEASE}+{digest.hexdigest()[:8]}"

    # plover_events.tsv
    quads: dict[str, int] = {}
    intensities: dict[str, float] = {}
    descriptions: dict[str, str] = {}
    for row in _rows("plover_events.tsv", data["plover_events.tsv"]):
        event = _event(row)
        if event in quads:
            raise row.fail("event", f"{event} is listed twice")
        quads[event] = _quad(row)
        intensities[event] = _number(row, "intensity", -10, 10)
        descriptions[event] = _text(row, "description")
    missing = [e for e in PLOVER_EVENTS if e not in quads]
    if missing:
        raise DictionaryError(f"missing PLOVER event types: {', '.join(missing)}", where="plover_events.tsv")
    quads = {e: quads[e] for e in PLOVER_EVENTS}

    # plover_modes.tsv
    modes: dict[str, dict[str, str]] = {e: {} for e in PLOVER_EVENTS}
    for row in _rows("plover_modes.tsv", data["plover_modes.tsv"]):
        event = _event(row)
        mode = _matching(row, "mode", MODE_RE, "a lowercase id with hyphens such as 'heavy-weapons'")
        if mode in modes[event]:
            raise row.fail("mode", f"{event} mode {mode!r} is listed twice")
        modes[event][mode] = _text(row, "description")

    # plover_contexts.tsv
    contexts: dict[str, str] = {}
    for row in _rows("plover_contexts.tsv", data["plover_contexts.tsv"]):
        name = _matching(row, "context", CONTEXT_RE, "a lowercase id with underscores such as 'human_rights'")
        if name in contexts:
            raise row.fail("context", f"{name!r} is listed twice")
        contexts[name] = _text(row, "description")

    # cameo_codes.tsv
    cameo: dict[str, CameoCode] = {}
    lines: dict[str, _Row] = {}
    for row in _rows("cameo_codes.tsv", data["cameo_codes.tsv"]):
        code = _matching(row, "code", CAMEO_RE, "a 2-4 digit CAMEO code with leading zeros such as '0356'")
        if code in cameo:
            raise row.fail("code", f"{code} is listed twice")
        root = row.fields["root"]
        if root != code[:2]:
            raise row.fail("root", f"expected {code[:2]!r} (the first two digits of {code}), got {root!r}")
        try:
            expected_quad = cameo_quad_for_root(root)
        except ValueError:
            raise row.fail("root", f"expected a CAMEO root from 01 to 20, got {root!r}") from None
        quad = _quad(row)
        if quad != expected_quad:
            raise row.fail("quad", f"root {root} is quad {expected_quad}, got {quad}")
        cameo[code] = CameoCode(code, _text(row, "name"), _number(row, "goldstein", -10, 10), quad, root)
        lines[code] = row
    for code, row in lines.items():
        parent = code[:3] if len(code) == 4 else code[:2]
        if len(code) > 2 and parent not in cameo:
            raise row.fail("code", f"{code} has no parent code {parent} in the table")

    # cameo_plover.tsv
    crosswalk: dict[str, PloverMapping] = {}
    for row in _rows("cameo_plover.tsv", data["cameo_plover.tsv"]):
        code = row.fields["cameo"]
        if code not in cameo:
            raise row.fail("cameo", f"{code!r} is not a code in cameo_codes.tsv")
        if code in crosswalk:
            raise row.fail("cameo", f"{code} is mapped twice")
        event = _event(row)
        mode = row.fields["mode"] or None
        if mode is not None and mode not in modes[event]:
            raise row.fail("mode", f"{mode!r} is not a mode of {event} in plover_modes.tsv")
        context = tuple(c.strip() for c in row.fields["context"].split("|")) if row.fields["context"] else ()
        for item in context:
            if item not in contexts:
                raise row.fail("context", f"{item!r} is not a context in plover_contexts.tsv")
        crosswalk[code] = PloverMapping(event, mode, context)

    # modal_recodings.tsv
    recodings: dict[str, dict[str, tuple[str, str]]] = {kind: {} for kind in MODAL_KINDS}
    kind_events: dict[str, tuple[str, _Row]] = {}
    for row in _rows("modal_recodings.tsv", data["modal_recodings.tsv"]):
        kind = row.fields["kind"]
        if kind not in MODAL_KINDS:
            raise row.fail("kind", f"expected one of {', '.join(MODAL_KINDS)}, got {kind!r}")
        prefix, code = row.fields["prefix"], row.fields["code"]
        for field, value in (("prefix", prefix), ("code", code)):
            if value not in cameo:
                raise row.fail(field, f"{value!r} is not a code in cameo_codes.tsv")
        event = _event(row)
        first = kind_events.setdefault(kind, (event, row))
        if first[0] != event:
            raise row.fail("event", f"every {kind} row recodes to one event, {first[0]} ({first[1].where}), "
                                    f"got {event}")
        mapped = next((crosswalk[p].event for p in (code, code[:3], code[:2]) if p in crosswalk), event)
        if mapped != event:
            raise row.fail("event", f"{code} is {mapped} in cameo_plover.tsv, not {event}")
        if prefix in recodings[kind]:
            raise row.fail("prefix", f"{kind} {prefix} is listed twice")
        recodings[kind][prefix] = (event, code)

    ontology = Ontology(
        quads=quads,
        intensities=intensities,
        descriptions=descriptions,
        modes=modes,
        contexts=contexts,
        cameo=cameo,
        crosswalk=crosswalk,
        version=version,
        recodings=recodings,
    )
    for code in cameo:
        if not any(p in crosswalk for p in (code, code[:3], code[:2])):
            raise DictionaryError(
                f"CAMEO code {code} has no PLOVER mapping, nor has any parent code", where="cameo_plover.tsv"
            )
    return ontology


def load_ontology_from(directory: str | PathLike[str] | _Readable) -> Ontology:
    """Load and validate the six tables from ``directory`` (a path or an importlib.resources Traversable)."""
    base = Path(directory) if isinstance(directory, (str, PathLike)) else directory
    return _build(lambda name: read_bytes(base / name, what=f"ontology table {name}", where=name))


@functools.lru_cache(maxsize=None)
def load_ontology() -> Ontology:
    """The packaged ontology, loaded once per process."""
    return load_ontology_from(resources.files("flashpoint") / "data" / "ontology")
