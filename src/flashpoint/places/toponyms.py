"""Toponyms in a parsed article: recognition (NER spans + gazetteer phrase matching) and resolution in context.

Recognition takes GPE/LOC/FAC entities, place names the small model labels ORG or PERSON when the gazetteer knows
them and the context says place ("in Panjgur", "Panjgur district"), gazetteer phrases the model missed or split
("Sistan and Baluchestan"), a dateline's all-capitals town ("TORRINGTON —"), streets by their street word
("Larchmont Drive", whatever the model calls them), divisions written with their division word ("the Kandiyohi County
Sheriff's Office"), and two-letter province abbreviations in capitals ("ServiceDesk BC"). A place entity the
gazetteer lacks reads as the country or province its name ends in ("Nazi Germany"). A name that only folds into a
far-off village's ("Titan" as Tītān) is no place, nor is a news agency's credit ("(Xinhua) --") or an
organisation's acronym that only a small town's name matches ("UN" as Un, India). Spans lose a leading "the" and a trailing "'s". Demonyms
("Iranian") are actors, never places: they are returned only with
``demonyms=True`` (for corpora that count them), resolved to their country and marked non-literal.

Resolution is two passes: first each name with only its own cues ("X province", "the city of X", "X, Pakistan",
"Iran's X"), which gives the countries and provinces the article is about; then every name again with those as
context. A name gets one reading per article when its cues allow ("Springfield, Illinois ... Springfield"), and
a town's namesake in the country the rest of the article is mostly about gains ("Edmonton" among Winnipeg, Sask.
and Alta. places). A name the model tags as a place once is a place at its untagged mentions too.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from flashpoint.model import Place
from flashpoint.places.gazetteer import (
    _GENERIC_SUFFIXES, ADMIN1, ADMIN2, ALIAS, CITY, COUNTRY, CURATED, PRIMARY, REGION, STEM, Gazetteer, dash_head,
    load_gazetteer, normalise, read_aliases,
)
from flashpoint.places.words import load_agencies, load_place_words

PLACE_LABELS = {"GPE", "LOC", "FAC"}
WEAK_LABELS = {"ORG", "PERSON", "NORP"}  # the small model's usual mislabels for place names

# The word lists are data (data/places/words.tsv and feature_words.tsv, described there), read once per process.
_WORDS = load_place_words()
# word after a name -> the feature it names ("Panjgur district", "Balochistan province"; None: "X area")
CUE_AFTER = _WORDS.after
# words before a name ("the city of X") -> feature
CUE_BEFORE = _WORDS.before
CONNECTORS = _WORDS.words["connector"]  # inside a name: "Sistan and Baluchestan"
# A phrase match on one of these alone is too often not a place ("Central Bank", "North")
COMMON_WORDS = _WORDS.words["common_word"]
# Verbs whose subject, when a country or capital, is its government speaking or acting ("Tehran said")
ACTION_VERBS = _WORDS.words["action_verb"]
SPEECH_VERBS = ACTION_VERBS | _WORDS.words["speech_verb"]  # whose subject is a person ("Conway wrote")
AGENT_NOUNS = _WORDS.words["agent_noun"]  # "Iran's attack", "the Tehran government"
# prepositions that make a name the model labelled ORG or PERSON a place ("in Panjgur")
PLACE_PREPS = _WORDS.words["place_prep"]
HOLIDAYS = _WORDS.words["holiday"]  # "over Easter": a time the model may tag as a place
TIME_ZONES = _WORDS.words["time_zone"]  # "7 a.m. CT": a story told in North America
ZONE_COUNTRIES = ("USA", "CAN")  # the countries the time_zone words are kept in (data/places/words.tsv)
CLOCK_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "noon", "midnight"})  # what a time zone's abbreviation follows
CALENDAR_WORDS = _WORDS.words["calendar_word"]  # months and weekdays: what a DATE entity of names needs to be one
VERSUS = _WORDS.words["versus"]  # "U.S. v. Chen": a party to a court case
HONORIFICS = _WORDS.words["honorific"]  # "Mr Paterson": a person's name
STREET_WORDS = _WORDS.words["street_word"]  # "Larchmont Drive", "Jackson St.": a street, whatever the model says
DIVISION_WORDS = _WORDS.words["division_word"]  # "Kandiyohi County": a place, even inside an organisation's name
LEGAL_FORMS = _WORDS.words["legal_form"]  # "Airbus SA", "Siemens AG": a company's, no place's abbreviation
TOWNSHIP_WORDS = _WORDS.words["township_word"]  # "Tucson Township": no namesake city far from the story
SITE_WORDS = _WORDS.words["site_word"]  # "the Kelvoran roundabout": a place, known to the gazetteer or not
# news agencies (data/cues/datelines.tsv, kind agency): "(Xinhua) --", "told Reuters" credit an agency, no place.
# An agency written in capitals ("AFP", "SANA") is matched only so; another ("Xinhua", "dpa") in any case.
_AGENCIES = load_agencies()
AGENCY_NAMES = frozenset(a for a in _AGENCIES if a.isupper())
AGENCY_FOLDED = frozenset(a.casefold() for a in _AGENCIES if not a.isupper())
ACRONYM_MAX_POP = 100_000  # an acronym in capitals ("UN", "NATO") is no town smaller than this ("Un", "Nato")


ABBREVIATION_SCORE = 0.95  # "Calif.", "B.C.": one reading, as written; not 1.0, a few are also words ("Miss.")


@dataclass(frozen=True)
class Toponym:
    start: int  # character offsets in doc.text
    end: int
    text: str
    place: Place | None
    score: float
    literal: bool
    token_start: int
    token_end: int
    demonym: bool = False
    held: bool = False  # a facility placed at the town that holds it (its place is the town's)
    facility: bool = False  # a facility's name whose own reading the article does not support: held if it can be
    street: bool = False  # a street's name ("Larchmont Drive"): held at its town
    division: bool = False  # written with a division word ("X province", "X district"): bigger than any town
    container: str | None = None  # the country its own words name ("X, Cambodia", "Cambodia's X"), ISO3

    @property
    def rough(self) -> bool:
        """A name no town holds, placed at its article's province or country for want of better (REGION_SCORE):
        a point for a map, never evidence of where an event happened or whose an actor is."""
        return self.held and self.score <= REGION_SCORE

    def to_dict(self) -> dict:
        p = self.place
        return {
            "start": self.start, "end": self.end, "text": self.text,
            "geonames_id": p.geonames_id if p else None, "name": p.name if p else None,
            "admin1": p.admin1 if p else None, "country": p.country if p else None,
            "lat": p.lat if p else None, "lon": p.lon if p else None, "precision": p.precision if p else None,
            "score": round(self.score, 4), "literal": self.literal, "kind": "demonym" if self.demonym else "name",
        }


@dataclass
class _Span:
    ts: int
    te: int
    source: str  # "ner" | "weak" | "gaz" | "demonym" | "abbr" | "ctx"
    feature: str | None = None
    country: str | None = None
    admin1: str | None = None
    embedded: bool = False  # a name cut out of an institution's ("St. Louis Police" -> "St. Louis")
    facility: bool = False  # the name of, or a name cut out of, a facility's ("Carnegie Library", "Hampton Avenue")
    street: bool = False  # a street's name ("Larchmont Drive"): never a gazetteer reading, placed at its town
    road: bool = False  # a British or Irish road number ("the A58"): a street, where the article is about those
    listed: bool = False  # a street named in a list before one plural street word ("Garnet and Quillan streets")
    venue: bool = False  # a building's name before "in <town>" or ", <town>" ("the Orlen Hospital in Tarnby")
    worded: bool = False  # a venue named as a building ("X Hospital", "X restaurant"), not only placed "at"


@functools.lru_cache(maxsize=4)
def _phrase_index(gaz: Gazetteer) -> tuple[frozenset, int]:
    keys = frozenset(k for k in gaz.phrase_keys() if k not in COMMON_WORDS and len(k) > 2)
    longest = max((k.count(" ") + 1 for k in keys), default=1)
    return keys, min(longest, 6)


@functools.lru_cache(maxsize=4)
def _short_keys(gaz: Gazetteer) -> frozenset:
    """Two-letter curated aliases ("BC", "KP"): matched only as one token in capitals that no number precedes
    ("ServiceDesk BC", not "300 BC" nor "Bc")."""
    return frozenset(k for k, entries in gaz.index.items() if len(k) == 2 and k.isalpha()
                     and any(m == CURATED for _, m, _ in entries))


@functools.lru_cache(maxsize=4)
def _capitals(gaz: Gazetteer) -> frozenset:
    path = Path(str(resources.files("flashpoint") / "data" / "places" / "capitals.tsv"))
    rows = set()
    for p in read_aliases(path):
        row = gaz.by_gid.get(int(p[1]))
        if row is not None:
            rows.add(row)
    return frozenset(rows)


def _is_cap(tok) -> bool:
    t = tok.text
    return bool(t) and (t[0].isupper() or (t[0] == "'" and len(t) > 1))


# Entities whose words may contain a place name used as a modifier ("Toronto Police Service", "Bank of Canada",
# "the Venice Film Festival", "HSBC Malta", a currency: "5,000 Swiss francs"): such names are recognised as
# non-literal toponyms.
CONTAINER_LABELS = {"ORG", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "NORP", "LANGUAGE", "MONEY"}


def _ner_spans(doc, gaz: Gazetteer, venues: Iterable[str] = ()) -> tuple[list[_Span], list[tuple[int, int]],
                                                                        list[tuple[int, int]]]:
    """Place entities (and the weak ones with a place cue), and the token ranges of the other entities: those
    that may hold an embedded place name, and those (PERSON, dates, numbers) that may not. ``venues``: the
    names of buildings the article places (``_venue_spans``), normalised: an organisation's or person's entity of
    that name is that building too."""
    spans, containers, blocked = [], [], []
    # one sense per discourse: an organisation's or person's entity whose name is a building's elsewhere in the
    # article ("taken to the Orlen Clinic" ... "staff of the Orlen Clinic said") is that building
    venues = set(venues) | {_bare(doc, ent) for ent in doc.ents
                            if ent.label_ in ("ORG", "PERSON") and _venue_entity(doc, ent, gaz)}
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            end = ent.end
            start = ent.start
            if start > 0 and doc[start - 1].is_lower and doc[start - 1].lower_ in DIRECTION_WORDS and any(
                    gaz.kinds[r] == REGION for r, _, _ in gaz.candidates(doc[start - 1:ent.end].text)):
                # "the south Pacific": the South Pacific Ocean, a sea or region of its own, written in lower case
                spans.append(_Span(start - 1, ent.end, "ner"))
                continue
            if end < len(doc) and _is_cap(doc[end]) and doc[end].is_alpha and not gaz.is_name(ent.text) \
                    and gaz.is_name(doc[ent.start:end + 1].text):
                end += 1  # "Fort St." + "James": the model's place cut short of the gazetteer's name
            spans.extend(_split_list(doc, ent.start, end, gaz))
            continue
        text = ent.text
        if gaz.demonym_row(text) is not None and (ent.label_ == "NORP" or not gaz.is_name(text)):
            spans.append(_Span(ent.start, ent.end, "demonym"))  # "Canadian", "Spanish" are also town names
            continue
        if ent.label_ in ("ORG", "PERSON") and _bare(doc, ent) in venues:
            spans.append(_Span(ent.start, ent.end, "ner", facility=True, venue=True, worded=True))
            continue
        if ent.label_ in ("ORG", "PERSON"):
            sp = _Span(ent.start, ent.end, "weak")
            if _weak_ok(doc, sp, gaz):
                spans.append(sp)
                continue
        end = _dash_end(doc, ent)
        if ent.label_ in CONTAINER_LABELS:
            containers.append((ent.start, end))
        elif not _misdated(ent):
            blocked.append((ent.start, end))
    return spans, containers, blocked


def _bare(doc, ent) -> str:
    """An entity's name without a leading article, normalised."""
    ts = ent.start
    while ts < ent.end and doc[ts].lower_ in ("the", "a", "an"):
        ts += 1
    return normalise(doc[ts:ent.end].text)


def _venue_entity(doc, ent, gaz: Gazetteer) -> bool:
    """Whether an organisation's or person's entity is a building's name, placed as one: it ends in a capitalised
    venue word (``VENUE_WORDS``) after a place preposition ("taken to the Orlen Memorial Hospital", "charged at
    Kelso Court"); or, taken for a person's, it opens or ends with one ("the old Hotel Orlen"). No part of it may be
    a known place's name ("the Tarnby Hospital" names its town, read as such)."""
    ts, te = ent.start, ent.end
    while ts < te and doc[ts].lower_ in ("the", "a", "an"):
        ts += 1
    if ts >= te:
        return False
    b = ts - 1
    while b >= 0 and doc[b].lower_ in ("the", "a", "an"):
        b -= 1
    prep = doc[b].lower_ if b >= 0 else ""
    if te - ts < 2:
        return False
    elif ent.label_ == "PERSON" and any(_is_cap(doc[k]) and doc[k].lower_ in VENUE_WORDS for k in (ts, te - 1)):
        pass  # "Hotel Orlen", "Courthouse Kelso", "Kelso Racecourse": no person's name
    elif not _is_cap(doc[te - 1]) or doc[te - 1].lower_ not in VENUE_WORDS or prep not in PLACE_PREPS:
        return False
    return not _names_place(doc, ts, te, gaz)


def _names_place(doc, ts: int, te: int, gaz: Gazetteer) -> bool:
    """Whether a building's name opens or closes with a known place's (``_known_place``; "the Tarnby General
    Hospital"), not counting words no place is named by alone ("Central", "North", "Hospital")."""
    for k in range(ts + 1, te):
        for a, b in ((ts, k), (k, te)):
            if not all(doc[j].lower_ in _GENERIC_NAME_WORDS for j in range(a, b)) \
                    and _known_place(gaz, doc[a:b].text):
                return True
    return False


def _known_place(gaz: Gazetteer, text: str) -> bool:
    """Whether a name is a country's, a province's, a county's or a town's of HAMLET_POP or more (not any hamlet's:
    "Rosa", "Mercy")."""
    return any(gaz.kinds[r] in (COUNTRY, ADMIN1, ADMIN2) or gaz.kinds[r] == CITY and gaz.pops[r] >= HAMLET_POP
               for r, m, _ in gaz.index.get(normalise(text), ()) if m in (PRIMARY, ALIAS, CURATED))


def _dash_end(doc, ent) -> int:
    """Where an entity really ends: at a dash set off by spaces inside it ("Halvorsen - Wisconsin" tagged one person is
    a name, a dash and another name); what follows the dash is read as untagged text."""
    for k in range(ent.start + 1, ent.end - 1):
        if doc[k].text in DATELINE_DASHES and doc[k - 1].whitespace_ and doc[k].whitespace_:
            return k
    return ent.end


