"""Logging: the package configures none; the CLI logs to stderr, and ``-v`` adds each failed article's traceback
while the batch goes on (exit status 3 when some inputs failed)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys

import pytest
from click.testing import CliRunner

from flashpoint.cli.main import main

MARKER = "Xyzzyplugh"  # an article whose text holds it fails in the geoparser
BOOM = "the geoparser broke on purpose"
RECORDS = [
    {"id": "ok-1", "text": "Israeli troops attacked Hamas positions in Gaza on Monday.", "published": "2024-01-18"},
    {"id": "broken", "text": f"Pakistani troops attacked militants in Panjgur on Monday. {MARKER}",
     "published": "2024-01-18"},
    {"id": "ok-2", "text": "Kenyan police attacked protesters in Nairobi on Tuesday.", "published": "2024-01-18"},
]


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def explode_on_marker(doc) -> None:
    if MARKER in doc.text:
        raise RuntimeError(BOOM)


def make_the_coder_fail_on_the_marker(monkeypatch, coder) -> None:
    """A stage of the coder raises on the marked article: one more stage where the coder runs a profile of
    stages (``Coder.stages``), else the geoparser it calls."""
    import flashpoint.coder

    if hasattr(coder, "stages"):
        from flashpoint.stages import Stage

        fragile = Stage("fragile", lambda state: explode_on_marker(state.doc), (), ())
        monkeypatch.setattr(coder, "stages", (fragile, *coder.stages))
        return
    original = flashpoint.coder.geoparse

    def geoparse(doc, *args, **kwargs):
        explode_on_marker(doc)
        return original(doc, *args, **kwargs)

    monkeypatch.setattr(flashpoint.coder, "geoparse", geoparse)


@pytest.fixture(autouse=True)
def logging_left_as_found():
    """Every command undoes its logging setup when it ends; check that it did."""
    package = logging.getLogger("flashpoint")
    before = (list(package.handlers), package.level)
    yield
    assert (list(package.handlers), package.level) == before


def test_importing_flashpoint_configures_no_logging():
    """A library adds no handler to the root logger and sets no level (checked in a fresh interpreter)."""
    script = (
        "import logging, pkgutil, importlib\n"
        "root = logging.getLogger()\n"
        "import flashpoint\n"
        "for m in pkgutil.walk_packages(flashpoint.__path__, 'flashpoint.'):\n"
        "    importlib.import_module(m.name)\n"
        "package = logging.getLogger('flashpoint')\n"
        "assert root.handlers == [] and root.level == logging.WARNING, (root.handlers, root.level)\n"
        "assert [type(h).__name__ for h in package.handlers] == ['NullHandler'], package.handlers\n"
        "assert package.level == logging.NOTSET and package.propagate\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout == "ok\n", done.stderr


# ---------------------------------------------------------------------------------------- places (fast)


@pytest.fixture
def places_setup(tmp_path, monkeypatch):
    spacy = pytest.importorskip("spacy")
    import flashpoint.evaluation.geo
    import flashpoint.places

    seen = []

    def geoparse(doc, *, gazetteer, **options):  # options: demonyms, as `places` passes them
        seen.append(doc.text)
        if MARKER in doc.text:
            raise RuntimeError(BOOM)
        return []

    monkeypatch.setattr(flashpoint.places, "geoparse", geoparse)
    monkeypatch.setattr(flashpoint.places, "load_gazetteer", lambda: None)
    monkeypatch.setattr(flashpoint.evaluation.geo, "load_pipeline", lambda: spacy.blank("en"))
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return path, seen


def test_places_failed_article_one_line_without_v(places_setup):
    path, seen = places_setup
    code, _, err = run("places", path)
    assert code == 0 and len(seen) == 3  # the article after the failed one is still geoparsed
    assert err.splitlines() == [f"warning: broken: geoparsing failed: {BOOM}"]


def test_places_v_shows_the_traceback(places_setup):
    path, seen = places_setup
    code, _, err = run("places", "-v", path)
    assert code == 0 and len(seen) == 3
    assert f"warning: broken: geoparsing failed: {BOOM}" in err
    assert err.count("Traceback (most recent call last)") == 1
    assert f"RuntimeError: {BOOM}" in err and "in geoparse" in err  # the original exception, where it was raised


def test_a_bad_input_is_one_line_even_with_v(places_setup, tmp_path):
    """An input error says all in its line: no traceback for a missing file."""
    code, _, err = run("places", "-v", tmp_path / "missing.txt")
    assert code == 2
    assert f"error E101: {tmp_path / 'missing.txt'}: file not found" in err and "Traceback" not in err


# ---------------------------------------------------------------------------------------- code and ingest (slow)


@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder

    return Coder()


@pytest.fixture
def failing_article(tmp_path, monkeypatch, coder):
    """Three articles; the CLI's coder (loaded once) fails on the second one, in a stage the coder calls."""
    import flashpoint.coder

    make_the_coder_fail_on_the_marker(monkeypatch, coder)
    monkeypatch.setattr(flashpoint.coder, "Coder", lambda **_: coder)
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return path


def _coded_ids(out: str) -> set[str]:
    return {m["article_id"] for line in out.splitlines() for m in json.loads(line)["mentions"]}


@pytest.mark.slow
def test_code_failed_article_is_one_line_without_v(failing_article):
    code, out, err = run("code", failing_article)
    assert code == 3, err
    assert _coded_ids(out) == {"ok-1", "ok-2"}  # the batch went on
    assert f"error E400: {failing_article}:2: coding failed: RuntimeError: {BOOM}" in err.splitlines()
    assert "Traceback" not in err and "DEBUG" not in err


@pytest.mark.slow
def test_code_v_shows_the_original_traceback_once(failing_article):
    code, out, err = run("code", "-v", failing_article)
    assert code == 3, err
    assert _coded_ids(out) == {"ok-1", "ok-2"}
    assert f"error E400: {failing_article}:2: coding failed: RuntimeError: {BOOM}" in err.splitlines()
    assert err.count("Traceback (most recent call last)") == 1, err
    assert f"RuntimeError: {BOOM}" in err and "in explode_on_marker" in err
    assert "PipelineError" not in err  # the original exception's traceback, not the wrapper's


@pytest.mark.slow
def test_code_v_shows_the_traceback_even_when_the_coder_does_not_log_it(failing_article, monkeypatch):
    monkeypatch.setattr(logging.getLogger("flashpoint.coder"), "disabled", True)
    code, _, err = run("code", "-v", failing_article)
    assert code == 3, err
    assert err.count("Traceback (most recent call last)") == 1, err
    assert "in explode_on_marker" in err and f"RuntimeError: {BOOM}" in err


@pytest.mark.slow
def test_ingest_v_keeps_its_per_article_lines_and_adds_the_traceback(failing_article, tmp_path):
    db = tmp_path / "events.duckdb"
    code, _, err = run("ingest", failing_article, "--db", db)
    assert code == 3, err
    assert "Traceback" not in err and f"{failing_article}:2: coding failed" in err
    assert "coded 2, skipped 0 as seen, failed 1" in err
    (tmp_path / "again.jsonl").write_text(failing_article.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run("ingest", "-v", tmp_path / "again.jsonl", "--db", db)
    assert code == 3, err
    assert err.count("Traceback (most recent call last)") == 1, err
    assert f"RuntimeError: {BOOM}" in err
    assert "coded 0, skipped 2 as seen, failed 1" in err
