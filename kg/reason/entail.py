"""The OWL 2 RL closure, cleaned, with clashes as errors.

Two engines give the same result: ``"rules"`` (:mod:`kg.reason.engine`, the
default: the schema closed by owlrl, the instance rules compiled from it) and
``"owlrl"`` (the reference: owlrl on everything; minutes at 100k triples).
owlrl's output mixes what was asserted with what it entailed, adds triples
with literal subjects and records inconsistencies as blank nodes typed
``ErrorMessage``. :func:`closure` returns the entailments alone (asserted
triples and owlrl's artefacts removed) and the clash messages separately.

>>> from rdflib import Graph
>>> r = closure(Graph())
>>> r.clashes
[]
"""
from __future__ import annotations

import gc
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, Namespace
from rdflib.namespace import OWL, RDF

from ..io.read import read_into

ERRNS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")


ENGINES = ("rules", "owlrl")
log = logging.getLogger(__name__)


@dataclass
class Closure:
    inferred: Graph                    # entailed, not asserted
    clashes: list[str] = field(default_factory=list)
    engine: str = "owlrl"              # the engine that computed it


def closure(asserted: Graph, engine: str = "rules") -> Closure:
    """The OWL 2 RL closure of ``asserted`` (data and ontology together), by
    ``engine``: ``"rules"`` or ``"owlrl"``, which give the same triples and
    clashes. The rules engine hands over to owlrl, with a logged warning
    saying why, for what it does not reproduce (see :mod:`kg.reason.engine`).

    >>> from rdflib import Graph
    >>> g = Graph().parse(data='''
    ... @prefix ex: <https://example.org/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
    ... ex:partOf a owl:TransitiveProperty . ex:a ex:partOf ex:b . ex:b ex:partOf ex:c .''', format="turtle")
    >>> [(str(s), str(o)) for s, p, o in closure(g).inferred if str(p) == "https://example.org/partOf"]
    [('https://example.org/a', 'https://example.org/c')]
    """
    if engine == "owlrl":
        return _owlrl_closure(asserted)
    if engine != "rules":
        raise ValueError(f"unknown reasoning engine {engine!r}; known: {', '.join(ENGINES)}")
    from .engine import RdflibTerms, Unsupported, infer

    terms = RdflibTerms()
    try:
        with _no_gc():
            ids, clashes = infer([(terms.id(s), terms.id(p), terms.id(o)) for s, p, o in asserted], terms)
    except Unsupported as why:
        log.warning("reasoning with owlrl (slow): %s", why)
        return _owlrl_closure(asserted)
    t = terms.terms
    inferred = Graph()
    for s, p, o in ids:
        inferred.add((t[s], t[p], t[o]))
    for p, ns in asserted.namespaces():
        inferred.bind(p, ns, override=False)
    return Closure(inferred, clashes, engine="rules")


def _owlrl_closure(asserted: Graph) -> Closure:
    import owlrl

    g = Graph()
    for t in asserted:
        g.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(g)
    clashes = sorted(str(o) for s in g.subjects(RDF.type, ERRNS.ErrorMessage) for o in g.objects(s, ERRNS.error))
    for s in list(g.subjects(RDF.type, OWL.Nothing)):
        clashes.append(f"{s} is a member of owl:Nothing")
    inferred = Graph()
    for s, p, o in g:
        if isinstance(s, Literal) or (s, p, o) in asserted:
            continue
        if p == ERRNS.error or o == ERRNS.ErrorMessage:
            continue
        if isinstance(s, BNode) or isinstance(o, BNode):
            continue  # owlrl's own scaffolding; dipkg data has no blank nodes
        if p in (OWL.sameAs,) and s == o:
            continue
        if o in (OWL.Thing,) and p == RDF.type:
            continue   # every individual is an owl:Thing: noise for users
        inferred.add((s, p, o))
    for p, ns in asserted.namespaces():
        inferred.bind(p, ns, override=False)
    return Closure(inferred, sorted(set(clashes)), engine="owlrl")


INFERRED_GRAPH = "https://w3id.org/dipkg/graph/inferred"


def reason_dataset(data_paths=None, engine: str = "rules"):
    """The data's named graphs as loaded, plus the entailments of data and
    ontology in the graph ``INFERRED_GRAPH``. Returns ``(dataset, clashes)``.
    An rdflib dataset, for the commands that work on one; :func:`reason_trig`
    is the fast way to the same TriG at scale."""
    from rdflib import URIRef

    from ..graph.rdf import bind
    from ..io.read import load_dataset
    from ..io.terms import union_graph
    from ..resources import DEFAULT_DATA, ontology_path

    ds = load_dataset(list(data_paths) if data_paths else [DEFAULT_DATA])
    g = union_graph(ds)
    read_into(g, [ontology_path()])
    result = closure(g, engine)
    target = ds.graph(URIRef(INFERRED_GRAPH))
    for t in result.inferred:
        target.add(t)
    bind(ds)
    return ds, result.clashes


def _infer_ox(triples, terms):
    """:func:`kg.reason.engine.infer` on pyoxigraph terms, or owlrl where it hands over."""
    from .engine import Unsupported, infer

    try:
        return infer(triples, terms)
    except Unsupported as why:
        log.warning("reasoning with owlrl (slow): %s", why)
    g = Graph()
    for t in triples:
        g.add(tuple(terms.to_rdflib(x) for x in t))
    result = _owlrl_closure(g)
    return [tuple(terms.from_rdflib(x) for x in t) for t in result.inferred], result.clashes


