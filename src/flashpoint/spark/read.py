"""Reading a corpus in Spark: JSONL or Parquet, local paths or any URI Spark reads, into article rows.

Each input row is read by the same rules as ``flashpoint ingest`` reads it (:mod:`flashpoint.ingest.readers`:
``article_from_line`` for a JSONL line, ``article_from_record`` for a Parquet row): a bad row becomes a failure
row naming its ``path:line`` (Parquet: ``path:row N``) and what was wrong, and the job goes on. The rows carry
their position in the input (``file``, ``line``), which decides, as reading order does for ``ingest``, which of
two versions of an article is kept (:mod:`flashpoint.spark.code`).

JSONL line numbers are exact without reading a file on one worker: Spark splits a large file between tasks, so
each line's number is the count of the lines before its split (from a first pass counting lines per split) plus
its place in the split (``monotonically_increasing_id`` numbers a task's rows consecutively).
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote, urlparse

from ..errors import InputError, MalformedRecord, SettingError, UnreadableInput
from ..ingest.readers import JSONL_SUFFIXES, ReadFailure, article_from_line, article_from_record
from ..model import article_id_for

__all__ = ["PARSED_SCHEMA", "display_path", "input_format", "is_missing", "read_corpus"]

PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
FIELDS = ("id", "text", "published", "url", "source", "title")  # what an article record may give
PARSED_SCHEMA = ("kind STRING, id STRING, text STRING, published DATE, url STRING, source STRING, title STRING, "
                 "origin STRING, content_hash STRING, file STRING, line LONG, code STRING, message STRING")


def _is_local(path: str) -> bool:
    return "://" not in path or path.startswith("file:")


def _local(path: str) -> Path:
    return Path(unquote(urlparse(path).path)) if path.startswith("file:") else Path(path)


def display_path(uri: str) -> str:
    """A file Spark names as a URI, as the user wrote it: ``file:/data/a.jsonl`` -> ``/data/a.jsonl``."""
    return str(_local(uri)) if uri.startswith("file:") else uri


def input_format(path: str, fmt: str | None = None) -> str:
    """``jsonl`` or ``parquet``: ``fmt`` when given, else from the path's suffix, else (a local folder) from the
    files in it. A local path that does not exist is :class:`UnreadableInput`; one that says nothing, a
    :class:`SettingError` asking for ``--format``."""
    if _is_local(path) and not any(c in path for c in "*?["):
        local = _local(path)
        if not local.exists():
            raise UnreadableInput("no such file or folder; expected a .jsonl or .parquet file, or a folder of them",
                                  where=path)
        if local.is_file() and not fmt:
            fmt = _by_suffix(local.suffix)
        elif local.is_dir() and not fmt:
            kinds = {_by_suffix(p.suffix) for p in local.rglob("*")
                     if p.is_file() and not p.name.startswith((".", "_"))}
            kinds.discard(None)
            if len(kinds) > 1:
                raise SettingError("the folder holds both JSONL and Parquet files; give --format jsonl or --format "
                                   "parquet", where=path)
            if not kinds:
                raise UnreadableInput("no .jsonl, .ndjson or .parquet file in the folder; expected articles as "
                                      "JSONL or Parquet", where=path)
            fmt = kinds.pop()
    fmt = fmt or _by_suffix(Path(urlparse(path).path).suffix)
    if fmt is None:
        raise SettingError("cannot tell the input's format from its name; give --format jsonl or --format parquet",
                           where=path)
    return fmt


def _by_suffix(suffix: str) -> str | None:
    suffix = suffix.lower()
    return "jsonl" if suffix in JSONL_SUFFIXES else "parquet" if suffix in PARQUET_SUFFIXES else None


def read_corpus(spark: Any, path: str, *, fmt: str | None = None, published: dt.date | None = None) -> Any:
    """The corpus at ``path`` as a DataFrame of :data:`PARSED_SCHEMA` rows: ``kind`` 'article' (its fields, its
    text's hash, its position) or 'failure' (origin, code, message)."""
    from .session import quiet_pandas_warning

    fmt = input_format(path, fmt)
    if fmt == "jsonl":
        rows, parse = _jsonl_lines(spark, path), functools.partial(parse_lines, published=published)
    else:
        rows, parse = _parquet_rows(spark, path), functools.partial(parse_records, published=published)
    with quiet_pandas_warning():
        return rows.mapInPandas(parse, PARSED_SCHEMA)


def _jsonl_lines(spark: Any, path: str) -> Any:
    """(file, line, value, valid): every line with its number in its file; ``valid``: is it UTF-8."""
    from pyspark.sql import functions as F

    reader = spark.read.option("recursiveFileLookup", "true")
    if _is_local(path) and _local(path).is_dir():  # a folder's JSONL files; a file is read whatever its name
        reader = reader.option("pathGlobFilter", "*.{jsonl,ndjson,JSONL,NDJSON}")
    lines = reader.text(path).select(
        F.col("_metadata.file_path").alias("file"), F.col("value"),
        F.spark_partition_id().alias("split"), F.monotonically_increasing_id().alias("row"))
    # lines per (file, split): the lines before a split are those of the file's earlier splits
    counts = lines.groupBy("file", "split").agg(F.count("*").alias("n"), F.min("row").alias("first")).collect()
    base: list[tuple[str, int, int]] = []
    seen: dict[str, int] = {}
    for file, split, n, first in sorted(counts, key=lambda r: (r["file"], r["split"])):
        base.append((file, split, seen.get(file, 0) - first))
        seen[file] = seen.get(file, 0) + n
    offsets = spark.createDataFrame(base or [("", -1, 0)], "file STRING, split INT, base LONG")
    return lines.join(F.broadcast(offsets), ["file", "split"]).select(
        "file", (F.col("row") + F.col("base") + 1).alias("line"),
        F.when(F.is_valid_utf8("value"), F.col("value")).alias("value"),
        F.is_valid_utf8("value").alias("valid"))


def _parquet_rows(spark: Any, path: str) -> Any:
    """(file, line, fields...): Parquet rows with their row number (from 1) in their file, fields as strings
    where they may be typed (an integer id, a date or timestamp ``published``) so the JSONL rules apply."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    table = spark.read.option("recursiveFileLookup", "true").parquet(path)
    columns = {field.name: field.dataType for field in table.schema.fields}
    if "text" not in columns:
        raise MalformedRecord(f"no 'text' column (columns: {', '.join(sorted(columns)) or 'none'}); expected a "
                              "string column 'text' and optional id, published, url, source, title", where=path)
    selected = [F.col("_metadata.file_path").alias("file"), (F.col("_metadata.row_index") + 1).alias("line")]
    for name in FIELDS:
        kind = columns.get(name)
        if kind is None:
            selected.append(F.lit(None).cast("string").alias(name))
        elif isinstance(kind, T.StringType):
            selected.append(F.col(name))
        elif name == "published" and isinstance(kind, (T.DateType, T.TimestampType, T.TimestampNTZType)):
            selected.append(F.date_format(name, "yyyy-MM-dd").alias(name))  # the date as written, no time zone
        elif name == "id" and isinstance(kind, (T.IntegerType, T.LongType, T.ShortType)):
            selected.append(F.col(name).cast("string").alias(name))
        else:
            raise MalformedRecord(f"column {name!r} is {kind.simpleString()}; expected a string"
                                  + (", a date or a timestamp" if name == "published" else "")
                                  + (" or an integer" if name == "id" else ""), where=path)
    return table.select(*selected)


# ------------------------------------------------------------------------------------------ in the Python workers


def _article_row(item: Any, file: str, line: int) -> dict[str, Any]:
    if isinstance(item, ReadFailure):
        return {"kind": "failure", "origin": item.origin, "file": file, "line": line, "code": item.error.code,
                "message": item.error.message}
    return {"kind": "article", "id": item.id, "text": item.text, "published": item.published, "url": item.url,
            "source": item.source, "title": item.title, "origin": item.origin,
            "content_hash": article_id_for(item.text), "file": file, "line": line}


def parse_lines(batches: Iterator[Any], *, published: dt.date | None) -> Iterator[Any]:
    """mapInPandas: JSONL lines -> parsed rows, line by line as ``ingest`` reads them (blank lines skipped)."""
    import pandas as pd

    for batch in batches:
        rows = []
        for file, line, value, valid in zip(batch["file"], batch["line"], batch["value"], batch["valid"]):
            where = f"{display_path(file)}:{line}"
            if not valid:
                rows.append(_article_row(ReadFailure(where, UnreadableInput(
                    "not valid UTF-8; expected UTF-8 text (convert it first, e.g. `iconv -f WINDOWS-1252 -t UTF-8 "
                    "FILE`)", where=where)), file, line))
                continue
            if is_missing(value):
                continue
            text = value.lstrip("\ufeff") if line == 1 else value
            if not text.strip():
                continue
            rows.append(_article_row(article_from_line(text, where=where, published=published), file, line))
        yield pd.DataFrame(rows, columns=_COLUMNS, dtype=object)


def parse_records(batches: Iterator[Any], *, published: dt.date | None) -> Iterator[Any]:
    """mapInPandas: Parquet rows -> parsed rows, each read as a JSONL record would be."""
    import pandas as pd

    for batch in batches:
        rows = []
        for record in batch.to_dict("records"):
            file, line = record.pop("file"), int(record.pop("line"))
            where = f"{display_path(file)}:row {line}"
            fields = {k: v for k, v in record.items() if not is_missing(v)}
            try:
                item: Any = article_from_record(fields, origin=where, published=published)
            except InputError as exc:
                item = ReadFailure(where, exc)
            rows.append(_article_row(item, file, line))
        yield pd.DataFrame(rows, columns=_COLUMNS, dtype=object)


def is_missing(value: Any) -> bool:
    """None, or the NaN / NA that pandas puts for a null."""
    if value is None or isinstance(value, (str, dt.date)):
        return value is None
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array is a value, not a missing one
        return False


_COLUMNS = [part.split()[0] for part in PARSED_SCHEMA.split(", ")]
