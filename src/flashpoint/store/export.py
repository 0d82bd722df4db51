"""Exports: Parquet and CSV of events and mentions, and GDELT 2.0- and POLECAT-shaped tables.

``parquet`` / ``csv``
    A folder with ``events.<ext>`` (one row per merged event; actor and recipient codes as lists) and
    ``mentions.<ext>`` (one row per mention, with its ``event_id``). Written by DuckDB (no pyarrow needed).
``gdelt``
    One tab-separated file with a header row of the 61 GDELT 2.0 event-table columns. Conventions: one row per
    event, Actor1 = the first actor, Actor2 = the first recipient (PLOVER keeps lists; GDELT is dyadic);
    ``*CountryCode`` are ISO 3166-1 alpha-3 for actors (as CAMEO actor codes are) and the gazetteer's country
    code for places, ``ADM1Code`` is ISO 3166-2 (GDELT writes FIPS 10-4: join on names or convert), ``Geo_Type``
    1 = country, 5 = first-order division, 4 = a place in it; ``AvgTone`` is empty; ``GLOBALEVENTID`` is the
    Flashpoint event id (a string, not GDELT's integer).
``polecat``
    One tab-separated file with POLECAT's column names: one row per event; several actors or recipients are
    joined with ``;`` as POLECAT does; ``Event Intensity`` is the event's Goldstein weight (Flashpoint does not
    yet score PLOVER intensity); ``Quad Code`` is 1-4.

Every value goes to DuckDB as a parameter or is written by Python's ``csv``; output paths are passed as
arguments to DuckDB's writers, never put into SQL text.

Each file is written whole or not at all (:func:`flashpoint.outputs.output_file`: a temporary file in the same
folder, renamed when complete), into a folder that must exist (the parquet/csv folder itself is made when
missing). A path that cannot be written is a :class:`~flashpoint.errors.SettingError` naming it: a missing or
read-only folder, a folder where a file is expected (or a file where the folder is), a full disk.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from ..errors import SettingError
from ..outputs import output_file, output_folder
from .db import Store

__all__ = ["EXPORT_FORMATS", "GDELT_COLUMNS", "POLECAT_COLUMNS", "export"]

EXPORT_FORMATS = ("parquet", "csv", "gdelt", "polecat")

logger = logging.getLogger(__name__)

EVENTS_SQL = """
SELECT e.id, e.date, e.date_precision, e.event, e.mode, e.context, e.cameo, e.quad, e.goldstein, e.status,
       (SELECT list(a.code ORDER BY a.position) FROM event_actors a WHERE a.event_id = e.id AND a.role = 'actor')
           AS actors,
       (SELECT list(a.code ORDER BY a.position) FROM event_actors a
           WHERE a.event_id = e.id AND a.role = 'recipient') AS recipients,
       p.name AS place, p.geonames_id, p.country, p.admin1, p.lat, p.lon, p.precision AS place_precision,
       e.num_mentions, e.num_articles, e.num_sources,
       (SELECT list(DISTINCT l.responds_to) FROM event_links l WHERE l.event_id = e.id) AS responds_to,
       e.coder, e.dictionary_version
FROM events e LEFT JOIN places p ON p.id = e.place_id
ORDER BY e.date NULLS LAST, e.id
"""

MENTIONS_SQL = """
SELECT m.id, u.event_id, m.article_event_id, m.article_id, a.source, a.url, a.published, m.sentence,
       m."start", m."end", m.trigger, m.rule, m.event, m.mode, m.cameo, m.status, m.date, m.date_precision,
       m.date_text
FROM mentions m JOIN articles a ON a.id = m.article_id
LEFT JOIN article_events u ON u.id = m.article_event_id
ORDER BY m.article_id, m.position
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

POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version", "Headline", "Sentence Number", "Event Text", "Event Anchor",
    "Story ID", "Number of Mentions", "Number of Articles", "Number of Sources",
)


