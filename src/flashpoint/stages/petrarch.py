"""The PETRARCH/TABARI profile's own stages: PETRARCH verbs coded the way PETRARCH codes them (used only when
PETRARCH dictionaries are loaded; ``dictionaries.petrarch`` reads them and makes one trigger per verb, whose code
the core stages leave provisional).

* ``petrarch.discards``: mentions in discarded sentences are dropped (all of them for a discarded story);
* ``petrarch.verbs``: each PETRARCH verb is the one the word as written belongs to (PETRARCH's conjugations and
  listed forms: "left" is LEFT, not the lemma's LEAVE; a word that is no form of the verb is not coded); its code
  is its most specific matching pattern's, else its own (``[---]``: no event), see ``extract.petrarch_patterns``;
  ``[A:B]`` notes the reverse event B from target to source; a pattern's ``$`` and ``+`` name source and target;
* ``petrarch.outermost``: a verb inside another PETRARCH verb's "to" clause is coded once, by the outer verb;
* ``petrarch.arguments``: the source is Flashpoint's reading of the subject plus every actor the subject phrase
  names, one per conjunct, or the pattern's ``$``; the target the pattern's ``+``, else the first actor named in
  the verb phrase after the verb (through objects, prepositions, "that" clauses, reduced relatives and
  infinitives of purpose), which replaces Flashpoint's recipient (a passive keeps Flashpoint's reading);
* ``petrarch.roles``: every actor takes the code its date-bounded roles give on the article's date;
  composite codes ("FRO/BIL/SAM") become one actor each;
* ``petrarch.reverse``: ``[A:B]`` adds B from the target to the source, as a mention of its own.

Stacked agents ("An MSF Arnor diplomat" = NGOARNGOV) are read by the actor stage, as the PETRARCH actor
dictionary's phrase reading (``ActorDictionary.petrarch_phrases``) tells it.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from ..dictionaries.petrarch import NULL_CODE, TRIGGER_PREFIX, petrarch_event_code
from ..extract.petrarch_patterns import best_pattern
from ..merge.article import merge_actors
from ..nlp.syntax import is_passive
from ..resolve.actors import ActorContext, resolve_actor
from .state import ArticleState, Draft

# Per-mention notes the stages leave for each other (``Draft.notes``).
_REVERSE, _SLOTTED, _SOURCED = "petrarch.reverse", "petrarch.slotted", "petrarch.sourced"


def _is_petrarch_verb(draft: Draft) -> bool:
    return draft.mention.rule.startswith(TRIGGER_PREFIX)


def drop_discarded(state: ArticleState) -> None:
    """Stage ``petrarch.discards``."""
    petrarch = state.resources.petrarch
    if petrarch.story_discards and petrarch.discarded_story(state.article.text):
        state.keep(lambda draft: False)
        return
    state.keep(lambda draft: draft.mention is None or not petrarch.discarded_sentence(draft.mention.sentence))


def choose_verb_codes(state: ArticleState) -> None:
    """Stage ``petrarch.verbs``: each PETRARCH verb's code in its sentence, its most specific matching
    pattern's, else the verb's own (a verb coded [---] with no matching pattern is dropped); a pattern's ``$``
    and ``+`` slots name the source and the target."""
    petrarch, resources = state.resources.petrarch, state.resources
    if not petrarch.verbs:
        return
    doc = state.doc
    for draft in list(state.coded()):
        mention, head = draft.mention, draft.head
        if not _is_petrarch_verb(draft):
            continue
        entry_id = ".".join(mention.rule.split("/")[0].split(".")[:3])
        verb = petrarch.verbs.get(entry_id)
        if verb is None:
            continue
        written = petrarch.verbs.get(petrarch.stems.get(head.lower_, ""))
        if written is not None and head.lower_ not in verb.written_forms:
            # PETRARCH matches the word as written: "left" is the verb LEFT [032:033], not LEAVE [012],
            # which the lemma found
            verb = written
        if head.lower_ not in verb.written_forms:
            state.remove(draft.id)  # found by its lemma only ("departes"): PETRARCH does not know the word
            continue

        def parties(indices, skip, recipient):
            return len(_slot_actors(doc, indices, resources, recipient=recipient, skip=skip))

        match = best_pattern(verb, head, parties=parties)
        code = match.pattern.code if match is not None else verb.code
        main, _, reverse = code.partition(":")
        if main == NULL_CODE:
            state.remove(draft.id)
            continue
        mention.code = petrarch_event_code(resources.ontology, main)
        if reverse and reverse != NULL_CODE:
            draft.notes[_REVERSE] = reverse
        if match is not None:
            source = _slot_actors(doc, match.source, resources, recipient=False, skip=match.source_skip)
            target = _slot_actors(doc, match.target, resources, recipient=True, skip=match.target_skip)
            if source:
                mention.actors = source
                draft.notes[_SOURCED] = True
            elif target and _names_the_subject(head, match.target):
                # "X noted that Cirith Ungol regretted ..." [NOTED + *]: the verb's own subject is the target, so
                # the source is the subject of the clause the verb is said in
                mention.actors = _speaker(head.head, resources) if head.dep_ in _SAID_IN else []
                draft.notes[_SOURCED] = True
            if target:
                mention.recipients = target
                draft.notes[_SLOTTED] = True
            if mention.status == "negated" and match.pattern.negative:
                # "didn't clash over efforts" [904]: the pattern codes the negation itself
                mention.status = "asserted"


def keep_outermost_verbs(state: ArticleState) -> None:
    """Stage ``petrarch.outermost``: PETRARCH codes a verb phrase once, by its verb: a PETRARCH verb in the "to"
    clause of another one ("called on Gondor to be allowed to leave Lorien") is inside that verb's phrase, not
    an event of its own."""
    if not state.resources.petrarch.verbs:
        return
    heads = {d.head.i for d in state.coded() if _is_petrarch_verb(d)}

    def inside_another(draft: Draft) -> bool:
        token = draft.head
        while token.dep_ == "xcomp" and token.head.i != token.i:
            token = token.head
            if token.i in heads:
                return True
        return False

    state.keep(lambda d: d.mention is None or not (_is_petrarch_verb(d) and inside_another(d)))


def read_verb_arguments(state: ArticleState) -> None:
    """Stage ``petrarch.arguments``: PETRARCH's source and target of each PETRARCH verb. The target is the
    pattern's ``+`` slot, else the first actor named in the verb phrase, which replaces the recipient
    Flashpoint's rules found ("said" has no target in "..., officials said", where Flashpoint reads one from
    the reported clause); a passive verb keeps Flashpoint's reading (its subject is the target)."""
    resources = state.resources
    for draft in state.coded():
        mention, head = draft.mention, draft.head
        if not _is_petrarch_verb(draft) or draft.notes.get(_SLOTTED):
            continue
        passive = is_passive(head)
        if passive and not mention.actors:
            # "The Philippines was criticized over its dispute with Eriador": with no "by" agent
            # PETRARCH reads the subject as the source, like an active verb's
            passive = False
        if not passive and not draft.notes.get(_SOURCED):
            # PETRARCH's source: every actor its subject phrase names; Flashpoint's reading of it (offices,
            # titles) stays, and the actors it missed join ("Fornost and the evil awful Gondor")
            named = _petrarch_source(head, resources)
            if mention.actors:  # an agent word alone ("MSF" in "An MSF Arnor diplomat") is no more actor
                named = [a for a in named if a.country or a.id or a.code != a.sector]
            mention.actors = merge_actors([mention.actors, named])
        if not (passive and mention.recipients):
            mention.recipients = _petrarch_target(head, resources, mention.actors)
        if not mention.recipients and len(mention.actors) > 1:
            # "Gondor and Osgiliath delayed their meeting", "X and Y agree": a compound source acts
            # on itself, each member on the others (the evaluation drops X -> X)
            mention.recipients = list(mention.actors)


