"""The event store: one DuckDB file, one writer.

    store = Store.open("flashpoint.duckdb")          # creates it, or checks and migrates it
    store.seen(["a1b2..."])                          # article ids already stored
    store.add(coded)                                  # one article: article, mentions, events, one transaction
    store.events(EventQuery(actor="PAK"))            # event dicts in the output contract

Every write of one article (its row, mentions, article events, places, links, and the merged events it
changes) is one transaction: a process killed in the middle loses at most the article being written, and the
article is not marked as seen, so the next run codes it again. Every query takes its values as parameters.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import duckdb

from ..errors import NewerSchema, NotADatabase, StoreError
from ..merge.across import MergeRule, Merged, Unit, clusters, compatible, date_range, evidence_words, merge_units
from ..merge.article import actors_compatible
from ..settings import get_setting
from ..model import Actor, Event, EventMention, Place, article_id_for
from .schema import MIGRATIONS, SCHEMA_VERSION, VERSION_TABLE

__all__ = ["EVENT_ACTOR_COLUMNS", "EVENT_COLUMNS", "MENTION_COLUMNS", "PLACE_COLUMNS", "UNIT_COLUMNS", "ArticleRows",
           "BatchResult", "EventQuery", "Identity", "Store", "actors_from_json", "article_rows", "content_hash",
           "event_rows", "place_id", "split_coder"]

DUCKDB_MAGIC_OFFSET = 8
DUCKDB_MAGIC = b"DUCK"

logger = logging.getLogger(__name__)


def split_coder(name: str) -> tuple[str, str]:
    """``"flashpoint.rules/1 (actors-...; triggers-...)"`` -> (coder, dictionary version)."""
    coder, _, rest = name.partition(" (")
    return coder, rest[:-1] if rest.endswith(")") else rest


def content_hash(text: str) -> str:
    """The text's identity, as an article id is hashed (case, quotes and spacing folded), without the URL."""
    return article_id_for(text)


@dataclass(frozen=True)
class Identity:
    """What an incoming article is to the store (:meth:`Store.classify`): ``kind`` is ``new``, ``seen``,
    ``revision`` (``other``: the stored id it replaces) or ``duplicate`` (``other``: the stored article with
    the same text); ``digest`` is its :func:`content_hash`."""

    kind: str
    other: str | None
    digest: str
    retire: str | None = None  # a duplicate's own stored version, which it replaces (its id or URL was stored)


@dataclass
class BatchResult:
    """What :meth:`Store.add_batch` did with each article of a batch, by the article's id."""

    stored: list[str] = field(default_factory=list)
    revised: dict[str, str] = field(default_factory=dict)  # id -> the stored id it replaced (itself: a new text)
    duplicates: dict[str, str] = field(default_factory=dict)  # id -> the stored article with the same text
    seen: list[str] = field(default_factory=list)


def _columns(rows: list[tuple], width: int) -> list[list[Any]]:
    """Rows to one list per column (``width`` columns, also when there are no rows)."""
    return [list(column) for column in zip(*rows)] if rows else [[] for _ in range(width)]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _place_id(place: Place) -> str:
    if place.geonames_id is not None:
        return str(place.geonames_id)
    return f"{place.country}:{place.admin1 or ''}:{place.name}"


def _actors_json(actors: Iterable[Actor]) -> str:
    return json.dumps([a.to_dict() for a in actors], ensure_ascii=False, sort_keys=True)


def _actors_from(raw: str) -> tuple[Actor, ...]:
    return tuple(Actor(**a) for a in json.loads(raw))


def _trigger_offset(sentence: str, start: int, trigger: str, trigger_start: int) -> int | None:
    """Where the trigger is in its sentence: at its stored offset when the text there is the trigger, else its
    occurrence nearest to that offset (a folded or anaphoric mention), else its first word at the offset (a
    trigger of words apart), else None."""
    if not trigger:
        return None
    at = trigger_start - start
    if sentence[at:at + len(trigger)] == trigger:
        return at
    hits, i = [], sentence.find(trigger)
    while i >= 0:
        hits.append(i)
        i = sentence.find(trigger, i + 1)
    if hits:
        return min(hits, key=lambda h: abs(h - at))
    head = trigger.split()[0]  # a trigger of words apart ("launched ... missiles"): its first word
    return at if head != trigger and sentence[at:at + len(head)] == head else None


# The columns of the rows below, in the tables' order (store/schema.py). The Spark job (flashpoint.spark) writes
# the same rows to Parquet with these names, so that one function decides what a stored row holds.
UNIT_COLUMNS = ("id", "article_id", "event_id", "source", "event", "mode", "context", "cameo", "quad", "goldstein",
                "status", "date", "date_precision", "place_id", "place_text", "actors", "recipients", "coder",
                "num_mentions", "words")
MENTION_COLUMNS = ("id", "article_id", "article_event_id", "position", "sentence", "start", "end", "trigger",
                   "trigger_start", "rule", "event", "mode", "cameo", "status", "actors", "recipients", "date",
                   "date_precision", "date_text", "place_id")
PLACE_COLUMNS = ("id", "text", "name", "geonames_id", "country", "admin1", "lat", "lon", "precision")
EVENT_COLUMNS = ("id", "event", "mode", "context", "cameo", "quad", "goldstein", "status", "date", "date_precision",
                 "place_id", "num_mentions", "num_articles", "num_sources", "coder", "dictionary_version")
EVENT_ACTOR_COLUMNS = ("event_id", "role", "position", "text", "code", "country", "sector", "name", "actor_id")


def place_id(place: Place) -> str:
    """The key of a place in the ``places`` table: its GeoNames id, else country, admin1 and name."""
    return _place_id(place)


def actors_from_json(raw: str) -> tuple[Actor, ...]:
    """The actors of a stored ``actors``/``recipients`` JSON column."""
    return _actors_from(raw)


@dataclass
class ArticleRows:
    """One coded article's rows for ``article_events`` (``units``), ``links``, ``mentions`` (tuples in the
    ``*_COLUMNS`` order) and the places they name, by place id."""

    places: dict[str, Place]
    units: list[tuple]
    links: list[tuple[str, str]]
    mentions: list[tuple]


