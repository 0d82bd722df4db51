"""Merging across articles: the rule on hand-built units, order independence, and a corpus of reports of the
seed's events written for this test (different outlets, wording and date forms, one unrelated report)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json

import pytest

from flashpoint.merge.across import MergeRule, Unit, clusters, compatible, components, evidence_words, merge_units
from flashpoint.model import Actor, Article, Place

RULE = MergeRule(windows={"day": 1, "week": 7, "month": 31, "year": 366}, distance_km=100.0)
IRN = Actor("Iran", "IRN", "IRN", None, "Iran", "IRN")
IRNMIL = Actor("Iranian forces", "IRNMIL", "IRN", "MIL")
IRNGOV = Actor("Tehran", "IRNGOV", "IRN", "GOV")
PAK = Actor("Pakistan", "PAK", "PAK", None, "Pakistan", "PAK")
PAKMIL = Actor("Pakistan's military", "PAKMIL", "PAK", "MIL")
IRNINS = Actor("militants in Iran", "IRNINS", "IRN", "INS")
SISTAN = Place("Sistan and Baluchestan", "Sīstān va Balūchestān", "IRN", 1159456, "IR-11", 27.46, 60.97, "admin1")
ZAHEDAN = Place("Zahedan", "Zahedan", "IRN", 1159301, "IR-11", 29.49, 60.86, "city")
TEHRAN_CITY = Place("Tehran", "Tehran", "IRN", 112931, "IR-23", 35.69, 51.42, "city")
IRAN = Place("Iran", "Iran", "IRN", 130758, None, 32.4, 53.9, "country")
BALOCHISTAN = Place("Balochistan", "Balochistan", "PAK", 1183606, "PK-BA", 28.5, 66.5, "admin1")


def unit(uid, article, *, actors=(PAKMIL,), recipients=(IRNINS,), date=dt.date(2024, 1, 18), precision="day",
         place=SISTAN, event="ASSAULT", status="asserted", source=None, mode=None):
    return Unit(id=uid, article_id=article, source=source or article, event=event, status=status,
                actors=tuple(actors), recipients=tuple(recipients), date=date, date_precision=precision,
                location=place, coder="flashpoint.rules/1 (test)", mode=mode)


@pytest.mark.parametrize("other, expected", [
    (unit("b", "B"), True),
    (unit("b", "B", actors=(PAK,)), True),                                 # less specific actor
    (unit("b", "B", actors=()), True),                                     # recipients still shared
    (unit("b", "B", actors=(), recipients=()), False),                     # nothing shared
    (unit("b", "B", actors=(IRNMIL,)), False),                             # another actor
    (unit("b", "B", event="ACCUSE"), False),
    (unit("b", "B", status="hypothetical"), False),
    (unit("b", "B", date=dt.date(2024, 1, 19)), True),                     # a day off: merge_window_day
    (unit("b", "B", date=dt.date(2024, 1, 20)), False),
    (unit("b", "B", date=dt.date(2024, 1, 24), precision="week"), True),   # the undated report's week
    (unit("b", "B", date=None, precision=None), False),                    # undated only with undated
    (unit("b", "B", place=ZAHEDAN), True),                                 # same admin1
    (unit("b", "B", place=IRAN), True),                                    # country only, same country
    (unit("b", "B", place=None), True),
    (unit("b", "B", place=TEHRAN_CITY), False),                            # another province, far away
    (unit("b", "B", place=BALOCHISTAN), False),                            # another country
    (unit("b", "A"), False),                                               # the same article
])
def test_compatible(other, expected):
    first = unit("a", "A")
    assert compatible(first, other, RULE) is expected
    assert compatible(other, first, RULE) is expected  # symmetric


def test_a_state_voices_an_accusation_through_any_of_its_state_sectors():
    rule = MergeRule.from_settings()
    army = unit("a", "A", actors=(PAKMIL,), recipients=(IRN,), event="ACCUSE")
    ministry = unit("b", "B", actors=(Actor("Pakistan's foreign ministry", "PAKGOV", "PAK", "GOV"),),
                    recipients=(IRN,), event="ACCUSE")
    assert compatible(army, ministry, rule) and compatible(ministry, army, rule)
    # an attack by the army and one by the government's police are not one act
    assert not compatible(unit("a", "A", actors=(PAKMIL,)),
                          unit("b", "B", actors=(Actor("Pakistani police", "PAKCOP", "PAK", "COP"),)), rule)
    # nor an accusation by the army and one by rebels of the same country
    rebels = unit("c", "C", actors=(Actor("Baloch rebels", "PAKREB", "PAK", "REB"),), recipients=(IRN,),
                  event="ACCUSE")
    assert not compatible(army, rebels, rule)


@pytest.mark.parametrize("other, expected", [
    # placed only at the country of a party: says which side the report is about, not where it was said
    (dict(place=IRAN), True),
    (dict(date=dt.date(2024, 1, 19)), False),                            # said on another day
    (dict(date=dt.date(2024, 1, 19), precision="week"), True),           # reported undated the next day
    (dict(date=dt.date(2024, 1, 17), precision="week"), False),          # reported undated the day before
])
def test_a_state_s_statement_is_said_on_one_day_wherever_a_report_places_it(other, expected):
    rule = MergeRule.from_settings()
    pakistan = Place("Pakistan", "Pakistan", "PAK", 1168579, None, 30.0, 70.0, "country")
    first = unit("a", "A", actors=(PAKMIL,), recipients=(IRN,), event="ACCUSE", place=pakistan)
    second = unit("b", "B", **{"actors": (PAKMIL,), "recipients": (IRN,), "event": "ACCUSE", "place": pakistan,
                               **other})
    assert compatible(first, second, rule) is expected
    assert compatible(second, first, rule) is expected
    # two provinces far apart still part them
    assert not compatible(unit("a", "A", recipients=(IRN,), event="ACCUSE", place=SISTAN),
                          unit("b", "B", recipients=(IRN,), event="ACCUSE", place=TEHRAN_CITY), rule)
    # an attack keeps the day's slack and its places
    assert compatible(unit("a", "A", place=pakistan), unit("b", "B", place=IRAN), rule) is False
    assert compatible(unit("a", "A"), unit("b", "B", date=dt.date(2024, 1, 19)), rule) is True


def test_an_attack_is_aimed_at_a_state_through_any_of_its_state_sectors():
    rule = MergeRule.from_settings()
    on_consulate = unit("a", "A", actors=(PAK,), recipients=(IRNGOV,))
    on_officers = unit("b", "B", actors=(PAK,), recipients=(IRNMIL,))
    assert compatible(on_consulate, on_officers, rule) and compatible(on_officers, on_consulate, rule)
    # "an attack ... that killed seven military officers": forces of no country named are some state's
    on_soldiers = unit("d", "D", actors=(PAK,), recipients=(Actor("military officers", "MIL", None, "MIL"),))
    assert compatible(on_soldiers, on_consulate, rule) and compatible(on_consulate, on_soldiers, rule)
    # an attack on the state and one on rebels of the same country are not one act
    assert not compatible(on_consulate, unit("c", "C", actors=(PAK,), recipients=(IRNINS,)), rule)
    # a statement aimed at the government is not one aimed at the army
    assert not compatible(unit("a", "A", recipients=(IRNGOV,), event="REQUEST"),
                          unit("b", "B", recipients=(IRNMIL,), event="REQUEST"), rule)


def test_a_meeting_is_one_whichever_party_a_report_names_first():
    rule = MergeRule.from_settings()
    pakgov = Actor("Pakistan's foreign minister", "PAKGOV", "PAK", "GOV")
    called = unit("a", "A", actors=(IRNGOV,), recipients=(pakgov,), event="CONSULT", place=None)
    was_called = unit("b", "B", actors=(pakgov,), recipients=(IRNGOV,), event="CONSULT", place=None)
    assert compatible(called, was_called, rule) and compatible(was_called, called, rule)
    # an accusation is aimed one way
    assert not compatible(unit("a", "A", actors=(IRNGOV,), recipients=(pakgov,), event="ACCUSE", place=None),
                          unit("b", "B", actors=(pakgov,), recipients=(IRNGOV,), event="ACCUSE", place=None), rule)
    # a government meeting its own advisers has no other side to read either way round
    own = unit("c", "C", actors=(IRNGOV,), recipients=(IRNGOV,), event="CONSULT", place=None)
    assert not compatible(own, unit("d", "D", actors=(pakgov,), recipients=(IRNGOV,), event="CONSULT",
                                    place=None), rule)


def test_a_measure_placed_at_one_party_s_country_is_one_measure_wherever_a_report_places_it():
    rule = MergeRule.from_settings()
    pakistan = Place("Pakistan", "Pakistan", "PAK", 1168579, None, 30.0, 70.0, "country")
    recall_here = unit("a", "A", actors=(PAK,), recipients=(IRN,), event="SANCTION", place=IRAN)
    recall_there = unit("b", "B", actors=(PAK,), recipients=(IRN,), event="SANCTION", place=pakistan)
    assert compatible(recall_here, recall_there, rule)
    # third countries' places still part them
    afghanistan = Place("Afghanistan", "Afghanistan", "AFG", 1149361, None, 33.0, 65.0, "country")
    turkey = Place("Turkey", "Turkey", "TUR", 298795, None, 39.0, 35.0, "country")
    assert not compatible(unit("c", "C", actors=(PAK,), recipients=(IRN,), event="SANCTION", place=afghanistan),
                          unit("d", "D", actors=(PAK,), recipients=(IRN,), event="SANCTION", place=turkey), rule)
    # an attack's country is where it happened
    assert not compatible(unit("e", "E", actors=(PAK,), recipients=(IRN,), place=IRAN),
                          unit("f", "F", actors=(PAK,), recipients=(IRN,), place=pakistan), rule)


def test_a_request_is_the_state_s_whichever_of_its_voices_made_it():
    rule = MergeRule.from_settings()
    leader = Actor("Shehbaz Sharif", "PAKGOV", "PAK", "GOV", "Shehbaz Sharif", "sharif")
    asked = unit("a", "A", actors=(leader,), recipients=(IRN,), event="REQUEST", place=None)
    request = unit("b", "B", actors=(PAK,), recipients=(IRN,), event="REQUEST", place=None)
    assert compatible(asked, request, rule) and compatible(request, asked, rule)
    # and held to no one day: a request stands until it is answered
    assert compatible(asked, dataclasses.replace(request, date=dt.date(2024, 1, 19)), rule)
    # a leader's meeting is not the state's mediation: "Russia mediating is not Putin's call"
    assert not compatible(dataclasses.replace(asked, event="CONSULT"), dataclasses.replace(request, event="CONSULT"),
                          rule)


def test_a_state_s_meeting_with_its_own_bodies_is_not_its_meeting_with_another_party():
    rule = MergeRule.from_settings()
    pakgov = Actor("Pakistan's foreign minister", "PAKGOV", "PAK", "GOV")
    council = Actor("members of the security council", "GOV", None, "GOV")  # a body the report names no country of
    call = unit("a", "A", actors=(IRNGOV,), recipients=(pakgov,), event="CONSULT", place=None)
    own = unit("b", "B", actors=(IRNGOV,), recipients=(council,), event="CONSULT", place=None)
    assert not compatible(call, own, rule) and not compatible(own, call, rule)
    # two reports of the meeting with its own council are one meeting; a report naming no other party may be either
    assert compatible(own, unit("c", "C", actors=(IRNGOV,), recipients=(council,), event="CONSULT", place=None), rule)
    alone = unit("d", "D", actors=(IRNGOV,), recipients=(), event="CONSULT", place=None)
    assert compatible(call, alone, rule) and compatible(own, alone, rule)


@pytest.mark.parametrize("event, one, other, expected", [
    ("COERCE", "curfew", "restrict", False),  # martial law declared, a border closed: two acts
    ("COERCE", "curfew", None, True),         # a report that names no mode may be either
    ("COERCE", "curfew", "curfew", True),
    ("ASSAULT", "airstrike", "shelling", True),  # one strike told two ways
])
def test_coercive_acts_of_different_modes_are_different_acts(event, one, other, expected):
    first, second = unit("a", "A", event=event, mode=one), unit("b", "B", event=event, mode=other)
    assert compatible(first, second, RULE) is expected
    assert compatible(second, first, RULE) is expected


def test_undated_reports_date_the_event_to_the_earliest_of_their_days():
    """An undated report's day (week precision) is a day the act happened on or before: two later reports of it
    do not move the event past the first report's day."""
    units = [unit("a", "A", date=dt.date(2024, 1, 18), precision="week"),
             unit("b", "B", date=dt.date(2024, 1, 20), precision="week"),
             unit("c", "C", date=dt.date(2024, 1, 20), precision="week")]
    [group] = components(units, RULE)
    assert (merge_units(group).date, merge_units(group).date_precision) == (dt.date(2024, 1, 18), "week")


