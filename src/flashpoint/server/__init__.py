"""The HTTP API over the event store (FastAPI) and the dashboard on it, run by ``flashpoint serve``:
:func:`create_app`.

    api.py        the routes, each a thin shell over the store, the coder or the analysis
    dashboard.py  the analysts' pages (static/), each reading the JSON API; plotly.js and the country shapes
    shapes.py     the map's country shapes, from an installed package (Natural Earth 1:110m)
    errors.py     the one error shape, and the handlers that give it to every error
    guards.py     the request body limit, and readers kept apart from the one writer
    schemas.py    the answers as pydantic models, for /openapi.json
"""

from .api import create_app

__all__ = ["create_app"]
