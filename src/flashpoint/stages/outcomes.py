"""Stage ``outcomes``: deaths and injuries belong to the attack that caused them.

"Two persons were killed in police firing", "125 persons have died in police firing", "three persons died when
the police opened fire": the killing, the dying and the firing are one event, whose actor is the attack's (the
police) and whose victims are the outcome's. An outcome tied to an attack in its sentence, through a means
preposition ("in", "during", "by" ...) or a clause ("when", "as" ...) that holds the attack's trigger
(``data/cues/outcomes.tsv``), or a relative clause on the attack's noun ("a rocket attack that wounded four
soldiers"), becomes one more mention of the attack's event: its victims join the attack's
recipients and it takes the attack's actors. A word that only reports an outcome ("died", "dead", "deaths") and is
tied to no attack is no event: people die of illness and in accidents too.
"""

from __future__ import annotations

from spacy.tokens import Token

from .causes import RELATIVE_TAGS
from .state import ArticleState, Draft


def tie_outcomes(state: ArticleState) -> None:
    kinds = state.resources.cues.outcomes
    outcome_only, preps, marks = kinds.get("trigger", ()), kinds.get("means_prep", ()), kinds.get("means_mark", ())
    results = kinds.get("result_verb", ())
    attacks = {d.head.i: d for d in state.coded()
               if d.match is not None and d.mention.code.event == "ASSAULT" and d.match.entry.id not in outcome_only}
    for draft in list(state.coded()):
        mention = draft.mention
        if draft.match is None or mention.code.event != "ASSAULT" or mention.anaphoric:
            continue
        only_outcome = draft.match.entry.id in outcome_only
        if mention.status == "negated":
            # "no one was killed in the clashes": no outcome of the clashes, and no act of its own
            if only_outcome:
                state.remove(draft.id)
            continue
        attack = _attack_of(draft.head, attacks, preps, marks)
        left_by = None if attack is not None else _result_of(draft.head, attacks, results)
        attack = attack or left_by
        if attack is None or attack is draft:
            if only_outcome:
                state.remove(draft.id)
            continue
        host = attack.mention
        while host.anaphoric and host.antecedent in state.drafts:  # a folded attack: its host's event
            host = state.drafts[host.antecedent].mention
        # the victims: a killing's recipients, and the subject of a word that only reports the outcome ("persons
        # died"); a killing's own actor ("militants killed five in an ambush") is the attack's
        # ("the firing left two dead": the subject the parse gives "dead" is the attack's, not a victim)
        victims = (mention.actors if only_outcome and left_by is None else []) + mention.recipients
        # (a relative clause's subject is the attack itself, or a place in its phrase: never a doer)
        agents = [] if only_outcome or _in_relative_clause(draft.head) else mention.actors
        host.actors += [a for a in agents if a not in host.actors]
        host.recipients += [a for a in victims if a not in host.recipients and a not in host.actors]
        mention.actors, mention.recipients = list(host.actors), victims
        host.location = host.location or mention.location
        host.date_text = host.date_text or mention.date_text
        mention.anaphoric, mention.antecedent = True, host.id
        mention.location, mention.date_text = None, None
        mention.status = host.status


def _attack_of(head: Token, attacks: dict[int, Draft], preps, marks) -> Draft | None:
    """The attack mention an outcome word is tied to: the object of one of its means prepositions ("killed in
    police firing"), or the verb (or its objects) of a clause it governs opened by a means conjunction ("died
    when the police resorted to firing")."""
    relative = _relative_on_attack(head, attacks, preps)
    if relative is not None:
        return relative
    for child in head.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            # "due to police firing", "because of the shelling": the object of the preposition that follows
            objects = [g for c in child.children if c.dep_ in ("pcomp", "prep") for g in c.children] \
                + list(child.children)
            # "killed in 500 rounds of firing": the attack is named in the "of" phrase of the means
            objects += [g for obj in list(objects) for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ in ("pobj", "pcomp")]
            for obj in objects:
                # "died in police firing near ...": the parse may hang the attack on its actor as a clause
                for token in (obj, *obj.conjuncts, *(c for c in obj.children if c.dep_ == "acl")):
                    if token.i in attacks:
                        return attacks[token.i]
        if child.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in marks
                                         for m in child.children):
            for token in _clause_words(child):
                if token.i in attacks:
                    return attacks[token.i]
    return None


def _in_relative_clause(head: Token) -> bool:
    """A verb whose subject is a relative pronoun ("an attack that killed ...")."""
    return head.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in RELATIVE_TAGS
                                        for c in head.children)


def _relative_on_attack(head: Token, attacks: dict[int, Draft], preps=()) -> Draft | None:
    """The attack a relative clause tells the outcome of: hung on the attack's noun ("a rocket attack that wounded
    four soldiers", "the police firing in which one person was killed": the relative in a means preposition), or on
    the target or place in the attack's phrase, which did nothing ("a strike on its building in Syria, which killed
    seven officers": a thing's 'which' or 'that', not a person's 'who')."""
    if head.dep_ != "relcl":
        return None
    pronouns = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in RELATIVE_TAGS]
    pronouns += [g for c in head.children if c.dep_ == "prep" and c.lower_ in preps
                 for g in c.children if g.dep_ == "pobj" and g.tag_ == THING_RELATIVE]
    if not pronouns:
        return None
    token = head.head
    if token.i in attacks:
        return attacks[token.i]
    if pronouns[0].tag_ != THING_RELATIVE:
        return None
    for _ in range(4):
        if token.dep_ == "appos":  # "the Syrian capital, Damascus, that killed ..."
            token = token.head
        elif token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.i != token.head.i:
            token = token.head.head
        else:
            return None
        if token.i in attacks:
            return attacks[token.i]
    return None


THING_RELATIVE = "WDT"  # "which", "that" (a person's "who" is WP)


def _result_of(head: Token, attacks: dict[int, Draft], results) -> Draft | None:
    """The attack that "left" the outcome: "the police firing left two dead", "... leaving five injured"."""
    verb = head.head
    if head.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "dobj", "advcl", "amod", "conj") and \
            verb.lemma_.lower() in results:
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            for token in (subject, *subject.conjuncts, *(c for c in subject.children if c.dep_ == "acl")):
                if token.i in attacks:
                    return attacks[token.i]
        if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i in attacks:  # "fired, leaving two dead"
            return attacks[verb.head.i]
    return None


def _clause_words(verb: Token, depth: int = 3) -> list[Token]:
    """The clause's verb and the words it governs down to ``depth`` steps, in no other clause of its own."""
    found, frontier = [verb], [verb]
    for _ in range(depth):
        frontier = [c for t in frontier for c in t.children if c.dep_ not in ("advcl", "relcl", "ccomp")]
        found += frontier
    return found
