"""The actor dictionary: countries, capitals, demonyms, metonyms, IGOs/NGOs, named groups and sector nouns.

Data lives in ``flashpoint/data/actors/*.tsv`` (see ``SOURCES.md`` there for the formats and code
conventions) and is read once per process through :func:`load_actor_dictionary`.

Matching rules
--------------
* :meth:`ActorDictionary.lookup` normalises its argument (case-fold, curly quotes to straight, accents
  stripped, a leading "the " and a trailing "'s"/"'" removed, surrounding punctuation removed, periods
  dropped, hyphens/commas turned into spaces, whitespace collapsed) and looks it up exactly.
* Exact-case aliases: an alias whose letters are all capitals and number at most three ("US", "U.S.",
  "IS", "WHO", "PDF", "CAR") or one written with a leading ``=`` in the data ("=Turkey", "=LeT") only
  matches in its exact case; "US" matches, "us" does not. Exact-case matches are tried first.
* Every normalised phrase belongs to one entry. Within the packaged data a collision between two
  different entries is a :class:`~flashpoint.errors.DictionaryError` (the tests load the data, so a
  collision cannot ship). Phrases of the same entry may repeat (Djibouti the country and the capital);
  the first kind wins in the order country, capital, demonym. User files passed with ``extra=`` override
  packaged phrases (a later file overrides an earlier one); duplicate ids are always an error.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from flashpoint.datafiles import Table, data_path, decode, parse_tsv, read_bytes
from flashpoint.errors import DictionaryError

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "CountryEntry",
    "SectorEntry",
    "load_actor_dictionary",
    "normalise",
    "DATA_VERSION",
]

DATA_VERSION = "actors-2026.1"

logger = logging.getLogger(__name__)

ENTRY_KINDS = ("country", "capital", "demonym", "metonym", "igo", "collective", "group", "person")

# File formats: name -> header columns. Extra files are recognised by their header line.
FORMATS: dict[str, tuple[str, ...]] = {
    "sector_codes": ("code", "description"),
    "countries": ("iso3", "cameo", "name", "aliases", "capitals", "demonyms"),
    "metonyms": ("id", "phrase", "country", "sector"),
    "sectors": ("id", "phrase", "sector", "role"),
    "igos": ("id", "name", "aliases", "code", "country", "sector", "kind"),
    "groups": ("id", "name", "aliases", "country", "sector", "code"),
    "people": ("id", "name", "aliases", "country", "sector", "role"),
}
# An igos file may omit the last two columns (sector defaults to the code's first three letters, kind to "igo").
_IGOS_SHORT = FORMATS["igos"][:5]
# Load order matters: sector codes before anything that uses them, countries before references to them.
PACKAGE_FILES = ("sector_codes", "countries", "metonyms", "sectors", "igos", "groups", "people")

_ISO3 = re.compile(r"^[A-Z]{3}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_CODE = re.compile(r"^[A-Z0-9+]+$")


@dataclass(frozen=True)
class ActorEntry:
    id: str
    name: str
    code: str
    country: str | None
    sector: str | None
    kind: str


@dataclass(frozen=True)
class SectorEntry:
    id: str
    phrase: str
    sector: str
    role: str | None


@dataclass(frozen=True)
class CountryEntry:
    iso3: str
    name: str
    cameo: str  # the CAMEO country code; equal to iso3 unless the data gives a different one (ROU -> ROM)
    aliases: tuple[str, ...]
    capitals: tuple[str, ...]
    demonyms: tuple[str, ...]


# --------------------------------------------------------------------------------------------- text

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"',
                         "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})
_EDGE = " \t\n\r\"'.,;:!?()[]{}<>-*_/\\|"
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: str, *, fold: bool = True) -> str:
    """The key a phrase is stored and looked up under (``fold=False`` keeps the case)."""
    return _normalise(text, fold)


@functools.lru_cache(maxsize=65536)  # the same few thousand noun phrases are looked up again and again
def _normalise(text: str, fold: bool) -> str:
    s = _strip_accents(text.translate(_QUOTES))
    s = " ".join(s.split()).strip(_EDGE)
    s = _LEADING_THE.sub("", s)
    s = _POSSESSIVE.sub("", s).strip(_EDGE)
    s = s.replace(".", "")
    s = re.sub(r"[-,_]", " ", s)  # "Dol_Amroth": PETRARCH-style joined words are words
    s = " ".join(s.split())
    return s.casefold() if fold else s


def _exact_case(alias: str) -> bool:
    """Short all-capital aliases ("US", "U.S.", "IS", "WHO") are matched in their exact case only."""
    letters = [ch for ch in _LEADING_THE.sub("", alias) if ch.isalpha()]
    return bool(letters) and len(letters) <= 3 and all(ch.isupper() for ch in letters)


def _split_marker(alias: str) -> tuple[str, bool]:
    """``=Phrase`` in the data marks a phrase as exact-case; returns (phrase, exact_case)."""
    if alias.startswith("="):
        return alias[1:].strip(), True
    return alias, _exact_case(alias)


def _split_list(field: str) -> list[str]:
    return [part.strip() for part in field.split("|") if part.strip()]


# --------------------------------------------------------------------------------------------- data


@dataclass
class _Source:
    label: str  # "groups.tsv" or the extra file's path
    text: str
    package: bool


@dataclass(frozen=True)
class _Phrase:
    text: str  # as written (without the = marker)
    exact: bool
    entry: ActorEntry
    label: str  # GPE / NORP / ORG, or "" for phrases kept out of the entity patterns


class ActorDictionary:
    """Read-only lookups over the actor data. Build it with :func:`load_actor_dictionary`."""

    def __init__(self, sources: Iterable[_Source]) -> None:
        self._sector_codes: dict[str, str] = {}
        self._countries: dict[str, CountryEntry] = {}
        self._cameo_to_iso: dict[str, str] = {}
        self._entries: dict[str, ActorEntry] = {}
        self._ci: dict[str, tuple[ActorEntry, bool, str]] = {}  # folded key -> (entry, from_package, where)
        self._cs: dict[str, tuple[ActorEntry, bool, str]] = {}  # exact-case key -> ...
        self._sectors: dict[str, tuple[SectorEntry, bool]] = {}  # folded phrase -> (entry, from_package)
        self._sector_ids: set[str] = set()
        # head word -> (runs of words, entry) for phrases whose words may stand apart (PETRARCH "A B")
        self._disconnected: dict[str, list[tuple[tuple[tuple[str, ...], ...], ActorEntry]]] = {}
        # Sector phrases are also looked up by their words' lemmas ("soldiers" finds "soldier"), unless the
        # dictionary lists every form it means (PETRARCH agents: "POLICE {}" has no plural "polices")
        self.sector_lemmas = True
        # Noun phrases read as PETRARCH/TABARI read them (set for PETRARCH agents): an actor's code is its name's
        # code with every agent of the phrase added ("MSF Arnor diplomat": NGO + ARN + GOV; prefix_sectors are
        # the agents written before it), and every name in the phrase counts ("an anti-Gondor parade": GON)
        self.petrarch_phrases = False
        self.prefix_sectors: frozenset[str] = frozenset()
        self._phrases: list[_Phrase] = []
        digest = hashlib.sha256()
        for source in sources:
            digest.update(source.label.encode("utf-8") + b"\0" + source.text.encode("utf-8") + b"\0")
            self._read(source)
        if not self._countries:
            raise DictionaryError("no countries loaded", where="countries.tsv")
        self.version = f"{DATA_VERSION}+{digest.hexdigest()[:8]}"
        self.countries: tuple[CountryEntry, ...] = tuple(self._countries.values())

    # ---- public API

    def lookup(self, text: str) -> ActorEntry | None:
        if not text:
            return None
        hit = self._cs.get(normalise(text, fold=False))
        if hit is None:
            hit = self._ci.get(normalise(text))
        return hit[0] if hit else None

    def lookup_disconnected(self, words: list[str]) -> ActorEntry | None:
        """The entry whose disconnected phrase the noun phrase ``words`` (its words in order, ending at its
        head) spells with other words between the runs: "Ithilen state-run television" is ITHILEN TELEVISION.
        The phrase must end at the head; the longest phrase wins."""
        if not self._disconnected or not words:  # Flashpoint's own dictionaries have none: no work per phrase
            return None
        folded = [normalise(w) for w in words]
        best, best_len = None, 0
        for runs, entry in self._disconnected.get(folded[-1] if folded else "", ()):
            end = len(folded)
            for run in reversed(runs):  # the last run ends at the head, each earlier one somewhere before
                at = next((i for i in range(end - len(run), -1, -1) if tuple(folded[i:i + len(run)]) == run), None)
                if at is None or (run is runs[-1] and at + len(run) != len(folded)):
                    break
                end = at
            else:
                size = sum(len(r) for r in runs)
                if size > best_len:
                    best, best_len = entry, size
        return best

    def sector(self, text: str) -> SectorEntry | None:
        if not text:
            return None
        hit = self._sectors.get(normalise(text))
        return hit[0] if hit else None

    def country(self, iso3: str) -> CountryEntry:
        code = (iso3 or "").strip().upper()
        code = code if code in self._countries else self._cameo_to_iso.get(code, code)
        try:
            return self._countries[code]
        except KeyError:
            raise KeyError(f"unknown country code {iso3!r}") from None

    def entry(self, entry_id: str) -> ActorEntry | None:
        """The canonical entry for an id (a country's entry has kind "country")."""
        return self._entries.get(entry_id)

    def sector_phrases(self) -> tuple[str, ...]:
        """Every sector phrase ("security forces", "persons"), as the dictionary holds them (folded)."""
        return tuple(self._sectors)

    @property
    def sector_codes(self) -> dict[str, str]:
        return dict(self._sector_codes)

    @property
    def entries(self) -> tuple[ActorEntry, ...]:
        return tuple(self._entries.values())

    def entity_patterns(self, tokenizer=None) -> list[dict]:
        """Patterns for a spaCy ``entity_ruler`` placed before ``ner``.

        Phrases are split with ``tokenizer`` (default: the tokenizer of ``spacy.blank("en")``, which has
        the same rules as the English pipelines) so hyphens and apostrophes come out as spaCy sees them.
        Exact-case phrases give ``ORTH`` token patterns; the others are plain strings, matched on ``LOWER``
        by the ruler's phrase matcher (build the ruler with ``phrase_matcher_attr="LOWER"``). Phrases with an apostrophe also get a curly-apostrophe variant; phrases with accents
        also get an unaccented one. Collectives ("international community") are not included.
        """
        if tokenizer is None:
            tokenizer = _blank_tokenizer()
        patterns: list[dict] = []
        seen: set[tuple] = set()
        for phrase in self._phrases:
            if not phrase.label:
                continue
            text = _LEADING_THE.sub("", phrase.text)
            variants = [text]
            plain = _strip_accents(text)
            if plain != text:
                variants.append(plain)
            for v in list(variants):
                if "'" in v:
                    variants.append(v.replace("'", "\u2019"))
            for variant in variants:
                if not phrase.exact:
                    # A plain string goes to the ruler's phrase matcher (on LOWER): one hash lookup per
                    # token, where 2,000 token patterns made the Matcher the slowest step of a run.
                    key = (phrase.label, phrase.entry.id, variant.lower())
                    if key not in seen:
                        seen.add(key)
                        patterns.append({"label": phrase.label, "pattern": variant, "id": phrase.entry.id})
                    continue
                tokens = [t.text for t in tokenizer(variant)]
                if not tokens:
                    continue
                pattern = []
                for tok in tokens:
                    if phrase.exact or not any(ch.isalpha() for ch in tok):
                        pattern.append({"ORTH": tok})
                    else:
                        pattern.append({"LOWER": tok.lower()})
                key = (phrase.label, phrase.entry.id, tuple(tuple(p.items())[0] for p in pattern))
                if key in seen:
                    continue
                seen.add(key)
                patterns.append({"label": phrase.label, "pattern": pattern, "id": phrase.entry.id})
        return patterns

    def with_entries(self, entries: Iterable[tuple[ActorEntry, Iterable[str]]],
                     sectors: Iterable[SectorEntry] = (), *, label: str,
                     disconnected: Iterable[tuple[ActorEntry, tuple[str, ...]]] = ()) -> "ActorDictionary":
        """A copy of this dictionary with entries built in code (each with its phrases) and sector phrases
        added, as an extra file's would be: they override this dictionary's phrases, a later one an earlier
        one. ``label`` names them in ``where`` and in the version. Sector codes the dictionary does not know
        are added (a PETRARCH agent's ``GOVFRM``). ``disconnected``: phrases given as runs of adjacent words
        that other words may separate in a noun phrase (see :meth:`lookup_disconnected`). This dictionary
        is not changed."""
        new = copy.copy(self)
        new._disconnected = {k: list(v) for k, v in self._disconnected.items()}
        for entry, runs in disconnected:
            words = tuple(tuple(normalise(run).split()) for run in runs)
            if words and all(words):
                new._disconnected.setdefault(words[-1][-1], []).append((words, entry))
        for name in ("_sector_codes", "_countries", "_cameo_to_iso", "_entries", "_ci", "_cs", "_sectors"):
            setattr(new, name, dict(getattr(self, name)))
        new._sector_ids = set(self._sector_ids)
        new._phrases = list(self._phrases)
        digest = hashlib.sha256(self.version.encode("utf-8"))
        new._added = list(getattr(self, "_added", ()))
        for number, (entry, phrases) in enumerate(entries, start=1):
            where = f"{label}:{entry.id}"
            if entry.id in new._entries:
                raise DictionaryError(f"duplicate id {entry.id!r}", where=where)
            new._entries[entry.id] = entry
            tag = "GPE" if entry.kind == "country" else "ORG"
            for phrase in phrases:
                if normalise(phrase):
                    new._add(phrase, entry, tag, where, False, exact=False)
                    new._added.append(_Phrase(phrase, False, entry, tag))
            digest.update(entry.id.encode("utf-8") + b"\0" + entry.code.encode("utf-8"))
        for sector in sectors:
            if sector.sector not in new._sector_codes:
                new._sector_codes[sector.sector] = f"({label})"
            key = normalise(sector.phrase)
            if key:
                new._sector_ids.add(sector.id)
                new._sectors[key] = (sector, False)
                digest.update(key.encode("utf-8") + b"\0" + sector.sector.encode("utf-8"))
        new.version = f"{self.version}+{label}+{digest.hexdigest()[:8]}"
        return new

    def without_names(self, *, label: str) -> "ActorDictionary":
        """A copy that knows the country table (codes, ISO <-> CAMEO) and the sector codes but no names and no
        sector phrases: the base for dictionaries that replace Flashpoint's own (``dictionaries_only``), whose
        sector phrases are matched as written (they list their plurals)."""
        new = copy.copy(self)
        new._sector_codes = dict(self._sector_codes)
        new._countries = dict(self._countries)
        new._cameo_to_iso = dict(self._cameo_to_iso)
        new._entries, new._ci, new._cs, new._sectors, new._disconnected = {}, {}, {}, {}, {}
        new._sector_ids = set()
        new._phrases = []
        new._added = []
        new.sector_lemmas = False
        new.version = f"{self.version}+{label}"
        return new

    def added_entity_patterns(self) -> list[dict]:
        """Entity-ruler patterns (plain strings, for a ``LOWER`` phrase matcher) for the phrases added by
        :meth:`with_entries` only."""
        out, seen = [], set()
        for phrase in getattr(self, "_added", ()):
            text = _LEADING_THE.sub("", phrase.text)
            key = (phrase.label, text.lower())
            if key not in seen:
                seen.add(key)
                out.append({"label": phrase.label, "pattern": text, "id": phrase.entry.id})
        return out

    # ---- loading

    def _read(self, source: _Source) -> None:
        table = parse_tsv(source.text, source.label)
        reader = getattr(self, f"_read_{_format_of(table)}")
        for lineno, row in table.rows():
            reader(row, table.where(lineno), source.package)

    def _sector_code(self, code: str, where: str, *, allow_empty: bool = False) -> str | None:
        if not code and allow_empty:
            return None
        if code not in self._sector_codes:
            raise DictionaryError(f"unknown sector code {code!r}; expected one of {', '.join(sorted(self._sector_codes))}",
                                  where=where)
        return code

    def _country_ref(self, iso3: str, where: str, *, allow_empty: bool) -> str | None:
        if not iso3 and allow_empty:
            return None
        if not _ISO3.match(iso3):
            raise DictionaryError(f"country {iso3!r} is not a 3-letter upper-case ISO code", where=where)
        if iso3 not in self._countries:
            raise DictionaryError(f"country {iso3!r} is not in countries.tsv", where=where)
        return iso3

    def _check_id(self, entry_id: str, where: str) -> None:
        if not _SLUG.match(entry_id):
            raise DictionaryError(f"id {entry_id!r} is not a snake_case slug", where=where)
        if entry_id in self._entries:
            raise DictionaryError(f"duplicate id {entry_id!r}", where=where)

    def _add(self, text: str, entry: ActorEntry, label: str, where: str, package: bool, *, exact: bool | None = None,
             same_entry_ok: bool = True) -> None:
        if exact is None:
            text, exact = _split_marker(text)
        if not text:
            return
        table, key = (self._cs, normalise(text, fold=False)) if exact else (self._ci, normalise(text))
        if not key:
            raise DictionaryError(f"phrase {text!r} is empty once normalised", where=where)
        old = table.get(key)
        if old is not None:
            old_entry, old_package, old_where = old
            if old_entry.id == entry.id:
                # the same actor listed twice ("U.S." and "US"; a city-state's name and capital): the first
                # kind wins for lookups, but the spelling still yields an entity pattern
                self._phrases.append(_Phrase(text, exact, old_entry, label))
                return
            if package and old_package:
                raise DictionaryError(f"phrase {text!r} already belongs to {old_entry.id!r} ({old_where})", where=where)
            # an extra file overrides packaged data, and a later extra file an earlier one
        table[key] = (entry, package, where)
        self._phrases.append(_Phrase(text, exact, entry, label))

    def _read_sector_codes(self, row: dict, where: str, package: bool) -> None:
        code = row["code"]
        if not re.match(r"^[A-Z]{3}$", code):
            raise DictionaryError(f"sector code {code!r} is not three capital letters", where=where)
        if code in self._sector_codes:
            raise DictionaryError(f"duplicate sector code {code!r}", where=where)
        self._sector_codes[code] = row["description"]

    def _read_countries(self, row: dict, where: str, package: bool) -> None:
        iso3, cameo = row["iso3"], row["cameo"]
        if not _ISO3.match(iso3):
            raise DictionaryError(f"iso3 {iso3!r} is not 3 upper-case letters", where=where)
        if cameo and not _ISO3.match(cameo):
            raise DictionaryError(f"cameo code {cameo!r} is not 3 upper-case letters", where=where)
        if iso3 in self._countries or iso3 in self._entries:
            raise DictionaryError(f"duplicate id {iso3!r}", where=where)
        name, _ = _split_marker(row["name"])
        if not name:
            raise DictionaryError("empty country name", where=where)
        aliases, capitals, demonyms = (_split_list(row[c]) for c in ("aliases", "capitals", "demonyms"))
        country = CountryEntry(iso3, name, cameo or iso3, tuple(_split_marker(a)[0] for a in aliases),
                               tuple(_split_marker(a)[0] for a in capitals), tuple(_split_marker(a)[0] for a in demonyms))
        self._countries[iso3] = country
        if cameo:
            self._cameo_to_iso[cameo] = iso3
        code = cameo or iso3
        base = ActorEntry(iso3, name, code, iso3, None, "country")
        self._entries[iso3] = base
        for phrase in [row["name"], *aliases]:
            self._add(phrase, base, "GPE", where, package)
        cap = ActorEntry(iso3, name, code, iso3, None, "capital")
        for phrase in capitals:
            self._add(phrase, cap, "GPE", where, package)
        dem = ActorEntry(iso3, name, code, iso3, None, "demonym")
        for phrase in demonyms:
            self._add(phrase, dem, "NORP", where, package)

    def _read_metonyms(self, row: dict, where: str, package: bool) -> None:
        self._check_id(row["id"], where)
        country = self._country_ref(row["country"], where, allow_empty=False)
        sector = self._sector_code(row["sector"], where)
        phrase, _ = _split_marker(row["phrase"])
        if not phrase:
            raise DictionaryError("empty phrase", where=where)
        entry = ActorEntry(row["id"], phrase, f"{self._countries[country].cameo}{sector}", country, sector, "metonym")
        self._entries[entry.id] = entry
        self._add(row["phrase"], entry, "ORG", where, package)

    def _read_sectors(self, row: dict, where: str, package: bool) -> None:
        sid, phrase = row["id"], row["phrase"]
        if not _SLUG.match(sid):
            raise DictionaryError(f"id {sid!r} is not a snake_case slug", where=where)
        if sid in self._sector_ids:
            raise DictionaryError(f"duplicate id {sid!r}", where=where)
        if not phrase:
            raise DictionaryError("empty phrase", where=where)
        sector = self._sector_code(row["sector"], where)
        role = row["role"] or None
        if role is not None and not _SLUG.match(role):
            raise DictionaryError(f"role {role!r} is not a snake_case slug", where=where)
        key = normalise(phrase)
        if key in self._sectors and package and self._sectors[key][1]:
            raise DictionaryError(f"phrase {phrase!r} is listed twice", where=where)
        self._sector_ids.add(sid)
        self._sectors[key] = (SectorEntry(sid, phrase, sector, role), package)

    def _read_igos(self, row: dict, where: str, package: bool) -> None:
        self._check_id(row["id"], where)
        code = row["code"]
        if not _CODE.match(code):
            raise DictionaryError(f"code {code!r} must be capital letters and digits", where=where)
        country = self._country_ref(row["country"], where, allow_empty=True)
        sector = self._sector_code(row.get("sector") or code[:3], where)
        kind = row.get("kind") or "igo"
        if kind not in ("igo", "collective"):
            raise DictionaryError(f"kind {kind!r} must be 'igo' or 'collective'", where=where)
        name, _ = _split_marker(row["name"])
        if not name:
            raise DictionaryError("empty name", where=where)
        entry = ActorEntry(row["id"], name, code, country, sector, kind)
        self._entries[entry.id] = entry
        label = "ORG" if kind == "igo" else ""
        for phrase in [row["name"], *_split_list(row["aliases"])]:
            self._add(phrase, entry, label, where, package)

    def _read_groups(self, row: dict, where: str, package: bool) -> None:
        self._check_id(row["id"], where)
        country = self._country_ref(row["country"], where, allow_empty=True)
        sector = self._sector_code(row["sector"], where)
        code = row["code"] or (f"{self._countries[country].cameo}{sector}" if country else f"IMG{sector}")
        if not _CODE.match(code):
            raise DictionaryError(f"code {code!r} must be capital letters and digits", where=where)
        self._add_named(row, where, package, ActorEntry(row["id"], "", code, country, sector, "group"), "ORG")


    def _read_people(self, row: dict, where: str, package: bool) -> None:
        """Office-holders: a person acts for the country and sector of the office, or for the IGO whose id stands
        in the country column ("borrell": "eu", coded IGOEU). Names are matched in their exact case only ("Trump"
        the man, not "trump card")."""
        self._check_id(row["id"], where)
        if _SLUG.match(row["country"] or "-"):
            body = self._entries.get(row["country"])
            if body is None or body.kind != "igo":
                raise DictionaryError(f"country {row['country']!r} is neither a 3-letter upper-case ISO code nor the "
                                      "id of an IGO in igos.tsv", where=where)
            country, code = body.country, body.code
            sector = self._sector_code(row["sector"], where)
        else:
            country = self._country_ref(row["country"], where, allow_empty=True)
            sector = self._sector_code(row["sector"], where)
            code = f"{self._countries[country].cameo}{sector}" if country else sector
        self._add_named(row, where, package, ActorEntry(row["id"], "", code, country, sector, "person"), "PERSON",
                        exact=True)

    def _add_named(self, row: dict, where: str, package: bool, entry: ActorEntry, label: str, *,
                   exact: bool | None = None) -> None:
        """Register a named actor (group, person) under its name and aliases."""
        name, _ = _split_marker(row["name"])
        if not name:
            raise DictionaryError("empty name", where=where)
        entry = replace(entry, name=name)
        self._entries[entry.id] = entry
        for phrase in [row["name"], *_split_list(row["aliases"])]:
            self._add(_split_marker(phrase)[0] if exact else phrase, entry, label, where, package, exact=exact)


def _format_of(table: Table) -> str:
    """The file format named by the table's header (extra files are recognised by it)."""
    for name, expected in FORMATS.items():
        if table.header == expected:
            return name
    if table.header == _IGOS_SHORT:
        return "igos"
    known = "; ".join(f"{n}: {', '.join(c)}" for n, c in FORMATS.items())
    got = ", ".join(table.header) if table.header else "nothing (the file is empty)"
    raise DictionaryError(f"unrecognised header {got!r}; expected one of {known}",
                          where=table.where(table.header_line))


@functools.lru_cache(maxsize=1)
def _blank_tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def _package_sources() -> list[_Source]:
    out = []
    for name in PACKAGE_FILES:
        label = f"{name}.tsv"
        data = read_bytes(data_path("actors", label), what="actor file", where=label)
        out.append(_Source(label, decode(data, label), True))
    return out


def load_actor_dictionary(extra: Iterable[Path | str] = ()) -> ActorDictionary:
    """Load the packaged actor data, plus optional user TSV files in the same formats (type from the header).

    Cached: one dictionary per process for each distinct tuple of extra paths.
    """
    return _load(tuple(Path(p) for p in extra))


@functools.lru_cache(maxsize=8)
def _load(extra: tuple[Path, ...]) -> ActorDictionary:
    sources = _package_sources()
    for path in extra:
        label = str(path)
        logger.debug("reading extra actor file %s", label)
        sources.append(_Source(label, decode(read_bytes(path, what="actor file", where=label), label), False))
    dictionary = ActorDictionary(sources)
    logger.debug("actor dictionary %s: %d entries", dictionary.version, len(dictionary.entries))
    return dictionary