def _misdated(ent) -> bool:
    """Whether a DATE or TIME entity is the model's mislabel of a name ("in Tabqa" tagged DATE): capitalised
    proper nouns only, with no number, month, weekday or holiday among them. Its words are then read as any
    unlabelled text's."""
    if ent.label_ not in ("DATE", "TIME"):
        return False
    words = [t for t in ent if not t.is_punct]
    return bool(words) and all(t.is_alpha and _is_cap(t) and t.pos_ == "PROPN" and t.lower_ not in CALENDAR_WORDS
                               and t.lower_ not in HOLIDAYS for t in words)


def _split_list(doc, ts: int, te: int, gaz: Gazetteer) -> list[_Span]:
    """A place entity that is no name but two countries' or provinces' names side by side, their comma missing
    ("in France, Spain Portugal and Italy"): two names."""
    if te - ts >= 2 and not gaz.is_name(doc[ts:te].text):
        def big(a: int, b: int) -> bool:  # "Southern Ohio" is a part of Ohio: a direction word is no name
            return any(doc[k].lower_ not in DIRECTION_WORDS for k in range(a, b)) and any(
                gaz.kinds[r] in (COUNTRY, ADMIN1) and m != STEM for r, m, _ in gaz.candidates(doc[a:b].text))
        for k in range(ts + 1, te):
            if big(ts, k) and big(k, te):
                return [_Span(ts, k, "ner"), _Span(k, te, "ner")]
    return [_Span(ts, te, "ner")]


def _person_names(doc, gaz: Gazetteer) -> frozenset[str]:
    """Names the article gives a person (normalised): the first and last word of a full personal name ("Georgia
    Stevens", "John Bolton") and a name after an honorific ("Mr Paterson"). One sense per discourse: the article's
    bare "Georgia", "Bolton", "Paterson" are that person too, wherever no place cue says otherwise
    (``_place_cued``). A name the model took for a person in a headline ("Rethinking Peru") or with an
    institution's word ("Fairview Police") is no evidence, and a name the article also gives a place
    (``_place_cued``: "in Nelson", "Nelson, B.C.") is a place wherever it stands bare."""
    names: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON" or gaz.is_name(ent.text) or _headline(ent.sent):
            continue
        words = [t for t in ent if t.is_alpha]
        while words and not (_is_cap(words[0]) and words[0].pos_ == "PROPN"):
            words.pop(0)  # "Nine-year-old Georgia Stevens"
        if len(words) < 2 or ent[-1].tag_ == "NNPS" or ent[-1].lower_ in STREET_WORDS or any(
                t.pos_ in ("PUNCT", "PART") for t in doc[words[0].i:ent.end]):
            continue  # "Halvorsen - Wisconsin", "Fairview Commonwealth's", "Seattle Seahawks"
        if len(words) >= 2 and all(_is_cap(t) and t.pos_ == "PROPN" and t.lower_ not in INSTITUTION_WORDS
                                   and t.lower_ not in VENUE_WORDS for t in words):  # nor "Hotel Orlen"
            names.update(normalise(t.text) for t in (words[0], words[-1]))
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if tok.lower_.rstrip(".") in HONORIFICS and _is_cap(nxt) and nxt.is_alpha and not _headline(tok.sent):
            names.add(normalise(nxt.text))
    return frozenset(names)


def _headline(sent) -> bool:
    """A title-case line ("Painter Orlov Returns to Kazan"): every word capitalised says nothing of what it is."""
    words = [t for t in sent if t.is_alpha and not t.is_stop]
    return len(words) >= 2 and all(_is_cap(t) for t in words)


def _place_cued(doc, sp: _Span) -> bool:
    """Whether this mention of a name says it is a place: a place preposition before it ("in Nelson"), a feature
    word after it ("Nelson County") or before its "of" ("the town of Nelson"), a container ("Nelson, B.C.")."""
    if sp.feature or sp.country or sp.admin1:
        return True
    before = sp.ts - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    possessor = sp.te < len(doc) and doc[sp.te].text in ("'s", "\u2019s")  # "from Georgia's hard work"
    # "offering the job to Harlow": a recipient the model takes for a person, no destination
    recipient = before >= 0 and doc[before].dep_ == "dative" and doc[sp.ts].ent_type_ == "PERSON"
    if before >= 0 and doc[before].lower_ in PLACE_PREPS and not possessor and not recipient:
        return True
    if _listed_after_place(doc, sp.ts, sp.te):
        return True
    return sp.te < len(doc) and (doc[sp.te].lower_ in CUE_AFTER or doc[sp.te].text in SITE_WORDS)


def _heads_institution_name(doc, sp: _Span) -> bool:
    """Whether a name opens a town's institution's name: a capitalised institution word follows it ("Denver
    Police", "Denver Fire"). That names the town as a place as surely as "in Denver" does, whatever the model
    makes of "Denver Broncos" (a person's first and last name?) elsewhere."""
    return sp.te < len(doc) and doc[sp.te].text[:1].isupper() and doc[sp.te].lower_ in INSTITUTION_WORDS


def _demonym_spans(doc, gaz: Gazetteer, containers: list[tuple[int, int]]) -> list[_Span]:
    """Capitalised demonym words the model missed or buried in an entity ("Canadian Press", "Salvadoran migrant").
    A demonym that is also a town's name ("Canadian", Texas; "English", Indiana) is the demonym when it is an
    adjective or a word of an organisation's or event's name: the town reading needs a noun on its own."""
    out = []
    for tok in doc:
        if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and _is_cap(tok) and _is_cap(doc[tok.i + 2]) \
                and not tok.whitespace_ and not doc[tok.i + 1].whitespace_ and gaz.combining_row(tok.text) is not None:
            out.append(_Span(tok.i, tok.i + 1, "demonym"))  # "Sino-Indian", "Italo-Ethiopian": a combining form
            continue
        if _is_cap(tok) and tok.pos_ in ("ADJ", "PROPN", "NOUN") and len(tok.text) > 2 and not tok.is_upper:
            if gaz.demonym_row(tok.text) is not None and (
                    not gaz.is_name(tok.text) or tok.pos_ == "ADJ"
                    or any(s <= tok.i < e for s, e in containers)):
                # the longest demonym that ends here: "North American" is the continent's, not "American"
                start = next((j for j in range(max(0, tok.i - 2), tok.i) if all(_is_cap(t) for t in doc[j:tok.i])
                              and gaz.demonym_row(doc[j:tok.i + 1].text) is not None), tok.i)
                out.append(_Span(start, tok.i + 1, "demonym"))
    return out


def _gaz_spans(doc, gaz: Gazetteer, keys: frozenset, longest: int) -> list[_Span]:
    spans = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if _is_cap(tok) and (dash_head(tok.text).endswith(".") or i >= 1 and doc[i - 1].text == "," and i + 1 < n
                             and doc[i + 1].text == "." or _dateline_abbreviation(doc, i)) \
                and gaz.abbreviation_row(tok.text, split_dot=True) is not None:
            spans.append(_Span(i, i + 1, "abbr"))  # "Calif.", "Wainwright, Alta.", "SOMERSET, Ky (WXYZ)"
            i += 1
            continue
        if not _is_cap(tok) or tok.is_stop and tok.is_sent_start:
            i += 1
            continue
        found = 0
        for m in range(min(longest, n - i), 0, -1):
            last = doc[i + m - 1]
            if not _is_cap(last):
                continue
            if any(not (_is_cap(t) or t.lower_ in CONNECTORS) for t in doc[i + 1:i + m - 1]):
                continue
            key = normalise(doc[i:i + m].text)
            if key in keys:
                if m == 1 and tok.pos_ not in ("PROPN",) and not tok.is_upper:
                    break
                if all(match == STEM for _, match, _ in gaz.index.get(key, ())) and (
                        i + m < n and _is_cap(doc[i + m]) and doc[i + m].is_alpha
                        or i > 0 and _is_cap(doc[i - 1]) and doc[i - 1].is_alpha and not tok.is_sent_start):
                    break  # "Free" (Free State) inside "North American Free Trade Agreement": a word of a longer name
                found = m
                break
        if not found and len(tok.text) == 2 and tok.is_upper and tok.lower_ in _short_keys(gaz) \
                and not (i > 0 and doc[i - 1].like_num) and not (
                    tok.lower_ in LEGAL_FORMS and i > 0 and _is_cap(doc[i - 1]) and doc[i - 1].is_alpha
                    and not doc[i - 1].is_stop):
            # "ServiceDesk BC", "in SA": a province's or country's two-letter abbreviation as news writes it; not a
            # company's legal form after its name ("Airbus SA")
            found = 1
        if not found and tok.lower_ in COMMON_WORDS and i > 0 and doc[i - 1].lower_ == "the" and tok.text.istitle() \
                and not (i + 1 < n and (_is_cap(doc[i + 1]) or doc[i + 1].lower_ in ("of", "-", "\u2013"))) \
                and any(gaz.kinds[r] == REGION and m == CURATED for r, m, _ in gaz.index.get(tok.lower_, ())):
            found = 1  # "between Moscow and the West": a common word that is a curated region's name, as a noun
        if not found and tok.is_upper and len(tok.text) > 1 and tok.lower_ in COMMON_WORDS and gaz.is_name(tok.text) \
                and not (i > 0 and doc[i - 1].is_upper or i + 1 < n and doc[i + 1].is_upper):
            found = 1  # an acronym amid lower-case text ("the ACT") is the name, not the common word ("Act")
        if not found and tok.lower_ in COMMON_WORDS and tok.ent_type_ == "ORG" and tok.pos_ == "PROPN" \
                and (tok.ent_iob_ == "B" or i > 0 and doc[i - 1].ent_iob_ == "B" and doc[i - 1].lower_ == "the") \
                and i + 1 < n and _is_cap(doc[i + 1]) and doc[i + 1].ent_type_ == "ORG" \
                and any(gaz.kinds[r] == COUNTRY and m == PRIMARY for r, m, _ in gaz.index.get(tok.lower_, ())):
            found = 1  # "the Georgia Ports Authority": a country's name (a state's too) opening an organisation's
        if found:
            spans.append(_Span(i, i + found, "gaz"))
            i += found
        else:
            i += 1
    return spans


DATELINE_DASHES = {"-", "--", "\u2013", "\u2014", "\u2015"}


def _dateline_abbreviation(doc, i: int) -> bool:
    """Whether token ``i`` stands where a dateline's state abbreviation does, written without its dot: after an
    all-capitals town and a comma, before punctuation ("SOMERSET, Ky (WXYZ) --", "MARLOW, Okla -")."""
    return i >= 2 and doc[i - 1].text == "," and doc[i - 2].is_upper and doc[i - 2].is_alpha \
        and len(doc[i - 2].text) > 1 and (i + 1 == len(doc) or doc[i + 1].is_punct)


def _dateline_spans(doc, gaz: Gazetteer) -> list[_Span]:
    """A dateline's place: an all-capitals gazetteer name that opens the text or a sentence and is followed by a
    dash or a comma ("TORRINGTON \u2014 The council", "PLEASANTON, Calif. -"). The model seldom tags a town's name in
    capitals; a dateline names the place the story is told from."""
    out = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        opens = i == 0 or tok.is_sent_start or doc[i - 1].is_space and "\n" in doc[i - 1].text \
            or doc[i - 1].text in (".", "!", "?")
        if not (opens and tok.is_alpha and tok.is_upper and len(tok.text) > 1):
            i += 1
            continue
        j = i
        while j < n and j - i < 5 and (doc[j].is_alpha and doc[j].is_upper or doc[j].text in (".", "'S", "\u2019S")
                                       and j > i):
            j += 1
        if j < n and (doc[j].text in DATELINE_DASHES or doc[j].text == ",") and gaz.is_name(doc[i:j].text):
            out.append(_Span(i, j, "ner"))
        i = max(j, i + 1)
    return out


