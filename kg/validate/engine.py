"""SHACL shapes compiled to SPARQL and run on Oxigraph: pySHACL's report, at scale.

pySHACL walks focus nodes one by one in Python and runs each SHACL-SPARQL
constraint once per focus node on rdflib's engine: about 70 s for 100,000
triples. Here each constraint of each shape becomes one SPARQL query over all
of its focus nodes at once, run by Oxigraph (Rust), and the rows become the
same results pySHACL gives: focus node, path, value, message, severity and
source shape. pySHACL stays the reference (``kg validate --engine pyshacl``);
tests/test_shacl_engine.py compares the two.

What is compiled: targets (class, node, subjects-of, objects-of, implicit
class), every SHACL path as a SPARQL property path (inverse, sequence,
alternative, zero-or-more..., a path of length zero reaching focus nodes the
data never mentions), the value constraints (class, datatype, nodeKind, in,
hasValue, pattern, min/maxLength, min/max In/Exclusive, languageIn),
cardinality (min/maxCount), uniqueLang, the property pair constraints
(equals, disjoint, lessThan, lessThanOrEquals), sh:and, sh:or, sh:xone and
sh:not of value constraints, and SHACL-SPARQL SELECT constraints whose $this
the one-query pre-binding binds exactly (:func:`sparql_restrictions`).

What is not is decided shape by shape before any query runs
(:meth:`_Compiler.checks`): a shape using anything else (sh:node, qualified
shapes, sh:closed, sh:property on a property shape, logical constraints over
property shapes, custom components, ASK validators, $shapesGraph, SHACL-AF)
goes, with the node shapes holding it, to pyshacl-turbo, a complete engine,
on the same data, and its results join the report
(:attr:`ShaclReport.delegated` says which and why). A SHACL-SPARQL query the
specification says must be refused (MINUS, SERVICE, VALUES...) is an
:class:`~kg.errors.InputError` naming the shape. tests/test_w3c_shacl.py runs
the W3C SHACL test suite, and tests/test_shacl_differential.py compares the
results with pySHACL's and pyshacl-turbo's on random shapes and data.

>>> from rdflib import Graph
>>> shapes = Graph().parse(data='''
... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
... ex:S a sh:NodeShape ; sh:targetClass ex:City ;
...   sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "a city needs a name" ] .''', format="turtle")
>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> store.load(b'<https://example.org/x> a <https://example.org/City> .', format=ox.RdfFormat.TURTLE)
>>> [(r.focus, r.message) for r in validate_store(store, shapes).results]
[('https://example.org/x', 'a city needs a name')]
"""
from __future__ import annotations

import functools
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from ..io.store import select
from .report import (
    Result,
    node_text,
    path_sparql,
    path_text,
    reference_results,
    shape_name,
)

SHAPE_TYPES = (SH.NodeShape, SH.PropertyShape)
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
# parameters this compiler reads, by constraint component
COMPONENTS = {
    SH["class"]: SH.ClassConstraintComponent, SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent, SH["in"]: SH.InConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent, SH.pattern: SH.PatternConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent, SH.maxLength: SH.MaxLengthConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent, SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent, SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent, SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.minCount: SH.MinCountConstraintComponent, SH.maxCount: SH.MaxCountConstraintComponent,
    SH.equals: SH.EqualsConstraintComponent, SH.disjoint: SH.DisjointConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent, SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
    SH["and"]: SH.AndConstraintComponent, SH["or"]: SH.OrConstraintComponent,
    SH.xone: SH.XoneConstraintComponent, SH["not"]: SH.NotConstraintComponent,
    SH.sparql: SH.SPARQLConstraintComponent,
}
# what a shape may also say without being a constraint
_INERT = {RDF.type, SH.path, SH.property, SH.message, SH.severity, SH.deactivated, SH.name, SH.description,
          SH.prefixes, SH.select,     # a shape may be its own SPARQL constraint (sh:sparql itself)
          SH.order, SH.group, SH.defaultValue, SH.flags, RDFS.label, RDFS.comment, RDFS.isDefinedBy,
          OWL.versionInfo, *TARGETS}
_UNSUPPORTED = {SH.node: "sh:node", SH.qualifiedValueShape: "qualified value shapes", SH.closed: "sh:closed",
                SH.target: "SHACL-AF targets", SH.rule: "SHACL-AF rules", SH.ignoredProperties: "sh:closed"}


# where a check's query takes its focus nodes, once the shapes compiled are known
_FOCUS = "\x00FOCUS\x00"


class Unsupported(Exception):
    """A shape uses a feature this compiler does not translate; pyshacl-turbo validates it instead."""


@dataclass
class Check:
    """One constraint of one shape as a SPARQL query whose rows are results."""
    shape: object              # the shape node (rdflib term)
    component: URIRef
    query: str
    path: object | None        # the shape's path (rdflib term) or None
    messages: list[str]
    severity: URIRef
    value: str = "value"       # the variable holding the result's value ("" for none)
    source: object | None = None      # the sh:SPARQLConstraint node
    sparql_messages: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)     # the constraint's parameter values (for messages)
    datatype: URIRef | None = None    # for sh:datatype: the literals as written are checked too
    focus: str = ""                   # the group binding ?this


def _n3(t) -> str:
    if isinstance(t, BNode):
        raise Unsupported("a blank node as a constraint parameter")
    return t.n3()


def _list(g: Graph, node) -> list:
    return list(Collection(g, node))


def sparql_path(g: Graph, path) -> str:
    """A SHACL path in SPARQL property path syntax (Unsupported if it is none)."""
    text = path_sparql(g, path)
    if text is None:
        raise Unsupported("a path that is not a SHACL path")
    return text


