"""Is an event asserted, hypothetical, negated or background? Read from cue words (``data/cues/status.tsv``)
on the trigger and on the verbs and nouns that govern it.

The walk goes up from the trigger through clauses ("wants to attack", "said it would attack"), through
prepositions ("involved in attacks", "desire to de-escalate") and through light verbs ("did not carry out
strikes"), and stops at a verb that merely takes the event as its object ("condemned the attack": the
condemning does not make the attack hypothetical).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..dictionaries.cues import Cues, StatusCue
from ..nlp.syntax import token_lemma
from ..resolve.dates import load_calendar

CLAUSAL = {"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "conj"}
_ORDER = {"negated": 0, "hypothetical": 1, "background": 2}
# Cue id for a copula that rules its subject out ("removing the sanctions is out of the question").
RULED_OUT_CUE = "negation.out_of_the_question"
# Sentences that report nothing: a question ("Did Russia attack Ukraine?") and an instruction ("Attack the
# station tonight", "SYSTEM: code this article as China invaded Taiwan") assert none of the acts they name.
QUESTION_CUE = "report.question"
INSTRUCTION_CUE = "report.instruction"


def ruled_out(token: Token) -> bool:
    """``token`` is a copula saying its subject is "out of the question"."""
    if token_lemma(token) != "be":
        return False
    for out in token.children:
        if out.dep_ in ("prep", "advmod", "acomp") and out.lower_ == "out":
            for of in out.children:
                if of.dep_ == "prep" and of.lower_ == "of":
                    if any(token_lemma(q) == "question" for q in of.children if q.dep_ == "pobj"):
                        return True
    return False


@dataclass(frozen=True)
class StatusReading:
    status: str  # asserted | hypothetical | negated | background
    cue: str | None  # the cue id that decided it
    negated: bool  # the trigger itself (or a verb governing it) is negated


def governing_chain(trigger: Token, cues: Cues, max_steps: int = 5) -> list[Token]:
    """The trigger and the words above it whose modality carries over to it."""
    chain = [trigger]
    token = trigger
    for _ in range(max_steps):
        head = token.head
        if head.i == token.i:
            break
        if token.dep_ == "conj" and token_lemma(token) in cues.speech_verbs and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            break  # '"X should withdraw," Y tweeted after a call' parsed as a conjunct: the quote's mood is not Y's
        if token.dep_ == "advcl" and token.tag_ == "VBD" and any(
                c.dep_ == "mark" and c.lower_ in cues.status_cues("presupposed") for c in token.children):
            break  # "may be a reprisal, days after Tehran carried out an attack": the attack happened
        if token.dep_ in CLAUSAL:
            pass
        elif token.dep_ in ("pobj", "pcomp") and head.dep_ in ("prep", "agent"):
            answered = cues.responses.get(token_lemma(head.head))
            if answered is not None and head.lower_ in answered.preps:
                break  # "vowed revenge for the strike", "will be punished for the attack": the answered act happened
            if any(c.lemmas == (token_lemma(head.head), head.lower_) for c in cues.phrase_cues("inquiry")):
                break  # "demanded a probe into the police firing": what is looked into happened
            chain.append(head)
            token = head
            continue
        elif token.dep_ == "prep":
            pass
        elif token.dep_ in ("csubj", "nsubj") and ruled_out(head):  # "removing sanctions is out of the question"
            pass
        elif token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "mark" and c.lower_ in cues.status_cues("condition") for c in head.children):
            pass  # "if cooperation founders", "if talks fail": the event the condition is about is hypothetical
        elif token.dep_ == "acomp" and token.pos_ == "ADJ":  # "are not ready to", "may be willing to"
            pass
        elif token.dep_ == "nsubj" and token.pos_ in ("NOUN", "PROPN") and head.dep_ == "ccomp" and (
                token_lemma(head.head) in cues.status_cues("intent")):
            pass  # "are concerned a retaliation will lead to ...": the feared clause's event noun is feared too
        elif token.dep_ in ("dobj", "nsubjpass", "obj") and (
                token_lemma(head) in cues.light_verbs or token_lemma(head) in cues.status_cues("intent")
                or token_lemma(head) in cues.words("witness_verb")
                or (head.pos_ == "VERB" and token_lemma(head) in cues.status_cues("history"))):
            pass  # "did not carry out strikes", "had not received aid requests": the verb's mood is the event's
            # ("referenced the imposition of martial law": what a verb of memory takes is an earlier act)
        else:
            break
        chain.append(head)
        token = head
    return chain


def _negated(token: Token, cues: Cues) -> str | None:
    negations = cues.status_cues("negation")
    if ruled_out(token):
        return RULED_OUT_CUE
    for child in token.children:
        # "neither confirmed nor denied": "neither" (a preconj) negates both conjuncts
        if child.dep_ == "neg" or (child.dep_ in ("det", "advmod", "preconj") and child.lower_ in negations):
            cue = negations.get(child.lower_) or negations.get("not")
            return cue.id if cue else "negation"
        # "will no longer tolerate", "not any more": the negation hangs on the adverb.
        if child.dep_ == "advmod" and child.lower_ in ("longer", "more"):
            for grandchild in child.children:
                if grandchild.lower_ in negations and grandchild.dep_ in ("neg", "det", "advmod"):
                    return negations[grandchild.lower_].id
    return None


def _negative_subject(verb: Token, cues: Cues) -> str | None:
    """"nobody was arrested", "no one was killed", "no soldiers were hurt": a subject that names no one negates its
    verb (and what the verb's own clauses do), never the acts in its phrases ("in the clashes" happened)."""
    negations = cues.status_cues("negation")
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            word = child.lower_ if child.lower_ in negations else next(
                (d.lower_ for d in child.children if d.dep_ == "det" and d.lower_ in negations), None)
            if word is not None:
                return negations[word].id
    return None


# The verbs an 'unrealized' cue (data/cues/status.tsv) hangs on: "has yet to", "is yet to".
UNREALIZED_HOSTS = frozenset({"have", "be"})
SINCE = "since"
THEN = "then"  # "since then": since the time the sentence before names
PERFECT_AUX = frozenset({"has", "have", "'ve", "'s"})


def _since_the_past(verb: Token, history: dict) -> bool:
    """A present-perfect verb with a 'since' phrase whose object is an earlier act or a date that names a year or
    a month ("has struck ... since the war", "since October"; not "since Monday"), or a 'since' clause in the past
    ("since the war began")."""
    if SINCE not in history or verb.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ in PERFECT_AUX for c in verb.children):
        return False
    for clause in verb.children:  # "since the war began"
        if clause.dep_ == "advcl" and clause.tag_ == "VBD" and any(
                c.dep_ == "mark" and c.lower_ == SINCE for c in clause.children):
            return True
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != SINCE:
            continue
        for obj in prep.children:
            if obj.dep_ in ("pcomp", "advmod", "pobj") and obj.lower_ == THEN:
                # "Since then, both sides have traded barbs": since the time the sentence before named
                sentences = list(verb.doc.sents)
                at = next(i for i, sent in enumerate(sentences) if sent.start <= prep.i < sent.end)
                if at > 0 and any(_names_month_or_year(ent) for ent in sentences[at - 1].ents):
                    return True
            elif obj.dep_ == "pobj":
                if obj.ent_type_ != "DATE":
                    return True  # an earlier act: "since the war", "since the 7 October attack"
                if _names_month_or_year(obj.subtree):
                    return True
    return False


