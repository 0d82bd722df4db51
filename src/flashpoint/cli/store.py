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
from .names import build_event_query, event_filter_options, matched_line
from .tables import actor_codes, event_table

logger = logging.getLogger(__name__)


def _db_option(function: Any) -> Any:
    return click.option("--db", "db", metavar="PATH", default=None,
                        help="Database file (default: the `db` setting, else flashpoint.duckdb in the user's "
                             "data folder; `flashpoint settings` shows which).")(function)


def _db_path(db: str | None, *, for_writing: bool = False) -> str:
    """The database file: ``--db``, else the ``db`` setting (FLASHPOINT_DB, then the config file), else
    flashpoint.duckdb in the user's data folder. ``~`` is the home folder (no shell expands a config file's value).
    For writing, the default's data folder is created; a folder the user named must exist (a typo in it is refused
    by the store, not created)."""
    import os

    from ..errors import StoreError
    from ..settings import default_database, get_setting

    path = os.path.expanduser(db or str(get_setting("db")))
    folder = Path(path).parent
    if for_writing and Path(path) == default_database() and not folder.is_dir():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the data folder {str(folder)!r} ({exc.strerror}); give --db, or set the "
                             "db setting", where=path) from None
    return path


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


class _Stopped(BaseException):
    """SIGTERM, raised in the main thread like Ctrl-C's KeyboardInterrupt, so the run ends the same way (a
    BaseException, as KeyboardInterrupt is: no ``except Exception`` on the way may take it for an error)."""


def _interruption(exc: BaseException) -> str | None:
    """How a run was interrupted, or None when ``exc`` is no interruption. DuckDB turns a Ctrl-C that lands in one of
    its calls into its own exception."""
    import duckdb

    if isinstance(exc, _Stopped):
        return "interrupted (SIGTERM)"
    if isinstance(exc, (KeyboardInterrupt, duckdb.InterruptException)) or (
            isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower()):
        return "interrupted (Ctrl-C)"
    return None


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
@click.option("--quiet", "-q", is_flag=True, help="No progress and no summary on stderr; errors only.")
@verbose_option(help="One line on stderr per stored article; DEBUG logs, with each failed article's traceback.")
def ingest_command(sources, db, published, strict, n_process, batch_size, no_fetch, quiet, verbose):
    """Read SOURCES (files, folders, RSS/Atom feed files or URLs), code new articles, store and merge events.

    Articles already in the database are skipped; a new text of a stored article (the same id, or the same URL:
    an edited page) replaces it, and the same text under another id is recorded as a duplicate, not counted
    twice. Articles are written in batches, each in one transaction, and the database is held only while a
    batch is written: other commands can read it meanwhile, and an interrupted run can simply be run again."""
    import signal

    from ..ingest.feeds import FEED_SUFFIXES, is_url, read_sources
    from ..settings import get_setting

    path = _db_path(db, for_writing=True)
    started = time.monotonic()
    try:
        run = _Ingest(path, strict=strict, verbose=verbose)
    except FlashpointError as exc:
        report(exc)
        sys.exit(exc.exit_code)
    size = batch_size or int(get_setting("batch_size"))

    signalled: list[int] = []

    def stop(signum: int, frame: Any) -> None:
        # the first Ctrl-C or SIGTERM ends the run; one more while it ends (a key held down, a supervisor
        # repeating itself) must not cut short the last write and the summary
        if signalled:
            return
        signalled.append(signum)
        raise _Stopped() if signum == signal.SIGTERM else KeyboardInterrupt()

    previous = signal.signal(signal.SIGTERM, stop)
    previous_int = signal.signal(signal.SIGINT, stop)
    interrupted = None
    try:
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

                with _Progress(count_articles(sources), quiet=quiet) as progress:
                    for result in coder.code_many(stream(), batch_size=size, n_process=n_process):
                        run.add(result, size)
                        progress.advance()
            run.write()
        except FlashpointError as exc:
            report(exc)
            run.summary(time.monotonic() - started, interrupted="stopped")
            sys.exit(exc.exit_code)
        except BaseException as exc:  # noqa: BLE001 - only interruptions are handled; anything else goes on up
            interrupted = _interruption(exc)
            if interrupted is None:
                raise
            signalled.append(0)  # from here on every signal is ignored by stop()
            try:
                run.write()  # what was coded before the signal is kept
            except FlashpointError as error:
                report(error)
        if not quiet or interrupted:
            run.summary(time.monotonic() - started, interrupted=interrupted)
        if interrupted:
            sys.exit(130 if "Ctrl-C" in interrupted else 143)
        stats = run.stats
        if stats["failed"]:
            sys.exit(EXIT_PARTIAL if stats["coded"] or stats["seen"] or stats["duplicates"] else InputError.exit_code)
    finally:  # the handlers stay until the summary is out: a late signal must not cut it
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)


PROGRESS_EVERY = 100  # articles between two progress lines when stderr is not a terminal (a log, a CI job)


def count_articles(sources: tuple[str, ...]) -> int | None:
    """How many articles SOURCES hold, when that is cheap to know: a JSONL file's non-blank lines, one per other
    article file, the same down a folder; None when a source is a feed, a URL or standard input."""
    from ..ingest.feeds import ARTICLE_SUFFIXES, FEED_SUFFIXES, is_url

    def of_file(path: Path) -> int | None:
        suffix = path.suffix.lower()
        if suffix in FEED_SUFFIXES:
            return None
        if suffix in (".jsonl", ".ndjson"):
            try:
                with open(path, "rb") as handle:
                    return sum(1 for line in handle if line.strip())
            except OSError:
                return 1  # counted as the one failure it will be
        return 1

    total = 0
    for source in sources:
        if source == "-" or is_url(source):
            return None
        path = Path(source)
        files = [path] if not path.is_dir() else [
            p for p in sorted(path.rglob("*")) if p.suffix.lower() in ARTICLE_SUFFIXES | FEED_SUFFIXES
            and not p.name.startswith(".") and p.is_file()]
        for file in files:
            n = of_file(file)
            if n is None:
                return None
            total += n
    return total


