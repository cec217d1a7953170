"""Facts to RDF: deterministic IRIs, one named graph per source.

This module never looks at text; it turns :mod:`kg.graph.facts` into
triples. ``dataset_from(extractions)`` gives an :class:`rdflib.Dataset` with
one named graph per source (named by the source IRI); the same facts found
in two sources give the same nodes, each graph carrying its own evidence.

>>> from kg.graph.facts import Extraction, SourceInfo
>>> ds = dataset_from([Extraction(SourceInfo("s1", "x", "2024-01", "text"))])
>>> [str(g.identifier) for g in ds.graphs() if len(g)]
['https://w3id.org/dipkg/source/s1']
"""
from __future__ import annotations

from rdflib import Dataset, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from . import facts as F
from .ids import DIP, ID, SRC, first_instant, slug, span_key, text_key

ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
TIME = Namespace("http://www.w3.org/2006/time#")

PREFIXES = {"dip": DIP, "id": ID, "src": SRC, "org": ORG, "oa": OA, "prov": PROV, "skos": SKOS,
            "dct": DCTERMS, "foaf": FOAF, "schema": SCHEMA, "xsd": XSD, "rdfs": RDFS, "owl": OWL, "wd": WD, "time": TIME}


def short_name(iri: str) -> str:
    """A prefixed name where a project prefix fits, else ``<iri>``.

    >>> short_name("https://w3id.org/dipkg/ontology#Visit"), short_name("https://example.org/x")
    ('dip:Visit', '<https://example.org/x>')
    """
    known = {**PREFIXES, "rdf": RDF}
    for prefix, ns in sorted(known.items(), key=lambda kv: -len(str(kv[1]))):
        if iri.startswith(str(ns)) and len(iri) > len(str(ns)):
            return f"{prefix}:{iri[len(str(ns)):]}"
    return f"<{iri}>"


def bind(g) -> None:
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True, replace=True)


#: the precision of an ISO date, year-month or year, by its length: an OWL-Time unit
PRECISION = {4: TIME.unitYear, 7: TIME.unitMonth, 10: TIME.unitDay}


def date_literal(value: str) -> Literal:
    """An ISO date, year-month or year as the xsd:dateTime of its first instant
    (:func:`kg.graph.ids.first_instant`; the text gives a local calendar date,
    so no time zone): one datatype that SPARQL orders and compares, in OWL 2's
    datatype map. Its precision is said apart, by ``dip:datePrecision`` (see
    :data:`PRECISION`).

    >>> str(date_literal("2023-08"))
    '2023-08-01T00:00:00'
    """
    return Literal(first_instant(value), datatype=XSD.dateTime)


#: the open SKOS scheme of cooperation areas, grown by the texts (unlike the ontology's closed vocabularies)
AREAS = ID["areas"]


def concept(scheme: str, notation: str) -> URIRef:
    return DIP[f"{scheme}-{notation}"]


def state(code: str) -> URIRef:
    return ID[f"state/{code}"]


def person(key: str) -> URIRef:
    return ID[f"person/{key}"]


def relation(codes) -> URIRef:
    return ID["relation/" + "-".join(sorted(codes))]


def visit_iri(key: tuple) -> URIRef:
    start, guest, host = key
    return ID[f"visit/{start or 'undated'}/{guest}/{host}"]


def party(p: str) -> URIRef:
    return state(p) if len(p) == 2 and p.isupper() else ID[f"organization/{p}"]


