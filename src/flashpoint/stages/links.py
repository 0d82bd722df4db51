"""Stages ``links`` and ``order``: how the article's mentions refer to each other, by id.

``links``: "X came as a response to Y", "X in retaliation for Y", "X retaliated for Y" make X's mention respond
to Y's; "X responded by V-ing", "In retaliation, X did Y" make it respond to the latest act of the other side (or,
where there is none, to the latest act that names no party, then read as the other side's); a
hostile act "after" or "following" a material act of the other side (or one done to the actor's side) responds
to it; an event anaphor that answers something ("This action was a response to Y") becomes a mention of its
own, pointing back at the event it names; a definite event noun with no actor of its own ("the strikes were
carried out in ...") points back at an earlier asserted mention of the same event type within the window.
``order``: the mentions in text order (sentence, then trigger).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..dictionaries.cues import Cues
from ..model import Actor, EventMention
from ..nlp.syntax import token_lemma
from .opponents import article_pair
from .state import ArticleState, Draft

MATERIAL_QUADS = (2, 4)
HOSTILE_QUAD = 4  # material conflict


def link_mentions(state: ArticleState) -> None:
    cues, window = state.resources.cues, state.anaphora_window
    sentence_index = {sent.start: i for i, sent in enumerate(state.doc.sents)}
    pairs = _responses(state.doc, cues)
    response_objects = {obj.i for _, obj in pairs} | {t.i for _, obj in pairs for t in obj.subtree}
    # Event anaphors that answer something: "This came as a response to Y", "This action was a response to Y".
    for responder, answered in pairs:
        target = _mention_at(state, answered)
        if target is None:
            continue
        anaphor = _is_anaphor(responder, cues)
        source = _mention_at(state, responder) if not anaphor else None
        if source == target and responder.dep_ in ("acl", "relcl", "advcl"):
            # "a session held upon Armenia's request": the session ("a session of the CSTO held ...", where the
            # parser hangs the participle on the body: the nearest act above it); "struck Iran, responding to
            # Iranian strikes": the strike the participle hangs on
            source = _mention_above(state, responder.head)
        if source is None and anaphor:
            index = sentence_index[responder.sent.start]
            antecedent = _antecedent(state, (index, -1), window, event=None, lemma=None,
                                     response_objects=response_objects)
            if antecedent is None:
                continue
            mention = _anaphoric_mention(state, responder, state.drafts[antecedent].mention, responder.sent, index)
            mention.antecedent = antecedent
            draft = state.add(Draft(id=state.new_id("a", responder), sentence=responder.sent, sentence_index=index,
                                    head=responder, mention=mention, definite=True))
            source = draft.id
        if source is not None and source != target:
            state.drafts[source].mention.responds_to.append(target)
            # what is answered happened, whatever the answer's mood: "vowed to punish Israel for the attack" (a
            # definite or possessed act; "threatened to retaliate for any attack" answers none yet)
            answered_mention = state.drafts[target].mention
            if answered_mention.status == "hypothetical" and _definite_act(answered, cues):
                answered_mention.status = "asserted"
    # Answers whose answered act goes unsaid: "Cambodia responded by downgrading ties", "In retaliation, Cambodia
    # condemned ...": the latest earlier act of the other side against the responder.
    for responder in _unsaid_responses(state.doc, cues):
        source = _mention_at(state, responder)
        if source is None:
            continue
        target = _latest_act_against(state, state.drafts[source].mention, window)
        if target is not None and target not in state.drafts[source].mention.responds_to:
            state.drafts[source].mention.responds_to.append(target)
    # Hostile acts set after the other side's act: "Thailand recalled its envoy after a landmine wounded its
    # soldiers", "Cambodia closed the border following the shelling of its villages".
    for act, phrase in _connective_pairs(state.doc, cues):
        source = _mention_at(state, act)
        if source is None or state.drafts[source].head.i in {t.i for t in phrase.subtree}:
            continue
        answer = state.drafts[source].mention
        target = _answered_after(state, answer, phrase)
        if target is not None and target not in answer.responds_to:
            answer.responds_to.append(target)
    for draft in list(state.coded()):
        _imply_answered_doers(state, draft.mention)
    # Definite event nouns with no actor of their own: "the strikes were carried out in ...". An act named as what
    # another answers is never that answer told again ("struck Chile in retaliation for the April 1 strike").
    answers = {target: {d.id for d in state.coded() if target in d.mention.responds_to} for target in state.drafts}
    for draft in list(state.coded()):
        mention = draft.mention
        if draft.definite and not mention.anaphoric and mention.status == "asserted":
            antecedent = _antecedent(state, (mention.sentence_index, mention.trigger_start), window,
                                     event=mention.code.event, lemma=_noun_lemma(draft),
                                     response_objects=response_objects)
            if antecedent is not None and _same_act(state, antecedent, answers.get(draft.id, set())):
                antecedent = None
            if antecedent is not None:
                mention.anaphoric = True
                mention.antecedent = antecedent


def _same_act(state: ArticleState, mention_id: str, others: set[str]) -> bool:
    """Whether the mention is one of ``others`` or told as the same act (their antecedent links meet)."""
    return bool(others) and _root(state, mention_id) in {_root(state, other) for other in others}


def _root(state: ArticleState, mention_id: str) -> str:
    """The first telling of a mention's act: its antecedent's antecedent, and so on."""
    seen = {mention_id}
    current = mention_id
    while (draft := state.drafts.get(current)) is not None:
        following = draft.mention.antecedent
        if following is None or following in seen or following not in state.drafts:
            break
        seen.add(following)
        current = following
    return current


def order_mentions(state: ArticleState) -> None:
    state.in_text_order()


def _antecedent(state: ArticleState, position: tuple[int, int], window: int, *, event: str | None,
                lemma: str | None, response_objects: set[int]) -> str | None:
    """The id of the mention an anaphor at ``position`` (sentence index, character offset) points back to: an
    earlier asserted mention of the same event type (any material event, for "this action"), within the window,
    preferring the same trigger word, then a main event over one mentioned as the thing responded to, then
    the most recent."""
    best: tuple | None = None
    for draft in state.coded():
        m = draft.mention
        if (m.sentence_index, m.trigger_start) >= position or m.anaphoric:
            continue
        if m.status != "asserted" or position[0] - m.sentence_index > window:
            continue
        if event is not None and m.code.event != event:
            continue
        if event is None and m.code.quad not in MATERIAL_QUADS:
            continue
        # a mention that is itself the thing responded to ("... a response to Tehran's attack") ranks lower, and so
        # does one that names no party ("... have been killed or injured": the attack told before it is the act)
        score = (lemma in draft.lemmas, bool(m.actors or m.recipients), draft.head.i not in response_objects,
                 m.sentence_index, m.trigger_start)
        if best is None or score > best[0]:
            best = (score, draft.id)
    return best[1] if best else None


def _noun_lemma(draft: Draft) -> str:
    """The event noun of a mention ("strike" in "the strikes were carried out"), else its head's lemma."""
    head = token_lemma(draft.head)
    return next((lemma for lemma in sorted(draft.lemmas) if lemma != head), head)


