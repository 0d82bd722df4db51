"""Scoring coded events against a hand-written gold reading of one article (the ``expected.yaml`` format).

The gold file has three parts::

    article:  {file, published, dateline}
    events:   [{id, event, actor, recipient, mode_any_of, cameo_any_of, quad, date, location, mentions,
                responds_to, status}]          # only id, event and mentions are required
    must_not: ["prose line", ...]             # things the coder must not output

Predicted events are plain dicts in Flashpoint's output contract (``Event.to_dict()``).

Alignment. A gold event names its sentences by quoted snippets, not by index, so a different sentence
splitter does not matter. A snippet *covers* a predicted event when it is a substring of one of the event's
mention sentences (compared after unifying curly quotes, collapsing whitespace and case-folding; ``...`` in
a snippet is a gap). Each gold event is aligned to the predicted event of the same PLOVER type that covers
most of its snippets (ties: asserted first, then output order); a predicted event is aligned to at most one
gold event, so one merged record cannot stand for two real-world events.

Field checks. For every aligned pair each field the gold gives is checked (``actor``, ``recipient``, ``event``,
``status`` (default ``asserted``), ``mode``, ``cameo``, ``quad``, ``date``, ``location``, ``mentions``: all of
them in the one event, ``responds_to``: the event aligned to the referenced gold id). An actor spec matches
when *some* predicted actor satisfies all its keys (``country``, ``country_any_of``, ``sector``,
``sector_any_of``, ``name``, ``code``, ``any_of``: a list of alternative specs).

Table. Per field, micro-counted over the gold events that give it:

* ``event type``: tp = gold events aligned to an *asserted* event; fn = the other gold events;
  fp = asserted predicted events that match no gold event (same type and covering one of its snippets);
* other fields: tp = the check passed; fp = the aligned event has a value and it is wrong; fn = not passed
  (wrong, missing or no aligned event). ``actor country`` / ``actor sector`` are scored only where the gold
  actor spec pins a country / a sector in every alternative.

must_not. The prose lines are mapped to general check functions by ``MUST_NOT_RULES``, a table keyed by a
phrase in the line; the parameters (quoted snippets, codes, dates) are read from the line. A line that no
rule knows, or whose snippets are not in the article (the check would pass vacuously), is reported as
``unchecked``, which does not count as passed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

from flashpoint.errors import InputError, MalformedRecord, UnreadableInput
from flashpoint.evaluation.scores import Score, fmt
from flashpoint.model import normalise_text

__all__ = [
    "GoldArticle", "GoldEvent", "GoldSeed", "FieldCheck", "MustNotResult", "SeedResult", "MUST_NOT_RULES",
    "read_seed_gold", "evaluate_seed", "format_seed_report", "snippet_in", "actor_matches",
    "check_no_asserted_event_from", "check_dateline_not_place_or_actor", "check_background_not_dated",
    "check_no_event_with_actor_on_date", "check_not_conflict_event", "check_no_event_from",
]

TABLE_FIELDS = ("event type", "CAMEO root", "actor country", "actor sector", "recipient", "date", "place")
ACTOR_KEYS = {"country", "country_any_of", "sector", "sector_any_of", "name", "code", "any_of"}
LOCATION_KEYS = {"country", "admin1", "name", "geonames_id"}
EVENT_KEYS = {"id", "event", "actor", "recipient", "mode_any_of", "cameo_any_of", "quad", "date", "location",
              "mentions", "responds_to", "status"}
# Statuses that do not claim the event happened: a wrong date on them is not a wrong fact.
NON_OCCURRENCE = {"hypothetical", "negated"}

_GAP = re.compile(r"\.\.\.|\u2026")


# ---------------------------------------------------------------- gold file

@dataclass(frozen=True)
class GoldArticle:
    file: str | None
    published: str | None
    dateline: str | None


@dataclass(frozen=True)
class GoldEvent:
    id: str
    event: str
    mentions: tuple[str, ...]
    actor: dict[str, Any] | None = None
    recipient: dict[str, Any] | None = None
    mode_any_of: tuple[str | None, ...] | None = None  # None: not given; (None,) allows "no mode"
    cameo_any_of: tuple[str, ...] | None = None
    quad: int | None = None
    date: str | None = None
    location: dict[str, Any] | None = None
    responds_to: tuple[str, ...] = ()
    status: str = "asserted"


@dataclass(frozen=True)
class GoldSeed:
    path: str
    article: GoldArticle
    events: tuple[GoldEvent, ...]
    must_not: tuple[str, ...]


def _iso(value: Any, where: str) -> str | None:
    # YAML reads an unquoted 2024-01-18 as a date; a quoted one stays a string.
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise MalformedRecord(f"bad date {value!r}: expected YYYY-MM-DD", where=where) from None


def _check_actor_spec(spec: Any, where: str) -> dict[str, Any]:
    if not isinstance(spec, dict) or not spec:
        raise MalformedRecord(f"actor spec must be a non-empty mapping, got {spec!r}", where=where)
    unknown = set(spec) - ACTOR_KEYS
    if unknown:
        raise MalformedRecord(f"unknown actor key(s) {sorted(unknown)}; expected some of {sorted(ACTOR_KEYS)}",
                              where=where)
    for key in ("country_any_of", "sector_any_of", "any_of"):
        if key in spec and not isinstance(spec[key], list):
            raise MalformedRecord(f"'{key}' must be a list", where=where)
    for sub in spec.get("any_of", []):
        _check_actor_spec(sub, where)
    return spec


def _as_tuple(value: Any) -> tuple:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else (value,)


def read_seed_gold(path: str | Path) -> GoldSeed:
    """Read and validate a gold file; every problem is reported with the event it is in."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInput(f"cannot read gold file: {exc}", where=str(path)) from exc
    except yaml.YAMLError as exc:
        raise MalformedRecord(f"not valid YAML: {exc}", where=str(path)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise MalformedRecord("expected a mapping with an 'events' list", where=str(path))
    art = data.get("article") or {}
    if not isinstance(art, dict):
        raise MalformedRecord("'article' must be a mapping", where=f"{path}: article")
    article = GoldArticle(file=art.get("file"), published=_iso(art.get("published"), f"{path}: article.published"),
                          dateline=art.get("dateline"))
    events: list[GoldEvent] = []
    for n, raw in enumerate(data["events"]):
        where = f"{path}: events[{n}]"
        if not isinstance(raw, dict):
            raise MalformedRecord("event must be a mapping", where=where)
        where = f"{path}: events[{n}] ({raw.get('id', '?')})"
        unknown = set(raw) - EVENT_KEYS
        if unknown:
            raise MalformedRecord(f"unknown key(s) {sorted(unknown)}; expected some of {sorted(EVENT_KEYS)}",
                                  where=where)
        for key in ("id", "event", "mentions"):
            if not raw.get(key):
                raise MalformedRecord(f"'{key}' is missing or empty", where=where)
        mentions = _as_tuple(raw["mentions"])
        if not all(isinstance(m, str) and m.strip() for m in mentions):
            raise MalformedRecord("'mentions' must be a list of quoted snippets", where=where)
        cameo = raw.get("cameo_any_of")
        if cameo is not None and not all(isinstance(c, str) for c in _as_tuple(cameo)):
            # YAML reads an unquoted 030 as the number 24: the leading zeros of CAMEO codes would be lost.
            raise MalformedRecord("CAMEO codes in 'cameo_any_of' must be quoted strings", where=where)
        location = raw.get("location")
        if location is not None and (not isinstance(location, dict) or set(location) - LOCATION_KEYS):
            raise MalformedRecord(f"'location' must be a mapping with keys from {sorted(LOCATION_KEYS)}", where=where)
        events.append(GoldEvent(
            id=str(raw["id"]), event=str(raw["event"]), mentions=mentions,
            actor=_check_actor_spec(raw["actor"], where) if raw.get("actor") is not None else None,
            recipient=_check_actor_spec(raw["recipient"], where) if raw.get("recipient") is not None else None,
            mode_any_of=_as_tuple(raw["mode_any_of"]) if raw.get("mode_any_of") is not None else None,
            cameo_any_of=_as_tuple(cameo) if cameo is not None else None,
            quad=int(raw["quad"]) if raw.get("quad") is not None else None,
            date=_iso(raw.get("date"), where), location=location,
            responds_to=tuple(str(r) for r in _as_tuple(raw.get("responds_to"))),
            status=str(raw.get("status") or "asserted"),
        ))
    ids = [e.id for e in events]
    if len(set(ids)) != len(ids):
        raise MalformedRecord(f"duplicate event ids: {sorted({i for i in ids if ids.count(i) > 1})}", where=str(path))
    for e in events:
        for ref in e.responds_to:
            if ref not in ids:
                raise MalformedRecord(f"responds_to names unknown event id {ref!r}", where=f"{path}: {e.id}")
    must_not = data.get("must_not") or []
    if not isinstance(must_not, list) or not all(isinstance(x, str) for x in must_not):
        raise MalformedRecord("'must_not' must be a list of strings", where=f"{path}: must_not")
    return GoldSeed(path=str(path), article=article, events=tuple(events), must_not=tuple(must_not))


# ---------------------------------------------------------------- matching helpers

def _norm(text: str) -> str:
    return normalise_text(text).casefold()


def snippet_in(snippet: str, text: str) -> bool:
    """Whether ``snippet`` occurs in ``text`` (curly quotes = straight, case and spacing ignored, ``...`` = gap)."""
    parts = [p.strip() for p in _GAP.split(_norm(snippet)) if p.strip()]
    haystack, pos = _norm(text), 0
    for part in parts:
        i = haystack.find(part, pos)
        if i < 0:
            return False
        pos = i + len(part)
    return bool(parts)


def _sentences(event: dict[str, Any], article_text: str) -> list[str]:
    """The mention sentences of a predicted event. The contract gives the sentence text; a mention that only
    has offsets gets the sentence around them from the article (split at . ! ? followed by a space)."""
    out = []
    for m in event.get("mentions") or []:
        sentence = m.get("sentence") if isinstance(m, dict) else None
        if isinstance(sentence, str):
            out.append(sentence)
        elif isinstance(m, dict) and isinstance(m.get("start"), int) and article_text:
            start, end = m["start"], m.get("end") or m["start"]
            left = max(article_text.rfind(c, 0, start) for c in ".!?\n")
            rights = [i for i in (article_text.find(c, end) for c in ".!?\n") if i >= 0]
            out.append(article_text[left + 1:(min(rights) + 1 if rights else len(article_text))])
    return out


def _from_sentence(event: dict[str, Any], snippet: str, article_text: str) -> bool:
    return any(snippet_in(snippet, s) for s in _sentences(event, article_text))


def _name_matches(want: str, actor: dict[str, Any]) -> bool:
    want = _norm(want)
    return any(want in _norm(actor.get(k) or "") for k in ("name", "text"))


def actor_matches(spec: dict[str, Any], actor: dict[str, Any]) -> bool:
    """Whether one predicted actor satisfies every key of a gold actor spec."""
    for key, want in spec.items():
        if key == "any_of":
            ok = any(actor_matches(sub, actor) for sub in want)
        elif key == "country":
            ok = actor.get("country") == want
        elif key == "country_any_of":
            ok = actor.get("country") in want
        elif key == "sector":
            ok = actor.get("sector") == want
        elif key == "sector_any_of":
            ok = actor.get("sector") in want
        elif key == "name":
            ok = _name_matches(want, actor)
        elif key == "code":
            ok = actor.get("code") == want
        else:  # read_seed_gold rejects other keys; a hand-built spec must not pass silently
            raise InputError(f"unknown actor spec key {key!r}")
        if not ok:
            return False
    return True


def _alternatives(spec: dict[str, Any] | None, key: str) -> set | None:
    """The values of ``key`` (country or sector) the spec accepts, or None when some alternative does not
    constrain it (then the field is not scored on its own)."""
    if not spec:
        return None
    if key in spec:
        return {spec[key]}
    if f"{key}_any_of" in spec:
        return set(spec[f"{key}_any_of"])
    if "any_of" in spec:
        out: set = set()
        for sub in spec["any_of"]:
            alt = _alternatives(sub, key)
            if alt is None:
                return None
            out |= alt
        return out
    return None


def _describe_actors(actors: list[dict[str, Any]]) -> str:
    if not actors:
        return "none"
    return "; ".join(f"{a.get('country') or '-'}/{a.get('sector') or '-'} {a.get('text')!r}" for a in actors)


# ---------------------------------------------------------------- results

@dataclass(frozen=True)
class FieldCheck:
    gold_id: str
    field: str
    passed: bool
    expected: Any
    got: Any
    predicted_id: str | None = None  # None: no predicted event was aligned to this gold event


@dataclass(frozen=True)
class MustNotResult:
    line: str
    check: str | None  # the rule's check name; None when no rule knows the line
    status: str  # "passed" | "failed" | "unchecked"
    violations: tuple[str, ...] = ()
    note: str = ""


@dataclass
class SeedResult:
    gold_path: str
    alignment: dict[str, str | None]  # gold id -> predicted event id
    checks: list[FieldCheck]
    must_not: list[MustNotResult]
    scores: list[Score]
    unmatched: list[str]  # ids of asserted predicted events that match no gold event
    n_predicted: int = 0

    @property
    def failures(self) -> list[FieldCheck]:
        return [c for c in self.checks if not c.passed]

    @property
    def passed(self) -> bool:
        """Every field check passed and every must_not line was checked and passed."""
        return not self.failures and all(m.status == "passed" for m in self.must_not)

    def score(self, name: str) -> Score:
        return next(s for s in self.scores if s.field == name)

    def check(self, gold_id: str, name: str) -> FieldCheck:
        return next(c for c in self.checks if c.gold_id == gold_id and c.field == name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold_path, "passed": self.passed, "alignment": dict(self.alignment),
            "scores": [s.to_dict() for s in self.scores],
            "checks": [dataclasses.asdict(c) for c in self.checks],
            "must_not": [{"line": m.line, "check": m.check, "status": m.status, "violations": list(m.violations),
                          "note": m.note} for m in self.must_not],
            "unmatched": list(self.unmatched),
        }


# ---------------------------------------------------------------- must_not checks
# Each takes the predicted events and the article text plus the parameters read from the gold line, and
# returns one violation string per offending event (empty list = passed).

def check_no_asserted_event_from(events: list[dict], article_text: str, *, snippet: str) -> list[str]:
    """No *asserted* event from the sentence containing ``snippet`` (a hypothetical-cued sentence)."""
    return [f"{e['id']} {e.get('event')} is asserted" for e in events
            if e.get("status") == "asserted" and _from_sentence(e, snippet, article_text)]


def check_dateline_not_place_or_actor(events: list[dict], article_text: str, *, dateline: str) -> list[str]:
    """The dateline's place ("QUETTA" of "QUETTA, Pakistan") is neither an event's location nor an actor."""
    place = _norm(dateline.split(",")[0])
    pattern = re.compile(rf"\b{re.escape(place)}\b")
    out = []
    for e in events:
        loc = e.get("location") or {}
        if any(pattern.search(_norm(str(loc.get(k) or ""))) for k in ("name", "text")):
            out.append(f"{e['id']} is located at {loc.get('name') or loc.get('text')!r}")
        for role in ("actors", "recipients"):
            for a in e.get(role) or []:
                if any(pattern.search(_norm(str(a.get(k) or ""))) for k in ("name", "text")):
                    out.append(f"{e['id']} has {role[:-1]} {a.get('text')!r}")
    return out


def check_background_not_dated(events: list[dict], article_text: str, *, snippet: str,
                               dates: Iterable[str]) -> list[str]:
    """An event from the background sentence is skipped, undated or marked background, never given one of
    ``dates`` while claiming to be a current event."""
    dates = set(dates)
    return [f"{e['id']} {e.get('event')} is {e.get('status')} dated {e.get('date')}" for e in events
            if _from_sentence(e, snippet, article_text) and e.get("status") != "background"
            and (e.get("date") or "")[:10] in dates]


def check_no_event_with_actor_on_date(events: list[dict], article_text: str, *, event_type: str,
                                      forbidden: Iterable[tuple[str, str]]) -> list[str]:
    """No occurring ``event_type`` event with an actor from country C dated D, for each (C, D) in ``forbidden``."""
    out = []
    for country, date in forbidden:
        for e in events:
            if (e.get("event") == event_type and e.get("status") not in NON_OCCURRENCE
                    and (e.get("date") or "")[:10] == date
                    and any(a.get("country") == country for a in e.get("actors") or [])):
                out.append(f"{e['id']} {event_type} by {country} dated {date}")
    return out


def check_not_conflict_event(events: list[dict], article_text: str, *, snippet: str) -> list[str]:
    """The sentence yields no conflict event (quad 3 or 4) of any status, negated attacks included."""
    return [f"{e['id']} {e.get('event')} quad {e.get('quad')} ({e.get('status')})" for e in events
            if e.get("quad") in (3, 4) and _from_sentence(e, snippet, article_text)]


def check_no_event_from(events: list[dict], article_text: str, *, snippets: Iterable[str]) -> list[str]:
    """No event of any status has a mention in a sentence containing one of ``snippets``."""
    snippets = list(snippets)
    return [f"{e['id']} {e.get('event')} from {s!r}" for e in events for s in snippets
            if _from_sentence(e, s, article_text)]


# ---- reading the parameters out of a prose line

_QUOTED = re.compile(r"(?<![\w])'(.+?)'(?![\w])|\"(.+?)\"")
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _quoted(line: str) -> list[str]:
    out = [a or b for a, b in _QUOTED.findall(line)]
    if not out:
        raise ValueError("no quoted snippet in the line")
    return out


def _args_snippet(line: str, gold: GoldSeed) -> dict[str, Any]:
    return {"snippet": _quoted(line)[0]}


def _args_snippets(line: str, gold: GoldSeed) -> dict[str, Any]:
    return {"snippets": _quoted(line)}


def _args_dateline(line: str, gold: GoldSeed) -> dict[str, Any]:
    if not gold.article.dateline:
        raise ValueError("the gold file's article has no dateline")
    return {"dateline": gold.article.dateline}


def _args_background(line: str, gold: GoldSeed) -> dict[str, Any]:
    dates = _DATE.findall(line)
    if not dates:
        raise ValueError("no YYYY-MM-DD date in the line")
    return {"snippet": _quoted(line)[0], "dates": dates}


def _args_actor_dates(line: str, gold: GoldSeed) -> dict[str, Any]:
    kind = re.search(r"\bno\s+([A-Z]{3,})\s+with\b", line, re.IGNORECASE)
    pairs = re.findall(r"\bactor\s+([A-Z]{3})\s+dated\s+(\d{4}-\d{2}-\d{2})", line)
    if not kind or not pairs:
        raise ValueError("expected 'No TYPE with actor XXX dated YYYY-MM-DD'")
    return {"event_type": kind.group(1).upper(), "forbidden": pairs}


@dataclass(frozen=True)
class MustNotRule:
    phrase: str  # found (case-insensitive) in the gold line
    check: Callable[..., list[str]]
    arguments: Callable[[str, GoldSeed], dict[str, Any]]  # reads the check's parameters from the line
    snippet_keys: tuple[str, ...] = ()  # parameters holding article snippets, verified to be in the article


# First match wins, so a more specific phrase goes before a general one.
MUST_NOT_RULES: tuple[MustNotRule, ...] = (
    MustNotRule("(hypothetical)", check_no_asserted_event_from, _args_snippet, ("snippet",)),
    MustNotRule("dateline", check_dateline_not_place_or_actor, _args_dateline),
    MustNotRule("is background", check_background_not_dated, _args_background, ("snippet",)),
    MustNotRule("with actor", check_no_event_with_actor_on_date, _args_actor_dates),
    MustNotRule("not a conflict event", check_not_conflict_event, _args_snippet, ("snippet",)),
    MustNotRule("produce no events", check_no_event_from, _args_snippets, ("snippets",)),
)


def _run_must_not(line: str, gold: GoldSeed, events: list[dict], article_text: str) -> MustNotResult:
    rule = next((r for r in MUST_NOT_RULES if r.phrase.casefold() in line.casefold()), None)
    if rule is None:
        return MustNotResult(line, None, "unchecked", note="no rule in MUST_NOT_RULES matches this line")
    name = rule.check.__name__
    try:
        kwargs = rule.arguments(line, gold)
    except ValueError as exc:
        return MustNotResult(line, name, "unchecked", note=f"cannot read the line: {exc}")
    for key in rule.snippet_keys:
        for snippet in _as_tuple(kwargs[key]):
            if not snippet_in(snippet, article_text):
                # A check for "no event from this sentence" would pass vacuously on a mistyped snippet.
                return MustNotResult(line, name, "unchecked", note=f"snippet not found in the article: {snippet!r}")
    violations = rule.check(events, article_text, **kwargs)
    return MustNotResult(line, name, "failed" if violations else "passed", tuple(violations))


# ---------------------------------------------------------------- evaluation

def _validate_predictions(events: list[dict]) -> None:
    for n, e in enumerate(events):
        if not isinstance(e, dict) or not e.get("id") or not e.get("event"):
            raise MalformedRecord("a predicted event must be a dict with 'id' and 'event'", where=f"predicted event {n}")


def _align(gold: GoldSeed, events: list[dict], sentences: list[list[str]]) -> tuple[dict[str, int | None], set[int]]:
    """Gold id -> index of the aligned predicted event; and the indexes of predictions that match some gold."""
    candidates = []
    matching: set[int] = set()
    for gi, g in enumerate(gold.events):
        for pi, e in enumerate(events):
            if e.get("event") != g.event:
                continue
            covered = sum(any(snippet_in(s, sent) for sent in sentences[pi]) for s in g.mentions)
            if covered:
                matching.add(pi)
                candidates.append((-covered, e.get("status") != "asserted", pi, gi))
    alignment: dict[str, int | None] = {g.id: None for g in gold.events}
    used: set[int] = set()
    for _, _, pi, gi in sorted(candidates):
        gid = gold.events[gi].id
        if alignment[gid] is None and pi not in used:
            alignment[gid] = pi
            used.add(pi)
    return alignment, matching


def _field_checks(g: GoldEvent, e: dict[str, Any], sents: list[str], aligned_ids: dict[str, str | None]) -> list[tuple[str, bool, Any, Any]]:
    """(field, passed, expected, got) for every field the gold event gives."""
    out: list[tuple[str, bool, Any, Any]] = [("event", e.get("event") == g.event, g.event, e.get("event")),
                                             ("status", e.get("status") == g.status, g.status, e.get("status"))]
    for role, spec in (("actor", g.actor), ("recipient", g.recipient)):
        if spec is not None:
            actors = e.get(role + "s") or []
            out.append((role, any(actor_matches(spec, a) for a in actors), spec, _describe_actors(actors)))
    if g.mode_any_of is not None:
        mode = e.get("mode") or None
        out.append(("mode", mode in g.mode_any_of, list(g.mode_any_of), mode))
    if g.cameo_any_of is not None:
        out.append(("cameo", str(e.get("cameo")) in g.cameo_any_of, list(g.cameo_any_of), e.get("cameo")))
    if g.quad is not None:
        out.append(("quad", e.get("quad") == g.quad, g.quad, e.get("quad")))
    if g.date is not None:
        out.append(("date", (e.get("date") or "")[:10] == g.date, g.date, e.get("date")))
    if g.location is not None:
        loc = e.get("location") or {}
        got = {k: loc.get(k) for k in g.location} if loc else None
        out.append(("location", got == g.location, dict(g.location), got))
    missing = [s for s in g.mentions if not any(snippet_in(s, sent) for sent in sents)]
    out.append(("mentions", not missing, list(g.mentions), {"missing": missing} if missing else "all"))
    for ref in g.responds_to:
        target = aligned_ids.get(ref)
        got = list(e.get("responds_to") or [])
        out.append(("responds_to", target is not None and target in got,
                    f"{ref} (predicted {target or 'none: not aligned'})", got))
    return out


def _table(gold: GoldSeed, events: list[dict], alignment: dict[str, int | None], matching: set[int]) -> list[Score]:
    scores = {name: Score(name) for name in TABLE_FIELDS}
    for g in gold.events:
        pi = alignment[g.id]
        e = events[pi] if pi is not None else None
        if e is not None and e.get("status") == "asserted":
            scores["event type"].add(tp=1)
        else:
            scores["event type"].add(fn=1)
        # (field, gold gives it, passed, the aligned event has a value)
        rows: list[tuple[str, bool, Callable[[dict], bool], Callable[[dict], bool]]] = []
        roots = {c[:2] for c in g.cameo_any_of} if g.cameo_any_of else None
        rows.append(("CAMEO root", roots is not None,
                     lambda e: str(e.get("cameo") or "")[:2] in roots, lambda e: bool(e.get("cameo"))))
        for name, key in (("actor country", "country"), ("actor sector", "sector")):
            alts = _alternatives(g.actor, key)
            rows.append((name, alts is not None,
                         lambda e, key=key, alts=alts: any(a.get(key) in alts for a in e.get("actors") or []),
                         lambda e, key=key: any(a.get(key) for a in e.get("actors") or [])))
        rows.append(("recipient", g.recipient is not None,
                     lambda e: any(actor_matches(g.recipient, a) for a in e.get("recipients") or []),
                     lambda e: bool(e.get("recipients"))))
        rows.append(("date", g.date is not None,
                     lambda e: (e.get("date") or "")[:10] == g.date, lambda e: bool(e.get("date"))))
        rows.append(("place", g.location is not None,
                     lambda e: bool(e.get("location")) and all(e["location"].get(k) == v for k, v in g.location.items()),
                     lambda e: bool(e.get("location"))))
        for name, given, passed, has_value in rows:
            if not given:
                continue
            if e is not None and passed(e):
                scores[name].add(tp=1)
            else:
                scores[name].add(fn=1, fp=int(e is not None and has_value(e)))
    scores["event type"].add(fp=sum(1 for i, e in enumerate(events)
                                    if e.get("status") == "asserted" and i not in matching))
    return [scores[name] for name in TABLE_FIELDS]


def evaluate_seed(gold_path: str | Path, events: list[dict], article_text: str) -> SeedResult:
    """Score predicted events (``Event.to_dict()`` dicts, all statuses) against a gold YAML for one article."""
    gold = read_seed_gold(gold_path)
    _validate_predictions(events)
    for g in gold.events:
        for s in g.mentions:
            if not snippet_in(s, article_text):
                raise InputError(f"gold mention snippet not found in the article text: {s!r}; "
                                 "is this the article the gold file was written for?", where=f"{gold.path}: {g.id}")
    sentences = [_sentences(e, article_text) for e in events]
    alignment, matching = _align(gold, events, sentences)
    aligned_ids = {gid: (events[pi]["id"] if pi is not None else None) for gid, pi in alignment.items()}
    checks: list[FieldCheck] = []
    for g in gold.events:
        pi = alignment[g.id]
        if pi is None:
            # Say what is there instead, so a wrong type is told apart from a missed sentence.
            there = [f"{e['id']} {e.get('event')} ({e.get('status')})" for e, sents in zip(events, sentences)
                     if any(snippet_in(s, sent) for s in g.mentions for sent in sents)]
            checks.append(FieldCheck(g.id, "event", False, g.event,
                                     f"no {g.event} event covers the mentions; events there: {', '.join(there) or 'none'}"))
            continue
        e = events[pi]
        for name, passed, expected, got in _field_checks(g, e, sentences[pi], aligned_ids):
            checks.append(FieldCheck(g.id, name, passed, expected, got, e["id"]))
    must_not = [_run_must_not(line, gold, events, article_text) for line in gold.must_not]
    unmatched = [e["id"] for i, e in enumerate(events) if e.get("status") == "asserted" and i not in matching]
    return SeedResult(gold_path=gold.path, alignment=aligned_ids, checks=checks, must_not=must_not,
                      scores=_table(gold, events, alignment, matching), unmatched=unmatched, n_predicted=len(events))


def format_seed_report(result: SeedResult) -> str:
    """A plain-text report: the P/R/F1 table, the alignment, the failed field checks and the must_not lines."""
    lines = [f"Seed evaluation against {result.gold_path}: {len(result.alignment)} gold events, "
             f"{result.n_predicted} predicted, {len(result.unmatched)} asserted unmatched",
             "", f"{'field':<14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for s in result.scores:
        lines.append(f"{s.field:<14} {fmt(s.precision):>6} {fmt(s.recall):>6} {fmt(s.f1):>6} "
                     f"{s.tp:>4} {s.fp:>4} {s.fn:>4}")
    lines += ["", "Alignment (gold -> predicted):"]
    lines += [f"  {gid} -> {pid or 'NONE'}" for gid, pid in result.alignment.items()]
    if result.unmatched:
        lines.append(f"  asserted events matching no gold event: {', '.join(result.unmatched)}")
    failures = result.failures
    lines += ["", f"Failed checks ({len(failures)}):" if failures else "Failed checks: none"]
    for c in failures:
        lines.append(f"  {c.gold_id}.{c.field}: expected {c.expected!r}, got {c.got!r}")
    lines += ["", "must_not:"]
    for m in result.must_not:
        lines.append(f"  {m.status.upper():<9} [{m.check or '-'}] {m.line}")
        lines += [f"            - {v}" for v in m.violations]
        if m.note:
            lines.append(f"            ({m.note})")
    lines += ["", "PASSED" if result.passed else "NOT PASSED"]
    return "\n".join(lines)
