"""Plain-text tables for the commands' ``--format table``: a header row, columns aligned to their widest cell,
two spaces between columns, one line per row (grep-able; nothing wraps), the last column left unpadded.

Actors are listed by code and joined with :data:`ACTOR_SEPARATOR` (``;``) in every table, in the CSV of
``flashpoint events`` and in the ``polecat`` export alike.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

ACTOR_SEPARATOR = ";"
GAP = "  "
EVIDENCE_WIDTH = 90
EVENT_HEADER = ("id", "date", "event", "cameo", "actors", "recipients", "place", "reports", "status", "evidence")


def aligned(header: Sequence[str], rows: Iterable[Sequence[str]], *, right: Sequence[str] = ()) -> list[str]:
    """``header`` and ``rows`` as lines whose columns line up; the columns named in ``right`` are right-aligned
    (numbers). No rows: no lines (not even the header), so that an empty answer prints nothing."""
    body = [tuple("-" if cell is None or cell == "" else str(cell) for cell in row) for row in rows]
    if not body:
        return []
    widths = [max(len(row[i]) for row in (tuple(header), *body)) for i in range(len(header))]
    flush = {header.index(name) for name in right}
    lines = []
    for row in (tuple(header), *body):
        cells = [cell.rjust(widths[i]) if i in flush else cell.ljust(widths[i])
                 for i, cell in enumerate(row[:-1])]
        lines.append(GAP.join([*cells, row[-1]]).rstrip())
    return lines


def actor_codes(actors: Iterable[dict[str, Any]]) -> str:
    """``PAKMIL;PAKGOV``: each actor's code (a named group without one: its id), ``?`` when it has neither."""
    return ACTOR_SEPARATOR.join(a.get("code") or a.get("id") or "?" for a in actors)


def evidence(sentence: str, trigger: str, width: int = EVIDENCE_WIDTH) -> str:
    """The sentence on one line, cut to ``width`` characters around the trigger's first word."""
    text = " ".join(sentence.split())
    if len(text) <= width:
        return text
    at = text.find(trigger.split()[0]) if trigger and trigger.split() else -1
    start = max(0, min(at - width // 3, len(text) - width)) if at >= 0 else 0
    return ("…" if start else "") + text[start:start + width] + ("…" if start + width < len(text) else "")


def event_row(event: dict[str, Any]) -> tuple[str, ...]:
    """One event in the output contract (``code``'s and ``events``' records) as the cells of EVENT_HEADER."""
    place = event.get("location") or {}
    first = event["mentions"][0] if event.get("mentions") else {"sentence": "", "trigger": ""}
    reports = f"{event['num_mentions']}m/{event['num_articles']}a/{event['num_sources']}s"
    return (event["id"], event.get("date") or "-", event["event"] + (f"/{event['mode']}" if event.get("mode") else ""),
            event.get("cameo") or "-", actor_codes(event["actors"]) or "-", actor_codes(event["recipients"]) or "-",
            place.get("admin1") or place.get("country") or "-", reports, event["status"],
            f"\"{evidence(first['sentence'], first['trigger'])}\"")


def event_table(events: Iterable[dict[str, Any]]) -> list[str]:
    """Events as an aligned table with a header row: id, date, type/mode, CAMEO, actor and recipient codes, place
    (ISO 3166-2 region, else country), reports (mentions/articles/sources), status and the first evidence."""
    return aligned(EVENT_HEADER, [event_row(event) for event in events])