def _venue_spans(doc, gaz: Gazetteer) -> list[_Span]:
    """Buildings and venues the text places in a town ("the Orlen Memorial Hospital in Tarnby", "the Kelso Court,
    Tarnby", "at Casa Mirta restaurant in Tarnby", "at the Pellworth in Tarnby"): a capitalised name (and the
    lower-case words after it) before "in" or a comma and a capitalised word, when the name ends in a venue word
    (``VENUE_WORDS``) or follows "at". The model tags such names as organisations or people, or not at all; the
    gazetteer lacks them. Held by the town after them (``_venue_towns``), or as any facility where none follows;
    one only placed "at" is kept only where one does. Not a place's name or a demonym ("the Russian consulate in
    Tarnby" is Russia's), nor a street's. Also capitalised words the model leaves untagged before a lower-case
    site word ("the Orsena Vale intersection"), and the street after "<number> block of" ("the 400 block of
    Quillon")."""
    out = []
    n = len(doc)

    def word(tok) -> bool:  # a word of a name: "Orlen", "St.", "T.J.", the number of "Expo 2030"
        return (_is_cap(tok) and (tok.is_alpha or tok.text.endswith(".") and len(tok.text) <= 4)
                or tok.like_num and tok.i > 0 and _is_cap(doc[tok.i - 1])) \
            and (not tok.is_sent_start or tok.pos_ == "PROPN")

    for i in range(2, n - 1):
        if doc[i].lower_ not in _HOLDER_PREPS or not _is_cap(doc[i + 1]) or not doc[i + 1].is_alpha:
            continue
        e = k = i
        while k > 0 and e - k < 2 and doc[k - 1].is_lower and doc[k - 1].is_alpha and doc[k - 1].pos_ == "NOUN":
            k -= 1  # "Casa Mirta restaurant", "the Pellworth gas station"
        worded = k < e and doc[e - 1].lower_ in VENUE_WORDS
        if not worded:
            k = e
        s = k
        while s > 0 and k - s < 6 and (word(doc[s - 1]) or doc[s - 1].text in ("'s", "\u2019s") and s < k
                                       or doc[s - 1].lower_ in ("of", "&") and s < k):
            s -= 1
        while s < k and doc[s].lower_ in ("of", "&", "'s", "\u2019s"):
            s += 1
        if s >= k or not _is_cap(doc[s]) or doc[s].is_stop:
            continue
        if not worded and doc[k - 1].lower_ in VENUE_WORDS and k - s >= 2:
            worded = True
        at = s >= 1 and doc[s - 1].lower_ == "at" \
            or s >= 2 and doc[s - 1].lower_ == "the" and doc[s - 2].lower_ == "at"
        name = doc[s:k].text
        if not (worded or at) or gaz.is_name(name) and not _acronym(doc, s, k, gaz) \
                or doc[k - 1].lower_ in STREET_WORDS or not worded and doc[k - 1].lower_ in FACILITY_WORDS:
            continue  # "at the Hampton Library in Denver": a facility named for a town, read as before
        if any(gaz.demonym_row(doc[j].text) is not None for j in range(s, k)):
            s = k  # "the Dutch Hotel, Leeds": a building named with a demonym, held beside it; its town still is one
        if any(doc[j].ent_type_ in ("GPE", "LOC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT")
               for j in range(s, k)):
            continue  # a place the model knows ("Tarnby Township, Kelso") is read as one
        if worded and _names_place(doc, s, k, gaz):
            continue  # "the Denver General Hospital in Denver" names its town, read as such
        if not worded and any(gaz.kinds[r] in (COUNTRY, ADMIN1) for j in range(s, k) for m in range(j + 1, k + 1)
                              for r, _, _ in gaz.index.get(normalise(doc[j:m].text), ())):
            continue  # "at the Ruritania Games in Tarnby": an event of a country's, no building
        if s < k:
            out.append(_Span(s, e, "ner", facility=True, venue=True, worded=worded))
        if worded and doc[i].text == "," and doc[i + 1].ent_type_ not in ("GPE", "LOC"):
            # "the Orlen Hotel, Kelso;": the town after a building's name and a comma, whatever the model calls it
            j = i + 1
            while j < n and j - i <= 3 and _is_cap(doc[j]) and doc[j].is_alpha:
                j += 1
            if (j == n or doc[j].is_punct) and any(gaz.kinds[r] == CITY for r, _, _ in gaz.candidates(
                    doc[i + 1:j].text)):
                out.append(_Span(i + 1, j, "ner"))
    for i in range(2, n - 1):
        # "the 400 block of Quillon": a street, named without its street word, as police reports write it
        if doc[i].lower_ == "of" and doc[i - 1].lower_ == "block" and doc[i - 2].like_num and _is_cap(doc[i + 1]) \
                and doc[i + 1].is_alpha and doc[i + 1].ent_type_ not in ("GPE", "LOC"):
            j = i + 1
            while j < n and j - i <= 3 and _is_cap(doc[j]) and doc[j].is_alpha:
                j += 1
            out.append(_Span(i + 1, j, "ner", facility=True, street=True, listed=True))
    for i in range(1, n):
        # "the Orsena Vale intersection": capitalised words the model leaves untagged or takes for a people's
        # adjective, before a lower-case site word: a site the gazetteer lacks (the model's organisations and
        # persons before one are read in ``_weak_ok``)
        if doc[i].text not in SITE_WORDS:
            continue
        s = i
        while s > 0 and i - s < 4 and _is_cap(doc[s - 1]) and doc[s - 1].is_alpha and not doc[s - 1].is_sent_start \
                and doc[s - 1].ent_type_ in ("", "NORP"):
            s -= 1
        if s < i and i - s >= 2 and not gaz.is_name(doc[s:i].text) and gaz.demonym_row(doc[s:i].text) is None:
            out.append(_Span(s, i, "ner", facility=True, venue=True, worded=True))
    return out


def _acronym(doc, s: int, k: int, gaz: Gazetteer) -> bool:
    """Whether the one word at ``s:k`` is an acronym in capitals that reads only as a town written otherwise ("at the
    OSA in Tarnby": an organisation's, not the village of Osa)."""
    return k - s == 1 and _acronym_lookalike(doc, _Span(s, k, "ner"), gaz)


def _street_spans(doc) -> list[_Span]:
    """Streets: one to four capitalised words (or ordinals, "22nd") before a capitalised street word that ends the
    name ("Larchmont Drive", "W. Elm St.", "Cedar Hollow Boulevard"). The small model tags many a street as a person
    or an organisation, or not at all; the street word says what it is. "St." before a capitalised name is "Saint"
    ("St. Louis"), and a street word followed by another capitalised word is part of a longer name ("Elm Street
    School")."""
    out = []
    n = len(doc)
    for i in range(1, n):
        tok = doc[i]
        if tok.lower_ not in STREET_WORDS or not tok.text[:1].isupper() or tok.is_sent_start:
            continue
        if i + 1 < n and _is_cap(doc[i + 1]) and doc[i + 1].is_alpha and not doc[i + 1].is_sent_start \
                and doc[i + 1].lower_ not in CALENDAR_WORDS:  # "on Pine St. Monday": the street, then a day
            continue
        j = i
        while j > 0 and i - j < 4 and not doc[j].is_sent_start and _street_name_word(doc[j - 1]):
            j -= 1
        while j < i and doc[j].lower_ in ("the", "a", "an"):
            j += 1
        if j == i or doc[i - 1].lower_ in DIVISION_WORDS or any(
                len(doc[k].text) == 2 and doc[k].text[1] == "." for k in range(j + 1, i)):
            continue  # "Crow Wing County Road 80" is the county's road; "Harold J. Lane" is a person
        if any(doc[k].is_alpha and doc[k].lower_ not in DIRECTION_WORDS for k in range(j, i)):
            out.append(_Span(j, i + 1, "ner", facility=True, street=True))
    return out + _street_list_spans(doc)


def _street_list_spans(doc) -> list[_Span]:
    """Streets named together before one plural street word: "down Garnet and Quillan streets", "at Queen,
    King and Bay streets": each capitalised name of the list is a street (its span is the name alone)."""
    out = []
    for i in range(3, len(doc)):
        word = doc[i].lower_
        if not (word.endswith("s") and word[:-1] in STREET_WORDS):
            continue
        names: list[tuple[int, int]] = []
        k = i
        while k > 0:
            e = k
            while k > 0 and e - k < 3 and _is_cap(doc[k - 1]) and doc[k - 1].is_alpha and not doc[k - 1].is_sent_start:
                k -= 1
            if k == e:
                break
            names.append((k, e))
            if k > 0 and doc[k - 1].lower_ in ("and", "or", ","):
                k -= 1
                continue
            break
        if len(names) >= 2 and names[0][0] > 0 and doc[names[0][0] - 1].lower_ in ("and", "or"):
            out.extend(_Span(a, b, "ner", facility=True, street=True, listed=True) for a, b in names)
    return out


ROAD_NUMBER = re.compile(r"[AMBN]\d{1,4}")  # "A58", "M25", "N7": British and Irish road numbers
ROAD_COUNTRIES = frozenset({"GBR", "IRL"})  # where news names a road by its number alone


def _road_spans(doc) -> list[_Span]:
    """Road numbers as British and Irish news writes them: "the A58", "the M25", and the next ones of a list
    ("via the A61, A64 and A1"). Not one a capitalised word follows, a longer name's ("the A3 Kingston By-pass"),
    nor a bare code ("levels B1 and B2"). Read as streets, only where the article is about Britain or
    Ireland (see ``geoparse``)."""
    out = []
    n = len(doc)
    for i in range(1, n):
        if not ROAD_NUMBER.fullmatch(doc[i].text):
            continue
        if i + 1 < n and _is_cap(doc[i + 1]) and doc[i + 1].is_alpha and not doc[i + 1].is_sent_start:
            continue
        prev = doc[i - 1].lower_
        listed = prev in (",", "and", "or") and bool(out) and out[-1].te in (i - 1, i - 2)
        if prev == "the" or listed:
            out.append(_Span(i, i + 1, "ner", facility=True, street=True, road=True))
    return out


def _street_name_word(tok) -> bool:
    """A word that may stand in a street's name before its street word: a capitalised word, an initial or
    abbreviated direction ("E.", "N."), an ordinal ("22nd")."""
    t = tok.text
    if not t or tok.is_space:
        return False
    if t[0].isdigit():
        return t[-2:].lower() in ("st", "nd", "rd", "th") and t[:-2].isdigit()
    return _is_cap(tok) and (tok.is_alpha or t.endswith(".") and len(t) <= 3 and t[:-1].isalpha())


def _division_spans(doc, gaz: Gazetteer) -> list[_Span]:
    """A division's name written with its division word ("Kandiyohi County", "Jefferson Parish"): up to three
    capitalised words and the word, when the gazetteer holds the whole as a province or district. The word says
    it is a place, whatever entity the model puts it in ("the Aitkin County Sheriff's Office", a person).
    A feature word of a province's or county's kind ("Mizoram State", "Kurdistan Region") does the same after a
    name the gazetteer holds as a division of that kind: Nigerian and Indian news name their states so."""
    out = []
    want = {ADMIN1: "admin1", ADMIN2: "admin2"}
    for i in range(1, len(doc)):
        tok = doc[i]
        feature = CUE_AFTER.get(tok.lower_)
        if tok.lower_ not in DIVISION_WORDS and feature not in ("admin1", "admin2") or not tok.text[:1].isupper():
            continue
        for j in range(max(0, i - 3), i):
            if not all(_is_cap(doc[k]) and (doc[k].is_alpha or doc[k].text == ".") for k in range(j, i)):
                continue
            if any(gaz.kinds[r] in (ADMIN1, ADMIN2) for r, _, _ in gaz.index.get(normalise(doc[j:i + 1].text), ())):
                out.append(_Span(j, i + 1, "ner"))
                break
            if tok.lower_ not in DIVISION_WORDS and any(
                    want.get(gaz.kinds[r]) == feature and m != STEM
                    for r, m, _ in gaz.index.get(normalise(doc[j:i].text), ())):
                out.append(_Span(j, i + 1, "ner", feature=feature))
                break
    return out


def _trim(doc, sp: _Span, gaz: Gazetteer) -> _Span | None:
    ts, te = sp.ts, sp.te
    while ts < te and doc[ts].lower_ in ("the", "a", "an"):
        ts += 1
    if te - ts > 2 and doc[ts].lower_ in CUE_BEFORE and doc[ts + 1].lower_ == "of" and not sp.street \
            and not gaz.is_name(doc[ts:te].text) and gaz.is_name(doc[ts + 2:te].text):
        # "The City of Montreal", "the Province of Alberta" as one entity: the name, its kind a cue
        sp.feature = sp.feature or CUE_BEFORE[doc[ts].lower_]
        ts += 2
    after = te + 1 if te < len(doc) and doc[te].text in ("'s", "\u2019s") else \
        te if te - ts > 1 and doc[te - 1].text in ("'s", "\u2019s") else None
    if after is not None and after < len(doc) and _is_cap(doc[after]) and doc[after].lower_ in FACILITY_WORDS:
        sp.facility = True  # "St. Peter's Basilica", "St. Paul's Hospital": a building named for someone
    while te > ts and doc[te - 1].text in ("'s", "\u2019s", "'", "\u2019"):
        te -= 1
    if te - ts > 1 and doc[te - 1].lower_ in CUE_AFTER and not sp.street:
        # "Baluchestan province" -> "Baluchestan" + feature cue; keep "Metcalfe County", "Mexico City" whole
        if not gaz.is_name(doc[ts:te].text) and gaz.is_name(doc[ts:te - 1].text):
            sp.feature = sp.feature or CUE_AFTER[doc[te - 1].lower_]
            te -= 1
    if te - ts > 1 and sp.source in ("ner", "weak") and not sp.street and not sp.venue \
            and not gaz.is_name(doc[ts:te].text):
        # "St. Louis Police", "Queensland Police Service": the place name before an institution's words
        k = te
        while k > ts + 1 and doc[k - 1].lower_ in INSTITUTION_WORDS:
            k -= 1
        if k < te and gaz.is_name(doc[ts:k].text):
            # "Kandiyohi County Jail" is in Kandiyohi County: a county's or district's facility is in its jurisdiction
            sp.facility = any(doc[j].lower_ in FACILITY_WORDS for j in range(k, te)) \
                and not any(" " + doc[j].lower_ in _GENERIC_SUFFIXES for j in range(k, te))
            te = k
            sp.embedded = True
    if doc[te - 1].lower_ in FACILITY_WORDS and te - ts > 1:
        sp.facility = True  # "Washington Square": a facility the gazetteer also has as a town
    if ts >= te:
        return None
    sp.ts, sp.te = ts, te
    return sp


def _merge(doc, spans: list[_Span]) -> list[_Span]:
    """Overlaps: a longer span wins; at equal length NER wins over a gazetteer match."""
    rank = {"abbr": 0, "ner": 0, "demonym": 0, "weak": 1, "gaz": 1}
    # a building placed in a town wins over the model's entity that cuts it short ("the Orlen Children's" + "Clinic")
    ordered = sorted(spans, key=lambda s: (-(s.te - s.ts), -1 if s.venue else rank[s.source], s.ts))
    taken: list[_Span] = []
    occupied = [False] * len(doc)
    for sp in ordered:
        if any(occupied[sp.ts:sp.te]):
            continue
        taken.append(sp)
        for k in range(sp.ts, sp.te):
            occupied[k] = True
    taken.sort(key=lambda s: s.ts)
    return taken


def _cues(doc, sp: _Span, by_start: dict[int, _Span], gaz: Gazetteer) -> None:
    """Feature and container cues around a span."""
    n = len(doc)
    if sp.te < n and not sp.feature:
        w = doc[sp.te].lower_
        # "Panjgur district"; but "a U.S. city", "an Afghan village": a country before "city" is its modifier
        if w in CUE_AFTER and not (CUE_AFTER[w] == "city" and any(
                gaz.kinds[r] == COUNTRY for r, _, _ in gaz.candidates(doc[sp.ts:sp.te].text))):
            sp.feature = CUE_AFTER[w]
    if sp.ts >= 2 and doc[sp.ts - 1].lower_ == "of" and doc[sp.ts - 2].lower_ in CUE_BEFORE:
        sp.feature = sp.feature or CUE_BEFORE[doc[sp.ts - 2].lower_]
    # "California or Washington", "Texas and Georgia": a name joined to a state's by "and"/"or" is a state too,
    # when it can be one (no cue said otherwise)
    # and it is not a province named for its own town ("Beirut and Mount Lebanon": Beirut is the city)
    if not sp.feature:
        rows = [r for r, _, _ in gaz.candidates(doc[sp.ts:sp.te].text)]
        for other in _coordinated(doc, sp, by_start):
            place, score = gaz.resolve(doc[other.ts:other.te].text, merge_same=False)
            if place is None or score < COORDINATED_SCORE or place.precision != "admin1":
                continue
            provinces = [r for r in rows if gaz.kinds[r] == ADMIN1 and gaz.countries[r] == place.country]
            towns_in_them = {gaz.admin1[r] for r in rows if gaz.kinds[r] == CITY}
            if provinces and not any(gaz.admin1[r] in towns_in_them for r in provinces):
                sp.feature = "admin1"
                break
    # "X, Pakistan" / "Springfield, Illinois"
    if sp.te + 1 < n and doc[sp.te].text == ",":
        nxt = by_start.get(sp.te + 1)
        # but "Washington, New York and Boston" is a list: a container is followed by a comma or the sentence's
        # end, never by a bare "and"/"or" before the next name
        if nxt is not None and not (nxt.te + 1 < n and doc[nxt.te].lower_ in ("and", "or")
                                    and (nxt.te + 1) in by_start):
            before = (sp.country, sp.admin1)
            _container(gaz, doc[nxt.ts:nxt.te].text, sp,
                       holds=[r for r, _, _ in gaz.candidates(doc[sp.ts:sp.te].text)])
            # "Tokyo, SANA -": a name the gazetteer holds, none of whose readings lies in the would-be container,
            # is not in it (a news agency after a dateline); names the gazetteer lacks keep the cue
            if (sp.country, sp.admin1) != before:
                own = [r for r, _, _ in gaz.candidates(doc[sp.ts:sp.te].text)]
                if own and not any(gaz.countries[r] == sp.country and (not sp.admin1 or gaz.admin1[r] == sp.admin1
                                                                       or gaz.kinds[r] == COUNTRY)
                                   for r in own):
                    sp.country, sp.admin1 = before
    # "Iran's Sistan and Baluchestan", "Pakistan's Balochistan province"
    if sp.ts >= 2 and doc[sp.ts - 1].text in ("'s", "\u2019s"):
        j = sp.ts - 2
        k = j
        while k > 0 and _is_cap(doc[k - 1]) and sp.ts - k < 5:
            k -= 1
        for a in range(k, j + 1):
            if gaz.is_name(doc[a:j + 1].text):
                _container(gaz, doc[a:j + 1].text, sp, countries_only=True)
                break


