"""The HTTP API: JSON over the event store, the coder and the analysis. ``flashpoint serve`` runs it.

    app = create_app(db="events.duckdb", token=None)     # no token: reads only, every write answers 403
    uvicorn.run(app, host="127.0.0.1", port=8000)

Each route is a thin shell over a library function, and ``/openapi.json`` documents them all:

    GET  /api/events                  Store.events, with the filters of `flashpoint events` (flashpoint.query), paged
    GET  /api/events/{id}             Store.event: evidence, articles, links
    GET  /api/articles/{id}           Store.article
    GET  /api/dyads                   analyse.dyad_activity: pairs of actors, most active first
    GET  /api/dyads/{a}/{b}/series    analyse.dyad_report: `flashpoint dyad A B --format json`
    GET  /api/alerts                  analyse.scan: `flashpoint alerts --format json`
    GET  /api/countries               the dashboard map's country shapes (GeoJSON)
    POST /api/code                    Coder.code: text in, events out, nothing stored
    POST /api/articles                Store.classify, Coder.code_many, Store.add_batch (bearer token)

The dashboard's pages (:mod:`.dashboard`: ``/``, ``/events``, ``/events/{id}``, ``/crisis``) read these routes.
An answer is ``{"ok": true, <name>: data, ...}``, or the one error shape of :mod:`flashpoint.server.errors`.

A read opens the database read-only for its request and closes it after, so it waits (up to ``lock_timeout``) only
while the database is open for writing, by ``flashpoint ingest`` in another process or by ``POST /api/articles``
here (:class:`~flashpoint.server.guards.ReadWriteLock`). One write request at a time opens it to classify its
articles, codes the new ones with the database closed, then opens it again to store them in one transaction, as
``ingest`` stores a batch.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import hmac
import json
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal

from fastapi import Body, Depends, FastAPI, Path, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Receive, Scope, Send

from ..errors import InputError, MalformedRecord, NotFound, SettingError, Unauthorized, WritesDisabled
from ..query import EventFilters, build_event_query, resolve_actor_filter, stored_actor_codes
from ..settings import get_setting
from . import dashboard, errors
from .guards import BodyLimit, ReadWriteLock
from .schemas import (AlertsPage, ArticleResponse, CodeRequest, CodeResponse, DyadSeriesResponse, DyadsPage,
                      ErrorResponse, EventResponse, EventsPage, IngestResponse)

__all__ = ["create_app", "decode_cursor", "encode_cursor"]

DEFAULT_PAGE_SIZE = 100  # a page without `limit`; never more than api_max_page_size
Period = Literal["day", "week", "month"]
Level = Literal["country", "sector", "group"]

ERRORS: dict[int | str, dict[str, Any]] = {  # documented on every route: the one shape, whatever the status
    status: {"model": ErrorResponse, "description": description} for status, description in (
        (400, "a bad value: an unknown name (with the closest ones), a bad cursor, a malformed record"),
        (404, "no such event, article or route"),
        (422, "a parameter or body field of the wrong type or out of range"),
        (503, "the database cannot be used now (missing, busy past lock_timeout)"),
    )}
WRITE_ERRORS = {**ERRORS, **{status: {"model": ErrorResponse, "description": description} for status, description in (
    (401, "no bearer token, or not the configured one"),
    (403, "writes are disabled: no api_token is set"),
    (413, "the request body is over api_max_body_bytes"),
)}}

# A record as `ingest` reads a JSONL line. Documented here, checked by article_from_record alone (its errors name the
# record and field), so the API and `ingest` accept and refuse the same records.
RECORD: dict[str, Any] = {"type": "object", "required": ["text"], "properties": {
    "text": {"type": "string", "description": "the article text, not empty"},
    "id": {"type": ["string", "integer"], "description": "default: a hash of the text and url"},
    "published": {"type": ["string", "null"], "description": "YYYY-MM-DD or an ISO 8601 datetime"},
    "url": {"type": ["string", "null"]}, "source": {"type": ["string", "null"], "description": "the outlet"},
    "title": {"type": ["string", "null"]}}}

DESCRIPTION = """\
Coded political events from Flashpoint's event store. Every answer is JSON: `{"ok": true, ...}` with the data
under a named key, or one error shape for every error:
`{"ok": false, "error": {"code", "error", "message", "where"}, "status"}`.

