"""Stages ``date_phrases`` and ``dates``: when each event happened.

``date_phrases`` (per mention, before folding): the DATE/TIME entity attached to the trigger or its clause.
``dates`` (over the article, in text order): each phrase resolved against the publication date or, for "the
previous day", the event dated just before (``resolve.dates``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..resolve.dates import resolve_date
from .state import ArticleState


def find_date_phrases(state: ArticleState) -> None:
    for draft in state.coded():
        if draft.match is None:
            continue
        anchors = {draft.match.head.i} | ({draft.clause.i} if draft.clause is not None else set())
        date_ent = _date_entity(draft.sentence, anchors)
        draft.mention.date_text = date_ent.text if date_ent is not None else None
        draft.explicit_date = date_ent is not None


def resolve_dates(state: ArticleState) -> None:
    published = state.article.published
    previous = None
    for draft in state.coded():
        mention = draft.mention
        if mention.date_text is None or published is None:
            continue
        resolved = resolve_date(mention.date_text, published=published, previous=previous)
        if resolved is None:
            continue
        mention.date, mention.date_precision = resolved.date, resolved.precision
        previous = resolved.date


def _attached(token: Token, anchors: set[int], steps: int = 4) -> bool:
    for _ in range(steps):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i in anchors:
            return True
    return False


def _date_entity(sent: Span, anchors: set[int]) -> Span | None:
    for ent in sent.ents:
        if ent.label_ in ("DATE", "TIME") and (ent.root.i in anchors or _attached(ent.root, anchors)):
            return ent
    return None