def nullable(g: Graph, path) -> bool:
    """Whether a SHACL path may be of length zero (then every focus node is one of its values)."""
    if isinstance(path, URIRef):
        return False
    if (path, RDF.first, None) in g:
        return all(nullable(g, p) for p in Collection(g, path))
    if (path, SH.zeroOrMorePath, None) in g or (path, SH.zeroOrOnePath, None) in g:
        return True
    if (path, SH.oneOrMorePath, None) in g or (path, SH.inversePath, None) in g:
        inner = g.value(path, SH.oneOrMorePath) or g.value(path, SH.inversePath)
        return nullable(g, inner)
    alt = g.value(path, SH.alternativePath)
    return alt is not None and any(nullable(g, p) for p in Collection(g, alt))


class _Compiler:
    def __init__(self, shapes: Graph, store, rewritten: frozenset = frozenset()):
        self.g = shapes
        self.store = store
        self.rewritten = rewritten      # predicates of triples in the REWRITTEN graph
        self._subclasses: dict = {}
        self.ill_typed: dict[URIRef, list] = {}     # datatype -> ill-typed literals (rdflib's judgement)

    # -- what the data says ------------------------------------------------
    def subclasses(self, cls) -> list[str]:
        """``cls`` and its rdfs:subClassOf descendants in the data graph (SHACL instances)."""
        import pyoxigraph as ox

        if cls not in self._subclasses:
            rows = select(self.store, f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS.subClassOf}>* {_n3(cls)} }}")
            found = {f"<{r['c'].value}>" for r in rows if isinstance(r["c"], ox.NamedNode)}
            self._subclasses[cls] = sorted(found | {_n3(cls)})
        return self._subclasses[cls]

    def focus(self, shape, parents) -> str:
        """A group binding ?this to the focus nodes of ``shape`` (its own
        targets and those of the node shapes that hold it by sh:property)."""
        parts = []
        for s in [shape, *parents]:
            for c in self.g.objects(s, SH.targetClass):
                parts.append(f"?this a ?_c . VALUES ?_c {{ {' '.join(self.subclasses(c))} }}")
            if (s, RDF.type, RDFS.Class) in self.g or (s, RDF.type, OWL.Class) in self.g:
                parts.append(f"?this a ?_c . VALUES ?_c {{ {' '.join(self.subclasses(s))} }}")
            for n in self.g.objects(s, SH.targetNode):
                parts.append(f"VALUES ?this {{ {_n3(n)} }}")
            for p in self.g.objects(s, SH.targetSubjectsOf):
                parts.append(f"?this {_n3(p)} ?_o")
            for p in self.g.objects(s, SH.targetObjectsOf):
                parts.append(f"?_s {_n3(p)} ?this")
        if not parts:
            return ""
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join("{ " + p + " }" for p in parts) + " } }"

    # -- value constraints as SPARQL expressions on ?value -------------------
    def ok(self, shape, prop, obj) -> str:
        """A SPARQL expression true when ?value satisfies ``shape``'s ``prop`` ``obj``."""
        v = "?value"
        if prop == SH["class"]:
            return f"EXISTS {{ {v} a ?_t . VALUES ?_t {{ {' '.join(self.subclasses(obj))} }} }}"
        if prop == SH.datatype:
            bad = self.ill_typed_in(obj)
            test = "" if not bad else " && !(" + " || ".join(f"sameTerm({v}, {_n3(b)})" for b in bad) + ")"
            return f"(isLiteral({v}) && datatype({v}) = {_n3(obj)}{test})"
        if prop == SH.nodeKind:
            kinds = {SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
                     SH.BlankNodeOrIRI: "!isLiteral({v})", SH.BlankNodeOrLiteral: "!isIRI({v})",
                     SH.IRIOrLiteral: "!isBlank({v})"}
            if obj not in kinds:
                raise Unsupported(f"sh:nodeKind {obj}")
            return "(" + kinds[obj].format(v=v) + ")"
        if prop == SH["in"]:
            members = _list(self.g, obj)
            return "(" + (" || ".join(f"sameTerm({v}, {_n3(m)})" for m in members) or "false") + ")"
        if prop == SH.pattern:
            flags = self.g.value(shape, SH.flags)
            args = f"{Literal(str(obj)).n3()}" + (f", {Literal(str(flags)).n3()}" if flags is not None else "")
            return f"(!isBlank({v}) && REGEX(STR({v}), {args}))"
        if prop in (SH.minLength, SH.maxLength):
            if prop == SH.minLength and int(obj) == 0:
                # blank nodes included, as both references judge (SHACL's text would
                # flag a blank node; found by tests/test_shacl_differential.py)
                return "true"
            op = ">=" if prop == SH.minLength else "<="
            return f"(!isBlank({v}) && STRLEN(STR({v})) {op} {int(obj)})"
        ops = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
        if prop in ops:
            return f"COALESCE({v} {ops[prop]} {_n3(obj)}, false)"
        if prop == SH.languageIn:
            langs = [str(x) for x in _list(self.g, obj)]
            tests = " || ".join(f"langMatches(lang({v}), {Literal(x).n3()})" for x in langs) or "false"
            return f"(isLiteral({v}) && lang({v}) != \"\" && ({tests}))"
        if prop == SH.hasValue:
            return f"sameTerm({v}, {_n3(obj)})"
        if prop in (SH["and"], SH["or"], SH.xone):
            members = [self.member(m) for m in _list(self.g, obj)]
            if prop == SH["and"]:
                return "(" + (" && ".join(members) or "true") + ")"
            if prop == SH["or"]:
                return "(" + (" || ".join(members) or "false") + ")"
            return "((" + " + ".join(f"IF({m}, 1, 0)" for m in members) + ") = 1)"
        if prop == SH["not"]:
            return f"!{self.member(obj)}"
        raise Unsupported(f"{prop} inside a logical constraint")

    def member(self, shape) -> str:
        """A shape inside sh:and/or/xone/not, as an expression; only value constraints."""
        if (shape, SH.path, None) in self.g or (shape, SH.property, None) in self.g:
            raise Unsupported("a property shape inside a logical constraint")
        tests = []
        for p, o in self.g.predicate_objects(shape):
            if p in _INERT or p == SH.message:
                continue
            if p in (SH.minCount, SH.maxCount, SH.uniqueLang, SH.sparql, SH.equals, SH.disjoint, SH.lessThan,
                     SH.lessThanOrEquals) or p not in COMPONENTS:
                raise Unsupported(f"{p} inside a logical constraint")
            tests.append(self.ok(shape, p, o))
        return "(" + (" && ".join(tests) or "true") + ")"

    def ill_typed_in(self, datatype) -> list:
        """The data's literals of ``datatype`` that rdflib (so pySHACL) finds ill-typed."""
        if datatype not in self.ill_typed:
            bad = []
            if str(datatype).startswith(str(XSD)) and datatype != XSD.string:
                rows = select(self.store, f"SELECT DISTINCT ?v WHERE {{ ?s ?p ?v FILTER(isLiteral(?v) && "
                                          f"datatype(?v) = {_n3(datatype)}) }}")
                for r in rows:
                    lit = Literal(r["v"].value, datatype=datatype, normalize=False)
                    if ill_typed(lit):
                        bad.append(lit)
            self.ill_typed[datatype] = bad
        return self.ill_typed[datatype]

    # -- shapes -> checks ----------------------------------------------------
    def checks(self) -> tuple[list[Check], dict]:
        """The compiled checks, and the shapes left to the reference engine
        (shape -> the feature it needs). Whether a shape is compiled is decided
        shape by shape before any query runs: a shape with any constraint the
        compiler does not translate exactly goes whole to the reference engine,
        and so do the node shapes holding it by sh:property (the reference then
        validates their other property shapes for their focus nodes too)."""
        g = self.g
        shapes = {s for t in SHAPE_TYPES for s in g.subjects(RDF.type, t)}
        shapes |= {s for p in TARGETS for s in g.subjects(p, None)}
        shapes |= {s for p in (SH.target, SH.sparql) for s in g.subjects(p, None)}
        shapes |= set(g.objects(None, SH.property))
        parents: dict = {}
        for node, prop in g.subject_objects(SH.property):
            parents.setdefault(prop, []).append(node)
        live = [s for s in sorted(shapes, key=str) if (s, SH.deactivated, Literal(True)) not in g]
        compiled: dict = {}
        delegated: dict = {}
        for shape in live:
            try:
                self.static_support(shape)
                compiled[shape] = self.shape_checks(shape, _FOCUS)
            except Unsupported as why:
                delegated[shape] = str(why)
            except (ValueError, TypeError, AttributeError, KeyError) as err:
                # malformed: the reference engine names the problem as users know it
                delegated[shape] = f"a malformed shape ({err})"
        # a delegated property shape takes its holders with it, to a fixpoint
        todo = list(delegated)
        while todo:
            child = todo.pop()
            for parent in parents.get(child, []):
                if parent in compiled:
                    del compiled[parent]
                    delegated[parent] = delegated[child]
                    todo.append(parent)
        out: list[Check] = []
        for shape, checks in compiled.items():
            held_by = [p for p in parents.get(shape, []) if p in compiled]
            focus = self.focus(shape, held_by)
            if not focus:
                continue
            for c in checks:
                c.query, c.focus = c.query.replace(_FOCUS, focus), c.focus.replace(_FOCUS, focus)
                out.append(c)
        return out, delegated

    def static_support(self, shape) -> None:
        """Raise :class:`Unsupported` for a shape using a feature the compiler
        does not translate (whatever its constraints' values)."""
        g = self.g
        for p in g.predicates(shape, None):
            if p in _UNSUPPORTED:
                raise Unsupported(_UNSUPPORTED[p])
        if any((c, SH.ask, None) in g for c in g.objects(shape, SH.sparql)):
            raise Unsupported("ASK validators")
        # a parameter of a custom constraint component (whatever its class) makes the shape use it
        params = {pp for comp in g.subjects(SH.parameter, None)
                  for par in g.objects(comp, SH.parameter) for pp in g.objects(par, SH.path)}
        if params & set(g.predicates(shape, None)):
            raise Unsupported("custom constraint components")
        if len(set(g.objects(shape, SH.path))) > 1:
            raise Unsupported("several sh:path values")
        if (shape, SH.path, None) in g and (shape, SH.property, None) in g:
            raise Unsupported("sh:property on a property shape")

    def reaches(self, path, p: str, node: str) -> str:
        """A SPARQL expression: ``node`` is a value of ?this for the path (``p``
        its SPARQL form). Oxigraph does not find the zero-length match of a
        path between two equal terms absent from the data, so a path that
        may be of length zero says so itself."""
        test = f"EXISTS {{ ?this {p} {node} }}"
        return f"(sameTerm(?this, {node}) || {test})" if nullable(self.g, path) else test

    def shape_checks(self, shape, focus) -> list[Check]:
        g = self.g
        path = g.value(shape, SH.path)
        p = sparql_path(g, path) if path is not None else None
        messages = sorted(str(m) for m in g.objects(shape, SH.message))
        severity = g.value(shape, SH.severity) or SH.Violation
        values = f"?this {p} ?value ." if p else "BIND (?this AS ?value)"
        if p and nullable(g, path):
            # a path that may be of length zero reaches the focus node itself, even one
            # the data never mentions; SPARQL's evaluation of ?this p* ?value, bottom up,
            # yields only the graph's nodes: the zero-length case is added, each branch
            # with the focus nodes (a branch is evaluated on its own)
            values = (f"{{ {{ {_FOCUS} ?this {p} ?value }} UNION "
                      f"{{ {_FOCUS} BIND (?this AS ?value) }} }}")
        out = []

        def check(prop, query, params, value="value"):
            out.append(Check(shape, COMPONENTS[prop], query, path, messages, severity, value, params=params))

        grouped: dict = {}
        for prop, obj in g.predicate_objects(shape):
            grouped.setdefault(prop, []).append(obj)
        for prop, objs in sorted(grouped.items()):
            obj = objs[0]       # objs in the graph's order, which pySHACL's messages follow
            if prop in _INERT:
                continue
            if prop not in COMPONENTS:
                if str(prop).startswith(str(SH)):
                    raise Unsupported(f"sh:{str(prop)[len(str(SH)):]}")
                continue        # not SHACL: ignored, as pySHACL does
            if prop == SH.sparql:
                out += [self.sparql_check(shape, o, focus, p, path, messages, severity) for o in objs]
                continue
            if len(objs) > 1 and prop not in (SH["class"], SH.pattern, SH.equals, SH.disjoint):
                raise Unsupported(f"several values of {prop} on one shape")
            if prop == SH.minCount:
                n = int(obj)
                if n == 0:
                    continue
                inner = f"{{ SELECT ?this (COUNT(DISTINCT ?value) AS ?_n) WHERE {{ {focus} OPTIONAL {{ {values} }} }} " \
                        f"GROUP BY ?this }} FILTER (?_n < {n})" if p else ""
                check(prop, f"SELECT ?this WHERE {{ {inner} }}" if p else
                      f"SELECT ?this WHERE {{ {focus} FILTER (1 < {n}) }}", objs, value="")
            elif prop == SH.maxCount:
                check(prop, f"SELECT ?this WHERE {{ {focus} {values} }} GROUP BY ?this "
                            f"HAVING (COUNT(DISTINCT ?value) > {int(obj)})", objs, value="")
            elif prop == SH.uniqueLang:
                if obj != Literal(True):
                    continue
                check(prop, f"SELECT DISTINCT ?this ?_l WHERE {{ {focus} {values} {values.replace('?value', '?_w')} "
                            f"FILTER (isLiteral(?value) && lang(?value) != \"\" && !sameTerm(?value, ?_w) "
                            f"&& LCASE(lang(?value)) = LCASE(lang(?_w))) BIND (LCASE(lang(?value)) AS ?_l) }}",
                      objs, value="")
            elif prop == SH.hasValue:
                test = f"FILTER (!({self.reaches(path, p, _n3(obj))}))" if p else f"FILTER (!sameTerm(?this, {_n3(obj)}))"
                check(prop, f"SELECT ?this WHERE {{ {focus} {test} }}", objs, value="")
            elif prop in (SH.equals, SH.disjoint):
                for o in objs:      # one constraint per compared property
                    other = _n3(o)
                    if prop == SH.equals and p:
                        q = (f"SELECT DISTINCT ?this ?value WHERE {{ {focus} "
                             f"{{ {values} FILTER NOT EXISTS {{ ?this {other} ?value }} }} UNION "
                             f"{{ ?this {other} ?value . FILTER (!({self.reaches(path, p, '?value')})) }} }}")
                    elif prop == SH.equals:     # a node shape: the focus node is its one value node
                        # (the focus group in each branch: a branch is evaluated on its own)
                        q = (f"SELECT DISTINCT ?this ?value WHERE {{ "
                             f"{{ {focus} FILTER NOT EXISTS {{ ?this {other} ?this }} BIND (?this AS ?value) }} UNION "
                             f"{{ {focus} ?this {other} ?value . FILTER (!sameTerm(?value, ?this)) }} }}")
                    else:
                        q = f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} ?this {other} ?value }}"
                    check(prop, q, [o])
            elif prop in (SH.lessThan, SH.lessThanOrEquals):
                op = "<" if prop == SH.lessThan else "<="
                for o in objs:      # a result per pair of a value node and a value it is not below
                    check(prop, f"SELECT DISTINCT ?this ?value ?_w WHERE {{ {focus} {values} ?this {_n3(o)} ?_w . "
                                f"FILTER (!COALESCE(?value {op} ?_w, false)) }}", [o])
            else:
                # several values of one parameter (sh:class A, B) are as many constraints, each
                # with its results; pySHACL's wording for them names every value (params)
                for o in objs:
                    where = f"{focus} {values} FILTER (!({self.ok(shape, prop, o)}))"
                    if prop == SH.datatype and isinstance(path, URIRef) and str(path) in self.rewritten:
                        # literals the store rewrote are judged as written (in _rows), not as stored
                        where += f" FILTER NOT EXISTS {{ GRAPH <{REWRITTEN}> {{ ?this {p} ?value }} }}"
                    check(prop, f"SELECT DISTINCT ?this ?value WHERE {{ {where} }}", objs)
                    if prop == SH.datatype:
                        out[-1].datatype, out[-1].focus = o, focus
        return out

    def sparql_check(self, shape, constraint, focus, p, path, messages, severity) -> Check:
        g = self.g
        if (constraint, SH.deactivated, Literal(True)) in g:
            return Check(shape, SH.SPARQLConstraintComponent, "", path, [], severity)
        select = g.value(constraint, SH.select)
        if select is None:
            raise Unsupported("a SPARQL constraint without sh:select")
        prefixes = "\n".join(prefix_declarations(g, constraint))
        text = str(select)
        nested = sparql_restrictions(prefixes + "\n" + text, shape)
        if nested:
            raise Unsupported(nested)
        if re.search(r"[$?]PATH\b", text):
            if not p:
                raise Unsupported("$PATH in a node shape's SPARQL constraint")
            text = re.sub(r"[$?]PATH\b", p, text)
        if re.search(r"[$?](shapesGraph|currentShape)\b", text):
            raise Unsupported("$shapesGraph or $currentShape in a SPARQL constraint")
        from ..query.sparql import where_group
        at = where_group(text)
        if at is None:
            raise Unsupported("a SPARQL constraint without a WHERE group")
        # pre-binding $this for every focus node at once: joining the focus
        # nodes at the start of the outermost group binds it for every pattern
        # and filter of that group, and inside its EXISTS (sparql_restrictions
        # sends the queries that use $this elsewhere to the reference engine)
        text = text[:at] + " " + focus + " " + text[at:]
        msgs = sorted(str(m) for m in g.objects(constraint, SH.message))
        return Check(shape, SH.SPARQLConstraintComponent, prefixes + "\n" + text, path,
                     messages, severity, source=constraint, sparql_messages=msgs)


