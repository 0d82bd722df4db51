"""The HTTP API (``flashpoint.server``) and ``flashpoint serve``: every route, and every error in its one shape.

Two stores. The fast tests read a store written by ``Store.add_batch`` from events built by hand (no spaCy): a week
of strikes between Pakistan and Iran (an onset alert, an explicit response), talks in Cairo, a protest in Nairobi,
an undated call and a hypothetical attack. The slow ones load the Coder once for the module and code short news-like
texts written for these tests (``POST /api/code``, ``POST /api/articles``), or start a real ``flashpoint serve``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from flashpoint.cli.main import main
from flashpoint.errors import StoreError
from flashpoint.server import create_app
from flashpoint.server import schemas
from flashpoint.server.api import decode_cursor, encode_cursor
from flashpoint.server.guards import ReadWriteLock
from flashpoint.store import EventQuery, Store
from handbuilt import ANSWERED, HYPOTHETICAL, STRIKES, articles as _articles

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "test-token-7f3a"
ERROR_KEYS = {"code", "error", "message", "where"}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("api") / "events.duckdb"
    with Store.open(path) as store:
        store.add_batch(_articles(), coder="test/1")
    return str(path)


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db=db, token=TOKEN))


def stored_ids(db: str, **query) -> list[str]:
    with Store.open(db, read_only=True) as store:
        return store.event_ids(EventQuery(**query))


def ok(response, key: str):
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"] is True and key in body, body
    return body


def assert_error(response, status: int, code: str, *, error: str | None = None, where: str | None = None,
                 says: tuple[str, ...] = ()) -> dict:
    """The one error shape, exactly: ``{"ok": false, "error": {code, error, message, where}, "status": status}``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"ok", "error", "status"} and body["ok"] is False and body["status"] == status, body
    assert set(body["error"]) == ERROR_KEYS, body
    assert body["error"]["code"] == code, body
    assert re.fullmatch(r"E\d{3}", body["error"]["code"])
    if error is not None:
        assert body["error"]["error"] == error, body
    if where is not None:
        assert body["error"]["where"] == where, body
    for words in says:
        assert words in body["error"]["message"], body
    assert "Traceback" not in response.text
    schemas.ErrorResponse.model_validate(body)
    return body["error"]


def run(*args: str):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


# ------------------------------------------------------------------------------------------------ events


def test_events_first_page_is_asserted_events_oldest_first(client, db):
    body = ok(client.get("/api/events"), "events")
    assert [e["id"] for e in body["events"]] == stored_ids(db)
    assert body["total"] == len(body["events"]) == 10 and body["next"] is None
    assert body["filters"] == {"all": False}
    dated = [e["date"] for e in body["events"] if e["date"]]
    assert dated == sorted(dated) and body["events"][-1]["date"] is None  # undated last
    strike = next(e for e in body["events"] if e["id"] == "a1e0")
    assert strike["num_articles"] == 2 and strike["num_sources"] == 2  # a1's report and a2's "Monday's strike"
    assert strike["location"]["admin1"] == "IR-11" and strike["actors"][0]["code"] == "PAKMIL"
    schemas.EventsPage.model_validate(body)


@pytest.mark.parametrize("params, expected", [
    ({"actor": "Pakistan"}, {"a1e0", "a3e0", "a5e0", "a6e0", "a7e0"}),
    ({"actor": "pakmil"}, {"a1e0", "a5e0"}),
    ({"recipient": "Pakistani"}, {"a2e1", "a4e0"}),
    ({"actor": "hamas"}, set()),
    ({"recipient": "Hamas"}, {"a9e0"}),
    ({"event": "attacks"}, {"a1e0", "a2e1", "a3e0", "a5e0"}),
    ({"event": "19"}, {"a1e0", "a2e1", "a3e0", "a5e0"}),
    ({"quad": 3}, {"a4e0", "a7e0", "a10e0"}),
    ({"country": "iran"}, {"a1e0", "a3e0", "a5e0"}),
    ({"admin1": "Balochistan"}, {"a2e1", "a6e0"}),
    ({"since": "2024-01-19", "until": "2024-03-31"}, {"a5e0", "a6e0", "a7e0", "a9e0"}),
    ({"event": "ASSAULT", "all": "true"}, {"a1e0", "a2e1", "a3e0", "a5e0", "a12e0"}),
    ({"text": "BORDER"}, {"a3e0", "a5e0", "a6e0"}),  # in an evidence sentence, any case
    ({"text": "sistan"}, {"a1e0", "a3e0", "a5e0"}),  # a3 and a5 by their place's name alone
    ({"text": "hamas negotiators"}, {"a9e0"}),
    ({"text": "Kenyans", "quad": 2}, set()),
    ({"text": "50%"}, set()),  # a LIKE wildcard is a character here
])
def test_events_filters_take_names_as_the_cli_does(client, params, expected):
    body = ok(client.get("/api/events", params=params), "events")
    assert {e["id"] for e in body["events"]} == expected
    assert body["total"] == len(expected)


