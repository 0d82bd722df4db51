"""Within one article: mentions of one real-world event -> one ``Event``.

Two groups of mentions are one event when an anaphor ties them ("the strikes", "this action") or when they
agree on everything they say: the same event type and status, actors and recipients that do not conflict (one
side may be less specific: IRN vs IRNMIL, or unstated; for the types aimed at a state, ``state_target``, its
government and its forces are one target, and for the types a state voices, ``state_voice``, one actor, as across
reports), dates that do not conflict at their precision, and
places in the same country. Groups are joined in text order, so the result does not depend on dict order.

The merged event takes the most precise date (a mention's own date beats none; an undated asserted event is
dated to the publication with the ``undated_precision`` setting, a background event keeps no date), the most
specific place, and the union of actors with the less specific duplicates dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

from ..model import Actor, Event, EventMention, Place
from ..resolve.dates import is_history

IMPLIED_ACTOR = "/implied-actor:"
# Event types whose modes are different acts, never two words for one act: an arrest is no curfew (an attack's
# modes are not: one strike is "shelling" in one sentence and "an attack with artillery" in the next).
DISTINCT_MODE_EVENTS = frozenset({"COERCE"})  # the rule mark of an actor the act implies (stages/implied.py)
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
PLACE_RANK = {"country": 0, "admin1": 1}
WINDOW_DAYS = {"day": 0, "week": 7, "month": 31, "year": 366}


class _Groups:
    """Union-find over mention indexes; the smallest index is each group's root (deterministic). Each root's
    members (ascending) are kept as groups join, so that reading a group costs its size, not the article's:
    the pairwise pass over groups stays quadratic in groups, never cubic in mentions."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            root, child = min(ra, rb), max(ra, rb)
            self.parent[child] = root
            self.members[root] = sorted(self.members[root] + self.members.pop(child))


def _same_actor(a: Actor, b: Actor, organs: bool = False) -> bool:
    if a.id and b.id and (a.id != a.country or b.id != b.country):
        # a named group is only itself; but within one report, a state's own force or body ("Iran's Revolutionary
        # Guards seized the ship", "Iran had seized the ship") is the state acting (``organs``)
        return a.id == b.id or organs and (_state_and_organ(a, b) or _state_and_organ(b, a))
    if a.country is None and b.country is None and a.sector is None and b.sector is None:
        return a.code == b.code  # codes that say nothing we can compare ("FRO", "BIL"): equal or not
    if a.country != b.country:
        # "militants" and "militants in Iran": the same actor said with and without its country.
        return (a.country is None or b.country is None) and a.sector is not None and a.sector == b.sector
    return a.sector is None or b.sector is None or a.sector == b.sector


def _state_and_organ(state: Actor, organ: Actor) -> bool:
    """A country named bare and a named force of its own (a leader or ministry stays a party of its own: Russia
    mediating is not Putin's call)."""
    return state.id == state.country and state.sector is None and organ.country == state.country \
        and organ.sector == FORCES_SECTOR


def match_keys(actor: Actor) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Blocking keys of ``_same_actor``, as (probe keys, index keys): whenever ``_same_actor(a, b)``, a probe key of
    one is an index key of the other, so a join of probe keys against index keys finds every pair of actors that
    may be the same (in one order or the other) without comparing all pairs. Read off the cases above: the same
    group id (``id:``); the same country (``c:``); both without a country (``nc``: their codes or sectors decide);
    one without a country and the other with one, of the same sector (``s:``, probe on the side without)."""
    shared = (f"id:{actor.id}",) if actor.id else ()
    sector = (f"s:{actor.sector}",) if actor.sector is not None else ()
    if actor.country is None:
        return (*shared, "nc", *sector), (*shared, "nc")
    return (*shared, f"c:{actor.country}"), (*shared, f"c:{actor.country}", *sector)


STATE_SECTORS = frozenset({"GOV", "MIL"})  # a state's own voices: its government (and its people) and its forces
STATE_VOICE = "GOV"  # the sector the state's voices are read as
FORCES_SECTOR = "MIL"


def as_states(actors) -> list[Actor]:
    """The actors, each of a state's own voices (``STATE_SECTORS``: its bodies, leaders and forces) read as the
    state's government; any other sector stays itself (rebels do not speak for the state)."""
    # (forces of no country named, "seven military officers", are some state's: its government, of no country)
    return [Actor(text=a.text, code=(a.country or "") + STATE_VOICE, country=a.country, sector=STATE_VOICE)
            if a.sector in STATE_SECTORS and (a.country or a.id is None) else a for a in actors]