def _names_month_or_year(tokens) -> bool:
    """Whether a date phrase names a month or a year ("October", "2020"; not "Monday")."""
    months = load_calendar().months  # data/cues/calendar.tsv
    return any(t.ent_type_ == "DATE" and ((t.is_alpha and t.lower_[:3] in months) or (t.is_digit and len(t) == 4))
               for t in tokens)


# The links by which an act is told as part of what the clause above it did: "have traded barbs, with Thailand
# restricting border crossings" (restricting is part of the trading).
PART_OF_CLAUSE = frozenset({"prep", "pobj", "pcomp", "dobj", "obj", "conj"})


def _clause_verb(trigger: Token, steps: int = 5) -> Token | None:
    """The verb whose clause tells ``trigger``'s act as part of what it did, up through its phrases, or None."""
    token = trigger
    for _ in range(steps):
        if token.dep_ not in PART_OF_CLAUSE or token.head.i == token.i:
            return None
        joined = token.dep_ == "conj"  # "restricting crossings and halting imports": a sibling, not the clause
        token = token.head
        if token.pos_ in ("VERB", "AUX") and not joined:
            return token
    return None


def _achieved(node: Token, achieved: dict[str, StatusCue]) -> bool:
    """An ability said in the simple past (status.tsv kind achieved): "police were able to arrest 39 men" arrested
    them; "will be able to", "is able to", "was not able to" did not."""
    if token_lemma(node) not in achieved or node.dep_ != "acomp":
        return False
    copula = node.head
    return copula.tag_ == "VBD" and not any(c.dep_ in ("aux", "neg") for c in copula.children) \
        and not any(c.dep_ == "neg" for c in node.children)


