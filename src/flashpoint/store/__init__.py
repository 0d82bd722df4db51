"""The event store: DuckDB tables for articles, mentions and merged events; queries and exports."""

from flashpoint.store.db import EventQuery, Store, split_coder
from flashpoint.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "EventQuery", "Store", "split_coder"]