def test_distance_joins_places_across_a_border():
    near = Place("Taftan", "Taftan", "PAK", 1, "PK-BA", 28.97, 61.59, "city")
    mirjaveh = Place("Mirjaveh", "Mirjaveh", "IRN", 2, "IR-11", 29.02, 61.45, "city")
    assert compatible(unit("a", "A", place=near), unit("b", "B", place=mirjaveh), RULE)
    assert not compatible(unit("a", "A", place=near), unit("b", "B", place=mirjaveh),
                          MergeRule(windows=RULE.windows, distance_km=5))


def test_merged_fields_best_supported_date_and_counts():
    units = [unit("c", "C", date=dt.date(2024, 1, 17), source="Dawn"),
             unit("a", "A", date=dt.date(2024, 1, 18), source="Dawn"),
             unit("b", "B", date=dt.date(2024, 1, 18), source="Gulf Times", actors=(PAK,)),
             unit("d", "D", date=dt.date(2024, 1, 19), precision="week", source="Tehran Times", place=IRAN)]
    [group] = components(units, RULE)
    merged = merge_units(group)
    assert merged.id == "a"
    assert (merged.date, merged.date_precision) == (dt.date(2024, 1, 18), "day")  # two articles say the 18th
    assert [a.code for a in merged.actors] == ["PAKMIL"]  # PAK dropped: PAKMIL says the same, more precisely
    assert merged.location == SISTAN
    assert (merged.num_articles, merged.num_sources) == (4, 3)


