"""PETRARCH verbs in a sentence, coded the way PETRARCH codes them (used only when PETRARCH dictionaries are
loaded; ``dictionaries.petrarch`` reads them and makes one trigger per verb, whose code is provisional).

For each PETRARCH verb the trigger stage found:

* the verb is the one the word as written belongs to (PETRARCH's conjugations and listed forms: "left" is LEFT,
  not the lemma's LEAVE; a word that is no form of the verb is not coded);
* its code is its most specific matching pattern's, else its own (``[---]``: no event), see
  ``extract.petrarch_patterns``; ``[A:B]`` adds the reverse event B from target to source;
* its source is Flashpoint's reading of the subject plus every actor the subject phrase names, one per conjunct,
  or the pattern's ``$``; its target the pattern's ``+``, else the first actor named in the verb phrase after the
  verb (through objects, prepositions, "that" clauses, reduced relatives and infinitives of purpose), which
  replaces Flashpoint's recipient (a passive keeps Flashpoint's reading);
* a verb inside another PETRARCH verb's "to" clause is coded once, by the outer verb.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

from ..dictionaries.petrarch import NULL_CODE, TRIGGER_PREFIX, PetrarchResources, petrarch_event_code
from ..merge.article import merge_actors
from ..resolve.actors import ActorContext, resolve_actor
from ..nlp.syntax import is_passive
from .petrarch_patterns import best_pattern

__all__ = ["code_petrarch_verbs"]


def code_petrarch_verbs(petrarch: PetrarchResources, mentions: list, article, doc: Doc, offset: int,
                        resources) -> list:
    """The mentions of one article's ``doc`` (``offset``: where the parsed body starts in the article) as
    PETRARCH dictionaries code them: mentions in discarded sentences dropped (all of them for a discarded
    story), each PETRARCH verb coded by its patterns with its source and target found the way PETRARCH does,
    and every actor given the code its PETRARCH roles give on the article's date.

    PETRARCH's target is the pattern's ``+`` slot, else the first actor named in the verb phrase, which
    replaces the recipient Flashpoint's rules found ("said" has no target in "..., officials said", where
    Flashpoint reads one from the reported clause); a passive verb keeps Flashpoint's reading (its subject
    is the target)."""
    if petrarch.story_discards and petrarch.discarded_story(article.text):
        return []
    kept = [m for m in mentions if not petrarch.discarded_sentence(m.sentence)]
    reverses: dict[int, str] = {}
    slotted: set[int] = set()
    sourced: set[int] = set()
    by_char = {t.idx: t for t in doc}  # a mention's trigger head, by its offset in the parsed body
    if petrarch.verbs:
        kept = _choose_codes(petrarch, kept, doc, by_char, offset, resources, reverses, slotted, sourced)
        kept = _outermost_verbs(kept, by_char, offset)
    day = article.published
    for mention in kept:
        head = by_char.get(mention.trigger_start - offset)
        if head is not None and mention.rule.startswith(TRIGGER_PREFIX) and id(mention) not in slotted:
            passive = is_passive(head)
            if passive and not mention.actors:
                # "The Philippines was criticized over its dispute with Eriador": with no "by" agent
                # PETRARCH reads the subject as the source, like an active verb's
                passive = False
            if not passive and id(mention) not in sourced:
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
        mention.actors = _split_composites([petrarch.dated(a, day) for a in mention.actors])
        mention.recipients = _split_composites([petrarch.dated(a, day) for a in mention.recipients])
    for mention in list(kept):
        reverse = reverses.get(id(mention))
        if reverse and mention.actors and mention.recipients:
            # "[032:033]": the target does 033 to the source ("X arrived in Y" -> Y hosts X)
            kept.append(dataclasses.replace(
                mention, actors=list(mention.recipients), recipients=list(mention.actors),
                code=resources.ontology.event_code(reverse), rule=mention.rule + "/reverse",
                responds_to=[]))
    return kept


def _choose_codes(petrarch: PetrarchResources, mentions: list, doc: Doc, by_char: dict[int, Token], offset: int,
                  resources, reverses: dict[int, str], slotted: set[int], sourced: set[int]) -> list:
    """Each PETRARCH verb's code in its sentence: its most specific matching pattern's, else the verb's
    own (a verb coded [---] with no matching pattern is dropped); a pattern's ``$`` and ``+`` slots name
    the source and the target. ``reverses`` gets the second code of ``[A:B]`` per mention, ``slotted`` and
    ``sourced`` the mentions whose target / source a pattern slot named."""
    out = []
    for mention in mentions:
        if not mention.rule.startswith(TRIGGER_PREFIX):
            out.append(mention)
            continue
        entry_id = ".".join(mention.rule.split("/")[0].split(".")[:3])
        verb = petrarch.verbs.get(entry_id)
        head = by_char.get(mention.trigger_start - offset)
        if verb is None or head is None:
            out.append(mention)
            continue
        written = petrarch.verbs.get(petrarch.stems.get(head.lower_, ""))
        if written is not None and head.lower_ not in verb.written_forms:
            # PETRARCH matches the word as written: "left" is the verb LEFT [032:033], not LEAVE [012],
            # which the lemma found
            verb = written
        if head.lower_ not in verb.written_forms:
            continue  # found by its lemma only ("departes"): PETRARCH does not know the word

        def parties(indices, skip, recipient):
            return len(_slot_actors(doc, indices, resources, recipient=recipient, skip=skip))

        match = best_pattern(verb, head, parties=parties)
        code = match.pattern.code if match is not None else verb.code
        main, _, reverse = code.partition(":")
        if main == NULL_CODE:
            continue
        mention.code = petrarch_event_code(resources.ontology, main)
        if reverse and reverse != NULL_CODE:
            reverses[id(mention)] = reverse
        if match is not None:
            source = _slot_actors(doc, match.source, resources, recipient=False, skip=match.source_skip)
            target = _slot_actors(doc, match.target, resources, recipient=True, skip=match.target_skip)
            if source:
                mention.actors = source
                sourced.add(id(mention))
            elif target and _names_the_subject(head, match.target):
                # "X noted that Cirith Ungol regretted ..." [NOTED + *]: the verb's own subject is the target, so
                # the source is the subject of the clause the verb is said in
                mention.actors = _speaker(head.head, resources) if head.dep_ in _SAID_IN else []
                sourced.add(id(mention))
            if target:
                mention.recipients = target
                slotted.add(id(mention))
            if mention.status == "negated" and match.pattern.negative:
                # "didn't clash over efforts" [904]: the pattern codes the negation itself
                mention.status = "asserted"
        out.append(mention)
    return out


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


def _outermost_verbs(mentions: list, by_char: dict[int, Token], offset: int) -> list:
    """PETRARCH codes a verb phrase once, by its verb: a PETRARCH verb in the "to" clause of another one
    ("called on Gondor to be allowed to leave Lorien") is inside that verb's phrase, not an event of its own."""
    heads = {m.trigger_start - offset for m in mentions if m.rule.startswith(TRIGGER_PREFIX)}

    def inside_another(mention) -> bool:
        token = by_char.get(mention.trigger_start - offset)
        while token is not None and token.dep_ == "xcomp" and token.head is not token:
            token = token.head
            if token.idx in heads:
                return True
        return False

    return [m for m in mentions if not (m.rule.startswith(TRIGGER_PREFIX) and inside_another(m))]


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
        node = node.head if node.dep_ in _SHARED_SUBJECT and node.head is not node else None
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
