"""The event store: DuckDB tables for articles, mentions and merged events; queries and exports."""

from flashpoint.store.db import BatchResult, EventQuery, Identity, Store, content_hash, split_coder
from flashpoint.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "BatchResult", "EventQuery", "Identity", "Store", "content_hash",
           "split_coder"]
