"""Stage ``arguments``: the tokens of each mention's actors and recipients, read off the parse
(``extract.arguments``), and the verb whose clause holds its time and place.

A flipped negation ("they do not want the situation to worsen") is the negating verb's subject's act; a
demand said in someone's words ("X said Y must withdraw") is the speaker's, of Y; so is an act called by a charge
noun ('"Azerbaijan's aggression must stop," he said': his accusation of Azerbaijan).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..dictionaries.cues import Cues
from ..extract.arguments import charge_speakers, charge_voice, find_arguments
from ..extract.status import governing_chain, ruled_out
from ..nlp.syntax import subject_of, token_lemma
from .state import ArticleState
from .status import CHARGE_NOUN_KIND


def find_mention_arguments(state: ArticleState) -> None:
    cues = state.resources.cues
    for draft in state.coded():
        match = draft.match
        if match is None:
            continue
        event = draft.mention.code.event
        same_event = {m.head.i for m in state.sentence_matches.get(draft.sentence_index, ())
                      if (m.entry.negated_event if draft.flipped else m.entry.event) == event}
        acts = {m.head.i for m in state.sentence_matches.get(draft.sentence_index, ()) if m.head.i != match.head.i}
        args = find_arguments(match, event, cues, same_event, acts=acts)
        actor_tokens = _negating_subject(match.head, cues) if draft.flipped else args.actors
        speaker = _speaker(args.clause or match.head, cues) if match.entry.id.endswith(".demand") else []
        if speaker:
            # "X said Y must withdraw": X demands, of Y.
            args.recipients, actor_tokens = list(actor_tokens), speaker
        voice = charge_voice(match.head, cues) if match.entry.id in cues.words(CHARGE_NOUN_KIND) else None
        if voice is not None:
            # '"The aim of Azerbaijan's aggression is to weaken Armenia," he said': he accuses the aggression's doer,
            # when and where he says it
            args.recipients, actor_tokens = list(actor_tokens), charge_speakers(voice)
            args.clause = voice
        draft.arguments, draft.actor_tokens, draft.clause = args, list(actor_tokens), args.clause


def _negating_subject(trigger: Token, cues: Cues) -> list[Token]:
    """The subject of the negated verb above a flipped trigger ("they do not want the situation to worsen")."""
    for node in governing_chain(trigger, cues):
        if any(c.dep_ == "neg" for c in node.children) and node.pos_ in ("VERB", "AUX"):
            return subject_of(node)
        # "US authorities said that removing the sanctions is out of the question": the speaker rules it out.
        if ruled_out(node):
            return subject_of(node.head) if node.dep_ == "ccomp" else []
    return []


def _speaker(verb: Token, cues: Cues) -> list[Token]:
    """The subject of a verb of saying whose reported clause holds ``verb``."""
    if verb.dep_ == "ccomp" and token_lemma(verb.head) in cues.speech_verbs:
        return subject_of(verb.head)
    return []
