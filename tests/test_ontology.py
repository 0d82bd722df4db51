"""The ontology tables and their loader: facts spot-checked, every code resolvable, bad lines reported."""

from __future__ import annotations

import csv
import statistics
from importlib import resources
from pathlib import Path

import pytest

from flashpoint.errors import DictionaryError
from flashpoint.model import EventCode
from flashpoint.ontology import (
    PLOVER_EVENTS,
    CameoCode,
    Ontology,
    PloverMapping,
    load_ontology,
    load_ontology_from,
)

DATA = resources.files("flashpoint") / "data" / "ontology"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ontology"


@pytest.fixture(scope="module")
def ont() -> Ontology:
    return load_ontology()


def _data_rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture()
def table_dir(tmp_path: Path) -> Path:
    for name in ("plover_events.tsv", "plover_modes.tsv", "plover_contexts.tsv", "cameo_codes.tsv", "cameo_plover.tsv",
                 "modal_recodings.tsv"):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    return tmp_path


# ---------------------------------------------------------------------------------------------- PLOVER


def test_sixteen_plover_events_in_order(ont: Ontology) -> None:
    assert PLOVER_EVENTS == (
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    )  # fmt: skip
    assert [row[0] for row in _data_rows("plover_events.tsv")] == list(PLOVER_EVENTS)