def test_components_do_not_depend_on_order():
    units = [unit("a", "A"), unit("b", "B", date=dt.date(2024, 1, 19)), unit("c", "C", date=dt.date(2024, 1, 20)),
             unit("d", "D", actors=(IRNMIL,), recipients=(PAK,), place=BALOCHISTAN),
             unit("e", "E", actors=(IRN,), recipients=(PAK,), place=None, date=dt.date(2024, 1, 17)),
             unit("f", "F", event="ACCUSE", actors=(IRNGOV,), recipients=(PAK,), place=None)]
    expected = [[u.id for u in group] for group in components(units, RULE)]
    assert expected == [["a", "b", "c"], ["d", "e"], ["f"]]  # c joins through b (a chain of one-day steps)
    for order in itertools.permutations(units):
        assert [[u.id for u in g] for g in components(list(order), RULE)] == expected
        assert [merge_units(g).date for g in components(list(order), RULE)] == \
            [merge_units(g).date for g in components(units, RULE)]


def test_identity_never_chains():
    # three reports a day apart: a-b and b-c are compatible, a-c are not; one record may not hold a and c
    units = [unit("a", "A"), unit("b", "B", date=dt.date(2024, 1, 19)), unit("c", "C", date=dt.date(2024, 1, 20))]
    groups = [[u.id for u in g] for g in clusters(units, RULE)]
    assert len(groups) == 2 and sorted(map(len, groups)) == [1, 2]
    for group in clusters(units, RULE):
        assert all(compatible(x, y, RULE) for x in group for y in group if x is not y)


