"""Stage validate: SHACL shapes and vocabulary checks, as one report.

Takes RDF files or an rdflib graph, the project's shapes and ontology (or
the user's); gives a :class:`~kg.validate.report.Report` (text, Turtle,
JSON, JUnit, GitHub annotations) whose results name the focus node, the
shape and the file and line. The shapes engine (:mod:`kg.validate.engine`)
compiles each shape it supports exactly to SPARQL on Oxigraph and hands the
others to pyshacl-turbo; the pySHACL path (``engine="pyshacl"``) is the
reference; :mod:`kg.validate.vocab` checks terms, literals and labels.
"""
from .engine import validate_store
from .files import ENGINES, INFERENCE, check_files, validate_files, validate_graph
from .report import REPORT_FORMATS, Report, Result

__all__ = ["ENGINES", "INFERENCE", "REPORT_FORMATS", "Report", "Result", "check_files", "validate_files",
           "validate_graph", "validate_store"]
