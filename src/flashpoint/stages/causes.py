"""Stage ``causes``: harm with a non-human cause is no political event.

"An earthquake killed eight", "a gas explosion kills 8", "fifteen were killed when a fireworks warehouse
exploded", "a dozen people were killed in a plane crash": natural hazards, fire, disease and accidents
(``data/cues/causes.tsv``) hurt people too, and nobody did it to them. A mention is dropped when its cause is
such a thing and no person, group or weapon is named for it:

* its agent is a cause: the subject of its trigger (or of the clause a participle trigger hangs on: "a tsunami
  slammed into the coast, killing 43"), its 'by' agent, or its trigger noun's own phrase ("a gas explosion", "a
  blast at a chemical plant"); any event type ("a massive earthquake hit Afghanistan", "fields surrounded by
  floods");
* a harm event (``victim_event``: ASSAULT) that names no attacker ("five were killed ...") has a cause in its
  'in'/'from'/'of'/'after' phrase ("killed in a plane crash") or in a 'when'/'after'/'as' clause it hangs on
  ("injured when a boiler exploded", "killed as their bus overturned");
* a response (``response``: a state of emergency, a curfew, closures, troops sent) whose sentence names a
  disaster and no unrest: "declared a state of emergency after floods swept the province"; a state of emergency
  or curfew also when the sentence before names one ("Fires are burning across the state. The government
  declared a state of emergency."), as long as neither names unrest (a weapon, an attack, a protest);
* what says the same accident again: a harm that names no attacker in a sentence whose harm was dropped and which
  names no weapon ("fifteen were killed and a dozen injured when a warehouse exploded"); a definite "the
  explosion" / "the fire" within two sentences of a mention of that word dropped for its cause, and what it is
  the agent or cause of ("... an explosion ripped through a fireworks factory. The explosion killed 12").

Dropped mentions are logged (DEBUG) with the row of ``causes.tsv`` that decided it.

How a cause counts depends on its role (``causes.tsv``): an agent (earthquake, flood, crash, COVID-19) counts
anywhere; a weak one (fire, poisoning) only when no person or group qualifies it ("killed by Israeli fire" is
gunfire); a site (boiler, gas cylinder, chemical plant) only when it goes off itself ("the boiler exploded", "a
blast at a chemical plant"); an object (building, bus) only in a mishap ("the building collapsed", "the bus
overturned"). A weapon (``means.tsv``) named in the cause's phrase or clause, or a person in its 'by' phrase,
makes it an attack: "a bomb explosion", "an explosion set off by militants", "a fire set by rioters".
"""

from __future__ import annotations

import logging

from spacy.tokens import Span, Token

from ..dictionaries.harm import Cause, HarmTables
from ..nlp.syntax import is_passive
from .modes import phrase_tokens
from .state import ArticleState, Draft

logger = logging.getLogger(__name__)

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
NAMED = frozenset({"PERSON", "NORP", "ORG", "GPE"})  # entity types that name people or groups
RELATIVE_TAGS = frozenset({"WDT", "WP"})  # "which", "that", "who"
FOLLOW_UP_SENTENCES = 2  # how far "the explosion" may stand from the explosion it names again


