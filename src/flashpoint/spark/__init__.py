"""The scale path: the same coder and the same merge rule on Spark, for corpora of millions of articles.

    flashpoint spark code --input corpus.jsonl --output coded/ --master local[2]    # code.py (read.py)
    flashpoint spark merge --input coded/ --output merged/                          # merge.py
    flashpoint import merged/ --db events.duckdb                                    # load.py

``code`` runs :class:`flashpoint.coder.Coder` in the executors' Python workers (``mapInPandas``, one Coder per
worker process) and writes the store's rows as Parquet partitioned by publication date; ``merge`` applies
:mod:`flashpoint.merge.across` to them with DataFrame joins for the candidate pairs and components, and the rule's
own functions per component; ``import`` copies both into a DuckDB store, so ``events``, ``event``, ``dyad``,
``alerts`` and ``serve`` read it. The folders' layout is in :mod:`flashpoint.spark.layout`.

PySpark is an extra (``pip install 'flashpoint[spark]'``): this package imports it only inside functions, and
``load`` and ``layout`` not at all. Sessions and errors: :mod:`flashpoint.spark.session`.
"""
