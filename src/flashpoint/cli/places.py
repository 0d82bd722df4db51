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
@click.option("--demonyms/--no-demonyms", default=True, show_default=True,
              help='Also print demonyms and adjectives ("Syrian"), resolved to their country, with "kind": '
                   '"demonym" (place names have "kind": "name").')
@verbose_option()
def places_command(files, fmt, demonyms, verbose):
    """Every toponym in the articles of FILES, resolved to GeoNames where possible (geonames_id null otherwise).

    A file or line that cannot be read is reported on stderr and skipped; the exit status is then non-zero.
    An article the geoparser fails on is a warning line (-v: and its traceback), and the batch goes on."""
    from flashpoint.evaluation.geo import load_pipeline
    from flashpoint.places import load_gazetteer
    from flashpoint.places.records import place_records

    failures: list[ReadFailure] = []
    try:
        gaz = load_gazetteer()
        nlp = load_pipeline()
        if fmt == "table":
            click.echo(f"{'article':16s} {'start':>6s} {'end':>6s}  {'text':28s} {'geonames_id':>11s}  "
                       f"{'name':24s} {'admin1':8s} {'ctry':4s} {'precision':9s} {'score':>5s} kind")
        for record in place_records(_good_articles(files, failures), nlp=nlp, gazetteer=gaz, demonyms=demonyms,
                                    on_error=geoparse_warning):
            _echo_record(record, fmt)
    except FlashpointError as exc:
        click.echo(f"error {exc.code}: {exc}", err=True)
        sys.exit(exc.exit_code)
    if failures:
        sys.exit(max(f.error.exit_code for f in failures))


def geoparse_warning(aid: str, exc: Exception) -> None:
    """An article the geoparser failed on: a warning line on stderr (-v: and its traceback)."""
    click.echo(f"warning: {aid}: geoparsing failed: {exc}", err=True)
    logger.debug("article %s: geoparsing failed", aid, exc_info=exc)


def _echo_record(d: dict, fmt: str) -> None:
    if fmt == "jsonl":
        click.echo(json.dumps(d, ensure_ascii=False))
    else:
        click.echo(f"{d['article_id'][:16]:16s} {d['start']:6d} {d['end']:6d}  {d['text'][:28]:28s} "
                   f"{str(d['geonames_id']):>11s}  {str(d['name'])[:24]:24s} {str(d['admin1'] or ''):8s} "
                   f"{str(d['country'] or ''):4s} {str(d['precision'] or ''):9s} {d['score']:5.2f} {d['kind']}")


@click.command("geo")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--from", "start", type=int, default=0, show_default=True, help="First article (file order, from 0).")
@click.option("--to", "stop", type=int, default=None, help="Stop before this article (default: the last).")
@click.option("--demonyms/--no-demonyms", default=True, show_default=True,
              help="Score what `flashpoint places` prints with the same flag.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def eval_geo_command(gold, start, stop, demonyms, as_json):
    """Score what `flashpoint places` prints for the articles of a GeoWebNews, TR-News or LGL gold XML file, by
    the rules of ../shared/eval/score_geo.py: exact GeoNames id (over gold toponyms with an id), within 161 km
    (over gold toponyms with a point), right-id-or-161km and recall (over all gold toponyms), precision (over the
    printed records). --from/--to take the same slice as score_geo.py's."""
    from flashpoint.evaluation.geo import evaluate_file, format_report

    try:
        result = evaluate_file(gold, start=start, stop=stop, demonyms=demonyms, on_error=geoparse_warning)
    except FlashpointError as exc:
        click.echo(f"error {exc.code}: {exc}", err=True)
        sys.exit(exc.exit_code)
    click.echo(json.dumps(result, indent=2) if as_json else format_report(result))
