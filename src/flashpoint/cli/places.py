"""``flashpoint places FILE...`` and ``flashpoint eval geo FILE.xml``: the geoparser on its own.

The lead attaches ``places_command`` to the ``flashpoint`` group and ``eval_geo_command`` to its ``eval`` subgroup.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from flashpoint.errors import FlashpointError, MalformedRecord, UnreadableInput


def _read_articles(paths):
    """(article id, text) from .txt files (one article each) and .jsonl files (one {"id"?, "text"} per line).

    TODO(lead): replace with ``flashpoint.ingest.read_articles(paths)`` once it exists."""
    from flashpoint.model import article_id_for

    for path in paths:
        p = Path(path)
        try:
            raw = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UnreadableInput(f"cannot read: {exc}", where=str(p)) from exc
        if p.suffix == ".jsonl":
            for n, line in enumerate(raw.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise MalformedRecord(f"not JSON: {exc.msg}", where=f"{p}:{n}") from exc
                text = rec.get("text") if isinstance(rec, dict) else None
                if not isinstance(text, str):
                    raise MalformedRecord('expected an object with a "text" string', where=f"{p}:{n}")
                yield str(rec.get("id") or article_id_for(text, rec.get("url"))), text
        else:
            yield article_id_for(raw), raw


@click.command("places")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
def places_command(files, fmt):
    """Every toponym in the articles of FILES, resolved to GeoNames where possible (geonames_id null otherwise)."""
    from flashpoint.evaluation.geo import load_pipeline
    from flashpoint.places import geoparse, load_gazetteer

    try:
        gaz = load_gazetteer()
        nlp = load_pipeline()
        articles = list(_read_articles(files))
    except FlashpointError as exc:
        click.echo(f"error {exc.code}: {exc}", err=True)
        sys.exit(exc.exit_code)
    if fmt == "table":
        click.echo(f"{'article':16s} {'start':>6s} {'end':>6s}  {'text':28s} {'geonames_id':>11s}  {'name':24s} "
                   f"{'admin1':8s} {'ctry':4s} {'precision':9s} {'score':>5s}")
    for (aid, _), doc in zip(articles, nlp.pipe(text for _, text in articles)):
        try:
            toponyms = geoparse(doc, gazetteer=gaz)
        except Exception as exc:  # one bad article never stops the batch
            click.echo(f"warning: {aid}: geoparsing failed: {exc}", err=True)
            continue
        for t in toponyms:
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
