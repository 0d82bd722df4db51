"""Moved to :mod:`flashpoint.datafiles` (the ontology reads TSV files too, and must not import
``flashpoint.dictionaries``, which imports the ontology). This re-export keeps the last importers working
until they import ``flashpoint.datafiles``; delete it then."""

from __future__ import annotations

from ..datafiles import CAMEO_RE, CONTEXT_RE, DATA, MODE_RE, Table, data_path, decode, parse_tsv, read_bytes, read_tsv

__all__ = ["CAMEO_RE", "CONTEXT_RE", "DATA", "MODE_RE", "Table", "data_path", "decode", "parse_tsv", "read_bytes",
           "read_tsv"]
