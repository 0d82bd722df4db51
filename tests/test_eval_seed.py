"""The seed scorer, with hand-built predicted events (no coder, no spaCy model).

The gold file and article are read from ../shared/data/seed (CI has it; nothing from it is copied here).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from flashpoint.errors import InputError, MalformedRecord
from flashpoint.evaluation.seed import (
    MUST_NOT_RULES, actor_matches, evaluate_seed, format_seed_report, read_seed_gold, snippet_in,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "seed"
GOLD = SHARED / "expected.yaml"
ARTICLE = (SHARED / "pakistan_iran_strikes.txt").read_text(encoding="utf-8")
SENTENCES = re.split(r"(?<=[.!?”])\s+", ARTICLE)


def sentence(fragment: str) -> str:
    """The article sentence containing ``fragment`` (curly apostrophes, as a coder would output it)."""
    hits = [s for s in SENTENCES if fragment in s.replace("’", "'")]
    assert len(hits) == 1, (fragment, hits)
    return hits[0]


def mention(fragment: str, trigger: str = "x") -> dict:
    s = sentence(fragment)
    start = ARTICLE.index(s)
    return {"article_id": "a1", "sentence": s, "start": start, "end": start + len(s), "trigger": trigger,
            "rule": "test"}


def actor(text, code, country=None, sector=None, name=None):
    return {"text": text, "code": code, "country": country, "sector": sector, "name": name, "id": None}


def place(name, country, admin1):
    return {"text": name, "name": name, "geonames_id": None, "country": country, "admin1": admin1,
            "lat": None, "lon": None, "precision": "admin1"}


def event(id, type, cameo, quad, mentions, *, actors=(), recipients=(), status="asserted", date=None,
          location=None, mode=None, responds_to=()):
    return {"id": id, "event": type, "mode": mode, "context": [], "cameo": cameo, "quad": quad, "goldstein": 0.0,
            "date": date, "date_precision": "day" if date else None, "status": status, "actors": list(actors),
            "recipients": list(recipients), "location": location, "mentions": list(mentions),
            "responds_to": list(responds_to), "num_mentions": len(mentions)}


def correct_events() -> list[dict]:
    return [
        event("e1", "ASSAULT", "190", 4,
              [mention("Pakistan's military conducted targeted strikes", "strikes"),
               mention("the strikes were carried out", "strikes"), mention("This action was a direct response", "action")],
              actors=[actor("Pakistan's military", "PAKMIL", "PAK", "MIL")],
              recipients=[actor("militant hideouts in Iran", "IRNINS", "IRN", "INS")],
              date="2024-01-18", location=place("Sistan and Baluchestan", "IRN", "IR-11"), responds_to=["e2"]),
        event("e2", "ASSAULT", "190", 4,
              [mention("Tehran's attack", "attack"), mention("Iran's strikes against Jaish al-Adl", "strikes")],
              actors=[actor("Tehran", "IRNGOV", "IRN", "GOV")],
              recipients=[actor("Jaish al-Adl", "PAKSEP", "PAK", "SEP", "Jaish al-Adl")],
              date="2024-01-17", location=place("Balochistan", "PAK", "PK-BA")),
        # One event per side for "both sides": the second one matches the same gold event, so it is no false positive.
        event("e3", "AGREE", "030", 1, [mention("do not want the situation to worsen", "want"),
                                        mention("both sides express a desire", "desire")],
              actors=[actor("Both sides", "PAK", "PAK")], recipients=[actor("Both sides", "IRN", "IRN")]),
        event("e4", "AGREE", "030", 1, [mention("do not want the situation to worsen", "want"),
                                        mention("both sides express a desire", "desire")],
              actors=[actor("Both sides", "IRN", "IRN")], recipients=[actor("Both sides", "PAK", "PAK")]),
        event("e5", "REQUEST", "020", 1, [mention("The international community has also emphasized", "emphasized")],
              actors=[actor("The international community", "IGO", None, "IGO", "international community")],
              recipients=[actor("Pakistan", "PAK", "PAK"), actor("Iran", "IRN", "IRN")]),
        # The background sentence and the hypothetical one, coded with the right statuses.
        event("e6", "ASSAULT", "190", 4, [mention("has been involved in numerous attacks", "attacks")],
              actors=[actor("Jaish al-Adl", "PAKSEP", "PAK", "SEP", "Jaish al-Adl")],
              recipients=[actor("Iranian security forces", "IRNCOP", "IRN", "COP")], status="background"),
        event("e7", "THREATEN", "130", 3, [mention("Any further escalation could", "escalation")],
              status="hypothetical"),
    ]


def by_id(events: list[dict], id: str) -> dict:
    return next(e for e in events if e["id"] == id)


def failed(result) -> set[tuple[str, str]]:
    return {(c.gold_id, c.field) for c in result.failures}


def must_not_status(result) -> dict[str, str]:
    return {m.check: m.status for m in result.must_not}


# ------------------------------------------------------------------ the correct set

def test_correct_events_pass_everything() -> None:
    result = evaluate_seed(GOLD, correct_events(), ARTICLE)
    assert result.failures == [], format_seed_report(result)
    assert [m.status for m in result.must_not] == ["passed"] * 6
    assert result.passed
    assert result.alignment == {"pakistan_strikes_iran": "e1", "iran_strikes_jaish_al_adl": "e2",
                                "both_sides_signal_deescalation": "e3", "international_call_for_peace": "e5"}
    assert result.unmatched == []
    for score in result.scores:
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0), score
    assert result.score("event type").tp == 4
    assert result.score("date").tp == 2 and result.score("place").tp == 2


def test_every_must_not_line_has_a_rule() -> None:
    result = evaluate_seed(GOLD, correct_events(), ARTICLE)
    assert [m.check for m in result.must_not] == [r.check.__name__ for r in MUST_NOT_RULES]


def test_report_is_a_table() -> None:
    events = correct_events()
    by_id(events, "e1")["date"] = "2024-01-17"
    report = format_seed_report(evaluate_seed(GOLD, events, ARTICLE))
    assert re.search(r"^field\s+P\s+R\s+F1", report, re.M)
    assert re.search(r"^event type\s+1\.000\s+1\.000\s+1\.000", report, re.M)
    assert re.search(r"^date\s+0\.500\s+0\.500\s+0\.500", report, re.M)
    assert "pakistan_strikes_iran.date: expected '2024-01-18', got '2024-01-17'" in report
    assert "FAILED" in report and "NOT PASSED" in report


def test_result_serialises() -> None:
    import json
    data = evaluate_seed(GOLD, correct_events(), ARTICLE).to_dict()
    assert json.loads(json.dumps(data))["passed"] is True


# ------------------------------------------------------------------ wrong fields

def test_swapped_dates_fail_date_and_the_actor_date_rule() -> None:
    events = correct_events()
    by_id(events, "e1")["date"], by_id(events, "e2")["date"] = "2024-01-17", "2024-01-18"
    result = evaluate_seed(GOLD, events, ARTICLE)
    assert failed(result) == {("pakistan_strikes_iran", "date"), ("iran_strikes_jaish_al_adl", "date")}
    assert must_not_status(result)["check_no_event_with_actor_on_date"] == "failed"
    rule = next(m for m in result.must_not if m.check == "check_no_event_with_actor_on_date")
    assert len(rule.violations) == 2
    date = result.score("date")
    assert (date.tp, date.fp, date.fn) == (0, 2, 2)
    assert not result.passed


def test_wrong_actor_recipient_and_codes() -> None:
    events = correct_events()
    e1 = by_id(events, "e1")
    e1["actors"] = [actor("Pakistan", "PAKGOV", "PAK", "GOV")]      # right country, wrong sector
    e1["recipients"] = [actor("Pakistan", "PAK", "PAK")]            # none of the gold alternatives
    e1["cameo"], e1["quad"], e1["mode"] = "180", 3, "ground"
    result = evaluate_seed(GOLD, events, ARTICLE)
    assert failed(result) == {("pakistan_strikes_iran", f) for f in ("actor", "recipient", "cameo", "quad", "mode")}
    assert result.score("actor country").tp == 3            # e1's country is still right (3 gold actors pin one)
    sector = result.score("actor sector")
    assert (sector.tp, sector.fp, sector.fn) == (0, 1, 1)  # only e1's gold actor pins a sector
    assert result.score("CAMEO root").fp == 1
    assert result.score("recipient").recall == 0.75


def test_named_recipient_and_sector_alternatives() -> None:
    events = correct_events()
    by_id(events, "e2")["recipients"] = [actor("Jaish al-Adl", "PAKGOV", "PAK", "GOV", "Jaish al-Adl")]
    result = evaluate_seed(GOLD, events, ARTICLE)
    assert failed(result) == {("iran_strikes_jaish_al_adl", "recipient")}


def test_location_at_the_dateline_fails_location_and_dateline_rule() -> None:
    events = correct_events()
    by_id(events, "e1")["location"] = place("Quetta", "PAK", "PK-BA")
    result = evaluate_seed(GOLD, events, ARTICLE)
    assert failed(result) == {("pakistan_strikes_iran", "location")}
    assert must_not_status(result)["check_dateline_not_place_or_actor"] == "failed"
    assert result.score("place").fp == 1


def test_dateline_as_actor_fails_the_dateline_rule() -> None:
    events = correct_events()
    by_id(events, "e5")["actors"].append(actor("QUETTA", "PAK", "PAK"))
    result = evaluate_seed(GOLD, events, ARTICLE)
    assert must_not_status(result)["check_dateline_not_place_or_actor"] == "failed"


def test_mentions_split_over_two_events() -> None:
    events = correct_events()
    e1 = by_id(events, "e1")
    split = copy.deepcopy(e1)
    split["id"], split["mentions"] = "e1b", e1["mentions"][1:]
    e1["mentions"] = e1["mentions"][:1]
    events.append(split)
    result = evaluate_seed(GOLD, events, ARTICLE)
    assert result.alignment["pakistan_strikes_iran"] == "e1b"  # the part covering more gold mentions
    assert failed(result) == {("pakistan_strikes_iran", "mentions")}
    check = result.check("pakistan_strikes_iran", "mentions")
    assert len(check.got["missing"]) == 1
    assert result.unmatched == []  # e1b matches the gold event, it is a split, not an invented event


def test_missing_response_link() -> None:
    events = correct_events()
    by_id(events, "e1")["responds_to"] = []
    assert failed(evaluate_seed(GOLD, events, ARTICLE)) == {("pakistan_strikes_iran", "responds_to")}
    by_id(events, "e1")["responds_to"] = ["e5"]  # pointing at the wrong event
    assert failed(evaluate_seed(GOLD, events, ARTICLE)) == {("pakistan_strikes_iran", "responds_to")}


def test_hypothetical_status_on_a_real_event() -> None:
    events = correct_events()
    by_id(events, "e3")["status"] = by_id(events, "e4")["status"] = "hypothetical"
    result = evaluate_seed(GOLD, events, ARTICLE)
    assert failed(result) == {("both_sides_signal_deescalation", "status")}
    assert result.score("event type").recall == 0.75  # a non-asserted event does not count as found


def test_wrong_type_is_not_aligned_and_says_what_is_there() -> None:
    events = correct_events()
    by_id(events, "e5")["event"] = "ACCUSE"
    result = evaluate_seed(GOLD, events, ARTICLE)
    assert result.alignment["international_call_for_peace"] is None
    check = result.check("international_call_for_peace", "event")
    assert not check.passed and "e5 ACCUSE (asserted)" in check.got
    assert result.unmatched == ["e5"]
    typ = result.score("event type")
    assert (typ.tp, typ.fp, typ.fn) == (3, 1, 1)
    assert result.score("recipient").fn == 1  # its recipient is not found either


def test_two_events_merged_into_one() -> None:
    events = [e for e in correct_events() if e["id"] != "e2"]
    e1 = by_id(events, "e1")
    e1["mentions"] += [mention("Tehran's attack", "attack")]
    e1["responds_to"] = []
    result = evaluate_seed(GOLD, events, ARTICLE)
    assert result.alignment["pakistan_strikes_iran"] == "e1"
    assert result.alignment["iran_strikes_jaish_al_adl"] is None  # one record cannot stand for two events


def test_no_predictions_at_all() -> None:
    result = evaluate_seed(GOLD, [], ARTICLE)
    assert all(s.tp == 0 and s.fp == 0 for s in result.scores)
    assert result.score("event type").fn == 4 and result.score("event type").precision is None
    assert len(result.failures) == 4  # one "not found" line per gold event
    # "no event from ..." rules pass on an empty output; the report still says NOT PASSED
    assert must_not_status(result)["check_no_event_from"] == "passed"
    assert "NOT PASSED" in format_seed_report(result)


# ------------------------------------------------------------------ must_not rules, one by one

def test_asserted_event_from_hypothetical_sentence() -> None:
    events = correct_events()
    by_id(events, "e7")["status"] = "asserted"
    result = evaluate_seed(GOLD, events, ARTICLE)
    assert must_not_status(result)["check_no_asserted_event_from"] == "failed"
    assert result.unmatched == ["e7"]
    assert result.score("event type").fp == 1


def test_background_sentence_dated_today() -> None:
    events = correct_events()
    e6 = by_id(events, "e6")
    e6["date"] = "2024-01-18"
    assert must_not_status(evaluate_seed(GOLD, events, ARTICLE))["check_background_not_dated"] == "passed"  # still background
    e6["status"] = "asserted"
    assert must_not_status(evaluate_seed(GOLD, events, ARTICLE))["check_background_not_dated"] == "failed"
    e6["date"] = None  # asserted but undated: allowed by the line
    assert must_not_status(evaluate_seed(GOLD, events, ARTICLE))["check_background_not_dated"] == "passed"


def test_negated_attack_from_the_deescalation_sentence() -> None:
    events = correct_events()
    events.append(event("e8", "ASSAULT", "190", 4, [mention("do not want the situation to worsen", "worsen")],
                        status="negated"))
    result = evaluate_seed(GOLD, events, ARTICLE)
    assert must_not_status(result)["check_not_conflict_event"] == "failed"
    assert result.failures == []  # the field checks are not disturbed by an extra non-asserted event


def test_event_from_an_editorial_sentence() -> None:
    events = correct_events()
    events.append(event("e9", "CONSULT", "040", 1, [mention("It is important for them to address", "address")],
                        status="hypothetical"))
    result = evaluate_seed(GOLD, events, ARTICLE)
    assert must_not_status(result)["check_no_event_from"] == "failed"
    assert result.unmatched == []  # not asserted: no false positive, but the rule still catches it


def test_unknown_and_unreadable_must_not_lines_are_unchecked(tmp_path: Path) -> None:
    text = GOLD.read_text(encoding="utf-8").replace(
        "must_not:\n",
        "must_not:\n"
        "  - \"Nothing about the weather.\"\n"
        "  - \"Editorial sentences ('It is vital for the moon to ...') produce no events.\"\n")
    gold = tmp_path / "gold.yaml"
    gold.write_text(text, encoding="utf-8")
    result = evaluate_seed(gold, correct_events(), ARTICLE)
    first, second = result.must_not[:2]
    assert (first.status, first.check) == ("unchecked", None)
    assert second.status == "unchecked" and "snippet not found" in second.note
    assert result.failures == [] and not result.passed
    assert "UNCHECKED" in format_seed_report(result)


# ------------------------------------------------------------------ helpers

def test_snippet_matching() -> None:
    assert snippet_in("Pakistan's military", "Pakistan’s  military conducted")
    assert snippet_in("Jaish al-Adl ... in the past", sentence("numerous attacks"))
    assert not snippet_in("in the past ... Jaish al-Adl", sentence("numerous attacks"))  # the gap keeps the order
    assert snippet_in("both sides express", "As tensions ease and Both Sides express")
    assert not snippet_in("", "anything")


def test_actor_spec_matching() -> None:
    igo = actor("The international community", "IGO", None, None, None)
    assert actor_matches({"any_of": [{"sector": "IGO"}, {"name": "international community"}]}, igo)
    assert not actor_matches({"name": "Jaish al-Adl", "sector_any_of": ["INS"]}, igo)
    assert actor_matches({"country_any_of": ["PAK", "IRN"]}, actor("Iran", "IRN", "IRN"))
    with pytest.raises(InputError):
        actor_matches({"nationality": "PAK"}, igo)


def test_mentions_with_offsets_only_use_the_article() -> None:
    events = correct_events()
    for e in events:
        for m in e["mentions"]:
            m["sentence"] = None  # an older output: offsets, no sentence text
    assert evaluate_seed(GOLD, events, ARTICLE).failures == []


# ------------------------------------------------------------------ malformed gold and input

def write_gold(tmp_path: Path, old: str, new: str) -> Path:
    text = GOLD.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "gold.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old,new,message", [
    ("events:\n", "events: [\n", "not valid YAML"),
    ('cameo_any_of: ["030", "035", "0356"]', "cameo_any_of: [030, 035]", "quoted"),
    ("responds_to: iran_strikes_jaish_al_adl", "responds_to: iran_strike", "unknown event id"),
    ("actor: {country: IRN}", "actor: {nation: IRN}", "unknown actor key"),
    ("    date: 2024-01-17", "    date: 17 January", "bad date"),
    ("  - id: international_call_for_peace", "  - id: pakistan_strikes_iran", "duplicate"),
    ("    event: REQUEST\n", "    event: REQUEST\n    weight: 2\n", "unknown key"),
])
def test_malformed_gold(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = write_gold(tmp_path, old, new)
    with pytest.raises(MalformedRecord, match=message) as info:
        read_seed_gold(path)
    assert str(path) in str(info.value)


def test_gold_missing_mentions_names_the_event(tmp_path: Path) -> None:
    path = write_gold(tmp_path, "    mentions:\n      - \"Tehran's attack on the previous day\"\n"
                                "      - \"Iran's strikes against Jaish al-Adl\"\n", "")
    with pytest.raises(MalformedRecord, match="mentions") as info:
        read_seed_gold(path)
    assert "iran_strikes_jaish_al_adl" in str(info.value)


def test_gold_for_another_article() -> None:
    with pytest.raises(InputError, match="not found in the article"):
        evaluate_seed(GOLD, correct_events(), "KYIV, Ukraine — Something else entirely.")


def test_malformed_prediction() -> None:
    with pytest.raises(MalformedRecord, match="predicted event 1"):
        evaluate_seed(GOLD, [correct_events()[0], {"event": "ASSAULT"}], ARTICLE)


def test_read_gold_shape() -> None:
    gold = read_seed_gold(GOLD)
    assert gold.article.published == "2024-01-18" and gold.article.dateline == "QUETTA, Pakistan"
    first = gold.events[0]
    assert first.mode_any_of == ("aerial", None) and first.cameo_any_of == ("190", "195")
    assert first.responds_to == ("iran_strikes_jaish_al_adl",) and first.date == "2024-01-18"
    assert len(gold.must_not) == 6


