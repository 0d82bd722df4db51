"""PETRARCH2 / TABARI dictionaries: ``.actors``, ``.agents``, ``.verbs`` and ``.discards`` files.

    from flashpoint.dictionaries.petrarch import load_petrarch_folder
    pd = load_petrarch_folder("../shared/data/petrarch2")   # every *.actors.txt, *.agents.txt, ...
    pd.warnings                                            # malformed lines: (file:line, what was wrong)

The formats are those of the PETRARCH2 documentation (openeventdata/petrarch2, ``PETRreader.py``):

* Comments: a line starting with ``#``, text after ``#`` on a line, and ``<!-- ... -->`` (one or more lines).
* **Actors**: ``NAME [CODE]`` with words joined by ``_`` or spaces (a trailing ``_`` only marks the end of the
  word); ``+SYNONYM`` lines add phrases to the actor above; a line ``[CODE DATES]`` adds a role to it. A role
  is date-bounded by ``>YYMMDD`` (from that day on), ``<YYMMDD`` (until that day) or ``YYMMDD-YYMMDD``;
  ``YYYYMMDD`` is accepted too, and two-digit years up to 30 are 20YY, as in PETRARCH. ``[---]`` is the null
  code (a known name that is not coded).
* **Agents**: ``PHRASE {PLURAL} [~CODE]``: the code is added after the actor's (``[CODE~]``: before it);
  ``{}`` means no plural, no braces a regular English plural. ``!NAME! = A, B`` defines a substitution set
  used as ``CONGRESS!PERSON!``.
* **Verbs**: synsets (``&NAME`` then ``+WORD`` lines), then blocks ``--- MEANING [CODE] ---``, each with
  its verbs (``VERB {FORMS} [CODE]``, the forms being irregular ones such as ``BREAK {BROKE BROKEN}``; compounds
  ``FRONT_+STEM_BACK``, or ``+STEM_BACK`` on a line of its own) and patterns ``- PRE * POST [CODE]``,
  which apply to every verb of the block. A code ``[032:033]`` is two events: the source does 032 to the
  target, and the target 033 to the source ("left for Minas Tirith": a visit and a hosting). Verb
  transformations (``~`` lines) are not read (counted in ``skipped``).
* **Discards**: one phrase a line; a sentence containing it is not coded, and with a leading ``+`` the
  whole story is not.

A malformed line does not stop loading: it becomes a :class:`DictionaryWarning` naming ``file:line`` and what
was expected, and the rest of the file loads (``strict=True`` raises the first one as a ``DictionaryError``).

:func:`to_flashpoint` turns what the files say into Flashpoint's own objects: actors and agents into
entries of the actor dictionary (:meth:`ActorDictionary.with_entries`), verbs and patterns into
:class:`TriggerEntry` rows, one per verb, whose code is chosen per sentence from the verb's patterns
(``extract.petrarch_patterns``; CAMEO code -> PLOVER through the ontology's crosswalk), discards into a sentence
and story filter. ``extract.petrarch_verbs`` codes the verbs per sentence and resolves date-bounded roles on
the article's date (:meth:`PetrarchResources.dated`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import logging
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import DictionaryError

logger = logging.getLogger(__name__)

__all__ = [
    "ActorRole",
    "DictionaryWarning",
    "Discard",
    "PetrarchActor",
    "PetrarchAgent",
    "PetrarchDictionaries",
    "PetrarchResources",
    "PetrarchVerb",
    "VerbPattern",
    "load_petrarch_folder",
    "read_actors",
    "read_agents",
    "read_discards",
    "read_verbs",
    "petrarch_event_code",
    "to_flashpoint",
]

KINDS = ("actors", "agents", "verbs", "discards")
NULL_CODE = "---"
PLACEHOLDER_CODE = "010"  # the trigger code of a verb whose real code is chosen per sentence
TRIGGER_PREFIX = "petrarch."  # the id of every trigger made from a PETRARCH verb starts so
_CODE_RE = re.compile(r"^[A-Za-z0-9]+$")


@dataclass(frozen=True)
class DictionaryWarning:
    where: str  # "PETR.Validate.actors.txt:12"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class ActorRole:
    code: str  # NULL_CODE for "known, not coded"
    start: dt.date | None = None  # first day the role holds (None: always before end)
    end: dt.date | None = None  # last day the role holds (None: open)

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class PetrarchActor:
    name: str  # the first phrase, words separated by spaces
    phrases: tuple[str, ...]  # the name and its synonyms
    roles: tuple[ActorRole, ...]
    where: str
    # the phrases written with a space between words ("ITHILEN TELEVISION"): other words may come between
    # them in the text ("Ithilen state-run television"); "_" joins words that must be next to each other
    disconnected: tuple[tuple[str, ...], ...] = ()  # each as its runs of joined words

    def code_on(self, day: dt.date | None) -> str | None:
        """The code on ``day``: a dated role that holds then, else an undated role, else None.

        Without a date, the undated role (or the last dated one, the most recent office)."""
        undated = [r for r in self.roles if not r.dated]
        if day is not None:
            for role in self.roles:
                if role.dated and role.holds_on(day):
                    return None if role.code == NULL_CODE else role.code
        if undated:
            code = undated[0].code
        elif day is None and self.roles:
            code = self.roles[-1].code
        else:
            return None
        return None if code == NULL_CODE else code


@dataclass(frozen=True)
class PetrarchAgent:
    phrases: tuple[str, ...]  # lower-case, singular and plural forms
    code: str
    prefix: bool  # "[NGO~]": the code goes before the actor's
    where: str


@dataclass(frozen=True)
class VerbPattern:
    pre: tuple[tuple[str, ...], ...]  # each word as its alternatives (a synset expands to several)
    post: tuple[tuple[str, ...], ...]
    code: str
    where: str
    raw: str = ""  # the pattern as written, "$" and "+" included (matched by extract.petrarch_patterns)
    sets: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the synsets it names, expanded: (&NAME, members)

    @property
    def negative(self) -> bool:
        """The pattern names a negation ("&NEGATVAUXVRB * OVER EFFORTS", "WILL NOT *"): its code already says
        the act was not done, so a match is coded, not dropped as negated."""
        negations = _negation_words()
        return any(word in negations for side in (self.pre, self.post) for item in side for alt in item
                   for word in alt.split())


@functools.lru_cache(maxsize=1)
def _negation_words() -> frozenset[str]:
    """The negation cues of data/cues/status.tsv, and "n't", which pattern words spell as TreeBank splits it
    ("DID N'T") where the cue table has its lemma ("not")."""
    from .cues import load_cues  # noqa: PLC0415

    return frozenset(load_cues().status_cues("negation")) | {"n't"}


@dataclass(frozen=True)
class PetrarchVerb:
    front: tuple[str, ...]  # compound verbs: words before the stem ("KLM_NOP_+RST")
    stem: str
    back: tuple[str, ...]
    code: str  # NULL_CODE: the verb alone codes nothing
    block: str
    patterns: tuple[VerbPattern, ...]
    where: str
    forms: tuple[str, ...] = ()  # irregular forms of the stem word as listed in {...} ("broke", "broken")

    @functools.cached_property
    def written_forms(self) -> frozenset[str]:
        """The stem word as PETRARCH matches it: the stem, its regular -s/-es, -ed and -ing forms (a final e
        dropped, y to i, a last consonant doubled after one short vowel) and the forms listed in {...};
        nothing else ("departes" is no form of DEPART)."""
        stem = self.stem
        out = {stem, *self.forms}
        y_to_i = stem.endswith("y") and stem[-2:-1] not in ("a", "e", "i", "o", "u")
        if stem.endswith(("s", "x", "z", "ch", "sh", "o")):
            out.add(stem + "es")
        else:
            out.add(stem[:-1] + "ies" if y_to_i else stem + "s")
        if stem.endswith("e"):
            out |= {stem + "d", stem[:-1] + "ing"}
        elif y_to_i:
            out |= {stem[:-1] + "ied", stem + "ing"}
        else:
            out |= {stem + "ed", stem + "ing"}
            if len(stem) > 2 and stem[-1] not in "aeiouwxy" and stem[-2] in "aeiou" and stem[-3] not in "aeiou":
                out |= {stem + stem[-1] + "ed", stem + stem[-1] + "ing"}  # "stopped", "planning"
        return frozenset(out)


@dataclass(frozen=True)
class Discard:
    phrase: str  # lower-case words separated by spaces
    story: bool
    where: str
    whole_word: bool = False  # "PHRASE_": the match ends at a word's end; else the last word is a stem


@dataclass
class PetrarchDictionaries:
    actors: list[PetrarchActor] = field(default_factory=list)
    agents: list[PetrarchAgent] = field(default_factory=list)
    verbs: list[PetrarchVerb] = field(default_factory=list)
    discards: list[Discard] = field(default_factory=list)
    warnings: list[DictionaryWarning] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    skipped: int = 0  # lines read but not used (verb transformations)
    digest: str = ""

    def summary(self) -> str:
        patterns = sum(len(v.patterns) for v in self.verbs)
        return (f"{len(self.files)} file(s): {len(self.actors)} actors, {len(self.agents)} agents, "
                f"{len(self.verbs)} verbs with {patterns} patterns, {len(self.discards)} discards; "
                f"{len(self.warnings)} malformed line(s)")


# --------------------------------------------------------------------------------------------- lines


def _lines(text: str, name: str) -> Iterator[tuple[str, str]]:
    """``(where, line)`` for every line with content, comments removed (PETRARCH's rules)."""
    in_comment = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.lstrip("\ufeff") if number == 1 else raw
        if in_comment:
            if "-->" not in line:
                continue
            line = line[line.find("-->") + 3:]
            in_comment = False
        while "<!--" in line:
            head, _, rest = line.partition("<!--")
            if "-->" in rest:
                line = head + rest[rest.find("-->") + 3:]
            else:
                line = head
                in_comment = True
        if line.lstrip().startswith(("#", "<!")):
            continue
        if "#" in line:
            line = line[:line.find("#")]
        if line.strip():
            yield f"{name}:{number}", line.rstrip()


def _words(phrase: str) -> str:
    """``PRESIDENT_GEORGE_W._BUSH_`` -> ``president george w. bush``."""
    return " ".join(phrase.replace("_", " ").split()).lower()


def _runs(phrase: str) -> tuple[str, ...]:
    """``RADAGAST THE_BROWN`` -> ``("radagast", "the brown")``: the runs of words that must be adjacent."""
    return tuple(_words(part) for part in phrase.split() if _words(part))


def _date(text: str, where: str) -> dt.date:
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise ValueError(f"date {text!r} is not YYMMDD or YYYYMMDD")
    if len(digits) == 6:
        year = int(digits[:2])
        year += 2000 if year <= 30 else 1900
        month, day = int(digits[2:4]), int(digits[4:6])
    else:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"date {text!r}: {exc}") from None