def closure_quads(quads, ontology_paths=None, as_written: bool = True):
    """The OWL 2 RL closure without rdflib, for large data: ``quads`` are
    pyoxigraph quads or triples (or a ``pyoxigraph.Store``), reasoned on
    together (their graphs merged) with the ontologies in ``ontology_paths``
    (default: the project's; ``[]`` for none). Returns ``(inferred, clashes)``,
    ``inferred`` a list of ``pyoxigraph.Triple``, as :func:`closure` cleans
    it: the closure :func:`closure` gives of the same triples read by rdflib,
    their literals as written or, with ``as_written=False``, as rdflib
    normalises them by default (see :class:`kg.reason.engine.OxTerms`).

    >>> import pyoxigraph as ox
    >>> ex = "https://example.org/"
    >>> dog = [ox.Triple(ox.NamedNode(ex + "Dog"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
    ...                  ox.NamedNode(ex + "Animal")),
    ...        ox.Triple(ox.NamedNode(ex + "rex"), ox.NamedNode(RDF.type), ox.NamedNode(ex + "Dog"))]
    >>> [str(t) for t in closure_quads(dog, [])[0] if t.subject.value == ex + "rex"]
    ['<https://example.org/rex> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://example.org/Animal>']
    """
    import pyoxigraph as ox

    from ..io.read import read_quads
    from ..resources import ontology_path
    from .engine import OxTerms

    terms = OxTerms(as_written)
    tid = terms.id
    triples = [(tid(q.subject), tid(q.predicate), tid(q.object)) for q in quads]
    paths = [ontology_path()] if ontology_paths is None else list(ontology_paths)
    triples += [(tid(s), tid(p), tid(o)) for s, p, o, _ in read_quads(paths)] if paths else []
    with _no_gc():
        inferred, clashes = _infer_ox(triples, terms)
    t = terms.terms
    return [ox.Triple(t[s], t[p], t[o]) for s, p, o in inferred], clashes


def reason_trig(data_paths=None, engine: str = "rules") -> tuple[bytes, list[str]]:
    """What ``kg reason`` writes: the data's graphs as read, plus the
    entailments of data and ontology in ``INFERRED_GRAPH``, as TriG; and the
    clashes (nothing is serialised when there is one). With the rules engine
    the files are read and written by pyoxigraph (:mod:`kg.io.read`), their
    literals as rdflib reads them (:class:`kg.reason.engine.OxTerms`; a file that
    types literals ``xsd:string`` is read by rdflib); with ``"owlrl"`` by
    rdflib, as :func:`reason_dataset` and :func:`kg.io.write.serialize` do."""
    from ..graph.rdf import PREFIXES
    from ..resources import DEFAULT_DATA

    paths = list(data_paths) if data_paths else [DEFAULT_DATA]
    if engine == "owlrl":
        from ..io.write import serialize
        ds, clashes = reason_dataset(paths, engine)
        return (b"" if clashes else serialize(ds, "trig")), clashes
    if engine != "rules":
        raise ValueError(f"unknown reasoning engine {engine!r}; known: {', '.join(ENGINES)}")
    typed = _string_typed(paths)
    if typed:
        # pyoxigraph reads "x"^^xsd:string as "x"; rdflib, hence owlrl, keeps them apart
        log.warning("%s writes literals typed xsd:string: reading it with rdflib (slow)", typed)
        from ..io.write import serialize
        ds, clashes = reason_dataset(paths, engine)
        return (b"" if clashes else serialize(ds, "trig")), clashes
    import pyoxigraph as ox

    from ..io.read import read_quads
    from ..io.write import trig_rows
    from ..resources import ontology_path
    from .engine import OxTerms

    with _no_gc():
        terms = OxTerms(as_written=False)      # as reason_dataset's rdflib reads them
        tid = terms.id
        quads = [(tid(g), tid(s), tid(p), tid(o)) for s, p, o, g in read_quads(paths)]
        triples = [(s, p, o) for _, s, p, o in quads]
        triples += [(tid(s), tid(p), tid(o)) for s, p, o, _ in read_quads([ontology_path()])]
        inferred, clashes = _infer_ox(triples, terms)
        if clashes:
            return b"", clashes
        del triples
        g = tid(ox.NamedNode(INFERRED_GRAPH))
        quads += [(g, s, p, o) for s, p, o in inferred]
        return trig_rows(quads, terms.terms, PREFIXES), clashes


_STRING_TYPED = re.compile(rb"\^\^\s*(?:<http://www\.w3\.org/2001/XMLSchema#string>|[A-Za-z][\w.-]*:string\b)")


def _string_typed(paths):
    """The first file that may write a literal typed ``xsd:string``, or None."""
    from ..io.files import rdf_files
    from ..io.formats import FORMATS

    for path in rdf_files(paths):
        try:
            data = path.read_bytes()
        except OSError:
            continue            # the reader says so
        if FORMATS.get(path.suffix.lower()) in ("xml", "json-ld"):
            if b"XMLSchema#string" in data or b"xsd:string" in data:
                return path
        elif _STRING_TYPED.search(data):
            return path
    return None


@contextmanager
def _no_gc():
    """Python's cycle collector off: reasoning makes millions of sets and
    tuples and no cycles, and each collection would walk them all (it halves
    the time at a million triples)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
