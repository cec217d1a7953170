"""Validation: data against the SHACL shapes, the ontology and the vocabulary checks.

The data is validated together with the ontology (so that shapes can read
level ranks and vocabularies); the OWL 2 RL closure is checked for clashes;
the vocabulary checks of :mod:`kg.validate.vocab` catch what shapes do not (a typo in
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

from ..errors import InputError
from ..io.files import rdf_files
from ..io.read import load_dataset, load_graph
from ..io.terms import bind_all, union_graph
from ..resources import ontology_path, shapes_path
from .report import Locator, Report, StoreLocator, reference_results, shape_name

INFERENCE = ("none", "rdfs", "owlrl")


ENGINES = ("oxigraph", "pyshacl")


def validate_graph(data: Graph, check_clashes: bool = True, shapes: Graph | None = None,
                   ontology: Graph | None = None, inference: str = "none", strict: bool = False,
                   vocab: bool = True, engine: str = "oxigraph") -> Report:
    """Validate a graph of data against shapes and ontology (the project's by
    default), and with ``vocab`` run the vocabulary checks of :mod:`kg.validate.vocab`
    on the data and the ontology. ``engine`` "oxigraph" runs the shapes
    compiled to SPARQL (:mod:`kg.validate.engine`; the shapes the compiler does not
    translate go to pyshacl-turbo, named in ``Report.delegated``), "pyshacl"
    the reference; ``inference`` other than "none" goes to pySHACL.

    >>> from rdflib import Graph
    >>> validate_graph(Graph()).conforms
    True
    """
    ont = ontology if ontology is not None else load_graph([ontology_path()])
    shapes = shapes if shapes is not None else load_graph([shapes_path()])
    if engine == "oxigraph" and inference == "none":
        import pyoxigraph as ox

        from ..io.store import from_graphs

        loaded = from_graphs([("urn:dipkg:data", data), ("urn:dipkg:ontology", ont)])
        return _validate_store(loaded, [ox.NamedNode("urn:dipkg:data")], shapes, ont, check_clashes, strict, vocab)
    fallback = "" if engine == "pyshacl" else f"inference {inference!r}"
    report = _validate_pyshacl(data, check_clashes, shapes, ont, inference, strict, vocab)
    report.fallback = fallback
    return report


def _validate_pyshacl(data: Graph, check_clashes: bool, shapes: Graph, ont: Graph, inference: str,
                      strict: bool, vocab: bool) -> Report:
    import pyshacl

    merged = Graph()
    merged += data
    merged += ont
    # prefixes the shapes declare (sh:declare) are bound in the data graph, where
    # pySHACL looks for a SPARQL constraint's prefixes (W3C sparql/node/prefixes-001)
    # and which its messages use; the fast engine's messages use the same (kg.validate.engine)
    from .engine import check_sparql, declared_prefixes
    check_sparql(shapes)        # no SERVICE, MINUS or VALUES reaches pySHACL either
    for prefix, ns in declared_prefixes(shapes):
        merged.bind(prefix, ns, override=False)
    rgraph, results = reference_results(pyshacl, merged, shapes, inference=inference)
    results = list(set(results))
    if vocab:
        from .vocab import check_graph
        results += check_graph(data, ont)
    clashes = []
    if check_clashes:
        from ..reason.entail import closure
        clashes = closure(merged).clashes
    return _report(results, clashes, rgraph, shapes, strict, vocab, engine="pyshacl")


def _report(results, clashes, rgraph, shapes: Graph, strict: bool, vocab: bool, engine: str) -> Report:
    named = sorted({str(x) for t in (SH.NodeShape, SH.PropertyShape)
                    for x in shapes.subjects(RDF.type, t) if isinstance(x, URIRef)})
    if vocab:
        from .vocab import DATA_CHECKS
        named += DATA_CHECKS
    results = sorted(set(results), key=lambda r: (r.shape, r.focus, r.path, r.message, r.value))
    violations = [r for r in results if r.severity == "Violation"]
    return Report(conforms=not violations and not clashes, results=results, clashes=clashes, graph=rgraph,
                  shapes=named, strict=strict, engine=engine)


def _store_clashes(store, written: dict, graph=None) -> list[str]:
    """The clashes of the OWL 2 RL closure of the store's quads (of ``graph``
    only, if given), their literals as written (:attr:`kg.io.store.Loaded.written`)."""
    from ..io.store import as_written
    from ..reason.entail import closure_quads

    return closure_quads(as_written(store, written, graph), [])[1]


def _validate_store(loaded, data_graphs: list, shapes: Graph, ont: Graph, check_clashes: bool, strict: bool,
                    vocab: bool) -> Report:
    """The fast engine on a store holding the data (``data_graphs``) and the ontology."""
    from concurrent.futures import ThreadPoolExecutor

    import pyoxigraph as ox

    from .engine import validate_store

    def vocabulary() -> list:      # on the data's named graphs, which the copy below leaves alone
        from .vocab import (
            ill_typed_literals_store,
            missing_labels,
            undefined_terms_store,
        )
        return (undefined_terms_store(loaded.store, data_graphs, ont)
                + ill_typed_literals_store(loaded.store, data_graphs, loaded.written) + missing_labels(ont))

    # The shapes see data and ontology as one graph (a set, as pySHACL's data
    # graph is: the union of the named graphs is a bag, and several times
    # slower to query). Copied within the store by Oxigraph when the default
    # graph is free; otherwise into a new store.
    default = ox.DefaultGraph()
    if any(default in f.graphs for f in loaded.files):
        merged = ox.Store()
        merged.extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in loaded.store)
    else:
        loaded.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        merged = loaded.store
    with ThreadPoolExecutor(2) as pool:
        # the closure and the vocabulary checks are mostly Python; the shapes'
        # queries run in Rust, off the GIL, alongside
        clashes = pool.submit(_store_clashes, merged, loaded.written, default) if check_clashes else None
        words = pool.submit(vocabulary) if vocab else None
        shacl = validate_store(merged, shapes, loaded.written)
        found = clashes.result() if clashes is not None else []
        results = words.result() if words is not None else []
    results += shacl.results
    report = _report(results, found, shacl.graph, shapes, strict, vocab, engine="oxigraph")
    report.delegated = sorted(f"{shape_name(shapes, s)} ({why})" for s, why in shacl.delegated.items())
    return report


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
        bind_all(g, part.namespaces())      # the files' prefixes too
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
                   project: bool = True, input_format: str | None = None, vocab: bool = True,
                   engine: str = "oxigraph") -> Report:
    """Validate RDF files or folders (any syntax; TriG's named graphs merged)
    against the project's shapes and ontology plus ``shapes`` and
    ``ontologies`` (only those when ``project`` is false). ``inference`` is
    pySHACL's ("none", "rdfs" or "owlrl"); ``strict`` makes warnings fail;
    ``vocab`` runs the vocabulary checks too, and checks the given shapes
    against SHACL-SHACL first (a bad shape is an :class:`InputError`).
    ``engine`` is "oxigraph" (files read by Oxigraph, shapes compiled to
    SPARQL: :mod:`kg.validate.engine`) or "pyshacl" (rdflib and pySHACL, the reference).
    Each result is located in the file that writes its focus node."""
    if inference not in INFERENCE:
        raise InputError(f"unknown inference {inference!r}; known: {', '.join(INFERENCE)}")
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
    if engine == "oxigraph" and inference == "none":
        fast = _fast_inputs(paths, shapes, ontologies, project, input_format)
        _check_shapes(fast.own_shapes, fast.shape_files, input_format, vocab)
        report = _validate_store(fast.loaded, fast.data_graphs, fast.shapes, fast.ontology, True, strict, vocab)
        # searched as the pySHACL path searches: data, then the ontologies and shapes given
        files = fast.loaded.files if ontologies else fast.loaded.files[:fast.data_files]
        locate = StoreLocator(fast.loaded, input_format, files, then=Locator(fast.located_shapes, input_format))
        report.results = [locate(r) for r in report.results]
        return report
    fallback = "" if engine == "pyshacl" else f"inference {inference!r}"
    inp = _load(paths, shapes, ontologies, project, input_format)
    if inp.shapes is not None and not len(inp.shapes):
        raise InputError("no shapes to validate against (give --shapes)")
    locate = Locator(inp.per_file, input_format)
    _check_shapes(inp.own_shapes, inp.per_file, input_format, vocab)
    report = validate_graph(inp.data, shapes=inp.shapes, ontology=inp.ontology, inference=inference,
                            strict=strict, vocab=vocab, engine="pyshacl")
    report.fallback = fallback
    report.results = [locate(r) for r in report.results]
    return report


def _check_shapes(own_shapes: Graph, per_file, input_format, vocab: bool) -> None:
    """The user's shapes against SHACL-SHACL: a bad shape is an input error naming file:line."""
    if not (vocab and len(own_shapes)):
        return
    from .vocab import invalid_shapes
    locate = Locator(per_file, input_format)
    bad = [locate(r) for r in invalid_shapes(own_shapes)]
    if bad:
        where = bad[0].file + (f":{bad[0].line}" if bad[0].line else "") if bad[0].file else "shapes"
        more = f" (and {len(bad) - 1} more problem(s); kg check lists them)" if len(bad) > 1 else ""
        raise InputError(f"bad shapes: {bad[0].focus}" + (f" {bad[0].path}" if bad[0].path else "")
                         + f": {bad[0].message.removeprefix('not a valid shape: ')} (SHACL-SHACL){more}", where)


@dataclass
class _Fast:
    loaded: object              # kg.io.store.Loaded: data and ontology
    data_files: int             # the first files of loaded.files are the data's
    located_shapes: list[tuple[Path, Graph]]     # shapes files results may be located in
    data_graphs: list
    shapes: Graph
    ontology: Graph
    own_shapes: Graph
    shape_files: list[tuple[Path, Graph]]


def _fast_inputs(paths, shapes, ontologies, project: bool, input_format: str | None) -> _Fast:
    """Data read by Oxigraph into a store; the ontology there too and, with
    the shapes (small), as rdflib graphs."""
    from ..io.store import load_store

    loaded = load_store(paths, input_format)
    data_graphs = sorted({g for f in loaded.files for g in f.graphs}, key=str)
    shape_files = [(f, _parse(f)) for f in rdf_files(shapes)] if shapes else []
    ont_paths = ([ontology_path()] if project else []) + (rdf_files(ontologies) if ontologies else [])
    own_shapes = _union(shape_files)
    shape_g = _union(([(shapes_path(), _parse(shapes_path()))] if project else []) + shape_files)
    if not len(shape_g):
        raise InputError("no shapes to validate against (give --shapes)")
    onto = load_store(ont_paths, store=loaded.store)
    data_files = len(loaded.files)
    loaded.files += onto.files
    loaded.written.update(onto.written)
    ontology = _union([(f, _parse(f)) for f in ont_paths])
    located = ([(shapes_path(), _parse(shapes_path()))] if project and shapes else []) + shape_files
    return _Fast(loaded, data_files, located, data_graphs, shape_g, ontology, own_shapes, shape_files)


def check_files(paths, shapes=(), ontologies=(), strict: bool = False, project: bool = True,
                input_format: str | None = None) -> Report:
    """The vocabulary checks alone (:mod:`kg.validate.vocab`) on RDF files or folders:
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
