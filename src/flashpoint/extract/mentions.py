"""One parsed article body -> its event mentions, each with code, status, actors, date, place and links.

The steps, sentence by sentence:
1. editorial sentences ("It is crucial for X to ...") are skipped;
2. triggers are matched (``extract.triggers``); stop entries only block;
3. the status is read (``extract.status``); a trigger that means something else when negated ("do not want
   the situation to worsen" = an intent to de-escalate) takes its negated code and the negating verb's actor;
4. arguments come from the parse (``extract.arguments``) and become actors (``resolve.actors``);
5. the date is the time expression attached to the trigger or its clause, resolved against the publication
   date or, for "the previous day", the event reported just before (``resolve.dates``);
6. the place is a toponym under an "in/near/at" phrase of the trigger, its clause or its recipient, else where
   the recipient is "based" (``places``); the dateline was split off before parsing, so it is never one.
Then, over the whole article: event anaphors ("This action was a response to ...", "the strikes were carried
out in ...") are tied to the event they point back to, and "in response to" phrases link events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..dictionaries.actors import ActorDictionary
from ..dictionaries.cues import Cues
from ..dictionaries.petrarch import TRIGGER_PREFIX as PETRARCH_TRIGGERS
from ..dictionaries.triggers import TriggerDictionary
from ..model import Actor, Article, EventCode, EventMention, Place
from ..ontology import Ontology
from ..resolve.actors import ActorContext, resolve_actor
from ..resolve.dates import resolve_date
from ..nlp.syntax import subject_of, token_lemma
from .arguments import DEFINITE, find_arguments
from .status import governing_chain, is_editorial, read_status, ruled_out
from .triggers import TriggerMatch, find_triggers

PLACE_PREPS = frozenset({"in", "near", "at", "inside", "outside", "across", "on"})
BASE_VERBS = frozenset({"base", "headquarter", "locate", "station", "active", "operate"})
MATERIAL_QUADS = (2, 4)


@dataclass(frozen=True)
class Resources:
    """Everything read once per process that extraction needs."""

    triggers: TriggerDictionary
    cues: Cues
    actors: ActorDictionary
    ontology: Ontology


@dataclass
class _Found:
    """A mention with the tokens it came from, for the article-wide steps."""

    mention: EventMention
    head: Token
    clause: Token | None
    definite: bool
    explicit_date: bool
    lemmas: frozenset[str] = frozenset()


def _sentence_offsets(sent: Span, offset: int) -> tuple[int, int]:
    return offset + sent.start_char, offset + sent.end_char


def _attached(token: Token, anchors: set[int], steps: int = 4) -> bool:
    for _ in range(steps):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i in anchors:
            return True
    return False


def _date_entity(sent: Span, anchors: set[int]) -> Span | None:
    for ent in sent.ents:
        if ent.label_ in ("DATE", "TIME") and (ent.root.i in anchors or _attached(ent.root, anchors)):
            return ent
    return None


def _phrase(token: Token) -> list[Token]:
    """The token and its modifiers, without nested prepositions and clauses: "Iran's Sistan and Baluchestan
    province" but not the "between Pakistan and Iran" of "a rare escalation of tensions between ..."."""
    tokens = [token]
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod", "conj", "cc", "det", "case", "appos", "flat"):
            tokens.extend(_phrase(child))
    return tokens


def _toponym_in(token: Token, toponyms: dict[int, object]) -> Place | None:
    """The most specific resolved literal toponym in ``token``'s phrase."""
    best: Place | None = None
    rank = {"country": 0, "admin1": 1}
    for t in _phrase(token):
        top = toponyms.get(t.i)
        if top is None or top.place is None or not top.literal:
            continue
        if best is None or rank.get(top.place.precision, 2) > rank.get(best.precision, 2):
            best = top.place
    return best


def _place_under(anchor: Token, toponyms: dict[int, object]) -> Place | None:
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    place = _toponym_in(obj, toponyms)
                    if place is not None:
                        return place
    return None


def _base_of(noun: Token, toponyms: dict[int, object]) -> Place | None:
    """"a group based in Pakistan's Balochistan province": where an actor is based."""
    for node in [noun, *[c for c in noun.children if c.dep_ == "appos"]]:
        for child in node.children:
            if child.dep_ in ("acl", "relcl", "amod") and token_lemma(child) in BASE_VERBS:
                place = _place_under(child, toponyms)
                if place is not None:
                    return place
    return None