def test_events_say_what_each_name_became(client):
    body = ok(client.get("/api/events", params={"actor": "Pakistan", "event": "attack", "country": "Iran"}),
              "events")
    assert body["filters"] == {"actor": "PAK", "event": "ASSAULT", "country": "IRN", "all": False}


@pytest.mark.parametrize("size", [1, 3, 4, 11, 12])
def test_pages_walk_every_event_once_in_order(client, db, size):
    expected = stored_ids(db, include_all=True)
    assert len(expected) == 11
    seen, cursor, pages = [], None, 0
    while True:
        params = {"all": "true", "limit": size, **({"cursor": cursor} if cursor else {})}
        body = ok(client.get("/api/events", params=params), "events")
        pages += 1
        assert body["total"] == 11 and 1 <= len(body["events"]) <= size
        seen += [e["id"] for e in body["events"]]
        cursor = body["next"]
        if cursor is None:
            break
        assert pages < 20
    assert seen == expected  # every event once, in the store's order (the undated ones last)
    assert pages == math.ceil(11 / size)


def test_a_cursor_is_opaque_and_round_trips():
    cursor = encode_cursor({"date": "2024-01-15", "id": "a1e0"})
    assert "a1e0" not in cursor and decode_cursor(cursor) == (dt.date(2024, 1, 15), "a1e0")
    assert decode_cursor(encode_cursor({"date": None, "id": "x"})) == (None, "x")


def test_event_record_has_evidence_articles_and_links(client):
    body = ok(client.get("/api/events/a2e1"), "event")
    record = body["event"]
    assert record["id"] == "a2e1" and record["responds_to"] == ["a1e0"]
    assert record["evidence"][0]["marked"] == ANSWERED.replace("hit", "[[hit]]")
    assert [a["id"] for a in record["articles"]] == ["a2"] and record["articles"][0]["source"] == "Tasnim"
    assert record["links"] == [{"kind": "responds_to", "id": "a1e0", "event": "ASSAULT", "date": "2024-01-15",
                                "status": "asserted", "actors": ["PAKMIL"], "recipients": ["IRN"]}]
    answered = ok(client.get("/api/events/a1e0"), "event")["event"]
    assert answered["responded_by"] == ["a2e1"]
    schemas.EventResponse.model_validate(body)


def test_article_has_its_text_and_events(client):
    body = ok(client.get("/api/articles/a2"), "article")
    article = body["article"]
    assert article["text"] == ANSWERED and article["source"] == "Tasnim" and article["published"] == "2024-01-16"
    assert article["events"] == ["a1e0", "a2e1"]  # its report of Monday's strike joined a1's record
    schemas.ArticleResponse.model_validate(body)


# ------------------------------------------------------------------------------------------------ analysis


def test_dyads_most_active_first(client):
    body = ok(client.get("/api/dyads"), "dyads")
    first = body["dyads"][0]
    assert (first["a"], first["b"]) == ("IRN", "PAK")
    assert first == {"a": "IRN", "b": "PAK", "events": 7, "a_to_b": 2, "b_to_a": 5, "conflict": 7,
                     "cooperation": 0, "first": "2024-01-15", "last": "2024-01-21"}
    counts = [d["events"] for d in body["dyads"]]
    assert counts == sorted(counts, reverse=True) and body["total"] == len(body["dyads"]) and body["level"] == "country"
    schemas.DyadsPage.model_validate(body)
    sectors = ok(client.get("/api/dyads", params={"level": "sector", "actor": "Egypt"}), "dyads")
    assert [(d["a"], d["b"]) for d in sectors["dyads"]] == [("EGYGOV", "PSEINS")]
    assert ok(client.get("/api/dyads", params={"limit": 1}), "dyads")["total"] == body["total"]