def prefix_declarations(g: Graph, constraint) -> list[str]:
    """The PREFIX lines of a SPARQL constraint: the sh:declare of its
    sh:prefixes nodes and of what those owl:imports, transitively."""
    seen, todo, out = set(), list(g.objects(constraint, SH.prefixes)), set()
    while todo:
        holder = todo.pop()
        if holder in seen:
            continue
        seen.add(holder)
        todo += list(g.objects(holder, OWL.imports))
        for decl in g.objects(holder, SH.declare):
            out.add(f"PREFIX {g.value(decl, SH.prefix)}: <{g.value(decl, SH.namespace)}>")
    return sorted(out)


def declared_prefixes(g: Graph) -> list[tuple[str, URIRef]]:
    """Every prefix the shapes graph declares with sh:declare."""
    return sorted({(str(g.value(d, SH.prefix)), URIRef(str(g.value(d, SH.namespace))))
                   for d in g.objects(None, SH.declare)
                   if g.value(d, SH.prefix) is not None and g.value(d, SH.namespace) is not None})


PREBOUND = ("this", "shapesGraph", "currentShape")


@functools.lru_cache(maxsize=1024)     # check_sparql, then the compiler, ask about each query
def sparql_restrictions(query: str, shape=None) -> str:
    """Check a SHACL-SPARQL query against the specification's restrictions
    (SHACL 5.6.1, pre-binding): no MINUS, SERVICE or VALUES, no ``AS`` onto a
    pre-bound variable, every subquery returns $this. A query breaking one is
    an :class:`~kg.errors.InputError` naming the shape. Returns "" when the
    compiler's one-query pre-binding of $this is exact, else why not (the
    constraint then goes to the reference engine): $this used in an
    expression inside a nested group or a subquery.

    >>> sparql_restrictions("SELECT $this WHERE { $this ?p ?o FILTER NOT EXISTS { $this ?q ?o } }")
    ''
    >>> sparql_restrictions("SELECT $this WHERE { { FILTER ($this = <urn:x>) } UNION { $this ?p ?o } }")
    '$this in an expression inside a nested group or subquery'
    >>> sparql_restrictions("SELECT $this WHERE { $this ?p ?o MINUS { $this ?p 1 } }")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: a SHACL-SPARQL query must not use MINUS (SHACL 5.6.1)
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    from ..errors import InputError

    where = f"shape {shape_label(shape)}" if shape is not None else None

    def fail(what: str):
        raise InputError(f"a SHACL-SPARQL query must not {what} (SHACL 5.6.1)", where)

    try:
        tree = parseQuery(query)
    except ParseException as err:
        raise InputError(f"a SHACL-SPARQL query does not parse: {' '.join(str(err).split())[:200]}", where) from None

    def variables(n):
        if isinstance(n, Variable):
            yield str(n)
        elif isinstance(n, CompValue):
            for v in n.values():
                yield from variables(v)
        elif isinstance(n, (list, tuple)):
            for x in n:
                yield from variables(x)

    def in_scope(n):
        """Variables a pattern binds (for SELECT *): those of its triples, BINDs and subqueries' results."""
        if isinstance(n, CompValue):
            if n.name == "TriplesBlock":
                yield from variables(_get(n, "triples"))
            elif n.name == "Bind":
                yield str(n.var)
            elif n.name == "SubSelect":
                yield from projected(n)
            elif not n.name.startswith("Builtin_") and n.name != "Filter":
                for v in n.values():
                    yield from in_scope(v)
        elif isinstance(n, (list, tuple)):
            for x in n:
                yield from in_scope(x)

    def projected(select):
        proj = _get(select, "projection")
        if not proj:                # SELECT *
            return set(in_scope(_get(select, "where")))
        return {str(_get(v, "var") or _get(v, "evar")) for v in proj}

    def _get(n, key):       # CompValue.get returns the key itself when it is absent
        return n[key] if isinstance(n, CompValue) and key in n else None

    nested_use = []

    def walk(n, top: bool):
        if isinstance(n, CompValue):
            name = n.name
            if name == "MinusGraphPattern":
                fail("use MINUS")
            if name == "ServiceGraphPattern":
                fail("use SERVICE (federated query)")
            if name in ("InlineData", "ValuesClause") and _get(n, "var") is not None:
                fail("use VALUES")
            if name == "Bind" and str(n.var) in PREBOUND:
                fail(f"bind ${n.var} with AS")
            if name in ("SelectQuery", "SubSelect"):
                for v in _get(n, "projection") or []:
                    if _get(v, "evar") is not None and str(v.evar) in PREBOUND:
                        fail(f"bind ${v.evar} with AS")
            if name == "SubSelect":
                if "this" not in projected(n):
                    fail("have a subquery that does not return $this")
                if "this" in set(variables(n)):
                    nested_use.append(name)
                walk(_get(n, "where"), False)
                return
            if name in ("Filter", "Bind"):
                if not top and "this" in set(variables(_get(n, "expr"))):
                    nested_use.append(name)
                # inside EXISTS, the current solution's $this is substituted
                walk(_get(n, "expr"), top)
                return
            if name == "GroupGraphPatternSub":
                for part in _get(n, "part") or []:
                    walk(part, top)
                return
            if name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
                # substitution: the current solution's $this holds throughout the pattern
                walk(_get(n, "graph"), "exists" if top else False)
                return
            for v in n.values():
                walk(v, "exists" if top == "exists" else False)
        elif isinstance(n, (list, tuple)):
            for x in n:
                walk(x, top)

    for part in tree:
        if isinstance(part, CompValue) and part.name == "SelectQuery":
            for v in part.values():         # the outermost group, projection, HAVING...: the top
                walk(v, True)
        else:
            walk(part, True)
    return "$this in an expression inside a nested group or subquery" if nested_use else ""


