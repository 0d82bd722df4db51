"""Flashpoint's exceptions: one small tree, each class with a stable code.

    FlashpointError            E000  base; ``code`` is carried by the CLI's exit status and the API's error body
    ├── InputError             E100  an input file, line or field is not what was expected
    │   ├── UnreadableInput    E101  the path cannot be opened or decoded
    │   ├── EmptyInput         E102  the file or article has no text
    │   ├── MalformedRecord    E103  a JSONL line or record field is wrong
    │   ├── BadFeed            E104  a feed is not RSS/Atom XML, is unsafe XML, or cannot be fetched
    │   └── NotFound           E105  no stored record (event, article) or API route has this id or path
    ├── SettingError           E200  a setting or option has a bad value (``--published 2024-13-01``)
    ├── DictionaryError        E300  a dictionary or ontology data file is malformed
    ├── PipelineError          E400  the NLP pipeline cannot be loaded or fails on an article
    ├── StoreError             E500  the event database cannot be used
    │   ├── NotADatabase       E501  the file is not a DuckDB database
    │   └── NewerSchema        E502  the database was written by a newer Flashpoint (schema version too high)
    ├── AccessError            E600  an HTTP API request may not do what it asks
    │   ├── Unauthorized       E601  a write without the configured bearer token (HTTP 401)
    │   └── WritesDisabled     E602  a write while no api_token is set: writes are off (HTTP 403)
    └── SparkError             E700  a Spark job cannot start or failed (no Java, the cluster cannot be reached)
        └── MissingExtra       E701  an optional part is not installed (PySpark: ``pip install 'flashpoint[spark]'``)

Messages say what was wrong, where (file, line, field; an API request's parameter) and what was expected. The HTTP
API (:mod:`flashpoint.server`) answers each with the status its class maps to and ``to_dict()`` as the body's
``error``.
"""

from __future__ import annotations


class FlashpointError(Exception):
    code = "E000"
    exit_code = 1

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)

    def to_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "error": type(self).__name__, "message": self.message, "where": self.where}


class InputError(FlashpointError):
    code = "E100"
    exit_code = 2


class UnreadableInput(InputError):
    code = "E101"


class EmptyInput(InputError):
    code = "E102"


class MalformedRecord(InputError):
    code = "E103"


class BadFeed(InputError):
    code = "E104"


class NotFound(InputError):
    code = "E105"


class SettingError(FlashpointError):
    code = "E200"
    exit_code = 2


class DictionaryError(FlashpointError):
    code = "E300"
    exit_code = 3


class PipelineError(FlashpointError):
    code = "E400"
    exit_code = 4


class StoreError(FlashpointError):
    code = "E500"
    exit_code = 5


class NotADatabase(StoreError):
    code = "E501"


class NewerSchema(StoreError):
    code = "E502"


class AccessError(FlashpointError):
    code = "E600"
    exit_code = 2


class Unauthorized(AccessError):
    code = "E601"


class WritesDisabled(AccessError):
    code = "E602"


class SparkError(FlashpointError):
    code = "E700"
    exit_code = 6


class MissingExtra(SparkError):
    code = "E701"
