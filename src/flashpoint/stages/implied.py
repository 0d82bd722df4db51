"""Stage ``implied_actors``: an act whose actor goes without saying when the text names none.

"Over 50 persons were arrested", "a lathi-charge was ordered", "a curfew was imposed": an arrest or a baton
charge is the police's act, a curfew the government's (``data/cues/implied_actors.tsv``). A mention with no actor
of its own gets an actor of that sector; the places stage then places it in the country the act happens in. The
mention's rule records ``/implied-actor:<id>``, so the coded actor still points back to its evidence.
"""

from __future__ import annotations

from ..merge.article import IMPLIED_ACTOR as IMPLIED_RULE  # the merge places implied actors by this mark
from ..model import Actor
from .state import ArticleState


def imply_actors(state: ArticleState) -> None:
    cues = state.resources.cues
    for draft in state.coded():
        mention = draft.mention
        if draft.match is None or mention.actors:
            continue
        code = mention.code
        implied = cues.implied_actor(code.event, code.mode, code.cameo, draft.match.entry.id)
        if implied is None:
            continue
        mention.actors = [Actor(text=mention.trigger, code=implied.sector, sector=implied.sector)]
        mention.rule += IMPLIED_RULE + implied.id
