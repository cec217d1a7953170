"""OWL 2 RL entailment exactly as owlrl computes it, fast enough for millions of triples.

owlrl, the reference, applies every rule to every triple in each cycle: minutes
at 100k triples, hours at a million. :func:`infer` gives the same closure
(same triples, same clash messages) another way:

* the **schema triples** (class and property axioms, restrictions,
  property characteristics, the RDF lists they point to) are closed by owlrl
  itself; alone they are a few hundred triples, so this is fast, and it
  yields owlrl's schema-level entailments by construction (cached, as the
  ontology rarely changes);
* the rules that read **instance triples** are compiled from that closed
  schema (cax-sco/eqc, prp-dom/rng/spo1/eqp/inv/symp/trp/fp/ifp/spo2,
  cls-int1/int2/uni/svf/avf/hv/maxc/maxqc, prp-key, eq-sym/trans/rep-*) and
  run to a fixpoint over interned terms, each new triple joined once with
  what is known (semi-naive evaluation); ``x owl:sameAs x`` (eq-ref) is left
  implicit;
* the clash rules (cax-dw/adc, cls-nothing2/com/maxc/maxqc, prp-irp/asyp/pdw/
  adp/npa, eq-diff1/2/3) are checked on the result, with owlrl's messages,
  and owlrl's one-time datatype rules (literal typing, datatype subsumption
  and disjointness of the datatypes used, ill-typed literals) are done as
  owlrl does them;
* if instance reasoning yields new schema triples (a range of ``owl:Class``,
  ``owl:sameAs`` between classes), the schema is closed again with them and
  the instance pass rerun, as owlrl's single loop would have found them.

owlrl's own quirks are kept (prp-key compares the first n-1 keys, prp-adp and
eq-diff2 skip the last list member, cls-com names the class for the element),
since equality is the point. What this engine does not reproduce raises
:class:`Unsupported`, and callers run owlrl instead, saying why:
``owl:sameAs`` used as a property by the schema or made equal to another term
(owlrl then has its implicit reflexive triples at work); and where owlrl's
own result depends on its hash order: a schema list with a node of two
``rdf:first`` (``owl:sameAs`` between members of an ``owl:AllDifferent``, say),
an asserted ``owl:sameAs`` to a literal, a node typed with a datatype.

Terms come from rdflib (:class:`RdflibTerms`) or pyoxigraph
(:class:`OxTerms`); either way rules run on integers.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix ex: <https://example.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... ex:Dog rdfs:subClassOf ex:Animal . ex:rex a ex:Dog .''', format="turtle")
>>> terms = RdflibTerms()
>>> inferred, clashes = infer([tuple(map(terms.id, t)) for t in g], terms)
>>> sorted(str(terms.terms[o]) for s, p, o in inferred if str(terms.terms[s]) == "https://example.org/rex")
['https://example.org/Animal']
"""
from __future__ import annotations

import re
from collections import defaultdict

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ERRNS = "http://www.daml.org/2002/03/agents/agent-ont#"

IRI, BNODE, LITERAL = 0, 1, 2

# Triples owlrl's rules read as parameters (axioms), as opposed to instance
# triples: predicates of RDFS and OWL schema vocabulary, rdf:type to the
# classes that trigger a rule, and the RDF lists these triples point to (not
# other lists: a list in the data is instance data). A superset would be as exact.
SCHEMA_PREDICATES = {RDFS + "subClassOf", RDFS + "subPropertyOf", RDFS + "domain", RDFS + "range"}
NOT_SCHEMA_OWL = {OWL + x for x in ("sameAs", "differentFrom", "versionInfo", "priorVersion",
                                     "backwardCompatibleWith", "incompatibleWith", "deprecated")}
SCHEMA_TYPES = {RDF + "Property"} | {OWL + x for x in (
    "Class", "ObjectProperty", "DatatypeProperty", "FunctionalProperty", "InverseFunctionalProperty",
    "IrreflexiveProperty", "SymmetricProperty", "AsymmetricProperty", "TransitiveProperty",
    "AllDisjointClasses", "AllDisjointProperties", "AllDifferent")}


class Unsupported(Exception):
    """The input uses something this engine does not reproduce exactly; run owlrl."""


# -- terms -----------------------------------------------------------------------

class Terms:
    """Terms interned as integers; ``kinds[i]`` is IRI, BNODE or LITERAL.

    Subclasses adapt one RDF library: what a term's kind is, the text owlrl's
    messages give it (``str()`` of the rdflib term), the datatype owlrl sees,
    and the conversion to and from rdflib (the schema is closed by owlrl)."""

    def __init__(self):
        self.ids: dict = {}
        self.terms: list = []
        self.kinds = bytearray()

    def id(self, term) -> int:
        i = self.ids.get(term)
        return self._new(term) if i is None else i

    def _new(self, term) -> int:
        i = self.ids[term] = len(self.terms)
        self.terms.append(term)
        self.kinds.append(self.kind(term))
        return i

    def kind(self, term) -> int:
        raise NotImplementedError

    def iri(self, value: str) -> int:
        raise NotImplementedError

    def text(self, i: int) -> str:
        raise NotImplementedError

    def to_rdflib(self, i: int):
        raise NotImplementedError

    def from_rdflib(self, term) -> int:
        raise NotImplementedError

    def literal(self, i: int) -> tuple[str, str | None]:
        """Lexical form and datatype IRI as rdflib has it (None for plain and language-tagged literals)."""
        raise NotImplementedError


