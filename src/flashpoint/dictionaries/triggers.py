"""The event-trigger dictionary: which words (lemma patterns) announce which PLOVER / CAMEO event.

    from flashpoint.dictionaries.triggers import load_trigger_dictionary
    td = load_trigger_dictionary()
    td.candidates("sign", "VERB")   # (sign ~agreement|accord|..., ..., most specific first)

The data file is ``flashpoint/data/triggers/triggers.tsv``; its pattern syntax is specified in
``flashpoint/data/triggers/SOURCES.md`` and implemented by :func:`parse_pattern`.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..datafiles import CAMEO_RE, CONTEXT_RE, MODE_RE, data_path, decode, parse_tsv, read_bytes
from ..errors import DictionaryError
from ..ontology.tables import PLOVER_EVENTS

TRIGGERS_RELEASE = "triggers-2026.1"

logger = logging.getLogger(__name__)

COLUMNS = ("id", "pattern", "pos", "event", "mode", "context", "cameo", "negated_event", "negated_cameo", "notes")
EVENTS = PLOVER_EVENTS  # the ontology's table of the 16 types: one list, not two
POS_TAGS = ("VERB", "NOUN", "ADJ")

# A lemma alternative: lowercase letters, digits and the punctuation spaCy leaves in lemmas ("-", "'", ".").
_LEMMA_RE = re.compile(r"^[a-z0-9](?:[a-z0-9'.\-]*[a-z0-9.])?$|^-$|^'s$")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


@dataclass(frozen=True)
class TriggerEntry:
    id: str
    pattern: str
    pos: str
    event: str | None  # None for "-": not an event (unless negated, see negated_event)
    mode: str | None
    context: tuple[str, ...]
    cameo: str | None
    negated_event: str | None
    negated_cameo: str | None
    sequence: tuple[frozenset[str], ...]  # contiguous tokens, each a set of lemma alternatives
    head_index: int  # which sequence token is the head
    children: tuple[frozenset[str], ...]  # "~" requirements on the head's dependents, in pattern order
    specificity: int  # len(sequence) + len(children)
    notes: str = field(default="", compare=False)
    where: str = field(default="", compare=False)  # "triggers.tsv:123"

    @property
    def head_lemmas(self) -> frozenset[str]:
        return self.sequence[self.head_index]

    @property
    def is_stop(self) -> bool:
        """A blocking entry: no event, asserted or negated (``fight ~corruption``, ``press conference``)."""
        return self.event is None and self.negated_event is None


def parse_pattern(text: str, pos: str | None = None) -> tuple[tuple[frozenset[str], ...], int, tuple[frozenset[str], ...]]:
    """Parse a trigger pattern into ``(sequence, head_index, children)``; ``ValueError`` on bad syntax.

    ``pos`` only chooses the default head when no token carries ``*``: the first token for VERB (and when
    ``pos`` is None), the last for NOUN and ADJ.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("empty pattern")
    sequence: list[frozenset[str]] = []
    children: list[frozenset[str]] = []
    star: int | None = None
    for raw in text.split():
        if raw.startswith("~"):
            target = children
            body = raw[1:]
            if body.startswith("*"):
                raise ValueError(f"'*' cannot mark a '~' requirement: {raw!r}")
        else:
            if children:
                raise ValueError(f"sequence token {raw!r} after a '~' requirement; '~lemma' items must come last")
            target = sequence
            body = raw
            if body.startswith("*"):
                if star is not None:
                    raise ValueError(f"more than one head token marked with '*' in {text!r}")
                star = len(sequence)
                body = body[1:]
        alternatives = body.split("|")
        for alt in alternatives:
            if not alt:
                raise ValueError(f"empty alternative in {raw!r}")
            if alt != alt.lower():
                raise ValueError(f"lemma {alt!r} must be lowercase")
            if not _LEMMA_RE.match(alt):
                raise ValueError(f"bad lemma {alt!r} in {raw!r}")
        target.append(frozenset(alternatives))
    if not sequence:
        raise ValueError(f"pattern {text!r} has no sequence token before its '~' requirements")
    if star is not None:
        head = star
    elif pos in ("NOUN", "ADJ"):
        head = len(sequence) - 1
    else:
        head = 0
    return tuple(sequence), head, tuple(children)


class TriggerDictionary:
    def __init__(self, entries: Iterable[TriggerEntry], version: str) -> None:
        self._entries = tuple(entries)
        self._version = version
        order = {id(e): i for i, e in enumerate(self._entries)}
        index: dict[tuple[str, str], list[TriggerEntry]] = {}
        for entry in self._entries:
            for lemma in entry.head_lemmas:
                index.setdefault((lemma, entry.pos), []).append(entry)
        self._index = {
            key: tuple(sorted(items, key=lambda e: (-e.specificity, order[id(e)]))) for key, items in index.items()
        }
        self._by_id = {e.id: e for e in self._entries}

    def __repr__(self) -> str:
        return f"TriggerDictionary({len(self._entries)} entries, {self._version})"

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def entries(self) -> tuple[TriggerEntry, ...]:
        return self._entries

    @property
    def version(self) -> str:
        return self._version

    def get(self, entry_id: str) -> TriggerEntry | None:
        return self._by_id.get(entry_id)

    def candidates(self, lemma: str, pos: str) -> tuple[TriggerEntry, ...]:
        """Entries whose head token admits ``lemma`` with part of speech ``pos``, most specific first."""
        return self._index.get((lemma.lower(), pos), ())


