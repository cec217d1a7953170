"""The rules engine (kg.reason.engine) gives owlrl's closure exactly: the same
inferred triples after kg.reason's cleaning, the same clashes. owlrl is the
reference, so every comparison runs both (kept small: owlrl takes seconds on
a thousand triples)."""
from __future__ import annotations

import random

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.io.read import load_dataset
from kg.io.terms import union_graph
from kg.reason.entail import INFERRED_GRAPH, closure, closure_quads
from kg.resources import ontology_path

from conftest import DATA, ROOT

EX = "https://example.org/"
PREFIXES = f"""@prefix ex: <{EX}> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def same_closure(g: Graph, engine: str = "rules"):
    """Both engines' closures of ``g``, asserted equal; the rules engine's is returned."""
    ref = closure(g, "owlrl")
    fast = closure(g, "rules")
    assert fast.engine == engine
    only_ref, only_fast = set(ref.inferred) - set(fast.inferred), set(fast.inferred) - set(ref.inferred)
    assert not only_ref and not only_fast, (sorted(only_ref)[:5], sorted(only_fast)[:5])
    assert fast.clashes == ref.clashes
    return fast


def with_ontology(g: Graph) -> Graph:
    g.parse(ontology_path())
    return g


def test_data_closure_equals_owlrl():
    res = same_closure(with_ontology(union_graph(load_dataset([DATA / "dipkg.trig"]))))
    assert len(res.inferred) > 500 and res.clashes == []


@pytest.mark.slow
def test_fixtures_closure_equals_owlrl():
    """tests/fixtures and tests/broken (the shapes' conforming and violating
    examples, the vocabulary and syntax cases that parse; not the shapes'
    manifest, which is no data and would take owlrl 20 s more), all in one
    graph: one owlrl run instead of two hundred, and more for the rules to meet."""
    from kg.errors import KgError

    g = Graph()
    # not deep-nesting.ttl either: 40,000 rdf:first/rest triples that test the
    # parsers, and took owlrl 2 of its 3 minutes here
    files = sorted((ROOT / "tests" / "fixtures").glob("*.ttl")) + sorted(
        p for p in (ROOT / "tests" / "broken").rglob("*")
        if p.is_file() and p.suffix != ".json" and p.name not in ("manifest.ttl", "deep-nesting.ttl"))
    read = 0
    for f in files:
        try:
            g += union_graph(load_dataset([f]))
            read += 1
        except KgError:
            continue
    assert read > 150
    res = same_closure(with_ontology(g))
    assert any("Disjoint classes" in c for c in res.clashes)


# -- one small graph per rule the engine compiles ---------------------------------------

CASES = {
    "subclass chain and equivalence": (
        "ex:A rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:C . ex:C owl:equivalentClass ex:D . ex:x a ex:A .",
        ("x", RDF.type, "D")),
    "domain and range": (
        'ex:p rdfs:domain ex:A ; rdfs:range ex:B . ex:name rdfs:range xsd:string . ex:x ex:p ex:y ; ex:name "x", "y"@fr .',
        ("y", RDF.type, "B")),
    "subproperty and equivalent property": (
        "ex:p rdfs:subPropertyOf ex:q . ex:q owl:equivalentProperty ex:r . ex:x ex:p ex:y .",
        ("x", "r", "y")),
    "inverse": ("ex:p owl:inverseOf ex:q . ex:x ex:p ex:y . ex:z ex:q ex:w .", ("w", "p", "z")),
    "symmetric": ("ex:near a owl:SymmetricProperty . ex:a ex:near ex:b .", ("b", "near", "a")),
    "transitive chain": (
        "ex:partOf a owl:TransitiveProperty . ex:a ex:partOf ex:b . ex:b ex:partOf ex:c . ex:c ex:partOf ex:d .",
        ("a", "partOf", "d")),
    "functional property with two values: sameAs and its replacement": (
        "ex:capital a owl:FunctionalProperty . ex:kz ex:capital ex:astana, ex:nursultan . "
        "ex:astana a ex:City ; ex:founded ex:y1830 . ex:v ex:visits ex:nursultan .",
        ("v", "visits", "astana")),
    "functional datatype property with two literals": (
        'ex:code a owl:FunctionalProperty, owl:DatatypeProperty . ex:kz ex:code "KZ", "KAZ" . ex:other ex:tag "KZ" .',
        ("other", "tag", Literal("KAZ"))),
    "inverse functional property": (
        "ex:iso a owl:InverseFunctionalProperty . ex:a ex:iso ex:KZ . ex:b ex:iso ex:KZ . ex:a a ex:State .",
        ("b", RDF.type, "State")),
    "disjoint classes clash": ("ex:A owl:disjointWith ex:B . ex:x a ex:A . ex:y a ex:B . ex:x a ex:B .",
                               "Disjoint classes https://example.org/A and https://example.org/B"),
    "AllDisjointClasses clash": (
        "[] a owl:AllDisjointClasses ; owl:members (ex:A ex:B ex:C) . ex:x a ex:A, ex:C . ex:y a ex:B .",
        "common individual https://example.org/x"),
    "disjointness reached through a range": (
        "ex:A owl:disjointWith ex:B . ex:invitedBy rdfs:range ex:A . ex:v ex:invitedBy ex:s . ex:s a ex:B .",
        "common individual https://example.org/s"),
    "unionOf": ("ex:Agent owl:unionOf (ex:Person ex:Org) . ex:x a ex:Person .", ("x", RDF.type, "Agent")),
    "intersectionOf": ("ex:PM owl:intersectionOf (ex:Person ex:Minister) . ex:x a ex:Person, ex:Minister . ex:y a ex:PM .",
                       ("x", RDF.type, "PM")),
    "member of owl:Nothing": ("ex:A rdfs:subClassOf owl:Nothing . ex:x a ex:A .", "is a member of owl:Nothing"),
    "ill-typed literal, datatypes of literals": (
        'ex:n rdfs:range xsd:string . ex:x ex:n "5"^^xsd:integer, "abc"^^xsd:integer . ex:y ex:m "s"^^xsd:string .',
        "does not match its datatype"),
    "sameAs and differentFrom": (
        "ex:fp a owl:FunctionalProperty . ex:a ex:fp ex:x, ex:y . ex:x owl:differentFrom ex:y .",
        "'sameAs' and 'differentFrom'"),
    "a range of owl:Class (instance reasoning adds schema)": (
        "ex:kind rdfs:range owl:Class . ex:x ex:kind ex:K . ex:K rdfs:subClassOf ex:L . ex:y a ex:K .",
        ("y", RDF.type, "L")),
    "sameAs between classes (instance reasoning adds schema)": (
        "ex:C owl:sameAs ex:D . ex:C rdfs:subClassOf ex:E . ex:x a ex:D .", ("x", RDF.type, "E")),
    # a user ontology with what the project's does not use: OWL 2 RL restrictions, keys, chains...
    "someValuesFrom, allValuesFrom, hasValue": (
        "ex:Parent owl:equivalentClass [ owl:onProperty ex:hasChild ; owl:someValuesFrom ex:Person ] . "
        "ex:Vegan rdfs:subClassOf [ owl:onProperty ex:eats ; owl:allValuesFrom ex:Plant ] . "
        "ex:Kazakh owl:equivalentClass [ owl:onProperty ex:citizenOf ; owl:hasValue ex:KZ ] . "
        "ex:a ex:hasChild ex:b . ex:b a ex:Person . ex:v a ex:Vegan ; ex:eats ex:kale . ex:k ex:citizenOf ex:KZ .",
        ("a", RDF.type, "Parent")),
    "maxCardinality and maxQualifiedCardinality": (
        'ex:One rdfs:subClassOf [ owl:onProperty ex:head ; owl:maxCardinality "1"^^xsd:nonNegativeInteger ] . '
        'ex:None rdfs:subClassOf [ owl:onProperty ex:head ; owl:maxCardinality "0"^^xsd:nonNegativeInteger ] . '
        'ex:Q rdfs:subClassOf [ owl:onProperty ex:m ; owl:onClass ex:P ; '
        'owl:maxQualifiedCardinality "1"^^xsd:nonNegativeInteger ] . '
        "ex:s a ex:One ; ex:head ex:h1, ex:h2 . ex:n a ex:None ; ex:head ex:h3 . ex:q a ex:Q ; ex:m ex:p1, ex:p2 . "
        "ex:p1 a ex:P . ex:p2 a ex:P .",
        ("p1", OWL.sameAs, "p2")),
    "hasKey (owlrl compares the first n-1 keys)": (
        "ex:State owl:hasKey (ex:iso ex:name) . ex:a a ex:State ; ex:iso ex:KZ ; ex:name ex:n1 . "
        "ex:b a ex:State ; ex:iso ex:KZ ; ex:name ex:n2 .",
        ("a", OWL.sameAs, "b")),
    "propertyChainAxiom": (
        "ex:uncle owl:propertyChainAxiom (ex:parent ex:brother) . ex:a ex:parent ex:b . ex:b ex:brother ex:c .",
        ("a", "uncle", "c")),
    "complementOf, irreflexive, asymmetric, disjoint properties, negative assertion, AllDifferent": (
        "ex:A owl:complementOf ex:B . ex:x a ex:A, ex:B . ex:r a owl:IrreflexiveProperty . ex:x ex:r ex:x . "
        "ex:s a owl:AsymmetricProperty . ex:x ex:s ex:y . ex:y ex:s ex:x . ex:p owl:propertyDisjointWith ex:q . "
        "ex:x ex:p ex:y ; ex:q ex:y . [] a owl:AllDisjointProperties ; owl:members (ex:p ex:q ex:t) . "
        "[] a owl:NegativePropertyAssertion ; owl:sourceIndividual ex:x ; owl:assertionProperty ex:p ; "
        "owl:targetIndividual ex:y . [] a owl:AllDifferent ; owl:members (ex:u ex:w ex:k) .",
        "Negative (object) property assertion"),
}


def _term(x):
    return x if isinstance(x, (URIRef, Literal)) else URIRef(EX + x)


@pytest.mark.parametrize("name", list(CASES))
def test_rule_equals_owlrl(name):
    text, expect = CASES[name]
    res = same_closure(Graph().parse(data=PREFIXES + text, format="turtle"))
    if isinstance(expect, str):
        assert any(expect in c for c in res.clashes), res.clashes
    else:
        assert tuple(map(_term, expect)) in res.inferred


def test_what_it_does_not_reproduce_goes_to_owlrl(caplog):
    """owl:sameAs used as a property: owlrl has ``x owl:sameAs x`` for every
    term, which this engine leaves implicit; it says so and runs owlrl."""
    g = Graph().parse(data=PREFIXES + "owl:sameAs rdfs:domain ex:Thing . ex:a owl:sameAs ex:b . ex:c ex:p ex:d .",
                      format="turtle")
    res = same_closure(g, engine="owlrl")
    assert (URIRef(EX + "c"), RDF.type, URIRef(EX + "Thing")) in res.inferred
    assert "owl:sameAs as a property" in caplog.text


def test_members_made_equal_go_to_owlrl(caplog):
    """owl:AllDifferent with two members made equal: owlrl then reads the
    members' list with two rdf:first on a node, and picks one by hash order."""
    g = Graph().parse(data=PREFIXES + "ex:f a owl:FunctionalProperty . ex:z ex:f ex:u, ex:w . "
                      "[] a owl:AllDifferent ; owl:members (ex:u ex:w ex:k) .", format="turtle")
    assert closure(g).engine == "owlrl"
    assert "two rdf:first" in caplog.text


