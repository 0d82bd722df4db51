"""Query filters as people type them (``flashpoint.cli.names``), the count of matched events on stderr, and the
tables' header row and aligned columns (``flashpoint.cli.tables``). A hand-built store: no coder, no spaCy."""

from __future__ import annotations

import datetime as dt
import json
import re

import click
import pytest
from click.testing import CliRunner

from flashpoint.analyse import Alert
from flashpoint.cli.analyse import _alert_table
from flashpoint.cli.main import main
from flashpoint.cli.names import (EventFilters, UnknownName, build_event_query, event_filter_options, event_words,
                                  resolve_actor_filter, resolve_admin1_filter, resolve_country_filter,
                                  resolve_event_filter)
from flashpoint.cli.tables import ACTOR_SEPARATOR, aligned, event_table
from flashpoint.errors import SettingError
from flashpoint.store import EventQuery, Store

# id, type, mode, cameo, quad, status, date, actors, recipients, place (id, name, country, admin1), sentence
EVENTS = [
    ("e1", "ASSAULT", "aerial", "190", 4, "asserted", dt.date(2024, 1, 18), ["PAKMIL"], ["IRNINS"],
     ("1159456", "Sistan and Baluchestan", "IRN", "IR-11"), "Pakistan's air force struck militant camps in Iran."),
    ("e2", "ASSAULT", "heavy-weapons", "195", 4, "asserted", dt.date(2024, 1, 17), ["IRN"], ["PAK"],
     ("1183606", "Balochistan", "PAK", "PK-BA"), "Iran's missiles hit a village in Pakistan's Balochistan province."),
    ("e3", "PROTEST", "demo", "141", 4, "asserted", dt.date(2024, 6, 11), ["KENCVL"], [],
     ("184742", "Nairobi", "KEN", "KE-30"), "Thousands of protesters marched in Nairobi on Tuesday."),
    ("e4", "CONSULT", None, "040", 1, "asserted", dt.date(2024, 3, 4), ["EGYGOV", "QATGOV"], ["hamas"],
     ("360630", "Cairo", "EGY", "EG-C"), "Egyptian and Qatari mediators met Hamas negotiators in Cairo."),
    ("e5", "ASSAULT", None, "190", 4, "hypothetical", None, ["IRN"], ["ISR"], None,
     "Iran could attack Israel if the talks fail."),
    ("e6", "REQUEST", "yield", "0256", 1, "asserted", dt.date(2024, 3, 5), ["IGOUNO"], ["PSE"],
     ("7303419", "Gaza Strip", "PSE", "PS-GZA"), "The United Nations called for a ceasefire in Gaza."),
]
GROUPS = {"hamas": ("PSEINS", "PSE", "INS", "Hamas")}  # id -> code, country, sector, name


def _actor(value):
    if value in GROUPS:
        code, country, sector, name = GROUPS[value]
        return {"text": name, "code": code, "country": country, "sector": sector, "name": name, "id": value}
    return {"text": value, "code": value, "country": value[:3], "sector": value[3:] or None, "name": None,
            "id": None}


