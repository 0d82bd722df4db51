"""Dyad series: merged, asserted events of a pair of actors, counted per period and normalised by coverage.

    events = load_events(store.con)                       # every merged, asserted, dated event
    volume = article_volume(store.con, by="week")         # coded articles per period (the normaliser)
    series = dyad_series(events, "PAK", "IRN", by="week", volume=volume)
    series.rows("PAK", "IRN")                             # one PeriodRow per period, A -> B
    series.undirected()                                   # both directions, each event once

What counts: rows of the ``events`` table (one real-world event, whatever its number of reports) whose status
is ``asserted`` and whose date is known; hypothetical, negated and background events never count.

Who is on which side (:func:`side_matches`): a side such as ``PAK`` matches an actor whose country is PAK, whose
code is or starts with PAK (``PAKMIL``), or whose group id is ``PAK`` -- so a side can be a country (PAK), a
country and sector (PAKMIL) or a named group (``jaish_al_adl``). With the ``dyad_territory`` setting a
material-conflict event (quad 4) by A that takes place in country B counts toward A -> B even when its target
is coded as someone else: Iran striking Jaish al-Adl's bases inside Pakistan is an act against Pakistan.

Coverage volume (:func:`article_volume`) is the number of distinct coded articles that report any asserted,
dated event in the period. A news spike (many more articles about everything) raises it, so per-article rates
do not read a spike in coverage as a spike in conflict.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Sequence

__all__ = [
    "ActorRef",
    "DyadEvent",
    "DyadSeries",
    "PERIODS",
    "PeriodRow",
    "active_span",
    "article_volume",
    "dyad_keys",
    "dyad_series",
    "event_direction",
    "key_matches",
    "load_events",
    "period_range",
    "period_start",
    "side_matches",
]

PERIODS = ("day", "week", "month")
CONFLICT_QUADS = (3, 4)
COOPERATION_QUADS = (1, 2)


@dataclass(frozen=True)
class ActorRef:
    """One actor or recipient of a stored event (a row of ``event_actors``)."""

    code: str | None
    country: str | None = None
    sector: str | None = None
    actor_id: str | None = None

    def key(self, level: str) -> str | None:
        """The actor at a level: ``country`` (PAK), ``sector`` (PAKMIL) or ``group`` (a named group's id)."""
        if level == "country":
            return self.country or self.actor_id or self.code
        if level == "sector":
            return self.code or self.actor_id
        if level == "group":
            return self.actor_id or self.code
        raise ValueError(f"unknown actor level {level!r}; expected country, sector or group")


@dataclass(frozen=True)
class DyadEvent:
    """One merged, asserted, dated event with what the analysis needs."""

    id: str
    date: dt.date
    event: str
    quad: int | None
    goldstein: float | None
    intensity: float
    actors: tuple[ActorRef, ...]
    recipients: tuple[ActorRef, ...]
    place_country: str | None = None
    responds_to: tuple[str, ...] = ()
    evidence: str = ""

    @property
    def conflict(self) -> bool:
        return self.quad in CONFLICT_QUADS

    @property
    def cooperation(self) -> bool:
        return self.quad in COOPERATION_QUADS

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.date.isoformat(), "event": self.event, "quad": self.quad,
                "goldstein": self.goldstein, "intensity": self.intensity,
                "actors": [a.code or a.actor_id for a in self.actors],
                "recipients": [r.code or r.actor_id for r in self.recipients],
                "place_country": self.place_country, "responds_to": list(self.responds_to),
                "evidence": self.evidence}


@lru_cache(maxsize=1)
def _intensities() -> dict[str, float]:
    from ..ontology import load_ontology

    ontology = load_ontology()
    return {event: ontology.intensity(event) for event in ontology.events}


def plover_intensity(event: str) -> float:
    """PLOVER intensity of an event type (-10 for the most violent, +10 for the most cooperative)."""
    return _intensities().get(event, 0.0)


