"""`flashpoint dyad` with names as well as codes, and its default period: the dyad's active period
(``resolve_side``, ``active_span``; hand-built stores, no coder)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from flashpoint.analyse import UnknownSide, active_span, dyad_series, load_events, resolve_side
from flashpoint.cli.main import main
from flashpoint.store import Store

DAY0 = dt.date(2024, 4, 1)


@pytest.mark.parametrize("typed, code", [
    ("india", "IND"), ("Pakistan", "PAK"), ("IND", "IND"), ("pak", "PAK"), ("Iran", "IRN"), ("israel", "ISR"),
    ("pakmil", "PAKMIL"), ("Tehran", "IRN"), ("Islamic Republic of Iran", "IRN"), ("hamas", "hamas"),
    ("jaish_al_adl", "jaish_al_adl"), ("IGOUNO", "IGOUNO"),
])
def test_sides_by_code_or_name_in_any_case(typed, code):
    side = resolve_side(typed)
    assert side.code == code and side.given == typed and side.how


def test_unknown_name_suggests_the_closest():
    with pytest.raises(UnknownSide) as caught:
        resolve_side("Pakistn")
    assert caught.value.suggestions[0] == ("Pakistan", "PAK")
    assert "'Pakistn'" in str(caught.value) and "did you mean Pakistan (PAK)" in str(caught.value)


def _days(*offsets):
    return [DAY0 + dt.timedelta(days=d) for d in offsets]


def test_active_span_leaves_out_a_stray_old_date():
    dates = _days(0, 1, 2, 5, 9, 13, 20) + [dt.date(1971, 12, 3)]
    assert active_span(dates) == (DAY0, DAY0 + dt.timedelta(days=20))
    assert active_span(_days(0, 1, 2) + [dt.date(2030, 1, 1)]) == (DAY0, DAY0 + dt.timedelta(days=2))


def test_active_span_keeps_real_bouts_and_sporadic_dyads():
    two_bouts = _days(0, 1, 2, 3, 400, 401, 402)  # each bout holds more than a third
    assert active_span(two_bouts) == (DAY0, DAY0 + dt.timedelta(days=402))
    sporadic = _days(*range(0, 1000, 90))  # an event a quarter: every gap is shorter than the rest's span
    assert active_span(sporadic) == (DAY0, DAY0 + dt.timedelta(days=990))
    assert active_span([]) is None and active_span(_days(3)) == (DAY0 + dt.timedelta(days=3),) * 2


def _event(con, event_id, day, event, quad, actor, recipient):
    con.execute("INSERT INTO events VALUES (?, ?, NULL, [], NULL, ?, ?, 'asserted', ?, 'day', NULL, 1, 1, 1, 'test', "
                "'v', now())", [event_id, event, quad, -10.0 if quad == 4 else 1.0, day])
    for role, code in (("actor", actor), ("recipient", recipient)):
        con.execute("INSERT INTO event_actors VALUES (?, ?, 0, ?, ?, ?, NULL, NULL, NULL)",
                    [event_id, role, code, code, code[:3]])
    con.execute("INSERT INTO article_events VALUES (?, ?, ?, 's', ?, NULL, [], NULL, ?, NULL, 'asserted', ?, 'day', "
                "NULL, NULL, '[]', '[]', 'test', 1, [])", [event_id, f"art-{event_id}", event_id, event, quad, day])


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "d.duckdb"
    with Store.open(path) as store:
        for n, offset in enumerate((0, 1, 3, 6, 10)):
            _event(store.con, f"a{n}", DAY0 + dt.timedelta(days=offset), "ASSAULT", 4, "INDMIL", "PAK")
        _event(store.con, "old", dt.date(1971, 12, 3), "ASSAULT", 4, "PAK", "IND")  # history read as news
        _event(store.con, "other", dt.date(2023, 1, 1), "CONSULT", 1, "USA", "GBR")  # another dyad's dates
    return path


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_dyad_series_active_period(db):
    with Store.open(db, read_only=True) as store:
        events = load_events(store.con)
    series = dyad_series(events, "IND", "PAK", by="week", active=True)
    assert (series.periods[0], series.periods[-1]) == (DAY0, DAY0 + dt.timedelta(weeks=1))
    assert [e.id for e in series.left_out] == ["old"] and len(series.events) == 5


def test_cli_dyad_names_any_case_and_active_period(db):
    code, out, err = run("dyad", "india", "PAKISTAN", "--db", str(db), "--by", "day", "--format", "json")
    assert code == 0, err
    assert "'india': IND (country name India)" in err and "'PAKISTAN': PAK" in err
    assert "left out 1 event(s) dated far from the rest (1971-12-03)" in err
    body = json.loads(out)
    assert (body["a"], body["b"]) == ("IND", "PAK")
    periods = [row["period"] for row in body["series"]["IND->PAK"]]
    assert (periods[0], periods[-1], len(periods)) == ("2024-04-01", "2024-04-11", 11)
    assert body["left_out"] == [{"id": "old", "date": "1971-12-03", "event": "ASSAULT"}]
    code, out, err = run("dyad", "IND", "PAK", "--db", str(db), "--by", "month", "--since", "1971-01-01",
                         "--format", "json")
    assert code == 0 and json.loads(out)["left_out"] == [] and "left out" not in err


def test_cli_dyad_unknown_name_and_same_side(db):
    code, out, err = run("dyad", "Indai", "pakistan", "--db", str(db))
    assert code == 2 and out == ""
    assert "'Indai'" in err and "did you mean India (IND)" in err and "Traceback" not in err
    code, _, err = run("dyad", "india", "IND", "--db", str(db))
    assert code == 2 and "both are IND" in err
