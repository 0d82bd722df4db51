"""Across articles: the article-level events that report one real-world event -> one merged event.

Each article's events (``merge_article``) are the units here. Two units from different articles are *compatible*
when all of these hold:

* the same PLOVER event type and the same status, and for a type whose modes are distinct acts
  (``DISTINCT_MODE_EVENTS``: an arrest is no curfew) the same mode where both have one;
* actors and recipients that do not conflict (``actors_compatible`` from the within-article merge: one side may
  be less specific, IRN vs IRNMIL), and at least one side (actors or recipients) stated in both; for the types a
  state voices (``MergeRule.state_voice``) its government and forces are one actor, and for the types aimed at a
  state (``MergeRule.state_target``) they are one target (forces named without a country are some state's), and
  for the types a state does through any of its voices as the country itself (``MergeRule.state_asker``: a
  request) one actor;
  for the types whose two parties either report may name first (``MergeRule.undirected``: a call, a meeting),
  the sides may also agree the other way round, but a state meeting its own bodies (``_within_one_state``: "members
  of the National Security Council", a state body named without a country, read as the actor's own) is never its
  meeting with another party;
* dates within a window that depends on the less precise of the two (settings ``merge_window_day``,
  ``_week``, ``_month``, ``_year``); an undated unit is compatible only with another undated one; a state's
  statement (``MergeRule.state_voice``) is said on one day (``_said_on_one_day``), and a country-level place of
  one of its parties does not part two reports of it (``_said_place``), nor two reports of a measure a state
  announces (``MergeRule.announced_measure``: a recalled ambassador, downgraded ties);
* places that agree: either is unknown, or both name the same admin1, or both are in the same country and one
  is known only to the country, or their points are at most ``merge_distance_km`` apart.

Identity never chains: a merged event is a *cluster* in which every pair of units is compatible (``clusters``).
Compatibility is not transitive (a report with no recipient, a week-precision date or a country-only place is
compatible with several real events that are not compatible with each other), so the connected components of
the relation (``components``) only bound where a new report can change anything. Inside one component the units
are taken strongest first (both sides known, one country per side, the finest date, the finest place, then the
id); each joins the cluster it is compatible with in full that fits it best (the same sides; the most words its
evidence shares with the cluster's, of those not common to the component, ``evidence_words``: "the mines were newly
planted" joins the record of the mine protest, not the shelling of the same day; the nearest date; the same place;
then the larger and older cluster), or starts a new one. A weak unit therefore attaches to the
best record it fits and never bridges two. The result depends only on the set of units: any ingest order gives
the same events, and ingesting again changes nothing.

The event's id is the smallest id among its units (stable while the event grows), its date is the
best-supported one (most articles among the most precise dates, then the earliest; where the most precise are
only week-precision anchors, days the act happened on or before, the earliest), its place the most
specific one with the most articles, its actors the union with less specific duplicates dropped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from ..datafiles import data_path, read_tsv
from ..model import Actor, Place
from ..settings import get_setting
from .article import (DISTINCT_MODE_EVENTS, PLACE_RANK, PRECISION_RANK, STATE_SECTORS as _STATE_SECTORS,
                      as_states as _as_states, actors_compatible, match_keys, merge_actors)

__all__ = ["MergeRule", "Unit", "Merged", "clusters", "compatible", "components", "date_range", "evidence_words",
           "merge_units", "unit_keys"]


@dataclass(frozen=True)
class MergeRule:
    """The parameters of the cross-article rule (see the module docstring); defaults come from the settings."""

    windows: dict[str, int] = field(default_factory=dict)
    distance_km: float = 100.0
    # event types a state voices through any of its state sectors (argument_words kind state_voice_event)
    state_voice: frozenset[str] = frozenset()
    # event types aimed at a state through any of its state sectors (argument_words kind state_target_event)
    state_target: frozenset[str] = frozenset()
    # event types whose two parties either report may name first (argument_words kind undirected_event)
    undirected: frozenset[str] = frozenset()
    # measures a state announces, placed at one party's country only by the report's side (kind announced_measure_event)
    announced_measure: frozenset[str] = frozenset()
    # event types a state does through any of its voices as the country itself does (kind state_asker_event)
    state_asker: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls) -> "MergeRule":
        from ..dictionaries.cues import load_cues

        windows = {p: int(get_setting(f"merge_window_{p}")) for p in ("day", "week", "month", "year")}
        words = load_cues().argument_words
        return cls(windows=windows, distance_km=float(get_setting("merge_distance_km")),
                   state_voice=words.get(STATE_VOICE_KIND, frozenset()),
                   state_target=words.get(STATE_TARGET_KIND, frozenset()),
                   undirected=words.get(UNDIRECTED_KIND, frozenset()),
                   announced_measure=words.get(ANNOUNCED_MEASURE_KIND, frozenset()),
                   state_asker=words.get(STATE_ASKER_KIND, frozenset()))

    def window(self, a: str | None, b: str | None) -> int:
        return max(self.windows.get(a or "day", 0), self.windows.get(b or "day", 0))


@dataclass(frozen=True)
class Unit:
    """One article's event, as the cross-article merge sees it."""

    id: str
    article_id: str
    source: str  # the outlet (or the article id when the outlet is unknown)
    event: str
    status: str
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    date: dt.date | None = None
    date_precision: str | None = None
    location: Place | None = None
    coder: str = ""
    mode: str | None = None  # the PLOVER mode: of an event type whose modes are distinct acts, they must agree
    # the words of its evidence sentences (``evidence_words``): which of several records it fits it joins
    words: frozenset[str] = frozenset()


