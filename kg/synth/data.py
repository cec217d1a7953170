"""Synthetic dipkg datasets, streamed: for benchmarks and for comparing fast
engines (SHACL-to-SPARQL validation, OWL 2 RL reasoning) with pySHACL and owlrl.

The data has the shape of the built graph: one named graph per synthetic
source article (named by the source IRI, as the extractor names graphs),
identifiers minted from content as ``kg.graph`` mints them, the ontology's
own controlled vocabularies (levels, visit types, roles, document kinds…),
and every fact anchored to a sentence of its source's ``dip:sourceText`` (the
quotes and offsets match). The world is clearly synthetic: 42 states with the
ISO 3166 user-assigned codes (``AA``, ``QM``–``QZ``, ``XA``–``XZ``, ``ZZ``),
invented names for states, capitals and people, source IRIs
``src:synth-<seed>-<n>``.

Each visit is one article: the visit, its talks and often a meeting, the
tenures of the three leaders involved, and some of: a change of partnership
level, a relation description, documents, a trade target, an honour, a
commitment, a proposal, an opening of flights. About
:data:`QUADS_PER_VISIT` quads per visit (each graph repeats the states,
persons, posts and relations it mentions, as ``kg extract`` does), about
:data:`TRIPLES_PER_VISIT` triples per visit once the graphs are merged.
Memory stays flat: only the world (states, people, honours: a few thousand
nodes) is kept, and visits are written as they are made.

With ``violations=F``, a fraction F of the visits carries one deliberate
defect each, of the kinds in :data:`DEFECT_KINDS` in turn; ``defects=[]``
collects them as :class:`Defect` (kind, focus IRI, value).

>>> quads = list(generate(3, seed=1))
>>> len({q.graph_name for q in quads})
3
>>> import pyoxigraph as ox
>>> any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))
False
>>> found = []
>>> _ = list(generate(12, seed=1, violations=1.0, defects=found))
>>> sorted({d.kind for d in found}) == sorted(DEFECT_KINDS)
True
>>> write("/tmp/synth.nq", 1000, seed=7).triples     # doctest: +SKIP
216941
"""
from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from ..errors import InputError
from ..graph.ids import first_instant, fold, slug, text_key

# -- vocabulary -------------------------------------------------------------------------

_DIP = "https://w3id.org/dipkg/ontology#"
_ID = "https://w3id.org/dipkg/id/"
_SRC = "https://w3id.org/dipkg/source/"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_ORG = "http://www.w3.org/ns/org#"
_OA = "http://www.w3.org/ns/oa#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
ONTOLOGY_GRAPH = "https://w3id.org/dipkg/ontology"

