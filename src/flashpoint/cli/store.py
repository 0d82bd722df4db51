"""``flashpoint ingest``, ``events``, ``event`` and ``export``: the event store from the command line.

Thin shells over :mod:`flashpoint.store` and :mod:`flashpoint.ingest.feeds`: data on stdout, progress, the
summary, errors and logs (``ingest -v``: DEBUG, with each failed article's traceback) on stderr. Exit status: 0,
3 when some inputs failed (the others were stored), 2 when none could be read, and a
:class:`~flashpoint.errors.StoreError`'s own code (5) when the database cannot be used.
"""

from __future__ import annotations

import csv
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any, Iterator

import click

from ..errors import FlashpointError, InputError
from .common import EXIT_PARTIAL, iso_date, report, verbose_option

logger = logging.getLogger(__name__)


def _db_option(function: Any) -> Any:
    return click.option("--db", "db", metavar="PATH", default=None,
                        help="Database file (default: the `db` setting, flashpoint.duckdb).")(function)


def _db_path(db: str | None) -> str:
    from ..settings import get_setting

    return db or str(get_setting("db"))


def _open(db: str | None, *, read_only: bool) -> Any:
    from ..store import Store

    try:
        return Store.open(_db_path(db), read_only=read_only)
    except FlashpointError as exc:
        report(exc)
        sys.exit(exc.exit_code)


def undated_note(count: int) -> None:
    """One line on stderr, once per run, when some articles carried no date at all."""
    if count:
        click.echo(f"{count} article(s) had no date (no published field, page date or dated dateline): their "
                   "events are dated only by absolute dates in the text; give --published YYYY-MM-DD", err=True)


# ------------------------------------------------------------------------------------------------ ingest


class _Stopped(Exception):
    """SIGTERM, raised in the main thread like Ctrl-C's KeyboardInterrupt, so the run ends the same way."""


class _Ingest:
    """One ``ingest`` run: reads, codes and writes in batches. The database is opened for each batch only
    (``Store.open`` waits while a reader holds it), so ``events``, ``export``, ``dyad`` and ``alerts`` work while
    ``ingest`` runs; each batch is one transaction, so an interrupted run loses at most the batch being written,
    whose articles the next run codes again."""

    def __init__(self, db: str, *, strict: bool, verbose: bool) -> None:
        self.db = db
        self.strict = strict
        self.verbose = verbose
        self.stats = {"coded": 0, "revised": 0, "seen": 0, "duplicates": 0, "failed": 0, "undated": 0,
                      "from_summary": 0}
        self.failures: list[tuple[str, str, FlashpointError, str | None]] = []  # written with the next batch
        self.pending: list[Any] = []  # coded results not yet written
        self.known: set[tuple[str, str]] = set()  # (id, text hash) stored, as an article or an older version
        self.coder_name: str | None = None
        with self.open() as store:  # creates or migrates it, or refuses a file that is not ours
            self.known = store.identities()

    def open(self) -> Any:
        from ..store import Store

        return Store.open(self.db)

    def fail(self, origin: str, stage: str, error: FlashpointError, article_id: str | None = None) -> None:
        self.stats["failed"] += 1
        report(error, origin)
        self.failures.append((origin, stage, error, article_id))
        if self.strict:
            self.write()
            click.echo("stopped at the first failure (--strict)", err=True)
            sys.exit(error.exit_code)

    def filter_new(self, items: Iterator[Any]) -> Iterator[Any]:
        """Articles to code: not a read failure, not stored already with this text, not another stored
        article's text (decided again, for certain, when the batch is written)."""
        from ..ingest import ReadFailure
        from ..store import content_hash

        for item in items:
            if isinstance(item, ReadFailure):
                self.fail(item.origin, "read", item.error)
                continue
            self.stats["from_summary"] += bool(item.warnings)  # a feed entry whose linked page was not used
            digest = content_hash(item.text)
            if (item.id, digest) in self.known:
                logger.debug("%s: article %s already stored; skipped", item.origin, item.id)
                self.stats["seen"] += 1
                continue
            self.known.add((item.id, digest))
            self.stats["undated"] += item.published is None
            yield item

    def add(self, result: Any, batch_size: int) -> None:
        if result.error is not None:
            self.fail(result.article.origin or result.article.id, "code", result.error, result.article.id)
        else:
            self.pending.append(result)
        if len(self.pending) >= batch_size:
            self.write()

    def write(self) -> None:
        """Write the pending results and failures in one transaction, holding the database only meanwhile."""
        if not self.pending and not self.failures:
            return
        from ..coder import CODER_NAME

        results, failures = self.pending, self.failures
        self.pending, self.failures = [], []
        with self.open() as store:
            for origin, stage, error, article_id in failures:
                store.add_failure(origin=origin, stage=stage, code=error.code, message=error.message,
                                  article_id=article_id)
            done = store.add_batch([(r.article, r.events, r.mentions) for r in results],
                                   coder=self.coder_name or CODER_NAME)
        self.stats["coded"] += len(done.stored) + len(done.revised)
        self.stats["revised"] += len(done.revised)
        self.stats["seen"] += len(done.seen)
        self.stats["duplicates"] += len(done.duplicates)
        for result in results:
            article = result.article
            if self.verbose:
                if article.id in done.duplicates:
                    click.echo(f"duplicate {article.id} {article.origin or ''}: same text as stored article "
                               f"{done.duplicates[article.id]}", err=True)
                elif article.id in done.revised:
                    click.echo(f"revised {done.revised[article.id]} -> {article.id} {article.origin or ''}", err=True)
                elif article.id in done.stored:
                    click.echo(f"stored {article.id} {article.origin or ''}", err=True)

    def summary(self, elapsed: float, *, interrupted: str | None = None) -> None:
        from ..store import Store

        try:
            with Store.open(self.db, read_only=True) as store:
                events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        except FlashpointError:
            events = "?"
        s = self.stats
        rate = s["coded"] / elapsed if elapsed > 0 else 0.0
        extra = "".join(part for part in (
            f", {s['duplicates']} duplicate(s) of stored articles" if s["duplicates"] else "",
            f", {s['revised']} revision(s) of stored articles" if s["revised"] else "",
            f", {s['from_summary']} from feed summaries (linked page not used)" if s["from_summary"] else ""))
        click.echo(f"{interrupted + ': ' if interrupted else ''}coded {s['coded']}, skipped {s['seen']} as seen, "
                   f"failed {s['failed']}{extra} ({rate:.1f} articles/s); {events} events in {self.db}", err=True)
        if interrupted:
            click.echo("every article counted above is stored; run the same command again to code the rest",
                       err=True)
        undated_note(s["undated"])


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@_db_option
@click.option("--published", callback=iso_date, metavar="YYYY-MM-DD",
              help="Publication date for articles that carry none.")