def _random_graph(rnd: random.Random) -> Graph:
    """A small random graph mixing every construct owlrl implements."""
    g = Graph()
    C = [URIRef(f"{EX}C{i}") for i in range(rnd.randint(2, 5))]
    P = [URIRef(f"{EX}p{i}") for i in range(rnd.randint(2, 4))]
    D = [URIRef(f"{EX}d{i}") for i in range(2)]
    X = [URIRef(f"{EX}x{i}") for i in range(rnd.randint(2, 6))]
    lits = [Literal("a"), Literal("a", lang="en"), Literal("1", datatype=XSD.integer), Literal("x", datatype=XSD.string),
            Literal("2024-01-01", datatype=XSD.date), Literal("true", datatype=XSD.boolean)]
    pick = rnd.choice

    def lst(items):
        b = BNode()
        Collection(g, b, list(items))
        return b

    def restriction():
        r = BNode()
        g.add((r, OWL.onProperty, pick(P)))
        g.add((pick(C), RDFS.subClassOf, r) if rnd.random() < 0.5 else (r, RDFS.subClassOf, pick(C)))
        return r

    axioms = [
        lambda: g.add((pick(C), RDFS.subClassOf, pick(C + [OWL.Thing]))),
        lambda: g.add((pick(C), OWL.equivalentClass, pick(C))),
        lambda: g.add((pick(P + D), RDFS.domain, pick(C))),
        lambda: g.add((pick(P), RDFS.range, pick(C + [OWL.Class]))),
        lambda: g.add((pick(D), RDFS.range, pick([XSD.string, XSD.integer, RDFS.Literal]))),
        lambda: g.add((pick(P), pick([RDFS.subPropertyOf, OWL.equivalentProperty, OWL.inverseOf,
                                      OWL.propertyDisjointWith]), pick(P))),
        lambda: g.add((pick(P + D), RDF.type, pick([OWL.FunctionalProperty, OWL.InverseFunctionalProperty,
                                                    OWL.SymmetricProperty, OWL.TransitiveProperty,
                                                    OWL.IrreflexiveProperty, OWL.AsymmetricProperty]))),
        lambda: g.add((pick(P), OWL.propertyChainAxiom, lst(pick(P) for _ in range(rnd.randint(1, 3))))),
        lambda: g.add((restriction(), OWL.someValuesFrom, pick(C + [OWL.Thing]))),
        lambda: g.add((restriction(), OWL.allValuesFrom, pick(C))),
        lambda: g.add((restriction(), OWL.hasValue, pick(X))),
        lambda: g.add((restriction(), OWL.maxCardinality, Literal(rnd.choice([0, 1]), datatype=XSD.nonNegativeInteger))),
        lambda: g.add((pick(C), pick([OWL.intersectionOf, OWL.unionOf]), lst(rnd.sample(C, rnd.randint(1, 3))))),
        lambda: g.add((pick(C), pick([OWL.disjointWith, OWL.complementOf]), pick(C))),
        lambda: g.add((pick(C), OWL.hasKey, lst(rnd.sample(P, rnd.randint(1, 2))))),
    ]
    for _ in range(rnd.randint(1, 8)):
        pick(axioms)()
    for _ in range(rnd.randint(2, 20)):
        r = rnd.random()
        g.add((pick(X), RDF.type, pick(C)) if r < 0.35 else (pick(X), pick(P), pick(X)) if r < 0.75
              else (pick(X), pick(D), pick(lits)) if r < 0.85 else (pick(X), pick([OWL.sameAs, OWL.differentFrom]), pick(X))
              if r < 0.95 else (pick(X), pick(P), pick(C)))
    return g


