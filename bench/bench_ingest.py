"""Ingest throughput against a bare spaCy parse of the same articles (goal: ratio >= 0.8), measured in one run.

    .venv/bin/python bench/bench_ingest.py [--limit N] [--n-process 2] [--batch-size 48] [--json]

The corpus is every article text in ../shared/data/geo/*.xml (816 news articles; ``bench_code.read_corpus``).
In one process, on the same texts, it times:

* (a) the bare parse: ``spacy.load(spacy_model)`` then ``list(nlp.pipe(texts, batch_size=B))`` in one process,
  warmed up first, loading kept out;
* (b) ``flashpoint ingest corpus.jsonl --db fresh.duckdb --n-process N --batch-size B -v`` as a real process,
  into a new database: read, code, classify, write and merge every article. Its rate is taken from the moment
  its first batch is stored to its end (``-v`` prints a line per stored article as its batch is written), so
  loading the model, dictionaries and gazetteer is kept out as for (a); the whole command's wall time is
  reported too.

It reports (b)/(a) in articles/s. The default ``--n-process 2`` parses in two worker processes while the main
process codes and writes: both cores of a small machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_code import DATA, WARMUP, read_corpus  # noqa: E402

GOAL_RATIO = 0.8
PUBLISHED = dt.date(2019, 6, 1)  # anchors relative dates only; the corpora's own dates are not kept


def bare_parse(texts: list[str], *, batch_size: int) -> float:
    """Articles per second of the model alone, in one process (loading kept out)."""
    import spacy

    from flashpoint.settings import get_setting

    nlp = spacy.load(get_setting("spacy_model"))
    list(nlp.pipe(texts[:WARMUP], batch_size=batch_size))
    t = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    elapsed = time.perf_counter() - t
    assert len(docs) == len(texts)
    return len(texts) / elapsed


def ingest(texts: list[str], *, batch_size: int, n_process: int, folder: Path) -> dict:
    """Articles per second of `flashpoint ingest` from its first stored batch to its end, and its totals."""
    corpus = folder / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for i, text in enumerate(texts):
            out.write(json.dumps({"id": f"bench-{i}", "text": text, "published": PUBLISHED.isoformat()}) + "\n")
    exe = Path(sys.executable).with_name("flashpoint")
    command = [str(exe), "ingest", str(corpus), "--db", str(folder / "bench.duckdb"), "--batch-size",
               str(batch_size), "--n-process", str(n_process), "-v"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    first_at, first_count, stored, summary = None, 0, 0, ""
    for line in process.stderr:
        if line.startswith("stored "):
            stored += 1
            if first_at is None:
                first_at = time.perf_counter()
            if time.perf_counter() - first_at < 0.5:
                first_count = stored  # the first batch's lines arrive together
        elif line.startswith("coded "):
            summary = line.strip()
    process.wait()
    ended = time.perf_counter()
    if process.returncode not in (0, 3) or first_at is None:
        sys.exit(f"bench_ingest: ingest failed ({process.returncode}): {summary}")
    return {"stored": stored, "rate": (stored - first_count) / (ended - first_at), "wall_s": ended - started,
            "summary": summary}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--batch-size", type=int, default=48)
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    texts = [text for _, text in read_corpus(args.data)][: args.limit]
    parse_rate = bare_parse(texts, batch_size=args.batch_size)
    with tempfile.TemporaryDirectory() as tmp:
        got = ingest(texts, batch_size=args.batch_size, n_process=args.n_process, folder=Path(tmp))
    result = {"articles": len(texts), "bare_parse_per_s": round(parse_rate, 2), "ingest_per_s": round(got["rate"], 2),
              "ratio": round(got["rate"] / parse_rate, 3), "goal": GOAL_RATIO, "ingest_wall_s": round(got["wall_s"], 1),
              "n_process": args.n_process, "batch_size": args.batch_size, "ingest_summary": got["summary"]}
    if args.json:
        print(json.dumps(result))
        return
    print(f"{len(texts)} articles: bare parse {parse_rate:.1f}/s (1 process); ingest {got['rate']:.1f}/s "
          f"(--n-process {args.n_process}, after its first batch; whole command {got['wall_s']:.0f} s)")
    print(f"ratio {result['ratio']:.2f} (goal >= {GOAL_RATIO})   {got['summary']}")


if __name__ == "__main__":
    main()
