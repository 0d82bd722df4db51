"""Read a trigger's arguments off the dependency parse: who acts, on whom, and which verb's clause holds
the time and place.

Verbs: the subject acts and the object receives; in the passive the "by" phrase acts and the subject
receives; an infinitive or participle without a subject borrows the subject of the verb it hangs from
("Iran vowed to retaliate"); a relative clause acts through the noun it describes ("militants who attacked").
Event nouns: the possessive or a name before the noun acts ("Iran's strikes", "Israeli air strikes"), so does
a "by" phrase; "against/on ..." receives; a light verb lends its subject and clause ("Pakistan's military
conducted strikes"). "between X and Y" makes X and Y each other's counterpart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..dictionaries.cues import Cues, load_cues
from ..nlp.syntax import (OBJECTS, PASSIVE_SUBJECTS, PCOMP_PREPS, SUBJECTS, agent, children, cue_words,
                          gerund_as_noun, is_passive, passive_subjects_of, prep_objects, subject_of, token_lemma)
from .triggers import TriggerMatch

# Determiners that make an event noun point back at an event already reported ("the", "this", "such"): the cue
# table's "definite" words, here for the stages that import the name (the rules below read the Coder's cues).
DEFINITE = load_cues().words("definite")


@dataclass
class Arguments:
    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    reciprocal: bool = False  # "talks between X and Y": every actor is also a recipient
    clause: Token | None = None  # the verb whose clause holds the event's time and place
    definite: bool = False  # a definite event noun: may refer back to an event already reported


def _names_anyone(tokens: list[Token]) -> bool:
    """Whether a name is among ``tokens`` (a sum of money or a date is no party)."""
    return any(t.ent_type_ in NAME_TYPES for t in tokens)


def _nested_names(tokens: list[Token], preps: frozenset[str], depth: int = 2) -> list[Token]:
    """Names reached from ``tokens`` through "of", "for" and the event's prepositions, at most ``depth``
    phrases down: "suspended part of a military aid program for Bosnia", "provide 70 million dollars of aid
    for Romania and Poland", "mobilized reservists for a war against Iraq". For events whose object is a
    thing that names nobody."""
    found: list[Token] = []
    frontier = list(tokens)
    for _ in range(depth):
        below = [obj for token in frontier for obj in prep_objects(
            token, frozenset({"of"}) if token_lemma(token) in cue_words("departure_noun")
            else preps | {"of", "for", "with"})]
        for obj in below:
            for t in [obj, *obj.conjuncts]:
                # a name, or a thing a name qualifies ("the computers of South Korean army officers")
                # ... also through a participle: "the US-led war", "Iranian-backed militias"
                qualified = any((c.ent_type_ in NAME_TYPES or c.dep_ == "amod" and c.tag_ == "VBN" and any(
                    g.ent_type_ in NAME_TYPES for g in c.children)) and c.dep_ in ("amod", "compound", "poss")
                                for c in t.children if c.i < t.i)
                if (t.ent_type_ in NAME_TYPES or qualified) and t not in found:
                    found.append(t)
        if found:
            return found
        frontier = below
    return found


def _carriers(prep: str) -> frozenset[str]:
    """Verbs whose subject takes part in the event noun of their ``prep`` phrase ("arrived for talks")."""
    # (argument_words kinds carrier_in, carrier_as, carrier_on; a 'for' phrase is a purpose, a 'to' phrase what a
    # verb like "resort" turns to)
    kind = {"for": "purpose_verb", "to": "gerund_to_verb"}.get(prep, f"carrier_{prep}")
    return cue_words(kind)


NAME_TYPES = {"GPE", "NORP", "ORG", "PERSON", "LOC"}


def _authors(noun: Token) -> list[Token]:
    """Who a proposal, demand or offer comes from: its possessor, a name before it or its "from" phrase
    ("North Korea's demand", "an Indian proposal", "a U.S. request", "an offer from Afghanistan")."""
    found = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    found += [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i
              and c.ent_type_ in NAME_TYPES]
    if token_lemma(noun) not in cue_words("departure_noun"):  # a withdrawal "from X" leaves X
        found += [t for t in prep_objects(noun, frozenset({"from"})) if t.ent_type_ in NAME_TYPES or any(
            c.ent_type_ in NAME_TYPES for c in t.children if c.i < t.i)]
    return found


# Prepositions of a protest's purpose that name what it is against ("to protest against X", "in protest at X").
PROTEST_PURPOSE_PREPS = frozenset({"against", "at", "over", "of"})


def _protest_purpose(nodes: list[Token]) -> list[Token]:
    """What a protest is for, when its own phrases name nobody: the object of an infinitive of purpose on the
    trigger or its verb ("began a hunger strike to protest Sweden's decision"), or of "in protest of/at X"
    ("a strike in protest of the Russian government's refusal"); the words are the cue table's
    "protest_purpose". The recipient is then whoever that object belongs to."""
    found: list[Token] = []
    for node in nodes:
        if node.dep_ == "pobj" and node.head.lower_ == "in" and token_lemma(node) in cue_words("protest_purpose"):
            found += prep_objects(node, PROTEST_PURPOSE_PREPS)  # the trigger is "protest" in "in protest of"
        for child in node.children:
            if child.dep_ in ("advcl", "acl", "xcomp") and child.pos_ == "VERB" \
                    and token_lemma(child) in cue_words("protest_purpose") \
                    and (child.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)):
                # "to protest X", "calling for X", "to show their disapproval for X's policies"
                objects = children(child, OBJECTS)
                found += objects + prep_objects(child, PROTEST_PURPOSE_PREPS | {"for"})
                found += [t for obj in objects for t in prep_objects(obj, PROTEST_PURPOSE_PREPS | {"for", "from"})]
            elif child.dep_ == "prep" and child.lower_ == "in":
                for obj in children(child, {"pobj"}):
                    if token_lemma(obj) in cue_words("protest_purpose"):
                        found += prep_objects(obj, PROTEST_PURPOSE_PREPS)
    return found


def _condition_subjects(verb: Token, cues: Cues) -> list[Token]:
    """The subjects of an "unless" / "if" clause on the verb or on the act it governs ("threatened to stop
    the talks if the United States goes ahead"): the party the threat is aimed at."""
    conditions = cues.status_cues("condition")
    found: list[Token] = []
    for node in [verb, *children(verb, {"xcomp"})]:
        for clause in children(node, {"advcl"}):
            if any(c.dep_ == "mark" and c.lower_ in conditions for c in clause.children):
                found += [t for t in children(clause, SUBJECTS) if t.pos_ in ("PROPN", "NOUN")]
    return found


def _named_targets(verb: Token, preps: frozenset[str], cues: Cues, depth: int = 3, *,
                   said: bool = False, topics: frozenset[int] = frozenset()) -> list[Token]:
    """Named parties in the infinitive a verb governs: its object and the objects of its prepositions (the
    event's and the cue table's "infinitive_prep": "with", "from", "in", ...), and the prepositions of that object
    ("threatened to break off relations with Congo"); names only, or a collective pair ("either country"). Where
    the infinitive names nobody, the next one down its chain of purposes ("willing to send material to help defend
    Saudi Arabia"). ``said``: also in the clause the verb says ("warned he would not make a deal with either
    country"). ``topics``: acts talked about, whose own phrases name none of the verb's parties."""
    infinitive_preps = preps | cues.words("infinitive_prep")
    found: list[Token] = []
    said_clauses = children(verb, {"ccomp"}) if said else []
    for clause in children(verb, {"xcomp"}) + [c for c in children(verb, {"advcl"}) if _to_infinitive(c)] \
            + said_clauses:
        if clause.pos_ not in ("VERB", "AUX"):
            continue
        # "vowed to retaliate for Israel's strike on its consulate in Syria": an answer is aimed at whoever did the
        # act it answers (its author, below), never at the places or victims of that act
        answered = _answered_acts(clause, cues)
        objects = [t for t in children(clause, OBJECTS) if t.i not in topics]
        candidates = objects + prep_objects(clause, infinitive_preps)
        for obj in objects:
            if obj not in answered:
                candidates += prep_objects(obj, infinitive_preps)
                candidates += _between(obj)  # "ready to host a meeting between Israel and the PLO"
        if not any(t.ent_type_ in NAME_TYPES for t in candidates):
            # "agreed to provide 70 million dollars of aid for Romania": deeper in the object's phrases
            candidates += _nested_names([t for t in candidates if t not in answered], infinitive_preps)
        for token in candidates:
            for t in [token, *token.conjuncts]:
                if (t.ent_type_ in NAME_TYPES or _pair_phrase(t, cues)) and t not in found:
                    found.append(t)
                elif not t.ent_type_:  # "refused to respond to a demand from the US President": its author
                    found += [a for a in _authors(t) if a not in found]
        if not found and depth > 1:
            found += [t for t in _named_targets(clause, preps, cues, depth - 1, topics=topics) if t not in found]
    return found


def _answered_acts(verb: Token, cues: Cues) -> list[Token]:
    """The acts a verb of answering answers (data/cues/response.tsv kind verb): its 'for' or 'to' phrase
    ("retaliate for the strike"), or its object where the cue has no preposition ("avenge the strike")."""
    cue = cues.responses.get(token_lemma(verb))
    if cue is None or cue.kind != "verb":
        return []
    if cue.preps:
        return prep_objects(verb, frozenset(cue.preps))
    return children(verb, OBJECTS)


def _pair_phrase(token: Token, cues: Cues) -> bool:
    """"either country", "both sides": a collective pair (data/cues/collectives.tsv) headed by the token."""
    words = tuple(t.lower_ for t in token.subtree)
    return any(words[-len(phrase):] == phrase for _, phrase in cues.pairs if phrase[-1] == token.lower_)


def _to_infinitive(clause: Token) -> bool:
    """"(sent troops) to help": an infinitive of purpose, with "to" and no subject of its own."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) and not any(
        c.dep_ in SUBJECTS | PASSIVE_SUBJECTS for c in clause.children)


def governing_verb(noun: Token, cues: Cues, same_event: set[int]) -> Token | None:
    """The verb that carries an event noun's arguments: a light verb ("conducted strikes") or a verb that is
    itself a trigger of the same event ("launched attacks"); also the copula of "X was a response"; a verb
    of coming together whose purpose the noun is ("arrived for talks")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" and \
            token_lemma(head.head) in _carriers(head.lower_):
        return head.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and token_lemma(head.head) in cue_words("event_span"):
        # "launched 10 days of war games", "carried out a series of raids": the span stands for the events
        noun, head = head.head, head.head.head
    if head.i == noun.i or head.pos_ not in ("VERB", "AUX"):
        return None
    # (a gerund object the parse labels a clausal complement is the light verb's object too: "the sp ordered firing")
    if noun.dep_ in ("dobj", "nsubjpass", "obj", "xcomp") and (
            token_lemma(head) in cues.light_verbs or head.i in same_event):
        return head
    return None


# Prepositions of an event noun that a speech verb's speaker took part in: "in a call with X, Y said".
_SPOKEN_IN = frozenset({"in", "during"})
# ... and those of a joint act (argument_words kind symmetric_event) the speaker took part in just before: "Y
# tweeted after a phone call with X", "Y said following talks with X" (not an attack: "Y said after the attack").
_SPOKEN_AFTER = frozenset({"after", "following"})


# The entities a request's 'of' phrase may name as its author (a person, a state, a people, an organisation).
_AUTHOR_LABELS = frozenset({"PERSON", "GPE", "NORP", "ORG"})
# The preposition of an answer that names whom it is aimed at: "retaliate against Israel for the strike".
_ANSWER_PREPS = frozenset({"against"})
# The prepositions of an envoy's posting: "its ambassador to Somalia", "the embassy in Nairobi".
_POSTED = frozenset({"to", "in"})
# The preposition of a reciprocal act's other side: "clashed with Somali troops", "clashes with the army".
_OPPONENT_PREP = frozenset({"with"})
# The prepositions that may name the other side of a reciprocal act (see find_arguments).
_RECIPROCAL_PARTY_PREPS = frozenset({"with", "against", "between"})


def _opponents(match: TriggerMatch, cues: Cues) -> list[Token]:
    """Who a reciprocal act (argument_words kind reciprocal_trigger) was fought with: its 'with' phrase, unless
    that names the weapons ("clashed with stones")."""
    if match.entry.id not in cues.words("reciprocal_trigger"):
        return []
    found = prep_objects(match.head, _OPPONENT_PREP)
    return [t for t in found if cues.harm is None or not cues.harm.means.find([t])]


def _answering_verb(noun: Token, cues: Cues) -> Token | None:
    """The verb (argument_words kind answer_verb) whose object or 'to' phrase the noun is: "rejected the
    request", "responded to the appeal"; or any verb the noun's occasion phrase (response.tsv kind occasion)
    hangs from: "met at the request of"."""
    head = noun.head
    occasion = cues.responses.get(token_lemma(noun))
    if noun.dep_ == "pobj" and head.dep_ == "prep" and occasion is not None and occasion.kind == "occasion" \
            and head.lower_ in occasion.preps:
        # "the Council met at Israel's request", "a session held upon Armenia's request" (response.tsv kind
        # occasion): whoever acts on the request was asked
        head = head.head
        return head if head.pos_ in ("VERB", "AUX") else None
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "to":
        head = head.head
    elif noun.dep_ not in ("dobj", "obj", "nsubjpass"):
        return None
    return head if head.pos_ in ("VERB", "AUX") and token_lemma(head) in cues.words("answer_verb") else None


def _answerers(verb: Token) -> list[Token]:
    """Who does the act of a verb that answers a request: its subject, or the noun its participle describes ("a
    session held upon Armenia's request"); where that is an act, not a party ("an extraordinary session was held
    at Armenia's request"), whoever the act's noun names as its doer or, for a gathering, its 'of' phrase."""
    subjects = [verb.head] if verb.dep_ in ("acl", "relcl") else (subject_of(verb)
                                                                   or children(verb, PASSIVE_SUBJECTS))
    found: list[Token] = []
    for subject in subjects:
        if subject.ent_type_ or subject.pos_ in ("PROPN", "PRON"):
            found.append(subject)
            continue
        found += _noun_doers(subject) or [t for t in prep_objects(subject, frozenset({"of"}))
                                          if t.ent_type_ in _AUTHOR_LABELS]
    return found


def _noun_doers(noun: Token) -> list[Token]:
    """Who an event noun says did it: its possessor ("Iran's strikes"), its agent or "by" phrase, or a name or
    demonym right before it ("Israeli air strikes", "Taliban attack", "US drone strikes")."""
    possessors = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    # "the Syria consulate attack", "the Kabul airport bombing": a place's name before a site (argument_words kind
    # site_noun) says where the site is, not who struck it
    sites = [c.i for c in noun.children if c.dep_ == "compound" and c.i < noun.i and not c.ent_type_
             and token_lemma(c) in cue_words("site_noun")]
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")
                 and c.ent_type_ in ("GPE", "NORP", "ORG") and c.i < noun.i
                 and not (c.ent_type_ == "GPE" and any(c.i < site for site in sites))]
    if not modifiers:  # "US drone strikes", "Hamas rocket attacks", "Iran's missile and drone attack": the name
        # modifies (or owns) the weapon before the noun
        modifiers = [g for c in noun.children if c.dep_ in ("compound", "nmod") and c.i < noun.i
                     and c.ent_type_ in ("", "PRODUCT") for g in c.children
                     if (g.dep_ in ("amod", "compound", "nmod") and g.ent_type_ in ("GPE", "NORP", "ORG")
                         or g.dep_ == "poss" and g.pos_ == "PROPN")
                     and not (g.ent_type_ == "GPE" and c.i in sites)]
    return possessors or agent(noun) or prep_objects(noun, frozenset({"by"})) or modifiers


