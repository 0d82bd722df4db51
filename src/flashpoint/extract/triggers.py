"""Find event triggers in a sentence: the words of the trigger dictionary, matched on lemmas.

A dictionary entry is a contiguous lemma sequence with one head token, plus lemmas that must appear among
the head's dependents ("sign ~agreement", "call ~for"). At each head token the most specific matching entry
wins; a token used by one trigger is not used again by another ("air strike" is one trigger, not two).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..dictionaries.triggers import TriggerDictionary, TriggerEntry

# spaCy's coarse tags mapped to the dictionary's pos column.
_POS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}
# Dependents through which a "~lemma" requirement may be met: direct, or the object of a preposition.
_THROUGH = {"prep", "agent", "dative", "prt"}


@dataclass(frozen=True)
class TriggerMatch:
    head: Token
    entry: TriggerEntry
    tokens: tuple[Token, ...]  # every token the entry used, in text order

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)


def token_lemma(token: Token) -> str:
    return token.lemma_.lower().replace("\u2019", "'")


def _dependent_with(head: Token, lemmas: frozenset[str], used: set[int]) -> Token | None:
    for child in head.children:
        if child.i not in used and (token_lemma(child) in lemmas or child.lower_ in lemmas):
            return child
        # A preposition already used by one requirement still leads to its object ("call ~for ~ceasefire").
        if child.dep_ in _THROUGH:
            for grandchild in child.children:
                if grandchild.i not in used and (token_lemma(grandchild) in lemmas or grandchild.lower_ in lemmas):
                    return grandchild
    return None


def _match_entry(head: Token, entry: TriggerEntry, sent: Span) -> tuple[Token, ...] | None:
    start = head.i - entry.head_index
    end = start + len(entry.sequence)
    if start < sent.start or end > sent.end:
        return None
    doc = head.doc
    tokens = [doc[i] for i in range(start, end)]
    for token, alternatives in zip(tokens, entry.sequence):
        if token_lemma(token) not in alternatives and token.lower_ not in alternatives:
            return None
    used = {t.i for t in tokens}
    for requirement in entry.children:
        found = _dependent_with(head, requirement, used)
        if found is None:
            return None
        used.add(found.i)
    return tuple(sorted((doc[i] for i in used), key=lambda t: t.i))


def find_triggers(sent: Span, triggers: TriggerDictionary) -> list[TriggerMatch]:
    """Every trigger in ``sent``, most specific first resolved, returned in text order."""
    candidates: list[TriggerMatch] = []
    for token in sent:
        pos = _POS.get(token.pos_)
        if pos is None:
            continue
        lemma = token_lemma(token)
        entries = triggers.candidates(lemma, pos)
        if not entries and token.lower_ != lemma:
            entries = triggers.candidates(token.lower_, pos)
        for entry in entries:
            tokens = _match_entry(token, entry, sent)
            if tokens is not None:
                candidates.append(TriggerMatch(token, entry, tokens))
                break
    chosen: list[TriggerMatch] = []
    taken: set[int] = set()
    for match in sorted(candidates, key=lambda m: (-m.entry.specificity, m.head.i)):
        if any(t.i in taken for t in match.tokens):
            continue
        chosen.append(match)
        taken.update(t.i for t in match.tokens)
    return sorted(chosen, key=lambda m: m.head.i)
