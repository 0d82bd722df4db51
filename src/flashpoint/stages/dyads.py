"""Stage ``dyads``: a mention that names several parties on one side is one act per pair of parties.

"Iran summoned the ambassadors of Britain, France and Germany" is three summonses; "the US and Britain
condemned Iran" is two condemnations; "Thailand and Cambodia accused each other" is Thailand accusing
Cambodia and Cambodia accusing Thailand. Event data codes one act per (actor, recipient) pair (as PETRARCH
does with compound actors), and a report of one of them elsewhere ("Britain condemned Iran") must find its own
record, not a record that also holds two other states. So a mention whose actors or recipients span two or more
parties becomes one mention per ordered pair of different parties; a party is a country, or a named group or
organisation; actors named only by their sector ("civilians", "troops" with no country) belong to every pair.

A joint or mutual act of several parties ("talks between X and Y", "X and Y agreed to a truce") stays one
mention when its event type is symmetric (``data/cues/argument_words.tsv`` kind ``symmetric_event``): a meeting
of two sides is one meeting, whoever the report names first; one party meeting two others ("spoke with X and
Y") is still two conversations. The split copies keep the mention's evidence and links;
each has its own id (``t12/2``), so each makes its own event.
"""

from __future__ import annotations

import dataclasses

from ..merge.article import SHARE_MARK
from ..model import Actor
from .opponents import article_pair
from .state import ArticleState


def party(actor: Actor) -> str | None:
    """The party an actor stands for: its country, else its group's id; None for an actor named only by its
    sector, which the pair's place decides."""
    return actor.country or actor.id or None


def _by_party(actors: list[Actor]) -> tuple[dict[str, list[Actor]], list[Actor]]:
    parties: dict[str, list[Actor]] = {}
    loose: list[Actor] = []
    for actor in actors:
        key = party(actor)
        if key is None:
            loose.append(actor)
        else:
            parties.setdefault(key, []).append(actor)
    return parties, loose


def dyad_shares(actors: list[Actor], recipients: list[Actor], *, symmetric: bool,
                addressed: bool) -> list[tuple[list[Actor], list[Actor]]] | None:
    """The (actors, recipients) of each pair of parties, or None when the mention is one act already."""
    actor_parties, loose_actors = _by_party(actors)
    recipient_parties, loose_recipients = _by_party(recipients)
    if addressed:  # "called on Armenia and Azerbaijan to show restraint": one appeal to both
        recipient_parties, loose_recipients = {}, recipients
    if len(actor_parties) < 2 and len(recipient_parties) < 2:
        return None
    if symmetric and len(actor_parties) >= 2:
        return None  # "talks between X and Y", "X and Y agreed to a truce": one meeting, one agreement
    sources = list(actor_parties.items()) or [(None, [])]
    shares = []
    for source, doers in sources:
        # "Peru and Chile accused each other": no side is its own recipient when the act has another; a side
        # left with no one else acts on no one ("Peru and Chile failed to agree on Peruvian claims")
        targets = [done_to for target, done_to in recipient_parties.items() if target != source]
        for done_to in targets or [[]]:
            shares.append((doers + loose_actors, done_to + loose_recipients))
    return shares


def split_dyads(state: ArticleState) -> None:
    symmetric = state.resources.cues.words("symmetric_event")
    addressed = state.resources.cues.words("addressed_event")
    drafts = {}
    split: dict[str, list] = {}  # a mention's id -> its shares
    for key, draft in state.drafts.items():
        drafts[key] = draft
        mention = draft.mention
        if mention is None or draft.match is None:
            continue
        shares = dyad_shares(mention.actors, mention.recipients, symmetric=mention.code.event in symmetric,
                             addressed=mention.code.event in addressed and not _side_asking(state, mention))
        if shares is None:
            continue
        mention.actors, mention.recipients = shares[0]
        split[key] = [mention]
        for n, (actors, recipients) in enumerate(shares[1:], start=2):
            share_id = f"{key}{SHARE_MARK}{n}"
            copy = dataclasses.replace(mention, id=share_id, actors=actors, recipients=recipients,
                                       responds_to=list(mention.responds_to))
            drafts[share_id] = dataclasses.replace(draft, id=share_id, mention=copy)
            split[key].append(copy)
    state.drafts = drafts
    # "Thailand and Cambodia exchanged fire ... their worst fighting": an anaphor points back at the share of its
    # own pair, so that the two directions of an exchange never join through it
    for draft in drafts.values():
        mention = draft.mention
        if mention is not None and mention.antecedent in split:
            own = _pair(mention)
            shares = split[mention.antecedent]
            # the share of its own pair, else of its own side ("their worst fighting" after "X and Y exchanged
            # fire": X's fighting is X's fire)
            mention.antecedent = next((m.id for m in shares if _pair(m) == own), None) or next(
                (m.id for m in shares if own[0] and _pair(m)[0] == own[0]), mention.antecedent)


def _side_asking(state: ArticleState, mention) -> bool:
    """One of the two countries a crisis report is about asking others ("Armenia asked Russia and the CSTO for
    help"): an appeal to each, as against a third party's one appeal to both sides ("Russia called on Armenia and
    Azerbaijan to show restraint")."""
    if state.context is None:
        return False
    pair = article_pair(state)
    doers = {party(a) for a in mention.actors} - {None}
    return pair is not None and len(doers) == 1 and doers <= set(pair) \
        and not any(party(r) in pair for r in mention.recipients)


def _pair(mention) -> tuple[frozenset, frozenset]:
    return (frozenset(party(a) for a in mention.actors) - {None},
            frozenset(party(r) for r in mention.recipients) - {None})
