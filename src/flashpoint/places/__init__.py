"""Flashpoint's offline geoparser: toponyms in a parsed article, resolved to GeoNames entries.

    from flashpoint.places import load_gazetteer, geoparse, place_patterns
    gaz = load_gazetteer()                       # once per process
    gaz.resolve("Balochistan", country="PAK")    # -> (Place(admin1="PK-BA", precision="admin1", ...), score)
    geoparse(doc)                                 # -> [Toponym(start, end, text, place, score, literal, ...)]
"""

from flashpoint.places.gazetteer import Gazetteer, load_gazetteer
from flashpoint.places.toponyms import Toponym, geoparse, place_patterns

__all__ = ["Gazetteer", "Toponym", "geoparse", "load_gazetteer", "place_patterns"]
