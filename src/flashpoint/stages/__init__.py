"""The stages that turn one parsed article into its events, and the profiles that list them.

Every stage is a function ``stage(state) -> None`` over one :class:`~flashpoint.stages.state.ArticleState`: it
reads what earlier stages left there and adds its own part. Each declares what it reads and writes (as spaCy's
pipeline components declare ``requires`` and ``assigns``); ``check_profile`` verifies that every stage's inputs
are written by a stage before it. A profile is an ordered list of stages:

    toponyms -> triggers -> status -> arguments -> actors -> modes -> implied_actors -> places -> causes
             -> date_phrases -> implied_protests -> fold -> outcomes -> links -> doers
             -> implied_joined_recipients -> order -> dates -> dyads -> merge -> implied_recipients
                                                                                         (the ``rules`` profile)

The PETRARCH/TABARI profile (``petrarch``) leaves out the implied stages (it codes what a sentence says) and
inserts its own before ``merge``: discards, verb patterns, outermost verbs, PETRARCH's source and target, dated
roles, reverse events. The Coder picks the profile from its
dictionaries; the same profile runs for the CLI, the API, the server and the Spark job.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..dictionaries.petrarch import TRIGGER_PREFIX as PETRARCH_TRIGGERS
from ..merge.article import merge_article
from . import petrarch
from .actors import resolve_mention_actors
from .arguments import find_mention_arguments
from .causes import drop_nonhuman_causes
from .dates import find_date_phrases, resolve_dates
from .doers import aim_at_doers, share_conjoined_aims
from .dyads import split_dyads
from .fold import fold_participles
from .implied import imply_actors
from .links import link_mentions, order_mentions
from .modes import give_modes
from .opponents import aim_at_opponents
from .outcomes import tie_outcomes
from .places import find_toponyms, place_mentions
from .protests import imply_protests
from .state import ArticleState, Draft, Resources
from .status import read_mention_status
from .triggers import find_trigger_mentions

__all__ = ["ArticleState", "Draft", "Profile", "Resources", "Stage", "PROFILES", "check_profile", "run_stages"]


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[ArticleState], None]
    reads: tuple[str, ...]  # parts of the state it needs ("doc", "mentions.arguments", ...)
    writes: tuple[str, ...]  # parts it adds or changes

    def __call__(self, state: ArticleState) -> None:
        self.run(state)


def merge_mentions(state: ArticleState) -> None:
    """Stage ``merge``: the article's mentions of one real-world event become one ``Event``
    (``merge.article``); an asserted event with no place of its own takes the article's main place (a statement
    or a sanction only where that place's country is one of its parties)."""
    state.events = merge_article(state.mentions(), published=state.article.published,
                                 undated_precision=state.undated_precision, coder=state.coder_name,
                                 main_place=state.main_place,
                                 state_target=state.resources.cues.words("state_target_event"),
                                 state_voice=state.resources.cues.words("state_voice_event"),
                                 party_placed=state.resources.cues.words("party_placed_event"))


