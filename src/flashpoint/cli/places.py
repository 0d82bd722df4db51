"""``flashpoint places FILE...`` and ``flashpoint eval geo FILE.xml``: the geoparser on its own.

The lead attaches ``places_command`` to the ``flashpoint`` group and ``eval_geo_command`` to its ``eval`` subgroup.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Iterator

import click

from flashpoint.cli.common import report, verbose_option
from flashpoint.errors import FlashpointError
from flashpoint.ingest import ReadFailure, read_articles
from flashpoint.model import Article

logger = logging.getLogger(__name__)


def _good_articles(files, failures: list[ReadFailure]) -> Iterator[Article]:
    """The articles of ``files``; each file or line that cannot be read is reported on stderr, kept in
    ``failures``, and the batch goes on."""
    for item in read_articles(files):
        if isinstance(item, ReadFailure):
            report(item.error, item.origin)
            failures.append(item)
        else:
            yield item


@click.command("places")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@verbose_option()
def places_command(files, fmt, verbose):
    """Every toponym in the articles of FILES, resolved to GeoNames where possible (geonames_id null otherwise).

    A file or line that cannot be read is reported on stderr and skipped; the exit status is then non-zero.
    An article the geoparser fails on is a warning line (-v: and its traceback), and the batch goes on."""
    from flashpoint.evaluation.geo import load_pipeline
    from flashpoint.places import geoparse, load_gazetteer

    failures: list[ReadFailure] = []
    try:
        gaz = load_gazetteer()
        nlp = load_pipeline()
        if fmt == "table":
            click.echo(f"{'article':16s} {'start':>6s} {'end':>6s}  {'text':28s} {'geonames_id':>11s}  "
                       f"{'name':24s} {'admin1':8s} {'ctry':4s} {'precision':9s} {'score':>5s}")
        articles = ((a.text, a.id) for a in _good_articles(files, failures))
        for doc, aid in nlp.pipe(articles, as_tuples=True):
            try:
                toponyms = geoparse(doc, gazetteer=gaz)
            except Exception as exc:  # one bad article never stops the batch
                click.echo(f"warning: {aid}: geoparsing failed: {exc}", err=True)
                logger.debug("article %s: geoparsing failed", aid, exc_info=exc)
                continue
            for t in toponyms:
                _echo_toponym(aid, t, fmt)
    except FlashpointError as exc:
        click.echo(f"error {exc.code}: {exc}", err=True)
        sys.exit(exc.exit_code)
    if failures:
        sys.exit(max(f.error.exit_code for f in failures))


def _echo_toponym(aid: str, t, fmt: str) -> None:
    d = {"article_id": aid, **t.to_dict()}
    if fmt == "jsonl":
        click.echo(json.dumps(d, ensure_ascii=False))
    else:
        click.echo(f"{aid[:16]:16s} {t.start:6d} {t.end:6d}  {t.text[:28]:28s} {str(d['geonames_id']):>11s}  "
                   f"{str(d['name'])[:24]:24s} {str(d['admin1'] or ''):8s} {str(d['country'] or ''):4s} "
                   f"{str(d['precision'] or ''):9s} {t.score:5.2f}")


@click.command("geo")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, default=None, help="Evaluate only the first N articles.")
@click.option("--demonyms/--no-demonyms", default=True, show_default=True,
              help="Count demonyms the corpus annotates as toponyms (TR-News, GeoWebNews modifiers).")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def eval_geo_command(gold, limit, demonyms, as_json):
    """Score the geoparser on a GeoWebNews, TR-News or LGL gold XML file: toponym recall, exact GeoNames-id accuracy
    and accuracy within 161 km, over all gold toponyms (end-to-end) and over recognised ones, and for literal
    toponyms only."""
    from flashpoint.evaluation.geo import evaluate_file, format_report

    try:
        result = evaluate_file(gold, limit=limit, demonyms=demonyms)
    except FlashpointError as exc:
        click.echo(f"error {exc.code}: {exc}", err=True)
        sys.exit(exc.exit_code)
    click.echo(json.dumps(result, indent=2) if as_json else format_report(result))
