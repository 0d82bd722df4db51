"""``flashpoint serve``: the HTTP API (:mod:`flashpoint.server`) over the event database, run with uvicorn.

It listens on 127.0.0.1 (this machine only) unless ``--host`` says otherwise, and says so on stderr when the
address is reachable from other machines. The database must exist (``flashpoint ingest`` makes it): a missing or
foreign file is one error line, before anything listens. ``--port 0`` takes a free port; the line that says where
the API is names it. Ctrl-C stops it (exit status 130), and SIGTERM (143), after the requests in flight.
"""

from __future__ import annotations

import copy
import ipaddress
import signal
import socket
import sys
from typing import Any

import click

from ..errors import FlashpointError, SettingError
from .common import report
from .store import _db_option, _db_path, _open


class _Stopped(Exception):
    """SIGTERM, once uvicorn has finished the requests in flight and hands the signal back."""


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` (IPv4 or IPv6), or a :class:`SettingError` naming the option: binding
    here, not in uvicorn, makes a port in use one error line, and ``--port 0`` a port we can name."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise SettingError(f"cannot listen on {host!r} ({exc.strerror or exc}); give an address of this machine",
                           where="--host") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise SettingError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); give another --port (0: any "
                           "free one)", where="--port") from None
    return sock


@click.command("serve")
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but a loopback address makes the API reachable from other "
                   "machines.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on; 0 takes a free one (the line on stderr names it).")
def serve_command(db: str | None, host: str, port: int) -> None:
    """Serve the HTTP API over the event database: GET /api/events, /api/events/{id}, /api/articles/{id},
    /api/dyads, /api/dyads/{a}/{b}/series, /api/alerts; POST /api/code and, with the api_token setting,
    POST /api/articles. The schema is at /openapi.json."""
    import uvicorn

    from ..server import create_app
    from ..settings import get_setting

    path = _db_path(db)
    _open(db, read_only=True).close()  # a missing, foreign or newer database: its one error line, exit status 5
    try:
        token = str(get_setting("api_token")) or None
        app = create_app(db=path, token=token)
        sock = _listen(host, port)
    except FlashpointError as exc:
        report(exc)
        sys.exit(exc.exit_code)
    bound = sock.getsockname()
    shown = f"[{bound[0]}]" if sock.family == socket.AF_INET6 else bound[0]
    if not _loopback(host):
        click.echo(f"warning: listening on {host}, reachable from other machines: anyone who can reach it reads "
                   "the database (and writes, with the token), over plain HTTP", err=True)
    click.echo(f"serving {path} at http://{shown}:{bound[1]}/api/events (schema: /openapi.json; writes "
               + ("need the api_token)" if token else "disabled: no api_token is set)"), err=True)
    # uvicorn's own logging, with its access lines on stderr too: every command keeps stdout for data
    logging = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    logging["handlers"]["access"]["stream"] = "ext://sys.stderr"
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=bound[1], log_level="info", log_config=logging))

    def stop(signum: int, frame: Any) -> None:
        raise _Stopped()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        click.echo("stopped (Ctrl-C)", err=True)
        sys.exit(130)
    except _Stopped:
        click.echo("stopped (SIGTERM)", err=True)
        sys.exit(143)
    finally:
        signal.signal(signal.SIGTERM, previous)
        sock.close()
