"""``flashpoint spark code``: a corpus -> article-level events and mentions, as Parquet, on Spark.

The work per article is the one of ``flashpoint ingest``: :meth:`flashpoint.coder.Coder.code_many` codes it and
:func:`flashpoint.store.db.article_rows` makes its rows. Each Python worker builds one :class:`Coder` the first
time it is asked (spaCy pipeline, dictionaries, gazetteer: seconds) and keeps it for every later task (Spark
reuses its Python workers), so a pipeline is loaded once per worker process, not per partition.

Which articles are kept is decided as ``ingest`` decides it for one run over the same input, with the input's
order (file, then line) standing for reading order: a repeat of an article already read (same id, same text)
is skipped; a new text under an id, or at a URL, already read replaces the earlier one (the last version is
kept, the others are ``superseded`` revisions); the text of an article already read under another id is a
``duplicate`` of the first. These are window functions over the articles' keys (id, text hash, URL, position):
no step holds more than the versions of one article.

The settings the coder reads (``CODER_SETTINGS``) are taken from the driver and set in each worker before its
Coder is built, so executors with another environment or configuration file code as the driver would.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import os
import time
from dataclasses import dataclass
from typing import Any, Iterator

from ..store.db import MENTION_COLUMNS, PLACE_COLUMNS, UNIT_COLUMNS, article_rows
from .layout import (ARTICLE_COLUMNS, FAILURE_COLUMNS, LINK_COLUMNS, MANIFEST, PARTITION, PARTITIONED,
                     SUPERSEDED_COLUMNS, UNDATED, ddl, table_path)

__all__ = ["CODER_SETTINGS", "CodeSummary", "code_corpus", "code_partition"]

CODER_SETTINGS = ("spacy_model", "dictionaries", "anaphora_window", "undated_precision", "max_article_chars",
                  "batch_size")
# Partitions to code: up to 8 per core, so that a partition of long articles does not leave the other cores idle
# at the end, but at least MIN_PARTITION_ARTICLES each (nlp.pipe parses in batches of batch_size, 48, and each
# task pays a fixed cost to reach its worker: a task of a few articles codes them more slowly), at most
# MAX_PARTITION_ARTICLES each (a failed task repeats little work), and a multiple of the cores (no last wave with
# one core busy)
PARTITIONS_PER_CORE = 8
MIN_PARTITION_ARTICLES = 64
MAX_PARTITION_ARTICLES = 2000

_CODER: Any = None  # this Python worker's Coder, built on first use (module docstring)


@dataclass
class CodeSummary:
    """What one ``spark code`` run did."""

    output: str
    read: int  # article rows read (before duplicates and revisions are set aside)
    coded: int
    events: int
    mentions: int
    failed: int
    duplicates: int
    revisions: int
    repeats: int  # rows that repeat an article already read, with the same text (skipped, as "seen")
    failures: list[tuple[str, str, str]]  # (origin, code, message) of the first few failures
    seconds: dict[str, float]  # read (parse, set aside repeats), code (the Coders' work), write (every table)


def _coder(settings: dict[str, str]) -> Any:
    global _CODER
    if _CODER is None:
        for name, value in settings.items():
            os.environ[name] = value
        from ..coder import Coder

        _CODER = Coder()
    return _CODER


def coder_settings() -> dict[str, str]:
    """The driver's values of the settings the coder reads, as the environment variables that set them."""
    from ..settings import resolve

    found = {}
    for name in CODER_SETTINGS:
        row = resolve(name)
        if row.source != "default" and row.error is None:
            value = row.value
            found[row.setting.env] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return found


_STRUCTS = {"units": UNIT_COLUMNS, "mentions": MENTION_COLUMNS, "links": LINK_COLUMNS, "places": PLACE_COLUMNS}
CODED_SCHEMA = ", ".join([ddl(ARTICLE_COLUMNS), f"`{PARTITION}` STRING",
                          *(f"`{name}` ARRAY<STRUCT<{ddl(columns).replace('` ', '`: ')}>>"
                            for name, columns in _STRUCTS.items()),
                          "error_code STRING", "error_message STRING"])