class GraphWriter:
    """Writes one extraction into one named graph."""

    def __init__(self, ds: Dataset, ex: F.Extraction):
        self.ex = ex
        self.src = SRC[ex.source.stem]
        self.g = ds.graph(self.src)
        self.visits = {f.key: f for f in ex.of(F.Visit)}

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def lit(self, s, p, value, lang=None, datatype=None) -> None:
        if value is not None and value != "":
            self.add(s, p, Literal(value, lang=lang, datatype=datatype))

    def fact(self, node: URIRef, cls: URIRef, evidence: F.Evidence, curated: bool = False) -> URIRef:
        self.add(node, RDF.type, cls)
        if curated:
            self.add(node, PROV.wasDerivedFrom, URIRef(self.src + "/curated"))
        else:
            self.add(node, PROV.wasDerivedFrom, self.src)
        for sp in evidence:
            self.anchor(node, sp)
        return node

    def anchor(self, node: URIRef, sp: F.Span) -> None:
        # two selectors of one segment (Web Annotation: alternatives), each of its own class
        a = ID[f"anchor/{self.ex.source.stem}/{sp.start}-{sp.end}"]
        quote, position = URIRef(a + "/quote"), URIRef(a + "/position")
        self.add(node, DIP.evidence, a)
        self.add(a, RDF.type, DIP.EvidenceAnchor)
        self.add(a, OA.hasSource, self.src)
        self.add(a, OA.hasSelector, quote)
        self.add(a, OA.hasSelector, position)
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(sp.quote))
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(sp.start, datatype=XSD.nonNegativeInteger))
        self.add(position, OA.end, Literal(sp.end, datatype=XSD.nonNegativeInteger))

    def dated(self, node, values: dict) -> None:
        """``node``'s dates, ``{property: ISO date, year-month or year}``, as
        xsd:dateTime values with one ``dip:datePrecision`` for the node: the
        coarsest the values have (a start day and an end month both read as
        months), so every date of a node reads at the one precision."""
        values = {p: v for p, v in values.items() if v}
        if not values:
            return
        n = min(len(v) for v in values.values())
        for p, v in values.items():
            self.add(node, p, date_literal(v[:n]))
        self.add(node, DIP.datePrecision, PRECISION[n])

    def dates(self, node, start, end) -> None:
        self.dated(node, {DIP.startDate: start, DIP.endDate: end})

    def during(self, node, key) -> None:
        if key and key in self.visits:
            self.add(node, DIP.duringVisit, visit_iri(key))

    # -- the source and its entities ------------------------------------
    def write(self) -> None:
        s = self.ex.source
        self.add(self.src, RDF.type, DIP.Source)
        self.lit(self.src, DIP.sourceText, s.text)
        self.lit(self.src, DCTERMS.language, s.language)
        self.lit(self.src, DCTERMS.publisher, s.publisher)
        self.lit(self.src, DCTERMS.identifier, s.stem)
        self.dated(self.src, {DCTERMS.date: s.date})
        self.lit(self.src, DIP.dateBasis, s.date_basis)
        if s.date_basis == "curated" or s.curated_note or any(getattr(f, "curated", False) for f in self.ex.facts):
            c = URIRef(self.src + "/curated")
            self.add(c, RDF.type, DIP.CuratedRecord)
            self.add(c, DCTERMS.subject, self.src)
            self.lit(c, DCTERMS.description, s.curated_note or "curated metadata", lang="en")
            self.lit(c, DCTERMS.source, "seeds/metadata.json")
        for st in self.ex.states.values():
            n = state(st.code)
            self.add(n, RDF.type, DIP.State)
            self.lit(n, DIP.isoCode, st.code)
            self.lit(n, SKOS.prefLabel, st.label_en, lang="en")
            self.lit(n, SKOS.prefLabel, st.label_fr, lang="fr")
            if st.wikidata:
                self.add(n, SKOS.exactMatch, WD[st.wikidata])
        for p in self.ex.persons.values():
            n = person(p.key)
            self.add(n, RDF.type, DIP.Person)
            self.lit(n, FOAF.name, p.name)
            if p.wikidata:
                self.add(n, SKOS.exactMatch, WD[p.wikidata])
        for o in self.ex.organizations.values():
            n = party(o.key)
            self.add(n, RDF.type, DIP.Organization)
            self.lit(n, SKOS.prefLabel, o.label, lang="fr")
            self.lit(n, SKOS.prefLabel, o.label_en, lang="en")
            if o.wikidata:
                self.add(n, SKOS.exactMatch, WD[o.wikidata])
            if o.state:
                self.add(n, DIP.ofState, state(o.state))
        for f in self.ex.facts:
            getattr(self, "w_" + type(f).__name__)(f)

    def relation_node(self, codes) -> URIRef:
        r = relation(codes)
        self.add(r, RDF.type, DIP.BilateralRelation)
        for c in codes:
            self.add(r, DIP.state, state(c))
        self.add(r, PROV.wasDerivedFrom, self.src)
        return r

    # -- one writer per fact type ----------------------------------------
    def w_Tenure(self, f: F.Tenure) -> None:
        """The post, in the state or in the party or legislature that owns it
        (``f.organization``); the tenure, one node per person and post, a
        membership of that organisation ``org:memberDuring`` an interval that
        is ``time:inside`` the instant of each attestation: the source's
        reference date (the interval's bounds are unknown); none for an
        undated source."""
        owner = f.organization or f.state
        o = ID[f"organization/{f.organization}"] if f.organization else state(f.state)
        post = ID[f"post/{owner}/{f.role}"]
        t = ID[f"tenure/{owner}/{f.role}/{f.person}"]
        self.add(post, RDF.type, ORG.Post)
        self.add(post, ORG.role, concept("role", f.role))
        self.add(post, ORG.postIn, o)
        self.add(person(f.person), ORG.holds, post)
        self.fact(t, DIP.Tenure, f.evidence)
        self.add(t, ORG.member, person(f.person))
        self.add(t, ORG.organization, o)
        self.add(t, ORG.role, concept("role", f.role))
        self.add(t, DIP.post, post)
        if self.ex.source.date:     # an undated source attests the tenure at no known instant
            during = URIRef(t + "/during")
            self.add(t, ORG.memberDuring, during)
            self.add(during, RDF.type, TIME.Interval)
            self.add(during, TIME.inside, self.instant(self.ex.source.date))

    def instant(self, iso: str) -> URIRef:
        """The instant of an ISO date, year-month or year (id:instant/2023-08),
        with its date (dip:instantDate) and precision."""
        i = ID[f"instant/{iso}"]
        self.add(i, RDF.type, TIME.Instant)
        self.dated(i, {DIP.instantDate: iso})
        return i

    def w_Visit(self, f: F.Visit) -> None:
        v = self.fact(visit_iri(f.key), DIP.Visit, f.evidence, curated=f.curated)
        self.add(v, DIP.guest, person(f.guest))
        self.add(v, DIP.guestState, state(f.guest_state))
        self.add(v, DIP.hostState, state(f.host_state))
        self.add(v, DIP.visitType, concept("visit", f.type))
        self.add(v, DIP.status, concept("status", f.status))
        self.dates(v, f.start, f.end)
        if f.invited_by:
            self.add(v, DIP.invitedBy, person(f.invited_by))

    def encounter_iri(self, f: F.Encounter) -> URIRef:
        return ID[f"{f.kind}/{self._when(f.date, f.visit)}/{f.persons[0]}--{f.persons[1]}"]

    def after_talks(self, node, f) -> None:
        """``node`` was announced or done at the end of the talks of its
        visit (``f.after_talks``): linked to them, when the visit had one
        set of talks that took place."""
        if not getattr(f, "after_talks", False) or not f.visit:
            return
        talks = {self.encounter_iri(e) for e in self.ex.of(F.Encounter)
                 if e.kind == "talks" and e.visit == f.visit and e.status == "happened"}
        if len(talks) == 1:
            self.add(node, DIP.afterTalks, talks.pop())

    def w_Encounter(self, f: F.Encounter) -> None:
        n = self.encounter_iri(f)
        self.fact(n, DIP.Talks if f.kind == "talks" else DIP.Meeting, f.evidence)
        for p in f.persons:
            self.add(n, DIP.participant, person(p))
        self.add(n, DIP.status, concept("status", f.status))
        self.dated(n, {DIP.date: f.date})
        self.during(n, f.visit)
        for t in f.discussed:
            self.lit(n, DIP.discussed, t, lang="fr")

    def area(self, label: str) -> URIRef:
        """The dip:CooperationArea of a field, by its French label (id:area/<slug>):
        a SKOS concept of the open scheme id:areas, which the texts grow
        (each a top concept: the scheme is flat), labelled in English when
        the extraction knows the label (``Extraction.areas``)."""
        a = ID[f"area/{slug(label)}"]
        self.add(a, RDF.type, DIP.CooperationArea)
        self.lit(a, SKOS.prefLabel, label, lang="fr")
        self.lit(a, SKOS.prefLabel, self.ex.areas.get(label), lang="en")
        self.add(a, SKOS.inScheme, AREAS)
        self.add(a, SKOS.topConceptOf, AREAS)
        self.add(AREAS, RDF.type, SKOS.ConceptScheme)
        self.lit(AREAS, SKOS.prefLabel, "Cooperation areas", lang="en")
        self.lit(AREAS, SKOS.prefLabel, "Domaines de coopération", lang="fr")
        return a

    def _when(self, date, visit) -> str:
        if date:
            return date
        v = self.visits.get(visit)
        return span_key(v.start, v.end) if v else self.ex.source.date or "undated"

    def w_PartnershipChange(self, f: F.PartnershipChange) -> None:
        n = ID[f"change/{'-'.join(f.states)}/{f.to_level}/{self._when(f.date, f.visit)}"]
        self.fact(n, DIP.PartnershipChange, f.evidence)
        self.add(n, DIP.relation, self.relation_node(f.states))
        self.add(n, DIP.toLevel, concept("level", f.to_level))
        if f.from_level:
            self.add(n, DIP.fromLevel, concept("level", f.from_level))
        self.add(n, DIP.changeKind, concept("change", f.kind))
        self.add(n, DIP.status, concept("status", f.status))
        self.dated(n, {DIP.date: f.date})
        self.during(n, f.visit)
        self.after_talks(n, f)
        for area in f.priority_areas:
            self.add(n, DIP.priorityArea, self.area(area))

    def w_RelationDescription(self, f: F.RelationDescription) -> None:
        n = ID[f"description/{'-'.join(f.states)}/{self.ex.source.stem}/{f.evidence[0].start}"]
        self.fact(n, DIP.RelationDescription, f.evidence)
        self.add(n, DIP.relation, self.relation_node(f.states))
        self.lit(n, DIP.description, f.description, lang="fr")
        self.dated(n, {DIP.date: f.date})
        if f.level:
            self.add(n, DIP.level, concept("level", f.level))

    def w_Document(self, f: F.Document) -> None:
        when = self._when(f.date, f.visit) if f.visit or f.date else "undated"
        what = slug(" ".join((f.kind,) + f.topics + (tuple(p for p in f.period if p) if f.period else ())))[:80]
        n = ID[f"document/{'-'.join(sorted(f.parties))}/{when}/{what}"]
        self.fact(n, DIP.Document, f.evidence)
        self.add(n, DIP.documentKind, concept("doc", f.kind))
        self.add(n, DIP.status, concept("status", f.status))
        for t in f.topics:
            self.lit(n, DIP.topic, t, lang="fr")
        for p in f.parties:
            self.add(n, DIP.party, party(p))
        if f.period:
            # a period's bounds are calendar years, numbers (YEAR(?date) compares with them);
            # « des orientations pour 2030 » gives the last year alone
            if f.period[0]:
                self.add(n, DIP.periodStart, Literal(int(f.period[0])))
            self.add(n, DIP.periodEnd, Literal(int(f.period[1])))
        self.dated(n, {DIP.date: f.date})
        self.during(n, f.visit)

    def w_Target(self, f: F.Target) -> None:
        # what the target is, not which article states it: two articles on one target give one node
        by = f"-by-{f.horizon_year}" if f.horizon_year else f"-in-{f.horizon}" if f.horizon else ""
        n = ID[f"target/{'-'.join(f.states)}/{f.metric}/{f.value}-{f.unit}{by}"]
        self.fact(n, DIP.Target, f.evidence)
        self.add(n, DIP.relation, self.relation_node(f.states))
        self.add(n, DIP.metric, concept("metric", f.metric))
        self.add(n, DIP.targetValue, Literal(str(f.value), datatype=XSD.decimal))
        self.lit(n, DIP.unit, f.unit)
        if f.horizon:      # "P5Y": OWL 2 has no duration datatype, so a number of years
            self.add(n, DIP.horizonYears, Literal(int(f.horizon[1:-1])))
        if f.horizon_year:
            self.add(n, DIP.horizonYear, Literal(int(f.horizon_year)))
        self.during(n, f.visit)

    def w_Proposal(self, f: F.Proposal) -> None:
        n = ID[f"proposal/{f.by}/{text_key(f.description)}"]
        self.fact(n, DIP.Proposal, f.evidence)
        self.add(n, DIP.proposedBy, person(f.by))
        if f.addressed_to:
            self.add(n, DIP.addressedTo, state(f.addressed_to))
        self.lit(n, DIP.description, f.description, lang="fr")
        self.during(n, f.visit)

    def w_Commitment(self, f: F.Commitment) -> None:
        n = ID[f"commitment/{'-'.join(f.by)}/{text_key(f.description)}"]
        self.fact(n, DIP.Commitment, f.evidence)
        for b in f.by:
            self.add(n, DIP.committedBy, state(b))
        if f.addressed_to:
            self.add(n, DIP.addressedTo, state(f.addressed_to))
        if f.concerns:
            self.add(n, DIP.concerns, party(f.concerns))
        self.lit(n, DIP.description, f.description, lang="fr")
        for area in f.areas:
            self.add(n, DIP.cooperationArea, self.area(area))
        self.during(n, f.visit)

    def w_HonourConferral(self, f: F.HonourConferral) -> None:
        h = ID[f"honour/{f.honour.key}"]
        self.add(h, RDF.type, DIP.Honour)
        self.lit(h, SKOS.prefLabel, f.honour.label_fr, lang="fr")
        self.lit(h, SKOS.prefLabel, f.honour.label_en, lang="en")
        if f.honour.state:
            self.add(h, DIP.conferringState, state(f.honour.state))
        if f.honour.honour_class:
            self.add(h, DIP.honourClass, Literal(f.honour.honour_class))
        when = self._when(f.date, f.visit)
        n = ID[f"conferral/{when}/{f.recipient}/{f.honour.key.split('/', 1)[1]}"]
        self.fact(n, DIP.HonourConferral, f.evidence)
        self.add(n, DIP.honour, h)
        self.add(n, DIP.recipient, person(f.recipient))
        self.add(n, DIP.status, concept("status", f.status))
        if f.conferred_by:
            self.add(n, DIP.conferredBy, person(f.conferred_by))
        self.dated(n, {DIP.date: f.date})
        self.during(n, f.visit)
        self.after_talks(n, f)

    def w_FlightsOpening(self, f: F.FlightsOpening) -> None:
        n = ID[f"flights/{'-'.join(f.states)}/{f.date or 'undated'}"]
        self.fact(n, DIP.FlightsOpening, f.evidence)
        for c in f.states:
            self.add(n, DIP.state, state(c))
        self.dated(n, {DIP.date: f.date})

    def w_CityMention(self, f: F.CityMention) -> None:
        c = ID[f"city/{f.key}"]
        self.add(c, RDF.type, DIP.City)
        self.lit(c, SKOS.prefLabel, f.label_en, lang="en")
        self.lit(c, SKOS.altLabel, f.name, lang="fr")
        if f.wikidata:
            self.add(c, SKOS.exactMatch, WD[f.wikidata])
        self.add(state(f.state), DIP.capital, c)
        for sp in f.evidence:
            self.anchor(c, sp)


def dataset_from(extractions) -> Dataset:
    """One named graph per extraction, in one dataset."""
    ds = Dataset()
    bind(ds)
    for ex in extractions:
        GraphWriter(ds, ex).write()
    return ds

