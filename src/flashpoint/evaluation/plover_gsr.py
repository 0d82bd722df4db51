"""Scoring a sentence coder against the PLOVER gold-standard records (``PLOVER_GSR_CAMEO.txt``).

The file is a JSON list of records, one per example sentence of the CAMEO manual, each with ``id``,
``event`` (PLOVER 0.5b1 type), ``text``, ``source`` / ``target`` (lists of ``{actorText, code, sector}``),
optionally ``mode``, ``context``, ``eventLoc``. The first record is a ``DOCUMENT`` record (file metadata)
and is skipped. All records carry the placeholder date 2000-01-01, so dates are not scored.

Gold is normalised before comparing:

* event types the current PLOVER renamed or merged: ``data/evaluation/plover_gsr_event_types.tsv``
  (DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT);
* actor codes are CAMEO codes: ISO 3166-1 alpha-3 for most states, plus legacy codes (JAP, ITL, ...) and
  non-country codes (IGO, NGO, IMG, ...): ``data/evaluation/cameo_country_codes.tsv``, together with the
  ``cameo`` column of ``data/actors/countries.tsv`` (ROM, TMP, KSV);
* sectors: the first three letters ("CVLalb" -> CVL; the tail is an ethnic/religious qualifier), aliases
  from ``data/evaluation/gsr_sector_aliases.tsv``; "***" (unspecified) is dropped.

Per record the coder's *primary* event is the first asserted event it returned, else its first event. The
gold codes a compound actor as one event with several sources ("the US and Britain condemned Iran"), where the
rules coder writes one event per pair of parties (stages/dyads.py); so the actors and recipients scored are
those of the primary event together with the other pairs of its mention (same type, status and first mention).
Metrics:

* event type accuracy over all records (no event, or a coder error, counts as wrong) and a confusion count;
* CAMEO root (first two digits) accuracy over records whose gold carries a CAMEO code (``cameo`` key);
  the 2016 file carries none, so it is reported as not measured;
* actor country, recipient country: P/R/F1 micro-averaged over the per-record sets of countries
  (gold source/target countries vs the primary event's actors'/recipients' countries);
* actor sector: the same over sets of source sectors, on the records whose gold gives a source sector
  (elsewhere the gold is silent about sectors and a predicted one is neither right nor wrong).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from flashpoint.errors import DictionaryError, MalformedRecord, UnreadableInput
from flashpoint.evaluation.scores import Score, fmt

logger = logging.getLogger(__name__)

__all__ = [
    "GsrActor", "GsrRecord", "GsrGold", "RecordError", "GsrRecordResult", "GsrResult",
    "read_plover_gsr", "evaluate_plover_gsr", "format_gsr_report", "gsr_country", "primary_act", "primary_event",
]

NO_EVENT = "-"  # the predicted type in the confusion count when the coder returned nothing (or failed)
UNSPECIFIED_SECTOR = "***"
CAMEO_KEYS = ("cameo", "CAMEO", "cameo_code")  # where a gold record would carry a CAMEO event code


# ---------------------------------------------------------------- data tables

def _table(*parts: str) -> list[dict[str, str]]:
    """Rows of one of the package's TSV files (header line, ``#`` comments)."""
    path = resources.files("flashpoint").joinpath("data", *parts)
    where = "/".join(parts)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"cannot read data file: {exc}", where=where) from exc
    header: list[str] | None = None
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
        elif len(cells) > len(header):
            raise DictionaryError(f"{len(cells)} fields where the header has {len(header)}", where=f"{where}:{number}")
        else:
            rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return rows


@dataclass(frozen=True)
class _Tables:
    event_types: dict[str, str]
    countries: dict[str, str | None]  # CAMEO code -> ISO3, None for a non-country code
    sectors: dict[str, str]


_TABLES: _Tables | None = None


def _tables() -> _Tables:
    global _TABLES
    if _TABLES is None:
        countries: dict[str, str | None] = {}
        for row in _table("actors", "countries.tsv"):
            countries[row["iso3"]] = row["iso3"]
            if row.get("cameo"):
                countries[row["cameo"]] = row["iso3"]
        for row in _table("evaluation", "cameo_country_codes.tsv"):
            countries[row["cameo"]] = row["iso3"] or None
        _TABLES = _Tables(
            event_types={r["gsr"]: r["plover"] for r in _table("evaluation", "plover_gsr_event_types.tsv")},
            countries=countries,
            sectors={r["gsr"]: r["sector"] for r in _table("evaluation", "gsr_sector_aliases.tsv")},
        )
    return _TABLES


