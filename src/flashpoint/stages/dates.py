"""Stages ``date_phrases`` and ``dates``: when each event happened.

``date_phrases`` (per mention, before folding): the DATE/TIME entity attached to the trigger or its clause.
``dates`` (over the article, in text order): each phrase resolved against the publication date or, for "the
previous day", the event dated just before (``resolve.dates``).
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Span, Token

from ..nlp.syntax import token_lemma
from ..resolve.dates import ResolvedDate, counts_from_previous, is_history, resolve_date
from .state import ArticleState
from .status import CHARGE_NOUN_KIND


# An act in a clause opened by one of these happens at the time of the clause it hangs on: "the crisis started on
# October 7 when Hamas invaded Israel, killing ..." dates the invasion and the killing to October 7.
SIMULTANEOUS = frozenset({"when", "as", "while"})
# An act in a clause opened by one of these, with no date of its own, came shortly before the act it hangs on, and
# takes that act's day: "fighting resumed on Monday after troops shelled the post" dates the shelling to Monday
# (a day early at most, which merging across reports allows for).
FOLLOWING = frozenset({"after"})
# A span before the 'after' ("two days after troops shelled the post") counts back from that day instead: the span
# with this word is a relative date of data/cues/relative_dates.tsv ("two days earlier"), counted from that day.
EARLIER = "earlier"
BY = "by"  # "responded on Saturday by shelling the bases": a "by" gerund is the act of the verb it hangs on
# A statement (the verbal quads: 1 verbal cooperation, 3 verbal conflict) with no date of its own was made when
# the speech verb that reports it says: "Bangkok said yesterday it was open to talks".
VERBAL_QUADS = frozenset({1, 3})
# A trigger noun in the object of one of these is the time frame of the act it hangs on, not an act a date phrase
# inside it belongs to instead: "backed Baku in the 2020 conflict" is dated 2020.
TIME_FRAME_PREPS = frozenset({"in", "during", "throughout"})
# A date phrase opened by one of these straight after an act's noun in a prepositional phrase is that act's date,
# wherever the parser hangs it: "in retaliation for an airstrike on April 1" dates the airstrike, not the
# retaliation the parser often hangs "on April 1" on.
NOUN_DATE_PREPS = frozenset({"on"})
PRECISION_ORDER = ("day", "week", "month", "year")  # finest first
# What ends a sentence, as against a heading or a photo's title line, which has no end mark.
TITLE_LINE_ENDS = (".", "!", "?", ":", '"', "\u201d", "'", "\u2019")


def find_date_phrases(state: ArticleState) -> None:
    triggers = {d.match.head.i for d in state.coded() if d.match is not None}
    accusing = state.resources.cues.words("doer_directed_event")
    accusations = {d.match.head.i for d in state.coded() if d.match is not None and d.mention.code.event in accusing}
    frames = {i for i in triggers if _time_frame(state.doc[i])}
    owned = _noun_owned_dates(state.doc, triggers)
    charges = state.resources.cues.words(CHARGE_NOUN_KIND)
    for draft in state.coded():
        if draft.match is None:
            continue
        head = draft.match.head
        # an act noun's own date ("the April 2 attack") before its clause's ("denounced ... yesterday"); a charge
        # noun's accusation is made when it is said ("the aggression by Azerbaijan on September 13," he said today)
        charge = draft.match.entry.id in charges
        date_ent = _date_entity(draft.sentence, {head.i}, triggers - frames, owned) \
            if head.pos_ == "NOUN" and draft.clause is not None and draft.clause.i != head.i and not charge else None
        anchors = ({head.i} if not charge else set()) | ({draft.clause.i} if draft.clause is not None else set())
        anchors |= _simultaneous_heads(draft.clause if draft.clause is not None else head,
                                       state.resources.cues.words("phase_verb"))
        if date_ent is None:
            date_ent = _date_entity(draft.sentence, anchors, triggers - frames, owned)
        if date_ent is None:
            # "responding to Iranian strikes a day earlier": an earlier-than phrase on the answer dates what it answers
            cue = _answering_cue(head, state.resources.cues)
            found = _date_entity(draft.sentence, {cue.i}, triggers - frames, owned) if cue is not None else None
            date_ent = found if found is not None and counts_from_previous(found.text) else None
        if date_ent is None:
            earlier = _following_heads(draft.clause if draft.clause is not None else draft.match.head)
            date_ent = _date_entity(draft.sentence, earlier, triggers - frames, owned) if earlier else None
            if date_ent is not None:
                draft.before_dated_act = _span_before(draft.clause if draft.clause is not None else head)
        if date_ent is None:
            accusation = _accusation_head(draft.match.head, accusations)
            date_ent = _date_entity(draft.sentence, {accusation}, triggers - frames, owned) if accusation is not None \
                else None
        if date_ent is None:
            speech = _speech_heads(draft.clause if draft.clause is not None else draft.match.head,
                                   state.resources.cues.speech_verbs)
            said = _date_entity(draft.sentence, speech, triggers - frames, owned) if speech else None
            if draft.mention.code.quad in VERBAL_QUADS:
                date_ent = said
            elif said is not None:
                draft.reported_on = said.text  # an act reported on a day happened by then (``resolve_dates``)
        draft.mention.date_text = date_ent.text if date_ent is not None else None
        draft.explicit_date = date_ent is not None
        if date_ent is None and head.pos_ == "NOUN":
            # "Iran's recent drone attack": an act the report names as past, to within the month, not its news
            draft.mention.date_text = _relative_modifier(head)


def _answering_cue(answered: Token, cues) -> Token | None:
    """The response word ("responding", "retaliation": data/cues/response.tsv) whose phrase names ``answered``:
    "responding to the strikes", "in retaliation for the raid"."""
    if answered.dep_ in ("pobj", "pcomp") and answered.head.dep_ == "prep":
        cue_token = answered.head.head
        cue = cues.responses.get(token_lemma(cue_token))
        if cue is not None and answered.head.lower_ in cue.preps:
            return cue_token
    return None


def _relative_modifier(noun: Token) -> str | None:
    """The adjective of ``noun`` that is a relative date ("recent", "previous": data/cues/relative_dates.tsv)."""
    for child in noun.children:
        if child.dep_ == "amod" and child.pos_ == "ADJ" and resolve_date(child.text, published=_SOME_DAY) is not None:
            return child.text
    return None


def _simultaneous_heads(clause: Token, phase_verbs: frozenset[str] = frozenset()) -> set[int]:
    """The verbs a participle, a 'when'/'as'/'while' clause or the to-infinitive of a verb of beginning or going on
    (``phase_verbs``: "began to fire") hangs on, up the chain: their date is its date."""
    heads: set[int] = set()
    token = clause
    for _ in range(4):
        if token.dep_ == "pcomp" and token.tag_ == "VBG" and token.head.lower_ == BY and token.head.dep_ == "prep" \
                and token.head.head.pos_ in ("VERB", "AUX"):
            token = token.head.head  # "responded on Saturday by shelling ...": the shelling is the responding
            heads.add(token.i)
            continue
        if token.dep_ in ("advcl", "xcomp", "conj") and token.tag_ == "VBG" and token.head.i != token.i:
            token = token.head  # "killing ..." after "invaded": at the time of what it follows
            heads.add(token.i)
            continue
        if token.dep_ == "xcomp" and token.head.i != token.i and token_lemma(token.head) in phase_verbs:
            token = token.head  # "on 13 September, units began to fire": the firing began then
            heads.add(token.i)
            continue
        if token.dep_ == "advcl" and any(c.dep_ in ("advmod", "mark") and c.lower_ in SIMULTANEOUS
                                         for c in token.children):
            heads.add(token.head.i)
            token = token.head
            continue
        if token.dep_ == "conj" and token.tag_ != "VBG" and token.head.i != token.i and token.head.dep_ == "advcl":
            # "clashed today, as the toll rose and Phnom Penh called for a ceasefire": a clause joined to an 'as'
            # clause shares its conjunction
            token = token.head
            continue
        break
    return heads


def _following_heads(clause: Token) -> set[int]:
    """The verb an 'after' clause hangs on ("resumed on Monday after troops shelled ..."), or nothing."""
    if clause.dep_ == "advcl" and clause.head.i != clause.i and any(
            c.dep_ == "mark" and c.lower_ in FOLLOWING for c in clause.children):
        return {clause.head.i}
    return set()


def _span_before(clause: Token) -> str | None:
    """How long before the act it hangs on an 'after' clause's act came, as a phrase counted back from that act's
    day ("a day after Tehran warned": "a day earlier"; "days after": "days earlier"), or None (a plain "after")."""
    for child in clause.children:
        if child.dep_ == "npadvmod" and child.i < clause.i:
            return " ".join(t.lower_ for t in child.subtree) + " " + EARLIER
    return None


def _speech_heads(clause: Token, speech_verbs: frozenset[str]) -> set[int]:
    """The speech verb whose complement holds the clause ("said yesterday that Bangkok was open to talks"), or
    nothing: what a party says it does or wants is said when it is said."""
    token = clause
    for _ in range(3):
        if token.dep_ not in ("ccomp", "xcomp", "conj") or token.head.i == token.i:
            return set()
        token = token.head
        if token.lemma_.lower() in speech_verbs:
            return {token.i}
    return set()


def _accusation_head(trigger: Token, accusations: set[int]) -> int | None:
    """The accusation whose 'of'/'for' phrase names the act ("accused Baku last week of killing a soldier",
    "blamed Israel on Monday for the strike"), or None: an act an accusation names happened by the time it was
    made, so with no date of its own it takes the accusation's."""
    token = trigger
    if token.dep_ in ("pcomp", "pobj") and token.head.dep_ == "prep" and token.head.head.i in accusations:
        return token.head.head.i
    return None