@pytest.mark.parametrize(
    "quad, events",
    [
        (1, ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST"]),
        (2, ["COOPERATE", "AID", "RETREAT"]),
        (3, ["ACCUSE", "REJECT", "THREATEN"]),
        (4, ["PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]),
    ],
)
def test_plover_quads(ont: Ontology, quad: int, events: list[str]) -> None:
    assert [ont.quad_for_event(e) for e in events] == [quad] * len(events)


def test_intensity_is_mean_goldstein_of_mapped_codes(ont: Ontology) -> None:
    """The documented calibration: 3-4 digit codes of roots 02-20, by the crosswalk's event."""
    weights: dict[str, list[float]] = {e: [] for e in PLOVER_EVENTS}
    for code in ont.cameo_codes:
        if len(code) >= 3 and not code.startswith("01"):
            weights[ont.plover_for_cameo(code).event].append(ont.cameo(code).goldstein)
    for event in PLOVER_EVENTS:
        assert ont.intensity(event) == pytest.approx(statistics.mean(weights[event]), abs=0.05 + 1e-9), event
    assert ont.intensity("ASSAULT") < ont.intensity("THREATEN") < 0 < ont.intensity("AGREE") < ont.intensity("AID")


def test_modes_from_the_codebook(ont: Ontology) -> None:
    assert {"aerial", "drone", "heavy-weapons", "firearms", "suicide-attack", "crowd-control"} <= set(
        ont.modes("ASSAULT")
    )
    assert set(ont.modes("PROTEST")) == {"demo", "riot", "strike", "hunger", "boycott", "obstruct"}
    assert set(ont.modes("CONSULT")) == {"visit", "third-party", "multilateral", "phone"}
    assert ont.modes("AGREE") == ()
    assert sum(len(ont.modes(e)) for e in PLOVER_EVENTS) == 72


def test_contexts(ont: Ontology) -> None:
    assert {"diplomatic", "economic", "military", "legal", "humanitarian", "pro_autocracy"} <= set(ont.contexts)
    assert len(set(ont.contexts)) == len(ont.contexts)


def test_unknown_event_is_a_dictionary_error(ont: Ontology) -> None:
    for call in (ont.quad_for_event, ont.intensity, ont.modes):
        with pytest.raises(DictionaryError, match="FIGHT"):
            call("FIGHT")


# ---------------------------------------------------------------------------------------------- CAMEO


def test_cameo_table_shape(ont: Ontology) -> None:
    codes = ont.cameo_codes
    assert 300 <= len(codes) <= 320
    assert len(set(codes)) == len(codes)
    assert all(c.isdigit() and 2 <= len(c) <= 4 for c in codes)
    assert [c for c in codes if len(c) == 2] == [f"{i:02d}" for i in range(1, 21)]


def test_cameo_lookup(ont: Ontology) -> None:
    assert ont.cameo("190") == CameoCode("190", "Use conventional military force", -10.0, 4, "19")
    assert ont.cameo("0356").quad == 1
    assert ont.cameo("0356").goldstein == 7.0
    assert ont.cameo("057").goldstein == 8.0
    assert ont.cameo("010").goldstein == 0.0
    assert ont.has_cameo("0356") and not ont.has_cameo("356") and not ont.has_cameo("1214")


def test_goldstein_minus_ten_for_fight_and_mass_violence(ont: Ontology) -> None:
    for code in ("19", "190", "193", "194", "195", "20", "200", "202", "203", "204", "2041", "2042"):
        assert ont.cameo(code).goldstein == -10.0, code
    assert ont.cameo("201").goldstein == -9.5  # mass expulsion is the one 20x code above -10
    assert all(-10 <= ont.cameo(c).goldstein <= 10 for c in ont.cameo_codes)


@pytest.mark.parametrize("root, quad", [("01", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3), ("14", 4), ("20", 4)])
def test_cameo_quad_by_root(ont: Ontology, root: str, quad: int) -> None:
    assert {ont.cameo(c).quad for c in ont.cameo_codes if c.startswith(root)} == {quad}


def test_unknown_cameo_code_names_it(ont: Ontology) -> None:
    with pytest.raises(DictionaryError, match="9999"):
        ont.cameo("9999")
    with pytest.raises(DictionaryError, match="356"):
        ont.plover_for_cameo("356")
    with pytest.raises(DictionaryError, match="021x"):
        ont.event_code("021x")


# ---------------------------------------------------------------------------------------------- crosswalk


def test_every_crosswalk_code_is_a_cameo_code(ont: Ontology) -> None:
    mapped = [row[0] for row in _data_rows("cameo_plover.tsv")]
    assert len(mapped) == len(set(mapped))
    assert [c for c in mapped if not ont.has_cameo(c)] == []


def test_every_cameo_code_resolves(ont: Ontology) -> None:
    for code in ont.cameo_codes:
        mapping = ont.plover_for_cameo(code)
        assert mapping.event in PLOVER_EVENTS, code
        assert mapping.mode is None or mapping.mode in ont.modes(mapping.event), code
        assert set(mapping.context) <= set(ont.contexts), code


def test_every_crosswalk_mode_and_context_is_defined(ont: Ontology) -> None:
    for cameo, event, mode, context in _data_rows("cameo_plover.tsv"):
        if mode:
            assert mode in ont.modes(event), (cameo, event, mode)
        for item in filter(None, context.split("|")):
            assert item in ont.contexts, (cameo, item)


@pytest.mark.parametrize(
    "code, event, mode, context",
    [
        ("190", "ASSAULT", None, ("military",)),
        ("195", "ASSAULT", "aerial", ("military",)),
        ("0356", "AGREE", None, ("military",)),
        ("020", "REQUEST", None, ()),
        ("1053", "REQUEST", "yield", ("legal",)),
        ("0253", "REQUEST", "yield", ("legal",)),
        ("163", "SANCTION", "discontinue", ("economic",)),
        ("161", "SANCTION", "withdraw", ("diplomatic",)),
        ("0871", "RETREAT", "ceasefire", ("military",)),
        ("080", "CONCEDE", None, ()),
        ("094", "ACCUSE", "investigate", ("military", "legal")),
        ("173", "COERCE", "arrest", ("legal",)),
        ("192", "COERCE", "seize", ("military",)),
        ("1831", "ASSAULT", "suicide-attack", ()),
        ("2041", "ASSAULT", "unconventional", ("cbrn",)),
        ("042", "CONSULT", "visit", ()),
        ("141", "PROTEST", "demo", ()),
        ("154", "MOBILIZE", "troops", ("military",)),
    ],
)
def test_known_mappings(ont: Ontology, code: str, event: str, mode: str | None, context: tuple[str, ...]) -> None:
    assert ont.plover_for_cameo(code) == PloverMapping(event, mode, context)


def test_all_16x_codes_are_sanction_quad_4(ont: Ontology) -> None:
    for code in (c for c in ont.cameo_codes if c.startswith("16")):
        assert ont.plover_for_cameo(code).event == "SANCTION", code
        assert ont.event_code(code).quad == 4


def test_parent_fallback(table_dir: Path) -> None:
    path = table_dir / "cameo_plover.tsv"
    kept = [line for line in path.read_text().splitlines(keepends=True) if not line.startswith(("1831\t", "183\t"))]
    path.write_text("".join(kept))
    ont = load_ontology_from(table_dir)
    assert ont.plover_for_cameo("1831") == PloverMapping("ASSAULT", None, ())  # via 18 (183 removed too)
    assert ont.plover_for_cameo("1832") == PloverMapping("ASSAULT", "explosives", ())  # its own row


# ---------------------------------------------------------------------------------------------- event_code


def test_event_code_defaults_from_crosswalk(ont: Ontology) -> None:
    assert ont.event_code("190") == EventCode("ASSAULT", "190", 4, -10.0, None, ("military",))
    assert ont.event_code("0356") == EventCode("AGREE", "0356", 1, 7.0, None, ("military",))
    assert ont.event_code("1723") == EventCode("COERCE", "1723", 4, -5.0, "curfew", ("pro_autocracy",))
    assert ont.event_code("080").quad == 2  # CAMEO's quad for Yield, though CONCEDE is PLOVER quad 1


def test_event_code_explicit_event_uses_plover_quad(ont: Ontology) -> None:
    code = ont.event_code("080", event="CONCEDE")
    assert (code.event, code.quad, code.goldstein) == ("CONCEDE", 1, 5.0)
    code = ont.event_code("163", event="COERCE")
    assert (code.event, code.quad, code.mode, code.context) == ("COERCE", 4, None, ("economic",))
    code = ont.event_code("190", event="ASSAULT", mode="drone", context=("military", "cbrn"))
    assert (code.mode, code.context, code.cameo) == ("drone", ("military", "cbrn"), "190")


def test_event_code_rejects_bad_event_mode_context(ont: Ontology) -> None:
    with pytest.raises(DictionaryError, match="BOMB"):
        ont.event_code("190", event="BOMB")
    with pytest.raises(DictionaryError, match="visit"):
        ont.event_code("190", mode="visit")
    with pytest.raises(DictionaryError, match="drone"):
        ont.event_code("190", event="PROTEST", mode="drone")
    with pytest.raises(DictionaryError, match="space"):
        ont.event_code("190", context=("space",))


# ---------------------------------------------------------------------------------------------- loading


def test_load_ontology_is_cached(ont: Ontology) -> None:
    assert load_ontology() is ont


def test_version_tracks_table_bytes(ont: Ontology, table_dir: Path) -> None:
    assert ont.version.startswith("ontology-2026.1+") and len(ont.version) == len("ontology-2026.1+") + 8
    assert load_ontology_from(table_dir).version == ont.version
    path = table_dir / "plover_contexts.tsv"
    path.write_text(path.read_text() + "# a comment\n")
    assert load_ontology_from(table_dir).version != ont.version


def _break(table_dir: Path, name: str, line_no: int, new_line: str) -> None:
    path = table_dir / name
    lines = path.read_text().splitlines()
    lines[line_no - 1] = new_line
    path.write_text("\n".join(lines) + "\n")


# table -> (line number, the line written there, what the error message must name)
BROKEN_LINES = {
    "plover_events.tsv": [(3, "CONSULT\t5\t3.0\tMeet", "quad"), (4, "SUPPORT\t1\thigh\tBack", "intensity")],
    "plover_modes.tsv": [(12, "REQUEST\tAssist Me\tbad id", "mode"), (5, "CONSULT\tphone", "3 tab-separated fields")],
    "plover_contexts.tsv": [(1, "name\tdescription", "header")],
    "cameo_codes.tsv": [
        (10, "190x\tFight\t-10\t4\t19", "code"),
        (2, "01\tStatement\t0\t3\t01", "quad"),
        (3, "010\tStatement\t-11\t1\t01", "goldstein"),
    ],
    "cameo_plover.tsv": [
        (3, "01\tSUPPORT\tdrone\t", "mode"),
        (3, "01\tSPEAK\t\t", "event"),
        (3, "0199\tSUPPORT\t\t", "cameo"),
        (3, "01\tSUPPORT\t\tspace", "context"),
    ],
    "modal_recodings.tsv": [  # line 13 is "intent 045 039 AGREE", line 14 "intent 04 036 AGREE"
        (13, "promise\t045\t039\tAGREE", "kind"),
        (13, "intent\t0459\t039\tAGREE", "prefix"),
        (13, "intent\t045\t0399\tAGREE", "code"),
        (13, "intent\t045\t039\tTHREATEN", "event"),  # not what 039 crosswalks to
        (14, "intent\t04\t1384\tTHREATEN", "event"),  # one event per kind
        (14, "intent\t045\t036\tAGREE", "prefix"),  # listed twice
    ],
}


@pytest.mark.parametrize(
    "name, line_no, new_line, field", [(name, *case) for name, cases in BROKEN_LINES.items() for case in cases]
)
def test_malformed_line_names_file_line_and_field(
    table_dir: Path, name: str, line_no: int, new_line: str, field: str
) -> None:
    _break(table_dir, name, line_no, new_line)
    with pytest.raises(DictionaryError) as info:
        load_ontology_from(table_dir)
    where = f"{name}:{line_no}"
    assert info.value.where == where
    assert field in info.value.message
    assert str(info.value).startswith(where + ": ")


def test_unmapped_code_and_missing_file(table_dir: Path) -> None:
    path = table_dir / "cameo_plover.tsv"
    path.write_text("".join(l for l in path.read_text().splitlines(keepends=True) if not l.startswith("01")))
    with pytest.raises(DictionaryError, match="CAMEO code 01 has no PLOVER mapping"):
        load_ontology_from(table_dir)
    (table_dir / "plover_modes.tsv").unlink()
    with pytest.raises(DictionaryError, match="plover_modes.tsv"):
        load_ontology_from(table_dir)


def test_package_does_not_read_shared() -> None:
    source = (resources.files("flashpoint") / "ontology" / "tables.py").read_text(encoding="utf-8")
    assert "shared" not in source


# ---------------------------------------------------------------------------------------------- reference cross-check


@pytest.mark.skipif(not (SHARED / "cameo_codes_icews.csv").exists(), reason="reference copies (../shared) absent")
def test_goldstein_weights_match_reference(ont: Ontology) -> None:
    with open(SHARED / "cameo_codes_icews.csv", encoding="utf-8", errors="replace", newline="") as handle:
        reference = {row["code"]: float(row["goldstein"]) for row in csv.DictReader(handle)}
    assert set(reference) == set(ont.cameo_codes)
    assert {c: ont.cameo(c).goldstein for c in ont.cameo_codes} == reference


# ---------------------------------------------------------------------------------------------- modal recodings


@pytest.mark.parametrize(("kind", "cameo", "expected"), [
    ("intent", "0831", ("AGREE", "0341")),  # the longest prefix wins: 0831 before 083 and 08
    ("intent", "0835", ("AGREE", "034")),  # no row of its own: its parent's
    ("intent", "080", ("AGREE", "035")),
    ("intent", "190", None),  # a hostile act has no intent code
    ("threat", "190", ("THREATEN", "1384")),
    ("threat", "1723", ("THREATEN", "1323")),
    ("threat", "145", ("THREATEN", "133")),
    ("demand", "0356", ("REQUEST", "1056")),
    ("demand", "030", ("REQUEST", "100")),
    ("demand", "190", None),
])
def test_modal_recoding_takes_the_longest_prefix(ont: Ontology, kind: str, cameo: str, expected) -> None:
    assert ont.modal_recoding(kind, cameo) == expected


def test_modal_recodings_are_one_event_per_kind_and_in_the_crosswalk(ont: Ontology) -> None:
    from flashpoint.ontology import MODAL_KINDS

    rows = [line.split("\t") for line in (DATA / "modal_recodings.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")][1:]
    assert {r[0] for r in rows} == set(MODAL_KINDS)
    events = {kind: {r[3] for r in rows if r[0] == kind} for kind in MODAL_KINDS}
    assert events == {"intent": {"AGREE"}, "threat": {"THREATEN"}, "demand": {"REQUEST"}}
    for kind, prefix, code, event in rows:
        assert ont.modal_recoding(kind, prefix) == (event, code)
        assert ont.event_code(code).event == event
    with pytest.raises(DictionaryError, match="unknown modal kind 'promise'"):
        ont.modal_recoding("promise", "190")