def actors_compatible(left: list[Actor], right: list[Actor], *, organs: bool = False) -> bool:
    """Unstated on one side, or every actor of the shorter list matches one of the other."""
    if not left or not right:
        return True
    short, long = (left, right) if len(left) <= len(right) else (right, left)
    return all(any(_same_actor(a, b, organs) for b in long) for a in short)


def _dates_compatible(a: EventMention, b: EventMention) -> bool:
    if a.date is None or b.date is None:
        return True
    window = max(WINDOW_DAYS.get(a.date_precision or "day", 0), WINDOW_DAYS.get(b.date_precision or "day", 0))
    return abs((a.date - b.date).days) <= window


def _places_compatible(a: Place | None, b: Place | None) -> bool:
    return a is None or b is None or a.country == b.country


def _said_apart(a: EventMention, b: EventMention, published: dt.date | None) -> bool:
    """Two statements of which one is undated, so the report's own news ("the ministry has lodged a protest"), and
    the other dated more than a day before the report ("had on Sunday condemned"): said on two days."""
    if published is None or a.code.quad not in VERBAL_QUADS or (a.date is None) == (b.date is None):
        return False
    dated = a if a.date is not None else b
    return dated.date_precision == "day" and (published - dated.date).days > 1  # type: ignore[operator]


# Verbal cooperation and verbal conflict: statements, made on the day they are said.
VERBAL_QUADS = frozenset({1, 3})


def _groups_compatible(left: list[EventMention], right: list[EventMention],
                       state_target: frozenset[str] = frozenset(), published: dt.date | None = None,
                       state_voice: frozenset[str] = frozenset()) -> bool:
    first, second = left[0], right[0]
    if first.code.event != second.code.event or first.status != second.status:
        return False
    # A group that names no one joins only through an anaphor: "the latest clash" could be any of them.
    if not any(m.actors or m.recipients for m in left) or not any(m.actors or m.recipients for m in right):
        return False
    left_ids, right_ids = {m.id for m in left}, {m.id for m in right}
    if any(set(m.responds_to) & right_ids for m in left) or any(set(m.responds_to) & left_ids for m in right):
        return False  # an act and the act it answers: "struck Chile in retaliation for the April 1 strike"
    modes = {m.code.mode for m in left + right if m.code.mode}
    if len(modes) > 1 and first.code.event in DISTINCT_MODE_EVENTS:
        return False  # "declared martial law" and "closed the border": two coercive acts, not one
    # as across reports: an act aimed at a state is aimed at it through its government or its forces alike ("the
    # strike on Iran's consulate", "the strike that killed seven Iranian officers")
    targets = as_states if first.code.event in state_target else list
    # and a state's accusation is one whichever of its voices the report quotes ("the Guards condemned the strike",
    # "the foreign minister held Israel responsible")
    voices = as_states if first.code.event in state_voice else list
    for a in left:
        for b in right:
            if not (actors_compatible(voices(a.actors), voices(b.actors), organs=True)
                    and actors_compatible(targets(a.recipients), targets(b.recipients))
                    and _dates_compatible(a, b) and _places_compatible(a.location, b.location)) \
                    or _said_apart(a, b, published):
                return False
    return True


