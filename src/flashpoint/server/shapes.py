"""Country shapes for the dashboard's map, from a package installed with Flashpoint: nothing is fetched.

The shapes are Natural Earth's 1:110m admin-0 countries (public domain) as the geopandas 0.14 wheel ships them
(``geopandas/datasets/naturalearth_lowres``), read with fiona, the shapefile reader geopandas itself uses. Only the
data file is used: geopandas is located, not imported (its dataset module is deprecated, and importing it pulls in
pandas for nothing). Coordinates are rounded to 0.01 degree (about 1 km, far below what 1:110m draws), which makes
the GeoJSON a fifth of its size. Read once per process.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import Any

from ..errors import FlashpointError

__all__ = ["country_shapes", "shapes_path"]

PRECISION = 2  # decimal places kept: 0.01 degree


def shapes_path() -> Path:
    """The shapefile of Natural Earth's 1:110m countries inside the installed geopandas package."""
    spec = importlib.util.find_spec("geopandas")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        path = Path(folder) / "datasets" / "naturalearth_lowres" / "naturalearth_lowres.shp"
        if path.is_file():
            return path
    raise FlashpointError("the map's country shapes are missing: they come with the geopandas 0.14.4 package; "
                          "reinstall Flashpoint (pip install -e .) to get them", where="geopandas")


def _rounded(coordinates: Any) -> Any:
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [round(float(c), PRECISION) for c in coordinates[:2]]
    return [_rounded(part) for part in coordinates]


@functools.cache
def country_shapes() -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one feature per country, ``properties`` its ISO 3166-1 alpha-3 code
    (``iso_a3``; Natural Earth gives ``-99`` to a few, such as France and Norway, whose code it leaves out) and
    ``name``."""
    import fiona

    features = []
    with fiona.open(shapes_path()) as layer:
        for record in layer:
            geometry = record.geometry
            features.append({"type": "Feature", "id": record.properties["iso_a3"],
                             "properties": {"iso_a3": record.properties["iso_a3"],
                                            "name": record.properties["name"]},
                             "geometry": {"type": geometry.type, "coordinates": _rounded(geometry.coordinates)}})
    return {"type": "FeatureCollection", "source": "Natural Earth 1:110m admin-0 countries (public domain)",
            "features": features}