# ---------------------------------------------------------------------------------------------- reading


def _fail(message: str, where: str) -> DictionaryError:
    return DictionaryError(message, where=where)


def _event_field(value: str, column: str, where: str, *, allow_dash: bool) -> str | None:
    if value in ("", "-"):
        if value == "-" and not allow_dash:
            raise _fail(f"{column} '-' is not allowed here; leave it empty", where)
        if value == "" and allow_dash:
            raise _fail(f"{column} is empty; expected one of {', '.join(EVENTS)} or '-'", where)
        return None
    if value not in EVENTS:
        raise _fail(f"unknown event {value!r} in {column}; expected one of {', '.join(EVENTS)}"
                    + (" or '-'" if allow_dash else ""), where)
    return value


def _cameo_field(value: str, column: str, where: str) -> str | None:
    if not value:
        return None
    if not CAMEO_RE.match(value):
        raise _fail(f"{column} {value!r} is not a CAMEO code; expected 2-4 digits as a string, e.g. '190', '0356'",
                    where)
    return value


def _parse_row(row: dict[str, str], where: str) -> TriggerEntry:
    entry_id = row["id"]
    if not _ID_RE.match(entry_id):
        raise _fail(f"id {entry_id!r} must be a lowercase slug (letters, digits, '.', '_', '-')", where)
    pos = row["pos"]
    if pos not in POS_TAGS:
        raise _fail(f"pos {pos!r} must be one of {', '.join(POS_TAGS)}", where)
    try:
        sequence, head_index, children = parse_pattern(row["pattern"], pos)
    except ValueError as exc:
        raise _fail(f"bad pattern {row['pattern']!r}: {exc}", where) from None
    event = _event_field(row["event"], "event", where, allow_dash=True)
    negated_event = _event_field(row["negated_event"], "negated_event", where, allow_dash=False)
    cameo = _cameo_field(row["cameo"], "cameo", where)
    negated_cameo = _cameo_field(row["negated_cameo"], "negated_cameo", where)
    if event is not None and cameo is None:
        raise _fail(f"event {event} needs a cameo code", where)
    if event is None and cameo is not None:
        raise _fail("event '-' takes no cameo code (put the negated reading in negated_cameo)", where)
    if (negated_event is None) != (negated_cameo is None):
        raise _fail("negated_event and negated_cameo go together: give both or neither", where)
    mode = row["mode"] or None
    if mode is not None:
        if event is None:
            raise _fail("event '-' takes no mode", where)
        if not MODE_RE.match(mode):
            raise _fail(f"mode {mode!r} must be a lowercase hyphenated PLOVER mode id such as 'heavy-weapons'", where)
    context: tuple[str, ...] = ()
    if row["context"]:
        context = tuple(c.strip() for c in row["context"].split("|"))
        for item in context:
            if not CONTEXT_RE.match(item):
                raise _fail(f"context {item!r} must be a lowercase PLOVER context id such as 'human_rights'", where)
    return TriggerEntry(
        id=entry_id,
        pattern=" ".join(row["pattern"].split()),
        pos=pos,
        event=event,
        mode=mode,
        context=context,
        cameo=cameo,
        negated_event=negated_event,
        negated_cameo=negated_cameo,
        sequence=sequence,
        head_index=head_index,
        children=children,
        specificity=len(sequence) + len(children),
        notes=row["notes"],
        where=where,
    )


def parse_trigger_tsv(text: str, name: str = "triggers.tsv") -> list[TriggerEntry]:
    """Parse one triggers TSV (header line, ``#`` comments, blank lines allowed); ids must be unique in it."""
    table = parse_tsv(text, name)
    table.expect(COLUMNS)
    entries: list[TriggerEntry] = []
    seen: dict[str, str] = {}
    for number, row in table.rows():
        where = table.where(number)
        entry = _parse_row(row, where)
        if entry.id in seen:
            raise _fail(f"duplicate id {entry.id!r} (first at {seen[entry.id]})", where)
        seen[entry.id] = where
        entries.append(entry)
    return entries


def builtin_path() -> Path:
    return data_path("triggers", "triggers.tsv")


@functools.lru_cache(maxsize=8)
def load_trigger_dictionary(extra: tuple[Path | str, ...] = ()) -> TriggerDictionary:
    """The built-in trigger dictionary, plus user TSVs in the same format.

    Entries of ``extra`` files come after the built-ins; an entry whose id is already defined replaces the
    earlier one in place (so it keeps that entry's position for ties). Loaded once per process per ``extra``.
    """
    data = read_bytes(builtin_path(), what="the built-in trigger dictionary", where="triggers.tsv")
    digest = hashlib.sha256(data)
    entries = parse_trigger_tsv(decode(data, "triggers.tsv"), "triggers.tsv")
    position = {e.id: i for i, e in enumerate(entries)}
    for item in extra:
        path = Path(item)
        logger.debug("reading extra trigger dictionary %s", path)
        blob = read_bytes(path, what="trigger dictionary", where=str(path))
        digest.update(b"\0" + blob)
        for entry in parse_trigger_tsv(decode(blob, path.name), path.name):
            if entry.id in position:
                entries[position[entry.id]] = entry
            else:
                position[entry.id] = len(entries)
                entries.append(entry)
    dictionary = TriggerDictionary(entries, f"{TRIGGERS_RELEASE}+{digest.hexdigest()[:8]}")
    logger.debug("trigger dictionary %s: %d entries", dictionary.version, len(entries))
    return dictionary
