"""PETRARCH's own unit-test suite (``PETR.UnitTest.records.xml``) as a peer benchmark of the coder's mechanics.

Each ``<Sentence>`` record has a date, its text, and the ``<EventCoding sourcecode= targetcode= eventcode=>``
triples PETRARCH should produce with the ``PETR.Validate.*`` dictionaries (or ``noevents="True"``). The file's
constituency parses are ignored: Flashpoint parses the text with its own pipeline, coding each sentence as an
article published on the record's date, with a :class:`~flashpoint.coder.Coder` built on those dictionaries.

Scores, over records that give expected triples or say there are none (``error`` records are skipped):

* ``found``: the share of expected (source, target, event) triples among those produced for their sentence;
* ``extra``: the share of produced triples that no record expects (over all produced triples);
* ``no_event_respected``: the share of ``noevents`` sentences for which nothing was produced.

A produced event gives one triple per (actor, recipient) pair, with its CAMEO code; negated events give none
(PETRARCH does not code them), hypothetical and background ones do (PETRARCH codes the verb regardless).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree as ET

from ..errors import InputError

logger = logging.getLogger(__name__)

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class Record:
    id: str
    date: dt.date | None
    text: str
    expected: tuple[Triple, ...]
    no_events: bool


@dataclass
class RecordResult:
    record: Record
    produced: tuple[Triple, ...]

    @property
    def found(self) -> int:
        return sum(1 for t in set(self.record.expected) if t in self.produced)

    @property
    def extra(self) -> int:
        return sum(1 for t in set(self.produced) if t not in self.record.expected)


@dataclass
class PetrarchReport:
    results: list[RecordResult] = field(default_factory=list)
    checksum: str = ""

    @property
    def sentences(self) -> int:
        return len(self.results)

    @property
    def expected_triples(self) -> int:
        return sum(len(set(r.record.expected)) for r in self.results)

    @property
    def produced_triples(self) -> int:
        return sum(len(set(r.produced)) for r in self.results)

    @property
    def found(self) -> float:
        n = self.expected_triples
        return sum(r.found for r in self.results) / n if n else 0.0

    @property
    def extra(self) -> float:
        n = self.produced_triples
        return sum(r.extra for r in self.results) / n if n else 0.0

    @property
    def no_event_sentences(self) -> int:
        return sum(1 for r in self.results if r.record.no_events)

    @property
    def no_event_respected(self) -> float:
        n = self.no_event_sentences
        return sum(1 for r in self.results if r.record.no_events and not r.produced) / n if n else 0.0

    def to_dict(self) -> dict:
        return {"sentences": self.sentences, "expected_triples": self.expected_triples,
                "found": round(self.found, 4), "extra": round(self.extra, 4),
                "no_event_sentences": self.no_event_sentences,
                "no_event_respected": round(self.no_event_respected, 4)}


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.datetime.strptime(text.strip()[:8], "%Y%m%d").date()
    except ValueError:
        return None


def read_records(path: Path | str) -> tuple[list[Record], str]:
    """The records of a PETRARCH validation file, and the file's SHA-256 (first 12 hex digits)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the PETRARCH records: {exc}", where=str(path)) from exc
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"not well-formed XML ({exc}); expected a PETRARCH <Validation> file",
                         where=str(path)) from exc
    records: list[Record] = []
    for sentence in root.iter("Sentence"):
        codings = sentence.findall("EventCoding")
        if any("error" in c.attrib for c in codings):
            continue  # a record that tests PETRARCH's error handling, not coding
        no_events = any(c.get("noevents", "").lower() == "true" for c in codings)
        expected = tuple((c.get("sourcecode", ""), c.get("targetcode", ""), c.get("eventcode", ""))
                         for c in codings if c.get("eventcode"))
        text_node = sentence.find("Text")
        text = " ".join((text_node.text or "").split()) if text_node is not None else ""
        if not text or not (expected or no_events):
            continue
        records.append(Record(sentence.get("id", ""), _date(sentence.get("date")), text, expected, no_events))
    return records, hashlib.sha256(data).hexdigest()[:12]


def petrarch_code(actor) -> str:
    """PETRARCH's spelling of an actor code: a sector with no country ("GOV") is ``---GOV``."""
    if actor.country is None and actor.sector and actor.code == actor.sector:
        return "---" + actor.code
    return actor.code or "---"


def triples(events) -> tuple[Triple, ...]:
    """(source, target, CAMEO) for each actor and recipient of each event that is not negated. Like PETRARCH
    with its default ``require_dyad``, an event needs both a source and a target."""
    out: list[Triple] = []
    for event in events:
        if event.status == "negated":
            continue
        for actor in event.actors:
            for recipient in event.recipients:
                if actor.code == recipient.code:
                    continue  # no actor acts on itself (a compound source's members act on each other)
                triple = (petrarch_code(actor), petrarch_code(recipient), event.code.cameo)
                if triple not in out:
                    out.append(triple)
    return tuple(out)


def evaluate(path: Path | str, coder) -> PetrarchReport:
    from ..model import Article

    records, checksum = read_records(path)
    report = PetrarchReport(checksum=checksum)
    articles = [Article.from_text(r.text, published=r.date) for r in records]
    for record, coded in zip(records, coder.code_many(articles)):
        if coded.error is not None:
            logger.warning("record %s: %s; scored as no events", record.id, coded.error.message)
        report.results.append(RecordResult(record, triples(coded.events)))
    return report
