"""Stage ``implied_protests``: protesters named in an act are a protest that happened.

"Police fired tear gas at protesters in Beirut", "French police clashed with hundreds of protesters", "security
forces opened fire on demonstrators": the report is of the force used, and it also says that people were out
protesting where and when it was used. An asserted act that names protesters (a word the actor dictionary,
``data/actors/sectors.tsv``, gives the role "protesters") in its phrase, in a sentence that codes no protest of
its own, gets a PROTEST mention by them: a riot (CAMEO 145) when the act is violence they took part in (the
protesters attacked, or a clash, where both sides fight), else a demonstration (141). It takes the act's place
and date phrase, and its rule (``implied-protest:<mention id>``) names the act it was read from.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Actor, EventMention
from .state import ArticleState, Draft

IMPLIED_PROTEST_RULE = "implied-protest:"
DEMONSTRATE, RIOT = "141", "145"
VIOLENT_EVENTS = frozenset({"ASSAULT"})
PROTESTERS_ROLE = "protesters"  # the role data/actors/sectors.tsv gives words for people protesting
CIVILIANS = "CVL"  # protesters are civilians (data/actors/sector_codes.tsv)


def imply_protests(state: ArticleState) -> None:
    actors, cues = state.resources.actors, state.resources.cues
    ontology = state.resources.ontology
    protested = {d.sentence_index for d in state.coded() if d.mention.code.event == "PROTEST"}
    for draft in list(state.coded()):
        mention = draft.mention
        if draft.match is None or mention.status != "asserted" or draft.sentence_index in protested:
            continue
        token = next((t for t in draft.head.subtree if _protesters_word(t, actors)), None)
        if token is None:
            continue
        protesters, acting = _protesters(mention, token)
        # the protesters fought: they attacked, or clashed with someone (data/cues/party_acts.tsv: a clash or a
        # fight with protesters is a riot)
        clash = any(role == PROTESTERS_ROLE for role, _, _ in cues.party_acts.get(draft.match.entry.id, ()))
        violent = mention.code.event in VIOLENT_EVENTS and (acting or clash)
        code = ontology.event_code(RIOT if violent else DEMONSTRATE, event="PROTEST")
        protest = EventMention(
            article_id=mention.article_id, sentence=mention.sentence, start=mention.start, end=mention.end,
            trigger=token.text, trigger_start=state.offset + token.idx, rule=IMPLIED_PROTEST_RULE + draft.id,
            code=code, status="asserted", actors=[protesters], location=mention.location,
            date_text=mention.date_text, sentence_index=mention.sentence_index, depth=mention.depth + 1,
            verbal=True)
        state.add(Draft(id=state.new_id("p", token), sentence=draft.sentence, sentence_index=draft.sentence_index,
                        head=token, mention=protest, clause=draft.clause, explicit_date=draft.explicit_date,
                        notes={"implied": True}))
        protested.add(draft.sentence_index)


def _protesters_word(token: Token, actors) -> bool:
    """A word the actor dictionary gives the role of protesters (data/actors/sectors.tsv), unless an 'of' phrase
    says who they are ("a crowd of shoppers"; in "crowds of protesters" the 'of' phrase is the word)."""
    if token.pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return False
    entry = actors.sector(token.text) or actors.sector(token.lemma_)
    return entry is not None and entry.role == PROTESTERS_ROLE


def _protesters(mention: EventMention, token: Token) -> tuple[Actor, bool]:
    """The actor of ``mention`` whose words hold the protester word ``token``, and whether it is one of its
    actors; else civilians named by the word ("clashed with hundreds of protesters": no party resolved)."""
    for acting, actors in ((True, mention.actors), (False, mention.recipients)):
        for actor in actors:
            if token.text in actor.text.split():
                return actor, acting
    # no party resolved for the word: civilians of the country the act happened in
    country = mention.location.country if mention.location is not None else None
    country = country or next((a.country for a in mention.actors + mention.recipients if a.country), None)
    return Actor(text=token.text, code=(country or "") + CIVILIANS, country=country, sector=CIVILIANS), False
