"""Stage ``fold``: "The strikes were carried out in X, targeting Y": a participle or infinitive trigger of the
same event hanging from another trigger's clause says more about that event, not a second one; so does a
trigger whose subject is another trigger ("Iran's strikes ... killed two people"). The folded mention's
actors, recipients, place and date phrase go to its host, and it stays as one more mention of the host's
event (its ``antecedent``), so its words remain evidence.

A profile may name trigger rules whose code is provisional here (``ArticleState.provisional_rules``: PETRARCH
verbs, whose code a later stage picks by pattern): they are neither folded nor hosts.
"""

from __future__ import annotations

from .state import ArticleState, Draft


def fold_participles(state: ArticleState) -> None:
    by_sentence: dict[int, list[Draft]] = {}
    for draft in state.coded():
        if draft.match is not None:
            by_sentence.setdefault(draft.sentence_index, []).append(draft)
    for drafts in by_sentence.values():
        kept: list[Draft] = []
        for f in drafts:
            if state.provisional_rules and f.mention.rule.startswith(state.provisional_rules):
                kept.append(f)  # its code, hence its event type, is chosen later
                continue
            host = _host(f, kept)
            if host is None:
                kept.append(f)
                continue
            m, h = f.mention, host.mention
            h.actors += [a for a in m.actors if a not in h.actors]
            h.recipients += [a for a in m.recipients if a not in h.recipients]
            h.location = h.location or m.location
            h.date_text = h.date_text or m.date_text
            # the folded mention stays as evidence of its host's event ("killing one" in "police fired at the
            # mob, killing one"); what it said now speaks through the host, so its own place and date go
            m.anaphoric, m.antecedent = True, host.id
            m.location, m.date_text = None, None


def _host(f: Draft, kept: list[Draft]) -> Draft | None:
    subjects = {c.i for c in f.head.children if c.dep_ in ("nsubj", "nsubjpass")}
    return next((k for k in kept if k.mention.code.event == f.mention.code.event
                 and k.mention.status == f.mention.status and (
                     (f.head.dep_ in ("advcl", "acl", "xcomp", "conj") and f.head.tag_ in ("VBG", "VBN", "VB")
                      and f.head.head.i in {k.head.i, *([k.clause.i] if k.clause is not None else [])})
                     or k.head.i in subjects)),  # "Iran's strikes ... killed two people"
                None)
