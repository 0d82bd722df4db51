"""The configuration file (flashpoint.toml), where each value comes from, and the default database.

Each test runs in a working folder of its own, with a user config folder and a user data folder of its own
(XDG_CONFIG_HOME, XDG_DATA_HOME: platformdirs honours them on Linux) and no FLASHPOINT_* variable set.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from flashpoint.cli.main import main
from flashpoint.cli.store import _db_path
from flashpoint.errors import SettingError
from flashpoint.settings import SETTINGS, config_file, default_database, get_setting, resolve, setting_errors
from flashpoint.store import Store


@pytest.fixture
def folders(tmp_path, monkeypatch):
    work, config, data = tmp_path / "work", tmp_path / "config", tmp_path / "data"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.delenv("FLASHPOINT_CONFIG", raising=False)  # tests/conftest.py sets it empty: no file read
    for row in SETTINGS:
        monkeypatch.delenv(row.env, raising=False)
    return SimpleNamespace(work=work, local=work / "flashpoint.toml",
                           user=config / "flashpoint" / "flashpoint.toml", data=data / "flashpoint")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args):
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


# ------------------------------------------------------------------------------------------------ where the file is


def test_the_working_folders_file_is_read(folders):
    write(folders.local, "batch_size = 32\nundated_precision = \"day\"\n")
    assert get_setting("batch_size") == 32 and get_setting("undated_precision") == "day"
    assert resolve("batch_size").source == f"config {folders.local}"
    assert get_setting("n_process") == 1  # a key the file leaves out keeps its default


def test_the_user_config_folders_file_is_read_when_the_working_folder_has_none(folders):
    write(folders.user, "batch_size = 16\nanaphora_window = 5\n")
    assert get_setting("batch_size") == 16
    assert resolve("anaphora_window").source == f"config {folders.user}"
    write(folders.local, "batch_size = 32\n")  # the first found wins, alone: the two are not merged
    assert get_setting("batch_size") == 32
    assert get_setting("anaphora_window") == 3 and resolve("anaphora_window").source == "default"


def test_flashpoint_config_names_the_file(folders, tmp_path, monkeypatch):
    write(folders.local, "batch_size = 32\n")
    named = write(tmp_path / "elsewhere" / "mine.toml", "batch_size = 64\n")
    monkeypatch.setenv("FLASHPOINT_CONFIG", str(named))
    assert get_setting("batch_size") == 64 and config_file().path == named
    monkeypatch.setenv("FLASHPOINT_CONFIG", "")  # set but empty: no file at all
    assert get_setting("batch_size") == 48 and config_file().path is None


def test_a_missing_file_named_by_flashpoint_config_is_refused_by_every_command(folders, tmp_path, monkeypatch):
    monkeypatch.setenv("FLASHPOINT_CONFIG", str(tmp_path / "typo.toml"))
    code, _, err = run("events", "--db", tmp_path / "none.duckdb")  # without the check: exit 5, no such database
    assert code == 2
    assert f"error E200: {tmp_path / 'typo.toml'}: no such file, named by FLASHPOINT_CONFIG" in err


def test_a_changed_file_is_read_again(folders):
    write(folders.local, "batch_size = 32\n")
    assert get_setting("batch_size") == 32
    write(folders.local, "batch_size = 8\n")
    assert get_setting("batch_size") == 8


# ------------------------------------------------------------------------------------------------ precedence


def test_option_beats_environment_beats_file_beats_default(folders, monkeypatch):
    assert _db_path(None) == str(folders.data / "flashpoint.duckdb")  # the default: the user's data folder
    write(folders.user, 'db = "from-file.duckdb"\nbatch_size = 32\n')
    assert _db_path(None) == "from-file.duckdb" and get_setting("batch_size") == 32
    monkeypatch.setenv("FLASHPOINT_DB", "from-env.duckdb")
    monkeypatch.setenv("FLASHPOINT_BATCH_SIZE", "16")
    assert _db_path(None) == "from-env.duckdb" and get_setting("batch_size") == 16
    assert resolve("batch_size").source == "env FLASHPOINT_BATCH_SIZE"
    assert _db_path("from-option.duckdb") == "from-option.duckdb"


def test_the_home_folder_in_a_configured_path(folders, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    write(folders.local, 'db = "~/events.duckdb"\n')
    assert _db_path(None) == str(tmp_path / "home" / "events.duckdb")


# ------------------------------------------------------------------------------------------------ bad files


def test_a_file_that_is_not_toml_is_refused_by_every_command(folders, tmp_path):
    write(folders.local, "batch_size = 32\nn_process = \n")
    code, _, err = run("events", "--db", tmp_path / "none.duckdb")
    assert code == 2
    assert re.search(rf"^error E200: {re.escape(str(folders.local))}:2: not valid TOML \(.*line 2", err, re.M), err
    with pytest.raises(SettingError, match="not valid TOML"):
        get_setting("batch_size")  # its values are not known: none is guessed


@pytest.mark.parametrize(("text", "message"), [
    ("batch_size = 0", r":1: batch_size: bad value 0: expected a whole number from 1 to 10000; remove the key "
                       r"for the default \(48\)"),
    ("n_process = \"2\"", r":1: n_process: bad value '2' \(a string\): expected a whole number from 1 to 64 "
                          r"\(a TOML integer, without quotes\)"),
    ("batch_size = 32.0", r":1: batch_size: bad value 32.0 \(a float\): expected a whole number"),
    ("feed_fetch_links = \"yes\"", r":1: feed_fetch_links: bad value 'yes' \(a string\): expected true or false "
                                   r"\(a TOML boolean"),
    ("dyad_period = \"year\"", r":1: dyad_period: bad value 'year': expected one of day, week, month"),
    ("alert_p_value = nan", r":1: alert_p_value: bad value nan: expected a number from 0 to 1"),
    ("db = 5", r":1: db: bad value 5 \(an integer\): expected text \(a TOML string, in quotes\)"),
    ("# a comment\n\nmerge_window_day = -1", r":3: merge_window_day: bad value -1"),
])
def test_a_bad_value_names_the_file_line_and_key(folders, tmp_path, text, message):
    write(folders.local, text + "\n")
    code, _, err = run("events", "--db", tmp_path / "none.duckdb")
    assert code == 2
    assert re.search(rf"^error E200: {re.escape(str(folders.local))}{message}", err, re.M), err


def test_a_bad_value_in_the_file_is_refused_even_where_the_environment_overrides_it(folders, monkeypatch):
    write(folders.local, "batch_size = 0\n")
    monkeypatch.setenv("FLASHPOINT_BATCH_SIZE", "16")
    assert get_setting("batch_size") == 16  # the environment's value is used...
    assert [e.where for e in setting_errors()] == [f"{folders.local}:1: batch_size"]  # ...but the file is wrong


def test_good_values_of_each_type(folders):
    write(folders.local, 'alert_min_ratio = 3\nfeed_fetch_links = false\nspacy_model = "en_core_web_md"\n'
                         "lock_timeout = 2.5\n")
    assert setting_errors() == []
    assert get_setting("alert_min_ratio") == 3.0 and isinstance(get_setting("alert_min_ratio"), float)
    assert get_setting("feed_fetch_links") is False
    assert get_setting("spacy_model") == "en_core_web_md" and get_setting("lock_timeout") == 2.5


def test_an_unknown_key_suggests_the_closest_setting(folders):
    write(folders.local, "batch_size = 32\nbatchsize = 32\nmerge-window-day = 2\nwhatever = 1\n")
    messages = [str(e) for e in setting_errors()]
    assert messages[0] == (f"{folders.local}:2: batchsize: unknown setting 'batchsize'; did you mean 'batch_size'? "
                           "(`flashpoint settings` lists every setting)")
    assert "did you mean 'merge_window_day'?" in messages[1] and messages[1].startswith(f"{folders.local}:3:")
    assert "did you mean" not in messages[2] and len(messages) == 3


def test_a_flashpoint_table_is_explained(folders):
    write(folders.local, "[flashpoint]\nbatch_size = 32\n")
    [error] = setting_errors()
    assert str(error) == (f"{folders.local}:1: flashpoint: settings are top-level keys in flashpoint.toml, not a "
                          "[flashpoint] table: remove the [flashpoint] line")


# ------------------------------------------------------------------------------------------------ the default database


def test_the_default_database_is_in_the_user_data_folder(folders, monkeypatch):
    def no_coder(**kwargs):
        raise AssertionError("an empty article needs no coder")

    monkeypatch.setattr("flashpoint.coder.Coder", no_coder)
    database = folders.data / "flashpoint.duckdb"
    assert default_database() == database and not folders.data.exists()
    code, _, err = run("events")
    assert code == 5 and f"error E500: {database}: no such database; run `flashpoint ingest" in err
    write(folders.work / "empty.txt", "")
    code, _, err = run("ingest", "empty.txt")  # the folder is created; the empty article is a recorded failure
    assert code == 2 and f"events in {database}" in err, err
    with Store.open(database, read_only=True) as store:
        assert store.counts()["failures"] == 1
    assert sorted(p.name for p in folders.work.iterdir()) == ["empty.txt"]  # nothing written where it ran
    code, out, err = run("events", "--format", "jsonl")
    assert code == 0 and out == "", err


def test_a_relative_configured_database_is_in_the_working_folder(folders, monkeypatch):
    monkeypatch.setattr("flashpoint.coder.Coder", lambda **kwargs: None)
    write(folders.user, 'db = "events.duckdb"\n')  # relative to where the command runs, not to the file
    write(folders.work / "empty.txt", "")
    code, _, err = run("ingest", "empty.txt")
    assert code == 2 and (folders.work / "events.duckdb").is_file(), err
    assert not folders.data.exists()


# ------------------------------------------------------------------------------------------------ flashpoint settings


def test_settings_shows_where_each_value_came_from(folders, monkeypatch):
    code, out, _ = run("settings")
    assert code == 0
    assert out.splitlines()[0] == f"config file: none found (looked for {folders.local}, {folders.user})"
    assert re.search(rf"^db\s+{re.escape(str(folders.data / 'flashpoint.duckdb'))}\s+default ", out, re.M), out

    write(folders.local, "batch_size = 32\nn_process = 3\n")
    monkeypatch.setenv("FLASHPOINT_N_PROCESS", "2")
    code, out, _ = run("settings")
    assert code == 0
    assert out.splitlines()[0] == f"config file: {folders.local}"
    assert re.search(rf"^batch_size\s+32\s+config {re.escape(str(folders.local))} ", out, re.M), out
    assert re.search(r"^n_process\s+2\s+env FLASHPOINT_N_PROCESS ", out, re.M), out
    assert re.search(r"^anaphora_window\s+3\s+default ", out, re.M), out


def test_settings_as_json(folders, monkeypatch):
    write(folders.user, 'dyad_period = "month"\n')
    monkeypatch.setenv("FLASHPOINT_ALERT_P_VALUE", "0.01")
    code, out, _ = run("settings", "--format", "json")
    body = json.loads(out)
    assert code == 0 and body["config"]["path"] == str(folders.user)
    by_name = {row["name"]: row for row in body["settings"]}
    assert [row["name"] for row in body["settings"]] == [s.name for s in SETTINGS]
    assert (by_name["dyad_period"]["value"], by_name["dyad_period"]["source"]) == ("month", f"config {folders.user}")
    assert (by_name["alert_p_value"]["value"], by_name["alert_p_value"]["source"]) == (0.01, "env FLASHPOINT_ALERT_P_VALUE")
    assert (by_name["batch_size"]["value"], by_name["batch_size"]["source"]) == (48, "default")


def test_settings_marks_a_bad_file_value(folders):
    write(folders.local, "batch_size = 0\n")
    code, out, err = run("settings")
    assert code == 2
    assert out.splitlines()[0] == f"config file: {folders.local} BAD (see the errors below)"
    assert re.search(rf"^batch_size\s+0 BAD\s+config {re.escape(str(folders.local))} ", out, re.M), out
    assert re.search(r"^n_process\s+1\s+default ", out, re.M), out
    assert err.count("error E200") == 1 and f"{folders.local}:1: batch_size: bad value 0" in err


def test_the_readmes_example_file_is_valid(folders, tmp_path, monkeypatch):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    settings = readme[readme.index("\n## Settings"):]
    example = settings[settings.index("```toml\n") + 8:settings.index("\n```", settings.index("```toml\n"))]
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    write(folders.local, example)
    assert setting_errors() == []
    assert _db_path(None) == str(tmp_path / "home" / "data" / "events.duckdb")
    assert {name: resolve(name).source for name in ("batch_size", "feed_fetch_links")} == {
        "batch_size": f"config {folders.local}", "feed_fetch_links": f"config {folders.local}"}
