"""The OWL ontology (ontology/dipkg.ttl): contract with docs/MODEL.md, quality
checks (ontology/checks/*.rq), OWL 2 RL consistency, and the level order.

Every quality check is shown to pass on the ontology *and* to fail on a copy
of it broken on purpose, so that a check that can never fire is caught.
"""
from __future__ import annotations

import itertools
import re
from pathlib import Path

import owlrl
import pytest
from owlrl.Namespaces import ERRNS
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS

ROOT = Path(__file__).parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY = ONTOLOGY_DIR / "dipkg.ttl"
CHECKS = ONTOLOGY_DIR / "checks"
MODEL = ROOT / "docs" / "MODEL.md"

DIP = Namespace("https://w3id.org/dipkg/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # a plain namespace: no warnings on introspection
ONT = URIRef("https://w3id.org/dipkg/ontology")
PREFIXES = {"dip": DIP, "org": ORG, "oa": OA, "schema": SCHEMA, "prov": PROV, "foaf": FOAF,
            "skos": SKOS, "dct": DCTERMS, "xsd": XSD, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "time": Namespace("http://www.w3.org/2006/time#")}

CHECK_FILES = sorted(p.name for p in CHECKS.glob("*.rq"))


def load() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="session")
def ont() -> Graph:
    return load()


def run_check(g: Graph, name: str) -> list[tuple]:
    return [tuple(row) for row in g.query((CHECKS / name).read_text(encoding="utf-8"))]


def copy(g: Graph) -> Graph:
    out = Graph()
    for t in g:
        out.add(t)
    return out


def expand(name: str) -> URIRef:
    prefix, local = name.split(":", 1)
    return PREFIXES[prefix][local]


def closure(g: Graph) -> tuple[Graph, list[str]]:
    """The OWL 2 RL closure of a copy of ``g`` and its clash messages."""
    c = copy(g)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(c)
    errors = [str(m) for e in c.subjects(RDF.type, ERRNS.ErrorMessage) for m in c.objects(e, ERRNS.error)]
    errors += [f"{s} is a member of owl:Nothing" for s in c.subjects(RDF.type, OWL.Nothing)]
    return c, errors


# -- (1) the file ------------------------------------------------------------------