def check_sparql(shapes: Graph) -> None:
    """Every SHACL-SPARQL query of a shapes graph (constraints' sh:select,
    validators' sh:select and sh:ask) against the specification's
    restrictions (:func:`sparql_restrictions`): whichever engine then runs
    them, none uses SERVICE, MINUS or VALUES. An :class:`~kg.errors.InputError`
    names the shape (or validator) that breaks one."""
    for prop in (SH.select, SH.ask):
        for node, text in sorted(shapes.subject_objects(prop), key=str):
            holder = next(iter(sorted(shapes.subjects(SH.sparql, node), key=str)), node)
            prefixes = "\n".join(prefix_declarations(shapes, node))
            sparql_restrictions(prefixes + "\n" + str(text), holder)


def shape_label(shape) -> str:
    return f"<{shape}>" if isinstance(shape, URIRef) else "(a blank node shape)"


@dataclass
class ShaclReport:
    conforms: bool          # as SHACL defines it: no result of any severity
    results: list[Result]
    graph: Graph            # the W3C validation report
    delegated: dict = field(default_factory=dict)   # shape -> the feature that sent it to the reference engine


def _rdflib(t, bnodes: dict):
    from ..io.terms import from_oxigraph
    return from_oxigraph(t, bnodes, as_written=True)


