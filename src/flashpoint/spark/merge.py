"""``flashpoint spark merge``: article events -> merged events, on Spark, by the store's rule.

The cross-article rule is :mod:`flashpoint.merge.across` and nothing here restates it: Spark only decides which
units are ever compared and in which groups the rule runs, in three steps, none of which needs the whole corpus
on one worker:

1. **Candidate pairs** by blocking. Two units can be compatible only when they have the same type and status,
   share an actor key (``unit_keys``: the same country, group id, or a sector where one side names no country;
   by side), and are dated within the rule's window of the less precise date (undated only with undated).
   Units are taken by precision class, narrowest window first: the pairs whose less precise date is of class
   ``c`` join on (type, status, key, date bucket) with buckets ``window(c) + 1`` days wide, against the
   neighbouring buckets; so day-precision reports meet only reports a few days around them. Each candidate
   pair is then checked with ``compatible`` itself (a Python worker), which keeps the rule exact.
2. **Connected components** of the compatible pairs, by iterated min-label propagation with pointer jumping
   (a node takes the smallest label among its neighbours, then its label's label), until no label changes: a
   few rounds even for long chains.
3. **Clusters** per component with ``clusters`` and ``merge_units`` (``groupBy(component).applyInPandas``), and
   each merged event's row with ``flashpoint.store.db.event_rows``, as the store does. A component holds every
   unit that can affect its clusters and nothing else, so the events are the store's for the same units: same
   ids (the smallest unit id), dates, places, actors and counts. A unit with no compatible pair is its own event,
   made in bulk (``mapInPandas``) rather than one group each.
"""

from __future__ import annotations

import functools
from typing import Any, Iterator

from ..merge.across import MergeRule, Unit, clusters, compatible, merge_units, unit_keys
from ..model import Place
from ..store.db import EVENT_ACTOR_COLUMNS, EVENT_COLUMNS, PLACE_COLUMNS, UNIT_COLUMNS, actors_from_json, event_rows
from .layout import ASSIGNMENT_COLUMNS, ddl, table_path

__all__ = ["MergeSummary", "merge_coded"]

PLACE_FIELDS = tuple(f"p_{c}" for c in PLACE_COLUMNS[1:])  # a unit's place, as the store's join gives it
UNIT_FIELDS = (*UNIT_COLUMNS, *PLACE_FIELDS)
MERGED_SCHEMA = ", ".join([ddl(EVENT_COLUMNS),
                           f"actors ARRAY<STRUCT<{ddl(EVENT_ACTOR_COLUMNS[1:]).replace('` ', '`: ')}>>",
                           "units ARRAY<STRING>"])
OTHER_CLASS = "_"  # dates of a precision the rule has no window for (window 0)


class MergeSummary(dict):
    """Counts of one merge: units, candidate pairs, compatible pairs, components, rounds, events."""


# ------------------------------------------------------------------------------------------ in the Python workers


def _value(v: Any) -> Any:
    from .read import is_missing

    return None if is_missing(v) else v


def unit_of(record: dict[str, Any]) -> Unit:
    """A unit from its row (article_events joined with places), as ``Store._unit`` reads it."""
    place = None
    name = _value(record["p_name"])
    if name is not None:
        geonames = _value(record["p_geonames_id"])
        lat, lon = _value(record["p_lat"]), _value(record["p_lon"])
        place = Place(text=_value(record["place_text"]) or _value(record["p_text"]) or name, name=name,
                      geonames_id=int(geonames) if geonames is not None else None,
                      country=_value(record["p_country"]), admin1=_value(record["p_admin1"]),
                      lat=float(lat) if lat is not None else None, lon=float(lon) if lon is not None else None,
                      precision=_value(record["p_precision"]))
    return Unit(id=record["id"], article_id=record["article_id"], source=record["source"], event=record["event"],
                status=record["status"], actors=actors_from_json(record["actors"]),
                recipients=actors_from_json(record["recipients"]), date=_value(record["date"]),
                date_precision=_value(record["date_precision"]), location=place, coder=record["coder"],
                mode=_value(record["mode"]), words=_words(record.get("words")))


