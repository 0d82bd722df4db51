"""Reading the dependency parse: the few questions every stage asks of a token (its lemma, its subject, whether
it is passive, the objects of its prepositions). Extraction and resolution both import them from here, so neither
imports the other.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..dictionaries.cues import load_cues

# Per-token results a stage leaves for a later one, declared as spaCy extensions (not ``doc.user_data`` keys).
# ``recoded_aux``: the index of the auxiliary ("will", "must") that the trigger stage read as a statement of
# intent or a demand, so that the status stage does not read it again as a hypothetical cue.
if not Token.has_extension("recoded_aux"):
    Token.set_extension("recoded_aux", default=None)

SUBJECTS = {"nsubj", "csubj", "expl"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "obj", "dative", "iobj"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# Prepositions whose gerund shares the subject of the verb above: "succeeded in killing", "responded by
# shelling"; "to" only after the gerund_to_verb words of data/cues/argument_words.tsv ("resorted to throwing").
PCOMP_PREPS = frozenset({"in", "by"})


def token_lemma(token: Token) -> str:
    return token.lemma_.lower().replace("\u2019", "'")


def gerund_as_noun(token: Token) -> bool:
    """A gerund standing where a noun stands (the object of a preposition, a subject or an object) with no subject
    or object of its own: "killed in police firing", "the shelling continued", but not "for killing two soldiers"."""
    return token.tag_ == "VBG" and token.dep_ in ("pobj", "nsubj", "nsubjpass", "dobj") and not any(
        c.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "ccomp", "xcomp", "prt") for c in token.children)


def written_as_noun(token: Token) -> bool:
    """A gerund to look up as the noun it is written as: one in a noun's place with no object of its own (its
    subject, if the parse gave it one, acts: "died in police firing"), or one the parse hung on a noun as a reduced
    relative with nothing of its own ("died in police firing near the market": "police" with "firing" as its
    clause)."""
    if token.tag_ != "VBG" or any(c.dep_ in ("dobj", "obj", "ccomp", "xcomp", "prt") for c in token.children):
        return False
    # "died in police firing" read as a gerund clause whose subject is "police": still the noun, its subject acts;
    # "resorted to firing": the object of a preposition, with nothing of its own
    # ("died in police firing while ...": the subject right before the gerund is the noun's own compound, split off)
    if token.dep_ == "pcomp" and token.head.dep_ == "prep" and not any(
            c.dep_ in ("nsubjpass", "agent", "mark", "aux") or c.dep_ == "nsubj" and c.i != token.i - 1
            for c in token.children):
        return True
    return token.dep_ in ("pobj", "nsubj", "nsubjpass", "dobj") or (
        token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN") and token.head.i < token.i) or (
        _split_compound(token) is not None)


def _split_compound(token: Token) -> Token | None:
    """The noun a gerund's compound was split from, where the parse read "killed in police firing as mobs ..." as
    "killed in police" with "firing" a clause of its own on the verb: the noun right before the gerund is the
    object of a preposition of that same verb, and the gerund has no subject or object. None otherwise."""
    if token.tag_ != "VBG" or token.dep_ != "advcl" or token.i == 0:
        return None
    noun = token.doc[token.i - 1]
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ != "pobj" or noun.head.dep_ != "prep" \
            or noun.head.head.i != token.head.i:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "ccomp", "xcomp", "prt", "mark", "aux") for c in token.children):
        return None
    return noun


def hyphen_half(token: Token) -> bool:
    """Whether ``token`` ends a hyphenated word ("fire" in "cease-fire"): the whole word means something else,
    so the half never stands for itself in a requirement ("set ~fire" is arson, "a cease-fire ... is set" is not)."""
    if token.i < 2:
        return False
    hyphen, first = token.doc[token.i - 1], token.doc[token.i - 2]
    return hyphen.text == "-" and not hyphen.whitespace_ and not first.whitespace_ and first.is_alpha


def hyphen_joined(token: Token) -> str | None:
    """The hyphenated word ``token`` ends, written joined and lower-case, its last half as a lemma ("cease-fires"
    -> "ceasefire"), or None: dictionaries list such words joined ("ceasefire", "airstrike")."""
    if not hyphen_half(token):
        return None
    return token.doc[token.i - 2].lower_ + token_lemma(token)


def children(token: Token, deps: set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:  # "provide aid for X": dative
            # "demanded on Tuesday that ...": a time is no party
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in ("DATE", "TIME")]
            if not objects and not any(True for _ in child.children):
                # "granted asylum to five officers holed up in ...": the parse made the object the subject of
                # the clause that follows the preposition
                objects = [s for clause in token.children if clause.dep_ in ("advcl", "ccomp") and clause.i > child.i
                           for s in clause.children if s.dep_ in ("nsubj", "nsubjpass")
                           and s.left_edge.i == child.i + 1]
            found.extend(objects)
        elif child.dep_ == "acl" and token_lemma(child) in preps:  # "hideouts targeting X"
            found.extend(children(child, OBJECTS))
    return found


def agent(token: Token) -> list[Token]:
    return [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def cue_words(kind: str) -> frozenset[str]:
    """Lemmas of one kind from data/cues/argument_words.tsv."""
    return load_cues().argument_words.get(kind, frozenset())


def _stative(verb: Token) -> bool:
    return token_lemma(verb) in cue_words("stative_participle") and not agent(verb) and any(
        c.dep_ == "nsubjpass" for c in verb.children)


def is_passive(verb: Token) -> bool:
    if _stative(verb):
        return False
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl") or _passive_report(verb) or _bare_participle(verb)


def _bare_participle(verb: Token) -> bool:
    """"Backed by Moscow, the rebels advanced", "the strike -- widely blamed on Israel -- killed ...": a past
    participle clause with no auxiliary and no subject of its own is passive, done to the main clause's subject
    (never by it)."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "csubj", "csubjpass") for c in verb.children)


