"""Coding throughput against a bare spaCy parse of the same articles (goal: ratio >= 0.8, peak RSS <= 1.5 GB).

    .venv/bin/python bench/bench_code.py [--limit N] [--batch-size B] [--n-process N] [--repeat R] [--json]

The corpus is every article text in ../shared/data/geo/*.xml (GeoWebNews, TR-News, LGL; 816 articles), read with
``flashpoint.evaluation.geo.read_gold``. In one process, on the same texts and with the same batch size and worker
count, it times:

* (a) the bare parse: ``spacy.load(spacy_model)`` then ``list(nlp.pipe(texts, ...))``;
* (b) Flashpoint: ``Coder().code_many(articles, ...)`` consumed to the end (parse, geoparse, mentions, merge),
  with the events and the failed articles counted;

and reports (b)/(a) in articles/s. Loading the model, the dictionaries and the gazetteer is timed separately and
kept out of both rates; each side is warmed up on a few articles first. With ``--repeat R`` the two are run R times,
interleaved, and the best run of each is kept. Peak RSS is ``ru_maxrss`` of this process (both pipelines are
loaded in it) plus the largest worker's when ``--n-process`` > 1; where Linux allows it, the Flashpoint side's own
peak is also measured, by resetting the high-water mark before the coder is loaded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "geo"
PUBLISHED = dt.date(2019, 6, 1)  # the corpora's dates are not kept by the reader; only anchors relative dates
WARMUP = 8
GOAL_RATIO = 0.8
GOAL_RSS_MB = 1536.0


def read_corpus(folder: Path) -> list[tuple[str, str]]:
    """(file name, article text) for every article of every gold XML file in ``folder``."""
    from flashpoint.evaluation.geo import read_gold

    files = sorted(folder.glob("*.xml")) if folder.is_dir() else []
    if not files:
        sys.exit(f"bench_code: no corpus at {folder.resolve()} (expected gwn_dev.xml, trnews_dev.xml, lgl.xml); "
                 "the benchmark reads the shared data checkout next to the repository, pass --data to point "
                 "elsewhere")
    return [(f.name, a.text) for f in files for a in read_gold(f)]


def rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def reset_peak() -> bool:
    """Reset this process's RSS high-water mark (Linux >= 4.0); False where that is not allowed."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def run_parse(nlp, texts: list[str], *, batch_size: int, n_process: int) -> float:
    t = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
    elapsed = time.perf_counter() - t
    assert len(docs) == len(texts)
    return elapsed


def run_code(coder, articles: list, *, batch_size: int, n_process: int) -> tuple[float, int, int, int]:
    """Seconds, articles, events and failures of one pass of ``code_many`` over ``articles``."""
    n = events = failures = 0
    t = time.perf_counter()
    for result in coder.code_many(articles, batch_size=batch_size, n_process=n_process):
        n += 1
        events += len(result.events)
        failures += result.error is not None
    return time.perf_counter() - t, n, events, failures


