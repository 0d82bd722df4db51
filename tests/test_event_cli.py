"""``flashpoint event ID``: one stored record with its evidence, articles and links, over ``Store.event``
(a hand-built store: no coder)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from flashpoint.cli.main import main
from flashpoint.store import Store

STRIKE = "On Tuesday the army shelled border posts near Kalam, officials said."
ANSWER = "In response, the other side launched two missiles at the city."


def _article(con, article_id, published, source, url):
    con.execute("INSERT INTO articles VALUES (?, ?, ?, 'a title', ?, NULL, 'text', 'test', now(), ?, 1)",
                [article_id, url, source, published, article_id])


def _unit(con, unit_id, article_id, event_id, event, day, sentence, trigger, *, position=0, actors="[]",
          recipients="[]", date_text=None):
    con.execute("INSERT INTO article_events VALUES (?, ?, ?, 's', ?, NULL, [], '190', 4, -10.0, 'asserted', ?, "
                "'day', NULL, NULL, ?, ?, 'test', 1, [])", [unit_id, article_id, event_id, event, day, actors, recipients])
    start = 100  # the sentence's offset in its article
    con.execute("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'rule.x', ?, NULL, '190', 'asserted', "
                "'[]', '[]', ?, 'day', ?, NULL)",
                [f"{article_id}:{position}", article_id, unit_id, position, sentence, start, start + len(sentence),
                 trigger, start + sentence.index(trigger.split()[0]), event, day, date_text])


def _record(con, event_id, event, day, actor, recipient, articles):
    con.execute("INSERT INTO events VALUES (?, ?, NULL, [], '190', 4, -10.0, 'asserted', ?, 'day', NULL, ?, ?, ?, "
                "'test', 'v', now())", [event_id, event, day, articles, articles, articles])
    for role, code in (("actor", actor), ("recipient", recipient)):
        con.execute("INSERT INTO event_actors VALUES (?, ?, 0, ?, ?, ?, NULL, NULL, NULL)",
                    [event_id, role, code, code, code])


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "e.duckdb"
    day = dt.date(2024, 3, 5)
    sides = json.dumps([{"text": "AAA", "code": "AAA", "country": "AAA"}])
    other = json.dumps([{"text": "BBB", "code": "BBB", "country": "BBB"}])
    with Store.open(path) as store:
        con = store.con
        _article(con, "art1", dt.date(2024, 3, 6), "Wire One", "https://one.example/1")
        _article(con, "art2", dt.date(2024, 3, 7), "Paper Two", "https://two.example/2")
        _record(con, "ev1", "ASSAULT", day, "AAA", "BBB", 2)
        _unit(con, "ev1", "art1", "ev1", "ASSAULT", day, STRIKE, "shelled", actors=sides, recipients=other,
              date_text="Tuesday")
        _unit(con, "ev1b", "art2", "ev1", "ASSAULT", day, STRIKE, "shelled", actors=sides, recipients=other)
        _record(con, "ev2", "ASSAULT", day + dt.timedelta(days=1), "BBB", "AAA", 1)
        _unit(con, "ev2", "art2", "ev2", "ASSAULT", day + dt.timedelta(days=1), ANSWER, "launched missiles",
              position=1, actors=other, recipients=sides)
        con.execute("INSERT INTO links VALUES ('ev2', 'ev1b', 'responds_to')")
    return path


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_store_event_has_evidence_articles_and_both_links(db):
    with Store.open(db, read_only=True) as store:
        record = store.event("ev1")
        answer = store.event("ev2")
        assert store.event("missing") is None
    assert [e["marked"] for e in record["evidence"]] == [
        STRIKE.replace("shelled", "[[shelled]]")] * 2
    assert record["evidence"][0]["date_text"] == "Tuesday" and record["evidence"][0]["trigger_offset"] == STRIKE.index("shelled")
    assert [(a["id"], a["source"], a["url"], a["published"]) for a in record["articles"]] == [
        ("art1", "Wire One", "https://one.example/1", "2024-03-06"),
        ("art2", "Paper Two", "https://two.example/2", "2024-03-07")]
    assert record["responds_to"] == [] and record["responded_by"] == ["ev2"]
    assert record["links"] == [{"kind": "responded_by", "id": "ev2", "event": "ASSAULT", "date": "2024-03-06",
                                "status": "asserted", "actors": ["BBB"], "recipients": ["AAA"]}]
    assert answer["responds_to"] == ["ev1"] and answer["responded_by"] == []
    # a trigger of words apart is marked by its first word
    assert answer["evidence"][0]["marked"] == ANSWER.replace("launched", "[[launched]]")


def test_cli_event_table_and_json(db):
    code, out, err = run("event", "ev1", "--db", str(db))
    assert code == 0, err
    assert out.startswith("event ev1  ASSAULT")
    assert "[[shelled]]" in out and "date 2024-03-05 from 'Tuesday'" in out
    assert "art1  Wire One  2024-03-06  https://one.example/1" in out
    assert "answered by  ev2" in out
    code, out, err = run("event", "ev2", "--db", str(db), "--format", "json")
    assert code == 0, err
    body = json.loads(out)
    assert body["id"] == "ev2" and body["responds_to"] == ["ev1"] and body["links"][0]["kind"] == "responds_to"


def test_cli_event_unknown_id_is_one_clear_line(db):
    code, out, err = run("event", "nope", "--db", str(db))
    assert code == 2 and out == ""
    assert "event 'nope'" in err and "no event with this id" in err and "Traceback" not in err


def test_dyad_events_carry_the_links_the_store_resolves(db):
    from flashpoint.analyse import load_events

    with Store.open(db, read_only=True) as store:
        resolved = {e.id: e.responds_to for e in load_events(store)}
        stored = {e.id: e.responds_to for e in load_events(store.con)}
    assert resolved["ev2"] == ("ev1",) and stored["ev2"] == ("ev1",)
