"""Stage ``actors``: each mention's actor and recipient tokens resolved to actor codes (``resolve.actors``).

The actor context (what the article has said so far: countries named, the last actors, the geoparsed places)
is built once per article, then extended mention by mention in text order, so a pronoun finds the actors
named before it. "talks between X and Y" and "both sides" make each side the other's recipient; two or more
states doing a joint act take its joint code (``data/cues/joint_acts.tsv``).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..dictionaries.cues import Cues
from ..extract.arguments import DEFINITE
from ..model import Actor
from ..nlp.syntax import gerund_as_noun, token_lemma
from ..resolve.actors import MISSION_ROLE, ActorContext, resolve_actor
from .state import ArticleState


def article_context(state: ArticleState) -> ActorContext:
    """A fresh actor context for the article: its countries and the countries of its geoparsed places."""
    ctx = ActorContext(state.resources.actors, state.resources.cues)
    ctx.count_countries(state.doc)
    ctx.learn_people(state.doc)
    ctx.learn_missions(state.doc)
    for top in state.toponyms:
        if top.place is not None and top.literal and top.place.country:
            for i in range(top.token_start, top.token_end):
                ctx.place_countries[i] = top.place.country
    return ctx


def resolve_mention_actors(state: ArticleState) -> None:
    res = state.resources
    cues = res.cues
    if state.context is None:
        state.context = article_context(state)
    ctx = state.context
    for draft in list(state.coded()):
        if draft.match is None:
            continue
        mention, args, match = draft.mention, draft.arguments, draft.match
        draft.actor_tokens = [t for t in draft.actor_tokens if not _capital_before_noun(t, res.actors)]
        actors = resolve_all(draft.actor_tokens, ctx, recipient=False)
        if not actors:
            # "police firing", "killed in army shelling": a state or armed force named before an event noun acts
            # (the people an act is done to are named there too, "prisoner exchange", so only forces count)
            nouns = [t for t in match.tokens if t.pos_ == "NOUN" or gerund_as_noun(t)]
            modifiers = [m for t in nouns for m in _noun_modifiers(t)
                         if not _premises(m, res.actors) and not _capital_before_noun(m, res.actors)]
            actors = [a for a in resolve_all(modifiers, ctx, recipient=False) if a.sector in ACTING_SECTORS]
        ctx.acting = frozenset(a.country for a in actors if a.country)
        recipients = resolve_all(args.recipients, ctx, recipient=True)
        ctx.acting = frozenset()
        if args.reciprocal or (len(actors) >= 2 and any(_names_a_pair(t, cues, RECIPROCAL) for t in args.recipients)):
            # "talks between X and Y", "X and Y blame each other": each is the other's recipient
            recipients = list(actors)
        elif not recipients and match.entry.id in cues.words("reciprocal_trigger") and \
                len({a.country or a.id for a in actors} - {None}) >= 2:
            # "Thailand and Cambodia clashed", "Thai and Cambodian troops exchanged fire": each fought the other
            recipients = list(actors)
        elif len(actors) >= 2 and not recipients and any(_names_a_pair(t, cues) for t in draft.actor_tokens):
            # "Both sides express a desire to de-escalate": each side acts towards the other. ("X and Y agreed"
            # names two actors and leaves the other party unsaid, as the PLOVER gold codes it.)
            recipients = list(actors)
        joint = cues.joint_acts.get(match.entry.id)
        if joint and len({a.country for a in actors if a.country}) >= 2:
            # "French and Egyptian warships launched war games": a joint act (data/cues/joint_acts.tsv).
            mention.code = res.ontology.event_code(joint[1], event=joint[0])
        for role, event, cameo in cues.party_acts.get(match.entry.id, ()):
            if role in _roles(draft.actor_tokens + args.recipients, res.actors):
                # "protesters clashed with police": a riot, not an armed attack (data/cues/party_acts.tsv)
                mention.code = res.ontology.event_code(cameo, event=event)
                mention.rule += f"/party:{role}"
                break
        for actor_token in draft.actor_tokens:
            ctx.remember(actor_token, actors)
        if mention.code.event in cues.words("advisory_event") and _own_people(args.recipients, recipients, actors, cues):
            # "urged Thai nationals to leave Cambodia", "called on its citizens to stay calm": a public advisory to
            # the actor's own people, no act between parties
            state.remove(draft.id)
            continue
        if not recipients and match.entry.id in cues.words("command_trigger"):
            # "the government ordered the closure of two temples": an order to no one named is given to the
            # actor's own people, whose act it is, not a demand on another party
            state.remove(draft.id)
            continue
        mention.actors, mention.recipients = actors, recipients
        definite = args.definite or any(
            t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in t.children)
            and not any(c.dep_ == "poss" for c in t.children) for t in match.tokens)
        # a definite event noun with no actor of its own ("the strikes were carried out in ...") may point back
        draft.definite = definite and not actors


def _own_people(tokens: list[Token], recipients: list[Actor], actors: list[Actor], cues: Cues) -> bool:
    """Every addressee is a people at large (argument_words kind population_noun, or a plural demonym: "Cambodians")
    of no other country than the actor's: its own, by a possessive ("its citizens") or by name ("Thai nationals")."""
    population = cues.words("population_noun")
    if not tokens or not all(token_lemma(t) in population or t.ent_type_ == "NORP" and t.tag_ in ("NNS", "NNPS")
                             for t in tokens):
        return False
    if all(any(c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children) for t in tokens):
        return True  # "its citizens", "their nationals": the speaker's own, whoever the parse says they are
    own = {a.country for a in actors if a.country}
    countries = {r.country for r in recipients if r.country}
    return bool(own) and (countries <= own if countries else not any(t.children for t in tokens))


