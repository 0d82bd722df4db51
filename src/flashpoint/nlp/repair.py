"""Punctuation written back for the parser without moving a character: mis-decoded marks, and unspaced dashes.

Many archived feeds carry text whose UTF-8 bytes were once read as Windows-1252: an opening double quote comes out
as "â€œ", an apostrophe as "â€™", a dash as "â€”". The parser then reads "â€œnobody" as one unknown word and
"bjpâ€™s" as another. The article keeps its text as written (every offset points into it); the copy the parser reads
has each such sequence replaced by the punctuation it stands for, padded with spaces to the same length, on the side
that keeps the mark against its word (an opening quote against the word after it, a closing one or an apostrophe
against the word before it), so that offsets into the parsed copy are offsets into the article.

An em dash written between two words with no space ("a delegation from the Collective Security Treaty
Organization—the CSTO—led by its chief of staff arrived") is read by the small model as a break in the sentence
(spaced, it is read as the apposition it is); the parser's copy has a comma there instead, which it reads as the
apposition, one character for one.
"""

from __future__ import annotations

import re

# (mis-decoded sequence, what it stands for, whether it opens: an opening mark leans on the word after it, any other
# on the word before it)
MISDECODED = (
    ("\u00e2\u20ac\u0153", "\u201c", True),    # “
    ("\u00e2\u20ac\u02dc", "\u2018", True),    # ‘
    ("\u00e2\u20ac\u009d", "\u201d", False),   # ”
    ("\u00e2\u20ac\u2122s", "\u2019s", False),  # ’s, the possessive kept whole
    ("\u00e2\u20ac\u2122", "\u2019", False),   # ’
    ("\u00e2\u20ac\u201d", "\u2014", False),   # —
    ("\u00e2\u20ac\u201c", "\u2013", False),   # –
    ("\u00e2\u20ac\u00a6", "\u2026", False),   # …
    ("\u00e2\u20ac", "\u201d", False),         # ” whose last byte was lost on the way
    ("\u00c2\u00a0", " ", False),              # a no-break space
    ("\u00c2 ", " ", False),                    # ... whose second byte became a plain space
)
_UNSPACED_DASH = re.compile(r"(?<=\w)\u2014(?=\w)")
_PATTERN = re.compile("|".join(re.escape(bad) for bad, _, _ in sorted(MISDECODED, key=lambda m: -len(m[0]))))
_REPLACEMENT = {bad: (good, opens) for bad, good, opens in MISDECODED}


def _written_back(match: re.Match) -> str:
    good, opens = _REPLACEMENT[match.group()]
    pad = " " * (len(match.group()) - len(good))
    return pad + good if opens else good + pad


def text_for_parser(text: str) -> str:
    """``text`` with mis-decoded punctuation written back and unspaced em dashes read as commas, the same length
    (see the module docstring)."""
    if "\u00e2\u20ac" in text or "\u00c2" in text:
        text = _PATTERN.sub(_written_back, text)
    if "\u2014" in text:
        text = _UNSPACED_DASH.sub(",", text)
    return text
