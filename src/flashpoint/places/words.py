"""The word lists the toponym reader and the gazetteer key on, read from ``data/places/``:

* ``words.tsv`` (``id, kind, word``): connectors inside names, common words that are no place on their own,
  the verbs and nouns that make a country or capital stand for its government, speech verbs, institution words
  the generic suffixes a name may be looked up without ("Panjgur District"), the articles and qualifiers a
  town's short name leaves off ("Al Qamishli", "Frankfurt am Main"), holidays the model may tag as places
  ("Easter"), the words that end a street's name ("Larchmont Drive") and the division words that make a name a
  place inside an organisation's ("the Aitkin County Sheriff's Office"), the lower-case words after a name that
  make it a site ("the Kelvoran roundabout"), the words that end a building's or venue's name ("Casa Mirta
  restaurant"); each ``kind`` is described in the file's header;
* ``feature_words.tsv`` (``id, position, word, feature``): the words after a name ("Panjgur district") or before
  its "of" ("the city of X") that say what kind of place it is;

and, from ``data/cues/argument_words.tsv`` (kind ``toponym_prep``, where every list of place prepositions is kept
side by side), the prepositions that make an ORG/PERSON span a place: ``words["place_prep"]``.

Words are lower-cased as read. A malformed line, an unknown kind or position, or an id used twice is a
:class:`~flashpoint.errors.DictionaryError` naming ``file:line``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from flashpoint.datafiles import data_path, read_tsv
from flashpoint.errors import DictionaryError

WORD_KINDS = ("connector", "common_word", "action_verb", "speech_verb", "agent_noun", "institution_word",
              "generic_suffix", "honorific", "name_article", "name_qualifier",
              "facility_word", "direction_word", "holiday", "versus", "street_word", "division_word",
              "calendar_word", "legal_form", "site_word", "township_word", "venue_word", "time_zone")
PREP_KIND = "toponym_prep"  # the kind of argument_words.tsv read as words["place_prep"]
POSITIONS = ("after", "before")
FEATURES = ("admin1", "admin2", "city")  # and "-": a place cue that fixes no kind


@dataclass(frozen=True)
class PlaceWords:
    words: Mapping[str, frozenset[str]]  # kind (one of WORD_KINDS, and "place_prep") -> words
    after: Mapping[str, str | None]  # word after a name -> the feature it names (None: a cue of no kind)
    before: Mapping[str, str | None]  # word before "of X" -> the feature it names


@functools.lru_cache(maxsize=1)
def load_place_words() -> PlaceWords:
    """The package's place-reading word lists (read once per process)."""
    seen: dict[str, int] = {}

    def unique(name: str, number: int, row_id: str) -> None:
        if row_id in seen:
            raise DictionaryError(f"id '{row_id}' is used twice (first on line {seen[row_id]})",
                                  where=f"{name}:{number}")
        seen[row_id] = number

    words: dict[str, set[str]] = {kind: set() for kind in WORD_KINDS}
    for number, row in read_tsv(data_path("places", "words.tsv"), ("id", "kind", "word")):
        if row["kind"] not in words:
            raise DictionaryError(f"unknown kind '{row['kind']}': expected one of {', '.join(WORD_KINDS)}",
                                  where=f"words.tsv:{number}")
        unique("words.tsv", number, row["id"])
        words[row["kind"]].add(row["word"].lower())
    cue_rows = read_tsv(data_path("cues", "argument_words.tsv"), ("id", "kind", "lemma"))
    preps = {row["lemma"].lower() for _, row in cue_rows if row["kind"] == PREP_KIND}
    if not preps:
        raise DictionaryError(f"no words of kind '{PREP_KIND}'; expected lines with that kind",
                              where="argument_words.tsv")
    words["place_prep"] = preps

    seen.clear()
    features: dict[str, dict[str, str | None]] = {position: {} for position in POSITIONS}
    for number, row in read_tsv(data_path("places", "feature_words.tsv"), ("id", "position", "word", "feature")):
        where = f"feature_words.tsv:{number}"
        if row["position"] not in features:
            raise DictionaryError(f"unknown position '{row['position']}': expected one of {', '.join(POSITIONS)}",
                                  where=where)
        if row["feature"] not in (*FEATURES, "-"):
            raise DictionaryError(f"unknown feature '{row['feature']}': expected one of {', '.join(FEATURES)} or -",
                                  where=where)
        unique("feature_words.tsv", number, row["id"])
        features[row["position"]][row["word"].lower()] = None if row["feature"] == "-" else row["feature"]

    return PlaceWords(MappingProxyType({kind: frozenset(ws) for kind, ws in words.items()}),
                      MappingProxyType(features["after"]), MappingProxyType(features["before"]))


@functools.lru_cache(maxsize=1)
def load_agencies() -> frozenset[str]:
    """The news agencies' names of ``data/cues/datelines.tsv`` (kind ``agency``, the dateline reader's list: one
    list for both readers), as written there: "Xinhua", "AFP", "dpa". A credit ("(Xinhua) --", "told Reuters") is
    no toponym though GeoNames holds a village of the name (see ``toponyms._agency``)."""
    return frozenset(row["value"] for _, row in read_tsv(data_path("cues", "datelines.tsv"), ("kind", "value"))
                     if row["kind"] == "agency")