Filters take codes or names in any case (`actor=pak`, `actor=Pakistan`, `country=Iran`, `event=attack`), as
`flashpoint events` does. Writes (`POST /api/articles`) need `Authorization: Bearer <token>`, the `api_token`
setting; without one they are disabled.
"""


def encode_cursor(event: dict[str, Any]) -> str:
    """The cursor after ``event`` in the order of ``Store.event_ids``: opaque to clients (base64 of its date and
    id), so the order's key can change without breaking them."""
    raw = json.dumps([event["date"], event["id"]], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(text: str) -> tuple[dt.date | None, str]:
    """(date, id) of a cursor :func:`encode_cursor` made; :class:`SettingError` for anything else."""
    try:
        day, last = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        if not isinstance(last, str) or not (day is None or isinstance(day, str)):
            raise ValueError(text)
        return (dt.date.fromisoformat(day) if day is not None else None), last
    except (ValueError, TypeError, binascii.Error):  # json's errors are ValueErrors; a list of 3 is a TypeError
        raise SettingError("not a cursor this API gave; pass the `next` of the page before, or leave it out for the "
                           "first page", where="query cursor") from None


def _query_shown(query: Any) -> dict[str, Any]:
    """The filters of an EventQuery as read (codes), for the answer: what each name became."""
    shown = {field: value for field, value in dataclasses.asdict(query).items()
             if value is not None and field not in ("limit", "after", "include_all")}
    shown = {field: value.isoformat() if isinstance(value, dt.date) else value for field, value in shown.items()}
    return {**shown, "all": query.include_all}


class _Service:
    """What the routes share: the database, the locks, and the Coder (loaded on first use, then kept)."""

    def __init__(self, db: str, *, token: str | None, wait: float, coder: Callable[[], Any] | None,
                 max_records: int) -> None:
        self.db = db
        self.token = token or None
        self.wait = wait
        self.max_records = max_records
        self.rw = ReadWriteLock()
        self.writer = threading.Lock()  # one write request at a time, its coding included
        self.coding = threading.Lock()  # one spaCy pipeline, one article stream through it at a time
        self.make_coder = coder
        self.coder: Any = None

    @contextmanager
    def reading(self) -> Iterator[Any]:
        from ..store import Store

        with self.rw.reading(self.wait):
            store = Store.open(self.db, read_only=True)
            try:
                yield store
            finally:
                store.close()

    @contextmanager
    def writing(self) -> Iterator[Any]:
        from ..store import Store

        with self.rw.writing(self.wait):
            store = Store.open(self.db)
            try:
                yield store
            finally:
                store.close()

    def code(self, articles: list[Any]) -> tuple[str, list[Any]]:
        """The Coder's name and the :class:`~flashpoint.coder.Coded` result of each article, in order."""
        with self.coding:
            if self.coder is None:
                if self.make_coder is None:
                    from ..coder import Coder

                    self.make_coder = Coder
                self.coder = self.make_coder()
            # one process: the server's threads share this pipeline, and workers would each load their own
            return self.coder.name, list(self.coder.code_many(articles, n_process=1))

    def check_token(self, credentials: HTTPAuthorizationCredentials | None) -> None:
        if self.token is None:
            raise WritesDisabled("writes are disabled: no api_token is set. Set one (FLASHPOINT_API_TOKEN=... or "
                                 "api_token in flashpoint.toml), restart `flashpoint serve`, and send it as "
                                 "`Authorization: Bearer <token>`", where="POST /api/articles")
        given = credentials.credentials if credentials is not None else ""
        if not given or not hmac.compare_digest(given.encode(), self.token.encode()):
            raise Unauthorized("a write needs `Authorization: Bearer <token>` with the server's api_token; "
                               + ("the token given is not it" if given else "none was given"),
                               where="header Authorization")

    def ingest(self, articles: list[Any]) -> list[dict[str, Any]]:
        """Classify, code and store ``articles`` (unique ids), as ``flashpoint ingest`` does a batch: what each
        became, in order (``result``: stored, revised, duplicate, seen or failed)."""
        with self.writer:
            with self.writing() as store:  # creates or migrates the database, like ingest's first open
                kinds = {a.id: k.kind for a, k in zip(articles, store.classify(articles))}
            fresh = [a for a in articles if kinds[a.id] != "seen"]
            coder_name, coded = self.code(fresh) if fresh else ("", [])
            failed = {c.article.id: c.error for c in coded if c.error is not None}
            good = [c for c in coded if c.error is None]
            with self.writing() as store:
                for c in coded:
                    if c.error is not None:  # kept in the failures table, as ingest keeps them
                        store.add_failure(origin=c.article.origin, stage="code", code=c.error.code,
                                          message=c.error.message, article_id=c.article.id)
                done = store.add_batch([(c.article, c.events, c.mentions) for c in good], coder=coder_name)
                events = store.article_events([c.article.id for c in good])
        results = []
        for article in articles:
            result, other, error = "seen", None, None
            if article.id in failed:
                result, error = "failed", failed[article.id].to_dict()
            elif article.id in done.revised:
                result, other = "revised", done.revised[article.id]
            elif article.id in done.duplicates:
                result, other = "duplicate", done.duplicates[article.id]
            elif article.id in done.stored:
                result = "stored"
            results.append({"id": article.id, "result": result, "of": other, "error": error,
                            "events": events.get(article.id, []) if result in ("stored", "revised") else []})
        return results


def _records(body: Any, *, limit: int) -> list[Any]:
    """The articles of a POST /api/articles body (one JSON record, or an array of them), each read as a JSONL line
    is (``article_from_record``): the first malformed one is the request's error, naming ``body[i]``."""
    from ..ingest import article_from_record

    records, listed = (body, True) if isinstance(body, list) else ([body], False)
    if not records:
        raise MalformedRecord("an empty array; expected one article record or an array of them", where="body")
    if len(records) > limit:
        raise InputError(f"{len(records)} records, over the limit of {limit} a request (setting api_max_records); "
                         "send them in several requests", where="body")
    articles = []
    for index, record in enumerate(records):
        article = article_from_record(record, origin=f"body[{index}]" if listed else "body")
        articles.append(dataclasses.replace(article, origin=f"api:{article.id}"))
    return articles


def create_app(*, db: str, token: str | None, coder: Callable[[], Any] | None = None,
               max_body_bytes: int | None = None, max_page_size: int | None = None,
               max_records: int | None = None, lock_timeout: float | None = None) -> FastAPI:
    """The API over the database ``db`` (which need not exist until the first write). ``token``: the bearer token
    writes need (None or empty: writes are disabled). ``coder``: makes the Coder on first use (default
    ``Coder()``). The limits default to their settings (``api_max_body_bytes``, ``api_max_page_size``,
    ``api_max_records``, ``lock_timeout``), read once, here."""
    from importlib.metadata import version

    body_limit = int(max_body_bytes if max_body_bytes is not None else get_setting("api_max_body_bytes"))
    page_limit = int(max_page_size if max_page_size is not None else get_setting("api_max_page_size"))
    service = _Service(db, token=token, coder=coder,
                       wait=float(lock_timeout if lock_timeout is not None else get_setting("lock_timeout")),
                       max_records=int(max_records if max_records is not None else get_setting("api_max_records")))
    page_default = min(DEFAULT_PAGE_SIZE, page_limit)

    # /docs and /redoc would load their scripts from a CDN: this server works offline, so only the schema is served
    app = FastAPI(title="Flashpoint", version=version("flashpoint"), description=DESCRIPTION, docs_url=None,
                  redoc_url=None)
    errors.install(app, max_body_bytes=body_limit)

    async def too_large(scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        error = errors.from_http(StarletteHTTPException(413), request, max_body_bytes=body_limit)
        await errors.error_response(error, 413)(scope, receive, send)

    app.add_middleware(BodyLimit, max_bytes=body_limit, too_large=too_large)
    bearer = HTTPBearer(auto_error=False, description="the api_token setting; writes are disabled without one")

    def may_write(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        service.check_token(credentials)

    def side_code(store: Any, text: str | None, option: str) -> str | None:
        if text is None:
            return None
        return resolve_actor_filter(text, known=lambda: stored_actor_codes(store), option=option).code

    # ------------------------------------------------------------------------------------------------ events

    @app.get("/api/events", response_model=EventsPage, responses=ERRORS, tags=["events"],
             summary="Events matching the filters of `flashpoint events`, a page at a time")
    def list_events(
            actor: str | None = Query(None, description="a code (PAK matches PAKMIL), a country, demonym or group "
                                                        "name, or a group id, in any case", examples=["Pakistan"]),
            recipient: str | None = Query(None, description="as actor"),
            event: str | None = Query(None, description="a PLOVER type, a word for one (attack) or a CAMEO code "
                                                        "(19: every 19x code)"),
            quad: int | None = Query(None, ge=1, le=4, description="quad class"),
            since: dt.date | None = Query(None, description="first day, YYYY-MM-DD (event date)"),
            until: dt.date | None = Query(None, description="last day, YYYY-MM-DD"),
            country: str | None = Query(None, description="country of the event's place: ISO3, ISO2 or a name"),
            admin1: str | None = Query(None, description="region of the event's place: ISO 3166-2 or a name"),
            text: str | None = Query(None, max_length=200, description="words found, in any case, in an evidence "
                                     "sentence, an actor's name or its place's name", examples=["border post"]),
            include_all: bool = Query(False, alias="all", description="also hypothetical, negated and background "
                                                                      "events, and events no report names an "
                                                                      "actor for"),
            limit: int = Query(page_default, ge=1, le=page_limit, description="events on this page"),
            cursor: str | None = Query(None, description="the `next` of the page before; none: the first page"),
    ) -> JSONResponse:
        """Merged events, oldest first (undated last, then by id), with counts over every stored report. Walk the
        pages by passing each answer's `next` as `cursor` until it is null: each event comes once."""
        filters = EventFilters(actor=actor, recipient=recipient, event=event, quad=quad, since=since, until=until,
                               country=country, admin1=admin1, text=text, include_all=include_all)
        after = decode_cursor(cursor) if cursor is not None else None
        with service.reading() as store:
            query = build_event_query(filters, store=store, prefix="")
            total = len(store.event_ids(query))
            page = store.events(dataclasses.replace(query, after=after, limit=limit + 1))  # one more: is there a next?
        shown = page[:limit]
        return JSONResponse({"ok": True, "events": shown, "next": encode_cursor(shown[-1]) if len(page) > limit
                             else None, "total": total, "filters": _query_shown(query)})

    @app.get("/api/events/{event_id}", response_model=EventResponse, responses=ERRORS, tags=["events"],
             summary="One event: its evidence sentences, articles and links (`flashpoint event ID`)")
    def get_event(event_id: str = Path(description="an id from /api/events")) -> JSONResponse:
        with service.reading() as store:
            record = store.event(event_id)
        if record is None:
            raise NotFound("no event with this id; list ids with GET /api/events?all=true", where=f"event {event_id!r}")
        return JSONResponse({"ok": True, "event": record})

    # ------------------------------------------------------------------------------------------------ articles

    @app.get("/api/articles/{article_id}", response_model=ArticleResponse, responses=ERRORS, tags=["articles"],
             summary="One stored article: its text, metadata and the ids of its events")
    def get_article(article_id: str = Path(description="an article id (`mentions[].article_id` of an event)")
                    ) -> JSONResponse:
        with service.reading() as store:
            article = store.article(article_id)
        if article is None:
            raise NotFound("no stored article with this id (an older version of a revised article is not served)",
                           where=f"article {article_id!r}")
        return JSONResponse({"ok": True, "article": article})

    @app.post("/api/articles", response_model=IngestResponse, responses=WRITE_ERRORS, tags=["articles"],
              dependencies=[Depends(may_write)],
              summary="Ingest articles: classify, code and store them as `flashpoint ingest` does")
    def add_articles(body: Any = Body(
            description="one article record, or an array of them: the fields of a JSONL line (`text`; optional "
                        "`id`, `published`, `url`, `source`, `title`)",
            json_schema_extra={"oneOf": [RECORD, {"type": "array", "items": RECORD}]},
            examples=[{"id": "wire-1", "text": "Pakistan's air force struck militant camps in Iran on Thursday.",
                       "published": "2024-01-19", "source": "Wire"}])) -> JSONResponse:
        """Each article is classified against the store (seen, revision, duplicate or new), the new ones coded,
        and the batch written in one transaction. Needs `Authorization: Bearer <api_token>`."""
        articles = _records(body, limit=service.max_records)
        first: dict[str, tuple[int, str]] = {}  # id -> (index, text) of its first record in this request
        unique, repeats = [], {}
        for index, article in enumerate(articles):
            if article.id not in first:
                first[article.id] = (index, article.text)
                unique.append(article)
            elif first[article.id][1] == article.text:
                repeats[index] = first[article.id][0]  # the same record twice: the second is seen
            else:
                raise MalformedRecord(f"has the id {article.id!r} of body[{first[article.id][0]}] with another "
                                      "text; send a revision in a later request", where=f"body[{index}]")
        outcome = iter(service.ingest(unique))
        results = []
        for index, article in enumerate(articles):
            if index in repeats:
                results.append({"id": article.id, "result": "seen", "of": None, "error": None, "events": []})
            else:
                results.append(next(outcome))
            results[-1] = {"index": index, **results[-1]}
        counts = Counter(r["result"] for r in results)
        return JSONResponse({"ok": True, "articles": results, "counts": {
            kind: counts.get(kind, 0) for kind in ("stored", "revised", "duplicate", "seen", "failed")}})

    # ------------------------------------------------------------------------------------------------ coding

    @app.post("/api/code", response_model=CodeResponse, responses=ERRORS, tags=["coding"],
              summary="Code a text into events; nothing is stored")
    def code_text(request: CodeRequest) -> JSONResponse:
        """The events of one text in the output contract, as `flashpoint code` prints them: asserted ones unless
        `all`. The first request loads the coder (a few seconds)."""
        from ..ingest import article_from_record

        article = article_from_record({"text": request.text, "published": request.published}, origin="body")
        coder_name, (coded,) = service.code([article])
        if coded.error is not None:  # too long (400), or a rule that broke on this text: a bug (500), not a 503
            return errors.error_response(coded.error, 400 if isinstance(coded.error, InputError) else 500)
        sources = {article.id: article.source}
        events = [e.to_dict(sources=sources) for e in coded.events if request.all or e.status == "asserted"]
        return JSONResponse({"ok": True, "events": events, "coder": coder_name, "article": {
            "id": article.id, "published": article.published.isoformat() if article.published else None}})

    # ------------------------------------------------------------------------------------------------ analysis

    @app.get("/api/dyads", response_model=DyadsPage, responses=ERRORS, tags=["analysis"],
             summary="Pairs of actors, most active first, with their event counts")
    def list_dyads(
            level: Level = Query("country", description="actors as countries (PAK), country+sector (PAKMIL) or "
                                                        "named groups"),
            actor: str | None = Query(None, description="only pairs with this side (a code or a name)"),
            since: dt.date | None = Query(None, description="first day, YYYY-MM-DD"),
            until: dt.date | None = Query(None, description="last day, YYYY-MM-DD"),
            limit: int = Query(page_default, ge=1, le=page_limit, description="the most active pairs shown"),
    ) -> JSONResponse:
        """Merged, asserted, dated events counted by pair (each event once a pair) and by direction: the pairs
        `flashpoint alerts` tests."""
        from ..analyse import dyad_activity, load_events

        with service.reading() as store:
            side = side_code(store, actor, "actor")
            events = load_events(store.con, since=since, until=until)  # links are not counted: the plain view
        dyads = dyad_activity(events, level=level, side=side)
        return JSONResponse({"ok": True, "dyads": [d.to_dict() for d in dyads[:limit]], "total": len(dyads),
                             "level": level})

    @app.get("/api/dyads/{a}/{b}/series", response_model=DyadSeriesResponse, responses=ERRORS, tags=["analysis"],
             summary="A pair's series in both directions, links and alerts (`flashpoint dyad A B`)")
    def dyad_series(
            a: str = Path(description="a side: a code or a name (india, PAK, hamas)"),
            b: str = Path(description="the other side"),
            by: Period | None = Query(None, description="period (default: the dyad_period setting)"),
            since: dt.date | None = Query(None, description="first day, YYYY-MM-DD (default: the dyad's active "
                                                            "period)"),
            until: dt.date | None = Query(None, description="last day, YYYY-MM-DD"),
    ) -> JSONResponse:
        from ..analyse import AlertParams, article_volume, dyad_report, load_events

        period = by or str(get_setting("dyad_period"))
        params = AlertParams.from_settings()
        with service.reading() as store:
            codes = stored_actor_codes(store)
            sides = [resolve_actor_filter(given, known=lambda: codes, option=name) for name, given in (("a", a),
                                                                                                      ("b", b))]
            if sides[0].code == sides[1].code:
                raise SettingError(f"a and b must differ (both are {sides[0].code})", where="path b")
            events, volume = load_events(store), article_volume(store.con, by=period)
        found = dyad_report(events, sides[0].code, sides[1].code, by=period, volume=volume, since=since,
                            until=until, params=params)
        return JSONResponse({"ok": True, "sides": [{"given": s.given, "code": s.code, "how": s.how} for s in sides],
                             "dyad": found.to_dict()})

    @app.get("/api/alerts", response_model=AlertsPage, responses=ERRORS, tags=["analysis"],
             summary="Escalation and de-escalation alerts across all pairs, most severe first (`flashpoint alerts`)")
    def list_alerts(
            since: dt.date | None = Query(None, description="only alerts in periods from this day on"),
            min_score: float = Query(0.0, description="leave out alerts scoring less (-log10 p for the rate test)"),
            by: Period | None = Query(None, description="period (default: the dyad_period setting)"),
            level: Level = Query("country", description="actors as countries, country+sector or named groups"),
            actor: str | None = Query(None, description="only pairs with this side (a code or a name)"),
            limit: int = Query(page_default, ge=1, le=page_limit, description="the most severe alerts shown"),
    ) -> JSONResponse:
        from ..analyse import AlertParams, article_volume, involving, load_events, scan

        period = by or str(get_setting("dyad_period"))
        params = AlertParams.from_settings()
        with service.reading() as store:
            side = side_code(store, actor, "actor")
            events, volume = load_events(store), article_volume(store.con, by=period)
        alerts = scan(events, volume=volume, by=period, level=level, since=since, min_score=min_score, params=params)
        if side is not None:
            alerts = involving(alerts, side)
        return JSONResponse({"ok": True, "alerts": [a.to_dict() for a in alerts[:limit]], "total": len(alerts)})

    dashboard.install(app, responses=ERRORS)
    return app
