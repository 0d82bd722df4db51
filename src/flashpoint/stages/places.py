"""Stages ``toponyms`` and ``places``: where the article's places are, and where each event happened.

``toponyms``: the geoparser's toponyms of the parsed body (the dateline was split off before parsing, so it is
never an event place), and the place the article is mostly about.

``places``: an event's place is a toponym under an "in/near/at" phrase of the trigger, its clause or its
recipient, else where the recipient is "based". The prepositions and the "based" verbs are the Coder's cues
(``data/cues/argument_words.tsv``: kinds event_place_prep, movement_prep, recipient_place_prep, base_verb, side
by side with every other list of place prepositions). An actor named only by its sector is of the place it acts in
("Protesters marched in Nairobi"); a state agent acts on its own people unless the recipient names its own
place; an event that names no target takes the country it happens in, or moves something to or from.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..dictionaries.cues import Cues
from ..extract.triggers import TriggerMatch
from ..merge.article import placed
from ..model import Actor, Place
from ..nlp.syntax import token_lemma
from ..places import geoparse
from ..resolve.actors import MISSION_ROLE
from .state import ArticleState

STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY", "LEG"})
# The public (civilians and protesters, workers, students, farmers): named only by their sector as the actor of an
# act the sentence places nowhere ("The protesters demand the minister's resignation"), they are the people of the
# place the article is mostly about, where the event itself is placed (merge.article). Armed or state sectors are
# not: in a report of a border war, unplaced troops are as often the other side's.
PUBLIC_SECTORS = frozenset({"CVL", "LAB", "EDU", "AGR"})
_PRECISION_RANK = {"country": 0, "admin1": 1}


def find_toponyms(state: ArticleState) -> None:
    gazetteer = state.resources.gazetteer
    # a name placed only at its article's region says nothing of where an act happened
    state.toponyms = [t for t in geoparse(state.doc, gazetteer=gazetteer) if not t.rough] \
        if gazetteer is not None else []
    state.main_place = main_place(state.toponyms)


def main_place(toponyms: list) -> Place | None:
    """The place an article is mostly about: its most often named literal, resolved toponym (the dateline is
    not in the parsed body, so it never counts; nor does a facility placed at its town, which names no town);
    ties go to the one named first."""
    counts: dict[int | str, list] = {}
    for top in toponyms:
        if top.place is None or not top.literal or top.held:
            continue
        key = top.place.geonames_id or top.place.name
        counts.setdefault(key, [0, top.place])[0] += 1
    if not counts:
        return None
    return max(counts.values(), key=lambda c: c[0])[1]


def place_mentions(state: ArticleState) -> None:
    by_token = toponyms_by_token(state.toponyms)
    cues = state.resources.cues
    home_targets = cues.home_targets
    for draft in state.coded():
        if draft.match is None:
            continue
        mention, args, match = draft.mention, draft.arguments, draft.match
        actors, recipients = mention.actors, mention.recipients
        location = _event_place(match, args.clause, args.recipients, by_token, cues, state.resources.gazetteer,
                                topic=mention.code.event in cues.words("topic_event"))
        if location is not None:
            # "Protesters marched in Nairobi": an actor named only by its sector is of the place it acts in.
            actors = [placed(a, location) for a in actors]
            # an embassy or consulate is never its host country's: "attacked the consulate in Damascus" is no
            # attack on Syria (whose mission it is, an owner named or an earlier mention says)
            recipients = [r if _mission(r, state.resources.actors) else placed(r, location) for r in recipients]
        elif state.main_place is not None and mention.status == "asserted":
            actors = [placed(a, state.main_place) if a.sector in PUBLIC_SECTORS else a for a in actors]
        if not any(_placed_elsewhere(t, cues) for t in args.recipients):
            site = location.country if location is not None else _sentence_country(draft.sentence, by_token)
            if site is None and state.main_place is not None:
                # "civilian homes are being targeted by Azerbaijani forces", in a report about Armenia: the people of
                # where the report is, when the sentence names no place
                site = state.main_place.country
            recipients = [_domestic(r, actors, site) for r in recipients]
        # "Hun Manet and Phumtham held talks in Putrajaya": where two parties meet is the venue, not a third party
        joint = len({a.country for a in actors if a.country}) >= 2
        target_place = location or _destination(match, by_token, cues) if not recipients and not joint else None
        own_measure = not actors and mention.code.event in cues.words("own_measure_event")
        if target_place is not None and target_place.country and not own_measure and (
                mention.code.event in home_targets or not any(a.country == target_place.country for a in actors)):
            # "arrived in Amman", "lifted the curfew in Montenegro", "sent personnel to Bosnia": with no party
            # named, the country the act happens in (or moves to or from) is its target, as CAMEO and PLOVER code
            # it; the actor's own only for acts imposed on the people there (data/cues/home_targets.tsv: "imposed
            # a curfew in Cizre"), not "protesters marched in Nairobi"; and no measure done by no one named ("flights
            # were suspended in Isfahan": argument_words own_measure_event), which is the place's own
            recipients = [Actor(text=target_place.text, code=target_place.country, country=target_place.country)]
        mention.actors, mention.recipients, mention.location = actors, recipients, location


def toponyms_by_token(toponyms: list) -> dict[int, object]:
    by_token: dict[int, object] = {}
    for top in toponyms:
        for i in range(top.token_start, top.token_end):
            by_token[i] = top
    return by_token


def _phrase(token: Token) -> list[Token]:
    """The token and its modifiers, without nested prepositions and clauses: "Iran's Sistan and Baluchestan
    province" but not the "between Pakistan and Iran" of "a rare escalation of tensions between ..."."""
    tokens = [token]
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod", "conj", "cc", "det", "case", "appos", "flat"):
            tokens.extend(_phrase(child))
    return tokens


