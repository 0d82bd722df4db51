"""Stage ``status``: each draft's status and code, which makes it a mention (drafts with no code are dropped).

The status is read off the trigger's clause (``extract.status``). A trigger that means something else when
negated ("do not want the situation to worsen" = an intent to de-escalate) takes its negated code, unless a
condition stands between it and the negation ("would not agree unless hostages were released"). What a party asks
others to do is hypothetical, except a disapproval, which the asker voices by asking.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..dictionaries.cues import Cues
from ..extract.arguments import charge_voice
from ..extract.status import StatusReading, governing_chain, read_status
from ..model import EventCode, EventMention
from ..nlp.syntax import token_lemma, written_as_noun
from ..ontology import Ontology
from .state import ArticleState

# The argument_words kind of the trigger ids of charge nouns: 'Azerbaijan's aggression', said by someone, is their
# accusation (extract.arguments.charge_voice).
CHARGE_NOUN_KIND = "charge_noun_trigger"
# The status cues (data/cues/status.tsv) of asking others to act: what is asked is not done, except by the asker.
REQUEST_CUE = "request."
# The status a gathering to come takes (argument_words kind gathering_event), and the auxiliaries that put it to come.
FUTURE_GATHERING_CUE = "future.gathering"
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
# The status cue of a position held (argument_words kind standing_event), and how a line and a quote are told.
STANDING_CUE = "present.standing"
HABIT_CUE = "present.habit"
POLITE_CUE = "performative.polite"
VERBAL_QUADS = frozenset({1, 3})  # verbal cooperation and verbal conflict: acts done by saying them
SENTENCE_ENDS = (".", "!", "?", '"', "\u201d", "'", "\u2019")
QUOTE_MARKS = ('"', "\u201c", "\u201d")


def read_mention_status(state: ArticleState) -> None:
    cues, ontology = state.resources.cues, state.resources.ontology
    for draft in list(state.drafts.values()):
        match = draft.match
        if match is None or draft.mention is not None:
            continue
        charge = match.entry.id in cues.words(CHARGE_NOUN_KIND)
        voice = charge_voice(match.head, cues) if charge else None
        if charge and voice is None:
            # "Azerbaijan's aggression" in the report's own words: no one is heard calling it so
            state.remove(draft.id)
            continue
        # a charge noun is as asserted as its calling so ('urged the council to halt Thailand's aggression' is said)
        reading = read_status(voice if voice is not None else match.head, draft.sentence, cues)
        flipped = (reading.negated and match.entry.negated_event is not None
                   and not _under_condition(match.head, cues))
        code = _code(match.entry, ontology, flipped)
        if code is not None and code.event in cues.words("measure_scope_event") and _scope_of_measure(state, draft, cues):
            # "announced new sanctions on Thursday targeting Tehran's drone program": whom the sanctions hit
            state.remove(draft.id)
            continue
        if match.entry.id in cues.words("forecast_trigger") and _forecast(state, draft, cues):
            # "Pashinyan warned that the number of casualties could grow": a forecast, no threat
            state.remove(draft.id)
            continue
        if code is None or (code.event in cues.words("charge_event") and _charge(match.head, cues)):
            # "condemned Thailand for violating international law": the charge is what the condemnation says, coded
            # by it; it is no act of its own
            state.remove(draft.id)
            continue
        if reading.cue and reading.cue.startswith(REQUEST_CUE) and code.event in cues.words("requester_shared_event"):
            # "called on the council to condemn the attack": asking others to condemn is condemning
            reading = StatusReading("asserted", None, reading.negated)
        if reading.status == "hypothetical" and reading.cue in cues.words("promise_cue") \
                and code.event in cues.words("promised_given_event") and not reading.negated:
            # "pledged to stand with Israel": support promised is support given, in the promising
            reading = StatusReading("asserted", None, reading.negated)
        if reading.status == "asserted" and code.event in cues.words("gathering_event") and _future_subject(match.head):
            # "an NSC meeting will discuss further steps", "talks will resume on Monday": not held yet
            reading = StatusReading("hypothetical", FUTURE_GATHERING_CUE, reading.negated)
        if reading.status == "asserted" and code.event in cues.words("standing_event") \
                and _standing_position(state, draft, cues):
            # "while Israel and its allies accuse the country of seeking atomic weapons": a position held, not
            # an act of the report's day
            reading = StatusReading("background", STANDING_CUE, reading.negated)
        if reading.status == "asserted" and match.head.dep_ == "relcl" and _standing_position(state, draft, cues):
            # "the Minsk group, which mediates between Armenia and Azerbaijan": what a party does by habit, said to
            # describe it, is no act of the report's day, whatever its type
            reading = StatusReading("background", HABIT_CUE, reading.negated)
        if reading.status == "hypothetical" and code.quad in VERBAL_QUADS and _polite_performative(match.head, cues):
            # "I would like to thank Malaysia", "we wish to express our gratitude": said, and so done
            reading = StatusReading("asserted", POLITE_CUE, reading.negated)
        start, end = state.sentence_offsets(draft.sentence)
        draft.reading, draft.flipped = reading, flipped
        draft.mention = EventMention(
            # the sentence as the article wrote it (the parsed body may have been truecased)
            id=draft.id, article_id=state.article.id, sentence=state.article.text[start:end], start=start, end=end,
            trigger=match.text, trigger_start=state.offset + match.head.idx,
            rule=f"{match.entry.id}/{match.head.pos_.lower()}" + ("/negated" if flipped else ""),
            code=code, status="asserted" if flipped else reading.status,
            sentence_index=draft.sentence_index, depth=_depth(match.head),
            verbal=(match.head.pos_ == "VERB" and not written_as_noun(match.head)) or _said_to_happen(match.head, cues))


def _charge(trigger: Token, cues: Cues) -> bool:
    """A verb that says what a verb of judging (argument_words kind judged_doer_verb) charges someone with: its
    'for'/'of' gerund ("condemned X for violating the law", and what is joined to it) or a participle clause of
    its own ("denounced the attack, violating humanitarian law")."""
    judging = cues.words("judged_doer_verb")
    verb = trigger
    while verb.dep_ == "conj":
        verb = verb.head
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ in ("for", "of"):
        judge = verb.head.head
        if judge.dep_ in ("dobj", "obj"):  # the parse may hang the gerund on the one charged
            judge = judge.head
        return token_lemma(judge) in judging
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and token_lemma(verb.head) in judging \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _scope_of_measure(state: ArticleState, draft, cues: Cues) -> bool:
    """A verb whose subject is a measure's trigger noun (argument_words kind measure_event: "the sanctions target
    X"), or a participle said of one: of the noun it describes, or of the object of the verb it hangs on
    ("announced sanctions ... targeting X")."""
    verb = draft.match.head
    if verb.pos_ != "VERB":
        return False
    measures = {t.i for m in state.sentence_matches.get(draft.sentence_index, ())
                if m.entry.event in cues.words("measure_event") for t in m.tokens if t.pos_ == "NOUN"}
    hosts = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.tag_ == "VBG" and verb.dep_ == "acl":
        hosts.append(verb.head)
    elif verb.tag_ == "VBG" and verb.dep_ == "advcl":
        hosts += [c for c in verb.head.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(h.i in measures for h in hosts)


def _forecast(state: ArticleState, draft, cues: Cues) -> bool:
    """A warning whose 'that' clause has a forecast modal ("could", "may"), a subject that names no party (no name,
    no pronoun) and no trigger of its own: what it warns of may happen, and no one threatens to do it."""
    names = {"GPE", "NORP", "ORG", "PERSON"}
    acts = {m.head.i for m in state.sentence_matches.get(draft.sentence_index, ()) if m.head.i != draft.match.head.i}
    for clause in draft.match.head.children:
        if clause.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in cues.words("forecast_modal")
                                             for c in clause.children):
            continue
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        inside = list(clause.subtree)
        if subjects and not any(t.ent_type_ in names or t.pos_ == "PRON" for s in subjects for t in s.subtree) \
                and not any(t.i in acts for t in inside):
            return True
    return False


def _polite_performative(trigger: Token, cues: Cues) -> bool:
    """A speech act in the to-infinitive of a verb of wishing (argument_words kind polite_verb) whose subject is
    the speaker (kind performative_subject): "I would like to thank", "we wish to congratulate"."""
    verb = trigger.head
    return trigger.dep_ == "xcomp" and verb is not trigger and token_lemma(verb) in cues.words("polite_verb") \
        and any(c.dep_ == "nsubj" and c.lower_ in cues.words("performative_subject") for c in verb.children)


def _standing_position(state: ArticleState, draft, cues: Cues) -> bool:
    """A verb in the simple present (no auxiliary), or a stance verb (argument_words kind stance_verb) in the present
    perfect, that heads its own clause, in the body of the report, outside a
    headline (a line with no sentence end: "China condemns Israel strike") and outside a quote, whose subject is
    not the speaker ("we condemn this attack" is done by saying it; argument_words kind performative_subject)."""
    verb = draft.match.head
    if draft.sentence_index == 0 or verb.dep_ in ("ccomp", "xcomp"):
        return False
    if verb.tag_ == "VBN" and token_lemma(verb) in cues.words("stance_verb"):
        # "has resisted calls": the present perfect of a stance is held until now, like the simple present
        if [c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")] not in (["VBZ"], ["VBP"]):
            return False
    elif verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in cues.words("performative_subject") for c in verb.children):
        return False
    text = state.article.text
    at = state.offset + verb.idx
    line_end = text.find("\n", at)
    line = text[text.rfind("\n", 0, at) + 1:line_end if line_end >= 0 else len(text)].rstrip()
    if not line.endswith(SENTENCE_ENDS):
        return False  # a headline tells past news in the present
    before = text[state.offset + verb.sent.start_char:at]
    return sum(before.count(mark) for mark in QUOTE_MARKS) % 2 == 0


def _future_subject(trigger: Token) -> bool:
    """An event noun that is the subject of a verb in the future ("the meeting will discuss ...")."""
    verb = trigger.head
    return trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "nsubjpass") and verb is not trigger \
        and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)


def _said_to_happen(trigger: Token, cues: Cues) -> bool:
    """An event noun a clause says happened, as a verb would: the subject of a happening verb ("looting broke
    out", "clashes erupted", "the blast took place") or the object of a light verb ("carried out raids")."""
    verb = trigger.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i == trigger.i:
        return False
    lemma = token_lemma(verb)
    if trigger.dep_ == "nsubj":
        return lemma in cues.words("happening_verb") or (
            lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children))
    return trigger.dep_ == "dobj" and lemma in cues.light_verbs


def _code(entry, ontology: Ontology, negated: bool) -> EventCode | None:
    if negated and entry.negated_event:
        return ontology.event_code(entry.negated_cameo, event=entry.negated_event)
    if entry.event is None:
        return None
    return ontology.event_code(entry.cameo, event=entry.event, mode=entry.mode, context=entry.context)


def _under_condition(trigger: Token, cues: Cues) -> bool:
    """Whether a clause between the trigger and its negation opens with a condition ("unless", "if")."""
    conditions = cues.status_cues("condition")
    for node in governing_chain(trigger, cues):
        if any(c.dep_ == "mark" and c.lower_ in conditions for c in node.children):
            return True
        if any(c.dep_ == "neg" for c in node.children):
            return False
    return False


def _depth(token: Token) -> int:
    """The token's depth in the parse (0 = the sentence root): a sentence's main event is highest."""
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth
