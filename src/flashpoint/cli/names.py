"""The filter options of ``flashpoint events``, ``export`` and the analysis commands: a click shell over
:mod:`flashpoint.query`, where names become codes (``--actor pak``, ``--country Iran``, ``--event attack``) for the
command line and the HTTP API alike. The names below are re-exported from there, so existing imports keep working.

:func:`event_filter_options` adds the filter options of ``flashpoint events`` to any command, which receives them
as one ``filters`` argument (:class:`EventFilters`); :func:`build_event_query` turns them into an
:class:`~flashpoint.store.EventQuery`, and :func:`matched_line` says how many events matched.
"""

from __future__ import annotations

import functools
from typing import Any, Callable

import click

from ..query import (EventFilters, Reading, UnknownName, build_event_query, describe_query, event_words,
                     matched_line, resolve_actor_filter, resolve_admin1_filter, resolve_country_filter,
                     resolve_event_filter, stored_actor_codes)
from .common import iso_date

__all__ = ["EventFilters", "Reading", "UnknownName", "build_event_query", "describe_query", "event_filter_options",
           "event_words", "matched_line", "resolve_actor_filter", "resolve_admin1_filter", "resolve_country_filter",
           "resolve_event_filter", "stored_actor_codes"]


_OPTIONS = (
    click.option("--actor", metavar="NAME", help="Actor: a code (PAK matches PAKMIL, PAKGOV), a country, "
                 "demonym or group name, or a group id, in any case (pak, Pakistan, Pakistani, hamas)."),
    click.option("--recipient", metavar="NAME", help="Recipient, as --actor."),
    click.option("--event", metavar="TYPE", help="PLOVER type (ASSAULT, assault), a word for one (attack, protests), "
                 "or a CAMEO code (190; 19 matches 190-196)."),
    click.option("--quad", type=click.IntRange(1, 4), help="Quad class 1-4."),
    click.option("--since", callback=iso_date, metavar="YYYY-MM-DD", help="First day (event date)."),
    click.option("--until", callback=iso_date, metavar="YYYY-MM-DD", help="Last day (event date)."),
    click.option("--country", metavar="NAME", help="Country of the event's place: ISO3 or ISO2 code or name "
                 "(IRN, IR, Iran)."),
    click.option("--admin1", metavar="REGION", help="Region of the event's place: ISO 3166-2 code or name "
                 "(IR-11, Balochistan)."),
    click.option("--text", metavar="WORDS", help="Words found, in any case, in an evidence sentence, an actor's "
                 "name or its place's name ('border post')."),
    click.option("--all", "include_all", is_flag=True, help="Also hypothetical, negated and background events, and "
                 "events no report names an actor for."),
)
_NAMES = tuple(EventFilters.__dataclass_fields__)


def event_filter_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--actor --recipient --event --quad --since --until --country --admin1 --all`` to a click command,
    which receives them as one keyword argument ``filters`` (:class:`EventFilters`)::

        @click.command("export")
        @event_filter_options
        def export_command(path, db, fmt, filters): ...
            query = build_event_query(filters, store=store)
    """

    @functools.wraps(function)
    def command(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in _NAMES}
        return function(*args, filters=EventFilters(**values), **kwargs)

    for option in reversed(_OPTIONS):
        command = option(command)
    return command
