"""The Spark path's throughput: local[1] against local[2] (goal: ratio >= 1.8), and against the in-process coder.

    .venv/bin/python bench/bench_spark.py [--limit N] [--json]          # make bench-spark

The corpus is every article text in ../shared/data/geo/*.xml (816 news articles; ``bench_code.read_corpus``),
written as one JSONL file. In one run, on the same articles, it times:

* (a) in process: ``Coder().code_many(articles)`` in one process (``n_process`` 1), loading kept out;
* (a2) the same in two processes at once, each coding half (started together once both have loaded): what this
  machine gives two independent coders, the ceiling of any 2-core speed-up here;
* (b) ``flashpoint.spark.code.code_corpus`` on ``local[1]`` and (c) on ``local[2]``: read the JSONL, set aside
  repeats, code in the executors' Python workers, write every Parquet table. Spark's startup is kept out and
  reported apart: starting the session (the JVM), and a warm-up job that builds one Coder in each Python worker
  (each worker loads the spaCy pipeline, dictionaries and gazetteer once, then keeps them). Each job is reported
  whole (articles / its seconds) and for its coding stage alone (the job's ``seconds["code"]``);
* (d) ``flashpoint.spark.merge.merge_coded`` on (c)'s output, on ``local[2]``.

It reports articles/s of each, (c)/(b) for the coding stage and the whole job (how the job scales with cores),
(a2)/(a) (how the machine scales), and Spark against (a).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_code import DATA, WARMUP, read_corpus  # noqa: E402

GOAL_RATIO = 1.8
PUBLISHED = dt.date(2019, 6, 1)  # anchors relative dates only; the corpora's own dates are not kept


def in_process(texts: list[str]) -> float:
    """Articles per second of the Coder in one process (loading and a warm-up kept out)."""
    from flashpoint.coder import Coder
    from flashpoint.model import Article

    coder = Coder()
    articles = [Article.from_text(text, id=f"bench-{i}", published=PUBLISHED) for i, text in enumerate(texts)]
    list(coder.code_many(articles[:WARMUP], n_process=1))
    started = time.perf_counter()
    done = sum(1 for _ in coder.code_many(articles, n_process=1))
    return done / (time.perf_counter() - started)


def _half(texts: list[str], barrier, out) -> None:
    """One of (a2)'s two processes: load, wait for the other, code, report seconds."""
    from flashpoint.coder import Coder
    from flashpoint.model import Article

    coder = Coder()
    articles = [Article.from_text(text, id=f"bench-{i}", published=PUBLISHED) for i, text in enumerate(texts)]
    list(coder.code_many(articles[:WARMUP], n_process=1))
    barrier.wait()
    started = time.perf_counter()
    sum(1 for _ in coder.code_many(articles, n_process=1))
    out.put(time.perf_counter() - started)