def load_events(source: Any, *, since: dt.date | None = None, until: dt.date | None = None) -> list[DyadEvent]:
    """Every merged event that counts (asserted, dated), oldest first, with actors, place and explicit links.

    ``source`` is a :class:`~flashpoint.store.Store` (links resolved as ``flashpoint events`` and ``flashpoint
    event`` show them, ``Store.link_targets``) or a bare DuckDB connection (links as stored, the
    ``event_links`` view)."""
    con = getattr(source, "con", source)
    where, params = ["e.status = 'asserted'", "e.date IS NOT NULL"], []
    if since is not None:
        where.append("e.date >= ?")
        params.append(since)
    if until is not None:
        where.append("e.date <= ?")
        params.append(until)
    rows = con.execute(
        "SELECT e.id, e.date, e.event, e.quad, e.goldstein, p.country, "
        "(SELECT m.sentence FROM mentions m JOIN article_events u ON u.id = m.article_event_id "
        " WHERE u.event_id = e.id ORDER BY m.article_id, m.position LIMIT 1) "
        f"FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE {' AND '.join(where)} "
        "ORDER BY e.date, e.id", params).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    sides: dict[str, dict[str, list[ActorRef]]] = {i: {"actor": [], "recipient": []} for i in ids}
    for event_id, role, code, country, sector, actor_id in con.execute(
            "SELECT event_id, role, code, country, sector, actor_id FROM event_actors "
            "WHERE list_contains(?, event_id) ORDER BY event_id, role, position", [ids]).fetchall():
        sides[event_id][role].append(ActorRef(code=code, country=country, sector=sector, actor_id=actor_id))
    links: dict[str, list[str]] = {}
    pairs = (source.link_targets(ids) if hasattr(source, "link_targets") else con.execute(
        "SELECT event_id, responds_to FROM event_links WHERE kind = 'responds_to' AND "
        "list_contains(?, event_id) ORDER BY event_id, responds_to", [ids]).fetchall())
    for event_id, target in pairs:
        links.setdefault(event_id, []).append(target)
    return [DyadEvent(id=r[0], date=r[1], event=r[2], quad=r[3], goldstein=r[4], intensity=plover_intensity(r[2]),
                      actors=tuple(sides[r[0]]["actor"]), recipients=tuple(sides[r[0]]["recipient"]),
                      place_country=r[5], responds_to=tuple(links.get(r[0], ())),
                      evidence=" ".join((r[6] or "").split()))
            for r in rows]


# ------------------------------------------------------------------------------------------------ periods


def period_start(day: dt.date, by: str) -> dt.date:
    """The first day of the period holding ``day``: itself, its ISO week's Monday, or the 1st of its month."""
    if by == "day":
        return day
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown period {by!r}; expected one of {', '.join(PERIODS)}")


def _next(start: dt.date, by: str) -> dt.date:
    if by == "day":
        return start + dt.timedelta(days=1)
    if by == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def period_range(first: dt.date, last: dt.date, by: str) -> list[dt.date]:
    """Every period start from the period of ``first`` to that of ``last``, gaps included."""
    out, current, end = [], period_start(first, by), period_start(last, by)
    while current <= end:
        out.append(current)
        current = _next(current, by)
    return out


def article_volume(con: Any, *, by: str) -> dict[dt.date, int]:
    """Coded articles per period: distinct articles reporting any asserted, dated event in that period."""
    volume: dict[dt.date, set[str]] = {}
    for article_id, day in con.execute(
            "SELECT DISTINCT u.article_id, e.date FROM article_events u JOIN events e ON e.id = u.event_id "
            "WHERE e.status = 'asserted' AND e.date IS NOT NULL").fetchall():
        volume.setdefault(period_start(day, by), set()).add(article_id)
    return {start: len(articles) for start, articles in volume.items()}


# ------------------------------------------------------------------------------------------------ sides


def side_matches(ref: ActorRef, side: str) -> bool:
    """Whether an actor belongs to a side: its country, its code or a prefix of it, or its group id."""
    side = side.strip()
    if not side:
        return False
    return (ref.country == side or ref.actor_id == side or ref.code == side
            or (ref.code is not None and ref.code.startswith(side)))


def key_matches(key: str, side: str) -> bool:
    """Whether an actor key at a level (PAK, PAKMIL, a group's id: :meth:`ActorRef.key`) is ``side`` or starts
    with it, as ``flashpoint events --actor`` matches a code: PAK matches PAKMIL."""
    return key == side or key.startswith(side)


def _territory() -> bool:
    from ..settings import get_setting

    return bool(get_setting("dyad_territory"))


def event_direction(event: DyadEvent, a: str, b: str, *, territory: bool | None = None) -> bool:
    """Whether ``event`` is an act of side ``a`` toward side ``b`` (see the module docstring)."""
    if territory is None:
        territory = _territory()
    if not any(side_matches(actor, a) for actor in event.actors):
        return False
    if any(side_matches(r, b) and not side_matches(r, a) for r in event.recipients):
        return True
    if territory and event.quad == 4 and event.place_country == b:
        return not any(actor.country == b for actor in event.actors)
    return False