def _fill(con):
    for n, (eid, kind, mode, cameo, quad, status, day, actors, recipients, place, sentence) in enumerate(EVENTS):
        article = f"art{n}"
        con.execute("INSERT INTO articles VALUES (?, NULL, 'Wire', 'title', ?, NULL, ?, 'test', now(), ?, 1)",
                    [article, day, sentence, article])
        place_id = place[0] if place else None
        if place:
            con.execute("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, 1.0, 2.0, 'admin1')",
                        [place[0], place[1], place[1], int(place[0]), place[2], place[3]])
        con.execute("INSERT INTO events VALUES (?, ?, ?, [], ?, ?, -5.0, ?, ?, 'day', ?, 2, 2, 1, 'test', 'v', now())",
                    [eid, kind, mode, cameo, quad, status, day, place_id])
        for role, sides in (("actor", actors), ("recipient", recipients)):
            for position, side in enumerate(sides):
                a = _actor(side)
                con.execute("INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [eid, role, position, a["text"], a["code"], a["country"], a["sector"], a["name"],
                             a["id"]])
        sides = [json.dumps([_actor(s) for s in group]) for group in (actors, recipients)]
        con.execute("INSERT INTO article_events VALUES (?, ?, ?, 'Wire', ?, ?, [], ?, ?, -5.0, ?, ?, 'day', ?, NULL, "
                    "?, ?, 'test', 1, [])", [eid, article, eid, kind, mode, cameo, quad, status, day, place_id, *sides])
        trigger = sentence.split()[2]
        con.execute("INSERT INTO mentions VALUES (?, ?, ?, 0, ?, 0, ?, ?, ?, 'rule.x', ?, ?, ?, ?, ?, ?, ?, 'day', "
                    "NULL, ?)", [f"{article}:0", article, eid, sentence, len(sentence), trigger,
                                 sentence.index(trigger), kind, mode, cameo, status, *sides, day, place_id])


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("filters") / "f.duckdb"
    with Store.open(path) as store:
        _fill(store.con)
    return str(path)


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def ids(db, *args):
    code, out, err = run("events", "--db", db, "--format", "jsonl", *args)
    assert code == 0, err
    return sorted(json.loads(line)["id"] for line in out.splitlines()), err


# ------------------------------------------------------------------------------------------------ the resolvers


@pytest.mark.parametrize("typed, code", [
    ("pak", "PAK"), ("PAK", "PAK"), ("Pakistan", "PAK"), ("PAKISTAN", "PAK"), ("Pakistani", "PAK"),
    ("pakmil", "PAKMIL"), ("Hamas", "hamas"), ("hamas", "hamas"), ("UN", "IGOUNO"), ("igouno", "IGOUNO"),
    ("Tehran", "IRN"),
])
def test_actor_names_and_codes_in_any_case(typed, code):
    reading = resolve_actor_filter(typed)
    assert reading.code == code and reading.given == typed and reading.how


@pytest.mark.parametrize("typed", ["Iran", "iran", "IRN", "irn", "IR", "ir", "Iranian", "Islamic Republic of Iran"])
def test_country_names_and_codes(typed):
    assert resolve_country_filter(typed).code == "IRN"


@pytest.mark.parametrize("typed, code", [("IR-11", "IR-11"), ("ir-11", "IR-11"), ("Sistan and Baluchestan", "IR-11"),
                                         ("balochistan", "PK-BA"), ("Nairobi", "KE-30")])
def test_region_names_and_codes(typed, code):
    assert resolve_admin1_filter(typed).code == code


def test_a_region_name_of_two_countries_needs_the_country():
    with pytest.raises(SettingError, match="IN-PB .*PK-PB"):
        resolve_admin1_filter("Punjab")
    assert resolve_admin1_filter("Punjab", country="PAK").code == "PK-PB"


@pytest.mark.parametrize("typed, field, code", [
    ("ASSAULT", "event", "ASSAULT"), ("assault", "event", "ASSAULT"), ("attack", "event", "ASSAULT"),
    ("Attacks", "event", "ASSAULT"), ("protests", "event", "PROTEST"), ("riots", "event", "PROTEST"),
    ("190", "cameo", "190"), ("19", "cameo", "19"), ("1", "cameo", "01"), ("fight", "cameo", "19"),
])
def test_event_types_words_and_cameo_codes(typed, field, code):
    reading = resolve_event_filter(typed)
    assert (reading.field, reading.code) == (field, code)


def test_event_words_are_data_with_plover_types():
    words = event_words()
    assert words["attack"] == "ASSAULT" and words["talks"] == "CONSULT"
    assert "strike" not in words  # an air strike or a labour strike: no silent choice


