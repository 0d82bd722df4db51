"""Reading the project's TSV data files: header line, ``#`` comments, one record per line.

Every malformed line is reported as ``file:line`` with the field that is wrong, so a user editing a
dictionary finds the mistake at once.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Iterator

from ..errors import DictionaryError

DATA = resources.files("flashpoint") / "data"


def data_path(*parts: str) -> Path:
    return Path(str(DATA.joinpath(*parts)))


def read_tsv(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)``; columns named in ``required`` must be present and non-empty."""
    name = path.name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"cannot read dictionary file: {exc}", where=str(path)) from exc
    header: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in required if c not in header]
            if missing:
                raise DictionaryError(f"header lacks column(s) {', '.join(missing)}; has {', '.join(header)}",
                                      where=f"{name}:{number}")
            continue
        if len(cells) > len(header):
            raise DictionaryError(f"{len(cells)} fields where the header has {len(header)}",
                                  where=f"{name}:{number}")
        row = {key: (cells[i].strip() if i < len(cells) else "") for i, key in enumerate(header)}
        for key in required:
            if not row[key]:
                raise DictionaryError(f"field '{key}' is empty", where=f"{name}:{number}")
        yield number, row