class RdflibTerms(Terms):
    """rdflib terms, as they are."""

    def kind(self, term) -> int:
        from rdflib import BNode, Literal
        return LITERAL if isinstance(term, Literal) else BNODE if isinstance(term, BNode) else IRI

    def iri(self, value: str) -> int:
        from rdflib import URIRef
        return self.id(URIRef(value))

    def text(self, i: int) -> str:
        return str(self.terms[i])

    def to_rdflib(self, i: int):
        return self.terms[i]

    def from_rdflib(self, term) -> int:
        return self.id(term)

    def literal(self, i: int) -> tuple[str, str | None]:
        t = self.terms[i]
        return str(t), (str(t.datatype) if t.datatype is not None else None)


class OxTerms(Terms):
    """pyoxigraph terms, taken as rdflib would read them, since owlrl's
    results are on rdflib's terms. A simple literal is rdflib's plain literal,
    what Turtle's ``"x"`` gives (pyoxigraph cannot tell it from
    ``"x"^^xsd:string``, which rdflib keeps apart). Typed literals are as
    written (rdflib with ``NORMALIZE_LITERALS`` off, ``load_dataset(...,
    as_written=True)``) or, with ``as_written=False``, in the canonical form
    rdflib gives them by default (``"01"^^xsd:integer`` is then ``"1"``, one
    term for either writing)."""

    def __init__(self, as_written: bool = True):
        super().__init__()
        import pyoxigraph as ox
        self._ox = ox
        self._as_written = as_written
        self._back: dict = {}          # rdflib term -> id, for the schema's round trip

    def _new(self, term) -> int:
        ox = self._ox
        if (not self._as_written and type(term) is ox.Literal and not term.language
                and term.datatype.value != XSD + "string"):
            from rdflib import Literal, URIRef
            canonical = str(Literal(term.value, datatype=URIRef(term.datatype.value)))
            if canonical != term.value:
                i = self.ids[term] = self.id(ox.Literal(canonical, datatype=term.datatype))
                return i
        return super()._new(term)

    def kind(self, term) -> int:
        t = type(term)
        return IRI if t is self._ox.NamedNode else BNODE if t is self._ox.BlankNode else LITERAL

    def iri(self, value: str) -> int:
        return self.id(self._ox.NamedNode(value))

    def text(self, i: int) -> str:
        return self.terms[i].value

    def to_rdflib(self, i: int):
        from rdflib import BNode, Literal, URIRef
        t, k = self.terms[i], self.kinds[i]
        if k == IRI:
            r = URIRef(t.value)
        elif k == BNODE:
            r = BNode(t.value)          # same label, so that messages name it alike
        else:
            lex, dt = self.literal(i)
            r = (Literal(lex, lang=t.language) if t.language
                 else Literal(lex, datatype=dt and URIRef(dt), normalize=False))
        self._back.setdefault(r, i)
        return r

    def from_rdflib(self, term) -> int:
        i = self._back.get(term)
        if i is not None:
            return i
        from rdflib import BNode, Literal
        ox = self._ox
        if isinstance(term, Literal):
            if term.language:
                t = ox.Literal(str(term), language=term.language)
            else:
                t = ox.Literal(str(term), datatype=ox.NamedNode(term.datatype) if term.datatype else None)
        elif isinstance(term, BNode):
            t = ox.BlankNode(str(term))
        else:
            t = ox.NamedNode(str(term))
        return self.id(t)

    def literal(self, i: int) -> tuple[str, str | None]:
        t = self.terms[i]
        if t.language:
            return t.value, None
        dt = t.datatype.value
        return t.value, (None if dt == XSD + "string" else dt)


# -- the schema, closed by owlrl --------------------------------------------------

_TBOX_CACHE: dict = {}


def _owlrl_tbox(triples: frozenset):
    """owlrl's closure of schema triples (rdflib terms): (graph, error messages),
    owlrl's error nodes removed. Cached: the ontology rarely changes."""
    hit = _TBOX_CACHE.get(triples)
    if hit is not None:
        return hit
    import owlrl
    from rdflib import Graph, Namespace
    from rdflib.namespace import RDF as R

    err = Namespace(ERRNS)
    g = Graph()
    for t in triples:
        g.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(g)
    errors = []
    for m in list(g.subjects(R.type, err.ErrorMessage)):
        errors += [str(o) for o in g.objects(m, err.error)]
        g.remove((m, None, None))
    if len(_TBOX_CACHE) > 16:
        _TBOX_CACHE.clear()
    _TBOX_CACHE[triples] = (g, errors)
    return g, errors


