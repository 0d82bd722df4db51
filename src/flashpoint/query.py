"""What a user types in a query filter -> the codes the store holds, in any case, with names as well as codes.

    resolve_actor_filter("pak")        -> Reading(code="PAK", ...)   # also "PAK", "Pakistan", "Pakistani"
    resolve_actor_filter("pakmil")     -> PAKMIL;  "hamas" -> hamas (a group's id);  "UN", "igouno" -> IGOUNO
    resolve_country_filter("Iran")     -> IRN;     also "irn", "IR", "Iranian", "Islamic Republic of Iran"
    resolve_admin1_filter("ir-11")     -> IR-11;   also "Balochistan" (PK-BA), "Sistan and Baluchestan" (IR-11)
    resolve_event_filter("attack")     -> ASSAULT (field "event");  "assault", "ASSAULT", "attacks" alike
    resolve_event_filter("19")         -> 19 (field "cameo"): every event whose CAMEO code starts with 19

The command line (``flashpoint events``, ``export``, ``dyad``, ``alerts``: :mod:`flashpoint.cli.names` adds the
options) and the HTTP API (:mod:`flashpoint.server`) both read filters here, so a name means the same in both.

Actors go through :func:`flashpoint.analyse.resolve_side` (a country code, a name, capital or demonym the actor
dictionary knows, a group's id, a country code with sector codes), then a code the dictionary or the database
holds in any case (``igouno``); a code in capitals that neither holds is unknown. Countries are ISO 3166-1 alpha-3
or alpha-2 codes, the CAMEO country codes, or a country's name, alias or demonym (the actor dictionary, then the
gazetteer, whose ISO3 codes the stored places carry). Regions are ISO 3166-2 codes or a first-order division's
name; a name that several countries' regions share needs ``--country`` or the code.

Events: a PLOVER type name; a word from ``data/query/event_words.tsv`` ("attack" is ASSAULT); or a CAMEO code
(2-4 digits, one digit padded: "1" is 01) or a CAMEO code's name ("fight" is 19). A CAMEO code filters on the
stored CAMEO code's prefix, not on the PLOVER type it maps to: CAMEO roots map to several PLOVER types (01 to
SUPPORT and REJECT), and the prefix says exactly what was asked ("19" is 190-196, "14" every protest code).

Anything else raises :class:`UnknownName`, a :class:`~flashpoint.errors.SettingError` (E200, exit status 2; HTTP
400) whose message says it is unknown and names the closest codes and names (:func:`difflib.get_close_matches`).

:class:`EventFilters` holds the filters as typed; :func:`build_event_query` turns them into an
:class:`~flashpoint.store.EventQuery`, and :func:`matched_line` says how many events matched.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, replace
from typing import Any, Callable, Collection, Iterable

from .datafiles import data_path, decode, parse_tsv, read_bytes
from .errors import DictionaryError, SettingError

__all__ = ["EventFilters", "Reading", "UnknownName", "build_event_query", "describe_query", "event_words",
           "matched_line", "resolve_actor_filter", "resolve_admin1_filter", "resolve_country_filter",
           "resolve_event_filter", "stored_actor_codes"]

EVENT_WORDS = ("query", "event_words.tsv")
SUGGESTIONS = 3
Known = Callable[[], Collection[str]]  # the actor codes, countries and group ids a database holds, read on demand


@dataclass(frozen=True)
class Reading:
    """What a filter value was read as: ``code`` is what the store is queried for; ``field`` the query field
    (``event`` or ``cameo`` for an event filter, else the filter's own); ``how`` says why, for messages."""

    code: str
    given: str
    how: str
    field: str = ""

    @property
    def changed(self) -> bool:
        return self.code != self.given


class UnknownName(SettingError):
    """A filter value that is no code or name of its kind; ``suggestions`` are the closest (as shown)."""

    def __init__(self, what: str, given: str, why: str, suggestions: Iterable[str] = (), *,
                 where: str | None = None) -> None:
        self.given = given
        self.suggestions = list(dict.fromkeys(suggestions))[:SUGGESTIONS]
        hint = f"; did you mean {_or(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {what}: {why}{hint}", where=where or f"{what} {given!r}")


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _close(word: str, choices: Iterable[str], n: int = SUGGESTIONS, cutoff: float = 0.6) -> list[str]:
    """The ``n`` choices most like ``word`` (:func:`difflib.get_close_matches`' measure and cutoff); of equally
    close ones, the one listed first (a country's name before its aliases)."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    scored = []
    for index, choice in enumerate(dict.fromkeys(choices)):
        matcher.set_seq1(choice)
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff and matcher.ratio() >= cutoff:
            scored.append((-matcher.ratio(), index, choice))
    return [choice for _, _, choice in sorted(scored)[:n]]


def _code_like(text: str) -> bool:
    """Typed as a code rather than a name: in capitals, or letters in runs of three (pak, pakmil)."""
    return bool(text) and text.isalpha() and (text.isupper() or len(text) % 3 == 0)


def _where(option: str, given: str) -> str:
    return f"{option} {given!r}"


# ------------------------------------------------------------------------------------------------ actors


def stored_actor_codes(store: Any) -> set[str]:
    """Every actor code, actor country and group id in ``store``'s merged events (what ``--actor`` matches)."""
    rows = store.con.execute("SELECT DISTINCT code, country, actor_id FROM event_actors").fetchall()
    return {value for row in rows for value in row if value}


