"""When an act happened: history is background, weekdays near a page's date, the date of the governing phrase."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.resolve.dates import is_history, resolve_date

TUESDAY = dt.date(2024, 3, 12)
MONDAY = dt.date(2024, 3, 11)


@pytest.mark.parametrize("date, precision, history", [
    (dt.date(2024, 3, 1), "day", False),       # the act of eleven days ago, told again
    (dt.date(2023, 10, 7), "day", True),       # half a year before the report
    (dt.date(2024, 2, 1), "month", True),      # "in February", in a March report
    (dt.date(2024, 3, 1), "month", False),     # "earlier this month"
    (dt.date(2020, 7, 1), "year", True),       # "in 2020"
    (dt.date(2024, 7, 1), "year", False),      # "this year"
    (dt.date(2024, 3, 5), "week", True),       # "last week": what led up to the news
    (dt.date(2024, 3, 10), "week", False),     # "earlier this week" stays news
])
def test_is_history(date, precision, history):
    assert is_history(date, precision, TUESDAY) is history


@pytest.mark.parametrize("text, expected", [
    ("Tuesday", dt.date(2024, 3, 12)),
    ("Monday", dt.date(2024, 3, 11)),
    ("Wednesday", dt.date(2024, 3, 13)),       # the day after the page's date: a page dated in another zone
    ("last Wednesday", dt.date(2024, 3, 6)),
    ("last Tuesday", dt.date(2024, 3, 5)),     # the page's own weekday said "last": a week before, not today
    ("Thursday", dt.date(2024, 3, 7)),
    ("Monday night", dt.date(2024, 3, 11)),    # a part of the day leaves it that day
    ("late Saturday evening", dt.date(2024, 3, 9)),
])
def test_weekdays_resolve_to_the_nearest_day(text, expected):
    assert resolve_date(text, published=TUESDAY).date == expected


@pytest.mark.parametrize("text, published, expected", [
    ("March 13", TUESDAY, dt.date(2024, 3, 13)),            # the day after the page's date, not March 2023
    ("on 14 March", TUESDAY, dt.date(2023, 3, 14)),         # two days on: last year's, as before
    ("March 12", TUESDAY, dt.date(2024, 3, 12)),
    ("January 1", dt.date(2023, 12, 31), dt.date(2024, 1, 1)),
    ("March 13, 2023", TUESDAY, dt.date(2023, 3, 13)),      # a year given is the year
])
def test_a_month_day_the_day_after_publication_is_that_day(text, published, expected):
    assert resolve_date(text, published=published).date == expected


@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder

    return Coder()


def _events(coder, text):
    from flashpoint.model import Article

    return coder.code(Article.from_text(text, published=TUESDAY))


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Ruritanian troops shelled the town in 2019.",
    "The worst fighting since the 2001 war between Ruritania and Borduria broke out on Monday.",
])
def test_history_is_background(coder, text):
    for event in _events(coder, text):
        if event.date is not None and event.date.year < 2024:
            assert event.status == "background", event


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Since the rebels' attack on the capital in October, Chile has stepped up airstrikes in the north.",
    "Since the war began, Peru has intensified raids on the border villages.",
])
def test_what_a_state_has_done_since_an_earlier_act_is_the_record_of_a_period(coder, text):
    """The event noun that a present-perfect verb with a 'since' phrase acts on ("has stepped up airstrikes") is
    background, as the verb's own event would be ("has carried out airstrikes since ...")."""
    from flashpoint.model import Article

    mentions = next(coder.code_many([Article.from_text(text, published=TUESDAY)])).mentions
    nouns = [m for m in mentions if m.trigger.lower() in ("airstrikes", "raids")]
    assert nouns and all(m.status == "background" for m in nouns)


