"""The coder on the project's gold data in ../shared/data: the seed article must pass every check, and the
PLOVER gold-standard scores must not fall below the floors in gsr_baseline.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SEED = DATA / "seed" / "expected.yaml"
GSR = DATA / "plover_gsr" / "PLOVER_GSR_CAMEO.txt"
FLOORS = json.loads((Path(__file__).parent / "gsr_baseline.json").read_text(encoding="utf-8"))


def test_seed_article_satisfies_every_gold_item():
    from flashpoint.cli.evaluate import code_seed
    from flashpoint.evaluation.seed import evaluate_seed, format_seed_report

    events, text = code_seed(SEED)
    result = evaluate_seed(SEED, events, text)
    assert result.passed, format_seed_report(result)
    assert len(result.must_not) == 6 and all(m.status == "passed" for m in result.must_not)


@pytest.fixture(scope="module")
def gsr():
    from flashpoint.cli.evaluate import sentence_coder
    from flashpoint.evaluation.plover_gsr import evaluate_plover_gsr

    return evaluate_plover_gsr(GSR, sentence_coder())


def test_gsr_codes_every_record_without_error(gsr):
    assert gsr.n == 322
    assert gsr.errors == []


@pytest.mark.parametrize("metric", ["event_accuracy", "actor_country_f1", "actor_sector_f1", "recipient_country_f1"])
def test_gsr_does_not_fall_below_its_floor(gsr, metric):
    scores = {"event_accuracy": gsr.event_accuracy, "actor_country_f1": gsr.actor_country.f1,
              "actor_sector_f1": gsr.actor_sector.f1, "recipient_country_f1": gsr.recipient_country.f1}
    assert scores[metric] >= FLOORS[metric] - 1e-9, f"{metric} fell to {scores[metric]:.3f} (floor {FLOORS[metric]})"