@dataclass
class Merged:
    """The fields of one merged event, computed from its units."""

    id: str
    units: list[Unit]
    actors: list[Actor]
    recipients: list[Actor]
    date: dt.date | None
    date_precision: str | None
    location: Place | None
    coder: str
    num_articles: int
    num_sources: int


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def places_agree(a: Place | None, b: Place | None, rule: MergeRule) -> bool:
    if a is None or b is None:
        return True
    if a.admin1 and b.admin1 and a.admin1 == b.admin1:
        return True
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None \
            and a.precision != "country" and b.precision != "country" and _km(a, b) <= rule.distance_km:
        return True
    if a.country != b.country:
        return False
    return not (a.admin1 and b.admin1)  # same country, and at least one known only to the country


def date_range(day: dt.date, before: int, after: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the window from ``before`` days before ``day`` to ``after`` days after it, held
    at the first and last day a date can have (years 1 and 9999) instead of overflowing: a placeholder date
    (0001-01-01, 9999-12-31) that reached the store must not stop a merge. Use it for every window query."""
    return _shifted(day, -before), _shifted(day, after)


def _shifted(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def dates_agree(a: Unit, b: Unit, rule: MergeRule) -> bool:
    """Within the window of the less precise date. A week-precision date is an anchor the act happened on or
    before (an undated report's publication day, "last week"): the other date may be at most
    ``merge_window_day`` after it."""
    if a.date is None or b.date is None:
        return a.date is None and b.date is None
    gap = (b.date - a.date).days
    if gap > rule.windows.get("day", 0) and a.date_precision == "week" and b.date_precision == "day":
        return False
    if -gap > rule.windows.get("day", 0) and b.date_precision == "week" and a.date_precision == "day":
        return False
    return abs(gap) <= rule.window(a.date_precision, b.date_precision)


def compatible(a: Unit, b: Unit, rule: MergeRule) -> bool:
    """Whether two units from different articles may report the same event (symmetric)."""
    if a.event in rule.undirected and _within_one_state(a) != _within_one_state(b) \
            and (_two_sides(a) and _two_sides(b)):
        # "Biden met members of the National Security Council" is no part of his call with Netanyahu: a state's
        # meeting with its own bodies and a meeting between two parties are two meetings
        return False
    if a.event in rule.undirected and _two_sides(a) and _two_sides(b) and _directed_compatible(a, _reversed(b), rule):
        # "Blinken spoke with Pashinyan" and "Pashinyan had a telephone conversation with Blinken": one call
        return True
    return _directed_compatible(a, b, rule)


def _two_sides(unit: Unit) -> bool:
    """Both sides named, and not the same party (a government meeting its own advisers has no other side)."""
    return bool(unit.actors and unit.recipients) and \
        {a.country or a.id for a in unit.actors} != {a.country or a.id for a in unit.recipients}


def _within_one_state(unit: Unit) -> bool:
    """A state meeting itself: every actor of one country, and every recipient of that country or a state body
    named without one ("members of the National Security Council", "the cabinet")."""
    countries = {a.country for a in unit.actors}
    if len(countries) != 1 or None in countries or not unit.recipients:
        return False
    return all(r.country in countries or r.country is None and r.id is None and r.sector in _STATE_SECTORS
               for r in unit.recipients)


def _reversed(unit: Unit) -> Unit:
    return dataclasses.replace(unit, actors=unit.recipients, recipients=unit.actors)


def _directed_compatible(a: Unit, b: Unit, rule: MergeRule) -> bool:
    if a.article_id == b.article_id:
        return False  # the within-article merge already decided these are different events
    if a.event != b.event or a.status != b.status:
        return False
    if a.event in DISTINCT_MODE_EVENTS and a.mode and b.mode and a.mode != b.mode:
        return False  # martial law declared and a border closed: two coercive acts
    shared = (a.actors and b.actors) or (a.recipients and b.recipients)
    if not shared:
        return False
    # "Thailand's army accused Cambodia", "Prime Minister X blamed Cambodia" (a statement, ``state_voice``);
    # "Pashinyan asked the CSTO for help", "Armenia's request to the CSTO" (``state_asker``): one state's act,
    # whichever of its voices made it
    voiced = a.event in rule.state_voice or a.event in rule.state_asker
    # "an airstrike leveled Iran's consulate", "the strike killed seven Iranian officers" (``state_target``): reports
    # of one attack on a state name its building in one and its soldiers in the next
    targeted = a.event in rule.state_target
    # a statement is said on one day; a request stands until it is answered, and other acts take the day's slack
    said = a.event in rule.state_voice
    # "Azerbaijan accused Armenia" or "Thailand recalled its ambassador" (``announced_measure``), in a report from
    # either capital: placed at one party's country only by which side the report is about
    party_placed = said or a.event in rule.announced_measure
    return (actors_compatible(_read(a.actors, voiced), _read(b.actors, voiced))
            and actors_compatible(_read(a.recipients, targeted), _read(b.recipients, targeted))
            and (_said_on_one_day(a, b, rule) if said else dates_agree(a, b, rule))
            and (places_agree(_said_place(a, b), _said_place(b, a), rule) if party_placed
                 else places_agree(a.location, b.location, rule)))


def _read(actors: tuple[Actor, ...], as_states: bool) -> list[Actor]:
    """One side of a unit, each of a state's voices read as the state where ``as_states``."""
    return _as_states(actors) if as_states else list(actors)


def _said_place(unit: Unit, other: Unit) -> Place | None:
    """A statement's place, unless it is known only as the country of one of the two statements' parties: that
    says which side the report is about ("Azerbaijan accused Armenia", in a report from Yerevan or from Baku), not
    where it was said, and must not part two reports of one accusation."""
    place = unit.location
    if place is None or place.precision != "country":
        return place
    parties = {x.country for u in (unit, other) for x in (*u.actors, *u.recipients) if x.country}
    return None if place.country in parties else place


def _said_on_one_day(a: Unit, b: Unit, rule: MergeRule) -> bool:
    """A state's statement is said on one day, which a dated report names: two day-precision dates are the same
    day; an undated report's anchor (week precision: its publication day) is that day or at most
    ``merge_window_week`` days after it, never before; two anchors are at most ``merge_window_day`` apart. Without
    the day's slack of other acts, the accusations of two days stay two records."""
    if a.date is None or b.date is None:
        return a.date is None and b.date is None
    gap = (b.date - a.date).days
    pa, pb = a.date_precision, b.date_precision
    if pa == pb == "day":
        return gap == 0
    if pa == "week" and pb == "day":
        return -rule.windows.get("week", 0) <= gap <= 0
    if pb == "week" and pa == "day":
        return 0 <= gap <= rule.windows.get("week", 0)
    if pa == pb == "week":
        return abs(gap) <= rule.windows.get("day", 0)
    return dates_agree(a, b, rule)


STATE_VOICE_KIND = "state_voice_event"
UNDIRECTED_KIND = "undirected_event"
STATE_TARGET_KIND = "state_target_event"
ANNOUNCED_MEASURE_KIND = "announced_measure_event"
STATE_ASKER_KIND = "state_asker_event"
def unit_keys(unit: Unit, rule: MergeRule | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """(probe keys, index keys) of a unit, for finding compatible pairs by a join instead of comparing every pair
    (the Spark merge, ``flashpoint.spark.merge``): when ``compatible(a, b)``, a probe key of one is an index key
    of the other. ``compatible`` needs a side (actors or recipients) stated in both on which the shorter list's
    actors all match the other's, so one pair of actors on that side matches: the keys are each actor's
    ``match_keys``, prefixed with its side. A unit with neither side stated has none (it is compatible with
    nothing). Of a type ``rule`` reads either way round (``MergeRule.undirected``), each side also probes the
    other side's keys."""
    probe: set[str] = set()
    index: set[str] = set()
    either_way = rule is not None and unit.event in rule.undirected
    for side, other, actors in (("actor", "recipient", unit.actors), ("recipient", "actor", unit.recipients)):
        # (and as a state's voice, for the types a state voices or is aimed at: "military officers" of no country
        # are some state's government, ``as_states``)
        for actor in {*actors, *_as_states(actors)}:
            p, i = match_keys(actor)
            probe.update(f"{side}|{key}" for key in p)
            index.update(f"{side}|{key}" for key in i)
            if either_way:
                probe.update(f"{other}|{key}" for key in p)
    return frozenset(probe), frozenset(index)


def components(units: list[Unit], rule: MergeRule) -> list[list[Unit]]:
    """Connected components of the compatibility graph, each sorted by id, sorted by their first id."""
    ordered = sorted(units, key=lambda u: u.id)
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            if find(i) != find(j) and compatible(a, ordered[j], rule):
                parent[max(find(i), find(j))] = min(find(i), find(j))
    groups: dict[int, list[Unit]] = {}
    for i, unit in enumerate(ordered):
        groups.setdefault(find(i), []).append(unit)
    return [groups[root] for root in sorted(groups)]


def _countries(actors: tuple[Actor, ...]) -> frozenset:
    return frozenset(a.country or a.code for a in actors)


def _strength(unit: Unit) -> tuple:
    """Sort key, strongest first: both sides known, one country a side, the finest date and place, then the id."""
    sides = bool(unit.actors) + bool(unit.recipients)
    mixed = (len(_countries(unit.actors)) > 1) + (len(_countries(unit.recipients)) > 1)
    date_rank = PRECISION_RANK.get(unit.date_precision or "year", 9) if unit.date else 9
    place = unit.location
    place_rank = -1 if place is None else PLACE_RANK.get(place.precision, 2)
    return (-sides, mixed, date_rank, -place_rank, unit.id)


_WORD = re.compile(r"[^\W\d_]{4,}")  # a word of four letters or more ("mines", "checkpoints", "consulate")


@lru_cache(maxsize=1)
def _plain_words() -> frozenset[str]:
    return frozenset(row["word"].lower() for _, row in read_tsv(data_path("cues", "plain_words.tsv"), ("id", "word")))


def evidence_words(sentences: Iterable[str]) -> frozenset[str]:
    """The words of a unit's evidence sentences that may say which act it tells: lower-cased, of four letters or
    more, not a plain word (``data/cues/plain_words.tsv``: function words, words of reporting and of time)."""
    plain = _plain_words()
    return frozenset(w for sentence in sentences for w in _WORD.findall((sentence or "").lower()) if w not in plain)


# A word in the evidence of more than this share of a component's units (and of more than COMMON_WORD_MIN of them)
# is common to its reports ("Cambodia", "border", "forces") and says nothing about which act one tells. Neither
# bound moved the dev crises' figures between a fifth and a twentieth, or between 2 and 5.
COMMON_WORD_SHARE = 0.1
COMMON_WORD_MIN = 3


def _common_words(units: list[Unit]) -> frozenset[str]:
    counts = Counter(w for u in units for w in u.words)
    most = max(COMMON_WORD_MIN, int(len(units) * COMMON_WORD_SHARE))
    return frozenset(w for w, n in counts.items() if n > most)


def _affinity(unit: Unit, members: list[Unit], words: set[str], common: frozenset[str]) -> tuple:
    """How well a unit fits a cluster it is compatible with (larger is better); the seed is the first member,
    ``words`` the evidence words of the members, ``common`` those of the component that say nothing."""
    seed = members[0]
    same_sides = (_countries(unit.actors) == _countries(seed.actors)) + \
        (_countries(unit.recipients) == _countries(seed.recipients))
    shared = len((unit.words & words) - common)
    gap = abs((unit.date - seed.date).days) if unit.date and seed.date else 0
    same_place = bool(unit.location and seed.location and unit.location.admin1 and
                      unit.location.admin1 == seed.location.admin1)
    return (same_sides, shared, -gap, same_place, len(members), tuple(-ord(c) for c in seed.id))


def clusters(units: list[Unit], rule: MergeRule) -> list[list[Unit]]:
    """Merged events: clusters whose units are pairwise compatible (see the module docstring), each sorted by
    id, sorted by their first id. Depends only on the set of units, never on their order."""
    result: list[list[Unit]] = []
    for group in components(units, rule):
        common = _common_words(group)
        built: list[list[Unit]] = []
        words: list[set[str]] = []  # the evidence words of each built cluster
        for unit in sorted(group, key=_strength):
            fitting = [i for i, members in enumerate(built) if all(compatible(unit, m, rule) for m in members)]
            if fitting:
                best = max(fitting, key=lambda i: _affinity(unit, built[i], words[i], common))
                built[best].append(unit)
                words[best] |= unit.words
            else:
                built.append([unit])
                words.append(set(unit.words))
        result += [sorted(members, key=lambda u: u.id) for members in built]
    return sorted(result, key=lambda members: members[0].id)


ANCHOR_PRECISION = "week"  # see dates_agree: a week-precision date is a day the act happened on or before


def _best_date(units: list[Unit]) -> tuple[dt.date | None, str | None]:
    dated = [u for u in units if u.date is not None]
    if not dated:
        return None, None
    finest = min(PRECISION_RANK.get(u.date_precision or "year", 9) for u in dated)
    support: dict[dt.date, set[str]] = {}
    precision: dict[dt.date, str | None] = {}
    for unit in dated:
        if PRECISION_RANK.get(unit.date_precision or "year", 9) == finest:
            support.setdefault(unit.date, set()).add(unit.article_id)  # type: ignore[arg-type]
            precision[unit.date] = unit.date_precision  # type: ignore[index]
    if all(precision[d] == ANCHOR_PRECISION for d in support):
        # undated reports' publication days (and "last week"-style dates) are days the act happened on or
        # before: the earliest of them bounds it best, however many later reports repeat it
        best = min(support)
    else:
        best = min(support, key=lambda d: (-len(support[d]), d))
    return best, precision[best]


def _best_place(units: list[Unit]) -> Place | None:
    placed = [u for u in units if u.location is not None]
    if not placed:
        return None
    votes: dict[tuple, tuple[set[str], Place]] = {}
    for unit in placed:
        place = unit.location
        key = (place.geonames_id, place.name, place.country, place.admin1)  # type: ignore[union-attr]
        votes.setdefault(key, (set(), place))[0].add(unit.article_id)  # type: ignore[arg-type]
    return max(votes.values(), key=lambda v: (PLACE_RANK.get(v[1].precision, 2), len(v[0]),
                                             -_order(v[1])))[1]


def _order(place: Place) -> int:
    return place.geonames_id or 0


def merge_units(units: list[Unit]) -> Merged:
    """One component -> the merged event's fields. The result depends only on the set of units."""
    ordered = sorted(units, key=lambda u: u.id)
    date, precision = _best_date(ordered)
    coders = Counter(u.coder for u in ordered)
    coder = min(coders, key=lambda c: (-coders[c], c))
    return Merged(
        id=ordered[0].id,
        units=ordered,
        actors=merge_actors([list(u.actors) for u in ordered]),
        recipients=merge_actors([list(u.recipients) for u in ordered]),
        date=date,
        date_precision=precision,
        location=_best_place(ordered),
        coder=coder,
        num_articles=len({u.article_id for u in ordered}),
        num_sources=len({u.source for u in ordered}),
    )
