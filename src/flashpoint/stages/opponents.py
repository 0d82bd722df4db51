"""Stage ``implied_recipients``: an act of one of the two countries an article is about, aimed at no one the
article names for it, is aimed at the other.

"Thailand closed the border", "the army condemned the shelling", "Cambodia had launched attacks on multiple
fronts", "Bangkok was open to talks": in a report of a crisis between two countries, a reader takes the other
side as the one acted on; and forces it names without a country ("49 soldiers were killed in attacks by
Azerbaijan") as the other side's. An
article is about two countries when it names each of them at least ``PAIR_MENTIONS`` times and they are the two
of those that most often do or suffer its acts (then the most named), with no third ranked as high as the second. Only acts of a state as a whole, its government or its armed forces count (an arrest by
the police is the state's own affair), and only event types that say so (``data/cues/argument_words.tsv`` kind
``opponent_directed_event``). The mention's rule records ``/implied-recipient:<ISO3>``, so the coded recipient
still points back to how it was read. It runs on the article's merged events, so that a recipient the
article names in any report of the act ("Tehran's attack on the previous day ... Iran's strikes against Jaish
al-Adl") wins over the guess.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..model import Actor
from .state import ArticleState

IMPLIED_RULE = "/implied-recipient:"
# How often each of the pair is named before an article counts as about them: a passing mention of a second
# country ("Thailand, a neighbour of Cambodia") makes no pair. Calibrated on news of one crisis a report
# (a report names its two sides 5-30 times; third parties 1-4 times).
PAIR_MENTIONS = 3
# The sectors that act for a state as a whole ("" is the country itself: "Thailand closed the border").
STATE_SECTORS = frozenset({"", "GOV", "MIL"})
FORCE_SECTORS = frozenset({"MIL"})  # a recipient of these sectors with no country named is one side's forces


def article_pair(state: ArticleState) -> tuple[str, str] | None:
    """The two countries the article is about, or None: of the countries it names at least ``PAIR_MENTIONS``
    times, the two that most often do or suffer its acts, then the most named. A country named often only as
    the place things happen in ("the Iranian consulate in Damascus", "Syrian officials said") is no side."""
    names = Counter(country for _, country in state.context.country_mentions)
    parties: Counter = Counter()
    for draft in state.coded():
        if draft.mention is not None:
            parties.update({a.country for a in (*draft.mention.actors, *draft.mention.recipients) if a.country})
    ranked = sorted((c for c, n in names.items() if n >= PAIR_MENTIONS), key=lambda c: (-parties[c], -names[c], c))
    if len(ranked) < 2:
        return None
    if len(ranked) >= 3 and (parties[ranked[2]], names[ranked[2]]) >= (parties[ranked[1]], names[ranked[1]]):
        return None
    return ranked[0], ranked[1]


def aim_at_opponents(state: ArticleState) -> None:
    if state.context is None:
        return
    pair = article_pair(state)
    if pair is None:
        return
    directed = state.resources.cues.words("opponent_directed_event")
    aimed = state.resources.cues.words("state_target_event")
    for event in state.events:
        if not event.actors or event.code.event not in directed:
            continue
        # "49 soldiers were killed in attacks by Azerbaijan": forces of no country named, acted on by one side, are
        # the other's (a state does not attack its own army)
        forces = [r for r in event.recipients if r.country is None and r.id is None and r.sector in FORCE_SECTORS]
        if event.recipients and len(forces) < len(event.recipients):
            continue
        countries = {a.country for a in event.actors}
        if len(countries) != 1 or not countries <= set(pair):
            continue
        if any((a.sector or "") not in STATE_SECTORS for a in event.actors):
            continue
        other = pair[1] if pair[0] in countries else pair[0]
        event.recipients = [replace(r, country=other, code=other + r.sector) for r in forces] \
            or [Actor(text=other, code=other, country=other)]
        main = next((m for m in event.mentions if not m.anaphoric), event.mentions[0])
        main.rule += IMPLIED_RULE + other
        if event.code.event in aimed and event.location is not None and event.location.country in countries \
                and not any(m.location for m in event.mentions):
            # "Iran's assault last Saturday", placed only where the report is (Iran): an attack on the other side
            # was not done on the attacker's own ground, and the report does not say where it was
            event.location = None
