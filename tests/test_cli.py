"""``flashpoint code``: formats, --all, bad input reported per file/line while the rest is still coded."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashpoint.cli.main import main
from flashpoint.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "Israeli troops attacked Hamas positions in Gaza on Monday. Iran could attack Israel."


def run(*args, stdin=None):
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.slow
def test_jsonl_hides_hypotheticals_unless_all(article):
    code, out, err = run("code", str(article), "--published", "2024-01-18")
    assert code == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    assert [(e["event"], e["date"], e["status"]) for e in events] == [("ASSAULT", "2024-01-15", "asserted")]
    code, out, _ = run("code", str(article), "--published", "2024-01-18", "--all")
    assert sorted(json.loads(line)["status"] for line in out.splitlines()) == ["asserted", "hypothetical"]


@pytest.mark.slow
def test_json_and_table_formats(article):
    _, out, _ = run("code", str(article), "--format", "json")
    assert [e["event"] for e in json.loads(out)] == ["ASSAULT"]
    _, out, _ = run("code", str(article), "--format", "table")
    header, row = out.splitlines()  # a header row, then one event
    assert header.split() == ["id", "date", "event", "cameo", "actors", "recipients", "place", "reports", "status",
                              "evidence"]
    assert [row[header.index(name)] != " " and row[header.index(name) - 1] == " "
            for name in ("date", "actors", "recipients", "evidence")] == [True] * 4  # columns line up
    assert "ISRMIL" in row and "PSEINS" in row and "attacked" in row


@pytest.mark.slow
def test_stdin_and_sample():
    code, out, _ = run("code", "-", stdin=ARTICLE)
    assert code == 0 and json.loads(out.splitlines()[0])["event"] == "ASSAULT"
    code, out, _ = run("code", "--sample", "--format", "jsonl")
    assert code == 0
    articles = {m["article_id"] for line in out.splitlines() for m in json.loads(line)["mentions"]}
    assert len(articles) >= 3  # every sample article yields at least one event


@pytest.mark.slow
@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", r"empty\.txt"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", r"binary\.txt"),
    ("latin1.txt", "Soldiers attacked the caf\u00e9 in Paris.".encode("latin-1"), r"latin1\.txt"),
    ("missing.txt", None, r"missing\.txt"),
])
def test_bad_file_is_reported_and_the_batch_goes_on(tmp_path, article, name, content, message):
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    code, out, err = run("code", str(bad), str(article))
    assert code != 0
    assert re.search(r"^error E1\d\d: .*" + message, err, re.MULTILINE), err
    assert [json.loads(line)["event"] for line in out.splitlines()] == ["ASSAULT"]  # the good file still coded


@pytest.mark.slow
def test_malformed_jsonl_line_names_the_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": "good", "text": ARTICLE}) + "\n{not json\n"
                    + json.dumps({"id": "notext"}) + "\n", encoding="utf-8")
    code, out, err = run("code", str(path))
    assert code != 0
    assert "batch.jsonl:2" in err and "batch.jsonl:3" in err
    assert {m["article_id"] for line in out.splitlines() for m in json.loads(line)["mentions"]} == {"good"}


def test_bad_published_date_is_a_usage_error(article):
    code, _, err = run("code", str(article), "--published", "18/01/2024")
    assert code == 2
    assert "--published" in err and "YYYY-MM-DD" in err


def test_no_input_is_a_usage_error():
    code, _, err = run("code")
    assert code == 2 and "FILE" in err


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in readme]
    assert missing == []


@pytest.mark.slow
def test_installed_command_runs(article):
    """The console script the README promises, as a real process."""
    exe = Path(sys.executable).with_name("flashpoint")
    if not exe.exists():
        pytest.skip("flashpoint console script not installed next to this interpreter")
    done = subprocess.run([str(exe), "code", str(article), "--format", "table"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert "ASSAULT" in done.stdout


def test_help_and_readme_give_the_exit_statuses_and_completion():
    from flashpoint.cli.main import main

    result = CliRunner().invoke(main, ["--help"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for status in ("0", "1", "2", "3", "4", "5", "130"):
        assert re.search(rf"^\s+{status}\s", result.output, re.MULTILINE), status
    assert "_FLASHPOINT_COMPLETE=bash_source flashpoint" in result.output
    assert "_FLASHPOINT_COMPLETE=bash_source flashpoint" in readme and "143 on SIGTERM" in readme


@pytest.mark.slow
def test_shell_completion_script_and_completions():
    """The completion click generates works for the installed command: the script, and completing a command."""
    exe = Path(sys.executable).with_name("flashpoint")
    if not exe.exists():
        pytest.skip("flashpoint console script not installed next to this interpreter")
    script = subprocess.run([str(exe)], env={**os.environ, "_FLASHPOINT_COMPLETE": "bash_source"},
                            capture_output=True, text=True, timeout=60)
    assert "_flashpoint_completion" in script.stdout
    done = subprocess.run([str(exe)], env={**os.environ, "_FLASHPOINT_COMPLETE": "bash_complete",
                                           "COMP_WORDS": "flashpoint ing", "COMP_CWORD": "1"},
                          capture_output=True, text=True, timeout=60)
    assert "plain,ingest" in done.stdout.split()