_UNBOUNDED = {"integer": "", "nonNegativeInteger": "+", "positiveInteger": "+", "nonPositiveInteger": "-",
              "negativeInteger": "-"}


def _long_integer_ok(lex: str, dt: str) -> bool | None:
    """Whether a lexical form of more than a thousand digits is valid for an
    integer datatype, read without int(): Python refuses int() of over 4,300
    digits (a false clash), and converting millions of digits takes
    quadratic time. None when the form is short or the datatype not an
    integer one (the converter judges it)."""
    if len(lex) <= 1000 or not dt.startswith(XSD):
        return None
    local = dt[len(XSD):]
    bounded = {"long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"}
    if local not in _UNBOUNDED and local not in bounded:
        return None
    m = re.fullmatch(r"\s*([+-]?)0*([0-9]+)\s*", lex)
    if not m:
        return False
    if local in bounded:
        return False            # a thousand digits exceed every bounded type
    sign = "-" if m.group(1) == "-" and m.group(2).strip("0") else "+"
    need = _UNBOUNDED[local]
    return not need or need == sign


def _datatype_tables():
    from owlrl.AxiomaticTriples import OWLRL_Datatypes_Disjointness
    from owlrl.XsdDatatypes import OWL_Datatype_Subsumptions, OWL_RL_Datatypes
    rl = {str(d) for d in OWL_RL_Datatypes}
    subs = {str(k): [str(x) for x in v] for k, v in OWL_Datatype_Subsumptions.items()}
    disjoint = [(str(a), str(b)) for a, _, b in OWLRL_Datatypes_Disjointness]
    return rl, subs, disjoint


# -- the compiled rules -----------------------------------------------------------