class _Reader:
    """The cause tests over one article's state."""

    def __init__(self, state: ArticleState, harm: HarmTables) -> None:
        self.state, self.harm = state, harm
        self.actors = state.resources.actors
        self.outcome_only = state.resources.cues.outcomes.get("trigger", frozenset())  # outcomes.tsv
        self.troubled = self._troubled()

    def _troubled(self) -> set[int]:
        """The sentences that name unrest: an attack, a protest, a threat other than a harm that names no one
        ("five were killed" is no unrest of its own; "died" never is)."""
        unrest = self.harm.kind("unrest_event")
        return {d.sentence_index for d in self.state.coded() if d.mention.code.event in unrest
                and (d.match is None or d.match.entry.id not in self.outcome_only)
                and (d.mention.actors or d.mention.code.event not in self.harm.kind("victim_event"))}

    # ------------------------------------------------------------------ phrases

    def _tokens(self, token: Token, *, clauses: bool = False) -> list[Token]:
        """The phrase of ``token`` in text order (with its clauses when ``clauses``: 'set by rioters')."""
        if clauses:
            return sorted(token.subtree, key=lambda t: t.i)
        doc = token.doc
        return [doc[i] for i in sorted(phrase_tokens(token, frozenset()))]

    def _weapon(self, tokens: list[Token]) -> bool:
        return bool(self.harm.weapons_and_causes(tokens)[0])

    def _someone(self, tokens: list[Token]) -> bool:
        """Whether a person or group is named among ``tokens``: a name, or a word of the actor dictionary."""
        for token in tokens:
            if token.ent_type_ in NAMED:
                return True
            if token.pos_ in ("NOUN", "PROPN") and (self.actors.sector(token.text) is not None
                                                     or self.actors.lookup(token.text) is not None):
                return True
        return False

    def _agents_in(self, tokens: list[Token]) -> list[Token]:
        """The objects of 'by' agents among ``tokens`` ("set off by militants")."""
        return [g for t in tokens if t.dep_ == "agent" for g in t.children if g.dep_ == "pobj"]

    def _roles(self, tokens: list[Token], *, within: list[Token] | None = None) -> dict[str, list[Cause]]:
        """The causes.tsv rows matched in ``tokens``, by role; with ``within``, the phrases read in ``within``
        that hold one of ``tokens`` ("gas explosion" for the head "explosion")."""
        found: dict[str, list[Cause]] = {}
        keep = {t.i for t in tokens}
        for match in self.harm.weapons_and_causes(within if within is not None else tokens)[1]:
            if not any(t.i in keep for t in match.tokens):
                continue
            for row in match.rows:
                found.setdefault(row.role, []).append(row)
        return found

    def _agented(self, tokens: list[Token]) -> bool:
        """Whether a 'by' phrase among ``tokens`` names someone or something that is no cause."""
        for agent in self._agents_in(tokens):
            phrase = self._tokens(agent)
            if self._someone(phrase) or not self._roles(phrase):
                return True
        return False

    def phrase_cause(self, token: Token, verb: Token | None = None, *, by_agent: bool = False) -> Cause | None:
        """The cause ``token``'s phrase names, when it is one: ``verb`` is the word it is the subject of (a
        burst or mishap word makes sites and objects causes), or with ``by_agent`` the harm it is the 'by' agent
        of (a vehicle running into something)."""
        tokens = self._tokens(token, clauses=True)
        if self._weapon(tokens) or self._agented(tokens):
            return None
        own = self._tokens(token)
        roles = self._roles(own)
        # an agent is the phrase itself, not a word qualifying it: "floods", "flooded fields", "heavy rains and
        # floods", but not "earthquake survivors", "the fire brigade"
        heads = {t.i for t in [token, *token.conjuncts]}
        heads |= {c.i for i in list(heads) for c in token.doc[i].children if c.dep_ == "amod"}
        main = self._roles([token.doc[i] for i in sorted(heads)], within=own)
        if main.get("agent"):
            return main["agent"][0]
        if main.get("weak") and not self._someone(own):
            return main["weak"][0]
        verb_roles = self._roles([verb]) if verb is not None else {}
        # the phrase's own word says it went off: "a boiler explosion", "a blast at a chemical plant"
        head_roles = self._roles([token])
        if roles.get("site") and (verb_roles.get("burst") or verb_roles.get("mishap") or head_roles.get("burst")):
            return roles["site"][0]
        if roles.get("object") and verb_roles.get("mishap"):
            return roles["object"][0]
        # whose vehicle it is: "a police truck", "the army's bus" (not where it was: "a bus in Nairobi")
        owners = [c for c in token.subtree if c.dep_ in ("compound", "amod", "poss", "nmod") and c.head == token]
        if roles.get("collider") and (verb_roles.get("mishap") or by_agent) and not self._someone(owners):
            return roles["collider"][0]
        return None

    def clause_cause(self, verb: Token, depth: int = 0) -> Cause | None:
        """The cause a clause names ("when a boiler exploded", "after the volcano erupted", "as their bus
        overturned"): its subject, its 'by' agent, its cause phrases, the clauses it hangs on in turn."""
        if self._weapon(self._tokens(verb, clauses=True)):
            return None
        for child in verb.children:
            if child.dep_ in SUBJECTS or child.dep_ in PASSIVE_SUBJECTS:
                found = self.phrase_cause(child, verb)
                if found is not None:
                    return found
                if child.dep_ in SUBJECTS:
                    return None  # someone or something else did it
        for agent in (g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"):
            return self.phrase_cause(agent)
        found = self.prep_cause(verb)
        if found is not None:
            return found
        return self.marked_cause(verb, depth + 1) if depth < 2 else None

    def prep_cause(self, head: Token) -> Cause | None:
        """A cause in the head's cause phrases: 'killed in a plane crash', 'died of COVID-19'."""
        for obj in self._prep_objects(head, self.harm.kind("cause_prep")):
            found = self.phrase_cause(obj)
            if found is not None:
                return found
        return None

    def marked_cause(self, head: Token, depth: int = 0) -> Cause | None:
        """A cause in a 'when'/'after'/'as' clause hanging on the head."""
        marks = self.harm.kind("cause_mark")
        for clause in head.children:
            # spaCy makes "when" an advmod of the clause, "after" and "as" its mark
            if clause.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in marks
                                              for c in clause.children):
                found = self.clause_cause(clause, depth)
                if found is not None:
                    return found
        return None

    def _prep_objects(self, head: Token, preps: frozenset[str]) -> list[Token]:
        """Objects of the head's prepositions among ``preps`` ('due to' written with a space: 'due' then 'to')."""
        found = []
        for child in head.children:
            if child.dep_ not in ("prep", "agent"):
                continue
            words = {child.lower_, f"{child.head.lower_} {child.lower_}"}
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            # "because of X": spaCy hangs "of" on "because"
            for grand in child.children:
                if grand.dep_ == "pcomp" or grand.dep_ == "prep":
                    words.add(f"{child.lower_} {grand.lower_}")
                    objects += [g for g in grand.children if g.dep_ == "pobj"]
            if words & preps:
                found.extend(objects)
        return found

    # ------------------------------------------------------------------ mentions

    def agent_cause(self, draft: Draft) -> Cause | None:
        """The cause when it is the mention's agent: its subject (or its clause's, for a participle trigger),
        its 'by' agent, or its trigger noun's own phrase."""
        head = draft.head
        if head.pos_ in ("NOUN", "PROPN"):
            found = self.phrase_cause(head) or self.burst_site(head)
            if found is not None:
                return found
            if self._weapon(self._tokens(head, clauses=True)):
                return None
        if head.i > 1 and head.pos_ == "VERB":
            # "flood-hit areas", "in Earthquakes hit areas": a cause written right before the harm as its compound
            # (the parse may give the verb a subject from further away); not the object of another verb ("fleeing
            # the floods hit the town" is no such compound)
            before = head.doc[head.i - 2] if head.doc[head.i - 1].text == "-" else head.doc[head.i - 1]
            found = self._roles([before]).get("agent")
            if found and before.pos_ in ("NOUN", "PROPN") and before.dep_ != "dobj":
                return found[0]
        subjects = [c for c in head.children if c.dep_ in SUBJECTS]
        if not subjects and head.dep_ in ("advcl", "xcomp", "acl", "conj") and head.tag_ in ("VBG", "VBN", "VBD"):
            subjects = [c for c in head.head.children if c.dep_ in SUBJECTS]
            host = head.head
            if not subjects and head.dep_ == "acl" and head.i > 0 and head.doc[head.i - 1].text == ",":
                # "rainfall has caused flooding in many provinces, forcing thousands to leave": the parse hangs the
                # participle on the last noun; after a comma it is the clause's, whose subject did it
                while host.pos_ not in ("VERB", "AUX") and host.head.i != host.i:
                    host = host.head
                subjects = [c for c in host.children if c.dep_ in SUBJECTS]
        # "wildfires that have forced the evacuation": a relative pronoun stands for the noun the clause qualifies
        subjects = [head.head if s.tag_ in RELATIVE_TAGS and head.dep_ == "relcl" else s for s in subjects]
        for subject in subjects:
            found = self.phrase_cause(subject, head)
            if found is not None:
                return found
        for agent in (g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"):
            found = self.phrase_cause(agent, head, by_agent=True)
            if found is not None:
                return found
        # "the warehouse exploded": the trigger is the burst word, its passive or active subject the site
        for subject in (c for c in head.children if c.dep_ in PASSIVE_SUBJECTS):
            if self._roles([head]).get("burst") or self._roles([head]).get("mishap"):
                found = self.phrase_cause(subject, head)
                if found is not None:
                    return found
        return None

    def burst_site(self, noun: Token) -> Cause | None:
        """"An explosion ripped through a fireworks factory": a burst noun whose verb places it at a site."""
        if not self._roles([noun]).get("burst") or noun.dep_ not in SUBJECTS:
            return None
        verb = noun.head
        if self._weapon(self._tokens(verb, clauses=True)) or self._agented(self._tokens(noun, clauses=True)):
            return None
        for place in self._prep_objects(verb, self.harm.kind("site_prep")):
            site = self._roles(self._tokens(place)).get("site")
            if site:
                return site[0]
        return None

    def victim_cause(self, draft: Draft) -> Cause | None:
        """For a harm mention that names no attacker: a cause in its cause phrases or clauses."""
        if draft.mention.code.event not in self.harm.kind("victim_event"):
            return None
        # a word that reports only an outcome ("died", "dead") names its victim, never an attacker
        if draft.mention.actors and draft.match.entry.id not in self.outcome_only:
            return None
        head = draft.head
        # "five were killed and 20 injured in a stampede": coordinated verbs share their cause
        heads = [head, *(c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
        if head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
            heads.append(head.head)
        for verb in heads:
            found = self.prep_cause(verb) or self.marked_cause(verb)
            if found is not None:
                return found
        # "several were injured ... as rescuers were sent after the volcano erupted": the harm's own clauses name
        # no cause, but its sentence names a disaster (an agent: "fire" may be gunfire) and no weapon; the harm
        # only reports victims (a passive or an outcome word, not "fired into"), and nobody is named for it
        reports_victims = is_passive(head) or draft.match.entry.id in self.outcome_only
        if draft.sentence_index not in self.troubled and reports_victims:
            return self.names_disaster(draft.sentence, agents_only=True)
        return None

    def names_disaster(self, sent: Span, *, agents_only: bool = False) -> Cause | None:
        """A disaster named in the sentence, when no weapon is: an agent, or (unless ``agents_only``) an
        unqualified weak cause."""
        weapons, causes = self.harm.weapons_and_causes(list(sent))
        if weapons:
            return None
        for match in causes:
            if match.tokens[-1].dep_ == "compound":
                continue  # a word qualifying another: "the fire brigade", "flood relief"
            for row in match.rows:
                if row.role == "agent" or (row.role == "weak" and not agents_only and not self._someone(
                        [t for t in match.tokens[-1].subtree])):
                    return row
        return None


def drop_nonhuman_causes(state: ArticleState) -> None:
    harm = state.resources.cues.harm
    if harm is None or not len(harm.causes):
        return
    reader = _Reader(state, harm)
    dropped: list[Draft] = []
    for draft in list(state.coded()):
        if draft.match is None:
            continue
        cause = reader.agent_cause(draft) or reader.victim_cause(draft)
        if cause is not None:
            _drop(state, draft, cause.id)
            dropped.append(draft)
    _drop_same_sentence(state, reader, dropped)
    _drop_responses(state, reader)
    _drop_follow_ups(state, reader, dropped)


def _drop_same_sentence(state: ArticleState, reader: _Reader, dropped: list[Draft]) -> None:
    """"Fifteen were killed and a dozen injured when a warehouse exploded": a harm that names no attacker, in a
    sentence whose harm was dropped for its cause and which names no weapon, is the same accident."""
    sentences = {d.sentence_index: d for d in dropped}
    victims = reader.harm.kind("victim_event")
    for draft in list(state.coded()):
        earlier = sentences.get(draft.sentence_index)
        if earlier is None or draft.match is None or draft.mention.code.event not in victims \
                or draft.mention.actors or reader._weapon(list(draft.sentence)):
            continue
        _drop(state, draft, "with:" + earlier.id)


def _drop(state: ArticleState, draft: Draft, why: str) -> None:
    logger.debug("article %s: %s (%s) dropped: non-human cause %s", state.article.id, draft.id,
                 draft.mention.rule, why)
    state.remove(draft.id)


def _responds(draft: Draft, responses: frozenset[str]) -> bool:
    code = draft.mention.code
    return code.event in responses or f"{code.event}:{code.mode}" in responses


def _drop_responses(state: ArticleState, reader: _Reader) -> None:
    harm = reader.harm
    responses, unrest = harm.kind("response"), harm.kind("unrest_event")
    sentences = list(state.doc.sents)
    troubled = {d.sentence_index for d in state.coded() if d.mention.code.event in unrest
                and (d.match is None or d.match.entry.id not in reader.outcome_only)}  # "died" is no unrest
    for draft in list(state.coded()):
        if draft.match is None or not _responds(draft, responses) or draft.sentence_index in troubled:
            continue
        cause = reader.names_disaster(draft.sentence)
        if cause is None and draft.mention.code.mode == "curfew" and draft.sentence_index > 0 \
                and draft.sentence_index - 1 not in troubled:
            cause = reader.names_disaster(sentences[draft.sentence_index - 1])
        if cause is not None:
            _drop(state, draft, cause.id)


def _drop_follow_ups(state: ArticleState, reader: _Reader, dropped: list[Draft]) -> None:
    """"The explosion killed 12 workers" after an explosion dropped for its cause: a definite noun of the dropped
    word, within two sentences, that names no weapon, and the mentions it is the agent or cause of."""
    lemmas = {d.head.lemma_.lower(): d for d in dropped}
    if not lemmas:
        return
    # "a furnace exploded ... The explosion occurred at ...": a burst word names again any burst dropped before
    bursts = [d for d in dropped if reader._roles([d.head]).get("burst")]
    again: set[int] = set()
    for index, sent in enumerate(state.doc.sents):
        for token in sent:
            earlier = lemmas.get(token.lemma_.lower())
            if earlier is None and bursts and token.pos_ == "NOUN" and reader._roles([token]).get("burst"):
                earlier = bursts[-1] if bursts[-1].head.i < token.i else None
            if earlier is None or token.pos_ not in ("NOUN", "PROPN") or token.i <= earlier.head.i \
                    or index - earlier.sentence_index > FOLLOW_UP_SENTENCES:
                continue
            if _definite(token) and not reader._weapon(list(token.subtree)):
                again.add(token.i)
    if not again:
        return
    for draft in list(state.coded()):
        if draft.match is None:
            continue
        head = draft.head
        near = [head, *(c for c in head.children if c.dep_ in SUBJECTS),
                *reader._prep_objects(head, reader.harm.kind("cause_prep"))]
        if any(t.i in again for t in near):
            earlier = lemmas.get(near[0].lemma_.lower())
            _drop(state, draft, "follows:" + earlier.id if near[0].i in again and earlier is not None else "follows")


def _definite(token: Token) -> bool:
    """"the explosion", "this blast": a determiner that points back."""
    return any(c.dep_ == "det" and (c.morph.get("Definite") == ["Def"] or c.morph.get("PronType") == ["Dem"])
               for c in token.children)
