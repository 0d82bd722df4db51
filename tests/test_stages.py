"""The article state and its stages: profiles are well formed, stages run alone on a state, and mentions
refer to each other by id, so any stage may remove mentions without breaking or bending the links of the rest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from flashpoint.model import Article
from flashpoint.stages import PROFILES, ArticleState, Profile, Stage, check_profile, run_stages

SEED = Path(__file__).resolve().parents[2] / "shared" / "data" / "seed" / "pakistan_iran_strikes.txt"
THURSDAY = dt.date(2024, 1, 18)
# Two sentences a discards file drops ("baseball", "months later"), then an event and an anaphor that points
# back at it. With links by list position, dropping the first two left the anaphor pointing past the list.
DISCARDED_FIRST = ("Iran attacked a baseball stadium in Pakistan on Monday. Months later, Iraq attacked Kuwait. "
                   "Pakistan launched strikes on militants in Iran on Tuesday. The strikes were carried out in "
                   "Iran's Sistan and Baluchestan province.")


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_every_profile_reads_only_what_an_earlier_stage_wrote(name):
    check_profile(PROFILES[name])
    names = [s.name for s in PROFILES[name].stages]
    assert len(names) == len(set(names)) and "merge" in names
    # what follows the merge works on the article's events
    assert all("events" in s.reads for s in PROFILES[name].stages[names.index("merge") + 1:])


def test_a_stage_that_reads_before_anything_writes_is_refused():
    rules = PROFILES["rules"].stages
    backwards = Profile("backwards", (rules[2], rules[1]))  # status before triggers
    with pytest.raises(ValueError, match="'status' reads"):
        check_profile(backwards)


def test_the_petrarch_profile_is_the_rules_profile_plus_its_own_stages():
    rules = [s.name for s in PROFILES["rules"].stages]
    petrarch = [s.name for s in PROFILES["petrarch"].stages]
    # less the rules' implied stages and their one act per pair of parties (PETRARCH pairs its own way)
    assert [n for n in petrarch if not n.startswith("petrarch.")] == [
        n for n in rules if not n.startswith("implied_") and n != "dyads"]
    assert {"petrarch.discards", "petrarch.verbs", "petrarch.roles"} <= set(petrarch)


# ------------------------------------------------------------------------------ with the model (slow)

@pytest.fixture(scope="module")
def coder():
    from flashpoint.coder import Coder

    return Coder()


@pytest.fixture(scope="module")
def discarding_coder(tmp_path_factory):
    from flashpoint.coder import Coder

    folder = tmp_path_factory.mktemp("dictionaries")
    (folder / "mine.discards.txt").write_text("BASEBALL\nMONTHS LATER\n", encoding="utf-8")
    return Coder(dictionaries=folder)


def _state(coder, text: str) -> ArticleState:
    article = Article.from_text(text, published=THURSDAY)
    return ArticleState(article, coder.nlp(text), 0, coder.resources, coder_name=coder.name)


@pytest.mark.slow
def test_stages_run_alone_up_to_any_point(coder):
    state = _state(coder, "Pakistan's air force struck militant camps in Iran on Thursday.")
    run_stages(state, PROFILES["rules"].stages[:3])  # toponyms, triggers, status
    (draft,) = state.coded()
    assert draft.id == f"t{draft.head.i}" and draft.mention.id == draft.id
    assert draft.mention.code.event == "ASSAULT" and draft.mention.actors == []  # the actor stage has not run
    run_stages(state, PROFILES["rules"].stages[3:5])  # arguments, actors
    assert [a.code for a in draft.mention.actors] == ["PAKMIL"]


@pytest.mark.slow
def test_discarded_sentences_before_an_anaphor_neither_crash_nor_bend_its_link(discarding_coder):
    result = next(discarding_coder.code_many([Article.from_text(DISCARDED_FIRST, published=THURSDAY)]))
    assert result.error is None, result.error
    (event,) = result.events  # both discarded attacks are gone; the anaphor joins the strikes it names
    assert [m.trigger for m in event.mentions] == ["launched strikes", "strikes carried out"]
    assert [a.code for a in event.actors] == ["PAK"]


@pytest.mark.slow
def test_the_cli_codes_that_article_with_a_discards_only_folder(tmp_path):
    from click.testing import CliRunner

    from flashpoint.cli.main import main

    (tmp_path / "mine.discards.txt").write_text("BASEBALL\nMONTHS LATER\n", encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text(DISCARDED_FIRST, encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(article), "--published", "2024-01-18",
                                       "--dictionaries", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "IndexError" not in result.output and '"launched strikes"' in result.output


def _remove_after(stage_name: str, mention_id: str, profile: Profile) -> tuple[Stage, ...]:
    """The profile's stages with one more after ``stage_name`` that removes ``mention_id``."""
    remover = Stage(f"remove {mention_id}", lambda state: state.remove(mention_id), (), ())
    stages = list(profile.stages)
    at = [s.name for s in stages].index(stage_name) + 1
    return tuple(stages[:at] + [remover] + stages[at:])


