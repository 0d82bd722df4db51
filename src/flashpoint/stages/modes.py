"""Stage ``modes``: the weapon or means named with an attack sets its PLOVER mode.

"Militants killed five soldiers with a roadside bomb": "killed" says what was done, the bomb says with what
(explosives). An ASSAULT mention takes the mode of the means (``data/cues/means.tsv``) named in its own phrase
first: the trigger's words, its subject and agent, its 'with'/'by'/'in' phrases, the noun phrase of a trigger noun,
the actors the argument stage found for it. The means of highest precedence wins there ("suicide bomber" over
"bomb", "warplanes" over "missiles"), the nearest on a tie. With none there, a mention with no mode of its own
takes the means named nearest to it in its sentence, nearness counted along the parse ("Four rockets slammed
into the town, killing seven": the rockets' clause holds "killing"), then precedence, then words between.

A trigger's own mode (``triggers.tsv``) is kept unless its own phrase names a more specific means of the same
attack (a higher precedence than the mode's rank: see ``means.tsv``): "US warplanes pounded the village" is aerial,
not pound's heavy-weapons; a means named elsewhere in the sentence may be another attack's and never overrides a
trigger's own mode. Modes for acts rather than means (abduct, torture, sexual, massacre ...) are always kept.

Not means: what the attack hit or where ('a strike on a missile base': target prepositions), the object of the
attack ("shot down a drone", "destroyed two tanks"), a weapon handled rather than used ("police found a bomb",
``weapon_not_used`` in ``argument_words.tsv``). The CAMEO code stays the trigger's; only the mode changes, and the
mention's rule records the row it came from ("assault.kill.v/verb/mode:means.roadside_bomb").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..dictionaries.harm import HarmTables, Means, PhraseMatch
from ..nlp.syntax import token_lemma
from .state import ArticleState, Draft

ASSAULT = "ASSAULT"
# Dependents that open a clause of their own: a means named there may be another event's.
CLAUSES = frozenset({"advcl", "ccomp", "xcomp", "relcl", "parataxis", "csubj", "csubjpass", "conj", "cc",
                     "mark", "punct"})
# Dependents that name what the act was done to, not with.
TARGETS = frozenset({"dobj", "obj", "nsubjpass", "dative", "iobj", "attr", "oprd"})


def give_modes(state: ArticleState) -> None:
    harm = state.resources.cues.harm
    if harm is None or not len(harm.means):
        return
    handled = state.resources.cues.words("weapon_not_used")
    drafts = [d for d in state.coded() if d.match is not None and d.mention.code.event == ASSAULT]
    if not drafts:
        return
    sentences = list(state.doc.sents)
    cache: dict[int, list[PhraseMatch[Means]]] = {}

    def means_in(index: int) -> list[PhraseMatch[Means]]:
        if index not in cache:
            sent = sentences[index]
            cache[index] = [m for m in harm.means.find(sent) if not _not_used(m, sent, harm, handled, drafts)]
        return cache[index]

    for draft in drafts:
        chosen = _choose(draft, means_in(draft.sentence_index), harm)
        if chosen is None and _modeless(draft, harm):
            # the sentence before or after: "A grenade exploded at a bus stop. Two people were killed."
            nearby = [m for index in (draft.sentence_index - 1, draft.sentence_index + 1)
                      if 0 <= index < len(sentences) for m in means_in(index)]
            chosen = max(nearby, key=lambda m: (_best_row(m).precedence, -abs(m.start - draft.head.i)),
                         default=None)
        if chosen is not None:
            row = _best_row(chosen)
            mention = draft.mention
            if row.mode != mention.code.mode:
                mention.code = replace(mention.code, mode=row.mode)
            mention.rule += f"/mode:{row.id}"


def _modeless(draft: Draft, harm: HarmTables) -> bool:
    """No mode of its own, or one that says only what became of the target ('destroy')."""
    mode = draft.mention.code.mode
    return mode is None or harm.ranks.get(mode, 1) <= 0


def _best_row(match: PhraseMatch[Means]) -> Means:
    return max(match.rows, key=lambda r: r.precedence)


def _choose(draft: Draft, found: list[PhraseMatch[Means]], harm: HarmTables) -> PhraseMatch[Means] | None:
    """The means that sets the draft's mode, or None to leave it as it is."""
    own_mode = draft.mention.code.mode
    trigger = {t.i for t in draft.match.tokens}
    if own_mode is not None and own_mode not in harm.ranks:
        return None  # an act (abduct, torture, massacre ...), not a means
    if _modeless(draft, harm):
        own_mode = None
    rank = -1
    if own_mode is not None:
        backing = [_best_row(m).precedence for m in found
                   if _best_row(m).mode == own_mode and all(t.i in trigger for t in m.tokens)]
        rank = max(backing, default=harm.ranks[own_mode])
    own = own_phrase(draft, harm)
    mine = [m for m in found if any(t.i in own for t in m.tokens)]
    if mine:
        best = max(mine, key=lambda m: (_best_row(m).precedence, -abs(m.start - draft.head.i)))
        if _best_row(best).precedence > rank:
            return best
        return None
    if own_mode is not None:
        return None
    if not found:
        return None
    return min(found, key=lambda m: (_tree_distance(draft.head, m.tokens[-1]), -_best_row(m).precedence,
                                      abs(m.start - draft.head.i)))


