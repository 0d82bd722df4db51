"""``flashpoint import``: a Spark output folder -> a DuckDB event store that every command reads.

The Parquet tables (:mod:`flashpoint.spark.layout`) hold the store's rows under the store's column names, so
each is copied with one ``INSERT ... SELECT`` from DuckDB's own Parquet reader (no PySpark, no Python loop over
rows), into a store opened and migrated as ``ingest`` opens it, all in one transaction.

* From a ``spark merge`` output, the merged events are Spark's: ``events``, ``event_actors``, and each article
  event's ``event_id`` from ``assignment``. The coded folder is the one its record names (``coded=`` overrides
  it, for a folder that was moved); every article event must be assigned to one of its events, or the two
  folders do not belong together and nothing is written.
* From a ``spark code`` output alone, the store merges the article events itself, as ``ingest`` does.

The database must be new or empty: the merged events of a corpus are computed over all of it, and would not be
those of what is stored plus the corpus.
"""

from __future__ import annotations

import datetime as dt
import glob
from pathlib import Path
from typing import Any

from ..errors import StoreError, UnreadableInput
from ..store.db import EVENT_ACTOR_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS, PLACE_COLUMNS, UNIT_COLUMNS, Store
from .layout import read_manifest, table_path

__all__ = ["import_output"]


def _files(root: str, table: str) -> list[str]:
    return sorted(glob.glob(str(Path(table_path(root, table)) / "**" / "*.parquet"), recursive=True))


def _names(columns: tuple[str, ...], prefix: str = "") -> str:
    return ", ".join(f'{prefix}"{c}"' for c in columns)


class _Source:
    """Each table's Parquet files as a DuckDB ``read_parquet`` expression (an empty table: no rows)."""

    def __init__(self, root: str) -> None:
        self.root = root

    def has(self, table: str) -> bool:
        return bool(_files(self.root, table))

    def __call__(self, table: str) -> str:
        files = _files(self.root, table)
        listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
        return f"read_parquet([{listed}], hive_partitioning = false)"


def import_output(path: str, db: str, *, coded: str | None = None) -> dict[str, Any]:
    """Load the Spark output at ``path`` into the database ``db``; return the store's table counts and what was
    imported (module docstring)."""
    record = read_manifest(path)
    merged = None
    if record["kind"] == "merged":
        merged = _Source(path)
        coded = coded or str(record.get("coded") or "")
        try:
            kind = read_manifest(coded)["kind"] if coded else None
        except UnreadableInput as exc:
            raise UnreadableInput(f"{exc.message}; the merge at {path} was made from it: give the coded folder with "
                                  "--coded if it moved", where=coded) from None
        if kind != "coded":
            raise UnreadableInput(f"is not a `flashpoint spark code` output, which the merge at {path} was made "
                                  "from; give the coded folder with --coded", where=coded or path)
    else:
        coded = path
    source = _Source(coded)
    with Store.open(db) as store:
        held = {table: n for table, n in store.counts().items() if n}
        if held:
            raise StoreError(f"the database already holds {', '.join(f'{n} {t}' for t, n in held.items())}; "
                             "import writes a new database (the merged events are computed over the whole "
                             "corpus): give a new --db path", where=db)
        con = store.con
        con.begin()
        try:
            _copy(con, source, merged)
            if merged is None:
                store.merge_stored()
            con.commit()
        except BaseException:
            con.rollback()
            raise
        counts = store.counts()
    return {"merged_by": "spark" if merged is not None else "store", "coded": coded, **counts}


def _copy(con: Any, source: _Source, merged: _Source | None) -> None:
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    if not source.has("articles"):
        raise UnreadableInput("holds no articles (every input failed?); nothing to import",
                              where=table_path(source.root, "articles"))
    articles = source("articles")
    con.execute(f"INSERT INTO sources SELECT DISTINCT source, ? FROM {articles} WHERE source IS NOT NULL", [now])
    revisions = ("(SELECT article_id, count(*) AS n FROM " + source("superseded") + " WHERE kind = 'revision' "
                 "GROUP BY article_id)") if source.has("superseded") else "(SELECT NULL AS article_id, 0 AS n)"
    con.execute("INSERT INTO articles (id, url, source, title, published, origin, text, coder, ingested_at, "
                "content_hash, revision) SELECT a.id, a.url, a.source, a.title, a.published, a.origin, a.text, "
                f"a.coder, ?, a.content_hash, 1 + coalesce(r.n, 0) FROM {articles} a LEFT JOIN {revisions} r "
                "ON r.article_id = a.id", [now])
    if source.has("places"):
        con.execute(f"INSERT INTO places ({_names(PLACE_COLUMNS)}) SELECT {_names(PLACE_COLUMNS)} "
                    f"FROM {source('places')}")
    if source.has("article_events"):
        if merged is not None:
            event_id = "asg.event_id"
            assigned = f"JOIN {merged('assignment')} asg ON asg.unit_id = u.id" if merged.has("assignment") else \
                "JOIN (SELECT NULL AS unit_id, NULL AS event_id) asg ON FALSE"
        else:
            event_id, assigned = "u.id", ""
        columns = ", ".join(event_id if c == "event_id" else f'u."{c}"' for c in UNIT_COLUMNS)
        con.execute(f"INSERT INTO article_events ({_names(UNIT_COLUMNS)}) SELECT {columns} "
                    f"FROM {source('article_events')} u {assigned}")
        if merged is not None:
            stored = con.execute("SELECT count(*) FROM article_events").fetchone()[0]
            units = con.execute(f"SELECT count(*) FROM {source('article_events')}").fetchone()[0]
            if stored != units:
                raise UnreadableInput(f"{units - stored} of the {units} article events of {source.root} are in no "
                                      "event of this merge: it was made from another coded folder (give --coded)",
                                      where=merged.root)
    if source.has("mentions"):
        con.execute(f"INSERT INTO mentions ({_names(MENTION_COLUMNS)}) SELECT {_names(MENTION_COLUMNS)} "
                    f"FROM {source('mentions')}")
    if source.has("links"):
        con.execute(f"INSERT INTO links SELECT DISTINCT from_unit, to_unit, 'responds_to' FROM {source('links')}")
    if source.has("failures"):
        con.execute("INSERT INTO failures SELECT origin, any_value(article_id), stage, code, any_value(message), ? "
                    f"FROM {source('failures')} GROUP BY origin, stage, code", [now])
    if source.has("superseded"):
        con.execute("INSERT INTO superseded SELECT DISTINCT ON (id, content_hash) id, content_hash, article_id, kind, "
                    f"url, title, published, origin, text, ? FROM {source('superseded')}", [now])
    if merged is not None and merged.has("events"):
        con.execute(f"INSERT INTO events ({_names(EVENT_COLUMNS)}, updated_at) SELECT {_names(EVENT_COLUMNS)}, ? "
                    f"FROM {merged('events')}", [now])
        if merged.has("event_actors"):
            con.execute(f"INSERT INTO event_actors ({_names(EVENT_ACTOR_COLUMNS)}) SELECT "
                        f"{_names(EVENT_ACTOR_COLUMNS)} FROM {merged('event_actors')}")