@pytest.mark.slow
def test_acts_told_as_part_of_a_period_since_an_earlier_month_are_its_record(coder):
    """'Since then' after a sentence that names a month is since that month; the acts a 'with' phrase tells as part
    of the period's record ("with Chile restricting crossings and Peru halting certain imports") are background too. A
    'since then' after a day ("on Monday") is this week's news."""
    from flashpoint.model import Article

    text = ("Tensions have risen since May, when a soldier was killed. Since then, both sides have traded barbs, with "
            "Chile restricting border crossings and Peru halting certain imports.")
    mentions = next(coder.code_many([Article.from_text(text, published=TUESDAY)])).mentions
    acts = [m for m in mentions if m.code.event in ("COERCE", "SANCTION")]
    assert len(acts) == 2 and all(m.status == "background" for m in acts)
    text = "Chile closed the border on Monday. Since then, Peru has halted imports from Chile."
    mentions = next(coder.code_many([Article.from_text(text, published=TUESDAY)])).mentions
    assert [m.status for m in mentions if m.code.event == "SANCTION"] == ["asserted"]


@pytest.mark.slow
def test_an_act_the_report_calls_recent_is_dated_to_within_the_month(coder):
    """"Ruritania's recent drone attack" is some days before the report, so it can join the stored record of that
    attack (a month-precision date), not this week's news; an undated act keeps the report's week."""
    events = _events(coder, "Officials referred to Ruritania's recent drone attack on Borduria.")
    (attack,) = [e for e in events if e.code.event == "ASSAULT"]
    assert (attack.date, attack.date_precision) == (TUESDAY, "month")
    events = _events(coder, "Ruritania launched a drone attack on Borduria.")
    (attack,) = [e for e in events if e.code.event == "ASSAULT"]
    assert attack.date_precision == "week"


@pytest.mark.slow
def test_a_statement_is_made_when_the_verb_that_reports_it_says(coder):
    events = _events(coder, "A Chilean spokesman said on Saturday that Santiago was ready to hold talks. The army "
                            "said on Saturday that Peruvian jets had bombed two bases.")
    talks = [e for e in events if e.code.event == "AGREE"]
    assert talks and talks[0].date == dt.date(2024, 3, 9) and talks[0].date_precision == "day"
    # an act a speaker reports was not done when it was reported, but by then: the report's day is an anchor it
    # happened on or before (week precision), as the publication day is for an undated act
    bombing = [e for e in events if e.code.event == "ASSAULT"]
    assert bombing and (bombing[0].date, bombing[0].date_precision) == (dt.date(2024, 3, 9), "week")


@pytest.mark.slow
@pytest.mark.parametrize("text, day, precision", [
    # an act "after" another, with nothing between, takes its day (a day early at most, which merging allows for)
    ("Peru's navy seized a Chilean ship on Saturday after Santiago warned it would retaliate.", 9, "day"),
    # a span before the "after" counts back from that day
    ("Peru's navy seized a Chilean ship on Saturday, a day after Santiago warned it would retaliate.", 8, "day"),
    ("Peru's navy seized a Chilean ship on Saturday, two days after Santiago warned it would retaliate.", 7, "day"),
    # "days" says some days before, no more precisely: an anchor the act happened on or before
    ("Peru's navy seized a Chilean ship on Saturday, days after Santiago warned it would retaliate.", 7, "week"),
])
def test_an_act_some_days_before_a_dated_one_is_dated_back_from_it(coder, text, day, precision):
    (warning,) = [e for e in _events(coder, text) if e.code.event == "THREATEN"]
    assert (warning.date, warning.date_precision) == (dt.date(2024, 3, day), precision)


def test_a_date_the_parser_runs_on_past_a_comma_is_its_first_part():
    assert resolve_date("Saturday, days", published=TUESDAY).date == dt.date(2024, 3, 9)
    assert resolve_date("Monday, March 4", published=TUESDAY).date == dt.date(2024, 3, 4)


@pytest.mark.slow
def test_an_answer_told_by_a_gerund_is_dated_by_the_verb_it_hangs_on(coder):
    events = _events(coder, "Peru responded on Saturday to a Chilean airstrike on Peruvian troops by shelling "
                            "Chilean bases.")
    (shelling,) = [e for e in events if "shelling" in [m.trigger for m in e.mentions]]
    assert (shelling.date, shelling.date_precision) == (dt.date(2024, 3, 9), "day")


