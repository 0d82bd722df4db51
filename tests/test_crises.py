"""The dev crisis corpora as a quality gate: each crisis's reports ingested into a fresh store, its events
scored by ``../shared/eval/check_crisis.py`` exactly as ``../shared/eval/dev_scores.sh crises`` does, and the
figures held against the floors (and, for counts of wrong records, the ceilings) in ``crisis_baseline.json``.

The baseline records each corpus's checksum: when the shared corpus changes, the floors no longer say anything
and the test skips, naming the file to re-measure. Re-measure with ``pytest tests/test_crises.py -s`` (it
prints every figure) and set the floors slightly below what it prints: the coder is changing, and a floor is a
line not to fall below, not the last score. About 40 s for the three crises on a 2-core machine."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CRISES = SHARED / "data" / "crises"
CHECK = SHARED / "eval" / "check_crisis.py"
BASELINE = json.loads((Path(__file__).with_name("crisis_baseline.json")).read_text(encoding="utf-8"))
NAMES = sorted(k for k in BASELINE if not k.startswith("_"))

# figures where more is better (floors) and counts of wrong records where fewer is (ceilings)
HIGHER = ("recall", "one_record", "attach", "purity", "precision", "links_found")
LOWER = ("blobs", "history", "must_not_taken")
_LINE = re.compile(
    r"crisis (?P<name>\S+): (?P<records>\d+) records, (?P<gold>\d+) gold events; recall (?P<recall>[\d.]+); "
    r"one-record (?P<one_record>[\d.]+); attach (?P<attach>[\d.]+); purity (?P<purity>[\d.]+); "
    r"blobs (?P<blobs>\d+); precision (?P<precision>[\d.]+); history (?P<history>\d+); "
    r"must_not (?P<must_not_taken>\d+)/\d+; links (?P<links_found>\d+)/\d+")

def parse_line(line: str) -> dict[str, float]:
    """check_crisis.py's last line -> its figures (``must_not_taken``: quoted non-events taken as evidence)."""
    found = _LINE.fullmatch(line.strip())
    if found is None:
        raise ValueError(f"unexpected check_crisis.py summary: {line!r}")
    return {k: (v if k == "name" else float(v)) for k, v in found.groupdict().items()}


def test_parse_line_reads_the_summary():
    line = ("crisis x_2022: 66 records, 36 gold events; recall 0.556; one-record 0.850; attach 0.422; purity 0.749; "
            "blobs 2; precision 0.375; history 2; must_not 5/10; links 0/3")
    figures = parse_line(line)
    assert figures["name"] == "x_2022" and figures["recall"] == 0.556 and figures["must_not_taken"] == 5
    assert figures["links_found"] == 0 and figures["records"] == 66


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def coder():
    if not CHECK.exists():
        pytest.skip(f"no {CHECK}: the crisis gate needs the sibling folder ../shared (README)")
    from flashpoint.coder import Coder

    return Coder()


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_crisis_figures_hold_their_floors(name, coder, tmp_path):
    from flashpoint.ingest import ReadFailure, read_articles
    from flashpoint.store import EventQuery, Store

    base = BASELINE[name]
    articles_path, gold_path = CRISES / f"{name}.jsonl", CRISES / f"{name}.gold.yaml"
    if not (articles_path.exists() and gold_path.exists()):
        pytest.skip(f"no {articles_path} or {gold_path}")
    for path, key in ((articles_path, "articles_sha256"), (gold_path, "gold_sha256")):
        if _sha256(path) != base[key]:
            pytest.skip(f"{path.name} changed since tests/crisis_baseline.json was measured: re-measure its floors")
    articles = list(read_articles([articles_path]))
    assert not [a for a in articles if isinstance(a, ReadFailure)]
    with Store.open(tmp_path / f"{name}.duckdb") as store:  # as `flashpoint ingest` stores them
        for result in coder.code_many(articles):
            assert result.error is None, result.error
            store.add(result.article, result.events, result.mentions, coder=coder.name)
        events = store.events(EventQuery())  # as `flashpoint events --format jsonl` prints them
    out = tmp_path / f"{name}.events.jsonl"
    out.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8")
    done = subprocess.run([sys.executable, str(CHECK), str(gold_path), str(out)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    figures = parse_line(done.stdout.strip().splitlines()[-1])
    print(f"\n{name}: " + ", ".join(f"{k} {figures[k]:g}" for k in (*HIGHER, *LOWER)))
    low = [f"{k} {figures[k]:g} < floor {base[k]:g}" for k in HIGHER if figures[k] < base[k]]
    high = [f"{k} {figures[k]:g} > ceiling {base[k]:g}" for k in LOWER if figures[k] > base[k]]
    assert not low + high, f"{name}: " + "; ".join(low + high)
