"""The HTTP API's bodies as pydantic models: what ``/openapi.json`` documents for each route.

The routes return the library's own dicts (``Store.events``, ``Event.to_dict``, ``DyadReport.to_dict``), unchanged
and unvalidated at run time; these models describe them. ``tests/test_api.py`` validates every route's real answer
against its model with extra keys forbidden, so a field added to a dict and not here (or the reverse) fails a test
instead of leaving the schema wrong.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AlertOut", "AlertsPage", "ArticleOut", "ArticleResponse", "CodeRequest", "CodeResponse", "DyadOut",
    "DyadSeriesResponse", "DyadsPage", "ErrorResponse", "EventOut", "EventRecordOut", "EventResponse", "EventsPage",
    "CountriesResponse", "IngestResponse",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ------------------------------------------------------------------------------------------------ events


class ActorOut(_Model):
    """An actor or recipient: the words in the text, the code they resolved to, and its parts."""

    text: str | None
    code: str | None
    country: str | None = Field(description="ISO 3166-1 alpha-3 (or a CAMEO country code)")
    sector: str | None
    name: str | None
    id: str | None = Field(description="a named group's id (hamas), when the actor is one")


class PlaceOut(_Model):
    text: str | None = Field(description="the place as the text names it")
    name: str
    geonames_id: int | None
    country: str | None
    admin1: str | None = Field(description="ISO 3166-2")
    lat: float | None
    lon: float | None
    precision: str | None


class MentionOut(_Model):
    """One report of the event: the evidence sentence and where it is in its article."""

    article_id: str
    sentence: str
    start: int = Field(description="character offset of the sentence in the article text")
    end: int
    trigger: str | None
    rule: str | None = Field(description="the trigger dictionary entry that fired")


class EventOut(_Model):
    """One event in the output contract (README, "Each event is one JSON object")."""

    id: str
    event: str = Field(description="PLOVER type", examples=["ASSAULT"])
    mode: str | None
    context: list[str]
    cameo: str | None
    quad: int | None = Field(description="quad class 1-4")
    goldstein: float | None
    date: str | None = Field(description="YYYY-MM-DD")
    date_precision: str | None
    status: Literal["asserted", "hypothetical", "negated", "background"]
    actors: list[ActorOut]
    recipients: list[ActorOut]
    location: PlaceOut | None
    mentions: list[MentionOut]
    responds_to: list[str] = Field(description="ids of the events this one answers")
    num_mentions: int
    num_articles: int
    num_sources: int
    coder: str | None


class EvidenceOut(_Model):
    article_id: str
    position: int
    sentence: str
    trigger: str | None
    trigger_offset: int | None
    marked: str = Field(description="the sentence with the trigger in [[ ]]")
    rule: str | None
    status: str | None
    date: str | None
    date_precision: str | None
    date_text: str | None = Field(description="the words the report's date came from")


class ArticleRefOut(_Model):
    id: str
    source: str | None
    url: str | None
    title: str | None
    published: str | None


class EventLinkOut(_Model):
    kind: Literal["responds_to", "responded_by"]
    id: str
    event: str
    date: str | None
    status: str
    actors: list[str | None]
    recipients: list[str | None]


class EventRecordOut(EventOut):
    """One stored event with everything behind it (``Store.event``, as ``flashpoint event ID --format json``)."""

    evidence: list[EvidenceOut]
    articles: list[ArticleRefOut]
    responded_by: list[str]
    links: list[EventLinkOut]


class EventsPage(_Model):
    ok: Literal[True] = True
    events: list[EventOut]
    next: str | None = Field(description="pass as `cursor` for the next page; null on the last page")
    total: int = Field(description="events matching the filters, on every page")
    filters: dict[str, Any] = Field(description="the filters as read: names become codes (Pakistan: PAK)")


class EventResponse(_Model):
    ok: Literal[True] = True
    event: EventRecordOut


# ------------------------------------------------------------------------------------------------ articles


class ArticleOut(_Model):
    id: str
    url: str | None
    source: str | None
    title: str | None
    published: str | None
    origin: str | None = Field(description="where the article was read from (file:line, feed URL, api:<id>)")
    text: str
    revision: int | None
    ingested_at: str | None
    events: list[str] = Field(description="ids of the merged events its reports are in")


class ArticleResponse(_Model):
    ok: Literal[True] = True
    article: ArticleOut


class IngestedOut(_Model):
    index: int = Field(description="the record's place in the request body")
    id: str
    result: Literal["stored", "revised", "duplicate", "seen", "failed"]
    of: str | None = Field(description="revised: the stored id it replaced; duplicate: the stored article with "
                                       "the same text")
    events: list[str] = Field(description="ids of the merged events its reports are in (stored, revised)")
    error: dict[str, Any] | None = Field(description="failed: the error, as in an error body")


class IngestResponse(_Model):
    ok: Literal[True] = True
    articles: list[IngestedOut]
    counts: dict[str, int] = Field(description="stored, revised, duplicate, seen, failed")


class CodeRequest(_Model):
    text: str = Field(min_length=1, description="the article text (at most max_article_chars); a dateline "
                                                "(`Islamabad, Jan 18 (Reuters) -`) is read as in a file")
    published: str | None = Field(None, description="publication date, YYYY-MM-DD or an ISO 8601 datetime; dates "
                                                    "such as 'on Thursday' count from it", examples=["2024-01-19"])
    all: bool = Field(False, description="also hypothetical, negated and background events")


class CodeResponse(_Model):
    ok: Literal[True] = True
    events: list[EventOut]
    article: dict[str, Any] = Field(description="the article as read: id, published")
    coder: str


# ------------------------------------------------------------------------------------------------ dyads


class DyadOut(_Model):
    a: str
    b: str
    events: int
    a_to_b: int
    b_to_a: int
    conflict: int = Field(description="quad 3-4 events")
    cooperation: int = Field(description="quad 1-2 events")
    first: str
    last: str


class DyadsPage(_Model):
    ok: Literal[True] = True
    dyads: list[DyadOut]
    total: int
    level: Literal["country", "sector", "group"]


class PeriodRowOut(_Model):
    period: str
    events: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    conflict: int
    cooperation: int
    goldstein: float
    intensity: float
    conflict_intensity: float
    cooperation_intensity: float
    articles: int
    conflict_per_article: float | None
    conflict_intensity_per_article: float | None
    by_type: dict[str, int]
    event_ids: list[str]


class LinkOut(_Model):
    event: str
    responds_to: str
    kind: Literal["explicit", "inferred"]
    lag_days: int
    actor: str
    recipient: str


class DyadEventOut(_Model):
    id: str
    date: str
    event: str
    quad: int | None
    goldstein: float | None
    intensity: float
    actors: list[str | None]
    recipients: list[str | None]
    place_country: str | None
    responds_to: list[str]
    evidence: str
    direction: str = Field(examples=["PAK->IRN"])
    responds: LinkOut | None


class AlertOut(_Model):
    kind: Literal["escalation", "de-escalation"]
    method: str
    dyad: str
    actor: str
    recipient: str
    directed: bool
    period: str
    by: str
    score: float
    statistic: dict[str, Any]
    events: list[str]
    follows: list[str]


class LeftOutEvent(_Model):
    id: str
    date: str
    event: str


class DyadSeriesOut(_Model):
    """``flashpoint dyad A B --format json``."""

    a: str
    b: str
    by: Literal["day", "week", "month"]
    series: dict[str, list[PeriodRowOut]] = Field(description="by direction, A->B and B->A")
    undirected: list[PeriodRowOut]
    events: list[DyadEventOut]
    links: list[LinkOut]
    chains: list[list[str]]
    left_out: list[LeftOutEvent]
    alerts: list[AlertOut]


class SideOut(_Model):
    given: str
    code: str
    how: str


class DyadSeriesResponse(_Model):
    ok: Literal[True] = True
    sides: list[SideOut] = Field(description="what A and B were read as")
    dyad: DyadSeriesOut


class AlertsPage(_Model):
    ok: Literal[True] = True
    alerts: list[AlertOut]
    total: int


class CountriesResponse(_Model):
    ok: Literal[True] = True
    countries: dict[str, Any] = Field(description="a GeoJSON FeatureCollection: one feature a country, its "
                                                  "properties `iso_a3` and `name`")


# ------------------------------------------------------------------------------------------------ errors


class ErrorOut(_Model):
    code: str = Field(description="a stable code of flashpoint.errors (E105: not found)", examples=["E200"])
    error: str = Field(description="the error's class", examples=["UnknownName"])
    message: str = Field(description="what was wrong and what to do")
    where: str | None = Field(description="the parameter, record or path it concerns")


class ErrorResponse(_Model):
    """Every error, whatever its status: a Flashpoint error, an unknown route, a wrong method, a validation
    error, a body too large, a bug."""

    ok: Literal[False] = False
    error: ErrorOut
    status: int = Field(description="the HTTP status, repeated")