N = ox.NamedNode
TYPE = N("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DERIVED = N("http://www.w3.org/ns/prov#wasDerivedFrom")
NAME = N("http://xmlns.com/foaf/0.1/name")
PREF, ALT = N(_SKOS + "prefLabel"), N(_SKOS + "altLabel")
D = {t: N(_DCT + t) for t in ("date", "language", "publisher", "identifier", "subject", "source", "description")}
O = {t: N(_ORG + t) for t in ("Post", "role", "postIn", "holds", "member", "organization", "memberDuring")}
_TIME = "http://www.w3.org/2006/time#"
T = {t: N(_TIME + t) for t in ("Interval", "Instant", "inside")}
#: roles whose post is in the state's government, party or legislature, not in the state: (key prefix, French, English)
OFFICE_ORGS = {"party_general_secretary": ("ruling-party", "parti au pouvoir", "ruling party"),
               "legislature_chair": ("legislature", "Assemblée nationale", "national assembly"),
               **{r: ("government", "Gouvernement", "government")
                  for r in ("head_of_government", "deputy_prime_minister", "foreign_minister")}}
A = {t: N(_OA + t) for t in ("hasSource", "hasSelector", "exact", "start", "end",
                             "TextQuoteSelector", "TextPositionSelector")}
X = {t: N(_XSD + t) for t in ("string", "dateTime", "decimal", "integer", "nonNegativeInteger")}
PRECISION = {4: N(_TIME + "unitYear"), 7: N(_TIME + "unitMonth"), 10: N(_TIME + "unitDay")}


class _Dip:
    """``dip:`` terms as attributes, each NamedNode made once (they are used millions of times)."""

    def __getattr__(self, name: str) -> ox.NamedNode:
        node = N(_DIP + name)
        setattr(self, name, node)
        return node

    def of(self, scheme: str, notation: str) -> ox.NamedNode:
        """A concept of the ontology's vocabularies: ``of("level", "strategic_partnership")``."""
        return getattr(self, f"{scheme}-{notation}")


DIP = _Dip()

# -- the synthetic world ----------------------------------------------------------------

CODES = tuple(["AA"] + [f"Q{c}" for c in "MNOPQRSTUVWXYZ"] + [f"X{c}" for c in string.ascii_uppercase] + ["ZZ"])
FIRST_DAY, LAST_DAY = date(1975, 1, 1), date(2024, 12, 31)
DAYS = (LAST_DAY - FIRST_DAY).days + 1
# A state takes part in at most one visit starting on a given day, so that
# event IRIs (type + dates + participants) never meet by chance.
MAX_VISITS = DAYS * (len(CODES) // 2)
QUADS_PER_VISIT = 254
TRIPLES_PER_VISIT = 200

# role notation -> (French title, holders per state)
ROLES = {
    "head_of_state": ("président", 3),
    "head_of_government": ("Premier ministre", 3),
    "party_general_secretary": ("secrétaire général du parti", 2),
    "legislature_chair": ("président de l’Assemblée nationale", 2),
    "foreign_minister": ("ministre des Affaires étrangères", 3),
    "deputy_prime_minister": ("vice-Premier ministre", 2),
    "vice_president": ("vice-président", 1),
    "ambassador": ("ambassadeur", 2),
    "other": ("conseiller d’État", 1),
}
# optional parts of an article, and how often they occur
OPTIONAL = (("meeting", 0.7), ("change", 0.4), ("description", 0.35), ("target", 0.35), ("honour", 0.2),
            ("commitment", 0.5), ("proposal", 0.3), ("flights", 0.1), ("org_document", 0.1))
GUEST_ROLES = (("head_of_state", 5), ("head_of_government", 3), ("party_general_secretary", 1),
               ("foreign_minister", 2), ("vice_president", 1))
VISIT_TYPES = (("state", "une visite d’État", 3), ("official", "une visite officielle", 4),
               ("working", "une visite de travail", 3), ("other", "une visite d’amitié", 1),
               ("unspecified", "une visite", 1))
LEVELS = (("friendship_and_cooperation", "amitié et coopération"), ("comprehensive_partnership", "partenariat intégral"),
          ("strategic_partnership", "partenariat stratégique"),
          ("comprehensive_strategic_partnership", "partenariat stratégique intégral"))
DOC_KINDS = (("agreement", "un accord de coopération", True), ("memorandum", "un mémorandum d’entente", True),
             ("letter_of_intent", "une lettre d’intention", True), ("programme", "un programme de coopération", True),
             ("action_plan", "un plan d’action", False), ("joint_statement", "une déclaration commune", False),
             ("press_release", "un communiqué de presse conjoint", False), ("document", "un document", True))
TOPICS = ("commerce", "énergie", "éducation", "santé", "agriculture", "transports", "tourisme",
          "transition numérique", "culture", "défense", "sécurité", "sciences et technologies", "environnement",
          "finances", "industrie", "sport", "justice", "médias", "aviation", "logistique", "eau", "mines",
          "pêche", "jeunesse")
DESCRIPTIONS = (("des relations d’amitié traditionnelle", None), ("une grande confiance politique", None),
                ("des liens anciens et solides", None),
                ("un partenariat stratégique exemplaire", "strategic_partnership"),
                ("un partenariat intégral dynamique", "comprehensive_partnership"),
                ("un partenariat stratégique intégral solide", "comprehensive_strategic_partnership"),
                ("des liens d’amitié et de coopération", "friendship_and_cooperation"))
# key, French name with its article, English name
ORGANIZATIONS = (("union-douaniere-boreale", "l’Union douanière boréale", "Boreal Customs Union"),
                 ("forum-des-etats-riverains", "le Forum des États riverains", "Forum of Riparian States"),
                 ("organisation-de-cooperation-australe", "l’Organisation de coopération australe",
                  "Austral Cooperation Organisation"),
                 ("conseil-economique-continental", "le Conseil économique continental",
                  "Continental Economic Council"))
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
_SYLLABLES = ("ka", "ri", "to", "val", "mar", "dor", "sel", "ven", "lu", "bar", "ni", "zo", "an", "el", "mi",
              "ra", "tes", "or", "il", "gan", "po", "su", "ber", "lin", "ta", "vo", "de", "sha", "kir", "mo",
              "nu", "fa", "gor", "le", "vin", "ast")
_ACCENTS = {"a": "â", "e": "é", "o": "ô", "i": "ï", "u": "ü"}

DEFECT_KINDS = {
    "missing-required": "a visit without dip:visitType (sh:minCount, dsh:VisitShape-visitType)",
    "functional-twice": "a visit with two dip:visitType values (sh:maxCount, dsh:VisitShape-visitType; "
                        "dip:visitType is an owl:FunctionalProperty, so OWL 2 RL makes the two types owl:sameAs)",
    "wrong-datatype": "a quote selector whose oa:exact is a language-tagged string (sh:datatype, "
                      "dsh:TextQuoteSelectorShape-exact)",
    "wrong-class": "a person whose org:holds is a visit, not an org:Post (sh:class, dsh:PersonShape-holds)",
    "pattern": "a target whose dip:unit is lower case (sh:pattern, dsh:TargetShape-unit)",
    "not-in": "a source whose dct:language is \"en\" (sh:in, dsh:SourceShape-language)",
    "has-value": "a selector with offsets not typed oa:TextPositionSelector (sh:hasValue, "
                 "dsh:TextPositionSelectorShape-type)",
    "less-than": "a position selector whose oa:start is after its oa:end (sh:lessThan, dsh:TextPositionSelectorShape-start)",
    "end-before-start": "a visit that ends before it starts (SHACL-SPARQL, dsh:EventShape-endNotBeforeStart)",
    "quote-mismatch": "an evidence anchor whose quote is not the source text at its offsets "
                      "(SHACL-SPARQL, dsh:EvidenceAnchorShape-quoteMatchesText)",
    "disjoint-types": "a document also typed dip:Event (owl:disjointWith dip:Document: an OWL 2 RL clash; "
                      "no SHACL result)",
    "range-clash": "a visit invited by its host state (sh:class, dsh:VisitShape-invitedBy; the rdfs:range "
                   "dip:Person of dip:invitedBy makes the state a person: a State/Person disjointness clash)",
}
_KINDS = tuple(DEFECT_KINDS)


@dataclass(frozen=True)
class Defect:
    """A deliberate defect: its kind (a key of :data:`DEFECT_KINDS`), the
    focus node a validator reports it on, and the offending value if any
    (for ``range-clash``, the state the OWL 2 RL clash names)."""
    kind: str
    focus: str
    value: str = ""


@dataclass
class SynthResult:
    """What :func:`write` wrote: ``triples`` counts the statements written
    (quads for .nq and .trig; triples for .nt and .ttl, whose graphs are
    merged), ``graphs`` the named graphs (0 when merged)."""
    path: Path
    visits: int
    triples: int
    graphs: int
    defects: list[Defect] = field(default_factory=list)


@dataclass
class _Person:
    key: str
    name: str
    role: str
    code: str
    node: ox.NamedNode
    post: ox.NamedNode
    tenure: ox.NamedNode


@dataclass
class _State:
    code: str
    fr: str
    en: str
    node: ox.NamedNode
    city_fr: str
    city: ox.NamedNode
    people: dict[str, list[_Person]]
    honours: list[tuple[ox.NamedNode, str, str, str, int | None]]    # node, key tail, fr, en, class


def _word(rng: random.Random, syllables: int) -> str:
    w = "".join(rng.choice(_SYLLABLES) for _ in range(syllables))
    if rng.random() < 0.25:     # some diacritics, so that IRIs come from ASCII-folded names
        vowels = [i for i, c in enumerate(w) if c in _ACCENTS]
        if vowels:
            i = rng.choice(vowels)
            w = w[:i] + _ACCENTS[w[i]] + w[i + 1:]
    return w.capitalize()


def _world(seed: int) -> dict[str, _State]:
    """The states, their capitals, office holders and honours: a function of the seed alone."""
    rng = random.Random(f"{seed}/world")
    states, taken = {}, set()
    for code in CODES:
        while True:
            root = _word(rng, rng.choice((2, 3)))[:9]
            if slug(root) not in taken:
                break
        taken.add(slug(root))
        vowel_end = root[-1] in "aeiouâéôïü"
        fr, en = root + ("nie" if vowel_end else "ie"), root + ("nia" if vowel_end else "ia")
        while True:
            city_fr = _word(rng, 2) + rng.choice(("ville", "bourg", "abad", "pol", "grad"))
            if slug(city_fr) not in taken:
                break
        taken.add(slug(city_fr))
        people: dict[str, list[_Person]] = {}
        roles = [r for r in ROLES if r != "party_general_secretary" or rng.random() < 0.3]
        for role in roles:
            for _ in range(ROLES[role][1]):
                while True:
                    first = _word(rng, 2) if rng.random() < 0.85 else f"{_word(rng, 2)}-{_word(rng, 1)}"
                    name = f"{first} {_word(rng, rng.choice((2, 3)))}"
                    key = slug(name)
                    if key not in taken:
                        break
                taken.add(key)
                owner = f"{OFFICE_ORGS[role][0]}-{code.lower()}" if role in OFFICE_ORGS else code
                people.setdefault(role, []).append(_Person(
                    key, name, role, code, N(f"{_ID}person/{key}"), N(f"{_ID}post/{owner}/{role}"),
                    N(f"{_ID}tenure/{owner}/{role}/{key}")))
        honours = []
        for tail_en, fr_name, cls in (("Order of the Star", "Ordre de l’Étoile", 1),
                                      ("Order of the Star", "Ordre de l’Étoile", 2),
                                      ("Friendship Medal", "Médaille de l’Amitié", None)):
            tail = slug(tail_en) + (f"-{cls}" if cls else "")
            suffix_fr = {1: ", première classe", 2: ", deuxième classe", None: ""}[cls]
            suffix_en = {1: ", first class", 2: ", second class", None: ""}[cls]
            honours.append((N(f"{_ID}honour/{code}/{tail}"), tail, f"{fr_name} {_de(fr)}{suffix_fr}",
                            f"{tail_en} of {en}{suffix_en}", cls))
        states[code] = _State(code, fr, en, N(f"{_ID}state/{code}"), city_fr, N(f"{_ID}city/{slug(city_fr)}"),
                              people, honours)
    return states


# -- literals and dates -----------------------------------------------------------------

def _s(text: str) -> ox.Literal:
    return ox.Literal(text)


def _fr(text: str) -> ox.Literal:
    return ox.Literal(text, language="fr")


def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def _typed(text: str, dt: str) -> ox.Literal:
    return ox.Literal(text, datatype=X[dt])


AREAS = N(_ID + "areas")


def _area(node, label: str) -> list:
    """A cooperation area as kg extract writes one: a top concept of the open scheme id:areas."""
    return [(node, TYPE, DIP.CooperationArea), (node, PREF, _fr(label)),
            (node, N(_SKOS + "inScheme"), AREAS), (node, N(_SKOS + "topConceptOf"), AREAS)]


def _area_scheme() -> list:
    return [(AREAS, TYPE, N(_SKOS + "ConceptScheme")), (AREAS, PREF, _en("Cooperation areas")),
            (AREAS, PREF, _fr("Domaines de coopération"))]


def _dated(add, node, values: dict) -> None:
    """``node``'s dates (``{property: ISO date or year-month}``, one precision)
    as kg extract writes them: the dateTime of the first instant, and the precision."""
    for prop, iso in values.items():
        add((node, prop, _typed(first_instant(iso), "dateTime")))
    add((node, DIP.datePrecision, PRECISION[len(next(iter(values.values())))]))


def _de(name: str) -> str:
    """``de`` before a name, elided before a vowel: ``d’Orkavalie``."""
    return f"d’{name}" if fold(name[0]).lower() in "aeiouy" else f"de {name}"


def _day_fr(d: date) -> str:
    return "1er" if d.day == 1 else str(d.day)


def _date_fr(d: date) -> str:
    return f"{_day_fr(d)} {MONTHS[d.month - 1]} {d.year}"


def _span_fr(a: date, b: date) -> str:
    if a == b:
        return f"le {_date_fr(a)}"
    if (a.year, a.month) == (b.year, b.month):
        return f"du {_day_fr(a)} au {_date_fr(b)}"
    if a.year == b.year:
        return f"du {_day_fr(a)} {MONTHS[a.month - 1]} au {_date_fr(b)}"
    return f"du {_date_fr(a)} au {_date_fr(b)}"


def _span_key(a: date, b: date) -> str:
    return a.isoformat() if a == b else f"{a.isoformat()}--{b.isoformat()}"


class _Text:
    """A source text built sentence by sentence, with the offsets of sentences and marked mentions."""

    def __init__(self, head: str = ""):
        self.parts = [head] if head else []
        self.length = len(head)

    def sentence(self, *parts) -> tuple[tuple[int, int], dict[str, tuple[int, int]]]:
        """Append a sentence of strings and ``(mark, string)`` mentions; return its span and the marks'."""
        if self.length and not self.parts[-1].endswith("\n"):
            self.parts.append(" ")
            self.length += 1
        start, marks = self.length, {}
        for part in parts:
            if isinstance(part, tuple):
                mark, part = part
                marks[mark] = (self.length, self.length + len(part))
            self.parts.append(part)
            self.length += len(part)
        return (start, self.length), marks

    def __str__(self) -> str:
        return "".join(self.parts)


# -- the generator --------------------------------------------------------------------

def _check(visits: int, violations: float) -> None:
    if not isinstance(visits, int) or visits < 1:
        raise InputError(f"visits must be at least 1, not {visits}")
    if visits > MAX_VISITS:
        raise InputError(f"visits must be at most {MAX_VISITS} (a state takes part in one visit a day "
                         f"from {FIRST_DAY} to {LAST_DAY}), not {visits}")
    if not 0.0 <= violations <= 1.0:
        raise InputError(f"violations must be a fraction between 0 and 1, not {violations}")


def generate(visits: int, seed: int = 0, violations: float = 0.0, *, defects: list | None = None,
             merged: bool = False, ontology: bool = False) -> Iterator[ox.Quad]:
    """Stream the quads of a synthetic dataset of ``visits`` visits (one
    source article each), deterministic for ``(visits, seed, violations)``.

    ``violations`` is the fraction of visits given one defect; each injected
    defect is appended to ``defects`` (a list) as it is written. ``merged``
    puts every triple in the default graph once (the union of the named
    graphs, for triple syntaxes); ``ontology`` adds the ontology's named
    graph first, as ``data/dipkg.trig`` has it.

    >>> q = next(generate(1, seed=3))
    >>> q.graph_name.value
    'https://w3id.org/dipkg/source/synth-3-0000000'
    """
    _check(visits, violations)
    return (ox.Quad(*t) for t in _Generator(visits, seed, violations, defects, merged).terms(ontology))


def injected(visits: int, seed: int = 0, violations: float = 0.0) -> list[Defect]:
    """The defects :func:`generate` injects for these arguments (it runs the
    generator; linear time, flat memory).

    >>> [d.kind for d in injected(4, violations=0.5)]
    ['missing-required', 'functional-twice']
    """
    found: list[Defect] = []
    for _ in _Generator(visits, seed, violations, found, True, check=True).statements():
        pass
    return found


class _Generator:
    def __init__(self, visits: int, seed: int, violations: float, defects: list | None, merged: bool,
                 check: bool = False):
        if check:
            _check(visits, violations)
        self.n, self.seed, self.fraction = visits, seed, violations
        self.defects = defects if defects is not None else []
        self.merged = merged
        self.world = _world(seed)
        self.seen: set = set()      # shared nodes already described (in this graph, or at all when merged)
        self.local: set = set()     # relations this article already derived from its source
        self.day, self.busy = -1, set()

    def terms(self, ontology: bool) -> Iterator[tuple]:
        """(subject, predicate, object, graph) of every statement, in order."""
        default = ox.DefaultGraph()
        if ontology:
            from ..resources import ontology_path
            g = default if self.merged else N(ONTOLOGY_GRAPH)
            from ..io.read import read_file
            for q in read_file(ontology_path()):
                yield q.subject, q.predicate, q.object, g
        for g, triples in self.statements():
            if self.merged:
                g = default
            for s, p, o in triples:
                yield s, p, o, g

    def statements(self) -> Iterator[tuple[ox.NamedNode, list]]:
        """(graph name, its triples) for each article, in order."""
        for i in range(self.n):
            yield self.article(i)

    # -- shared nodes: described once per graph (once in all when merged) ------
    def shared(self, out: list, key, triples) -> None:
        if key not in self.seen:
            self.seen.add(key)
            out.extend(triples() if callable(triples) else triples)

    def state(self, out: list, st: _State) -> None:
        self.shared(out, ("state", st.code), lambda: [
            (st.node, TYPE, DIP.State), (st.node, DIP.isoCode, _s(st.code)), (st.node, PREF, _en(st.en)),
            (st.node, PREF, _fr(st.fr)), (st.node, DIP.capital, st.city),
            (st.city, TYPE, DIP.City), (st.city, PREF, _en(fold(st.city_fr))), (st.city, ALT, _fr(st.city_fr))])

    def owner(self, out: list, p: _Person) -> ox.NamedNode:
        """The organisation that owns ``p``'s post: the state, or its government, party or legislature."""
        st = self.world[p.code]
        if p.role not in OFFICE_ORGS:
            return st.node
        key, fr, en = OFFICE_ORGS[p.role]
        o = N(f"{_ID}organization/{key}-{p.code.lower()}")
        self.shared(out, ("organization", key, p.code), lambda: [
            (o, TYPE, DIP.Organization), (o, PREF, _fr(f"{fr} ({st.fr})")), (o, PREF, _en(f"{en} ({st.en})")),
            (o, DIP.ofState, st.node)])
        return o

    def person(self, out: list, p: _Person) -> None:
        self.shared(out, ("person", p.key), lambda: [
            (p.node, TYPE, DIP.Person), (p.node, NAME, _s(p.name)), (p.node, O["holds"], p.post)])
        owner = self.owner(out, p)
        self.shared(out, ("post", p.code, p.role), lambda: [
            (p.post, TYPE, O["Post"]), (p.post, O["role"], DIP.of("role", p.role)),
            (p.post, O["postIn"], owner)])

    def tenure(self, out: list, p: _Person, src, anchor, attested: str) -> None:
        """``p``'s tenure, attested by ``src`` at its date ``attested`` (ISO)."""
        self.person(out, p)
        owner = self.owner(out, p)
        during = N(p.tenure.value + "/during")
        self.shared(out, ("tenure", p.key), lambda: [
            (p.tenure, TYPE, DIP.Tenure), (p.tenure, O["member"], p.node),
            (p.tenure, O["organization"], owner), (p.tenure, O["role"], DIP.of("role", p.role)),
            (p.tenure, DIP.post, p.post), (p.tenure, O["memberDuring"], during), (during, TYPE, T["Interval"])])
        instant = N(f"{_ID}instant/{attested}")
        def instant_quads():
            quads = [(instant, TYPE, T["Instant"])]
            _dated(quads.append, instant, {DIP.instantDate: attested})
            return quads
        self.shared(out, ("instant", attested), instant_quads)
        out.append((during, T["inside"], instant))
        out.append((p.tenure, DERIVED, src))
        out.append((p.tenure, DIP.evidence, anchor))

    def relation(self, out: list, pair: str, a: _State, b: _State, src) -> ox.NamedNode:
        r = N(f"{_ID}relation/{pair}")
        self.shared(out, ("relation", pair), lambda: [
            (r, TYPE, DIP.BilateralRelation), (r, DIP.state, a.node), (r, DIP.state, b.node)])
        if pair not in self.local:
            self.local.add(pair)
            out.append((r, DERIVED, src))
        return r

    def organization(self, out: list, rng: random.Random) -> tuple[str, str]:
        key, fr, en = rng.choice(ORGANIZATIONS)
        org = N(f"{_ID}organization/{key}")
        name = fr.split(" ", 1)[1] if fr.startswith(("le ", "la ")) else fr[2:]
        self.shared(out, ("org", key), lambda: [(org, TYPE, DIP.Organization), (org, PREF, _fr(name)),
                                                (org, PREF, _en(en))])
        return key, fr

    def defect(self, kind: str, focus, value=None) -> None:
        self.defects.append(Defect(kind, focus.value, value.value if value is not None else ""))

    # -- one article ---------------------------------------------------------------------
    def pick_pair(self, rng: random.Random, day: int) -> tuple[_State, _State]:
        if day != self.day:
            self.day, self.busy = day, set()
        free = [c for c in CODES if c not in self.busy]
        g, h = rng.sample(free, 2)
        self.busy.update((g, h))
        return self.world[g], self.world[h]

    def article(self, i: int) -> tuple[ox.NamedNode, list]:
        rng = random.Random(f"{self.seed}/{i}")
        kind = None
        if int((i + 1) * self.fraction) > int(i * self.fraction):
            kind = _KINDS[int(i * self.fraction) % len(_KINDS)]
        if not self.merged:
            self.seen = set()
        self.local = set()
        out: list = []
        add = out.append

        day = i * DAYS // self.n
        start = FIRST_DAY + timedelta(days=day)
        end = start + timedelta(days=rng.choice((0, 1, 1, 2, 2, 3)))
        G, H = self.pick_pair(rng, day)
        pair = "-".join(sorted((G.code, H.code)))
        A_, B_ = sorted((G, H), key=lambda s: s.code)
        role = rng.choices([r for r, _ in GUEST_ROLES], [w for _, w in GUEST_ROLES])[0]
        if role not in G.people:
            role = "head_of_state"
        guest = rng.choice(G.people[role])
        counterpart = rng.choice(H.people.get(role) or H.people["head_of_state"])
        third_roles = [r for r in H.people if r != counterpart.role and r != "ambassador"]
        third = rng.choice(H.people[rng.choice(third_roles)])
        vtype, vtype_fr, _ = rng.choices(VISIT_TYPES, [w for *_, w in VISIT_TYPES])[0]
        basis = rng.choices(("text", "given", "curated"), (80, 12, 8))[0]
        invited = rng.random() < 0.7
        has = {k: rng.random() < p for k, p in OPTIONAL}
        # each optional part in turn is forced, so that any 9 visits in a row have them all
        has[OPTIONAL[i % len(OPTIONAL)][0]] = True
        if i % len(OPTIONAL) == 1:
            basis = "curated"
        elif i % len(OPTIONAL) == 4:
            basis = "given"
        if kind == "pattern":
            has["target"] = True
        span = _span_key(start, end)

        stem = f"synth-{self.seed}-{i:07d}"
        src = N(_SRC + stem)
        visit = N(f"{_ID}visit/{start.isoformat()}/{guest.key}/{H.code}")
        text = _Text(f"date {start.year}-{start.month:02d}\n" if basis == "text" else "")
        # the date the source attests its people's offices at: its reference date
        attested = start.isoformat() if basis == "given" else f"{start.year}-{start.month:02d}"
        anchors: dict[tuple[int, int], ox.NamedNode] = {}

        def anchor(sp: tuple[int, int]) -> ox.NamedNode:
            if sp not in anchors:
                anchors[sp] = N(f"{_ID}anchor/{stem}/{sp[0]}-{sp[1]}")
            return anchors[sp]

        def fact(node, cls, sp, curated=False) -> None:
            add((node, TYPE, cls))
            add((node, DERIVED, N(src.value + "/curated") if curated else src))
            if sp is not None:
                add((node, DIP.evidence, anchor(sp)))

        # the states and the lead sentence: the visit
        self.state(out, G)
        self.state(out, H)
        g_title, h_title = ROLES[guest.role][0], ROLES[counterpart.role][0]
        when = "" if basis == "curated" else f" {_span_fr(start, end)}"
        lead = (("À l’invitation du " if invited else "Le "), ("host", f"{h_title} {_de(H.fr)}, {counterpart.name}"),
                ", le " if invited else " a reçu le ", ("guest", f"{g_title} {_de(G.fr)}, {guest.name}"),
                f", effectue{when} {vtype_fr} en {H.fr}." if invited else f", venu{when} pour {vtype_fr}.")
        lead_span, marks = text.sentence(*lead)
        curated = basis == "curated"
        fact(visit, DIP.Visit, None if curated else lead_span, curated=curated)
        add((visit, DIP.guest, guest.node))
        add((visit, DIP.guestState, G.node))
        add((visit, DIP.hostState, H.node))
        if kind != "missing-required":
            add((visit, DIP.visitType, DIP.of("visit", vtype)))
        if kind == "functional-twice":
            other = "official" if vtype != "official" else "state"
            add((visit, DIP.visitType, DIP.of("visit", other)))
        add((visit, DIP.status, DIP.of("status", "happened")))
        _dated(add, visit, {DIP.startDate: start.isoformat(),
                            DIP.endDate: (start - timedelta(days=1) if kind == "end-before-start" else end).isoformat()})
        add((visit, DIP.place, H.city))
        if invited:
            add((visit, DIP.invitedBy, counterpart.node))
        if kind == "range-clash":
            add((visit, DIP.invitedBy, H.node))
        for k in ("missing-required", "functional-twice", "end-before-start"):
            if kind == k:
                self.defect(k, visit)
        if kind == "range-clash":
            self.defect(kind, visit, H.node)
        self.tenure(out, guest, src, anchor(marks["guest"]), attested)
        self.tenure(out, counterpart, src, anchor(marks["host"]), attested)
        if kind == "wrong-class":
            add((guest.node, O["holds"], visit))
            self.defect(kind, guest.node, visit)

        # talks, at the host's capital
        # an article dated by a curated record does not date the talks either
        talks = N(f"{_ID}talks/{span if curated else start.isoformat()}/"
                  f"{'--'.join(sorted((guest.key, counterpart.key)))}")
        talks_span, marks = text.sentence("À " if curated else f"Le {_date_fr(start)}, à ", ("city", H.city_fr),
                                          f", {guest.name} s’est entretenu avec {counterpart.name}.")
        fact(talks, DIP.Talks, talks_span)
        add((talks, DIP.participant, guest.node))
        add((talks, DIP.participant, counterpart.node))
        add((talks, DIP.status, DIP.of("status", "happened")))
        if not curated:
            _dated(add, talks, {DIP.date: start.isoformat()})
        add((talks, DIP.duringVisit, visit))
        add((H.city, DIP.evidence, anchor(marks["city"])))
        if i % 3 == 0:      # what the talks discussed, the text's words (no random draw: the rest stays as it was)
            topic = ("la situation régionale", "la sécurité énergétique", "la coopération multilatérale")[i // 3 % 3]
            sp, _ = text.sentence(f"Les deux dirigeants ont discuté de {topic}.")
            add((talks, DIP.discussed, _fr(topic)))
            add((talks, DIP.evidence, anchor(sp)))

        if has["meeting"]:
            t_title = ROLES[third.role][0]
            sp, marks = text.sentence(f"{guest.name} a également rencontré le ",
                                      ("third", f"{t_title} {third.name}"), ".")
            meeting = N(f"{_ID}meeting/{span}/{'--'.join(sorted((guest.key, third.key)))}")
            fact(meeting, DIP.Meeting, sp)
            add((meeting, DIP.participant, guest.node))
            add((meeting, DIP.participant, third.node))
            add((meeting, DIP.status, DIP.of("status", "happened")))
            add((meeting, DIP.duringVisit, visit))
            self.tenure(out, third, src, anchor(marks["third"]), attested)

        if has["change"]:
            to = rng.randrange(1, len(LEVELS))
            frm = rng.randrange(0, to) if rng.random() < 0.5 else None
            areas = rng.sample(TOPICS, rng.choice((0, 1, 2, 3)))
            axes = f", avec pour axes prioritaires {', '.join(areas[:-1])} et {areas[-1]}" if len(areas) > 1 else (
                f", avec pour axe prioritaire {areas[0]}" if areas else "")
            if frm is not None:
                words = (f"À l’issue de leurs entretiens, les deux dirigeants ont élevé les relations du niveau « {LEVELS[frm][1]} » "
                         f"au niveau de {LEVELS[to][1]}{axes}.")
                change_kind = "elevation"
            else:
                change_kind = rng.choice(("establishment", "elevation"))
                verb = "établi un" if change_kind == "establishment" else "élevé leurs relations au rang de"
                words = f"À l’issue de leurs entretiens, les deux dirigeants ont {verb} {LEVELS[to][1]}{axes}."
            sp, _ = text.sentence(words)
            change = N(f"{_ID}change/{pair}/{LEVELS[to][0]}/{span}")
            fact(change, DIP.PartnershipChange, sp)
            add((change, DIP.relation, self.relation(out, pair, A_, B_, src)))
            add((change, DIP.toLevel, DIP.of("level", LEVELS[to][0])))
            if frm is not None:
                add((change, DIP.fromLevel, DIP.of("level", LEVELS[frm][0])))
            add((change, DIP.changeKind, DIP.of("change", change_kind)))
            add((change, DIP.status, DIP.of("status", "happened")))
            add((change, DIP.duringVisit, visit))
            add((change, DIP.afterTalks, talks))
            for area in areas:
                node = N(f"{_ID}area/{slug(area)}")
                self.shared(out, ("area", area), lambda node=node, area=area: _area(node, area))
                self.shared(out, ("area-scheme",), _area_scheme)
                add((change, DIP.priorityArea, node))

        if has["description"]:
            words, level = rng.choice(DESCRIPTIONS)
            sp, marks = text.sentence(f"{guest.name} a décrit les relations entre {A_.fr} et {B_.fr} comme ",
                                      ("words", words), ".")
            desc = N(f"{_ID}description/{pair}/{stem}/{sp[0]}")
            fact(desc, DIP.RelationDescription, sp)
            add((desc, DIP.relation, self.relation(out, pair, A_, B_, src)))
            add((desc, DIP.description, _fr(words)))
            _dated(add, desc, {DIP.date: f"{start.year}-{start.month:02d}"})
            if level:
                add((desc, DIP.level, DIP.of("level", level)))

        documents = []
        for doc_kind, doc_fr, topical in rng.sample(DOC_KINDS, rng.choice((1, 1, 2, 2, 3))):
            topics = rng.sample(TOPICS, rng.choice((1, 1, 2))) if topical else []
            period = None
            words = doc_fr
            if doc_kind == "action_plan":
                y = start.year + rng.choice((0, 1))
                period = (str(y), str(y + rng.choice((1, 2, 3, 4))))
                words += f" pour la période {period[0]}-{period[1]}"
            if topics:
                words += (" dans les domaines suivants : " if len(topics) > 1 else " dans le domaine suivant : ") \
                    + " et ".join(topics)
            planned = rng.random() < 0.15
            sp, _ = text.sentence("Les deux parties devraient signer " if planned else "Les deux parties ont signé ",
                                  words, ".")
            what = slug(" ".join([doc_kind] + topics + list(period or ())))[:80]
            doc = N(f"{_ID}document/{pair}/{span}/{what}")
            fact(doc, DIP.Document, sp)
            add((doc, DIP.documentKind, DIP.of("doc", doc_kind)))
            add((doc, DIP.status, DIP.of("status", "planned" if planned else "happened")))
            for t in topics:
                add((doc, DIP.topic, _fr(t)))
            add((doc, DIP.party, A_.node))
            add((doc, DIP.party, B_.node))
            if period:
                add((doc, DIP.periodStart, _typed(period[0], "integer")))
                add((doc, DIP.periodEnd, _typed(period[1], "integer")))
            add((doc, DIP.duringVisit, visit))
            documents.append(doc)
        if kind == "disjoint-types":
            add((documents[0], TYPE, DIP.Event))
            self.defect(kind, documents[0])

        if has["org_document"]:
            key, org_fr = self.organization(out, rng)
            sp, _ = text.sentence(f"En marge de la visite, {G.fr} a signé un accord de libre-échange avec {org_fr}.")
            org = N(f"{_ID}organization/{key}")
            doc = N(f"{_ID}document/{'-'.join(sorted((G.code, key)))}/{span}/agreement-libre-echange")
            fact(doc, DIP.Document, sp)
            add((doc, DIP.documentKind, DIP.of("doc", "agreement")))
            add((doc, DIP.status, DIP.of("status", "happened")))
            add((doc, DIP.topic, _fr("libre-échange")))
            add((doc, DIP.party, G.node))
            add((doc, DIP.party, org))
            add((doc, DIP.duringVisit, visit))

        if has["target"]:
            amount = rng.choice((500, 750, 1000, 1500, 2000, 2500, 3000, 5000, 10000))    # millions
            unit, unit_fr = rng.choice((("USD", "de dollars"), ("EUR", "d’euros")))
            amount_fr = (f"{amount // 1000} milliard{'s' if amount >= 2000 else ''}" if amount % 1000 == 0 else
                         f"{amount / 1000:g} milliards".replace(".", ",") if amount > 1000 else f"{amount} millions")
            horizon = ("duration", "year", None)[(i // len(OPTIONAL)) % 3]
            years = rng.choice((3, 5, 10))
            tail = {None: "", "year": f" d’ici {start.year + years}",
                    "duration": f" au cours des {years} prochaines années"}[horizon]
            sp, _ = text.sentence(f"Ils entendent porter les échanges commerciaux bilatéraux à {amount_fr} "
                                  f"{unit_fr}{tail}.")
            target = N(f"{_ID}target/{pair}/bilateral_trade/{stem}")
            fact(target, DIP.Target, sp)
            add((target, DIP.relation, self.relation(out, pair, A_, B_, src)))
            add((target, DIP.metric, DIP.of("metric", "bilateral_trade")))
            add((target, DIP.targetValue, _typed(f"{amount * 1_000_000}.0", "decimal")))
            add((target, DIP.unit, _s(unit.lower() if kind == "pattern" else unit)))
            if horizon == "year":
                add((target, DIP.horizonYear, _typed(str(start.year + years), "integer")))
            elif horizon == "duration":
                add((target, DIP.horizonYears, _typed(str(years), "integer")))
            if kind == "pattern":
                self.defect(kind, target)

        if has["honour"]:
            h_node, h_tail, h_fr, h_en, h_cls = rng.choice(H.honours)
            self.shared(out, ("honour", h_node.value), lambda: [
                (h_node, TYPE, DIP.Honour), (h_node, PREF, _fr(h_fr)), (h_node, PREF, _en(h_en)),
                (h_node, DIP.conferringState, H.node)] + (
                [(h_node, DIP.honourClass, _typed(str(h_cls), "integer"))] if h_cls else []))
            article = "l’" if h_fr.startswith("Ordre") else "la "
            sp, _ = text.sentence(f"{counterpart.name} a remis à {guest.name} {article}{h_fr}.")
            conferral = N(f"{_ID}conferral/{span}/{guest.key}/{h_tail}")
            fact(conferral, DIP.HonourConferral, sp)
            add((conferral, DIP.honour, h_node))
            add((conferral, DIP.recipient, guest.node))
            add((conferral, DIP.conferredBy, counterpart.node))
            add((conferral, DIP.status, DIP.of("status", "happened")))
            add((conferral, DIP.duringVisit, visit))

        if has["commitment"]:
            # the date comes first in the words, so that the IRI (their first 60
            # characters, as kg.graph mints it) is unique to this visit
            soon = _date_fr(start + timedelta(days=365))
            if rng.random() < 0.8:
                words = rng.choice((f"réunir avant le {soon} la commission intergouvernementale",
                                    f"tenir avant le {soon} des consultations politiques régulières",
                                    f"doubler d’ici le {soon} les échanges de délégations"))
                sp, _ = text.sentence("Les deux parties se sont engagées à ", words, ".")
                by = [A_, B_]
                addressed, concerns = None, None
            else:
                key, org_fr = self.organization(out, rng)
                concerns = N(f"{_ID}organization/{key}")
                words = f"aider dès le {_date_fr(start)} {H.fr} à renforcer ses relations avec {org_fr}"
                sp, _ = text.sentence(f"{G.fr} s’est dit prêt à ", words, ".")
                by, addressed = [G], H
            commitment = N(f"{_ID}commitment/{'-'.join(s.code for s in by)}/{text_key(words)}")
            fact(commitment, DIP.Commitment, sp)
            for s in by:
                add((commitment, DIP.committedBy, s.node))
            if addressed is not None:
                add((commitment, DIP.addressedTo, addressed.node))
                add((commitment, DIP.concerns, concerns))
            add((commitment, DIP.description, _fr(words)))

        if i % 4 == 1:      # a field of cooperation both sides stress, as kg extract reads « l'importance de la coopération dans le domaine de »
            field = ("éducation", "santé", "culture", "tourisme")[i // 4 % 4]
            words = f"l’importance de la coopération dans le domaine de la {field}"
            sp, _ = text.sentence("Les deux parties ont souligné ", words, ".")
            stance = N(f"{_ID}commitment/{pair}/{text_key(words)}")
            fact(stance, DIP.Commitment, sp)
            add((stance, DIP.committedBy, A_.node))
            add((stance, DIP.committedBy, B_.node))
            add((stance, DIP.description, _fr(words)))
            area = N(f"{_ID}area/{slug(field)}")
            self.shared(out, ("area", field), lambda node=area, label=field: _area(node, label))
            self.shared(out, ("area-scheme",), _area_scheme)
            add((stance, DIP.cooperationArea, area))

        if has["proposal"]:
            words = rng.choice((f"la tenue avant le {_date_fr(start + timedelta(days=180))} d’un forum d’affaires",
                                f"l’ouverture avant le {_date_fr(start + timedelta(days=270))} d’un bureau commercial",
                                f"la création avant le {_date_fr(start + timedelta(days=365))} d’un fonds commun"))
            sp, _ = text.sentence(f"{guest.name} a proposé ", words, ".")
            proposal = N(f"{_ID}proposal/{guest.key}/{text_key(words)}")
            fact(proposal, DIP.Proposal, sp)
            add((proposal, DIP.proposedBy, guest.node))
            add((proposal, DIP.addressedTo, H.node))
            add((proposal, DIP.description, _fr(words)))

        if has["flights"]:
            sp, _ = text.sentence(f"Les dirigeants ont salué l’ouverture, le {_date_fr(start)}, de vols directs "
                                  f"entre {A_.fr} et {B_.fr}.")
            flights = N(f"{_ID}flights/{pair}/{start.isoformat()}")
            fact(flights, DIP.FlightsOpening, sp)
            add((flights, DIP.state, A_.node))
            add((flights, DIP.state, B_.node))
            _dated(add, flights, {DIP.date: start.isoformat()})

        # the source, its curated record, and the anchors into its text
        body = str(text)
        add((src, TYPE, DIP.Source))
        add((src, DIP.sourceText, _s(body)))
        add((src, D["language"], _s("en" if kind == "not-in" else "fr")))
        add((src, D["publisher"], _s("dipkg synthetic newswire")))
        add((src, D["identifier"], _s(stem)))
        _dated(add, src, {D["date"]: start.isoformat() if basis == "given" else f"{start.year}-{start.month:02d}"})
        add((src, DIP.dateBasis, _s(basis)))
        if kind == "not-in":
            self.defect(kind, src)
        if curated:
            rec = N(src.value + "/curated")
            add((rec, TYPE, DIP.CuratedRecord))
            add((rec, D["subject"], src))
            add((rec, D["description"], _en(f"Synthetic record: {guest.name} visited {H.en} from {start} to {end}; "
                                            "the article does not date the visit.")))
            add((rec, D["source"], _s("kg synth")))
        for (a, b), node in anchors.items():
            quote_sel, pos_sel = N(node.value + "/quote"), N(node.value + "/position")
            quote = body[a:b]
            selector_defect = kind if (a, b) == talks_span else None
            add((node, TYPE, DIP.EvidenceAnchor))
            add((node, A["hasSource"], src))
            add((node, A["hasSelector"], quote_sel))
            add((node, A["hasSelector"], pos_sel))
            add((quote_sel, TYPE, A["TextQuoteSelector"]))
            if selector_defect != "has-value":
                add((pos_sel, TYPE, A["TextPositionSelector"]))
            if selector_defect == "wrong-datatype":
                add((quote_sel, A["exact"], _fr(quote)))
            elif selector_defect == "quote-mismatch":
                add((quote_sel, A["exact"], _s(quote[0].swapcase() + quote[1:])))
            else:
                add((quote_sel, A["exact"], _s(quote)))
            if selector_defect == "less-than":
                a, b = b, a
            add((pos_sel, A["start"], _typed(str(a), "nonNegativeInteger")))
            add((pos_sel, A["end"], _typed(str(b), "nonNegativeInteger")))
            if selector_defect == "wrong-datatype":
                self.defect(kind, quote_sel)
            elif selector_defect in ("less-than", "has-value"):
                self.defect(kind, pos_sel)
            elif selector_defect == "quote-mismatch":
                self.defect(kind, node)
        return src, out


# -- files ------------------------------------------------------------------------------

_SYNTAXES = {".nq": (ox.RdfFormat.N_QUADS, False), ".trig": (ox.RdfFormat.TRIG, False),
             ".nt": (ox.RdfFormat.N_TRIPLES, True), ".ttl": (ox.RdfFormat.TURTLE, True)}


def syntax_for(path: Path) -> tuple[ox.RdfFormat, bool]:
    """The RDF syntax of an output file by its extension, and whether its graphs are merged."""
    try:
        return _SYNTAXES[Path(path).suffix.lower()]
    except KeyError:
        raise InputError(f"unknown output syntax {Path(path).suffix or '(no extension)'!r}; "
                         f"use one of {', '.join(_SYNTAXES)}", str(path)) from None


def write(path, visits: int, seed: int = 0, violations: float = 0.0, *, ontology: bool = False) -> SynthResult:
    """Write a synthetic dataset to ``path`` (N-Quads ``.nq``, TriG ``.trig``;
    N-Triples ``.nt`` or Turtle ``.ttl`` with the graphs merged), streaming,
    through a temporary file renamed at the end: an error leaves no file.

    >>> r = write("/tmp/synth.trig", 100, seed=1, violations=0.1)   # doctest: +SKIP
    >>> r.graphs, len(r.defects)                                     # doctest: +SKIP
    (100, 10)
    """
    path = Path(path)
    fmt, merged = syntax_for(path)
    _check(visits, violations)
    defects: list[Defect] = []
    count = [0]

    def stream():
        make = ox.Triple if merged else ox.Quad
        n = 0
        for n, t in enumerate(_Generator(visits, seed, violations, defects, merged).terms(ontology), 1):
            yield make(*t[:3]) if merged else make(*t)
        count[0] = n

    from ..graph.rdf import PREFIXES
    # not id: Oxigraph would write id:state\/XA, where kg validate's report
    # looks for <…/state/XA> or an unescaped prefixed name to give a line
    prefixes = {p: str(ns) for p, ns in PREFIXES.items() if p != "id"}
    from ..io.files import atomic_writer
    with atomic_writer(path) as fh:
        ox.serialize(stream(), fh, fmt, prefixes=prefixes if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE)
                     else None)
    return SynthResult(path, visits, count[0], 0 if merged else visits + ontology, defects)
