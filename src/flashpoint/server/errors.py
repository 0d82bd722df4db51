"""One error shape for every error the HTTP API answers::

    {"ok": false, "error": {"code": "E105", "error": "NotFound", "message": "...", "where": "..."}, "status": 404}

``error`` is :meth:`flashpoint.errors.FlashpointError.to_dict`, so the API and the command line carry the same
codes. Errors that are not Flashpoint's own (an unknown route, a wrong method, a validation error, a body too
large, a bug) are first made into one of the tree's classes (:func:`from_http`, :func:`from_validation`), then
answered the same way; :func:`install` adds the handlers to an app. The status of a class:

    NotFound (E105) 404 · other InputError (E1xx) and SettingError (E200) 400 · Unauthorized (E601) 401 ·
    WritesDisabled (E602) and other AccessError 403 · StoreError (E5xx) and PipelineError (E400) 503 ·
    anything else 500 (a bug: the server's log has its traceback, the body never does)

A validation error keeps FastAPI's 422 (a parameter or body field of the wrong type or out of range); its code is
the one of what was wrong: E200 for a query or path parameter (an option), E103 for a field of the body.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import (AccessError, FlashpointError, InputError, MalformedRecord, NotFound, PipelineError,
                      SettingError, StoreError, Unauthorized, WritesDisabled)

__all__ = ["error_response", "from_http", "from_validation", "install", "status_of"]

logger = logging.getLogger(__name__)

# most specific first: the first class an error is an instance of gives its status
STATUSES: tuple[tuple[type[FlashpointError], int], ...] = (
    (NotFound, 404),
    (Unauthorized, 401),
    (WritesDisabled, 403),
    (AccessError, 403),
    (InputError, 400),
    (SettingError, 400),
    (StoreError, 503),  # the database is missing, busy past lock_timeout, or broken: not the request's fault
    (PipelineError, 503),  # the spaCy pipeline could not be loaded
)
VALIDATION_STATUS = 422


def status_of(error: FlashpointError) -> int:
    return next((status for kind, status in STATUSES if isinstance(error, kind)), 500)


def error_response(error: FlashpointError, status: int | None = None, *,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """The body of every error answer, with ``status`` (default: the class's)."""
    status = status_of(error) if status is None else status
    if isinstance(error, Unauthorized):  # RFC 9110: a 401 says which scheme it wants
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return JSONResponse({"ok": False, "error": error.to_dict(), "status": status}, status_code=status,
                        headers=headers)


def _route(request: Request) -> str:
    return f"{request.method} {request.url.path}"


def from_http(exc: StarletteHTTPException, request: Request, *, max_body_bytes: int | None = None) -> FlashpointError:
    """Starlette's and FastAPI's own HTTP errors as the tree's: no route (404), a method the route does not take
    (405), a body too large (413), a body that could not be read (400)."""
    where = _route(request)
    if exc.status_code == 404:
        return NotFound("no such route; the API's routes are listed in /openapi.json", where=where)
    if exc.status_code == 405:
        allowed = (exc.headers or {}).get("allow") or (exc.headers or {}).get("Allow") or ""
        return InputError(f"method {request.method} is not allowed on this route"
                          + (f"; it takes {allowed}" if allowed else ""), where=where)
    if exc.status_code == 413:
        limit = f" of {max_body_bytes:,} bytes" if max_body_bytes is not None else ""
        return InputError(f"the request body is over the limit{limit} (setting api_max_body_bytes); send fewer "
                          "or shorter articles per request", where=where)
    if exc.status_code < 500:
        return InputError(str(exc.detail), where=where)
    return FlashpointError(str(exc.detail), where=where)


def _field(loc: tuple[Any, ...]) -> tuple[str, str]:
    """(``query``/``path``/``header``/``body``, the field as a path: ``since``, ``body[2].text``)."""
    place = str(loc[0]) if loc else "body"
    path = ""
    for part in loc[1:]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return place, path


def from_validation(exc: RequestValidationError) -> FlashpointError:
    """A 422's errors as one error of the tree: each failed parameter or field, with the value given."""
    problems, first = [], None
    kind: type[FlashpointError] = SettingError
    for item in exc.errors():
        place, path = _field(tuple(item.get("loc", ())))
        if item.get("type") == "json_invalid":
            ctx = item.get("ctx") or {}
            problems.append(f"the body is not valid JSON ({ctx.get('error', 'JSON decode error')} at character "
                            f"{path or '?'})")
            first, kind = first or "body", MalformedRecord
            continue
        where = f"{place} {path}".strip() if place != "body" else (f"body.{path}" if path else "body")
        if place == "body":
            kind = MalformedRecord
        given = item.get("input")
        shown = (f" (given {given!r})" if item.get("type") != "missing" and isinstance(given, (str, int, float))
                 and len(repr(given)) <= 80 else "")
        problems.append(f"{where}: {item.get('msg', 'invalid')}{shown}")
        first = first or where
    if kind is SettingError and any(p.startswith(("query since", "query until")) for p in problems):
        problems.append("dates are YYYY-MM-DD")
    return kind("; ".join(problems) or "the request is not valid", where=first)


def install(app: FastAPI, *, max_body_bytes: int | None = None) -> None:
    """Answer every error of ``app`` in the one shape."""

    async def flashpoint_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, FlashpointError)
        if status_of(exc) >= 500:
            logger.error("%s: %s", _route(request), exc, exc_info=exc.__cause__ or exc)
        return error_response(exc)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        headers = {k: v for k, v in (exc.headers or {}).items() if k.lower() == "allow"}
        return error_response(from_http(exc, request, max_body_bytes=max_body_bytes), exc.status_code,
                              headers=headers or None)

    async def validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return error_response(from_validation(exc), VALIDATION_STATUS)

    async def bug(request: Request, exc: Exception) -> JSONResponse:
        # Starlette's ServerErrorMiddleware calls this, then re-raises for the server to log the traceback: the
        # body names the class only (a message may hold a path or a value the client should not see)
        error = FlashpointError(f"internal error ({type(exc).__name__}); a bug in Flashpoint: the server's log "
                                "has the traceback; please report it", where=_route(request))
        return error_response(error, 500)

    app.add_exception_handler(FlashpointError, flashpoint_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, bug)
