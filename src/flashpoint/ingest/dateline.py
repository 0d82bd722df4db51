"""Wire datelines at the start of an article: ``QUETTA, Pakistan (Reuters) -``.

A dateline says where the reporter filed from. It is metadata: the city is not an event place and the agency
is not an actor, so the pipeline reads :attr:`Dateline.end` to know where the body starts. The article text is
never cut.

What is recognised, at the very start of the text (after leading whitespace)::

    PLACE [, REGION]{0,2} [, DATE] [(AGENCY)] SEPARATOR

* PLACE: one to five words, either all upper case (``GAZA CITY``, ``ST. PETERSBURG``, ``LONDON/BRUSSELS``) or
  capitalised (``Islamabad``, ``Port of Spain``).
* REGION: a country, state or province, capitalised (``Pakistan``, ``Ill.``, ``West Bank``).
* DATE: ``Jan 18``, ``Jan. 3``, ``18 January``, optionally with a year.
* AGENCY: a wire service in parentheses: a name from ``data/cues/datelines.tsv`` or one to three capitalised words.
* SEPARATOR: an em or en dash, ``--``, a spaced hyphen (``(Reuters) -``) or a colon followed by a space.

Ordinary first sentences are refused: a lower-case word (``Iran said on Monday --``) breaks the place, kicker
words (``BREAKING:``, ``UPDATE:``, listed as ``notplace`` in the cues file) are refused, and a capitalised
(not upper-case) place needs a date, an agency or a recognised region before a dash (``Hamas -- the group
that ...`` is not a dateline) and a date or an agency before a colon. The whole dateline is at most 80
characters.

``Dateline.text`` is the dateline as written, up to (not including) the separator: ``"Islamabad, Jan 18
(Reuters)"``. ``Dateline.place`` is the city as written (``"QUETTA"``). ``Dateline.country`` is an ISO3 code
when the region names a country in ``flashpoint.dictionaries.actors`` or a state or province in the cues
file, or else when the place itself is a country or a capital there (``BEIRUT:`` -> LBN); otherwise None.

:func:`dateline_date` reads the DATE part (``"Islamabad, Jan 18 (Reuters)"`` -> 18 January): the readers use
it as the article's publication date when the article itself carries none (no ``published`` field, no page
date), before ``--published``. Its year is the dateline's own; a dateline without one (most wires write
none) takes the year that puts the day nearest to ``near`` (the ``--published`` date when one is given), else,
with nothing else to go on, the most recent such day not after today (a "Dec 30" dateline read on 2 January is
last year's).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from flashpoint.dictionaries.actors import ActorDictionary, ActorEntry, load_actor_dictionary
from flashpoint.datafiles import data_path, read_tsv
from flashpoint.errors import DictionaryError
from flashpoint.model import Dateline

__all__ = ["dateline_date", "split_dateline"]

MAX_DATELINE_CHARS = 80

_L = r"[^\W\d_]"  # a letter, any script
_WORD = rf"{_L}(?:[\-'’.]?{_L})*\.?"  # QUETTA, ST., PORT-AU-PRINCE, SAN'A, D.C., W.Va.
_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATELINE = re.compile(
    rf"""
    \s*
    (?P<place>{_WORD}(?:[ /]{_WORD}){{0,4}})
    (?P<regions>(?:,[ ](?!{_MONTH}\b){_WORD}(?:[ ]{_WORD}){{0,3}}){{0,2}})
    (?P<date>,[ ](?:{_MONTH}\.?[ ]\d{{1,2}}|\d{{1,2}}[ ]{_MONTH}\.?)(?:,?[ ]\d{{4}})?)?
    (?:[ ]?\((?P<agency>[^()\n]{{1,40}})\))?
    [ \t]*
    (?P<sep>—|–|―|--|(?<=\))-|(?<=[ \t])-(?=\s)|:(?=\s))
    \s*
    """,
    re.VERBOSE,
)
_LEADING_SPACE = re.compile(r"\s*")
_SCAN_CHARS = 2 * MAX_DATELINE_CHARS + 40  # room for the separator and the spaces after it
_AGENCY_WORD = re.compile(r"[A-Z][\w.&'’\-]*")


@dataclass(frozen=True)
class _Cues:
    agencies: frozenset[str]  # casefolded
    notplace: frozenset[str]  # upper case
    regions: dict[str, str | None]  # casefolded region -> ISO3 or None when ambiguous
    connectors: frozenset[str]  # lower-case words allowed inside a capitalised place: "Port of Spain"


@functools.lru_cache(maxsize=1)
def _cues() -> _Cues:
    agencies: set[str] = set()
    notplace: set[str] = set()
    regions: dict[str, str | None] = {}
    connectors: set[str] = set()
    for number, row in read_tsv(data_path("cues", "datelines.tsv"), ("kind", "value")):
        kind, value, country = row["kind"], row["value"], row.get("country", "")
        if kind == "agency":
            agencies.add(value.casefold())
        elif kind == "notplace":
            notplace.add(value.upper())
        elif kind == "region":
            if country and not re.fullmatch(r"[A-Z]{3}", country):
                raise DictionaryError(
                    f"field 'country' is {country!r}; expected an ISO3 code like USA, or nothing",
                    where=f"datelines.tsv:{number}",
                )
            regions[value.casefold()] = country or None
        elif kind == "connector":
            connectors.add(value)
        else:
            raise DictionaryError(
                f"field 'kind' is {kind!r}; expected agency, notplace, region or connector",
                where=f"datelines.tsv:{number}",
            )
    return _Cues(frozenset(agencies), frozenset(notplace), regions, frozenset(connectors))


def _dictionary_entries(name: str, actors: ActorDictionary) -> list[ActorEntry]:
    """What the actor dictionary knows ``name`` as (as written, then title-cased: "TEHRAN")."""
    lookup = actors.lookup
    found = (lookup(candidate) for candidate in dict.fromkeys([name, name.title()]))
    return [entry for entry in found if entry is not None]


def _dictionary_country(name: str, actors: ActorDictionary, kinds: tuple[str, ...] = ("country",)) -> str | None:
    """ISO3 of ``name`` when the actor dictionary knows it as one of ``kinds`` ("country", "capital")."""
    for entry in _dictionary_entries(name, actors):
        country = entry.country
        if entry.kind in kinds and country:
            return str(country)
    return None


def _is_actor_not_place(name: str, actors: ActorDictionary) -> bool:
    """"NATO", "HAMAS": the dictionary knows it, and not as a country or a capital."""
    kinds = {entry.kind for entry in _dictionary_entries(name, actors)}
    return bool(kinds) and not kinds & {"country", "capital"}


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _place_case(words: list[str], cues: _Cues) -> str | None:
    """"caps" for QUETTA / GAZA CITY, "title" for Islamabad / Port of Spain, None for anything else."""
    if all(_is_caps(w) for w in words):
        return "caps"
    if words[0][0].isupper() and all(w[0].isupper() or w in cues.connectors for w in words[1:]):
        return "title"
    return None


def _agency_ok(agency: str, cues: _Cues) -> bool:
    agency = agency.strip()
    if agency.casefold() in cues.agencies:
        return True
    words = agency.split()
    return 1 <= len(words) <= 3 and all(_AGENCY_WORD.fullmatch(w) and not any(c.isdigit() for c in w) for w in words)


def _region_country(region: str, cues: _Cues, actors: ActorDictionary) -> tuple[bool, str | None]:
    """(known, country): whether the region is a recognised state/province/country, and its ISO3 code."""
    key = region.casefold()
    if key in cues.regions:
        return True, cues.regions[key]
    country = _dictionary_country(region, actors)
    return country is not None, country


def split_dateline(text: str, *, actors: ActorDictionary | None = None) -> Dateline | None:
    """The wire dateline that opens ``text``, or None. Never cuts the text; ``end`` is where the body starts.
    ``actors``: the actor dictionary that says which names are countries, capitals or actors (default: the
    built-in one; the Coder passes its own, a user's ``--dictionaries`` included)."""
    actors = actors if actors is not None else load_actor_dictionary()
    start = _LEADING_SPACE.match(text).end()
    match = _DATELINE.match(text, 0, start + _SCAN_CHARS)  # bounded: a dateline is short, an article may not be
    if match is None:
        return None
    cues = _cues()
    place = match.group("place")
    words = re.split(r"[ /]", place)
    case = _place_case(words, cues)
    if case is None:
        return None
    if any(w.rstrip(".").upper() in cues.notplace for w in words):
        return None
    regions = [r.strip() for r in match.group("regions").split(",") if r.strip()]
    if any(not (w[0].isupper() or w in cues.connectors) for r in regions for w in r.split()):
        return None
    if any(w.upper() in cues.notplace for r in regions for w in r.split()):
        return None
    agency = match.group("agency")
    if agency is not None and not _agency_ok(agency, cues):
        return None
    has_date = match.group("date") is not None
    sep = match.group("sep")
    start = match.start("place")
    sep_start = match.start("sep")
    dateline_text = text[start:sep_start].rstrip()
    if len(dateline_text) > MAX_DATELINE_CHARS:
        return None

    country: str | None = None
    region_known = False
    for region in reversed(regions):
        region_known, country = _region_country(region, cues, actors)
        if region_known:
            break
    if country is None and not region_known:
        country = _dictionary_country(place, actors, ("country", "capital"))  # "BEIRUT:", "SINGAPORE (Reuters)"

    if case == "caps":
        if sum(c.isalpha() for c in place) < 3 and agency is None:
            return None  # "UK: ...", "US -- ..."
        if not (regions or has_date or agency) and _is_actor_not_place(place, actors):
            return None  # "NATO -- the alliance ...", "HAMAS: ..."
    else:
        if sep == ":" and not (has_date or agency):
            return None  # "Mr Khan: ..."
        if not (has_date or agency or (regions and region_known)):
            return None  # "Hamas -- the group that ...", "Tehran, the capital --"
        if regions and not (has_date or agency) and _dictionary_country(place, actors) is not None:
            return None  # "Pakistan, India -- the two rivals ..." names two countries, not a city
    return Dateline(text=dateline_text, place=place, country=country, end=match.end())


_DATE_PART = re.compile(
    rf",[ ](?:(?P<month>{_MONTH})\.?[ ](?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})[ ](?P<month2>{_MONTH})\.?)"
    rf"(?:,?[ ](?P<year>\d{{4}}))?(?!\d)"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 30 February, 29 February of a common year
        return None


def dateline_date(dateline: Dateline | None, *, near: dt.date | None = None,
                  today: dt.date | None = None) -> dt.date | None:
    """The date a dateline carries (``"Islamabad, Jan 18 (Reuters)"``), or None; the year as the module
    docstring says: the dateline's, else the one nearest ``near``, else the latest not after ``today``."""
    if dateline is None:
        return None
    found = _DATE_PART.search(dateline.text)
    if found is None:
        return None
    month = _MONTHS.index((found.group("month") or found.group("month2"))[:3].lower()) + 1
    day = int(found.group("day") or found.group("day2"))
    if found.group("year"):
        return _day(int(found.group("year")), month, day)
    if near is not None:
        candidates = [d for d in (_day(near.year + k, month, day) for k in (-1, 0, 1)) if d is not None]
        return min(candidates, key=lambda d: (abs((d - near).days), d)) if candidates else None
    today = today or dt.date.today()
    candidates = [d for d in (_day(today.year - k, month, day) for k in range(0, 5)) if d is not None and d <= today]
    return candidates[0] if candidates else None