def _toponym_in(token: Token, toponyms: dict[int, object], cues: Cues, gazetteer=None) -> Place | None:
    """The most specific resolved literal toponym in ``token``'s phrase. A possessor names a place only of a
    place ("Iran's border", "Pakistan's Balochistan province"; the cue table's place_noun); of anything else it is
    the owner ("Tehran's consulate", "Israel's war"). A phrase that lists places in several provinces of one
    country ("in the Syunik, Gegharkunik and Vayots Dzor regions") places the act in that country: it spread
    over them, and no one of them is its place."""
    best: Place | None = None
    place_nouns = cues.words("place_noun")
    found: list[Place] = []
    for t in _phrase(token):
        top = toponyms.get(t.i)
        if top is None or top.place is None or not top.literal:
            continue
        if t.dep_ == "poss" and t.head.i not in toponyms and token_lemma(t.head) not in place_nouns:
            continue
        found.append(top.place)
        if best is None or _PRECISION_RANK.get(top.place.precision, 2) > _PRECISION_RANK.get(best.precision, 2):
            best = top.place
    if (best is None or best.precision == "country") and gazetteer is not None \
            and token_lemma(token) in cues.words("capital_noun"):
        # "in the Syrian capital", "Iran's capital": the capital city of the country named before it
        for child in token.children:
            if child.dep_ not in ("amod", "compound", "poss"):
                continue
            top = toponyms.get(child.i)
            country = top.place.country if top is not None and top.place is not None \
                and top.place.precision == "country" else None
            if country is None and (row := gazetteer.demonym_row(child.text)) is not None:
                country = gazetteer.countries[row] or None
            capital = gazetteer.capital_place(country, text=f"{child.text} {token.text}") if country else None
            if capital is not None:
                return capital
    provinces = {p.admin1 for p in found if p.admin1}
    countries = {p.country for p in found}
    if gazetteer is not None and len(provinces) >= 2 and len(countries) == 1:
        spread = gazetteer.country_place(countries.pop(), text=" ".join(dict.fromkeys(p.text for p in found)))
        if spread is not None:
            return spread
    return best


def _place_under(anchor: Token, toponyms: dict[int, object], cues: Cues, gazetteer=None,
                 trigger: frozenset[int] = frozenset(), topic: bool = False) -> Place | None:
    """The place of an "in/near/at ..." phrase (the cue table's event_place_prep) on ``anchor``. A preposition
    that is a word of the trigger itself ("calls on Armenia and Azerbaijan to ...") opens the act's party, not its
    place; on a meeting (a ``topic`` event) a topic_place_prep ("talks on the Kashmir conflict") opens what it
    is about."""
    preps = cues.words("event_place_prep") - (cues.words("topic_place_prep") if topic else frozenset())
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ in preps and child.i not in trigger:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    place = _toponym_in(obj, toponyms, cues, gazetteer)
                    if place is not None:
                        return place
    return None