@pytest.mark.slow
@pytest.mark.parametrize("verb", ["began", "continued", "started"])
def test_an_act_begun_or_kept_up_is_dated_by_the_verb_it_hangs_on(coder, verb):
    """"On 13 March, units began to fire at the positions": the firing is of the 13th, also in a page dated the day
    before in a zone behind (a to-infinitive of a verb of beginning or going on: argument_words kind phase_verb)."""
    from flashpoint.model import Article

    text = f"On 13 March, units of the Ruritanian army {verb} to fire at Bordurian positions near the border."
    (firing,) = [e for e in coder.code(Article.from_text(text, published=TUESDAY)) if e.code.event == "ASSAULT"]
    assert (firing.date, firing.date_precision) == (dt.date(2024, 3, 13), "day")


@pytest.mark.slow
def test_the_date_belongs_to_the_phrase_that_governs_it(coder):
    events = _events(coder, "Bordurian jets bombed Ruritanian bases on Monday to avenge the 3 February attack "
                            "on a Bordurian convoy.")
    bombing = [e for e in events if e.code.event == "ASSAULT" and any(m.trigger.startswith("bomb")
                                                                      for m in e.mentions)]
    assert bombing and bombing[0].date == dt.date(2024, 3, 11)


def test_a_date_right_after_an_answered_act_is_that_acts():
    # "X launched raids in revenge for an airstrike on March 3", with "on March 3" hung on the launching as the
    # small model often hangs it: the date is the airstrike's, and the launching has none of its own
    import spacy
    from spacy.tokens import Doc

    from flashpoint.stages.dates import _date_entity, _noun_owned_dates

    vocab = spacy.blank("en").vocab  # its lexical attributes give ``lower_``

    words = ["Sudan", "launched", "raids", "in", "revenge", "for", "an", "airstrike", "on", "March", "3", "."]
    heads = [1, 1, 1, 1, 3, 1, 7, 5, 1, 8, 9, 1]
    deps = ["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "det", "pobj", "prep", "pobj", "nummod", "punct"]
    pos = ["PROPN", "VERB", "NOUN", "ADP", "NOUN", "ADP", "DET", "NOUN", "ADP", "PROPN", "NUM", "PUNCT"]
    ents = ["B-GPE"] + ["O"] * 8 + ["B-DATE", "I-DATE", "O"]
    doc = Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents, sent_starts=[True] + [False] * 11)
    sentence = doc[:]
    triggers = {1, 7}
    owned = _noun_owned_dates(doc, triggers)
    assert owned == {9: 7}
    assert _date_entity(sentence, {7}, triggers, owned).text == "March 3"
    assert _date_entity(sentence, {1}, triggers, owned) is None
    # after an object the date is the verb's as often as the noun's: no owner
    deps_object = deps[:5] + ["prep", "det", "dobj"] + deps[8:]
    doc = Doc(vocab, words=words, heads=heads, deps=deps_object, pos=pos, ents=ents,
              sent_starts=[True] + [False] * 11)
    assert _noun_owned_dates(doc, triggers) == {}


@pytest.mark.slow
def test_an_act_noun_s_own_date_comes_before_its_clause_s(coder):
    # "the March 10 attack" is dated by its own date, not by the dateline the parser hangs on the verb
    events = _events(coder, "March 12, 2024 (KNA)—Both Kenya and Uganda condemned the March 10 attack on the Somali "
                            "embassy in Nairobi during a meeting of the AU council yesterday.")
    attack = [e for e in events if e.code.event == "ASSAULT"]
    assert attack and attack[0].date == dt.date(2024, 3, 10)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # a 'when' clause and the participles after it happen at the time of the clause they hang on
    "The crisis started on October 7 when Pakistani militants raided Indian villages, killing dozens of people.",
    # a trigger noun after 'in' is the time frame, not an act the year belongs to instead
    "Turkey backed Azerbaijan in the 2020 conflict, supplying it with combat drones.",
    # a present perfect since an earlier act or a named month is the record of a period
    "Since the Pakistani attack on India in October, India has carried out airstrikes on Pakistani camps.",
    # an act told inside the telling of a past act (its relative clause) is past too
    "Turkey backed Azerbaijan in the 2020 conflict, supplying it with combat drones that helped Baku seize Ruritanian "
    "villages.",
    # an act during an earlier war takes the war's date, and the event is background whichever mention dates it
    "Ruritanian troops shelled the border during the 1999 war.",
    # what happened last week led up to the news
    "Last week, Kenya accused Uganda of shelling a border post.",
])
def test_acts_of_the_past_told_again_are_background(coder, text):
    events = _events(coder, text)
    assert events and all(e.status != "asserted" for e in events), [(e.code.event, e.status) for e in events]


