"""Typed facts: the seam between text and RDF.

NLP code produces these and never writes triples; :mod:`kg.graph` turns them
into RDF and never looks at text. Every fact carries its evidence: the spans
of the source text it was read from (``Span.quote`` equals
``text[start:end]``). People and states are referred to by key (a person's
slug, a state's ISO code); :class:`PersonRef` and friends describe them.
Dates are ISO 8601 strings at the precision the text gives (``2023``,
``2023-08`` or ``2023-08-20``).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    quote: str


Evidence = tuple[Span, ...]


@dataclass(frozen=True)
class SourceInfo:
    """An article and what is known of it."""

    stem: str
    text: str
    date: str | None               # reference date for relative dates; None: the text has none
    date_basis: str | None         # "text" (date line), "given" (--date), "curated"; None when undated
    language: str = "fr"
    publisher: str | None = None
    curated_note: str | None = None  # provenance of curated metadata


@dataclass(frozen=True)
class PersonRef:
    key: str
    name: str
    wikidata: str | None = None


@dataclass(frozen=True)
class StateRef:
    code: str
    label_en: str
    label_fr: str
    wikidata: str | None = None


@dataclass(frozen=True)
class OrganizationRef:
    key: str
    label: str
    label_en: str | None = None
    wikidata: str | None = None
    state: str | None = None       # the state whose party or legislature it is


@dataclass(frozen=True)
class CityMention:
    key: str
    state: str
    name: str                      # the name the text uses (of its time)
    label_en: str
    wikidata: str | None
    evidence: Evidence


@dataclass(frozen=True)
class Tenure:
    """``person`` holds the office ``role`` of ``state``, as the source
    attests at its date; ``organization`` is the key of the party or
    legislature that owns the post (an :class:`OrganizationRef` of the
    extraction), None when the post is the state's own."""
    person: str
    state: str
    role: str
    evidence: Evidence
    organization: str | None = None


@dataclass(frozen=True)
class Visit:
    guest: str
    guest_state: str
    host_state: str
    type: str
    start: str | None
    end: str | None
    invited_by: str | None
    status: str
    evidence: Evidence
    curated: bool = False          # read from curated metadata, not the text
    place: str | None = None

    @property
    def key(self) -> tuple:
        return (self.start, self.guest, self.host_state)


@dataclass(frozen=True)
class Encounter:
    kind: str                      # "talks" or "meeting"
    persons: tuple[str, str]       # sorted keys
    date: str | None
    visit: tuple | None            # Visit.key it took place during
    status: str
    evidence: Evidence
    discussed: tuple[str, ...] = ()  # what the text says was discussed ("la situation régionale"), its words


@dataclass(frozen=True)
class PartnershipChange:
    states: tuple[str, str]        # sorted codes
    to_level: str
    from_level: str | None
    kind: str                      # "establishment" or "elevation"
    date: str | None
    visit: tuple | None
    evidence: Evidence
    priority_areas: tuple[str, ...] = ()
    status: str = "happened"       # or "planned" ("devraient élever ...")
    after_talks: bool = False      # announced "à l'issue des entretiens" of its visit


@dataclass(frozen=True)
class RelationDescription:
    states: tuple[str, str]
    description: str
    date: str
    evidence: Evidence
    level: str | None = None


@dataclass(frozen=True)
class Document:
    kind: str
    topics: tuple[str, ...]
    parties: tuple[str, ...]       # state codes or organisation keys
    date: str | None
    visit: tuple | None
    status: str                    # "happened" (signed/adopted/in force) or "planned"
    evidence: Evidence
    period: tuple[str | None, str] | None = None   # (first year or None, last year): "pour 2030" is (None, "2030")
    label: str | None = None


@dataclass(frozen=True)
class Target:
    states: tuple[str, str]
    metric: str
    value: int
    unit: str
    horizon: str | None            # xsd:duration, e.g. "P5Y"
    horizon_year: str | None
    evidence: Evidence
    visit: tuple | None = None     # the visit during which it was announced


@dataclass(frozen=True)
class Proposal:
    by: str
    addressed_to: str | None
    description: str
    evidence: Evidence
    visit: tuple | None = None     # the visit during which it was made


@dataclass(frozen=True)
class Commitment:
    by: tuple[str, ...]
    description: str
    evidence: Evidence
    addressed_to: str | None = None
    concerns: str | None = None
    visit: tuple | None = None     # the visit during which it was made
    areas: tuple[str, ...] = ()    # the fields of cooperation it names ("éducation", "santé"), French labels


@dataclass(frozen=True)
class Honour:
    key: str                       # e.g. "KZ/order-of-friendship-dostyk-1"
    state: str | None
    label_fr: str
    label_en: str | None
    honour_class: int | None


@dataclass(frozen=True)
class HonourConferral:
    honour: Honour
    recipient: str
    conferred_by: str | None
    date: str | None
    visit: tuple | None
    evidence: Evidence
    status: str = "happened"       # or "planned" ("sera décoré")
    after_talks: bool = False      # conferred "à l'issue de l'entretien" of its visit


@dataclass(frozen=True)
class FlightsOpening:
    states: tuple[str, str]
    date: str | None
    evidence: Evidence


@dataclass
class Extraction:
    """Everything read from one article."""

    source: SourceInfo
    states: dict[str, StateRef] = field(default_factory=dict)
    persons: dict[str, PersonRef] = field(default_factory=dict)
    organizations: dict[str, OrganizationRef] = field(default_factory=dict)
    facts: list = field(default_factory=list)
    #: the English label of each cooperation area a fact names, by its French one (None: not known)
    areas: dict[str, str | None] = field(default_factory=dict)

    def of(self, cls) -> list:
        return [f for f in self.facts if isinstance(f, cls)]