def test_dyad_series_is_what_flashpoint_dyad_prints(client, db):
    body = ok(client.get("/api/dyads/pakistan/Iran/series", params={"by": "week"}), "dyad")
    assert body["sides"] == [{"given": "pakistan", "code": "PAK", "how": body["sides"][0]["how"]},
                             {"given": "Iran", "code": "IRN", "how": body["sides"][1]["how"]}]
    code, out, err = run("dyad", "PAK", "IRN", "--db", db, "--by", "week", "--format", "json")
    assert code == 0, err
    assert body["dyad"] == json.loads(out)
    assert [x["method"] for x in body["dyad"]["alerts"]] == ["conflict-onset"]
    assert any(e["responds"] and e["responds"]["responds_to"] == "a1e0" for e in body["dyad"]["events"])
    schemas.DyadSeriesResponse.model_validate(body)


def test_alerts_are_what_flashpoint_alerts_prints(client, db):
    body = ok(client.get("/api/alerts", params={"by": "week"}), "alerts")
    code, out, err = run("alerts", "--db", db, "--by", "week", "--format", "json")
    assert code == 0, err
    assert body["alerts"] == json.loads(out) and body["total"] == len(body["alerts"]) >= 1
    assert body["alerts"][0]["dyad"] == "PAK->IRN" and body["alerts"][0]["method"] == "conflict-onset"
    schemas.AlertsPage.model_validate(body)
    assert ok(client.get("/api/alerts", params={"by": "week", "actor": "Kenya"}), "alerts")["alerts"] == []