def two_processes(texts: list[str]) -> float:
    """Articles per second of two independent coders at once, each with half the articles (a2)."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    barrier, out = context.Barrier(2), context.Queue()
    middle = len(texts) // 2
    workers = [context.Process(target=_half, args=(part, barrier, out)) for part in (texts[:middle], texts[middle:])]
    for worker in workers:
        worker.start()
    seconds = max(out.get() for _ in workers)
    for worker in workers:
        worker.join()
    return len(texts) / seconds


def on_spark(corpus: Path, cores: int, folder: Path, *, merge: bool) -> dict:
    """Startup (session, then one Coder per worker) and the articles/s of ``spark code`` on ``local[cores]``."""
    from flashpoint.spark.code import CODED_SCHEMA, code_corpus, code_partition, coder_settings
    from flashpoint.spark.merge import merge_coded
    from flashpoint.spark.session import quiet_pandas_warning, spark_session

    started = time.perf_counter()
    with spark_session(f"local[{cores}]", app_name=f"bench local[{cores}]") as spark:
        session_s = time.perf_counter() - started
        started = time.perf_counter()
        warm = spark.createDataFrame([(f"w{i}", "Pakistan struck militants in Iran.", PUBLISHED, None, None, None,
                                       None, f"w{i}") for i in range(cores)],
                                     "id STRING, text STRING, published DATE, url STRING, source STRING, "
                                     "title STRING, origin STRING, content_hash STRING").repartition(cores)
        with quiet_pandas_warning():
            warm.mapInPandas(functools.partial(code_partition, settings=coder_settings()), CODED_SCHEMA).count()
        warm_s = time.perf_counter() - started
        started = time.perf_counter()
        summary = code_corpus(spark, str(corpus), str(folder / f"coded{cores}"))
        code_s = time.perf_counter() - started
        result = {"cores": cores, "session_s": round(session_s, 1), "warmup_s": round(warm_s, 1),
                  "job_s": round(code_s, 1), "coded": summary.coded, "per_s": summary.coded / code_s,
                  "stages_s": {k: round(v, 1) for k, v in summary.seconds.items()},
                  "coding_per_s": summary.coded / summary.seconds["code"]}
        if merge:
            started = time.perf_counter()
            merged = merge_coded(spark, str(folder / f"coded{cores}"), str(folder / f"merged{cores}"))
            result.update(merge_s=round(time.perf_counter() - started, 1), units=merged["units"],
                          events=merged["events"])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    texts = [text for _, text in read_corpus(args.data)][: args.limit]
    single = in_process(texts)
    double = two_processes(texts)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        corpus.write_text("".join(json.dumps({"id": f"bench-{i}", "text": text, "published": PUBLISHED.isoformat()})
                                  + "\n" for i, text in enumerate(texts)), encoding="utf-8")
        one = on_spark(corpus, 1, folder, merge=False)
        two = on_spark(corpus, 2, folder, merge=True)
    result = {"articles": len(texts), "in_process_per_s": round(single, 2), "two_processes_per_s": round(double, 2),
              "machine_ratio": round(double / single, 3),
              "local1_coding_per_s": round(one["coding_per_s"], 2),
              "local2_coding_per_s": round(two["coding_per_s"], 2),
              "ratio_2_to_1": round(two["coding_per_s"] / one["coding_per_s"], 3), "goal": GOAL_RATIO,
              "local1_job_per_s": round(one["per_s"], 2), "local2_job_per_s": round(two["per_s"], 2),
              "job_ratio_2_to_1": round(two["per_s"] / one["per_s"], 3),
              "local1_vs_in_process": round(one["coding_per_s"] / single, 3),
              "local2_vs_two_processes": round(two["coding_per_s"] / double, 3),
              "local1": one, "local2": two}
    if args.json:
        print(json.dumps(result))
        return
    print(f"{len(texts)} articles. In process: {single:.1f}/s in one process, {double:.1f}/s in two at once "
          f"(this machine's 2-core ratio {result['machine_ratio']:.2f})")
    print(f"spark code, coding stage: local[1] {one['coding_per_s']:.1f}/s, local[2] {two['coding_per_s']:.1f}/s: "
          f"ratio {result['ratio_2_to_1']:.2f} (goal >= {GOAL_RATIO}); against in process: local[1] "
          f"{result['local1_vs_in_process']:.2f} of one process, local[2] {result['local2_vs_two_processes']:.2f} "
          "of two")
    print(f"spark code, whole job (read, code, write): local[1] {one['per_s']:.1f}/s, local[2] {two['per_s']:.1f}/s: "
          f"ratio {result['job_ratio_2_to_1']:.2f}")
    for run in (one, two):
        print(f"local[{run['cores']}]: startup {run['session_s']} s (session) + {run['warmup_s']} s (one Coder per "
              f"worker), apart; job {run['job_s']} s for {run['coded']} articles {run['stages_s']}")
    print(f"spark merge local[2]: {two['units']} article events -> {two['events']} events in {two['merge_s']} s")


if __name__ == "__main__":
    main()
