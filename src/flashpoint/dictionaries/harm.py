"""The harm tables: the weapons and means of an attack (``means.tsv``: phrase -> PLOVER ASSAULT mode, with a
precedence), the non-human causes of harm (``causes.tsv``: natural hazards, fire, disease, accidents, things that
fail) and the function words the modes and causes stages key on (``harm_words.tsv``). All in ``data/cues/``;
:func:`load_harm` reads them for :func:`~flashpoint.dictionaries.cues.load_cues`.

A phrase is a run of lower-case lemmas (or words as written, for lemmatiser slips: "raped" -> "rap"), with ``|``
between the alternatives for one word. :meth:`PhraseTable.find` reads a run of tokens, skipping hyphens ("tear-gas"
is "tear gas"), and keeps the longest phrases first: "suicide car bomb" is read once, not as "car bomb" and "bomb".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Iterable, Sequence, TypeVar

from spacy.tokens import Token

from ..datafiles import MODE_RE, read_kinds, read_tsv
from ..errors import DictionaryError

CAUSE_ROLES = ("agent", "weak", "site", "object", "collider", "burst", "mishap")
HARM_WORD_KINDS = ("target_prep", "cause_prep", "cause_mark", "site_prep", "response", "unrest_event",
                   "victim_event")
AS_OBJECT = ("target", "means")
ANY_PHRASE = "*"  # a means.tsv row with no phrase: the rank of a trigger's own mode
_HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})


@dataclass(frozen=True)
class Means:
    id: str
    words: tuple[frozenset[str], ...]
    mode: str
    precedence: int
    target: bool = True  # as an attack's object it is what was hit ("shot down a drone"), not the means


@dataclass(frozen=True)
class Cause:
    id: str
    words: tuple[frozenset[str], ...]
    kind: str
    role: str


Row = TypeVar("Row", Means, Cause)


@dataclass(frozen=True)
class PhraseMatch(Generic[Row]):
    """The tokens a phrase covered (hyphens skipped) and every row whose phrase is exactly that run."""

    tokens: tuple[Token, ...]
    rows: tuple[Row, ...]

    @property
    def start(self) -> int:
        return self.tokens[0].i

    def covers(self, token: Token) -> bool:
        return any(t.i == token.i for t in self.tokens)


def _keys(token: Token) -> frozenset[str]:
    return frozenset({token.lemma_.lower(), token.text.lower()})


class PhraseTable(Generic[Row]):
    """Rows indexed by the alternatives of their first word."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self.rows: tuple[Row, ...] = tuple(rows)
        self._first: dict[str, list[Row]] = {}
        for row in self.rows:
            for word in row.words[0]:
                self._first.setdefault(word, []).append(row)

    def __len__(self) -> int:
        return len(self.rows)

    def find(self, tokens: Sequence[Token]) -> list[PhraseMatch[Row]]:
        """The phrases in ``tokens`` (a run in text order), longest first, none overlapping another; each match
        holds every row of that exact run ("fire": a weak cause and a burst word)."""
        words = [t for t in tokens if t.text not in _HYPHENS]
        keys = [_keys(t) for t in words]
        found: list[tuple[int, int, Row]] = []  # (start, end) over ``words``
        for i, first in enumerate(keys):
            for row in {r.id: r for key in first for r in self._first.get(key, ())}.values():
                end = i + len(row.words)
                if end <= len(words) and all(keys[i + k] & row.words[k] for k in range(1, len(row.words))):
                    found.append((i, end, row))
        found.sort(key=lambda f: (f[0] - f[1], f[0]))  # longest, then leftmost
        taken: set[int] = set()
        spans: dict[tuple[int, int], list[Row]] = {}
        for start, end, row in found:
            if (start, end) in spans:
                spans[(start, end)].append(row)
            elif not taken.intersection(range(start, end)):
                taken.update(range(start, end))
                spans[(start, end)] = [row]
        return [PhraseMatch(tuple(words[s:e]), tuple(rows)) for (s, e), rows in sorted(spans.items())]


@dataclass(frozen=True)
class HarmTables:
    means: PhraseTable[Means]
    ranks: dict[str, int]  # mode -> the rank of a trigger's own mode when no word of the table backs it
    causes: PhraseTable[Cause]
    words: dict[str, frozenset[str]]  # harm_words.tsv: kind -> values

    def __post_init__(self) -> None:
        object.__setattr__(self, "_both", PhraseTable([*self.means.rows, *self.causes.rows]))

    def kind(self, kind: str) -> frozenset[str]:
        return self.words.get(kind, frozenset())

    def weapons_and_causes(self, tokens: Sequence[Token]) -> tuple[list[PhraseMatch], list[PhraseMatch]]:
        """Both tables read at once, the longest phrase first: "a fuel tank" is a cause, not armour; "tear gas
        canister" a weapon, not a gas canister. A run that both tables hold ("explosion", "blast") says only that
        something went off: it is a cause word (a burst), no weapon."""
        weapons, causes = [], []
        for match in self._both.find(tokens):
            rows = tuple(r for r in match.rows if isinstance(r, Cause))
            if rows:
                causes.append(PhraseMatch(match.tokens, rows))
            else:
                weapons.append(match)
        return weapons, causes


def _phrase(text: str, where: str) -> tuple[frozenset[str], ...]:
    words = tuple(frozenset(a for a in part.split("|") if a) for part in text.lower().split() if part not in _HYPHENS)
    if not words or not all(words):
        raise DictionaryError(f"bad phrase '{text}': expected lemmas separated by spaces, '|' between alternatives",
                              where=where)
    return words


def _precedence(text: str, where: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise DictionaryError(f"precedence '{text}' is not a whole number", where=where) from None


def load_harm(folder: Path) -> HarmTables:
    means, ranks = [], {}
    for number, row in read_tsv(folder / "means.tsv", ("id", "phrase", "mode", "precedence", "as_object")):
        where = f"means.tsv:{number}"
        if not MODE_RE.match(row["mode"]):
            raise DictionaryError(f"mode '{row['mode']}' is no PLOVER mode id (lower-case, hyphenated)", where=where)
        precedence = _precedence(row["precedence"], where)
        if row["phrase"] == ANY_PHRASE:
            ranks[row["mode"]] = precedence
        else:
            if row["as_object"] not in AS_OBJECT:
                raise DictionaryError(f"as_object '{row['as_object']}': expected one of {', '.join(AS_OBJECT)}",
                                      where=where)
            means.append(Means(row["id"], _phrase(row["phrase"], where), row["mode"], precedence,
                               target=row["as_object"] == "target"))
    causes = []
    for number, row in read_tsv(folder / "causes.tsv", ("id", "phrase", "kind", "role")):
        where = f"causes.tsv:{number}"
        if row["role"] not in CAUSE_ROLES:
            raise DictionaryError(f"unknown role '{row['role']}': expected one of {', '.join(CAUSE_ROLES)}",
                                  where=where)
        causes.append(Cause(row["id"], _phrase(row["phrase"], where), row["kind"], row["role"]))
    words = read_kinds(folder / "harm_words.tsv", HARM_WORD_KINDS)
    return HarmTables(PhraseTable(means), ranks, PhraseTable(causes), words)