def _noun_owned_dates(doc, triggers: set[int]) -> dict[int, int]:
    """Date phrases that belong to the act noun they follow, by the first token of their preposition: the noun's
    token index. Only a noun inside a prepositional phrase ("in response to the strike on April 1") qualifies:
    after an object ("condemned the attack on Sunday") the date is as often the verb's."""
    owned: dict[int, int] = {}
    for i in triggers:
        noun = doc[i]
        if noun.pos_ != "NOUN" or noun.dep_ != "pobj":
            continue
        # straight after the noun, or after its own phrases ("an attack on Israel on April 13")
        for end in sorted({noun.i, noun.right_edge.i}):
            if end + 2 >= len(doc):
                continue
            prep, date = doc[end + 1], doc[end + 2]
            if prep.lower_ in NOUN_DATE_PREPS and date.ent_type_ in ("DATE", "TIME") and date.ent_iob_ == "B" \
                    and date.i not in owned:
                owned[date.i] = noun.i
    return owned


def _time_frame(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.dep_ == "pobj" and token.head.lower_ in TIME_FRAME_PREPS


def resolve_dates(state: ArticleState) -> None:
    published = state.article.published
    previous = None
    for draft in state.coded():
        mention = draft.mention
        if mention.date_text is None and draft.reported_on is not None and published is not None:
            # "Armenia said on Tuesday that 49 soldiers had been killed": an anchor the act happened on or before, as
            # an undated act is anchored to the day of the report that tells it
            told = resolve_date(draft.reported_on, published=published, previous=previous)
            if told is not None and told.precision == "day" and told.date < published:
                mention.date, mention.date_precision = told.date, state.undated_precision
            continue
        if mention.date_text is None or published is None:
            continue
        resolved = resolve_date(mention.date_text, published=published, previous=previous)
        if resolved is None:
            continue
        if draft.before_dated_act is not None:
            # "on Saturday, two days after troops shelled the post": two days before Saturday, no more precisely
            # than Saturday is known
            back = resolve_date(draft.before_dated_act, published=published, previous=resolved.date)
            if back is not None:
                coarser = max(back.precision, resolved.precision, key=lambda p: PRECISION_ORDER.index(p))
                resolved = ResolvedDate(back.date, coarser, resolved.text)
        mention.date, mention.date_precision = resolved.date, resolved.precision
        previous = resolved.date
        if mention.status == "asserted" and is_history(resolved.date, resolved.precision, published):
            mention.status = "background"  # "in 2020", "in late May", "last week", "on Oct. 7" half a year on
    _inherit_history(state)
    _file_photos(state)


def _file_photos(state: ArticleState) -> None:
    """A photo's caption (a sentence with a photo credit, or followed by one: data/cues/captions.tsv) that dates
    what it shows before the report is a file photo: its acts are not the report's news, but background."""
    published = state.article.published
    if published is None:
        return
    cues = state.resources.cues
    sentences = list(state.doc.sents)
    credits = [i for i, sent in enumerate(sentences) if cues.caption_credit(sent.text)]
    caption_of: dict[int, int] = {}  # sentence index -> the credit that ends its caption
    for credit in credits:
        first = max(credit - 1, 0)
        # a photo's title, a line of its own with no sentence end right before the caption, belongs to it ("Security
        # Council meeting in New York" over "Members attend a meeting ..., September 6. REUTERS/..."); never the
        # article's own headline, its first line
        if first > 1 and _title_line(sentences[first - 1]):
            first -= 1
        for i in range(first, credit + 1):
            caption_of.setdefault(i, credit)
    by_sentence: dict[int, list] = {}
    for draft in state.coded():
        if draft.sentence_index in caption_of:
            by_sentence.setdefault(caption_of[draft.sentence_index], []).append(draft)
    for drafts in by_sentence.values():
        dated = [d.mention for d in drafts if d.explicit_date and d.mention.date is not None
                 and d.mention.date < published]
        if not dated:
            continue
        for draft in drafts:
            if draft.mention.status == "asserted":
                draft.mention.status = "background"
            # "the shelling" in a file photo's caption is the shelling the photo shows, not one the report tells
            draft.mention.antecedent, draft.mention.anaphoric = None, False


def _title_line(sentence: Span) -> bool:
    """A line of its own (it ends at a line break) with no sentence end: a heading, or a photo's title."""
    text = sentence.text
    return text.endswith("\n") and not text.rstrip().endswith(TITLE_LINE_ENDS)


# The links from a word to the word it hangs on that keep it inside the telling of that word's act: a relative clause
# ("drones that helped Azerbaijan"), a participle, adverbial or complement clause, a prepositional phrase, an object.
WITHIN_ACT = frozenset({"relcl", "acl", "advcl", "prep", "pobj", "pcomp", "dobj", "obj", "xcomp", "ccomp", "appos", "npadvmod"})


def _inherit_history(state: ArticleState) -> None:
    """An act told inside the telling of an act the text dates to the past, with no date of its own, is past too:
    "Turkey backed Baku in the 2020 conflict, supplying it with drones that helped Azerbaijan seize territory"
    (the helping and the seizing are the 2020 war's, not today's news)."""
    by_head = {d.match.head.i: d for d in state.coded() if d.match is not None}
    past = {d.id for d in by_head.values()
            if d.explicit_date and d.mention.status == "background" and d.mention.date is not None}
    changed = True
    while changed:  # down the telling, however its acts are ordered in the text
        changed = False
        for draft in by_head.values():
            mention = draft.mention
            if draft.id in past or draft.explicit_date or mention.status != "asserted":
                continue
            host = _host_act(draft, by_head)
            if host is not None and host.id in past:
                mention.status = "background"
                mention.date, mention.date_precision = host.mention.date, host.mention.date_precision
                past.add(draft.id)
                changed = True


def _host_act(draft, by_head: dict) -> object | None:
    """The nearest other act whose telling holds ``draft``'s trigger, or None."""
    token = draft.match.head
    for _ in range(6):
        if token.dep_ not in WITHIN_ACT or token.head.i == token.i:
            return None
        token = token.head
        host = by_head.get(token.i)
        if host is not None and host is not draft:
            return host
    return None


def _attached(token: Token, anchors: set[int], blockers: set[int], steps: int = 4) -> int | None:
    """Steps from ``token`` up to an anchor, or None; the walk stops at another event's trigger ("raids to
    avenge the 3 March bombing": the date is the bombing's, not the raids')."""
    for step in range(1, steps + 1):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.i in anchors:
            return step
        if token.i in blockers:
            return None
    return None


def _time_entities(sent: Span) -> list[Span]:
    """The sentence's DATE and TIME entities, read from its own tokens: ``Span.ents`` walks the whole document's
    entities each time, which is quadratic over an article's mentions."""
    found, doc, i = [], sent.doc, sent.start
    while i < sent.end:
        token = doc[i]
        if token.ent_iob_ == "B" and token.ent_type_ in ("DATE", "TIME"):
            j = i + 1
            while j < sent.end and doc[j].ent_iob_ == "I":
                j += 1
            if j == len(doc) or doc[j].ent_iob_ != "I":  # an entity running past the sentence is not its own
                found.append(Span(doc, i, j, label=token.ent_type_))
            i = j
        else:
            i += 1
    return found


# Any day serves to ask whether a phrase names a date at all: whether it does depends on its words, not the day.
_SOME_DAY = dt.date(2000, 1, 1)


def _date_entity(sent: Span, anchors: set[int], blockers: set[int] = frozenset(),
                 owned: dict[int, int] | None = None) -> Span | None:
    """The DATE/TIME entity nearest to the trigger or its clause in the parse that names a date: a time of day
    ("in the early morning") names none, and must not hide the day the clause gives ("on Saturday"). An entity
    ``owned`` by the act noun it follows is that noun's alone."""
    found: list[tuple[int, int, Span]] = []
    for ent in _time_entities(sent):
        owner = (owned or {}).get(ent.start)
        if owner is not None:
            steps = 0 if owner in anchors else None
        else:
            steps = 0 if ent.root.i in anchors else _attached(ent.root, anchors, blockers - anchors)
        if steps is not None:
            found.append((steps, ent.start, ent))
    for _, _, ent in sorted(found, key=lambda f: f[:2]):
        if resolve_date(ent.text, published=_SOME_DAY) is not None:
            return ent
    return None