def dyad_keys(event: DyadEvent, *, level: str = "country", territory: bool | None = None) -> set[tuple[str, str]]:
    """Every directed dyad (actor, recipient) at ``level`` that ``event`` belongs to (self-pairs left out)."""
    if territory is None:
        territory = _territory()
    pairs = set()
    actors = {k for k in (a.key(level) for a in event.actors) if k}
    for a in actors:
        for r in event.recipients:
            b = r.key(level)
            if b and b != a:
                pairs.add((a, b))
    if territory and event.quad == 4 and event.place_country:
        countries = {a.country for a in event.actors}
        if event.place_country not in countries:
            pairs.update((a, event.place_country) for a in actors if a != event.place_country)
    return pairs


# ------------------------------------------------------------------------------------------------ series


@dataclass
class PeriodRow:
    """One period of one direction (or of both, undirected)."""

    period: dt.date
    events: int = 0
    quad: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    goldstein: float = 0.0
    intensity: float = 0.0
    conflict_intensity: float = 0.0
    cooperation_intensity: float = 0.0
    by_type: dict[str, int] = field(default_factory=dict)
    event_ids: list[str] = field(default_factory=list)
    articles: int = 0

    @property
    def conflict(self) -> int:
        return self.quad[2] + self.quad[3]

    @property
    def cooperation(self) -> int:
        return self.quad[0] + self.quad[1]

    def per_article(self, value: float) -> float | None:
        return value / self.articles if self.articles else None

    def add(self, event: DyadEvent) -> None:
        self.events += 1
        if event.quad in (1, 2, 3, 4):
            self.quad[event.quad - 1] += 1
        self.goldstein += event.goldstein or 0.0
        self.intensity += event.intensity
        if event.intensity < 0:
            self.conflict_intensity -= event.intensity
        else:
            self.cooperation_intensity += event.intensity
        self.by_type[event.event] = self.by_type.get(event.event, 0) + 1
        self.event_ids.append(event.id)

    def to_dict(self) -> dict[str, Any]:
        return {"period": self.period.isoformat(), "events": self.events,
                "quad1": self.quad[0], "quad2": self.quad[1], "quad3": self.quad[2], "quad4": self.quad[3],
                "conflict": self.conflict, "cooperation": self.cooperation,
                "goldstein": round(self.goldstein, 3), "intensity": round(self.intensity, 3),
                "conflict_intensity": round(self.conflict_intensity, 3),
                "cooperation_intensity": round(self.cooperation_intensity, 3),
                "articles": self.articles,
                "conflict_per_article": _round(self.per_article(self.conflict)),
                "conflict_intensity_per_article": _round(self.per_article(self.conflict_intensity)),
                "by_type": dict(sorted(self.by_type.items())), "event_ids": list(self.event_ids)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass
class DyadSeries:
    """The series of a pair of sides ``a`` and ``b``: one row list per direction and the events behind them."""

    a: str
    b: str
    by: str
    periods: list[dt.date]
    directed: dict[tuple[str, str], list[PeriodRow]]
    events: list[DyadEvent]
    directions: dict[str, tuple[tuple[str, str], ...]]
    left_out: list[DyadEvent] = field(default_factory=list)  # the dyad's events outside the period

    def rows(self, actor: str, recipient: str) -> list[PeriodRow]:
        return self.directed[(actor, recipient)]

    def undirected(self) -> list[PeriodRow]:
        """Both directions together; an event that is both (a joint statement) counts once."""
        volume = {row.period: row.articles for row in self.directed[(self.a, self.b)]}
        rows = {p: PeriodRow(period=p, articles=volume.get(p, 0)) for p in self.periods}
        for event in self.events:
            rows[period_start(event.date, self.by)].add(event)
        return [rows[p] for p in self.periods]

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "by": self.by,
                "series": {f"{x}->{y}": [r.to_dict() for r in rows] for (x, y), rows in self.directed.items()},
                "undirected": [r.to_dict() for r in self.undirected()]}


