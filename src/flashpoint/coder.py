"""The one path from text to events: ``Article -> EventMention -> Event``.

    from flashpoint.coder import Coder
    coder = Coder()
    events = coder.code(Article.from_text(text, published=date))

The CLI, the API, the server and the Spark job all call :class:`Coder`; nothing else codes text. The body after
the dateline is parsed (so the dateline is never an actor or an event place); then the stages of the Coder's
profile (``flashpoint.stages``: toponyms, triggers, status, arguments, actors, places, dates, links, merge; the
PETRARCH profile adds its own) run over one ``ArticleState`` and leave the article's events in it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from .dictionaries.actors import load_actor_dictionary
from .dictionaries.cues import load_cues
from .dictionaries.petrarch import PetrarchResources, load_petrarch_folder, petrarch_files, to_flashpoint
from .dictionaries.triggers import load_trigger_dictionary
from .errors import FlashpointError, InputError, PipelineError, SettingError
from .ingest.dateline import split_dateline
from .model import Article, Event, EventMention
from .nlp.pipeline import add_entity_patterns, load_pipeline
from .nlp.repair import text_for_parser
from .nlp.truecase import MIN_TOWN_POPULATION, Truecaser, build_truecaser, needs_truecasing
from .ontology import load_ontology
from .places import load_gazetteer
from .places.gazetteer import ADMIN1, COUNTRY
from .places.words import load_place_words
from .resolve.dates import load_calendar
from .settings import get_setting, setting
from .stages import PROFILES, ArticleState, Resources, Stage, run_stages

CODER_NAME = "flashpoint.rules/1"

logger = logging.getLogger(__name__)


@dataclass
class Coded:
    """One article's result: its events, or the error that stopped it (the batch goes on)."""

    article: Article
    events: list[Event]
    mentions: list[EventMention]
    error: FlashpointError | None = None