@pytest.mark.slow
@pytest.mark.parametrize("after", ["status", "links", "dates"])
def test_removing_any_mention_leaves_the_links_of_the_others_right(coder, after):
    text = SEED.read_text(encoding="utf-8")
    full = run_stages(_state(coder, text), PROFILES["rules"].stages)
    linked = {m.antecedent for m in full.mentions()} | {r for m in full.mentions() for r in m.responds_to}
    by_id = {m.id: m for m in full.mentions()}
    assert len(by_id) >= 5 and linked - {None}, "the seed article has anaphors and response links"
    # before the links stage there are only trigger mentions ("t..."); anaphors ("a...") come with the links
    for mention_id in [i for i in by_id if after != "status" or i.startswith("t")]:
        state = run_stages(_state(coder, text), _remove_after(after, mention_id, PROFILES["rules"]))
        kept = {m.id: m for m in state.mentions()}
        assert mention_id not in kept
        for m in kept.values():
            # every link names a mention that is there
            assert m.antecedent is None or m.antecedent in kept
            assert set(m.responds_to) <= set(kept)
            if after != "status":  # removed after the links were made: the same mention it named before
                assert m.antecedent in (None, by_id[m.id].antecedent)
                assert set(m.responds_to) <= set(by_id[m.id].responds_to)
        if after == "status" or mention_id in linked:
            continue  # anaphors found another antecedent, or stand alone now; the links are checked above
        # a mention nobody points at leaves every other event's mentions as they were
        expected = sorted(sorted(x.id for x in e.mentions if x.id != mention_id) for e in full.events)
        assert sorted(sorted(x.id for x in e.mentions) for e in state.events) == [g for g in expected if g]


@pytest.mark.slow
def test_a_stage_that_raises_fails_its_article_only(coder, monkeypatch):
    def fragile(state):
        if "boom" in state.doc.text:
            raise RuntimeError("rule broke")

    monkeypatch.setattr(coder, "stages", (Stage("fragile", fragile, (), ()), *coder.stages))
    articles = [Article.from_text("boom. Israel attacked Hamas."), Article.from_text("Israel attacked Hamas.")]
    results = list(coder.code_many(articles))
    assert results[0].error is not None and "rule broke" in results[0].error.message
    assert isinstance(results[0].error.__cause__, RuntimeError)
    assert results[1].error is None and len(results[1].events) == 1



@pytest.mark.slow
def test_a_users_dictionary_reaches_the_dateline_reader(tmp_path):
    """Every stage and the dateline reader use the Coder's resources: with a user's dictionary that knows
    "FROBCORP" as an armed group, "FROBCORP --" is no dateline, and the sentence is coded whole."""
    from flashpoint.coder import Coder

    (tmp_path / "actors_mine.tsv").write_text(
        "id\tname\taliases\tcountry\tsector\tcode\nfrobcorp\tFrobcorp Militia\tFROBCORP\tPAK\tREB\tPAKREB\n",
        encoding="utf-8")
    text = "FROBCORP -- Frobcorp Militia attacked a police station in Quetta on Monday."
    (event,) = Coder(dictionaries=tmp_path).code(Article.from_text(text, published=THURSDAY))
    assert event.mentions[0].start == 0 and [a.code for a in event.actors] == ["PAKREB"]
    (builtin,) = Coder().code(Article.from_text(text, published=THURSDAY))
    assert builtin.mentions[0].start > 0  # the built-in dictionary reads a dateline


@pytest.mark.slow
def test_the_coder_reads_no_place_the_geoparser_only_guessed_from_the_region(coder):
    """"the Kelvoran Mountains" in a story that names only Nunavut: ``places`` prints Nunavut's point for the map,
    but the coder's toponyms leave it out (no event happened at a guess)."""
    from flashpoint.places import geoparse

    text = "Hikers crossed the Kelvoran Mountains last week, rangers in Nunavut said. The trail reopens in June."
    state = _state(coder, text)
    guessed = [t for t in geoparse(state.doc, gazetteer=coder.resources.gazetteer) if t.text == "Kelvoran Mountains"]
    assert guessed and guessed[0].rough and guessed[0].place.name == "Nunavut"
    run_stages(state, PROFILES["rules"].stages[:1])  # toponyms
    assert [t.text for t in state.toponyms] == ["Nunavut"]


@pytest.mark.slow
def test_the_capital_of_a_country_named_by_its_demonym_is_where_the_act_happened(coder):
    (event,) = [e for e in coder.code(Article.from_text("Protesters marched in the Kenyan capital on Monday."))
                if e.code.event == "PROTEST"]
    assert event.location is not None and event.location.name == "Nairobi"
