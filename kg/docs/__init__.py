"""Stage docs: what people read and look at.

Takes the ontology, the shapes and the graph; gives the ontology's pages
and class diagram (:mod:`kg.docs.ontology`, ``kg docs``), the timeline
picture of a bilateral relation (:mod:`kg.docs.timeline`, ``kg timeline``)
and counts of the graph (:mod:`kg.docs.stats`, ``kg stats``).
"""
from .ontology import class_diagram, documentation, write_docs
from .stats import Stats, stats

__all__ = ["Stats", "class_diagram", "documentation", "stats", "write_docs"]