def export(store: Store, fmt: str, path: str | Path) -> list[Path]:
    """Write ``fmt`` to ``path`` (a folder for parquet/csv, a file for gdelt/polecat); returns the files.

    Raises :class:`SettingError` naming the path when it cannot be written; no partial file is left."""
    path = Path(path)
    logger.info("exporting %s from %s to %s", fmt, store.path, path)
    if fmt in ("parquet", "csv"):
        folder = output_folder(path)
        written = []
        for name, sql in (("events", EVENTS_SQL), ("mentions", MENTIONS_SQL)):
            target = folder / f"{name}.{fmt}"
            with output_file(target) as temporary:
                relation = store.con.cursor().sql(sql)
                try:
                    if fmt == "parquet":
                        relation.write_parquet(str(temporary))
                    else:
                        relation.write_csv(str(temporary), header=True)
                except duckdb.IOException as exc:  # DuckDB's own writer: a full disk is its IO error, not OSError
                    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                    raise SettingError(f"cannot be written ({first}); expected a writable folder with free space",
                                       where=str(target)) from exc
            written.append(target)
        return written
    if fmt == "gdelt":
        rows = (_gdelt_row(e, extra) for e, extra in _events_with_articles(store))
        return [_write_tsv(path, GDELT_COLUMNS, rows)]
    if fmt == "polecat":
        rows = (_polecat_row(e, extra) for e, extra in _events_with_articles(store))
        return [_write_tsv(path, POLECAT_COLUMNS, rows)]
    raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")


def _events_with_articles(store: Store) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    from .db import EventQuery

    events = store.events(EventQuery(include_all=True))
    out = []
    for event in events:
        first = event["mentions"][0] if event["mentions"] else None
        article = None
        if first is not None:
            article = store.con.execute("SELECT url, source, published, title, ingested_at FROM articles "
                                        "WHERE id = ?", [first["article_id"]]).fetchone()
        extra = dict(zip(("url", "source", "published", "title", "ingested_at"), article or (None,) * 5))
        out.append((event, extra))
    return out


def _write_tsv(path: Path, columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> Path:
    """``rows`` are drawn only once the path is known to be writable (no store read for a path that is not)."""
    with output_file(path) as temporary, open(temporary, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else row[c] for c in columns])
    return path


def _geo_type(place: dict[str, Any] | None) -> int | None:
    if place is None:
        return None
    return {"country": 1, "admin1": 5}.get(place.get("precision") or "", 4)


def _gdelt_row(event: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {"GLOBALEVENTID": event["id"], "IsRootEvent": 1}
    if event["date"]:
        day = dt.date.fromisoformat(event["date"])
        row.update(SQLDATE=day.strftime("%Y%m%d"), MonthYear=day.strftime("%Y%m"), Year=day.year,
                   FractionDate=round(day.year + (day.timetuple().tm_yday - 1) / 365, 4))
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
    row.update(EventCode=cameo, EventBaseCode=cameo[:3], EventRootCode=cameo[:2], QuadClass=event["quad"],
               GoldsteinScale=event["goldstein"], NumMentions=event["num_mentions"],
               NumSources=event["num_sources"], NumArticles=event["num_articles"])
    place = event["location"]
    if place:
        row.update(ActionGeo_Type=_geo_type(place), ActionGeo_FullName=place["name"],
                   ActionGeo_CountryCode=place["country"], ActionGeo_ADM1Code=place["admin1"],
                   ActionGeo_Lat=place["lat"], ActionGeo_Long=place["lon"], ActionGeo_FeatureID=place["geonames_id"])
    added = extra.get("ingested_at")
    row["DATEADDED"] = added.strftime("%Y%m%d%H%M%S") if added else None
    row["SOURCEURL"] = extra.get("url")
    return row


def _join(values: list[Any]) -> str | None:
    kept = [str(v) for v in values if v]
    return ";".join(kept) if kept else None


def _polecat_row(event: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
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
    first = event["mentions"][0] if event["mentions"] else {}
    published = extra.get("published")
    row.update({"Source": extra.get("source"), "Publication Date": published.isoformat() if published else None,
                "Language": "en", "Version": event["coder"], "Headline": extra.get("title"),
                "Event Text": first.get("sentence"), "Event Anchor": first.get("trigger"),
                "Story ID": first.get("article_id"), "Number of Mentions": event["num_mentions"],
                "Number of Articles": event["num_articles"], "Number of Sources": event["num_sources"]})
    return row
