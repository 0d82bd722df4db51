"""Actor resolution and argument rules, each on a sentence written for the test (not taken from a gold file):
conjoined demonyms, people placed by "in X", demonym-modified things acting, titled persons placed by the
article, peoples coded where they live, capitals as governments, and recipients from authors, infinitives and
"demanded that X"."""

from __future__ import annotations

import dataclasses

import pytest

from flashpoint.model import Article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder

    return Coder()


def mentions(coder, text):
    return list(next(coder.code_many([Article.from_text(text)])).mentions)


def first(coder, text, event):
    """The first mention of ``event``, with the actors and recipients of all its pairs of parties (the dyads
    stage writes "the ambassadors of France, Germany and Italy condemned" as one mention per country)."""
    found = [m for m in mentions(coder, text) if m.code.event == event]
    shares = [m for m in found if m.trigger_start == found[0].trigger_start]
    return dataclasses.replace(found[0], actors=[a for m in shares for a in m.actors],
                               recipients=[r for m in shares for r in m.recipients])


def codes(actors):
    return {a.code for a in actors}


def test_conjoined_demonyms_give_one_actor_each(coder):
    m = first(coder, "Senior Kenyan and Ugandan officials agreed on Wednesday to reopen the border.", "AGREE")
    assert codes(m.actors) == {"KENGOV", "UGAGOV"}


def test_people_placed_by_in_phrase(coder):
    m = first(coder, "Opposition groups in Zimbabwe are demanding new elections.", "REQUEST")
    assert codes(m.actors) == {"ZWEOPP"}


def test_demonym_modified_aircraft_act(coder):
    m = first(coder, "Russian helicopters attacked a convoy near the border.", "ASSAULT")
    assert codes(m.actors) == {"RUSMIL"}


def test_titled_person_takes_the_article_home_country(coder):
    m = first(coder, "President Pedro Alvarez imposed a curfew in Caracas after days of unrest.", "COERCE")
    assert [a.country for a in m.actors] == ["VEN"]


def test_titled_person_not_placed_by_a_country_acted_on(coder):
    m = first(coder, "President Pedro Alvarez threatened further action against Russia.", "THREATEN")
    assert all(a.country != "RUS" for a in m.actors)


def test_people_coded_where_they_live(coder):
    m = first(coder, "Bosnian Serbs demanded a truce.", "REQUEST")
    assert [a.country for a in m.actors] == ["BIH"]
    # a people named by descent is of the place it acts in, not of the country its name comes from
    m = first(coder, "Up to 200 ethnic Serbs demonstrated in Sarajevo on Tuesday.", "PROTEST")
    assert codes(m.actors) == {"BIHCVL"}
    m = first(coder, "Up to 200 ethnic Serbs demonstrated on Tuesday.", "PROTEST")
    assert codes(m.actors) == {"CVL"}


def test_capital_as_actor_is_the_government(coder):
    m = first(coder, "Moscow rejected the proposal on Tuesday.", "REJECT")
    assert codes(m.actors) == {"RUSGOV"}


def test_recipient_is_the_author_of_a_rejected_proposal(coder):
    m = first(coder, "Kenya rejected Somalia's demand to close the border.", "REJECT")
    assert codes(m.recipients) == {"SOM"}


def test_recipient_from_an_infinitive_phrase(coder):
    m = first(coder, "Ghana threatened to break off relations with Togo.", "THREATEN")
    assert "TGO" in {a.country for a in m.recipients} or any(
        x.code.event != "THREATEN" for x in mentions(coder, "Ghana threatened to break off relations with Togo."))


def test_abbreviated_military_title_gives_a_sector(coder):
    # "Lt. Gen." is parsed as a chain of compounds before the name; the title still names the sector.
    m = first(coder, "Lt. Gen. Pedro Ramos resigned yesterday to allow Honduras's elections to take place.", "RETREAT")
    assert codes(m.actors) == {"HNDMIL"}


def test_sub_unit_of_a_named_group_acts_for_the_group(coder):
    m = first(coder, "The UNITA militarist wing refused to allow United Nations planes to land.", "REJECT")
    assert [a.country for a in m.actors] == ["AGO"]


def test_possessive_pronoun_lends_its_antecedents_country(coder):
    m = first(coder, "Chad said on Monday that its troops had completed their withdrawal from the border town.",
              "RETREAT")
    assert codes(m.actors) == {"TCDMIL"}


def test_people_placed_by_throughout_phrase(coder):
    m = first(coder, "Thousands of teachers throughout Kenya staged demonstrations on Friday.", "PROTEST")
    assert codes(m.actors) == {"KENEDU"}


def test_stative_participle_subject_acts(coder):
    m = first(coder, "Norway is opposed to the planned sanctions, a spokesman said.", "REJECT")
    assert codes(m.actors) == {"NOR"} and "NOR" not in codes(m.recipients)


def test_purpose_of_a_journey_takes_the_travellers_as_actors(coder):
    m = first(coder, "Chilean and Peruvian negotiators arrive in Lima this week for talks on the border.",
              "CONSULT")
    assert codes(m.actors) == {"CHLGOV", "PERGOV"}


@pytest.mark.parametrize("text, event", [
    # sending one's delegation to a party is visiting it; to send one is an intent to (CAMEO 036)
    ("Kenya sent a delegation to Addis Ababa on Monday.", "CONSULT"),
    ("The African Union will send a mission to Ethiopia headed by its chairman.", "AGREE"),
])
def test_a_delegation_sent_to_a_party_visits_it(coder, text, event):
    m = first(coder, text, event)
    assert m.actors and "ETH" in {r.country for r in m.recipients}


def test_gerund_after_by_shares_the_subject(coder):
    m = first(coder, "Armenia responded by shelling Azerbaijani positions.", "ASSAULT")
    assert codes(m.actors) == {"ARM"}


def test_speaker_quoted_as_saying_is_the_pronouns_antecedent(coder):
    m = first(coder, "King Hassan of Morocco was quoted as saying he would be ready to host talks.", "AGREE")
    assert codes(m.actors) == {"MARGOV"}