def test_openapi_documents_every_route_and_the_error_shape(client):
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}",
                                    "/api/articles", "/api/code", "/api/dyads", "/api/dyads/{a}/{b}/series",
                                    "/api/alerts", "/api/countries"}
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            assert operation["summary"], (method, path)
            assert "200" in operation["responses"] and "422" in operation["responses"]
            assert operation["responses"]["404"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorResponse"}
    assert schema["paths"]["/api/articles"]["post"]["security"] == [{"HTTPBearer": []}]
    assert "EventOut" in schema["components"]["schemas"]


# ------------------------------------------------------------------------------------------------ errors


def test_unknown_route_is_404(client):
    assert_error(client.get("/api/nothing"), 404, "E105", error="NotFound", where="GET /api/nothing",
                 says=("no such route", "/openapi.json"))
    # the browsable docs would fetch their scripts from a CDN: not served
    assert_error(client.get("/docs"), 404, "E105", where="GET /docs")


def test_unknown_event_and_article_are_404(client):
    assert_error(client.get("/api/events/nope"), 404, "E105", error="NotFound", where="event 'nope'",
                 says=("no event with this id",))
    assert_error(client.get("/api/articles/nope"), 404, "E105", where="article 'nope'",
                 says=("no stored article",))


def test_unknown_names_are_400_with_the_closest(client):
    error = assert_error(client.get("/api/events", params={"actor": "Pakistn"}), 400, "E200", error="UnknownName",
                         where="actor 'Pakistn'", says=("unknown actor", "did you mean Pakistan (PAK)"))
    assert "--actor" not in error["where"]
    assert_error(client.get("/api/events", params={"event": "atack"}), 400, "E200", where="event 'atack'",
                 says=("did you mean",))
    assert_error(client.get("/api/dyads/Pakistn/Iran/series"), 400, "E200", where="a 'Pakistn'",
                 says=("did you mean Pakistan (PAK)",))
    assert_error(client.get("/api/dyads/PAK/pakistan/series"), 400, "E200", where="path b", says=("must differ",))
    assert_error(client.get("/api/alerts", params={"actor": "Narnia"}), 400, "E200", where="actor 'Narnia'")


def test_a_bad_cursor_is_400(client):
    assert_error(client.get("/api/events", params={"cursor": "not-a-cursor"}), 400, "E200", where="query cursor",
                 says=("not a cursor this API gave",))


def test_wrong_method_is_405(client):
    response = client.delete("/api/events")
    assert_error(response, 405, "E100", where="DELETE /api/events", says=("not allowed", "GET"))
    assert response.headers["allow"] == "GET"
    assert_error(client.get("/api/code"), 405, "E100", where="GET /api/code", says=("POST",))


@pytest.mark.parametrize("params, where, says", [
    ({"since": "2024-13-01"}, "query since", ("'2024-13-01'", "YYYY-MM-DD")),
    ({"until": "yesterday"}, "query until", ("'yesterday'",)),
    ({"quad": "5"}, "query quad", ("less than or equal to 4",)),
    ({"limit": "0"}, "query limit", ("greater than or equal to 1",)),
    ({"limit": "501"}, "query limit", ("less than or equal to 500",)),  # api_max_page_size
])
def test_bad_parameters_are_422(client, params, where, says):
    assert_error(client.get("/api/events", params=params), 422, "E200", where=where, says=says)


def test_bad_bodies_are_422(client):
    assert_error(client.post("/api/code", json={"text": 5}), 422, "E103", where="body.text",
                 says=("valid string",))
    assert_error(client.post("/api/code", json={}), 422, "E103", where="body.text", says=("Field required",))
    assert_error(client.post("/api/code", json={"text": "x", "colour": "red"}), 422, "E103", where="body.colour")
    assert_error(client.post("/api/code", content=b'{"text": ', headers={"content-type": "application/json"}),
                 422, "E103", where="body", says=("not valid JSON",))
    assert_error(client.get("/api/dyads", params={"level": "planet"}), 422, "E200", where="query level")


def test_a_body_over_the_limit_is_413_by_its_length_or_while_read(db):
    small = TestClient(create_app(db=db, token=TOKEN, max_body_bytes=2048))
    text = "Pakistan's army struck militant hideouts. " * 100  # over 2 kB
    assert_error(small.post("/api/code", json={"text": text}), 413, "E100", where="POST /api/code",
                 says=("over the limit of 2,048 bytes", "api_max_body_bytes"))
    # refused by its Content-Length alone, before a byte of it is read
    assert_error(small.post("/api/code", content=b'{"text": "x"}', headers={
        "content-length": "5000", "content-type": "application/json"}), 413, "E100", says=("api_max_body_bytes",))

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(10):
            yield b" " * 512

    assert_error(small.post("/api/code", content=chunks(), headers={"content-type": "application/json"}), 413,
                 "E100", says=("api_max_body_bytes",))
    headers = {"authorization": f"Bearer {TOKEN}"}
    assert_error(small.post("/api/articles", json=[{"text": text}], headers=headers), 413, "E100")


def test_writes_without_the_token_are_401(client):
    record = [{"text": "Pakistan's army struck militant hideouts in Iran."}]
    for headers, says in (({}, "none was given"), ({"authorization": "Bearer wrong"}, "not it"),
                          ({"authorization": TOKEN}, "none was given")):
        response = client.post("/api/articles", json=record, headers=headers)
        assert_error(response, 401, "E601", error="Unauthorized", where="header Authorization",
                     says=("Authorization: Bearer", says))
        assert response.headers["www-authenticate"] == "Bearer"


def test_writes_are_403_when_no_token_is_set(db):
    closed = TestClient(create_app(db=db, token=""))
    for headers in ({}, {"authorization": f"Bearer {TOKEN}"}):
        assert_error(closed.post("/api/articles", json=[{"text": "x"}], headers=headers), 403, "E602",
                     error="WritesDisabled", says=("writes are disabled", "api_token", "FLASHPOINT_API_TOKEN"))
    assert ok(closed.get("/api/events"), "events")  # reads go on


def test_malformed_records_are_400_before_anything_is_coded(client):
    headers = {"authorization": f"Bearer {TOKEN}"}
    assert_error(client.post("/api/articles", json=[{"text": "A fine text."}, {"text": ""}], headers=headers),
                 400, "E103", where="body[1]", says=("field 'text' is empty",))
    assert_error(client.post("/api/articles", json={"text": "x", "published": "2024-02-30"}, headers=headers),
                 400, "E103", where="body", says=("published",))
    assert_error(client.post("/api/articles", json=[], headers=headers), 400, "E103", says=("empty array",))
    assert_error(client.post("/api/articles", json=[{"id": "x", "text": "One."}, {"id": "x", "text": "Two."}],
                             headers=headers), 400, "E103", where="body[1]", says=("another text",))
    assert_error(client.post("/api/articles", json="text", headers=headers), 400, "E103", where="body",
                 says=("a JSON string, not an object",))
    assert_error(client.post("/api/articles", json=[{"text": "One."}, 7], headers=headers), 400, "E103",
                 where="body[1]", says=("a JSON number",))


def test_too_many_records_are_400(db):
    capped = TestClient(create_app(db=db, token=TOKEN, max_records=2))
    response = capped.post("/api/articles", json=[{"text": f"Text {n}."} for n in range(3)],
                           headers={"authorization": f"Bearer {TOKEN}"})
    assert_error(response, 400, "E100", where="body", says=("3 records", "api_max_records"))


def test_a_bug_is_500_without_its_traceback(db, monkeypatch):
    def broken(self, event_id):
        raise RuntimeError("secret /home/someone/path")

    monkeypatch.setattr(Store, "event", broken)
    quiet = TestClient(create_app(db=db, token=TOKEN), raise_server_exceptions=False)
    response = quiet.get("/api/events/a1e0")
    assert_error(response, 500, "E000", error="FlashpointError", where="GET /api/events/a1e0",
                 says=("internal error (RuntimeError)", "server's log"))
    assert "secret" not in response.text


def test_a_missing_database_is_503(tmp_path):
    missing = TestClient(create_app(db=str(tmp_path / "none.duckdb"), token=TOKEN))
    assert_error(missing.get("/api/events"), 503, "E500", error="StoreError", says=("no such database",))


# ------------------------------------------------------------------------------------------------ the locks


def test_a_writer_waits_for_readers_and_readers_for_a_writer():
    lock, order, release = ReadWriteLock(), [], threading.Event()

    def write():
        with lock.writing(5.0):
            order.append("writing")
            release.wait(5)

    with lock.reading(1.0):
        writer = threading.Thread(target=write)
        writer.start()
        time.sleep(0.1)
        assert order == []  # the writer waits for the reader
        with pytest.raises(StoreError, match="lock_timeout"):
            with lock.reading(0.1):  # a waiting writer goes first: no new reader
                pass
    deadline = time.monotonic() + 5
    while not order and time.monotonic() < deadline:
        time.sleep(0.01)
    assert order == ["writing"]
    with pytest.raises(StoreError, match="being written by this server"):
        with lock.reading(0.1):  # a reader waits while the writer writes
            pass
    release.set()
    writer.join(5)
    with lock.reading(0.1):  # and reads once it is done
        pass
    with pytest.raises(StoreError, match="being read or written"):
        with lock.reading(1.0), lock.writing(0.1):  # a writer gives up after its wait
            pass


# ------------------------------------------------------------------------------------------------ a coder that fails


class FailingCoder:
    """Fails every article, as a rule that breaks on an odd parse does (``Coder._finish``)."""

    name = "failing/1"

    def code_many(self, articles, **options):
        from flashpoint.coder import Coded
        from flashpoint.errors import PipelineError

        for article in articles:
            yield Coded(article, [], [], PipelineError("coding failed: KeyError: 'x'", where=article.origin))


def test_the_coder_is_loaded_once_and_its_failures_are_reported(tmp_path):
    made = []
    app = create_app(db=str(tmp_path / "f.duckdb"), token=TOKEN, coder=lambda: made.append(1) or FailingCoder())
    failing = TestClient(app)
    assert made == []  # not at start: reads never load it
    assert_error(failing.post("/api/code", json={"text": "Some text."}), 500, "E400", error="PipelineError",
                 says=("coding failed",))
    body = ok(failing.post("/api/articles", json={"id": "f1", "text": "Some text."},
                           headers={"authorization": f"Bearer {TOKEN}"}), "articles")
    assert made == [1]
    (result,) = body["articles"]
    assert result["result"] == "failed" and result["error"]["code"] == "E400" and result["error"]["where"] == "api:f1"
    assert body["counts"]["failed"] == 1
    schemas.IngestResponse.model_validate(body)
    with Store.open(tmp_path / "f.duckdb", read_only=True) as store:  # kept, as ingest keeps failures
        assert [(f["origin"], f["stage"], f["code"]) for f in store.failures()] == [("api:f1", "code", "E400")]
    assert_error(failing.get("/api/articles/f1"), 404, "E105")


# ------------------------------------------------------------------------------------------------ the coder


@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder

    return Coder()


@pytest.fixture
def writer(tmp_path, coder) -> TestClient:
    """An API over a new database, whose first write creates it; the module's Coder."""
    return TestClient(create_app(db=str(tmp_path / "new.duckdb"), token=TOKEN, coder=lambda: coder))


STRIKE = "Pakistan's air force struck militant camps in Iran on Thursday, officials said."
TALKS = "Egyptian and Qatari mediators met Hamas negotiators in Cairo on Monday."
MAYBE = "Iran could attack Israel if the talks fail."


@pytest.mark.slow
def test_code_returns_events_and_stores_nothing(writer, tmp_path):
    body = ok(writer.post("/api/code", json={"text": STRIKE, "published": "2024-01-19"}), "events")
    (event,) = body["events"]
    assert event["event"] == "ASSAULT" and event["date"] == "2024-01-18"  # Thursday, counted from the 19th
    assert [a["code"] for a in event["actors"]] == ["PAKMIL"] and event["mentions"][0]["sentence"] == STRIKE
    assert body["article"]["published"] == "2024-01-19" and body["coder"].startswith("flashpoint.rules/")
    schemas.CodeResponse.model_validate(body)
    assert ok(writer.post("/api/code", json={"text": MAYBE}), "events")["events"] == []
    (maybe,) = ok(writer.post("/api/code", json={"text": MAYBE, "all": True}), "events")["events"]
    assert maybe["status"] == "hypothetical"
    assert not (tmp_path / "new.duckdb").exists()  # nothing stored, no database made
    assert_error(writer.post("/api/code", json={"text": STRIKE, "published": "19 Jan"}), 400, "E103",
                 where="body", says=("published",))


@pytest.mark.slow
def test_code_refuses_an_article_over_max_article_chars(writer, monkeypatch):
    monkeypatch.setenv("FLASHPOINT_MAX_ARTICLE_CHARS", "1000")
    assert_error(writer.post("/api/code", json={"text": STRIKE * 20}), 400, "E100", says=("max_article_chars",))


@pytest.mark.slow
def test_posted_articles_are_stored_then_seen(writer):
    headers = {"authorization": f"Bearer {TOKEN}"}
    records = [{"id": "w1", "text": STRIKE, "published": "2024-01-19", "source": "Wire"},
               {"id": "w2", "text": TALKS, "published": "2024-03-05", "source": "Ahram"},
               {"id": "w1", "text": STRIKE, "published": "2024-01-19", "source": "Wire"}]
    body = ok(writer.post("/api/articles", json=records, headers=headers), "articles")
    schemas.IngestResponse.model_validate(body)
    assert [(r["index"], r["id"], r["result"]) for r in body["articles"]] == [
        (0, "w1", "stored"), (1, "w2", "stored"), (2, "w1", "seen")]
    assert body["counts"] == {"stored": 2, "revised": 0, "duplicate": 0, "seen": 1, "failed": 0}
    strike_events = body["articles"][0]["events"]
    assert len(strike_events) == 1
    event = ok(writer.get(f"/api/events/{strike_events[0]}"), "event")["event"]
    assert event["event"] == "ASSAULT" and event["articles"][0]["id"] == "w1"
    article = ok(writer.get("/api/articles/w1"), "article")["article"]
    assert article["text"] == STRIKE and article["origin"] == "api:w1" and article["events"] == strike_events
    listed = ok(writer.get("/api/events"), "events")
    assert {e["id"] for e in listed["events"]} >= set(strike_events)

    again = ok(writer.post("/api/articles", json=records[0], headers=headers), "articles")
    assert [(r["id"], r["result"]) for r in again["articles"]] == [("w1", "seen")]
    revised = {**records[0], "text": STRIKE.replace("Thursday", "Wednesday")}
    copy = {**records[1], "id": "w3"}
    changed = ok(writer.post("/api/articles", json=[revised, copy], headers=headers), "articles")
    assert [(r["id"], r["result"], r["of"]) for r in changed["articles"]] == [
        ("w1", "revised", "w1"), ("w3", "duplicate", "w2")]
    assert ok(writer.get("/api/articles/w1"), "article")["article"]["revision"] == 2


@pytest.mark.slow
def test_reads_go_on_while_articles_are_written(writer):
    headers = {"authorization": f"Bearer {TOKEN}"}
    ok(writer.post("/api/articles", json={"id": "first", "text": TALKS}, headers=headers), "articles")
    statuses, done = [], threading.Event()

    def read():
        while not done.is_set():
            statuses.append(writer.get("/api/events", params={"all": "true"}).status_code)

    readers = [threading.Thread(target=read) for _ in range(4)]
    for thread in readers:
        thread.start()
    records = [{"id": f"r{n}", "text": f"{STRIKE} Report number {n}."} for n in range(6)]
    for record in records:  # six writes, each opening the database twice while the readers read
        assert writer.post("/api/articles", json=record, headers=headers).status_code == 200
    done.set()
    for thread in readers:
        thread.join(10)
    assert statuses and set(statuses) == {200}


# ------------------------------------------------------------------------------------------------ flashpoint serve


def test_settings_hide_the_token(monkeypatch):
    monkeypatch.setenv("FLASHPOINT_API_TOKEN", "do-not-print-me")
    code, out, _ = run("settings")
    assert code == 0 and "do-not-print-me" not in out
    assert re.search(r"api_token\s+\(set, hidden\)\s+env FLASHPOINT_API_TOKEN", out)
    code, out, _ = run("settings", "--format", "json")
    assert code == 0 and "do-not-print-me" not in out


def test_serve_refuses_a_missing_database(tmp_path):
    code, out, err = run("serve", "--db", tmp_path / "none.duckdb", "--port", "0")
    assert code == 5 and out == ""
    assert err.startswith("error E500:") and "no such database" in err and "Traceback" not in err


def test_serve_refuses_a_port_in_use(db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run("serve", "--db", db, "--port", port)
    assert code == 2 and f"error E200: --port: cannot listen on 127.0.0.1:{port}" in err and "Traceback" not in err


@pytest.mark.parametrize("host, warned", [("127.0.0.1", False), ("localhost", False), ("0.0.0.0", True)])
def test_serve_warns_when_other_machines_can_reach_it(db, monkeypatch, host, warned):
    import uvicorn

    started = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: started.append(sockets[0].getsockname()))
    code, _, err = run("serve", "--db", db, "--host", host, "--port", "0")
    assert code == 0, err
    assert ("reachable from other machines" in err) == warned
    assert started and f"at http://{started[0][0]}:{started[0][1]}/api/events" in err
    assert "writes need the api_token" not in err and "writes disabled" in err


@pytest.mark.slow
def test_serve_answers_over_http_and_stops_on_sigterm(db):
    exe = Path(sys.executable).with_name("flashpoint")
    if not exe.exists():
        pytest.skip("flashpoint console script not installed next to this interpreter")
    process = subprocess.Popen([str(exe), "serve", "--db", db, "--port", "0"], stderr=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 15
        line = ""
        while "serving" not in line:
            assert time.monotonic() < deadline and process.poll() is None, line
            line = process.stderr.readline()
        url = re.search(r"at (http://127\.0\.0\.1:\d+/api/events)", line).group(1)
        body = None
        while body is None:  # uvicorn starts listening on the bound socket a moment after the line
            try:
                with urllib.request.urlopen(url, timeout=5) as answer:
                    body = json.loads(answer.read())
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert body["ok"] is True and body["total"] == 10
        process.terminate()
        assert process.wait(timeout=10) == 143
        assert "stopped (SIGTERM)" in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()
