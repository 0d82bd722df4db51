"""Find event triggers in a sentence: the words of the trigger dictionary, matched on lemmas.

A dictionary entry is a contiguous lemma sequence with one head token, plus lemmas that must appear among
the head's dependents ("sign ~agreement", "call ~for"). At each head token the most specific matching entry
wins; a token used by one trigger is not used again by another ("air strike" is one trigger, not two).

Statements of intent and demands (CAMEO's parallel 03/13/10 families). A trigger whose own verb carries a
future auxiliary ("X will provide aid", "said it would boycott the vote"), or is the "to" clause of a word
stating a plan or readiness ("plans to impose restrictions", "is prepared to impose martial law"), reports a promise or a threat, not
the act itself: a cooperative act (CAMEO 04-08) is recoded as the matching "express intent" code (03x, AGREE),
a hostile one (14, 16-20) as the matching "threaten" code (13x, THREATEN); any other act promised "unless"
something is done is an ultimatum (139, THREATEN). A trigger under "must" ("Sudan
must return the helicopter") is a demand: cooperative acts and agreements are recoded as the matching 10x
code (REQUEST). Negated and conditional clauses, counterfactuals ("would have") and the other event types
are left alone. The recoded auxiliary is recorded on the trigger head (``Token._.recoded_aux``, see
``nlp.syntax``) so that ``extract.status`` does not read it again as a hypothetical cue.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ..dictionaries.cues import Cues
from ..dictionaries.triggers import TriggerDictionary, TriggerEntry
from ..nlp.syntax import hyphen_joined, token_lemma, written_as_noun
from ..ontology import load_ontology

# spaCy's coarse tags mapped to the dictionary's pos column.
_POS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}
# Dependents through which a "~lemma" requirement may be met: direct, or the object of a preposition.
_THROUGH = {"prep", "agent", "dative", "prt"}

# Auxiliaries that turn an act into a statement of intent or a demand (lower-cased word or lemma).
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll"})
DEMAND_AUX = frozenset({"must"})
# Words that state a plan or readiness and take the act as their "to" clause ("plans to impose restrictions",
# "is prepared to impose martial law", "ready to send troops") say what "will" says: the cue table's
# "stated_intent" words (data/cues/argument_words.tsv, as are the pact and programme nouns and the plain
# auxiliaries below). The codes an intent, threat or demand is recoded to are the ontology's
# (data/ontology/modal_recodings.tsv).
# A future act with an "unless" clause ("will withdraw its troops unless the rebels disarm") is an ultimatum:
# CAMEO 139 "give ultimatum" (THREATEN), where the act has no threat code of its own ("will boycott ... unless"
# stays 133).
_ULTIMATUM = ("THREATEN", "139")
_OBJECT_DEPS = ("dobj", "obj", "nsubjpass")
# Words whose lemma is a trigger noun but which are never one: "according (to)" is lemmatised "accord".
_NEVER_REQUIREMENT = frozenset({"according"})


def modal_recoding(entry: TriggerEntry, auxiliary: str) -> tuple[str, str] | None:
    """``(event, cameo)`` for ``entry``'s act stated with ``auxiliary`` ("will", "must"), or None: the ontology's
    modal recodings (data/ontology/modal_recodings.tsv), intent then threat after "will", demand after "must"."""
    if entry.event is None or entry.cameo is None:
        return None
    ontology = load_ontology()
    if auxiliary in FUTURE_AUX:
        for kind in ("intent", "threat"):
            recoding = ontology.modal_recoding(kind, entry.cameo)
            if recoding is not None:
                return recoding
        return None
    if auxiliary in DEMAND_AUX:
        return ontology.modal_recoding("demand", entry.cameo)
    return None


def _answers_by(verb: Token, cues: Cues) -> set[int]:
    """The gerunds of a verb of answering's "by" phrase ("retaliated by expelling ..."), by token index."""
    cue = cues.responses.get(token_lemma(verb))
    if cue is None or cue.kind != "verb" or verb.pos_ not in ("VERB", "AUX"):
        return set()
    return {g.i for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"
            for g in c.children if g.dep_ in ("pcomp", "pobj")}


def _clause_verb(head: Token, light_verbs: frozenset[str]) -> Token:
    """The verb whose auxiliaries speak for ``head``: itself, or the light verb a noun trigger is the object of
    ("will hold talks", "would impose a curfew")."""
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "nsubjpass") and token_lemma(head.head) in light_verbs:
        return head.head
    # An adjective trigger speaks through its copula: "must be ready to mediate", "will be willing to talk".
    if head.pos_ == "ADJ" and head.dep_ == "acomp" and token_lemma(head.head) == "be":
        return head.head
    return head