@pytest.mark.slow
def test_a_period_that_began_this_week_is_news(coder):
    events = _events(coder, "Indian jets have struck Pakistani camps since Monday.")
    assert [e.status for e in events if e.code.event == "ASSAULT"] == ["asserted"]


@pytest.mark.slow
def test_neither_nor_negates_both(coder):
    events = _events(coder, "Israel neither confirmed nor denied responsibility for the attack on Monday.")
    assert "REJECT" in {e.code.event for e in events}
    assert all(e.status == "negated" for e in events if e.code.event == "REJECT")


@pytest.mark.slow
def test_a_vow_to_punish_for_an_act_answers_it_and_the_act_happened(coder):
    events = _events(coder, "Iran has vowed to punish Israel for the attack on its consulate in Damascus.")
    (vow,) = [e for e in events if e.code.event == "THREATEN"]
    (attack,) = [e for e in events if e.code.event == "ASSAULT"]
    assert vow.responds_to == [attack.id] and attack.status == "asserted"
    events = _events(coder, "Iran threatened to retaliate for any Israeli attack.")
    assert all(e.status != "asserted" for e in events if e.code.event == "ASSAULT")  # answers none yet


@pytest.mark.slow
def test_a_time_of_day_does_not_hide_the_day_of_the_clause(coder):
    # "in the early morning" names no date; "on Monday" is the day the sentence gives the shelling
    events = _events(coder, "The fighting resumed on Monday after Ruritanian troops shelled the border post in "
                            "the early morning.")
    shelling = [e for e in events if e.mentions[0].trigger.startswith("shell")]
    assert shelling and shelling[0].date == dt.date(2024, 3, 11) and shelling[0].date_precision == "day"


@pytest.mark.slow
def test_an_act_inside_a_dated_act_of_today_stays_news(coder):
    """Only a past date carries over: drones that helped on Monday helped in this week's news."""
    events = _events(coder, "Turkey backed Azerbaijan on Monday, supplying it with combat drones that helped Baku "
                            "seize Ruritanian villages.")
    assert [e.status for e in events if e.code.event == "AID" and any(m.trigger == "helped" for m in e.mentions)] \
        == ["asserted"]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "event"), [
    # what others call for is not done, however the parser hangs the call's clause
    ("The president has resisted opposition calls to introduce martial law in Kenya.", "COERCE"),
    ("The opposition renewed its calls to impose martial law in Kenya on Monday.", "COERCE"),
    ("The Bordurian army is yet to withdraw its troops from the border.", "RETREAT"),
])
def test_what_a_party_has_yet_to_do_or_is_called_on_to_do_is_not_done(coder, text, event):
    from flashpoint.model import Article

    mentions = next(coder.code_many([Article.from_text(text, published=TUESDAY)])).mentions
    acts = [m for m in mentions if m.code.event == event]
    assert acts and all(m.status in ("negated", "hypothetical") for m in acts), [(m.code.event, m.status)
                                                                             for m in mentions]


