"""PETRARCH verb patterns matched on a spaCy sentence (used only when PETRARCH dictionaries are loaded).

A pattern ``- PRE * POST [CODE]`` of a verb block matches when its PRE words occur before the verb and its
POST words after it, in order, within the verb's sentence. As in PETRARCH's dictionaries, words joined by
``_`` must be adjacent (``IN_*``: "in" right before the verb; ``*_OUT``: "out" right after it), words
separated by spaces may have other words between them, a synset (``&NAME``) matches any of its members, ``$``
marks where the source is named and ``+`` where the target is, ``%`` a compound actor (two or more parties:
before the verb the source, after it the target) and ``^`` a noun phrase to skip ("IFTAR AT ^ +": the target is
the second actor named after "at").

Of the patterns that match, the most specific wins (the most words matched; on a tie, the one with source or
target slots, then the first in the file) -- PETRARCH walks its pattern tree to the deepest match. With no
pattern matching, the verb's own code applies (``[---]``: the verb codes nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PatternMatch", "Item", "parse_pattern", "best_pattern"]


@dataclass(frozen=True)
class Item:
    kind: str  # "word", "source" ($), "target" (+), "compound" (%) or "skip" (^)
    alternatives: tuple[tuple[str, ...], ...] = ()  # each alternative as its words
    tight: bool = False  # adjacent to the previous item (post) / to the next item (pre) or the verb


@dataclass(frozen=True)
class PatternMatch:
    pattern: object  # the VerbPattern
    score: tuple[int, int, int]
    source: tuple[int, ...] | None  # token indices (ascending) where the source is named
    target: tuple[int, ...] | None
    source_skip: int = 0  # noun phrases naming an actor to pass over in the slot before the one meant (^)
    target_skip: int = 0
    compound_source: bool = False  # the pattern asks for two or more parties there (%)
    compound_target: bool = False


def _alternatives(word: str, synsets: dict[str, tuple[str, ...]] | None) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(w for w in alt.lower().replace("_", " ").split() if w) for alt in (word,)) \
        if not word.startswith("&") else tuple(
            tuple(w for w in alt.lower().replace("_", " ").split() if w) for alt in (synsets or {}).get(word, ()))


def parse_side(text: str, *, before: bool, synsets=None) -> tuple[Item, ...]:
    """The items of one side of a pattern (the text before or after the ``*``)."""
    items: list[Item] = []
    chunks = text.split()
    for c_index, chunk in enumerate(chunks):
        pieces = chunk.split("_")
        # leading "_" (after the verb: "*_OUT") / trailing "_" (before it: "IN_*") tie the piece to the verb
        for p_index, piece in enumerate(pieces):
            piece = piece.strip("{}()")
            if not piece:
                continue
            if before:
                last_piece = p_index == len(pieces) - 1
                tight = (not last_piece) or (c_index == len(chunks) - 1 and chunk.endswith("_"))
            else:
                tight = p_index > 0 or False
                if p_index == 0 and c_index == 0 and text.startswith("_"):
                    tight = True
            if piece in ("$", "+", "%", "^"):
                kind = {"$": "source", "+": "target", "^": "skip"}.get(piece)
                # "%" before the verb is a compound source, after it a compound target
                kind = kind or ("compound_source" if before else "compound_target")
                items.append(Item(kind, (), tight))
                continue
            if piece.startswith("%") or piece.startswith("^"):
                piece = piece[1:]
            word = piece.upper() if piece.startswith("&") else piece
            alts = _alternatives(word, synsets)
            alts = tuple(a for a in alts if a)
            if alts:
                items.append(Item("word", alts, tight))
    return tuple(items)


def parse_pattern(raw: str, synsets=None) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
    pre, _, post = raw.partition("*")
    return parse_side(pre, before=True, synsets=synsets), parse_side(post, before=False, synsets=synsets)


def _alt_at(tokens, k: int, alt: tuple[str, ...]) -> bool:
    """Pattern words are compared with the words as written, as PETRARCH compares them ("* RESOLUTION" does
    not match "resolutions": a pattern lists the forms it means)."""
    if k + len(alt) > len(tokens):
        return False
    return all(w == tokens[k + n].text.lower() for n, w in enumerate(alt))


def _match_forward(items, tokens, j: int, slots: dict, first: bool = True):
    """Match ``items`` in ``tokens[j:]`` in order; returns the number of words matched, or None."""
    if not items:
        return 0
    item = items[0]
    if item.kind == "skip":
        slots["pending_skip"] = slots.get("pending_skip", 0) + 1
        return _match_forward(items[1:], tokens, j, slots, first)
    if item.kind != "word":
        kind = item.kind.removeprefix("compound_")
        slots[kind] = j
        slots[kind + "_skip"] = slots.pop("pending_skip", 0)
        if item.kind.startswith("compound_"):
            slots["compound_" + kind] = True
        return _match_forward(items[1:], tokens, j, slots, first)
    slots.pop("pending_skip", None)  # "AT ^ WITH +": a skipped phrase before a word is just a gap
    last = j if (item.tight or False) else len(tokens) - 1
    for k in range(j, last + 1):
        for alt in item.alternatives:
            if _alt_at(tokens, k, alt):
                saved = dict(slots)
                for kind in ("source", "target"):
                    if isinstance(slots.get(kind), int):
                        slots[kind] = (slots[kind], k)  # the slot ends where the next word is matched
                rest = _match_forward(items[1:], tokens, k + len(alt), slots, False)
                if rest is not None:
                    return rest + 1
                slots.clear()
                slots.update(saved)
    return None


def best_pattern(verb, head, *, synsets=None, parties=None) -> PatternMatch | None:
    """The most specific of ``verb.patterns`` that matches around ``head`` (a spaCy token), or None.

    ``parties(indices, skip, recipient) -> int``: how many actors a slot names, to check a ``%`` slot
    (without it, a pattern with ``%`` never matches)."""
    sent = head.sent
    after = [t for t in sent if t.i > head.i]
    before = [t for t in sent if t.i < head.i][::-1]  # matched outwards from the verb
    best: PatternMatch | None = None
    for order, pattern in enumerate(verb.patterns):
        raw = getattr(pattern, "raw", "")
        if not raw:
            continue
        pre, post = parse_pattern(raw, dict(getattr(pattern, "sets", ())) or synsets)
        post_slots: dict = {}
        n_post = _match_forward(post, after, 0, post_slots)
        if n_post is None:
            continue
        # the pre side, read backwards from the verb: the tightness of each item binds it to the next one
        reversed_pre = []
        for n, item in enumerate(reversed(pre)):
            reversed_pre.append(Item(item.kind, tuple(a[::-1] for a in item.alternatives), item.tight))
        pre_slots: dict = {}
        n_pre = _match_forward(tuple(reversed_pre), before, 0, pre_slots)
        if n_pre is None:
            continue
        slots = {**pre_slots, **post_slots}
        source = _span(post_slots.get("source"), after, True) or _span(pre_slots.get("source"), before, False)
        target = _span(post_slots.get("target"), after, True) or _span(pre_slots.get("target"), before, False)
        compound = [kind for kind in ("source", "target") if slots.get("compound_" + kind)]
        if compound and (parties is None or any(
                parties(source if kind == "source" else target, slots.get(kind + "_skip", 0),
                        kind == "target") < 2 for kind in compound)):
            continue
        words = n_pre + n_post + len(compound)  # a compound slot is as specific as a word
        if words == 0:
            continue
        score = (words, int(source is not None) + int(target is not None), -order)
        if best is None or score > best.score:
            best = PatternMatch(pattern, score, source, target, slots.get("source_skip", 0),
                                slots.get("target_skip", 0), "source" in compound, "target" in compound)
    return best


def _span(slot, tokens, forward: bool) -> tuple[int, ...] | None:
    """The token indices (ascending) where a slot's actor may be named."""
    if slot is None or not tokens:
        return None
    start, end = (slot, len(tokens)) if isinstance(slot, int) else slot
    chosen = sorted(t.i for t in tokens[start:end])
    return tuple(chosen) or None