def _words(value: Any) -> frozenset[str]:
    """A unit's evidence words, from the list (or array) its row holds, or none."""
    value = _value(value)
    return frozenset(value) if value is not None else frozenset()


def unit_key_rows(batches: Iterator[Any], *, rule: MergeRule | None = None) -> Iterator[Any]:
    """mapInPandas: (id, event, actors, recipients) -> one (id, role, key) row per blocking key (``unit_keys``)."""
    import pandas as pd

    for batch in batches:
        rows = []
        for uid, event, actors, recipients in zip(batch["id"], batch["event"], batch["actors"], batch["recipients"]):
            unit = Unit(id=uid, article_id="", source="", event=event, status="", actors=actors_from_json(actors),
                        recipients=actors_from_json(recipients))
            probe, index = unit_keys(unit, rule)
            rows += [(uid, "probe", key) for key in sorted(probe)] + [(uid, "index", key) for key in sorted(index)]
        yield pd.DataFrame(rows, columns=["id", "role", "key"], dtype=object)


def compatible_pairs(batches: Iterator[Any], *, rule: MergeRule) -> Iterator[Any]:
    """mapInPandas: candidate pairs with both units' fields (``a_*``, ``b_*``) -> the compatible ones."""
    import pandas as pd

    for batch in batches:
        found = []
        for record in batch.to_dict("records"):
            a = unit_of({f: record[f"a_{f}"] for f in UNIT_FIELDS})
            b = unit_of({f: record[f"b_{f}"] for f in UNIT_FIELDS})
            if compatible(a, b, rule):
                found.append((a.id, b.id))
        yield pd.DataFrame(found, columns=["a", "b"], dtype=object)


def merged_rows(records: list[dict[str, Any]], rule: MergeRule) -> list[dict[str, Any]]:
    """The merged events of a component's units (or of units that are each their own event)."""
    by_id = {r["id"]: r for r in records}
    rows = []
    for group in clusters([unit_of(r) for r in records], rule):
        merged = merge_units(group)
        head = by_id[merged.id]
        quad, goldstein = _value(head["quad"]), _value(head["goldstein"])
        first = (head["event"], _value(head["mode"]), list(head["context"]) if _value(head["context"]) is not None
                 else None, _value(head["cameo"]), int(quad) if quad is not None else None,
                 float(goldstein) if goldstein is not None else None, head["status"])
        counts = {u.id: _value(by_id[u.id]["num_mentions"]) for u in merged.units}
        event, actors = event_rows(merged, first, counts)
        rows.append({**dict(zip(EVENT_COLUMNS, event)),
                     "actors": [dict(zip(EVENT_ACTOR_COLUMNS[1:], actor[1:])) for actor in actors],
                     "units": [u.id for u in merged.units]})
    return rows


def merge_group(frame: Any, *, rule: MergeRule) -> Any:
    """applyInPandas: one component -> its merged events."""
    import pandas as pd

    return pd.DataFrame(merged_rows(frame.to_dict("records"), rule), columns=_MERGED_COLUMNS, dtype=object)


def merge_singles(batches: Iterator[Any], *, rule: MergeRule) -> Iterator[Any]:
    """mapInPandas: units compatible with no other -> one event each."""
    import pandas as pd

    for batch in batches:
        rows = [row for record in batch.to_dict("records") for row in merged_rows([record], rule)]
        yield pd.DataFrame(rows, columns=_MERGED_COLUMNS, dtype=object)


_MERGED_COLUMNS = [*EVENT_COLUMNS, "actors", "units"]


# ------------------------------------------------------------------------------------------ on the driver