def _role(body: str, where: str) -> ActorRole:
    """``CODE``, ``CODE >YYMMDD``, ``CODE <YYMMDD`` or ``CODE YYMMDD-YYMMDD`` (the inside of [...])."""
    parts = body.split()
    if not parts:
        raise ValueError("empty [] code; expected [CODE] or [CODE >YYMMDD]")
    code = parts[0].upper()
    if code != NULL_CODE and not all(_CODE_RE.match(c) for c in code.split("/")):
        raise ValueError(f"code {parts[0]!r} must be letters and digits (or --- for none; A/B for a name "
                         "that stands for several actors)")
    if len(parts) == 1:
        return ActorRole(code)
    restriction = "".join(parts[1:])  # "[HOB < 950601]", "[X 19950601 - 19990815]": spaces are allowed
    if restriction.startswith(">"):
        return ActorRole(code, start=_date(restriction[1:], where))
    if restriction.startswith("<"):
        return ActorRole(code, end=_date(restriction[1:], where))
    if "-" in restriction:
        first, _, last = restriction.partition("-")
        start, end = _date(first, where), _date(last, where)
        if end < start:
            raise ValueError(f"date range {restriction} ends before it starts")
        return ActorRole(code, start=start, end=end)
    raise ValueError(f"date restriction {restriction!r}; expected >YYMMDD, <YYMMDD or YYMMDD-YYMMDD")