def _passive_report(verb: Token) -> bool:
    """"Two soldiers were reported killed", "have been confirmed killed": a participle complement of a passive verb
    of saying or finding is passive too, its subject the one it befell."""
    return verb.tag_ == "VBN" and verb.dep_ in ("xcomp", "oprd") and verb.head.i != verb.i \
        and verb.head.tag_ == "VBN" and any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass"
                                            for c in verb.head.children)


def passive_subjects_of(verb: Token) -> list[Token]:
    """The passive subjects of ``verb``, or of the passive verb a reported participle completes."""
    own = children(verb, PASSIVE_SUBJECTS)
    if own:
        return own
    if _passive_report(verb):
        return children(verb.head, PASSIVE_SUBJECTS)
    return subject_of(verb.head) if _bare_participle(verb) else []


def _statement_author(noun: Token, depth: int) -> list[Token] | None:
    """Who issued a statement noun that governs a participle: the subject of the verb it is the object of
    ("issued a declaration"), or of the verb it is "in" ("said in a statement"); None if not a statement."""
    if token_lemma(noun) not in cue_words("statement_noun"):
        return None
    verb = noun.head
    if noun.dep_ in OBJECTS and verb.pos_ in ("VERB", "AUX"):
        return subject_of(verb, depth + 1)
    if noun.dep_ == "pobj" and verb.lower_ == "in" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head, depth + 1)
    return None


def _misread_predicate(verb: Token) -> bool:
    """"Palestinian youths resorted to throwing stones(, officials said)": the parse took the past-tense verb
    for a participle on its subject, left as the sentence root or as a second subject of the speech verb."""
    noun = verb.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i > verb.i:
        return False
    # A participle with an object, or one that is never passive ("resorted to"), cannot be a reduced
    # relative ("people killed in the war" stays the victims).
    if not children(verb, OBJECTS) and token_lemma(verb) not in cue_words("gerund_to_verb"):
        return False
    if noun.dep_ == "ROOT":
        return True
    return noun.dep_ == "nsubj" and any(c.dep_ == "nsubj" and c.i > verb.i for c in noun.head.children)


def subject_of(verb: Token, depth: int = 0) -> list[Token]:
    """The acting subject of ``verb``, borrowed from the governing verb where the parse leaves it implicit."""
    if depth > 4:
        return []
    if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and _misread_predicate(verb):
        return [verb.head]
    split = _split_compound(verb)
    if split is not None:  # "killed in police firing": the police fired
        return [split]
    if is_passive(verb):
        return agent(verb)
    subjects = children(verb, SUBJECTS | ({"nsubjpass"} if _stative(verb) else set()))
    subjects = [s for s in subjects if s.lower_ != "it" or s.dep_ != "expl"]
    if subjects:
        if subjects[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head]
        # "A delegation from the CSTO led by its chief of staff General X arrived": a second subject that goes on
        # the first's phrase is the parser's split of it (a name in apposition), not a second party
        # (not a list the parser left unjoined: "Lions, tigers, and Gondor welcomed")
        return [s for i, s in enumerate(subjects) if not (
            i and s.left_edge.i == subjects[i - 1].right_edge.i + 1 and s.dep_ == subjects[i - 1].dep_ == "nsubj"
            and subjects[i - 1].right_edge.dep_ not in ("cc", "punct"))]
    misread = [c for c in verb.children if c.dep_ in ("compound", "npadvmod", "nmod") and c.i < verb.i
               and c.pos_ == "PROPN" and c.ent_type_ not in ("DATE", "TIME")]
    if misread and verb.tag_ in ("VBP", "VBZ", "VBD"):
        # "Ethiopia act on a resolution": the parser hangs a finite verb's subject name on it as a compound
        return misread[:1]
    if verb.dep_ == "relcl":
        return [verb.head]
    if verb.dep_ == "acl" and verb.tag_ in ("VBG",):
        author = _statement_author(verb.head, depth)
        return author if author is not None else [verb.head]
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX") and is_passive(verb.head):
        # "the Council is expected to meet", "troops were ordered to withdraw": the passive subject does the
        # infinitive's act, never the agent ("was asked by Y to leave": the one asked leaves)
        return children(verb.head, {"nsubjpass"})
    if verb.dep_ == "xcomp" and token_lemma(verb.head) in cue_words("forcing_verb") and children(verb.head, OBJECTS):
        # "the rioting forced the police to open fire": whoever was forced did it
        return children(verb.head, OBJECTS)[:1]
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        above = verb.head.head
        to_gerund = verb.head.lower_ == "to" and token_lemma(above) in cue_words("gerund_to_verb")
        if (verb.head.lower_ in PCOMP_PREPS or to_gerund) \
                and not children(above, OBJECTS):
            return subject_of(above, depth + 1)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ in ("of", "for"):
        # "accused Thai forces of firing shells": whoever is judged did the act (the parser may hang the phrase
        # on the object itself)
        above = verb.head.head
        if token_lemma(above) in cue_words("judged_doer_verb"):
            judged = children(above, OBJECTS)
            if judged:
                return judged[:1]
        elif above.dep_ in OBJECTS and token_lemma(above.head) in cue_words("judged_doer_verb"):
            return [above]
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ in ("of", "for") \
            and verb.head.head.lower_ in cue_words("culpable") and verb.head.head.dep_ == "acomp":
        return subject_of(verb.head.head.head, depth + 1)
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp":
        # "Arnor is about to restore ties", "X is ready to send troops": the copula's subject acts
        return subject_of(verb.head.head, depth + 1)
    return []
