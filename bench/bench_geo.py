"""Geoparsing cost against the spaCy parse of the same articles (target: at most +15%).

    .venv/bin/python bench/bench_geo.py [GOLD.xml] [--limit N]

Parses the articles once (timed), then geoparses the parsed docs (timed), with the gazetteer already loaded; also
reports the gazetteer's load time (from the cache file, and cold when ``--cold``) and the process's peak memory.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "geo" / "trnews_dev.xml"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cold", action="store_true", help="build the gazetteer from the package tables, not the cache")
    args = ap.parse_args()

    from flashpoint.evaluation.geo import load_pipeline, read_gold
    from flashpoint.places import gazetteer as gz
    from flashpoint.places import geoparse

    t = time.perf_counter()
    gaz = gz.build_gazetteer() if args.cold else gz.load_gazetteer()
    load_s = time.perf_counter() - t
    texts = [a.text for a in read_gold(args.gold)][: args.limit]
    nlp = load_pipeline()
    t = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse_s = time.perf_counter() - t
    t = time.perf_counter()
    n = sum(len(geoparse(d, gazetteer=gaz)) for d in docs)
    geo_s = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(texts)} articles, {sum(len(d) for d in docs)} tokens, {n} toponyms")
    print(f"gazetteer load {'(cold build)' if args.cold else '(cache)'}: {load_s:.2f} s")
    print(f"spaCy parse: {parse_s:.2f} s   geoparse: {geo_s:.2f} s   overhead: {geo_s / parse_s:.1%} (target <= 15%)")
    print(f"peak RSS: {peak:.0f} MB (gazetteer + spaCy model)")


if __name__ == "__main__":
    main()