@pytest.mark.parametrize("text", [
    # the attribution after a quotation of several sentences
    "Peru's foreign minister Javier Ortega spoke on Monday after Brazil's president arrived in Lima.\n"
    "“We are ready to sign a deal with Chile. But so far we have had no answer,” Ortega told reporters.",
    # the attribution after the quotation, in the same sentence as a later actor
    "“We condemn the shelling of our villages. We call on Chile to stop,” Peru's foreign minister Javier Ortega "
    "told reporters after Brazil's president arrived in Lima.",
])
def test_we_in_a_quotation_is_its_speaker_not_the_last_actor_named(coder, text):
    # (the speaker's: an official's "we" is the state the official speaks for, see test_an_official_s_we_is_the_state)
    acts = [m for m in mentions(coder, text) if m.code.event in ("AGREE", "ACCUSE")]
    assert acts and all(codes(m.actors) == {"PER"} for m in acts), [(m.trigger, m.actors) for m in acts]


@pytest.mark.parametrize("text, event, actor, recipient", [
    ("Peru's foreign minister said on Monday that Lima was open to talks, possibly aided by Brazil.", "AID",
     "BRA", "PER"),
    ("Chile's president arrived in Lima on Monday, welcomed by Peru's foreign minister.", "SUPPORT", "PERGOV",
     "CHLGOV"),
])
def test_a_bare_participle_is_done_to_the_main_clause_s_subject_by_its_agent(coder, text, event, actor, recipient):
    m = first(coder, text, event)
    assert (codes(m.actors), codes(m.recipients)) == ({actor}, {recipient})


def test_statement_participle_speaks_for_its_issuer(coder):
    m = first(coder, "The Kenyan government issued a statement accusing Uganda of backing rebels.", "ACCUSE")
    assert codes(m.actors) == {"KENGOV"}


def test_name_before_a_weapon_acts_for_the_noun(coder):
    m = first(coder, "US drone attacks killed five militants on Sunday.", "ASSAULT")
    assert "USA" in {a.country for a in m.actors}


def test_span_of_events_lends_the_light_verbs_subject(coder):
    m = first(coder, "Israeli forces carried out a series of raids in the West Bank.", "ASSAULT")
    assert codes(m.actors) == {"ISRMIL"}


def test_engaged_in_and_used_as_carry_the_subject(coder):
    m = first(coder, "Sudanese troops were engaged in ethnic cleansing in the region, the report said.", "ASSAULT")
    assert codes(m.actors) == {"SDNMIL"}
    m = first(coder, "The rebels used villagers as human shields, the army said.", "ASSAULT")
    assert {a.sector for a in m.actors} == {"REB"}


def test_a_month_is_not_a_march(coder):
    assert not [m for m in mentions(coder, "Both sides signed the accord in March 2001.") if m.code.event == "PROTEST"]


def test_security_chief_is_police(coder):
    m = first(coder, "Cairo's security chief has warned the opposition.", "THREATEN")
    assert codes(m.actors) == {"EGYCOP"}


@pytest.mark.parametrize("officer", ["the superintendent of police", "the commissioner of police",
                                     "the inspector general of police", "The SSP"])
def test_police_ranks_are_police(coder, officer):
    # the ranks of South Asian police forces, written out or abbreviated (data/actors/sectors.tsv)
    m = first(coder, f"{officer} ordered firing on the mob.", "ASSAULT")
    assert {a.sector for a in m.actors} == {"COP"}


def test_a_gerund_object_of_a_light_verb_is_its_subject_s_act(coder):
    # lower-case news: "the sp ordered firing on the mob" parses "firing" as a noun complement of "ordered"
    m = first(coder, "the sp ordered firing on the mob.", "ASSAULT")
    assert {a.sector for a in m.actors} == {"COP"}


def test_an_act_noun_a_verb_resorts_to_is_the_verb_s_subject_s(coder):
    # argument_words kind gerund_to_verb, for the noun as for the gerund: "resorted to effective firing"
    m = first(coder, "The police resorted to effective firing in Lima on Monday.", "ASSAULT")
    assert {a.sector for a in m.actors} == {"COP"}


def test_a_counted_set_of_states_is_the_list_it_counts(coder):
    # "the three European countries" (collectives.tsv counted. and number.): the last list of three named together,
    # not the countries named since
    text = ("Peru summoned the ambassadors of Spain, France and Italy on Sunday. The summons came after Chile "
            "shelled Tacna, in response to a raid near Arica. The Peruvian foreign ministry accused the three "
            "European countries of double standards.")
    accusations = [m for m in mentions(coder, text) if m.code.event == "ACCUSE" and m.trigger == "accused"]
    assert {r.code for m in accusations for r in m.recipients} == {"ESP", "FRA", "ITA"}
    # with no list of that many, no one is guessed
    lone = [m for m in mentions(coder, "Peru accused the three European countries of double standards.")
            if m.trigger == "accused"]
    assert lone and not {r.country for m in lone for r in m.recipients} - {None}


def test_an_act_by_someone_stands_for_its_doer(coder):
    m = first(coder, "The Egyptian government condemned an attack by Israeli soldiers in the Gaza Strip.", "ACCUSE")
    assert codes(m.recipients) == {"ISRMIL"}


def test_officials_of_a_list_of_countries_are_one_actor_each(coder):
    m = first(coder, "The ambassadors of France, Germany and Italy condemned the coup in Niger.", "ACCUSE")
    assert codes(m.actors) == {"FRAGOV", "DEUGOV", "ITAGOV"}


