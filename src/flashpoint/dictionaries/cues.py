"""Cue lists that steer extraction: light verbs, status cues, editorial patterns, response words,
event anaphors, collective pairs, recipient prepositions, and the words the trigger, argument, actor and place
rules key on (``argument_words.tsv``, by kind: :meth:`Cues.words`; every list of place prepositions is there).
All are data in ``data/cues/``; the resolver's weekday and month names (``calendar.tsv``) and relative dates
are read by :mod:`flashpoint.resolve.dates`."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..datafiles import data_path, read_kinds, read_tsv
from ..errors import DictionaryError
from .harm import HarmTables, load_harm

OUTCOME_KINDS = ("trigger", "means_prep", "means_mark", "result_verb")
# The id prefixes of collectives.tsv rows that make up a counted set of states rather than a pair.
COUNTED_KEY, NUMBER_KEY = "counted.", "number."
STATUS_KINDS = ("modal", "modal_adverb", "intent", "condition", "background", "habitual", "negation", "history",
                "unrealized", "intent_noun", "span", "presupposed", "purpose", "achieved", "inquiry")


@dataclass(frozen=True)
class StatusCue:
    id: str
    kind: str
    lemmas: tuple[str, ...]  # a phrase as a sequence of lemmas
    status: str


# data/cues/response.tsv: in the preps column, the answered act is the verb's direct object ("avenge the bombing").
ANSWERED_OBJECT = "obj"


@dataclass(frozen=True)
class ResponseCue:
    id: str
    lemma: str
    kind: str
    preps: frozenset[str]
    answers_object: bool = False  # a verb whose direct object is the act answered ("avenge the bombing")


@dataclass(frozen=True)
class ImpliedActor:
    id: str
    event: str
    mode: str | None
    cameo: str | None
    sector: str
    triggers: frozenset[str] = frozenset()  # trigger entry ids it is limited to; empty: any


@dataclass(frozen=True)
class Cues:
    light_verbs: frozenset[str]
    status: tuple[StatusCue, ...]
    editorial: tuple[tuple[str, re.Pattern[str]], ...]
    responses: dict[str, ResponseCue]
    anaphors: frozenset[str]
    pairs: tuple[tuple[str, tuple[str, ...]], ...]
    recipient_preps: dict[str, frozenset[str]]
    speech_verbs: frozenset[str]
    quantities: frozenset[str]
    joint_acts: dict[str, tuple[str, str]]  # trigger id -> (event, CAMEO) when two or more states act together
    argument_words: dict[str, frozenset[str]]  # kind -> lemmas the argument rules key on
    home_targets: frozenset[str]  # events aimed at the place they happen in, the actor's own country included
    version: str
    outcomes: dict[str, frozenset[str]] = field(default_factory=dict)  # outcomes.tsv: kind -> values
    implied_actors: tuple[ImpliedActor, ...] = ()  # implied_actors.tsv
    party_acts: dict[str, tuple[tuple[str, str, str], ...]] = field(default_factory=dict)  # trigger -> (role, event, cameo)
    harm: HarmTables | None = None  # means.tsv, causes.tsv, harm_words.tsv (dictionaries.harm)
    captions: tuple[tuple[str, re.Pattern[str]], ...] = ()  # captions.tsv: photo credits
    counted_nouns: frozenset[str] = frozenset()  # collectives.tsv "counted.": "the three European countries"
    number_words: dict[str, int] = field(default_factory=dict)  # collectives.tsv "number.": "three" -> 3

    def caption_credit(self, text: str) -> str | None:
        """The id of the photo credit ``text`` holds, else None."""
        return next((cue_id for cue_id, pattern in self.captions if pattern.search(text)), None)

    def implied_actor(self, event: str, mode: str | None, cameo: str, trigger: str = "") -> ImpliedActor | None:
        """The actor an act implies when the text names none (implied_actors.tsv), or None: ``trigger`` is the
        id of the trigger entry that found the act."""
        return next((a for a in self.implied_actors if a.event == event and a.mode in (None, mode)
                     and (a.cameo is None or cameo == a.cameo) and (not a.triggers or trigger in a.triggers)), None)

    def status_cues(self, kind: str) -> dict[str, StatusCue]:
        """Single-word cues of one kind, by lemma."""
        return {c.lemmas[0]: c for c in self.status if c.kind == kind and len(c.lemmas) == 1}

    def phrase_cues(self, kind: str) -> tuple[StatusCue, ...]:
        return tuple(c for c in self.status if c.kind == kind)

    def preps_for(self, event: str) -> frozenset[str]:
        return self.recipient_preps.get(event, self.recipient_preps.get("*", frozenset()))

    def words(self, kind: str) -> frozenset[str]:
        """The ``argument_words.tsv`` words of one kind; a kind the table lacks is a DictionaryError, not an
        empty set (for the lists the code cannot do without: the actor rules' pronouns and prepositions)."""
        try:
            return self.argument_words[kind]
        except KeyError:
            raise DictionaryError(f"no words of kind '{kind}'; expected lines with that kind",
                                  where="argument_words.tsv") from None


@lru_cache(maxsize=None)
def load_cues() -> Cues:
    folder = data_path("cues")
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.tsv")):
        digest.update(path.read_bytes())

    light = frozenset(row["lemma"] for _, row in read_tsv(folder / "light_verbs.tsv", ("id", "lemma")))

    status = []
    for number, row in read_tsv(folder / "status.tsv", ("id", "kind", "phrase", "status")):
        if row["kind"] not in STATUS_KINDS:
            raise DictionaryError(f"unknown kind '{row['kind']}': expected one of {', '.join(STATUS_KINDS)}",
                                  where=f"status.tsv:{number}")
        status.append(StatusCue(row["id"], row["kind"], tuple(row["phrase"].lower().split()), row["status"]))

    editorial = []
    for number, row in read_tsv(folder / "editorial.tsv", ("id", "pattern")):
        try:
            editorial.append((row["id"], re.compile(row["pattern"], re.IGNORECASE)))
        except re.error as exc:
            raise DictionaryError(f"bad regular expression: {exc}", where=f"editorial.tsv:{number}") from exc

    captions = []
    for number, row in read_tsv(folder / "captions.tsv", ("id", "pattern")):
        try:
            captions.append((row["id"], re.compile(row["pattern"])))
        except re.error as exc:
            raise DictionaryError(f"bad regular expression: {exc}", where=f"captions.tsv:{number}") from exc

    responses = {}
    for _, row in read_tsv(folder / "response.tsv", ("id", "lemma", "kind", "preps")):
        preps = frozenset() if row["preps"] == "-" else frozenset(row["preps"].split("|"))
        responses[row["lemma"]] = ResponseCue(row["id"], row["lemma"], row["kind"], preps - {ANSWERED_OBJECT},
                                              answers_object=ANSWERED_OBJECT in preps)

    anaphors = frozenset(row["lemma"] for _, row in read_tsv(folder / "anaphors.tsv", ("id", "lemma")))
    collectives = [(row["id"], tuple(row["phrase"].lower().split()))
                   for _, row in read_tsv(folder / "collectives.tsv", ("id", "phrase"))]
    # (a counted set of states, "the three European countries": its nouns, and its number words by value)
    pairs = tuple(row for row in collectives if not row[0].startswith((COUNTED_KEY, NUMBER_KEY)))
    counted_nouns = frozenset(phrase[0] for key, phrase in collectives if key.startswith(COUNTED_KEY))
    numbers = {phrase[0]: int(key[len(NUMBER_KEY):]) for key, phrase in collectives if key.startswith(NUMBER_KEY)}
    preps: dict[str, frozenset[str]] = {}
    for _, row in read_tsv(folder / "recipient_preps.tsv", ("id", "event", "preps")):
        preps[row["event"]] = preps.get(row["event"], frozenset()) | frozenset(row["preps"].split("|"))
    speech = frozenset(row["lemma"] for _, row in read_tsv(folder / "speech.tsv", ("id", "lemma")))
    quantities = frozenset(row["lemma"] for _, row in read_tsv(folder / "quantities.tsv", ("id", "lemma")))
    joint = {row["trigger"]: (row["event"], row["cameo"])
             for _, row in read_tsv(folder / "joint_acts.tsv", ("id", "trigger", "event", "cameo"))}
    words: dict[str, set[str]] = {}
    for _, row in read_tsv(folder / "argument_words.tsv", ("id", "kind", "lemma")):
        words.setdefault(row["kind"], set()).add(row["lemma"])
    home = frozenset(row["event"] for _, row in read_tsv(folder / "home_targets.tsv", ("id", "event")))
    outcomes = read_kinds(folder / "outcomes.tsv", OUTCOME_KINDS)
    implied = tuple(
        ImpliedActor(row["id"], row["event"], None if row["mode"] == "-" else row["mode"],
                     None if row["cameo"] == "-" else row["cameo"], row["sector"],
                     frozenset() if row["triggers"] == "-" else frozenset(row["triggers"].split("|")))
        for _, row in read_tsv(folder / "implied_actors.tsv", ("id", "event", "mode", "cameo", "sector", "triggers")))
    party: dict[str, list[tuple[str, str, str]]] = {}
    for _, row in read_tsv(folder / "party_acts.tsv", ("id", "trigger", "role", "event", "cameo")):
        party.setdefault(row["trigger"], []).append((row["role"], row["event"], row["cameo"]))
    return Cues(light, tuple(status), tuple(editorial), responses, anaphors, pairs, preps, speech, quantities,
                joint, {k: frozenset(v) for k, v in words.items()}, home,
                version="cues+" + digest.hexdigest()[:8],
                outcomes=outcomes, implied_actors=implied,
                party_acts={k: tuple(v) for k, v in party.items()},
                harm=load_harm(folder), captions=tuple(captions), counted_nouns=counted_nouns,
                number_words=numbers)