_BRACKETS = re.compile(r"\[([^\[\]]*)\]")


def _split_codes(line: str) -> tuple[str, list[str]]:
    """(text before the first '[', the inside of every [...]); ValueError on unbalanced brackets."""
    head, bracket, rest = line.partition("[")
    if not bracket:
        if "]" in line:
            raise ValueError("']' without '['")
        return line, []
    tail = bracket + rest
    bodies = _BRACKETS.findall(tail)
    leftover = _BRACKETS.sub("", tail).strip()
    if leftover or tail.count("[") != len(bodies):
        raise ValueError(f"unbalanced or stray text around the codes: {tail.strip()!r}; expected [CODE] ...")
    return head, bodies


# --------------------------------------------------------------------------------------------- actors


def read_actors(text: str, name: str, warnings: list[DictionaryWarning]) -> list[PetrarchActor]:
    actors: list[PetrarchActor] = []
    current: dict | None = None
    # Names listed one after another with no code of their own share the roles that follow them
    # ("LEONID_BREZHNEV_" / "SECRETARY_BREZHNEV" / "\t[RUSGOV 641014-821110]").
    pending: list[dict] = []

    def close() -> None:
        group = pending + ([current] if current is not None else [])
        pending.clear()
        roles = current["roles"] if current is not None else []
        for item in group:
            if not roles:
                warnings.append(DictionaryWarning(item["where"], f"actor {item['name']!r} has no [CODE]; skipped"))
                continue
            actors.append(PetrarchActor(item["name"], tuple(dict.fromkeys(item["phrases"])), tuple(roles),
                                        item["where"], tuple(dict.fromkeys(item["disconnected"]))))

    for where, line in _lines(text, name):
        stripped = line.strip()
        try:
            if stripped.startswith("["):
                if current is None:
                    raise ValueError("a [CODE] line before any actor")
                _, bodies = _split_codes(stripped)
                current["roles"].extend(_role(b, where) for b in bodies)
            elif stripped.startswith("+"):
                if current is None:
                    raise ValueError("a +synonym line before any actor")
                phrase, bodies = _split_codes(stripped[1:])
                if not _words(phrase):
                    raise ValueError("empty synonym after '+'")
                current["phrases"].append(_words(phrase))
                if len(phrase.split()) > 1:
                    current["disconnected"].append(_runs(phrase))
                current["roles"].extend(_role(b, where) for b in bodies)
            else:
                phrase, bodies = _split_codes(stripped)
                words = _words(phrase)
                if not words:
                    raise ValueError("a code with no actor name")
                roles = [_role(b, where) for b in bodies]
                if current is not None and not current["roles"]:
                    pending.append(current)  # shares the roles to come
                else:
                    close()
                current = {"name": words, "phrases": [words], "roles": roles, "where": where,
                           "disconnected": [_runs(phrase)] if len(phrase.split()) > 1 else []}
        except ValueError as exc:
            warnings.append(DictionaryWarning(where, f"{exc}; line skipped"))
            if not (stripped.startswith("[") or stripped.startswith("+")):
                close()
                current = None  # the synonyms and roles that follow belong to the skipped actor
    close()
    return actors