@click.option("--strict", is_flag=True, help="Stop at the first input that fails.")
@click.option("--n-process", type=click.IntRange(1, 64), default=None,
              help="Worker processes for parsing (setting n_process); 2 uses both cores of a small machine.")
@click.option("--batch-size", type=click.IntRange(1, 10000), default=None,
              help="Articles per batch, parsed and written together (setting batch_size).")
@click.option("--no-fetch", is_flag=True, help="Use feed entries' summaries; do not fetch their linked pages.")
@verbose_option(help="One line on stderr per stored article; DEBUG logs, with each failed article's traceback.")
def ingest_command(sources, db, published, strict, n_process, batch_size, no_fetch, verbose):
    """Read SOURCES (files, folders, RSS/Atom feed files or URLs), code new articles, store and merge events.

    Articles already in the database are skipped; a new text of a stored article (the same id, or the same URL:
    an edited page) replaces it, and the same text under another id is recorded as a duplicate, not counted
    twice. Articles are written in batches, each in one transaction, and the database is held only while a
    batch is written: other commands can read it meanwhile, and an interrupted run can simply be run again."""
    import signal

    from ..ingest.feeds import FEED_SUFFIXES, is_url, read_sources
    from ..settings import get_setting

    path = _db_path(db)
    started = time.monotonic()
    try:
        run = _Ingest(path, strict=strict, verbose=verbose)
    except FlashpointError as exc:
        report(exc)
        sys.exit(exc.exit_code)
    size = batch_size or int(get_setting("batch_size"))

    def stop(signum: int, frame: Any) -> None:
        raise _Stopped()

    previous = signal.signal(signal.SIGTERM, stop)
    interrupted = None
    try:
        # the page cache serves feeds only: a run over article files leaves no cache file beside the database
        feeds = any(is_url(s) or Path(s).is_dir() or Path(s).suffix.lower() in FEED_SUFFIXES for s in sources)
        cache = (get_setting("feed_cache") or str(Path(path).with_suffix(".pages.sqlite"))) if feeds else None
        articles = run.filter_new(read_sources(sources, published=published,
                                               fetch_links=False if no_fetch else None, cache=cache))
        first = next(articles, None)
        if first is not None:
            from ..coder import Coder

            coder = Coder()
            run.coder_name = coder.name

            def stream() -> Iterator[Any]:
                yield first
                yield from articles

            with _progress() as progress:
                task = progress.add_task("coding", total=None)
                for result in coder.code_many(stream(), batch_size=size, n_process=n_process):
                    run.add(result, size)
                    progress.advance(task)
        run.write()
    except (KeyboardInterrupt, _Stopped) as exc:
        interrupted = "interrupted (SIGTERM)" if isinstance(exc, _Stopped) else "interrupted (Ctrl-C)"
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second signal must not cut the last write short
        try:
            run.write()  # what was coded before the signal is kept
        except FlashpointError as error:
            report(error)
    except FlashpointError as exc:
        report(exc)
        run.summary(time.monotonic() - started, interrupted="stopped")
        sys.exit(exc.exit_code)
    finally:
        signal.signal(signal.SIGTERM, previous)
    run.summary(time.monotonic() - started, interrupted=interrupted)
    if interrupted:
        sys.exit(130 if "Ctrl-C" in interrupted else 143)
    stats = run.stats
    if stats["failed"]:
        sys.exit(EXIT_PARTIAL if stats["coded"] or stats["seen"] or stats["duplicates"] else InputError.exit_code)