def _message(template: str, row: dict) -> str:
    for var, val in row.items():
        template = re.sub(r"\{[?$]" + re.escape(var) + r"\}", str(val).replace("\\", "\\\\"), template)
    return template


def _datatype_ok(lit, datatype) -> bool:
    """pySHACL's sh:datatype test on a literal as written."""
    if not isinstance(lit, Literal):
        return False
    if datatype == RDF.langString:
        return bool(lit.language)
    if lit.language:
        return False
    return (lit.datatype or XSD.string) == datatype and not ill_typed(lit)


def ill_typed(lit: Literal) -> bool:
    """Whether rdflib, with its own conversions, finds ``lit`` ill-typed: what
    pySHACL judges in a process where owlrl has not run. ``Literal.ill_typed``
    reads rdflib's global table of conversions, which owlrl's closure (run in
    a thread beside the shapes' checks) rebinds, and never quite restores
    (``"19x"^^xsd:gYear`` is ill-typed ever after): the same literal would be
    judged one way or the other by the threads' timing.

    >>> from rdflib import XSD
    >>> ill_typed(Literal("19x", datatype=XSD.gYear)), ill_typed(Literal("x", datatype=XSD.integer))
    (False, True)
    """
    from rdflib.term import XSDToPython, _check_well_formed_types, _well_formed_by_value

    datatype = lit.datatype
    if lit.language or datatype is None or datatype not in XSDToPython:
        return False
    conv = XSDToPython[datatype]
    try:
        value = str(lit) if conv is None else conv(str(lit))
    except Exception:       # rdflib's own reading: not a valid lexical form
        value = None
    return not _check_well_formed_types.get(datatype, _well_formed_by_value)(str(lit), value)