def code_partition(batches: Iterator[Any], *, settings: dict[str, str]) -> Iterator[Any]:
    """mapInPandas: article rows -> one row per article with its events, mentions, links and places (or the
    error that stopped it), coded by this worker's Coder."""
    import pandas as pd

    from ..model import Article
    from .read import is_missing

    coder = _coder(settings)
    for batch in batches:
        articles = []
        for record in batch.to_dict("records"):
            fields = {k: (None if is_missing(record.get(k)) else record.get(k))
                      for k in ("id", "text", "published", "url", "source", "title", "origin")}
            if isinstance(fields["published"], dt.datetime):
                fields["published"] = fields["published"].date()
            articles.append(Article(**fields))
        rows = []
        hashes = list(batch["content_hash"])
        for result, digest in zip(coder.code_many(articles, n_process=1), hashes):  # in the order of its input
            article = result.article
            row: dict[str, Any] = {"id": article.id, "url": article.url, "source": article.source,
                                   "title": article.title, "published": article.published, "origin": article.origin,
                                   "text": article.text, "coder": coder.name,
                                   "content_hash": digest, PARTITION: day_partition(article.published),
                                   "units": [], "mentions": [], "links": [], "places": [],
                                   "error_code": None, "error_message": None}
            if result.error is not None:
                row["error_code"], row["error_message"] = result.error.code, result.error.message
            else:
                made = article_rows(article, result.events, result.mentions, coder=coder.name)
                row["units"] = [dict(zip(UNIT_COLUMNS, unit)) for unit in made.units]
                row["mentions"] = [dict(zip(MENTION_COLUMNS, mention)) for mention in made.mentions]
                row["links"] = [dict(zip(LINK_COLUMNS, link)) for link in made.links]
                row["places"] = [{"id": pid, "text": p.text, "name": p.name, "geonames_id": p.geonames_id,
                                  "country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
                                  "precision": p.precision} for pid, p in made.places.items()]
            rows.append(row)
        yield pd.DataFrame(rows, columns=_CODED_COLUMNS, dtype=object)


_CODED_COLUMNS = [*ARTICLE_COLUMNS, PARTITION, *_STRUCTS, "error_code", "error_message"]


