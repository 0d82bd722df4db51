"""What keeps one server process safe: a request body limit, and readers apart from the one writer.

:class:`BodyLimit` refuses a body over ``api_max_body_bytes`` before it is read when its Content-Length says so,
and while it is read when it does not (a chunked body, or a Content-Length that lies).

:class:`ReadWriteLock` lets any number of requests read the database at once, or one write it. DuckDB refuses, in
one process, a read-only connection to a file that is open for writing (and the reverse); between processes its
file lock does the same, and ``Store.open`` waits for it (``lock_timeout``). So a read waits while this server
writes a batch (only while the batch is written: coding happens before), as it waits while ``flashpoint ingest``
does, and a write waits for the reads in flight. A waiting writer goes first, so a stream of reads cannot starve it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import StoreError

__all__ = ["BodyLimit", "ReadWriteLock"]


class BodyLimit:
    """ASGI middleware: 413 for a request body over ``max_bytes``. ``too_large(scope)`` makes the answer sent
    when the Content-Length alone says so (the API's error shape); a body found too large while it is read raises
    Starlette's 413, which the app's handler answers in the same shape."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, too_large: ASGIApp) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.too_large = too_large

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await self.too_large(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise HTTPException(413)
            return message

        await self.app(scope, counted, send)


class ReadWriteLock:
    """Many readers or one writer (module docstring); each waits at most ``timeout`` seconds, then raises
    :class:`~flashpoint.errors.StoreError`, as ``Store.open`` does for another process."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def reading(self, timeout: float) -> Iterator[None]:
        with self._changed:
            if not self._changed.wait_for(lambda: not self._writing and not self._writers_waiting, timeout):
                raise StoreError(f"the database is being written by this server and stayed so for {timeout:g} s "
                                 "(setting lock_timeout); try again")
            self._readers += 1
        try:
            yield
        finally:
            with self._changed:
                self._readers -= 1
                self._changed.notify_all()

    @contextmanager
    def writing(self, timeout: float) -> Iterator[None]:
        with self._changed:
            self._writers_waiting += 1
            try:
                free = self._changed.wait_for(lambda: not self._writing and not self._readers, timeout)
            finally:
                self._writers_waiting -= 1
                self._changed.notify_all()  # readers held back by this writer may go on if it gave up
            if not free:
                raise StoreError(f"the database is being read or written by this server and stayed so for "
                                 f"{timeout:g} s (setting lock_timeout); try again")
            self._writing = True
        try:
            yield
        finally:
            with self._changed:
                self._writing = False
                self._changed.notify_all()
