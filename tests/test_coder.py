"""The coder end to end on sentences written for these tests: each test names one rule of the coder
(arguments, dates, status, places, anaphora, response links) and checks what it must produce."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.model import Article

pytestmark = pytest.mark.slow
THURSDAY = dt.date(2024, 1, 18)


@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder

    return Coder()


def code(coder, text, published=THURSDAY, status="asserted"):
    """The events of ``text`` as contract dicts; only those of ``status`` unless it is None."""
    events = coder.code(Article.from_text(text, published=published))
    return [e.to_dict() for e in events if status is None or e.status == status]


def only(events, event_type):
    found = [e for e in events if e["event"] == event_type]
    assert len(found) == 1, f"expected one {event_type}, got {events}"
    return found[0]


def codes(actors):
    return [a["code"] for a in actors]


# --------------------------------------------------------------------------------------------- arguments


@pytest.mark.parametrize("text, actor, recipient", [
    ("Israeli troops attacked Hamas positions in Gaza on Monday.", "ISRMIL", "PSEINS"),  # active, group modifier
    ("Hamas fighters were attacked by Israeli troops on Monday.", "ISRMIL", "PSEINS"),  # passive with "by"
    ("Russian forces shelled Ukrainian positions near Kharkiv on Monday.", "RUSMIL", "UKR"),  # demonyms
    ("Turkish jets bombed Kurdish militants in northern Iraq on Monday.", "TURMIL", "IRQINS"),  # placed by "in"
])
def test_verb_arguments(coder, text, actor, recipient):
    event = only(code(coder, text), "ASSAULT")
    assert codes(event["actors"]) == [actor]
    assert codes(event["recipients"]) == [recipient]


def test_passive_without_agent_keeps_the_recipient(coder):
    event = only(code(coder, "A police station was attacked in Kabul on Tuesday."), "ASSAULT")
    assert event["actors"] == []
    assert [a["sector"] for a in event["recipients"]] == ["COP"]
    assert event["location"]["country"] == "AFG"


def test_nominal_event_with_possessive_actor_and_against_recipient(coder):
    event = only(code(coder, "Iran's strikes against Jaish al-Adl killed two people on Tuesday."), "ASSAULT")
    assert codes(event["actors"]) == ["IRN"]
    assert event["recipients"][0]["name"] == "Jaish al-Adl"  # and "two people", killed by the same strikes


def test_coordinated_actors_and_with_recipient(coder):
    # one act per pair of parties (stages/dyads.py): Russia's with China and Belarus's with China
    events = [e for e in code(coder, "Russia and Belarus signed an agreement with China on 3 January 2024.")
              if e["event"] == "SUPPORT"]
    assert sorted(codes(e["actors"]) + codes(e["recipients"]) for e in events) == [["BLR", "CHN"], ["RUS", "CHN"]]
    assert {(e["date"], e["date_precision"]) for e in events} == {("2024-01-03", "day")}


def test_relative_clause_actor(coder):
    events = code(coder, "The rebels, who attacked a convoy in Mali on Monday, were arrested by Malian police.")
    assault = only(events, "ASSAULT")
    assert [a["sector"] for a in assault["actors"]] == ["REB"]
    assert assault["location"]["country"] == "MLI"
    arrest = only(events, "COERCE")
    assert codes(arrest["actors"]) == ["MLICOP"]


def test_reported_speech_codes_the_reported_event(coder):
    event = only(code(coder, "The Pentagon said Russian forces shelled Ukrainian positions near Bakhmut."), "ASSAULT")
    assert codes(event["actors"]) == ["RUSMIL"]
    assert event["mode"] == "heavy-weapons"
    assert event["location"]["country"] == "UKR"


def test_titles_give_country_and_sector(coder):
    event = only(code(coder, "Chinese President Xi Jinping met with U.S. President Joe Biden on Wednesday."),
                 "CONSULT")
    assert codes(event["actors"]) == ["CHNGOV"]
    assert codes(event["recipients"]) == ["USAGOV"]


# --------------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize("phrase, date, precision, status", [
    ("on Monday", "2024-01-15", "day", "asserted"),
    ("yesterday", "2024-01-17", "day", "asserted"),
    ("on Thursday", "2024-01-18", "day", "asserted"),
    ("on 3 January", "2024-01-03", "day", "asserted"),
    ("last week", "2024-01-11", "week", "background"),  # what led up to the week's news
])
def test_dates_relative_to_publication(coder, phrase, date, precision, status):
    event = only(code(coder, f"Israeli troops attacked Hamas positions {phrase}.", status=None), "ASSAULT")
    assert (event["date"], event["date_precision"], event["status"]) == (date, precision, status)


def test_undated_event_is_dated_to_publication_within_a_week(coder):
    event = only(code(coder, "Israeli troops attacked Hamas positions."), "ASSAULT")
    assert (event["date"], event["date_precision"]) == ("2024-01-18", "week")


def test_previous_day_counts_from_the_event_before(coder):
    events = code(coder, "Pakistan's military struck militants in Iran on Tuesday. "
                         "Iran had attacked a village in Pakistan on the previous day.")
    by_actor = {codes(e["actors"])[0]: e for e in events if e["event"] == "ASSAULT"}
    assert by_actor["PAKMIL"]["date"] == "2024-01-16"
    assert by_actor["IRN"]["date"] == "2024-01-15"


# --------------------------------------------------------------------------------------------- status


@pytest.mark.parametrize("text, status", [
    ("India could attack Pakistan.", "hypothetical"),
    ("If India attacks Pakistan, the region will suffer.", "hypothetical"),
    ("India did not attack Pakistan.", "negated"),
    ("The Taliban has carried out numerous attacks against Afghan security forces in the past.", "background"),
    # a span of repeated acts summed up is no one act of the day
    ("Militants in Mali have attacked army posts on a daily basis.", "background"),
    ("Militants in Mali have attacked army posts in recent weeks.", "background"),
    ("Militants in Mali attacked army posts on Monday.", "asserted"),
    # what a verb of memory takes is an earlier act
    ("Mali's statement cited the militants' attack on the army post.", "background"),
    ("Mali's announcement referenced the Nigerien army's attack on the rebels.", "background"),
    # a long period summed up by its unit of time
    ("Militants in Mali were blamed for months of attacks on army posts.", "background"),
    ("Mali's army posts have suffered five years of attacks by militants.", "background"),
    # the act a promised punishment answers happened, whatever the promise's mood
    ("Mali said the militants will be punished for the attack on the army post.", "asserted"),
])
def test_status(coder, text, status):
    events = code(coder, text, status=None)
    assert [e["status"] for e in events if e["event"] == "ASSAULT"] == [status]
    assert all(e["date"] is None for e in events if e["status"] == "background")


def test_a_past_act_in_an_after_clause_happened_whatever_the_main_clause_s_mood(coder):
    text = "Officials said the blast could be a reprisal two days after militants attacked an army post in Mali."
    assert [e["status"] for e in code(coder, text, status=None) if e["event"] == "ASSAULT"
            and e["mentions"][0]["trigger"] == "attacked"] == ["asserted"]
    # a condition is no fact
    text = "Officials said Mali could strike back if militants attacked an army post."
    assert [e["status"] for e in code(coder, text, status=None) if e["event"] == "ASSAULT"
            and e["mentions"][0]["trigger"] == "attacked"] == ["hypothetical"]


def test_an_accusation_in_the_simple_present_is_a_position_held(coder):
    def accusations(text):
        return [e["status"] for e in code(coder, text, status=None) if e["event"] == "ACCUSE"]

    lead = "Kenyan troops shelled a Somali border post on Monday.\n"
    assert accusations(lead + "Somalia says the post is civilian, while Kenya accuses it of sheltering "
                              "militants.") == ["background"]
    # but the report's own news: in the past, in a headline, in a quote, or said by the speaker
    assert accusations(lead + "Kenya accused Somalia of sheltering militants.") == ["asserted"]
    assert accusations("Kenya accuses Somalia of sheltering militants\n" + lead) == ["asserted"]
    assert accusations(lead + '"We accuse Somalia of sheltering militants," the minister said.') == ["asserted"]


def test_backing_in_the_simple_present_is_a_position_held(coder):
    def support(text):
        return [e["status"] for e in code(coder, text, status=None) if e["event"] == "SUPPORT"]

    lead = "Kenyan troops shelled a Somali border post on Monday.\n"
    assert support(lead + "Ethiopia backs the Somali government, which it calls its ally.") == ["background"]
    assert support(lead + "Ethiopia backed the Somali government on Tuesday.") == ["asserted"]


def test_an_act_an_accusation_names_is_as_old_as_the_accusation(coder):
    # it happened by the time it was alleged: last year's accusation is of an act before the report's period
    events = code(coder, "Last year, Mali accused Niger of killing three of its soldiers.", status=None)
    assert [e["status"] for e in events if e["event"] == "ASSAULT"] == ["background"]


def test_a_quote_s_mood_is_not_its_reporting_clause_s(coder):
    # the parser hangs the reporting verb on the quoted verb as a conjunct: "should" is the quote's alone
    text = ('"Bolivia should end its threats and focus on dialogue with Peru," Foreign Minister Şükrü Öztürk '
            "tweeted after a phone call with his Peruvian counterpart.")
    calls = [e for e in code(coder, text, status=None) if e["mentions"][0]["trigger"] == "phone call"]
    assert [e["status"] for e in calls] == ["asserted"]


def test_editorial_sentence_codes_nothing(coder):
    assert code(coder, "It is crucial for India and Pakistan to resume talks and end their attacks.",
                status=None) == []


def test_a_link_line_to_another_story_codes_nothing(coder):
    # a web page's pointer to another story between paragraphs is not this report's news
    text = ("Kenyan troops shelled a Somali border post on Monday.\n\nAlso Read: Uganda's president meets "
            "Tanzania's foreign minister\n\nThe shelling lasted two hours.")
    events = code(coder, text, status=None)
    assert [e["event"] for e in events] == ["ASSAULT"]


def test_negated_worsening_is_an_intent_to_deescalate(coder):
    events = code(coder, "India and Pakistan said they do not want the situation to worsen.")
    event = only(events, "AGREE")
    assert sorted(codes(event["actors"])) == ["IND", "PAK"]
    assert all(e["event"] != "ASSAULT" for e in code(coder, "India and Pakistan said they do not want the "
                                                             "situation to worsen.", status=None))


# --------------------------------------------------------------------------------------------- places, datelines


def test_dateline_is_neither_actor_nor_place(coder):
    text = "KABUL, Afghanistan — Pakistani jets bombed militant hideouts in Khost province on Friday."
    event = only(code(coder, text), "ASSAULT")
    assert codes(event["actors"]) == ["PAKMIL"]
    assert event["location"]["country"] == "AFG"
    assert event["location"]["name"] != "Kabul"
    assert event["mentions"][0]["start"] == text.index("Pakistani")


def test_place_of_recipient_base(coder):
    event = only(code(coder, "Iran struck Jaish al-Adl, a group based in Pakistan's Balochistan province."),
                 "ASSAULT")
    assert (event["location"]["country"], event["location"]["admin1"]) == ("PAK", "PK-BA")


def test_an_act_spread_over_several_provinces_is_placed_in_their_country(coder):
    event = only(code(coder, "Pakistani troops shelled villages in the Kunar, Nangarhar and Khost provinces of "
                             "Afghanistan on Monday."), "ASSAULT")
    assert (event["location"]["country"], event["location"]["admin1"]) == ("AFG", None)
    event = only(code(coder, "Pakistani troops shelled villages in Nangarhar province on Monday."), "ASSAULT")
    assert (event["location"]["country"], event["location"]["admin1"]) == ("AFG", "AF-NAN")


@pytest.mark.parametrize(("text", "recipient"), [
    ("The African Union will respond to Kenya's request for aid with a fact-finding mission.", "IGOAU"),
    ("The African Union granted Kenya's request for aid on Monday.", "IGOAU"),
    ("The African Union responded on Monday to Kenya's appeal for help.", "IGOAU"),
    # whoever acts on it: "met at the request of", "is due to meet at Kenya's request"
    ("The African Union met on Friday at the request of Kenyan President William Ruto.", "IGOAU"),
    ("The African Union is expected to meet on Friday at Kenya's request.", "IGOAU"),
    # the act is a gathering, held at the request: the body that gathered
    ("An emergency session of the African Union was held on Friday at Kenya's request.", "IGOAU"),
    ("The outcome was an emergency session of the African Union held on Friday upon Kenya's request.", "IGOAU"),
])
def test_a_request_is_made_to_whoever_answers_it(coder, text, recipient):
    requests = [e for e in code(coder, text) if e["event"] == "REQUEST"]
    assert requests and [a["code"] for a in requests[0]["recipients"]] == [recipient], requests


# --------------------------------------------------------------------------------------------- one event, links


def test_anaphors_join_the_event_and_response_links(coder):
    text = ("Turkish jets bombed Kurdish militants in Syria on Monday. This came as a response to a PKK attack "
            "on Turkish soldiers on the previous day. The strikes were carried out in Syria's Idlib province.")
    events = code(coder, text)
    turkey = [e for e in events if codes(e["actors"]) == ["TURMIL"]]
    assert len(turkey) == 1
    strike = turkey[0]
    assert strike["num_mentions"] == 3
    assert strike["location"]["admin1"] is not None and strike["location"]["country"] == "SYR"
    pkk = [e for e in events if e["event"] == "ASSAULT" and e is not strike]
    assert len(pkk) == 1 and pkk[0]["date"] == "2024-01-14"
    assert strike["responds_to"] == [pkk[0]["id"]]


@pytest.mark.parametrize("text, answer", [
    ("Thailand expelled Cambodia's ambassador on Monday. Cambodia responded by downgrading ties with Thailand.",
     "SANCTION"),
    ("Thai jets bombed Cambodian positions on Monday. In retaliation, Cambodia condemned the bombing.", "ACCUSE"),
])
def test_an_answer_that_names_no_act_answers_the_other_sides_latest_act(coder, text, answer):
    events = code(coder, text)
    first = [e for e in events if codes(e["actors"])[0].startswith("THA")]
    reply = [e for e in events if e["event"] == answer and codes(e["actors"])[0].startswith("KHM")]
    assert len(first) == 1 and len(reply) == 1, events
    assert reply[0]["responds_to"] == [first[0]["id"]]


def test_an_answer_answers_an_act_done_to_its_side_by_no_one_named(coder):
    events = code(coder, "A landmine explosion seriously injured a Kenyan soldier on Wednesday. In response, the "
                         "Kenyan government shut four border checkpoints.")
    blast = only(events, "ASSAULT")
    closure = only(events, "COERCE")
    assert closure["responds_to"] == [blast["id"]]
    # an act of its own side is still no act it answers
    events = code(coder, "Kenyan troops shelled a village on Wednesday. In response, the Kenyan government shut "
                         "four border checkpoints.")
    assert only(events, "COERCE")["responds_to"] == []


def test_an_answer_answers_an_act_that_names_no_party_as_the_other_side_s(coder):
    # a landmine no one is named for, and no victim's country: the answer (aimed, as the article is, at Chile) says
    # whose it was and whom it hit
    events = code(coder, "Tensions between Peru and Chile rose again on Monday over their disputed border. A patrol "
                         "soldier stepped on a landmine near the border, losing a leg. The Peruvian army responded by "
                         "closing four border checkpoints with Chile. Chile denied planting the mines, and Chilean "
                         "officials called for talks with Peru.")
    mine = only(events, "ASSAULT")
    assert codes(mine["actors"]) == ["CHL"] and codes(mine["recipients"]) == ["PER"]
    assert only(events, "COERCE")["responds_to"] == [mine["id"]]


def test_a_threat_is_not_an_act_an_answer_answers(coder):
    events = code(coder, "Thailand threatened to close the border on Monday. Cambodia responded by downgrading "
                         "ties with Thailand.")
    reply = [e for e in events if e["event"] == "SANCTION"]
    assert len(reply) == 1 and reply[0]["responds_to"] == []


@pytest.mark.parametrize("text, answer, answered", [
    ("Kenya recalled its ambassador to Somalia after a landmine explosion wounded five Kenyan soldiers.",
     "SANCTION", "ASSAULT"),
    ("Kenya appealed to the African Union after Somalia launched an attack on Kenya.", "REQUEST", "ASSAULT"),
])
def test_an_act_after_the_other_side_s_act_answers_it(coder, text, answer, answered):
    events = code(coder, text)
    reply = [e for e in events if e["event"] == answer]
    first = [e for e in events if e["event"] == answered]
    assert len(reply) == 1 and len(first) == 1, events
    assert reply[0]["responds_to"] == [first[0]["id"]]


@pytest.mark.parametrize(("text", "is_attack"), [
    ("A landmine incident on the border left five Kenyan soldiers wounded.", True),
    ("A mine incident at the coal pit left five workers wounded.", False),  # a mine is also a pit
])
def test_an_incident_named_by_its_weapon_is_an_attack(coder, text, is_attack):
    triggers = {m["trigger"] for e in code(coder, text) if e["event"] == "ASSAULT" for m in e["mentions"]}
    assert any(t.endswith("incident") for t in triggers) == is_attack, triggers


@pytest.mark.parametrize("text", [
    "Kenya recalled its ambassador to Somalia after talks with Somalia broke down.",  # no material act
    "Kenyan jets bombed Somali positions after Kenyan troops shelled a Somali village.",  # its own side's act
])
def test_an_act_after_something_else_answers_nothing(coder, text):
    assert all(e["responds_to"] == [] for e in code(coder, text))


@pytest.mark.parametrize("text, event, expected", [
    ("Kenya was defending its territory, the minister said.", "SUPPORT", False),
    ("The Kenyan army protected its territory on Monday.", "AID", False),
    ("Russia defended Syria at the United Nations.", "SUPPORT", True),
    ("UN peacekeepers protected civilians in Juba.", "AID", True),
])
def test_holding_one_s_own_ground_is_no_support_of_another(coder, text, event, expected):
    assert any(e["event"] == event for e in code(coder, text)) is expected


@pytest.mark.parametrize("text, doer", [
    # the act named again without its doer: the doer of the act it points back to
    ("Kenyan jets struck the Somali consulate in Nairobi on Monday. On Tuesday, the Somali president strongly "
     "condemned the consulate attack.", "KEN"),
    ("Somali rockets hit a Kenyan village on Sunday. The Kenyan army denounced the attack as a deliberate act "
     "against civilians.", "SOM"),
    # the act, not the outcome told after it that names no one ("killed or injured")
    ('The Kenyan defence ministry said that Somalia attacked the border post and that "all those present in the '
     'building have been killed or injured."\n\nKenya\'s foreign minister said, "We strongly condemn this heinous '
     'terrorist attack."', "SOM"),
    # not the country of the site the act's own phrase names
    ("Somalia's president says Kenya will be punished for Ethiopia embassy attack\n\nOn Tuesday, the Somali "
     "president strongly condemned the embassy attack.", "KEN"),
])
def test_a_disapproval_of_an_act_is_aimed_at_its_doer(coder, text, doer):
    accuse = only(code(coder, text), "ACCUSE")
    assert {a["country"] for a in accuse["recipients"]} == {doer}


def test_a_building_before_an_event_noun_is_no_doer(coder):
    events = code(coder, "Two guards were killed in the consulate attack.")
    assert all(a["sector"] != "GOV" for e in events if e["event"] == "ASSAULT" for a in e["actors"])


@pytest.mark.parametrize("text, doer", [
    ("Sirens sounded in Tacna after an attack from Chile on Tuesday.", "CHL"),
    ("The rocket fire from Peru hit a school in Arica on Tuesday.", "PER"),
])
def test_the_side_an_attack_came_from_did_it(coder, text, doer):
    event = only(code(coder, text), "ASSAULT")
    assert {a["country"] for a in event["actors"]} == {doer}
    assert doer not in {a["country"] for a in event["recipients"]}


@pytest.mark.parametrize("text, attack", [
    ("Earlier, the army has launched an urgent operation to remove the unexploded rocket and rescue survivors in "
     "Tacna.", False),
    ("On Tuesday the army launched an operation to evacuate villagers from Tacna.", False),
    ("On Tuesday the army launched an operation against rebels in Tacna.", True),
])
def test_an_operation_to_save_or_clear_is_no_attack(coder, text, attack):
    assert any(e["event"] == "ASSAULT" for e in code(coder, text)) == attack


def test_a_meeting_s_from_phrase_is_where_it_was_held_not_who_held_it(coder):
    events = code(coder, "The envoy spoke with reporters in a teleconference from Lima on Tuesday.")
    assert all(a["country"] != "PER" for e in events for a in e["actors"])


def test_output_contract_fields(coder):
    event = code(coder, "Israeli troops attacked Hamas positions on Monday.")[0]
    assert set(event) == {"id", "event", "mode", "context", "cameo", "quad", "goldstein", "date", "date_precision",
                          "status", "actors", "recipients", "location", "mentions", "responds_to", "num_mentions",
                          "num_articles", "num_sources", "coder"}
    assert event["quad"] == 4 and event["cameo"].startswith("19") and isinstance(event["goldstein"], float)
    assert set(event["actors"][0]) == {"text", "code", "country", "sector", "name", "id"}
    assert set(event["mentions"][0]) == {"article_id", "sentence", "start", "end", "trigger", "rule"}
    assert event["coder"].startswith("flashpoint.rules/")


def test_office_holders_act_for_their_state_and_names_match_in_exact_case(coder):
    event = only(code(coder, "Putin met Erdogan in Ankara on Monday."), "CONSULT")
    assert codes(event["actors"]) == ["RUSGOV"] and codes(event["recipients"]) == ["TURGOV"]
    assert event["actors"][0]["name"] == "Vladimir Putin"
    doc = coder.nlp("He played his trump card.")
    assert [e.label_ for e in doc.ents if e.text.lower() == "trump"] == []


def test_state_agents_act_on_their_own_people_unless_placed_elsewhere(coder):
    event = only(code(coder, "Kenyan police fired tear gas at demonstrators on Tuesday."), "ASSAULT")
    assert codes(event["recipients"]) == ["KENCVL"]


def test_two_named_parties_agreeing_leave_the_other_party_unsaid(coder):
    event = only(code(coder, "Hungary and Romania agreed on Wednesday to open a new border crossing."), "AGREE")
    assert sorted(codes(event["actors"])) == ["HUN", "ROU"] and event["recipients"] == []


def test_rebels_placed_elsewhere_keep_off_the_speakers_country(coder):
    event = only(code(coder, "British Foreign Secretary Jack Straw said the rebels in Darfur must reach an agreement."),
                 "REQUEST")
    assert codes(event["actors"]) == ["GBRGOV"] and "GBRREB" not in codes(event["recipients"])


def test_two_states_exercising_together_cooperate(coder):
    event = only(code(coder, "Indian and French warships launched war games in the Arabian Sea on Monday."),
                 "COOPERATE")
    assert sorted(codes(event["actors"])) == ["FRAMIL", "INDMIL"]
    assert only(code(coder, "North Korea staged military drills on Monday."), "MOBILIZE")


def test_violating_a_ceasefire_agreement_is_fighting(coder):
    assert only(code(coder, "The rebels violated the ceasefire agreement in the north on Sunday."), "ASSAULT")


def test_provider_of_aid_acts(coder):
    event = only(code(coder, "Japan provided emergency food aid to flood victims in Bangladesh on Monday."), "AID")
    assert codes(event["actors"]) == ["JPN"]


@pytest.mark.parametrize("text, event_type", [
    ("Germany suspended part of its military aid program for Turkey on Monday.", "SANCTION"),
    ("Japan will send 5,000 tons of food aid to North Korea, officials said on Monday.", "AGREE"),
    ("Norwegian doctors handed over 300 kg of medicine to the Red Cross in Kabul on Monday.", "AID"),
])
def test_an_amount_or_part_of_something_stands_for_it(coder, text, event_type):
    assert only(code(coder, text), event_type)


def test_releasing_a_named_official_is_met_through_the_title(coder):
    event = only(code(coder, "The rebels said they will release Governor Juan Perez on Sunday."), "AGREE")
    assert event["cameo"] == "0353"


def test_out_of_the_question_rules_the_act_out(coder):
    events = code(coder, "French officials said on Monday that lifting the embargo on Iran is out of the question.")
    assert only(events, "REJECT")


def test_past_tense_verb_misread_as_a_participle_keeps_its_subject(coder):
    events = code(coder, "Palestinian youths resorted to throwing stones during protests in Hebron, "
                         "witnesses said on Friday.")
    assert any(e["event"] == "PROTEST" and e["actors"] for e in events)


@pytest.mark.parametrize("text, doer", [
    # whoever is accused of or blamed for an act did it, not whoever accuses
    ("Officials reported a skirmish near the river, with Uganda accusing Kenyan forces of firing three mortar "
     "rounds into Busia district.", "KEN"),
    ("Ethiopia blamed Eritrean soldiers for killing two farmers.", "ERI"),
    # ... and an act noun in the phrase of the judging: who is punished for it did it
    ("Somalia said Kenya would be punished for the attack on its border post.", "KEN"),
])
def test_the_judged_party_did_the_act_it_is_judged_for(coder, text, doer):
    events = code(coder, text)
    assaults = [e for e in events if e["event"] == "ASSAULT"]
    assert assaults and all(a["country"] == doer for e in assaults for a in e["actors"]) \
        and all(e["actors"] for e in assaults)


@pytest.mark.parametrize("text", [
    "Kenya condemned Somalia at the United Nations on Monday.",
    "Kenyan police shot a Somali trader at the market in Garissa.",
])
def test_a_venue_after_a_named_party_is_no_second_party(coder, text):
    events = code(coder, text)
    assert len(events) == 1 and [r["country"] for r in events[0]["recipients"]] == ["SOM"]


def test_who_is_held_accountable_in_a_small_clause_is_the_recipient(coder):
    event = only(code(coder, "The Kenyan government is holding Somalia accountable."), "ACCUSE")
    assert codes(event["recipients"]) == ["SOM"]


@pytest.mark.parametrize("text", [
    "Two Kenyan soldiers were reported killed near the Somali border on Monday.",
    "Forty Kenyan soldiers have been confirmed killed since the fighting began.",
])
def test_those_reported_killed_are_the_victims(coder, text):
    event = only(code(coder, text), "ASSAULT")
    assert "KEN" not in [a["country"] for a in event["actors"]]
    assert [r["country"] for r in event["recipients"]] == ["KEN"]


def test_reports_of_one_attack_on_a_state_s_building_and_its_soldiers_are_one_event(coder):
    # within one report as across reports: a state is attacked through its government or its forces alike
    events = code(coder, "Sudanese jets bombed Chad's embassy in Khartoum on Monday, Chadian officials said. Three "
                          "Chadian soldiers were killed by Sudanese jets in Khartoum on Monday.")
    assert len([e for e in events if e["event"] == "ASSAULT"]) == 1


def test_a_state_s_named_force_and_the_state_are_one_doer_within_a_report(coder):
    # "Burkina Faso's VDP militia took control ..." and "Burkina Faso had taken control ...": one act
    events = code(coder, "Burkina Faso's VDP militia took control of a village near Djibo on Monday. Officials in "
                         "Niamey said Burkina Faso had taken control of the village.")
    seizures = [e for e in events if e["event"] == "COERCE"]
    assert len(seizures) == 1 and len(seizures[0]["mentions"]) == 2


def test_allowing_refugees_is_letting_them_in(coder):
    event = only(code(coder, "Jordan will allow 5,000 Syrian refugees to return home next month, officials said."),
                 "AGREE")
    assert event["cameo"] == "0355"


def test_negation_does_not_reach_an_act_under_a_condition(coder):
    events = code(coder, "Israeli officials said they would not agree to a truce unless hostages were released.",
                  status=None)
    assert [(e["event"], e["status"]) for e in events] == [("AGREE", "negated")]


@pytest.mark.parametrize("text, country", [
    # a possessor owns what it possesses: the consulate of Tehran in Damascus is in Syria
    ("An Israeli strike on Tehran's consulate in Damascus killed seven officers on Monday.", "SYR"),
    # a possessor of a place noun is where it is
    ("Turkish jets bombed Kurdish militants on Iraq's border on Monday.", "IRQ"),
])
def test_a_possessor_is_a_place_only_of_a_place(coder, text, country):
    event = only(code(coder, text), "ASSAULT")
    assert event["location"]["country"] == country


def test_a_preposition_of_the_trigger_opens_a_party_not_a_place(coder):
    # "called on Ethiopia": the appeal is made to Ethiopia, not in it; with no place of its own, and the article
    # mostly about Kenya, which is no party to it, it is placed nowhere (see the next test)
    event = only(code(coder, "Kenya's president spoke in Nairobi on Monday. The African Union called on Ethiopia "
                             "and Eritrea to exercise restraint."), "REQUEST")
    assert [r["country"] for r in event["recipients"]] == ["ETH", "ERI"]
    assert event["location"] is None


def test_a_statement_takes_the_articles_country_only_where_that_country_is_a_party_to_it(coder):
    # a statement says nothing of where it was made: the country the article is mostly about stands in for its place
    # only when that country is one of its parties ("Chile accused Peru", in a report about Peru); the Security
    # Council's meeting on the crisis did not happen in Peru, and placing it there would part it from the reports of
    # the same meeting in articles about Chile
    events = code(coder, "Protests spread across Peru on Monday. Police in Lima detained dozens. The United Nations "
                         "Security Council held an emergency meeting on the crisis. Chile accused Peru of massing "
                         "troops on the border. Bolivian soldiers shot two smugglers. Brazil announced sanctions "
                         "against Chile.")
    assert only(events, "CONSULT")["location"] is None
    assert only(events, "SANCTION")["location"] is None  # announced in Brasilia, aimed at Chile: not done in Peru
    assert only(events, "ACCUSE")["location"]["country"] == "PER"
    # an act, unlike a statement, happened somewhere: where the article is, when its sentence names no place
    assert only(events, "ASSAULT")["location"]["country"] == "PER"


def test_talks_on_a_place_are_about_it_not_held_there(coder):
    # a meeting's 'on' phrase is its topic (argument_words.tsv: topic_place_prep); an attack's is where it hit
    talks = only(code(coder, "Diplomats from Egypt and Jordan held talks on Libya on Monday."), "CONSULT")
    assert (talks["location"] or {}).get("country") != "LBY"
    assert "LBY" not in [r["country"] for r in talks["recipients"]]
    strikes = only(code(coder, "Israeli jets carried out strikes on Gaza on Monday."), "ASSAULT")
    assert strikes["location"]["country"] == "PSE"


@pytest.mark.parametrize("text", [
    "Sudanese jets struck the embassy in Ndjamena on Monday.",
    "Chad's interior ministry said Sudan attacked the consulate building in Abeche.",
])
def test_a_mission_is_never_its_host_country_s(coder, text):
    # an embassy or consulate named without its country is some other country's: not Chad's, where it stands
    event = only(code(coder, text), "ASSAULT")
    assert event["location"]["country"] == "TCD"
    assert "TCD" not in [r["country"] for r in event["recipients"]]


def test_a_mission_named_again_is_the_country_s_named_before(coder):
    events = code(coder, "Sudan ordered the closure of Chad's embassy in Khartoum on Monday. On Tuesday, Sudanese "
                         "police raided the embassy building.")
    assert codes(only(events, "ASSAULT")["recipients"]) == ["TCDGOV"]


def test_an_answer_s_phrase_covers_every_verb_it_governs(coder):
    events = code(coder, "Kenyan troops shelled Somali villages on Monday. In response, Somalia recalled its "
                         "ambassador and closed the border with Kenya.")
    shelling = only(events, "ASSAULT")
    assert only(events, "COERCE")["responds_to"] == [shelling["id"]]


def test_an_attack_no_one_claims_answered_by_one_side_is_read_as_the_other_side_s(coder):
    events = code(coder, "Kenya downgraded relations with Somalia on Wednesday following another landmine "
                         "incident.")
    mine = only(events, "ASSAULT")
    assert (codes(mine["actors"]), codes(mine["recipients"])) == (["SOM"], ["KEN"])
    assert only(events, "SANCTION")["responds_to"] == [mine["id"]]
    # an answer aimed at no other country implies no one
    assert not [e for e in code(coder, "Kenya declared a day of mourning on Wednesday following another landmine "
                                       "incident.") if e["event"] == "ASSAULT"]


@pytest.mark.parametrize("text", [
    "Kenya downgraded relations with Somalia on Wednesday, after a landmine near the border wounded Kenyan soldiers.",
    "Kenyan jets bombed Somali positions on Wednesday in retaliation for a mortar attack that wounded four Kenyan "
    "soldiers.",
])
def test_an_answered_attack_that_names_only_its_victims_is_the_answered_side_s(coder, text):
    # the answer says whom its side holds the doer: the mine or the mortars are Somalia's, and hit Kenya
    events = code(coder, text)
    answer = next(e for e in events if e["responds_to"])
    (attack,) = [e for e in events if e["id"] in answer["responds_to"]]
    assert [a["country"] for a in attack["actors"]] == ["SOM"]
    assert {a["country"] for a in attack["recipients"]} == {"KEN"}
    assert attack["location"]["country"] == "KEN"  # where the answering side was hit, not where it answers


def test_an_answered_attack_with_a_doer_of_its_own_keeps_it(coder):
    events = code(coder, "Kenyan jets bombed Somali positions on Wednesday in retaliation for an attack by "
                         "Ethiopian militias that wounded four Kenyan soldiers.")
    answer = next(e for e in events if e["responds_to"])
    (attack,) = [e for e in events if e["id"] in answer["responds_to"]]
    assert "SOM" not in [a["country"] for a in attack["actors"]]


@pytest.mark.parametrize("text", [
    "The African Union met on Friday at the request of Kenyan President William Ruto.",
    "The African Union held an emergency meeting on Friday upon Kenya's request.",
    # the parser hangs the participle on the body: the gathering above it answers
    "The outcome was an extraordinary session of ECOWAS held earlier on Friday upon Kenya's request.",
])
def test_an_act_done_at_a_request_answers_it(coder, text):
    events = code(coder, text)
    meeting = only(events, "CONSULT")
    request = only(events, "REQUEST")
    assert meeting["responds_to"] == [request["id"]]
    assert [a["country"] for a in request["actors"]] == ["KEN"]


@pytest.mark.parametrize(("text", "event", "actor"), [
    ("The African Union is expected to meet on Friday to discuss the crisis.", "CONSULT", "IGOAU"),
    ("Kenyan troops were ordered by Nairobi to withdraw from the border on Monday.", "RETREAT", "KENMIL"),
])
def test_the_passive_subject_does_what_it_is_expected_or_ordered_to_do(coder, text, event, actor):
    found = [e for e in code(coder, text, status=None) if e["event"] == event]  # what is expected is still to come
    assert found and codes(found[0]["actors"]) == [actor], found


@pytest.mark.parametrize("text", [
    "An extraordinary session of the African Union was held on Tuesday.",
    "The outcome was an emergency session of the African Union held on Tuesday.",
])
def test_a_gathering_s_of_phrase_names_who_met(coder, text):
    assert codes(only(code(coder, text), "CONSULT")["actors"]) == ["IGOAU"]


def test_an_order_to_no_one_named_is_no_demand(coder):
    assert not [e for e in code(coder, "The Kenyan government ordered the closure of two schools on Monday.")
                if e["event"] == "REQUEST"]
    demand = only(code(coder, "Kenya ordered Somali diplomats to leave the country on Monday."), "REQUEST")
    assert [a["country"] for a in demand["recipients"]] == ["SOM"]


@pytest.mark.parametrize(("text", "event", "recipients"), [
    ("Brazil backed Peru against Chile on Monday.", "SUPPORT", ["PER"]),
    ("Peru defends its actions against Chile.", "SUPPORT", []),
    ("Peru launched attacks against Chile on Monday.", "ASSAULT", ["CHL"]),
])
def test_against_names_the_target_of_a_hostile_act_and_not_of_a_cooperative_one(coder, text, event, recipients):
    assert [a["country"] for a in only(code(coder, text), event)["recipients"]] == recipients


@pytest.mark.parametrize("text", [
    "Border clashes between Peru, Chile enter third day",
    "Clashes between Peru and Chile entered a third day.",
])
def test_a_headline_s_comma_between_two_names_joins_them_as_the_two_sides(coder, text):
    pairs = sorted((codes(e["actors"]), codes(e["recipients"])) for e in code(coder, text) if e["event"] == "ASSAULT")
    assert pairs == [(["CHL"], ["PER"]), (["PER"], ["CHL"])]


def test_verbal_abuse_is_no_assault(coder):
    assert not [e for e in code(coder, "The guards verbally abused the prisoners on Monday.") if e["event"] == "ASSAULT"]
    assault = only(code(coder, "Three men started verbally abusing her and one man molested her on Monday."), "ASSAULT")
    assert assault["mode"] == "sexual"


def test_the_organization_is_the_international_body_named_before_it(coder):
    text = "The government of Peru, a Mercosur member, appealed to the organization after Chile attacked Peru."
    assert codes(only(code(coder, text), "REQUEST")["recipients"]) == ["IGOMERCOSUR"]


def test_calling_someone_for_something_is_a_call_not_a_call_for_it(coder):
    assert not [e for e in code(coder, "Ushakov said Boric had called Lula at night for an urgent exchange of "
                                        "opinions about the situation.") if e["event"] == "REQUEST"]
    assert only(code(coder, "Boric called for talks with Peru."), "REQUEST")


_CRISIS = "Chile shelled Peru on Monday. Peru said Chile had fired first, and Chile blamed Peru. "


def test_one_side_asking_two_others_makes_a_request_of_each(coder):
    requests = [e for e in code(coder, _CRISIS + "Peru asked Brazil and the United Nations for help.")
                if e["event"] == "REQUEST"]
    assert sorted(codes(e["recipients"])[0] for e in requests) == ["BRA", "IGOUNO"]


def test_a_third_party_s_appeal_to_both_sides_is_one_request(coder):
    request = only(code(coder, _CRISIS + "Brazil urged Peru and Chile to show restraint."), "REQUEST")
    assert sorted(codes(request["recipients"])) == ["CHL", "PER"]


def test_whom_a_sanction_targets_is_its_scope_not_an_attack(coder):
    events = code(coder, "Biden announced new sanctions against Peru on Thursday targeting Lima's drone program.")
    assert [e["event"] for e in events] == ["SANCTION"]
    strikes = code(coder, "Chile launched strikes on Thursday targeting Peruvian army bases.")
    assert codes(only(strikes, "ASSAULT")["recipients"]) == ["PERMIL"]


def test_a_state_s_accusation_is_one_event_whichever_of_its_voices_a_report_quotes(coder):
    text = ("Peru's army condemned the Chilean strike on Lima. Separately, Peru's foreign minister held Chile "
            "responsible for the consequences, in a call with his Bolivian counterpart.")
    accusation = only(code(coder, text), "ACCUSE")
    assert sorted(codes(accusation["actors"])) == ["PERGOV", "PERMIL"]
    assert codes(accusation["recipients"]) == ["CHL"]


@pytest.mark.parametrize("text", [
    "Peru and Chile clashed on Monday. The Peruvian embassy in Santiago urged Peruvian nationals to leave Chile.",
    "Peru and Chile clashed on Monday. Peru's defence ministry called on its citizens not to post videos of troops.",
    "Peru and Chile clashed on Monday. Boric urged Chileans to remain calm.",
])
def test_an_appeal_to_the_actor_s_own_people_is_an_advisory_not_a_request(coder, text):
    assert not [e for e in code(coder, text) if e["event"] == "REQUEST"]


@pytest.mark.parametrize(("text", "recipient"), [
    ("Peru and Chile clashed on Monday. The UN urged Peruvians to remain calm.", "PER"),
    ("Peru and Chile clashed on Monday. Peru urged Chile to withdraw its troops.", "CHL"),
])
def test_an_appeal_to_another_party_s_people_is_a_request(coder, text, recipient):
    assert [a["country"] for a in only(code(coder, text), "REQUEST")["recipients"]] == [recipient]


def test_an_extraordinary_session_is_a_meeting_and_a_bare_one_is_not(coder):
    assert only(code(coder, "The African Union held an extraordinary session on Tuesday."), "CONSULT")
    assert not [e for e in code(coder, "Parliament opened its autumn session on Tuesday.") if e["event"] == "CONSULT"]


@pytest.mark.parametrize("text", [
    "The African Union discussed Kenya's attack on Somalia on Tuesday.",
    "The African Union held a meeting on Tuesday to discuss the raid on Somalia.",
])
def test_an_act_talked_about_names_no_party_of_the_talk(coder, text):
    meeting = only(code(coder, text), "CONSULT")
    assert codes(meeting["actors"]) == ["IGOAU"] and meeting["recipients"] == [], meeting


def test_talks_about_an_act_still_name_who_took_part(coder):
    meeting = only(code(coder, "Kenya held talks with Somalia on Tuesday to discuss the raid."), "CONSULT")
    assert [a["country"] for a in meeting["recipients"]] == ["SOM"], meeting


@pytest.mark.parametrize("text", [
    "The Kenyan foreign ministry did not respond to a request for comment on Tuesday.",
    "Somalia's government did not immediately answer requests for comment.",
])
def test_a_request_for_comment_is_the_press_at_work(coder, text):
    assert not [e for e in code(coder, text, status=None) if e["event"] == "REQUEST"]


def _parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str], ents: list[str]):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, ents=ents, lemmas=[w.lower() for w in words])


@pytest.mark.parametrize(("words", "heads", "deps", "pos", "ents", "doers"), [
    # a place's name before a site says where the site is: "the Nairobi embassy attack"
    (["the", "Nairobi", "embassy", "attack"], [3, 3, 3, 3], ["det", "compound", "compound", "ROOT"],
     ["DET", "PROPN", "NOUN", "NOUN"], ["O", "B-GPE", "O", "O"], []),
    (["the", "Nairobi", "embassy", "attack"], [3, 2, 3, 3], ["det", "compound", "compound", "ROOT"],
     ["DET", "PROPN", "NOUN", "NOUN"], ["O", "B-GPE", "O", "O"], []),
    # ... before a weapon, who used it: "the Kenya drone strike"; a people's name still acts
    (["the", "Kenya", "drone", "strike"], [3, 2, 3, 3], ["det", "compound", "compound", "ROOT"],
     ["DET", "PROPN", "NOUN", "NOUN"], ["O", "B-GPE", "O", "O"], ["Kenya"]),
    (["a", "Somali", "hotel", "attack"], [3, 3, 3, 3], ["det", "amod", "compound", "ROOT"],
     ["DET", "ADJ", "NOUN", "NOUN"], ["O", "B-NORP", "O", "O"], ["Somali"]),
])
def test_a_place_before_a_site_names_no_doer(words, heads, deps, pos, ents, doers):
    from flashpoint.extract.arguments import _noun_doers
    doc = _parsed(words, heads, deps, pos, ents)
    assert [t.text for t in _noun_doers(doc[3])] == doers


@pytest.mark.parametrize(("text", "event", "recipient"), [
    # "his country": the country of whoever "his" stands for, a person before a people named alone
    ("The Kenyan foreign minister condemned the Somali shelling targeting his country's embassy in Mogadishu.",
     "ASSAULT", "KEN"),
    ("The Kenyan foreign minister said Somali forces shelled his country's border posts on Monday.", "ASSAULT", "KEN"),
])
def test_a_pronoun_s_country_is_the_country_of_whoever_the_pronoun_stands_for(coder, text, event, recipient):
    found = only(code(coder, text), event)
    assert [a["country"] for a in found["recipients"]] == [recipient], found


@pytest.mark.parametrize("text", [
    "Kenya called on the international community to condemn Somalia's actions on Monday.",
    "Kenya urged the regional bloc to impose sanctions on Somalia.",
])
def test_a_request_is_made_to_its_addressee_not_to_the_target_of_what_it_asks(coder, text):
    request = only(code(coder, text), "REQUEST")
    assert "SOM" not in [a["country"] for a in request["recipients"]], request


@pytest.mark.parametrize("text", [
    "Kenya's president called the summit a demonstration of regional unity.",  # what the summit is called
    "Kenya called a meeting with Somalia on Monday.",  # convening a meeting cancels nothing
])
def test_calling_something_a_name_or_calling_a_meeting_is_no_protest_nor_sanction(coder, text):
    assert not [e for e in code(coder, text, status=None) if e["event"] in ("PROTEST", "SANCTION")]


def test_calling_off_a_meeting_still_cancels_it(coder):
    assert only(code(coder, "Kenya called off the meeting with Somalia on Monday."), "SANCTION")


@pytest.mark.parametrize("text", [
    "The Kenyan government decided on Monday to recall the Kenyan ambassador to Somalia.",
    "Nairobi withdrew the Kenyan envoy in Mogadishu on Monday.",
])
def test_an_envoy_recalled_is_the_actor_s_own_and_the_recall_aimed_at_where_it_served(coder, text):
    recall = only(code(coder, text), "SANCTION")
    assert [a["country"] for a in recall["recipients"]] == ["SOM"], recall


@pytest.mark.parametrize("text", [
    "Nairobi warned it would retaliate for a Somali strike on its embassy in Ethiopia.",
    "Kenya vowed to avenge the Somali strike on its embassy in Addis Ababa.",
])
def test_an_answer_is_aimed_at_whoever_did_the_act_it_answers(coder, text):
    threat = only(code(coder, text), "THREATEN")
    assert [a["country"] for a in threat["recipients"]] == ["SOM"], threat


@pytest.mark.parametrize(("text", "event"), [
    # what a party owns is its own wherever it is
    ("Kenya said Somali militants attacked its soldiers in Mogadishu on Monday.", "ASSAULT"),
    # "Kenya and its people": the pronoun of a conjunct stands for the conjunct before it
    ("Somalia's president said on Monday that Ethiopia supports Kenya and its people.", "SUPPORT"),
])
def test_a_possessive_pronoun_s_owner_is_the_recipient_s_country(coder, text, event):
    found = only(code(coder, text), event)
    assert {a["country"] for a in found["recipients"]} == {"KEN"}, found


def test_a_name_the_parser_splits_off_the_subject_is_no_second_party(coder):
    # the parser makes "General John Mwangi" a second subject of "arrived"
    visit = only(code(coder, "A delegation from the African Union led by its chief of staff General John Mwangi "
                             "arrived in Kenya on Thursday to begin a monitoring mission."), "CONSULT")
    assert codes(visit["actors"]) == ["IGOAU"] and [a["country"] for a in visit["recipients"]] == ["KEN"], visit


@pytest.mark.parametrize("text", [
    "Kenya is investigating the attack on its embassy in Mogadishu.",
    "Nairobi was investigating an overnight attack on Kenya, the minister said.",
])
def test_an_investigation_of_an_act_is_aimed_at_its_doer_not_at_where_it_was_done(coder, text):
    probe = only(code(coder, text), "ACCUSE")
    assert not {a["country"] for a in probe["recipients"]} & {"SOM", "KEN"}, probe