def test_a_weak_report_attaches_to_one_record_and_bridges_none():
    # Pakistan's strike on Iran and Iran's strike on Pakistan, the same day in the same border region; a report
    # naming only Pakistan as target and no actor is compatible with the second only, one naming no target
    # and "Pakistan" as actor with the first only; a report with neither side cannot join anything
    mirjaveh = Place("Mirjaveh", "Mirjaveh", "IRN", 2, "IR-11", 29.02, 61.45, "city")
    taftan = Place("Taftan", "Taftan", "PAK", 1, "PK-BA", 28.97, 61.59, "city")
    units = [unit("p1", "P1", actors=(PAKMIL,), recipients=(IRN,), place=mirjaveh),
             unit("p2", "P2", actors=(PAK,), recipients=(IRN,), place=None),
             unit("i1", "I1", actors=(IRNMIL,), recipients=(PAK,), place=taftan),
             unit("i2", "I2", actors=(IRN,), recipients=(PAK,), place=None),
             # both directions in one report ("the two sides exchanged fire"): compatible with both records
             unit("x", "X", actors=(PAK, IRN), recipients=(IRN, PAK), place=None),
             # a week-precision report with a country-only place: compatible with both, joins one
             unit("w", "W", actors=(), recipients=(PAK, IRN), place=None, date=dt.date(2024, 1, 19),
                  precision="week")]
    groups = clusters(units, RULE)
    for group in groups:
        actors = {a.country for u in group if len(u.actors) == 1 for a in u.actors}
        assert len(actors) <= 1, [u.id for u in group]  # never both directions in one record
    ids = [[u.id for u in g] for g in groups]
    assert ["p1", "p2"] in [[i for i in g if i.startswith("p")] for g in ids]
    assert sum("x" in g for g in ids) == 1 and sum("w" in g for g in ids) == 1
    for order in itertools.permutations(units):
        assert [[u.id for u in g] for g in clusters(list(order), RULE)] == ids