def _specificity(actor: Actor) -> int:
    return (actor.country is not None) + (actor.sector is not None) + (actor.id is not None)


def merge_actors(lists: list[list[Actor]]) -> list[Actor]:
    """Union in order of appearance; an actor is dropped when a more specific one says the same (IRN < IRNMIL)."""
    merged: list[Actor] = []
    for actor in (a for actors in lists for a in actors):
        if any(_same_actor(actor, kept) and _specificity(kept) >= _specificity(actor) for kept in merged):
            continue
        merged = [kept for kept in merged if not _same_actor(actor, kept)]
        merged.append(actor)
    return merged


def _best_date(mentions: list[EventMention]) -> tuple[dt.date | None, str | None]:
    dated = [m for m in mentions if m.date is not None]
    if not dated:
        return None, None
    best = min(dated, key=lambda m: (PRECISION_RANK.get(m.date_precision or "year", 9), m.start))
    return best.date, best.date_precision


def _best_place(mentions: list[EventMention]) -> Place | None:
    places = [m.location for m in mentions if m.location is not None]
    if not places:
        return None
    return max(places, key=lambda p: PLACE_RANK.get(p.precision, 2))


def placed(actor: Actor, place: Place) -> Actor:
    """An actor named only by its sector, of the country of ``place`` ("protesters" who marched in Nairobi are
    Kenyan); an actor with a country, a group, an IGO or no sector stays as it is."""
    if actor.country or actor.id or not actor.sector or actor.sector == "IGO" or not place.country:
        return actor
    return replace(actor, country=place.country, code=place.country + actor.sector)


def _not_itself(actors: list[Actor], recipients: list[Actor]) -> list[Actor]:
    """The recipients less the actor itself: a body is not what it acts on ("Raisi condemned the consulate
    attack" read the consulate's owner, Iran's government, as the one condemned). Only for one actor, and only a
    body or group (a bare country acts on its own people: "Turkey will allow Turkish refugees to return");
    where several act, each may be acted on ("X and Y blamed each other", "fighting between the army and rebels")."""
    if len({a.code for a in actors}) > 1:
        return recipients
    codes = {a.code for a in actors}
    return [r for r in recipients if r.code not in codes or not (r.sector or (r.id and r.id != r.country))]


# Marks the id of the second and later shares of a mention of several pairs of parties (stages/dyads.py): "t12/2".
SHARE_MARK = "/"