def apply_dated_roles(state: ArticleState) -> None:
    """Stage ``petrarch.roles``: each actor's code on the article's date; composite codes split."""
    petrarch, day = state.resources.petrarch, state.article.published
    for draft in state.coded():
        mention = draft.mention
        mention.actors = _split_composites([petrarch.dated(a, day) for a in mention.actors])
        mention.recipients = _split_composites([petrarch.dated(a, day) for a in mention.recipients])


def add_reverse_events(state: ArticleState) -> None:
    """Stage ``petrarch.reverse``: "[032:033]": the target does 033 to the source ("X arrived in Y" -> Y hosts X)."""
    ontology = state.resources.ontology
    for draft in list(state.coded()):
        reverse, mention = draft.notes.get(_REVERSE), draft.mention
        if reverse and mention.actors and mention.recipients:
            state.add(dataclasses.replace(
                draft, id=draft.id + ".reverse", notes={},
                mention=dataclasses.replace(
                    mention, actors=list(mention.recipients), recipients=list(mention.actors),
                    code=ontology.event_code(reverse), rule=mention.rule + "/reverse", responds_to=[])))


# Clauses a verb can be reported or embedded in ("noted that ... regretted"): their head's subject speaks.
_SAID_IN = frozenset({"ccomp", "xcomp", "advcl", "conj"})


def _speaker(verb: Token, resources) -> list:
    """The actors of ``verb``'s subject as Flashpoint reads the phrase ("Gondor's Prime Minister Falastur" is
    GONGOV), else as PETRARCH does (the first actor named in it)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    found = resolve_actor(subject, ActorContext(resources.actors, resources.cues)) if subject is not None else []
    return found or _petrarch_source(verb, resources)


def _names_the_subject(verb: Token, indices: tuple[int, ...]) -> bool:
    """Whether a pattern slot (its token indices) holds the verb's own subject."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(t.i in indices for s in subjects for t in s.subtree)