def load_units(spark: Any, coded: str) -> Any:
    """Every article event of a ``spark code`` output, with its place's fields (``p_*``)."""
    from pyspark.sql import functions as F

    units = spark.read.schema(ddl(UNIT_COLUMNS)).parquet(table_path(coded, "article_events")).select(*UNIT_COLUMNS)
    places = spark.read.schema(ddl(PLACE_COLUMNS)).parquet(table_path(coded, "places")).select(
        F.col("id").alias("place_id"), *[F.col(c).alias(f"p_{c}") for c in PLACE_COLUMNS[1:]])
    return units.join(places, "place_id", "left").select(*UNIT_FIELDS)


def _classes(rule: MergeRule) -> list[tuple[str, int]]:
    """Precision classes, narrowest window first, each with the widest window of it and the classes before."""
    windows = dict(rule.windows)
    windows.setdefault(OTHER_CLASS, 0)
    ordered = sorted(windows, key=lambda p: (windows[p], p))
    return [(p, max(windows[q] for q in ordered[:i + 1])) for i, p in enumerate(ordered)]


def candidate_pairs(units: Any, keys: Any, rule: MergeRule) -> Any:
    """(a, b), a < b: every pair of units that may be compatible (module docstring, step 1)."""
    from pyspark.sql import functions as F

    named = [p for p in rule.windows]
    day = "day" if "day" in rule.windows else OTHER_CLASS
    precision = F.col("date_precision")
    cls = (F.when(F.col("date").isNull(), F.lit(None))
           .when(precision.isin(named) if named else F.lit(False), precision)
           .when(precision.isNull(), F.lit(day)).otherwise(F.lit(OTHER_CLASS)))
    base = units.select("id", "article_id", "event", "status", cls.alias("cls"),
                        F.datediff("date", F.lit("1970-01-01")).alias("day"))
    probes = base.join(keys.where(F.col("role") == "probe").select("id", "key"), "id")
    index = base.join(keys.where(F.col("role") == "index").select("id", "key"), "id")

    def side(frame: Any, prefix: str) -> Any:
        return frame.select(*[F.col(c).alias(f"{prefix}{c}") for c in frame.columns])

    def join(left: Any, right: Any, window: int | None) -> Any:
        condition = [F.col("l_event") == F.col("r_event"), F.col("l_status") == F.col("r_status"),
                     F.col("l_key") == F.col("r_key"), F.col("l_id") != F.col("r_id"),
                     F.col("l_article_id") != F.col("r_article_id")]
        left, right = side(left, "l_"), side(right, "r_")
        if window is not None:
            width = window + 1
            left = left.withColumn("l_bucket", F.floor(F.col("l_day") / width))
            right = right.withColumn("r_bucket", F.explode(F.array(
                *[F.floor(F.col("r_day") / width) + shift for shift in (-1, 0, 1)])))
            condition += [F.col("l_bucket") == F.col("r_bucket"), F.abs(F.col("l_day") - F.col("r_day")) <= window]
        return left.join(right, condition).select(F.least("l_id", "r_id").alias("a"),
                                                  F.greatest("l_id", "r_id").alias("b"))

    parts = [join(probes.where(F.col("cls").isNull()), index.where(F.col("cls").isNull()), None)]
    classes = _classes(rule)
    for i, (name, window) in enumerate(classes):
        lower = [c for c, _ in classes[:i]]
        this = F.col("cls") == name
        parts.append(join(probes.where(this), index.where(F.col("cls").isin([*lower, name])), window))
        if lower:
            parts.append(join(probes.where(F.col("cls").isin(lower)), index.where(this), window))
    return functools.reduce(lambda a, b: a.unionByName(b), parts).distinct()