@pytest.mark.parametrize("seed", range(25))
def test_random_graphs_equal_owlrl(seed):
    g = _random_graph(random.Random(seed))
    ref, fast = closure(g, "owlrl"), closure(g, "rules")
    assert set(fast.inferred) == set(ref.inferred) and fast.clashes == ref.clashes


@pytest.mark.slow
def test_synthetic_data_with_defects_equals_owlrl():
    """20 synthetic visits, 60% with a defect: each kind once, among them a
    disjointness clash, a range clash and a functional property with two
    values (owl:sameAs)."""
    import pyoxigraph as ox
    from kg.io.terms import from_oxigraph
    from kg.synth.data import generate

    defects: list = []
    g = Graph()
    for q in generate(20, seed=5, violations=0.6, defects=defects):
        g.add((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)))
    kinds = {d.kind for d in defects}
    assert {"disjoint-types", "range-clash", "functional-twice"} <= kinds
    res = same_closure(with_ontology(g))
    assert any(p == OWL.sameAs for _, p, _ in res.inferred)
    assert res.clashes
    # and without rdflib, on pyoxigraph terms
    triples, clashes = closure_quads(generate(20, seed=5, violations=0.6))
    assert clashes == res.clashes
    assert {tuple(map(from_oxigraph, t)) for t in triples} == set(res.inferred)
    assert all(isinstance(t, ox.Triple) for t in triples)


