"""Validation: data against the SHACL shapes, the ontology and the vocabulary checks.

The data is validated together with the ontology (so that shapes can read
level ranks and vocabularies); the OWL 2 RL closure is checked for clashes;
the vocabulary checks of :mod:`kg.vocab` catch what shapes do not (a typo in
a term, an ill-typed literal). Each result names the file (and line, for
line-based syntaxes) where its focus node is written, so that a CI failure
points at something to edit.

>>> report = validate_files(["data/dipkg.trig"])         # doctest: +SKIP
>>> report.conforms                                      # doctest: +SKIP
True
>>> report = validate_files(["mine.ttl"], shapes=["my-shapes.ttl"], strict=True)   # doctest: +SKIP
>>> report.render("github")                                                          # doctest: +SKIP
'::error file=mine.ttl,line=12,title=...::...'
>>> check_files(["mine.ttl"], ontologies=["my-ontology.ttl"]).failed               # doctest: +SKIP
False
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from .errors import InputError
from .rdfio import load_dataset, rdf_files, union_graph
from .report import Locator, Report, Result, shape_name
from .resources import ontology_path, shapes_path

INFERENCE = ("none", "rdfs", "owlrl")


def _short(node) -> str:
    return "" if node is None else str(node)


def validate_graph(data: Graph, check_clashes: bool = True, shapes: Graph | None = None,
                   ontology: Graph | None = None, inference: str = "none", strict: bool = False,
                   vocab: bool = True) -> Report:
    """Validate a graph of data against shapes and ontology (the project's by
    default), and with ``vocab`` run the vocabulary checks of :mod:`kg.vocab`
    on the data and the ontology."""
    import pyshacl

    ont = ontology if ontology is not None else Graph().parse(ontology_path())
    merged = Graph()
    for t in data:
        merged.add(t)
    for t in ont:
        merged.add(t)
    shapes = shapes if shapes is not None else Graph().parse(shapes_path())
    try:
        _, rgraph, _ = pyshacl.validate(merged, shacl_graph=shapes, inference=inference,
                                        advanced=True, allow_warnings=True)
    except Exception as err:    # pySHACL's errors on malformed shapes: ShapeLoadError, ConstraintLoadError, ...
        raise InputError(f"bad shapes: {' '.join(str(err).split())[:300]}", "shapes") from None
    results = []
    for r in rgraph.subjects(RDF.type, SH.ValidationResult):
        sev = rgraph.value(r, SH.resultSeverity)
        results.append(Result(
            focus=_short(rgraph.value(r, SH.focusNode)),
            path=_short(rgraph.value(r, SH.resultPath)),
            value=_short(rgraph.value(r, SH.value)),
            message=_short(rgraph.value(r, SH.resultMessage)),
            severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
            shape=shape_name(shapes, rgraph.value(r, SH.sourceShape)),
        ))
    named = sorted({str(x) for t in (SH.NodeShape, SH.PropertyShape)
                    for x in shapes.subjects(RDF.type, t) if isinstance(x, URIRef)})
    if vocab:
        from .vocab import DATA_CHECKS, check_graph
        results += check_graph(data, ont)
        named += DATA_CHECKS
    results.sort(key=lambda r: (r.shape, r.focus, r.path, r.message, r.value))
    clashes = []
    if check_clashes:
        from .reason import closure
        clashes = closure(merged).clashes
    violations = [r for r in results if r.severity == "Violation"]
    return Report(conforms=not violations and not clashes, results=results, clashes=clashes, graph=rgraph,
                  shapes=named, strict=strict)


@dataclass
class _Inputs:
    """The parsed inputs of a validation, and each file's own graph (to locate results)."""
    data: Graph
    shapes: Graph | None            # None: the project's, unchanged
    ontology: Graph | None          # None: the project's, unchanged
    own_shapes: Graph               # the --shapes files alone
    per_file: list[tuple[Path, Graph]]


def _parse(path: Path, fmt: str | None = None) -> Graph:
    return union_graph(load_dataset([path], fmt, as_written=True))


def _union(parts) -> Graph:
    g = Graph()
    for _, part in parts:
        g += part
    return g


