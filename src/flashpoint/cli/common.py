"""What every command shares: one way to report an error, one way to read a date option."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from ..errors import FlashpointError

EXIT_PARTIAL = 3  # some inputs failed, the others were processed


def report(error: FlashpointError, where: str | None = None) -> None:
    """One line on stderr: ``error E101: file.txt: what is wrong; expected what``."""
    place = where or error.where
    click.echo(f"error {error.code}: {place}: {error.message}" if place else f"error {error.code}: {error.message}",
               err=True)


def iso_date(ctx: Any, param: Any, value: str | None) -> dt.date | None:
    """Click callback for YYYY-MM-DD options."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; expected YYYY-MM-DD (e.g. 2024-01-18)") from None
