"""The dashboard: HTML pages for analysts, served by the API's process, each reading the same JSON API.

    GET /                     the map of events (points sized by reports, coloured by quad class, clustered)
    GET /events               the event table, with the filters of GET /api/events
    GET /events/{id}          one event: each evidence sentence marked, its articles and links
    GET /crisis?a=..&b=..     a pair of actors: both directions over time, alerts, the retaliation chain
    GET /api/countries        the map's country shapes (GeoJSON), from an installed package (:mod:`.shapes`)
    GET /static/...           the pages' own scripts and style (``server/static``, part of Flashpoint)
    GET /vendor/plotly.min.js the charting library, as the plotly package installs it

A page is a fixed HTML shell; its script fetches the API, so what the page shows is what a program would get.
Nothing is loaded from elsewhere: the Content-Security-Policy of every page allows this server only (inline styles
aside, which plotly sets on the elements it draws), so a page that tried would fail in the browser, and the
browser tests would see it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from ..errors import FlashpointError
from .schemas import CountriesResponse
from .shapes import country_shapes

__all__ = ["install", "plotly_path"]

STATIC = Path(__file__).with_name("static")
PAGES = {"/": "map.html", "/events": "events.html", "/crisis": "crisis.html"}
POLICY = ("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
          "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


def plotly_path() -> Path:
    """plotly.js as the plotly package installs it (located, not imported: the Python side is not needed)."""
    spec = importlib.util.find_spec("plotly")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        path = Path(folder) / "package_data" / "plotly.min.js"
        if path.is_file():
            return path
    raise FlashpointError("plotly.min.js is missing: it comes with the plotly package; reinstall Flashpoint "
                          "(pip install -e .)", where="plotly")


def _page(name: str) -> FileResponse:
    return FileResponse(STATIC / name, media_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": POLICY, "Cache-Control": "no-cache"})


def install(app: FastAPI, *, responses: dict[int | str, dict[str, Any]]) -> None:
    """Add the dashboard's pages, scripts and shapes to ``app`` (the API of :func:`~.api.create_app`), its JSON
    route documenting ``responses`` (the API's error shape)."""
    for route, name in PAGES.items():
        app.add_api_route(route, lambda name=name: _page(name), methods=["GET"], include_in_schema=False)

    @app.get("/events/{event_id}", include_in_schema=False)
    def event_page(event_id: str) -> FileResponse:
        return _page("event.html")  # its script reads the id from the address and asks /api/events/{id}

    @app.get("/api/countries", response_model=CountriesResponse, responses=responses, tags=["dashboard"],
             summary="Country shapes for a map: Natural Earth 1:110m, GeoJSON (from an installed package)")
    def countries() -> JSONResponse:
        """`countries`: a GeoJSON FeatureCollection, one feature per country with its `iso_a3` code and `name`."""
        return JSONResponse({"ok": True, "countries": country_shapes()}, headers={"Cache-Control": "max-age=86400"})

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly() -> FileResponse:
        return FileResponse(plotly_path(), media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