# -- kg reason ------------------------------------------------------------------------

def _graphs(path) -> dict:
    ds = Dataset()
    ds.parse(path, format="trig")
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


def test_kg_reason_engines_give_isomorphic_output(kg, tmp_path):
    fast, ref = tmp_path / "rules.trig", tmp_path / "owlrl.trig"
    kg("reason", "--out", fast)
    kg("reason", "--engine", "owlrl", "--out", ref)
    a, b = _graphs(fast), _graphs(ref)
    assert sorted(a) == sorted(b) and INFERRED_GRAPH in a
    for name in a:
        assert isomorphic(a[name], b[name]), name
    again = tmp_path / "again.trig"
    kg("reason", "--out", again)
    assert again.read_bytes() == fast.read_bytes()


def test_closure_quads_literals_as_written():
    """closure_quads takes literals as written by default, as rdflib reads them
    with NORMALIZE_LITERALS off: "01" and "1" are two integers, two values of
    a functional property, so owl:sameAs; normalised, they are one."""
    import pyoxigraph as ox

    ex, integer = "https://example.org/", ox.NamedNode(str(XSD.integer))
    code = ox.NamedNode(ex + "code")
    quads = [ox.Triple(code, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(OWL.FunctionalProperty))),
             ox.Triple(ox.NamedNode(ex + "a"), code, ox.Literal("01", datatype=integer)),
             ox.Triple(ox.NamedNode(ex + "a"), code, ox.Literal("1", datatype=integer)),
             ox.Triple(ox.NamedNode(ex + "b"), code, ox.Literal("1", datatype=integer))]
    g = Graph()
    for t in quads:
        o = t.object
        g.add((URIRef(t.subject.value), URIRef(t.predicate.value),
               Literal(o.value, datatype=XSD.integer, normalize=False) if isinstance(o, ox.Literal) else URIRef(o.value)))
    ref = closure(g, "owlrl")
    written, clashes = closure_quads(quads, [])
    assert clashes == ref.clashes
    assert {(URIRef(s.value), URIRef(p.value), Literal(o.value, datatype=XSD.integer, normalize=False)
             if isinstance(o, ox.Literal) else URIRef(o.value)) for s, p, o in written} == set(ref.inferred)
    assert any(t.object.value == "01" for t in written)          # b's code, copied through owl:sameAs
    assert not any(isinstance(t.object, ox.Literal) for t in closure_quads(quads, [], as_written=False)[0])