class _Schema:
    """What the instance rules need from the closed schema, as term ids."""

    def __init__(self, tg, terms: Terms, v: _Vocab):
        from rdflib import Literal
        from rdflib.namespace import OWL as O
        from rdflib.namespace import RDF as R
        from rdflib.namespace import RDFS as RS

        I = terms.from_rdflib  # noqa: E741
        # owlrl reads a list with Graph.items(), which takes any one rdf:first
        # and rdf:rest of a node: with two (owl:sameAs between members does
        # that), its result depends on hash order
        todo = [o for p in (O.unionOf, O.intersectionOf, O.oneOf, O.members, O.distinctMembers,
                            O.propertyChainAxiom, O.hasKey) for o in tg.objects(None, p)]
        seen = set()
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            rests = set(tg.objects(node, R.rest))
            if len(set(tg.objects(node, R.first))) > 1 or len(rests) > 1:
                raise Unsupported(f"the RDF list of {node} has a node with two rdf:first or rdf:rest "
                                  "(owl:sameAs between its members?): owlrl's result depends on its hash order")
            todo += rests

        def items(lst):
            return [I(x) for x in tg.items(lst)]

        def pairs(pred):
            return [(I(s), I(o)) for s, o in tg.subject_objects(pred)]

        def typed(cls):
            return [I(s) for s in tg.subjects(R.type, cls)]

        self.sup_c = defaultdict(set)      # class -> classes its members also belong to
        for c1, c2 in pairs(RS.subClassOf):
            if c1 != c2:
                self.sup_c[c1].add(c2)
        for c1, c2 in pairs(O.equivalentClass):
            if c1 != c2:
                self.sup_c[c1].add(c2)
                self.sup_c[c2].add(c1)
        for c, lst in tg.subject_objects(O.unionOf):                      # cls-uni
            for cl in items(lst):
                if cl != I(c):
                    self.sup_c[cl].add(I(c))
        self.int_by_member = defaultdict(list)                            # cls-int1
        for c, lst in tg.subject_objects(O.intersectionOf):
            classes = items(lst)
            for cl in classes:                                            # cls-int2
                if cl != I(c):
                    self.sup_c[I(c)].add(cl)
            for m in set(classes):
                self.int_by_member[m].append((I(c), tuple(classes)))
        self.dom, self.rng = defaultdict(set), defaultdict(set)
        for p, c in pairs(RS.domain):
            self.dom[p].add(c)
        for p, c in pairs(RS.range):
            self.rng[p].add(c)
        self.sup_p = defaultdict(set)
        for p1, p2 in pairs(RS.subPropertyOf):
            if p1 != p2:
                self.sup_p[p1].add(p2)
        for p1, p2 in pairs(O.equivalentProperty):
            if p1 != p2:
                self.sup_p[p1].add(p2)
                self.sup_p[p2].add(p1)
        self.inv = defaultdict(set)
        for p1, p2 in pairs(O.inverseOf):
            self.inv[p1].add(p2)
            self.inv[p2].add(p1)
        self.fp, self.ifp = set(typed(O.FunctionalProperty)), set(typed(O.InverseFunctionalProperty))
        self.symp, self.trp = set(typed(O.SymmetricProperty)), set(typed(O.TransitiveProperty))
        self.irp, self.asyp = set(typed(O.IrreflexiveProperty)), set(typed(O.AsymmetricProperty))
        self.chains = [(I(p), items(lst)) for p, lst in tg.subject_objects(O.propertyChainAxiom)]
        self.chains = [(p, ch) for p, ch in self.chains if ch]

        def on(r, pred=O.onProperty):
            return [I(x) for x in tg.objects(r, pred)]

        self.svf = [(I(r), pp, I(y)) for r, y in tg.subject_objects(O.someValuesFrom) for pp in on(r)]
        self.avf = [(I(r), pp, I(y)) for r, y in tg.subject_objects(O.allValuesFrom) for pp in on(r)]
        self.hv = [(I(r), pp, I(y)) for r, y in tg.subject_objects(O.hasValue) for pp in on(r)]
        self.maxc1, self.maxc0, self.maxqc0 = [], [], []   # (restriction, property, onClass or None)
        for r, x in tg.subject_objects(O.maxCardinality):
            n = _value(x, Literal)
            for pp in on(r):
                if n == 0:
                    self.maxc0.append((I(r), pp))
                elif n == 1:
                    self.maxc1.append((I(r), pp, None))
        for r, x in tg.subject_objects(O.maxQualifiedCardinality):
            n = _value(x, Literal)
            for pp in on(r):
                for cc in on(r, O.onClass):
                    if n == 0:
                        self.maxqc0.append((I(r), pp, cc))
                    elif n == 1:
                        self.maxc1.append((I(r), pp, None if cc == v.thing else cc))
        self.haskey = [(I(c), items(lst)) for c, lst in tg.subject_objects(O.hasKey)]
        self.haskey = [(c, ps) for c, ps in self.haskey if ps]
        # clash rules
        self.dw = pairs(O.disjointWith)
        for x in tg.subjects(R.type, O.AllDisjointClasses):
            for lst in tg.objects(x, O.members):
                classes = items(lst)
                self.dw += [(classes[i], c2) for i in range(len(classes) - 1) for c2 in classes[i + 1:]]
        self.comm = pairs(O.complementOf)
        self.pdw = pairs(O.propertyDisjointWith)
        self.adp = []
        for x in tg.subjects(R.type, O.AllDisjointProperties):
            for lst in tg.objects(x, O.members):
                pis = items(lst)
                # owlrl's loop bounds: the last member is never compared
                self.adp += [(pis[i], pis[j]) for i in range(len(pis) - 1) for j in range(i + 1, len(pis) - 1)]
        self.npa = []
        for x, i1 in tg.subject_objects(O.sourceIndividual):
            for p1 in tg.objects(x, O.assertionProperty):
                self.npa += [("object", I(i1), I(p1), I(i2)) for i2 in tg.objects(x, O.targetIndividual)]
                self.npa += [("datatype", I(i1), I(p1), I(i2)) for i2 in tg.objects(x, O.targetValue)]
        self.alldiff = []
        for x in tg.subjects(R.type, O.AllDifferent):
            for lst in list(tg.objects(x, O.members)) + list(tg.objects(x, O.distinctMembers)):
                z = items(lst)
                self.alldiff += [(z[i], z[j]) for i in range(len(z) - 1) for j in range(i + 1, len(z) - 1)]

        used = (set(self.dom) | set(self.rng) | set(self.sup_p) | set(self.inv) | self.fp | self.ifp | self.symp
                | self.trp | self.irp | self.asyp | {p for p, _ in self.chains} | {q for _, ch in self.chains for q in ch}
                | {pp for _, pp, _ in self.svf + self.avf + self.hv + self.maxc1} | {pp for _, pp in self.maxc0}
                | {pp for _, pp, _ in self.maxqc0} | {q for _, ps in self.haskey for q in ps}
                | {q for pair in self.pdw + self.adp for q in pair} | {p for _, _, p, _ in self.npa}
                | {q for qs in self.sup_p.values() for q in qs} | {q for qs in self.inv.values() for q in qs})
        if v.same in used:
            # owlrl has x owl:sameAs x for every term (eq-ref); this engine leaves those implicit
            raise Unsupported("the schema uses owl:sameAs as a property")


def _value(lit, Literal):
    if not isinstance(lit, Literal):
        raise Unsupported("a cardinality that is not a literal (owlrl fails on it)")
    return lit.value