# Sectors of the forces that act when named before an event noun ("police firing", "rebel shelling").
ACTING_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "REB", "INS", "SEP", "UAF", "CRM"})


def _noun_modifiers(noun: Token) -> list[Token]:
    return [c for c in noun.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") and c.i < noun.i]


# Premises ("embassy", "consulate": the mission role of data/actors/sectors.tsv) named before an event noun are the
# place the act was done to ("the consulate attack"), not who did it.
PREMISES_ROLE = MISSION_ROLE


def _premises(token: Token, dictionary) -> bool:
    entry = dictionary.sector(token.text) or dictionary.sector(token.lemma_)
    return entry is not None and entry.role == PREMISES_ROLE


def _capital_before_noun(token: Token, dictionary) -> bool:
    """"the Damascus attack", "the Phnom Penh bombing": a capital named before an event noun is where it
    happened, not its government acting (a country or people before it is: "US strikes", "Israeli raids")."""
    if token.dep_ not in ("compound", "nmod") or token.head.pos_ not in ("NOUN", "PROPN") or token.i > token.head.i:
        return False
    name = " ".join(t.text for t in token.subtree if t.i <= token.i)
    entry = dictionary.lookup(name) or dictionary.lookup(token.text)
    return entry is not None and entry.kind == "capital"


def _roles(tokens: list[Token], dictionary) -> set[str]:
    """The roles (data/actors/sectors.tsv) of the sector words heading ``tokens`` and their conjuncts."""
    roles = set()
    for token in tokens:
        for t in (token, *token.conjuncts):
            entry = dictionary.sector(t.text) or dictionary.sector(t.lemma_)
            if entry is not None and entry.role:
                roles.add(entry.role)
    return roles


def resolve_all(tokens: list[Token], ctx: ActorContext, *, recipient: bool) -> list[Actor]:
    actors: list[Actor] = []
    for token in tokens:
        for actor in resolve_actor(token, ctx, recipient=recipient) + _listed_in_apposition(token, ctx, recipient):
            if actor not in actors:
                actors.append(actor)
    return actors


def _listed_in_apposition(token: Token, ctx: ActorContext, recipient: bool) -> list[Actor]:
    """"calls on Armenia, Azerbaijan to ...": a headline lists countries with a comma, which the parser reads as an
    apposition; a country in apposition to another country is the next item of the list, not a second name for it
    (a place in apposition to its own country, "Goris, Armenia", adds nothing)."""
    if token.ent_type_ != "GPE":
        return []
    own = {a.country for a in resolve_actor(token, ctx, recipient=recipient)}
    if not own or None in own:
        return []
    listed: list[Actor] = []
    for child in token.children:
        # a list's comma before it ("Arnor awful Gondor", with none, is a name the parser could not read)
        comma = child.left_edge.i > 0 and child.doc[child.left_edge.i - 1].text == ","
        if child.dep_ == "appos" and child.ent_type_ == "GPE" and comma:
            listed += [a for a in resolve_actor(child, ctx, recipient=recipient) if a.country and a.country not in own]
    return listed


# The collectives (data/cues/collectives.tsv) that are reciprocal pronouns: "each other", "one another".
RECIPROCAL = "reciprocal."


def _names_a_pair(token: Token, cues: Cues, prefix: str = "") -> bool:
    """"both sides", "the two countries": a collective pair, not two actors named one by one (only the
    collectives whose id starts with ``prefix``)."""
    words = [t.lower_ for t in token.subtree]
    return any(words[i:i + len(phrase)] == list(phrase) for key, phrase in cues.pairs if key.startswith(prefix)
               for i in range(len(words) - len(phrase) + 1))
