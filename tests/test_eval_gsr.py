"""The PLOVER GSR scorer, with a tiny hand-written gold file and fake coders (no coder, no spaCy model)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from flashpoint.errors import MalformedRecord
from flashpoint.evaluation.plover_gsr import (
    evaluate_plover_gsr, format_gsr_report, gsr_country, primary_act, primary_event, read_plover_gsr,
)

SHARED_GSR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "plover_gsr" / "PLOVER_GSR_CAMEO.txt"
ONTOLOGY = Path(__file__).resolve().parents[1] / "src" / "flashpoint" / "data" / "ontology" / "plover_events.tsv"

DOCUMENT = {"id": "GSR-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "file notes", "publication": "test"}
RECORDS = [
    {"id": "GSR-AGREE-0001", "event": "AGREE", "text": "Hungarian and Romanian officials agreed to cooperate.",
     "source": [{"actorText": "Hungarian", "code": "HUN", "sector": "GOV"},
                {"actorText": "Romanian", "code": "ROM", "sector": "GOVxyz"}], "target": ""},
    {"id": "GSR-DEMAND-0001", "event": "DEMAND", "text": "The UN demanded that Japan pay.",
     "source": [{"actorText": "UN", "code": "IGO"}], "target": [{"actorText": "Japan", "code": "JAP"}]},
    {"id": "GSR-FIGHT-0001", "event": "FIGHT", "text": "Israeli soldiers clashed with Palestinians.",
     "source": [{"actorText": "Israeli soldiers", "code": "ISR", "sector": "***"}],
     "target": [{"actorText": "Palestinians", "code": "PSE", "sector": "CIV"}]},
    {"id": "GSR-DISAPPROVE-0001", "event": "DISAPPROVE", "text": "Italy criticised the Serbian government.",
     "cameo": "111", "source": [{"actorText": "Italy", "code": "ITL"}],
     "target": [{"actorText": "Serbian government", "code": "SRB", "sector": "GOV"}]},
]


def write(tmp_path: Path, records: list, *, text: str | None = None) -> Path:
    path = tmp_path / "gsr.json"
    path.write_text(text if text is not None else json.dumps(records, indent=1), encoding="utf-8")
    return path


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    return write(tmp_path, [DOCUMENT, *RECORDS])


def actor(country, sector=None, text="x"):
    return {"text": text, "code": (country or "IGO") + (sector or ""), "country": country, "sector": sector,
            "name": None, "id": None}


def event(type, *, actors=(), recipients=(), status="asserted", cameo="010"):
    return {"id": "e", "event": type, "mode": None, "context": [], "cameo": cameo, "quad": 1, "goldstein": 0.0,
            "date": None, "date_precision": None, "status": status, "actors": list(actors),
            "recipients": list(recipients), "location": None, "mentions": [], "responds_to": [], "num_mentions": 1}


# What a perfect coder returns for each sentence.
CORRECT = {
    RECORDS[0]["text"]: [event("AGREE", actors=[actor("HUN", "GOV"), actor("ROU", "GOV")])],
    RECORDS[1]["text"]: [event("REQUEST", actors=[actor(None, "IGO")], recipients=[actor("JPN")])],
    RECORDS[2]["text"]: [event("ASSAULT", actors=[actor("ISR", "MIL")], recipients=[actor("PSE", "CVL")])],
    RECORDS[3]["text"]: [event("ACCUSE", actors=[actor("ITA")], recipients=[actor("SRB", "GOV")], cameo="111")],
}


def correct_coder(text: str) -> list[dict]:
    return json.loads(json.dumps(CORRECT[text]))


# ------------------------------------------------------------------ reading and normalising

def test_read_normalises_types_codes_and_sectors(gold: Path) -> None:
    g = read_plover_gsr(gold)
    assert [r.id for r in g.records] == [r["id"] for r in RECORDS]  # DOCUMENT skipped
    assert [r.event for r in g.records] == ["AGREE", "REQUEST", "ASSAULT", "ACCUSE"]
    assert [r.gold_event for r in g.records] == ["AGREE", "DEMAND", "FIGHT", "DISAPPROVE"]
    agree, demand, fight, disapprove = g.records
    assert agree.source_countries == {"HUN", "ROU"} and agree.source_sectors == {"GOV"} and agree.targets == ()
    assert demand.source_countries == set() and demand.target_countries == {"JPN"}
    assert fight.source_sectors == set()  # "***" is unspecified
    assert fight.targets[0].sector == "CVL"  # CIV is an alias of CVL
    assert disapprove.source_countries == {"ITA"} and disapprove.cameo == "111"
    assert g.warnings == ()


@pytest.mark.parametrize("code,country", [
    ("JAP", "JPN"), ("ITL", "ITA"), ("VTN", "VNM"), ("GMY", "DEU"), ("ROM", "ROU"), ("USA", "USA"),
    ("USAGOV", "USA"), ("IGO", None), ("NGO", None), ("IMG", None), ("IGOUNO", None),
])
def test_gsr_country(code: str, country: str | None) -> None:
    assert gsr_country(code) == country


def test_unknown_code_is_an_error_naming_the_record(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(RECORDS))
    bad[2]["source"][0]["code"] = "XQZ"
    with pytest.raises(MalformedRecord, match="XQZ") as info:
        read_plover_gsr(write(tmp_path, [DOCUMENT, *bad]))
    assert "GSR-FIGHT-0001" in str(info.value) and "gsr.json" in str(info.value)


def test_bad_json_names_file_and_record(tmp_path: Path) -> None:
    text = json.dumps([DOCUMENT, *RECORDS], indent=1)
    broken = text.replace('"text": "Israeli soldiers clashed', '"text" "Israeli soldiers clashed')
    assert broken != text
    with pytest.raises(MalformedRecord, match="not valid JSON") as info:
        read_plover_gsr(write(tmp_path, [], text=broken))
    assert "gsr.json" in str(info.value) and "GSR-FIGHT-0001" in str(info.value)
    assert re.search(r"gsr\.json:\d+:\d+", str(info.value))


@pytest.mark.parametrize("mutate,message", [
    (lambda r: r.pop("text"), "text"),
    (lambda r: r.update(event=7), "'event'"),
    (lambda r: r.update(source={"code": "ISR"}), "'source' must be a list"),
    (lambda r: r.update(source=[{"actorText": "no code"}]), "source\\[0\\]"),
])
def test_malformed_records(tmp_path: Path, mutate, message: str) -> None:
    bad = json.loads(json.dumps(RECORDS))
    mutate(bad[2])
    with pytest.raises(MalformedRecord, match=message) as info:
        read_plover_gsr(write(tmp_path, [DOCUMENT, *bad]))
    assert "record 3" in str(info.value)


def test_not_a_list(tmp_path: Path) -> None:
    with pytest.raises(MalformedRecord, match="JSON list"):
        read_plover_gsr(write(tmp_path, [], text='{"id": "x"}'))


def test_target_given_as_a_string_is_read_past_with_a_note(tmp_path: Path) -> None:
    odd = json.loads(json.dumps(RECORDS))
    odd[0]["target"] = "diplomatic"
    g = read_plover_gsr(write(tmp_path, [DOCUMENT, *odd]))
    assert g.records[0].targets == () and "GSR-AGREE-0001" in g.warnings[0]


# ------------------------------------------------------------------ scoring

def test_correct_coder_scores_perfectly(gold: Path) -> None:
    result = evaluate_plover_gsr(gold, correct_coder)
    assert result.n == 4 and result.event_accuracy == 1.0 and result.errors == []
    assert (result.cameo_n, result.cameo_accuracy) == (1, 1.0)
    for score in (result.actor_country, result.actor_sector, result.recipient_country):
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0), score
    assert result.actor_country.tp == 4 and result.recipient_country.tp == 3
    # sectors are scored only where the gold gives one: the AGREE record (GOV)
    assert (result.actor_sector.tp, result.actor_sector.fp) == (1, 0)
    assert result.confusion[("ASSAULT", "ASSAULT")] == 1


def test_wrong_types_countries_and_sectors(gold: Path) -> None:
    def coder(text: str) -> list[dict]:
        events = correct_coder(text)
        if text == RECORDS[0]["text"]:
            events[0]["event"] = "CONSULT"
            events[0]["actors"] = [actor("HUN", "MIL"), actor("USA", "GOV")]
        if text == RECORDS[3]["text"]:
            events[0]["cameo"] = "120"
            events[0]["recipients"] = []
        return events

    result = evaluate_plover_gsr(gold, coder)
    assert result.event_accuracy == 0.75 and result.confusion[("AGREE", "CONSULT")] == 1
    assert result.cameo_accuracy == 0.0
    ac = result.actor_country
    assert (ac.tp, ac.fp, ac.fn) == (3, 1, 1)  # HUN, ISR, ITA right; USA extra; ROU missed
    sec = result.actor_sector
    assert (sec.tp, sec.fp, sec.fn) == (1, 1, 0)
    rc = result.recipient_country
    assert (rc.tp, rc.fp, rc.fn) == (2, 0, 1)
    assert [r.id for r in result.records if not r.correct] == ["GSR-AGREE-0001"]


def test_primary_event_is_the_first_asserted(gold: Path) -> None:
    def coder(text: str) -> list[dict]:
        decoy = event("THREATEN", status="hypothetical")
        return [decoy, *correct_coder(text)]

    assert evaluate_plover_gsr(gold, coder).event_accuracy == 1.0
    hypothetical_only = [event("THREATEN", status="hypothetical"), event("AGREE", status="negated")]
    assert primary_event(hypothetical_only)["event"] == "THREATEN"
    assert primary_event([]) is None


def test_the_pairs_of_one_mention_are_scored_as_the_gold_s_one_compound_event() -> None:
    mention = {"start": 0, "trigger": "condemned", "rule": "accuse.condemn.v/verb"}
    other = {"start": 0, "trigger": "warned", "rule": "threaten.warn.v/verb"}
    pairs = [dict(event("ACCUSE", actors=[actor("USA")], recipients=[actor("IRN")]), mentions=[mention]),
             dict(event("ACCUSE", actors=[actor("GBR")], recipients=[actor("IRN")]), mentions=[mention]),
             dict(event("ACCUSE", actors=[actor("FRA")], recipients=[actor("IRN")]), mentions=[other])]
    primary, actors, recipients = primary_act(pairs)
    assert primary is pairs[0]
    assert [a["country"] for a in actors] == ["USA", "GBR"]  # not FRA: another mention's event
    assert [r["country"] for r in recipients] == ["IRN", "IRN"]
    assert primary_act([]) == (None, [], [])


def test_no_event_is_a_miss(gold: Path) -> None:
    result = evaluate_plover_gsr(gold, lambda text: [])
    assert result.event_accuracy == 0.0 and result.cameo_accuracy == 0.0
    assert result.confusion[("REQUEST", "-")] == 1
    assert result.actor_country.fn == 4 and result.actor_country.precision is None


def test_coder_error_is_recorded_and_the_run_goes_on(gold: Path) -> None:
    def coder(text: str) -> list[dict]:
        if "Japan" in text:
            raise ValueError("parser fell over")
        if "Italy" in text:
            return {"event": "ACCUSE"}  # not a list
        return correct_coder(text)

    result = evaluate_plover_gsr(gold, coder)
    assert result.n == 4 and result.event_accuracy == 0.5
    assert [(e.id, e.error) for e in result.errors] == [("GSR-DEMAND-0001", "ValueError"),
                                                       ("GSR-DISAPPROVE-0001", "TypeError")]
    assert result.confusion[("REQUEST", "-")] == 1
    report = format_gsr_report(result)
    assert "GSR-DEMAND-0001: ValueError: parser fell over" in report


def test_limit(gold: Path) -> None:
    calls: list[str] = []

    def coder(text: str) -> list[dict]:
        calls.append(text)
        return correct_coder(text)

    result = evaluate_plover_gsr(gold, coder, limit=2)
    assert result.n == 2 and len(calls) == 2


def test_report_table(gold: Path) -> None:
    report = format_gsr_report(evaluate_plover_gsr(gold, correct_coder))
    assert re.search(r"^event type\s+4\s+1\.000$", report, re.M)
    assert re.search(r"^field\s+P\s+R\s+F1", report, re.M)
    assert re.search(r"^actor country\s+1\.000\s+1\.000\s+1\.000\s+4\s+0\s+0$", report, re.M)
    assert re.search(r"^\s+ASSAULT\s+1\s+1\s+ASSAULT 1$", report, re.M)
    assert json.loads(json.dumps(evaluate_plover_gsr(gold, correct_coder).to_dict()))["n"] == 4


@pytest.mark.skipif(not SHARED_GSR.exists(), reason="../shared/data/plover_gsr is not here")
def test_the_real_gold_file_reads_and_maps() -> None:
    g = read_plover_gsr(SHARED_GSR)
    assert len(g.records) == 322
    types = {line.split("\t")[0] for line in ONTOLOGY.read_text(encoding="utf-8").splitlines()[1:]
             if line and not line.startswith("#")}
    assert {r.event for r in g.records} <= types  # every gold type is a current PLOVER type after mapping
    assert all(r.cameo is None for r in g.records)  # so CAMEO root is reported as not measured
    assert len(g.warnings) == 1  # AGREE-0007's target "diplomatic"