def components(edges: Any) -> tuple[Any, int]:
    """(id, component) for every unit in a compatible pair: the smallest id of its connected component (module
    docstring, step 2), and the number of rounds it took."""
    from pyspark.sql import functions as F

    both = edges.select(F.col("a").alias("src"), F.col("b").alias("dst")).unionByName(
        edges.select(F.col("b").alias("src"), F.col("a").alias("dst"))).localCheckpoint()
    labels = both.groupBy("src").agg(F.min("dst").alias("m")).select(
        F.col("src").alias("id"), F.least("src", "m").alias("label")).localCheckpoint()
    rounds = 0
    while True:
        rounds += 1
        heard = both.join(labels.withColumnRenamed("id", "dst"), "dst").groupBy("src").agg(
            F.min("label").alias("heard"))
        spread = labels.join(heard.withColumnRenamed("src", "id"), "id").select(
            "id", F.least("label", "heard").alias("label"))
        jumped = spread.alias("n").join(spread.alias("m"), F.col("n.label") == F.col("m.id")).select(
            F.col("n.id").alias("id"), F.least(F.col("n.label"), F.col("m.label")).alias("label")).localCheckpoint()
        changed = jumped.alias("n").join(labels.alias("o"), "id").where(
            F.col("n.label") != F.col("o.label")).count()
        labels = jumped
        if changed == 0:
            return labels.withColumnRenamed("label", "component"), rounds


def merge_coded(spark: Any, coded: str, output: str, *, rule: MergeRule | None = None,
                mode: str = "errorifexists") -> MergeSummary:
    """Merge the article events of the ``spark code`` output ``coded`` into ``output`` (see
    :mod:`flashpoint.spark.layout`) with ``rule`` (default: the settings')."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from .code import write_manifest
    from .session import quiet_pandas_warning, spark_errors

    rule = rule or MergeRule.from_settings()
    with spark_errors(coded), quiet_pandas_warning():
        units = load_units(spark, coded).persist(StorageLevel.MEMORY_AND_DISK)
        keys = units.select("id", "event", "actors", "recipients").mapInPandas(
            functools.partial(unit_key_rows, rule=rule), "id STRING, role STRING, key STRING")
        candidates = candidate_pairs(units, keys, rule).persist(StorageLevel.MEMORY_AND_DISK)
        a_side = units.select(*[F.col(c).alias(f"a_{c}") for c in UNIT_FIELDS])
        b_side = units.select(*[F.col(c).alias(f"b_{c}") for c in UNIT_FIELDS])
        pairs = candidates.join(a_side, F.col("a") == F.col("a_id")).join(b_side, F.col("b") == F.col("b_id")) \
            .mapInPandas(functools.partial(compatible_pairs, rule=rule), "a STRING, b STRING") \
            .localCheckpoint()
        labels, rounds = components(pairs)
        placed = units.join(labels, "id", "left")
        singles = placed.where(F.col("component").isNull()).select(*UNIT_FIELDS).mapInPandas(
            functools.partial(merge_singles, rule=rule), MERGED_SCHEMA)
        def merge_component(frame):  # a plain function: PySpark reads a partial's type hints with a warning
            return merge_group(frame, rule=rule)

        groups = placed.where(F.col("component").isNotNull()).groupBy("component").applyInPandas(
            merge_component, MERGED_SCHEMA)
        merged = singles.unionByName(groups).persist(StorageLevel.MEMORY_AND_DISK)
        merged.select(*EVENT_COLUMNS).write.mode(mode).parquet(table_path(output, "events"))
        merged.select(F.col("id").alias("event_id"), F.explode("actors").alias("x")).select("event_id", "x.*") \
            .write.mode(mode).parquet(table_path(output, "event_actors"))
        merged.select(F.explode("units").alias("unit_id"), F.col("id").alias("event_id")) \
            .select(*ASSIGNMENT_COLUMNS).write.mode(mode).parquet(table_path(output, "assignment"))
        summary = MergeSummary(units=units.count(), candidate_pairs=candidates.count(), compatible_pairs=pairs.count(),
                               components=labels.select("component").distinct().count(), rounds=rounds,
                               events=merged.count())
        write_manifest(spark, output, {"kind": "merged", "coded": coded, "summary": dict(summary),
                                       "rule": {"windows": rule.windows, "distance_km": rule.distance_km}}, mode=mode)
        for frame in (merged, candidates, units):
            frame.unpersist()
    return summary
