"""Stage ``doers``: a disapproval of an act is aimed at whoever did it, found where the act was first told.

"Raisi condemned the consulate attack", "the army denounced the attack as a deliberate act": the act is named
without its doer, who is the actor of the earlier mention the act's noun points back to (the links stage's
antecedent), or of the act itself where its sentence names one. A mention of a type aimed at the doer of the act
it names (``data/cues/argument_words.tsv`` kind ``doer_directed_event``: ACCUSE) whose recipients name no one or
only the act's own targets (the consulate's owner, the civilians hit) takes the doer as its recipient instead.
"""

from __future__ import annotations

from ..model import EventMention
from ..nlp.syntax import OBJECTS
from .opponents import article_pair
from .state import ArticleState, Draft

# the phrases of the disapproving trigger in which the act it is aimed at stands: its object, "for"/"over" the act
_ACT_PREPS = frozenset({"for", "over", "of"})


def aim_at_doers(state: ArticleState) -> None:
    doer_directed = state.resources.cues.words("doer_directed_event")
    drafts = list(state.coded())
    for draft in drafts:
        mention = draft.mention
        if mention.code.event not in doer_directed or draft.match is None:
            continue
        act = _named_act(draft, drafts)
        if act is None:
            continue
        chain = _chain(act.mention, state)
        doers = next((list(m.actors) for m in chain if m.actors), [])
        own = {a.country for a in mention.actors if a.country}
        doers = [a for a in doers if not (a.country and a.country in own)]
        if not doers:
            continue
        # what the recipients may be read from instead: the act's targets ("the consulate attack": the consulate's
        # owner), or the disapproving side itself
        targets = {a.code for m in chain for a in m.recipients} | {a.country for m in chain for a in m.recipients
                                                                  if a.country} | own
        # (a recipient of no country names no one: "the consulate attack" with the consulate's owner unsaid; nor does
        # one read off the act's own phrase, its site or its weapon: the consulate of "the consulate attack")
        inside_act = {t.i for t in act.head.subtree}
        read_off_act = draft.arguments is not None and bool(draft.arguments.recipients) and all(
            t.i in inside_act for t in draft.arguments.recipients)
        if read_off_act or all(r.code in targets or (r.country and r.country in targets) or not (r.country or r.id)
                               for r in mention.recipients):
            mention.recipients = doers


def _named_act(draft: Draft, drafts: list[Draft]) -> Draft | None:
    """The act mention standing as the trigger's object or in its "for"/"over" phrase ("condemned the attack",
    "blamed Iran for the strike"), the first in text order."""
    head = draft.head
    places = [c for c in head.children if c.dep_ in OBJECTS]
    places += [o for p in head.children if p.dep_ == "prep" and p.lower_ in _ACT_PREPS
               for o in p.children if o.dep_ == "pobj"]
    inside = {t.i for place in places for t in place.subtree}
    for other in drafts:
        if other is not draft and other.head.i in inside and other.mention.code.quad == 4:
            return other
    return None


def _chain(act: EventMention, state: ArticleState) -> list[EventMention]:
    """The act's mention and those it points back to, nearest first (a few steps at most)."""
    chain: list[EventMention] = []
    while act is not None and len(chain) < 5:
        chain.append(act)
        antecedent = state.drafts.get(act.antecedent) if act.antecedent else None
        act = antecedent.mention if antecedent is not None else None
    return chain


def share_conjoined_aims(state: ArticleState) -> None:
    """Stage ``implied_joined_recipients``: two acts of one actor joined in one sentence are aimed at the same
    party. "We demand that Iran cease its attacks, and we stand ready to take further measures": an act of a type
    aimed at the other side (argument_words kind ``opponent_directed_event``) that names no one it is done to takes
    the recipients of the act its clause is joined to ("and"), when both are done by the same actors. One of the two
    sides an article is about is left to ``implied_recipients``, which aims its acts at the other side."""
    directed = state.resources.cues.words("opponent_directed_event")
    drafts = [d for d in state.coded() if d.match is not None]
    sides = set(article_pair(state) or ())
    for draft in drafts:
        mention = draft.mention
        if mention.recipients or not mention.actors or mention.code.event not in directed \
                or any(a.country in sides for a in mention.actors):
            continue
        joined = _joined_clauses(draft.clause if draft.clause is not None else draft.head)
        actors = {a.code for a in mention.actors}
        for other in drafts:
            clause = other.clause if other.clause is not None else other.head
            if other is not draft and other.sentence_index == draft.sentence_index and clause.i in joined \
                    and other.mention.recipients and {a.code for a in other.mention.actors} == actors:
                mention.recipients = list(other.mention.recipients)
                break


def _joined_clauses(verb) -> set[int]:
    """The verbs joined to ``verb`` by a conjunction, either way round."""
    joined = {c.i for c in verb.children if c.dep_ == "conj"}
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        joined.add(verb.head.i)
    return joined