def _has_unless_clause(verb: Token) -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
               for c in verb.children)


def _modal_auxiliary(head: Token, cues: Cues) -> Token | None:
    """The intent/demand auxiliary governing ``head``'s clause, if the clause is otherwise plainly asserted."""
    verb = _clause_verb(head, cues.light_verbs)
    children = list(verb.children)
    if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det") for c in children):
        return None
    if any(c.dep_ == "mark" and c.lower_ in cues.status_cues("condition") for c in children):
        return None
    auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
    if any(token_lemma(c) == "have" for c in auxes):  # "would have attacked": counterfactual
        return None
    for aux in auxes:
        if aux.lower_ in FUTURE_AUX or aux.lower_ in DEMAND_AUX or token_lemma(aux) in FUTURE_AUX:
            return aux
    if not auxes and verb.dep_ == "conj" and verb.pos_ == "VERB" and verb.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
        # "Israel will respond and attack in Iran": a second verb of one subject shares the first one's auxiliary
        return _modal_auxiliary(verb.head, cues)
    if verb.dep_ == "xcomp" and verb.pos_ in ("VERB", "AUX") and any(c.lower_ == "to" for c in auxes):
        planner = verb.head
        if _states_intent(planner, cues):
            if _modal_auxiliary(planner, cues) is None and _plainly_asserted(planner, cues):
                return planner
    return None


def _states_intent(token: Token, cues: Cues) -> bool:
    """"plans (to)", "is prepared (to)", "ready (to)": a word of the cue table's "stated_intent", by lemma or as
    written."""
    words = cues.words("stated_intent")
    return token_lemma(token) in words or token.lower_ in words


def _plainly_asserted(token: Token, cues: Cues) -> bool:
    """No negation, condition or modal on ``token`` or on the copula an adjective hangs on."""
    verbs = [token, token.head] if token.pos_ == "ADJ" and token.dep_ == "acomp" else [token]
    if any(c.dep_ == "auxpass" for c in token.children):  # "the system was intended to shoot down missiles"
        return False
    for verb in verbs:
        for c in verb.children:
            if c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det"):
                return False
            if c.dep_ == "mark" and c.lower_ in cues.status_cues("condition"):
                return False
            if c.dep_ in ("aux", "auxpass") and c.lower_ not in cues.words("plain_aux"):  # "is", "has", "'re"
                return False
    return True


def _recode(match: "TriggerMatch", cues: Cues) -> "TriggerMatch":
    aux = _modal_auxiliary(match.head, cues)
    if aux is None:
        return match
    word = aux.lower_ if aux.lower_ in FUTURE_AUX | DEMAND_AUX else token_lemma(aux)
    if word in cues.words("stated_intent") or aux.lower_ in cues.words("stated_intent"):
        word = "will"
    if word in FUTURE_AUX and _gathering_subject(aux.head, cues):
        return match  # "the meeting will discuss further steps": a gathering to come, no party's stated intent
    recoding = modal_recoding(match.entry, word)
    if (word in FUTURE_AUX and match.entry.event not in (None, "THREATEN")
            and (recoding is None or recoding[0] != "THREATEN") and _has_unless_clause(aux.head)):
        recoding = _ULTIMATUM
    if recoding is None:
        return match
    event, cameo = recoding
    kind = "ultimatum" if recoding == _ULTIMATUM else "demand" if word in DEMAND_AUX else "intent"
    entry = replace(match.entry, id=f"{match.entry.id}.{kind}", event=event, cameo=cameo, mode=None,
                    negated_event=None, negated_cameo=None)
    match.head._.recoded_aux = aux.i
    return TriggerMatch(match.head, entry, match.tokens)