def _judged_doers(noun: Token) -> list[Token]:
    """Who an act noun in the 'for'/'of' phrase of a verb of judging (argument_words kind judged_doer_verb) is
    judged for, and so did it: "blamed Israel for the attack", "Israel will be punished for an attack"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("for", "of") \
            or token_lemma(prep.head) not in cue_words("judged_doer_verb"):
        return []
    verb = prep.head
    return children(verb, PASSIVE_SUBJECTS) if is_passive(verb) else children(verb, OBJECTS)[:1]


# How far up the parse a charge noun's voice is looked for: "the aim of Azerbaijan's aggression is to weaken Armenia,"
# he said' climbs aggression -> of -> aim -> is -> said.
CHARGE_VOICE_DEPTH = 8


def charge_voice(noun: Token, cues: Cues) -> Token | None:
    """The word through which someone calls an act by a charge noun (argument_words kind charge_noun_trigger): the
    nearest verb of saying or charge_voice word above it ("he said", "what he described as", "Armenia's position
    that"), or None where the report calls it so in its own words."""
    voices = cues.speech_verbs | cues.words("charge_voice")
    node = noun
    for _ in range(CHARGE_VOICE_DEPTH):
        if node.head.i == node.i:
            return None
        node = node.head
        if token_lemma(node) in voices:
            return node
    return None


def charge_speakers(voice: Token) -> list[Token]:
    """Who calls an act so through ``voice``: the verb's subject, or the owner of the position or view."""
    if voice.pos_ in ("NOUN", "PROPN"):
        return [c for c in voice.children if c.dep_ == "poss"
                or c.dep_ == "nmod" and any(g.dep_ == "case" for g in c.children)]
    return subject_of(voice)


def _between(token: Token) -> list[Token]:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("between", "among", "amongst"):
            found = [c for c in child.children if c.dep_ == "pobj"]
            if len(found) == 1 and not any(c.dep_ == "conj" for c in found[0].children):
                # a headline's "clashes between Cambodia, Thailand": the comma stands for "and", and the parser
                # hangs the second name elsewhere
                first, doc = found[0], token.doc
                if first.ent_type_ and first.i + 2 < len(doc) and doc[first.i + 1].text == "," \
                        and doc[first.i + 2].ent_type_ == first.ent_type_ and doc[first.i + 2].ent_iob_ == "B":
                    found.append(doc[first.i + 2])
            return found
    return []


def find_arguments(match: TriggerMatch, event: str | None, cues: Cues, same_event: set[int], *,
                   acts: frozenset[int] | set[int] = frozenset()) -> Arguments:
    """The argument tokens of ``match``; ``acts``: the heads of the sentence's other triggers."""
    trigger = match.head
    preps = cues.preps_for(event or "*")
    if match.entry.id in cues.words("reciprocal_trigger"):
        # "clashes at the Security Council", "clashed near the border": a fight's other side is named with 'with',
        # 'against' or 'between' (or beside its first as a pair); any other phrase says where or when
        preps = preps & _RECIPROCAL_PARTY_PREPS
    args = Arguments()
    # a talk's object that is another act is what was talked about (argument_words kind topic_event)
    topics = frozenset(acts) - same_event if event in cues.words("topic_event") else frozenset()
    if trigger.pos_ in ("VERB", "AUX") and not gerund_as_noun(trigger):
        args.clause = trigger
        args.actors = subject_of(trigger)
        if trigger.dep_ == "amod":  # "the arrested workers" (argument_words kind act_participle): they were arrested
            args.actors, args.recipients = [], [trigger.head]
        elif is_passive(trigger):
            passive_subjects = passive_subjects_of(trigger)
            if trigger.dep_ == "acl" and not passive_subjects:
                passive_subjects = [trigger.head]
            args.recipients = passive_subjects
        else:
            args.recipients = children(trigger, OBJECTS)
        args.recipients += [t for t in prep_objects(trigger, preps) if t not in args.recipients]
        if any(t.dep_ in OBJECTS and (t.pos_ == "PROPN" or t.ent_type_ in _AUTHOR_LABELS) for t in args.recipients):
            # "condemned Somalia at the United Nations": with a party its object, the act's venue phrase (argument
            # words kind venue_preposition) says where it was done, not to whom
            venue = cue_words("venue_preposition")
            args.recipients = [t for t in args.recipients
                               if not (t.dep_ == "pobj" and t.head.lower_ in venue and t.head.head.i == trigger.i)]
        # A verb pattern that holds its event noun ("conducted strikes against X", "emphasized the need for X
        # to ..."): the noun is not the recipient, its own phrases give it.
        inner = [t for t in match.tokens if t.i != trigger.i]
        # (but "urged both sides to stick to the ceasefire": a pattern's collective pair is who the act is aimed at)
        args.recipients = [t for t in args.recipients if t not in inner or _pair_phrase(t, cues)]
        for token in inner:
            if token.pos_ == "ADJ" and token.head.i == trigger.i and token.dep_ in ("ccomp", "xcomp", "advcl", "oprd"):
                # "is holding Iran accountable", parsed as a small clause: the adjective's subject is who is held so
                args.recipients += [t for t in children(token, SUBJECTS) if t not in args.recipients]
            # "demanded the withdrawal of Serbian forces from Bosnia": who is to leave, not the place left
            token_preps = frozenset({"of"}) if token_lemma(token) in cue_words("departure_noun") else preps
            answered = _answered_acts(token, cues) if token.pos_ in ("VERB", "AUX") else []
            if answered:  # an answer's other phrases name the answered act's target ("avenge the strike on X")
                token_preps = token_preps & _ANSWER_PREPS
            if token.pos_ == "NOUN" and token.dep_ in OBJECTS and match.entry.id in cues.words("act_object_trigger"):
                # "was investigating an attack on Iran": an act disapproved of is aimed at its doer, never at whom it
                # was done to
                args.recipients += [d for d in _noun_doers(token) if d not in args.recipients]
                continue
            args.recipients += [t for t in prep_objects(token, token_preps) if t not in args.recipients]
            if token.pos_ in ("VERB", "AUX"):  # "threatened to strike Israel", "vowed that Israel will be punished"
                # ... "vowed to avenge the Israeli strike on its consulate": whoever did the act avenged
                args.recipients += [t for t in children(token, OBJECTS | PASSIVE_SUBJECTS)
                                    if t not in args.recipients and t not in answered]
                args.recipients += [d for act in answered for d in _noun_doers(act) if d not in args.recipients]
                continue
            for clause in children(token, {"advcl", "acl", "relcl"}):  # "the need for X to resolve"
                args.recipients += [t for t in children(clause, SUBJECTS) if t not in args.recipients]
        posting = match.entry.id in cues.words("posting_trigger")
        for token in inner:  # "rejected North Korea's demand", "is opposed to French mediation": its author
            if posting:
                # "recalled the Kenyan ambassador to Somalia": the actor's own envoy, recalled from where it serves
                args.recipients += [t for t in prep_objects(token, _POSTED) if t not in args.recipients]
                continue
            if token.pos_ in ("NOUN", "PROPN") and (token.head.i == trigger.i and token.dep_ in OBJECTS or (
                    token.dep_ == "pobj" and token.head.head.i == trigger.i)):
                args.recipients += [t for t in _authors(token) if t not in args.recipients]
        if event == "REQUEST":  # "demanded that the US cancel": who is asked
            for clause in children(trigger, {"ccomp"}):
                args.recipients += [t for t in children(clause, SUBJECTS | PASSIVE_SUBJECTS)
                                    if t not in args.recipients]
        if not _names_anyone(args.recipients) and event == "THREATEN":
            # "threatened to launch an offensive unless Baghdad accepted its conditions": who must act
            args.recipients += [t for t in _condition_subjects(trigger, cues) if t not in args.recipients]
        if not _names_anyone(args.recipients) and event == "THREATEN":
            # "warned he would not make a trade deal with either country": whom the warned act is aimed at
            args.recipients += [t for t in _named_targets(trigger, preps, cues, said=True) if t not in args.recipients]
        # "called on the international community to condemn Thailand": a request's addressee, named or not, is
        # who is asked; the parties of the act asked for are not
        addressee = event in cues.words("addressed_event") and any(
            t.pos_ in ("NOUN", "PROPN") and t.dep_ in OBJECTS | {"pobj"} for t in args.recipients)
        if not _names_anyone(args.recipients) and not addressee:
            # "threatened to break relations with Russia", "refused to deploy peacekeepers in Iraq"
            args.recipients += [t for t in _named_targets(trigger, preps, cues, topics=topics)
                                if t not in args.recipients]
        if event == "PROTEST" and not _names_anyone(args.recipients):
            args.recipients += [t for t in _protest_purpose([trigger, *inner]) if t not in args.recipients]
        if not _names_anyone(args.recipients):
            # "suspended part of a military aid program for Bosnia": the name the object's phrases reach; not
            # through an act that a disapproval is aimed at the doer of ("condemned the attack on the embassy")
            doer_directed = event in cues.words("doer_directed_event")
            objects = [t for t in args.recipients + children(trigger, OBJECTS) + inner
                       + prep_objects(trigger, frozenset({"for", "into"})) if t.pos_ in ("NOUN", "PROPN")
                       and not (doer_directed and t.i in acts) and t.i not in topics
                       and not (t in inner and match.entry.id in cues.words("act_object_trigger"))]
            args.recipients += [t for t in _nested_names(objects, preps) if t not in args.recipients]
        if not args.actors and is_passive(trigger):
            # "was killed in an Israeli strike", "were wounded in Taliban attacks": with no agent, the doer of the
            # event noun the pattern holds, named before it, did the act
            nouns = [t for t in inner if t.pos_ == "NOUN"]
            args.actors = [m for t in nouns for m in _noun_doers(t)]
            args.recipients = [t for t in args.recipients if t not in args.actors]
        if event == "ASSAULT" and cues.harm is not None and _names_anyone(args.recipients):
            # "fired drones and missiles towards Israel": with a party named, the weapons fired are the means
            args.recipients = [t for t in args.recipients
                               if not (t.dep_ in OBJECTS and t.head.i == trigger.i and cues.harm.means.find([t]))]
        pair = _between(trigger)
        if pair:
            args.recipients = pair
        args.recipients = [t for t in args.recipients if t.i not in topics]
        args.recipients += [t for t in _opponents(match, cues) if t not in args.recipients]
        return args

    if trigger.pos_ == "ADJ":  # "X was critical of Y"
        verb = trigger.head if trigger.head.pos_ in ("VERB", "AUX") else trigger
        args.clause = verb
        args.actors = subject_of(verb)
        args.recipients = prep_objects(trigger, preps)
        if not _names_anyone(args.recipients):  # "ready to withdraw its troops from Lebanon"
            args.recipients += [t for t in _named_targets(trigger, preps, cues) if t not in args.recipients]
        return args

    # An event noun.
    verb = governing_verb(trigger, cues, same_event)
    args.clause = verb or (trigger.head if trigger.head.pos_ in ("VERB", "AUX") else None)
    possessors = [c for c in trigger.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    args.actors = _noun_doers(trigger) or _judged_doers(trigger)
    if not args.actors and event in cues.words("origin_doer_event"):
        # "the attack from Iran", "rocket fire from Cambodia", "aid from Japan": the side the act came from did it
        args.actors = [t for t in prep_objects(trigger, frozenset({"from"})) if t.ent_type_ in _AUTHOR_LABELS]
    if not args.actors and verb is not None:
        args.actors = subject_of(verb)
    spoken_in = _SPOKEN_IN | (_SPOKEN_AFTER if event in cues.words("symmetric_event") else frozenset())
    if not args.actors and trigger.dep_ == "pobj" and trigger.head.lower_ in spoken_in \
            and not prep_objects(trigger, frozenset({"of"})) \
            and (token_lemma(trigger.head.head) in cues.speech_verbs
                 or (event in cues.words("symmetric_event") and trigger.head.head.pos_ == "VERB")):
        # "In separate calls with X and Y, Anwar said ...", "during talks with X, Y stressed ...": the speaker; and
        # whoever did anything in a joint act: "in a conversation with his counterpart, the minister deemed ..." (not
        # in a body's meeting: "denounced the attack during a meeting of the Council" is the Council's)
        args.actors = subject_of(trigger.head.head)
    args.recipients = prep_objects(trigger, preps)
    if not args.recipients and verb is not None:
        args.recipients = [t for t in prep_objects(verb, preps) if t.i != trigger.i]
    if not args.recipients:  # "a suspension of air links with Serbia": a thing's phrases name the party
        things = [t for t in prep_objects(trigger, frozenset({"of"})) if not t.ent_type_ and t.pos_ == "NOUN"]
        args.recipients = _nested_names(things, preps, depth=1)
    if not args.actors and event in cues.words("addressed_event"):
        # "at the request of Prime Minister Hun Manet": a request's 'of' phrase names who made it
        args.actors = [t for t in prep_objects(trigger, frozenset({"of"})) if t.ent_type_ in _AUTHOR_LABELS]
    if not args.actors and event in cues.words("gathering_event"):
        # "an extraordinary session of the CSTO", "a meeting of the Security Council": the body that met
        args.actors = [t for t in prep_objects(trigger, frozenset({"of"})) if t.ent_type_ in _AUTHOR_LABELS]
        args.recipients = [t for t in args.recipients if t not in args.actors]
    if not args.recipients and event in cues.words("addressed_event"):
        # "the CSTO will respond to Armenia's request", "Moscow rejected Kyiv's appeal": a request is made to
        # whoever answers it
        answering = _answering_verb(trigger, cues)
        if answering is not None:
            args.recipients = [t for t in _answerers(answering) if t not in args.actors]
    if not args.recipients and event == "PROTEST":
        args.recipients = _protest_purpose([trigger] + ([verb] if verb is not None else []))
    # "clashes broke out between police and protesters", "talks were held between X and Y": the verb the noun is
    # the subject of carries the pair
    pair = _between(trigger) or (_between(trigger.head) if trigger.dep_ in ("nsubj", "nsubjpass") else [])
    if pair and not args.actors:
        args.actors = pair
        args.reciprocal = True
    elif pair and not args.recipients:
        args.recipients = pair
    args.recipients = [t for t in args.recipients if t.i not in topics]
    args.recipients += [t for t in _opponents(match, cues) if t not in args.recipients]
    determiners = {c.lower_ for c in trigger.children if c.dep_ in ("det", "amod")}
    args.definite = bool(determiners & (cues.words("definite") | cues.words("backward_modifier"))) and not possessors
    return args