def _held(code: str, codes: Collection[str]) -> bool:
    """A code the store would match: held as it is, or as the prefix of a held code (PAK of PAKMIL)."""
    return code in codes or any(c.startswith(code) for c in codes)


def resolve_actor_filter(text: str, *, known: Known | None = None, option: str = "--actor",
                         dictionary: Any = None) -> Reading:
    """The code an actor filter ``text`` means (module docstring). ``known``: the database's codes, asked for
    only when ``text`` is a code the actor dictionary does not hold (without it such a code is taken as given)."""
    from .analyse.sides import UnknownSide, resolve_side

    if dictionary is None:
        from .dictionaries.actors import load_actor_dictionary

        dictionary = load_actor_dictionary()
    given = text.strip()
    upper = given.upper()
    if not given:
        raise UnknownName("actor", given, "empty; expected a code or a name", where=_where(option, text))
    entry_codes = {e.code for e in dictionary.entries if e.code}
    try:
        side = resolve_side(given, dictionary)
    except UnknownSide as exc:
        if upper in entry_codes:  # "igouno": a code the dictionary holds, typed in lower case
            return Reading(upper, given, "code in the actor dictionary", "actor")
        codes = known() if known is not None else ()
        for candidate in (given, upper):
            if candidate in codes:
                return Reading(candidate, given, "code in the database", "actor")
        names = [f"{name} ({code})" for name, code in exc.suggestions]
        like = (_close(upper, [*(c.iso3 for c in dictionary.countries), *sorted(entry_codes), *sorted(codes)])
                if _code_like(given) or not names else [])
        raise UnknownName("actor", given, "not a country code, a code or group id the actor dictionary or the "
                          "database holds, nor a name in the actor dictionary", [*names, *like],
                          where=_where(option, given)) from None
    if side.how.startswith("code as given") and known is not None and side.code not in entry_codes:
        codes = known()
        if not _held(side.code, codes):
            like = _close(side.code, [*(c.iso3 for c in dictionary.countries), *sorted(entry_codes), *sorted(codes)])
            raise UnknownName("actor", given, "no event in the database has this code, and the actor dictionary "
                              "does not hold it", like, where=_where(option, given))
    return Reading(side.code, given, side.how, "actor")


# ------------------------------------------------------------------------------------------------ places


def _country_names(dictionary: Any) -> dict[str, str]:
    """Lower-case country name or alias -> "Name (ISO3)", for suggestions."""
    names = {country.name.lower(): f"{country.name} ({country.iso3})" for country in dictionary.countries}
    for country in dictionary.countries:
        for alias in country.aliases:
            names.setdefault(alias.lower(), f"{country.name} ({country.iso3})")
    return names


def resolve_country_filter(text: str, *, option: str = "--country", dictionary: Any = None,
                           gazetteer: Any = None) -> Reading:
    """The ISO3 code a country filter ``text`` means: IRN for "IRN", "irn", "IR", "Iran", "Iranian"."""
    if dictionary is None:
        from .dictionaries.actors import load_actor_dictionary

        dictionary = load_actor_dictionary()
    given = text.strip()
    upper = given.upper()
    if len(upper) == 3:
        try:
            country = dictionary.country(upper)
            return Reading(country.iso3, given, f"country code ({country.name})", "country")
        except KeyError:
            pass
    hit = dictionary.lookup(given) if given else None
    if hit is None and 0 < len(given) <= 4:
        hit = dictionary.lookup(upper)  # "us": US
    if hit is not None and hit.kind in ("country", "demonym") and hit.country:
        name = dictionary.country(hit.country).name
        return Reading(hit.country, given, f"{'country' if hit.kind == 'country' else 'people of'} {name}",
                       "country")
    from .places.gazetteer import COUNTRY, load_gazetteer

    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    row = gaz.by_iso2.get(upper) if len(upper) == 2 else gaz.by_iso3.get(upper) if len(upper) == 3 else None
    if row is None and given:
        rows = {r for r, _, _ in gaz.candidates(given) if gaz.kinds[r] == COUNTRY}
        demonym = gaz.demonym_row(given)
        if demonym is not None and gaz.kinds[demonym] == COUNTRY:
            rows.add(demonym)
        row = rows.pop() if len(rows) == 1 else None
    if row is not None:
        return Reading(gaz.countries[row], given, f"country {gaz.names[row]}", "country")
    names = _country_names(dictionary)
    found = [names[n] for n in _close(given.lower(), names)]
    found += _close(upper, [c.iso3 for c in dictionary.countries]) if len(upper) == 3 else []
    raise UnknownName("country", given, "not an ISO 3166-1 code or a country's name", found,
                      where=_where(option, given))


