"""Dyad series, escalation alerts, retaliation chains: synthetic series and hand-built stores (fast), and the
seed article's PAK-IRN dyad through `flashpoint dyad` / `flashpoint alerts` (one ingest per module)."""

from __future__ import annotations

import datetime as dt
import json
import struct

import numpy as np
import pytest
from click.testing import CliRunner

from flashpoint.analyse import (EXPLICIT, INFERRED, AlertParams, article_volume, chains, dyad_alerts, dyad_series,
                                load_events, rate_changes, retaliation_links, scan)
from flashpoint.cli.main import main
from flashpoint.store import Store

SEED = "../shared/data/seed/pakistan_iran_strikes.txt"
DAY0 = dt.date(2024, 1, 1)
PARAMS = AlertParams()


# ------------------------------------------------------------------------------------------------ statistics


def test_known_change_point_is_found():
    rng = np.random.default_rng(7)
    counts = np.concatenate([rng.poisson(2, 30), rng.poisson(10, 10)])
    ups = [c.index for c in rate_changes(counts, params=PARAMS) if c.direction == "up"]
    assert ups and 30 <= ups[0] <= 31
    assert all(i >= 30 for i in ups)


def test_known_drop_is_a_de_escalation():
    rng = np.random.default_rng(3)
    counts = np.concatenate([rng.poisson(10, 20), rng.poisson(1, 10)])
    downs = [c.index for c in rate_changes(counts, params=PARAMS) if c.direction == "down"]
    assert downs and 20 <= downs[0] <= 21


@pytest.mark.parametrize("seed", range(5))
def test_no_alert_on_flat_noisy_series(seed):
    rng = np.random.default_rng(seed)
    counts = rng.poisson(5, 52)
    exposure = rng.integers(40, 60, 52)
    assert rate_changes(counts, exposure, params=PARAMS) == []


def test_normalisation_removes_a_pure_volume_spike():
    rng = np.random.default_rng(11)
    articles = np.full(30, 50)
    articles[20] = 400  # a news spike: eight times the coverage
    counts = rng.binomial(articles, 0.1)  # conflict events follow coverage, nothing else changes
    assert [c.index for c in rate_changes(counts, articles, params=PARAMS)] == []
    raw = AlertParams(normalise=False)
    assert 20 in [c.index for c in rate_changes(counts, articles, params=raw) if c.direction == "up"]


def test_one_event_after_quiet_is_not_an_alert():
    counts = [0] * 10 + [1]
    assert rate_changes(counts, params=PARAMS) == []


# ------------------------------------------------------------------------------------------------ hand-built store


def _event(con, event_id, day, event, quad, actors, recipients, *, status="asserted", reports=1, place=None,
           responds_to=()):
    con.execute("INSERT INTO events VALUES (?, ?, NULL, [], NULL, ?, ?, ?, ?, 'day', ?, ?, ?, ?, 'test', 'v', now())",
                [event_id, event, quad, -10.0 if quad == 4 else 1.0, status, day, place, reports, reports, reports])
    for role, codes in (("actor", actors), ("recipient", recipients)):
        for position, code in enumerate(codes):
            con.execute("INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
                        [event_id, role, position, code, code, code[:3], code[3:] or None])
    for n in range(reports):
        unit = f"{event_id}-{n}"
        con.execute("INSERT INTO article_events VALUES (?, ?, ?, 's', ?, NULL, [], NULL, ?, NULL, ?, ?, 'day', ?, NULL, "
                    "'[]', '[]', 'test', 1, [])", [unit, f"art-{event_id}-{n}", event_id, event, quad, status, day, place])
    for target in responds_to:
        con.execute("INSERT INTO links VALUES (?, ?, 'responds_to')", [f"{event_id}-0", f"{target}-0"])


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "t.duckdb") as opened:
        yield opened


def test_only_merged_asserted_dated_events_count(store):
    con = store.con
    _event(con, "e1", DAY0, "ASSAULT", 4, ["AAAMIL"], ["BBB"], reports=5)  # one event, five reports
    _event(con, "e2", DAY0, "ASSAULT", 4, ["AAA"], ["BBB"], status="hypothetical")
    _event(con, "e3", DAY0, "ASSAULT", 4, ["AAA"], ["BBB"], status="negated")
    _event(con, "e4", None, "ASSAULT", 4, ["AAA"], ["BBB"], status="background")
    events = load_events(con)
    assert [e.id for e in events] == ["e1"]
    series = dyad_series(events, "AAA", "BBB", by="day", volume=article_volume(con, by="day"))
    row = series.rows("AAA", "BBB")[0]
    assert (row.events, row.conflict, row.articles) == (1, 1, 5)
    assert row.conflict_intensity == pytest.approx(9.6)
    assert series.rows("BBB", "AAA")[0].events == 0


def test_sides_at_sector_and_group_levels(store):
    con = store.con
    _event(con, "e1", DAY0, "ASSAULT", 4, ["AAAMIL"], ["BBBREB"])
    events = load_events(con)
    assert len(dyad_series(events, "AAAMIL", "BBB", by="day").events) == 1
    assert dyad_series(events, "AAAGOV", "BBB", by="day").events == []