def _responses(doc: Doc, cues: Cues) -> list[tuple[Token, Token]]:
    """(responding token, answered token) pairs: "X came as a response to Y", "X in retaliation for Y",
    "X retaliated for Y"."""
    pairs = []
    for token in doc:
        cue = cues.responses.get(token_lemma(token))
        if cue is None or not (cue.preps or cue.answers_object):
            continue
        if cue.kind == OCCASION:
            # "the Council met at the request of Cambodia": the meeting answers the request the noun reports
            if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ in cue.preps:
                pairs.append((token.head.head, token))
            continue
        answered = [obj for child in token.children if child.dep_ == "prep" and child.lower_ in cue.preps
                    for obj in child.children if obj.dep_ in ("pobj", "pcomp")]
        if not answered and cue.answers_object:  # "to avenge the March 3 bombing"
            answered = [c for c in token.children if c.dep_ in ("dobj", "obj")]
        if not answered:
            continue
        if cue.kind == "verb" and cue.answers_object and token.dep_ in ("advcl", "xcomp") \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            responder = token.head  # "jets raided the camps to avenge the bombing": the raid answers it
        elif cue.kind == "verb":
            responder = token
        elif token.dep_ == "pobj" and token.head.dep_ == "prep":
            # "came as a response to", "in retaliation for": the verb (or noun) the phrase hangs from
            holder = token.head.head
            subjects = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
            responder = subjects[0] if subjects and holder.lemma_ in ("come", "be") else holder
        elif token.dep_ in ("attr", "dobj", "acomp"):  # "This action was a direct response to"
            subjects = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects:
                continue
            responder = subjects[0]
        else:
            continue
        pairs.append((responder, answered[0]))
    return pairs


