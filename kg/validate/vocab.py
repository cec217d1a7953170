"""Vocabulary checks: mistakes that SHACL shapes do not see.

Each check is named by an IRI in ``https://w3id.org/dipkg/checks#`` and
reports :class:`~kg.validate.report.Result` objects, as a shape would:

``UndefinedTerm`` (Violation; Warning in a vocabulary known only from rdflib's lists)
    a class, property or datatype IRI in a namespace the ontology covers
    (its own, and the vocabularies rdflib ships term lists for: RDF, RDFS,
    OWL, XSD, SHACL, SKOS, FOAF, PROV, ORG, Dublin Core, schema.org ...) that
    nothing defines, and any IRI of the ontology's own namespace the data
    refers to without describing it: a typo in a term. The closest defined
    term is suggested.
``IllTypedLiteral`` (Violation)
    a literal whose lexical form is not in its XSD datatype's lexical space
    (checked with the XML Schema 1.1 types of ``xmlschema``; RDF literals
    are not whitespace-normalised, so ``" 12"^^xsd:integer`` is ill-typed).
``MissingLabel``, ``MissingDefinition`` (Warning)
    a class, property, concept or concept scheme of the ontology's own
    namespace without an English or a French label (``rdfs:label`` or
    ``skos:prefLabel``) or definition (``skos:definition``, ``rdfs:comment``,
    ``dct:description`` or IAO's definition).
``InvalidShape`` (Violation)
    a shape that does not conform to the W3C's SHACL shapes for SHACL
    (SHACL §C; pySHACL's copy).

>>> from rdflib import Graph
>>> data = Graph().parse(data='''
...     @prefix dip: <https://w3id.org/dipkg/ontology#> .
...     <https://example.org/v> a dip:Vist .''', format="turtle")
>>> ont = Graph().parse(data='''
...     @prefix dip: <https://w3id.org/dipkg/ontology#> .
...     @prefix owl: <http://www.w3.org/2002/07/owl#> .
...     @prefix vann: <http://purl.org/vocab/vann/> .
...     <https://w3id.org/dipkg/ontology> a owl:Ontology ;
...         vann:preferredNamespaceUri "https://w3id.org/dipkg/ontology#" .
...     dip:Visit a owl:Class .''', format="turtle")
>>> [r.message for r in undefined_terms(data, ont)]
['https://w3id.org/dipkg/ontology#Vist is used as a class (1 time) but is not defined; did you mean https://w3id.org/dipkg/ontology#Visit?']
"""
from __future__ import annotations

import difflib
import inspect
import re
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as rdflib_namespaces
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, VANN, XSD

from ..io.read import load_graph
from ..io.store import select
from .report import CHECKS, Result, shape_name

UNDEFINED_TERM = CHECKS + "UndefinedTerm"
ILL_TYPED_LITERAL = CHECKS + "IllTypedLiteral"
MISSING_LABEL = CHECKS + "MissingLabel"
MISSING_DEFINITION = CHECKS + "MissingDefinition"
INVALID_SHAPE = CHECKS + "InvalidShape"
DATA_CHECKS = (UNDEFINED_TERM, ILL_TYPED_LITERAL, MISSING_LABEL, MISSING_DEFINITION)
CHECKS_RUN = DATA_CHECKS + (INVALID_SHAPE,)      # by kg check

# W3C Recommendations whose term lists are closed: an unknown term there is an error.
# Other vocabularies evolve faster than rdflib's lists, so an unknown term is a warning.
_CLOSED = {str(ns) for ns in (RDF, RDFS, OWL, XSD, SH, SKOS)}
_OWL_TERM_KINDS = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                   RDF.Property, RDFS.Datatype)
_LABELS = (RDFS.label, SKOS.prefLabel)
_DEFINITIONS = (SKOS.definition, RDFS.comment, DCTERMS.description,
                URIRef("http://purl.obolibrary.org/obo/IAO_0000115"))
# objects of these name other documents, not terms
_HEADER = {OWL.versionIRI, OWL.imports, OWL.priorVersion, OWL.backwardCompatibleWith, OWL.incompatibleWith,
           RDFS.isDefinedBy, RDFS.seeAlso}
_LANGS = (("en", "English"), ("fr", "French"))


def namespace_of(iri: str) -> str:
    """The namespace of a term: its IRI up to the last ``#`` or ``/``."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[:cut + 1]


@lru_cache(maxsize=1)
def known_terms() -> dict[str, frozenset[str]]:
    """rdflib's term lists (its ``DefinedNamespace`` classes), by namespace."""
    out = {}
    for cls in vars(rdflib_namespaces).values():
        if inspect.isclass(cls) and issubclass(cls, rdflib_namespaces.DefinedNamespace) \
                and cls is not rdflib_namespaces.DefinedNamespace:
            ns = str(cls._NS)
            names = set(getattr(cls, "__annotations__", {})) | set(getattr(cls, "_extras", ()))
            out[ns] = frozenset(ns + n for n in names if not n.startswith("_"))
    return out


