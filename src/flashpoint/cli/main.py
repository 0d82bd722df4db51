"""The ``flashpoint`` command: ``code``, ``places``, ``eval`` and ``settings``.

Every command reads articles with ``flashpoint.ingest.read_articles`` and codes them with
``flashpoint.coder.Coder``; a bad file or line is reported on stderr as one line (code, where, what was
expected) and the others are still coded; the exit status is non-zero when anything failed. Logs go to stderr
(WARNING; ``-v``: DEBUG, with the traceback of each article that failed).
"""

from __future__ import annotations

import json
import logging
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
from .serve import serve_command
from .spark import import_command, spark_group
from .store import event_command, events_command, export_command, ingest_command, undated_note
from .tables import aligned, event_table

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


EPILOG = """\b
Exit status:
  0    done
  1    a bug in Flashpoint (E000; -v shows the traceback)
  2    bad input or usage: a file, line, field, option or setting (E1xx, E200); nothing could be read
  3    some inputs failed, the others were processed (or a dictionary file is malformed, E300)
  4    the spaCy pipeline cannot be loaded (E400)
  5    the database cannot be used (E5xx)
  6    a Spark job cannot run: PySpark not installed, no Java, a failed job (E7xx)
  130  interrupted (Ctrl-C); 143: stopped (SIGTERM). ingest says what it stored first.

\b
Shell completion (bash; zsh and fish alike, with zsh_source / fish_source):
  eval "$(_FLASHPOINT_COMPLETE=bash_source flashpoint)"
"""


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.version_option(package_name="flashpoint")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Flashpoint: news articles -> coded, dated, evidenced political events (PLOVER and CAMEO)."""
    from ..settings import setting_errors

    setup_logging()
    if ctx.invoked_subcommand == "settings":
        return  # it shows every bad value in its table
    # Every FLASHPOINT_* override and the configuration file are checked before any work: a bad value read late
    # (the merge's windows, after a batch was coded) would stop a run half done.
    errors = setting_errors()
    for error in errors:
        report(error)
    if errors:
        ctx.exit(SettingError.exit_code)


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
            else:
                collected.append(record)
    if fmt == "json":
        click.echo(json.dumps(collected, ensure_ascii=False, indent=2))
    elif fmt == "table":  # aligned to the widest cell of every row, so printed once all are coded
        for line in event_table(collected):
            click.echo(line)
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
main.add_command(serve_command, "serve")
main.add_command(spark_group, "spark")
main.add_command(import_command, "import")


@main.command("settings")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="json: the config file and one object per setting (name, value, source, given, error, default, "
                   "help), for scripts.")
def settings_command(fmt: str) -> None:
    """Print the config file read, then every setting: its current value, where it came from (`default`,
    `env FLASHPOINT_<NAME>` or `config PATH`) and what it does. A command's option (--db, --batch-size) wins over
    the environment, which wins over the config file, which wins over the default. A bad value is shown as given
    and marked BAD, then reported on stderr (exit status 2)."""
    from ..settings import SETTINGS, config_file, resolve

    config = config_file()
    rows = [resolve(setting.name) for setting in SETTINGS]
    errors = config.errors()
    errors += [row.error for row in rows if row.error is not None and row.source.startswith("env ")]
    if fmt == "json":
        body = {"config": {"path": str(config.path) if config.path else None,
                           "looked_in": [str(place) for place in config.looked_in],
                           "named_by_variable": config.named},
                "settings": [{"name": row.setting.name, "value": row.setting.shown(row.value), "source": row.source,
                              "given": row.setting.shown(row.given), "error": str(row.error) if row.error else None,
                              "default": row.setting.default, "help": row.setting.help} for row in rows]}
        click.echo(json.dumps(body, indent=2, ensure_ascii=False, default=str))
    else:
        click.echo(config.describe())
        table = []
        for row in rows:
            if row.error is None:
                value = str(row.setting.shown(row.value))
            else:  # as given, when it was; an unreadable config file gave nothing to show
                value = f"{row.given!r} BAD" if row.given is not None else "BAD"
            table.append((row.setting.name, value, row.source, row.setting.help))
        for line in aligned(("setting", "value", "source", "what it does"), table):
            click.echo(line)
    for error in errors:
        report(error)
    if errors:
        sys.exit(SettingError.exit_code)