def _solutions(store, c: Check) -> tuple[list[str], list]:
    """The check query's variables and solutions, evaluated (in Rust, off the
    GIL) on the default graph; of the store's named graphs it sees only REWRITTEN,
    as pySHACL's data graph has none."""
    import pyoxigraph as ox

    solutions = store.query(c.query, named_graphs=[ox.NamedNode(REWRITTEN)])
    variables = [v.value for v in solutions.variables]
    # plain tuples of terms: pyoxigraph's solutions must be dropped by the thread that made them
    rows = [tuple(sol[v] for v in variables) for sol in solutions]
    del solutions
    return variables, rows


def _rows(store, c: Check, written: dict, bnodes: dict, solved=None):
    """The check's solutions (``solved``: from :func:`_solutions`) as dicts of
    rdflib terms, the values the store rewrote shown as written, and
    sh:datatype judged on the written forms."""
    import pyoxigraph as ox

    variables, solutions = solved if solved is not None else _solutions(store, c)
    pred = ox.NamedNode(str(c.path)) if isinstance(c.path, URIRef) else None
    at = {v: i for i, v in enumerate(variables)}
    for sol in solutions:
        this = sol[at["this"]] if "this" in at else None
        value = sol[at[c.value]] if c.value in at else None
        as_written = written.get((this, pred, value)) if pred is not None and value is not None else None
        if as_written and c.datatype is not None:
            continue            # judged below, on the written forms
        row = {v: _rdflib(t, bnodes) for v, t in zip(variables, sol) if t is not None}
        if as_written:
            row[c.value] = _rdflib(min(as_written, key=str), bnodes)
        yield row
    if c.datatype is not None and pred is not None:
        judged: dict = {}       # each distinct literal as written judged once
        bad = []
        for (s, p, _), lits in written.items():
            if p == pred:
                for lit in lits:
                    if lit not in judged:
                        judged[lit] = _datatype_ok(_rdflib(lit, bnodes), c.datatype)
                    if not judged[lit]:
                        bad.append((s, lit))
        if bad:
            focus = {r["this"] for r in select(store, f"SELECT ?this WHERE {{ {c.focus} }}")}
            for s, lit in bad:
                if s in focus:
                    yield {"this": _rdflib(s, bnodes), "value": _rdflib(lit, bnodes)}