def own_namespaces(ontology: Graph) -> set[str]:
    """The namespaces an ontology owns: its ``vann:preferredNamespaceUri``, or
    its IRI when that ends with ``#`` or ``/``, or its IRI followed by ``#``
    when it declares terms there."""
    out = {str(o) for o in ontology.objects(None, VANN.preferredNamespaceUri)}
    declared = {str(t) for k in _OWL_TERM_KINDS for t in ontology.subjects(RDF.type, k) if isinstance(t, URIRef)}
    for o in ontology.subjects(RDF.type, OWL.Ontology):
        if not isinstance(o, URIRef):
            continue
        if str(o).endswith(("#", "/")):
            out.add(str(o))
        elif any(t.startswith(str(o) + "#") for t in declared):
            out.add(str(o) + "#")
    return out


def undefined_terms(data: Graph, ontology: Graph) -> list[Result]:
    """Class, property and datatype IRIs (and references into the ontology's
    own namespace) that nothing defines; one result per term and use."""
    own = own_namespaces(ontology)
    defined = {s for s in ontology.subjects() if isinstance(s, URIRef)} | \
        {s for s in data.subjects() if isinstance(s, URIRef)}
    uses: dict[tuple[URIRef, str], list[tuple]] = {}

    def use(term, role, s, p):
        if isinstance(term, URIRef) and term not in defined and _checked(term, own):
            uses.setdefault((term, role), []).append((s, p))

    for s, p, o in data:
        use(p, "property", s, p)
        if p == RDF.type:
            use(o, "class", s, p)
        elif isinstance(o, Literal):
            if o.datatype is not None:
                use(o.datatype, "datatype", s, p)
        elif isinstance(o, URIRef) and p not in _HEADER and namespace_of(o) in own:
            use(o, "value", s, p)
    found = {key: (len(where), min(where, key=lambda sp: (isinstance(sp[0], BNode), str(sp[0]), str(sp[1]))))
             for key, where in uses.items()}
    return _undefined(found, defined, own)


def _checked(term: URIRef, own: set[str]) -> bool:
    """Whether a term's namespace is one whose terms can be known to be undefined."""
    ns = namespace_of(term)
    if ns == str(term):
        return False      # a namespace IRI (void:vocabulary dip:), not a term
    known = known_terms()
    return ns in own or (ns in known and str(term) not in known[ns] and not _container_member(term))


def _undefined(found: dict, defined, own: set[str]) -> list[Result]:
    """Results for undefined terms: ``found`` maps (term, role) to the number
    of uses and the first (subject, predicate) using it."""
    known = known_terms()
    results = []
    for (term, role), (count, (s, p)) in sorted(found.items()):
        ns = namespace_of(term)
        msg = f"{term} is used as a {role} ({count} time{'s' * (count > 1)}) but is not defined"
        # compared on local names: a shared namespace would make any two terms look alike
        candidates = {str(t)[len(ns):] for t in defined if namespace_of(t) == ns} | \
            {t[len(ns):] for t in known.get(ns, ())}
        near = difflib.get_close_matches(str(term)[len(ns):], sorted(candidates), n=1, cutoff=0.75)
        if near:
            msg += f"; did you mean {ns}{near[0]}?"
        elif ns not in own:
            msg += f" in {ns} (as far as rdflib's term list knows)"
        severity = "Violation" if ns in own or ns in _CLOSED else "Warning"
        results.append(Result(focus=str(s), path=str(p), value=str(term), message=msg, severity=severity,
                              shape=UNDEFINED_TERM))
    return results


