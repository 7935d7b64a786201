"""PLOVER event types, their quad classes and cooperation–conflict weights, for cross-article work.

The tables are read from ``data/lexicons/ontology.yaml``, the same file the event extractor uses.

Quad classes follow the project's annotation conventions (``../shared/eval/GOLD.md``)::

    verbal cooperation    AGREE CONSULT SUPPORT CONCEDE
    material cooperation  COOPERATE AID RETREAT
    verbal conflict       REQUEST ACCUSE REJECT THREATEN
    material conflict     PROTEST SANCTION MOBILIZE COERCE ASSAULT

``WEIGHTS`` are Goldstein-like intensities in [-10, 10] per PLOVER type (our own rounding of the
usual CAMEO root weights onto PLOVER): positive for cooperation, negative for conflict.
"""
from __future__ import annotations

from sitrep import lexicons

VERBAL_COOPERATION = "verbal_cooperation"
MATERIAL_COOPERATION = "material_cooperation"
VERBAL_CONFLICT = "verbal_conflict"
MATERIAL_CONFLICT = "material_conflict"
QUADS = (VERBAL_COOPERATION, MATERIAL_COOPERATION, VERBAL_CONFLICT, MATERIAL_CONFLICT)

# One source of truth: the ontology table in data/lexicons/ontology.yaml (quad and weight per type).
QUAD_OF: dict[str, str] = {t: info["quad"] for t, info in lexicons.ontology().items()}
PLOVER_TYPES = tuple(QUAD_OF)
WEIGHTS: dict[str, float] = {t: float(info.get("weight", 0.0)) for t, info in lexicons.ontology().items()}

# Types whose source and target may be swapped without changing the event (talks, agreements).
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE"})
# ASSAULT is symmetric only when it is a clash (both sides fight), judged from trigger or mode.
CLASH_WORDS = frozenset({"clash", "clashes", "clashed", "skirmish", "skirmishes", "fight", "fighting", "fought",
                         "exchange", "exchanged", "battle", "battled", "firefight", "hostilities", "war",
                         "conflict", "standoff", "stand-off", "clash_", "exchange_fire"})


def quad_of(event_type: str | None) -> str | None:
    """The quad class of a PLOVER type (upper or lower case), None when unknown."""
    return QUAD_OF.get((event_type or "").upper())


def is_cooperation(event_type: str | None) -> bool:
    return (quad_of(event_type) or "").endswith("cooperation")


def is_conflict(event_type: str | None) -> bool:
    return (quad_of(event_type) or "").endswith("conflict")


def weight_of(event_type: str | None) -> float:
    return WEIGHTS.get((event_type or "").upper(), 0.0)


def is_symmetric(event_type: str | None, trigger: str | None = None, mode: str | None = None) -> bool:
    """Whether source and target may be swapped: talks, agreements and clashes."""
    t = (event_type or "").upper()
    if t in SYMMETRIC_TYPES:
        return True
    if t == "ASSAULT":
        words = set((trigger or "").lower().replace("-", " ").split()) | set((mode or "").lower().replace("-", " ").split())
        return bool(words & CLASH_WORDS)
    return False