def _slot_actors(doc, indices, resources, *, recipient: bool, skip: int = 0) -> list:
    """The actors named first among ``indices`` (a pattern's ``$``, ``+`` or ``%`` slot), after passing over
    ``skip`` noun phrases that name one (``^``)."""
    if not indices:
        return []
    context = ActorContext(resources.actors, resources.cues)
    passed_until = -1
    for i in indices:
        if i <= passed_until:
            continue
        token = doc[i]
        if token.pos_ not in ("PROPN", "NOUN", "PRON"):
            continue
        found = resolve_actor(token, context, recipient=recipient)
        if not found:
            continue
        if skip:
            skip -= 1
            chunk = next((c for c in doc.noun_chunks if c.start <= i < c.end), None)
            passed_until = max(i, chunk.end - 1 if chunk is not None else i)
            continue
        return found
    return []


def _split_composites(actors: list) -> list:
    """"The Shire" [FRO/BIL/SAM]: one actor per code."""
    out = []
    for actor in actors:
        if "/" in (actor.code or ""):
            out.extend(dataclasses.replace(actor, code=c, country=None, id=None) for c in actor.code.split("/") if c)
        else:
            out.append(actor)
    return out


# Dependencies that leave the verb phrase: another clause's actors are not this verb's target. A "that" clause
# (ccomp), a reduced relative ("the roads leading into Mordor", acl) and an infinitive of purpose (see
# _purpose) are inside PETRARCH's verb phrase.
_OTHER_CLAUSE = frozenset({"advcl", "relcl", "parataxis", "csubj", "mark", "nsubj", "nsubjpass",
                           "expl", "appos", "npadvmod"})
_CLAUSE_SUBJECTS = frozenset({"nsubj", "nsubjpass"})




# Links a verb has to the verb whose subject it shares: "vowed to wage war", "was seen to break into".
_SHARED_SUBJECT = frozenset({"xcomp", "conj"})


def _petrarch_source(verb: Token, resources) -> list:
    """PETRARCH's source where Flashpoint's rules found none: the first actor named anywhere in the subject
    noun phrase ("Eriador's death toll has risen" -> Eriador; Flashpoint does not let a country's thing act)."""
    node = verb
    subject = None
    while node is not None:
        # the parser sometimes hangs the subject on the auxiliary: "The Philippines was ... criticized"
        holders = [node, *(c for c in node.children if c.dep_ in ("aux", "auxpass"))]
        subject = next((c for h in holders for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            break
        node = node.head if node.dep_ in _SHARED_SUBJECT and node.head.i != node.i else None
    if subject is None:
        return []
    context = ActorContext(resources.actors, resources.cues)
    # one actor for each conjunct, from the words that are its own: "Ithilen's sheep and goats of Gondor" is
    # Ithilen's sheep and Gondor's goats (a phrase after the last conjunct goes with it, wherever it hangs)
    parts = [subject, *subject.conjuncts]
    words: dict[int, list] = {p.i: [] for p in parts}
    last = max(parts, key=lambda p: p.i)
    for token in subject.subtree:
        owner = next((p for p in parts[1:] if token in p.subtree), None)
        if owner is None:
            owner = last if token.i > last.i else subject
        words[owner.i].append(token)
    found: list = []
    for part in parts:
        for token in words[part.i]:
            if token.pos_ in ("PROPN", "NOUN"):
                named = resolve_actor(token, context)
                if named:
                    found += [a for a in named if a not in found]
                    break
    return found


def _purpose(token) -> bool:
    """An infinitive of purpose ("signed an accord to supply Gondor with wheat"): inside the verb phrase."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
        and not any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in token.children)


def _petrarch_target(head: Token, resources, actors: list) -> list:
    """PETRARCH's target: the first actor named in the verb phrase after the verb (its object, or the
    object of a preposition, however deep in the phrase), not inside another clause."""
    context = ActorContext(resources.actors, resources.cues)
    own = {a.code for a in actors}
    frontier = [c for c in head.children if c.i > head.i and (c.dep_ not in _OTHER_CLAUSE or _purpose(c))]
    frontier.sort(key=lambda t: t.i)
    while frontier:
        token = frontier.pop(0)
        if token.pos_ in ("PROPN", "NOUN"):
            found = resolve_actor(token, context, recipient=True)
            for owner in (c for c in token.children if c.dep_ == "poss" and c.pos_ == "PROPN"):
                # "Gondor and Arnor's Elrond": the possessors are named too, as in PETRARCH's reading
                found = merge_actors([found, resolve_actor(owner, context, recipient=True)])
            if any(a.code not in own for a in found):
                # "Arnor and Gondor may spur reconciliation between Calenardhon and Gondor": both are targets
                # (the source-target pairs leave out Gondor -> Gondor)
                return found
        children = [c for c in token.children if (c.dep_ not in _OTHER_CLAUSE or _purpose(c)) and c.dep_ != "conj"
                    or (c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN"))
                    or (c.dep_ in _CLAUSE_SUBJECTS and token.dep_ in ("ccomp", "acl"))]  # "allowed that Mordor isn't"
        frontier = sorted(frontier + children, key=lambda t: t.i)
    return []