def day_partition(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else UNDATED


# ------------------------------------------------------------------------------------------ on the driver


def _keep(parsed: Any) -> tuple[Any, Any, Any]:
    """(the articles to code, the superseded rows, the repeats) from the parsed rows (module docstring)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    articles = parsed.where(F.col("kind") == "article")
    keys = articles.select("id", "content_hash", "url", "file", "line")
    first = Window.partitionBy("id", "content_hash").orderBy("file", "line")
    keys = keys.withColumn("n", F.row_number().over(first))
    repeats = keys.where(F.col("n") > 1).select("file", "line")
    keys = keys.where(F.col("n") == 1)
    last_of_id = Window.partitionBy("id").orderBy(F.desc("file"), F.desc("line"))
    keys = keys.withColumn("n", F.row_number().over(last_of_id)).withColumn(
        "by", F.first("id").over(last_of_id))
    dropped = [keys.where(F.col("n") > 1).select("file", "line", "by", F.lit("revision").alias("kind"))]
    keys = keys.where(F.col("n") == 1)
    # the articles without a URL are not one window (that would be one task holding them all)
    last_at_url = Window.partitionBy("url").orderBy(F.desc("file"), F.desc("line"))
    with_url = keys.where(F.col("url").isNotNull()).withColumn("n", F.row_number().over(last_at_url)) \
        .withColumn("by", F.first("id").over(last_at_url))
    dropped.append(with_url.where(F.col("n") > 1).select("file", "line", "by", F.lit("revision").alias("kind")))
    keys = with_url.where(F.col("n") == 1).unionByName(keys.where(F.col("url").isNull()))
    first_of_text = Window.partitionBy("content_hash").orderBy("file", "line")
    keys = keys.withColumn("n", F.row_number().over(first_of_text)).withColumn(
        "by", F.first("id").over(first_of_text))
    dropped.append(keys.where(F.col("n") > 1).select("file", "line", "by", F.lit("duplicate").alias("kind")))
    kept = articles.join(keys.where(F.col("n") == 1).select("file", "line"), ["file", "line"], "left_semi")
    gone = functools.reduce(lambda a, b: a.unionByName(b), dropped)
    superseded = articles.drop("kind").join(gone, ["file", "line"]).select(
        "id", "content_hash", F.col("by").alias("article_id"), "kind", "url", "title", "published", "origin",
        F.when(F.col("kind") == "revision", F.col("text")).alias("text"))
    return kept, superseded, repeats


def partitions(cores: int, count: int) -> int:
    """How many partitions ``count`` articles are coded in on ``cores`` cores (see PARTITIONS_PER_CORE)."""
    wanted = min(cores * PARTITIONS_PER_CORE, math.ceil(count / MIN_PARTITION_ARTICLES))
    wanted = max(wanted, math.ceil(count / MAX_PARTITION_ARTICLES), 1)
    return min(max(count, 1), cores * math.ceil(wanted / cores))


def code_corpus(spark: Any, path: str, output: str, *, fmt: str | None = None, published: dt.date | None = None,
                mode: str = "errorifexists", keep_failures: int = 20) -> CodeSummary:
    """Read, code and write the corpus at ``path`` into ``output`` (see :mod:`flashpoint.spark.layout`)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from .read import read_corpus
    from .session import quiet_pandas_warning, spark_errors

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    with spark_errors(path):
        parsed = read_corpus(spark, path, fmt=fmt, published=published).persist(StorageLevel.MEMORY_AND_DISK)
        kept, superseded, repeats = _keep(parsed)
        kept = kept.persist(StorageLevel.MEMORY_AND_DISK)
        count = kept.count()
    seconds["read"], started = time.perf_counter() - started, time.perf_counter()
    with spark_errors(), quiet_pandas_warning():
        work = kept.select("id", "text", "published", "url", "source", "title", "origin", "content_hash") \
            .repartition(partitions(spark.sparkContext.defaultParallelism, count))
        coded = work.mapInPandas(functools.partial(code_partition, settings=coder_settings()), CODED_SCHEMA) \
            .persist(StorageLevel.MEMORY_AND_DISK)
        coded.count()  # codes every article once, into the cache every table below is written from
        seconds["code"], started = time.perf_counter() - started, time.perf_counter()
        good = coded.where(F.col("error_code").isNull())
        tables = {
            "articles": good.select(*ARTICLE_COLUMNS, PARTITION),
            "article_events": good.select(F.explode("units").alias("u"), PARTITION).select("u.*", PARTITION),
            "mentions": good.select(F.explode("mentions").alias("m"), PARTITION).select("m.*", PARTITION),
            "links": good.select(F.explode("links").alias("l"), PARTITION).select("l.*", PARTITION),
            # a place named in many articles is one row (with its smallest text; the store keeps the first one
            # written, and shows each report's own text of it, place_text, either way)
            "places": good.select(F.explode("places").alias("p")).groupBy("p.id").agg(
                F.min(F.struct(*[F.col(f"p.{c}") for c in PLACE_COLUMNS[1:]])).alias("p")).select("id", "p.*"),
            "failures": parsed.where(F.col("kind") == "failure").select(
                "origin", F.lit(None).cast("string").alias("article_id"), F.lit("read").alias("stage"), "code",
                "message").unionByName(coded.where(F.col("error_code").isNotNull()).select(
                    F.coalesce("origin", "id").alias("origin"), F.col("id").alias("article_id"),
                    F.lit("code").alias("stage"), F.col("error_code").alias("code"),
                    F.col("error_message").alias("message"))),
            "superseded": superseded.select(*SUPERSEDED_COLUMNS),
        }
        for table, frame in tables.items():
            if table in PARTITIONED:  # a day's rows from one task: one file per day, not one per task and day
                frame.repartition(PARTITION).write.mode(mode).partitionBy(PARTITION).parquet(table_path(output, table))
            else:
                frame.write.mode(mode).parquet(table_path(output, table))
        totals = coded.select(
            F.count("*").alias("articles"), F.count("error_code").alias("failed"),
            F.sum(F.size("units")).alias("events"), F.sum(F.size("mentions")).alias("mentions")).first()
        failures = tables["failures"].orderBy("origin").limit(keep_failures).collect()
        failed = tables["failures"].count()
        kinds = dict(superseded.groupBy("kind").count().collect())
        summary = CodeSummary(
            output=output, read=parsed.where(F.col("kind") == "article").count(),
            coded=int(totals["articles"] or 0) - int(totals["failed"] or 0), events=int(totals["events"] or 0),
            mentions=int(totals["mentions"] or 0), failed=failed, duplicates=int(kinds.get("duplicate", 0)),
            revisions=int(kinds.get("revision", 0)), repeats=repeats.count(),
            failures=[(r["origin"], r["code"], r["message"]) for r in failures], seconds=seconds)
        write_manifest(spark, output, {"kind": "coded", "input": path, "summary": {
            k: v for k, v in vars(summary).items() if k not in ("failures", "output")}}, mode=mode)
        seconds["write"] = time.perf_counter() - started
        for frame in (coded, kept, parsed):
            frame.unpersist()
    return summary


def write_manifest(spark: Any, output: str, record: dict[str, Any], *, mode: str) -> None:
    """The folder's JSON line (written last: a folder without it was not finished)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("flashpoint")
    except PackageNotFoundError:  # run from a source tree that was not installed
        release = None
    record = {**record, "flashpoint": release, "written": dt.datetime.now(dt.timezone.utc).isoformat()}
    spark.createDataFrame([(json.dumps(record, default=str),)], "value STRING").coalesce(1) \
        .write.mode(mode).text(table_path(output, MANIFEST))