def undefined_terms_store(store, graphs: list, ontology: Graph) -> list[Result]:
    """:func:`undefined_terms` on the named ``graphs`` of an Oxigraph store,
    with SPARQL aggregates instead of a pass over each triple in Python."""
    from ..io.terms import from_oxigraph

    own = own_namespaces(ontology)
    onto_defined = {s for s in ontology.subjects() if isinstance(s, URIRef)}

    def q(text):
        return select(store, text, default_graph=graphs)

    def ask(text) -> bool:
        return bool(store.query(text, default_graph=graphs))

    header = ", ".join(t.n3() for t in sorted(_HEADER))
    own_filter = " || ".join(f'STRSTARTS(STR(?t), "{ns}")' for ns in sorted(own)) or "false"
    patterns = {
        "property": "?s ?t ?o . BIND (?t AS ?p)",
        "class": f"?s {RDF.type.n3()} ?t . BIND ({RDF.type.n3()} AS ?p)",
        "datatype": f"?s ?p ?o . FILTER (isLiteral(?o) && lang(?o) = \"\" && datatype(?o) != {XSD.string.n3()}) "
                    f"BIND (datatype(?o) AS ?t)",
        "value": f"?s ?p ?t . FILTER (isIRI(?t) && ?p != {RDF.type.n3()} && ?p NOT IN ({header}) && ({own_filter}))",
    }
    found = {}
    for role, pattern in patterns.items():
        for row in q(f"SELECT DISTINCT ?t WHERE {{ {pattern} }}"):
            term = from_oxigraph(row["t"])
            if not isinstance(term, URIRef) or term in onto_defined or not _checked(term, own):
                continue
            if ask(f"ASK {{ {term.n3()} ?p ?o }}"):
                continue        # the data describes it
            rows = q(f"SELECT ?s ?p WHERE {{ {pattern} FILTER (?t = {term.n3()}) }}")
            first = min(((from_oxigraph(r["s"]), from_oxigraph(r["p"])) for r in rows),
                        key=lambda sp: (isinstance(sp[0], BNode), str(sp[0]), str(sp[1])))
            found[(term, role)] = (len(rows), first)
    if not found:
        return []
    data_defined = {from_oxigraph(r["s"]) for ns in {namespace_of(t) for t, _ in found}
                    for r in q(f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER (isIRI(?s) && STRSTARTS(STR(?s), "{ns}")) }}')}
    return _undefined(found, onto_defined | data_defined, own)


def _container_member(term: URIRef) -> bool:
    return re.fullmatch(re.escape(str(RDF)) + r"_[1-9][0-9]*", str(term)) is not None


@lru_cache(maxsize=1)
def _xsd_types():
    from xmlschema import XMLSchema11

    meta = XMLSchema11.meta_schema
    meta.build()
    ns = "{http://www.w3.org/2001/XMLSchema}"
    return {name[len(ns):]: t for name, t in meta.maps.types.items() if name.startswith(ns)}


def lexical_form_fits(lexical: str, datatype: URIRef) -> bool | None:
    """Whether ``lexical`` is in the lexical space of an XSD ``datatype``
    (None when the datatype is not an XSD built-in type).

    >>> lexical_form_fits("2023-02-30", XSD.date), lexical_form_fits("2023-08", XSD.gYearMonth)
    (False, True)
    """
    if not str(datatype).startswith(str(XSD)):
        return None
    local = str(datatype)[len(str(XSD)):]
    if _plainly_valid(lexical, local):
        return True         # the common forms, without xmlschema's ~1 ms a literal
    t = _xsd_types().get(local)
    if t is None:
        return None
    # XML Schema normalises whitespace before checking; an RDF lexical form is not normalised
    ws = getattr(t, "white_space", "preserve")
    if ws in ("replace", "collapse") and re.search(r"[\t\n\r]", lexical):
        return False
    if ws == "collapse" and lexical != " ".join(lexical.split()):
        return False
    return bool(t.is_valid(lexical))


_PLAIN = {
    "integer": re.compile(r"[+-]?[0-9]+"), "nonNegativeInteger": re.compile(r"\+?[0-9]+"),
    "decimal": re.compile(r"[+-]?[0-9]+(\.[0-9]+)?"), "gYear": re.compile(r"[1-9][0-9]{3}"),
    "gYearMonth": re.compile(r"[1-9][0-9]{3}-(0[1-9]|1[0-2])"),
    "date": re.compile(r"([1-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"),
    "boolean": re.compile(r"true|false|1|0"),
}


def _plainly_valid(lexical: str, local: str) -> bool:
    """True for lexical forms plainly in the type's lexical space (a subset
    of it: anything else is left to xmlschema).

    >>> _plainly_valid("2024-02-29", "date"), _plainly_valid("2023-02-29", "date"), _plainly_valid("+7", "integer")
    (True, False, True)
    """
    pattern = _PLAIN.get(local)
    m = pattern.fullmatch(lexical) if pattern is not None else None
    if m is None:
        return False
    if local == "date":
        import calendar
        return int(m.group(3)) <= calendar.monthrange(int(m.group(1)), int(m.group(2)))[1]
    return True


def ill_typed_literals(data: Graph) -> list[Result]:
    """Literals whose lexical form does not fit their XSD datatype; one result per triple."""
    seen: dict[tuple[str, URIRef], bool | None] = {}
    results = []
    for s, p, o in data:
        if isinstance(o, Literal) and o.datatype is not None:
            key = (str(o), o.datatype)
            if key not in seen:
                seen[key] = lexical_form_fits(*key)
            if seen[key] is False:
                results.append(_ill_typed(s, p, o))
    return sorted(results, key=lambda r: (r.focus, r.path, r.value))


def _ill_typed(s, p, o: Literal) -> Result:
    local = str(o.datatype)[len(str(XSD)):]
    return Result(focus=str(s), path=str(p), value=str(o), message=f"{str(o)!r} is not a valid xsd:{local}",
                  severity="Violation", shape=ILL_TYPED_LITERAL)