def article_rows(article: Any, events: list[Event], mentions: list[EventMention], *, coder: str) -> ArticleRows:
    """What storing one coded article writes besides its ``articles`` row: the same for ``Store.add_batch`` and
    the Spark job. A unit's ``event_id`` is its own id until the cross-article merge assigns it."""
    source = article.source or article.id
    places: dict[str, Place] = {}
    for item in [*events, *mentions]:
        if item.location is not None:
            places.setdefault(_place_id(item.location), item.location)
    event_of = {id(mention): event.id for event in events for mention in event.mentions}
    counts: dict[str, int] = {}
    for mention in mentions:
        if id(mention) in event_of:
            counts[event_of[id(mention)]] = counts.get(event_of[id(mention)], 0) + 1
    units, links, rows = [], [], []
    for event in events:
        units.append((event.id, article.id, event.id, source, event.code.event, event.code.mode,
                      list(event.code.context), event.code.cameo, event.code.quad, event.code.goldstein,
                      event.status, event.date, event.date_precision,
                      _place_id(event.location) if event.location else None,
                      event.location.text if event.location else None, _actors_json(event.actors),
                      _actors_json(event.recipients), event.coder or coder, counts.get(event.id, 0),
                      sorted(evidence_words(m.sentence for m in event.mentions))))
        links += [(event.id, target) for target in event.responds_to]
    for position, mention in enumerate(mentions):
        rows.append((
            f"{article.id}:{position}", article.id, event_of.get(id(mention)), position, mention.sentence,
            mention.start, mention.end, mention.trigger, mention.trigger_start, mention.rule,
            mention.code.event, mention.code.mode, mention.code.cameo, mention.status,
            _actors_json(mention.actors), _actors_json(mention.recipients), mention.date,
            mention.date_precision, mention.date_text,
            _place_id(mention.location) if mention.location else None))
    return ArticleRows(places, units, links, rows)


def event_rows(merged: Merged, first: tuple, counts: dict[str, int | None]) -> tuple[tuple, list[tuple]]:
    """One merged event's ``events`` row (``EVENT_COLUMNS``, without ``updated_at``) and its ``event_actors``
    rows. ``first``: event, mode, context, cameo, quad, goldstein and status of the unit whose id the event takes;
    ``counts``: each unit's mentions. The same for the store's merge and the Spark job's."""
    coder, dictionary_version = split_coder(merged.coder)
    event = (merged.id, *first, merged.date, merged.date_precision,
             _place_id(merged.location) if merged.location else None,
             sum(counts.get(u.id) or 0 for u in merged.units), merged.num_articles, merged.num_sources, coder,
             dictionary_version)
    actors = [(merged.id, role, position, a.text, a.code, a.country, a.sector, a.name, a.id)
              for role, sides in (("actor", merged.actors), ("recipient", merged.recipients))
              for position, a in enumerate(sides)]
    return event, actors


@dataclass(frozen=True)
class EventQuery:
    """Filters of ``flashpoint events``; every value is passed to DuckDB as a parameter."""

    actor: str | None = None
    recipient: str | None = None
    event: str | None = None
    cameo: str | None = None  # a CAMEO code: events whose code starts with it ("19" matches 190-196)
    quad: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    # words to find, in any case, in an evidence sentence of the event, an actor's name or text, or its place's name
    text: str | None = None
    include_all: bool = False
    limit: int | None = None
    # only events after this (date, id) in the order of :meth:`Store.event_ids` (date, undated last, then id): a
    # page of the HTTP API starts after the last event of the page before, not at an offset, so events stored
    # meanwhile before it do not shift the later pages (they show in the next walk)
    after: tuple[dt.date | None, str] | None = None


def _check_file(path: Path) -> None:
    """A file that exists must be a DuckDB database; read its header without opening it for writing."""
    if not path.exists():
        return
    if path.is_dir():
        raise NotADatabase("is a directory; expected a DuckDB database file (or a new file name)", where=str(path))
    with open(path, "rb") as handle:
        header = handle.read(DUCKDB_MAGIC_OFFSET + len(DUCKDB_MAGIC))
    if len(header) == 0:
        raise NotADatabase("is an empty file, not a DuckDB database; remove it or give another --db",
                           where=str(path))
    if header[DUCKDB_MAGIC_OFFSET:] != DUCKDB_MAGIC:
        raise NotADatabase("is not a DuckDB database; expected a database written by `flashpoint ingest` "
                           "(or give a new file name with --db)", where=str(path))


def _connect(path: Path, *, read_only: bool, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """A connection, waiting up to ``wait`` seconds (default: the ``lock_timeout`` setting) while another
    process holds the file: ``ingest`` holds it only while it writes a batch, a reader only for its query."""
    wait = float(get_setting("lock_timeout")) if wait is None else wait
    deadline = time.monotonic() + wait
    pause = 0.02
    waiting = _writer_waiting(path)
    if read_only:
        _let_the_writer_in(waiting, deadline)
    try:
        return _connect_waiting(path, read_only=read_only, wait=wait, deadline=deadline, pause=pause,
                                waiting=waiting)
    finally:
        if not read_only:
            waiting.unlink(missing_ok=True)


def _writer_waiting(path: Path) -> Path:
    """A file beside the database that says a writer waits for it: readers polling the database (a dashboard)
    would otherwise hold it between them for ever."""
    return path.with_name(path.name + ".writer-waiting")


def _let_the_writer_in(waiting: Path, deadline: float) -> None:
    """A reader waits while a writer announces it waits (not past its own deadline, nor for a stale notice)."""
    while time.monotonic() < deadline:
        try:
            age = time.time() - waiting.stat().st_mtime
        except OSError:
            return
        if age > float(get_setting("lock_timeout")) + 5:
            return  # left behind by a writer that was killed
        time.sleep(0.05)


def _connect_waiting(path: Path, *, read_only: bool, wait: float, deadline: float, pause: float,
                     waiting: Path) -> duckdb.DuckDBPyConnection:
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            text = str(exc).lower()
            if "lock" not in text:
                if not read_only and not os.access(path.parent, os.W_OK):
                    raise StoreError(f"folder {str(path.parent)!r} is not writable (the database needs a write-ahead "
                                     "log beside it); give a --db in a folder you can write to", where=str(path)) from None
                if not read_only and path.exists() and not os.access(path, os.W_OK):
                    raise StoreError("the database file is read-only; read it with events/export, or give another "
                                     "--db to ingest into", where=str(path)) from None
                raise NotADatabase(f"cannot be opened as a DuckDB database ({exc}); expected a database written "
                                   "by `flashpoint ingest`", where=str(path)) from None
            if time.monotonic() + pause > deadline:
                raise StoreError(f"the database is in use by another process and stayed so for {wait:g} s (setting "
                                 "lock_timeout); try again when it is done", where=str(path)) from None
            if not read_only:
                try:
                    waiting.touch()
                except OSError:  # a read-only folder: the readers are not told, the writer still waits
                    pass
            time.sleep(pause)
            pause = min(pause * 2, 0.5)
        except duckdb.Error as exc:
            raise NotADatabase(f"cannot be opened as a DuckDB database ({exc})", where=str(path)) from None


def _tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]


def _version(con: duckdb.DuckDBPyConnection) -> int:
    found = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
                        ).fetchone()[0]
    if not found:
        return 0
    return int(con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0])


class Store:
    """One open database. Use as a context manager or call :meth:`close`."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, *, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only
        self.rule = MergeRule.from_settings()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False, wait: float | None = None) -> "Store":
        """Open (creating and migrating unless ``read_only``). A file that is not DuckDB, another program's
        DuckDB database, or a database from a newer schema, raises before anything is written. While another
        process holds the file, waits up to ``wait`` seconds (default: the ``lock_timeout`` setting)."""
        path = Path(path)
        _check_file(path)
        if path.exists():
            probe = _connect(path, read_only=True, wait=wait)
            try:
                version = _version(probe)
                tables = _tables(probe)
            finally:
                probe.close()
            if version == 0 and tables or version > 0 and "articles" not in tables:
                # another program's database (even one with a schema_version table of its own): never migrated
                # into, which would change its tables
                raise NotADatabase(f"is a DuckDB database of another program (tables: {', '.join(tables[:5])}"
                                   f"{', ...' if len(tables) > 5 else ''}), not Flashpoint's; it was not changed. "
                                   "Give a new file name with --db", where=str(path))
            if version > SCHEMA_VERSION:
                raise NewerSchema(f"has schema version {version}, newer than this Flashpoint's {SCHEMA_VERSION} "
                                  f"({MIGRATIONS[-1][0]}); upgrade Flashpoint to read it", where=str(path))
        elif read_only:
            raise StoreError("no such database; run `flashpoint ingest SOURCE --db PATH` first", where=str(path))
        elif not path.parent.is_dir():
            raise StoreError(f"folder {str(path.parent)!r} does not exist; create it or give another --db",
                             where=str(path))
        elif not os.access(path.parent, os.W_OK):
            raise StoreError(f"folder {str(path.parent)!r} is not writable; give a --db in a folder you can write "
                             "to", where=str(path))
        logger.debug("opening %s (%s)", path, "read-only" if read_only else "for writing" if path.exists() else "new")
        con = _connect(path, read_only=read_only, wait=wait)
        store = cls(con, str(path), read_only=read_only)
        if not read_only:
            store._migrate()
        elif _version(con) < SCHEMA_VERSION:
            con.close()
            raise StoreError("the database has an older schema; open it once for writing (`flashpoint ingest`) "
                             "to migrate it", where=str(path))
        return store

    def _migrate(self) -> None:
        self.con.execute(VERSION_TABLE)
        current = _version(self.con)
        for number, (name, sql) in enumerate(MIGRATIONS, start=1):
            if number <= current:
                continue
            logger.info("%s: applying schema migration %d (%s)", self.path, number, name)
            self.con.begin()
            try:
                self.con.execute(sql)
                if name == "0002_article_identity":  # the hash is Python's text folding, not SQL's
                    rows = self.con.execute("SELECT id, text FROM articles").fetchall()
                    if rows:
                        self.con.execute("UPDATE articles SET content_hash = m.digest FROM (SELECT unnest(?) AS id, "
                                         "unnest(?) AS digest) m WHERE articles.id = m.id",
                                         [[r[0] for r in rows], [content_hash(r[1]) for r in rows]])
                self.con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [number, name, _now()])
                self.con.commit()
            except Exception:
                self.con.rollback()
                raise

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        return _version(self.con)

    # ------------------------------------------------------------------ writing

    def seen(self, article_ids: Iterable[str]) -> set[str]:
        """The ids among ``article_ids`` that are stored, as an article or as a version it replaced."""
        ids = sorted(set(article_ids))
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[])) UNION "
                                "SELECT id FROM superseded WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                [ids, ids]).fetchall()
        return {r[0] for r in rows}

    def identities(self) -> set[tuple[str, str]]:
        """Every (id, text hash) stored, as an article or as a version or duplicate of one: read once per
        ``ingest`` run, so that an article read again is skipped before it is coded (two short columns)."""
        return set(self.con.execute("SELECT id, content_hash FROM articles UNION ALL "
                                    "SELECT id, content_hash FROM superseded").fetchall())

    def classify(self, articles: list[Any]) -> list[Identity]:
        """What each article is to the store, in order (an article also sees the ones before it in the list):

        * ``seen``: stored with this text, or an older text of a stored article read again;
        * ``revision``: a new text of a stored article: the same id, or the same URL (an edited page);
        * ``duplicate``: the text of another stored article under another id (a wire story in two feeds);
        * ``new``.

        Three small queries for the whole list (ids, URLs and text hashes are indexed)."""
        hashes = [content_hash(a.text) for a in articles]
        ids = sorted({a.id for a in articles})
        urls = sorted({a.url for a in articles if a.url})
        rows = self.con.execute(
            "SELECT id, content_hash, url FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[])) "
            "OR content_hash IN (SELECT unnest(?::VARCHAR[])) OR url IN (SELECT unnest(?::VARCHAR[]))",
            [ids, sorted(set(hashes)), urls]).fetchall()
        old = set(self.con.execute("SELECT id, content_hash FROM superseded WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                   [ids]).fetchall())
        by_id = {r[0]: r[1] for r in rows}
        by_hash = {r[1]: r[0] for r in rows}
        by_url = {r[2]: r[0] for r in rows if r[2]}
        out: list[Identity] = []

        def retire(stored_id: str) -> None:  # the stored version is now an old one
            digest_of = by_id.pop(stored_id, "")
            old.add((stored_id, digest_of))
            if by_hash.get(digest_of) == stored_id:
                del by_hash[digest_of]

        for article, digest in zip(articles, hashes):
            if (article.id, digest) in old or by_id.get(article.id) == digest:
                out.append(Identity("seen", article.id, digest))
                continue
            revised = article.id if article.id in by_id else by_url.get(article.url) if article.url else None
            holder = by_hash.get(digest)
            if holder is not None and holder != revised:
                # another stored article has this text: one article, whatever this one's id or URL revised
                out.append(Identity("duplicate", holder, digest, retire=revised))
                if revised is not None:
                    retire(revised)
                old.add((article.id, digest))
                continue
            found = Identity("revision", revised, digest) if revised is not None else Identity("new", None, digest)
            out.append(found)
            if revised is not None:
                retire(revised)
            by_id[article.id] = digest
            by_hash[digest] = article.id
            if article.url:
                by_url[article.url] = article.id
        return out

    def add_failure(self, *, origin: str, stage: str, code: str, message: str, article_id: str | None = None) -> None:
        """Record a failed input (idempotent: one row per origin, stage and code, the latest message)."""
        self.con.execute(
            "INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (origin, stage, code) "
            "DO UPDATE SET message = excluded.message, failed_at = excluded.failed_at, article_id = excluded.article_id",
            [origin, article_id, stage, code, message, _now()])

    def add(self, article: Any, events: list[Event], mentions: list[EventMention], *, coder: str) -> bool:
        """Store one coded article and merge its events across articles, in one transaction. Returns False
        (and changes nothing) when the article is already stored or is another article's text."""
        result = self.add_batch([(article, events, mentions)], coder=coder)
        return bool(result.stored or result.revised)

    def add_batch(self, items: list[tuple[Any, list[Event], list[EventMention]]], *, coder: str) -> BatchResult:
        """Store coded articles and merge their events across articles, all in one transaction: a process
        killed in the middle loses the batch, none of whose articles is then marked as seen, so the next run
        codes them again. Each article is classified first (:meth:`classify`): seen ones are skipped, a
        revision replaces the version it revises (kept in ``superseded``, its events re-merged), a duplicate is
        recorded under the article it repeats. Rows go in one statement per table for the whole batch."""
        result = BatchResult()
        if not items:
            return result
        self.con.begin()
        try:
            identities = self.classify([article for article, _, _ in items])
            writes: list[tuple[Any, list[Event], list[EventMention], str, int]] = []
            affected: set[str] = set()
            origins: set[str] = set()

            def flush() -> None:
                """Write what is pending, so that a later version in the same batch finds it stored."""
                self._write_articles(writes, coder)
                self._merge([event.id for _, events, _, _, _ in writes for event in events], retired=affected)
                origins.update(article.origin for article, *_ in writes if article.origin)
                writes.clear()
                affected.clear()

            def retire(stored_id: str, by: str) -> int:
                if any(article.id == stored_id for article, *_ in writes):
                    flush()  # an earlier version of this batch: stored first, then replaced
                revision, events_of_old = self._retire(stored_id, by)
                affected.update(events_of_old)
                return revision

            for (article, events, mentions), identity in zip(items, identities):
                if identity.kind == "seen":
                    result.seen.append(article.id)
                elif identity.kind == "duplicate":
                    if identity.retire is not None:
                        retire(identity.retire, identity.other)
                    self._record_duplicate(article, identity)
                    result.duplicates[article.id] = identity.other
                else:
                    revision = 1
                    if identity.kind == "revision":
                        revision = retire(identity.other, article.id)
                        result.revised[article.id] = identity.other
                    else:
                        result.stored.append(article.id)
                    writes.append((article, events, mentions, identity.digest, revision))
            flush()
            origins = sorted(origins)
            if origins:  # an input that failed before and is now stored is no longer a failure
                self.con.execute("DELETE FROM failures WHERE origin IN (SELECT unnest(?::VARCHAR[]))", [origins])
            self.con.commit()
        except BaseException as exc:
            try:
                self.con.rollback()
            except duckdb.Error:  # a connection the failure closed has nothing left to roll back
                pass
            logger.debug("batch of %d article(s): write rolled back", len(items))
            if isinstance(exc, duckdb.InterruptException) or (
                    isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower()):
                raise KeyboardInterrupt from exc  # Ctrl-C landed in DuckDB: the batch is not stored, as for Ctrl-C
            if isinstance(exc, duckdb.Error):  # a full disk, a file removed under us: no article of it is stored
                raise StoreError(f"could not write a batch of {len(items)} article(s) ({exc}); none of them was "
                                 "stored, the ones before are. Free space (or fix the file) and run again",
                                 where=self.path) from exc
            raise
        logger.debug("stored %d, revised %d, duplicates %d, seen %d", len(result.stored), len(result.revised),
                     len(result.duplicates), len(result.seen))
        return result

    def _record_duplicate(self, article: Any, identity: Identity) -> None:
        self.con.execute("INSERT OR IGNORE INTO superseded VALUES (?, ?, ?, 'duplicate', ?, ?, ?, ?, NULL, ?)",
                         [article.id, identity.digest, identity.other, article.url, article.title, article.published,
                          article.origin, _now()])

    def _retire(self, old_id: str, new_id: str) -> tuple[int, set[str]]:
        """Move the stored version of ``old_id`` to ``superseded`` (replaced by ``new_id``) and delete its rows;
        return its revision number and the merged events its reports were in (to be merged again)."""
        row = self.con.execute(
            "SELECT revision, content_hash, url, title, published, origin, text FROM articles WHERE id = ?",
            [old_id]).fetchone()
        if row is None:  # classify() and the batch's flushes keep every version to retire stored: a bug if not
            raise StoreError(f"article {old_id!r} to be replaced by {new_id!r} is not stored", where=self.path)
        revision, digest, url, title, published, origin, text = row
        self.con.execute("INSERT OR IGNORE INTO superseded VALUES (?, ?, ?, 'revision', ?, ?, ?, ?, ?, ?)",
                         [old_id, digest, new_id, url, title, published, origin, text, _now()])
        self.con.execute("UPDATE superseded SET article_id = ? WHERE article_id = ?", [new_id, old_id])
        units = self.con.execute("SELECT id, event_id FROM article_events WHERE article_id = ?", [old_id]).fetchall()
        unit_ids = [u for u, _ in units]
        self.con.execute("DELETE FROM links WHERE from_unit IN (SELECT unnest(?::VARCHAR[]))", [unit_ids])
        self.con.execute("DELETE FROM mentions WHERE article_id = ?", [old_id])
        self.con.execute("DELETE FROM article_events WHERE article_id = ?", [old_id])
        self.con.execute("DELETE FROM articles WHERE id = ?", [old_id])
        return (revision or 1) + 1, {event_id for _, event_id in units}

    def _write_articles(self, writes: list[tuple[Any, list[Event], list[EventMention], str, int]], coder: str) -> None:
        if not writes:
            return
        now = _now()
        sources = sorted({article.source for article, *_ in writes if article.source})
        self._insert("INSERT OR IGNORE INTO sources", [sources, [now] * len(sources)])
        articles = [(a.id, a.url, a.source, a.title, a.published, a.origin, a.text, coder, now, digest, revision)
                    for a, _, _, digest, revision in writes]
        self._insert("INSERT INTO articles (id, url, source, title, published, origin, text, coder, ingested_at, "
                     "content_hash, revision)", _columns(articles, 11))
        places: dict[str, Place] = {}
        units, links, mentions_rows = [], [], []
        for article, events, mentions, _, _ in writes:
            rows = article_rows(article, events, mentions, coder=coder)
            for pid, place in rows.places.items():
                places.setdefault(pid, place)
            units += rows.units
            links += rows.links
            mentions_rows += rows.mentions
        self._insert("INSERT OR IGNORE INTO places", _columns(
            [(pid, p.text, p.name, p.geonames_id, p.country, p.admin1, p.lat, p.lon, p.precision)
             for pid, p in sorted(places.items())], 9))
        self._insert(f"INSERT INTO article_events ({', '.join(UNIT_COLUMNS)})", _columns(units, len(UNIT_COLUMNS)))
        self._insert("INSERT OR IGNORE INTO links SELECT *, 'responds_to' FROM", _columns(links, 2), select=False)
        self._insert("INSERT INTO mentions", _columns(mentions_rows, len(MENTION_COLUMNS)))

    def _insert(self, into: str, columns: list[list[Any]], *, select: bool = True) -> None:
        """One INSERT for many rows: the values go in as one list parameter per column, unnested together
        (DuckDB's executemany runs one statement per row: some sixty times slower)."""
        if not columns or not columns[0]:
            return
        unnested = ", ".join(f"unnest(${i + 1})" for i in range(len(columns)))
        if select:
            self.con.execute(f"{into} SELECT {unnested}", columns)
        else:
            self.con.execute(f"{into} (SELECT {unnested})", columns)

    # ------------------------------------------------------------------ merging across articles

    _UNIT_COLUMNS = ("u.id, u.article_id, u.source, u.event, u.status, u.actors, u.recipients, u.date, "
                     "u.date_precision, u.coder, u.event_id, p.text, p.name, p.geonames_id, p.country, p.admin1, "
                     "p.lat, p.lon, p.precision, u.place_text, u.mode")

    @staticmethod
    def _unit(r: tuple) -> tuple[Unit, str]:
        place = None
        if r[12] is not None:
            place = Place(text=r[19] or r[11] or r[12], name=r[12], geonames_id=r[13], country=r[14],
                          admin1=r[15], lat=r[16], lon=r[17], precision=r[18])
        return (Unit(id=r[0], article_id=r[1], source=r[2], event=r[3], status=r[4], actors=_actors_from(r[5]),
                     recipients=_actors_from(r[6]), date=r[7], date_precision=r[8], location=place, coder=r[9],
                     mode=r[20]),
                r[10])

    def _with_words(self, units: list[Unit]) -> list[Unit]:
        """The units with their evidence words, read for the component only (the candidates the date window
        brings in and the rule turns away never need them)."""
        rows = self.con.execute("SELECT id, words FROM article_events WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                [[u.id for u in units]]).fetchall()
        words = {uid: frozenset(w or ()) for uid, w in rows}
        return [dataclasses.replace(u, words=words.get(u.id, frozenset())) for u in units]

    def _units(self, where: str, params: list[Any]) -> list[tuple[Unit, str]]:
        rows = self.con.execute(
            f"SELECT {self._UNIT_COLUMNS} FROM article_events u LEFT JOIN places p ON p.id = u.place_id "
            f"WHERE {where}", params).fetchall()
        return [self._unit(r) for r in rows]

    def _candidates(self, units: list[Unit]) -> list[tuple[Unit, Unit, str]]:
        """(unit, stored unit of another article it is compatible with, that one's event) for all ``units``
        in one query: rows of the same type and status within the window of the less precise date of the pair
        (a day-precision report reads the few days around it and the coarse rows of the year, not every row
        of the widest window). Date arithmetic is done in SQL, whose dates reach far beyond Python's."""
        if not units:
            return []
        w = self.rule.windows
        widest = max(w.values(), default=0)
        rows = self.con.execute(
            f"WITH n AS (SELECT unnest($1::VARCHAR[]) AS nid, unnest($2::VARCHAR[]) AS event, "
            f"unnest($3::VARCHAR[]) AS status, unnest($4::VARCHAR[]) AS article_id, unnest($5::DATE[]) AS date, "
            f"unnest($6::INTEGER[]) AS own) "
            f"SELECT n.nid, {self._UNIT_COLUMNS} FROM n JOIN article_events u ON u.event = n.event AND "
            f"u.status = n.status AND u.article_id <> n.article_id LEFT JOIN places p ON p.id = u.place_id "
            f"WHERE (n.date IS NULL AND u.date IS NULL) OR (u.date BETWEEN n.date - $7 AND n.date + $7 AND "
            f"abs(datediff('day', u.date, n.date)) <= greatest(n.own, CASE u.date_precision WHEN 'day' THEN $8 "
            f"WHEN 'week' THEN $9 WHEN 'month' THEN $10 ELSE $11 END))",
            [[u.id for u in units], [u.event for u in units], [u.status for u in units],
             [u.article_id for u in units], [u.date for u in units],
             [self.rule.window(u.date_precision, "day") if u.date is not None else 0 for u in units],
             widest, w.get("day", 0), w.get("week", 0), w.get("month", 0), w.get("year", 0)]).fetchall()
        by_id = {u.id: u for u in units}
        found = []
        for r in rows:
            other, event_id = self._unit(r[1:])
            unit = by_id[r[0]]
            if compatible(unit, other, self.rule):
                found.append((unit, other, event_id))
        return found

    def _merge(self, seed_ids: list[str], *, retired: set[str] = frozenset()) -> None:
        """Recompute the merged events of the compatibility components that the new article events fall in
        (see ``flashpoint.merge.across``), and those of the ``retired`` events, whose revised article's reports
        left them: the clusters of a component depend on all of its units, and on nothing outside it. Events
        whose units do not change are left as they are. One query per step of the breadth-first search, for
        the whole batch."""
        component: dict[str, Unit] = {}
        old_event: dict[str, str] = {}
        seeds = self._units("u.id IN (SELECT unnest(?::VARCHAR[]))", [sorted(set(seed_ids))]) if seed_ids else []
        if retired:
            left = self._units("u.event_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(retired)])
            seeds += left
            old_event.update((u.id, event_id) for u, event_id in left)
        for unit, _ in seeds:
            component[unit.id] = unit
        frontier = [u for u, _ in seeds]
        while frontier:  # breadth first over the compatibility graph
            reached: list[Unit] = []
            for _, other, event_id in self._candidates(frontier):
                if other.id not in component:
                    component[other.id] = other
                    old_event[other.id] = event_id
                    reached.append(other)
            frontier = reached
        before: dict[str, set[str]] = {}
        for uid, event_id in old_event.items():
            before.setdefault(event_id, set()).add(uid)
        # an old event may also hold units outside what was reached only if it chained; take them in
        if before:
            for unit, event_id in self._units("u.event_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(before)]):
                if unit.id not in component:
                    component[unit.id] = unit
                    old_event[unit.id] = event_id
                    before[event_id].add(unit.id)
        if not component:
            stale = sorted(retired)
            groups: list[list[Unit]] = []
        else:
            groups = clusters(self._with_words(list(component.values())), self.rule)
            unchanged = {g[0].id for g in groups if g[0].id not in retired and before.get(g[0].id) == {u.id for u in g}}
            stale = sorted((set(before) | set(retired)) - unchanged)
            groups = [g for g in groups if g[0].id not in unchanged]
        if stale:
            self.con.execute("DELETE FROM event_actors WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [stale])
            self.con.execute("DELETE FROM events WHERE id IN (SELECT unnest(?::VARCHAR[]))", [stale])
        self._write_events(groups)

    def merge_stored(self) -> None:
        """Merge every stored article event across articles: for rows copied in whole (``flashpoint import`` of
        a Spark output that was not merged), as ``add_batch`` merges each batch."""
        ids = [r[0] for r in self.con.execute("SELECT id FROM article_events ORDER BY id").fetchall()]
        self._merge(ids)

    def _write_events(self, groups: list[list[Unit]]) -> None:
        if not groups:
            return
        merged = [merge_units(group) for group in groups]
        unit_ids = [u.id for m in merged for u in m.units]
        first = {r[0]: r[1:] for r in self.con.execute(
            "SELECT id, event, mode, context, cameo, quad, goldstein, status FROM article_events "
            "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [[m.id for m in merged]]).fetchall()}
        counts = dict(self.con.execute("SELECT id, num_mentions FROM article_events WHERE id IN "
                                       "(SELECT unnest(?::VARCHAR[]))", [unit_ids]).fetchall())
        now = _now()
        events, actors, assignment = [], [], []
        for m in merged:
            event, sides = event_rows(m, first[m.id], counts)
            events.append((*event, now))
            actors += sides
            assignment += [(u.id, m.id) for u in m.units]
        self._insert("INSERT INTO events", _columns(events, len(EVENT_COLUMNS) + 1))
        self._insert("INSERT INTO event_actors", _columns(actors, len(EVENT_ACTOR_COLUMNS)))
        ids, targets = _columns(assignment, 2)
        self.con.execute("UPDATE article_events SET event_id = m.event_id FROM (SELECT unnest(?::VARCHAR[]) AS id, "
                         "unnest(?::VARCHAR[]) AS event_id) m WHERE article_events.id = m.id", [ids, targets])

    # ------------------------------------------------------------------ reading

    def counts(self) -> dict[str, int]:
        tables = ("sources", "articles", "mentions", "article_events", "events", "event_actors", "places",
                  "links", "failures", "superseded")
        # table names come from the fixed tuple above, never from input
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def event_ids(self, query: EventQuery = EventQuery()) -> list[str]:
        where, params = ["TRUE"], []
        if not query.include_all:
            where.append("e.status = 'asserted'")
            # an event is who did what: a record no report names an actor for (a statement with no speaker, "an
            # airstrike hit the consulate") is a piece of an event reported elsewhere with its actor, or of none;
            # it stays in the store (--all lists it), but not among the events. (Unnamed gunmen are an actor.)
            where.append("EXISTS (SELECT 1 FROM event_actors s WHERE s.event_id = e.id AND s.role = 'actor')")
        for role, value in (("actor", query.actor), ("recipient", query.recipient)):
            if value:
                where.append("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND a.role = ? AND "
                             "(a.code = ? OR a.country = ? OR a.actor_id = ? OR starts_with(a.code, ?)))")
                params += [role, value, value, value, value]
        # one filter per query field that is set (the clauses are fixed text; values go in as parameters)
        for clause, value in (("e.event = ?", query.event.upper() if query.event else None),
                              ("starts_with(e.cameo, ?)", query.cameo or None),
                              ("e.quad = ?", query.quad),
                              ("e.date >= ?", query.since or None),
                              ("e.date <= ?", query.until or None),
                              ("p.country = ?", query.country or None),
                              ("p.admin1 = ?", query.admin1 or None)):
            if value is not None:
                where.append(clause)
                params.append(value)
        if query.text:
            # contains() on lower(): no LIKE pattern, so % and _ in the text are themselves
            where.append("(EXISTS (SELECT 1 FROM article_events u JOIN mentions m ON m.article_event_id = u.id "
                         "WHERE u.event_id = e.id AND contains(lower(m.sentence), lower(?))) "
                         "OR EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND "
                         "(contains(lower(a.name), lower(?)) OR contains(lower(a.text), lower(?)))) "
                         "OR contains(lower(p.name), lower(?)) OR contains(lower(p.text), lower(?)))")
            params += [query.text] * 5
        if query.after is not None:
            day, last_id = query.after
            if day is None:  # undated events come last: only the undated ones after this id are left
                where.append("(e.date IS NULL AND e.id > ?)")
                params.append(last_id)
            else:
                where.append("(e.date > ? OR (e.date = ? AND e.id > ?) OR e.date IS NULL)")
                params += [day, day, last_id]
        sql = (f"SELECT e.id FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE {' AND '.join(where)} "
               "ORDER BY e.date NULLS LAST, e.id")
        if query.limit is not None:
            sql += " LIMIT ?"
            params.append(query.limit)
        return [r[0] for r in self.con.execute(sql, params).fetchall()]

    def events(self, query: EventQuery = EventQuery()) -> list[dict[str, Any]]:
        """Events in the output contract (``Event.to_dict``), with counts over every stored report."""
        return self._event_dicts(self.event_ids(query))

    def _event_dicts(self, ids: list[str]) -> list[dict[str, Any]]:
        if not ids:
            return []
        rows = self.con.execute(
            "SELECT e.id, e.event, e.mode, e.context, e.cameo, e.quad, e.goldstein, e.date, e.date_precision, "
            "e.status, e.num_mentions, e.num_articles, e.num_sources, e.coder, e.dictionary_version, "
            "p.name, p.geonames_id, p.country, p.admin1, p.lat, p.lon, p.precision, "
            "(SELECT u.place_text FROM article_events u WHERE u.event_id = e.id AND u.place_id = e.place_id "
            " ORDER BY u.id LIMIT 1) "
            "FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE list_contains(?, e.id)", [ids]).fetchall()
        by_id: dict[str, dict[str, Any]] = {}
        for r in rows:
            location = None
            if r[15] is not None:
                location = {"text": r[22] or r[15], "name": r[15], "geonames_id": r[16], "country": r[17],
                            "admin1": r[18], "lat": r[19], "lon": r[20], "precision": r[21]}
            by_id[r[0]] = {
                "id": r[0], "event": r[1], "mode": r[2], "context": list(r[3] or []), "cameo": r[4],
                "quad": r[5], "goldstein": r[6], "date": r[7].isoformat() if r[7] else None,
                "date_precision": r[8], "status": r[9], "actors": [], "recipients": [], "location": location,
                "mentions": [], "responds_to": [], "num_mentions": r[10], "num_articles": r[11],
                "num_sources": r[12], "coder": f"{r[13]} ({r[14]})" if r[14] else r[13],
            }
        for event_id, role, text, code, country, sector, name, actor_id in self.con.execute(
                "SELECT event_id, role, text, code, country, sector, name, actor_id FROM event_actors "
                "WHERE list_contains(?, event_id) ORDER BY event_id, role, position", [ids]).fetchall():
            key = "actors" if role == "actor" else "recipients"
            by_id[event_id][key].append({"text": text, "code": code, "country": country, "sector": sector,
                                         "name": name, "id": actor_id})
        for event_id, article_id, sentence, start, end, trigger, rule in self.con.execute(
                'SELECT u.event_id, m.article_id, m.sentence, m."start", m."end", m.trigger, m.rule '
                "FROM mentions m JOIN article_events u ON u.id = m.article_event_id "
                "WHERE list_contains(?, u.event_id) ORDER BY u.event_id, m.article_id, m.position", [ids]).fetchall():
            by_id[event_id]["mentions"].append({"article_id": article_id, "sentence": sentence, "start": start,
                                                "end": end, "trigger": trigger, "rule": rule})
        for event_id, target in self.link_targets(ids):
            by_id[event_id]["responds_to"].append(target)
        return [by_id[i] for i in ids]

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One stored record with everything behind it, or None when no event has this id.

        The output contract's fields (:meth:`events`), and: ``evidence``, every report's sentence with its
        trigger (``trigger_offset`` in the sentence, ``marked``: the sentence with the trigger in ``[[ ]]``),
        the report's own date and the time expression it came from; ``articles``, each article with a report
        (id, source, url, title, published); ``responds_to`` and ``responded_by``, the ids of the explicit links
        from and to this record, as :meth:`link_targets` resolves them, and ``links``, each with the other
        record's type, date and sides."""
        found = self._event_dicts([event_id]) if self.con.execute(
            "SELECT 1 FROM events WHERE id = ?", [event_id]).fetchone() else []
        if not found:
            return None
        record = found[0]
        evidence = []
        for (article_id, position, sentence, start, trigger, trigger_start, rule, status, date, precision,
             date_text) in self.con.execute(
                'SELECT m.article_id, m.position, m.sentence, m."start", m.trigger, m.trigger_start, m.rule, '
                "m.status, m.date, m.date_precision, m.date_text FROM mentions m "
                "JOIN article_events u ON u.id = m.article_event_id WHERE u.event_id = ? "
                "ORDER BY m.article_id, m.position", [event_id]).fetchall():
            offset = _trigger_offset(sentence, start, trigger, trigger_start)
            size = len(trigger) if sentence[offset or 0:(offset or 0) + len(trigger)] == trigger else len(
                trigger.split()[0] if trigger else "")
            marked = (sentence if offset is None else
                      f"{sentence[:offset]}[[{sentence[offset:offset + size]}]]{sentence[offset + size:]}")
            evidence.append({"article_id": article_id, "position": position, "sentence": sentence,
                             "trigger": trigger, "trigger_offset": offset, "marked": " ".join(marked.split()),
                             "rule": rule, "status": status, "date": date.isoformat() if date else None,
                             "date_precision": precision, "date_text": date_text})
        record["evidence"] = evidence
        record["articles"] = [
            {"id": r[0], "source": r[1], "url": r[2], "title": r[3], "published": r[4].isoformat() if r[4] else None}
            for r in self.con.execute(
                "SELECT a.id, a.source, a.url, a.title, a.published FROM articles a WHERE a.id IN "
                "(SELECT article_id FROM article_events WHERE event_id = ?) ORDER BY a.published NULLS LAST, a.id",
                [event_id]).fetchall()]
        responders = [r[0] for r in self.con.execute(
            "SELECT DISTINCT a.event_id FROM links l JOIN article_events a ON a.id = l.from_unit "
            "WHERE a.event_id <> ?", [event_id]).fetchall()]
        record["responded_by"] = sorted(src for src, target in self.link_targets(responders) if target == event_id)
        linked = {e["id"]: e for e in self._event_dicts(sorted({*record["responds_to"], *record["responded_by"]}))}
        record["links"] = [
            {"kind": kind, "id": other, "event": linked[other]["event"], "date": linked[other]["date"],
             "status": linked[other]["status"],
             "actors": [a["code"] for a in linked[other]["actors"]],
             "recipients": [r["code"] for r in linked[other]["recipients"]]}
            for kind in ("responds_to", "responded_by") for other in record[kind] if other in linked]
        return record

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One stored article (its current version), or None when no article has this id: ``id``, ``url``,
        ``source``, ``title``, ``published``, ``origin``, ``text``, ``revision``, ``ingested_at``, and ``events``,
        the ids of the merged events its reports are in (by date, undated last)."""
        row = self.con.execute("SELECT id, url, source, title, published, origin, text, revision, ingested_at "
                               "FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            return None
        record = dict(zip(("id", "url", "source", "title", "published", "origin", "text", "revision",
                           "ingested_at"), row))
        record["published"] = row[4].isoformat() if row[4] else None
        record["ingested_at"] = row[8].isoformat(timespec="seconds") if row[8] else None
        record["events"] = self.article_events([article_id]).get(article_id, [])
        return record

    def article_events(self, article_ids: list[str]) -> dict[str, list[str]]:
        """The merged events each article's reports are in: article id -> event ids, by date (undated last),
        then id; an article with no event is left out."""
        found: dict[str, list[str]] = {}
        for article_id, event_id, _ in self.con.execute(
                "SELECT DISTINCT u.article_id, e.id, e.date FROM article_events u JOIN events e ON e.id = u.event_id "
                "WHERE list_contains(?, u.article_id) ORDER BY u.article_id, e.date NULLS LAST, e.id",
                [sorted(set(article_ids))]).fetchall():
            found.setdefault(article_id, []).append(event_id)
        return found

    def link_targets(self, ids: list[str]) -> list[tuple[str, str]]:
        """(event, the event it responds to) for the given events, sorted. A report's "in retaliation for
        Israel's strike on the consulate" links its act to the answered act as that report tells it; the
        link goes to the stored record of that act: the record with the answered report's type, whose sides
        agree with it, dated on or before the responding event and at most ``link_window`` days before it,
        with the most articles (then the one nearest the answered report's own date). Computed on read, so
        it depends only on what is stored."""
        rows = self.con.execute(
            "SELECT a.event_id, b.id, b.event_id, e.date, b.event, b.status, b.actors, b.recipients, b.date, "
            "b.date_precision FROM links l JOIN article_events a ON a.id = l.from_unit "
            "JOIN article_events b ON b.id = l.to_unit JOIN events e ON e.id = a.event_id "
            "WHERE list_contains(?, a.event_id)", [ids]).fetchall()
        window = int(get_setting("link_window"))
        found: set[tuple[str, str]] = set()
        for source, _, own_target, when, event, status, actors, recipients, b_date, b_precision in rows:
            actors, recipients = _actors_from(actors), _actors_from(recipients)
            target = own_target
            if when is not None:
                best = None
                for cand, c_date, articles in self.con.execute(
                        "SELECT id, date, num_articles FROM events WHERE event = ? AND status = ? AND id <> ? "
                        "AND date BETWEEN ? AND ?", [event, status, source, *date_range(when, window, 0)]).fetchall():
                    sides = self.con.execute("SELECT role, text, code, country, sector, name, actor_id "
                                             "FROM event_actors WHERE event_id = ? ORDER BY role, position",
                                             [cand]).fetchall()
                    c_actors = [Actor(*r[1:]) for r in sides if r[0] == "actor"]
                    c_recipients = [Actor(*r[1:]) for r in sides if r[0] == "recipient"]
                    if not ((actors and c_actors) or (recipients and c_recipients)):
                        continue
                    if not (actors_compatible(list(actors), c_actors)
                            and actors_compatible(list(recipients), c_recipients)):
                        continue
                    near = abs((c_date - b_date).days) if b_date and b_precision == "day" else 0
                    key = (articles, -near, cand == own_target, cand)
                    if best is None or key > best[0]:
                        best = (key, cand)
                if best is not None:
                    target = best[1]
            if target != source:
                found.add((source, target))
        return sorted(found)

    def failures(self) -> list[dict[str, Any]]:
        rows = self.con.execute("SELECT origin, article_id, stage, code, message FROM failures ORDER BY origin, "
                                "stage, code").fetchall()
        return [dict(zip(("origin", "article_id", "stage", "code", "message"), r)) for r in rows]
