"""``flashpoint spark code``, ``flashpoint spark merge`` and ``flashpoint import``: the scale path from the shell.

Thin shells over :mod:`flashpoint.spark`: PySpark is imported only when a Spark command runs, so the CLI starts
without the extra, and a missing extra is one error line naming the fix (E701, exit status 6). Failures of input
rows are printed one line each (the first ``SHOWN_FAILURES``; all are in the output's ``failures`` table) and the
exit status is 3 when some rows failed and others were coded, 2 when none could be coded.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import FlashpointError, InputError, SettingError
from .common import EXIT_PARTIAL, iso_date, report, verbose_option

SHOWN_FAILURES = 20

_MASTER_HELP = ("Spark master: local[2], spark://HOST:7077, yarn... (default: spark-submit's, else local[*], all "
                "cores of this machine).")


def _local_path(path: str) -> Path | None:
    if "://" not in path:
        return Path(path)
    return Path(path[len("file://"):]) if path.startswith("file://") else None


def _absolute(path: str) -> str:
    """A local path made absolute (the merge records where its input is, for ``import``); a URI as it is."""
    local = _local_path(path)
    return str(local.resolve()) if local is not None else path


def _output_mode(output: str, force: bool) -> str:
    """Spark's write mode for ``output``; a local folder that exists is refused without ``--force`` and, with it,
    removed first (so no table of an earlier run is left beside the new ones)."""
    local = _local_path(output)
    if local is not None and local.exists():
        if not force:
            raise SettingError("exists; give --force to replace it, or another --output", where=output)
        if local.is_dir():
            shutil.rmtree(local)
        else:
            local.unlink()
    return "overwrite" if force else "errorifexists"


def _fail(exc: FlashpointError) -> None:
    report(exc)
    sys.exit(exc.exit_code)


@click.group("spark")
def spark_group() -> None:
    """Code and merge a large corpus on Spark (the spark extra: pip install 'flashpoint[spark]'), then load the
    result with `flashpoint import`."""


@spark_group.command("code")
@click.option("--input", "input_path", required=True, metavar="PATH",
              help="Articles: a .jsonl or .parquet file, a folder of them, or any URI Spark reads (s3a://, hdfs://).")
@click.option("--output", required=True, metavar="PATH", help="Folder to write the Parquet tables into.")
@click.option("--master", default=None, help=_MASTER_HELP)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default=None,
              help="Input format (default: from the file names).")
@click.option("--published", callback=iso_date, metavar="YYYY-MM-DD",
              help="Publication date for articles that carry none.")
@click.option("--force", is_flag=True, help="Replace the output folder if it exists.")
@verbose_option()
def spark_code_command(input_path: str, output: str, master: str | None, fmt: str | None, published: Any,
                       force: bool, verbose: bool) -> None:
    """Code the articles at --input on Spark into article-level events and mentions (Parquet, by publication
    date) in --output: the same coder as `ingest`, one spaCy pipeline per executor worker."""
    from ..ingest.readers import plausible_published
    from ..spark.session import require_pyspark, spark_session

    try:
        require_pyspark()
        if published is not None and not plausible_published(published):
            raise SettingError(f"bad value {published.isoformat()}; expected the day the articles were published, "
                               "not before 1900 nor after today", where="--published")
        from ..spark.code import code_corpus
        from ..spark.read import input_format

        fmt = input_format(_absolute(input_path), fmt)  # a missing input is refused before Spark starts
        mode = _output_mode(output, force)
        with spark_session(master, app_name="flashpoint spark code") as spark:
            summary = code_corpus(spark, _absolute(input_path), _absolute(output), fmt=fmt, published=published,
                                  mode=mode, keep_failures=SHOWN_FAILURES)
    except FlashpointError as exc:
        _fail(exc)
    for origin, code, message in summary.failures:
        click.echo(f"error {code}: {origin}: {message}", err=True)
    if summary.failed > len(summary.failures):
        click.echo(f"... and {summary.failed - len(summary.failures)} more failure(s), all in "
                   f"{output.rstrip('/')}/failures", err=True)
    extra = "".join(part for part in (
        f", {summary.duplicates} duplicate(s)" if summary.duplicates else "",
        f", {summary.revisions} earlier version(s) replaced" if summary.revisions else "",
        f", {summary.repeats} repeat(s) skipped" if summary.repeats else ""))
    click.echo(f"coded {summary.coded} article(s) into {summary.events} article event(s) and {summary.mentions} "
               f"mention(s), failed {summary.failed}{extra}; wrote {output}", err=True)
    if summary.failed:
        sys.exit(EXIT_PARTIAL if summary.coded else InputError.exit_code)


@spark_group.command("merge")
@click.option("--input", "input_path", required=True, metavar="PATH", help="The --output of `flashpoint spark code`.")
@click.option("--output", required=True, metavar="PATH", help="Folder to write the merged events into.")
@click.option("--master", default=None, help=_MASTER_HELP)
@click.option("--force", is_flag=True, help="Replace the output folder if it exists.")
@verbose_option()
def spark_merge_command(input_path: str, output: str, master: str | None, force: bool, verbose: bool) -> None:
    """Merge the article events of a `spark code` output across articles, with the store's rule (the merge_*
    settings), into events in --output."""
    from ..spark.session import require_pyspark, spark_session

    try:
        require_pyspark()
        from ..spark.merge import merge_coded

        local = _local_path(input_path)
        if local is not None:
            from ..spark.layout import read_manifest

            if read_manifest(str(local))["kind"] != "coded":
                raise InputError("is a merge output; expected the --output of `flashpoint spark code`",
                                 where=input_path)
        mode = _output_mode(output, force)
        with spark_session(master, app_name="flashpoint spark merge") as spark:
            summary = merge_coded(spark, _absolute(input_path), _absolute(output), mode=mode)
    except FlashpointError as exc:
        _fail(exc)
    click.echo(f"merged {summary['units']} article event(s) into {summary['events']} event(s) "
               f"({summary['compatible_pairs']} compatible pair(s) of {summary['candidate_pairs']} compared, "
               f"{summary['components']} component(s), {summary['rounds']} round(s)); wrote {output}", err=True)


@click.command("import")
@click.argument("path", type=click.Path(readable=False))
@click.option("--db", "db", metavar="PATH", default=None,
              help="A new database file (default: the `db` setting, else flashpoint.duckdb in the user's data "
                   "folder).")
@click.option("--coded", metavar="PATH", default=None,
              help="The `spark code` output a merge was made from, if it moved since (default: the one the merge "
                   "names).")
@verbose_option()
def import_command(path: str, db: str | None, coded: str | None, verbose: bool) -> None:
    """Load a `flashpoint spark merge` output (or a `spark code` output, merged here as `ingest` merges) into a
    new event database, for `events`, `event`, `dyad`, `alerts` and `serve`. Needs no Spark."""
    from ..spark.load import import_output
    from .store import _db_path

    try:
        target = _db_path(db, for_writing=True)
        done = import_output(os.path.abspath(path), target, coded=os.path.abspath(coded) if coded else None)
    except FlashpointError as exc:
        _fail(exc)
    click.echo(f"imported {done['articles']} article(s), {done['article_events']} article event(s) and "
               f"{done['events']} event(s) (merged by {done['merged_by']}), {done['failures']} failure(s); "
               f"{target}", err=True)