def _load(paths, shapes, ontologies, project: bool, input_format: str | None) -> _Inputs:
    data_files = [(f, _parse(f, input_format)) for f in rdf_files(paths)]
    shape_files = [(f, _parse(f)) for f in rdf_files(shapes)] if shapes else []
    ont_files = [(f, _parse(f)) for f in rdf_files(ontologies)] if ontologies else []
    # the project's shapes and ontology are parsed here only when merged with the user's
    own_shape_files = ([(shapes_path(), _parse(shapes_path()))] if project and shapes else []) + shape_files
    own_ont_files = ([(ontology_path(), _parse(ontology_path()))] if project and ontologies else []) + ont_files
    return _Inputs(
        data=_union(data_files),
        shapes=_union(own_shape_files) if shapes or not project else None,
        ontology=_union(own_ont_files) if ontologies or not project else None,
        own_shapes=_union(shape_files),
        per_file=data_files + own_ont_files + own_shape_files)


def validate_files(paths, shapes=(), ontologies=(), inference: str = "none", strict: bool = False,
                   project: bool = True, input_format: str | None = None, vocab: bool = True) -> Report:
    """Validate RDF files or folders (any syntax; TriG's named graphs merged)
    against the project's shapes and ontology plus ``shapes`` and
    ``ontologies`` (only those when ``project`` is false). ``inference`` is
    pySHACL's ("none", "rdfs" or "owlrl"); ``strict`` makes warnings fail;
    ``vocab`` runs the vocabulary checks too, and checks the given shapes
    against SHACL-SHACL first (a bad shape is an :class:`InputError`).
    Each result is located in the file that writes its focus node."""
    if inference not in INFERENCE:
        raise InputError(f"unknown inference {inference!r}; known: {', '.join(INFERENCE)}")
    inp = _load(paths, shapes, ontologies, project, input_format)
    if inp.shapes is not None and not len(inp.shapes):
        raise InputError("no shapes to validate against (give --shapes)")
    locate = Locator(inp.per_file, input_format)
    if vocab and len(inp.own_shapes):
        from .vocab import invalid_shapes
        bad = [locate(r) for r in invalid_shapes(inp.own_shapes)]
        if bad:
            where = bad[0].file + (f":{bad[0].line}" if bad[0].line else "") if bad[0].file else "shapes"
            more = f" (and {len(bad) - 1} more problem(s); kg check lists them)" if len(bad) > 1 else ""
            raise InputError(f"bad shapes: {bad[0].focus}" + (f" {bad[0].path}" if bad[0].path else "")
                             + f": {bad[0].message.removeprefix('not a valid shape: ')} (SHACL-SHACL){more}", where)
    report = validate_graph(inp.data, shapes=inp.shapes, ontology=inp.ontology, inference=inference,
                            strict=strict, vocab=vocab)
    report.results = [locate(r) for r in report.results]
    return report


def check_files(paths, shapes=(), ontologies=(), strict: bool = False, project: bool = True,
                input_format: str | None = None) -> Report:
    """The vocabulary checks alone (:mod:`kg.vocab`) on RDF files or folders:
    undefined terms and ill-typed literals in the data, labels and
    definitions of the ontology, and the shapes against SHACL-SHACL (the
    project's and ``shapes``, or only those when ``project`` is false)."""
    from .vocab import CHECKS_RUN, check_graph, invalid_shapes

    inp = _load(paths, shapes, ontologies, project, input_format)
    ontology, shape_g, located = inp.ontology, inp.shapes, list(inp.per_file)
    if ontology is None:
        ontology = _parse(ontology_path())
        located.append((ontology_path(), ontology))
    if shape_g is None:
        shape_g = _parse(shapes_path())
        located.append((shapes_path(), shape_g))
    locate = Locator(located, input_format)
    results = sorted((locate(r) for r in check_graph(inp.data, ontology) + invalid_shapes(shape_g)),
                     key=lambda r: (r.shape, r.focus, r.path, r.message, r.value))
    return Report(conforms=not any(r.severity == "Violation" for r in results), results=results,
                  shapes=list(CHECKS_RUN), strict=strict, reasoned=False)
