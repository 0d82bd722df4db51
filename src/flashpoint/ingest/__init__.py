"""Getting articles in: files, standard input and HTML pages, and the wire dateline that opens an article."""

from flashpoint.ingest.dateline import split_dateline
from flashpoint.ingest.readers import (
    ReadFailure,
    article_from_html,
    article_from_record,
    parse_published,
    read_articles,
)

__all__ = [
    "ReadFailure",
    "article_from_html",
    "article_from_record",
    "parse_published",
    "read_articles",
    "split_dateline",
]