def test_a_report_that_fits_two_records_joins_the_one_whose_reports_share_its_words():
    # two Pakistani strikes in Sistan two days apart, each told by two dated reports; an undated report of the
    # next day fits both, and its words tell which: the mosque, not the fuel depot
    def told(uid, day, *words):
        return dataclasses.replace(unit(uid, uid.upper(), date=dt.date(2024, 1, day)), words=frozenset(words))
    units = [told("a1", 16, "mosque", "drones", "militants"), told("a2", 16, "mosque", "hideout", "militants"),
             told("b1", 18, "depot", "fuel", "militants"), told("b2", 18, "depot", "convoy", "militants"),
             dataclasses.replace(unit("w", "W", date=dt.date(2024, 1, 19), precision="week"),
                                 words=frozenset({"mosque", "militants"}))]
    assert compatible(units[-1], units[0], RULE) and compatible(units[-1], units[2], RULE)
    for order in itertools.permutations(units):
        groups = sorted(sorted(u.id for u in g) for g in clusters(list(order), RULE))
        assert groups == [["a1", "a2", "w"], ["b1", "b2"]]
    # with no words of its own to go by, the nearest date decides, as before
    plain = dataclasses.replace(units[-1], words=frozenset({"militants"}))
    groups = sorted(sorted(u.id for u in g) for g in clusters([*units[:-1], plain], RULE))
    assert groups == [["a1", "a2"], ["b1", "b2", "w"]]


def test_a_word_common_to_many_reports_says_nothing_about_which_act_one_tells():
    # "border" is in all six reports of the earlier strike and in the weak report, not in the later strike's: a
    # word that many reports of the component share does not pull the weak report away from the nearer date
    def told(uid, day, *words):
        return dataclasses.replace(unit(uid, uid.upper(), date=dt.date(2024, 1, day)), words=frozenset(words))
    near = [told(f"n{i}", 18, f"near{i}") for i in range(2)]
    far = [told(f"f{i}", 16, "border", f"far{i}") for i in range(6)]
    weak = dataclasses.replace(unit("w", "W", date=dt.date(2024, 1, 19), precision="week"),
                               words=frozenset({"border"}))
    (home,) = [g for g in clusters([*near, *far, weak], RULE) if "w" in {u.id for u in g}]
    assert {u.id for u in home} == {"w", "n0", "n1"}


def test_evidence_words_leave_out_plain_and_short_words():
    words = evidence_words(["The army said on Monday that its drones hit the fuel depot in Panjgur.", None])
    assert words == {"army", "drones", "fuel", "depot", "panjgur"}


def test_a_week_precision_date_is_an_upper_bound():
    # an undated report published on the 20th tells of something on or before the 20th, not the 23rd
    anchor = unit("w", "W", date=dt.date(2024, 1, 20), precision="week")
    assert compatible(anchor, unit("a", "A", date=dt.date(2024, 1, 18)), RULE)
    assert compatible(anchor, unit("b", "B", date=dt.date(2024, 1, 21)), RULE)  # a day off, as for days
    assert not compatible(anchor, unit("c", "C", date=dt.date(2024, 1, 23)), RULE)


# ------------------------------------------------------------------------------------------ the corpus

SEED_PUBLISHED = dt.date(2024, 1, 18)
REPORTS = [
    # the seed's Pakistani strike on militants in Iran, Thursday 18 January 2024, told three more ways
    dict(id="dawn-1", source="Dawn Desk", published="2024-01-18",
         text="ISLAMABAD — Pakistan's military carried out strikes against militant hideouts in Iran's Sistan and "
              "Baluchestan province on January 18, 2024. Officials said the strikes killed several militants."),
    dict(id="gulf-1", source="Gulf Times", published="2024-01-19",
         text="Pakistani forces struck militant camps in Iran on Thursday, officials in Islamabad said. The "
              "operation targeted fighters near the border."),
    # the seed's Iranian strike on Jaish al-Adl in Balochistan, the day before
    dict(id="tehran-1", source="Tehran Times", published="2024-01-17",
         text="TEHRAN — Iran launched missile strikes on bases of the Jaish al-Adl group in Pakistan's "
              "Balochistan province on Wednesday, state media reported."),
    # unrelated
    dict(id="nation-1", source="Nation", published="2024-06-12",
         text="NAIROBI — Kenyan police fired tear gas at protesters in Nairobi on Tuesday as crowds marched "
              "against a tax bill."),
]


