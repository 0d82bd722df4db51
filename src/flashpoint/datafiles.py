"""Reading the project's TSV data files: header line, ``#`` comments, one record per line.

Every data file (ontology tables, actor and trigger dictionaries, cue lists, and the users' own extra
files in the same formats) goes through :func:`parse_tsv`:

* blank lines and lines whose first non-blank character is ``#`` are skipped;
* the first other line is the header: tab-separated column names (trimmed, case-insensitive, a UTF-8 BOM
  dropped);
* every later line is one record, its cells trimmed.

Every malformed line is reported as a :class:`~flashpoint.errors.DictionaryError` whose ``where`` is
``file:line`` and whose message names the field and what was expected, so a user editing a dictionary finds
the mistake at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

from .errors import DictionaryError

DATA = resources.files("flashpoint") / "data"

# Field shapes shared by the ontology tables and the trigger dictionary.
CAMEO_RE = re.compile(r"^[0-9]{2,4}$")  # "190", "0356": CAMEO codes are strings with their leading zeros
MODE_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")  # PLOVER mode ids: "heavy-weapons"
CONTEXT_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")  # PLOVER context ids: "human_rights"


def data_path(*parts: str) -> Path:
    return Path(str(DATA.joinpath(*parts)))


def read_bytes(source: Any, *, what: str, where: str) -> bytes:
    """The bytes of ``source`` (a path or an importlib.resources Traversable); unreadable -> DictionaryError."""
    try:
        return source.read_bytes()
    except (OSError, AttributeError) as exc:
        raise DictionaryError(f"cannot read {what}: {exc}", where=where) from exc


def decode(data: bytes, name: str) -> str:
    """``data`` as UTF-8 text; DictionaryError naming ``name`` and the byte offset otherwise."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DictionaryError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start}); expected UTF-8", where=name
        ) from exc


@dataclass(frozen=True)
class Table:
    """One parsed TSV: its header and its records, each kept with its line number for error messages."""

    name: str  # what ``where`` starts with: a file name, or the path of a user's file
    header: tuple[str, ...] | None  # None when the file has no header line (empty, or only comments)
    header_line: int
    lines: tuple[tuple[int, tuple[str, ...]], ...]  # (line number, cells) of every record

    def where(self, number: int) -> str:
        return f"{self.name}:{number}"

    def expect(self, columns: tuple[str, ...]) -> tuple[str, ...]:
        """Check that the header is exactly ``columns``, in order."""
        if self.header != columns:
            got = ", ".join(self.header) if self.header else "nothing"
            raise DictionaryError(f"header: expected columns {', '.join(columns)} (tab-separated), got {got}",
                                  where=self.where(self.header_line))
        return columns

    def require(self, columns: tuple[str, ...]) -> tuple[str, ...]:
        """Check that the header has every column of ``columns`` (in any order, among others)."""
        if self.header is None:
            raise DictionaryError(f"no header line; expected a header with the columns {', '.join(columns)}",
                                  where=self.where(self.header_line))
        missing = [c for c in columns if c not in self.header]
        if missing:
            raise DictionaryError(f"header lacks column(s) {', '.join(missing)}; has {', '.join(self.header)}",
                                  where=self.where(self.header_line))
        return self.header

    def rows(self, *, required: tuple[str, ...] = (), exact: bool = True) -> Iterator[tuple[int, dict[str, str]]]:
        """Yield ``(line_number, row)`` with a value for every header column.

        ``exact``: a record must have one field per column; otherwise trailing columns may be left out
        (they read as ""). Columns named in ``required`` must be non-empty.
        """
        header = self.header or ()
        for number, cells in self.lines:
            if len(cells) > len(header) or (exact and len(cells) != len(header)):
                raise DictionaryError(
                    f"expected {len(header)} tab-separated fields (columns {', '.join(header)}), got {len(cells)}",
                    where=self.where(number),
                )
            row = {key: (cells[i] if i < len(cells) else "") for i, key in enumerate(header)}
            for key in required:
                if not row[key]:
                    raise DictionaryError(f"field '{key}' is empty; expected a value", where=self.where(number))
            yield number, row


def parse_tsv(text: str, name: str) -> Table:
    """Split ``text`` into a :class:`Table`; ``name`` is the file name that errors report (``name:line``)."""
    header: tuple[str, ...] | None = None
    header_line = 1
    lines: list[tuple[int, tuple[str, ...]]] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if number == 1:
            line = line.lstrip("\ufeff")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if header is None:
            header, header_line = tuple(cell.lower() for cell in cells), number
        else:
            lines.append((number, cells))
    return Table(name, header, header_line, tuple(lines))


def read_tsv(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)``; columns named in ``required`` must be present and non-empty.

    Columns after the required ones may be left out at the end of a line; they read as "".
    """
    text = decode(read_bytes(path, what="dictionary file", where=str(path)), str(path))
    table = parse_tsv(text, path.name)
    table.require(required)
    yield from table.rows(required=required, exact=False)


def read_kinds(path: Path, kinds: tuple[str, ...], *, value: str = "value") -> dict[str, frozenset[str]]:
    """A table of ``id, kind, <value>`` rows as {kind: values}; a kind not in ``kinds`` is a DictionaryError
    naming the file and line."""
    found: dict[str, set[str]] = {}
    for number, row in read_tsv(path, ("id", "kind", value)):
        if row["kind"] not in kinds:
            raise DictionaryError(f"unknown kind '{row['kind']}': expected one of {', '.join(kinds)}",
                                  where=f"{path.name}:{number}")
        found.setdefault(row["kind"], set()).add(row[value])
    return {kind: frozenset(values) for kind, values in found.items()}