# a named graph of the triples whose literal the store keeps in another form
# than the file's, so that a query can leave them to be judged as written
REWRITTEN = "urn:dipkg:rewritten"


def _mark_rewritten(store, written: dict) -> frozenset:
    """Put the ``written`` triples (as stored) in the REWRITTEN graph; their predicates."""
    import pyoxigraph as ox

    if not written:
        return frozenset()
    graph = ox.NamedNode(REWRITTEN)
    store.extend(ox.Quad(s, p, o, graph) for s, p, o in written)
    return frozenset(p.value for _, p, _ in written)


def validate_store(store, shapes: Graph, written: dict | None = None) -> ShaclReport:
    """Validate the default graph of ``store`` against ``shapes`` (an rdflib
    graph). (One graph, a set, as pySHACL's data graph is: Oxigraph's union
    of named graphs is a bag, and several times slower to query.) The shapes
    the compiler translates run as SPARQL on the store; the others
    (:attr:`ShaclReport.delegated`) are validated by the reference engine,
    pyshacl-turbo, on the same data, and their results merged in.
    ``written`` holds the literals the store rewrote (:attr:`kg.io.store.Loaded.written`)."""
    import pyoxigraph as ox

    try:
        return _validate(store, shapes, written or {})
    finally:
        store.remove_graph(ox.NamedNode(REWRITTEN))


def _validate(store, shapes: Graph, written: dict) -> ShaclReport:
    check_sparql(shapes)
    checks, delegated = _Compiler(shapes, store, _mark_rewritten(store, written)).checks()
    report = Graph()
    report.bind("sh", SH)
    top = BNode()
    report.add((top, RDF.type, SH.ValidationReport))
    results: set[Result] = set()
    bnodes: dict = {}
    copy = _Copier(store, written, shapes, bnodes, report)
    checks = [c for c in checks if c.query]
    # the queries in parallel (Oxigraph releases the GIL while it evaluates);
    # their rows read in order, so the report is the same
    with ThreadPoolExecutor(max(1, min(4, os.cpu_count() or 1))) as pool:
        solved = [pool.submit(_solutions, store, c) for c in checks]
        for c, future in zip(checks, solved):
            try:
                rows = list(_rows(store, c, written, bnodes, future.result()))
            except SyntaxError as err:
                for f in solved:
                    f.cancel()
                from ..errors import InputError
                raise InputError(f"a SHACL-SPARQL query does not parse: {err}", f"shape {shape_label(c.shape)}") \
                    from None
            _add_results(c, rows, shapes, results, report, top, copy)
    if delegated:
        _reference(store, written, shapes, delegated, bnodes, results, report, top)
    conforms = not results
    report.add((top, SH.conforms, Literal(conforms)))
    return ShaclReport(conforms, sorted(results, key=lambda r: (r.shape, r.focus, r.path, r.message, r.value)),
                       report, delegated)


class _Copier:
    """Puts the description of a result's blank nodes in the report, as
    pySHACL does: a path or shape from the shapes graph, a focus node or
    value from the store (outgoing triples, recursively)."""

    def __init__(self, store, written: dict, shapes: Graph, bnodes: dict, report: Graph):
        self.store, self.written, self.shapes, self.report = store, written, shapes, report
        self.bnodes = bnodes        # oxigraph label -> rdflib BNode (shared with the rows)
        self.labels: dict = {}      # the other way
        self.done: set = set()

    def from_shapes(self, node) -> None:
        if isinstance(node, BNode) and node not in self.done:
            self.done.add(node)
            for p, o in self.shapes.predicate_objects(node):
                self.report.add((node, p, o))
                self.from_shapes(o)

    def path(self, node) -> None:
        """A path as read: a list's members only (a node may hold a list and
        another path form at once, path-strange-001)."""
        if not isinstance(node, BNode):
            return
        if (node, RDF.first, None) in self.shapes:
            for p in (RDF.first, RDF.rest):
                o = self.shapes.value(node, p)
                self.report.add((node, p, o))
                self.path(o)
        else:
            self.from_shapes(node)

    def from_data(self, node) -> None:
        import pyoxigraph as ox

        if not isinstance(node, BNode) or node in self.done:
            return
        self.done.add(node)
        if len(self.labels) != len(self.bnodes):
            self.labels = {v: k for k, v in self.bnodes.items()}
        label = self.labels.get(node)
        if label is None:
            return
        for q in self.store.quads_for_pattern(ox.BlankNode(label), None, None, ox.DefaultGraph()):
            for o in self.written.get((q.subject, q.predicate, q.object)) or [q.object]:
                obj = _rdflib(o, self.bnodes)
                self.report.add((node, URIRef(q.predicate.value), obj))
                self.from_data(obj)


def _reference(store, written: dict, shapes: Graph, delegated: dict, bnodes: dict, results: set, report: Graph,
               top) -> None:
    """Validate the ``delegated`` shapes with pyshacl-turbo (a full SHACL
    engine) on the store's default graph, literals as written; the other
    shapes' targets are left out, so each focus node is validated once."""
    import pyoxigraph as ox
    import pyshacl_turbo

    from ..io.store import as_written

    data = Graph()
    for q in as_written(store, written, ox.DefaultGraph()):
        data.add((_rdflib(q.subject, bnodes), _rdflib(q.predicate, bnodes), _rdflib(q.object, bnodes)))
    part = Graph()
    for t in shapes:
        s, p, o = t
        if s not in delegated and (p in TARGETS or p == SH.target
                                   or (p == RDF.type and o in (RDFS.Class, OWL.Class))):
            continue
        part.add(t)
    where = "shapes " + ", ".join(shape_label(s) for s in sorted(delegated, key=str))
    rgraph, found = reference_results(pyshacl_turbo, data, part, where)
    results.update(found)
    for r in rgraph.objects(next(rgraph.subjects(RDF.type, SH.ValidationReport)), SH.result):
        node = BNode()
        report.add((top, SH.result, node))
        for p, o in rgraph.predicate_objects(r):
            report.add((node, p, o))
            _copy_description(rgraph, o, report)


