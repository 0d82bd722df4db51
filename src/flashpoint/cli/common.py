"""What every command shares: one way to report an error, one way to read a date option, one logging setup.

Logging goes to stderr, set up for the length of one command (the ``flashpoint`` group, or a command run on its
own): WARNING, or DEBUG with ``-v``, when a failed article's one ``error`` line is followed by the traceback of
the exception that stopped it.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from typing import Any, Callable

import click

from ..errors import FlashpointError, InputError

EXIT_PARTIAL = 3  # some inputs failed, the others were processed
LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"
VERBOSE_HELP = "Log progress on stderr (DEBUG); each failed article's traceback after its error line."

logger = logging.getLogger(__name__)


class _StderrHandler(logging.StreamHandler):
    """Writes to the ``sys.stderr`` of the moment (click's test runner swaps it), and remembers the exceptions
    whose tracebacks it has printed, so that :func:`report` prints each only once."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)
        self.shown: dict[int, BaseException] = {}  # id -> exception (kept, so that an id is not reused)

    @property
    def stream(self) -> Any:  # type: ignore[override]
        return sys.stderr

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self.shown[id(record.exc_info[1])] = record.exc_info[1]
        super().emit(record)


def _handler() -> _StderrHandler | None:
    return next((h for h in logging.getLogger("flashpoint").handlers if isinstance(h, _StderrHandler)), None)


def setup_logging(*, verbose: bool = False) -> None:
    """Log the ``flashpoint`` loggers to stderr: DEBUG when ``verbose``, else WARNING. Undone when the current
    click command ends (the library itself configures nothing)."""
    package = logging.getLogger("flashpoint")
    if _handler() is None:
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        level = package.level
        package.addHandler(handler)
        package.setLevel(logging.WARNING)

        def undo() -> None:
            package.removeHandler(handler)
            package.setLevel(level)

        ctx = click.get_current_context(silent=True)
        if ctx is not None:
            ctx.call_on_close(undo)
    if verbose:
        package.setLevel(logging.DEBUG)


def verbose_option(*, help: str = VERBOSE_HELP) -> Callable[[Any], Any]:
    """``-v/--verbose``: sets up logging (DEBUG) as it is parsed; the command still receives the flag."""

    def configure(ctx: Any, param: Any, value: bool) -> bool:
        setup_logging(verbose=value)
        return value

    return click.option("-v", "--verbose", is_flag=True, callback=configure, help=help)


def report(error: FlashpointError, where: str | None = None) -> None:
    """One line on stderr: ``error E101: file.txt: what is wrong; expected what``. With ``-v``, then the
    traceback of the exception behind it, unless it has been logged already."""
    place = where or error.where
    click.echo(f"error {error.code}: {place}: {error.message}" if place else f"error {error.code}: {error.message}",
               err=True)
    original = error.__cause__ or (None if isinstance(error, InputError) else error)
    if original is None or original.__traceback__ is None or not logger.isEnabledFor(logging.DEBUG):
        return  # a bad input's one line says it all; an error never raised has no traceback
    handler = _handler()
    if handler is not None and id(original) in handler.shown:
        return
    logger.debug("%s failed", place or "input", exc_info=original)


def iso_date(ctx: Any, param: Any, value: str | None) -> dt.date | None:
    """Click callback for YYYY-MM-DD options."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; expected YYYY-MM-DD (e.g. 2024-01-18)") from None