# Prepositions of movement: "sent personnel to Bosnia", "withdrew forces from Panama", "moved into Chad".
MOVEMENT_PREPS = frozenset({"to", "from", "into"})


def _destination(match: TriggerMatch, toponyms: dict[int, object]) -> Place | None:
    """The place an act moves something to or from, on the trigger or on what it moves ("the withdrawal of
    some forces from Panama")."""
    anchors = list(match.tokens)
    for token in match.tokens:
        for child in token.children:
            if child.dep_ in ("dobj", "obj"):
                anchors.append(child)
            elif child.dep_ == "prep" and child.lower_ == "of":
                anchors += [g for g in child.children if g.dep_ == "pobj"]
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ == "prep" and child.lower_ in MOVEMENT_PREPS:
                for obj in child.children:
                    place = _toponym_in(obj, toponyms) if obj.dep_ == "pobj" else None
                    if place is not None:
                        return place
    return None


def _event_place(match: TriggerMatch, clause: Token | None, recipients: list[Token],
                 toponyms: dict[int, object]) -> Place | None:
    anchors = list(match.tokens) + ([clause] if clause is not None else []) + recipients
    # "Iran's attack, which hit a village in Pakistan's Balochistan province": the relative clause says where.
    for clause_verb in (c for c in match.head.children if c.dep_ in ("relcl", "acl")):
        anchors += [clause_verb] + [c for c in clause_verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    rank = {"country": 0, "admin1": 1}
    places = [p for p in (_place_under(anchor, toponyms) for anchor in anchors) if p is not None]
    if places:
        return max(places, key=lambda p: rank.get(p.precision, 2))
    for recipient in recipients:
        place = _base_of(recipient, toponyms)
        if place is not None:
            return place
    return None


def _code(entry, ontology: Ontology, negated: bool) -> EventCode | None:
    if negated and entry.negated_event:
        return ontology.event_code(entry.negated_cameo, event=entry.negated_event)
    if entry.event is None:
        return None
    return ontology.event_code(entry.cameo, event=entry.event, mode=entry.mode, context=entry.context)


def _negating_subject(trigger: Token, cues: Cues) -> list[Token]:
    """The subject of the negated verb above a flipped trigger ("they do not want the situation to worsen")."""
    for node in governing_chain(trigger, cues):
        if any(c.dep_ == "neg" for c in node.children) and node.pos_ in ("VERB", "AUX"):
            return subject_of(node)
        # "US authorities said that removing the sanctions is out of the question": the speaker rules it out.
        if ruled_out(node):
            return subject_of(node.head) if node.dep_ == "ccomp" else []
    return []


def _placed(actor: Actor, place: Place) -> Actor:
    if actor.country or actor.id or not actor.sector or actor.sector == "IGO" or not place.country:
        return actor
    return replace(actor, country=place.country, code=place.country + actor.sector)


STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY", "LEG"})


def _domestic(recipient: Actor, actors: list[Actor]) -> Actor:
    """"Liberian riot police dispersed demonstrators": a state agent acts on its own people unless told
    otherwise, so a recipient named only by its sector takes the acting state's country."""
    if recipient.country or recipient.id or not recipient.sector or recipient.sector in STATE_SECTORS | {"IGO"}:
        return recipient
    states = {a.country for a in actors if a.country and a.sector in STATE_SECTORS}
    if len(states) != 1:
        return recipient
    country = states.pop()
    return replace(recipient, country=country, code=country + recipient.sector)


def _placed_elsewhere(token: Token) -> bool:
    """"the rebels in Darfur": a recipient that names its own place is not the acting state's by default."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "from") and any(g.dep_ == "pobj" for g in c.children)
               for t in [token, *token.conjuncts] for c in t.children)


def _names_a_pair(token: Token, cues: Cues) -> bool:
    """"both sides", "the two countries": a collective pair, not two actors named one by one."""
    words = [t.lower_ for t in token.subtree]
    return any(words[i:i + len(phrase)] == list(phrase) for _, phrase in cues.pairs
               for i in range(len(words) - len(phrase) + 1))


def _under_condition(trigger: Token, cues: Cues) -> bool:
    """Whether a clause between the trigger and its negation opens with a condition ("unless", "if")."""
    conditions = cues.status_cues("condition")
    for node in governing_chain(trigger, cues):
        if any(c.dep_ == "mark" and c.lower_ in conditions for c in node.children):
            return True
        if any(c.dep_ == "neg" for c in node.children):
            return False
    return False


def _speaker(verb: Token, cues: Cues) -> list[Token]:
    """The subject of a verb of saying whose reported clause holds ``verb``."""
    if verb.dep_ == "ccomp" and token_lemma(verb.head) in cues.speech_verbs:
        return subject_of(verb.head)
    return []


def _resolve_all(tokens: list[Token], ctx: ActorContext, *, recipient: bool) -> list[Actor]:
    actors: list[Actor] = []
    for token in tokens:
        for actor in resolve_actor(token, ctx, recipient=recipient):
            if actor not in actors:
                actors.append(actor)
    return actors


def _sentence_mentions(sent: Span, sent_index: int, article: Article, offset: int, res: Resources,
                       ctx: ActorContext, toponyms: dict[int, object]) -> list[_Found]:
    cues = res.cues
    matches = [m for m in find_triggers(sent, res.triggers) if not m.entry.is_stop]
    # "targeted strikes", "deadly attack": a trigger that only modifies another trigger's noun is not an event.
    used = {t.i for m in matches for t in m.tokens}
    matches = [m for m in matches if not (m.head.dep_ in ("amod", "compound") and m.head.head.i in used)]
    found: list[_Found] = []
    start, end = _sentence_offsets(sent, offset)
    for match in matches:
        reading = read_status(match.head, sent, cues)
        # "do not want the situation to worsen" flips to its negated code; a negation above a condition
        # ("would not agree unless hostages were released") does not reach the conditional act.
        flipped = (reading.negated and match.entry.negated_event is not None
                   and not _under_condition(match.head, cues))
        code = _code(match.entry, res.ontology, flipped)
        if code is None:
            continue
        status = "asserted" if flipped else reading.status
        same_event = {m.head.i for m in matches if (m.entry.negated_event if flipped else m.entry.event)
                      == code.event}
        args = find_arguments(match, code.event, cues, same_event)
        actor_tokens = _negating_subject(match.head, cues) if flipped else args.actors
        speaker = _speaker(args.clause or match.head, cues) if match.entry.id.endswith(".demand") else []
        if speaker:
            # "X said Y must withdraw": X demands, of Y.
            args.recipients, actor_tokens = list(actor_tokens), speaker
        actors = _resolve_all(actor_tokens, ctx, recipient=False)
        recipients = _resolve_all(args.recipients, ctx, recipient=True)
        if args.reciprocal:
            recipients = list(actors)
        elif len(actors) >= 2 and not recipients and any(_names_a_pair(t, cues) for t in actor_tokens):
            # "Both sides express a desire to de-escalate": each side acts towards the other. ("X and Y agreed"
            # names two actors and leaves the other party unsaid, as the PLOVER gold codes it.)
            recipients = list(actors)
        joint = cues.joint_acts.get(match.entry.id)
        if joint and len({a.country for a in actors if a.country}) >= 2:
            # "French and Egyptian warships launched war games": a joint act (data/cues/joint_acts.tsv).
            code = res.ontology.event_code(joint[1], event=joint[0])
        for actor_token in actor_tokens:
            ctx.remember(actor_token, actors)
        location = _event_place(match, args.clause, args.recipients, toponyms)
        if location is not None:
            # "Protesters marched in Nairobi": an actor named only by its sector is of the place it acts in.
            actors = [_placed(a, location) for a in actors]
            recipients = [_placed(a, location) for a in recipients]
        if not any(_placed_elsewhere(t) for t in args.recipients):
            recipients = [_domestic(r, actors) for r in recipients]
        target_place = location or _destination(match, toponyms) if not recipients else None
        if target_place is not None and target_place.country and (
                code.event in cues.home_targets or not any(a.country == target_place.country for a in actors)):
            # "arrived in Amman", "lifted the curfew in Montenegro", "sent personnel to Bosnia": with no party
            # named, the country the act happens in (or moves to or from) is its target, as CAMEO and PLOVER code
            # it; the actor's own only for acts imposed on the people there (data/cues/home_targets.tsv: "imposed
            # a curfew in Cizre"), not "protesters marched in Nairobi"
            recipients = [Actor(text=target_place.text, code=target_place.country, country=target_place.country)]
        anchors = {match.head.i} | ({args.clause.i} if args.clause is not None else set())
        date_ent = _date_entity(sent, anchors)
        mention = EventMention(
            article_id=article.id, sentence=sent.text, start=start, end=end,
            trigger=match.text, trigger_start=offset + match.head.idx,
            rule=f"{match.entry.id}/{match.head.pos_.lower()}" + ("/negated" if flipped else ""),
            code=code, status=status, actors=actors, recipients=recipients,
            location=location,
            date_text=date_ent.text if date_ent is not None else None, sentence_index=sent_index,
            depth=_depth(match.head),
        )
        definite = args.definite or any(
            t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in t.children)
            and not any(c.dep_ == "poss" for c in t.children) for t in match.tokens)
        found.append(_Found(mention, match.head, args.clause, definite and not actors,
                            date_ent is not None, frozenset(token_lemma(t) for t in match.tokens)))
    return _fold_participles(found)


# Trigger ids whose code is provisional until a later stage picks it per sentence (PETRARCH verbs, whose
# patterns are matched by dictionaries.petrarch): the event type they carry here says nothing yet.
PROVISIONAL_RULES = (PETRARCH_TRIGGERS,)


def _fold_participles(found: list[_Found]) -> list[_Found]:
    """"The strikes were carried out in X, targeting Y": a participle or infinitive trigger of the same event
    hanging from another trigger's clause says more about that event, not a second one."""
    kept: list[_Found] = []
    for f in found:
        if f.mention.rule.startswith(PROVISIONAL_RULES):
            kept.append(f)  # its code, hence its event type, is chosen later (PETRARCH verbs: by pattern)
            continue
        subjects = {c.i for c in f.head.children if c.dep_ in ("nsubj", "nsubjpass")}
        host = next((k for k in kept if k.mention.code.event == f.mention.code.event
                     and k.mention.status == f.mention.status and (
                         (f.head.dep_ in ("advcl", "acl", "xcomp", "conj") and f.head.tag_ in ("VBG", "VBN", "VB")
                          and f.head.head.i in {k.head.i, *([k.clause.i] if k.clause is not None else [])})
                         or k.head.i in subjects)),  # "Iran's strikes ... killed two people"
                    None)
        if host is None:
            kept.append(f)
            continue
        m, h = f.mention, host.mention
        h.actors += [a for a in m.actors if a not in h.actors]
        h.recipients += [a for a in m.recipients if a not in h.recipients]
        h.location = h.location or m.location
        h.date_text = h.date_text or m.date_text
    return kept


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _is_embedded(found: _Found, response_objects: set[int]) -> bool:
    """A mention that is itself the thing responded to ("... a response to Tehran's attack")."""
    return found.head.i in response_objects


def _antecedent(found: list[_Found], position: tuple[int, int], window: int, *, event: str | None,
                lemma: str | None, response_objects: set[int]) -> int | None:
    """The mention an anaphor at ``position`` (sentence index, character offset) points back to: an earlier
    asserted mention of the same event type (any material event, for "this action"), within the window,
    preferring the same trigger word, then a main event over one mentioned as the thing responded to, then
    the most recent."""
    best: tuple | None = None
    for i, f in enumerate(found):
        m = f.mention
        if (m.sentence_index, m.trigger_start) >= position or m.anaphoric:
            continue
        if m.status != "asserted" or position[0] - m.sentence_index > window:
            continue
        if event is not None and m.code.event != event:
            continue
        if event is None and m.code.quad not in MATERIAL_QUADS:
            continue
        score = (lemma in f.lemmas, not _is_embedded(f, response_objects),
                 m.sentence_index, m.trigger_start)
        if best is None or score > best[0]:
            best = (score, i)
    return best[1] if best else None


def _noun_lemma(found: _Found) -> str:
    """The event noun of a mention ("strike" in "the strikes were carried out"), else its head's lemma."""
    head = token_lemma(found.head)
    return next((lemma for lemma in sorted(found.lemmas) if lemma != head), head)


def _responses(doc: Doc, cues: Cues) -> list[tuple[Token, Token]]:
    """(responding token, answered token) pairs: "X came as a response to Y", "X in retaliation for Y",
    "X retaliated for Y"."""
    pairs = []
    for token in doc:
        cue = cues.responses.get(token_lemma(token))
        if cue is None or not cue.preps:
            continue
        answered = [obj for child in token.children if child.dep_ == "prep" and child.lower_ in cue.preps
                    for obj in child.children if obj.dep_ in ("pobj", "pcomp")]
        if not answered:
            continue
        if cue.kind == "verb":
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


def _mention_at(found: list[_Found], token: Token) -> int | None:
    """The mention whose trigger is ``token``, lies in its phrase, or whose clause verb it is."""
    for i, f in enumerate(found):
        if f.head.i == token.i:
            return i
    for i, f in enumerate(found):
        if f.clause is not None and f.clause.i == token.i:
            return i
    subtree = {t.i for t in token.subtree}
    for i, f in enumerate(found):
        if f.head.i in subtree:
            return i
    return None


def _is_anaphor(token: Token, cues: Cues) -> bool:
    if token_lemma(token) in cues.anaphors and (token.pos_ in ("PRON", "DET") or any(
            c.lower_ in DEFINITE for c in token.children if c.dep_ == "det")):
        return True
    return False


def _anaphoric_mention(responder: Token, antecedent: _Found, sent: Span, sent_index: int,
                       offset: int) -> EventMention:
    start, end = _sentence_offsets(sent, offset)
    source = antecedent.mention
    phrase = responder.doc[min(t.i for t in responder.subtree):responder.i + 1].text
    return EventMention(
        article_id=source.article_id, sentence=sent.text, start=start, end=end, trigger=phrase,
        trigger_start=offset + responder.idx, rule="anaphor/" + token_lemma(responder), code=source.code,
        status=source.status, anaphoric=True, sentence_index=sent_index)


def _dates(found: list[_Found], published: dt.date | None) -> None:
    previous: dt.date | None = None
    for f in found:
        m = f.mention
        if m.date_text is None or published is None:
            continue
        resolved = resolve_date(m.date_text, published=published, previous=previous)
        if resolved is None:
            continue
        m.date, m.date_precision = resolved.date, resolved.precision
        previous = resolved.date


def extract_mentions(doc: Doc, article: Article, offset: int, res: Resources, *, toponyms: list,
                     anaphora_window: int = 3) -> list[EventMention]:
    """Every event mention in ``doc`` (the article body, starting at ``offset`` in ``article.text``)."""
    ctx = ActorContext(res.actors, res.cues)
    ctx.count_countries(doc)
    by_token: dict[int, object] = {}
    for top in toponyms:
        for i in range(top.token_start, top.token_end):
            by_token[i] = top
            if top.place is not None and top.literal and top.place.country:
                ctx.place_countries[i] = top.place.country
    sents = list(doc.sents)
    found: list[_Found] = []
    for index, sent in enumerate(sents):
        if is_editorial(sent, res.cues):
            continue
        found.extend(_sentence_mentions(sent, index, article, offset, res, ctx, by_token))

    pairs = _responses(doc, res.cues)
    response_objects = {obj.i for _, obj in pairs} | {t.i for _, obj in pairs for t in obj.subtree}
    # Event anaphors that answer something: "This came as a response to Y", "This action was a response to Y".
    for responder, answered in pairs:
        target = _mention_at(found, answered)
        if target is None:
            continue
        source = _mention_at(found, responder) if not _is_anaphor(responder, res.cues) else None
        if source is None and _is_anaphor(responder, res.cues):
            sent_index = sents.index(responder.sent)
            antecedent = _antecedent(found, (sent_index, -1), anaphora_window, event=None, lemma=None,
                                     response_objects=response_objects)
            if antecedent is None:
                continue
            anaphor = _anaphoric_mention(responder, found[antecedent], responder.sent, sent_index, offset)
            anaphor.antecedent = antecedent
            found.append(_Found(anaphor, responder, None, True, False))
            source = len(found) - 1
        if source is not None and source != target:
            found[source].mention.responds_to.append(target)
    # Definite event nouns with no actor of their own: "the strikes were carried out in ...".
    for i, f in enumerate(found):
        if f.definite and not f.mention.anaphoric and f.mention.status == "asserted":
            antecedent = _antecedent(found, (f.mention.sentence_index, f.mention.trigger_start), anaphora_window,
                                     event=f.mention.code.event, lemma=_noun_lemma(f),
                                     response_objects=response_objects)
            if antecedent is not None:
                f.mention.anaphoric = True
                f.mention.antecedent = antecedent
    order = sorted(range(len(found)), key=lambda i: (found[i].mention.start, found[i].mention.trigger_start))
    ordered = [found[i] for i in order]
    renumber = {old: new for new, old in enumerate(order)}
    for f in ordered:
        m = f.mention
        m.responds_to = [renumber[r] for r in m.responds_to]
        if m.antecedent is not None:
            m.antecedent = renumber[m.antecedent]
    _dates(ordered, article.published)
    kept = [f.mention for f in ordered]
    return kept