def _gathering_subject(verb: Token, cues: Cues) -> bool:
    """Whether the verb's subject is a gathering (argument_words kind gathering_noun): "the meeting will discuss"."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and token_lemma(c) in cues.words("gathering_noun")
               for c in verb.children)


# The trigger whose code an unspecified reported demand takes (CAMEO 100, "make demand, not specified").
UNSPECIFIED_DEMAND = "request.demand.v"


def _reported_demands(sent: Span, triggers: TriggerDictionary, cues: Cues, taken: set[int]) -> list["TriggerMatch"]:
    """"The forum concluded that the US must allocate more money": an act no trigger knows, stated with "must"
    in what a speaker says, is a demand of its subject made by the speaker (CAMEO 100), as a trigger's act is
    recoded ("said Sudan must release the prisoners")."""
    entry = triggers.get(UNSPECIFIED_DEMAND)
    speech = cues.speech_verbs
    found: list[TriggerMatch] = []
    for verb in sent:
        if entry is None or verb.i in taken or verb.pos_ != "VERB" or verb.dep_ != "ccomp" \
                or token_lemma(verb.head) not in speech or not any(c.dep_ == "nsubj" for c in verb.children):
            continue
        aux = _modal_auxiliary(verb, cues)
        if aux is None or aux.lower_ not in DEMAND_AUX:
            continue
        verb._.recoded_aux = aux.i
        found.append(TriggerMatch(verb, replace(entry, id=f"{entry.id}.reported.demand"), (aux, verb)))
    return found


@dataclass(frozen=True)
class TriggerMatch:
    head: Token
    entry: TriggerEntry
    tokens: tuple[Token, ...]  # every token the entry used, in text order

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)


def _of_time(prep: Token) -> bool:
    """A preposition whose object is a time ("fired on Saturday night"): the phrase says when, never what the act
    is aimed at."""
    return prep.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def _dependent_with(head: Token, lemmas: frozenset[str], used: set[int], cues: Cues) -> Token | None:
    for child in head.children:
        if child.lower_ in _NEVER_REQUIREMENT or child.dep_ == "oprd" and child.pos_ in ("NOUN", "PROPN"):
            # (a noun predicate of the object says what the object is called, not what the act is: "called the
            # meeting a demonstration of commitment" calls no demonstration; "set the truck ablaze" still burns)
            continue
        if child.i not in used and _stands_as(child, lemmas, whole_word=True) and not _of_time(child) \
                and not (child.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX")):
            # (a verb's active subject is who acts, never what it acts on: "the army expanded the scope of its
            # raids" is no "expand ~army")
            return child
        # "ready to take further measures", "willing to hold talks": the object of an adjective's to-infinitive
        # is what the readiness is for
        if child.dep_ == "xcomp" and head.pos_ == "ADJ" and child.i > head.i:
            for obj in child.children:
                if obj.dep_ in _OBJECT_DEPS and obj.i not in used and _stands_as(obj, lemmas, whole_word=True):
                    return obj
        # "called for the government to resign": spaCy makes "for" the mark of the requested clause.
        if child.dep_ in ("advcl", "ccomp") and child.i > head.i:
            for grandchild in child.children:
                if (grandchild.dep_ == "mark" and grandchild.i not in used and grandchild.lower_ == "for"
                        and "for" in lemmas and grandchild.i < child.i):
                    return grandchild
        if child.dep_ in _OBJECT_DEPS:
            found = _object_standing_for(child, lemmas, used, cues)
            if found is not None:
                return found
            # "shot dead two rioters": the parse hangs the verb's own adjective, right after it, on its object
            after = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
            if after is not None and after.dep_ == "amod" and after.head.i == child.i and after.i not in used \
                    and _stands_as(after, lemmas, whole_word=True):
                return after
        # "discovered a large amount of ammunition believed to belong to the PKK": the parse makes the object the
        # subject of a participle clause with no auxiliary (a reduced relative read as "discovered that ...")
        if child.dep_ == "ccomp" and child.tag_ in ("VBN", "VBD") and child.i > head.i \
                and not any(c.dep_ in ("aux", "auxpass", "mark") for c in child.children):
            for subject in (c for c in child.children if c.dep_ == "nsubj" and c.i not in used):
                if _stands_as(subject, lemmas, whole_word=True):
                    return subject
                found = _object_standing_for(subject, lemmas, used, cues)
                if found is not None:
                    return found
        # "vowed that Iran's response would be harsh": what a clause of "be" says is of its subject
        if child.dep_ == "ccomp" and child.i > head.i and token_lemma(child) == "be":
            for subject in (c for c in child.children if c.dep_ == "nsubj" and c.i not in used):
                if _stands_as(subject, lemmas, whole_word=True):
                    return subject
        # A preposition already used by one requirement still leads to its object ("call ~for ~ceasefire"); one
        # that opens an adjunct ("under a deal", "after the talks") does not lead to what the act is on.
        if child.dep_ in _THROUGH and child.lower_ not in cues.words("adjunct_preposition"):
            for grandchild in child.children:
                if grandchild.i not in used and (token_lemma(grandchild) in lemmas or grandchild.lower_ in lemmas):
                    return grandchild
                if grandchild.dep_ == "pobj":  # "over a new round of sanctions"
                    found = _object_standing_for(grandchild, lemmas, used, cues)
                    if found is not None:
                        return found
    return None


def _stands_as(token: Token, lemmas: frozenset[str], *, whole_word: bool = False) -> bool:
    """Whether ``token`` is one of ``lemmas``, itself or as the hyphenated word it ends ("cease-fire" is a
    ceasefire). With ``whole_word`` (a requirement), the half of a hyphenated word is only the whole word: "fire"
    in "a cease-fire agreement ... is set" is no "set ~fire"."""
    joined = hyphen_joined(token)
    if joined is not None and joined in lemmas:
        return True
    if joined is not None and whole_word:
        return False
    return token_lemma(token) in lemmas or token.lower_ in lemmas


def _object_standing_for(obj: Token, lemmas: frozenset[str], used: set[int], cues: Cues, *,
                         depth: int = 0) -> Token | None:
    """A word inside the object ``obj`` that stands for it in a requirement.

    "violated the ceasefire agreement", "suspended the aid program": an agreement or programme named by what it
    is about stands for that thing; "will release Prime Minister X": a named person stands for their title
    (the compound); "suspended part of the aid program", "provide 25,000 tons of food aid": an amount stands
    for what it measures.
    """
    lemma = token_lemma(obj)
    if lemma in cues.words("agreement_noun") or lemma in cues.words("programme_noun") or obj.pos_ == "PROPN":
        for grandchild in obj.children:
            if grandchild.dep_ == "compound" and grandchild.i not in used \
                    and _stands_as(grandchild, lemmas, whole_word=True):
                return grandchild
    # "part of X" / "tons of X" stands for X: the quantity nouns are data (cues/quantities.tsv).
    # "a series of raids", "a new round of sanctions": a span of events stands for them too (event_span words)
    # ("on the first day of a strike" is a time, not an object: a span the parser reads as a date stands for nothing)
    if lemma in cues.words("undertaking_noun"):
        # "launched an operation to remove the unexploded rocket": an undertaking stands for what its "to" clause
        # says it does (not for its compound: in "undertook a mediation mission between X and Y" the noun is the
        # act, and its phrase names the parties)
        for grandchild in obj.children:
            purpose = grandchild.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                  for c in grandchild.children)
            if purpose and grandchild.i not in used and _stands_as(grandchild, lemmas, whole_word=True):
                return grandchild
    measures = cues.quantities | (cues.words("event_span") if obj.ent_type_ not in ("DATE", "TIME") else frozenset())
    if depth or (lemma not in measures and obj.lower_ not in measures):
        return None
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ != "pobj" or pobj.i in used:
                    continue
                if token_lemma(pobj) in lemmas or pobj.lower_ in lemmas:
                    return pobj
                found = _object_standing_for(pobj, lemmas, used, cues, depth=1)
                if found is not None:
                    return found
    return None


def _match_entry(head: Token, entry: TriggerEntry, sent: Span, cues: Cues) -> tuple[Token, ...] | None:
    start = head.i - entry.head_index
    end = start + len(entry.sequence)
    if start < sent.start or end > sent.end:
        return None
    doc = head.doc
    tokens = [doc[i] for i in range(start, end)]
    for token, alternatives in zip(tokens, entry.sequence):
        if not _stands_as(token, alternatives):
            return None
    used = {t.i for t in tokens}
    if entry.id in cues.words("objectless_trigger") and any(c.dep_ == "dobj" for c in head.children):
        return None  # "called for talks", never "called Putin for an exchange of opinions" (a telephone call)
    for requirement in entry.children:
        found = _dependent_with(head, requirement, used, cues)
        if found is None:
            return None
        if entry.id in cues.words("infinitive_trigger") and found.dep_ != "xcomp":
            return None  # "told Armenia to cease", never "told reporters that the talks would end"
        used.add(found.i)
    return tuple(sorted((doc[i] for i in used), key=lambda t: t.i))


def _in_a_name(token: Token, sent: Span) -> bool:
    """A capitalised proper noun inside a sentence that is the first word of a longer name ("Ban Nam Yen", "Strike
    Force Command"): the parser joins its words as compounds of the name's last word."""
    return (token.pos_ == "PROPN" and token.i > sent.start and token.text[:1].isupper()
            and token.dep_ == "compound" and token.head.pos_ == "PROPN" and token.head.i > token.i)


def find_triggers(sent: Span, triggers: TriggerDictionary, cues: Cues) -> list[TriggerMatch]:
    """Every trigger in ``sent``, most specific first resolved, returned in text order (``cues``: the cue
    tables the Coder was given)."""
    candidates: list[TriggerMatch] = []
    for token in sent:
        pos = _POS.get(token.pos_)
        if pos is None or (token.pos_ == "PROPN" and token.ent_type_ in ("DATE", "TIME")):
            continue  # "signed in March 2001": a month is not a march
        if _in_a_name(token, sent):
            continue  # "a gas station in Ban Nam Yen": a word of a place's or body's name is no act
        # "alleged bombers", "the disputed territory": a participle before a noun describes it, except one that
        # tells what was done to the noun's people (argument_words kind act_participle: "the arrested workers")
        prenominal = token.pos_ == "VERB" and token.dep_ == "amod" and token.i < token.head.i
        if prenominal and token.tag_ != "VBN":
            continue
        lemma = token_lemma(token)
        if written_as_noun(token):
            # "killed in police firing", "the shelling continued": a gerund in a noun's place is the noun written
            pos, lemma = "NOUN", token.lower_
        # "air-strikes", "cease-fire": the whole word's entries first, else the last half's ("re-arrested")
        joined = hyphen_joined(token)
        entries = (triggers.candidates(joined, pos) if joined is not None else ()) or triggers.candidates(lemma, pos)
        if not entries and token.lower_ != lemma:
            entries = triggers.candidates(token.lower_, pos)
        if prenominal:
            entries = [e for e in entries if e.id in cues.words("act_participle")]
        for entry in entries:
            if entry.event == "ASSAULT" and pos == "NOUN" and token.dep_ in ("dobj", "nsubjpass") \
                    and token_lemma(token.head) in cues.argument_words.get("weapon_not_used", ()):
                continue  # "police found a bomb", "Iran is developing a nuclear bomb": a weapon, not an attack
            tokens = _match_entry(token, entry, sent, cues)
            if tokens is not None:
                candidates.append(TriggerMatch(token, entry, tokens))
                break
    chosen: list[TriggerMatch] = []
    taken: set[int] = set()
    verb_heads: set[int] = set()
    for match in sorted(candidates, key=lambda m: (-m.entry.specificity, m.head.i)):
        # A requirement met by another trigger's verb is shared, not taken: in "threatened to cut off
        # electricity" both the threat (threaten ~cut) and the act it threatens are triggers.
        clash = {t.i for t in match.tokens if t.i in taken}
        if clash and not (match.head.i not in clash and clash <= verb_heads
                          and all(match.head.doc[i].head.i == match.head.i for i in clash)):
            continue
        chosen.append(match)
        taken.update(t.i for t in match.tokens)
        if match.head.pos_ in ("VERB", "AUX"):
            verb_heads.add(match.head.i)
    # "ordered patrols", "ordered the paper to suspend publication": a light verb that is itself a trigger
    # lends its subject to the event it takes, and is not a second event.
    light_verbs = cues.light_verbs
    heads = {m.head.i for m in chosen}
    chosen = [m for m in chosen if not (
        token_lemma(m.head) in light_verbs and m.head.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("dobj", "xcomp") and c.i in heads for c in m.head.children))]
    # "Chile retaliated by expelling Peru's envoy": a verb of answering (data/cues/response.tsv) that says how it
    # answered is that act, not a second one
    chosen = [m for m in chosen if not (_answers_by(m.head, cues) & heads)]
    recoded = [_recode(m, cues) for m in sorted(chosen, key=lambda m: m.head.i)]
    recoded += _reported_demands(sent, triggers, cues, {m.head.i for m in recoded})
    # "willing to forgive", "prepared to impose martial law": the readiness word is not a second event once
    # the act it governs has been recoded as the intent or threat it states.
    # An adjective ("is prepared to") carries the subject, so the recoded act moves onto it.
    acts = {m.head._.recoded_aux: m for m in recoded if m.head._.recoded_aux is not None}
    result: list[TriggerMatch] = []
    moved: set[int] = set()
    for m in recoded:
        act = acts.get(m.head.i)
        if act is None or not _states_intent(m.head, cues):
            result.append(m)
        elif m.head.pos_ == "ADJ":
            result.append(TriggerMatch(m.head, act.entry, tuple(sorted({*m.tokens, *act.tokens}, key=lambda t: t.i))))
            moved.add(act.head.i)
    return [m for m in result if m.head.i not in moved]
