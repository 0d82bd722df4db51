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

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import duckdb

from ..errors import NewerSchema, NotADatabase, StoreError
from ..merge.across import MergeRule, Unit, clusters, compatible, merge_units
from ..merge.article import actors_compatible
from ..settings import get_setting
from ..model import Actor, Event, EventMention, Place
from .schema import MIGRATIONS, SCHEMA_VERSION, VERSION_TABLE

__all__ = ["EventQuery", "Store", "split_coder"]

DUCKDB_MAGIC_OFFSET = 8
DUCKDB_MAGIC = b"DUCK"

logger = logging.getLogger(__name__)


def split_coder(name: str) -> tuple[str, str]:
    """``"flashpoint.rules/1 (actors-...; triggers-...)"`` -> (coder, dictionary version)."""
    coder, _, rest = name.partition(" (")
    return coder, rest[:-1] if rest.endswith(")") else rest


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


@dataclass(frozen=True)
class EventQuery:
    """Filters of ``flashpoint events``; every value is passed to DuckDB as a parameter."""

    actor: str | None = None
    recipient: str | None = None
    event: str | None = None
    quad: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    include_all: bool = False
    limit: int | None = None


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


def _connect(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreError("the database is in use by another process (one writer at a time); wait for it "
                             "to finish", where=str(path)) from None
        raise NotADatabase(f"cannot be opened as a DuckDB database ({exc}); expected a database written by "
                           "`flashpoint ingest`", where=str(path)) from None
    except duckdb.Error as exc:
        raise NotADatabase(f"cannot be opened as a DuckDB database ({exc})", where=str(path)) from None


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
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> "Store":
        """Open (creating and migrating unless ``read_only``). A file that is not DuckDB, or a database from
        a newer schema, raises before anything is written."""
        path = Path(path)
        _check_file(path)
        if path.exists():
            probe = _connect(path, read_only=True)
            try:
                version = _version(probe)
            finally:
                probe.close()
            if version > SCHEMA_VERSION:
                raise NewerSchema(f"has schema version {version}, newer than this Flashpoint's {SCHEMA_VERSION} "
                                  f"({MIGRATIONS[-1][0]}); upgrade Flashpoint to read it", where=str(path))
        elif read_only:
            raise StoreError("no such database; run `flashpoint ingest SOURCE --db PATH` first", where=str(path))
        elif not path.parent.is_dir():
            raise StoreError(f"folder {str(path.parent)!r} does not exist; create it or give another --db",
                             where=str(path))
        logger.debug("opening %s (%s)", path, "read-only" if read_only else "for writing" if path.exists() else "new")
        con = _connect(path, read_only=read_only)
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
        ids = sorted(set(article_ids))
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [ids]).fetchall()
        return {r[0] for r in rows}

    def add_failure(self, *, origin: str, stage: str, code: str, message: str, article_id: str | None = None) -> None:
        """Record a failed input (idempotent: one row per origin, stage and code, the latest message)."""
        self.con.execute(
            "INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (origin, stage, code) "
            "DO UPDATE SET message = excluded.message, failed_at = excluded.failed_at, article_id = excluded.article_id",
            [origin, article_id, stage, code, message, _now()])

    def add(self, article: Any, events: list[Event], mentions: list[EventMention], *, coder: str) -> bool:
        """Store one coded article and merge its events across articles, in one transaction.

        Returns False (and changes nothing) when the article is already stored."""
        self.con.begin()
        try:
            if self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article.id]).fetchone():
                self.con.rollback()
                logger.debug("article %s is already stored; not written again", article.id)
                return False
            self._write_article(article, events, mentions, coder)
            self._merge([e.id for e in events])
            if article.origin:  # an input that failed before and is now stored is no longer a failure
                self.con.execute("DELETE FROM failures WHERE origin = ?", [article.origin])
            self.con.commit()
        except BaseException:
            self.con.rollback()
            logger.debug("article %s: write rolled back", article.id)
            raise
        logger.debug("stored article %s: %d event(s), %d mention(s)", article.id, len(events), len(mentions))
        return True

    def _write_article(self, article: Any, events: list[Event], mentions: list[EventMention], coder: str) -> None:
        now = _now()
        source = article.source or article.id
        if article.source:
            self.con.execute("INSERT OR IGNORE INTO sources VALUES (?, ?)", [article.source, now])
        self.con.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [article.id, article.url, article.source, article.title, article.published,
                          article.origin, article.text, coder, now])
        places = {}
        for item in [*events, *mentions]:
            if item.location is not None:
                places.setdefault(_place_id(item.location), item.location)
        # One executemany per table: an article's rows go in a handful of round trips, not one per row.
        self._insert_many("INSERT OR IGNORE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          [[place_id, place.text, place.name, place.geonames_id, place.country, place.admin1,
                            place.lat, place.lon, place.precision] for place_id, place in places.items()])
        event_of = {id(mention): event.id for event in events for mention in event.mentions}
        self._insert_many(
            "INSERT INTO article_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[event.id, article.id, event.id, source, event.code.event, event.code.mode, list(event.code.context),
              event.code.cameo, event.code.quad, event.code.goldstein, event.status, event.date,
              event.date_precision, _place_id(event.location) if event.location else None,
              event.location.text if event.location else None,
              _actors_json(event.actors), _actors_json(event.recipients), event.coder or coder] for event in events])
        self._insert_many("INSERT OR IGNORE INTO links VALUES (?, ?, 'responds_to')",
                          [[event.id, target] for event in events for target in event.responds_to])
        self._insert_many(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[f"{article.id}:{position}", article.id, event_of.get(id(mention)), position, mention.sentence,
              mention.start, mention.end, mention.trigger, mention.trigger_start, mention.rule,
              mention.code.event, mention.code.mode, mention.code.cameo, mention.status,
              _actors_json(mention.actors), _actors_json(mention.recipients), mention.date,
              mention.date_precision, mention.date_text,
              _place_id(mention.location) if mention.location else None]
             for position, mention in enumerate(mentions)])

    def _insert_many(self, sql: str, rows: list[list[Any]]) -> None:
        if rows:
            self.con.executemany(sql, rows)

    # ------------------------------------------------------------------ merging across articles

    _UNIT_COLUMNS = ("u.id, u.article_id, u.source, u.event, u.status, u.actors, u.recipients, u.date, "
                     "u.date_precision, u.coder, u.event_id, p.text, p.name, p.geonames_id, p.country, p.admin1, "
                     "p.lat, p.lon, p.precision, u.place_text")

    def _units(self, where: str, params: list[Any]) -> list[tuple[Unit, str]]:
        rows = self.con.execute(
            f"SELECT {self._UNIT_COLUMNS} FROM article_events u LEFT JOIN places p ON p.id = u.place_id "
            f"WHERE {where}", params).fetchall()
        units = []
        for r in rows:
            place = None
            if r[12] is not None:
                place = Place(text=r[19] or r[11] or r[12], name=r[12], geonames_id=r[13], country=r[14],
                              admin1=r[15], lat=r[16], lon=r[17], precision=r[18])
            units.append((Unit(id=r[0], article_id=r[1], source=r[2], event=r[3], status=r[4],
                               actors=_actors_from(r[5]), recipients=_actors_from(r[6]), date=r[7],
                               date_precision=r[8], location=place, coder=r[9]), r[10]))
        return units

    def _candidates(self, unit: Unit) -> list[tuple[Unit, str]]:
        """Stored units of other articles that ``unit`` is compatible with, and the events they are in."""
        widest = max(self.rule.windows.values(), default=0)
        if unit.date is None:
            found = self._units("u.event = ? AND u.status = ? AND u.article_id <> ? AND u.date IS NULL",
                                [unit.event, unit.status, unit.article_id])
        else:
            # only rows within the window of the less precise date of the pair: a day-precision report reads the
            # few days around it (and the coarse rows of the year), not every row of the widest window
            w = self.rule.windows
            found = self._units(
                "u.event = ? AND u.status = ? AND u.article_id <> ? AND u.date BETWEEN ? AND ? AND "
                "abs(datediff('day', u.date, ?)) <= greatest(?, CASE u.date_precision WHEN 'day' THEN ? "
                "WHEN 'week' THEN ? WHEN 'month' THEN ? ELSE ? END)",
                [unit.event, unit.status, unit.article_id, unit.date - dt.timedelta(days=widest),
                 unit.date + dt.timedelta(days=widest), unit.date, self.rule.window(unit.date_precision, "day"),
                 w.get("day", 0), w.get("week", 0), w.get("month", 0), w.get("year", 0)])
        return [(other, event_id) for other, event_id in found if compatible(unit, other, self.rule)]

    def _merge(self, new_ids: list[str]) -> None:
        """Recompute the merged events of the compatibility components the new article events fall in (see
        ``flashpoint.merge.across``): the clusters of a component depend on all of its units, and on nothing
        outside it. Events whose units do not change are left as they are."""
        if not new_ids:
            return
        new = [u for u, _ in self._units("list_contains(?, u.id)", [new_ids])]
        component: dict[str, Unit] = {u.id: u for u in new}
        old_event: dict[str, str] = {}
        frontier = list(new)
        while frontier:  # breadth first over the compatibility graph
            reached: list[Unit] = []
            for unit in frontier:
                for other, event_id in self._candidates(unit):
                    if other.id not in component:
                        component[other.id] = other
                        old_event[other.id] = event_id
                        reached.append(other)
            frontier = reached
        before: dict[str, set[str]] = {}
        for uid, event_id in old_event.items():
            before.setdefault(event_id, set()).add(uid)
        # an old event may also hold units outside what was reached only if it chained; take them in
        outside = [u for u, eid in self._units("list_contains(?, u.event_id)", [sorted(before)])
                   if u.id not in component] if before else []
        for unit in outside:
            component[unit.id] = unit
        for unit, event_id in self._units("list_contains(?, u.id)", [[u.id for u in outside]]) if outside else []:
            old_event[unit.id] = event_id
            before.setdefault(event_id, set()).add(unit.id)
        groups = clusters(list(component.values()), self.rule)
        unchanged = {g[0].id for g in groups if before.get(g[0].id) == {u.id for u in g}}
        stale = sorted(set(before) - unchanged)
        if stale:
            self.con.execute("DELETE FROM event_actors WHERE list_contains(?, event_id)", [stale])
            self.con.execute("DELETE FROM events WHERE list_contains(?, id)", [stale])
        for group in groups:
            if group[0].id not in unchanged:
                self._write_event(group)

    def _write_event(self, group: list[Unit]) -> None:
        merged = merge_units(group)
        ids = [u.id for u in merged.units]
        first = self.con.execute(
            "SELECT event, mode, context, cameo, quad, goldstein, status FROM article_events WHERE id = ?",
            [merged.id]).fetchone()
        num_mentions = self.con.execute(
            "SELECT count(*) FROM mentions WHERE list_contains(?, article_event_id)", [ids]).fetchone()[0]
        coder, dictionary_version = split_coder(merged.coder)
        place_id = _place_id(merged.location) if merged.location else None
        self.con.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [merged.id, *first, merged.date, merged.date_precision, place_id, num_mentions,
                          merged.num_articles, merged.num_sources, coder, dictionary_version, _now()])
        self._insert_many("INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          [[merged.id, role, position, actor.text, actor.code, actor.country, actor.sector,
                            actor.name, actor.id]
                           for role, actors in (("actor", merged.actors), ("recipient", merged.recipients))
                           for position, actor in enumerate(actors)])
        self.con.execute("UPDATE article_events SET event_id = ? WHERE list_contains(?, id)", [merged.id, ids])

    # ------------------------------------------------------------------ reading

    def counts(self) -> dict[str, int]:
        tables = ("sources", "articles", "mentions", "article_events", "events", "event_actors", "places",
                  "links", "failures")
        # table names come from the fixed tuple above, never from input
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def event_ids(self, query: EventQuery = EventQuery()) -> list[str]:
        where, params = ["TRUE"], []
        if not query.include_all:
            where.append("e.status = 'asserted'")
        for role, value in (("actor", query.actor), ("recipient", query.recipient)):
            if value:
                where.append("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND a.role = ? AND "
                             "(a.code = ? OR a.country = ? OR a.actor_id = ? OR starts_with(a.code, ?)))")
                params += [role, value, value, value, value]
        # one filter per query field that is set (the clauses are fixed text; values go in as parameters)
        for clause, value in (("e.event = ?", query.event.upper() if query.event else None),
                              ("e.quad = ?", query.quad),
                              ("e.date >= ?", query.since or None),
                              ("e.date <= ?", query.until or None),
                              ("p.country = ?", query.country or None),
                              ("p.admin1 = ?", query.admin1 or None)):
            if value is not None:
                where.append(clause)
                params.append(value)
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
                        "AND date BETWEEN ? AND ?", [event, status, source, when - dt.timedelta(days=window),
                                                     when]).fetchall():
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
