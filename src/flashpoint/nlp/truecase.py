"""Truecasing text written without case ("two persons were killed in police firing in ahmedabad", a wire
headline in capitals, or one in title case: "Iranian Guards Commander Killed in Israeli Strike") before it is
parsed: the small model tags and parses lower-case, upper-case and title-case English far worse than cased text
(PLOVER GSR lower-cased: event type 0.832 instead of 0.863; upper-cased: 0.478).

A stretch of text is caseless when it has at least ``MIN_WORDS`` words and no upper-case letter (or no
lower-case one). It is then written the way news is: every letter lower-case, the first letter of a sentence
and of "I" upper-case, and the names the dictionaries know as proper names in their written form: countries,
capitals, demonyms, armed groups, people and organisations of the actor dictionary, and the gazetteer's
countries, provinces and towns of at least ``MIN_TOWN_POPULATION`` people, except names that are also common
words of the project's own lexicons ("march", "police", "split"). A title-case headline is written the same way
("Iranian guards commander killed in Israeli strike"): its capitals say nothing about which words are names, and
the parser reads a capitalised word as one. Exact-case acronyms ("US", "UN") are restored
only in text written in capitals, where they were capitals to begin with.

Only the case of letters changes, never the length of the text: offsets into the article stay valid, and the
evidence sentences are cut from the article as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

MIN_WORDS = 4
MIN_TOWN_POPULATION = 50_000
MAX_NAME_WORDS = 5
TITLE_WORD_LETTERS = 4

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*)[\"'“‘(]*([^\W\d_])")


def caseless(text: str) -> str | None:
    """"lower" or "upper" when ``text`` (a line) is written without case, "title" when it is a headline in title
    case, else None."""
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return None
    if not any(c.isupper() for c in text):
        return "lower"
    if not any(c.islower() for c in text):
        return "upper"
    if _title_case(text, words):
        return "title"
    return None


def _title_case(text: str, words: list[str]) -> bool:
    """A headline in title case: no sentence ends in it, and every word of ``TITLE_WORD_LETTERS`` letters or more
    that is not a function word (which titles may keep lower-case: "with", "after") starts with a capital, at
    least ``MIN_WORDS`` of them ("Iranian Guards Commander Killed in Israeli Strike")."""
    if _SENTENCE_END.search(text.rstrip()):
        return False
    long = [w for w in words if len(w) >= TITLE_WORD_LETTERS and w.lower() not in STOP_WORDS]
    return len(long) >= MIN_WORDS and all(any(c.isupper() for c in w) for w in long)  # "al-Adl" is capitalised


def needs_truecasing(text: str) -> bool:
    return any(caseless(line) for line in text.splitlines())


@dataclass(frozen=True)
class Truecaser:
    names: dict[tuple[str, ...], str]  # lower-case words of a name -> the name as written
    acronyms: frozenset[str]  # exact-case all-capital names ("US", "UN", "NATO"), lower-cased

    def truecase(self, text: str) -> str:
        """``text`` with its caseless lines written in case (lines with case are left as they are)."""
        return "".join(self._line(line) for line in text.splitlines(keepends=True))

    def _line(self, line: str) -> str:
        kind = caseless(line)
        if kind is None:
            return line
        words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(line)]
        # a possessive is its name's: "iran's" is looked up as "iran"
        words = [(start, end - 2, word[:-2]) if _POSSESSIVE.search(word) and len(word) > 3 else (start, end, word)
                 for start, end, word in words]
        chars = list(_same_length_lower(line))
        if kind == "title":  # a word in capitals in a headline with case is an acronym: "US, UK Unveil Sanctions"
            for start, end, _ in words:
                if end - start > 1 and line[start:end].isupper():
                    chars[start:end] = line[start:end]
        i = 0
        while i < len(words):
            for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
                key = tuple(w for _, _, w in words[i:i + n])
                written = self.names.get(key)
                if written is None and n == 1 and kind == "upper" and key[0] in self.acronyms:
                    written = key[0].upper()
                if written is None:
                    continue
                start, end = words[i][0], words[i + n - 1][1]
                _write_case(chars, start, end, written)
                i += n
                break
            else:
                if words[i][2] == "i":
                    chars[words[i][0]] = "I"
                i += 1
        for match in _SENTENCE_START.finditer("".join(chars)):
            at = match.start(1)
            upper = chars[at].upper()
            if len(upper) == 1:
                chars[at] = upper
        return "".join(chars)


def _same_length_lower(text: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _write_case(chars: list[str], start: int, end: int, written: str) -> None:
    """Give ``chars[start:end]`` the case of ``written`` letter by letter where the letters line up, else
    capitalise each word of it."""
    span = "".join(chars[start:end])
    if len(written) == len(span) and written.lower() == span.lower():
        for k, c in enumerate(written):
            chars[start + k] = c
        return
    at_word_start = True
    for k in range(start, end):
        if chars[k].isalpha():
            if at_word_start and len(chars[k].upper()) == 1:
                chars[k] = chars[k].upper()
            at_word_start = False
        else:
            at_word_start = True


def _key(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(text))


def build_truecaser(entity_patterns: list[dict], place_names: list[tuple[str, int]],
                    common_words: frozenset[str], always: tuple[str, ...] = ()) -> Truecaser:
    """A truecaser from the actor dictionary's entity patterns (``{"pattern": str | [{"ORTH": ...}]}``), place
    names with their population (countries and provinces as 0 population but always kept: pass them with
    ``MIN_TOWN_POPULATION``), and the common words that are never names on their own."""
    names: dict[tuple[str, ...], str] = {}
    acronyms: set[str] = set()

    def add(written: str) -> None:
        key = _key(written)
        if not key or len(key) > MAX_NAME_WORDS or not written[:1].isupper():
            return
        if len(key) == 1 and key[0] in common_words:
            return
        names.setdefault(key, written)

    for pattern in entity_patterns:
        text = pattern["pattern"]
        if isinstance(text, str):
            add(text)
        elif all(set(token) == {"ORTH"} for token in text):
            written = " ".join(token["ORTH"] for token in text)
            if written.isupper() and len(written) > 1 and " " not in written:
                acronyms.add(written.lower())  # "US": a name only in text written in capitals
            else:
                add(written)
    for name, population in place_names:
        if population >= MIN_TOWN_POPULATION:
            add(name)
    for name in always:  # weekday names: never a common word
        names.setdefault(_key(name), name)
    return Truecaser(names, frozenset(acronyms))