def test_a_comma_list_read_as_apposition_is_a_list():
    """The parser sometimes reads the first comma of a list as apposition: Kenya <-appos- Sudan <-conj- Uganda
    <-conj- Rwanda (a parse built by hand, as the model gives it for "Mordor, the Shire, Fornost and Bree")."""
    import spacy
    from spacy.tokens import Doc

    from flashpoint.dictionaries.actors import load_actor_dictionary
    from flashpoint.dictionaries.cues import load_cues
    from flashpoint.resolve.actors import ActorContext, resolve_actor

    words = ["Kenya", ",", "the", "Sudan", ",", "Uganda", "and", "Rwanda", "condemned", "it"]
    heads = [8, 0, 3, 0, 3, 3, 5, 5, 8, 8]
    deps = ["nsubj", "punct", "det", "appos", "punct", "conj", "cc", "conj", "ROOT", "dobj"]
    pos = ["PROPN", "PUNCT", "DET", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB", "PRON"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    context = ActorContext(load_actor_dictionary(), load_cues())
    assert codes(resolve_actor(doc[0], context)) == {"KEN", "SDN", "UGA", "RWA"}
    # an apposition that only names the head is not a list: "Kenya, the country, condemned it"
    doc = Doc(spacy.blank("en").vocab, words=["Kenya", ",", "the", "country", ",", "condemned", "it"],
              heads=[5, 0, 3, 0, 0, 5, 5], deps=["nsubj", "punct", "det", "appos", "punct", "ROOT", "dobj"],
              pos=["PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "PRON"])
    assert codes(resolve_actor(doc[0], context)) == {"KEN"}


def test_a_sector_phrase_goes_on_through_of(coder):
    m = first(coder, "Kenya's Ministry of Defence accused Somalia of shelling the border town.", "ACCUSE")
    assert codes(m.actors) == {"KENMIL"}  # "ministry of defence" (MIL), not "ministry" (GOV)


def test_a_country_the_parser_joined_to_the_head_is_placed_like_the_head():
    """"Lawmakers in Kenya and Uganda", parsed with "Uganda" joined to "Lawmakers" (as the model does for
    such a sentence): Uganda's lawmakers, not Uganda."""
    import spacy
    from spacy.tokens import Doc

    from flashpoint.dictionaries.actors import load_actor_dictionary
    from flashpoint.dictionaries.cues import load_cues
    from flashpoint.resolve.actors import ActorContext, resolve_actor

    words = ["Lawmakers", "in", "Kenya", "and", "Uganda", "condemned", "it"]
    heads = [5, 0, 1, 0, 0, 5, 5]
    deps = ["nsubj", "prep", "pobj", "cc", "conj", "ROOT", "dobj"]
    pos = ["NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "VERB", "PRON"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos,
              lemmas=["lawmaker", "in", "Kenya", "and", "Uganda", "condemn", "it"])
    context = ActorContext(load_actor_dictionary(), load_cues())
    assert codes(resolve_actor(doc[0], context)) == {"KENLEG", "UGALEG"}


def test_a_place_after_the_last_conjunct_is_every_conjuncts():
    """"Lawmakers and officials in Kenya and Uganda" (the model's parse: everything joined to "Lawmakers")."""
    import spacy
    from spacy.tokens import Doc

    from flashpoint.dictionaries.actors import load_actor_dictionary
    from flashpoint.dictionaries.cues import load_cues
    from flashpoint.resolve.actors import ActorContext, resolve_actor

    words = ["Lawmakers", "and", "officials", "in", "Kenya", "and", "Uganda", "met"]
    heads = [7, 0, 0, 0, 3, 0, 0, 7]
    deps = ["nsubj", "cc", "conj", "prep", "pobj", "cc", "conj", "ROOT"]
    pos = ["NOUN", "CCONJ", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "VERB"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos,
              lemmas=["lawmaker", "and", "official", "in", "Kenya", "and", "Uganda", "meet"])
    context = ActorContext(load_actor_dictionary(), load_cues())
    assert codes(resolve_actor(doc[0], context)) == {"KENLEG", "UGALEG", "KENGOV", "UGAGOV"}


def test_a_country_before_the_first_conjunct_is_every_bare_conjuncts(coder):
    m = first(coder, "Kenyan police and soldiers raided a market in Mombasa on Monday.", "ASSAULT")
    assert codes(m.actors) == {"KENCOP", "KENMIL"}
    m = first(coder, "Hungarian and Romanian police and officials met on Monday.", "CONSULT")
    assert codes(m.actors) == {"HUNCOP", "ROUCOP", "HUNGOV", "ROUGOV"}
    # a conjunct with modifiers of its own keeps its own reading
    m = first(coder, "Iranian troops and Kurdish fighters clashed near the border on Monday.", "ASSAULT")
    assert "IRNINS" not in codes(m.actors)


def test_the_country_an_act_happens_in_is_its_target_when_no_party_is_named(coder):
    m = first(coder, "The Egyptian president arrived in Amman on Wednesday for talks.", "CONSULT")
    assert codes(m.recipients) == {"JOR"}
    # or the country it moves something to or from
    m = first(coder, "Kenya withdrew its troops from Somalia.", "RETREAT")
    assert codes(m.recipients) == {"SOM"}
    # never the actor's own country: students marching at home act on nobody named
    m = first(coder, "Kenyan students marched in Nairobi on Tuesday.", "PROTEST")
    assert m.recipients == []
    # but a curfew imposed at home (or threatened) is aimed at the people there
    m = first(coder, "Egyptian authorities imposed a curfew in Alexandria on Sunday.", "COERCE")
    assert codes(m.recipients) == {"EGY"}
    m = first(coder, "President Buhari announced on Sunday that he will extend the curfew in Lagos.", "THREATEN")
    assert codes(m.recipients) == {"NGA"}


def test_a_time_is_no_party(coder):
    m = first(coder, "China on Tuesday demanded that the United States cancel the sale.", "REQUEST")
    assert codes(m.recipients) == {"USA"}  # not "Tuesday", which hid the one asked


def test_a_threat_is_aimed_at_who_must_meet_its_condition(coder):
    m = first(coder, "Iran threatened to launch a new offensive unless Baghdad accepted its conditions.", "THREATEN")
    assert codes(m.recipients) == {"IRQ"}


def test_who_is_asked_is_the_subject_of_the_demand_even_after_other_phrases(coder):
    m = first(coder, "Amnesty International demanded that the Sudanese government end curbs on press freedom.",
              "REQUEST")
    assert codes(m.recipients) == {"SDNGOV"}


def test_a_name_the_parser_hung_on_a_finite_verb_is_its_subject():
    """"Ethiopia act on a resolution", parsed (as the model does for this one) with "Ethiopia" a compound of
    the verb and no subject."""
    import spacy
    from spacy.tokens import Doc

    from flashpoint.nlp.syntax import subject_of

    words = ["Ethiopia", "act", "on", "a", "resolution", "on", "Monday"]
    heads = [1, 1, 1, 4, 2, 1, 5]
    deps = ["compound", "ROOT", "prep", "det", "pobj", "prep", "pobj"]
    tags = ["NNP", "VBP", "IN", "DT", "NN", "IN", "NNP"]
    pos = ["PROPN", "VERB", "ADP", "DET", "NOUN", "ADP", "PROPN"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)
    assert [t.text for t in subject_of(doc[1])] == ["Ethiopia"]
    # a name after the verb is no subject
    doc = Doc(spacy.blank("en").vocab, words=["Act", "Ethiopia"], heads=[0, 0], deps=["ROOT", "compound"],
              tags=["VBP", "NNP"], pos=["VERB", "PROPN"])
    assert subject_of(doc[0]) == []


@pytest.mark.parametrize("text, event, actor", [
    ("The former defence minister of Iraq met Kurdish leaders on Monday.", "CONSULT", "IRQELI"),
    # a person the dictionary knows by an office keeps the country, not the office
    ("Former prime minister Andreas Papandreou demanded immediate elections.", "REQUEST", "GRCELI"),
    ("Prime minister Andreas Papandreou demanded immediate elections.", "REQUEST", "GRCGOV"),
    ("The ousted Iraqi president met his lawyers on Monday.", "CONSULT", "IRQELI"),
])
def test_a_former_office_holder_is_one_of_the_elites(coder, text, event, actor):
    assert codes(first(coder, text, event).actors) == {actor}


# Whom an event is aimed at, one rule per group of cases (each case: the text, the event, a country the
# recipients must include).
RECIPIENT_CASES = [
    # a protest whose own phrases name nobody is aimed at whoever its purpose names
    pytest.param("Dozens of prisoners began a hunger strike on Monday to protest Turkey's decision to close the "
                 "camp.", "PROTEST", "TUR", id="protest-purpose-infinitive"),
    pytest.param("Thousands of workers held a rally in Cairo to protest against the Egyptian government's refusal "
                 "to raise wages.", "PROTEST", "EGY", id="protest-purpose-against"),
    pytest.param("Teachers staged a strike on Monday in protest of Kenya's decision to cut their pay.", "PROTEST",
                 "KEN", id="in-protest-of"),
    pytest.param("Hundreds of students marched in Kampala on Friday calling for the resignation of the Kenyan "
                 "president.", "PROTEST", "KEN", id="protest-purpose-participle"),
    pytest.param("Farmers blocked a highway in Lyon to show their anger at Spain's import policies.", "PROTEST",
                 "ESP", id="protest-purpose-show"),
    pytest.param("Thousands of people marched in Hong Kong in defiance of Chinese authorities.", "PROTEST", "CHN",
                 id="in-defiance-of"),
    # what is refused stands for its author
    pytest.param("Turkey is opposed to Greek mediation in the dispute over Cyprus.", "REJECT", "GRC",
                 id="refused-author-modifier"),
    pytest.param("Iran refused to consider a proposal from Iraq.", "REJECT", "IRQ", id="refused-author-from"),
    pytest.param("The Kenyan government refused to respond to a demand from the Ugandan president.", "REJECT",
                 "UGA", id="refused-author-in-infinitive"),
    # a thing acted on that names nobody lends the party its phrases name
    pytest.param("Japan agreed on Friday to provide 50 million dollars of aid for Kenya and Uganda.", "AGREE",
                 "UGA", id="nested-for-dative"),
    pytest.param("France suspended part of a military training program for Mali.", "SANCTION", "MLI",
                 id="nested-of-for"),
    pytest.param("Turkey mobilized reservists for a possible war against Syria on Monday.", "MOBILIZE", "SYR",
                 id="nested-for-against"),
    pytest.param("Spain announced a suspension of air links with Morocco on Monday.", "SANCTION", "MAR",
                 id="noun-nested-with"),
    pytest.param("A refugee camp for Sudanese civilians was attacked by gunmen on Monday.", "ASSAULT", "SDN",
                 id="passive-subject-nested"),
    pytest.param("Kenyan police confiscated weapons from Somali militants on Monday.", "COERCE", "SOM",
                 id="coerce-from"),
    pytest.param("North Korean hackers tried to hack into the computers of Japanese officials.", "COERCE", "JPN",
                 id="nested-qualified-noun"),
    pytest.param("Thai troops fired rockets at Kampuchean guerrilla camps on Monday.", "ASSAULT", "KHM",
                 id="kampuchean"),
    pytest.param("Turkey refused to commit to any assistance to the US-led war against Iraq.", "AGREE", "USA",
                 id="nested-led-by"),
    # a complaint is aimed at what it is over and whom it is lodged with
    pytest.param("Kenya complained to the African Union on Friday over Ugandan border raids.", "ACCUSE", "UGA",
                 id="complaint-over"),
    pytest.param("Greece lodged an official protest with Turkey on Monday.", "ACCUSE", "TUR", id="lodged-with"),
    # an offer is aimed at whoever its chain of purposes names
    pytest.param("Norway said it is willing to send equipment to help defend Kuwait.", "AGREE", "KWT",
                 id="purpose-chain"),
    pytest.param("Putin offered on Monday to negotiate with the president of Georgia.", "AGREE", "GEO",
                 id="infinitive-nested-of"),
    pytest.param("Egypt said it is ready to host a meeting between Israel and Hamas.", "AGREE", "ISR",
                 id="infinitive-between"),
]


@pytest.mark.parametrize("text, event, recipient", RECIPIENT_CASES)
def test_recipient_rules(coder, text, event, recipient):
    assert recipient in {a.country for m in mentions(coder, text) if m.code.event == event for a in m.recipients}


def test_a_demanded_departure_is_aimed_at_who_is_to_leave(coder):
    m = first(coder, "The African Union demanded the withdrawal of Rwandan troops from Congo on Monday.", "REQUEST")
    assert {a.country for a in m.recipients} == {"RWA"}  # not Congo, the place they are to leave
    m = first(coder, "The opposition demanded the resignation of the Kenyan president.", "REQUEST")
    assert codes(m.recipients) == {"KENGOV"}


def test_the_government_of_an_article_about_one_country_is_that_countrys(coder):
    text = "Thousands of students marched in Nairobi on Tuesday. Opposition leaders accused the government of fraud."
    assert codes(first(coder, text, "ACCUSE").recipients) == {"KENGOV"}
    # with no country named, "the government" stays nobody's in particular
    assert codes(first(coder, "Opposition leaders accused the government of fraud.", "ACCUSE").recipients) == {"GOV"}


@pytest.mark.parametrize("text, event, wrong", [
    ("Iraqi police arrested anti-Iranian protesters in Baghdad on Monday.", "COERCE", "IRN"),
    ("A prominent anti-Syria journalist was killed by a car bomb in Beirut.", "ASSAULT", "SYR"),
    ("Israeli troops attacked an anti-government rally in Gaza on Monday.", "ASSAULT", "GOV"),
])
def test_what_a_phrase_is_against_does_not_name_it(coder, text, event, wrong):
    recipients = first(coder, text, event).recipients
    assert recipients and not any(wrong in (a.country, a.sector) for a in recipients)


def test_a_people_named_by_descent_is_coded_where_it_is(coder):
    m = first(coder, "Serbian police arrested ten ethnic Albanians in Belgrade on Monday.", "COERCE")
    assert {a.country for a in m.recipients} == {"SRB"}
    m = first(coder, "Ethnic Albanian rebels attacked a police station in Macedonia on Monday.", "ASSAULT")
    assert "ALB" not in {a.country for a in m.actors}


def test_people_placed_through_a_participle_and_a_part_of_them(coder):
    m = first(coder, "One third of the rebels operating in Chad have been disarmed since the accord.", "RETREAT")
    assert codes(m.recipients) == {"TCDREB"}


def test_a_preposition_whose_object_the_parse_made_a_clause_subject(coder):
    """"granted asylum to five officers holed up in ...": the model parses "officers" as the subject of
    "holed" and leaves "to" without an object."""
    m = first(coder, "Peru has granted diplomatic asylum to five Bolivian army officers holed up in its embassy.",
              "AID")
    assert codes(m.recipients) == {"BOLMIL"}  # army officers are military, not police


@pytest.mark.parametrize("text, actor, recipient", [
    ("Kenya said Ethiopian forces must ensure security along the border.", "KEN", "ETHMIL"),
    ("The summit concluded that Japan must allocate more money to the fund.", None, "JPN"),
])
def test_an_act_a_speaker_says_someone_must_do_is_a_demand_of_them(coder, text, actor, recipient):
    m = first(coder, text, "REQUEST")
    assert m.status == "asserted" and codes(m.recipients) == {recipient}
    assert actor is None or codes(m.actors) == {actor}


def test_people_placed_in_a_place_the_geoparser_knows(coder):
    """The actor dictionary knows countries and capitals; a province is the gazetteer's ("Sindh": PAK)."""
    m = first(coder, "The government of Sindh province banned rallies on Monday.", "COERCE")
    assert codes(m.actors) == {"PAKGOV"}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "code"), [
    ("Armenia's Security Council held an extraordinary meeting on Tuesday.", "ARMGOV"),  # a country's own body
    ("The Russian Security Council met on Friday.", "RUSGOV"),
    ("The UN Security Council held an emergency meeting on Sunday.", "IGOUNOSEC"),
    ("The Security Council held an emergency meeting on Sunday.", "IGOUNOSEC"),
    ("The Security Council of Peru held an emergency meeting on Sunday.", "PERGOV"),  # named after it
    ("The Security Council of the United Nations held an emergency meeting on Sunday.", "IGOUNOSEC"),
    # a body one country's is known by, named with another country: that country's
    ("The Kenyan Foreign Office condemned the attack on Monday.", "KENGOV"),
    ("The Foreign Office condemned the attack on Monday.", "GBRGOV"),
])
def test_a_country_s_own_body_with_an_igo_s_name(text, code):
    from flashpoint.coder import Coder

    (event,) = Coder().code(Article.from_text(text))
    assert [a.code for a in event.actors] == [code]


@pytest.mark.slow
def test_an_object_pronoun_is_never_its_own_clause_s_subject():
    from flashpoint.coder import Coder

    events = Coder().code(Article.from_text(
        "The Thai military blamed Cambodian soldiers for firing first, and later accused them of lying."))
    accusations = [e for e in events if e.code.event == "ACCUSE"]
    # them: the soldiers, not the military that accuses (a clause joined by 'and' shares its subject)
    assert accusations and all("THAMIL" not in {a.code for a in e.recipients} for e in accusations)
    assert all({a.code for a in e.recipients} == {"KHMMIL"} for e in accusations)


@pytest.mark.parametrize("text, event, actors, recipients", [
    # placed before the name, named again with the title alone
    # (in an article mostly about Kenya, whose country an unplaced titled person would otherwise take)
    ("Zambian Foreign Minister Tendai Mwale met Kenyan officials in Nairobi on Monday. On Tuesday Foreign "
     "Minister Tendai Mwale accused Malawi of shelling the border.", "ACCUSE", {"ZMBGOV"}, {"MWI"}),
    # named again by one word of the name, which the parser need not mark as a person
    ("Zambian Foreign Minister Tendai Mwale spoke to reporters on Monday. Mwale accused Malawi of shelling "
     "the border.", "ACCUSE", {"ZMBGOV"}, {"MWI"}),
    # placed by an apposition, then acted on
    ("Tendai Mwale, Zambia's foreign minister, arrived in Nairobi, the Kenyan capital. President Ruto later "
     "spoke with Foreign Minister Tendai Mwale by phone.", "CONSULT", None, {"ZMBGOV"}),
])
def test_a_person_the_article_places_is_that_country_s_when_named_again(coder, text, event, actors, recipients):
    m = [m for m in mentions(coder, text) if m.code.event == event][-1]
    if actors is not None:
        assert codes(m.actors) == actors
    assert recipients <= codes(m.recipients)


def test_a_name_two_countries_claim_places_no_one(coder):
    text = ("Zambian envoy Peter Banda and Malawian envoy Grace Banda met on Monday. "
            "On Tuesday Banda accused the rebels of shelling the border.")
    m = first(coder, text, "ACCUSE")
    assert not any(a.country in ("ZMB", "MWI") for a in m.actors)


@pytest.mark.parametrize("text, event, actor", [
    ("A delegation from the African Union arrived in Juba on Thursday.", "CONSULT", "IGOAU"),
    ("Representatives from Nairobi met rebel leaders on Friday.", "CONSULT", "KEN"),
])
def test_people_from_a_body_are_that_body_acting(coder, text, event, actor):
    m = first(coder, text, event)
    assert any(a.code.startswith(actor) for a in m.actors)


def test_the_public_acting_where_no_place_is_said_are_of_the_article_s_place(coder):
    text = ("Thousands rallied in Nakuru and Eldoret on Monday against the new tax. "
            "The protesters demanded the resignation of the finance minister.")
    m = first(coder, text, "REQUEST")
    assert [a.country for a in m.actors] == ["KEN"]


def test_unplaced_troops_do_not_take_the_article_s_place(coder):
    text = "Fighting went on in Nakuru and Eldoret on Monday. The soldiers shelled a village."
    m = first(coder, text, "ASSAULT")
    assert all(a.country != "KEN" for a in m.actors)


@pytest.mark.parametrize("text, event, actor", [
    ("The leaders of the African Union, including Kenyan President William Ruto, condemned the coup.",
     "ACCUSE", "IGOAU"),
    ("Foreign ministers of the African Union member states on Monday urged the junta to free the president.",
     "REQUEST", "IGOAU"),
    # the country named, with a body it belongs to beside it, is the country's
    ("The government of Kenya, an African Union member, on Monday urged the junta to free the president.",
     "REQUEST", "KENGOV"),
])
def test_people_of_a_named_body_act_for_it(coder, text, event, actor):
    m = first(coder, text, event)
    assert codes(m.actors) == {actor}


def test_a_sentence_s_subject_pronoun_continues_the_previous_subject(coder):
    text = ("Kenyan President William Ruto had a telephone conversation with Ugandan President Yoweri Museveni "
            "about the fighting. He then talked with Tanzanian President Samia Suluhu Hassan.")
    m = [m for m in mentions(coder, text) if m.code.event == "CONSULT"][-1]
    assert codes(m.actors) == {"KENGOV"}


def test_whoever_attends_a_gathering_takes_part_in_it(coder):
    m = first(coder, "Brazil's ambassador to Peru attended the talks in Lima on Monday as an observer.", "CONSULT")
    assert codes(m.actors) == {"BRAGOV"}


def test_had_a_conversation_is_what_the_subject_did(coder):
    m = first(coder, "Kenyan President William Ruto had a telephone conversation with Ugandan officials on Monday.",
              "CONSULT")
    assert codes(m.actors) == {"KENGOV"}


def test_a_national_body_with_an_igo_s_name_is_not_the_igo(coder):
    text = ("Kenyan police patrolled Nairobi and Mombasa on Monday. The National Security Council met on Tuesday "
            "and accused Somalia of arming the militants.")
    m = first(coder, text, "ACCUSE")
    assert codes(m.actors) == {"KENGOV"}
    m = first(coder, "The Security Council on Tuesday accused Somalia of arming the militants.", "ACCUSE")
    assert codes(m.actors) == {"IGOUNOSEC"}


@pytest.mark.parametrize("text, parties", [
    ("Peru and Ecuador blame each other for the latest outbreak of fighting.", {"PER", "ECU"}),
    ("The envoys of Peru and Chile accused one another of stalling the talks.", {"PERGOV", "CHLGOV"}),
])
def test_a_reciprocal_pronoun_makes_each_party_the_other_s_recipient(coder, text, parties):
    m = first(coder, text, "ACCUSE")
    assert codes(m.actors) == parties and codes(m.recipients) == parties


@pytest.mark.parametrize("text, actor, recipient", [
    ("A Chilean commander was killed in a Peruvian air strike on Monday.", "PER", "CHLMIL"),
    ("Three Ecuadorean soldiers were killed in a Colombian drone attack near the border.", "COL", "ECUMIL"),
])
def test_killed_in_a_named_side_s_strike_is_that_side_s_act(coder, text, actor, recipient):
    m = first(coder, text, "ASSAULT")
    assert codes(m.actors) == {actor} and recipient in codes(m.recipients)


def test_a_warning_is_aimed_at_whom_the_warned_act_names_either_side_included(coder):
    text = ("Peru and Chile clashed again. Peru and Chile blamed each other. The US president said he would not "
            "sign a trade deal with either country while the fighting continued, warning he would impose tariffs "
            "on either side.")
    warning = first(coder, text, "THREATEN")  # one warning to each side (stages/dyads.py), read together here
    assert codes(warning.recipients) == {"PER", "CHL"}


@pytest.mark.parametrize("text", [
    "A curfew was imposed in three districts of Mombasa on Friday.",
    "Martial law was declared in eight districts of Mombasa.",
])
def test_an_implied_government_is_that_of_the_place_the_article_is_about(coder, text):
    from flashpoint.model import Article

    [event] = [e for e in coder.code(Article.from_text(text)) if e.code.event == "COERCE"]
    assert codes(event.actors) == {"KENGOV"}


def test_a_word_of_a_place_s_name_is_no_act(coder):
    found = mentions(coder, "Two men were arrested after a gas station in Ban Nong Khai was robbed.")
    assert [m.code.mode for m in found if m.code.event == "COERCE"] == ["arrest"]


def test_weapons_fired_towards_a_party_are_the_means_and_a_time_is_no_target(coder):
    m = first(coder, "Peru fired more than 30 drones and missiles towards Chile on Saturday night.", "ASSAULT")
    assert codes(m.actors) == {"PER"} and codes(m.recipients) == {"CHL"}
    assert "on" not in m.trigger.split()  # "on Saturday night" says when, not at whom


@pytest.mark.parametrize("text, recipients", [
    ("In separate calls with the presidents of Peru and Chile, Lula said he voiced Brazil's concern.",
     {"PERGOV", "CHLGOV"}),
    ("During talks with Chinese officials, the Peruvian foreign minister said trade would grow.", {"CHNGOV"}),
])
def test_a_conversation_a_speaker_reports_having_had_is_the_speaker_s(coder, text, recipients):
    m = first(coder, text, "CONSULT")
    assert codes(m.recipients) == recipients and all(a.country in ("BRA", "PER") for a in m.actors) and m.actors


@pytest.mark.parametrize("text, actors, recipients", [
    # whoever did anything in a joint act took part in it, whatever the verb
    ("In a conversation with his Chilean counterpart, the Peruvian foreign minister deemed the strike illegal.",
     {"PERGOV"}, {"CHL"}),
    ("During a meeting with Chilean officials, the Peruvian president signed a trade pact.", {"PERGOV"}, {"CHL"}),
])
def test_a_joint_act_the_clause_s_subject_took_part_in_is_the_subject_s(coder, text, actors, recipients):
    m = first(coder, text, "CONSULT")
    assert codes(m.actors) == actors and {r.country for r in m.recipients} == recipients


def test_a_body_s_meeting_is_the_body_s_not_of_who_spoke_in_it(coder):
    m = first(coder, "Peru denounced the raid during a meeting of the UN Security Council.", "CONSULT")
    assert "PER" not in {a.country for a in m.actors}


def test_the_owner_of_the_weapons_named_before_an_attack_did_it(coder):
    m = first(coder, "The council met on Sunday to discuss Peru's overnight missile and drone attack on Chile.",
              "ASSAULT")
    assert codes(m.actors) == {"PER"} and codes(m.recipients) == {"CHL"}


def test_a_name_one_state_calls_another_s_government_by_is_that_government(coder):
    m = first(coder, "Iran said the Zionist regime attacked its consulate in Damascus.", "ASSAULT")
    assert codes(m.actors) == {"ISRGOV"}


def test_the_speaker_took_part_in_the_joint_act_said_just_before(coder):
    m = first(coder, "The Peruvian foreign minister tweeted after a phone call with Chilean President Gabriel Boric.",
              "CONSULT")
    assert codes(m.actors) == {"PERGOV"} and codes(m.recipients) == {"CHLGOV"}
    # not an act done to the speaker: who attacked is not said
    attack = first(coder, "The Peruvian foreign minister spoke after an attack on the embassy in Lima.", "ASSAULT")
    assert not codes(attack.actors) & {"PERGOV", "PER"}


def test_the_one_a_vow_says_will_be_punished_is_its_target(coder):
    m = first(coder, "Peru's president vowed on Monday that Chile will be punished for an attack on the Peruvian "
                     "embassy in the Bolivian capital.", "THREATEN")
    assert {a.country for a in m.recipients} == {"CHL"}


def test_a_capital_named_before_an_event_noun_is_where_it_happened_not_who_did_it(coder):
    m = first(coder, "Seven officers were killed in the Lima attack on Monday.", "ASSAULT")
    assert not {a.country for a in m.actors} & {"PER"}
    # a country before the noun still did it
    assert codes(first(coder, "Peruvian air strikes killed seven rebels on Monday.", "ASSAULT").actors) & {
        "PER", "PERMIL"}


def test_where_two_parties_meet_is_the_venue_not_a_third_party(coder):
    m = first(coder, "Peru and Chile held talks in Quito on Monday.", "CONSULT")
    assert codes(m.actors) == {"PER", "CHL"} and not {r.country for r in m.recipients} & {"ECU"}
    # one party acting in a country with no one named acts on it, as CAMEO codes it
    assert {r.country for r in first(coder, "Peru held talks in Quito on Monday.", "CONSULT").recipients} == {"ECU"}


def test_a_first_person_singular_in_a_quote_is_its_speaker(coder):
    m = first(coder, "\"I thank Chile for its help,\" Peru's president wrote.", "SUPPORT")
    assert {a.country for a in m.actors} == {"PER"}


def test_a_pattern_s_collective_pair_is_who_is_asked(coder):
    text = ("Peru and Chile clashed again on Tuesday. Peru said Chile attacked first. Chile denied it. "
            "Brazil continued to urge both sides to stick to the ceasefire.")
    m = first(coder, text, "REQUEST")
    assert {r.country for r in m.recipients} == {"PER", "CHL"}


def test_both_sides_are_never_the_one_who_addresses_them(coder):
    """The two countries an article names most may include the one that speaks to "both sides"; the sides it
    asks are the others."""
    text = ("Brazil raised the clashes between Peru and Chile at the United Nations, Brazil's foreign ministry "
            "said. Brazil urged both sides to stick to the ceasefire.")
    m = first(coder, text, "REQUEST")
    assert {r.country for r in m.recipients} == {"PER", "CHL"}


def test_both_sides_are_the_two_countries_their_own_sentence_names(coder):
    """The article names Brazil and Ecuador most, but the sentence that says "both sides" names its pair."""
    text = ("Brazil and Ecuador met in Brasilia on Monday. Brazil and Ecuador signed a trade deal. Ecuador thanked "
            "Brazil. Amid the dispute between Peru and Chile, Brazil urged both sides to talk.")
    m = first(coder, text, "REQUEST")
    assert {r.country for r in m.recipients} == {"PER", "CHL"}


@pytest.mark.parametrize("text, pair", [
    # a pair phrase listed with its article ("the two sides", "the neighbours") is read with it
    ("Fighting between Peru and Chile continued on Monday. The two sides agreed to hold talks in Lima.", True),
    ("Fighting between Peru and Chile continued on Monday. The neighbours agreed to hold talks in Lima.", True),
    # ... and only with it: "its neighbours" are no pair the article names
    ("Fighting between Peru and Chile continued on Monday. Its neighbours agreed to hold talks in Lima.", False),
    # "the parties" to a conflict between two countries are its sides; in one country's politics, its parties
    ("Fighting between Peru and Chile continued on Monday. The parties agreed to hold talks in Lima.", True),
    ("Kenya's opposition leaders met in Nairobi on Monday. The parties agreed to form a coalition.", False),
])
def test_a_definite_pair_phrase_is_the_article_s_two_countries(coder, text, pair):
    m = first(coder, text, "AGREE")
    assert ({a.country for a in m.actors} == {"PER", "CHL"}) == pair


def test_a_pair_named_inside_a_phrase_is_not_the_phrase():
    """"the toll given by both governments": the toll is no pair of countries, though "both governments" under it
    is one (hand-built parse: the model hangs such a phrase on the noun it follows)."""
    import spacy
    from spacy.tokens import Doc

    from flashpoint.dictionaries.actors import load_actor_dictionary
    from flashpoint.dictionaries.cues import load_cues
    from flashpoint.resolve.actors import ActorContext, resolve_actor

    words = ["Peru", "and", "Chile", "clashed", ".", "The", "toll", "given", "by", "both", "governments", "rose"]
    heads = [3, 0, 0, 3, 3, 6, 11, 6, 7, 10, 8, 11]
    deps = ["nsubj", "cc", "conj", "ROOT", "punct", "det", "nsubj", "acl", "agent", "det", "pobj", "ROOT"]
    pos = ["PROPN", "CCONJ", "PROPN", "VERB", "PUNCT", "DET", "NOUN", "VERB", "ADP", "DET", "NOUN", "VERB"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos,
              sent_starts=[True] + [False] * 4 + [True] + [False] * 6,
              ents=["B-GPE", "O", "B-GPE"] + ["O"] * 9)
    context = ActorContext(load_actor_dictionary(), load_cues())
    context.count_countries(doc)
    assert codes(resolve_actor(doc[10], context)) == {"PER", "CHL"}  # the pair itself
    assert codes(resolve_actor(doc[6], context)) == set()


@pytest.mark.parametrize("text", [
    "Peru and Chile clashed near the border on Tuesday.",
    "Peruvian and Chilean troops exchanged fire near the border on Tuesday.",
])
def test_parties_that_clash_act_on_each_other(coder, text):
    events = [e for e in coder.code(Article.from_text(text)) if e.code.event == "ASSAULT"]
    pairs = {(a.country, r.country) for e in events for a in e.actors for r in e.recipients}
    assert pairs == {("PER", "CHL"), ("CHL", "PER")}, pairs


def test_who_a_side_clashed_with_is_its_recipient(coder):
    events = [e for e in coder.code(Article.from_text("Peruvian troops clashed with Chilean soldiers on Tuesday."))
              if e.code.event == "ASSAULT"]
    assert [[r.country for r in e.recipients] for e in events] == [["CHL"]]
    # but not what they fought with
    events = coder.code(Article.from_text("Peruvian troops clashed with rifles and grenades on Tuesday."))
    assert all(not e.recipients for e in events if e.code.event == "ASSAULT")


def test_a_country_in_apposition_to_another_country_is_the_next_of_a_list():
    """"calls on Kenya, Uganda to ...": a headline's comma list, as the model sometimes parses it (an apposition);
    a town in apposition to its country adds no one."""
    import spacy
    from spacy.tokens import Doc

    from flashpoint.dictionaries.actors import load_actor_dictionary
    from flashpoint.dictionaries.cues import load_cues
    from flashpoint.resolve.actors import ActorContext
    from flashpoint.stages.actors import resolve_all

    words = ["Egypt", "calls", "on", "Kenya", ",", "Uganda", "to", "talk"]
    heads = [1, 1, 1, 2, 3, 3, 7, 1]
    deps = ["nsubj", "ROOT", "prep", "pobj", "punct", "appos", "aux", "xcomp"]
    pos = ["PROPN", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "PART", "VERB"]
    ents = ["B-GPE", "O", "O", "B-GPE", "O", "B-GPE", "O", "O"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    context = ActorContext(load_actor_dictionary(), load_cues())
    assert codes(resolve_all([doc[3]], context, recipient=True)) == {"KEN", "UGA"}
    words[3], words[5] = "Nairobi", "Kenya"
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    assert {a.country for a in resolve_all([doc[3]], context, recipient=True)} == {"KEN"}


@pytest.mark.parametrize("text, recipients", [
    ("France will raise the Peru-Chile clashes at the UN Security Council.", set()),  # a venue, no side
    ("Peruvian troops clashed with Chile near the border on Monday.", {"CHL"}),
    ("The clashes between Peru and Chile at the Security Council's doorstep worried envoys.", {"PER", "CHL"}),
])
def test_a_fight_s_other_side_is_named_with_with_against_or_between_never_at(coder, text, recipients):
    m = first(coder, text, "ASSAULT")
    assert codes(m.recipients) == recipients


def test_a_mission_s_possessor_owns_it_and_a_name_beside_it_is_where_it_is(coder):
    m = first(coder, "Chile attacked Peru's Bolivia consulate on Monday.", "ASSAULT")
    assert codes(m.recipients) == {"PERGOV"}


def test_the_body_its_sentence_named_with_its_country_is_the_one_the_definite_noun_means(coder):
    text = ("Chilean officials in Santiago accused Peru of shelling towns in Chile. A spokesman for Peru's Ministry of "
            "Defence said the ministry rejected the accusations.")
    m = [x for x in mentions(coder, text) if x.code.event == "REJECT"][0]
    assert {a.country for a in m.actors} == {"PER"}


@pytest.mark.parametrize("text", [
    "A Peruvian F-16 fighter jet bombed Chilean targets on Monday.",
    "A Peruvian fighter plane bombed a Chilean base on Monday.",
])
def test_a_fighter_jet_is_an_air_force_not_insurgent_fighters(coder, text):
    assert codes(first(coder, text, "ASSAULT").actors) == {"PERMIL"}


@pytest.mark.parametrize("text, event, actors", [
    # a quotation a statement "adds" is spoken by whoever the paragraph before says issued the statement
    ('"This must stop," the African Union leaders said in a joint statement.\n'
     'The statement adds: "Peru has violated the border, and we demand that it withdraw."', "REQUEST", {"IGOAU"}),
    # a quotation attributed to a pronoun is spoken by whom the pronoun stands for
    ("Kenyan President William Ruto spoke to both leaders on Monday.\n"
     '"I appealed directly to both leaders for an immediate ceasefire," he said.', "REQUEST", {"KENGOV"}),
    # ... and an office named with its holder's name is a person a later "he" stands for
    ("Chile's ambassador to the United Nations, Pedro Soto, spoke after the vote on Monday.\n"
     '"I call for an immediate ceasefire," he told reporters.', "REQUEST", {"CHLGOV"}),
    # an official's "we" is the state the official speaks for; "I" is the official
    ('"We call on both sides to show restraint," the Brazilian foreign minister said.', "REQUEST", {"BRA"}),
    ('"I call on both sides to show restraint," the Brazilian foreign minister said.', "REQUEST", {"BRAGOV"}),
    # a country's envoy to a body is the country's
    ("Chile's UN ambassador Pedro Soto called for a ceasefire.", "REQUEST", {"CHLGOV"}),
    ("Chile's UN envoy called for a ceasefire.", "REQUEST", {"CHLGOV"}),
    # a definite office is the one named with its country a sentence or two before (in an article mostly about
    # Ecuador, "the ambassador" is still the Peruvian one)
    ("Protests continued in Quito, Ecuador, on Monday. Peru's ambassador to Ecuador spoke to reporters in Quito. "
     "The ambassador condemned the attack on the embassy.", "ACCUSE", {"PERGOV"}),
    # ... or, further back, the actors the article last read off the same word
    ("Lima, Peru, April 14 -- The leaders of the African Union on Sunday condemned Chile for its raid on Peru.\n"
     "Peru said the raid killed nine people.\nChile denied it.\nBolivia called for calm.\n"
     "\"We express our full solidarity with Peru,\" the leaders said.", "SUPPORT", {"IGOAU"}),
])
def test_who_speaks_a_quotation_or_holds_an_office(coder, text, event, actors):
    assert codes(first(coder, text, event).actors) == actors


@pytest.mark.parametrize("text, event", [
    # a speaker's "we" with no speaker found is no party the quotation names
    ('The statement adds: "Peru has violated the border, and we demand that it withdraw."', "REQUEST"),
    # what a speaker said after a body's meeting leaves the meeting the body's
    ("After a closed meeting of the Security Council, Peru's ambassador said his country wanted peace.", "CONSULT"),
])
def test_no_party_the_sentence_names_speaks_for_an_unattributed_we_or_a_body_s_meeting(coder, text, event):
    assert "PER" not in {a.country for a in first(coder, text, event).actors}
