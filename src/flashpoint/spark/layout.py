"""What the Spark commands write: one folder of Parquet tables, named and typed as the store's tables.

``flashpoint spark code --output CODED`` writes::

    CODED/articles/published_day=YYYY-MM-DD/*.parquet     the articles kept (``published_day=none``: undated)
    CODED/article_events/published_day=.../*.parquet      each article's events, the units of the merge
    CODED/mentions/published_day=.../*.parquet            every mention, with the article event it is in
    CODED/links/published_day=.../*.parquet               "in response to" links between article events
    CODED/places/*.parquet                                every place named, once
    CODED/failures/*.parquet                              every row that could not be read or coded, and why
    CODED/superseded/*.parquet                            the versions and repeats of an article left out
    CODED/_flashpoint/part-*                              a JSON line: what wrote it, and counts

and ``flashpoint spark merge --input CODED --output MERGED``::

    MERGED/events/*.parquet          one row per merged event (the store's ``events`` columns)
    MERGED/event_actors/*.parquet    its actors and recipients, in order
    MERGED/assignment/*.parquet      unit_id -> event_id: the merged event each article event is in
    MERGED/_flashpoint/part-*        a JSON line naming CODED and the merge rule used

Column names and order are the store's (``flashpoint.store.db``'s ``*_COLUMNS``), so ``flashpoint import`` copies
them into DuckDB as they are; the types are set here, by column name, once. Nothing in this module imports
PySpark: ``flashpoint import`` reads these folders with DuckDB alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import UnreadableInput
from ..store.db import EVENT_ACTOR_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS, PLACE_COLUMNS, UNIT_COLUMNS

__all__ = ["ARTICLE_COLUMNS", "ASSIGNMENT_COLUMNS", "FAILURE_COLUMNS", "LINK_COLUMNS", "MANIFEST", "PARTITION",
           "PARTITIONED", "SUPERSEDED_COLUMNS", "TABLES", "UNDATED", "ddl", "read_manifest", "table_path"]

PARTITION = "published_day"  # the folder level of the article tables: the article's publication date, or "none"
UNDATED = "none"
MANIFEST = "_flashpoint"  # Spark and DuckDB both pass over names that start with "_"
ARTICLE_COLUMNS = ("id", "url", "source", "title", "published", "origin", "text", "coder", "content_hash")
LINK_COLUMNS = ("from_unit", "to_unit")
FAILURE_COLUMNS = ("origin", "article_id", "stage", "code", "message")
SUPERSEDED_COLUMNS = ("id", "content_hash", "article_id", "kind", "url", "title", "published", "origin", "text")
ASSIGNMENT_COLUMNS = ("unit_id", "event_id")

TABLES: dict[str, tuple[str, ...]] = {
    "articles": ARTICLE_COLUMNS, "article_events": UNIT_COLUMNS, "mentions": MENTION_COLUMNS,
    "links": LINK_COLUMNS, "places": PLACE_COLUMNS, "failures": FAILURE_COLUMNS,
    "superseded": SUPERSEDED_COLUMNS, "events": EVENT_COLUMNS, "event_actors": EVENT_ACTOR_COLUMNS,
    "assignment": ASSIGNMENT_COLUMNS,
}
PARTITIONED = ("articles", "article_events", "mentions", "links")

_TYPES = {"context": "ARRAY<STRING>", "words": "ARRAY<STRING>", "quad": "INT", "goldstein": "DOUBLE", "date": "DATE", "published": "DATE",
          "num_mentions": "INT", "num_articles": "INT", "num_sources": "INT", "position": "INT", "start": "INT",
          "end": "INT", "trigger_start": "INT", "geonames_id": "BIGINT", "lat": "DOUBLE", "lon": "DOUBLE"}


def ddl(columns: tuple[str, ...]) -> str:
    """A Spark schema string for ``columns``: each column's type by its name (STRING unless listed above)."""
    return ", ".join(f"`{name}` {_TYPES.get(name, 'STRING')}" for name in columns)


def table_path(root: str, table: str) -> str:
    return f"{root.rstrip('/')}/{table}"


def read_manifest(root: str) -> dict[str, Any]:
    """The JSON line a Spark command left in ``root`` (a local folder), or :class:`UnreadableInput` saying what
    ``root`` should be."""
    folder = Path(root)
    if not folder.is_dir():
        raise UnreadableInput("no such folder; expected the --output of `flashpoint spark code` or `flashpoint spark "
                              "merge`", where=root)
    parts = sorted((folder / MANIFEST).glob("part-*"))
    lines = [line for part in parts for line in part.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        raise UnreadableInput(f"no {MANIFEST}/ record: not written (or not finished) by `flashpoint spark code` or "
                              "`flashpoint spark merge`", where=root)
    try:
        record = json.loads(lines[0])
    except json.JSONDecodeError as exc:
        raise UnreadableInput(f"{MANIFEST}/ is not valid JSON ({exc.msg})", where=root) from None
    if record.get("kind") not in ("coded", "merged"):
        raise UnreadableInput(f"{MANIFEST}/ names no known kind of output ({record.get('kind')!r})", where=root)
    return record
