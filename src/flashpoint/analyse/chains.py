"""Retaliation chains: which event of a dyad answered which.

A link is **explicit** when the coder kept a ``responds_to`` edge ("in response to", "retaliated for", "this
came as a response to Tehran's attack") between two events of the dyad, dated on or before the response (an
edge to a later record is left out: nothing answers what has not happened yet). It is **inferred**
(reciprocity) when B *acts* against A (material conflict, quad 4: an assault, a seizure, a sanction, a
deployment) within ``retaliation_window`` days after an *act* of A against B, with the same or a higher
conflict intensity (PLOVER intensity at most as high: an air strike answers an air strike, not the reverse).
Words are never retaliation nor what it answers: a threat, an accusation or a promise (quad 3, or cooperation)
neither gets nor receives an inferred link. Same-day pairs are not inferred (their order is unknown), so an
inferred link always points to an earlier event; each event is linked to the most recent act it could answer,
and an event with an explicit link gets no inferred one.

A chain is a connected run of links, oldest event first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .series import DyadEvent, DyadSeries

__all__ = ["EXPLICIT", "INFERRED", "Link", "chains", "retaliation_links"]

EXPLICIT = "explicit"
MATERIAL_CONFLICT = 4  # the quad class of acts (PLOVER material conflict)
INFERRED = "inferred"


@dataclass(frozen=True)
class Link:
    """``event`` (by ``actor`` toward ``recipient``) responds to ``responds_to``, ``lag_days`` later."""

    event: str
    responds_to: str
    kind: str  # EXPLICIT | INFERRED
    lag_days: int
    actor: str
    recipient: str

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event, "responds_to": self.responds_to, "kind": self.kind, "lag_days": self.lag_days,
                "actor": self.actor, "recipient": self.recipient}


def _window() -> int:
    from ..settings import get_setting

    return int(get_setting("retaliation_window"))


def retaliation_links(series: DyadSeries, *, window: int | None = None) -> list[Link]:
    """Explicit and inferred links between the events of ``series`` (see the module docstring), by date."""
    window = _window() if window is None else window
    by_id = {e.id: e for e in series.events}
    ways = series.directions
    links: list[Link] = []
    answered: set[str] = set()
    for event in series.events:
        for target in event.responds_to:
            if target in by_id and by_id[target].date <= event.date:
                actor, recipient = ways[event.id][0]
                links.append(Link(event.id, target, EXPLICIT, (event.date - by_id[target].date).days, actor,
                                  recipient))
                answered.add(event.id)
    for event in series.events:
        if event.id in answered or event.quad != MATERIAL_CONFLICT:
            continue
        for actor, recipient in ways[event.id]:
            earlier = [e for e in series.events
                       if e.quad == MATERIAL_CONFLICT and (recipient, actor) in ways[e.id] and e.id != event.id
                       and 1 <= (event.date - e.date).days <= window and event.intensity <= e.intensity]
            if earlier:
                target = max(earlier, key=lambda e: (e.date, e.id))
                links.append(Link(event.id, target.id, INFERRED, (event.date - target.date).days, actor, recipient))
                break
    order = {e.id: (e.date, e.id) for e in series.events}
    return sorted(links, key=lambda link: (order[link.event], link.responds_to))


def chains(links: list[Link], events: list[DyadEvent]) -> list[list[str]]:
    """Connected runs of links, each as event ids oldest first; the chains ordered by their first event."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        parent[find(link.event)] = find(link.responds_to)
    order = {e.id: (e.date, e.id) for e in events}
    groups: dict[str, list[str]] = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    runs = [sorted(members, key=lambda i: order.get(i, (None, i))) for members in groups.values()]
    return sorted(runs, key=lambda run: order.get(run[0], (None, run[0])))