COORDINATED_SCORE = 0.8  # how sure the reading of the other name must be, on its own, to make this one its kind


def _coordinated(doc, sp: _Span, by_start: dict[int, _Span]) -> list[_Span]:
    """The spans joined to ``sp`` by a bare "and"/"or" on either side."""
    out = []
    if sp.te + 1 < len(doc) and doc[sp.te].lower_ in ("and", "or") and (sp.te + 1) in by_start:
        out.append(by_start[sp.te + 1])
    if sp.ts >= 2 and doc[sp.ts - 1].lower_ in ("and", "or"):
        out += [o for o in by_start.values() if o.te == sp.ts - 1]
    return out


def _container(gaz: Gazetteer, text: str, sp: _Span, countries_only: bool = False,
               holds: list[int] | None = None) -> None:
    """The country or province ``text`` names, as the container of ``sp``. ``holds``: the rows of the contained
    name; when some are given, a reading of the container that holds none of them gives way to one that does
    ("Athens, Georgia" is in the US state, since the country Georgia has no Athens)."""
    row = None if countries_only else gaz.abbreviation_row(text, split_dot=True)
    if row is not None:
        sp.admin1 = gaz.admin1[row]
        sp.country = gaz.countries[row]
        return

    def held(r: int) -> bool:
        if not holds:
            return True
        if gaz.kinds[r] == COUNTRY:
            return any(gaz.countries[h] == gaz.countries[r] for h in holds)
        return any(gaz.admin1[h] == gaz.admin1[r] and gaz.kinds[h] != ADMIN1 for h in holds)

    for row, _, _ in gaz.candidates(text):
        kind = gaz.kinds[row]
        if kind == COUNTRY and (held(row) or not any(gaz.kinds[r] == ADMIN1 and held(r)
                                                      for r, _, _ in gaz.candidates(text))):
            sp.country = gaz.countries[row]
            return
    if countries_only:
        return
    best = [(gaz.prior(r) + 10.0 * held(r), r) for r, _, _ in gaz.candidates(text) if gaz.kinds[r] == ADMIN1]
    if best:
        row = max(best)[1]
        sp.admin1 = gaz.admin1[row]
        sp.country = gaz.countries[row]


def _literal(doc, ts: int, te: int, row: int | None, gaz: Gazetteer) -> bool:
    """False for a country or capital standing for its government ("Tehran said", "Iran's attack")."""
    if row is None:
        return True
    kind = gaz.kinds[row]
    if kind not in (COUNTRY, CITY) or (kind == CITY and row not in _capitals(gaz)):
        return True
    root = doc[ts:te].root
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass", "agent") and head.lemma_.lower() in ACTION_VERBS:
        return False
    if root.dep_ == "poss" and head.lower_ in AGENT_NOUNS:
        return False
    if root.dep_ in ("compound", "amod", "nmod") and head.lower_ in AGENT_NOUNS:
        return False
    return True


def _part_of(doc, sp: _Span, gaz: Gazetteer) -> str | None:
    """The place a name the gazetteer lacks is a part of: "North London", "Southern California", "Montreal East" are
    parts of London, California, Montreal (the name less its direction words, first or last)."""
    ts, te = sp.ts, sp.te
    while te - ts > 1 and doc[ts].lower_ in DIRECTION_WORDS:
        ts += 1
    while te - ts > 1 and doc[te - 1].lower_ in DIRECTION_WORDS:
        te -= 1
    if (ts, te) == (sp.ts, sp.te):
        return _big_part(doc, sp, gaz, towns=doc[sp.ts].ent_type_ != "FAC") if sp.source == "ner" \
            and not sp.street else None
    rest = doc[ts:te].text
    return rest if gaz.candidates(rest) else None


@functools.lru_cache(maxsize=4)
def _short_forms(gaz: Gazetteer) -> dict[str, dict[str, str]]:
    """The words before "of" in the countries' long names ("hashemite kingdom" of Jordan, "grand duchy" of
    Luxembourg), two words and more, each to the countries (ISO3 -> name) whose long name opens with them."""
    out: dict[str, dict[str, str]] = {}
    for key, rows in gaz.index.items():
        head, of, _ = key.partition(" of ")
        if of and " " in head:
            for r, _, _ in rows:
                if gaz.kinds[r] == COUNTRY:
                    out.setdefault(head, {})[gaz.countries[r]] = gaz.names[r]
    return out


def _short_form(gaz: Gazetteer, text: str, context: tuple[str, ...]) -> str | None:
    """The country a short form of its long name stands for, where one country of the article's context is the
    only one it fits: "the Grand Duchy" in a story of Luxembourg is Luxembourg; a short form two countries of the
    context share is no guess."""
    fits = _short_forms(gaz).get(normalise(text))
    if not fits:
        return None
    named = [c for c in context if c in fits]
    return fits[named[0]] if len(named) == 1 else None


def _big_part(doc, sp: _Span, gaz: Gazetteer, towns: bool = True) -> str | None:
    """A country's or province's name that ends a place entity the gazetteer lacks ("Local Ireland", "Nazi
    Germany"): the entity is about that place, and read as it. ``towns`` False (a facility's name): not a name that
    is also a town's ("Air Berlin" is held at the town that holds it, "Recovery Day B.C." read as the province)."""
    for k in range(sp.ts + 1, sp.te):
        rest = doc[k:sp.te].text
        rows = gaz.index.get(normalise(rest), ())
        if normalise(rest) not in COMMON_WORDS and any(gaz.kinds[r] in (COUNTRY, ADMIN1) and m in (PRIMARY, CURATED)
                                                       for r, m, _ in rows) \
                and (towns or not any(gaz.kinds[r] == CITY for r, _, _ in rows)):
            return rest
    return None


def _direction_modifier(doc, sp: _Span, by_start: dict[int, _Span]) -> bool:
    """A name of direction words alone ("Far North", "North West") that modifies the name after it ("Far North
    Queensland") or is joined by a hyphen to the name before it ("Calgary-North West"): no place of its own."""
    if any(doc[k].lower_ not in DIRECTION_WORDS for k in range(sp.ts, sp.te)):
        return False
    if sp.te in by_start:
        return True
    return sp.ts >= 2 and doc[sp.ts - 1].text in ("-", "–") and any(o.te == sp.ts - 1 for o in by_start.values())


def _government(doc, sp: _Span) -> bool:
    """Whether a seat of government ("White House", "Kremlin") stands for the government here, not for the place: it
    acts or speaks ("the White House condemned", "condemned by the White House"), owns ("the Kremlin's response"),
    or names whose staff or act ("White House aides", "White House press secretary Sarah Sanders"). An event at it
    ("a ceremony at the White House", "barred from the White House") keeps it a place."""
    root = doc[sp.ts:sp.te].root
    dep, head = root.dep_, root.head
    if dep in ("nsubj", "nsubjpass", "agent", "poss") or dep == "pobj" and head.lower_ == "by":
        return True
    return dep in ("compound", "amod", "nmod") and (head.lower_ in AGENT_NOUNS or head.ent_type_ == "PERSON")


def _overlaps(a: int, b: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in ranges)


def _listed_after_place(doc, ts: int, te: int) -> bool:
    """Whether the name at ``ts:te`` closes a list of places after a place preposition: "from Tarnby and Kelso",
    "in Tarnby, Orlen and Kelso" (the model's place entities before it, the preposition before the first); not a
    name placed by a preposition of its own ("Jo Hale in Tarnby and Ann Orr in Kelso": people)."""
    if ts < 2 or doc[ts - 1].lower_ not in ("and", "or") or te < len(doc) and doc[te].lower_ in PLACE_PREPS:
        return False
    k = ts - 2
    while k >= 0:
        if doc[k].ent_type_ not in ("GPE", "LOC"):
            return False
        while k > 0 and doc[k].ent_iob_ == "I":
            k -= 1
        if k >= 1 and doc[k - 1].lower_ in PLACE_PREPS:
            return True
        if k >= 2 and doc[k - 1].text == ",":
            k -= 2
            continue
        return False
    return False


def _weak_ok(doc, sp: _Span, gaz: Gazetteer) -> bool:
    """Keep an ORG/PERSON span as a place only with a place cue around it ("in Panjgur", "Panjgur district")."""
    text = doc[sp.ts:sp.te].text
    if sp.te - sp.ts <= 3 and _listed_after_place(doc, sp.ts, sp.te):
        return True  # "from Cardigan and Pennardd": a place, known to the gazetteer or held by the town before it
    if sp.te - sp.ts <= 3 and sp.ts >= 2 and doc[sp.ts - 1].lower_ == "of" \
            and CUE_BEFORE.get(doc[sp.ts - 2].lower_) == "city" and doc[sp.ts - 2].lower_ not in ("capital", "port"):
        # "the suburb of Kelvoran", "the village of Ostrel": a town or a part of one, known to the gazetteer or held
        # by its town; not "the capital of Nordic Noir", a figure of speech
        return True
    if not gaz.is_name(text):
        if sp.te < len(doc) and doc[sp.te].text in SITE_WORDS:
            return True  # "the Kelvoran roundabout", "the Ostrel graveyard": a place the gazetteer lacks, held below
        # "Pachuca, Hidalgo": a town of the province after the comma whose full name opens with this one
        # (Pachuca de Soto), though the gazetteer lacks the short name
        if sp.te + 1 < len(doc) and doc[sp.te].text == ",":
            rows = [r for r, _, _ in gaz.candidates(doc[sp.te + 1].text) if gaz.kinds[r] == ADMIN1]
            return any(gaz.rank(text, admin1=gaz.admin1[r]) for r in rows[:1])
        return False
    if sp.te < len(doc) and doc[sp.te].lower_ in CUE_AFTER:
        return True
    if sp.ts >= 1 and doc[sp.ts - 1].lower_ in PLACE_PREPS:
        # a person's name after "in" is rare; an organisation's ("in Congress") is screened by the gazetteer
        return sp.te - sp.ts <= 3
    if sp.te + 1 < len(doc) and doc[sp.te].text == ",":
        nxt = doc[sp.te + 1]
        return gaz.abbreviation_row(nxt.text) is not None or any(
            gaz.kinds[r] in (COUNTRY, ADMIN1) for r, _, _ in gaz.candidates(nxt.text))
    return False


# Capitalised words that may follow a town's name in an institution's name ("Slidell Police", "Allendale PD")
INSTITUTION_WORDS = _WORDS.words["institution_word"]
# Words that end a facility's name ("Carnegie Library", "Hampton Avenue"): the name before them is no evidence of
# the town it stands in
FACILITY_WORDS = _WORDS.words["facility_word"]
# words that end the name of a building or venue where things happen ("the Kelso Court", "Casa Mirta restaurant")
VENUE_WORDS = _WORDS.words["venue_word"]
DIRECTION_WORDS = _WORDS.words["direction_word"]  # "North London", "Far North Queensland"
COHERENCE_TOP = 5  # candidates per name that take part in the spatial-coherence bonus
COHERENCE_DEG = 1.5  # "near" for that bonus: about 160 km
COHERENCE_RANGE = 2.0  # only readings this close to a name's best take part ("Paris" stays in France)
COHERENCE_BONUS = 1.5  # per other name of the article with a reading that near (at most two count)


def _zoned(doc) -> set[int]:
    """The tokens that are a North American time zone's abbreviation after a clock time ("7 a.m. CT", "8:30 p.m.
    ET", "noon PT"), by index."""
    return {i for i in range(1, len(doc)) if doc[i].text.upper() == doc[i].text and doc[i].lower_ in TIME_ZONES
            and (doc[i - 1].lower_ in CLOCK_WORDS or ":" in doc[i - 1].text and doc[i - 1].text[:1].isdigit())}


