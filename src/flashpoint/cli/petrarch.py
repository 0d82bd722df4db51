"""``flashpoint eval petrarch``: PETRARCH's unit-test suite, coded by Flashpoint with the PETRARCH dictionaries
the suite is written for (``PETR.Validate.*`` beside it)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import FlashpointError
from .evaluate import _fail


def format_petrarch_report(report, *, verbose: bool = False) -> str:
    lines = [
        f"PETRARCH unit-test records: {report.sentences} sentences, {report.expected_triples} expected "
        f"(source, target, event) triples (file sha256 {report.checksum})",
        f"  expected triples found:   {report.found:6.1%}",
        f"  extra triples produced:   {report.extra:6.1%} of {report.produced_triples}",
        f"  no-event sentences kept empty: {report.no_event_respected:6.1%} of {report.no_event_sentences}",
    ]
    if verbose:
        for result in report.results:
            missing = [t for t in result.record.expected if t not in result.produced]
            extra = [t for t in result.produced if t not in result.record.expected]
            if missing or extra or (result.record.no_events and result.produced):
                lines.append(f"{result.record.id}: missing {missing} extra {extra} | {result.record.text[:100]}")
    return "\n".join(lines)


@click.command("petrarch")
@click.argument("records", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dictionaries", "folder", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Folder of PETRARCH dictionaries (default: the records file's folder). Where it "
                                 "holds the suite's own PETR.Validate.* files, only those are loaded.")
@click.option("--every-file", is_flag=True,
              help="Load every dictionary file in the folder, not only the suite's PETR.Validate.* ones.")
@click.option("--alongside", is_flag=True,
              help="Keep Flashpoint's own triggers too (default: the PETRARCH verbs only, as the suite expects).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="List every record with a missing or extra triple.")
def eval_petrarch_command(records, folder, every_file, alongside, fmt, verbose):
    """Code the sentences of a PETRARCH validation file (PETR.UnitTest.records.xml) and compare the
    (source, target, event) triples produced with the expected ones."""
    import tempfile

    from ..coder import Coder
    from ..evaluation.petrarch import evaluate

    try:
        folder = folder if folder is not None else records.parent
        suite = [folder / f"PETR.Validate.{kind}.txt" for kind in ("actors", "agents", "verbs", "discards")]
        if not every_file and any(path.exists() for path in suite):
            # the suite is written for its own dictionaries, not for every PETRARCH file that sits beside them
            tmp = Path(tempfile.mkdtemp(prefix="flashpoint-petr-"))
            for source in suite:
                if source.exists():
                    (tmp / source.name).symlink_to(source.resolve())
            click.echo(f"dictionaries: the suite's PETR.Validate.* files in {folder} (--every-file for all)",
                       err=True)
            folder = tmp
        coder = Coder(dictionaries=folder, dictionaries_only=not alongside)
        for warning in coder.dictionary_warnings:
            click.echo(f"warning: {warning}", err=True) if verbose else None
        if coder.dictionary_warnings:
            click.echo(f"{len(coder.dictionary_warnings)} dictionary line(s) skipped (-v lists them)", err=True)
        report = evaluate(records, coder)
    except FlashpointError as exc:
        _fail(exc)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict()))
    else:
        click.echo(format_petrarch_report(report, verbose=verbose))