def gsr_country(code: str) -> str | None:
    """The ISO3 country of a CAMEO actor code ("JAP" -> "JPN", "USAGOV" -> "USA", "IGO" -> None).

    Raises KeyError for a code whose first three letters are in neither table, so a new gold file with an
    unknown code is noticed instead of scored as "no country"."""
    return _tables().countries[code[:3].upper()]


def _sector(raw: Any) -> str | None:
    if not isinstance(raw, str) or not raw.strip() or raw.strip() == UNSPECIFIED_SECTOR:
        return None
    code = raw.strip()[:3].upper()
    return _tables().sectors.get(code, code)


# ---------------------------------------------------------------- gold file

@dataclass(frozen=True)
class GsrActor:
    text: str
    code: str
    country: str | None  # ISO3, None for IGOs, NGOs and other non-country codes
    sector: str | None


@dataclass(frozen=True)
class GsrRecord:
    id: str
    text: str
    event: str  # normalised to the current PLOVER type
    gold_event: str  # as written in the file
    sources: tuple[GsrActor, ...]
    targets: tuple[GsrActor, ...]
    cameo: str | None = None
    mode: str | None = None

    @property
    def source_countries(self) -> set[str]:
        return {a.country for a in self.sources if a.country}

    @property
    def source_sectors(self) -> set[str]:
        return {a.sector for a in self.sources if a.sector}

    @property
    def target_countries(self) -> set[str]:
        return {a.country for a in self.targets if a.country}


@dataclass(frozen=True)
class GsrGold:
    path: str
    records: tuple[GsrRecord, ...]
    warnings: tuple[str, ...] = ()  # oddities read past (a target given as a bare string ...)


def _json_error_where(path: Path, text: str, exc: json.JSONDecodeError) -> str:
    # Name the record the error is in: the last "id" before the error position.
    before = text[:exc.pos]
    marker = before.rfind('"id"')
    last_id = None
    if marker >= 0:
        try:
            last_id = json.loads(before[marker:].split(":", 1)[1].split(",", 1)[0].strip())
        except (ValueError, IndexError):
            last_id = None
    record = f", in or after record {last_id}" if isinstance(last_id, str) else ""
    return f"{path}:{exc.lineno}:{exc.colno}{record}"


def _actors(raw: Any, where: str, role: str, warnings: list[str]) -> tuple[GsrActor, ...]:
    if raw is None or raw == "":
        return ()
    if isinstance(raw, str):
        # One record (AGREE-0007) has target "diplomatic": a misplaced context, not an actor.
        warnings.append(f"{where}: {role} is the string {raw!r}, not a list of actors; read as no {role}")
        return ()
    if not isinstance(raw, list):
        raise MalformedRecord(f"'{role}' must be a list of actors, got {type(raw).__name__}", where=where)
    out = []
    for n, a in enumerate(raw):
        if not isinstance(a, dict) or not isinstance(a.get("code"), str) or not a["code"].strip():
            raise MalformedRecord(f"{role}[{n}] must be an object with a 'code'", where=where)
        code = a["code"].strip()
        try:
            country = gsr_country(code)
        except KeyError:
            raise MalformedRecord(f"{role}[{n}] has actor code {code!r}, which is neither an ISO3 country nor in "
                                  "data/evaluation/cameo_country_codes.tsv; add it there", where=where) from None
        out.append(GsrActor(text=str(a.get("actorText") or ""), code=code, country=country, sector=_sector(a.get("sector"))))
    return tuple(out)