def resolve_admin1_filter(text: str, *, country: str | None = None, option: str = "--admin1",
                          gazetteer: Any = None) -> Reading:
    """The ISO 3166-2 code a region filter ``text`` means: IR-11 for "IR-11", "ir-11", "Sistan and Baluchestan".
    ``country`` (ISO3) narrows a name that several countries' regions share ("Punjab")."""
    from .places.gazetteer import ADMIN1, load_gazetteer, normalise

    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    given = text.strip()
    upper = given.upper()
    row = gaz.by_admin1.get(upper)
    if row is not None:
        return Reading(upper, given, f"region code ({gaz.names[row]}, {gaz.countries[row]})", "admin1")
    found: dict[str, int] = {}
    for r, _, _ in gaz.candidates(given) if given else ():
        if gaz.kinds[r] == ADMIN1 and gaz.admin1[r] and (country is None or gaz.countries[r] == country):
            found.setdefault(gaz.admin1[r], r)
    if len(found) == 1:
        (code, r), = found.items()
        return Reading(code, given, f"region {gaz.names[r]} ({gaz.countries[r]})", "admin1")
    listed = [f"{code} ({gaz.names[r]}, {gaz.countries[r]})" for code, r in sorted(found.items())]
    if found:
        raise SettingError(f"names {len(found)} regions: {', '.join(listed)}; give the code, or --country",
                           where=_where(option, given))
    regions = {code: r for code, r in gaz.by_admin1.items() if country is None or gaz.countries[r] == country}
    names: dict[str, str] = {}
    for code, r in regions.items():
        names.setdefault(normalise(gaz.names[r]), f"{code} ({gaz.names[r]}, {gaz.countries[r]})")
    suggestions = [names[n] for n in _close(normalise(given), names)] + _close(upper, regions)
    raise UnknownName("region", given, "not an ISO 3166-2 code or the name of a first-order division"
                      + (f" of {country}" if country else ""), suggestions, where=_where(option, given))


# ------------------------------------------------------------------------------------------------ events


@functools.lru_cache(maxsize=1)
def event_words() -> dict[str, str]:
    """``data/query/event_words.tsv``: a word people type (lower case) -> the PLOVER type it selects."""
    from .ontology import PLOVER_EVENTS

    name = EVENT_WORDS[-1]
    path = data_path(*EVENT_WORDS)
    table = parse_tsv(decode(read_bytes(path, what="query word table", where=name), name), name)
    table.expect(("id", "word", "event"))
    words: dict[str, str] = {}
    ids: set[str] = set()
    for number, row in table.rows(required=("id", "word", "event")):
        word = row["word"].lower()
        if row["event"] not in PLOVER_EVENTS:
            raise DictionaryError(f"field 'event': expected a PLOVER event type, got {row['event']!r}",
                                  where=table.where(number))
        if row["id"] in ids or word in words:
            raise DictionaryError(f"id {row['id']!r} or word {word!r} is listed twice", where=table.where(number))
        ids.add(row["id"])
        words[word] = row["event"]
    return words


def _singulars(word: str) -> list[str]:
    forms = [word]
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return forms


def resolve_event_filter(text: str, *, option: str = "--event") -> Reading:
    """What an event filter ``text`` selects: a PLOVER type (``field`` "event") or a CAMEO code prefix
    (``field`` "cameo"); see the module docstring."""
    from .ontology import PLOVER_EVENTS, load_ontology

    ontology = load_ontology()
    given = text.strip()
    if given.isdigit():
        code = given.zfill(2)
        if ontology.has_cameo(code):
            return Reading(code, given, f"CAMEO {code} {ontology.cameo(code).name} (and the codes under it)", "cameo")
        parents = [code[:n] for n in range(len(code) - 1, 1, -1) if ontology.has_cameo(code[:n])]
        like = _close(code, [c for c in ontology.cameo_codes if len(c) == len(code)])
        raise UnknownName("event", given, "not a CAMEO code (2-4 digits, e.g. 19 or 190)", [*parents, *like],
                          where=_where(option, given))
    words = event_words()
    cameo_names: dict[str, str] = {}
    for code in ontology.cameo_codes:
        cameo_names.setdefault(ontology.cameo(code).name.lower(), code)
    for form in _singulars(given.lower()):
        if form.upper() in PLOVER_EVENTS:
            return Reading(form.upper(), given, "PLOVER type", "event")
        if form in words:
            return Reading(words[form], given, f"a word for {words[form]}", "event")
        if form in cameo_names:
            code = cameo_names[form]
            return Reading(code, given, f"CAMEO {code} {ontology.cameo(code).name}", "cameo")
    shown = {e.lower(): e for e in PLOVER_EVENTS}
    shown.update({w: f"{w} ({e})" for w, e in words.items()})
    shown.update({n: f"{n} (CAMEO {c})" for n, c in cameo_names.items() if n not in shown})
    raise UnknownName("event", given, "not a PLOVER type, a word for one or a CAMEO code",
                      [shown[w] for w in _close(given.lower(), shown)], where=_where(option, given))


