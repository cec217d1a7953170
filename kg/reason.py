"""OWL 2 RL closure with owlrl, cleaned, with clashes as errors.

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

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, Namespace
from rdflib.namespace import OWL, RDF

ERRNS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")


@dataclass
class Closure:
    inferred: Graph                    # entailed, not asserted
    clashes: list[str] = field(default_factory=list)


def closure(asserted: Graph) -> Closure:
    """The OWL 2 RL closure of ``asserted`` (data and ontology together)."""
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
    return Closure(inferred, sorted(set(clashes)))


INFERRED_GRAPH = "https://w3id.org/dipkg/graph/inferred"


def reason_dataset(data_paths=None):
    """The data's named graphs as loaded, plus the entailments of data and
    ontology in the graph ``INFERRED_GRAPH``. Returns ``(dataset, clashes)``."""
    from rdflib import URIRef

    from .graph import bind
    from .query import DEFAULT_DATA
    from .rdfio import load_dataset, union_graph
    from .resources import ontology_path

    ds = load_dataset(list(data_paths) if data_paths else [DEFAULT_DATA])
    g = union_graph(ds)
    g.parse(ontology_path())
    result = closure(g)
    target = ds.graph(URIRef(INFERRED_GRAPH))
    for t in result.inferred:
        target.add(t)
    bind(ds)
    return ds, result.clashes