@pytest.mark.parametrize("resolve, typed, suggestion", [
    (resolve_actor_filter, "Pakistn", "Pakistan (PAK)"),
    (resolve_actor_filter, "pakmilx", "PAKMIL"),
    (resolve_country_filter, "Iram", "Iran (IRN)"),
    (resolve_admin1_filter, "Balochstan", "PK-BA (Balochistan, PAK)"),
    (resolve_event_filter, "atack", "attack (ASSAULT)"),
    (resolve_event_filter, "ASSAUT", "ASSAULT"),
    (resolve_event_filter, "199", "19"),
])
def test_unknown_says_so_and_suggests_the_closest(resolve, typed, suggestion):
    with pytest.raises(UnknownName) as caught:
        resolve(typed)
    error = caught.value
    assert isinstance(error, SettingError) and error.code == "E200" and error.exit_code == 2
    assert "unknown" in error.message and suggestion in error.suggestions
    assert f"did you mean {suggestion}" in error.message or f", {suggestion}" in error.message \
        or f"or {suggestion}?" in error.message


def test_a_code_neither_the_dictionary_nor_the_database_holds_is_unknown():
    assert resolve_actor_filter("XYZ").code == "XYZ"  # no database to ask: taken as given
    assert resolve_actor_filter("XYZ", known=lambda: {"XYZGOV"}).code == "XYZ"  # the prefix of a stored code
    assert resolve_actor_filter("xyzgov", known=lambda: {"XYZGOV"}).code == "XYZGOV"
    with pytest.raises(UnknownName, match="did you mean PAK"):
        resolve_actor_filter("PAX", known=lambda: {"PAKMIL"})


# ------------------------------------------------------------------------------------------------ events


@pytest.mark.parametrize("typed", ["pak", "PAK", "Pakistan", "Pakistani"])
def test_events_actor_by_name_or_code(db, typed):
    found, err = ids(db, "--actor", typed)
    assert found == ["e1"] and err.strip() == "1 event matched (actor PAK)"


def test_events_every_filter_takes_names(db):
    assert ids(db, "--recipient", "pakistan")[0] == ["e2"]
    assert ids(db, "--recipient", "Hamas")[0] == ["e4"]
    assert ids(db, "--actor", "un")[0] == ["e6"]
    assert ids(db, "--actor", "egy", "--recipient", "psemil")[0] == []
    assert ids(db, "--country", "Iran")[0] == ids(db, "--country", "ir")[0] == ["e1"]
    assert ids(db, "--admin1", "balochistan")[0] == ids(db, "--admin1", "pk-ba")[0] == ["e2"]
    assert ids(db, "--event", "attack")[0] == ["e1", "e2"]
    assert ids(db, "--event", "attack", "--all")[0] == ["e1", "e2", "e5"]
    assert ids(db, "--event", "19")[0] == ["e1", "e2"]
    assert ids(db, "--event", "190", "--all")[0] == ["e1", "e5"]
    assert ids(db, "--event", "14")[0] == ["e3"]
    found, err = ids(db, "--event", "Attack", "--country", "IRAN", "--since", "2024-01-18")
    assert found == ["e1"] and err.strip() == "1 event matched (event ASSAULT, since 2024-01-18, country IRN)"


def test_events_text_finds_words_in_names_and_places(db):
    found, err = ids(db, "--text", "nairobi")  # the place's name, in any case
    assert found == ["e3"] and err.strip() == "1 event matched (text 'nairobi')"
    assert ids(db, "--text", "HAMAS")[0] == ["e4"]  # an actor's name
    assert ids(db, "--text", "hamas", "--quad", "4")[0] == []
    assert ids(db, "--text", "  ")[0] == ids(db)[0]  # blank: no filter


