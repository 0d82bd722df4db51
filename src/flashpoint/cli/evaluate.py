"""``flashpoint eval seed`` and ``flashpoint eval plover-gsr``: the coder scored against gold data.

The gold files are the user's (the project's own live in ``../shared/data``); the package never reads them
unless asked to here.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from ..errors import FlashpointError
from .common import report


def _fail(exc: FlashpointError) -> None:
    report(exc)
    sys.exit(exc.exit_code)


def code_seed(gold_path: Path, article_path: Path | None = None) -> tuple[list[dict], str]:
    """Code the article a seed gold file names (``article.file``, beside it) at its ``published`` date."""
    from ..coder import Coder
    from ..errors import UnreadableInput
    from ..evaluation.seed import read_seed_gold
    from ..ingest import ReadFailure, read_articles

    gold = read_seed_gold(gold_path)
    path = article_path or (gold_path.parent / gold.article.file if gold.article.file else None)
    if path is None:
        raise UnreadableInput("the gold file names no article.file; expected --article FILE", where=str(gold_path))
    published = dt.date.fromisoformat(gold.article.published) if gold.article.published else None
    items = list(read_articles([path], published=published))
    for item in items:
        if isinstance(item, ReadFailure):
            raise item.error
    coder = Coder()
    events = [e.to_dict() for article in items for e in coder.code(article)]
    return events, items[0].text


@click.command("seed")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--article", "article_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The article to code (default: article.file in the gold file, beside it).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def eval_seed_command(gold, article_path, as_json):
    """Code the article of a seed gold file (like ../shared/data/seed/expected.yaml) and check every gold event,
    field and must_not line; exit status 1 when any check fails."""
    from ..evaluation.seed import evaluate_seed, format_seed_report

    try:
        events, text = code_seed(gold, article_path)
        result = evaluate_seed(gold, events, text)
    except FlashpointError as exc:
        _fail(exc)
    click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if as_json else format_seed_report(result))
    sys.exit(0 if result.passed else 1)


def sentence_coder():
    """A callable text -> event dicts (every status), sharing one loaded Coder."""
    from ..coder import Coder
    from ..model import Article

    coder = Coder()

    def code_sentence(text: str) -> list[dict]:
        # The gold codes one event per sentence, its main one: asserted events first, then the one whose
        # trigger stands highest in the parse ("said", "agreed" over what they govern).
        events = coder.code(Article.from_text(text))
        events.sort(key=lambda e: (e.status != "asserted", min(m.depth for m in e.mentions), e.mentions[0].start))
        return [e.to_dict() for e in events]

    return code_sentence


@click.command("plover-gsr")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--limit", type=int, default=None, help="Score only the first N gold records.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def eval_gsr_command(gold, limit, as_json):
    """Score event type, actor country and sector and recipient country on the PLOVER gold-standard records
    (DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT)."""
    from ..evaluation.plover_gsr import evaluate_plover_gsr, format_gsr_report

    try:
        result = evaluate_plover_gsr(gold, sentence_coder(), limit=limit)
    except FlashpointError as exc:
        _fail(exc)
    click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if as_json else format_gsr_report(result))