def _copy_description(g: Graph, node, into: Graph, seen: set | None = None) -> None:
    seen = set() if seen is None else seen
    if isinstance(node, BNode) and node not in seen:
        seen.add(node)
        for p, o in g.predicate_objects(node):
            into.add((node, p, o))
            _copy_description(g, o, into, seen)


def _add_results(c: Check, rows, shapes: Graph, results: set, report: Graph, top, copy: _Copier) -> None:
    """The check's rows as results, and in the W3C report graph."""
    for row in rows:
        focus = row.get("this")
        if focus is None:
            continue
        value = row.get(c.value) if c.value else None
        path = c.path
        if c.source is not None:
            path = row.get("path", path)
            if value is None and c.path is None:
                value = focus        # a node shape's SPARQL result is about the focus node
            # as pySHACL: {?path} only when the query binds it
            bound = {k: v for k, v in row.items() if not k.startswith("_")}
            bound.update({k: v for k, v in (("this", focus), ("value", value)) if v is not None})
            texts = [_message(m, bound) for m in c.sparql_messages + c.messages]
        else:
            texts = list(c.messages)
        message = min(texts) if texts else _generic(c, focus, value, shapes)
        severity = str(c.severity).rsplit("#", 1)[-1]
        results.add(Result(focus=node_text(focus), path=path_text(shapes, path),
                           value=node_text(value), message=message,
                           severity=severity, shape=shape_name(shapes, c.shape)))
        node = BNode()
        report.add((top, SH.result, node))
        for p, o in ((RDF.type, SH.ValidationResult), (SH.focusNode, focus), (SH.resultPath, path),
                     (SH.value, value), (SH.resultSeverity, c.severity), (SH.sourceShape, c.shape),
                     (SH.sourceConstraintComponent, c.component), (SH.sourceConstraint, c.source)):
            if o is not None:
                report.add((node, p, o))
        copy.path(path)
        for o in (c.shape, c.source):
            copy.from_shapes(o)
        for o in (focus, value):
            copy.from_data(o)
        for m in texts or [message]:
            report.add((node, SH.resultMessage, Literal(m)))


def _generic(c: Check, focus, value, shapes: Graph) -> str:
    """pySHACL's message for a constraint whose shape gives none, in its words
    (pyshacl/constraints/core/*.py, ``make_generic_messages``)."""
    from pyshacl.rdfutil import stringify_node

    data = Graph()      # as pySHACL's data graph (kg.validate): rdflib's prefixes and the shapes' sh:declare
    for prefix, ns in declared_prefixes(shapes):
        data.bind(prefix, ns, override=False)
    sg = lambda n: stringify_node(shapes, n)            # noqa: E731
    dg = lambda n: stringify_node(data, n)              # noqa: E731
    name = str(c.component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
    first = c.params[0] if c.params else None
    on = f"{dg(focus)}->{sg(c.path)}" if c.path is not None else dg(focus)
    several = len(c.params) > 1
    if name == "MinCount":
        return f"Less than {first.value} values on {on}"
    if name == "MaxCount":
        return f"More than {first.value} values on {on}"
    if name == "Class":
        return (f"Value class is not in classes ({', '.join(sg(x) for x in c.params)})" if several
                else f"Value does not have class {sg(first)}")
    if name == "Datatype":
        return f"Value is not Literal with datatype {sg(first)}"
    if name == "NodeKind":
        return f"Value is not of Node Kind {sg(first)}"
    if name == "In":
        return f"Value {dg(value)} not in list {[sg(x) for x in _list(shapes, first)]}"
    if name == "HasValue":
        return (f"Node {dg(focus)}->{sg(c.path)} does not contain a value in the set: {[sg(first)]}"
                if c.path is not None else f"Node {dg(focus)} value is not a in the set of values: {[sg(first)]}")
    if name == "Pattern" and not several:
        return f"Value does not match pattern '{first.value}'"
    if name in ("MinLength", "MaxLength"):
        return f"String length not {'>=' if name == 'MinLength' else '<='} {dg(first)}"
    ops = {"MinExclusive": ">", "MinInclusive": ">=", "MaxExclusive": "<", "MaxInclusive": "<="}
    if name in ops:
        return f"Value is not {ops[name]} {sg(first)}"
    if name == "LanguageIn":
        return f"String language is not in {sg(first)}"
    logical = {"And": "must conform to all shapes in", "Or": "must conform to one or more shapes in",
               "Xone": "must conform to exactly one shape in"}
    if name in logical and not several:
        members = " , ".join(sg(m) for m in _list(shapes, first))
        return f"Node {dg(value)} {logical[name]} {members}"
    if name == "Not" and not several:
        return f"Node {dg(value)} must not conform to shape {sg(first)}"
    if name == "UniqueLang":
        return "More than one String shares the same Language"
    pair = {"Equals": "!=", "Disjoint": "==", "LessThan": "<=", "LessThanOrEquals": "<"}    # sic: pySHACL's
    if name in pair:
        return f"Value of {dg(focus)}->{sg(first)} {pair[name]} {dg(value)}"
    return f"{name} constraint not satisfied by {'' if value is None else dg(value)} on {on}"