@pytest.mark.parametrize("option, typed, suggestion", [
    ("--actor", "Pakistn", "Pakistan (PAK)"), ("--recipient", "Irann", "Iran (IRN)"),
    ("--country", "Iram", "Iran (IRN)"), ("--admin1", "Balochstan", "PK-BA"), ("--event", "atack", "attack (ASSAULT)"),
    ("--actor", "PAX", "PAK"),  # a code in capitals that neither the dictionary nor the database holds
])
def test_events_unknown_name_is_one_error_line(db, option, typed, suggestion):
    code, out, err = run("events", "--db", db, option, typed)
    assert code == 2 and out == ""
    [line] = err.splitlines()
    assert line.startswith(f"error E200: {option} '{typed}': unknown ") and "did you mean" in line
    assert suggestion in line and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv"])
def test_events_count_goes_to_stderr_in_every_format(db, fmt):
    code, out, err = run("events", "--db", db, "--event", "assault", "--format", fmt)
    assert code == 0 and err == "2 events matched (event ASSAULT)\n"
    assert "matched" not in out
    lines = out.splitlines()
    if fmt == "jsonl":
        assert [json.loads(line)["id"] for line in lines] == ["e2", "e1"]
    else:
        assert len(lines) == 3 and lines[0].startswith("id")  # the header row and two events


def test_events_count_with_no_match_or_a_limit_says_why(db):
    code, out, err = run("events", "--db", db, "--event", "assault", "--country", "KEN")
    assert code == 0 and out == ""
    assert err == "0 events matched (event ASSAULT, country KEN): none of the 6 stored events passes every filter\n"
    code, out, err = run("events", "--db", db, "--actor", "iran", "--recipient", "israel")
    assert out == "" and err.startswith("0 events matched (actor IRN, recipient ISR); 1 with --all")
    code, out, err = run("events", "--db", db, "--limit", "2", "--format", "jsonl")
    assert len(out.splitlines()) == 2 and err == "5 events matched; 2 shown (--limit 2)\n"


def test_events_of_an_empty_database(tmp_path):
    path = tmp_path / "empty.duckdb"
    Store.open(path).close()
    code, out, err = run("events", "--db", path)
    assert code == 0 and out == "" and "0 events matched: the database holds no events" in err


# ------------------------------------------------------------------------------------------------ tables


def _line_up(lines):
    """Every column of the header starts at the same offset in each row, after a space."""
    starts = [m.start() for m in re.finditer(r"\S+", lines[0])]
    for line in lines[1:]:
        for start in starts[1:]:
            assert line[start - 1] == " " and line[start] != " ", (start, line)
    return starts


def test_events_table_has_a_header_and_aligned_columns(db):
    code, out, _ = run("events", "--db", db, "--all")
    lines = out.splitlines()
    assert lines[0].split() == ["id", "date", "event", "cameo", "actors", "recipients", "place", "reports",
                                "status", "evidence"]
    assert len(lines) == 1 + len(EVENTS)
    _line_up(lines)
    consult = next(line for line in lines if line.startswith("e4"))
    assert f"EGYGOV{ACTOR_SEPARATOR}QATGOV" in consult and "PSEINS" in consult and "2m/2a/1s" in consult
    hypothetical = next(line for line in lines if line.startswith("e5"))
    assert hypothetical.split()[1] == "-" and "hypothetical" in hypothetical


def test_csv_and_exports_use_the_same_actor_separator(db):
    from flashpoint.store.export import LIST_SEPARATOR

    code, out, _ = run("events", "--db", db, "--actor", "egypt", "--format", "csv")
    header, row = out.splitlines()
    assert header.startswith("id,") and "EGYGOV;QATGOV" in row
    assert ACTOR_SEPARATOR == LIST_SEPARATOR == ";"


def test_aligned_pads_every_column_but_the_last():
    lines = aligned(("a", "bb", "n", "text"), [("x", "yyyy", "5", "free text"), ("xxx", None, "12", "z")],
                    right=("n",))
    assert lines == ["a    bb     n  text",
                     "x    yyyy   5  free text",
                     "xxx  -     12  z"]
    assert aligned(("a", "b"), []) == []