def dyad_series(events: Iterable[DyadEvent], a: str, b: str, *, by: str = "week",
                volume: dict[dt.date, int] | None = None, since: dt.date | None = None,
                until: dt.date | None = None, span: Sequence[dt.date] | None = None, active: bool = False,
                territory: bool | None = None, match: Any = None) -> DyadSeries:
    """The directed series A -> B and B -> A, by ``by``, over ``span`` (first, last day; default: the dates of
    ``events``, so a dyad's quiet periods before its first event are its baseline too; with ``active``, the
    dyad's own active period, :func:`active_span`, and the dyad's events outside it go to ``left_out``).
    ``since`` and ``until`` bound the events and, when given, the period.

    ``match(event, x, y)`` decides whether an event is an act of x toward y (default :func:`event_direction`;
    :func:`flashpoint.analyse.alerts.scan` passes one that uses actor keys at a level)."""
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}; expected one of {', '.join(PERIODS)}")
    events = [e for e in events if (since is None or e.date >= since) and (until is None or e.date <= until)]
    if match is None:
        def match(event: DyadEvent, x: str, y: str) -> bool:
            return event_direction(event, x, y, territory=territory)
    found = [(event, ways) for event in events
             if (ways := tuple(pair for pair in ((a, b), (b, a)) if match(event, *pair)))]
    if span:
        first, last = span[0], span[-1]
    elif active:
        bulk = active_span(e.date for e, _ in found)
        first, last = since or (bulk[0] if bulk else None), until or (bulk[1] if bulk else None)
    else:
        dates = [e.date for e in events]
        first = since or (min(dates) if dates else None)
        last = until or (max(dates) if dates else None)
    periods = period_range(first, last, by) if first and last and first <= last else []
    volume = volume or {}
    directed: dict[tuple[str, str], list[PeriodRow]] = {}
    index = {p: i for i, p in enumerate(periods)}
    dyad_events: list[DyadEvent] = []
    left_out: list[DyadEvent] = []
    directions: dict[str, tuple[tuple[str, str], ...]] = {}
    for pair in ((a, b), (b, a)):
        directed[pair] = [PeriodRow(period=p, articles=volume.get(p, 0)) for p in periods]
    for event, ways in found:
        at = index.get(period_start(event.date, by))
        if at is None or not first <= event.date <= last:
            left_out.append(event)
            continue
        for pair in ways:
            directed[pair][at].add(event)
        dyad_events.append(event)
        directions[event.id] = ways
    return DyadSeries(a=a, b=b, by=by, periods=periods, directed=directed, events=dyad_events,
                      directions=directions, left_out=left_out)


# ------------------------------------------------------------------------------------------------ active period

# Calibrated on the crisis corpora (two to six weeks of reports each, every real event within days of the next)
# and on a stray year-old date in a three-week crisis: an edge run must be further from the rest than
# ACTIVE_GAP_DAYS *and* than the rest's own span, and hold at most ACTIVE_EDGE_SHARE of the dates, so a dyad
# with an event every few months (gaps shorter than its span) is never trimmed.
ACTIVE_GAP_DAYS = 60
ACTIVE_EDGE_SHARE = 1 / 3


def active_span(dates: Iterable[dt.date]) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the period holding the bulk of ``dates`` (None when there are none).

    The dates fall into runs wherever two consecutive ones are more than ``ACTIVE_GAP_DAYS`` apart. A run at
    either end is left out while it holds at most ``ACTIVE_EDGE_SHARE`` of the dates still in, and its gap to
    the next run is longer than the span of the runs still in without it: a war of 1971 that a report of a 2024
    crisis dates as if it happened now, or a report's stray misdated act, does not stretch the chart to decades,
    while two real bouts of fighting a year apart stay in (each holds more than a third, or the gap is shorter
    than their span). Background and history never reach this: only asserted, dated events do."""
    days = sorted(dates)
    if not days:
        return None
    runs: list[list[dt.date]] = [[days[0]]]
    for day in days[1:]:
        if (day - runs[-1][-1]).days > ACTIVE_GAP_DAYS:
            runs.append([day])
        else:
            runs[-1].append(day)
    while len(runs) > 1:
        total = sum(len(r) for r in runs)
        head_gap = (runs[1][0] - runs[0][-1]).days
        tail_gap = (runs[-1][0] - runs[-2][-1]).days
        if len(runs[0]) <= total * ACTIVE_EDGE_SHARE and head_gap > (runs[-1][-1] - runs[1][0]).days:
            runs.pop(0)
        elif len(runs[-1]) <= total * ACTIVE_EDGE_SHARE and tail_gap > (runs[-2][-1] - runs[0][0]).days:
            runs.pop()
        else:
            break
    return runs[0][0], runs[-1][-1]