def _progress() -> Any:
    """A rich progress bar with articles/s on stderr, shown only on a terminal."""
    from rich.console import Console
    from rich.progress import Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(f"{task.speed or 0:.1f} articles/s")

    console = Console(stderr=True)
    return Progress(SpinnerColumn(), TextColumn("{task.description} {task.completed} articles"), Rate(),
                    TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal)


# ------------------------------------------------------------------------------------------------ events

CSV_COLUMNS = ("id", "date", "date_precision", "event", "mode", "cameo", "quad", "goldstein", "status", "actors",
               "recipients", "place", "country", "admin1", "lat", "lon", "num_mentions", "num_articles",
               "num_sources", "coder", "evidence")


def _codes(actors: list[dict]) -> str:
    return ";".join(a["code"] or "?" for a in actors)


def _flat(event: dict) -> dict:
    place = event["location"] or {}
    first = event["mentions"][0] if event["mentions"] else {}
    return {**{k: event[k] for k in ("id", "date", "date_precision", "event", "mode", "cameo", "quad", "goldstein",
                                     "status", "num_mentions", "num_articles", "num_sources", "coder")},
            "actors": _codes(event["actors"]), "recipients": _codes(event["recipients"]),
            "place": place.get("name"), "country": place.get("country"), "admin1": place.get("admin1"),
            "lat": place.get("lat"), "lon": place.get("lon"), "evidence": first.get("sentence")}


def _table_line(event: dict) -> str:
    place = event["location"]
    where = (place.get("admin1") or place.get("country")) if place else "-"
    kind = event["event"] + (f"/{event['mode']}" if event["mode"] else "")
    first = event["mentions"][0] if event["mentions"] else {"sentence": "", "trigger": ""}
    status = "" if event["status"] == "asserted" else f" [{event['status']}]"
    sentence = " ".join(first["sentence"].split())
    if len(sentence) > 80:
        sentence = sentence[:79] + "…"
    counts = f"{event['num_mentions']}m/{event['num_articles']}a/{event['num_sources']}s"
    return (f"{event['date'] or '-':10s} {kind:16s} {event['cameo'] or '':5s} {_codes(event['actors']) or '-':>14s} "
            f"-> {_codes(event['recipients']) or '-':14s} {where or '-':8s} {counts:10s}{status} \"{sentence}\"")