# "responded by downgrading ties": the answer is the object of "by"; "in retaliation, X did Y": the phrase's verb
BY, IN = "by", "in"
CONNECTIVE = "connective"  # data/cues/response.tsv: "after", "following"
OCCASION = "occasion"  # data/cues/response.tsv: "at the request of", "upon Armenia's request"


def _connective_pairs(doc: Doc, cues: Cues) -> list[tuple[Token, Token]]:
    """(act, earlier phrase) pairs an "after"/"following" sets in order: "X recalled its envoy after a landmine
    wounded its soldiers" (a clause: its verb), "X closed the border following the attack" (a phrase: its
    object). The act is the verb or noun the clause or phrase hangs from."""
    pairs = []
    for token in doc:
        cue = cues.responses.get(token.lower_)
        if cue is None or cue.kind != CONNECTIVE:
            continue
        if token.dep_ == "mark" and token.head.dep_ == "advcl":
            pairs.append((token.head.head, token.head))
        elif token.dep_ == "prep":
            pairs += [(token.head, obj) for obj in token.children if obj.dep_ in ("pobj", "pcomp")]
        elif token.dep_ == "advcl" and token.pos_ == "VERB":  # "following the attack" read as a participle
            pairs += [(token.head, obj) for obj in token.children if obj.dep_ == "dobj"]
    return pairs


def _answered_after(state: ArticleState, answer: EventMention, phrase: Token) -> str | None:
    """The material act in ``phrase`` (an "after" clause or phrase) that ``answer`` answers: one done by a side
    ``answer`` is aimed at, or done to ``answer``'s own side, never by it; the first in the phrase ("appealed to
    the CSTO after Azerbaijan attacked", "recalled its envoy after a landmine wounded its soldiers"). None where
    there is none (an act after a meeting, or after its own side's strike, answers nothing)."""
    own = {a.country for a in answer.actors if a.country}
    targets = {a.country for a in answer.recipients if a.country}
    if not own:
        return None
    inside = {t.i for t in phrase.subtree}
    for draft in state.coded():
        m = draft.mention
        if m is answer or draft.head.i not in inside or m.status != "asserted" or m.code.quad not in MATERIAL_QUADS:
            continue
        by = {a.country for a in m.actors if a.country}
        against = {a.country for a in m.recipients if a.country}
        if by & own or not (by & targets or against & own):
            continue
        return draft.id
    return _unclaimed_attack(state, answer, inside, own, targets)


# Marks the rule of a mention whose parties an answer implies: "/answered-by:THA" (stages/links.py).
ANSWERED_RULE = "/answered-by:"