def read_plover_gsr(path: str | Path) -> GsrGold:
    """Read and normalise the gold records (the DOCUMENT record skipped)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInput(f"cannot read gold file: {exc}", where=str(path)) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"not valid JSON: {exc.msg}", where=_json_error_where(path, text, exc)) from exc
    if not isinstance(data, list):
        raise MalformedRecord("expected a JSON list of records", where=str(path))
    event_types = _tables().event_types
    records: list[GsrRecord] = []
    warnings: list[str] = []
    for n, raw in enumerate(data):
        if not isinstance(raw, dict):
            raise MalformedRecord("record is not a JSON object", where=f"{path}: record {n}")
        where = f"{path}: record {n} ({raw.get('id', 'no id')})"
        if not isinstance(raw.get("id"), str) or not isinstance(raw.get("event"), str):
            raise MalformedRecord("record lacks a string 'id' or 'event'", where=where)
        if raw["event"] == "DOCUMENT":
            continue
        if not isinstance(raw.get("text"), str) or not raw["text"].strip():
            raise MalformedRecord("record lacks its 'text'", where=where)
        cameo = next((str(raw[k]) for k in CAMEO_KEYS if raw.get(k)), None)
        records.append(GsrRecord(
            id=raw["id"], text=raw["text"], event=event_types.get(raw["event"], raw["event"]), gold_event=raw["event"],
            sources=_actors(raw.get("source"), where, "source", warnings),
            targets=_actors(raw.get("target"), where, "target", warnings),
            cameo=cameo, mode=raw.get("mode") or None,
        ))
    return GsrGold(path=str(path), records=tuple(records), warnings=tuple(warnings))


# ---------------------------------------------------------------- scoring

@dataclass(frozen=True)
class RecordError:
    id: str
    error: str  # the exception's class name
    message: str


@dataclass(frozen=True)
class GsrRecordResult:
    id: str
    gold_event: str
    predicted_event: str | None
    gold_countries: frozenset[str]
    predicted_countries: frozenset[str]
    gold_recipients: frozenset[str]
    predicted_recipients: frozenset[str]
    error: str | None = None

    @property
    def correct(self) -> bool:
        return self.predicted_event == self.gold_event


@dataclass
class GsrResult:
    gold_path: str
    n: int = 0
    event_correct: int = 0
    cameo_n: int = 0  # records whose gold has a CAMEO code
    cameo_correct: int = 0
    actor_country: Score = field(default_factory=lambda: Score("actor country"))
    actor_sector: Score = field(default_factory=lambda: Score("actor sector"))
    recipient_country: Score = field(default_factory=lambda: Score("recipient country"))
    confusion: Counter = field(default_factory=Counter)  # (gold type, predicted type or "-") -> count
    errors: list[RecordError] = field(default_factory=list)
    records: list[GsrRecordResult] = field(default_factory=list)
    warnings: tuple[str, ...] = ()

    @property
    def event_accuracy(self) -> float | None:
        return self.event_correct / self.n if self.n else None

    @property
    def cameo_accuracy(self) -> float | None:
        return self.cameo_correct / self.cameo_n if self.cameo_n else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold_path, "n": self.n, "event_accuracy": self.event_accuracy,
            "cameo_n": self.cameo_n, "cameo_accuracy": self.cameo_accuracy,
            "scores": [s.to_dict() for s in (self.actor_country, self.actor_sector, self.recipient_country)],
            "confusion": [{"gold": g, "predicted": p, "count": c} for (g, p), c in sorted(self.confusion.items())],
            "errors": [vars(e) for e in self.errors], "warnings": list(self.warnings),
        }


def primary_event(events: list[dict]) -> dict | None:
    """The event a one-sentence record is about: the first asserted one, else the first of any status."""
    return next((e for e in events if e.get("status") == "asserted"), events[0] if events else None)


def _first_mention(event: dict) -> tuple | None:
    mentions = event.get("mentions") or []
    first = mentions[0] if mentions and isinstance(mentions[0], dict) else {}
    key = (first.get("start"), first.get("trigger"), first.get("rule"))
    return key if any(part is not None for part in key) else None


def primary_act(events: list[dict]) -> tuple[dict | None, list, list]:
    """The primary event, and the actors and recipients of it and of the other pairs of parties of its mention
    (stages/dyads.py writes "Peru and Chile accused each other" as two events of one mention)."""
    event = primary_event(events)
    if event is None:
        return None, [], []
    key = _first_mention(event)
    shares = [event] + [e for e in events if e is not event and key is not None and _first_mention(e) == key
                        and e.get("event") == event.get("event") and e.get("status") == event.get("status")]
    return (event, [a for e in shares for a in e.get("actors") or []],
            [r for e in shares for r in e.get("recipients") or []])


def _countries(actors: Any) -> frozenset[str]:
    return frozenset(a["country"] for a in actors or [] if isinstance(a, dict) and a.get("country"))


def _sectors(actors: Any) -> set[str]:
    return {a["sector"] for a in actors or [] if isinstance(a, dict) and a.get("sector")}


def _add_sets(score: Score, predicted: set | frozenset, gold: set | frozenset) -> None:
    score.add(tp=len(predicted & gold), fp=len(predicted - gold), fn=len(gold - predicted))


def evaluate_plover_gsr(gold_path: str | Path, code_sentence: Callable[[str], list[dict]], *,
                        limit: int | None = None) -> GsrResult:
    """Code each gold sentence with ``code_sentence`` (text -> predicted event dicts, all statuses) and score
    the primary event. A record whose call raises is counted as a miss and its error recorded."""
    gold = read_plover_gsr(gold_path)
    records = gold.records if limit is None else gold.records[:max(limit, 0)]
    logger.info("%s: scoring %d of %d gold records", gold.path, len(records), len(gold.records))
    result = GsrResult(gold_path=gold.path, warnings=gold.warnings)
    for rec in records:
        error = None
        try:
            events = code_sentence(rec.text)
            if not isinstance(events, list):
                raise TypeError(f"the coder returned {type(events).__name__}, expected a list of event dicts")
        except Exception as exc:  # one bad record must not stop a corpus run; it is recorded and reported
            events, error = [], f"{type(exc).__name__}: {exc}"
            result.errors.append(RecordError(rec.id, type(exc).__name__, str(exc)))
            logger.debug("record %s failed; scored as no event", rec.id, exc_info=exc)
        event, actors, recipients = primary_act(events)
        predicted_type = event.get("event") if event else None
        result.n += 1
        result.event_correct += predicted_type == rec.event
        result.confusion[(rec.event, predicted_type or NO_EVENT)] += 1
        if rec.cameo:
            result.cameo_n += 1
            result.cameo_correct += bool(event) and str(event.get("cameo") or "")[:2] == rec.cameo[:2]
        _add_sets(result.actor_country, _countries(actors), rec.source_countries)
        if rec.source_sectors:
            _add_sets(result.actor_sector, _sectors(actors), rec.source_sectors)
        _add_sets(result.recipient_country, _countries(recipients), rec.target_countries)
        result.records.append(GsrRecordResult(
            id=rec.id, gold_event=rec.event, predicted_event=predicted_type,
            gold_countries=frozenset(rec.source_countries), predicted_countries=_countries(actors),
            gold_recipients=frozenset(rec.target_countries), predicted_recipients=_countries(recipients),
            error=error))
    return result


def format_gsr_report(result: GsrResult) -> str:
    """A plain-text report: accuracies, the P/R/F1 table, the confusion per gold type, errors."""
    lines = [f"PLOVER GSR evaluation against {result.gold_path}: {result.n} records, {len(result.errors)} coder errors",
             "", f"{'metric':<18} {'n':>5} {'acc':>6}",
             f"{'event type':<18} {result.n:>5} {fmt(result.event_accuracy):>6}",
             f"{'CAMEO root':<18} {result.cameo_n:>5} {fmt(result.cameo_accuracy):>6}"
             + ("   (the gold carries no CAMEO codes)" if not result.cameo_n else ""),
             "", f"{'field':<18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for s in (result.actor_country, result.actor_sector, result.recipient_country):
        lines.append(f"{s.field:<18} {fmt(s.precision):>6} {fmt(s.recall):>6} {fmt(s.f1):>6} "
                     f"{s.tp:>5} {s.fp:>5} {s.fn:>5}")
    lines += ["", f"Confusion (gold type: n, correct, predicted as; '{NO_EVENT}' = no event):"]
    for gold_type in sorted({g for g, _ in result.confusion}):
        row = {p: c for (g, p), c in result.confusion.items() if g == gold_type}
        n = sum(row.values())
        spread = ", ".join(f"{p} {c}" for p, c in sorted(row.items(), key=lambda pc: (-pc[1], pc[0])))
        lines.append(f"  {gold_type:<10} {n:>4} {row.get(gold_type, 0):>4}   {spread}")
    if result.errors:
        lines += ["", f"Coder errors ({len(result.errors)}):"]
        lines += [f"  {e.id}: {e.error}: {e.message}" for e in result.errors]
    if result.warnings:
        lines += ["", "Gold file notes:"] + [f"  {w}" for w in result.warnings]
    return "\n".join(lines)