def test_event_table_of_code_records():
    record = {"id": "x1", "event": "ASSAULT", "mode": None, "cameo": "190", "date": None, "status": "asserted",
              "actors": [{"code": "ISRMIL"}, {"code": None, "id": "hamas"}], "recipients": [],
              "location": None, "num_mentions": 1, "num_articles": 1, "num_sources": 1,
              "mentions": [{"sentence": "word " * 40 + "struck", "trigger": "struck"}]}
    header, row = event_table([record])
    assert header.split()[:5] == ["id", "date", "event", "cameo", "actors"]
    assert "ISRMIL;hamas" in row and row.split()[5] == "-"
    assert row.endswith("struck\"") and "…" in row  # the evidence cut around its trigger


def test_alert_table_has_a_header_and_aligned_columns():
    def alert(dyad, score, n):
        actor, recipient = dyad
        return Alert("escalation", "conflict-onset", actor, recipient, False, dt.date(2024, 1, 15), "week", score,
                     {"conflict_events": n, "material_conflict_events": 1, "history_periods": 3},
                     [f"ev{i}" for i in range(n)])

    lines = _alert_table([alert(("IRN", "PAK"), 12.5, 5), alert(("AZE", "ARMMIL"), 2.25, 10)])
    assert lines[0].split() == ["period", "kind", "dyad", "score", "detail", "events"]
    score = lines[0].index("score")
    _line_up([line[:score] for line in lines])  # period, kind, dyad
    _line_up([line[score + len("score"):] for line in lines])  # detail, events
    assert lines[1].split()[3] == "12.50" and lines[2].split()[3] == "2.25"
    assert lines[1].endswith("ev0;ev1;ev2;ev3;ev4")
    assert lines[0].index("score") + len("score") == lines[2].index("2.25") + len("2.25")  # numbers flush right


# ------------------------------------------------------------------------------------------------ dyad, alerts


def test_dyad_names_and_count(db):
    code, out, err = run("dyad", "iran", "PAKISTANI", "--db", db, "--by", "day", "--format", "json")
    assert code == 0, err
    assert (json.loads(out)["a"], json.loads(out)["b"]) == ("IRN", "PAK")
    assert "'iran': IRN" in err and "2 events matched (IRN <-> PAK)" in err
    code, out, err = run("dyad", "iran", "Pakistn", "--db", db)
    assert code == 2 and out == "" and "error E200: actor 'Pakistn'" in err and "Pakistan (PAK)" in err


def test_alerts_actor_filter_and_count(db):
    code, out, err = run("alerts", "--db", db, "--actor", "iran", "--format", "jsonl")
    assert code == 0 and out == "" and err == "0 alerts (actor IRN, --level country)\n"
    code, out, err = run("alerts", "--db", db, "--actor", "Irann")
    assert code == 2 and out == "" and "did you mean Iran (IRN)" in err and "Traceback" not in err


# ------------------------------------------------------------------------------------------------ the decorator


def test_event_filter_options_on_another_command(db):
    """What `export` needs: the options of `events`, one `filters` argument, and the query built from it."""
    seen = {}

    @click.command()
    @click.option("--db")
    @event_filter_options
    def command(db, filters):
        with Store.open(db, read_only=True) as store:
            seen["query"] = build_event_query(filters, store=store)
            seen["ids"] = store.event_ids(seen["query"])

    result = CliRunner().invoke(command, ["--db", db, "--actor", "pakistan", "--event", "attack", "--all"])
    assert result.exit_code == 0, result.output
    assert seen["query"] == EventQuery(actor="PAK", event="ASSAULT", include_all=True) and seen["ids"] == ["e1"]
    assert build_event_query(EventFilters(country="iran", event="19"), limit=3) == \
        EventQuery(country="IRN", cameo="19", limit=3)
    result = CliRunner().invoke(command, ["--db", db, "--country", "Narnia"])
    assert isinstance(result.exception, UnknownName)
