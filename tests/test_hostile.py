"""Hostile input and faults (issue 15): each case ends in one clear line on stderr
(``error E###: <where>: <what>; <expected>``, or a warning naming the article), its exit status, the rest of the
batch still processed, and nothing stored harmed. No traceback reaches the user.

One table of named cases (``CASES``) drives the real CLI in-process (click's runner), with the coder loaded once
for the module. Stores: ``shared`` is one database filled from the bundled sample, whose row counts must be the
same after the case; ``empty`` an empty database; ``fresh`` a path the case's ``ingest`` creates, whose counts are
checked against ``rows_after``.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from flashpoint.cli.main import main, sample_path
from flashpoint.ingest import ReadFailure
from flashpoint.ingest import readers
from flashpoint.store import Store

IS_ROOT = os.name == "posix" and os.geteuid() == 0  # root reads and writes where permissions say no
SAMPLE = [json.loads(line) for line in sample_path().read_text(encoding="utf-8").splitlines() if line.strip()]
FAR_FUTURE = (dt.date.today() + dt.timedelta(days=400)).isoformat()


# ------------------------------------------------------------------------------------------------ inputs


def _record(index: int, **fields: str) -> str:
    return json.dumps({**SAMPLE[index], "id": f"hostile-{index}", **fields})


def _write_dates(tmp: Path) -> None:
    """The sample's three articles, dated with a placeholder, the last day a date can be, and next year."""
    lines = [_record(0, published="0001-01-01"), _record(1, published="9999-12-31"), _record(2, published=FAR_FUTURE)]
    (tmp / "dates.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_nul_line(tmp: Path) -> None:
    """Line 2 carries a NUL byte inside its text: only it fails."""
    bad = _record(1, text=SAMPLE[1]["text"] + " NUL-HERE").encode("utf-8").replace(b"NUL-HERE", b"\x00")
    data = _record(0).encode("utf-8") + b"\n" + bad + b"\n" + _record(2).encode("utf-8") + b"\n"
    (tmp / "nul.jsonl").write_bytes(data)


def _write_event_date_in_text(tmp: Path) -> None:
    lines = [json.dumps({"id": "last-day", "published": "2024-01-18",
                         "text": "On December 31, 9999, Pakistani troops attacked Iranian positions near the border."}),
             _record(0)]
    (tmp / "far.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_too_long(tmp: Path) -> None:
    """Line 2 is over spaCy's own limit of a million characters (and over max_article_chars)."""
    huge = ("Police arrested protesters in the capital on Monday, officials said. " * 18_000)[:1_200_000]
    lines = [_record(0), json.dumps({"id": "huge", "text": huge}), _record(2)]
    (tmp / "long.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_revisions(tmp: Path) -> None:
    """first.jsonl, ingested before the case; then, under the same id, the same URL and the same text as stored
    articles: a new text, an edited page, a wire copy, and the old text of the edited page read again."""
    first = [_record(0, url="https://news.example/a"), _record(1, url="https://news.example/b")]
    (tmp / "first.jsonl").write_text("\n".join(first) + "\n", encoding="utf-8")
    later = [_record(0, url="https://news.example/a", text=SAMPLE[0]["text"] + " More follows."),
             _record(1, id="hostile-1-edited", url="https://news.example/b", text=SAMPLE[1]["text"] + " Updated."),
             _record(2, id="wire-copy-1", url="https://wire.example/1", text=SAMPLE[2]["text"]),
             _record(2, id="wire-copy-2", url="https://wire.example/2", text=SAMPLE[2]["text"]),
             _record(1, url="https://news.example/b")]
    (tmp / "later.jsonl").write_text("\n".join(later) + "\n", encoding="utf-8")


def _write_versions_in_one_batch(tmp: Path) -> None:
    """Within one file (one batch): two texts under one id, two texts at one URL under new ids, and an id given as
    a number and as a string."""
    lines = [_record(0, id="same-id"), _record(1, id="same-id"),
             _record(2, id="page-1", url="https://news.example/page"),
             _record(0, id="page-2", url="https://news.example/page", text=SAMPLE[0]["text"] + " Updated."),
             json.dumps({"id": 12345, "text": SAMPLE[2]["text"] + " First."}),
             json.dumps({"id": "12345", "text": SAMPLE[2]["text"] + " Second."})]
    (tmp / "versions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_revision_to_another_text(tmp: Path) -> None:
    """first.jsonl holds two articles; later.jsonl gives the second one's id the first one's text."""
    (tmp / "first.jsonl").write_text(_record(0) + "\n" + _record(1) + "\n", encoding="utf-8")
    (tmp / "later.jsonl").write_text(_record(1, text=SAMPLE[0]["text"]) + "\n", encoding="utf-8")


def _one_text_per_article(tmp: Path) -> None:
    with Store.open(tmp.parent / "fresh.duckdb", read_only=True) as store:
        texts = store.con.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone()
        events = store.con.execute("SELECT max(num_articles) FROM events").fetchone()[0]
    assert texts[0] == texts[1] and events == 1  # one article per text: no event counts one text twice


def _write_foreign_database_with_version_table(tmp: Path) -> None:
    import duckdb

    con = duckdb.connect(str(tmp / "theirs.duckdb"))
    con.execute("CREATE TABLE schema_version (version INTEGER); INSERT INTO schema_version VALUES (1); "
                "CREATE TABLE users (name VARCHAR)")
    con.close()
    _write_text(tmp)
    (tmp / "theirs.sha256").write_text(_sha256(tmp / "theirs.duckdb"), encoding="utf-8")


def _write_foreign_database(tmp: Path) -> None:
    """Another program's DuckDB file, with a table of its own called events."""
    import duckdb

    con = duckdb.connect(str(tmp / "theirs.duckdb"))
    con.execute("CREATE TABLE events (id INTEGER, what VARCHAR); INSERT INTO events VALUES (1, 'theirs')")
    con.close()
    _write_text(tmp)
    (tmp / "theirs.sha256").write_text(_sha256(tmp / "theirs.duckdb"), encoding="utf-8")


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_text(tmp: Path) -> None:
    (tmp / "a.txt").write_text(SAMPLE[0]["text"], encoding="utf-8")


def _write_text_and_secret(tmp: Path) -> None:
    _write_text(tmp)
    secret = tmp / "secret.txt"
    secret.write_text(SAMPLE[1]["text"], encoding="utf-8")
    secret.chmod(0)


def _write_text_and_broken_link(tmp: Path) -> None:
    _write_text(tmp)
    (tmp / "broken.txt").symlink_to(tmp / "nowhere.txt")


def _write_folder_with_locked_subfolder(tmp: Path) -> None:
    (tmp / "news" / "locked").mkdir(parents=True)
    (tmp / "news" / "a.txt").write_text(SAMPLE[0]["text"], encoding="utf-8")
    (tmp / "news" / "locked" / "b.txt").write_text(SAMPLE[1]["text"], encoding="utf-8")
    (tmp / "news" / "locked").chmod(0)


def _write_folder_with_broken_link(tmp: Path) -> None:
    (tmp / "news").mkdir()
    (tmp / "news" / "a.txt").write_text(SAMPLE[0]["text"], encoding="utf-8")
    (tmp / "news" / "lost.txt").symlink_to(tmp / "gone.txt")


def _make_folders(*names: str) -> Callable[[Path], None]:
    def setup(tmp: Path) -> None:
        for name in names:
            (tmp / name).mkdir()
    return setup


def _make_read_only_folder(tmp: Path) -> None:
    (tmp / "ro").mkdir()
    (tmp / "ro").chmod(stat.S_IRUSR | stat.S_IXUSR)


def _write_old_export(tmp: Path) -> None:
    (tmp / "old.tsv").write_text("the previous export\n", encoding="utf-8")


# ------------------------------------------------------------------------------------------------ faults


def _simulate_unreadable_secret(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
    """What chmod 000 does to anyone but root, for root too: access says no, and opening is refused."""
    secret = tmp / "secret.txt"
    secret.write_text(SAMPLE[1]["text"], encoding="utf-8")
    real_access, real_open = os.access, open

    def access(path, mode, *args, **kwargs):
        return False if Path(path) == secret else real_access(path, mode, *args, **kwargs)

    def refuse(file, *args, **kwargs):
        if Path(file) == secret:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(readers, "open", refuse, raising=False)


def _disk_fills_after_the_header(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
    """The export's file takes its first line, then the disk is full."""
    import flashpoint.store.export as export_module

    real_open = open

    class Filling:
        def __init__(self, handle):
            self.handle, self.lines = handle, 0

        def write(self, text):
            self.lines += 1
            if self.lines > 1:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.handle.write(text)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    monkeypatch.setattr(export_module, "open", lambda *a, **k: Filling(real_open(*a, **k)), raising=False)


def _disk_full_on_write(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
    """The database's disk is full when a batch is written (what DuckDB raises then)."""
    import duckdb

    def full(*args, **kwargs):
        raise duckdb.IOException("IO Error: Could not write file: No space left on device")

    monkeypatch.setattr("flashpoint.store.db.Store._write_articles", full)


def _folder_not_writable(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
    """What chmod 555 on the database's folder does to anyone but root, for root too."""
    real_access = os.access
    folder = tmp / "ro"

    def access(path, mode, *args, **kwargs):
        if Path(path) == folder and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


# ------------------------------------------------------------------------------------------------ checks


def _foreign_untouched(tmp: Path) -> None:
    assert _sha256(tmp / "theirs.duckdb") == (tmp / "theirs.sha256").read_text(encoding="utf-8")
    assert not (tmp / "theirs.duckdb.wal").exists()


def _nothing_in(*names: str) -> Callable[[Path], None]:
    def check(tmp: Path) -> None:
        for name in names:
            assert not (tmp / name).exists(), f"{name} was created"
    return check


def _old_export_kept(tmp: Path) -> None:
    assert (tmp / "old.tsv").read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in tmp.iterdir() if p.name.startswith(".")] == []  # no partial temporary file


def _unchanged_file(name: str) -> Callable[[Path], None]:
    def check(tmp: Path) -> None:
        assert (tmp / name).read_text(encoding="utf-8") == SAMPLE[0]["text"]
    return check


# ------------------------------------------------------------------------------------------------ the table


@dataclass(frozen=True)
class Case:
    id: str
    args: tuple[str, ...]  # the command line; {tmp}, {shared}, {empty}, {fresh} are filled in
    messages: tuple[str, ...]  # regular expressions each of which must match a line of stderr ({tmp} filled in)
    status: int  # the exit status expected
    setup: Callable[[Path], None] | None = None  # writes the case's input under {tmp}
    env: dict[str, str] = field(default_factory=dict)
    fault: Callable[[pytest.MonkeyPatch, Path], None] | None = None  # monkeypatches a fault in
    db: str | None = None  # "shared", "empty" or "fresh" (see the module docstring)
    rows_after: dict[str, int] | None = None  # fresh store: counts expected after (a missing store counts 0)
    stdout: tuple[str, ...] = ()  # regular expressions stdout must match (the rest of the batch)
    check: Callable[[Path], None] | None = None  # more to check under {tmp} afterwards
    slow: bool = False  # codes articles or uses the shared store: loads the spaCy model
    needs: str | None = None  # "non-root" (chmod), or a path that must exist (/dev/full)
    xfail: str | None = None  # a known gap, in a file another change owns; strict, so a fix shows up
    before: tuple[tuple[str, ...], ...] = ()  # command lines run first (filled in like args), each must exit 0


CASES = [
    # --- FLASHPOINT_* settings: refused before any work, by every command; `settings` marks them in its table
    Case("env-batch-size-abc-settings", ("settings",),
         (r"^error E200: FLASHPOINT_BATCH_SIZE: bad value 'abc': expected a whole number from 1 to 10000",),
         2, env={"FLASHPOINT_BATCH_SIZE": "abc"}, stdout=(r"^batch_size\s+'abc' BAD",)),
    Case("env-fetch-links-maybe-settings", ("settings",),
         (r"^error E200: FLASHPOINT_FEED_FETCH_LINKS: bad value 'maybe': expected true or false",), 2,
         env={"FLASHPOINT_FEED_FETCH_LINKS": "maybe"}, stdout=(r"^feed_fetch_links\s+'maybe' BAD",
                                                                r"^batch_size\s+48 ")),
    Case("env-merge-window-x-events", ("events", "--db", "{empty}"),
         (r"^error E200: FLASHPOINT_MERGE_WINDOW_DAY: bad value 'x': expected a whole number from 0 to 3660",), 2,
         env={"FLASHPOINT_MERGE_WINDOW_DAY": "x"}, db="empty"),
    Case("env-fetch-links-maybe-ingest", ("ingest", "{tmp}/a.txt", "--db", "{fresh}"),
         (r"^error E200: FLASHPOINT_FEED_FETCH_LINKS: bad value 'maybe'",), 2, setup=_write_text,
         env={"FLASHPOINT_FEED_FETCH_LINKS": "maybe"}, db="fresh", rows_after={"articles": 0}),
    Case("env-batch-size-0-ingest", ("ingest", "{tmp}/a.txt", "--db", "{fresh}"),
         (r"^error E200: FLASHPOINT_BATCH_SIZE: bad value 0: expected a whole number from 1 to 10000; unset it",),
         2, setup=_write_text, env={"FLASHPOINT_BATCH_SIZE": "0"}, db="fresh", rows_after={"articles": 0}),
    Case("env-negative-window-alerts", ("alerts", "--db", "{empty}"),
         (r"^error E200: FLASHPOINT_MERGE_WINDOW_WEEK: bad value -3: expected a whole number from 0 to 3660",), 2,
         env={"FLASHPOINT_MERGE_WINDOW_WEEK": "-3"}, db="empty"),
    Case("env-p-value-nan-dyad", ("dyad", "PAK", "IRN", "--db", "{empty}"),
         (r"^error E200: FLASHPOINT_ALERT_P_VALUE: bad value nan: expected a number from 0 to 1",), 2,
         env={"FLASHPOINT_ALERT_P_VALUE": "nan"}, db="empty"),
    Case("env-two-bad-values-both-named", ("events", "--db", "{empty}"),
         (r"^error E200: FLASHPOINT_BATCH_SIZE: bad value -1",
          r"^error E200: FLASHPOINT_DYAD_PERIOD: bad value 'year': expected one of day, week, month"), 2,
         env={"FLASHPOINT_BATCH_SIZE": "-1", "FLASHPOINT_DYAD_PERIOD": "year"}, db="empty"),
    # --- options out of range
    Case("ingest-batch-size-0", ("ingest", "{tmp}/a.txt", "--db", "{fresh}", "--batch-size", "0"),
         (r"Invalid value for '--batch-size': 0 is not in the range 1<=x<=10000",), 2,
         setup=_write_text, db="fresh", rows_after={"articles": 0}, slow=True),
    Case("ingest-batch-size-minus-1", ("ingest", "{tmp}/a.txt", "--db", "{fresh}", "--batch-size", "-1"),
         (r"Invalid value for '--batch-size': -1 is not in the range 1<=x<=10000",), 2,
         setup=_write_text, db="fresh", rows_after={"articles": 0}, slow=True),
    Case("ingest-n-process-0", ("ingest", "{tmp}/a.txt", "--db", "{fresh}", "--n-process", "0"),
         (r"Invalid value for '--n-process': 0 is not in the range 1<=x<=64",), 2,
         setup=_write_text, db="fresh", rows_after={"articles": 0}, slow=True),
    Case("ingest-n-process-minus-1", ("ingest", "{tmp}/a.txt", "--db", "{fresh}", "--n-process", "-1"),
         (r"Invalid value for '--n-process': -1 is not in the range 1<=x<=64",), 2,
         setup=_write_text, db="fresh", rows_after={"articles": 0}, slow=True),
    Case("events-limit-10-to-the-30", ("events", "--db", "{shared}", "--limit", str(10**30)),
         (r"Invalid value for '--limit': 1000000000000000000000000000000 is not in the range 0<=x<=\d+",), 2,
         db="shared", slow=True),
    Case("code-published-9999", ("code", "{tmp}/a.txt", "--published", "9999-12-31"),
         (r"^error E200: --published: bad value 9999-12-31 \(more than 2 days after today\); expected the day",), 2,
         setup=_write_text, slow=True),
    # --- export: every unwritable path is one line; no partial file
    Case("export-gdelt-missing-folder", ("export", "{tmp}/nodir/out.tsv", "--db", "{shared}", "--format", "gdelt"),
         (r"^error E200: {tmp}/nodir/out\.tsv: folder '{tmp}/nodir' does not exist; create it first",), 2,
         db="shared", check=_nothing_in("nodir"), slow=True),
    Case("export-csv-missing-folder", ("export", "{tmp}/nodir/tables", "--db", "{shared}", "--format", "csv"),
         (r"^error E200: {tmp}/nodir/tables: folder '{tmp}/nodir' does not exist",), 2,
         db="shared", check=_nothing_in("nodir"), slow=True),
    Case("export-polecat-onto-folder", ("export", "{tmp}/out", "--db", "{shared}", "--format", "polecat"),
         (r"^error E200: {tmp}/out: is a folder; expected a file path",), 2, setup=_make_folders("out"),
         db="shared", slow=True),
    Case("export-parquet-onto-file", ("export", "{tmp}/a.txt", "--db", "{shared}", "--format", "parquet"),
         (r"^error E200: {tmp}/a\.txt: is a file, not a folder; expected a folder",), 2, setup=_write_text,
         db="shared", check=_unchanged_file("a.txt"), slow=True),
    Case("export-gdelt-dev-full", ("export", "/dev/full", "--db", "{shared}", "--format", "gdelt"),
         (r"^error E200: /dev/full: no space left on the device; free some space or write elsewhere",), 2,
         db="shared", needs="/dev/full", slow=True),
    Case("export-gdelt-disk-fills", ("export", "{tmp}/old.tsv", "--db", "{shared}", "--format", "gdelt", "--force"),
         (r"^error E200: {tmp}/old\.tsv: no space left on the device",), 2, setup=_write_old_export,
         fault=_disk_fills_after_the_header, db="shared", check=_old_export_kept, slow=True),
    Case("export-over-an-existing-file-needs-force", ("export", "{tmp}/old.tsv", "--db", "{shared}", "--format",
                                                       "gdelt"),
         (r"^error E200: {tmp}/old\.tsv: exists; give --force to overwrite it",), 2, setup=_write_old_export,
         db="shared", check=_old_export_kept, slow=True),
    Case("export-all-in-gdelt-is-refused", ("export", "{tmp}/new.tsv", "--db", "{shared}", "--format", "gdelt",
                                            "--all"),
         (r"^error E200: --all: the gdelt format has no column for an event's status",), 2, db="shared",
         check=_nothing_in("new.tsv"), slow=True),
    Case("export-parquet-to-stdout-is-refused", ("export", "-", "--db", "{shared}", "--format", "parquet"),
         (r"^error E200: -: Parquet is written to a folder, not to standard output",), 2, db="shared", slow=True),
    Case("export-read-only-folder", ("export", "{tmp}/ro/out.tsv", "--db", "{shared}", "--format", "gdelt"),
         (r"^error E200: {tmp}/ro/out\.tsv: permission denied; expected a folder you can write to",), 2,
         setup=_make_read_only_folder, db="shared", needs="non-root", slow=True),
    Case("export-system-folder", ("export", "/sys/flashpoint-hostile.tsv", "--db", "{shared}", "--format", "gdelt"),
         (r"^error E200: /sys/flashpoint-hostile\.tsv: (permission denied|read-only file system)",), 2,
         db="shared", needs="/sys", slow=True),
    # --- dyad --plot
    Case("dyad-plot-missing-folder", ("dyad", "PAK", "IRN", "--db", "{shared}", "--plot", "{tmp}/nodir/x.png"),
         (r"^error E200: {tmp}/nodir/x\.png: folder '{tmp}/nodir' does not exist",), 2, db="shared",
         check=_nothing_in("nodir"), slow=True),
    Case("dyad-plot-dev-full", ("dyad", "PAK", "IRN", "--db", "{shared}", "--plot", "/dev/full"),
         (r"^error E200: /dev/full: no space left on the device",), 2, db="shared", needs="/dev/full", slow=True),
    # --- readers: one bad line or file fails alone
    Case("ingest-nul-line", ("ingest", "{tmp}/nul.jsonl", "--db", "{fresh}"),
         (r"^error E101: {tmp}/nul\.jsonl:2: NUL byte at column \d+ \(binary data\); expected one JSON object",), 3,
         setup=_write_nul_line, db="fresh", rows_after={"articles": 2, "failures": 1}, slow=True),
    Case("code-unreadable-file", ("code", "{tmp}/a.txt", "{tmp}/secret.txt"),
         (r"^error E101: {tmp}/secret\.txt: permission denied; expected a readable file",), 3,
         setup=_write_text_and_secret, stdout=(r'"event": "ASSAULT"',), needs="non-root", slow=True),
    Case("code-unreadable-file-simulated", ("code", "{tmp}/a.txt", "{tmp}/secret.txt"),
         (r"^error E101: {tmp}/secret\.txt: permission denied; expected a readable file",), 3,
         setup=_write_text, fault=_simulate_unreadable_secret, stdout=(r'"event": "ASSAULT"',), slow=True),
    Case("code-broken-link", ("code", "{tmp}/a.txt", "{tmp}/broken.txt"),
         (r"^error E101: {tmp}/broken\.txt: file not found",), 3, setup=_write_text_and_broken_link,
         stdout=(r'"event": "ASSAULT"',), slow=True),
    Case("ingest-unreadable-subfolder", ("ingest", "{tmp}/news", "--db", "{fresh}"),
         (r"^error E101: {tmp}/news/locked: folder cannot be read \(permission denied\)",), 3,
         setup=_write_folder_with_locked_subfolder, db="fresh", rows_after={"articles": 1, "failures": 1},
         needs="non-root", slow=True),
    Case("ingest-broken-link-in-folder", ("ingest", "{tmp}/news", "--db", "{fresh}"),
         (r"^error E101: {tmp}/news/lost\.txt: broken symbolic link",), 3, setup=_write_folder_with_broken_link,
         db="fresh", rows_after={"articles": 1, "failures": 1}, slow=True),
    # --- dates out of range
    Case("ingest-placeholder-and-future-dates", ("ingest", "{tmp}/dates.jsonl", "--db", "{fresh}"),
         (r"^WARNING .*: {tmp}/dates\.jsonl:1: published date 0001-01-01 is before 1900-01-01, .*ignored",
          r"^WARNING .*: {tmp}/dates\.jsonl:2: published date 9999-12-31 is more than 2 days after today",
          rf"^WARNING .*: {{tmp}}/dates\.jsonl:3: published date {FAR_FUTURE} is more than 2 days after today"), 0,
         setup=_write_dates, db="fresh", rows_after={"articles": 3, "failures": 0}, slow=True),
    # --- the store: one article, with revisions; foreign and unwritable databases; a failing disk
    Case("ingest-article-over-spacy-max-length", ("ingest", "{tmp}/long.jsonl", "--db", "{fresh}"),
         (r"^error E100: {tmp}/long\.jsonl:2: the article is 1,200,000 characters long, over the limit of "
          r"200,000 \(setting max_article_chars\); split it",
          r"^coded 2, skipped 0 as seen, failed 1"), 3,
         setup=_write_too_long, db="fresh", rows_after={"articles": 2, "failures": 1}, slow=True),
    Case("ingest-revisions-duplicates-and-old-versions", ("ingest", "{tmp}/later.jsonl", "--db", "{fresh}"),
         (r"^coded 3, skipped 1 as seen, failed 0, 1 duplicate\(s\) of stored articles, 2 revision\(s\)",), 0,
         setup=_write_revisions, before=(("ingest", "{tmp}/first.jsonl", "--db", "{fresh}"),), db="fresh",
         # three articles: the new text of one, the edited page (under its new id), one wire copy; the two
         # replaced versions and the second wire copy are kept as superseded
         rows_after={"articles": 3, "superseded": 3}, slow=True),
    Case("ingest-versions-of-one-article-in-one-batch", ("ingest", "{tmp}/versions.jsonl", "--db", "{fresh}"),
         (r"^coded 6, skipped 0 as seen, failed 0, 3 revision\(s\) of stored articles",), 0,
         setup=_write_versions_in_one_batch, db="fresh", rows_after={"articles": 3, "superseded": 3}, slow=True),
    Case("ingest-revision-to-another-articles-text", ("ingest", "{tmp}/later.jsonl", "--db", "{fresh}"),
         (r"^coded 0, skipped 0 as seen, failed 0, 1 duplicate\(s\) of stored articles",), 0,
         setup=_write_revision_to_another_text, before=(("ingest", "{tmp}/first.jsonl", "--db", "{fresh}"),),
         db="fresh", rows_after={"articles": 1, "superseded": 2}, check=_one_text_per_article, slow=True),
    Case("ingest-id-with-a-newline", ("ingest", "{tmp}/nl.jsonl", "--db", "{fresh}"),
         (r"^error E103: {tmp}/nl\.jsonl:1: field 'id' holds a control character",), 2,
         setup=lambda tmp: (tmp / "nl.jsonl").write_text(_record(0, id="two\nlines") + "\n", encoding="utf-8"),
         db="fresh", rows_after={"articles": 0}),
    Case("ingest-into-a-foreign-duckdb-with-a-schema-version-table",
         ("ingest", "{tmp}/a.txt", "--db", "{tmp}/theirs.duckdb"),
         (r"^error E501: {tmp}/theirs\.duckdb: is a DuckDB database of another program \(tables: schema_version, "
          r"users\)",), 5, setup=_write_foreign_database_with_version_table, check=_foreign_untouched),
    Case("ingest-into-another-programs-duckdb", ("ingest", "{tmp}/a.txt", "--db", "{tmp}/theirs.duckdb"),
         (r"^error E501: {tmp}/theirs\.duckdb: is a DuckDB database of another program \(tables: events\), not "
          r"Flashpoint's; it was not changed",), 5, setup=_write_foreign_database, check=_foreign_untouched),
    Case("events-from-another-programs-duckdb", ("events", "--db", "{tmp}/theirs.duckdb"),
         (r"^error E501: {tmp}/theirs\.duckdb: is a DuckDB database of another program",), 5,
         setup=_write_foreign_database, check=_foreign_untouched),
    Case("ingest-db-in-read-only-folder", ("ingest", "{tmp}/a.txt", "--db", "{tmp}/ro/new.duckdb"),
         (r"^error E500: {tmp}/ro/new\.duckdb: folder '{tmp}/ro' is not writable",), 5,
         setup=lambda tmp: (_write_text(tmp), _make_read_only_folder(tmp)), needs="non-root",
         check=_nothing_in("ro/new.duckdb")),
    Case("ingest-db-in-read-only-folder-as-root", ("ingest", "{tmp}/a.txt", "--db", "{tmp}/ro/new.duckdb"),
         (r"^error E500: {tmp}/ro/new\.duckdb: folder '{tmp}/ro' is not writable",), 5,
         setup=lambda tmp: (_write_text(tmp), (tmp / "ro").mkdir()), fault=_folder_not_writable,
         check=_nothing_in("ro/new.duckdb")),
    Case("ingest-disk-full-while-writing", ("ingest", "{tmp}/a.txt", "--db", "{fresh}"),
         (r"^error E500: .*fresh\.duckdb: could not write a batch of 1 article\(s\) \(IO Error: .*No space left on "
          r"device\); none of them was stored",
          r"^stopped: coded 0"), 5,
         setup=_write_text, fault=_disk_full_on_write, db="fresh", rows_after={"articles": 0}, slow=True),
    Case("ingest-event-dated-9999-in-text", ("ingest", "{tmp}/far.jsonl", "--db", "{fresh}"),
         (r"^coded 2, skipped 0 as seen, failed 0",), 0, setup=_write_event_date_in_text, db="fresh",
         rows_after={"articles": 2}, slow=True),
]


def _param(case: Case) -> object:
    marks = []
    if case.slow:
        marks.append(pytest.mark.slow)
    if case.needs == "non-root":
        marks.append(pytest.mark.skipif(IS_ROOT or os.name != "posix", reason="root reads and writes anything"))
    elif case.needs:
        marks.append(pytest.mark.skipif(not Path(case.needs).exists(), reason=f"no {case.needs} here"))
    if case.xfail:
        marks.append(pytest.mark.xfail(reason=case.xfail, strict=True))
    return pytest.param(case, id=case.id, marks=marks)


# ------------------------------------------------------------------------------------------------ running


@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder

    return Coder()


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory, coder):
    """The bundled sample, ingested once by the CLI; cases must leave its rows as they are."""
    path = tmp_path_factory.mktemp("shared") / "shared.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("flashpoint.coder.Coder", lambda **kwargs: coder)
        result = CliRunner().invoke(main, ["ingest", str(sample_path()), "--db", str(path)])
    assert result.exit_code == 0, result.stderr
    return path


def _counts(path: Path) -> dict[str, int]:
    if not path.exists():
        return {}
    with Store.open(path, read_only=True) as store:
        return store.counts()


def _no_model(**kwargs):
    raise AssertionError("a case that must stop before coding tried to load the coder")


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_hostile(case: Case, tmp_path, monkeypatch, request):
    tmp = tmp_path / "case"
    tmp.mkdir()
    request.addfinalizer(lambda: _unlock(tmp))
    if case.slow:
        coder = request.getfixturevalue("coder")
        monkeypatch.setattr("flashpoint.coder.Coder", lambda **kwargs: coder)
    else:
        monkeypatch.setattr("flashpoint.coder.Coder", _no_model)
    stores = {"empty": tmp_path / "empty.duckdb", "fresh": tmp_path / "fresh.duckdb"}
    if case.db == "shared":
        stores["shared"] = request.getfixturevalue("shared_db")
    if case.db == "empty":
        Store.open(stores["empty"]).close()
    before = _counts(stores[case.db]) if case.db else {}  # read before the case's settings and faults apply
    if case.setup:
        case.setup(tmp)
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    if case.fault:
        case.fault(monkeypatch, tmp)
    fill = {"tmp": str(tmp), **{k: str(v) for k, v in stores.items()}}
    for command in case.before:
        done = CliRunner().invoke(main, [arg.format(**fill) for arg in command])
        assert done.exit_code == 0, done.stderr

    result = CliRunner().invoke(main, [arg.format(**fill) for arg in case.args])

    monkeypatch.undo()  # the store is read back, and tmp cleaned, without the faults
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"an exception escaped the CLI: {result.exception!r}") from result.exception
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code == case.status, result.stderr
    escaped = {"tmp": re.escape(str(tmp))}
    for message in case.messages:
        assert re.search(message.replace("{tmp}", escaped["tmp"]), result.stderr, re.MULTILINE), result.stderr
    for expected in case.stdout:
        assert re.search(expected, result.stdout, re.MULTILINE), result.stdout
    if case.db == "shared" or case.db == "empty":
        assert _counts(stores[case.db]) == before  # nothing stored harmed
    if case.rows_after is not None:
        after = _counts(stores["fresh"])
        assert {k: after.get(k, 0) for k in case.rows_after} == case.rows_after
    if case.check:
        case.check(tmp)


def _unlock(tmp: Path) -> None:
    """Give back what a case locked (chmod 000), so that pytest can clean up."""
    for root, folders, files in os.walk(tmp):
        for name in folders:
            if not os.path.islink(os.path.join(root, name)):
                os.chmod(os.path.join(root, name), stat.S_IRWXU)
    (tmp / "secret.txt").exists() and (tmp / "secret.txt").chmod(stat.S_IRUSR | stat.S_IWUSR)


# ------------------------------------------------------------------------------------------------ the reader


def test_walk_folder_reports_what_it_cannot_read(tmp_path):
    """What a folder source holds that cannot be read is a ReadFailure in its place, never skipped unsaid: a link
    loop, a named pipe (opening it would block) and an unreadable subfolder too."""
    news = tmp_path / "news"
    (news / "sub").mkdir(parents=True)
    (news / "a.txt").write_text("text", encoding="utf-8")
    (news / "sub" / "b.jsonl").write_text("{}", encoding="utf-8")
    (news / "notes.pdf").write_text("not read", encoding="utf-8")
    (news / ".hidden.txt").write_text("not read", encoding="utf-8")
    (news / "lost.txt").symlink_to(tmp_path / "gone.txt")
    (news / "loop.txt").symlink_to(news / "loop.txt")
    os.mkfifo(news / "pipe.txt")
    items = list(readers.walk_folder(news, {".txt", ".jsonl"}))
    found = [(Path(i.origin).name, i.error.message.split(";")[0]) if isinstance(i, ReadFailure) else i.name
             for i in items]
    assert found == ["a.txt", ("loop.txt", "cannot be read (Too many levels of symbolic links)"),
                     ("lost.txt", f"broken symbolic link (to {str(tmp_path / 'gone.txt')!r})"),
                     ("pipe.txt", "not a regular file (a named pipe, socket or device)"), "b.jsonl"]
    if not IS_ROOT:
        (news / "sub").chmod(0)
        try:
            items = list(readers.walk_folder(news, {".txt", ".jsonl"}))
        finally:
            (news / "sub").chmod(stat.S_IRWXU)
        [failure] = [i for i in items if isinstance(i, ReadFailure) and i.origin == str(news / "sub")]
        assert failure.error.message.startswith("folder cannot be read (permission denied)")