# ------------------------------------------------------------------------------------------------ queries


@dataclass(frozen=True)
class EventFilters:
    """The filters as typed (the options of ``flashpoint events``, the query parameters of ``GET /api/events``);
    :func:`build_event_query` reads them."""

    actor: str | None = None
    recipient: str | None = None
    event: str | None = None
    quad: int | None = None
    since: Any = None
    until: Any = None
    country: str | None = None
    admin1: str | None = None
    text: str | None = None
    include_all: bool = False


def build_event_query(filters: EventFilters, *, store: Any = None, limit: int | None = None,
                      prefix: str = "--") -> Any:
    """The :class:`~flashpoint.store.EventQuery` of ``filters``, every name read as its code; raises
    :class:`UnknownName` (or another SettingError) for a value that names nothing. ``store``: the open database,
    whose codes an actor code the actor dictionary lacks is checked against. ``prefix`` makes the names errors
    give each filter (``--actor`` on the command line, ``actor`` for a query parameter)."""
    from .store import EventQuery

    codes: list[Collection[str]] = []

    def known() -> Collection[str]:
        if not codes:
            codes.append(stored_actor_codes(store))
        return codes[0]

    reader = known if store is not None else None
    actor = (resolve_actor_filter(filters.actor, known=reader, option=f"{prefix}actor").code
             if filters.actor is not None else None)
    recipient = (resolve_actor_filter(filters.recipient, known=reader, option=f"{prefix}recipient").code
                 if filters.recipient is not None else None)
    event = resolve_event_filter(filters.event, option=f"{prefix}event") if filters.event is not None else None
    country = (resolve_country_filter(filters.country, option=f"{prefix}country").code
               if filters.country is not None else None)
    admin1 = (resolve_admin1_filter(filters.admin1, country=country, option=f"{prefix}admin1").code
              if filters.admin1 is not None else None)
    return EventQuery(actor=actor, recipient=recipient,
                      event=event.code if event and event.field == "event" else None,
                      cameo=event.code if event and event.field == "cameo" else None,
                      quad=filters.quad, since=filters.since, until=filters.until, country=country, admin1=admin1,
                      text=filters.text.strip() or None if filters.text is not None else None,
                      include_all=filters.include_all, limit=limit)


def describe_query(query: Any) -> str:
    """The filters of ``query`` as read, for messages: ``actor PAK, event ASSAULT, since 2024-01-01``."""
    parts = [f"{label} {value}" for label, value in (
        ("actor", query.actor), ("recipient", query.recipient), ("event", query.event), ("CAMEO", query.cameo),
        ("quad", query.quad), ("since", query.since), ("until", query.until), ("country", query.country),
        ("admin1", query.admin1),
        ("text", repr(query.text) if query.text else None)) if value is not None]
    return ", ".join(parts + (["all statuses"] if query.include_all else []))


def matched_line(store: Any, query: Any, shown: int) -> str:
    """``12 events matched (actor PAK)`` for stderr; with ``--limit`` how many are shown, and with none a hint:
    how many more ``--all`` would show, or that the database is empty, or how many events it holds."""
    total = shown
    if query.limit is not None and shown >= query.limit:
        total = len(store.event_ids(replace(query, limit=None)))
    described = describe_query(query)
    line = f"{total} event{'' if total == 1 else 's'} matched" + (f" ({described})" if described else "")
    if total > shown:
        line += f"; {shown} shown (--limit {query.limit})"
    if total:
        return line
    if not query.include_all:
        hidden = len(store.event_ids(replace(query, include_all=True, limit=None)))
        if hidden:
            return line + f"; {hidden} with --all (hypothetical, negated or background)"
    stored = len(store.event_ids(type(query)(include_all=True)))
    if not stored:
        return line + ": the database holds no events; add some with `flashpoint ingest`"
    return line + f": none of the {stored} stored events passes every filter"
