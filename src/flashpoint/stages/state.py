"""The one state an article's stages read and extend.

``ArticleState`` holds what every stage may need: the article, its parsed body (``doc``, starting at
``offset`` in the article text, after the dateline), the resources the Coder was given, the toponyms the
geoparser found, the actor context (what the article has said so far), and the mentions found so far, each a
``Draft`` under a stable id. A ``Draft`` is a mention still anchored to its tokens (trigger head, the clause that
holds its time and place, its argument tokens); its ``mention`` is the ``EventMention`` that leaves the stages.
Mentions refer to each other by id (``EventMention.antecedent``, ``.responds_to``), so a stage may remove any
mention without breaking the links of the others; a link to a removed mention is dropped where links are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from spacy.tokens import Doc, Span, Token

from ..model import Article, Event, EventMention, Place

if TYPE_CHECKING:  # only for annotations: the state is built by the Coder, which imports them all
    from ..dictionaries.actors import ActorDictionary
    from ..dictionaries.cues import Cues
    from ..dictionaries.triggers import TriggerDictionary
    from ..extract.arguments import Arguments
    from ..extract.status import StatusReading
    from ..extract.triggers import TriggerMatch
    from ..ontology import Ontology
    from ..dictionaries.petrarch import PetrarchResources
    from ..places.gazetteer import Gazetteer
    from ..places.toponyms import Toponym
    from ..resolve.actors import ActorContext


@dataclass(frozen=True)
class Resources:
    """Everything read once per process that the stages need; the Coder builds it from its dictionaries (a
    user's ``--dictionaries`` included) and hands the same object to every stage."""

    triggers: TriggerDictionary
    cues: Cues
    actors: ActorDictionary
    ontology: Ontology
    gazetteer: Gazetteer | None = None  # the toponym stage's; None leaves an article without places
    petrarch: PetrarchResources | None = None  # the PETRARCH profile's verbs, discards and dated roles


@dataclass
class Draft:
    """One mention while the stages work on it, anchored to the tokens it came from."""

    id: str
    sentence: Span
    sentence_index: int
    head: Token  # the trigger's head token ("struck"), or the anaphor's ("action" in "this action")
    match: TriggerMatch | None = None  # None for an anaphoric mention made by the links stage
    mention: EventMention | None = None  # made by the status stage, once the code is known
    reading: StatusReading | None = None
    flipped: bool = False  # the negated reading has a code of its own ("do not want ... to worsen")
    arguments: Arguments | None = None
    actor_tokens: list[Token] = field(default_factory=list)
    clause: Token | None = None  # the verb whose clause holds the event's time and place
    definite: bool = False  # a definite event noun with no actor of its own: may point back
    explicit_date: bool = False
    # the date phrase of the verb of saying that reports an undated act ("Armenia said on Tuesday that 49 soldiers
    # had been killed"): the act happened by then
    reported_on: str | None = None
    # how long before the act whose date it takes the act came, as a phrase counted back from that date ("a day
    # earlier": "seized the ship on Saturday, a day after Tehran warned ..." dates the warning to Friday)
    before_dated_act: str | None = None
    lemmas: frozenset[str] = frozenset()
    notes: dict[str, object] = field(default_factory=dict)  # a profile's own per-mention results


@dataclass
class ArticleState:
    article: Article
    doc: Doc
    offset: int  # where the parsed body starts in ``article.text`` (the dateline's end)
    resources: Resources
    toponyms: list[Toponym] = field(default_factory=list)
    context: ActorContext | None = None  # set by the actor stage's set-up: what the article has said so far
    sentence_matches: dict[int, list[TriggerMatch]] = field(default_factory=dict)  # trigger matches per sentence
    drafts: dict[str, Draft] = field(default_factory=dict)  # by mention id, in the order they were found
    events: list[Event] = field(default_factory=list)
    main_place: Place | None = None
    # Set by the Coder from its settings and profile:
    anaphora_window: int = 3  # sentences an event anaphor may reach back
    undated_precision: str = "day"  # the precision of an undated asserted event dated to the publication
    coder_name: str = ""
    provisional_rules: tuple[str, ...] = ()  # trigger rules whose code a later stage of the profile picks

    # ------------------------------------------------------------------ mentions by id

    def new_id(self, prefix: str, token: Token) -> str:
        """A mention id stable for the article's parse: the kind of mention and its token ("t12", "a40")."""
        base = f"{prefix}{token.i}"
        candidate, n = base, 1
        while candidate in self.drafts:
            n += 1
            candidate = f"{base}.{n}"
        return candidate

    def add(self, draft: Draft) -> Draft:
        if draft.mention is not None:
            draft.mention.id = draft.id
        self.drafts[draft.id] = draft
        return draft

    def remove(self, mention_id: str) -> None:
        """Drop a mention; the links that name it are dropped where they are read (``mentions``)."""
        self.drafts.pop(mention_id, None)

    def keep(self, predicate) -> None:
        """Keep only the drafts for which ``predicate(draft)`` holds."""
        self.drafts = {k: d for k, d in self.drafts.items() if predicate(d)}

    def coded(self) -> Iterator[Draft]:
        """The drafts that have a mention (a code), in the order they were found."""
        return (d for d in self.drafts.values() if d.mention is not None)

    def in_text_order(self) -> None:
        """Reorder the drafts by where their sentence and trigger stand in the text (stable for ties)."""
        # a mention a stage implied from another ("implied_protests") comes after the sentence's own mentions, so a
        # sentence's main event stays its first
        ordered = sorted(self.drafts.values(),
                         key=lambda d: (d.mention.start, bool(d.notes.get("implied")), d.mention.trigger_start))
        self.drafts = {d.id: d for d in ordered}

    def mentions(self) -> list[EventMention]:
        """The mentions leaving the stages, their links pruned to mentions still there."""
        present = {d.id for d in self.coded()}
        out = []
        for draft in self.coded():
            mention = draft.mention
            mention.responds_to = [r for r in mention.responds_to if r in present]
            if mention.antecedent is not None and mention.antecedent not in present:
                mention.antecedent = None
            out.append(mention)
        return out

    def sentence_offsets(self, sent: Span) -> tuple[int, int]:
        return self.offset + sent.start_char, self.offset + sent.end_char