class _Vocab:
    def __init__(self, terms: Terms):
        I = terms.iri  # noqa: E741
        self.type, self.same, self.diff = I(RDF + "type"), I(OWL + "sameAs"), I(OWL + "differentFrom")
        self.thing, self.nothing = I(OWL + "Thing"), I(OWL + "Nothing")
        self.dw, self.datatype = I(OWL + "disjointWith"), I(RDFS + "Datatype")
        self.schema_types = {I(x) for x in SCHEMA_TYPES}
        self._schema_pred: dict[int, bool] = {}
        self._terms = terms

    def schema_pred(self, p: int) -> bool:
        r = self._schema_pred.get(p)
        if r is None:
            t = self._terms
            v = t.text(p) if t.kinds[p] == IRI else ""
            r = self._schema_pred[p] = v in SCHEMA_PREDICATES or (v.startswith(OWL) and v not in NOT_SCHEMA_OWL)
        return r

    def is_schema(self, s: int, p: int, o: int) -> bool:
        return self.schema_pred(p) or (p == self.type and o in self.schema_types)


# -- the engine ---------------------------------------------------------------------

def infer(triples, terms: Terms) -> tuple[list[tuple[int, int, int]], list[str]]:
    """owlrl's OWL 2 RL closure of ``triples`` (id triples of ``terms``), as
    ``kg.reason`` cleans it: the entailed triples that are not asserted, have
    an IRI subject and predicate, no blank node, are not ``x owl:sameAs x`` nor
    ``x rdf:type owl:Thing``; and the clash messages (owlrl's, plus
    ``"X is a member of owl:Nothing"``), sorted. Raises :class:`Unsupported`."""
    v = _Vocab(terms)
    asserted = triples if isinstance(triples, list) else list(triples)
    rl, subs, disjoint = _datatype_tables()
    schema, literals = set(), set()
    kinds = terms.kinds
    rl_ids = {terms.iri(d) for d in rl}
    schema_pred, schema_types, rdf_type = v.schema_pred, v.schema_types, v.type
    preds: dict[int, bool] = {}
    first, rest = terms.iri(RDF + "first"), terms.iri(RDF + "rest")
    lists = defaultdict(list)
    for t in asserted:
        s, p, o = t
        sp = preds.get(p)
        if sp is None:
            sp = preds[p] = schema_pred(p)
        if sp or (p == rdf_type and o in schema_types):
            schema.add(t)
        elif p == first or p == rest:
            lists[s].append(t)
        if kinds[o] == LITERAL:
            literals.add(o)
            if p == v.same:
                raise Unsupported("an asserted owl:sameAs to a literal (owlrl's datatype rule then depends on hash order)")
        elif p == v.type and o in rl_ids and kinds[s] != LITERAL:
            raise Unsupported("a node typed with a datatype (owlrl's datatype rule then depends on hash order)")

    # owlrl's one-time datatype rules (dt-type2, dt-not-type, subsumptions, disjointness of used datatypes)
    from owlrl.DatatypeHandling import AltXSDToPYTHON
    from rdflib import URIRef
    facts, errors, used = [], set(), set()
    for lt in literals:
        lex, dt = terms.literal(lt)
        if dt not in rl:
            continue
        used.add(dt)
        facts.append((lt, v.type, terms.iri(dt)))
        long_integer = _long_integer_ok(lex, dt)
        if long_integer is not None:        # Python refuses int() of over 4,300 digits
            ok = long_integer
        else:
            try:
                AltXSDToPYTHON.get(URIRef(dt), lambda x: x)(lex)
                ok = True
            except ValueError:
                ok = False
        if not ok:
            errors.add("Lexical value of the literal '%s' does not match its datatype (%s)" % (lex, dt))
        for new in subs.get(dt, ()):
            facts.append((lt, v.type, terms.iri(new)))
            used.add(new)
    schema |= {(terms.iri(a), v.dw, terms.iri(b)) for a, b in disjoint if a in used and b in used}
    schema |= _list_triples({o for _, _, o in schema}, lambda n: lists.get(n, ()), rest)

    while True:
        tg, tbox_errors = _owlrl_tbox(frozenset(tuple(terms.to_rdflib(x) for x in t) for t in schema))
        tbox = {tuple(map(terms.from_rdflib, t)) for t in tg}
        rules = _Schema(tg, terms, v)
        run = _Run(terms, v, rules)
        base = run.load(asserted)
        for t in tbox:
            if not (t[1] == v.same and t[0] == t[2]):   # eq-ref: left implicit
                run.add(*t)
        for t in facts:
            run.add(*t)
        run.saturate()
        new_schema = {t for t in run.queue[base:] if v.is_schema(*t) and t not in tbox}
        heads = {o for s, p, o in tbox | new_schema if v.is_schema(s, p, o)}
        firsts, rests = run.spo.get(first, {}), run.spo.get(rest, {})
        new_schema |= _list_triples(heads, lambda n: [(n, first, x) for x in firsts.get(n, ())]
                                    + [(n, rest, x) for x in rests.get(n, ())], rest) - tbox
        if not new_schema:
            break
        schema |= new_schema            # close the schema again with them, and redo

    clashes = run.clashes() | errors | set(tbox_errors)
    thing = v.thing
    inferred = [(s, p, o) for s, p, o in run.queue[base:]
                if kinds[s] == IRI and kinds[p] == IRI and kinds[o] != BNODE
                and not (p == v.same and s == o) and not (p == v.type and o == thing)]
    return inferred, sorted(clashes)