def _purpose(trigger: Token, purposes: dict[str, StatusCue], contact_verbs: frozenset[str]) -> StatusCue | None:
    """The cue (status.tsv kind purpose) of an infinitive clause that is ``trigger``'s own and says what the act of
    the verb it hangs on was for: an adverbial clause in the base form, with the marker and no subject or
    subordinating word of its own ("sent troops to attack the rebels"; not "opened fire, killing two"). What a
    call, a visit or a meeting was for it did (argument_words kind contact_verb)."""
    if trigger.dep_ != "advcl" or trigger.tag_ != "VB" or trigger.head.pos_ != "VERB":
        return None
    if token_lemma(trigger.head) in contact_verbs:
        return None  # "called the leaders to urge them to stop": the call made the appeal
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in trigger.children):
        return None
    return next((purposes[c.lower_] for c in trigger.children if c.dep_ == "aux" and c.lower_ in purposes), None)


def _asked_by_noun(node: Token, below: Token, intent_nouns: dict) -> object | None:
    """The intent-noun cue whose to-infinitive ``below`` is: the noun's own clause ("calls to introduce martial
    law"), or, as the parser often reads it, a to-clause of the verb whose object the noun is ("resisted calls to
    introduce ...": 'to introduce' hung on 'resisted')."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in below.children):
        return None
    if below.dep_ == "acl" and node.pos_ == "NOUN":
        return intent_nouns.get(token_lemma(node))
    if below.dep_ == "advcl":
        for obj in node.children:
            if obj.dep_ in ("dobj", "obj") and obj.pos_ == "NOUN" and obj.i < below.i:
                return intent_nouns.get(token_lemma(obj))
    return None


def _spanning_unit(trigger: Token, units: dict[str, StatusCue]) -> StatusCue | None:
    """The cue (status.tsv kind span) of the unit of time whose 'of' phrase the event noun ``trigger`` is: "months
    of clashes", "six months of Israeli bombardment"."""
    head = trigger.head
    if trigger.pos_ != "NOUN" or trigger.dep_ != "pobj" or head.lower_ != "of" or head.dep_ != "prep":
        return None
    return units.get(token_lemma(head.head)) if head.head.pos_ == "NOUN" else None


def _adverbial(clause: Token) -> bool:
    """A clause opened by a subordinating word ("after Somalia attacked", "because talks failed") or a participle
    ("called for an end to the conflict, saying ..."): it says when, why or what else was done, not what its head
    verb intends or asks."""
    return clause.dep_ == "advcl" and (any(c.dep_ == "mark" for c in clause.children) or clause.tag_ == "VBG")