def _coherence(doc, gaz: Gazetteer, spans: list[_Span], ctx: tuple[str, ...],
               provinces: tuple[str, ...],
               hinted: dict[str, tuple[str | None, str | None, str | None]] | None = None) -> dict[int, float]:
    """Ranking bonus for town and district readings that lie near a reading of another name in the same article:
    "London" with "St. Thomas" and "Middlesex" is London, Ontario. Each name whose best reading is a town or
    district brings its COHERENCE_TOP best such readings within COHERENCE_RANGE of the best; a reading gains
    COHERENCE_BONUS for each other name with one within COHERENCE_DEG (two at most). A name is ranked with the
    cues the article gives it anywhere (``hinted``: "Coldwater, Ohio" ... "Coldwater"), so a name the article
    places lends no support to a namesake's neighbours ("Coldwater", Mississippi, to a Mississippi "Okolona")."""
    tops: dict[str, list[int]] = {}
    for sp in spans:
        if sp.source in ("demonym", "abbr"):
            continue
        # a street takes part by the town it is named for ("Hertford Road" lies towards Hertford)
        text = doc[sp.ts:sp.te - 1 if sp.street and not sp.listed else sp.te].text
        key = normalise(text)
        if key in tops:
            continue
        country, admin1, feature = sp.country, sp.admin1, sp.feature
        if not (country or admin1) and hinted and not sp.street:
            country, admin1, feature = hinted.get(key, (None, None, feature))
            feature = feature or sp.feature
        ranked = gaz.rank(text, country=country, feature=feature, context=ctx, admin1=admin1,
                          admin1_context=provinces)
        if not ranked or gaz.kinds[ranked[0][1]] not in (CITY, ADMIN2):
            tops[key] = []  # a country or province reading leads: not the towns' business
            continue
        top_s = ranked[0][0]
        tops[key] = [r for sc, r in ranked[:COHERENCE_TOP] if sc >= top_s - COHERENCE_RANGE
                     and gaz.kinds[r] in (CITY, ADMIN2) and gaz.lats[r] is not None]
    if len(tops) < 2:
        return {}
    lim = COHERENCE_DEG * COHERENCE_DEG
    pts = [(key, r, gaz.lats[r], gaz.lons[r], math.cos(math.radians(gaz.lats[r]))) for key, rows in tops.items()
           for r in rows]
    bonus: dict[int, float] = {}
    for key, r, la, lo, c in pts:
        seen = set()
        for key2, r2, la2, lo2, _ in pts:
            if key2 == key or key2 in seen:
                continue
            dlon = abs(lo - lo2)
            dlon = min(dlon, 360.0 - dlon) * c
            if (la - la2) ** 2 + dlon * dlon <= lim:
                seen.add(key2)
                if len(seen) == 2:
                    break
        if seen:
            bonus[r] = max(bonus.get(r, 0.0), COHERENCE_BONUS * len(seen))
    return bonus


PROVINCE_BONUS = 2.5  # a province reading of a name, when the article's other names lie in that province
MAIN_COUNTRY_BONUS = 1.0  # a town or province in the country the rest of the article is mostly about
MAIN_COUNTRY_SHARE = 2.0  # "mostly": this many times the weight of any other country
STRONG_CONTEXT = 2.0  # a country the rest of the article names this often (weights of pass 1) is strong evidence


def _own_reading_supported(gaz: Gazetteer, key: str, cs: tuple[str, ...], countries: dict[str, float],
                           mine: dict[str, float]) -> bool:
    """Whether a town's context-free reading may keep its own province as support in pass 2: unless the rest of
    the article is strongly about another country that holds a namesake ("London" in a story that names Canada
    three times and no other British place is London, Ontario) and holds a sizeable namesake there (a village
    does not outweigh a world city), and says nothing of the reading's own country or its neighbours."""
    own = set(mine)
    near = {gaz.subregions.get(c) for c in cs} - {None}
    if own & set(cs) or any(gaz.subregions.get(c) in near for c in own):
        return True
    rows = gaz.index.get(key, ())
    return not any(gaz.countries[r] in cs and gaz.countries[r] not in own and gaz.pops[r] >= CONTEXT_MIN_POP
                   and countries.get(gaz.countries[r], 0.0) - mine.get(gaz.countries[r], 0.0) >= STRONG_CONTEXT
                   for r, _, _ in rows)


CONTEXT_MIN_POP = 20_000  # a town named only by context support must be at least this big in a context country...
# ...unless its own province is one the article names (then any size)