class _Progress:
    """Progress of a long run on stderr: on a terminal a rich bar with the total and the time left (when the total
    is known) and articles/s; elsewhere one line every PROGRESS_EVERY articles; nothing when ``quiet``."""

    def __init__(self, total: int | None, *, quiet: bool) -> None:
        from rich.console import Console

        self.total, self.quiet, self.done = total, quiet, 0
        self.console = Console(stderr=True)
        self.started = time.monotonic()
        self.bar: Any = None

    def __enter__(self) -> "_Progress":
        if self.quiet or not self.console.is_terminal:
            return self
        from rich.progress import (BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                return Text(f"{task.speed or 0:.1f} articles/s")

        columns = [SpinnerColumn(), TextColumn("coding {task.completed}" + (f"/{self.total}" if self.total else "")
                                               + " articles"), Rate(), TimeElapsedColumn()]
        if self.total:
            columns[2:2] = [BarColumn(), TimeRemainingColumn()]
        self.bar = Progress(*columns, console=self.console, transient=True)
        self.bar.__enter__()
        self.task = self.bar.add_task("coding", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def advance(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.advance(self.task)
        elif not self.quiet and self.done % PROGRESS_EVERY == 0:
            elapsed = time.monotonic() - self.started
            rate = self.done / elapsed if elapsed > 0 else 0.0
            line = f"progress: {self.done}"
            if self.total:
                left = (self.total - self.done) / rate if rate > 0 else 0
                line += f"/{self.total} articles ({100 * self.done / self.total:.0f}%), {rate:.1f}/s, " \
                        f"about {_duration(left)} left"
            else:
                line += f" articles, {rate:.1f}/s"
            click.echo(line, err=True)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


# ------------------------------------------------------------------------------------------------ events

CSV_COLUMNS = ("id", "date", "date_precision", "event", "mode", "cameo", "quad", "goldstein", "status", "actors",
               "recipients", "place", "country", "admin1", "lat", "lon", "num_mentions", "num_articles",
               "num_sources", "coder", "evidence")


def _codes(actors: list[dict]) -> str:
    return actor_codes(actors)  # one separator in tables, CSV and exports: ACTOR_SEPARATOR, ";"


def _flat(event: dict) -> dict:
    place = event["location"] or {}
    first = event["mentions"][0] if event["mentions"] else {}
    return {**{k: event[k] for k in ("id", "date", "date_precision", "event", "mode", "cameo", "quad", "goldstein",
                                     "status", "num_mentions", "num_articles", "num_sources", "coder")},
            "actors": _codes(event["actors"]), "recipients": _codes(event["recipients"]),
            "place": place.get("name"), "country": place.get("country"), "admin1": place.get("admin1"),
            "lat": place.get("lat"), "lon": place.get("lon"), "evidence": first.get("sentence")}


@click.command("events")
@_db_option
@event_filter_options
@click.option("--limit", type=click.IntRange(min=0, max=2**63 - 1), default=None,  # DuckDB's LIMIT is a BIGINT
              help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
def events_command(db, filters, limit, fmt):
    """Query the stored events (merged across articles, with counts of mentions, articles and sources).

    Filters take codes or names in any case: --actor pak, --country Iran, --admin1 Balochistan, --event attack
    (or 190, or 19 for every CAMEO 19x code). An unknown name is one error naming the closest ones (exit status 2).
    How many events matched goes to stderr, in every format."""
    store = _open(db, read_only=True)
    try:
        query = build_event_query(filters, store=store, limit=limit)
        events = store.events(query)
        matched = matched_line(store, query, len(events))
    except FlashpointError as exc:
        report(exc)
        sys.exit(exc.exit_code)
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
        for line in event_table(events):
            click.echo(line)
    click.echo(matched, err=True)


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
@click.argument("path", type=click.Path(dir_okay=True, file_okay=True, allow_dash=True))
@_db_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "gdelt", "polecat"]), required=True,
              help="parquet/csv: a folder with events and mentions; gdelt/polecat: one tab-separated file. "
                   "PATH - writes to standard output (csv: the events table).")
@event_filter_options
@click.option("--force", is_flag=True, help="Overwrite files that exist.")
def export_command(path, db, fmt, force, filters):
    """Export the stored events to PATH (its folder must exist): the events `flashpoint events` would list with the
    same filters (asserted ones unless --all, which adds a status column: csv and parquet). Each file is written
    whole or not at all: a file that cannot be written (a read-only or missing folder, a full disk) is one error
    line, and no partial file; an existing file is kept unless --force."""
    from ..store.export import export

    store = _open(db, read_only=True)
    try:
        query = build_event_query(filters, store=store)
        written = export(store, fmt, path, query=query, force=force, stdout=click.get_text_stream("stdout"))
        click.echo(matched_line(store, query, len(store.event_ids(query))), err=True)
    except FlashpointError as exc:
        report(exc)
        sys.exit(exc.exit_code)
    finally:
        store.close()
    for target in written:
        click.echo(str(target), err=True)
