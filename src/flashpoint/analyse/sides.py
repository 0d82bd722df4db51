"""A dyad's sides as people type them: codes or names, in any case.

    resolve_side("india")     -> Side(code="IND", given="india", how="country name India")
    resolve_side("pakmil")    -> Side(code="PAKMIL", ...)             # a country code, with a sector
    resolve_side("Tehran")    -> Side(code="IRN", how="capital of Iran")
    resolve_side("hamas")     -> Side(code="hamas", how="group Hamas") # a named group's id
    resolve_side("Indai")     -> UnknownSide: ... did you mean India (IND)?

In order: a country code (ISO3 or CAMEO, ``IND``, ``pak``); a name the actor dictionary knows, in any case (a
country's name, alias, capital or demonym: the country's code; a group's name: the group's id; a person, an
organisation or a metonym such as "Kremlin": the entry's code), a short one also in capitals ("us" is US); a
named group's id (``jaish_al_adl``); a country code followed by sector codes the dictionary holds
(``pakmil``: PAKMIL); a code written in capitals that the dictionary does not hold (``IGOUNO``, matched by
prefix as ``flashpoint events --actor`` does). Anything else is unknown, and the closest
names the dictionary holds are suggested (``difflib``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from ..errors import InputError

__all__ = ["Side", "UnknownSide", "resolve_side"]

_CODE = re.compile(r"[A-Z]{3}(?:[A-Z]{3})*")


@dataclass(frozen=True)
class Side:
    """A side of a dyad: the ``code`` the analysis matches, what was typed, and how the one became the other."""

    code: str
    given: str
    how: str

    @property
    def changed(self) -> bool:
        return self.code != self.given


class UnknownSide(InputError):
    """A side that is neither a code nor a name the actor dictionary holds; ``suggestions`` are the closest."""

    def __init__(self, given: str, suggestions: list[tuple[str, str]]) -> None:
        hint = ("; did you mean " + " or ".join(f"{name} ({code})" for name, code in suggestions) + "?"
                if suggestions else "")
        super().__init__(f"not a country code, a group id or a name in the actor dictionary{hint}",
                         where=f"actor {given!r}")
        self.given = given
        self.suggestions = suggestions


def _country_code(dictionary: Any, code: str) -> str | None:
    try:
        return dictionary.country(code).iso3
    except KeyError:
        return None


def resolve_side(text: str, dictionary: Any = None) -> Side:
    """The code for a side typed as ``text`` (see the module docstring); raises :class:`UnknownSide`."""
    if dictionary is None:
        from ..dictionaries.actors import load_actor_dictionary

        dictionary = load_actor_dictionary()
    given = text.strip()
    upper = given.upper()
    if len(upper) == 3 and _country_code(dictionary, upper):
        return Side(upper, given, f"country code ({dictionary.country(upper).name})")
    hit = dictionary.lookup(given) or (dictionary.lookup(upper) if len(given) <= 4 else None)  # "us": US
    if hit is not None:
        if hit.kind == "country" and hit.country:
            how = "country name" if dictionary.country(hit.country).name.lower() == given.lower() else "name of"
            return Side(hit.country, given, f"{how} {dictionary.country(hit.country).name}")
        if hit.kind in ("capital", "demonym") and hit.country:
            word = "capital of" if hit.kind == "capital" else "people of"
            return Side(hit.country, given, f"{word} {dictionary.country(hit.country).name}")
        if hit.kind == "group":
            return Side(hit.id, given, f"group {hit.name}")
        return Side(hit.code, given, f"{hit.kind} {hit.name}")
    entry = dictionary.entry(given)
    if entry is not None:
        return Side(entry.id, given, f"{entry.kind} {entry.name}")
    sectors = set(dictionary.sector_codes)
    if (_CODE.fullmatch(upper) and _country_code(dictionary, upper[:3])
            and all(upper[i:i + 3] in sectors for i in range(3, len(upper), 3))):
        return Side(upper, given, f"country and sector ({dictionary.country(upper[:3]).name})")
    if given and _CODE.fullmatch(given):
        return Side(given, given, "code as given (not in the actor dictionary)")
    raise UnknownSide(given, _closest(given, dictionary))


def _closest(given: str, dictionary: Any, *, n: int = 2) -> list[tuple[str, str]]:
    names: dict[str, tuple[str, str]] = {}
    for country in dictionary.countries:
        for name in (country.name, *country.aliases):
            names.setdefault(name.lower(), (country.name, country.iso3))
    for entry in dictionary.entries:
        if entry.kind == "group":
            names.setdefault(entry.name.lower(), (entry.name, entry.id))
    found = difflib.get_close_matches(given.lower(), list(names), n=n * 3, cutoff=0.6)
    out: list[tuple[str, str]] = []
    for key in found:
        if names[key] not in out:
            out.append(names[key])
    return out[:n]
