"""The records that flow through Flashpoint: ``Article -> EventMention -> Event``.

Every stage takes and returns these typed records; the JSON contract printed by the CLI and served by the
API is ``Event.to_dict()``, nothing else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("asserted", "hypothetical", "negated", "background")
DATE_PRECISIONS = ("day", "week", "month", "year")


def normalise_text(text: str) -> str:
    """NFC, unified quotes and collapsed whitespace: the form an article's id is hashed from."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


def article_id_for(text: str, url: str | None = None) -> str:
    digest = hashlib.sha256(normalise_text(text).encode("utf-8"))
    if url:
        digest.update(b"\0" + url.strip().encode("utf-8"))
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Dateline:
    """"QUETTA, Pakistan --": where the reporter filed from. Metadata, never an actor or an event place."""

    text: str
    place: str
    country: str | None
    end: int  # offset in the article text where the body starts


@dataclass
class Article:
    id: str
    text: str
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    origin: str | None = None  # "file.jsonl:12": where the article was read from, for error messages
    dateline: Dateline | None = None
    # What the reader had to make do with, one line each naming where ("https://…/a.html: linked page not used
    # (HTTP 404 …); the feed entry's summary is the text"): the article was read, but not as its source meant.
    warnings: tuple[str, ...] = ()

    @classmethod
    def from_text(cls, text: str, **kwargs: Any) -> "Article":
        article_id = kwargs.pop("id", None) or article_id_for(text, kwargs.get("url"))
        return cls(id=article_id, text=text, **kwargs)


@dataclass(frozen=True)
class Actor:
    text: str
    code: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Place:
    text: str
    name: str
    country: str
    geonames_id: int | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "country"

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class EventCode:
    """What a trigger means: PLOVER type/mode/context and its CAMEO code with weights."""

    event: str
    cameo: str
    quad: int
    goldstein: float
    mode: str | None = None
    context: tuple[str, ...] = ()


@dataclass
class EventMention:
    """One trigger in one sentence, with the arguments the parse gave it."""

    article_id: str
    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    rule: str
    code: EventCode
    status: str = "asserted"
    actors: list[Actor] = field(default_factory=list)
    recipients: list[Actor] = field(default_factory=list)
    location: Place | None = None
    date: dt.date | None = None
    date_precision: str | None = None
    date_text: str | None = None
    anaphoric: bool = False  # "the strikes", "this action": points back at an event already reported
    responds_to: list[str] = field(default_factory=list)  # ids of the mentions this one answers
    antecedent: str | None = None  # for an anaphoric mention: the id of the mention it points back to
    depth: int = 0  # the trigger's depth in the parse (0 = the sentence root): the sentence's main event is highest
    sentence_index: int = 0
    verbal: bool = False  # its trigger is a verb: the clause says the act happened ("shops were looted")
    id: str = ""  # unique within its article ("t12": the trigger at token 12); links name mentions by it

    def evidence(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "trigger": self.trigger,
            "rule": self.rule,
        }


@dataclass
class Event:
    id: str
    code: EventCode
    status: str
    actors: list[Actor]
    recipients: list[Actor]
    mentions: list[EventMention]
    date: dt.date | None = None
    date_precision: str | None = None
    location: Place | None = None
    responds_to: list[str] = field(default_factory=list)
    coder: str = ""

    @property
    def num_articles(self) -> int:
        return len({m.article_id for m in self.mentions})

    def to_dict(self, *, sources: dict[str, str | None] | None = None) -> dict[str, Any]:
        """The output contract. ``sources`` maps article id -> outlet for ``num_sources``."""
        sources = sources or {}
        outlets = {sources.get(m.article_id) or m.article_id for m in self.mentions}
        return {
            "id": self.id,
            "event": self.code.event,
            "mode": self.code.mode,
            "context": list(self.code.context),
            "cameo": self.code.cameo,
            "quad": self.code.quad,
            "goldstein": self.code.goldstein,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "status": self.status,
            "actors": [a.to_dict() for a in self.actors],
            "recipients": [a.to_dict() for a in self.recipients],
            "location": self.location.to_dict() if self.location else None,
            "mentions": [m.evidence() for m in self.mentions],
            "responds_to": list(self.responds_to),
            "num_mentions": len(self.mentions),
            "num_articles": self.num_articles,
            "num_sources": len(outlets),
            "coder": self.coder,
        }
