"""Stage reason: the OWL 2 RL closure of data and ontology.

Takes an rdflib graph (:func:`closure`), pyoxigraph quads
(:func:`closure_quads`, for large data) or RDF files (:func:`reason_dataset`,
:func:`reason_trig`); gives the entailed triples alone and the clashes (an
inconsistency) apart. Two engines give the same result: "rules" (the
instance rules compiled from the schema's closure, :mod:`kg.reason.engine`)
and "owlrl" (the reference).
"""
from .entail import ENGINES, INFERRED_GRAPH, Closure, closure, closure_quads, reason_dataset, reason_trig

__all__ = ["ENGINES", "INFERRED_GRAPH", "Closure", "closure", "closure_quads", "reason_dataset", "reason_trig"]