def test_parses_with_version_iri_and_license(ont):
    assert (ONT, RDF.type, OWL.Ontology) in ont
    assert (ONT, OWL.versionIRI, URIRef("https://w3id.org/dipkg/ontology/0.1.0")) in ont
    assert (ONT, OWL.versionInfo, Literal("0.1.0")) in ont
    assert (ONT, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in ont
    for p in (DCTERMS.title, DCTERMS.description):
        assert {o.language for o in ont.objects(ONT, p)} == {"en", "fr"}, p


def test_no_blank_nodes(ont):
    """MODEL.md: no blank nodes anywhere. The ontology graph is part of the
    built data, which must serialise byte for byte; it also rules out OWL
    restrictions and class expressions, keeping the ontology in OWL 2 RL."""
    assert not [t for t in ont if any(isinstance(x, BNode) for x in t)]


def test_no_axiom_beyond_a_declaration_on_reused_terms(ont):
    """Terms of other vocabularies are typed and labelled, never redefined
    (ORG's own org:heldBy owl:inverseOf org:holds excepted)."""
    allowed = {RDF.type, RDFS.label}
    extra = [(s, p, o) for s, p, o in ont
             if isinstance(s, URIRef) and not s.startswith(str(DIP)) and s != ONT and p not in allowed
             and (s, p, o) != (ORG.heldBy, OWL.inverseOf, ORG.holds)]
    assert extra == []


# -- (2) the quality checks ---------------------------------------------------------

def test_there_are_checks():
    assert len(CHECK_FILES) >= 12


@pytest.mark.parametrize("name", CHECK_FILES)
def test_check_has_a_comment_saying_what_it_checks(name):
    first = (CHECKS / name).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Check: ") and len(first) > 20


@pytest.mark.parametrize("name", CHECK_FILES)
def test_check_passes(ont, name):
    assert run_check(ont, name) == []


def _remove(s, p, lang=None):
    def f(g):
        for o in list(g.objects(s, p)):
            if lang is None or getattr(o, "language", None) == lang:
                g.remove((s, p, o))
    return f


def _add(*triple):
    return lambda g: g.add(triple)


def _replace(s, p, o):
    def f(g):
        g.remove((s, p, None))
        g.add((s, p, o))
    return f


def _steps(*fs):
    def f(g):
        for step in fs:
            step(g)
    return f


# (check, what is broken, the term expected in a row, how)
BREAKAGES = [
    ("label-en-missing.rq", "class without English label", DIP.Visit, _remove(DIP.Visit, RDFS.label, "en")),
    ("label-en-missing.rq", "concept without English prefLabel", DIP["visit-official"],
     _remove(DIP["visit-official"], SKOS.prefLabel, "en")),
    ("label-fr-missing.rq", "property without French label", DIP.guest, _remove(DIP.guest, RDFS.label, "fr")),
    ("label-fr-missing.rq", "scheme without French prefLabel", DIP.Metrics, _remove(DIP.Metrics, SKOS.prefLabel, "fr")),
    ("definition-en-missing.rq", "property without English definition", DIP.rank,
     _remove(DIP.rank, SKOS.definition, "en")),
    ("definition-fr-missing.rq", "concept without French definition", DIP["level-strategic_partnership"],
     _remove(DIP["level-strategic_partnership"], SKOS.definition, "fr")),
    ("definition-fr-missing.rq", "class without French definition", DIP.Tenure,
     _remove(DIP.Tenure, SKOS.definition, "fr")),
    ("duplicate-label.rq", "two English labels", DIP.State, _add(DIP.State, RDFS.label, Literal("Country", lang="en"))),
    ("concept-without-notation.rq", "concept without notation", DIP["visit-state"],
     _remove(DIP["visit-state"], SKOS.notation)),
    ("concept-not-in-scheme.rq", "concept in no scheme", DIP["role-ambassador"],
     _remove(DIP["role-ambassador"], SKOS.inScheme)),
    ("concept-notation-not-plain.rq", "notation with a language tag", DIP["doc-agreement"],
     _replace(DIP["doc-agreement"], SKOS.notation, Literal("agreement", lang="en"))),
    ("scheme-without-top-concept.rq", "scheme without top concept", DIP.ChangeKinds,
     _steps(_remove(DIP.ChangeKinds, SKOS.hasTopConcept),
            lambda g: g.remove((None, SKOS.topConceptOf, DIP.ChangeKinds)))),
    ("top-concept-asymmetric.rq", "topConceptOf without hasTopConcept", DIP["status-planned"],
     lambda g: g.remove((DIP.EventStatuses, SKOS.hasTopConcept, DIP["status-planned"]))),
    ("undeclared-term.rq", "class used in a range but not declared", DIP.City,
     lambda g: g.remove((DIP.City, RDF.type, OWL.Class))),
    ("undeclared-term.rq", "property used but not declared", DIP.rank,
     lambda g: g.remove((DIP.rank, RDF.type, OWL.DatatypeProperty))),
    ("property-kind-mismatch.rq", "object property with a datatype range", DIP.capital,
     _replace(DIP.capital, RDFS.range, XSD.string)),
    ("level-without-rank.rq", "level without rank", DIP["level-comprehensive_partnership"],
     _remove(DIP["level-comprehensive_partnership"], DIP.rank)),
    ("level-without-rank.rq", "level with two ranks", DIP["level-strategic_partnership"],
     _add(DIP["level-strategic_partnership"], DIP.rank, Literal(5))),
    ("level-order-disagrees.rq", "ranks swapped", DIP["level-strategic_partnership"],
     _steps(_replace(DIP["level-strategic_partnership"], DIP.rank, Literal(2)),
            _replace(DIP["level-comprehensive_partnership"], DIP.rank, Literal(3)))),
    ("level-order-disagrees.rq", "order chain broken", DIP["level-comprehensive_partnership"],
     lambda g: g.remove((DIP["level-comprehensive_partnership"], DIP.higherThan, None))),
    ("duplicate-notation.rq", "two concepts with one notation", Literal("official"),
     _replace(DIP["visit-other"], SKOS.notation, Literal("official"))),
    ("missing-isdefinedby.rq", "class without rdfs:isDefinedBy", DIP.Talks,
     _remove(DIP.Talks, RDFS.isDefinedBy)),
    ("missing-isdefinedby.rq", "concept without rdfs:isDefinedBy", DIP["metric-bilateral_trade"],
     _remove(DIP["metric-bilateral_trade"], RDFS.isDefinedBy)),
]


@pytest.mark.parametrize("check,what,term,breakage", BREAKAGES, ids=[f"{b[0]}:{b[1]}" for b in BREAKAGES])
def test_check_can_fail(ont, check, what, term, breakage):
    g = copy(ont)
    breakage(g)
    rows = run_check(g, check)
    assert rows, f"{check} did not catch: {what}"
    assert any(term in row for row in rows), f"{check} flagged {rows}, not {term}"


def test_every_check_is_shown_to_fail():
    assert sorted({b[0] for b in BREAKAGES}) == CHECK_FILES


# -- (3) OWL 2 RL consistency ---------------------------------------------------------

def test_owl_rl_closure_has_no_clash(ont):
    c = copy(ont)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(c)
    assert list(c.subjects(RDF.type, OWL.Nothing)) == []
    assert [str(m) for e in c.subjects(RDF.type, ERRNS.ErrorMessage) for m in c.objects(e, ERRNS.error)] == []
    assert list(c.subjects(RDF.type, ERRNS.ErrorMessage)) == []


# Instance data using every dip: property on every class MODEL.md allows it on.
SAMPLE = """
@prefix dip: <https://w3id.org/dipkg/ontology#> .
@prefix id: <https://w3id.org/dipkg/id/> .
@prefix src: <https://w3id.org/dipkg/source/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

id:state_KZ a dip:State ; dip:isoCode "KZ" ; dip:capital id:city_astana ; skos:prefLabel "Kazakhstan"@en .
id:state_VN a dip:State ; dip:isoCode "VN" ; skos:prefLabel "Vietnam"@en .
id:city_astana a dip:City ; skos:prefLabel "Astana"@en ; skos:altLabel "Noursoultan"@fr ;
    dip:evidence id:anchor_s_0-5 .
id:organization_eaeu a dip:Organization ; skos:prefLabel "Eurasian Economic Union"@en .
id:person_a a dip:Person ; foaf:name "A" ; org:holds id:post_KZ_head_of_state .
id:person_b a dip:Person ; foaf:name "B" .
id:post_KZ_head_of_state a org:Post ; org:role dip:role-head_of_state ; org:postIn id:state_KZ .
id:tenure_KZ_head_of_state_a a dip:Tenure ; org:member id:person_a ; org:organization id:state_KZ ;
    org:role dip:role-head_of_state ; dip:post id:post_KZ_head_of_state ;
    prov:wasDerivedFrom src:s ; dip:evidence id:anchor_s_0-5 ;
    org:memberDuring id:tenure_KZ_head_of_state_a_during .
id:tenure_KZ_head_of_state_a_during a <http://www.w3.org/2006/time#Interval> ;
    <http://www.w3.org/2006/time#inside> id:instant_2023-08 .
id:instant_2023-08 a <http://www.w3.org/2006/time#Instant> ; dip:instantDate "2023-08-01T00:00:00"^^xsd:dateTime .
id:organization_party_VN a dip:Organization ; skos:prefLabel "Parti communiste du Vietnam"@fr ; dip:ofState id:state_VN .
id:relation_KZ-VN a dip:BilateralRelation ; dip:state id:state_KZ , id:state_VN ;
    dip:priorityArea id:area_trade ; prov:wasDerivedFrom src:s .
id:area_trade a dip:CooperationArea ; skos:prefLabel "commerce"@fr , "trade"@en ; skos:inScheme id:areas ; skos:topConceptOf id:areas .
id:areas a skos:ConceptScheme .
id:visit_v a dip:Visit ; dip:guest id:person_a ; dip:guestState id:state_KZ ; dip:hostState id:state_VN ;
    dip:visitType dip:visit-state ; dip:invitedBy id:person_b ; dip:status dip:status-happened ;
    dip:startDate "2023-08-20T00:00:00"^^xsd:dateTime ; dip:datePrecision <http://www.w3.org/2006/time#unitDay> ; dip:endDate "2023-08-22T00:00:00"^^xsd:dateTime ; dip:place id:city_astana ;
    prov:wasDerivedFrom src:s_curated ; dip:evidence id:anchor_s_0-5 .
id:talks_t a dip:Talks ; dip:participant id:person_a , id:person_b ; dip:status dip:status-happened ;
    dip:date "2023-08-21T00:00:00"^^xsd:dateTime ; dip:datePrecision <http://www.w3.org/2006/time#unitDay> ; dip:duringVisit id:visit_v ; dip:place id:city_astana ;
    dip:discussed "situation régionale"@fr .
id:meeting_m a dip:Meeting ; dip:participant id:person_a , id:person_b ; dip:status dip:status-planned ;
    dip:date "2023-08-01T00:00:00"^^xsd:dateTime ; dip:datePrecision <http://www.w3.org/2006/time#unitMonth> .
id:change_c a dip:PartnershipChange ; dip:relation id:relation_KZ-VN ;
    dip:fromLevel dip:level-comprehensive_partnership ; dip:toLevel dip:level-strategic_partnership ;
    dip:changeKind dip:change-elevation ; dip:date "2025-01-01T00:00:00"^^xsd:dateTime ; dip:datePrecision <http://www.w3.org/2006/time#unitYear> ; dip:duringVisit id:visit_v ; dip:afterTalks id:talks_t ;
    dip:priorityArea id:area_trade ; dip:status dip:status-happened ; dip:state id:state_KZ .
id:flights_f a dip:FlightsOpening ; dip:state id:state_KZ , id:state_VN ; dip:date "2023-01-01T00:00:00"^^xsd:dateTime ; dip:datePrecision <http://www.w3.org/2006/time#unitYear> .
id:description_d a dip:RelationDescription ; dip:relation id:relation_KZ-VN ;
    dip:description "relations d'amitié"@fr ; dip:date "2023-08-01T00:00:00"^^xsd:dateTime ; dip:datePrecision <http://www.w3.org/2006/time#unitMonth> ;
    dip:level dip:level-friendship_and_cooperation .
id:document_p a dip:Document ; dip:documentKind dip:doc-action_plan ; dip:status dip:status-happened ;
    dip:topic "commerce"@fr ; dip:party id:state_KZ , id:organization_eaeu ;
    dip:periodStart 2023 ; dip:periodEnd 2025 ;
    dip:date "2023-08-21T00:00:00"^^xsd:dateTime ; dip:datePrecision <http://www.w3.org/2006/time#unitDay> ; dip:duringVisit id:visit_v ; dip:state id:state_VN ;
    dip:evidence id:anchor_s_0-5 ; prov:wasDerivedFrom src:s .
id:target_t a dip:Target ; dip:relation id:relation_KZ-VN ; dip:metric dip:metric-bilateral_trade ;
    dip:targetValue "3000000000"^^xsd:decimal ; dip:unit "USD" ; dip:horizonYears 5 ;
    dip:horizonYear 2030 .
id:proposal_p a dip:Proposal ; dip:proposedBy id:person_a ; dip:addressedTo id:state_VN ;
    dip:description "ouvrir une ligne"@fr .
id:commitment_c a dip:Commitment ; dip:committedBy id:state_KZ ; dip:addressedTo id:state_VN ;
    dip:concerns id:organization_eaeu ; dip:party id:state_KZ , id:organization_eaeu ;
    dip:description "soutenir"@fr ; dip:cooperationArea id:area_trade .
id:honour_h a dip:Honour ; dip:conferringState id:state_KZ ; dip:honourClass 1 .
id:conferral_h a dip:HonourConferral ; dip:honour id:honour_h ; dip:recipient id:person_b ;
    dip:conferredBy id:person_a ; dip:date "2025-05-06T00:00:00"^^xsd:dateTime ; dip:datePrecision <http://www.w3.org/2006/time#unitDay> ; dip:duringVisit id:visit_v .
src:s a dip:Source ; dip:sourceText "Astana" ; dct:date "2023-08-01T00:00:00"^^xsd:dateTime ; dip:datePrecision <http://www.w3.org/2006/time#unitMonth> ; dip:dateBasis "text" ;
    dct:language "fr" ; dct:publisher "P" .
src:s_curated a dip:CuratedRecord ; dct:source "seeds/metadata.json" ;
    dct:description "curated"@en .
id:anchor_s_0-5 a dip:EvidenceAnchor ; oa:hasSource src:s ; oa:hasSelector id:anchor_s_0-5_quote , id:anchor_s_0-5_position .
id:anchor_s_0-5_quote a oa:TextQuoteSelector ; oa:exact "Astan" .
id:anchor_s_0-5_position a oa:TextPositionSelector ;
    oa:start "0"^^xsd:nonNegativeInteger ; oa:end "5"^^xsd:nonNegativeInteger .
"""


def wrong_types(g: Graph) -> tuple[list[str], list[str]]:
    """Clashes of ``g``'s closure, and dip: classes the closure gives a node
    that none of its asserted classes implies (a domain or range too wide)."""
    c, errors = closure(g)
    supers = {}
    for cls in set(g.subjects(RDF.type, OWL.Class)):
        supers[cls] = set(g.transitive_objects(cls, RDFS.subClassOf))
    wrong = []
    for node in set(g.subjects(RDF.type, None)):
        implied = set().union(*[supers.get(a, {a}) for a in g.objects(node, RDF.type)])
        for got in c.objects(node, RDF.type):
            if isinstance(got, URIRef) and got.startswith(str(DIP)) and got not in implied:
                wrong.append(f"{node} inferred a {got}")
    return errors, sorted(wrong)


def test_multi_class_properties_infer_no_wrong_type(ont):
    """Domains and ranges hold for every use MODEL.md makes of a property."""
    sample = Graph().parse(data=SAMPLE, format="turtle")
    properties = {p for k in (OWL.ObjectProperty, OWL.DatatypeProperty) for p in ont.subjects(RDF.type, k)
                  if p.startswith(str(DIP))}
    unused = properties - set(sample.predicates()) - {DIP.rank, DIP.higherThan}  # used by the ontology itself
    assert unused == set(), "add a use of each new property to SAMPLE"
    g = copy(ont)
    g.parse(data=SAMPLE, format="turtle")
    assert wrong_types(g) == ([], [])


WRONG_AXIOMS = [
    ("status domain Event (but documents have a status)", (DIP.status, RDFS.domain, DIP.Event)),
    ("date domain Event (but documents have a date)", (DIP.date, RDFS.domain, DIP.Event)),
    ("party range State (but organisations are parties)", (DIP.party, RDFS.range, DIP.State)),
    ("evidence domain Event (but cities carry evidence)", (DIP.evidence, RDFS.domain, DIP.Event)),
]


@pytest.mark.parametrize("what,axiom", WRONG_AXIOMS, ids=[w[0] for w in WRONG_AXIOMS])
def test_a_too_wide_domain_or_range_is_caught(ont, what, axiom):
    g = copy(ont)
    g.add(axiom)
    g.parse(data=SAMPLE, format="turtle")
    errors, wrong = wrong_types(g)
    assert errors or wrong, what


# -- the contract: docs/MODEL.md ---------------------------------------------------------

def _model_text() -> str:
    return MODEL.read_text(encoding="utf-8")


def _table_rows(cells: int) -> list[list[str]]:
    rows = []
    for line in _model_text().splitlines():
        if line.startswith("| dip:"):
            row = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(row) == cells:
                rows.append(row)
    return rows


def _disjoint_pairs() -> list[tuple[URIRef, URIRef]]:
    line = next(l for l in _model_text().splitlines() if l.startswith("Disjoint:"))
    pairs = []
    for group in line[len("Disjoint:"):].split(";"):
        names = [expand(n) for n in re.findall(r"dip:\w+", group)]
        pairs += list(itertools.combinations(names, 2))
    return pairs


def test_every_model_term_is_defined(ont):
    """Every dip: IRI MODEL.md names exists (class, property or concept), and
    every term of another vocabulary it uses is declared."""
    text = _model_text()
    dip_terms = {expand(n) for n in re.findall(r"\bdip:[A-Za-z][\w-]*", text)}
    assert len(dip_terms) > 70
    missing = [t for t in sorted(dip_terms) if (t, RDF.type, None) not in ont]
    assert missing == []
    external = {expand(n) for n in re.findall(r"\b(?:org|oa|schema|prov|foaf|skos|dct):[A-Za-z]\w*", text)}
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    undeclared = [t for t in sorted(external) if not kinds & set(ont.objects(t, RDF.type))]
    assert undeclared == []


def test_classes_and_superclasses_as_model_says(ont):
    rows = _table_rows(3)
    assert len(rows) > 20
    for names, superclasses, _ in rows:
        for cls in map(expand, re.findall(r"dip:\w+", names)):
            assert (cls, RDF.type, OWL.Class) in ont, cls
            for sup in map(expand, re.findall(r"\b(?:dip|org|prov|foaf|schema|oa|skos):\w+", superclasses)):
                assert (cls, RDFS.subClassOf, sup) in ont, (cls, sup)


def _side(text: str):
    """Class IRIs of one side of 'Domain → Range', or None if not a list of classes."""
    text = re.sub(r"\(.*?\)", "", text).strip()
    parts = [p.strip() for p in re.split(r"\s+or\s+|/", text) if p.strip()]
    out = []
    for p in parts:
        if re.fullmatch(r"[a-z]+:\w+", p):
            out.append(expand(p))
        elif re.fullmatch(r"[A-Z]\w*", p):
            out.append(DIP[p])
        else:
            return None       # "(various)", "any fact", "date", "...", a literal enumeration
    return out or None


def _common_superclasses(g: Graph, classes) -> set:
    sets = [set(g.transitive_objects(c, RDFS.subClassOf)) for c in classes]
    return set.intersection(*sets)


PROPERTY_ROWS = _table_rows(5)


@pytest.mark.parametrize("row", PROPERTY_ROWS, ids=[r[0] for r in PROPERTY_ROWS])
def test_property_as_model_says(ont, row):
    """Kind, functionality, domain and range of each dip: property of MODEL.md."""
    names, kind, signature, functional, _ = row
    domain_text, _, range_text = signature.partition("→")
    for prop in map(expand, re.findall(r"dip:\w+", names)):
        expected_kind = {"data": OWL.DatatypeProperty, "object": OWL.ObjectProperty}[kind]
        assert (prop, RDF.type, expected_kind) in ont, prop
        assert ((prop, RDF.type, OWL.FunctionalProperty) in ont) == (functional == "yes"), prop
        for axiom, text, must_be_absent_if_vague in ((RDFS.domain, domain_text, True),
                                                      (RDFS.range, range_text, False)):
            got = set(ont.objects(prop, axiom))
            want = _side(text)
            if want is None:
                if must_be_absent_if_vague:
                    assert got == set(), f"{prop} has {axiom} {got} but is used on {text.strip()!r}"
            elif len(want) == 1:
                assert got == set(want), (prop, axiom, got, want)
            else:  # several classes: none, or a common superclass (no union in OWL 2 RL)
                assert got <= _common_superclasses(ont, want), (prop, axiom, got, want)


@pytest.mark.parametrize("a,b", _disjoint_pairs(), ids=lambda x: x.split("#")[-1])
def test_disjointness_as_model_says(ont, a, b):
    assert (a, OWL.disjointWith, b) in ont or (b, OWL.disjointWith, a) in ont


@pytest.fixture(scope="session")
def clash_closure(ont):
    g = copy(ont)
    for a, b in _disjoint_pairs():
        x = URIRef(f"urn:test:{a.split('#')[-1]}-and-{b.split('#')[-1]}")
        g.add((x, RDF.type, a))
        g.add((x, RDF.type, b))
    # a subclass inherits the disjointness of its superclass
    g.add((URIRef("urn:test:Talks-and-Visit"), RDF.type, DIP.Talks))
    g.add((URIRef("urn:test:Talks-and-Visit"), RDF.type, DIP.Visit))
    return closure(g)[1]


@pytest.mark.parametrize("a,b", _disjoint_pairs() + [(DIP.Talks, DIP.Visit)], ids=lambda x: x.split("#")[-1])
def test_closure_reports_a_node_in_two_disjoint_classes(clash_closure, a, b):
    x = f"urn:test:{a.split('#')[-1]}-and-{b.split('#')[-1]}"
    assert any(m.endswith(" " + x) or m.startswith(x + " ") for m in clash_closure), x


# -- controlled vocabularies -------------------------------------------------------------

VOCABULARIES = {
    DIP.PartnershipLevels: (DIP.PartnershipLevel, "level", [
        "comprehensive_strategic_partnership", "strategic_partnership", "comprehensive_partnership",
        "friendship_and_cooperation"]),
    DIP.VisitTypes: (DIP.VisitType, "visit", ["state", "official", "working", "other", "unspecified"]),
    DIP.OfficeRoles: (DIP.OfficeRole, "role", [
        "head_of_state", "head_of_government", "party_general_secretary", "legislature_chair",
        "foreign_minister", "deputy_prime_minister", "vice_president", "ambassador", "other"]),
    DIP.DocumentKinds: (DIP.DocumentKind, "doc", [
        "agreement", "memorandum", "letter_of_intent", "programme", "action_plan", "joint_statement",
        "press_release", "orientations", "document"]),
    DIP.ChangeKinds: (DIP.ChangeKind, "change", ["establishment", "elevation"]),
    DIP.EventStatuses: (DIP.EventStatus, "status", ["happened", "planned"]),
    DIP.Metrics: (SKOS.Concept, "metric", ["bilateral_trade"]),
}


@pytest.mark.parametrize("scheme", sorted(VOCABULARIES), ids=lambda s: s.split("#")[-1])
def test_vocabulary(ont, scheme):
    cls, stem, notations = VOCABULARIES[scheme]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ont
    assert {o.language for o in ont.objects(scheme, SKOS.prefLabel)} == {"en", "fr"}
    members = set(ont.subjects(SKOS.inScheme, scheme))
    assert members == {DIP[f"{stem}-{n}"] for n in notations}
    for n in notations:
        c = DIP[f"{stem}-{n}"]
        assert (c, RDF.type, cls) in ont
        assert list(ont.objects(c, SKOS.notation)) == [Literal(n)]
        assert (c, SKOS.topConceptOf, scheme) in ont and (scheme, SKOS.hasTopConcept, c) in ont
        assert not list(ont.objects(c, SKOS.broader)) and not list(ont.objects(c, SKOS.narrower))
        if scheme == DIP.OfficeRoles:
            assert (c, RDF.type, ORG.Role) in ont


# -- (4) the order of partnership levels ---------------------------------------------------

RANKS = {"comprehensive_strategic_partnership": 4, "strategic_partnership": 3,
         "comprehensive_partnership": 2, "friendship_and_cooperation": 1}


def test_ranks_as_contract_says(ont):
    got = {str(n): r.toPython() for c in ont.subjects(RDF.type, DIP.PartnershipLevel)
           for n in ont.objects(c, SKOS.notation) for r in ont.objects(c, DIP.rank)}
    assert got == RANKS


def test_higher_than_path_and_rank_agree(ont):
    q = """PREFIX dip: <https://w3id.org/dipkg/ontology#>
           SELECT ?a ?b WHERE { ?a dip:higherThan+ ?b }"""
    by_path = {(a, b) for a, b in ont.query(q)}
    rank = {c: ont.value(c, DIP.rank).toPython() for c in ont.subjects(RDF.type, DIP.PartnershipLevel)}
    by_rank = {(a, b) for a in rank for b in rank if rank[a] > rank[b]}
    assert by_path == by_rank
    assert len(by_rank) == 6            # a total order on the four levels
    # asserted only between neighbours; the rest is transitivity
    asserted = set(ont.subject_objects(DIP.higherThan))
    assert asserted == {(a, b) for a, b in by_rank if rank[a] == rank[b] + 1}
    assert (DIP.higherThan, RDF.type, OWL.TransitiveProperty) in ont


def test_owl_rl_closure_completes_the_order(ont):
    c, errors = closure(ont)
    assert errors == []
    rank = {l: ont.value(l, DIP.rank).toPython() for l in ont.subjects(RDF.type, DIP.PartnershipLevel)}
    assert set(c.subject_objects(DIP.higherThan)) == {(a, b) for a in rank for b in rank if rank[a] > rank[b]}