def test_retaliation_links_explicit_and_inferred(store):
    con = store.con
    _event(con, "a1", DAY0, "ASSAULT", 4, ["AAA"], ["BBB"])
    _event(con, "b1", DAY0 + dt.timedelta(days=1), "ASSAULT", 4, ["BBB"], ["AAA"], responds_to=["a1"])
    _event(con, "a2", DAY0 + dt.timedelta(days=3), "ASSAULT", 4, ["AAA"], ["BBB"])  # no link stated
    _event(con, "b2", DAY0 + dt.timedelta(days=5), "ACCUSE", 3, ["BBB"], ["AAA"])  # weaker: no retaliation
    _event(con, "a3", DAY0 + dt.timedelta(days=30), "ASSAULT", 4, ["AAA"], ["BBB"])  # too late
    series = dyad_series(load_events(con), "AAA", "BBB", by="day")
    links = retaliation_links(series, window=7)
    assert [(x.event, x.responds_to, x.kind, x.lag_days) for x in links] == [
        ("b1", "a1", EXPLICIT, 1), ("a2", "b1", INFERRED, 2)]
    assert chains(links, series.events) == [["a1", "b1", "a2"]]


def test_scan_finds_an_escalation_with_its_events(store):
    con = store.con
    rng = np.random.default_rng(5)
    n = 0
    for week in range(20):
        day = DAY0 + dt.timedelta(weeks=week)
        k = 12 if week == 16 else int(rng.poisson(1))
        for _ in range(k):
            n += 1
            _event(con, f"x{n:03d}", day, "ASSAULT", 4, ["AAA"], ["BBB"])
        for j in range(20):  # the rest of the news: steady coverage
            n += 1
            _event(con, f"o{n:03d}", day, "CONSULT", 1, ["CCC"], ["DDD"])
    events = load_events(con)
    alerts = scan(events, volume=article_volume(con, by="week"), by="week", params=PARAMS)
    top = alerts[0]
    assert (top.kind, top.dyad, top.period) == ("escalation", "AAA->BBB", DAY0 + dt.timedelta(weeks=16))
    assert len(top.events) == 12 and top.statistic["p_value"] < PARAMS.p_value
    assert not [a for a in alerts if a.dyad.startswith("CCC")]
    assert scan(events, volume=article_volume(con, by="week"), by="week", min_score=1000) == []


# ------------------------------------------------------------------------------------------------ the seed article


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    result = CliRunner().invoke(main, ["ingest", SEED, "--published", "2024-01-18", "--db", str(path)])
    assert result.exit_code == 0, result.stderr
    return path


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow
def test_seed_dyad_strike_response_then_de_escalation(seed_db):
    code, out, err = run("dyad", "PAK", "IRN", "--db", str(seed_db), "--by", "day", "--format", "json")
    assert code == 0, err
    body = json.loads(out)
    kinds = [(e["direction"], e["event"]) for e in body["events"]]
    assert kinds == [("IRN->PAK", "ASSAULT"), ("PAK->IRN", "ASSAULT"), ("PAK<->IRN", "AGREE")]
    iran, pakistan, agree = body["events"]
    assert iran["date"] == "2024-01-17" and pakistan["date"] == "2024-01-18"
    assert pakistan["responds"]["responds_to"] == iran["id"] and pakistan["responds"]["kind"] == "explicit"
    assert body["chains"] == [[iran["id"], pakistan["id"]]]
    [signal] = [a for a in body["alerts"] if a["kind"] == "de-escalation"]
    assert signal["events"] == [agree["id"]] and signal["follows"] == [iran["id"], pakistan["id"]]
    assert not [a for a in body["alerts"] if a["kind"] == "escalation"]  # one day of history is no baseline


@pytest.mark.slow
def test_seed_dyad_table_and_csv(seed_db):
    code, out, err = run("dyad", "PAK", "IRN", "--db", str(seed_db), "--by", "day")
    assert code == 0, err
    lines = out.splitlines()
    events = lines[:lines.index("alerts")]
    order = [i for i, line in enumerate(events) for word in ("IRNGOV -> IRNSEP", "PAKMIL -> IRNINS", "AGREE")
             if word in line and line[:4] == "2024"]
    assert len(order) == 3 and order == sorted(order)
    assert any("responds to" in line and "explicit" in line and "PAKMIL" in line for line in lines)
    assert any("de-escalation" in line and "AGREE" in line for line in lines[lines.index("alerts"):])
    code, out, _ = run("dyad", "PAK", "IRN", "--db", str(seed_db), "--by", "week", "--format", "csv")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.startswith("direction,period,events") and len(rows) == 2  # one week, two directions


@pytest.mark.slow
def test_seed_dyad_plot_is_a_png(seed_db, tmp_path):
    target = tmp_path / "pak-irn.png"
    code, _, err = run("dyad", "PAK", "IRN", "--db", str(seed_db), "--by", "day", "--plot", str(target))
    assert code == 0, err
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert 600 <= width <= 2000 and 400 <= height <= 1500
    assert 10_000 < len(data) < 2_000_000


@pytest.mark.slow
def test_seed_alerts_command(seed_db):
    code, out, err = run("alerts", "--db", str(seed_db), "--by", "day", "--format", "jsonl")
    assert code == 0, err
    alerts = [json.loads(line) for line in out.splitlines()]
    assert [(a["kind"], a["dyad"]) for a in alerts] == [("de-escalation", "IRN<->PAK")]
    code, out, _ = run("alerts", "--db", str(seed_db), "--by", "day", "--min-score", "5")
    assert code == 0 and out == ""
    code, out, _ = run("alerts", "--db", str(seed_db), "--since", "2024-02-01", "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_dyad_errors(tmp_path):
    code, _, err = run("dyad", "PAK", "PAK", "--db", str(tmp_path / "x.duckdb"))
    assert code == 2
    code, _, err = run("dyad", "PAK", "IRN", "--db", str(tmp_path / "missing.duckdb"))
    assert code != 0 and "no such database" in err
