"""split_dateline: wire datelines at the start of an article, and first sentences that are not datelines."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from flashpoint.ingest import dateline as dateline_module
from flashpoint.ingest import split_dateline


@dataclass
class Entry:
    country: str
    kind: str


COUNTRIES = {"Pakistan": "PAK", "India": "IND", "Iran": "IRN", "Ukraine": "UKR", "Lebanon": "LBN", "Singapore": "SGP"}


def fake_lookup(name: str):
    if name in COUNTRIES:
        return Entry(COUNTRIES[name], "country")
    if name.casefold() == "beirut":
        return Entry("LBN", "capital")
    if name.casefold() in ("hezbollah", "nato"):
        return Entry("LBN", "group")  # an actor with a country is not a country
    return None


@pytest.fixture
def actors(monkeypatch):
    """A stand-in for flashpoint.dictionaries.actors, so these tests do not depend on its data."""
    monkeypatch.setattr(
        dateline_module, "_dictionary_entries",
        lambda name, _actors: [e for e in (fake_lookup(name), fake_lookup(name.title())) if e][:1]
    )


@pytest.fixture
def no_actors(monkeypatch):
    monkeypatch.setattr(dateline_module, "_dictionary_entries", lambda name, _actors: [])


POSITIVES = [
    # text, dateline.text, place, body starts with
    ("QUETTA, Pakistan — Pakistani forces killed 12.", "QUETTA, Pakistan", "QUETTA", "Pakistani forces"),
    ("QUETTA, Pakistan (Reuters) - Pakistani forces killed 12.", "QUETTA, Pakistan (Reuters)", "QUETTA", "Pakistani"),
    ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON (AP)", "WASHINGTON", "The Senate"),
    ("Islamabad, Jan 18 (Reuters) - Pakistan struck back.", "Islamabad, Jan 18 (Reuters)", "Islamabad", "Pakistan"),
    ("GAZA CITY, Jan. 3 -- Israeli strikes hit the city.", "GAZA CITY, Jan. 3", "GAZA CITY", "Israeli"),
    ("BEIRUT: Hezbollah fired rockets.", "BEIRUT", "BEIRUT", "Hezbollah"),
    ("  \nKYIV, Ukraine, Jan 18 (AP) — Russia attacked.", "KYIV, Ukraine, Jan 18 (AP)", "KYIV", "Russia"),
    ("ST. PETERSBURG, Russia — Protesters gathered.", "ST. PETERSBURG, Russia", "ST. PETERSBURG", "Protesters"),
    ("PORT-AU-PRINCE, Haiti — Gangs attacked.", "PORT-AU-PRINCE, Haiti", "PORT-AU-PRINCE", "Gangs"),
    ("LONDON/BRUSSELS (Reuters) - The EU said.", "LONDON/BRUSSELS (Reuters)", "LONDON/BRUSSELS", "The EU"),
    ("THE HAGUE, Netherlands — Judges ruled.", "THE HAGUE, Netherlands", "THE HAGUE", "Judges"),
    ("Beirut (AFP) - Israeli jets struck.", "Beirut (AFP)", "Beirut", "Israeli"),
    ("BOGOTÁ, Colombia — Rebels agreed.", "BOGOTÁ, Colombia", "BOGOTÁ", "Rebels"),
    ("NEW DELHI, 5 March (PTI) - India said.", "NEW DELHI, 5 March (PTI)", "NEW DELHI", "India"),
    ("SANAA, Yemen, Jan. 5, 2024 (Xinhua) -- Houthis said.", "SANAA, Yemen, Jan. 5, 2024 (Xinhua)", "SANAA", "Houthis"),
    ("JERUSALEM (CNN)--Israel said.", "JERUSALEM (CNN)", "JERUSALEM", "Israel"),
    ("DUBAI, Feb 2 (Reuters) – Iran seized a tanker.", "DUBAI, Feb 2 (Reuters)", "DUBAI", "Iran"),
    ("Gaza City, Jan 3 — Strikes continued.", "Gaza City, Jan 3", "Gaza City", "Strikes"),
    ("SPRINGFIELD, Ill. (AP) — The governor said.", "SPRINGFIELD, Ill. (AP)", "SPRINGFIELD", "The governor"),
    ("KHARTOUM (dpa) - Fighting resumed.", "KHARTOUM (dpa)", "KHARTOUM", "Fighting"),
]


@pytest.mark.parametrize(("text", "expected_text", "place", "body"), POSITIVES)
def test_datelines(no_actors, text, expected_text, place, body):
    found = split_dateline(text)
    assert found is not None
    assert found.text == expected_text
    assert found.place == place
    assert text[found.end :].startswith(body)


NEGATIVES = [
    "Iran said on Monday -- it would retaliate.",
    "BREAKING: Iran fires missiles at Israel.",
    "UPDATE 2-Israel strikes Gaza overnight.",
    "EXCLUSIVE: Iran supplied drones, sources say.",
    "NOTE: this story has been updated.",
    "The president said: we will not back down.",
    "Hamas — the militant group that runs Gaza — said it would respond.",
    "UK: Prime minister resigns after vote.",
    "Tehran, the capital — was quiet on Sunday.",
    "Mr Khan: I will not resign.",
    "In a statement on Monday, the ministry — which oversees the police — said.",
    "Officials in Quetta said - after the blast - that 12 died.",
    "Washington — The Senate voted on Tuesday.",
    "Israel's army said (on Monday) - it had struck.",
    "Russia-Ukraine war: latest news.",
    "US — China talks resume.",
    "Hamas (the militant group) - said on Monday.",
    "QUETTA " + "VERY LONG PLACE NAME " * 4 + "— x",
    "",
    "Rebels seized the town of Goma on Sunday, the UN said.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_datelines(actors, text):
    assert split_dateline(text) is None


def test_dateline_must_be_at_the_start(no_actors):
    assert split_dateline("Officials said.\nBEIRUT: Hezbollah fired rockets.") is None


def test_dateline_over_80_characters(no_actors):
    long_place = "LLANFAIRPWLLGWYNGYLLGOGERYCHWYRNDROBWLLLLANTYSILIOGOGOGOCH"
    assert split_dateline(f"{long_place}, Wales (Reuters) -- x") is not None  # 67 characters
    assert split_dateline(f"{long_place}, Anglesey, Wales, Jan. 5, 2024 (Reuters) -- x") is None  # 93


def test_country_from_the_actor_dictionary(actors):
    found = split_dateline("QUETTA, Pakistan (Reuters) - Pakistani forces killed 12.")
    assert found.country == "PAK"
    assert split_dateline("KYIV, Ukraine, Jan 18 (AP) — Russia attacked.").country == "UKR"
    assert split_dateline("SINGAPORE (Reuters) - Markets fell.").country == "SGP"  # the place is a country
    assert split_dateline("WASHINGTON (AP) — The Senate voted.").country is None
    assert split_dateline("BEIRUT: Hezbollah fired rockets.").country == "LBN"  # a capital
    assert split_dateline("BEIRUT, Lebanon — x").country == "LBN"
    assert split_dateline("Beirut, Hezbollah — x") is None  # a capital is not a region: no evidence


def test_country_from_a_state_in_the_cues_file(no_actors):
    assert split_dateline("SPRINGFIELD, Ill. (AP) — The governor said.").country == "USA"
    assert split_dateline("LAHORE, Punjab — Police said.").country is None  # Punjab: India or Pakistan


def test_capitalised_place_needs_a_known_region(no_actors):
    text = "Tehran, Iran — The foreign minister said."
    assert split_dateline(text) is None  # without a dictionary "Iran" is unknown: not enough evidence


def test_capitalised_place_with_a_country_region(actors):
    found = split_dateline("Tehran, Iran — The foreign minister said.")
    assert found is not None and found.place == "Tehran" and found.country == "IRN"
    assert split_dateline("Pakistan, India — the two rivals clashed.") is None  # two countries, not a city
    assert split_dateline("Beirut, Hezbollah — fighters said.") is None  # a group, not a country


def test_an_actor_is_not_a_bare_dateline(actors, monkeypatch):
    assert split_dateline("NATO — The alliance said it would respond.") is None
    assert split_dateline("HEZBOLLAH: Fighters fired rockets.") is None
    assert split_dateline("NATO (Reuters) - The alliance said.") is not None  # an agency makes it a dateline
    monkeypatch.setattr(dateline_module, "_dictionary_entries", lambda name, _actors: [])
    assert split_dateline("NATO — The alliance said it would respond.") is not None  # weak without the dictionary


def test_country_none_without_the_dictionary(no_actors):
    assert split_dateline("QUETTA, Pakistan — Pakistani forces killed 12.").country is None


def test_real_dictionary_gives_the_dateline_country():
    found = split_dateline("QUETTA, Pakistan — Pakistani forces killed 12.")
    assert (found.place, found.country) == ("QUETTA", "PAK")
    assert split_dateline("TEHRAN, Iran — x").country == "IRN"


def test_text_is_not_cut_and_end_is_an_offset(no_actors):
    text = "GAZA CITY, Jan. 3 --   Israeli strikes."
    found = split_dateline(text)
    assert found.end == text.index("Israeli")
    assert text[: len(found.text)] == found.text


def test_malformed_cue_row_names_file_and_line(tmp_path, monkeypatch):
    from flashpoint.errors import DictionaryError

    cues = tmp_path / "datelines.tsv"
    cues.write_text("# comment\nkind\tvalue\tcountry\nagency\tReuters\t\nregion\tIll.\tUS\n", encoding="utf-8")
    monkeypatch.setattr(dateline_module, "data_path", lambda *parts: cues)
    dateline_module._cues.cache_clear()
    try:
        with pytest.raises(DictionaryError, match="field 'country' is 'US'; expected an ISO3 code") as caught:
            dateline_module._cues()
        assert caught.value.where == "datelines.tsv:4"
    finally:
        dateline_module._cues.cache_clear()


def test_a_users_actor_dictionary_decides_what_is_an_actor_not_a_dateline(tmp_path):
    """"FROBCORP --" opens a dateline for the built-in dictionary, which does not know the name; a user's
    dictionary that lists it as an armed group makes it the first words of the story (the Coder passes its
    own dictionary, ``--dictionaries`` included)."""
    from flashpoint.dictionaries.actors import load_actor_dictionary

    mine = tmp_path / "actors_mine.tsv"
    mine.write_text("id\tname\taliases\tcountry\tsector\tcode\n"
                    "frobcorp\tFrobcorp Militia\tFROBCORP\tPAK\tREB\tPAKREB\n", encoding="utf-8")
    text = "FROBCORP -- Frobcorp Militia attacked a police station in Quetta on Monday."
    assert split_dateline(text).place == "FROBCORP"
    assert split_dateline(text, actors=load_actor_dictionary((str(mine),))) is None
