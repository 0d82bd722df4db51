"""The HTTP API over the event store (FastAPI), run by ``flashpoint serve``: :func:`create_app`.

    api.py      the routes, each a thin shell over the store, the coder or the analysis
    errors.py   the one error shape, and the handlers that give it to every error
    guards.py   the request body limit, and readers kept apart from the one writer
    schemas.py  the answers as pydantic models, for /openapi.json
"""

from .api import create_app

__all__ = ["create_app"]