def _lone_persons(doc, gaz: Gazetteer, persons: frozenset[str], spans: list[_Span]) -> set[tuple[int, int]]:
    """PERSON entities that are only a gazetteer name which the article never gives a person ("Almelo", "Samos"
    tagged PERSON): no full personal name of the article holds one of its words, no honorific stands before it
    (``persons``), and some mention of the name in the article stands as a place does (``_place_like``). The small
    model tags many a town it does not know as a person; such a name is a town's when the article's places support
    it (``_context_spans``), as an untagged name is."""
    multi = {t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    starts = {sp.ts for sp in spans}
    ends = {sp.te for sp in spans}
    groups: dict[str, list] = {}
    for e in doc.ents:
        if e.label_ != "PERSON" or len(e) > 3 or _headline(e.sent):
            continue
        if not all(_is_cap(t) and t.pos_ == "PROPN" for t in e) or not gaz.is_name(e.text):
            continue
        if normalise(e.text) in persons or (len(e) == 1 and e[0].lower_ in multi):
            continue
        groups.setdefault(normalise(e.text), []).append(e)
    out = set()
    # the mentions the model tags as places count for the name too: one sense per discourse ("Douma" tagged a place
    # twice and a person once, "Douma's fall")
    tagged: dict[str, int] = {}
    for sp in spans:
        if sp.source == "ner" and not sp.street:
            key = normalise(doc[sp.ts:sp.te].text)
            tagged[key] = tagged.get(key, 0) + 1
    for key, ents in groups.items():
        place = sum(_place_like(doc, e.start, e.end, starts, ends) for e in ents) + tagged.get(key, 0)
        if place and place >= sum(_person_like(doc, e.start, e.end) for e in ents) and not any(
                e.start > 0 and _is_cap(doc[e.start - 1]) and doc[e.start - 1].dep_ == "compound"
                and e.start <= doc[e.start - 1].head.i < e.end for e in ents):
            out.update((e.start, e.end) for e in ents)  # not "President Obama": a title makes a person
    return out


def _person_like(doc, ts: int, te: int) -> bool:
    """Whether a mention stands as a person does: a verb's object ("stabbed Welch"), a possessor ("Obama's
    speech"), or the subject of a verb of speech ("Keller said")."""
    root = doc[ts:te].root
    dep, head = root.dep_, root.head
    return dep in ("dobj", "poss") or dep in ("nsubj", "nsubjpass") and head.lemma_.lower() in SPEECH_VERBS


def _place_like(doc, ts: int, te: int, starts: set[int], ends: set[int]) -> bool:
    """Whether a mention stands as a place does: after a place preposition ("in Almelo") or ", of" ("Jane Doe, of
    Hayes"), before a feature word ("Samos island"), joined by "and"/"or" or a comma to a place name ("Hilversum and
    Almelo"), or as the modifier of a common noun that is no agent's ("a Raytown apartment", not "the Clinton
    administration")."""
    n = len(doc)
    b = ts - 1
    if b >= 0 and doc[b].lower_ in ("the", "a", "an"):
        b -= 1
    if b >= 0 and (doc[b].lower_ in PLACE_PREPS or doc[b].lower_ == "of" and b >= 1 and doc[b - 1].text == ","):
        return True
    if te < n and doc[te].lower_ in CUE_AFTER:
        return True
    if te + 1 < n and doc[te].lower_ in ("and", "or", ",") and te + 1 in starts:
        return True
    if ts >= 2 and doc[ts - 1].lower_ in ("and", "or", ",") and ts - 1 in ends:
        return True
    root = doc[ts:te].root
    head = root.head
    return root.dep_ == "compound" and head.pos_ == "NOUN" and head.i >= te and head.text.islower() \
        and head.lower_ not in AGENT_NOUNS


def _context_spans(doc, gaz: Gazetteer, spans: list[_Span], blocked, exclude, ctx: tuple[str, ...],
                   provinces: set[str], persons: frozenset[str] = frozenset(),
                   lone: set[tuple[int, int]] = frozenset()) -> list[_Span]:
    """Proper-noun n-grams (up to 3 tokens) outside any entity or inside an organisation's name that are the name
    of a city or district in one of the article's provinces (any size) or countries (CONTEXT_MIN_POP and up), and
    that this reading wins, or that the model tags as a place elsewhere in the article (one sense per discourse:
    "stuck in Samos" tagged, "the Samos hotspot" not). Recognition by support: a small town alone is too weak a
    reading to take on its own.
    A name is taken whole, not out of a longer proper name, except at the head of an organisation's name that ends
    in an institution's word ("Ashbury Superior Court", ``_heads_institution``).
    ``lone``: PERSON entities that are only a place's name (``_lone_persons``), read as untagged names."""
    # names the model tags as places elsewhere in the article: one sense per discourse, whatever their size
    named = {normalise(doc[sp.ts:sp.te].text) for sp in spans if sp.source == "ner"}
    if not ctx and not provinces and not named:
        return []
    occupied = [False] * len(doc)
    for sp in spans:
        for k in range(sp.ts, sp.te):
            occupied[k] = True
    for s_, e_ in blocked:
        if (s_, e_) in lone:
            continue
        for k in range(s_, e_):
            occupied[k] = True
    cset = set(ctx)
    person_words = {t.lower_ for e in doc.ents if e.label_ == "PERSON" and (e.start, e.end) not in lone
                    for t in e}
    out = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if occupied[i] or tok.pos_ != "PROPN" or not _is_cap(tok) or tok.lower_ in COMMON_WORDS \
                or tok.lower_ in HOLIDAYS:
            i += 1
            continue
        found = 0
        for m in (3, 2, 1):
            if i + m > n or any(occupied[k] or not _is_cap(doc[k]) or doc[k].pos_ != "PROPN" and not (
                    k == i + m - 1 and doc[k].lower_ in CUE_AFTER) for k in range(i, i + m)):
                continue
            # the whole proper name, not a piece of one ("Aston Villa", "Prince Bishop", "La Niña")
            if i > 0 and _is_cap(doc[i - 1]) and doc[i - 1].pos_ == "PROPN" and not doc[i - 1].is_sent_start:
                break
            head = False  # the head of an institution's name: taken only where the article's provinces say so
            if i + m < n and _is_cap(doc[i + m]) and doc[i + m].pos_ == "PROPN" \
                    and doc[i + m].lower_ not in INSTITUTION_WORDS and doc[i + m - 1].lower_ not in CUE_AFTER:
                if not _heads_institution(doc, i, i + m):
                    continue
                head = True
            text = doc[i:i + m].text
            entries = {r: match for r, match, _ in gaz.candidates(text)}
            if not entries:
                continue
            ranked = gaz.rank(text, context=ctx, admin1_context=tuple(provinces))
            row = ranked[0][1]
            kind = gaz.kinds[row]
            if kind not in (CITY, ADMIN2) or normalise(text) not in named and (entries.get(row) == STEM or (
                    kind == ADMIN2 and gaz.names[row].lower().endswith(_GENERIC_SUFFIXES)
                    and not text.lower().endswith(_GENERIC_SUFFIXES))):
                # "King" is King County only when written so; surnames are the usual reading. Unless the model
                # tags the bare name as a place elsewhere in the article ("the town of Haditha" ... "Haditha residents")
                break
            if m == 1 and tok.lower_ in person_words or normalise(text) in persons:
                break  # "Wexford" after "Darnell Ray Wexford"
            last = doc[i + m - 1]
            if last.dep_ in ("nsubj", "nsubjpass") and last.head.lemma_.lower() in SPEECH_VERBS:
                break  # "Conway wrote", "Polk added": a person
            if gaz.admin1[row] in provinces or not head and (
                    gaz.countries[row] in cset and gaz.pops[row] >= CONTEXT_MIN_POP or normalise(text) in named):
                found = m
            break
        if found:
            a, b = doc[i].idx, doc[i + found - 1].idx + len(doc[i + found - 1].text)
            if not _overlaps(a, b, exclude):
                out.append(_Span(i, i + found, "ctx",
                                 facility=i + found < n and doc[i + found].lower_ in FACILITY_WORDS
                                 and _is_cap(doc[i + found])))
            i += found
        else:
            i += 1
    return out


def _heads_institution(doc, ts: int, te: int) -> bool:
    """Whether tokens ts..te open an organisation's name that ends in an institution's word ("Ashbury Superior
    Court", "the Allendale Woman's Club"): the name is the place the institution belongs to."""
    if doc[ts].ent_type_ != "ORG" or doc[te - 1].ent_iob_ == "O":
        return False
    k = ts
    while k > 0 and doc[k].ent_iob_ == "I":
        k -= 1
        if doc[k].lower_ not in ("the", "a", "an"):
            return False
    end = te
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end - te >= 1 and doc[end - 1].lower_ in INSTITUTION_WORDS


def geoparse(doc, *, exclude: Sequence[tuple[int, int]] = (), context: tuple[str, ...] = (),
             demonyms: bool = False, gazetteer: Gazetteer | None = None) -> list[Toponym]:
    """Every toponym in ``doc``, resolved where the gazetteer and the article allow.

    ``exclude``: character ranges to skip (a dateline). ``context``: ISO3 codes known to be salient (e.g. from
    the dateline). ``demonyms``: also return demonyms ("Iranian") as non-literal mentions of their country.
    """
    gaz = gazetteer or load_gazetteer()
    keys, longest = _phrase_index(gaz)
    buildings = _venue_spans(doc, gaz)
    ner, containers, blocked = _ner_spans(doc, gaz, {normalise(doc[v.ts:v.te].text) for v in buildings if v.worded})
    # streets and divisions first: at equal length they win over the model's span (which may be a person's)
    raw = _street_spans(doc) + _road_spans(doc) + _division_spans(doc, gaz) + buildings + ner \
        + _gaz_spans(doc, gaz, keys, longest) + _demonym_spans(doc, gaz, containers) + _dateline_spans(doc, gaz)
    spans: list[_Span] = []
    embedded: set[int] = set()  # token starts of names inside a non-place entity: not literal
    for sp in _merge(doc, raw):
        if sp.source in ("gaz", "demonym") and any(s < sp.te and sp.ts < e and not (sp.ts <= s and e <= sp.te)
                                                   for s, e in blocked):
            # "Paris" in "Paris Hilton", "May" in a date; a whole "PERSON" that is a province stays, and so does a
            # longer name that holds one ("Trinidad and Tobago" with "Tobago" taken for a person)
            continue
        text = doc[sp.ts:sp.te].text
        if sp.source != "demonym" and gaz.demonym_row(text) is not None and not gaz.is_name(text):
            sp.source = "demonym"
        elif sp.source == "ner" and text.endswith(".") and gaz.abbreviation_row(text) is not None:
            sp.source = "abbr"
        t = _trim(doc, sp, gaz)
        if t is None or doc[t.ts:t.te].text.lower() in HOLIDAYS:
            continue  # "this Easter": a time, no place
        if _overlaps(doc[t.ts].idx, doc[t.te - 1].idx + len(doc[t.te - 1].text), exclude):
            continue
        if t.embedded or not t.venue and any(s <= t.ts and t.te <= e and (s, e) != (t.ts, t.te)
                                             for s, e in containers):
            embedded.add(t.ts)  # but a street the model takes for an organisation is no organisation's
        spans.append(t)
    by_start = {sp.ts: sp for sp in spans}
    for sp in spans:
        if sp.source not in ("demonym", "abbr") and not sp.venue:  # "the Orlen Hotel, Kelso": Kelso is its town
            _cues(doc, sp, by_start, gaz)
    spans = [sp for sp in spans if sp.source in ("demonym", "abbr") or not _direction_modifier(doc, sp, by_start)]
    # a news agency's credit ("(Xinhua) --") and an organisation's acronym ("UN", "NATO") are no villages' names
    credits = [sp for sp in spans if sp.source not in ("demonym", "abbr") and not sp.venue
               and (_agency(doc, sp) or _acronym_lookalike(doc, sp, gaz))]
    if credits:
        spans = [sp for sp in spans if sp not in credits]
        blocked = blocked + [(sp.ts, sp.te) for sp in credits]
    if gaz.metonyms:  # "the White House condemned": the government, no place (nor a town the context supports)
        government = [sp for sp in spans if sp.source == "gaz" and normalise(doc[sp.ts:sp.te].text) in gaz.metonyms
                      and _government(doc, sp)]
        if government:
            spans = [sp for sp in spans if sp not in government]
            blocked = blocked + [(sp.ts, sp.te) for sp in government]
    persons = _person_names(doc, gaz)
    if persons:
        persons = persons - {normalise(doc[sp.ts:sp.te].text) for sp in spans
                             if _place_cued(doc, sp) or _heads_institution_name(doc, sp)}
        spans = [sp for sp in spans if sp.source in ("demonym", "abbr") or _place_cued(doc, sp)
                 or normalise(doc[sp.ts:sp.te].text) not in persons]

    # pass 1: each name on its own cues -> the countries and provinces the article is about
    if _zoned(doc):  # "tickets go on sale at 7 a.m. CT": the story is told in North America
        context = tuple(dict.fromkeys((*context, *ZONE_COUNTRIES)))
    countries: dict[str, float] = {c: 2.0 for c in context}
    provinces: set[str] = set()
    # what each name's own reading added: a name must not be its own country context ("St. Thomas" read as the
    # Jamaican parish in pass 1 would otherwise vote for Jamaica and then win with that vote)
    own_c: dict[str, dict[str, float]] = {}
    # the same for provinces: a town's own province ("London" read as London, England in pass 1) must not favour
    # that reading in pass 2 over a namesake the rest of the article is about; a province named as such ("Aleppo
    # province") still favours its namesake capital
    prov_count: dict[str, int] = {}
    own_p: dict[str, dict[str, int]] = {}
    own_any_p: dict[str, dict[str, int]] = {}  # every province a name's own readings and cues added
    plain_prov: dict[str, int] = {}  # the same from names that are no facility's ("Carnegie Library" is no evidence)
    for sp in spans:
        text = doc[sp.ts:sp.te].text
        if sp.source == "demonym":
            continue
        if sp.road:
            continue
        if sp.street:
            # a road is named for the town it leads to ("Hertford Road" in Edmonton, London): the town's
            # country is weak evidence of the article's, as a town's (0.5); the street itself has no reading
            name = doc[sp.ts:sp.te if sp.listed else sp.te - 1].text
            place, score = gaz.resolve(name, merge_same=False) if gaz.candidates(name) else (None, 0.0)
            if place is not None and place.country and place.precision == "city" and score >= 0.6:
                countries[place.country] = countries.get(place.country, 0.0) + 0.5
                if place.admin1:  # and its province, as a facility's name's town ("Carnegie Library") counts
                    provinces.add(place.admin1)
                    prov_count[place.admin1] = prov_count.get(place.admin1, 0) + 1
            continue
        if sp.source == "abbr":
            place, score = gaz.place(gaz.abbreviation_row(text, split_dot=True), text), ABBREVIATION_SCORE
        else:
            place, score = gaz.resolve(text, country=sp.country, feature=sp.feature, admin1=sp.admin1,
                                       merge_same=False)
        if place is not None and place.country and score >= 0.6:
            key = normalise(text)
            w = 1.0 if place.precision != "city" else 0.5
            countries[place.country] = countries.get(place.country, 0.0) + w
            mine = own_c.setdefault(key, {})
            mine[place.country] = mine.get(place.country, 0.0) + w
            if place.precision in ("admin1", "admin2", "city") and place.admin1 and not sp.facility:
                plain_prov[place.admin1] = plain_prov.get(place.admin1, 0) + 1
            if place.precision in ("admin1", "admin2", "city") and place.admin1:
                provinces.add(place.admin1)
                prov_count[place.admin1] = prov_count.get(place.admin1, 0) + 1
                any_p = own_any_p.setdefault(key, {})
                any_p[place.admin1] = any_p.get(place.admin1, 0) + 1
                if place.precision == "city":
                    mine_p = own_p.setdefault(key, {})
                    mine_p[place.admin1] = mine_p.get(place.admin1, 0) + 1
        if sp.admin1:
            plain_prov[sp.admin1] = plain_prov.get(sp.admin1, 0) + (not sp.facility)
            provinces.add(sp.admin1)
            prov_count[sp.admin1] = prov_count.get(sp.admin1, 0) + 1
            any_p = own_any_p.setdefault(normalise(text), {})
            any_p[sp.admin1] = any_p.get(sp.admin1, 0) + 1
        if sp.country:
            countries[sp.country] = countries.get(sp.country, 0.0) + 1.0
    ctx = tuple(c for c, w in countries.items() if w >= 1.0)

    def rival_province(key: str) -> bool:
        """Whether the name has a province reading the article's other names lie in ("Washington" with "Spokane,
        Wash."): then its town reading does not count its own province as support either."""
        mine = own_any_p.get(key, {})
        return any(gaz.kinds[r] == ADMIN1 and match in (PRIMARY, CURATED)
                   and prov_count.get(gaz.admin1[r] or "", 0) - mine.get(gaz.admin1[r] or "", 0) > 0
                   for r, match, _ in gaz.index.get(key, ()))

    @functools.lru_cache(maxsize=None)
    def context_for(key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The article's countries and provinces, less what the name ``key`` itself contributed as a town (the
        province a name reads as a province in pass 1 rightly favours its namesake capital, "Aleppo", "Ankara")."""
        mine = own_c.get(key, {})
        cs = tuple(c for c, w in countries.items() if w - mine.get(c, 0.0) >= 1.0)
        mine_p = own_p.get(key, {})
        if mine_p and (not _own_reading_supported(gaz, key, cs, countries, mine) or rival_province(key)):
            return cs, tuple(p for p in provinces if prov_count.get(p, 1) - mine_p.get(p, 0) > 0)
        return cs, tuple(provinces)

    @functools.lru_cache(maxsize=None)
    def province_bonus(look: str, key: str) -> dict[int, float]:
        """The coherence bonus, plus PROVINCE_BONUS for a province reading of the name that the article's other
        names place themselves in ("Washington" in a story datelined "Camp Murray, Wash." is the state)."""
        mine = own_any_p.get(key, {})
        rows = [r for r, match, _ in gaz.index.get(look, ()) if gaz.kinds[r] == ADMIN1 and match in (PRIMARY, CURATED)
                and prov_count.get(gaz.admin1[r] or "", 0) - mine.get(gaz.admin1[r] or "", 0) > 0]
        if not rows:
            return near
        out = dict(near)
        for r in rows:
            out[r] = out.get(r, 0.0) + PROVINCE_BONUS
        return out

    @functools.lru_cache(maxsize=None)
    def main_country(key: str) -> str | None:
        """The country the rest of the article is mostly about: named at least STRONG_CONTEXT (pass-1 weights,
        less what the name ``key`` itself added) and at least MAIN_COUNTRY_SHARE times as much as any other.
        "Edmonton" in a story of Winnipeg, Saskatchewan and Alberta places is Edmonton, Alberta, though a
        stray English name (a person's "Brent") puts Britain in the article's context too."""
        mine = own_c.get(key, {})
        weights = sorted(((w - mine.get(c, 0.0), c) for c, w in countries.items()), reverse=True)
        if not weights or weights[0][0] < STRONG_CONTEXT:
            return None
        if len(weights) > 1 and weights[0][0] < MAIN_COUNTRY_SHARE * weights[1][0]:
            return None
        return weights[0][1]

    # names the model missed that are towns of the provinces the article is about ("Slidell" in a Louisiana story)
    extra = _context_spans(doc, gaz, spans, blocked, exclude, ctx, provinces, persons,
                           _lone_persons(doc, gaz, persons, spans))
    extra = [sp for sp in extra if not (_agency(doc, sp) or _acronym_lookalike(doc, sp, gaz))]
    if extra:
        for sp in extra:
            _cues(doc, sp, by_start, gaz)
            if any(s_ <= sp.ts and sp.te <= e_ for s_, e_ in containers):
                embedded.add(sp.ts)
        spans = sorted(spans + extra, key=lambda x: x.ts)

    # pass 2: with the article's context; one reading per name when a cue fixed it
    hinted: dict[str, tuple[str | None, str | None, str | None]] = {}
    for sp in spans:
        if sp.source != "demonym" and (sp.country or sp.admin1):
            hinted.setdefault(normalise(doc[sp.ts:sp.te].text), (sp.country, sp.admin1, sp.feature))
    near = _coherence(doc, gaz, spans, ctx, tuple(provinces), hinted)
    plain = {normalise(doc[sp.ts:sp.te].text) for sp in spans if not sp.facility and sp.source != "demonym"}
    speakers = _unknown_speakers(doc, gaz, spans)
    out: list[Toponym] = []
    abroad: dict[str, set[int]] = {}  # names read as a village abroad and held instead: the ids of that reading
    roads: set[int] = set()  # where in ``out`` road numbers stand ("the A58")
    venues: dict[int, bool] = {}  # the token starts of buildings placed by the town after them: named as such?
    doc_text = doc.text  # Doc.text joins every token each time it is read
    for sp in spans:
        s_char = doc[sp.ts].idx
        e_char = doc[sp.te - 1].idx + len(doc[sp.te - 1].text)
        text = doc_text[s_char:e_char]
        if sp.source == "demonym":
            building = _demonym_building(doc, sp, containers)
            if building is not None:
                # "the Ruritanian International School": a building the gazetteer lacks, held below by its town,
                # not its founders' country
                bs, be = building
                b_s, b_e = doc[bs].idx, doc[be - 1].idx + len(doc[be - 1].text)
                out.append(Toponym(b_s, b_e, doc_text[b_s:b_e], None, 0.0, False, bs, be, facility=True))
            if not demonyms:
                continue
            row = gaz.demonym_row(text)
            if row is None:
                row = gaz.combining_row(text)
            out.append(Toponym(s_char, e_char, text, gaz.place(row, text), 0.9, False, sp.ts, sp.te, True))
            continue
        if sp.source == "abbr":
            row = gaz.abbreviation_row(text, split_dot=True)
            bare = dash_head(text)  # "Calif.--(BUSINESS WIRE)": the dashes and what follows are no part of it
            e_char -= len(text) - len(bare)
            text = bare
            out.append(Toponym(s_char, e_char, text, gaz.place(row, text), ABBREVIATION_SCORE, True, sp.ts, sp.te))
            continue
        if sp.venue:  # a building the text places in a town: held by that town below
            venues[sp.ts] = sp.worded
            out.append(Toponym(s_char, e_char, text, None, 0.0, sp.ts not in embedded, sp.ts, sp.te, facility=True))
            continue
        if sp.street:  # a street: no gazetteer entry of its own ("Broad Street" the village is not it); its town's
            if sp.road:
                roads.add(len(out))
            out.append(Toponym(s_char, e_char, text, None, 0.0, sp.ts not in embedded, sp.ts, sp.te, facility=True,
                               street=True))
            continue
        country, admin1, feature = sp.country, sp.admin1, sp.feature
        if not (country or admin1):
            h = hinted.get(normalise(text))
            if h:
                country, admin1 = h[0], h[1]
                feature = feature or h[2]
        ctx_n, prov_n = context_for(normalise(text))
        look = text if gaz.candidates(text) else _part_of(doc, sp, gaz) or _short_form(gaz, text, ctx_n) or text
        bonus = province_bonus(normalise(look), normalise(text))
        main = main_country(normalise(text))
        if main is not None:
            bonus = dict(bonus)
            for r, _, _ in gaz.candidates(look):
                if gaz.countries[r] == main and gaz.kinds[r] != COUNTRY:
                    bonus[r] = bonus.get(r, 0.0) + MAIN_COUNTRY_BONUS
        ranked = gaz.rank(look, country=country, feature=feature, context=ctx_n, admin1=admin1,
                          admin1_context=prov_n, extra=bonus)
        place, score = gaz.resolve(look, country=country, feature=feature, context=ctx_n, admin1=admin1,
                                   admin1_context=prov_n, extra=bonus, best_guess=True)
        if place is not None and look is not text:
            place = dataclasses.replace(place, text=text)
        if place is not None and score < gaz.threshold and sp.source in ("gaz", "ctx"):
            place = None  # a phrase match (or a context-supported name) the gazetteer can't stand behind
        row = ranked[0][1] if (ranked and place is not None) else None
        if row is not None and _foreign_lookalike(gaz, row, text, ctx_n, sp):
            continue  # "Titan" (Tītān), "Store" (Štore): a word that only folds into a far-off village's name
        # (a reading near another name's is no stray: "Calexico" beside Mexicali places is itself)
        if row is not None and sp.source in ("ner", "weak") and row not in near \
                and _village_abroad(gaz, row, ctx_n, main, sp):
            # held, below, by a town of the country the article is about; and so is the name's every other mention
            # that reads as that village ("the Ostrel police station" ... "moved to Ostrel")
            abroad.setdefault(normalise(text), set()).update((gaz.gids[row], place.geonames_id))
            place, row = None, None
        if row is not None and sp.te < len(doc) and doc[sp.te].lower_ in TOWNSHIP_WORDS and gaz.kinds[row] == CITY \
                and prov_count.get(gaz.admin1[row] or "", 0) <= own_any_p.get(normalise(text), {}).get(
                    gaz.admin1[row] or "", 0) and any(prov_count.values()):
            place, row = None, None  # "Tucson Township" in a story of Michigan towns: held by one of them
        if place is None and (sp.source in ("gaz", "ctx") or not ranked and sp.te - sp.ts == 1 and (
                doc[sp.ts].pos_ != "PROPN" or doc[sp.ts].tag_ == "NNPS" or doc[sp.ts].lower_.endswith("men"))):
            continue  # a phrase match the gazetteer can't stand behind, or NER noise ("Gunmen"), is not a toponym
        if place is None and not ranked and normalise(text) in speakers:
            continue  # "Guhdar said": a name no gazetteer holds that the article makes a person's
        if place is None and not ranked and not _place_cued(doc, sp) and (
                doc[sp.ts].ent_type_ not in ("FAC", "LOC") or doc[sp.ts].ent_type_ == "FAC"
                and not _facility_like(doc, sp.ts, sp.te, gaz)):
            # a name no gazetteer entry and no place cue stands behind ("Yulia", "IoTX") is no toponym; a
            # facility or natural feature ("Highway 19", "Tallow River") is one the gazetteer does not hold
            continue
        literal = sp.ts not in embedded and _literal(doc, sp.ts, sp.te, row, gaz)
        facility = sp.facility and row is not None and not _supported(gaz, row, normalise(text), plain, plain_prov,
                                                                      near)
        out.append(Toponym(s_char, e_char, text, place, score, literal, sp.ts, sp.te, facility=facility,
                           division=_division_worded(doc, sp), container=country))
    if roads and not any(t.place is not None and t.place.country in ROAD_COUNTRIES and not t.demonym for t in out):
        out = [t for k, t in enumerate(out) if k not in roads]  # "B2", "N7": codes, unless the article is British
    if abroad:
        out = [dataclasses.replace(t, place=None, score=0.0) if t.place is not None and not t.demonym
               and t.place.geonames_id in abroad.get(normalise(t.text), ()) else t for t in out]
    if venues:
        out = _venue_towns(doc, out, venues)
    out = _held_by_towns(doc, out, gaz)
    return _other_mentions(doc, out, blocked, gaz, exclude)


def _venue_towns(doc, toponyms: list[Toponym], venues: dict[int, bool]) -> list[Toponym]:
    """Buildings the text places in a town (``_venue_spans``: "the Orlen Hospital in Tarnby", "the Kelso Court,
    Tarnby"), held by that town: the toponym right after "in" or the comma, when it reads as a town. One the text
    names as a building ("X Hospital") is held as any other facility where no town follows ("the Orlen Hospital
    in Kelso Road"); one only placed "at" is dropped then ("at Pellworth, Ruritania")."""
    towns = {t.token_start: t for t in toponyms if t.place is not None and t.place.precision == "city"
             and not t.facility and not t.demonym and not t.held and t.token_start not in venues}
    out = []
    for t in toponyms:
        if t.token_start in venues:
            town = towns.get(t.token_end + 1) if t.token_end < len(doc) and doc[t.token_end].lower_ in _HOLDER_PREPS \
                else None
            if town is None:
                if not venues[t.token_start]:
                    continue
            else:
                t = dataclasses.replace(t, place=dataclasses.replace(town.place, text=t.text), score=HELD_SCORE,
                                        held=True, facility=False)
        out.append(t)
    return out


_NATION_BUILDINGS = frozenset({"embassy", "consulate"})  # a country's own building abroad: the demonym is its


def _demonym_building(doc, sp: _Span, containers: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The token range of the building an organisation's entity names, when the demonym ``sp`` is a word of that
    name and the name ends in a facility word ("the Ruritanian International School", "the Grand Ruritanian Hotel"):
    a building, not its country. Not an embassy or a consulate, which is the country's."""
    for s, e in containers:
        if s <= sp.ts and sp.te <= e and (s, e) != (sp.ts, sp.te) and doc[s].ent_type_ in ("ORG", "FAC"):
            last = doc[e - 1].lower_
            if last in FACILITY_WORDS and last not in _NATION_BUILDINGS:
                while s < sp.ts and doc[s].lower_ == "the":
                    s += 1
                return s, e
    return None


def _agency(doc, sp: _Span) -> bool:
    """Whether a name is a news agency's ("(Xinhua) --", "Xinhua) 13:34", "told Reuters", "AFP reported"): a credit,
    no place, unless its own words say place ("Xinhua, Yunnan", "Xinhua township")."""
    if sp.feature or sp.country or sp.admin1:
        return False
    text = doc[sp.ts:sp.te].text
    return text in AGENCY_NAMES or text.casefold() in AGENCY_FOLDED


def _acronym_lookalike(doc, sp: _Span, gaz: Gazetteer) -> bool:
    """Whether a name is an acronym in capitals ("UN", "NATO", "AU") that reads only as a small town or district
    written otherwise ("Un", India; "Nato", the Philippines): an organisation's, no place. Not a dateline's town
    ("SPA, Belgium -"), a name with a cue of its own, a curated name ("EU", "KP"), nor a word of a line written
    all in capitals."""
    if sp.te - sp.ts != 1 or sp.feature or sp.country or sp.admin1:
        return False
    tok = doc[sp.ts]
    text = tok.text
    if not (text.isalpha() and text.isupper() and len(text) >= 2):
        return False
    if not any(t.is_alpha and t.is_lower for t in tok.sent):
        return False  # a headline in capitals
    if sp.te < len(doc) and (doc[sp.te].text in DATELINE_DASHES or doc[sp.te].text == ",") and _opens_line(doc, sp.ts):
        return False  # "ZUG, Switzerland -": a dateline's town
    rows = gaz.candidates(text)
    return bool(rows) and all(gaz.kinds[r] in (CITY, ADMIN2) and m != CURATED and not gaz.names[r].isupper()
                              and gaz.pops[r] < ACRONYM_MAX_POP for r, m, _ in rows)


def _opens_line(doc, i: int) -> bool:
    """Whether token ``i`` opens the text, a sentence or a line."""
    return i == 0 or doc[i].is_sent_start or doc[i - 1].is_space and "\n" in doc[i - 1].text \
        or doc[i - 1].text in (".", "!", "?")


def _division_worded(doc, sp: _Span) -> bool:
    """Whether a name is written with a division word ("Oddar Meanchey province", "Panjgur district", "the province
    of X"): a place bigger than any town."""
    if sp.feature in ("admin1", "admin2"):
        return True
    return _division_word(doc[sp.te - 1].lower_) or sp.te < len(doc) and _division_word(doc[sp.te].lower_)


def _division_word(word: str) -> bool:
    """A division word (``DIVISION_WORDS``: "province", "district", "governorate") or a feature word that names a
    province or county ("X region", "X state")."""
    return word in DIVISION_WORDS or CUE_AFTER.get(word) in ("admin1", "admin2")


LOOKALIKE_MAX_POP = 50_000  # a town at least this big is news under its folded name too ("Aydin", "Cancun")


def _foreign_lookalike(gaz: Gazetteer, row: int, text: str, context: tuple[str, ...], sp: _Span) -> bool:
    """Whether a name reads as a small town or division only by folding away its diacritics ("Titan" as Tītān,
    "Store" as Štore, "Barca" as Bârca) in a country the article says nothing of, with no cue of its own: then it is an
    English word or a person's or firm's name that happens to fold into a far-off village's."""
    if gaz.kinds[row] in (COUNTRY, REGION) or gaz.pops[row] >= LOOKALIKE_MAX_POP or sp.country or sp.admin1 \
            or sp.feature:
        return False
    name = gaz.names[row]
    if name.isascii() or not text.isascii() or gaz.countries[row] in context:
        return False
    near = {gaz.subregions.get(c) for c in context} - {None}
    return gaz.subregions.get(gaz.countries[row]) not in near


VILLAGE_ABROAD_MAX_POP = 100_000  # a town smaller than this, abroad, is no reading of a name in a story of elsewhere


def _village_abroad(gaz: Gazetteer, row: int, context: tuple[str, ...], main: str | None, sp: _Span) -> bool:
    """Whether a name's reading is a town under VILLAGE_ABROAD_MAX_POP in a country the article says nothing of,
    nor of its neighbours, while the article is mostly about another (``main``), and no cue of its own places it
    ("farmers in Kolno and Luxor" in a story about Egypt is no Polish village; "Kenilworth" among Cape Town places is
    no English town): the name is one the gazetteer lacks, better held by a town of the article's country than
    placed abroad. A world city keeps its reading wherever the story is."""
    if main is None or gaz.kinds[row] != CITY or gaz.pops[row] >= VILLAGE_ABROAD_MAX_POP or sp.country \
            or sp.admin1 or sp.feature:
        return False
    c = gaz.countries[row]
    if c == main or c in context:
        return False
    near = {gaz.subregions.get(x) for x in context} - {None}
    return gaz.subregions.get(c) not in near


def _unknown_speakers(doc, gaz: Gazetteer, spans: list[_Span]) -> frozenset[str]:
    """Names no gazetteer entry holds (normalised) that some mention in the article makes a person's: the subject
    of a verb of speech ("Guhdar said"), or a party to a court case ("U.S. v. Chen"). One sense per discourse: the
    model's place label on the name's other mentions ("people like Guhdar") is wrong too."""
    out = set()
    for sp in spans:
        if sp.source in ("demonym", "abbr"):
            continue
        text = doc[sp.ts:sp.te].text
        last = doc[sp.te - 1].lower_
        if gaz.candidates(text) or doc[sp.ts].ent_type_ == "FAC" or last in INSTITUTION_WORDS or last in FACILITY_WORDS:
            continue  # a facility that speaks ("the Mercy Hospital said") is placed at its town
        if sp.ts >= 1 and doc[sp.ts - 1].lower_ in VERSUS:
            out.add(normalise(text))  # a party, though a container follows ("U.S. v. Chen, U.S. District Court")
            continue
        root = doc[sp.ts:sp.te].root
        if not _place_cued(doc, sp) and root.dep_ in ("nsubj", "nsubjpass") \
                and root.head.lemma_.lower() in SPEECH_VERBS:
            out.add(normalise(text))
    return frozenset(out)


def _facility_like(doc, ts: int, te: int, gaz: Gazetteer) -> bool:
    """Whether a FAC entity the gazetteer lacks looks like a facility: a facility's or an institution's word in it
    ("Penn Park", "Metcalfe County Sheriff's Office"), or a place's name that opens or closes it ("Port of Los
    Angeles", "Galway Art Walk"). The model's other FAC names ("the Great Recession", "Islamic Sharia") are none."""
    if any(doc[k].lower_ in FACILITY_WORDS or doc[k].lower_ in INSTITUTION_WORDS for k in range(ts, te)):
        return True
    return any(gaz.is_name(doc[ts:k].text) or gaz.is_name(doc[k:te].text) for k in range(ts + 1, te))


def _supported(gaz: Gazetteer, row: int, key: str, plain: set[str], plain_prov: dict[str, int],
               near: dict[int, float] | None = None) -> bool:
    """Whether the article supports a facility's name read as this place: the name also stands alone as a place
    ("Toronto General Hospital" in a story that names Toronto), or the reading is a town in a province the
    article's other places (no facility's) are in. A country or province is no facility's place."""
    if key in plain:
        return True
    if gaz.kinds[row] not in (CITY, ADMIN2):
        return False
    return plain_prov.get(gaz.admin1[row] or "", 0) > 0 and (near is None or row in near)


HELD_SCORE = 0.5  # a facility placed at its town: right within a town's reach, never its own GeoNames entry


def _held_by_towns(doc, toponyms: list[Toponym], gaz: Gazetteer | None = None) -> list[Toponym]:
    """A facility the gazetteer lacks (a church, a station, a stadium: a FAC entity, or a name ending in an
    institution's word) is placed at the town that holds it, when the text names that town: a town of the article
    its name opens or closes with ("Air Berlin"), else a county or district of the article it opens or closes with
    ("Boone County Fairgrounds" is Boone County's, not the town next to it), else a town of the article's main
    province its name opens or closes with that the gazetteer holds ("Lake Manassas"; not for a street, named for
    where it leads), else the town nearest it in its own sentence, else the town the article names most among those
    of its main province (the province most of its resolved names lie in), the biggest at equal counts. Its record
    keeps its own text and says the town's name, id and point. So is any other name recognised as a place that the
    gazetteer cannot resolve (a village, an estate, a river it lacks): a local article's places lie near its towns,
    and a point near is better than none. ``gaz``: the gazetteer (None: no gazetteer look-ups, towns by count and
    position only)."""
    towns = [t for t in toponyms if t.place is not None and t.place.precision == "city" and not t.demonym
             and not t.facility]
    if not towns:
        return _held_by_regions(doc, toponyms, gaz)
    counts: dict[int | None, int] = {}
    for t in towns:
        counts[t.place.geonames_id] = counts.get(t.place.geonames_id, 0) + 1
    # the countries the article names most (by its places' own names, not demonyms), to choose between provinces
    # named as often ("the Orlen Hotel" in a story of four Ruritanian towns, one in each province)
    nation: dict[str, int] = {}
    for t in toponyms:
        if t.place is not None and not t.demonym and not t.facility and t.place.country:
            nation[t.place.country] = nation.get(t.place.country, 0) + 1
    # the article's main province: where most of its resolved names lie ("Norbury", a house model's name read as a
    # London district, is no holder in a story of Virginia towns)
    prov: dict[str, int] = {}
    prov_country: dict[str, str] = {}
    for t in toponyms:
        if t.place is not None and not t.demonym and not t.facility and t.place.admin1 \
                and t.place.precision in ("city", "admin2", "admin1"):
            prov[t.place.admin1] = prov.get(t.place.admin1, 0) + 1
            prov_country[t.place.admin1] = t.place.country or ""
    pops = {} if gaz is None else {gid: gaz.pops[gaz.by_gid[gid]] for gid in counts if gid in gaz.by_gid}
    biggest: dict[str | None, int] = {}
    for t in towns:
        biggest[t.place.admin1] = max(biggest.get(t.place.admin1, 0), pops.get(t.place.geonames_id, 0))
    # at equal counts the province of the country named most, then the one with the biggest town
    main = max(prov, key=lambda p: (prov[p], nation.get(prov_country[p], 0), biggest.get(p, 0))) if prov else None
    pool = [t for t in towns if t.place.admin1 == main] or towns
    # named most often; at equal counts the biggest town, which holds more of what a story names in it
    most = max(pool, key=lambda t: (counts[t.place.geonames_id], pops.get(t.place.geonames_id, 0), -t.start))
    districts = [t for t in toponyms if t.place is not None and t.place.precision == "admin2" and not t.demonym
                 and not t.facility]
    out = []
    for t in toponyms:
        if t.place is None and t.division and not t.facility:
            # "Oddar Meanchey province" is bigger than any town: not a town's, but its province's or country's
            out.append(_held_by_region(doc, t, toponyms, gaz))
            continue
        if t.facility or t.place is None and not t.demonym:
            sent = doc[t.token_start].sent
            # a town of the article its name opens or closes with, else a county or district of the article
            # ("Metcalfe County Sheriff's Office" in a story that names Metcalfe County is that county's)
            own = _named_in(t.text, towns) or _named_in(t.text, districts)
            named = None if own or t.street or gaz is None else _town_in_name(
                gaz, t.text, main, (most.place.lat, most.place.lon) if most.place.lat is not None else None)
            if named is not None:
                place = gaz.place(named, t.text)
            else:
                near = own or [u for u in towns if u.token_start == t.token_end + 1 and t.token_end < len(doc)
                               and doc[t.token_end].lower_ in _HOLDER_PREPS] \
                    or [u for u in towns if sent.start <= u.token_start < sent.end]
                holder = min(near, key=lambda u: abs(u.token_start - t.token_start)) if near else most
                place = dataclasses.replace(holder.place, text=t.text)
            wanted = frozenset() if own or named is not None else _named_countries(
                t, sent, toponyms, t.facility or doc[t.token_end - 1].lower_ in _FACILITY_END)
            if wanted and place.country not in wanted:
                # no town of another country than the one its words or its sentence name ("..., Cambodia")
                inside = [u for u in towns if u.place.country in wanted]
                near = [u for u in inside if sent.start <= u.token_start < sent.end]
                holder = min(near, key=lambda u: abs(u.token_start - t.token_start)) if near else max(
                    inside, key=lambda u: (counts[u.place.geonames_id], pops.get(u.place.geonames_id, 0), -u.start),
                    default=None)
                if holder is None:
                    out.append(_held_by_region(doc, t, toponyms, gaz, wanted))
                    continue
                place = dataclasses.replace(holder.place, text=t.text)
            t = dataclasses.replace(t, place=place, score=HELD_SCORE, held=True)
        out.append(t)
    return out


REGION_SCORE = 0.25  # a name placed at its article's province or country: a rough point, better than none


def _region_of(toponyms: list[Toponym], countries: frozenset[str] = frozenset(),
               provinces: bool = True) -> Toponym | None:
    """The province the article names most (by its own name, not a demonym), else the country it names most: where
    a name no town of the article holds lies, for all the article says. ``countries``: only places of these."""
    best: dict[tuple[int, str], list[Toponym]] = {}
    for t in toponyms:
        p = t.place
        if p is None or t.held or t.facility or p.precision not in ("admin1", "country"):
            continue
        if countries and p.country not in countries:
            continue
        if p.precision == "admin1" and not provinces:
            continue
        rank = (1 if p.precision == "admin1" else 0) if not t.demonym else -1
        best.setdefault((rank, p.geonames_id), []).append(t)
    if not best:
        return None
    key = max(best, key=lambda k: (k[0], len(best[k]), -best[k][0].start))
    return best[key][0]


def _held_by_region(doc, t: Toponym, toponyms: list[Toponym], gaz: Gazetteer | None,
                    countries: frozenset[str] = frozenset()) -> Toponym:
    """A name no town of the article holds, placed where it can be: at a big city its name opens or closes with
    (``_city_in_name``), else at the province the article names most, else at the country it names most (a
    province's name the gazetteer lacks, "X province", only at the country). ``countries``: only places of these."""
    if t.division:
        after = doc[t.token_end].lower_ if t.token_end < len(doc) else ""
        if CUE_AFTER.get(doc[t.token_end - 1].lower_) == "admin1" or CUE_AFTER.get(after) == "admin1" \
                or t.token_start >= 2 and doc[t.token_start - 1].lower_ == "of" \
                and CUE_BEFORE.get(doc[t.token_start - 2].lower_) == "admin1":
            region = _region_of(toponyms, countries, provinces=False)
            if region is None:
                return t
            return dataclasses.replace(t, place=dataclasses.replace(region.place, text=t.text), score=REGION_SCORE,
                                       held=True)
    city = None if gaz is None or t.street or t.division else _city_in_name(gaz, t.text, countries)
    if city is not None:
        place = gaz.place(city, t.text)
    else:
        region = _region_of(toponyms, countries)
        if region is None:
            return t
        place = dataclasses.replace(region.place, text=t.text)
    return dataclasses.replace(t, place=place, score=REGION_SCORE, held=True)


def _city_in_name(gaz: Gazetteer, name: str, countries: frozenset[str] = frozenset()) -> int | None:
    """A city of at least BIG_CITY_POP whose name opens or closes a name the gazetteer cannot resolve ("the Ruritanian
    Embassy Tarnbyville"): where it stands, though the article names the city nowhere else. The biggest such."""
    words = name.split()
    for k in range(len(words) - 1, 0, -1):
        for part in (words[-k:], words[:k]):
            if all(w.lower() in _GENERIC_NAME_WORDS for w in part):
                continue
            rows = [r for r, m, _ in gaz.index.get(normalise(" ".join(part)), ()) if gaz.kinds[r] == CITY
                    and m in (PRIMARY, ALIAS) and gaz.pops[r] >= BIG_CITY_POP
                    and (not countries or gaz.countries[r] in countries)]
            if rows:
                return max(rows, key=lambda r: gaz.pops[r])
    return None


def _held_by_regions(doc, toponyms: list[Toponym], gaz: Gazetteer | None) -> list[Toponym]:
    """Names the gazetteer cannot resolve in an article that names no town: placed at a big city their name opens or
    closes with, else at the article's province or country."""
    return [_held_by_region(doc, t, toponyms, gaz) if t.place is None and not t.demonym else t for t in toponyms]


SAME_NAME_MIN_SCORE = 0.6  # a name resolved at least this confidently is the same place at its other mentions
_MENTION_PRECISIONS = frozenset({"city", "admin2", "admin1", "country"})  # not a region ("the West")
_NO_MENTION_ENTS = frozenset({"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})


def _other_mentions(doc, toponyms: list[Toponym], blocked, gaz: Gazetteer,
                    exclude: Sequence[tuple[int, int]] = ()) -> list[Toponym]:
    """One sense per discourse: a name the article resolves (a town, a district, a province, a country) is the same
    place at its other mentions that no record holds, written exactly alike, where the model missed it or gave it
    to an organisation ("Tarnby mum says" in a headline, "the Tarnby Rotary Club" after "police in Tarnby,
    Alberta"). Not inside a person's name or a date ("Jason Ray Tarnby"), nor inside a longer run of capitalised
    words that is no entity of the model's, nor the subject of a verb (a town's or district's name: "Tarnby
    said" is a person); inside an organisation's name it is embedded, not literal. ``blocked``: the token
    ranges of the model's person, date and number entities; ``exclude``: character ranges to skip (a dateline)."""
    seen: dict[str, Toponym | None] = {}
    for t in toponyms:
        if t.place is None or t.demonym or t.held or t.street or t.facility or t.score < SAME_NAME_MIN_SCORE \
                or t.place.precision not in _MENTION_PRECISIONS or not t.text[:1].isupper():
            continue
        prev = seen.get(t.text, t)
        seen[t.text] = t if prev is t or (prev is not None and prev.place.geonames_id == t.place.geonames_id) \
            else None  # two readings of one name in one article: no guess
    seen = {k: v for k, v in seen.items() if v is not None}
    if not seen:
        return toponyms
    taken = [(t.token_start, t.token_end) for t in toponyms]
    firsts: dict[str, list[tuple[list[str], Toponym]]] = {}
    for text, t in seen.items():
        words = [tok.text for tok in doc[t.token_start:t.token_end]]
        firsts.setdefault(words[0], []).append((words, t))
    extra = []
    n = len(doc)
    for tok in doc:
        cands = firsts.get(tok.text)
        if not cands:
            continue
        i = tok.i
        for words, t in cands:
            j = i + len(words)
            if j > n or [x.text for x in doc[i:j]] != words:
                continue
            if any(a < j and i < b for a, b in taken):
                continue
            if any(a < j and i < b for a, b in blocked) \
                    or any(doc[k].ent_type_ in _NO_MENTION_ENTS for k in range(i, j)):
                continue  # inside a person's name, a date, a number; or the model's person of that name itself
            ents = [e for e in doc.ents if e.start <= i < e.end] if doc[i].ent_type_ else []
            inside = bool(ents) and (ents[0].start, ents[0].end) != (i, j)  # embedded in an organisation's name
            root = doc[i:j].root
            if t.place.precision in ("city", "admin2") and root.dep_ in ("nsubj", "nsubjpass") and not inside:
                continue  # "Tarnby said", "Tarnby works": a person of that name, whatever a town is called
            if not inside and (i > 0 and _is_cap(doc[i - 1]) and doc[i - 1].pos_ == "PROPN"
                               and not doc[i - 1].is_sent_start
                               or j < n and _is_cap(doc[j]) and doc[j].pos_ == "PROPN"):
                continue  # "Jason Tarnby", "Tarnby Lager": a longer name the model did not tag
            s_char = doc[i].idx
            e_char = doc[j - 1].idx + len(doc[j - 1].text)
            if _overlaps(s_char, e_char, exclude):
                continue
            literal = not inside and _literal(doc, i, j, gaz.by_gid.get(t.place.geonames_id), gaz)
            extra.append(Toponym(s_char, e_char, doc.text[s_char:e_char], t.place, t.score, literal, i, j))
            taken.append((i, j))
            break
    if not extra:
        return toponyms
    return sorted(toponyms + extra, key=lambda x: x.start)


_HOLDER_PREPS = frozenset({",", "in"})  # "Le Lapin in Tarnby", "Orlen Hospital, Tarnby": the town that follows holds it
_FACILITY_END = FACILITY_WORDS | INSTITUTION_WORDS  # "the Turkish Embassy", "Bangkok Police"


def _named_countries(t: Toponym, sent, toponyms: list[Toponym], facility: bool) -> frozenset[str]:
    """The countries a name's own words name ("X, Cambodia", "Cambodia's X"), else, for a name that is no
    facility's, those its sentence names (as countries, not by a demonym): where a name the gazetteer cannot
    resolve lies, when it says so. A facility's sentence may name another country ("the Turkish Embassy in
    Moscow")."""
    if t.container:
        return frozenset((t.container,))
    if facility:
        return frozenset()  # "the Turkish Embassy" in a sentence of Moscow and Turkey is Moscow's
    return frozenset(u.place.country for u in toponyms if u.place is not None and u.place.precision == "country"
                     and not u.demonym and u.place.country and sent.start <= u.token_start < sent.end)


# words that name no town on their own inside a facility's name ("Lake", "North", "County", "Hospital")
_GENERIC_NAME_WORDS = FACILITY_WORDS | INSTITUTION_WORDS | DIRECTION_WORDS | COMMON_WORDS | frozenset(CUE_AFTER)


NAME_TOWN_DEG = 1.5  # a facility named for a town of the article's province lies this near its main town (~160 km)
HAMLET_POP = 10_000  # a facility named for a town this small in the article's province...
BIG_CITY_POP = 100_000  # ...is rather named for a city this big of its country, where there is one


def _town_in_name(gaz: Gazetteer, name: str, province: str | None,
                  anchor: tuple[float, float] | None = None) -> int | None:
    """The town a facility's name opens or closes with, when the gazetteer has a town of that name in the article's
    main province ("Lake Manassas", "Old Town Manassas" in a story of Virginia towns): the biggest such. A part
    made only of facility, institution, direction or common words ("Lake", "North") names no town. ``anchor``: the
    point of the article's main town; a town of the province farther than NAME_TOWN_DEG from it is no facility's
    ("Laredo Square" in a story of Lubbock's streets is Lubbock's square, not the province's distant Laredo's); a
    town of HAMLET_POP or more of that name across the province's border that near it holds it instead."""
    if province is None:
        return None
    words = name.split()
    across = []  # towns of that name across the province's border, near the main town ("the Jersey City Library")
    for k in range(len(words) - 1, 0, -1):
        for part in (words[:k], words[-k:]):
            if all(w.lower() in _GENERIC_NAME_WORDS for w in part):
                continue
            towns = [r for r, m, _ in gaz.index.get(normalise(" ".join(part)), ()) if gaz.kinds[r] == CITY
                     and m in (PRIMARY, ALIAS)]
            rows = [r for r in towns if gaz.admin1[r] == province]
            if anchor is not None:
                across += [r for r in towns if gaz.admin1[r] != province and gaz.pops[r] >= HAMLET_POP
                           and _within(gaz, r, anchor, NAME_TOWN_DEG)]
            if rows:
                best = max(rows, key=lambda r: gaz.pops[r])
                if gaz.pops[best] < HAMLET_POP:
                    # "the Syracuse Chiefs" in a story of Kansas places: a city of the same country, not a hamlet
                    big = [r for r in towns if gaz.countries[r] == gaz.countries[best] and gaz.pops[r] >= BIG_CITY_POP]
                    if big:
                        return max(big, key=lambda r: gaz.pops[r])
                if anchor is None or _within(gaz, best, anchor, NAME_TOWN_DEG):
                    return best
    return max(across, key=lambda r: gaz.pops[r]) if across else None


def _within(gaz: Gazetteer, row: int, point: tuple[float, float], deg: float) -> bool:
    """Whether a gazetteer row lies within ``deg`` degrees (longitude scaled by latitude) of a point."""
    la, lo = gaz.lats[row], gaz.lons[row]
    if la is None or lo is None:
        return True
    dlon = abs(lo - point[1])
    dlon = min(dlon, 360.0 - dlon) * math.cos(math.radians(point[0]))
    return (la - point[0]) ** 2 + dlon * dlon <= deg * deg


def _named_in(name: str, towns: list[Toponym]) -> list[Toponym]:
    """The article's towns whose name opens or closes a facility's ("Air Berlin", "Port of Los Angeles"): the town
    that holds it, whatever town its sentence names."""
    key = " " + normalise(name) + " "
    out = []
    for u in towns:
        k = normalise(u.text)
        if k and k != key.strip() and (key.startswith(" " + k + " ") or key.endswith(" " + k + " ")):
            out.append(u)
    return out


def place_patterns(gazetteer: Gazetteer | None = None) -> list[dict]:
    """EntityRuler patterns (label GPE, or LOC for regions and seas) for place names the small model misses or
    splits: multiword country and admin1 names and their aliases ("Sistan and Baluchestan", "Khyber Pakhtunkhwa"),
    and the curated aliases (KPK, FATA, Baluchistan). Single-word gazetteer names are left to the model and to
    ``geoparse``'s own phrase matching, so that "Washington Post" stays an organisation."""
    gaz = gazetteer or load_gazetteer()
    seen: set[str] = set()
    patterns: list[dict] = []
    for text, kind in gaz.pattern_names:
        if text in seen or not text[:1].isupper():
            continue
        multi = " " in text or "-" in text
        entries = gaz.index.get(normalise(text), [])
        curated = next((r for r, m, _ in entries if m == CURATED), None)
        row = curated if curated is not None else (entries[0][0] if entries else None)
        # one-word curated aliases only for countries, provinces, regions and acronyms (KPK, FATA, Baluchistan):
        # "Washington" and "Gaza" (cities) stay with the model, which knows "Washington Post" is not a place
        if multi or (kind == "curated" and (text.isupper() or (row is not None and gaz.kinds[row] != CITY))):
            seen.add(text)
            label = "LOC" if row is not None and gaz.kinds[row] == REGION else "GPE"
            patterns.append({"label": label, "pattern": text, "id": "flashpoint-place"})
    return patterns
