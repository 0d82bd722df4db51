"""The ``flashpoint`` command: ``code``, ``places``, ``eval`` and ``settings``.

Every command reads articles with ``flashpoint.ingest.read_articles`` and codes them with
``flashpoint.coder.Coder``; a bad file or line is reported on stderr as one line (code, where, what was
expected) and the others are still coded; the exit status is non-zero when anything failed. Logs go to stderr
(WARNING; ``-v``: DEBUG, with the traceback of each article that failed).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from importlib import resources
from pathlib import Path

import click

from ..errors import FlashpointError, InputError, SettingError
from .common import EXIT_PARTIAL, iso_date, report, setup_logging, verbose_option
from .analyse import alerts_command, dyad_command
from .evaluate import eval_gsr_command, eval_seed_command
from .petrarch import eval_petrarch_command
from .places import eval_geo_command, places_command
from .store import event_command, events_command, export_command, ingest_command, undated_note

HIDDEN_BY_DEFAULT = ("hypothetical", "negated", "background")

logger = logging.getLogger(__name__)


def sample_path() -> Path:
    """The bundled sample articles (written for Flashpoint; not gold data)."""
    return Path(str(resources.files("flashpoint") / "data" / "samples" / "sample.jsonl"))


class _Commands(click.Group):
    """The ``flashpoint`` group: an error of Flashpoint's that a command did not catch itself (a setting read late,
    deep in a library call) is still one ``error`` line and its exit status, and so is a bug (E000, exit status 1;
    ``-v`` adds its traceback): no traceback reaches the user."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise  # click's own ending: a usage error, an exit status, Ctrl-C, a reader that closed the pipe
        except FlashpointError as exc:
            report(exc)
            ctx.exit(exc.exit_code)
        except Exception as exc:  # noqa: BLE001 - a bug: one line, not a traceback (the context is still open: -v)
            error = FlashpointError(f"internal error ({type(exc).__name__}: {exc}); a bug in Flashpoint: run the "
                                    "command again with -v for the traceback, and report it")
            error.__cause__ = exc
            report(error, ctx.invoked_subcommand)
            ctx.exit(error.exit_code)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="flashpoint")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Flashpoint: news articles -> coded, dated, evidenced political events (PLOVER and CAMEO)."""
    from ..settings import setting_errors

    setup_logging()
    if ctx.invoked_subcommand == "settings":
        return  # it shows every bad value in its table
    # Every FLASHPOINT_* override is checked before any work: a bad one read late (the merge's windows, after a
    # batch was coded) would stop a run half done.
    errors = setting_errors()
    for error in errors:
        report(error)
    if errors:
        ctx.exit(SettingError.exit_code)


def _evidence(sentence: str, trigger: str, width: int = 90) -> str:
    text = " ".join(sentence.split())
    at = text.find(trigger.split()[0]) if trigger else -1
    if len(text) <= width:
        return text
    start = max(0, min(at - width // 3, len(text) - width)) if at >= 0 else 0
    return ("…" if start else "") + text[start:start + width] + "…"


def _actors(actors: list[dict]) -> str:
    return ",".join(a.get("name") if a.get("id") and a.get("name") and not a.get("country") else a["code"] or "?"
                    for a in actors) or "-"


def _table_line(event: dict) -> str:
    place = event["location"]
    where = (place.get("admin1") or place.get("country")) if place else "-"
    kind = event["event"] + (f"/{event['mode']}" if event["mode"] else "")
    first = event["mentions"][0]
    status = "" if event["status"] == "asserted" else f" [{event['status']}]"
    return (f"{event['date'] or '-':10s} {kind:24s} {event['cameo']:5s} {_actors(event['actors']):>18s} -> "
            f"{_actors(event['recipients']):18s} {where:8s} x{event['num_mentions']}{status}  "
            f"\"{_evidence(first['sentence'], first['trigger'])}\"")


@main.command("code")
# readable=False: an unreadable file (or a folder) is that input's failure, reported by the reader while the others
# are coded, not a usage error that stops the whole run before it starts
@click.argument("files", nargs=-1, type=click.Path(readable=False, allow_dash=True))
@click.option("--published", callback=iso_date, metavar="YYYY-MM-DD",
              help="Publication date for articles that carry none (relative dates count from it).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Also show hypothetical, negated and background events.")
@click.option("--sample", is_flag=True, help="Code the bundled sample articles.")
@click.option("--dictionaries", "dictionaries", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder of extra dictionaries: Flashpoint TSVs and/or PETRARCH2 .actors/.agents/.verbs/.discards "
                   "files, loaded alongside the built-ins (default: the dictionaries setting).")
@click.option("--dictionaries-only", "dictionaries_only", is_flag=True,
              help="Use the folder's PETRARCH verbs, actors and agents instead of Flashpoint's triggers and "
                   "actor names.")
@verbose_option()
def code_command(files, published, fmt, show_all, sample, dictionaries, dictionaries_only, verbose):
    """Code the articles in FILES (.txt, .html, .jsonl, or - for stdin) into events."""
    from ..coder import Coder
    from ..ingest import ReadFailure, read_articles

    paths = list(files) + ([str(sample_path())] if sample else [])
    if not paths:
        raise click.UsageError("give at least one FILE (or - for stdin, or --sample)")
    try:
        coder = Coder(dictionaries=dictionaries, dictionaries_only=dictionaries_only)
    except FlashpointError as exc:
        report(exc)
        sys.exit(exc.exit_code)
    for warning in coder.dictionary_warnings:
        click.echo(f"warning: {warning}", err=True)
    failed = 0
    collected: list[dict] = []
    articles = []
    for item in read_articles(paths, published=published):
        if isinstance(item, ReadFailure):
            report(item.error, item.origin)
            failed += 1
        else:
            articles.append(item)
    logger.info("coding %d article(s) with %s", len(articles), coder.name)
    undated_note(sum(article.published is None for article in articles))
    for result in coder.code_many(articles):
        if result.error is not None:
            report(result.error, result.article.origin or result.article.id)
            failed += 1
            continue
        logger.debug("%s: %d event(s)", result.article.origin or result.article.id, len(result.events))
        sources = {result.article.id: result.article.source}
        for event in result.events:
            if event.status in HIDDEN_BY_DEFAULT and not show_all:
                continue
            record = event.to_dict(sources=sources)
            if fmt == "jsonl":
                click.echo(json.dumps(record, ensure_ascii=False))
            elif fmt == "table":
                click.echo(_table_line(record))
            else:
                collected.append(record)
    if fmt == "json":
        click.echo(json.dumps(collected, ensure_ascii=False, indent=2))
    if failed:
        click.echo(f"{failed} input(s) failed; the others were coded", err=True)
        sys.exit(EXIT_PARTIAL if articles else InputError.exit_code)


@main.group("eval")
def eval_group() -> None:
    """Score Flashpoint against gold data."""


eval_group.add_command(eval_geo_command, "geo")
eval_group.add_command(eval_seed_command, "seed")
eval_group.add_command(eval_gsr_command, "plover-gsr")
eval_group.add_command(eval_petrarch_command, "petrarch")
main.add_command(places_command, "places")
main.add_command(ingest_command, "ingest")
main.add_command(events_command, "events")
main.add_command(event_command, "event")
main.add_command(export_command, "export")
main.add_command(dyad_command, "dyad")
main.add_command(alerts_command, "alerts")


@main.command("settings")
def settings_command() -> None:
    """Print every setting, its current value and what it does (FLASHPOINT_<NAME> overrides). A bad override is
    shown as given and marked BAD, then reported on stderr (exit status 2)."""
    from ..settings import SETTINGS, get_setting

    errors = []
    for setting in SETTINGS:
        try:
            value = str(get_setting(setting.name))
        except SettingError as exc:
            errors.append(exc)
            value = f"{os.environ[setting.env]!r} BAD"
        click.echo(f"{setting.name:18s} {value:26s} {setting.help}")
    for error in errors:
        report(error)
    if errors:
        sys.exit(SettingError.exit_code)
