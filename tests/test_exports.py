"""Exports as analysts load them (issue 16): GDELT 2.0's event table read with the codebook's own column list and
types, POLECAT's published columns with one line per row, asserted events unless --all, one list encoding in
every CSV, typed Parquet, the filters of `events`, standard output, and --force."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import duckdb
import pytest
from click.testing import CliRunner

from flashpoint.cli.main import main
from flashpoint.model import Article
from flashpoint.store import EventQuery, Store
from flashpoint.store.export import export, fips_codes, global_event_id

pytestmark = pytest.mark.slow

# The GDELT 2.0 event table as its codebook lists it (GDELT-Event_Codebook-V2.0), with each field's type:
# int, float, str. Written out here, apart from the exporter's own list, so that a change to either shows.
CODEBOOK = [("GLOBALEVENTID", int), ("SQLDATE", int), ("MonthYear", int), ("Year", int), ("FractionDate", float)]
for _n in (1, 2):
    CODEBOOK += [(f"Actor{_n}{f}", str) for f in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                                   "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                                                   "Type3Code")]
CODEBOOK += [("IsRootEvent", int), ("EventCode", str), ("EventBaseCode", str), ("EventRootCode", str),
             ("QuadClass", int), ("GoldsteinScale", float), ("NumMentions", int), ("NumSources", int),
             ("NumArticles", int), ("AvgTone", float)]
for _who in ("Actor1", "Actor2", "Action"):
    CODEBOOK += [(f"{_who}Geo_Type", int), (f"{_who}Geo_FullName", str), (f"{_who}Geo_CountryCode", str),
                 (f"{_who}Geo_ADM1Code", str), (f"{_who}Geo_ADM2Code", str), (f"{_who}Geo_Lat", float),
                 (f"{_who}Geo_Long", float), (f"{_who}Geo_FeatureID", str)]
CODEBOOK += [("DATEADDED", int), ("SOURCEURL", str)]

ARTICLES = [
    ("x1", "https://one.example/1", "2024-01-18",
     "Pakistan's air\nforce struck militant camps in Iran's Sistan-Baluchestan province on Thursday, officials said."),
    ("x2", "https://two.example/2", "2024-01-18",
     "Pakistani forces struck militant camps in Iran on Thursday, killing nine people."),
    ("x3", "https://three.example/3", "2024-06-12",
     "Thousands of protesters marched in Nairobi on Tuesday against new taxes.\n\n"
     "Later, Kenyan police fired tear gas at the protesters."),
    ("x4", "https://four.example/4", "2024-03-05", "Iran could attack Israel if the talks fail."),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from flashpoint.coder import Coder

    coder = Coder()
    path = tmp_path_factory.mktemp("exports") / "exports.duckdb"
    articles = [Article.from_text(text, id=aid, url=url, source=url.split("/")[2],
                                  published=dt.date.fromisoformat(day)) for aid, url, day, text in ARTICLES]
    with Store.open(path) as store:
        store.add_batch([(r.article, r.events, r.mentions) for r in coder.code_many(articles)], coder=coder.name)
        assert {r[0] for r in store.con.execute("SELECT DISTINCT status FROM events").fetchall()} > {"asserted"}
    return path


def _events(db, **query):
    with Store.open(db, read_only=True) as store:
        return store.events(EventQuery(**query))


def _run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# ------------------------------------------------------------------------------------------------ GDELT


def test_gdelt_is_the_codebook_table(tmp_path, db):
    path = tmp_path / "events.gdelt.tsv"
    assert _run("export", str(path), "--db", str(db), "--format", "gdelt").exit_code == 0
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and all(lines[:-1])  # one line per event, no blank line
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE))
    asserted = _events(db)
    assert len(rows) == len(asserted)  # no header row; asserted events only
    for cells in rows:
        assert len(cells) == len(CODEBOOK) == 61
        row = {}
        for (name, kind), cell in zip(CODEBOOK, cells):
            if cell != "" and kind is not str:
                kind(cell)  # an int column holds an integer, a float column a number
            row[name] = cell
        assert row["GLOBALEVENTID"].isdigit() and len(row["SQLDATE"]) == 8
        root = int(row["EventRootCode"])
        assert int(row["QuadClass"]) == (1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4)
        assert row["IsRootEvent"] in ("0", "1") and row["AvgTone"] == "0"
        assert row["DATEADDED"].isdigit() and len(row["DATEADDED"]) == 14
        if row["ActionGeo_CountryCode"]:
            assert row["ActionGeo_CountryCode"] in set(fips_codes().values())
            assert row["ActionGeo_ADM1Code"].startswith(row["ActionGeo_CountryCode"])
    by_id = {int(r[0]): dict(zip((n for n, _ in CODEBOOK), r)) for r in rows}
    strike = next(e for e in asserted if e["event"] == "ASSAULT" and e["location"]
                  and e["location"]["country"] == "IRN")
    row = by_id[global_event_id(strike["id"])]
    # Iran is IR in FIPS 10-4 as in ISO; its Sistan and Baluchestan province is GeoNames/FIPS admin1 04
    assert (row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"], row["ActionGeo_Type"]) == ("IR", "IR04", "5")
    assert row["Actor1CountryCode"] == "PAK" and row["SOURCEURL"].startswith("https://")
    assert row["NumArticles"] == str(strike["num_articles"])


def test_gdelt_country_codes_are_fips_where_iso_differs():
    codes = fips_codes()
    assert (codes["DEU"], codes["GBR"], codes["ESP"], codes["CHN"], codes["IRQ"]) == ("GM", "UK", "SP", "CH", "IZ")


def test_a_protest_is_verbal_conflict_and_the_lead_is_the_root(tmp_path, db):
    path = tmp_path / "g.tsv"
    _run("export", str(path), "--db", str(db), "--format", "gdelt")
    rows = [dict(zip((n for n, _ in CODEBOOK), line.split("\t"))) for line in path.read_text().splitlines()]
    protests = [r for r in rows if r["EventRootCode"] == "14"]
    assert protests and all(r["QuadClass"] == "3" for r in protests)
    # x3's first paragraph is the march; the tear gas is in its second
    by_root = {r["EventRootCode"]: r["IsRootEvent"] for r in rows if r["SOURCEURL"].endswith("/3")}
    assert by_root.get("14") == "1"
    assert by_root.get("18", by_root.get("17", "0")) == "0"


# ------------------------------------------------------------------------------------------------ POLECAT


POLECAT_PUBLISHED = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts", "Actor Name",
    "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title", "Actor Name Raw",
    "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type",
    "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language", "Version")


def test_polecat_has_the_published_columns_and_one_line_per_row(tmp_path, db):
    path = tmp_path / "p.tsv"
    assert _run("export", str(path), "--db", str(db), "--format", "polecat").exit_code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    assert tuple(lines[0].split("\t")) == POLECAT_PUBLISHED
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) == len(_events(db)) and all(len(r) == len(POLECAT_PUBLISHED) for r in rows)
    raw = [dict(zip(POLECAT_PUBLISHED, r))["Actor Name Raw"] for r in rows]
    assert any("air force" in name for name in raw)  # "air\nforce" in the text: the newline is a space here


# ------------------------------------------------------------------------------------------------ the others


def test_csv_lists_are_encoded_as_in_events_csv(tmp_path, db):
    assert _run("export", str(tmp_path / "out"), "--db", str(db), "--format", "csv").exit_code == 0
    with open(tmp_path / "out" / "events.csv", encoding="utf-8") as handle:
        exported = {r["id"]: r for r in csv.DictReader(handle)}
    listed = _run("events", "--db", str(db), "--format", "csv")
    queried = {r["id"]: r for r in csv.DictReader(io.StringIO(listed.stdout))}
    assert exported.keys() == queried.keys()
    for event_id, row in queried.items():
        assert exported[event_id]["actors"] == row["actors"] and exported[event_id]["recipients"] == row["recipients"]
    assert all("[" not in r["actors"] + r["recipients"] for r in exported.values())  # no DuckDB list syntax


def test_parquet_columns_are_typed(tmp_path, db):
    assert _run("export", str(tmp_path / "pq"), "--db", str(db), "--format", "parquet").exit_code == 0
    types = dict(duckdb.sql(f"DESCRIBE SELECT * FROM '{tmp_path / 'pq' / 'events.parquet'}'").fetchall()[i][:2]
                 for i in range(29))
    assert types["date"] == "DATE" and types["lat"] == "DOUBLE" and types["num_articles"] == "INTEGER"
    for column in ("actors", "actor_countries", "actor_sectors", "recipients", "recipient_countries",
                   "recipient_sectors"):
        assert types[column] == "VARCHAR[]", column
    assert {"place", "admin1", "lon", "status"} <= types.keys()


def test_export_to_stdout_and_all(db):
    asserted = _run("export", "-", "--db", str(db), "--format", "csv")
    everything = _run("export", "-", "--db", str(db), "--format", "csv", "--all")
    assert asserted.exit_code == everything.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(asserted.stdout)))
    all_rows = list(csv.DictReader(io.StringIO(everything.stdout)))
    assert {r["status"] for r in rows} == {"asserted"} and len(all_rows) > len(rows)
    assert {r["status"] for r in all_rows} > {"asserted"}
    polecat = _run("export", "-", "--db", str(db), "--format", "polecat")
    assert polecat.stdout.splitlines()[0].startswith("Event ID\tEvent Date")


def test_export_needs_force_to_overwrite(tmp_path, db):
    target = tmp_path / "p.tsv"
    target.write_text("keep me\n", encoding="utf-8")
    refused = _run("export", str(target), "--db", str(db), "--format", "polecat")
    assert refused.exit_code == 2 and "give --force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert _run("export", str(target), "--db", str(db), "--format", "polecat", "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("Event ID")


def test_global_event_ids_are_stable_integers():
    assert global_event_id("1b1f3cd45bc6b4d0") == int("1b1f3cd45bc6b4d", 16)
    assert global_event_id("not-hex") == global_event_id("not-hex") < 2 ** 60
    json.dumps(global_event_id("ffffffffffffffff"))  # an integer JSON and int64 readers take


def test_export_takes_the_filters_of_events(db):
    """`export` selects what `events` lists with the same filters, names and all."""
    exported = _run("export", "-", "--db", str(db), "--format", "csv", "--actor", "pakistan", "--event", "attack")
    listed = _run("events", "--db", str(db), "--format", "csv", "--actor", "PAK", "--event", "ASSAULT")
    assert exported.exit_code == listed.exit_code == 0
    ids = [r["id"] for r in csv.DictReader(io.StringIO(exported.stdout))]
    assert ids and ids == [r["id"] for r in csv.DictReader(io.StringIO(listed.stdout))]
    assert len(ids) < len(_events(db))  # the filter left some events out
    assert re.search(rf"^{len(ids)} events? matched", exported.stderr, re.MULTILINE), exported.stderr
    unknown = _run("export", "-", "--db", str(db), "--format", "csv", "--actor", "pakistn")
    assert unknown.exit_code == 2 and "did you mean Pakistan (PAK)" in unknown.stderr and unknown.stdout == ""