def _list_triples(heads, triples_of, rest: int) -> set:
    """The rdf:first and rdf:rest triples of the lists starting at ``heads``
    (``triples_of(node)``: a node's first and rest triples)."""
    out, todo, seen = set(), list(heads), set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for t in triples_of(node):
            out.add(t)
            if t[1] == rest:
                todo.append(t[2])
    return out


class _Run:
    """One fixpoint: the triples indexed by predicate, subject (``spo``) and,
    for the predicates a join needs it for, by object (``ops``)."""

    def __init__(self, terms: Terms, v: _Vocab, rules: _Schema):
        self.terms, self.v, self.r = terms, v, rules
        self.spo: dict[int, dict[int, set]] = {}
        self.ops: dict[int, dict[int, set]] = {}
        self.queue: list[tuple[int, int, int]] = []
        self.done = 0
        r = rules
        need_ops = (r.ifp | r.trp | {q for _, ch in r.chains for q in ch[:-1]} | {pp for _, pp, _ in r.svf}
                    | {pp for _, pp, cc in r.maxc1 if cc is not None})
        for p in need_ops:
            self.ops[p] = {}
        self.add = self._adder()
        self.crules, self.prules = self._compile()

    def _adder(self):
        spo, ops, queue, kinds = self.spo, self.ops, self.queue, self.terms.kinds

        def add(s, p, o):
            if kinds[p] == LITERAL:
                return                  # owlrl never stores a literal predicate
            d = spo.get(p)
            if d is None:
                d = spo[p] = {}
            objs = d.get(s)
            if objs is None:
                d[s] = {o}
            elif o in objs:
                return
            else:
                objs.add(o)
            r = ops.get(p)
            if r is not None:
                subs = r.get(o)
                if subs is None:
                    r[o] = {s}
                else:
                    subs.add(s)
            queue.append((s, p, o))
        return add

    def load(self, triples) -> int:
        """Add ``triples`` (:meth:`add` each); the number queued."""
        add = self.add
        for s, p, o in triples:
            add(s, p, o)
        return len(self.queue)

    # -- rules, as functions of the new triple ----------------------------------------
    def _compile(self):
        r, v, add, spo, ops = self.r, self.v, self.add, self.spo, self.ops
        TYPE, SAME, THING = v.type, v.same, v.thing
        EMPTY: frozenset = frozenset()
        crules: dict[int, list] = defaultdict(list)   # class -> f(x) for a new (x rdf:type class)
        prules: dict[int, list] = defaultdict(list)   # property -> f(s, o) for a new (s p o)

        def types(x):
            d = spo.get(TYPE)
            return d.get(x, EMPTY) if d else EMPTY

        def objects(s, p):
            d = spo.get(p)
            return tuple(d.get(s, EMPTY)) if d else ()

        def same(a, b):
            add(a, SAME, b)
            add(b, SAME, a)

        for c, sups in r.sup_c.items():                                   # cax-sco, cax-eqc, cls-uni, cls-int2
            sups = tuple(sups)

            def f(x, sups=sups):
                for c2 in sups:
                    add(x, TYPE, c2)
            crules[c].append(f)
        for m, ints in r.int_by_member.items():                           # cls-int1
            def f(x, ints=ints):
                ts = types(x)
                for c, classes in ints:
                    if all(cl in ts for cl in classes):
                        add(x, TYPE, c)
            crules[m].append(f)
        for p, cs in r.dom.items():                                       # prp-dom
            cs = tuple(cs)

            def f(s, o, cs=cs):
                for c in cs:
                    add(s, TYPE, c)
            prules[p].append(f)
        for p, cs in r.rng.items():                                       # prp-rng
            cs = tuple(cs)

            def f(s, o, cs=cs):
                for c in cs:
                    add(o, TYPE, c)
            prules[p].append(f)
        for p, qs in r.sup_p.items():                                     # prp-spo1, prp-eqp1/2
            qs = tuple(qs)

            def f(s, o, qs=qs):
                for q in qs:
                    add(s, q, o)
            prules[p].append(f)
        for p, qs in r.inv.items():                                       # prp-inv1/2
            qs = tuple(qs)

            def f(s, o, qs=qs):
                for q in qs:
                    add(o, q, s)
            prules[p].append(f)
        for p in r.symp:                                                  # prp-symp
            prules[p].append(lambda s, o, p=p: add(o, p, s))
        for p in r.trp:                                                   # prp-trp
            def f(s, o, p=p):
                for z in objects(o, p):
                    add(s, p, z)
                for w in tuple(ops[p].get(s, EMPTY)):
                    add(w, p, o)
            prules[p].append(f)
        for p in r.fp:                                                    # prp-fp
            def f(s, o, p=p):
                for y in objects(s, p):
                    if y != o:
                        same(o, y)
            prules[p].append(f)
        for p in r.ifp:                                                   # prp-ifp
            def f(s, o, p=p):
                for x in tuple(ops[p].get(o, EMPTY)):
                    if x != s:
                        same(s, x)
            prules[p].append(f)
        for target, chain in r.chains:                                    # prp-spo2
            for i, p in enumerate(chain):
                def f(s, o, i=i, chain=chain, target=target):
                    left = {s}
                    for k in range(i - 1, -1, -1):
                        idx, nxt = ops[chain[k]], set()
                        for u in left:
                            nxt.update(idx.get(u, EMPTY))
                        if not nxt:
                            return
                        left = nxt
                    right = {o}
                    for k in range(i + 1, len(chain)):
                        idx, nxt = spo.get(chain[k], {}), set()
                        for u in right:
                            nxt.update(idx.get(u, EMPTY))
                        if not nxt:
                            return
                        right = nxt
                    for a in left:
                        for b in right:
                            add(a, target, b)
                prules[p].append(f)
        for rr, pp, y in r.svf:                                           # cls-svf1/2
            def f(s, o, rr=rr, y=y):
                if y == THING or y in types(o):
                    add(s, TYPE, rr)
            prules[pp].append(f)
            if y != THING:
                def g(x, rr=rr, pp=pp):
                    for u in tuple(ops[pp].get(x, EMPTY)):
                        add(u, TYPE, rr)
                crules[y].append(g)
        for rr, pp, y in r.avf:                                           # cls-avf
            def f(s, o, rr=rr, y=y):
                if rr in types(s):
                    add(o, TYPE, y)
            prules[pp].append(f)

            def g(x, pp=pp, y=y):
                for o in objects(x, pp):
                    add(o, TYPE, y)
            crules[rr].append(g)
        for rr, pp, y in r.hv:                                            # cls-hv1/2
            def f(s, o, rr=rr, y=y):
                if o == y:
                    add(s, TYPE, rr)
            prules[pp].append(f)
            crules[rr].append(lambda x, pp=pp, y=y: add(x, pp, y))
        for rr, pp, cc in r.maxc1:                                        # cls-maxc2, cls-maxqc3/4
            def f(s, o, rr=rr, pp=pp, cc=cc):
                if rr in types(s) and (cc is None or cc in types(o)):
                    for y in objects(s, pp):
                        if y != o and (cc is None or cc in types(y)):
                            same(o, y)
            prules[pp].append(f)

            def g(x, pp=pp, cc=cc):
                ys = [y for y in objects(x, pp) if cc is None or cc in types(y)]
                for y1 in ys:
                    for y2 in ys:
                        if y1 != y2:
                            add(y1, SAME, y2)
            crules[rr].append(g)
            if cc is not None:
                def h(x, rr=rr, pp=pp, cc=cc):
                    for u in tuple(ops[pp].get(x, EMPTY)):
                        if rr in types(u):
                            for y in objects(u, pp):
                                if y != x and cc in types(y):
                                    same(x, y)
                crules[cc].append(h)
        return dict(crules), dict(prules)

    # -- the fixpoint -------------------------------------------------------------------
    def saturate(self) -> None:
        v, add, spo, queue = self.v, self.add, self.spo, self.queue
        TYPE, SAME = v.type, v.same
        crules, prules = self.crules, self.prules
        pending: set = set()            # terms made equal to another: their triples as object still to copy
        i = self.done
        while True:
            while i < len(queue):
                s, p, o = queue[i]
                i += 1
                if p == TYPE:
                    fs = crules.get(o)
                    if fs is not None:
                        for f in fs:
                            f(s)
                fs = prules.get(p)
                if fs is not None:
                    for f in fs:
                        f(s, o)
                sd = spo.get(SAME)
                if sd:                                                    # eq-rep-s/p/o for a new triple
                    e = sd.get(s)
                    if e:
                        for y in tuple(e):
                            add(y, p, o)
                    e = sd.get(p)
                    if e:
                        for y in tuple(e):
                            add(s, y, o)
                    e = sd.get(o)
                    if e:
                        for y in tuple(e):
                            add(s, p, y)
                if p == SAME and s != o:
                    if s == SAME or o == SAME:
                        raise Unsupported("owl:sameAs made equal to another term")
                    add(o, SAME, s)                                           # eq-sym
                    for q, d in tuple(spo.items()):                      # eq-rep-s on what is known
                        e = d.get(s)
                        if e:
                            for z in tuple(e):
                                add(o, q, z)
                    d = spo.get(s)                                        # eq-rep-p on what is known
                    if d:
                        for x, e in tuple(d.items()):
                            for z in tuple(e):
                                add(x, o, z)
                    pending.add(s)                                        # eq-rep-o: in one scan below
            if pending:
                sd, hit = spo[SAME], pending
                pending = set()
                for q, d in tuple(spo.items()):
                    for x, objs in tuple(d.items()):
                        if not objs.isdisjoint(hit):
                            for z in objs & hit:
                                for y in tuple(sd.get(z, ())):
                                    add(x, q, y)
                continue
            if self.r.haskey and self._haskey():
                continue
            break
        self.done = i

    def _haskey(self) -> bool:
        """prp-key as owlrl does it (comparing the first n-1 keys only), naively."""
        spo, v, add = self.spo, self.v, self.add
        before = len(self.queue)
        typed = spo.get(v.type, {})
        sd = spo.get(v.same, {})
        for c, pis in self.r.haskey:
            inst = [x for x, cs in typed.items() if c in cs]
            for x in inst:
                final = [[z] for z in spo.get(pis[0], {}).get(x, ())]
                for pi in pis[1:]:
                    new = []
                    for z in spo.get(pi, {}).get(x, ()):
                        new += [lst + [z] for lst in final]
                    final = new
                values = [lst for lst in final if len(lst) == len(pis)]
                if not values:
                    continue
                for y in inst:
                    if y == x or y in sd.get(x, ()) or x in sd.get(y, ()):
                        continue
                    for vals in values:
                        if all(vals[k] in spo.get(pis[k], {}).get(y, ()) for k in range(len(pis) - 1)):
                            add(x, v.same, y)
                            break
        return len(self.queue) > before

    # -- clashes ------------------------------------------------------------------------
    def clashes(self) -> set[str]:
        r, v, spo, T = self.r, self.v, self.spo, self.terms.text
        EMPTY: frozenset = frozenset()
        out: set[str] = set()
        typed = spo.get(v.type, {})
        sd = spo.get(v.same, {})

        def triples(p):
            for x, ys in spo.get(p, {}).items():
                for y in ys:
                    yield x, y

        def has(s, p, o):
            return o in spo.get(p, {}).get(s, EMPTY)

        dw = defaultdict(list)
        for c1, c2 in r.dw:
            dw[c1].append(c2)
        comm = defaultdict(list)
        for c1, c2 in r.comm:
            comm[c1].append(c2)
        keys = set(dw) | set(comm) | {v.nothing}
        for x, cs in typed.items():
            if keys.isdisjoint(cs):
                continue
            for c1 in cs:
                for c2 in dw.get(c1, ()):
                    if c2 in cs:
                        out.add("Disjoint classes %s and %s have a common individual %s" % (T(c1), T(c2), T(x)))
                for c2 in comm.get(c1, ()):
                    if c2 in cs:   # owlrl names the second class where the element should be
                        out.add("Violation of complementarity for classes %s and %s on element %s"
                                % (T(c1), T(c2), T(c2)))
            if v.nothing in cs:
                out.add("%s is defined of type 'Nothing'" % T(x))
                out.add(f"{T(x)} is a member of owl:Nothing")
        for p in r.irp:
            for x, y in triples(p):
                if x == y:
                    out.add("Irreflexive property used on %s with %s" % (T(x), T(p)))
        for p in r.asyp:
            for x, y in triples(p):
                if has(y, p, x):
                    out.add("Erroneous usage of asymmetric property %s on %s and %s" % (T(p), T(x), T(y)))
        for p1, p2 in r.pdw:
            for x, y in triples(p1):
                if has(x, p2, y):
                    out.add("Erroneous usage of disjoint properties %s and %s on %s and %s"
                            % (T(p1), T(p2), T(x), T(y)))
        for p1, p2 in r.adp:
            for x, y in triples(p1):
                if has(x, p2, y):
                    out.add("Disjoint properties in an 'AllDisjointProperties' are not really disjoint: "
                            "(%s, %s,%s) and (%s,%s,%s)" % (T(x), T(p1), T(y), T(x), T(p2), T(y)))
        for kind, i1, p1, i2 in r.npa:
            if has(i1, p1, i2):
                out.add("Negative (%s) property assertion violated for: (%s, %s, %s)" % (kind, T(i1), T(p1), T(i2)))
        for rr, pp in r.maxc0:
            for x, y in triples(pp):
                if rr in typed.get(x, EMPTY):
                    out.add("Erroneous usage of maximum cardinality with %s and %s" % (T(rr), T(y)))
        for rr, pp, cc in r.maxqc0:
            for x, y in triples(pp):
                if (cc == v.thing or cc in typed.get(y, EMPTY)) and rr in typed.get(x, EMPTY):
                    out.add("Erroneous usage of maximum qualified cardinality with %s, %s and %s"
                            % (T(rr), T(cc), T(y)))
        for a, b in triples(v.diff):                                      # eq-diff1
            if a == b or b in sd.get(a, EMPTY):
                for x, y in ((a, b), (b, a)):
                    out.add("'sameAs' and 'differentFrom' cannot be used on the same subject-object pair: (%s, %s)"
                            % (T(x), T(y)))
        for zi, zj in r.alldiff:                                          # eq-diff2/3
            if zi != zj and (zj in sd.get(zi, EMPTY) or zi in sd.get(zj, EMPTY)):
                out.add("'sameAs' and 'AllDifferent' cannot be used on the same subject-object pair: (%s, %s)"
                        % (T(zi), T(zj)))
        return out