# --------------------------------------------------------------------------------------------- agents


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def read_agents(text: str, name: str, warnings: list[DictionaryWarning]) -> list[PetrarchAgent]:
    agents: list[PetrarchAgent] = []
    substitutions: dict[str, list[str]] = {}
    for where, line in _lines(text, name):
        stripped = line.strip()
        try:
            if stripped.startswith("!") and "=" in stripped:
                marker, _, items = stripped.partition("=")
                marker = marker.strip()
                if not re.match(r"^![A-Za-z0-9_]+!$", marker):
                    raise ValueError(f"substitution marker {marker!r}; expected !NAME! = A, B")
                values = [v.strip() for v in items.split(",") if v.strip()]
                if not values:
                    raise ValueError(f"substitution set {marker} is empty")
                substitutions[marker.upper()] = values
                continue
            phrase, bodies = _split_codes(stripped)
            if len(bodies) != 1:
                raise ValueError("expected one [~CODE] (or [CODE~]) after the phrase")
            body = bodies[0].strip()
            if body.startswith("~"):
                code, prefix = body[1:], False
            elif body.endswith("~"):
                code, prefix = body[:-1], True
            else:
                raise ValueError(f"agent code [{body}] needs a '~' before (or after) the code")
            if not _CODE_RE.match(code):
                raise ValueError(f"agent code {code!r} must be letters and digits")
            plural: str | None = None
            if "{" in phrase:
                phrase, _, rest = phrase.partition("{")
                if "}" not in rest:
                    raise ValueError("'{' without '}'")
                plural = rest[:rest.find("}")]
            phrase = phrase.strip()
            if not phrase:
                raise ValueError("an agent code with no phrase")
            forms: list[str] = []
            markers = re.findall(r"![A-Za-z0-9_]+!", phrase)
            if markers:
                marker = markers[0].upper()
                if marker not in substitutions:
                    raise ValueError(f"substitution marker {markers[0]} is not defined above")
                forms = [_words(phrase.replace(markers[0], value)) for value in substitutions[marker]]
            else:
                forms = [_words(phrase)]
                if plural is None:
                    words = forms[0].split()
                    forms.append(" ".join(words[:-1] + [_plural(words[-1])]))
                elif plural.strip():
                    forms.append(_words(plural))
            agents.append(PetrarchAgent(tuple(dict.fromkeys(forms)), code.upper(), prefix, where))
        except ValueError as exc:
            warnings.append(DictionaryWarning(where, f"{exc}; line skipped"))
    return agents


# --------------------------------------------------------------------------------------------- verbs


def _verb_code(body: str) -> str:
    """``064``, ``---``, or ``032:033`` (source -> target 032, and target -> source 033)."""
    parts = [p.strip() for p in body.strip().split(":")]
    if len(parts) > 2 or any(p != NULL_CODE and not _CODE_RE.match(p) for p in parts):
        raise ValueError(f"code [{body}] must be digits (or --- for none), or two such codes as A:B")
    return ":".join(parts)


def _synset_plural(phrase: str) -> str:
    """PETRARCH's regular plural of a synset member's last word: +S, +IES for a final Y, +ES after SS (a
    word already ending in a single S, "DOLLARS", is taken as plural already)."""
    head, _, last = phrase.rpartition(" ")
    if last.upper().endswith("S") and not last.upper().endswith("SS"):
        return phrase
    if last.upper().endswith("Y"):
        last = last[:-1] + "IES"
    elif last.upper().endswith("SS"):
        last += "ES"
    else:
        last += "S"
    return f"{head} {last}".strip()