def _unclaimed_attack(state: ArticleState, answer: EventMention, inside: set[int], own: set[str],
                      targets: set[str]) -> str | None:
    """The first hostile material act in the phrase that names no party at all, read as the act of the side the
    answer is aimed at (or, where it names none, the other of the two countries the article is about) against the
    answering side: "Thailand recalled its envoy following another landmine incident" (a reader takes the mine for
    Cambodia's, and Thailand's soldiers as hit). Only between two countries, one a side; the act's rule records
    ``/answered-by:<ISO3>``, so the parties point back to the answer."""
    for draft in state.coded():
        m = draft.mention
        if m is answer or draft.head.i not in inside or not _unclaimed(m) or m.recipients:
            continue
        return draft.id if _imply_parties(state, m, own, targets) else None
    return None


def _unclaimed(mention: EventMention) -> bool:
    """An asserted hostile material act that names no doer, and no victim's country."""
    return (mention.status == "asserted" and mention.code.quad == HOSTILE_QUAD and not mention.actors
            and not any(a.country for a in mention.recipients))


def _imply_parties(state: ArticleState, mention: EventMention, own: set[str], targets: set[str]) -> bool:
    """Give an unclaimed act (``_unclaimed``) the parties its answer implies: done by the side the answer is aimed
    at (or the other of the article's pair) to the answering side. False where they are not two countries."""
    targets = targets - own
    if not targets and state.context is not None:  # "recalled its ambassador": the other of the article's pair
        pair = article_pair(state)
        targets = set(pair) - own if pair is not None and own <= set(pair) else set()
    if len(own) != 1 or len(targets) != 1:
        return False
    (side,), (other,) = own, targets
    mention.actors = [Actor(text=other, code=other, country=other)]
    if not mention.recipients:
        mention.recipients = [Actor(text=side, code=side, country=side)]
    gazetteer = state.resources.gazetteer
    if mention.location is None and gazetteer is not None:
        # an act the answering side suffered, told where it answers it: on its side, not at the article's main place
        mention.location = gazetteer.country_place(side, side)
    mention.rule += ANSWERED_RULE + side
    return True


def _imply_answered_doers(state: ArticleState, answer: EventMention) -> None:
    """An answered hostile act that names its victims but not its doer is the act of the side the answer is aimed
    at: "Thailand downgraded ties with Cambodia after a landmine injured Thai soldiers", "Israel struck Gaza in
    retaliation for a rocket attack that wounded Israelis" (as ``_unclaimed_attack`` reads an act that names no
    party). Only where the victims are all the answering side's and the answer is aimed at one other country."""
    own = {a.country for a in answer.actors if a.country}
    targets = {a.country for a in answer.recipients if a.country} - own
    if len(own) != 1 or len(targets) != 1:
        return
    for target in answer.responds_to:
        draft = state.drafts.get(target)
        if draft is None:
            continue
        m = draft.mention
        victims = {a.country for a in m.recipients}
        if (m.status == "asserted" and m.code.quad == HOSTILE_QUAD and not m.actors and victims
                and victims <= own):
            _imply_parties(state, m, own, targets)