def corpus_articles(seed_text):
    from flashpoint.ingest import article_from_record

    seed = Article.from_text(seed_text, published=SEED_PUBLISHED, source="Seed Wire", origin="seed")
    return [seed, *(article_from_record(r, origin=r["id"]) for r in REPORTS)]


@pytest.fixture(scope="module")
def coded_corpus(seed_text):
    from flashpoint.coder import Coder

    coder = Coder()
    results = list(coder.code_many(corpus_articles(seed_text)))
    assert all(r.error is None for r in results)
    return coder, results


@pytest.fixture(scope="module")
def seed_text():
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "shared" / "data" / "seed" / "pakistan_iran_strikes.txt"
    if not path.exists():
        pytest.skip(f"{path} not found (the gold data lives in ../shared/data)")
    return path.read_text(encoding="utf-8")


def _store_events(tmp_path, name, coder, results):
    from flashpoint.store import EventQuery, Store

    with Store.open(tmp_path / name) as store:
        for r in results:
            store.add(r.article, r.events, r.mentions, coder=coder.name)
        return store.events(EventQuery(include_all=True))


@pytest.mark.slow
def test_reports_of_one_event_merge_with_exact_counts(tmp_path, coded_corpus):
    coder, results = coded_corpus
    events = _store_events(tmp_path, "a.duckdb", coder, results)
    assaults = {(e["date"], ",".join(a["country"] or "?" for a in e["actors"])): e
                for e in events if e["event"] == "ASSAULT" and e["status"] == "asserted"}
    pakistani = assaults[("2024-01-18", "PAK")]
    assert (pakistani["num_articles"], pakistani["num_sources"]) == (3, 3)
    assert {m["article_id"] for m in pakistani["mentions"]} >= {"dawn-1", "gulf-1"}
    assert pakistani["num_mentions"] == len(pakistani["mentions"]) >= 4
    assert pakistani["location"]["admin1"] == "IR-11"
    iranian = assaults[("2024-01-17", "IRN")]
    assert (iranian["num_articles"], iranian["num_sources"]) == (2, 2)
    assert iranian["location"]["admin1"] == "PK-BA"
    assert pakistani["responds_to"] == [iranian["id"]]  # the seed's "in response to", lifted to merged events
    kenyan = [e for e in events if any(a["country"] == "KEN" for a in e["actors"])]
    assert kenyan and all(e["num_articles"] == 1 for e in kenyan)  # unrelated: merges with nothing
    assert len([e for e in events if e["event"] == "ASSAULT" and e["status"] == "asserted"]) == 3
    # every event's counts are the ones its mentions give
    for e in events:
        assert e["num_articles"] == len({m["article_id"] for m in e["mentions"]})


@pytest.mark.slow
def test_ingest_order_does_not_change_the_events(tmp_path, coded_corpus):
    coder, results = coded_corpus
    forward = _store_events(tmp_path, "f.duckdb", coder, results)
    backward = _store_events(tmp_path, "b.duckdb", coder, list(reversed(results)))
    shuffled = _store_events(tmp_path, "s.duckdb", coder, [results[i] for i in (2, 4, 0, 3, 1)])

    def canonical(events):
        return sorted(json.dumps(e, sort_keys=True) for e in events)

    assert canonical(forward) == canonical(backward) == canonical(shuffled)


@pytest.mark.parametrize("actors, recipients, kept", [
    ((IRNGOV,), (IRNGOV, PAK), ["PAK"]),                # the body read as its own recipient is dropped
    ((IRNGOV,), (IRNGOV,), []),
    ((IRN,), (IRN,), ["IRN"]),                          # a country acts on its own people
    ((IRNGOV, PAKMIL), (IRNGOV, PAKMIL), ["IRNGOV", "PAKMIL"]),  # several sides: each may be acted on
])
def test_a_body_is_not_what_it_acts_on(actors, recipients, kept):
    from flashpoint.merge.article import merge_article
    from flashpoint.model import EventMention
    from flashpoint.ontology import load_ontology

    code = load_ontology().event_code("112", event="ACCUSE")
    mention = EventMention(article_id="a", sentence="s", start=0, end=1, trigger="condemned", trigger_start=0,
                           rule="r", code=code, actors=list(actors), recipients=list(recipients), id="t1")
    [event] = merge_article([mention], published=dt.date(2024, 1, 18), undated_precision="week", coder="c")
    assert [r.code for r in event.recipients] == kept