def ill_typed_literals_store(store, graphs: list, written: dict | None = None) -> list[Result]:
    """:func:`ill_typed_literals` on the named ``graphs`` of an Oxigraph store:
    each distinct literal checked once; ``written`` (:attr:`kg.io.store.Loaded.written`)
    gives the forms the files wrote where the store keeps another."""
    from ..io.terms import from_oxigraph

    results = []
    rows = select(store, f'SELECT DISTINCT ?o WHERE {{ ?s ?p ?o FILTER (isLiteral(?o) && lang(?o) = "" '
                       f'&& STRSTARTS(STR(datatype(?o)), "{XSD}") && datatype(?o) != {XSD.string.n3()}) }}',
                       default_graph=graphs)
    for row in rows:
        lit = from_oxigraph(row["o"], as_written=True)
        if lexical_form_fits(str(lit), lit.datatype) is False:
            for r in select(store, f"SELECT ?s ?p WHERE {{ ?s ?p {lit.n3()} }}", default_graph=graphs):
                # a literal the store rewrote is valid; the written form is checked below
                results.append(_ill_typed(from_oxigraph(r["s"]), from_oxigraph(r["p"]), lit))
    judged: dict = {}       # each distinct written literal judged once
    for (s, p, _), originals in (written or {}).items():
        for o in originals:
            if o not in judged:
                lit = from_oxigraph(o, as_written=True)
                judged[o] = lit if lexical_form_fits(str(lit), lit.datatype) is False else None
            if judged[o] is not None:
                results.append(_ill_typed(from_oxigraph(s), from_oxigraph(p), judged[o]))
    return sorted(set(results), key=lambda r: (r.focus, r.path, r.value))


def missing_labels(ontology: Graph) -> list[Result]:
    """Terms of the ontology's own namespace without an English or French
    label or definition; one result per term and check."""
    own = tuple(own_namespaces(ontology))
    terms = {t for k in _OWL_TERM_KINDS for t in ontology.subjects(RDF.type, k)}
    for top in (SKOS.Concept, SKOS.ConceptScheme):
        for cls in ontology.transitive_subjects(RDFS.subClassOf, top):
            terms |= set(ontology.subjects(RDF.type, cls))
    results = []
    for term in sorted(t for t in terms if isinstance(t, URIRef) and own and str(t).startswith(own)):
        for check, props, what in ((MISSING_LABEL, _LABELS, "label"), (MISSING_DEFINITION, _DEFINITIONS, "definition")):
            langs = {(o.language or "").lower().split("-")[0] for p in props for o in ontology.objects(term, p)
                     if isinstance(o, Literal)}
            lacking = [name for code, name in _LANGS if code not in langs]
            if lacking:
                results.append(Result(focus=str(term), path="", value="",
                                      message=f"no {' or '.join(lacking)} {what}", severity="Warning", shape=check))
    return results


@lru_cache(maxsize=1)
def _shacl_shacl() -> Graph:
    from importlib.resources import files

    return load_graph([Path(str(files("pyshacl") / "assets" / "shacl-shacl.ttl"))], "turtle")


def invalid_shapes(shapes: Graph) -> list[Result]:
    """Shapes that do not conform to the SHACL shapes for SHACL."""
    import pyshacl

    _, report, _ = pyshacl.validate(shapes, shacl_graph=_shacl_shacl(), inference="none")
    results = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(r, SH.focusNode)
        path = report.value(r, SH.resultPath)
        value = report.value(r, SH.value)
        msg = str(report.value(r, SH.resultMessage) or "does not conform to SHACL-SHACL")
        where = ""
        if isinstance(focus, BNode):     # named by the shape that holds it, which a file line can show
            where = f" (in {shape_name(shapes, focus)})"
            focus = _named_holder(shapes, focus)
        results.append(Result(focus=str(focus), path=str(path) if isinstance(path, URIRef) else "",
                              value="" if value is None or isinstance(value, BNode) else str(value),
                              message=f"not a valid shape: {msg}{where}", severity="Violation", shape=INVALID_SHAPE))
    return sorted(set(results), key=lambda r: (r.focus, r.path, r.value, r.message))


def _named_holder(g: Graph, node):
    """The nearest IRI that holds a blank node (through lists too), or the node."""
    seen = set()
    while isinstance(node, BNode) and node not in seen:
        seen.add(node)
        holder = next(iter(sorted(g.subjects(None, node))), None)
        if holder is None:
            break
        node = holder
    return node


def check_graph(data: Graph, ontology: Graph) -> list[Result]:
    """The data checks (undefined terms, ill-typed literals) and the
    ontology's labels and definitions."""
    return undefined_terms(data, ontology) + ill_typed_literals(data) + missing_labels(ontology)
