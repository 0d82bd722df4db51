"""The Spark path gives the events the single-machine path gives (issue 18).

One corpus, two paths: ``flashpoint ingest`` (Coder + ``Store.add_batch``) into one database, and ``flashpoint spark
code`` -> ``spark merge`` -> ``import`` on ``local[2]`` into another; their article events, mentions, failures and
merged events must be identical. The corpus is the seed article, the three crisis corpora (many reports of the
same events, so the cross-article merge has work to do) and GeoWebNews articles from ``../shared/data``, plus rows
that exercise the failure and identity rules: a malformed line, an empty text, the same text under a new id (a
duplicate) and a new text under an id already read (a revision). One SparkSession serves the module.

The blocking keys of the Spark merge are checked against the rule they stand for on random actors (hypothesis),
and a missing PySpark is simulated to check the one-line error. These two need no Spark and are fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.cli.main import main
from flashpoint.merge.across import MergeRule, Unit, compatible, unit_keys
from flashpoint.merge.article import _same_actor, match_keys
from flashpoint.model import Actor

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SEED = DATA / "seed" / "pakistan_iran_strikes.txt"
CRISES = sorted((DATA / "crises").glob("*.jsonl"))
GEO = DATA / "geo" / "gwn_dev.xml"
GEO_ARTICLES = 127  # with the seed and the 72 crisis reports: 200 articles
GEO_PUBLISHED = "2019-06-01"  # anchors the GeoWebNews articles' relative dates (they carry none)

# PySpark 4.3 warns once per process that it does not fully support pandas 3 (the features used here are tested)
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


# ------------------------------------------------------------------------------------------ the corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (SEED.exists() and CRISES and GEO.exists()):
        pytest.skip("the equivalence corpus needs the sibling folder ../shared/data (README)")
    from flashpoint.evaluation.geo import read_gold

    records = [{"id": "seed-pakistan-iran", "text": SEED.read_text(encoding="utf-8"), "published": "2024-01-18"}]
    for path in CRISES:
        records += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    geo = [{"id": f"gwn-{i}", "text": a.text, "published": GEO_PUBLISHED}
           for i, a in enumerate(read_gold(GEO, stop=GEO_ARTICLES))]
    records += geo
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(40, '{"id": "broken", "text": ')  # not JSON: fails alone, named by its line
    lines.insert(90, json.dumps({"id": "empty", "text": "  "}))  # an empty text: fails alone
    lines.append(json.dumps({"id": "copy-of-seed", "text": records[0]["text"], "published": "2024-01-18"}))
    lines.append(json.dumps({**geo[3], "text": geo[3]["text"] + "\n\nThis story was updated."}))  # revised
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "corpus.jsonl"


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="the spark extra is not installed: pip install -e '.[spark]'")
    from flashpoint.spark.session import conf_dir, spark_session

    with pytest.MonkeyPatch.context() as env:  # what the session would set, undone after the module
        env.setenv("SPARK_LOCAL_IP", "127.0.0.1")
        env.setenv("PYSPARK_PYTHON", sys.executable)
        env.setenv("SPARK_CONF_DIR", conf_dir())
        with spark_session("local[2]", app_name="flashpoint tests") as session:
            conf = session.sparkContext.getConf()
            assert conf.get("spark.ui.enabled") == "false" and conf.get("spark.driver.bindAddress") == "127.0.0.1"
            yield session


@pytest.fixture(scope="module")
def in_process(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("in-process") / "events.duckdb"
    code, _, err = run("ingest", str(corpus), "--db", str(db), "--n-process", "1", "-q")
    assert code == 3, err  # two lines failed, the others were stored
    return db


@pytest.fixture(scope="module")
def on_spark(spark, corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("spark")
    paths = {"coded": folder / "coded", "merged": folder / "merged", "db": folder / "events.duckdb"}
    code, _, err = run("spark", "code", "--input", str(corpus), "--output", str(paths["coded"]))
    assert code == 3, err
    assert f"error E103: {corpus}:41: not valid JSON" in err
    code, _, err = run("spark", "merge", "--input", str(paths["coded"]), "--output", str(paths["merged"]))
    assert code == 0, err
    code, _, err = run("import", str(paths["merged"]), "--db", str(paths["db"]))
    assert code == 0, err
    return paths


def rows(db: Path, sql: str) -> list[tuple]:
    from flashpoint.store import Store

    with Store.open(db, read_only=True) as store:
        return store.con.execute(sql).fetchall()


def events(db: Path) -> list[dict]:
    from flashpoint.store import EventQuery, Store

    with Store.open(db, read_only=True) as store:
        return store.events(EventQuery(include_all=True))


# ------------------------------------------------------------------------------------------ equivalence


@pytest.mark.parametrize("table, columns", [
    ("articles", "id, url, source, title, published, origin, text, coder, content_hash, revision"),
    ("article_events", "id, article_id, event_id, source, event, mode, context, cameo, quad, goldstein, status, "
                       "date, date_precision, place_id, place_text, actors, recipients, coder, num_mentions"),
    ("mentions", "*"),
    ("links", "*"),
    ("failures", "origin, article_id, stage, code, message"),
    ("superseded", "id, content_hash, article_id, kind, url, title, published, origin, text"),
])
@pytest.mark.slow
def test_stored_rows_are_the_same(in_process, on_spark, table, columns):
    sql = f"SELECT {columns} FROM {table} ORDER BY ALL"
    single, spark = rows(in_process, sql), rows(on_spark["db"], sql)
    assert spark == single
    assert single or table == "links"


@pytest.mark.slow
def test_merged_events_are_the_same(in_process, on_spark):
    single, spark = events(in_process), events(on_spark["db"])
    assert [e["id"] for e in spark] == [e["id"] for e in single]
    for a, b in zip(spark, single):
        assert a == b, a["id"]  # type, actors, dates, place, every mention, counts, links
    # the corpus gives the merge work to do: reports from several articles joined, and more reports than events
    assert max(e["num_articles"] for e in single) >= 3
    assert len(single) < rows(in_process, "SELECT count(*) FROM article_events")[0][0]
    assert rows(in_process, "SELECT count(*) FROM superseded WHERE kind = 'duplicate'") == [(1,)]
    assert rows(in_process, "SELECT revision FROM articles WHERE id = 'gwn-3'") == [(2,)]


@pytest.mark.slow
def test_a_code_output_imported_alone_is_merged_by_the_store(on_spark, tmp_path):
    """The store's own merge over the Spark article events gives Spark's merged events."""
    db = tmp_path / "store-merged.duckdb"
    code, _, err = run("import", str(on_spark["coded"]), "--db", str(db))
    assert code == 0 and "merged by store" in err, err
    assert events(db) == events(on_spark["db"])


@pytest.mark.slow
def test_the_commands_read_the_imported_store(on_spark):
    db = str(on_spark["db"])
    code, out, err = run("events", "--db", db, "--country", "Iran", "--event", "attack", "--format", "jsonl")
    assert code == 0, err
    found = [json.loads(line) for line in out.splitlines()]
    assert any(e["date"] == "2024-01-18" and e["actors"][0]["country"] == "PAK" for e in found)
    code, out, err = run("event", found[0]["id"], "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)["id"] == found[0]["id"], err
    code, _, err = run("dyad", "ISR", "IRN", "--db", db, "--format", "json")
    assert code == 0, err
    code, _, err = run("import", str(on_spark["merged"]), "--db", db)
    assert code == 5 and "new database" in err  # an import never writes into a store that holds events


# ------------------------------------------------------------------------------------------ bad input


@pytest.mark.slow
def test_bad_inputs_are_one_line_naming_them(spark, tmp_path):
    missing = tmp_path / "nowhere.jsonl"
    code, _, err = run("spark", "code", "--input", str(missing), "--output", str(tmp_path / "out"))
    assert code == 2 and f"error E101: {missing}: no such file or folder" in err and "Traceback" not in err
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not parquet")
    code, _, err = run("spark", "code", "--input", str(broken), "--output", str(tmp_path / "out"))
    assert code == 2 and "error E101" in err and "broken.parquet" in err and "Parquet" in err, err
    code, _, err = run("spark", "merge", "--input", str(tmp_path), "--output", str(tmp_path / "m"))
    assert code == 2 and "no _flashpoint/ record" in err
    (tmp_path / "taken").mkdir()
    code, _, err = run("spark", "code", "--input", str(broken), "--output", str(tmp_path / "taken"))
    assert code == 2 and "--force" in err


@pytest.mark.slow
def test_parquet_rows_are_read_as_records(spark, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    corpus = tmp_path / "articles.parquet"
    pq.write_table(pa.table({"id": [1, 2, 3], "text": [SEED.read_text(encoding="utf-8"), "", "Talks went on."],
                             "published": pa.array([None, None, None], pa.date32())}), corpus)
    code, _, err = run("spark", "code", "--input", str(corpus), "--output", str(tmp_path / "coded"),
                       "--published", "2024-01-18")
    assert code == 3, err
    assert f"error E103: {corpus}:row 2: field 'text' is empty" in err
    code, _, err = run("import", str(tmp_path / "coded"), "--db", str(tmp_path / "p.duckdb"))
    assert code == 0, err
    assert {r[0] for r in rows(tmp_path / "p.duckdb", "SELECT id FROM articles")} == {"1", "3"}
    pq.write_table(pa.table({"text": [1, 2]}), tmp_path / "numbers.parquet")
    code, _, err = run("spark", "code", "--input", str(tmp_path / "numbers.parquet"), "--output",
                       str(tmp_path / "n"))
    assert code == 2 and "column 'text' is bigint; expected a string" in err


# ------------------------------------------------------------------------------------------ no Spark needed


def test_a_missing_pyspark_is_one_line_naming_the_fix(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # `import pyspark` raises ImportError
    code, _, err = run("spark", "code", "--input", str(tmp_path), "--output", str(tmp_path / "out"))
    assert code == 6
    assert err.strip() == ("error E701: flashpoint spark: the Spark commands need pyspark, which is not installed; "
                           "install the spark extra: pip install 'flashpoint[spark]'")
    code, _, err = run("spark", "merge", "--input", str(tmp_path), "--output", str(tmp_path / "out"))
    assert code == 6 and "pip install 'flashpoint[spark]'" in err


codes = st.sampled_from([None, "IRN", "PAK", "ISR"])
sectors = st.sampled_from([None, "MIL", "GOV", "REB"])
actors = st.builds(lambda code, country, sector, group: Actor(
    text="x", code=(country or "") + (sector or "") or code or "FRO", country=country, sector=sector,
    id=group or country), st.sampled_from(["FRO", "BIL", "XYZ"]), codes, sectors,
    st.sampled_from([None, None, "jaish", "hamas"]))


def _meet(a: tuple, b: tuple) -> bool:
    return bool(set(a[0]) & set(b[1]) or set(b[0]) & set(a[1]))


@settings(max_examples=500, deadline=None)
@given(actors, actors)
def test_the_blocking_keys_meet_whenever_two_actors_may_be_the_same(a, b):
    if _same_actor(a, b):
        assert _meet(match_keys(a), match_keys(b))


def test_the_blocking_keys_meet_for_forces_of_no_country_and_a_state_s_government():
    forces = Actor(text="x", code="MIL", country=None, sector="MIL")
    government = Actor(text="x", code="IRNGOV", country="IRN", sector="GOV", id="IRN")
    a = Unit("a", "1", "s", "ASSAULT", "asserted", (), (forces,))
    b = Unit("b", "2", "s", "ASSAULT", "asserted", (), (government,))
    assert compatible(a, b, MergeRule(state_target=frozenset({"ASSAULT"})))
    assert _meet(unit_keys(a), unit_keys(b))


def test_the_blocking_keys_meet_for_one_call_reported_either_way_round():
    iran = Actor(text="x", code="IRNGOV", country="IRN", sector="GOV", id="IRN")
    pakistan = Actor(text="x", code="PAKGOV", country="PAK", sector="GOV", id="PAK")
    a = Unit("a", "1", "s", "CONSULT", "asserted", (iran,), (pakistan,))
    b = Unit("b", "2", "s", "CONSULT", "asserted", (pakistan,), (iran,))
    rule = MergeRule(undirected=frozenset({"CONSULT"}))
    assert compatible(a, b, rule) and not compatible(a, b, MergeRule())
    assert _meet(unit_keys(a, rule), unit_keys(b, rule))


@pytest.mark.parametrize("rule", [MergeRule(), MergeRule(state_target=frozenset({"ASSAULT"})),
                                  MergeRule(state_voice=frozenset({"ASSAULT"})),
                                  MergeRule(undirected=frozenset({"ASSAULT"}))],
                         ids=["plain", "target", "voice", "undirected"])
@settings(max_examples=300, deadline=None)
@given(st.lists(actors, max_size=3), st.lists(actors, max_size=3), st.lists(actors, max_size=3),
       st.lists(actors, max_size=3))
def test_the_blocking_keys_meet_whenever_two_units_are_compatible(rule, a_actors, a_recipients, b_actors,
                                                                  b_recipients):
    a = Unit("a", "1", "s", "ASSAULT", "asserted", tuple(a_actors), tuple(a_recipients))
    b = Unit("b", "2", "s", "ASSAULT", "asserted", tuple(b_actors), tuple(b_recipients))
    if compatible(a, b, rule):
        assert _meet(unit_keys(a, rule), unit_keys(b, rule))