def event_id(article_id: str, first: EventMention) -> str:
    key = f"{article_id}\0{first.trigger_start}\0{first.code.event}"
    if SHARE_MARK in first.id:  # one share of a mention of several pairs of parties (stages/dyads.py)
        key += f"\0{first.id}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def merge_article(mentions: list[EventMention], *, published: dt.date | None, undated_precision: str,
                  coder: str, main_place: Place | None = None,
                  state_target: frozenset[str] = frozenset(),
                  party_placed: frozenset[str] = frozenset(),
                  state_voice: frozenset[str] = frozenset()) -> list[Event]:
    """The events of one article from its mentions (in text order, linked by id). An asserted event
    whose mentions name no place of their own takes ``main_place``, the place the article is mostly about (an
    event of the ``party_placed`` types, said or announced rather than done somewhere, only when that place's
    country is one of its parties)."""
    position = {m.id: i for i, m in enumerate(mentions)}
    groups = _Groups(len(mentions))
    for i, mention in enumerate(mentions):
        if mention.antecedent in position:  # a link to a mention no longer there is no link
            groups.union(i, position[mention.antecedent])

    def members() -> dict[int, list[int]]:
        return dict(groups.members)

    listed: dict[int, list[EventMention]] = {}  # root -> its mentions, built once per group, not once per pair

    def group_of(root: int) -> list[EventMention]:
        found = listed.get(root)
        if found is None:
            found = listed[root] = [mentions[i] for i in groups.members[root]]
        return found

    # Only groups of one type and status may join (what _groups_compatible checks first, and a root is its
    # group's first mention): pairs are taken within those buckets, in text order as before.
    buckets: dict[tuple[str, str], list[int]] = {}
    for root in sorted(groups.members):
        buckets.setdefault((mentions[root].code.event, mentions[root].status), []).append(root)
    for roots in buckets.values():
        for a_index, root_a in enumerate(roots):
            for root_b in roots[a_index + 1:]:
                ra, rb = groups.find(root_a), groups.find(root_b)
                if ra == rb:
                    continue
                if _groups_compatible(group_of(ra), group_of(rb), state_target, published, state_voice):
                    groups.union(ra, rb)
                    listed.pop(ra, None)
                    listed.pop(rb, None)

    events: list[Event] = []
    event_of: dict[int, Event] = {}
    partyless: list[list[int]] = []

    def add_event(indexes: list[int], actors: list[Actor], recipients: list[Actor]) -> None:
        group = [mentions[i] for i in indexes]
        first = group[0]
        # the event is coded as its main mention says, not as a mention that points back at it ("died", folded
        # or tied to the attack that caused it, comes first in "persons died in police firing")
        main = next((m for m in group if not m.anaphoric), first)
        date, precision = _best_date(group)
        status = first.status
        if date is None and status == "asserted" and published is not None:
            date, precision = published, undated_precision
        elif status == "asserted" and date is not None and published is not None \
                and is_history(date, precision or "year", published):
            # "Pakistan shelled the border during the 1971 war": the act takes the date of the war it was part
            # of, and an act dated before the report's period is background, whichever mention carried the date
            status = "background"
        event = Event(id=event_id(first.article_id, first), code=main.code, status=status,
                      actors=actors, recipients=recipients, mentions=group, date=date,
                      date_precision=precision, location=_best_place(group), coder=coder)
        if event.location is not None:
            # an actor named only by its sector is of the place the event happens in, whichever report of it gave
            # the place
            event.actors = [placed(a, event.location) for a in event.actors]
        elif event.status == "asserted" and (main_place is None or main.code.event not in party_placed
                                             or main_place.country in {a.country for a in (*actors, *recipients)}):
            # a statement (or a sanction) is placed where the article is only when that country is a party to it
            # ("Chile accused Peru", in a report about Peru): the Security Council's meeting did not happen in the
            # country a report of it is about, and placing it there parts it from the reports of that meeting
            # written elsewhere
            event.location = main_place
            if main_place is not None and IMPLIED_ACTOR in main.rule:
                # "Martial law was declared in eight districts": the government that imposes it is the government
                # of where it is imposed, the place the article is about when the sentence names none
                event.actors = [placed(a, main_place) for a in event.actors]
        events.append(event)
        for i in indexes:
            event_of[i] = event

    for root, indexes in sorted(members().items()):
        group = [mentions[i] for i in indexes]
        actors = merge_actors([m.actors for m in group])
        recipients = _not_itself(actors, merge_actors([m.recipients for m in group]))
        if actors or recipients:
            add_event(indexes, actors, recipients)
        elif group[0].status == "asserted" and group[0].code.quad == 4 and any(m.verbal for m in group):
            partyless.append(indexes)
        # else: "any further escalation", "the latest clash": no one to code it for
    if not events:
        # A material act a clause says happened ("dozens of shops were looted") is an event even when no one is
        # named for it, in an article that names a party for nothing else; where it does, an act without one is
        # more often a party the rules missed than an act nobody did.
        for indexes in partyless:
            add_event(indexes, [], [])
    for i, mention in enumerate(mentions):
        source = event_of.get(i)
        if source is None:
            continue
        for target in mention.responds_to:
            answered = event_of.get(position.get(target, -1))
            if answered is not None and answered is not source and answered.id not in source.responds_to:
                source.responds_to.append(answered.id)
    return events
