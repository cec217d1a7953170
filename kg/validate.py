"""Validation: data against the SHACL shapes and the ontology.

The data is validated together with the ontology (so that shapes can read
level ranks and vocabularies); the OWL 2 RL closure is checked for clashes.

>>> report = validate_files(["data/dipkg.trig"])         # doctest: +SKIP
>>> report.conforms
True
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SH

from .resources import ontology_path, shapes_path
from .rdfio import load_dataset, union_graph


@dataclass(frozen=True)
class Result:
    focus: str
    path: str
    value: str
    message: str
    severity: str
    shape: str


@dataclass
class Report:
    conforms: bool
    results: list[Result] = field(default_factory=list)
    clashes: list[str] = field(default_factory=list)
    graph: Graph | None = None          # the W3C validation report graph

    def text(self) -> str:
        """A readable report: one block per result, then a summary line."""
        lines = []
        for r in self.results:
            lines.append(f"{r.severity}: {r.message}")
            lines.append(f"  focus: {r.focus}" + (f"  path: {r.path}" if r.path else "")
                         + (f"  value: {r.value}" if r.value else ""))
            lines.append(f"  shape: {r.shape}")
        for c in self.clashes:
            lines.append(f"Clash: {c}")
        n = len(self.results) + len(self.clashes)
        lines.append("Conforms." if self.conforms else f"Does not conform: {n} problem(s).")
        return "\n".join(lines)

    def json(self) -> str:
        return json.dumps({"conforms": self.conforms,
                           "results": [r.__dict__ for r in self.results],
                           "clashes": self.clashes}, indent=2, ensure_ascii=False)

    def turtle(self) -> str:
        return self.graph.serialize(format="turtle") if self.graph is not None else ""


def _short(node) -> str:
    return "" if node is None else str(node)


def validate_graph(data: Graph, check_clashes: bool = True) -> Report:
    """Validate a graph (data only; the ontology and shapes are added here)."""
    import pyshacl

    ont = Graph().parse(ontology_path())
    merged = Graph()
    for t in data:
        merged.add(t)
    for t in ont:
        merged.add(t)
    shapes = Graph().parse(shapes_path())
    conforms, rgraph, _ = pyshacl.validate(merged, shacl_graph=shapes, inference="none",
                                           advanced=True, allow_warnings=True)
    results = []
    for r in rgraph.subjects(RDF.type, SH.ValidationResult):
        sev = rgraph.value(r, SH.resultSeverity)
        results.append(Result(
            focus=_short(rgraph.value(r, SH.focusNode)),
            path=_short(rgraph.value(r, SH.resultPath)),
            value=_short(rgraph.value(r, SH.value)),
            message=_short(rgraph.value(r, SH.resultMessage)),
            severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
            shape=_short(rgraph.value(r, SH.sourceShape)),
        ))
    results.sort(key=lambda r: (r.shape, r.focus, r.path, r.message, r.value))
    clashes = []
    if check_clashes:
        from .reason import closure
        clashes = closure(merged).clashes
    violations = [r for r in results if r.severity == "Violation"]
    return Report(conforms=not violations and not clashes, results=results, clashes=clashes, graph=rgraph)


def validate_files(paths) -> Report:
    """Validate RDF files or folders (any syntax; TriG's named graphs merged)."""
    return validate_graph(union_graph(load_dataset([Path(p) for p in paths])))
