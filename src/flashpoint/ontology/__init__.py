"""PLOVER and CAMEO: event types, modes, contexts, CAMEO codes with Goldstein weights, and the crosswalk.

    from flashpoint.ontology import load_ontology
    ont = load_ontology()
    ont.event_code("190")   # EventCode(event='ASSAULT', cameo='190', quad=4, goldstein=-10.0, ...)
"""

from flashpoint.ontology.tables import (
    ONTOLOGY_RELEASE,
    PLOVER_EVENTS,
    CameoCode,
    Ontology,
    PloverMapping,
    cameo_quad_for_root,
    load_ontology,
    load_ontology_from,
)

__all__ = [
    "ONTOLOGY_RELEASE",
    "PLOVER_EVENTS",
    "CameoCode",
    "Ontology",
    "PloverMapping",
    "cameo_quad_for_root",
    "load_ontology",
    "load_ontology_from",
]
