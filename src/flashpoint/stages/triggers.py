"""Stage ``triggers``: every trigger match of every sentence becomes a draft mention (``t<head index>``).

Editorial sentences ("It is crucial for X to ...") are skipped; stop entries of the trigger dictionary only
block; a trigger that only modifies another trigger's noun ("targeted strikes", "deadly attack") is not an
event of its own. The sentence's matches are kept on the state: the argument stage asks which of them code
the same event.
"""

from __future__ import annotations

from ..extract.status import is_editorial
from ..extract.triggers import find_triggers
from ..nlp.syntax import token_lemma
from .state import ArticleState, Draft


def find_trigger_mentions(state: ArticleState) -> None:
    res = state.resources
    for index, sent in enumerate(state.doc.sents):
        if is_editorial(sent, res.cues):
            continue
        matches = [m for m in find_triggers(sent, res.triggers, res.cues) if not m.entry.is_stop]
        used = {t.i for m in matches for t in m.tokens}
        # (a modifier of another trigger's word is part of that act, except a participle that tells what was done to
        # the word's people: "release the arrested workers", argument_words kind act_participle)
        matches = [m for m in matches if not (m.head.dep_ in ("amod", "compound") and m.head.head.i in used
                                              and m.entry.id not in res.cues.words("act_participle"))]
        # "the letter apprehended that ...": with a clause of its own the verb means something else (argument_words
        # kind clause_sense_trigger)
        matches = [m for m in matches if not (m.entry.id in res.cues.words("clause_sense_trigger")
                                              and any(c.dep_ == "ccomp" for c in m.head.children))]
        state.sentence_matches[index] = matches
        for match in matches:
            state.add(Draft(id=state.new_id("t", match.head), sentence=sent, sentence_index=index,
                            head=match.head, match=match,
                            lemmas=frozenset(token_lemma(t) for t in match.tokens)))