def _base_of(noun: Token, toponyms: dict[int, object], cues: Cues) -> Place | None:
    """"a group based in Pakistan's Balochistan province": where an actor is based (the cue table's base_verb)."""
    base_verbs = cues.words("base_verb")
    for node in [noun, *[c for c in noun.children if c.dep_ == "appos"]]:
        for child in node.children:
            if child.dep_ in ("acl", "relcl", "amod") and token_lemma(child) in base_verbs:
                place = _place_under(child, toponyms, cues)
                if place is not None:
                    return place
    return None


def _destination(match: TriggerMatch, toponyms: dict[int, object], cues: Cues) -> Place | None:
    """The place an act moves something to or from (the cue table's movement_prep: "sent personnel to Bosnia",
    "moved into Chad"), on the trigger or on what it moves ("the withdrawal of some forces from Panama")."""
    movement = cues.words("movement_prep")
    anchors = list(match.tokens)
    for token in match.tokens:
        for child in token.children:
            if child.dep_ in ("dobj", "obj"):
                anchors.append(child)
            elif child.dep_ == "prep" and child.lower_ == "of":
                anchors += [g for g in child.children if g.dep_ == "pobj"]
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ == "prep" and child.lower_ in movement:
                for obj in child.children:
                    place = _toponym_in(obj, toponyms, cues) if obj.dep_ == "pobj" else None
                    if place is not None:
                        return place
    return None


def _event_place(match: TriggerMatch, clause: Token | None, recipients: list[Token],
                 toponyms: dict[int, object], cues: Cues, gazetteer=None, *, topic: bool = False) -> Place | None:
    anchors = list(match.tokens) + ([clause] if clause is not None else []) + recipients
    # "Iran's attack, which hit a village in Pakistan's Balochistan province": the relative clause says where.
    for clause_verb in (c for c in match.head.children if c.dep_ in ("relcl", "acl")):
        anchors += [clause_verb] + [c for c in clause_verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    trigger = frozenset(t.i for t in match.tokens)
    places = [p for p in (_place_under(anchor, toponyms, cues, gazetteer, trigger, topic) for anchor in anchors)
              if p is not None]
    if places:
        return max(places, key=lambda p: _PRECISION_RANK.get(p.precision, 2))
    for recipient in recipients:
        place = _base_of(recipient, toponyms, cues)
        if place is not None:
            return place
    return None


def _sentence_country(sent, by_token: dict[int, object]) -> str | None:
    """The one country of the literal places a sentence names ("shelled Kharkiv": UKR), else None."""
    countries = {top.place.country for i in range(sent.start, sent.end) if (top := by_token.get(i)) is not None
                 and top.place is not None and top.literal and top.place.country}
    return countries.pop() if len(countries) == 1 else None


def _domestic(recipient: Actor, actors: list[Actor], site: str | None = None) -> Actor:
    """"Liberian riot police dispersed demonstrators": a state agent acts on its own people unless told
    otherwise, so a recipient named only by its sector takes the acting state's country; acting in another
    country (``site``: "Russian forces shelled Kharkiv, killing four civilians"), on that country's people."""
    if recipient.country or recipient.id or not recipient.sector or recipient.sector in STATE_SECTORS | {"IGO"}:
        return recipient
    # (a state named alone acts through its agents: "Azerbaijani units continue targeting civilian infrastructure")
    states = {a.country for a in actors if a.country and (a.sector in STATE_SECTORS or a.code == a.country)}
    if len(states) != 1:
        return recipient
    country = states.pop()
    if site and site != country:
        country = site
    return replace(recipient, country=country, code=country + recipient.sector)


def _mission(actor: Actor, dictionary) -> bool:
    """Whether ``actor`` is a diplomatic mission named without its country ("the consulate building")."""
    if actor.country or actor.id:
        return False
    for word in actor.text.split():
        entry = dictionary.sector(word) or dictionary.sector(word.lower())
        if entry is not None and entry.role == MISSION_ROLE:
            return True
    return False


def _placed_elsewhere(token: Token, cues: Cues) -> bool:
    """"the rebels in Darfur": a recipient that names its own place (the cue table's recipient_place_prep) is
    not the acting state's by default."""
    preps = cues.words("recipient_place_prep")
    return any(c.dep_ == "prep" and c.lower_ in preps and any(g.dep_ == "pobj" for g in c.children)
               for t in [token, *token.conjuncts] for c in t.children)