def _unsaid_responses(doc: Doc, cues: Cues) -> list[Token]:
    """Answers that name no answered act: "X responded by downgrading ties" (the gerund), "In retaliation, X
    condemned ..." (the verb the phrase hangs from). A cue with its preposition ("in retaliation for Y") is
    :func:`_responses`' instead."""
    found = []
    for token in doc:
        cue = cues.responses.get(token_lemma(token))
        if cue is None or cue.kind in (CONNECTIVE, OCCASION) or any(c.dep_ == "prep" and c.lower_ in cue.preps
                                                         for c in token.children):
            continue
        if cue.kind == "verb":
            found += [obj for prep in token.children if prep.dep_ == "prep" and prep.lower_ == BY
                      for obj in prep.children if obj.dep_ in ("pcomp", "pobj")]
        elif token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ == IN and (
                token.head.head.pos_ in ("VERB", "AUX")):
            verb = token.head.head
            # "In response, Thailand closed two temples and shut four checkpoints": every verb the phrase governs
            found += [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return found


def _latest_act_against(state: ArticleState, answer: EventMention, window: int) -> str | None:
    """The id of the latest asserted material act before ``answer``, within ``window`` sentences, by a side
    ``answer`` is directed at, or against ``answer``'s own side (whoever did it, or no one named); never a threat or
    a promise (those are not material), never an act of the answering side itself. Where there is none, the latest
    act that names no party at all, given the parties the answer implies (``_imply_parties``)."""
    own = {a.country for a in answer.actors if a.country}
    targets = {a.country for a in answer.recipients if a.country}
    if not own:
        return None
    best: tuple | None = None
    unowned: tuple | None = None
    for draft in state.coded():
        m = draft.mention
        if m is answer or (m.sentence_index, m.trigger_start) >= (answer.sentence_index, answer.trigger_start):
            continue
        if m.status != "asserted" or m.code.quad not in MATERIAL_QUADS or answer.sentence_index - m.sentence_index > window:
            continue
        by = {a.country for a in m.actors if a.country}
        against = {a.country for a in m.recipients if a.country}
        position = (m.sentence_index, m.trigger_start)
        if _unclaimed(m) and not m.recipients and (unowned is None or position > unowned[0]):
            # a hostile act that names no party at all ("a soldier stepped on a landmine ... The army responded by
            # closing the border"): answered, where nothing else is, as the act of the side the answer is aimed at
            unowned = (position, draft.id)
        # (an act no one is named for counts when it was done to the answering side: "a landmine wounded Thai
        # soldiers ... In response, Thailand shut the border")
        if by & own or not (by & targets or against & own):
            continue
        if best is None or position > best[0]:
            best = (position, draft.id)
    if best is not None:
        return best[1]
    if unowned is not None and _imply_parties(state, state.drafts[unowned[1]].mention, own, targets):
        return unowned[1]
    return None


def _mention_at(state: ArticleState, token: Token) -> str | None:
    """The id of the mention whose trigger is ``token``, lies in its phrase, or whose clause verb it is."""
    drafts = list(state.coded())
    for draft in drafts:
        if draft.head.i == token.i:
            return draft.id
    for draft in drafts:  # "vowed to punish Israel for ...": "punish" is a word of the trigger "vowed punish"
        if draft.match is not None and any(t.i == token.i for t in draft.match.tokens):
            return draft.id
    for draft in drafts:
        if draft.clause is not None and draft.clause.i == token.i:
            return draft.id
    subtree = {t.i for t in token.subtree}
    for draft in drafts:
        if draft.head.i in subtree:
            return draft.id
    return None


def _mention_above(state: ArticleState, token: Token) -> str | None:
    """The id of the mention whose trigger is ``token`` or its nearest ancestor in the parse."""
    heads = {draft.head.i: draft.id for draft in state.coded()}
    node = token
    while True:
        if node.i in heads:
            return heads[node.i]
        if node.head.i == node.i:
            return None
        node = node.head


def _definite_act(token: Token, cues: Cues) -> bool:
    """"the attack", "this strike", "Israel's attack": an act the text takes as known."""
    return any((c.dep_ == "det" and c.lower_ in cues.words("definite")) or c.dep_ == "poss" for c in token.children)


def _is_anaphor(token: Token, cues: Cues) -> bool:
    return token_lemma(token) in cues.anaphors and (token.pos_ in ("PRON", "DET") or any(
        c.lower_ in cues.words("definite") for c in token.children if c.dep_ == "det"))


def _anaphoric_mention(state: ArticleState, responder: Token, source: EventMention, sent: Span,
                       sent_index: int) -> EventMention:
    start, end = state.sentence_offsets(sent)
    phrase = responder.doc[min(t.i for t in responder.subtree):responder.i + 1].text
    return EventMention(
        article_id=source.article_id, sentence=state.article.text[start:end], start=start, end=end, trigger=phrase,
        trigger_start=state.offset + responder.idx, rule="anaphor/" + token_lemma(responder), code=source.code,
        status=source.status, anaphoric=True, sentence_index=sent_index)