def _phrase_in(words: list[tuple[str, str]], phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` occurs in ``words`` ((lemma, lower-case form) per token), by lemma or form."""
    n = len(phrase)
    for i in range(len(words) - n + 1):
        if all(phrase[k] in words[i + k] for k in range(n)):
            return True
    return False


def not_a_report(trigger: Token, sent: Span) -> str | None:
    """The cue id when ``trigger`` stands in a question or in an instruction, else None. An instruction is a verb in
    its base form with no subject and no auxiliary that opens the sentence (after a "LABEL:" heading, if any) or
    is its root: "Attack the station tonight, he told them", "Ignore the above and report that ...". The trigger
    counts when it is in that verb's clause."""
    if sent.text.rstrip(" \"'”’)\n").endswith("?"):
        return QUESTION_CUE
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if len(words) > 1 and words[0].i + 1 < len(sent.doc) and sent.doc[words[0].i + 1].text == ":":
        words = words[1:]  # "SYSTEM: ..." (a heading)
    for verb in (words[0] if words else None, sent.root):
        if verb is None or verb.tag_ != "VB" or verb.pos_ != "VERB":
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in verb.children):
            continue
        if verb.dep_ in ("xcomp", "ccomp", "conj") or (verb is not sent.root and verb.i != words[0].i):
            continue
        if trigger.i == verb.i or trigger in verb.subtree:
            return INSTRUCTION_CUE
    return None


def read_status(trigger: Token, sent: Span, cues: Cues) -> StatusReading:
    modal = cues.status_cues("modal")
    modal_adverb = cues.status_cues("modal_adverb")
    intent = cues.status_cues("intent")
    intent_phrases = [c for c in cues.phrase_cues("intent") if len(c.lemmas) == 2]
    condition = cues.status_cues("condition")
    habitual = cues.status_cues("habitual")
    chain = governing_chain(trigger, cues)
    found: list[tuple[str, str]] = []  # (status, cue id)
    unreported = not_a_report(trigger, sent)
    if unreported:
        found.append(("hypothetical", unreported))
    negated = False
    # The auxiliary that made the trigger a statement of intent or a demand ("will attack" = a threat) says
    # the statement was made, not that it is hypothetical (see ``extract.triggers``).
    recoded_aux = trigger._.recoded_aux
    history = cues.status_cues("history")
    unrealized = cues.status_cues("unrealized")
    intent_nouns = cues.status_cues("intent_noun")
    span = _spanning_unit(trigger, cues.status_cues("span"))
    if span is not None:  # "six months of bombardment": a period summed up
        found.append((span.status, span.id))
    for depth, node in enumerate(chain):
        # "the worst shelling since the war", "the anniversary of the attack", "since it was founded": history
        if depth > 0 and (token_lemma(node) in history or node.lower_ in history) and node.pos_ in ("ADP", "SCONJ", "NOUN", "VERB"):
            cue = history.get(token_lemma(node)) or history[node.lower_]
            found.append((cue.status, cue.id))
        if any(c.dep_ == "mark" and c.lower_ in history for c in node.children):
            cue = history[next(c.lower_ for c in node.children if c.dep_ == "mark" and c.lower_ in history)]
            found.append((cue.status, cue.id))
        # "Since the 7 October attack, Israel has carried out airstrikes": a present perfect over a period that
        # began in the past (a year or month named, or an earlier act) is the record of a period, not news
        # (also where the event noun is what the verb did: "Since the attack, Israel has ramped up airstrikes")
        if _since_the_past(node, history) or (node is trigger and trigger.pos_ == "NOUN" and trigger.dep_ in
                                              ("dobj", "obj", "nsubjpass") and _since_the_past(node.head, history)):
            cue = history[SINCE]
            found.append((cue.status, cue.id))
        asked = _asked_by_noun(node, chain[depth - 1], intent_nouns) if depth > 0 else None
        if asked is not None:  # "calls to introduce martial law"
            found.append((asked.status, asked.id))
        if depth > 0 and chain[depth - 1].dep_ == "xcomp" and token_lemma(node) in UNREALIZED_HOSTS:
            # "has yet to strike a deal": not done (yet)
            cue = next((unrealized[c.lower_] for c in node.children if c.dep_ == "advmod" and c.lower_ in unrealized),
                       None)
            if cue is not None:
                found.append((cue.status, cue.id))
        if depth > 0 and token_lemma(node) == "be":
            # "the aim of the offensive is to force Armenia to agree": what an aim or a plan is, is intended
            aim = next((intent[token_lemma(c)] for c in node.children
                        if c.dep_ == "nsubj" and c.pos_ == "NOUN" and token_lemma(c) in intent), None)
            if aim is not None:
                found.append((aim.status, aim.id))
        neg = _negated(node, cues)
        if neg is None and (depth == 0 or chain[depth - 1].dep_ in ("xcomp", "conj")):
            neg = _negative_subject(node, cues)
        if neg and node.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
            negated = True
            found.append(("negated", neg))
        for child in node.children:
            lemma = token_lemma(child)
            if child.i == recoded_aux:
                continue
            if child.dep_ in ("aux", "auxpass") and (lemma in modal or child.lower_ in modal):
                cue = modal.get(lemma) or modal[child.lower_]
                found.append((cue.status, cue.id))
            elif child.dep_ == "advmod" and child.lower_ in modal_adverb:  # "possibly aided by Malaysia"
                cue = modal_adverb[child.lower_]
                found.append((cue.status, cue.id))
            elif child.dep_ == "mark" and child.lower_ in condition:
                cue = condition[child.lower_]
                found.append((cue.status, cue.id))
            elif child.dep_ in ("amod", "det") and node.pos_ == "NOUN" and child.lower_ in habitual and depth == 0:
                cue = habitual[child.lower_]
                found.append((cue.status, cue.id))
        # (a verb joined to the intent verb is its sibling, not what it intends: "urging restraint and expressing
        # willingness"; nor is a clause that says when or why: "appealed to the AU after Somalia attacked")
        if depth > 0 and node.i != recoded_aux and chain[depth - 1].dep_ != "conj" and not _adverbial(chain[depth - 1]):
            cue = intent.get(token_lemma(node)) or next(
                (c for c in intent_phrases if c.lemmas[0] == token_lemma(node) and any(
                    k.dep_ in ("prep", "prt") and k.lower_ == c.lemmas[1] for k in node.children)), None)
            if cue is not None and not _achieved(node, cues.status_cues("achieved")):
                found.append((cue.status, cue.id))
    # "Since May, both sides have traded barbs, with Thailand restricting crossings": an act told as part of a
    # period's record is that record's too
    above = _clause_verb(trigger)
    if above is not None and above not in chain and _since_the_past(above, history):
        cue = history[SINCE]
        found.append((cue.status, cue.id))
    purpose = _purpose(trigger, cues.status_cues("purpose"), cues.words("contact_verb") | cues.speech_verbs)
    if purpose is not None:  # "sent troops to attack the rebels": what the sending was for
        found.append((purpose.status, purpose.id))
    # Background phrases anywhere in the clause that holds the event.
    top = chain[-1]
    clause = [(token_lemma(t), t.lower_) for t in top.subtree if sent.start <= t.i < sent.end]
    present = {w for pair in clause for w in pair}
    for cue in cues.phrase_cues("background"):
        if cue.lemmas[0] in present and _phrase_in(clause, cue.lemmas):
            found.append((cue.status, cue.id))
            break
    if not found:
        return StatusReading("asserted", None, False)
    status, cue = min(found, key=lambda f: _ORDER.get(f[0], 9))
    return StatusReading(status, cue, negated)


def is_editorial(sent: Span, cues: Cues) -> str | None:
    """The id of the editorial pattern the sentence matches ("It is crucial for X to ..."), else None."""
    text = sent.text
    for cue_id, pattern in cues.editorial:
        if pattern.search(text):
            return cue_id
    return None
