"""What ``flashpoint places`` prints, as one library function that ``flashpoint eval geo`` runs too.

    for record in place_records(articles, nlp=nlp, gazetteer=gaz):   # articles: flashpoint.model.Article
        print(json.dumps(record))

One record per toponym: ``article_id`` and ``Toponym.to_dict()`` (offsets, GeoNames id, point, ``kind``: ``"name"``
for a place name, ``"demonym"`` for a demonym or adjective, "Syrian", resolved to its country). The eval scores
exactly these records, so what it reports is what a user gets.
"""

from __future__ import annotations

import logging
from typing import Callable, Iterable, Iterator

from flashpoint.model import Article

logger = logging.getLogger(__name__)


def place_records(articles: Iterable[Article], *, nlp, gazetteer, demonyms: bool = True, batch_size: int = 16,
                  on_error: Callable[[str, Exception], None] | None = None) -> Iterator[dict]:
    """The toponym records of ``articles``, article by article, in text order.

    ``nlp``: the pipeline of ``flashpoint.evaluation.geo.load_pipeline``. ``demonyms``: also the demonyms and
    adjectives ("Russian"), with ``"kind": "demonym"``. ``on_error(article_id, exc)``: called for an article the
    geoparser fails on, and the batch goes on; None re-raises.
    """
    from flashpoint.places import geoparse  # looked up at call time: tests replace it

    pairs = ((a.text, a.id) for a in articles)
    for doc, aid in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        try:
            toponyms = geoparse(doc, demonyms=demonyms, gazetteer=gazetteer)
        except Exception as exc:  # one bad article never stops the batch
            if on_error is None:
                raise
            on_error(aid, exc)
            continue
        for t in toponyms:
            yield {"article_id": aid, **t.to_dict()}