def own_phrase(draft: Draft, harm: HarmTables) -> set[int]:
    """The token indexes of the mention's own phrase: its trigger's words, and the phrases hanging on the
    trigger that are not clauses of their own nor what the act was done to; for a trigger noun the object of
    a light verb ("carried out drone attacks"), the verb's subject and means too; the actors found for it."""
    head = draft.head
    trigger = {t.i for t in draft.match.tokens}
    targets = harm.kind("target_prep")
    tokens: set[int] = set(trigger)
    anchors = [t for t in draft.match.tokens]
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "obj", "nsubjpass", "pobj"):
        verb = head.head.head if head.dep_ == "pobj" else head.head  # "fired in an attack by jets"
        if verb.pos_ in ("VERB", "AUX"):
            anchors.append(verb)
    for anchor in anchors:
        for child in anchor.children:
            if child.i in trigger or child.dep_ in CLAUSES:
                continue
            if child.dep_ in TARGETS:  # what it was done to ("shot down a drone"); "fired rockets" is in trigger
                continue
            if child.dep_ == "prep" and child.lower_ in targets:
                continue
            tokens.update(phrase_tokens(child, targets))
    for actor in draft.arguments.actors if draft.arguments is not None else ():
        if draft.sentence.start <= actor.i < draft.sentence.end:
            tokens.update(phrase_tokens(actor, targets))
    return tokens


def phrase_tokens(token: Token, skip_preps: frozenset[str]) -> set[int]:
    """``token`` and what hangs on it, down to (not into) clauses of their own and ``skip_preps`` phrases; a
    participle's phrase is kept ("bombs dropped by warplanes")."""
    found = {token.i}
    stack = [token]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ in CLAUSES and not (child.dep_ == "conj" and node.pos_ in ("NOUN", "PROPN")):
                continue
            if child.dep_ == "prep" and child.lower_ in skip_preps:
                continue
            found.add(child.i)
            stack.append(child)
    return found


def _not_used(match: PhraseMatch[Means], sentence: Span, harm: HarmTables, handled: frozenset[str],
              drafts: list[Draft]) -> bool:
    """Whether the weapon is handled, hit or a place rather than used: the object of "found", "defused",
    "seized" (or of an attack: "shot down a drone"), or the object of a target preposition ("on a missile
    base")."""
    head = max(match.tokens, key=lambda t: t.i)  # the phrase's last word is its head in English
    targets = harm.kind("target_prep")
    attack_heads = {d.head.i: {t.i for t in d.match.tokens} for d in drafts if d.sentence.start == sentence.start}
    node, steps = head, 0
    while node.head.i != node.i and steps < 6:
        parent = node.head
        if node.dep_ == "pobj" and parent.lower_ in targets:
            return True
        if node.dep_ in TARGETS and parent.pos_ in ("VERB", "AUX"):
            if token_lemma(parent) in handled:
                return True
            if parent.i in attack_heads and node.i not in attack_heads[parent.i] \
                    and any(r.target for r in match.rows):
                return True
            return False
        if node.dep_ in CLAUSES:
            return False
        node, steps = parent, steps + 1
    return False


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence along the parse."""
    up_a = [a] + list(a.ancestors)
    depth = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b] + list(b.ancestors)):
        if t.i in depth:
            return depth[t.i] + n
    return len(up_a) + 50