def _form_stem(form: str) -> str:
    """The stem word of a listed form: "WIRE_+TAPPED" -> "tapped", "+CORDONED_OFF" -> "cordoned"."""
    if "+" in form:
        form = form.partition("+")[2]
    words = [w for w in form.lower().split("_") if w]
    return words[0] if words else ""


def read_verbs(text: str, name: str, warnings: list[DictionaryWarning]) -> tuple[list[PetrarchVerb], int]:
    """The verbs with their block's patterns (synsets expanded), and how many lines were skipped."""
    synsets: dict[str, list[str]] = {}
    singular_sets: set[str] = set()
    synset: str | None = None
    blocks: list[dict] = []
    skipped = 0
    for where, line in _lines(text, name):
        stripped = line.strip()
        try:
            if stripped.startswith("---"):
                synset = None
                inner = stripped.strip("-").strip()
                _, bodies = _split_codes(inner)
                meaning = inner.split("[")[0].strip()
                if not meaning:
                    raise ValueError("block header without a meaning; expected --- MEANING [CODE] ---")
                blocks.append({"meaning": meaning, "code": _verb_code(bodies[0]) if bodies else NULL_CODE,
                               "verbs": [], "patterns": [], "where": where})
            elif stripped.startswith("&"):
                synset = stripped.split()[0].rstrip("_").upper()
                if not re.match(r"^&[A-Z0-9_]+$", synset):
                    raise ValueError(f"synset name {stripped.split()[0]!r}; expected &NAME")
                synsets.setdefault(synset, [])
                if stripped.split()[0].endswith("_"):
                    singular_sets.add(synset)  # "&AUXVERB3_": no plurals for its members
            elif stripped.startswith("+") and synset is not None:  # outside a synset: a verb, "+CORDON_OFF"
                word = stripped[1:].strip()
                if not word:
                    raise ValueError("empty '+' synset member")
                synsets[synset].append(word)
            elif stripped.startswith("~"):
                skipped += 1  # verb transformation: not supported
            elif stripped.startswith("-"):
                if not blocks:
                    raise ValueError("a pattern before any --- VERB [CODE] --- block")
                pattern, bodies = _split_codes(stripped[1:])
                if len(bodies) != 1:
                    raise ValueError("expected one [CODE] at the end of the pattern")
                if pattern.count("*") != 1:
                    raise ValueError(f"pattern {pattern.strip()!r} needs exactly one '*' for the verb")
                blocks[-1]["patterns"].append((pattern, _verb_code(bodies[0]), where))
            else:
                synset = None
                if not blocks:
                    raise ValueError("a verb before any --- VERB [CODE] --- block")
                phrase, bodies = _split_codes(stripped)
                forms: tuple[str, ...] = ()
                if "{" in phrase:
                    if "}" not in phrase:
                        raise ValueError("'{' without '}'")
                    listed = phrase[phrase.find("{") + 1:phrase.find("}")].split()
                    # "BREAK {BROKE BROKEN}", "WIRE_+TAP {WIRE_+TAPPED ...}": the stem word of each form
                    forms = tuple(_form_stem(f) for f in listed if _form_stem(f))
                    phrase = phrase[:phrase.find("{")]
                phrase = "_".join(phrase.split())  # "LASH OUT" is "LASH_OUT": a verb and its particle
                if not phrase:
                    raise ValueError("a code with no verb; expected VERB {FORMS} [CODE]")
                code = _verb_code(bodies[0]) if bodies else None
                if "+" in phrase:
                    front_text, _, rest = phrase.partition("+")
                    front = tuple(w.lower() for w in front_text.split("_") if w)
                    parts = [w.lower() for w in rest.split("_") if w]
                    if not parts:
                        raise ValueError(f"compound verb {phrase!r} has no stem after '+'")
                    stem, back = parts[0], tuple(parts[1:])
                else:
                    parts = [w.lower() for w in phrase.split("_") if w]
                    stem, front, back = parts[0], (), tuple(parts[1:])
                blocks[-1]["verbs"].append((front, stem, back, code, where, forms))
        except ValueError as exc:
            warnings.append(DictionaryWarning(where, f"{exc}; line skipped"))

    def expand(word: str, where: str, depth: int = 0) -> tuple[str, ...]:
        key = word.strip("_{}()").rstrip("_").upper()
        if not key.startswith("&"):
            return (word,)
        if key not in synsets:
            raise ValueError(f"synset {key} is not defined")
        if depth > 5:
            raise ValueError(f"synset {key} includes itself")
        out: list[str] = []
        for member in synsets[key]:
            out.extend(expand(member, where, depth + 1))
            plural = _synset_plural(member.strip())
            if plural != member.strip() and not member.lstrip().startswith("&") \
                    and not member.rstrip().endswith("_") and key not in singular_sets:
                out.append(plural)  # "+AUSTRIAN FLORIN" also means "florins"
        return tuple(out)

    def segment(words: str, where: str) -> tuple[tuple[str, ...], ...]:
        tokens: list[tuple[str, ...]] = []
        for raw in words.replace("_", " ").split():
            raw = raw.strip("{}()")
            if not raw:
                continue
            if raw.startswith("&"):
                tokens.append(tuple(w.lower() for w in expand(raw, where)))
            elif raw == "$" or raw == "+":
                continue  # TABARI's source/target markers: the parse finds them
            else:
                tokens.append((raw.strip("+$%^").lower(),))
        return tuple(t for t in tokens if t and all(t))

    verbs: list[PetrarchVerb] = []
    for block in blocks:
        patterns: list[VerbPattern] = []
        for pattern, code, where in block["patterns"]:
            try:
                pre, _, post = pattern.partition("*")
                names = {w.strip("{}()").rstrip("_").upper() for w in pattern.replace("_", " ").split()
                         if w.startswith("&")}
                sets = tuple((n, expand(n, where)) for n in sorted(names))
                patterns.append(VerbPattern(segment(pre, where), segment(post, where), code, where,
                                            raw=pattern, sets=sets))
            except ValueError as exc:
                warnings.append(DictionaryWarning(where, f"{exc}; pattern skipped"))
        if not block["verbs"]:
            warnings.append(DictionaryWarning(block["where"], f"block {block['meaning']!r} has no verb; skipped"))
            continue
        for front, stem, back, code, where, forms in block["verbs"]:
            verbs.append(PetrarchVerb(front, stem, back, code or block["code"], block["meaning"],
                                      tuple(patterns), where, forms))
    return verbs, skipped


