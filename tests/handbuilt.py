"""A small store built by hand, without spaCy, for the API and dashboard tests: a week of strikes between Pakistan
and Iran (an onset alert, an explicit response), talks in Cairo, a protest in Nairobi, an undated call and a
hypothetical attack. :func:`articles` gives what ``Store.add_batch`` takes."""

from __future__ import annotations

import datetime as dt

from flashpoint.model import Actor, Article, Event, EventCode, EventMention, Place


SISTAN = Place(text="Sistan and Baluchestan", name="Sistan and Baluchestan", country="IRN", geonames_id=1159456,
               admin1="IR-11", lat=27.5, lon=61.0, precision="admin1")
BALOCHISTAN = Place(text="Balochistan", name="Balochistan", country="PAK", geonames_id=1183606, admin1="PK-BA",
                    lat=28.5, lon=65.5, precision="admin1")
CAIRO = Place(text="Cairo", name="Cairo", country="EGY", geonames_id=360630, admin1="EG-C", lat=30.0, lon=31.2,
              precision="city")
NAIROBI = Place(text="Nairobi", name="Nairobi", country="KEN", geonames_id=184745, admin1="KE-30", lat=-1.3,
                lon=36.8, precision="city")
CODES = {  # type -> (CAMEO, quad, Goldstein)
    "ASSAULT": ("190", 4, -10.0), "THREATEN": ("138", 3, -7.0), "COERCE": ("170", 4, -7.0),
    "ACCUSE": ("112", 3, -2.0), "CONSULT": ("040", 1, 1.0), "PROTEST": ("141", 3, -6.5), "REQUEST": ("020", 1, 3.0),
}


def _actor(code: str) -> Actor:
    if code == "hamas":
        return Actor(text="Hamas", code="PSEINS", country="PSE", sector="INS", name="Hamas", id="hamas")
    return Actor(text=code, code=code, country=code[:3], sector=code[3:] or None)


def _event(article_id: str, n: int, sentence: str, trigger: str, kind: str, day: dt.date | None,
           actors: list[str], recipients: list[str], place: Place | None, *, status: str = "asserted",
           responds_to: list[str] = ()) -> Event:
    cameo, quad, goldstein = CODES[kind]
    code = EventCode(kind, cameo, quad, goldstein)
    mention = EventMention(article_id=article_id, sentence=sentence, start=0, end=len(sentence), trigger=trigger,
                           trigger_start=sentence.index(trigger), rule=f"test.{kind.lower()}", code=code,
                           status=status, actors=[_actor(a) for a in actors],
                           recipients=[_actor(r) for r in recipients], location=place, date=day,
                           date_precision="day" if day else None, id=f"t{n}")
    return Event(id=f"{article_id}e{n}", code=code, status=status, actors=list(mention.actors),
                 recipients=list(mention.recipients), mentions=[mention], date=day,
                 date_precision=mention.date_precision, location=place, responds_to=list(responds_to),
                 coder="test/1")


def _day(n: int) -> dt.date:
    return dt.date(2024, 1, 14) + dt.timedelta(days=n)  # 1: Monday 15 January 2024


# article id, source, published, [(sentence, trigger, type, day, actors, recipients, place)]
STRIKES = [
    ("a1", "Dawn", 1, [("Pakistan's army struck militant hideouts in Sistan and Baluchestan.", "struck", "ASSAULT",
                        1, ["PAKMIL"], ["IRN"], SISTAN)]),
    ("a3", "Wire", 3, [("Pakistani jets bombed a camp across the border in Iran.", "bombed", "ASSAULT", 3, ["PAK"],
                        ["IRN"], SISTAN)]),
    ("a4", "Wire", 4, [("Iran threatened Pakistan with a crushing response.", "threatened", "THREATEN", 4, ["IRN"],
                        ["PAK"], None)]),
    ("a5", "Dawn", 5, [("Pakistani artillery shelled Iranian border posts.", "shelled", "ASSAULT", 5, ["PAKMIL"],
                        ["IRN"], SISTAN)]),
    ("a6", "Dawn", 6, [("Pakistan seized an Iranian fuel convoy at the border.", "seized", "COERCE", 6, ["PAK"],
                        ["IRN"], BALOCHISTAN)]),
    ("a7", "Wire", 7, [("Pakistan accused Iran of sheltering the militants.", "accused", "ACCUSE", 7, ["PAKGOV"],
                        ["IRNGOV"], None)]),
    ("a9", "Ahram", 50, [("Egyptian and Qatari mediators met Hamas negotiators in Cairo.", "met", "CONSULT", 50,
                          ["EGYGOV", "QATGOV"], ["hamas"], CAIRO)]),
    ("a10", "Nation", 149, [("Thousands of Kenyans protested against the finance bill in Nairobi.", "protested",
                             "PROTEST", 149, ["KENCVL"], [], NAIROBI)]),
    ("a11", "Wire", 52, [("The United Nations called for a ceasefire in Gaza.", "called", "REQUEST", None,
                          ["IGOUNO"], ["PSE"], None)]),
]
HYPOTHETICAL = "Iran could attack Israel if the talks fail."
ANSWERED = "In response to Monday's strike, Iran's missiles hit a village in Pakistan's Balochistan."


def articles() -> list[tuple[Article, list[Event], list[EventMention]]]:
    items = []
    for article_id, source, published, reports in STRIKES:
        events = [_event(article_id, n, *report[:3], _day(report[3]) if report[3] else None, *report[4:])
                  for n, report in enumerate(reports)]
        text = " ".join(r[0] for r in reports)
        items.append((Article(id=article_id, text=text, published=_day(published), source=source,
                              url=f"https://{source.lower()}.example/{article_id}", title=f"Report {article_id}"),
                      events, [m for e in events for m in e.mentions]))
    # a2: Iran answers Monday's strike (an explicit link to the record of a1's strike), on Tuesday
    answered = _event("a2", 0, ANSWERED, "strike", "ASSAULT", _day(1), ["PAKMIL"], ["IRN"], SISTAN)
    answer = _event("a2", 1, ANSWERED, "hit", "ASSAULT", _day(2), ["IRN"], ["PAK"], BALOCHISTAN,
                    responds_to=[answered.id])
    items.append((Article(id="a2", text=ANSWERED, published=_day(2), source="Tasnim"), [answered, answer],
                  [*answered.mentions, *answer.mentions]))
    hypothetical = _event("a12", 0, HYPOTHETICAL, "attack", "ASSAULT", None, ["IRN"], ["ISR"], None,
                          status="hypothetical")
    items.append((Article(id="a12", text=HYPOTHETICAL, published=_day(53), source="Wire"), [hypothetical],
                  hypothetical.mentions))
    return items
