"""PLOVER and CAMEO: event types, modes, contexts, CAMEO codes with Goldstein weights, the crosswalk, and the
modal recodings (an act stated as an intent, threat or demand -> its CAMEO 03/13/10 code).

    from flashpoint.ontology import load_ontology
    ont = load_ontology()
    ont.event_code("190")   # EventCode(event='ASSAULT', cameo='190', quad=4, goldstein=-10.0, ...)
    ont.modal_recoding("threat", "190")   # ('THREATEN', '1384'): "will attack" threatens an attack
"""

from flashpoint.ontology.tables import (
    MODAL_KINDS,
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
    "MODAL_KINDS",
    "ONTOLOGY_RELEASE",
    "PLOVER_EVENTS",
    "CameoCode",
    "Ontology",
    "PloverMapping",
    "cameo_quad_for_root",
    "load_ontology",
    "load_ontology_from",
]