# --------------------------------------------------------------------------------------------- discards


def read_discards(text: str, name: str, warnings: list[DictionaryWarning]) -> list[Discard]:
    out: list[Discard] = []
    for where, line in _lines(text, name):
        stripped = line.strip()
        story = stripped.startswith("+")
        phrase = _words(stripped[1:] if story else stripped)
        if not phrase or "[" in phrase:
            warnings.append(DictionaryWarning(where, "expected a phrase (with a leading '+' for a story "
                                                     "discard); line skipped"))
            continue
        out.append(Discard(phrase, story, where, whole_word=stripped.endswith("_")))
    return out


# --------------------------------------------------------------------------------------------- folders


def kind_of(path: Path) -> str | None:
    """``actors``/``agents``/``verbs``/``discards`` from a PETRARCH file name (``Phoenix.agents.txt``)."""
    parts = [p.lower() for p in path.name.split(".")]
    for kind in KINDS:
        if kind in parts or (kind == "actors" and "actor" in parts):
            return kind
    return None


def load_petrarch_files(paths: Iterable[Path | str], *, strict: bool = False) -> PetrarchDictionaries:
    out = PetrarchDictionaries()
    digest = hashlib.sha256()
    for item in paths:
        path = Path(item)
        kind = kind_of(path)
        if kind is None:
            logger.debug("%s: not a PETRARCH .actors/.agents/.verbs/.discards file; skipped", path)
            continue
        logger.debug("reading PETRARCH %s file %s", kind, path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DictionaryError(f"cannot read PETRARCH {kind} file: {exc}", where=str(path)) from exc
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            logger.debug("%s: not UTF-8; read as Windows-1252", path)
            text = data.decode("cp1252", errors="replace")  # older TABARI files are Windows-1252
        digest.update(path.name.encode() + b"\0" + data)
        out.files.append(str(path))
        name = path.name
        if kind == "actors":
            out.actors.extend(read_actors(text, name, out.warnings))
        elif kind == "agents":
            out.agents.extend(read_agents(text, name, out.warnings))
        elif kind == "verbs":
            verbs, skipped = read_verbs(text, name, out.warnings)
            out.verbs.extend(verbs)
            out.skipped += skipped
        else:
            out.discards.extend(read_discards(text, name, out.warnings))
    for warning in out.warnings:
        logger.debug("%s", warning)
    if strict and out.warnings:
        first = out.warnings[0]
        raise DictionaryError(first.message, where=first.where)
    out.digest = digest.hexdigest()[:8]
    logger.info("PETRARCH dictionaries: %s; %d verb transformation line(s) not read", out.summary(), out.skipped)
    return out


def petrarch_files(folder: Path | str) -> list[Path]:
    base = Path(folder)
    if not base.is_dir():
        raise DictionaryError("not a folder; expected a folder of PETRARCH .actors/.agents/.verbs/.discards files",
                              where=str(folder))
    return sorted(p for p in base.iterdir() if p.is_file() and kind_of(p) is not None)


def load_petrarch_folder(folder: Path | str, *, strict: bool = False) -> PetrarchDictionaries:
    """Every PETRARCH dictionary file in ``folder`` (recognised by ``.actors``/``.agents``/``.verbs``/
    ``.discards`` in its name). Malformed lines are collected in ``warnings`` unless ``strict``."""
    return load_petrarch_files(petrarch_files(folder), strict=strict)


# --------------------------------------------------------------------------------------------- conversion


@dataclass
class PetrarchResources:
    """What the coder needs from PETRARCH dictionaries besides the actor and trigger dictionaries."""

    roles: dict[str, PetrarchActor]  # actor-dictionary entry id -> the PETRARCH actor (dated roles)
    sentence_discards: tuple[str, ...]  # phrases; one written "PHRASE_" (whole words) ends with a space here
    story_discards: tuple[str, ...]
    warnings: list[DictionaryWarning]
    version: str

    def discarded_story(self, text: str) -> bool:
        return _contains_any(text, self.story_discards)

    def discarded_sentence(self, sentence: str) -> bool:
        return _contains_any(sentence, self.sentence_discards)


    verbs: dict[str, PetrarchVerb] = field(default_factory=dict)  # trigger id -> its verb and patterns
    stems: dict[str, str] = field(default_factory=dict)  # a one-word verb's forms as written -> its trigger id

    def dated(self, actor, day: dt.date | None):
        """``actor`` with the code its PETRARCH roles give on ``day``."""
        entry = self.roles.get(actor.id or "")
        if entry is None or not any(r.dated for r in entry.roles):
            return actor
        code = entry.code_on(day)
        if code is None or code == actor.code:
            return actor
        return dataclasses.replace(actor, code=code)


def petrarch_event_code(ontology, code: str):
    """The EventCode of a PETRARCH verb code. A code CAMEO 2.0 lacks (the validation dictionaries' WEIS-era
    ``345``, ``901``, ``1717``, ``174K``) keeps its spelling; its PLOVER reading is its longest CAMEO prefix's
    ("1717" reads as 171), or "-" when no prefix is a CAMEO code."""
    from ..model import EventCode  # noqa: PLC0415

    try:
        return ontology.event_code(code)
    except (DictionaryError, KeyError, ValueError):
        pass
    for n in range(len(code) - 1, 1, -1):
        try:
            return dataclasses.replace(ontology.event_code(code[:n]), cameo=code)
        except (DictionaryError, KeyError, ValueError):
            continue
    return EventCode(event="-", cameo=code, quad=0, goldstein=0.0)


def _contains_any(text: str, phrases: tuple[str, ...]) -> bool:
    """A phrase starts at a word's start; it ends at a word's end when written with a final "_" (kept as a
    trailing space here), else its last word is a stem ("BASEBALL" also finds "baseballs")."""
    if not phrases:
        return False
    words = f" {_plain(text)} "
    return any(f" {_plain(p)}{' ' if p.endswith(' ') else ''}" in words for p in phrases)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


_SLUG_BAD = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    return _SLUG_BAD.sub("_", text.lower()).strip("_") or "x"


def to_flashpoint(pd: PetrarchDictionaries, *, base_actors, ontology, base_triggers=None):
    """``(ActorDictionary, TriggerDictionary, PetrarchResources)`` for dictionaries ``pd``.

    ``base_actors``: the actor dictionary the PETRARCH actors and agents are added to (they override its
    phrases). ``base_triggers``: a trigger dictionary whose entries come first (None: PETRARCH's verbs only).
    Each verb becomes one trigger; ``extract.petrarch_verbs`` picks its code per sentence (its most
    specific matching pattern, else its own code; see ``extract.petrarch_patterns``). A code CAMEO 2.0 lacks
    is kept as spelled, read through its longest CAMEO prefix (or "-").
    """
    from .actors import ActorEntry, SectorEntry
    from .triggers import TRIGGERS_RELEASE, TriggerDictionary, TriggerEntry

    warnings = list(pd.warnings)
    known_countries = {c.cameo for c in base_actors.countries} | {c.iso3 for c in base_actors.countries}

    # ---- actors
    entries: list[tuple[ActorEntry, tuple[str, ...]]] = []
    disconnected: list[tuple[ActorEntry, tuple[str, ...]]] = []
    roles: dict[str, PetrarchActor] = {}
    used: set[str] = set()
    for actor in pd.actors:
        code = actor.code_on(None)
        if code is None:
            continue  # a null-coded name: PETRARCH knows it and codes nothing
        base = f"petrarch_{_slug(actor.name)}"
        entry_id, n = base, 1
        while entry_id in used:
            n += 1
            entry_id = f"{base}_{n}"
        used.add(entry_id)
        name = string.capwords(actor.name)  # "ithilen television" -> "Ithilen Television", for display
        if len(code) == 3:
            entry = ActorEntry(entry_id, name, code, code, None, "country")
        else:
            country = code[:3] if code[:3] in known_countries else None
            entry = ActorEntry(entry_id, name, code, country, None, "group")
        entries.append((entry, actor.phrases))
        disconnected.extend((entry, runs) for runs in actor.disconnected)
        roles[entry_id] = actor
    sectors: list[SectorEntry] = []
    for i, agent in enumerate(pd.agents):
        for phrase in agent.phrases:
            sectors.append(SectorEntry(f"petrarch_agent_{i}", phrase, agent.code, None))
    actors = base_actors.with_entries(entries, sectors, label="petrarch+" + pd.digest, disconnected=disconnected)
    if pd.agents:
        actors.petrarch_phrases = True
        actors.prefix_sectors = frozenset(a.code for a in pd.agents if a.prefix)

    # ---- triggers
    built: list[TriggerEntry] = []
    ids: set[str] = set()
    plover_cache: dict[str, object] = {}

    def plover(code: str, where: str, quiet: bool = False):
        if code not in plover_cache:
            try:
                ontology.cameo(code)
                plover_cache[code] = ontology.plover_for_cameo(code)
            except (DictionaryError, KeyError, ValueError):
                plover_cache[code] = None
        if plover_cache[code] is None and not quiet:
            warnings.append(DictionaryWarning(where, f"code {code!r} is not a CAMEO 2.0 code with a PLOVER "
                                                     "reading; entry not loaded"))
        return plover_cache[code]

    placeholder = ontology.plover_for_cameo(PLACEHOLDER_CODE)

    def add(verb: PetrarchVerb, where: str) -> None:
        """One trigger per verb: the code is chosen per sentence by ``extract.petrarch_verbs`` (the
        verb's patterns, else its own code), so a verb coded [---] or with a code CAMEO 2.0 lacks fires too."""
        words = (*verb.front, verb.stem, *verb.back)
        head = len(verb.front)
        sequence = tuple(frozenset({w, *verb.forms} if i == head else {w}) for i, w in enumerate(words))
        from .triggers import _LEMMA_RE  # noqa: PLC0415
        if not all(_LEMMA_RE.match(w) for t in sequence for w in t):
            warnings.append(DictionaryWarning(where, f"verb {verb.stem!r} is not a plain word; not loaded"))
            return
        code = verb.code.partition(":")[0]
        mapping = plover(code, where, quiet=True) if code != NULL_CODE else None
        if mapping is None:
            mapping, cameo = placeholder, PLACEHOLDER_CODE
        else:
            cameo = code
        entry_id = f"{TRIGGER_PREFIX}{_slug(verb.stem)}.verb"
        n = 1
        while entry_id in ids:
            n += 1
            entry_id = f"{TRIGGER_PREFIX}{_slug(verb.stem)}.verb-{n}"
        ids.add(entry_id)
        verbs_by_entry[entry_id] = verb
        pattern = " ".join(("*" + verb.stem if i == len(verb.front) and (verb.front or verb.back) else w)
                           for i, w in enumerate((*verb.front, verb.stem, *verb.back)))
        built.append(TriggerEntry(
            id=entry_id, pattern=pattern, pos="VERB", event=mapping.event, mode=mapping.mode,
            context=tuple(mapping.context), cameo=cameo, negated_event=None, negated_cameo=None,
            sequence=sequence, head_index=len(verb.front), children=(), specificity=len(sequence),
            notes=f"PETRARCH {verb.block}", where=where))

    verbs_by_entry: dict[str, PetrarchVerb] = {}
    for verb in pd.verbs:
        add(verb, verb.where)
    base = list(base_triggers.entries) if base_triggers is not None else []
    version = (f"{base_triggers.version}+petrarch-{pd.digest}" if base_triggers is not None
               else f"{TRIGGERS_RELEASE}-petrarch-only+{pd.digest}")
    triggers = TriggerDictionary(base + built, version)

    resources = PetrarchResources(
        verbs=verbs_by_entry,
        stems={word: k for k, v in reversed(verbs_by_entry.items()) if not (v.front or v.back)
               for word in v.written_forms},
        roles=roles,
        sentence_discards=tuple(d.phrase + (" " if d.whole_word else "") for d in pd.discards if not d.story),
        story_discards=tuple(d.phrase + (" " if d.whole_word else "") for d in pd.discards if d.story),
        warnings=warnings,
        version=f"petrarch+{pd.digest}",
    )
    for warning in warnings[len(pd.warnings):]:
        logger.debug("%s", warning)
    logger.info("PETRARCH dictionaries converted: %d trigger(s) from verbs, %d actor dictionary entries; %d "
                "line(s) not loaded", len(built), len(actors.entries), len(warnings))
    return actors, triggers, resources
