"""Fast geoparser tests on a tiny hand-made gazetteer, plus slow ones on the real gazetteer and pipeline."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest

from flashpoint.places.gazetteer import Gazetteer, normalise

GEO = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "geo"
SCORE_GEO = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "score_geo.py"
BASELINE = Path(__file__).with_name("geo_baseline.json")
FIXTURES = Path(__file__).with_name("fixtures")


def _tiny_rows() -> list[dict]:
    """tests/fixtures/tiny_gazetteer.tsv as ``Gazetteer.from_rows`` rows; an empty cell is a field left out."""
    lines = (FIXTURES / "tiny_gazetteer.tsv").read_text(encoding="utf-8").splitlines()
    reader = csv.DictReader((line for line in lines if not line.startswith("#")), delimiter="\t")
    types = {"gid": int, "lat": float, "lon": float, "pop": int}
    return [{k: types.get(k, str)(v) for k, v in row.items() if v} for row in reader]


@pytest.fixture(scope="module")
def tiny() -> Gazetteer:
    rows = _tiny_rows()
    aliases = [("Baluchistan", "Balochistan", 0.0), ("Sistan-Baluchestan", "Sistan and Baluchestan", 0.0)]
    return Gazetteer.from_rows(rows, aliases, demonyms={"Iranian": "IRN", "Pakistani": "PAK"})


def test_normalise_folds_case_accents_dots_and_hyphens():
    assert normalise("U.S.") == "us"
    assert normalise("Sīstān va Balūchestān") == "sistan va baluchestan"
    assert normalise("Khyber-Pakhtunkhwa") == normalise("Khyber Pakhtunkhwa")
    assert normalise("Saint-Étienne") == "st etienne"


def test_country_hint_and_feature_pick_the_province(tiny):
    place, score = tiny.resolve("Sistan and Baluchestan", country="IRN", feature="admin1")
    assert place.admin1 == "IR-11" and place.precision == "admin1" and place.country == "IRN"
    assert score >= tiny.threshold
    place, _ = tiny.resolve("Baluchistan", country="PAK")
    assert place.admin1 == "PK-BA" and place.geonames_id == 1183606


def test_bare_country_name_is_the_country_and_context_can_flip_it(tiny):
    assert tiny.resolve("Iran")[0].precision == "country"
    assert tiny.resolve("Georgia")[0].country == "GEO"
    assert tiny.resolve("Georgia", context=("USA",))[0].admin1 == "US-GA"


def test_admin1_container_disambiguates_a_city(tiny):
    assert tiny.resolve("Springfield", admin1="US-IL")[0].geonames_id == 4250542
    assert tiny.resolve("Springfield", admin1="US-MO")[0].geonames_id == 4409896


def test_ambiguous_without_context_stays_unresolved(tiny):
    place, score = tiny.resolve("Springfield")
    assert place is None and 0 <= score < tiny.threshold


def test_unknown_name_gives_no_place_and_no_coordinates(tiny):
    assert tiny.resolve("Xyzzyville") == (None, 0.0)
    assert tiny.resolve("") == (None, 0.0)


def test_unique_small_city_resolves(tiny):
    place, _ = tiny.resolve("Panjgur")
    assert place.geonames_id == 1168446 and place.precision == "city"


def test_demonyms_are_not_places(tiny):
    assert tiny.demonym_row("Iranians") == tiny.by_iso3["IRN"]
    assert not tiny.is_name("Iranian")


def test_gold_readers_and_scoring(tmp_path):
    from flashpoint.evaluation.geo import haversine_km, read_gold, score

    xml = tmp_path / "lgl.xml"
    xml.write_text(
        "<articles><article docid='1'><text>Fire in Alexandria.</text><toponyms><toponym><start>8</start>"
        "<end>18</end><phrase>Alexandria</phrase><gaztag geonameid='4314550'><name>Alexandria</name>"
        "<lat>31.3113</lat><lon>-92.4451</lon></gaztag></toponym></toponyms></article></articles>",
        encoding="utf-8")
    arts = read_gold(xml)
    assert arts[0].toponyms[0].geonames_id == 4314550 and arts[0].toponyms[0].text == "Alexandria"
    gwn = tmp_path / "gwn.xml"
    gwn.write_text(
        "<articles><article file='0'><text>Rain in Paris and citizens.</text><toponyms><toponym>"
        "<extractedName>Paris</extractedName><type>Literal</type><start>8</start><end>13</end>"
        "<geonamesID>2988507</geonamesID><latitude>48.85</latitude><longitude>2.35</longitude></toponym>"
        "<toponym><extractedName>citizens</extractedName><type>Non_Lit_Expression</type><start>18</start>"
        "<end>26</end></toponym></toponyms></article></articles>", encoding="utf-8")
    g = read_gold(gwn)[0]
    assert [t.text for t in g.toponyms] == ["Paris"] and g.toponyms[0].type == "Literal"
    assert abs(haversine_km(48.85, 2.35, 51.5, -0.12) - 343) < 5
    gold = read_gold(gwn)
    near = {"article_id": "0", "start": 8, "end": 13, "geonames_id": 3, "lat": 48.9, "lon": 2.4}
    stray = {"article_id": "0", "start": 0, "end": 4, "geonames_id": 4, "lat": 1.0, "lon": 1.0}
    m = score(gold, [near, stray])
    assert (m["recall"], m["exact"], m["km161"], m["either"], m["precision"]) == (1.0, 0.0, 1.0, 1.0, 0.5)
    m = score(gold, [{**near, "geonames_id": 2988507, "lat": 10.0}, {**near, "start": 9}])  # any hit counts
    assert (m["exact"], m["km161"], m["either"], m["precision"]) == (1.0, 1.0, 1.0, 1.0)


def test_places_command_reports_unreadable_input_and_goes_on(tiny, tmp_path, monkeypatch):
    spacy = pytest.importorskip("spacy")
    from click.testing import CliRunner

    import flashpoint.evaluation.geo
    import flashpoint.places
    from flashpoint.cli.places import places_command

    def pipeline():
        nlp = spacy.blank("en")
        nlp.add_pipe("entity_ruler").add_patterns([{"label": "GPE", "pattern": "Panjgur"}])
        return nlp

    monkeypatch.setattr(flashpoint.places, "load_gazetteer", lambda: tiny)
    monkeypatch.setattr(flashpoint.evaluation.geo, "load_pipeline", pipeline)
    (tmp_path / "a.txt").write_text("Gunmen attacked a bus in Panjgur on Monday.\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('not json\n{"id": "x1", "text": "Troops entered Panjgur."}\n', encoding="utf-8")
    files = [str(tmp_path / name) for name in ("a.txt", "missing.txt", "b.jsonl")]

    result = CliRunner().invoke(places_command, files)

    assert result.exit_code == 2  # InputError's exit status, after the whole batch
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(d["text"], d["geonames_id"]) for d in out] == [("Panjgur", 1168446)] * 2
    assert out[1]["article_id"] == "x1"
    missing, malformed = result.stderr.splitlines()  # one line each: "error <code>: <where>: <message>"
    assert missing.startswith(f"error E101: {files[1]}: file not found")
    assert malformed.startswith(f"error E103: {files[2]}:1: not valid JSON")


def test_places_prints_demonyms_with_their_kind_unless_told_not_to(tiny, tmp_path, monkeypatch):
    spacy = pytest.importorskip("spacy")
    from click.testing import CliRunner

    import flashpoint.evaluation.geo
    import flashpoint.places
    from flashpoint.cli.places import places_command

    def pipeline():
        nlp = spacy.blank("en")
        nlp.add_pipe("entity_ruler").add_patterns([{"label": "GPE", "pattern": "Panjgur"},
                                                  {"label": "NORP", "pattern": "Iranian"}])
        return nlp

    monkeypatch.setattr(flashpoint.places, "load_gazetteer", lambda: tiny)
    monkeypatch.setattr(flashpoint.evaluation.geo, "load_pipeline", pipeline)
    (tmp_path / "a.txt").write_text("Iranian troops entered Panjgur.\n", encoding="utf-8")

    def printed(*flags):
        result = CliRunner().invoke(places_command, [str(tmp_path / "a.txt"), *flags])
        assert result.exit_code == 0, result.output
        return [(d["text"], d["kind"], d["country"]) for d in map(json.loads, result.stdout.splitlines())]

    assert printed() == [("Iranian", "demonym", "IRN"), ("Panjgur", "name", "PAK")]
    assert printed("--no-demonyms") == [("Panjgur", "name", "PAK")]


# -- slow: the real gazetteer and pipeline ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def gaz():
    from flashpoint.places import load_gazetteer
    return load_gazetteer()


@pytest.fixture(scope="module")
def nlp():
    from flashpoint.evaluation.geo import load_pipeline
    return load_pipeline()


@pytest.mark.slow
def test_real_gazetteer_examples(gaz):
    p, s = gaz.resolve("Sistan and Baluchestan", country="IRN", feature="admin1")
    assert p.admin1 == "IR-11" and p.precision == "admin1" and p.geonames_id == 1159456 and p.lat is not None
    assert gaz.resolve("Balochistan", country="PAK")[0].admin1 == "PK-BA"
    assert gaz.resolve("Baluchistan")[0].admin1 == "PK-BA"
    assert gaz.resolve("KPK")[0].admin1 == "PK-KP"
    iran = gaz.resolve("Iran")[0]
    assert iran.precision == "country" and iran.country == "IRN"
    panjgur = gaz.resolve("Panjgur")[0]
    assert panjgur.country == "PAK" and panjgur.precision == "city"
    assert gaz.resolve("Springfield", admin1="US-IL")[0].geonames_id == 4250542
    place, score = gaz.resolve("Qwzxv Nowhere")
    assert place is None and score < gaz.threshold


@pytest.mark.slow
def test_province_point_is_inside_its_country(gaz):
    p = gaz.resolve("Balochistan", country="PAK")[0]
    assert 24 < p.lat < 32 and 60 < p.lon < 71  # a derived point, marked admin1 and never city
    assert p.precision == "admin1"


@pytest.mark.slow
def test_place_patterns_tokenise(gaz):
    import spacy

    from flashpoint.places import place_patterns

    pats = place_patterns()
    texts = {p["pattern"] for p in pats}
    assert {"Sistan and Baluchestan", "Khyber Pakhtunkhwa", "KPK", "FATA"} <= texts
    assert all(p["label"] in ("GPE", "LOC") for p in pats)
    assert not {"Washington", "Georgia"} & texts  # single words stay with the model ("Washington Post")
    tok = spacy.blank("en").tokenizer
    for text in ("Sistan and Baluchestan", "Khyber-Pakhtunkhwa", "U.S."):
        assert tok(text).text == text


@pytest.mark.slow
def test_geoparse_article(nlp):
    from flashpoint.places import geoparse

    text = ("QUETTA, Pakistan — Gunmen attacked a bus in Panjgur district of Balochistan province on Tuesday. "
            "Iran's Sistan and Baluchestan province borders Pakistan. Tehran said the Iranian forces were not "
            "involved. He grew up in the city of Springfield, Illinois, and later returned to Springfield.")
    doc = nlp(text)
    tops = geoparse(doc, exclude=[(0, 19)])
    by = {t.text: t for t in tops}
    assert "QUETTA" not in by and "Iranian" not in by and "Gunmen" not in by
    assert by["Panjgur"].place.geonames_id == 1168446
    assert by["Sistan and Baluchestan"].place.admin1 == "IR-11"
    assert by["Tehran"].literal is False and by["Tehran"].place.country == "IRN"
    assert {t.place.geonames_id for t in tops if t.text == "Springfield"} == {4250542}
    for t in tops:
        assert text[t.start:t.end] == t.text
    assert any(t.demonym and t.place.country == "IRN" for t in geoparse(doc, demonyms=True))
    assert {t.to_dict()["kind"] for t in geoparse(doc, demonyms=True)} == {"name", "demonym"}
    assert {t.to_dict()["kind"] for t in tops} == {"name"}


@pytest.mark.slow
def test_bad_input_never_crashes(nlp):
    from flashpoint.places import geoparse

    for text in ("", "   ", "Xyzzy Qwv and the Plorbian Flats met at Gnarl.", "!!! ??? 123"):
        for t in geoparse(nlp(text)):
            if t.place is None:
                assert t.score < 1
            assert t.place is None or t.place.lat is not None


@pytest.mark.slow
@pytest.mark.parametrize("name", ["gwn_dev", "trnews_dev"])
def test_accuracy_floors(name, nlp):
    from flashpoint.evaluation.geo import evaluate_file, file_checksum

    path = GEO / f"{name}.xml"
    if not path.exists():
        pytest.skip("../shared/data/geo is not here")
    base = json.loads(BASELINE.read_text())[name]
    if file_checksum(path) != base["sha256"]:
        pytest.skip("the gold file changed: re-record tests/geo_baseline.json")
    got = evaluate_file(path, nlp=nlp)
    floor = base["floors"]
    for key in ("exact", "km161", "recall", "precision", "either"):
        assert got[key] >= floor[key] - 1e-9, (key, got[key], floor[key])


@pytest.mark.slow
@pytest.mark.parametrize("name, stop", [("gwn_dev", 40), ("trnews_dev", 30)])
def test_eval_geo_scores_what_places_prints(name, stop, nlp, tmp_path, monkeypatch):
    """`flashpoint eval geo` reports exactly what ../shared/eval/score_geo.py makes of `flashpoint places` output."""
    import re
    import subprocess
    import sys

    from click.testing import CliRunner

    import flashpoint.evaluation.geo
    from flashpoint.cli.places import eval_geo_command, places_command

    path = GEO / f"{name}.xml"
    if not path.exists() or not SCORE_GEO.exists():
        pytest.skip("../shared/data/geo or ../shared/eval is not here")
    monkeypatch.setattr(flashpoint.evaluation.geo, "load_pipeline", lambda: nlp)  # one model load for both
    part = ["--from", "0", "--to", str(stop)]
    articles, printed = tmp_path / "articles.jsonl", tmp_path / "places.jsonl"
    subprocess.run([sys.executable, str(SCORE_GEO), "make-input", str(path), str(articles), *part], check=True)
    places = CliRunner().invoke(places_command, [str(articles)])
    assert places.exit_code == 0, places.output
    printed.write_text(places.stdout, encoding="utf-8")
    records = [json.loads(line) for line in places.stdout.splitlines()]
    assert {r["kind"] for r in records} == {"name", "demonym"}
    theirs = subprocess.run([sys.executable, str(SCORE_GEO), "score", str(path), str(printed), *part],
                            check=True, capture_output=True, text=True).stdout

    got = CliRunner().invoke(eval_geo_command, [str(path), *part, "--json"])
    assert got.exit_code == 0, got.output
    mine = json.loads(got.stdout)
    c = mine["counts"]
    assert f"gold toponyms {c['gold']}, with GeoNames id {c['gold_id']}, predictions {c['predictions']}" in theirs
    figures = dict(re.findall(r"([a-z0-9-]+) (\d\.\d{3})", theirs))
    assert figures == {"exact-id": f"{c['exact'] / c['gold_id']:.3f}",
                       "within-161km": f"{c['km161'] / c['gold_point']:.3f}",
                       "recall": f"{c['found'] / c['gold']:.3f}",
                       "precision": f"{c['predictions_hit'] / c['predictions']:.3f}",
                       "right-id-or-161km": f"{c['either'] / c['gold']:.3f}"}
    assert f"({c['exact']}/{c['gold_id']})" in theirs
    for key in ("exact", "km161", "recall", "precision", "either"):  # 4 decimals against 3: at most 0.00055 apart
        assert abs(mine[key] - float(figures[{"exact": "exact-id", "km161": "within-161km", "either":
                   "right-id-or-161km"}.get(key, key)])) <= 0.00055 + 1e-9


def test_a_city_and_its_namesake_district_are_one_reading():
    rows = [
        {"name": "Canada", "kind": "country", "country": "CAN", "gid": 6251999},
        {"name": "Ontario", "kind": "admin1", "country": "CAN", "admin1": "CA-ON", "gid": 6093943},
        {"name": "Ottawa", "kind": "admin2", "country": "CAN", "admin1": "CA-ON", "gid": 6094816, "lat": 45.3,
         "lon": -75.8, "pop": 1_000_000},
        {"name": "Ottawa", "kind": "city", "country": "CAN", "admin1": "CA-ON", "gid": 6094817, "lat": 45.41,
         "lon": -75.7, "pop": 1_000_000},
        {"name": "Ottawa", "kind": "city", "country": "USA", "gid": 4902476, "lat": 41.35, "lon": -88.84,
         "pop": 18_000},
    ]
    gaz = Gazetteer.from_rows(rows)
    place, score = gaz.resolve("Ottawa")
    assert place.geonames_id == 6094817 and score > 0.9  # the city, with the district's weight
    assert gaz.resolve("Ottawa", merge_same=False)[1] < score
    assert gaz.resolve("Ottawa", feature="admin2")[0].geonames_id == 6094816


def test_a_country_in_context_does_not_favour_its_namesake_subdivision():
    rows = [
        {"name": "Mexico", "kind": "country", "country": "MEX", "gid": 3996063},
        {"name": "México", "kind": "admin1", "country": "MEX", "admin1": "MX-MEX", "gid": 3523272},
        {"name": "Toluca", "kind": "city", "country": "MEX", "admin1": "MX-MEX", "gid": 3515302, "lat": 19.28,
         "lon": -99.65, "pop": 15_000_000},
    ]
    rows[1]["aliases"] = ["Mexico"]
    gaz = Gazetteer.from_rows(rows)
    gaz.pops[gaz.by_admin1["MX-MEX"]] = 15_000_000
    assert gaz.resolve("Mexico", context=("MEX",))[0].precision == "country"
    assert gaz.resolve("Mexico", feature="admin1")[0].admin1 == "MX-MEX"


@pytest.mark.slow
def test_abbreviations_match_as_written(gaz):
    assert gaz.admin1[gaz.abbreviation_row("Calif.")] == "US-CA"
    assert gaz.admin1[gaz.abbreviation_row("B.C.")] == "CA-BC"
    assert gaz.abbreviation_row("Alta") is None  # only when the tokenizer split the final dot off:
    assert gaz.admin1[gaz.abbreviation_row("Alta", split_dot=True)] == "CA-AB"
    assert gaz.abbreviation_row("Miss") is None and gaz.abbreviation_row("Mass") is None
    assert gaz.gids[gaz.abbreviation_row("D.C.")] == 4138106  # the District of Columbia, as the others are states


@pytest.mark.slow
def test_geoparse_recognition_beyond_ner(nlp):
    from flashpoint.places import geoparse, place_patterns

    text = ("Canadian Prime Minister Justin Trudeau visited Wainwright, Alta., on Monday. The Toronto Police "
            "Service said no U.S. city has such a policy. The White House declined to comment, The Canadian "
            "Press reported.")
    doc = nlp(text)
    tops = geoparse(doc, demonyms=True)
    by = {t.text: t for t in tops}
    assert by["Canadian"].demonym and by["Canadian"].place.country == "CAN"  # also a town in Ontario
    # ... and in an organisation's name, where the model tags it a proper noun
    press = [t for t in tops if t.text == "Canadian" and t.start > text.index("Press") - 10]
    assert press and press[0].demonym and press[0].place.country == "CAN"
    alta = next(t for t in tops if t.text.startswith("Alta"))
    assert alta.place.admin1 == "CA-AB"
    assert by["Toronto"].place.geonames_id == 6167865 and by["Toronto"].literal is False  # inside an ORG
    assert by["U.S."].place.precision == "country"  # "U.S. city" is no city cue for a country
    assert "White House" not in {p["pattern"] for p in place_patterns()}  # stays an ORG (an actor)
    assert "White House" not in by  # "declined to comment": the government speaking, no place (issue 14)


@pytest.mark.slow
def test_geoparse_context_support_and_coherence(nlp):
    from flashpoint.places import geoparse

    text = ("Police in London, Ontario, said the suspect was also seen in St. Thomas and in Middlesex Centre. "
            "Officers from Strathroy joined the search near Komoka on Tuesday.")
    tops = geoparse(nlp(text))
    by = {t.text: t for t in tops}
    assert by["London"].place.admin1 == "CA-ON"
    assert all(t.place is None or t.place.country == "CAN" for t in tops), [(t.text, t.place) for t in tops]


@pytest.mark.slow
def test_a_province_gives_way_to_the_city_that_dominates_it(gaz):
    assert gaz.resolve("Kabul")[0].precision == "city"  # not Kabul province
    assert gaz.resolve("Aleppo")[0].precision == "city"
    assert gaz.resolve("Quebec")[0].precision == "admin1"  # Quebec City is a small part of Quebec
    assert gaz.resolve("Kabul", feature="admin1")[0].precision == "admin1"


def test_a_district_without_cities_takes_its_province_point():
    rows = [
        {"name": "Syria", "kind": "country", "country": "SYR", "gid": 163843},
        {"name": "Rif Dimashq", "kind": "admin1", "country": "SYR", "admin1": "SY-RD", "gid": 170652, "lat": 33.5,
         "lon": 36.4, "pop": 1_000_000},
        {"name": "Douma District", "kind": "admin2", "country": "SYR", "admin1": "SY-RD", "gid": 170590},
    ]
    gaz = Gazetteer.from_rows(rows)
    place = gaz.place(2, "Douma")
    assert place.geonames_id == 170590 and (place.lat, place.lon) == (33.5, 36.4)
    assert place.precision == "admin1"  # the point is the province's, and says so


@pytest.mark.slow
def test_curated_features_and_text_only_aliases(gaz):
    assert gaz.resolve("Cauvery")[0].geonames_id == 1267384
    assert gaz.resolve("Eastern Ghouta")[0].geonames_id == 173866
    assert gaz.resolve("Heathrow")[0].geonames_id == 2647216
    assert gaz.resolve("BC")[0].admin1 == "CA-BC"
    # "BC" is matched in text but never given to the entity ruler, which would break dates like "300 BC"
    assert "BC" not in {name for name, _ in gaz.pattern_names}
    assert "Heathrow" in {name for name, _ in gaz.pattern_names}


@pytest.mark.slow
def test_a_name_the_article_gives_a_person_is_no_place(nlp):
    from flashpoint.places import geoparse

    def names(text):
        return [(t.text, t.place and t.place.country) for t in geoparse(nlp(text))]

    # a full personal name, and an honorific, make the bare name a person's throughout the article
    got = names("Georgia Stevens lives in Innisfail, Alberta. Georgia began skating at the age of four, and "
                "Georgia now trains in Red Deer.")
    assert "Georgia" not in {n for n, _ in got} and ("Innisfail", "CAN") in got
    got = names("Mr Paterson was stabbed at a house in Leeds. Paterson's family wept as the verdict was read.")
    assert [n for n, _ in got] == ["Leeds"]
    # unless the article also names it as a place ("in Nelson"), which it then is wherever it stands bare
    got = names("Councillor Dewly Nelson spoke at a meeting in Nelson, British Columbia. Nelson has a new plan.")
    assert [n for n, _ in got].count("Nelson") == 2


@pytest.mark.slow
def test_an_unknown_name_needs_a_place_cue(nlp):
    from flashpoint.places import geoparse

    assert geoparse(nlp("Floods hit Qwzxville on Monday.")) == []
    kept = geoparse(nlp("Floods hit farms in Qwzxville on Monday."))
    assert [(t.text, t.place) for t in kept] == [("Qwzxville", None)]


@pytest.mark.slow
def test_a_neighbour_of_the_article_countries_beats_a_namesake_near_a_named_city(nlp):
    from flashpoint.places import geoparse

    text = ("The United States and Britain sanctioned Iran on Thursday. Iran attacked Israel in retaliation for an "
            "air strike on its consulate in Damascus. Officials in Washington and London said more would follow.")
    damascus = [t for t in geoparse(nlp(text)) if t.text == "Damascus"]
    assert [t.place.country for t in damascus] == ["SYR"]


@pytest.mark.slow
def test_a_facility_the_gazetteer_lacks_is_placed_at_the_town_that_holds_it(nlp):
    from flashpoint.places import geoparse

    doc = nlp("Flights were cancelled at Dulles International Airport near Washington on Monday.")
    by = {t.text: t for t in geoparse(doc)}
    airport, town = by["Dulles International Airport"], by["Washington"]
    assert airport.held and not town.held
    assert airport.place.geonames_id == town.place.geonames_id and airport.place.text == airport.text
    assert airport.score < town.score  # placed at its town, not found in the gazetteer
    lone = {t.text: t for t in geoparse(nlp("Flights were cancelled at Dulles International Airport on Monday."))}
    assert all(t.place is None for t in lone.values())  # no town named: nowhere to place it


@pytest.mark.slow
def test_a_facility_named_for_a_county_the_article_names_is_placed_at_that_county(nlp):
    from flashpoint.places import geoparse

    for text, county in [
            ("Voters in Boone County, Missouri, went to the polls. A rally was held at the Boone County Fairgrounds "
             "near Columbia on Saturday.", "Boone County Fairgrounds"),
            ("Deputies were called to a farm in Metcalfe County, Kentucky, on Friday. Metcalfe County Sheriff's "
             "Office spokesman Tom Reed said two people were hurt near Edmonton.", "Metcalfe County Sheriff's Office")]:
        by = {t.text: t for t in geoparse(nlp(text))}
        facility = by[county]
        named = by[county.split(" County")[0] + " County"]
        assert named.place.precision == "admin2" and not named.held
        # the county its name opens with, not the town nearest it in its sentence
        assert facility.held and facility.place.geonames_id == named.place.geonames_id


def test_a_held_facility_does_not_make_its_town_the_articles_main_place():
    from flashpoint.model import Place
    from flashpoint.places.toponyms import Toponym
    from flashpoint.stages.places import main_place

    town = Place(text="Kenosha", name="Kenosha", country="USA", geonames_id=1, precision="city")
    other = Place(text="Racine", name="Racine", country="USA", geonames_id=2, precision="city")
    tops = [Toponym(0, 5, "Racine", other, 0.9, True, 0, 1),
            Toponym(10, 20, "Mercy Hospital", town, 0.5, True, 3, 5, held=True),
            Toponym(30, 40, "Mercy Hospital", town, 0.5, True, 8, 10, held=True),
            Toponym(50, 57, "Kenosha", town, 0.9, True, 12, 13)]
    assert main_place(tops) is other  # one Racine, one Kenosha (the hospital's two mentions name no town): the first


@pytest.mark.slow
def test_a_name_joined_to_a_states_is_a_state_unless_its_province_is_named_for_its_town(nlp):
    from flashpoint.places import geoparse

    def read(text):
        return {t.text: t.place for t in geoparse(nlp(text))}

    assert read("Many moved from states such as California or Washington last year.")["Washington"].precision == \
        "admin1"
    assert read("Officials in Washington met their counterparts.")["Washington"].precision == "city"
    # Beirut governorate is named for its town, which is in it: "Beirut and Mount Lebanon" keeps the city
    assert read("Checkpoints went up in Beirut and Mount Lebanon overnight.")["Beirut"].precision == "city"


def test_a_country_is_favoured_by_its_neighbours_in_context():
    rows = [
        {"name": "Georgia", "kind": "country", "country": "GEO", "gid": 614540},
        {"name": "Armenia", "kind": "country", "country": "ARM", "gid": 174982},
        {"name": "United States", "kind": "country", "country": "USA", "gid": 6252001},
        {"name": "Georgia", "kind": "admin1", "country": "USA", "admin1": "US-GA", "gid": 4197000},
    ]
    gaz = Gazetteer.from_rows(rows)
    gaz.pops[gaz.by_admin1["US-GA"]] = 10_000_000
    gaz.subregions.update({"GEO": "142|145", "ARM": "142|145", "USA": "19|21"})
    # the neighbour speaks for the country; a US story still reads the state
    assert gaz.resolve("Georgia", context=("ARM", "USA"))[0].precision == "country"
    assert gaz.resolve("Georgia", context=("USA",))[0].admin1 == "US-GA"


def test_best_guess_gives_the_likeliest_reading_with_its_low_score(tiny):
    place, score = tiny.resolve("Springfield")
    assert place is None and score < tiny.threshold
    guess, same = tiny.resolve("Springfield", best_guess=True)
    assert guess is not None and guess.name == "Springfield" and same == score


@pytest.mark.slow
def test_a_town_read_alone_gives_way_to_a_namesake_the_article_is_about(nlp):
    from flashpoint.places import geoparse

    text = ("Hundreds marched through London on Saturday to ask Canada to take in more refugees. "
            "Canada has done a lot, a London pastor said, but Canada can do more.")
    london = [t for t in geoparse(nlp(text)) if t.text == "London"]
    assert london and all(t.place.admin1 == "CA-ON" for t in london), [t.place for t in london]
    # a village of the article's country does not outweigh a world city
    text = ("Officials in Texas and the United States Congress met on Monday. The United States will send "
            "a delegation to London next week.")
    london = [t for t in geoparse(nlp(text)) if t.text == "London"]
    assert london and london[0].place.country == "GBR"


@pytest.mark.slow
def test_a_law_is_no_territory(nlp):
    from flashpoint.places import geoparse

    text = "She was held under the Mental Health Act after the hearing in Sydney."
    assert "Act" not in {t.text for t in geoparse(nlp(text))}
    # ... but the acronym amid lower-case text is the territory
    tops = geoparse(nlp("Two people died on the roads of Victoria and the ACT over the weekend."))
    assert any(t.text == "ACT" and t.place is not None and t.place.admin1 == "AU-ACT" for t in tops)


@pytest.mark.slow
def test_demonyms_of_peoples_and_islands(gaz):
    assert gaz.countries[gaz.demonym_row("Serb")] == "SRB" and gaz.countries[gaz.demonym_row("Serbs")] == "SRB"
    assert gaz.countries[gaz.demonym_row("Croat")] == "HRV"
    assert gaz.countries[gaz.demonym_row("Saint Lucian")] == "LCA"
    assert gaz.admin1[gaz.demonym_row("Sicilian")] == "IT-82"


def test_a_town_whose_full_name_opens_with_the_name_in_the_named_province():
    # made-up rows: news writes the first words of a town's official name, with its province after a comma
    rows = [{"name": "Xland", "kind": "country", "country": "XXL", "gid": 1},
            {"name": "Alta Provincia", "kind": "admin1", "country": "XXL", "admin1": "XX-AP", "gid": 2},
            {"name": "Baja Provincia", "kind": "admin1", "country": "XXL", "admin1": "XX-BP", "gid": 3},
            {"name": "San Rufo de los Llanos", "kind": "city", "country": "XXL", "admin1": "XX-AP", "gid": 4,
             "lat": 10.0, "lon": 10.0, "pop": 20000},
            {"name": "San Rufo del Monte", "kind": "city", "country": "XXL", "admin1": "XX-BP", "gid": 5,
             "lat": 11.0, "lon": 11.0, "pop": 20000}]
    gaz = Gazetteer.from_rows(rows)
    assert gaz.candidates("San Rufo") == []
    place, _ = gaz.resolve("San Rufo", admin1="XX-AP")
    assert place is not None and place.geonames_id == 4
    assert gaz.resolve("San Rufo")[0] is None  # without the province, no reading


@pytest.mark.slow
def test_a_town_named_x_city_is_found_by_x(gaz):
    # "Cebu City": news often leaves off "City"; the bare name finds the town too (weakly)
    assert any(gaz.names[r] == "Cebu City" for r, _, _ in gaz.candidates("Cebu"))
    best = gaz.rank("Cebu", feature="city", context=("PHL",))[0][1]
    assert gaz.names[best] == "Cebu City"
    # a province's or country's own name never reads as its "City" ("Southern District of Ohio" is the state's)
    assert not any(gaz.names[r] == "Ohio City" for r, _, _ in gaz.candidates("Ohio"))
    assert not any(gaz.names[r] == "Panama City" for r, _, _ in gaz.candidates("Panama"))


@pytest.mark.slow
def test_a_province_name_of_short_syllables_reads_written_as_one_word(gaz):
    # news writes Thailand's and Cambodia's "Si Sa Ket", "Prachin Buri", "Mondol Kiri" as one word
    for name, code in [("Sisaket", "TH-33"), ("Prachinburi", "TH-25"), ("Mondolkiri", "KH-11")]:
        place, _ = gaz.resolve(name, feature="admin1")
        assert place is not None and place.admin1 == code and place.precision == "admin1", name
    assert not gaz.candidates("Northwestern")  # a direction word is no syllable: North Western is no university