def bench(args: argparse.Namespace) -> dict:
    import spacy

    from flashpoint.coder import Coder
    from flashpoint.model import Article
    from flashpoint.settings import get_setting

    batch_size = args.batch_size or int(get_setting("batch_size"))
    n_process = args.n_process or int(get_setting("n_process"))
    corpus = read_corpus(Path(args.data))[: args.limit]
    texts = [text for _, text in corpus]
    articles = [Article.from_text(text, published=PUBLISHED) for text in texts]
    warm_texts = texts[:WARMUP]
    base_rss = rss_mb(resource.RUSAGE_SELF)

    t = time.perf_counter()
    nlp = spacy.load(get_setting("spacy_model"))
    spacy_load_s = time.perf_counter() - t
    run_parse(nlp, warm_texts, batch_size=batch_size, n_process=n_process)
    spacy_rss = rss_mb(resource.RUSAGE_SELF)

    own_peak = reset_peak()
    t = time.perf_counter()
    coder = Coder()
    coder_load_s = time.perf_counter() - t
    run_code(coder, articles[:WARMUP], batch_size=batch_size, n_process=n_process)

    parse_runs, code_runs = [], []
    for _ in range(args.repeat):
        parse_runs.append(run_parse(nlp, texts, batch_size=batch_size, n_process=n_process))
        gc.collect()
        code_runs.append(run_code(coder, articles, batch_size=batch_size, n_process=n_process))
        gc.collect()
    parse_s = min(parse_runs)
    code_s, coded, events, failures = min(code_runs)
    assert coded == len(articles)

    peak_self = rss_mb(resource.RUSAGE_SELF)
    peak_children = rss_mb(resource.RUSAGE_CHILDREN) if n_process > 1 else 0.0
    peak = max(peak_self, spacy_rss) + peak_children
    parse_rate, code_rate = len(texts) / parse_s, len(articles) / code_s
    ratio = code_rate / parse_rate
    return {
        "corpus": {name: sum(1 for f, _ in corpus if f == name) for name in dict.fromkeys(f for f, _ in corpus)},
        "articles": len(texts),
        "characters": sum(map(len, texts)),
        "spacy_model": get_setting("spacy_model"),
        "batch_size": batch_size,
        "n_process": n_process,
        "repeat": args.repeat,
        "load_s": {"spacy": round(spacy_load_s, 3), "coder": round(coder_load_s, 3)},
        "spacy": {"seconds": round(parse_s, 3), "articles_per_s": round(parse_rate, 2)},
        "flashpoint": {"seconds": round(code_s, 3), "articles_per_s": round(code_rate, 2), "events": events,
                       "failures": failures, "coder": coder.name},
        "ratio": round(ratio, 3),
        "ratio_goal": GOAL_RATIO,
        "ratio_ok": ratio >= GOAL_RATIO,
        "peak_rss_mb": round(peak, 1),
        "peak_rss_parts_mb": {"start": round(base_rss, 1), "after_spacy": round(spacy_rss, 1),
                              "self": round(max(peak_self, spacy_rss), 1), "children": round(peak_children, 1),
                              # peak of the process from the coder's load on (the bare pipeline already resident)
                              "flashpoint_stage": round(peak_self, 1) if own_peak else None},
        "peak_rss_goal_mb": GOAL_RSS_MB,
        "peak_rss_ok": peak <= GOAL_RSS_MB,
    }


def format_table(r: dict) -> str:
    ok = {True: "ok", False: "BELOW GOAL"}
    corpus = ", ".join(f"{k} {v}" for k, v in r["corpus"].items())
    rows = [
        ("spaCy parse (a)", f"{r['spacy']['articles_per_s']:.1f}", f"{r['spacy']['seconds']:.2f}",
         f"{r['load_s']['spacy']:.2f}", ""),
        ("Flashpoint (b)", f"{r['flashpoint']['articles_per_s']:.1f}", f"{r['flashpoint']['seconds']:.2f}",
         f"{r['load_s']['coder']:.2f}",
         f"{r['flashpoint']['events']} events, {r['flashpoint']['failures']} failures"),
    ]
    head = ("", "articles/s", "run s", "load s", "")
    widths = [max(len(row[i]) for row in rows + [head]) for i in range(4)]
    fmt = lambda row: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))) \
        + ("  " + row[4] if row[4] else "")
    parts = r["peak_rss_parts_mb"]
    stage = f", Flashpoint stage {parts['flashpoint_stage']:.0f} MB" if parts["flashpoint_stage"] else ""
    lines = [
        f"{r['articles']} articles ({corpus}; {r['characters']:,} chars), model {r['spacy_model']}, "
        f"batch_size {r['batch_size']}, n_process {r['n_process']}, best of {r['repeat']}",
        fmt(head), *(fmt(row) for row in rows),
        f"ratio (b)/(a): {r['ratio']:.2f} (goal >= {r['ratio_goal']}) {ok[r['ratio_ok']]}",
        f"peak RSS: {r['peak_rss_mb']:.0f} MB (goal <= {r['peak_rss_goal_mb']:.0f} MB) {ok[r['peak_rss_ok']]}"
        f"  [spaCy alone {parts['after_spacy']:.0f} MB{stage}, workers {parts['children']:.0f} MB]",
    ]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(DATA), help="folder of gold XML files (default: ../shared/data/geo)")
    ap.add_argument("--limit", type=int, default=None, help="code only the first N articles")
    ap.add_argument("--batch-size", type=int, default=None, help="nlp.pipe batch size (default: batch_size setting)")
    ap.add_argument("--n-process", type=int, default=None, help="worker processes (default: n_process setting)")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs of each side; the best is kept")
    ap.add_argument("--json", action="store_true", help="print the result as JSON instead of a table")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    result = bench(args)
    print(json.dumps(result, indent=2) if args.json else format_table(result))


if __name__ == "__main__":
    main()