@pytest.mark.slow
def test_a_file_photo_s_caption_is_background(coder):
    """A caption dated before the report shows something earlier: not the report's news."""
    caption = ("Kenyan President William Ruto meets Somali President Hassan Sheikh Mohamud in Nairobi, Kenya, {}. "
               "REUTERS/Jane Doe\n\nKenya accused Somalia of shelling its border posts on Monday.")
    events = _events(coder, caption.format("March 1, 2024"))
    assert [e.status for e in events if e.code.event == "CONSULT"] == ["background"]
    # nor is "the shelling" it shows one the report tells: the report's shelling takes no evidence from it
    shown = ("Somalia shelled Kenyan border posts on Monday.\n\nMembers attend a meeting by the Security Council "
             "regarding the shelling of the border posts, held in New York, March 1, 2024. REUTERS/Jane Doe")
    evidence = [m.sentence for e in _events(coder, shown) if e.status == "asserted" for m in e.mentions]
    assert evidence and not any("Members" in sentence for sentence in evidence), evidence
    # nor is the photo's title, a line of its own right over the caption
    titled = ("Somalia shelled Kenyan border posts on Monday.\n\nSecurity Council meeting in New York\n\nMembers "
              "attend a meeting by the Security Council in New York, March 1, 2024. REUTERS/Jane Doe")
    meetings = [e for e in _events(coder, titled) if e.code.event == "CONSULT"]
    assert meetings and all(e.status == "background" for e in meetings), [(e.status, e.mentions[0].sentence)
                                                                         for e in meetings]
    # a caption of the day's news stays news
    events = _events(coder, caption.format("March 12, 2024"))
    assert [e.status for e in events if e.code.event == "CONSULT"] == ["asserted"]


@pytest.mark.slow
@pytest.mark.parametrize("text, answer, answered", [
    ("Bordurian jets struck Ruritania on Friday in retaliation for the March 1 strike on its consulate.", "struck",
     "strike"),
    ("Bordurian jets raided Ruritanian camps to avenge the March 1 bombing of a Bordurian convoy.", "raided",
     "bombing"),
])
def test_an_answer_is_never_the_act_it_answers(coder, text, answer, answered):
    """The answered act is an earlier act, not the answer told again: the answer keeps its own day and stays news,
    and no record holds both."""
    events = [e for e in _events(coder, text) if e.code.event == "ASSAULT"]
    (response,) = [e for e in events if any(m.trigger == answer for m in e.mentions)]
    assert response.status == "asserted" and response.date != dt.date(2024, 3, 1)
    assert not any(m.trigger == answered for m in response.mentions)
    earlier = [e for e in events if any(m.trigger == answered for m in e.mentions)]
    assert all(e.id in response.responds_to for e in earlier)


@pytest.mark.slow
def test_a_participle_of_answering_links_its_act_and_an_earlier_than_phrase_dates_the_answered_act(coder):
    events = [e for e in _events(coder, "Peruvian jets struck Chile on Monday, responding to Chilean strikes a day "
                                        "earlier.") if e.code.event == "ASSAULT"]
    (strike,) = [e for e in events if any(m.trigger == "struck" for m in e.mentions)]
    (answered,) = [e for e in events if e is not strike]
    assert strike.responds_to == [answered.id]
    assert (strike.date, answered.date, answered.date_precision) == (MONDAY, MONDAY - dt.timedelta(days=1), "day")


@pytest.mark.slow
def test_a_statement_of_the_report_s_day_and_one_of_days_before_are_two(coder):
    events = [e for e in _events(coder, "Peru's foreign ministry has lodged a formal protest with Chile. The Peruvian "
                                        "government had on Friday condemned Chile for the raids.")
              if e.code.event == "ACCUSE"]
    assert sorted((e.date, e.date_precision) for e in events) == [(dt.date(2024, 3, 8), "day"), (TUESDAY, "week")]


@pytest.mark.slow
def test_a_clause_joined_to_an_as_clause_takes_its_time(coder):
    events = _events(coder, "Peru and Chile clashed for a second day on Monday, as the toll rose to 20 and Lima "
                            "called for an immediate ceasefire.")
    (call,) = [e for e in events if e.code.event == "REQUEST"]
    assert (call.date, call.date_precision) == (MONDAY, "day")


@pytest.mark.slow
def test_a_line_that_is_only_a_date_does_not_date_the_next_line_s_acts(coder):
    # a live page's stamp above an entry: read into the entry's sentence, it dated the strikes to the month
    text = ("Live updates: shelling along the border continues\n\n14 March 2024\nChilean strikes on Peruvian "
            "positions.\n\nChile said it would go on.")
    strike = next(e for e in coder.code_text(text, published=dt.date(2024, 3, 14)) if e.code.event == "ASSAULT")
    assert (strike.date, strike.date_precision) != (dt.date(2024, 3, 1), "month")
    assert strike.date == dt.date(2024, 3, 14)