RULES_STAGES: tuple[Stage, ...] = (
    Stage("toponyms", find_toponyms, ("doc",), ("toponyms", "main_place")),
    Stage("triggers", find_trigger_mentions, ("doc",), ("drafts", "sentence_matches")),
    Stage("status", read_mention_status, ("drafts",), ("mentions", "mentions.status", "mentions.code")),
    Stage("arguments", find_mention_arguments, ("mentions", "sentence_matches"), ("mentions.arguments",)),
    Stage("actors", resolve_mention_actors, ("mentions.arguments", "toponyms"),
          ("context", "mentions.actors", "mentions.definite")),
    Stage("modes", give_modes, ("mentions.code", "mentions.arguments"), ("mentions.code",)),
    Stage("implied_actors", imply_actors, ("mentions.actors",), ("mentions.actors",)),
    Stage("places", place_mentions, ("mentions.actors", "toponyms"), ("mentions.location",)),
    Stage("causes", drop_nonhuman_causes, ("mentions.code", "mentions.arguments", "mentions.actors"), ("mentions",)),
    Stage("date_phrases", find_date_phrases, ("mentions.arguments",), ("mentions.date_text",)),
    Stage("implied_protests", imply_protests, ("mentions.actors", "mentions.location", "mentions.date_text"),
          ("mentions",)),
    Stage("fold", fold_participles, ("mentions.actors", "mentions.location", "mentions.date_text"), ("mentions",)),
    Stage("outcomes", tie_outcomes, ("mentions.actors", "mentions.location", "mentions.date_text"), ("mentions",)),
    Stage("links", link_mentions, ("mentions.definite", "mentions.status"), ("mentions.links",)),
    Stage("doers", aim_at_doers, ("mentions.links", "mentions.actors"), ("mentions.actors",)),
    Stage("implied_joined_recipients", share_conjoined_aims, ("mentions.actors",), ("mentions.actors",)),
    Stage("order", order_mentions, ("mentions",), ("mentions.order",)),
    Stage("dates", resolve_dates, ("mentions.date_text", "mentions.order"), ("mentions.date",)),
    Stage("dyads", split_dyads, ("mentions.actors",), ("mentions",)),
)
MERGE = Stage("merge", merge_mentions, ("mentions.links", "mentions.date", "main_place"), ("events",))
IMPLIED_RECIPIENTS = Stage("implied_recipients", aim_at_opponents, ("context", "events"), ("events",))

PETRARCH_STAGES: tuple[Stage, ...] = (
    Stage("petrarch.discards", petrarch.drop_discarded, ("mentions",), ("mentions",)),
    Stage("petrarch.verbs", petrarch.choose_verb_codes, ("mentions.code",), ("mentions.code", "mentions.actors")),
    Stage("petrarch.outermost", petrarch.keep_outermost_verbs, ("mentions.code",), ("mentions",)),
    Stage("petrarch.arguments", petrarch.read_verb_arguments, ("mentions.actors",), ("mentions.actors",)),
    Stage("petrarch.roles", petrarch.apply_dated_roles, ("mentions.actors",), ("mentions.actors",)),
    Stage("petrarch.reverse", petrarch.add_reverse_events, ("mentions.actors",), ("mentions",)),
)


@dataclass(frozen=True)
class Profile:
    """A named list of stages; ``provisional_rules``: trigger rules whose code a later stage picks."""

    name: str
    stages: tuple[Stage, ...]
    provisional_rules: tuple[str, ...] = ()


# What a sentence implies without saying it (an actor for an arrest, a protest where protesters were fired on, the
# other side as the one a hostile act is aimed at):
# the rules profile reads it; PETRARCH codes what the sentence says.
IMPLIED_STAGES = ("implied_actors", "implied_protests", "implied_joined_recipients", "implied_recipients")
# PETRARCH pairs a compound source and target its own way (petrarch.arguments): one act per pair is the rules'.
RULES_ONLY_STAGES = IMPLIED_STAGES + ("dyads",)

PROFILES: dict[str, Profile] = {
    "rules": Profile("rules", RULES_STAGES + (MERGE, IMPLIED_RECIPIENTS)),
    "petrarch": Profile("petrarch", tuple(s for s in RULES_STAGES if s.name not in RULES_ONLY_STAGES) + PETRARCH_STAGES
                        + (MERGE,), provisional_rules=(PETRARCH_TRIGGERS,)),
}


def check_profile(profile: Profile) -> None:
    """Raise ``ValueError`` naming the first stage that reads a part no stage before it writes."""
    written = {"doc", "article", "resources"}
    for stage in profile.stages:
        missing = [part for part in stage.reads if part not in written]
        if missing:
            raise ValueError(f"profile {profile.name!r}: stage {stage.name!r} reads {missing} before any stage "
                             "writes it")
        written.update(stage.writes)


def run_stages(state: ArticleState, stages: tuple[Stage, ...]) -> ArticleState:
    for stage in stages:
        stage(state)
    return state