@pytest.mark.parametrize("extra", ["", 'ex:d ex:sub "s"^^xsd:string .'])
def test_kg_reason_reads_literals_as_rdflib_does(kg, tmp_path, extra):
    """pyoxigraph keeps "01"^^xsd:integer as written, rdflib (so owlrl) reads
    "1": the same term as "1"^^xsd:integer, which matters to a functional
    property. "s"^^xsd:string, which pyoxigraph cannot tell from "s", is read
    by rdflib."""
    data = tmp_path / "literals.ttl"
    data.write_text(PREFIXES + 'ex:code a owl:FunctionalProperty . ex:a ex:code "01"^^xsd:integer, "1"^^xsd:integer . '
                    'ex:b ex:flag "1"^^xsd:boolean ; ex:n " 12"^^xsd:integer . ex:sub rdfs:subPropertyOf ex:sup . '
                    'ex:c ex:sub "007"^^xsd:integer, "x"@en . ex:e ex:code ex:u, ex:v . ' + extra, encoding="utf-8")
    fast, ref = tmp_path / "rules.trig", tmp_path / "owlrl.trig"
    kg("reason", "--data", data, "--out", fast)
    kg("reason", "--data", data, "--engine", "owlrl", "--out", ref)
    a, b = _graphs(fast), _graphs(ref)
    assert sorted(a) == sorted(b)
    for name in a:
        assert isomorphic(a[name], b[name]), name


def test_kg_reason_bad_input_is_one_line(kg, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://example.org/a> <https://example.org/p> .\n", encoding="utf-8")
    res = kg("reason", "--data", bad, ok=2)
    assert res.output.strip().startswith(f"kg: error: {bad}:1:")
    assert len(res.output.strip().splitlines()) == 1