class Coder:
    """Loads the pipeline, dictionaries and gazetteer once; codes any number of articles."""

    def __init__(self, nlp: Language | None = None, *, spacy_model: str | None = None,
                 dictionaries: str | Path | None = None, dictionaries_only: bool = False) -> None:
        """``dictionaries``: a folder (default: the ``dictionaries`` setting) of extra dictionaries, in
        Flashpoint's TSV formats (``actors*.tsv``, ``triggers*.tsv``) and/or PETRARCH2's (``*.actors.txt``,
        ``*.agents.txt``, ``*.verbs.txt``, ``*.discards.txt``), loaded alongside the built-ins.
        ``dictionaries_only``: PETRARCH's verbs, actors and agents replace the built-in triggers, actors and
        sector words (the country table stays, to read codes); a kind the folder has no file of is kept. Malformed PETRARCH lines are skipped and listed in
        ``dictionary_warnings``."""
        folder = dictionaries if dictionaries is not None else (get_setting("dictionaries") or None)
        extra = [str(folder)] if folder else []
        self.resources = Resources(
            triggers=load_trigger_dictionary(tuple(_extra_files(extra, "triggers"))),
            cues=load_cues(),
            actors=load_actor_dictionary(tuple(_extra_files(extra, "actors"))),
            ontology=load_ontology(),
        )
        self.petrarch: PetrarchResources | None = None
        self.dictionary_warnings: list = []
        if folder and petrarch_files(folder):
            pd = load_petrarch_folder(folder)
            # "instead of", kind by kind: PETRARCH's verbs replace Flashpoint's triggers, its actors and agents
            # Flashpoint's names (the country table stays, to read codes); a kind the folder lacks is kept
            replace_names = dictionaries_only and bool(pd.actors or pd.agents)
            base_actors = (self.resources.actors.without_names(label="petrarch-only") if replace_names
                           else self.resources.actors)
            actors, triggers, self.petrarch = to_flashpoint(
                pd, base_actors=base_actors, ontology=self.resources.ontology,
                base_triggers=None if dictionaries_only and pd.verbs else self.resources.triggers)
            self.resources = Resources(triggers=triggers, cues=self.resources.cues, actors=actors,
                                       ontology=self.resources.ontology)
            self.dictionary_warnings = self.petrarch.warnings
            if nlp is None:  # a pipeline of its own, whose entity ruler also knows the PETRARCH names
                nlp = load_pipeline.__wrapped__(spacy_model)
                add_entity_patterns(nlp, actors.added_entity_patterns())
        elif dictionaries_only:
            raise SettingError("dictionaries_only needs a folder with PETRARCH dictionaries",
                               where=str(folder) if folder else "dictionaries")
        self.gazetteer = load_gazetteer()
        self.resources = dataclasses.replace(self.resources, gazetteer=self.gazetteer, petrarch=self.petrarch)
        self.profile = PROFILES["petrarch" if self.petrarch is not None else "rules"]
        self.stages: tuple[Stage, ...] = self.profile.stages
        self.nlp = nlp or load_pipeline(spacy_model)
        self.anaphora_window = int(get_setting("anaphora_window"))
        self.undated_precision = str(get_setting("undated_precision"))
        self.name = (f"{CODER_NAME} ({self.resources.actors.version}; {self.resources.triggers.version}; "
                     f"{self.resources.cues.version}; {self.resources.ontology.version})")

    # ---------------------------------------------------------------- one article

    def code(self, article: Article) -> list[Event]:
        """The events of one article (every status; the CLI hides non-asserted ones by default)."""
        error = self._too_long(article)
        if error is not None:
            raise error
        body, (article, offset) = self._split_dateline(article)
        result = self._finish(article, offset, self.nlp(body))
        if result.error is not None:
            raise result.error
        return result.events

    def code_text(self, text: str, *, published: dt.date | None = None) -> list[Event]:
        return self.code(Article.from_text(text, published=published))

    # ---------------------------------------------------------------- many articles

    def code_many(self, articles: Iterable[Article], *, batch_size: int | None = None,
                  n_process: int | None = None) -> Iterator[Coded]:
        """Code a stream of articles with ``nlp.pipe``; one article's failure is reported, not raised.

        ``batch_size`` and ``n_process`` (default: the settings) out of their settings' ranges are a
        :class:`SettingError` naming them: a batch of 0 codes nothing, and -1 processes means one per core."""
        batch_size = get_setting("batch_size") if batch_size is None else setting("batch_size").check(
            batch_size, where="batch_size")
        n_process = get_setting("n_process") if n_process is None else setting("n_process").check(
            n_process, where="n_process")
        def pairs() -> Iterator[tuple[str, tuple[Article, int | None]]]:
            for article in articles:
                if self._too_long(article) is not None:  # an empty text keeps its place in the stream
                    yield "", (article, None)
                else:
                    yield self._split_dateline(article)

        for doc, (article, offset) in self.nlp.pipe(pairs(), as_tuples=True, batch_size=batch_size,
                                                    n_process=n_process):
            if offset is None:
                yield Coded(article, [], [], self._too_long(article))
            else:
                yield self._finish(article, offset, doc)

    def _too_long(self, article: Article) -> InputError | None:
        """An article over ``max_article_chars`` is refused: the parser's memory grows with the text (spaCy's
        own limit, a million characters, is an exception that would stop the whole batch)."""
        limit = int(get_setting("max_article_chars"))
        if len(article.text) <= limit:
            return None
        return InputError(f"the article is {len(article.text):,} characters long, over the limit of {limit:,} "
                          "(setting max_article_chars); split it into parts, or raise the limit",
                          where=article.origin or article.id)

    def _split_dateline(self, article: Article) -> tuple[str, tuple[Article, int]]:
        """The body to parse (after the dateline, read with this Coder's actor dictionary, so the dateline is
        never an actor or an event place; lines written without case truecased, ``nlp.truecase``), with the
        article and the offset where the body starts."""
        dateline = split_dateline(article.text, actors=self.resources.actors)
        offset = dateline.end if dateline else 0
        body = text_for_parser(article.text[offset:])  # the same length: offsets stay the article's
        return (self.truecaser.truecase(body) if needs_truecasing(body) else body), (article, offset)

    @functools.cached_property
    def truecaser(self) -> Truecaser:
        """Built from this Coder's dictionaries and gazetteer on the first caseless text (a few seconds)."""
        common = set(load_place_words().words.get("common_word", ()))
        common |= {w for words in self.resources.cues.argument_words.values() for w in words}
        common |= {lemma for entry in self.resources.triggers.entries for alternatives in entry.sequence
                   for lemma in alternatives}
        common |= {w for phrase in self.resources.actors.sector_phrases() for w in phrase.split()}
        common |= set(STOP_WORDS)
        gaz = self.gazetteer
        places = [(name, MIN_TOWN_POPULATION if kind in (COUNTRY, ADMIN1) else pop)
                  for name, kind, pop in zip(gaz.names, gaz.kinds, gaz.pops)]
        weekdays = tuple(day.capitalize() for day in load_calendar().weekdays)
        return build_truecaser(self.resources.actors.entity_patterns(), places, frozenset(common), always=weekdays)

    def _finish(self, article: Article, offset: int, doc: Doc) -> Coded:
        try:
            state = ArticleState(article, doc, offset, self.resources,
                                 anaphora_window=self.anaphora_window, undated_precision=self.undated_precision,
                                 coder_name=self.name, provisional_rules=self.profile.provisional_rules)
            run_stages(state, self.stages)
        except FlashpointError as exc:
            return Coded(article, [], [], exc)
        except Exception as exc:  # noqa: BLE001 - a rule that breaks on one odd parse must not stop a batch
            error = PipelineError(f"coding failed: {type(exc).__name__}: {exc}", where=article.origin or article.id)
            error.__cause__ = exc  # `-v` shows its traceback; the batch goes on
            logger.debug("article %s failed", article.origin or article.id, exc_info=exc)
            return Coded(article, [], [], error)
        return Coded(article, state.events, state.mentions())


def _extra_files(folders: list[str], kind: str) -> list[str]:
    from pathlib import Path

    files: list[str] = []
    for folder in folders:
        files.extend(str(p) for p in sorted(Path(folder).glob(f"{kind}*.tsv")))
    return files