@click.command("events")
@_db_option
@click.option("--actor", help="Actor code, country or group id (PAK matches PAKMIL).")
@click.option("--recipient", help="Recipient code, country or group id.")
@click.option("--event", "event_type", help="PLOVER event type (ASSAULT).")
@click.option("--quad", type=click.IntRange(1, 4), help="Quad class 1-4.")
@click.option("--since", callback=iso_date, metavar="YYYY-MM-DD")
@click.option("--until", callback=iso_date, metavar="YYYY-MM-DD")
@click.option("--country", help="Country of the event's place.")
@click.option("--admin1", help="ISO 3166-2 region of the event's place (IR-11).")
@click.option("--all", "show_all", is_flag=True, help="Also hypothetical, negated and background events.")
@click.option("--limit", type=click.IntRange(min=0, max=2**63 - 1), default=None,  # DuckDB's LIMIT is a BIGINT
              help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
def events_command(db, actor, recipient, event_type, quad, since, until, country, admin1, show_all, limit, fmt):
    """Query the stored events (merged across articles, with counts of mentions, articles and sources)."""
    from ..store import EventQuery

    store = _open(db, read_only=True)
    try:
        events = store.events(EventQuery(actor=actor, recipient=recipient, event=event_type, quad=quad,
                                         since=since, until=until, country=country, admin1=admin1,
                                         include_all=show_all, limit=limit))
    finally:
        store.close()
    if fmt == "jsonl":
        for event in events:
            click.echo(json.dumps(event, ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.DictWriter(click.get_text_stream("stdout"), fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for event in events:
            writer.writerow(_flat(event))
    else:
        for event in events:
            click.echo(_table_line(event))


# ------------------------------------------------------------------------------------------------ event


def _sides(actors: list[Any]) -> str:
    return ";".join(a if isinstance(a, str) else (a.get("code") or a.get("id") or "?") for a in actors) or "-"


def _event_table(record: dict) -> None:
    kind = record["event"] + (f"/{record['mode']}" if record["mode"] else "")
    place = record["location"]
    where = (f"{place['name']} ({place.get('admin1') or place.get('country') or '-'})" if place else "-")
    click.echo(f"event {record['id']}  {kind}  cameo {record['cameo'] or '-'}  quad {record['quad']}  "
               f"goldstein {record['goldstein']}  {record['status']}")
    click.echo(f"  date      {record['date'] or '-'} ({record['date_precision'] or '-'})")
    click.echo(f"  sides     {_sides(record['actors'])} -> {_sides(record['recipients'])}")
    click.echo(f"  place     {where}")
    click.echo(f"  reports   {record['num_mentions']} mentions, {record['num_articles']} articles, "
               f"{record['num_sources']} sources; coder {record['coder']}")
    click.echo("")
    click.echo(f"evidence ({len(record['evidence'])}; trigger in [[ ]])")
    for item in record["evidence"]:
        when = item["date"] or "-"
        if item["date_text"]:
            when += f" from {item['date_text']!r}"
        status = "" if item["status"] == "asserted" else f" [{item['status']}]"
        click.echo(f"  {item['article_id']} #{item['position']}  rule {item['rule']}  date {when}{status}")
        click.echo(f"      \"{item['marked']}\"")
    click.echo("")
    click.echo(f"articles ({len(record['articles'])})")
    for article in record["articles"]:
        click.echo(f"  {article['id']}  {article['source'] or '-'}  {article['published'] or '-'}  "
                   f"{article['url'] or '-'}")
    click.echo("")
    click.echo("links")
    if not record["links"]:
        click.echo("  (none)")
    for link in record["links"]:
        arrow = "responds to " if link["kind"] == "responds_to" else "answered by"
        click.echo(f"  {arrow}  {link['id']}  {link['date'] or '-':10s} {link['event']:9s} "
                   f"{_sides(link['actors'])} -> {_sides(link['recipients'])}")


@click.command("event")
@click.argument("event_id", metavar="ID")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def event_command(event_id, db, fmt):
    """One stored event (an id from `flashpoint events`): every evidence sentence with its trigger marked, its
    articles, and the events it responds to or that respond to it."""
    store = _open(db, read_only=True)
    try:
        record = store.event(event_id)
    finally:
        store.close()
    if record is None:
        report(InputError("no event with this id in the database; list ids with "
                          "`flashpoint events --all --format jsonl`", where=f"{_db_path(db)}: event {event_id!r}"))
        sys.exit(InputError.exit_code)
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        _event_table(record)


# ------------------------------------------------------------------------------------------------ export


@click.command("export")
@click.argument("path", type=click.Path(dir_okay=True, file_okay=True))
@_db_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "gdelt", "polecat"]), required=True,
              help="parquet/csv: a folder with events and mentions; gdelt/polecat: one tab-separated file.")
def export_command(path, db, fmt):
    """Export the stored events to PATH (its folder must exist). Each file is written whole or not at all: a file
    that cannot be written (a read-only or missing folder, a full disk) is one error line, and no partial file."""
    from ..store.export import export

    store = _open(db, read_only=True)
    try:
        written = export(store, fmt, path)
    except FlashpointError as exc:
        report(exc)
        sys.exit(exc.exit_code)
    finally:
        store.close()
    for target in written:
        click.echo(str(target))
