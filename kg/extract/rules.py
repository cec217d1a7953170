"""Rules that read facts out of parsed sentences.

Each ``_read_*`` method looks at one sentence (its folded text for patterns,
its spaCy tokens for verbs, tense and modality) and the article's mentions,
and appends typed facts with the sentence as evidence.

The rules live in one module per kind of fact (:mod:`.people`,
:mod:`.visits`, :mod:`.encounters`, :mod:`.levels`, :mod:`.documents`,
:mod:`.targets`, :mod:`.honours`, :mod:`.dates`), each a mixin on
:class:`~kg.extract.common.ReaderBase`; :class:`ArticleReader` composes
them and reads an article in order.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..graph import facts as F
from .areas import english
from .article import DATE_LINE
from .common import _MEET, _MONTH, _TALKS
from .dates import DateRules
from .documents import DocumentRules
from .encounters import EncounterRules
from .gazetteer import Gazetteer
from .honours import _HONOUR_VERB, HonourRules
from .levels import _CHANGE_VERB, _LEVEL_RE, LevelRules
from .mentions import (
    MentionFinder,
    Mentions,
    PersonRegistry,
    covered_by,
    fold_same_length,
)
from .nlp import Sentence, sentences
from .offices import office_organization
from .people import PeopleRules
from .targets import TargetRules
from .visits import _VISIT, VisitRules

# A dispatch's dateline ("Oulan-Bator, 10 mai - ", "HANOÏ, le 3 juin (VNA) –"):
# the day it was filed, not the day of anything it reports.
_DATELINE = re.compile(rf"(?m)^[^\W\d][^\n,]{{1,40}}, (?:le )?\d{{1,2}}(?:er)? (?:{_MONTH})(?: \d{{4}})?"
                       rf"(?: \([^)\n]*\))?\s*[-–—:]")


class ArticleReader(PeopleRules, VisitRules, EncounterRules, LevelRules, DocumentRules, TargetRules, HonourRules,
                    DateRules):
    """Reads one article into an :class:`~kg.graph.facts.Extraction`."""

    def __init__(self, source: F.SourceInfo, events: list[dict] | None = None,
                 finder: MentionFinder | None = None, sents: list[Sentence] | None = None):
        self.src = source
        self.text = source.text
        self.curated_events = events or []
        self.finder = finder or default_finder()
        self.given_sents = sents
        self.gaz: Gazetteer = self.finder.gaz
        self.reg = PersonRegistry(self.gaz)
        self.out = F.Extraction(source)
        # the year and month that complete "le 3 juin"; None for an undated article
        self.ref_year = int(source.date[:4]) if source.date else None
        self.ref_month = int(source.date[5:7]) if source.date and len(source.date) >= 7 else None
        self.roles: dict[str, set] = {}             # person -> {(role, state)}
        self.visit: F.Visit | None = None            # the article's main visit
        self.last_subject: str | None = None
        self.last_pair: tuple[int, tuple[str, str]] | None = None     # (sentence index, persons) of the last encounter
        self.durations: dict[tuple, int] = {}       # (guest, host) -> days, stated apart from the dates
        self.discussions: list = []                  # (sentence, what it says was discussed)

    # -- the reading -----------------------------------------------------
    def read(self) -> F.Extraction:
        text = self.text
        begin = body_start(text)
        self.ms: Mentions = self.finder.find(text)
        self.ms.folded = _DATELINE.sub(lambda m: " " * len(m.group()), self.ms.folded)
        self.ms.persons = [p for p in self.ms.persons if p.start >= begin]
        self._register_people()
        self.finder.add_bare_names(text, self.ms, self.reg)
        # "le président Noursoultan Nazarbaïev": a capital's name inside a person's name is not the state
        names = [(p.name_start, p.name_start + len(p.name)) for p in self.ms.persons if p.name and p.name_start is not None]
        inside = covered_by(names)
        self.ms.states = [m for m in self.ms.states if not inside(m.start)]
        self.sents = self.given_sents if self.given_sents is not None else sentences(text, begin)
        self._tenures()
        self._curated()
        for s in self.sents:
            self._read_visit(s)
        self._main_visit()
        self._settle_states()
        for s in self.sents:
            for read in (self._read_encounters, self._read_change, self._read_documents, self._read_target,
                         self._read_honour, self._read_proposal, self._read_commitment, self._read_flights,
                         self._read_description, self._read_cities, self._read_discussed):
                read(s)
        self._read_areas()
        self._attach_discussions()
        self._finish()
        return self.out

    def _finish(self) -> None:
        for key, rs in sorted(self.roles.items()):
            for role, state in sorted(rs, key=lambda r: (r[0], r[1] or "")):
                if not state:
                    continue
                ev = tuple(sorted({F.Span(p.start, p.end, self.text[p.start:p.end]) for p in self.ms.persons
                                   if p.key == key and (p.role == role or p.homologue)}))
                if ev:
                    st = self.gaz.states.get(state, {})
                    org = office_organization(state, role, [sp.quote for sp in ev],
                                              (st.get("label_fr", state), st.get("label_en", state)))
                    if org:
                        self.out.organizations[org[0]] = F.OrganizationRef(org[0], org[1], org[2], state=state)
                    self.out.facts.append(F.Tenure(key, state, role, ev, org[0] if org else None))
        for f in self.out.facts:
            for k in _persons_of(f):
                self.note_person(k)
            for c in _states_of(f):
                self.note_state(c)
        for f in self.out.facts:
            for a in getattr(f, "priority_areas", ()) + getattr(f, "areas", ()):
                self.out.areas[a] = english(a)
        for f in self.out.facts:
            for o in getattr(f, "parties", ()) + ((f.concerns,) if isinstance(f, F.Commitment) and f.concerns else ()):
                if o in self.gaz.organizations:
                    g = self.gaz.organizations[o]
                    self.out.organizations[o] = F.OrganizationRef(o, g["names"][0], g.get("label_en"), g.get("wikidata"))


def _persons_of(f) -> list[str]:
    if isinstance(f, F.Tenure):
        return [f.person]
    if isinstance(f, F.Visit):
        return [f.guest] + ([f.invited_by] if f.invited_by else [])
    if isinstance(f, F.Encounter):
        return list(f.persons)
    if isinstance(f, F.HonourConferral):
        return [f.recipient] + ([f.conferred_by] if f.conferred_by else [])
    if isinstance(f, F.Proposal):
        return [f.by]
    return []


def _states_of(f) -> list[str]:
    if isinstance(f, F.Tenure):
        return [f.state]
    if isinstance(f, F.Visit):
        return [f.guest_state, f.host_state]
    if isinstance(f, (F.PartnershipChange, F.Target, F.FlightsOpening, F.RelationDescription)):
        return list(f.states)
    if isinstance(f, F.Document):
        return [p for p in f.parties if len(p) == 2 and p.isupper()]
    if isinstance(f, F.Commitment):
        return list(f.by) + ([f.addressed_to] if f.addressed_to else [])
    if isinstance(f, F.Proposal):
        return [f.addressed_to] if f.addressed_to else []
    if isinstance(f, F.HonourConferral):
        return [f.honour.state] if f.honour.state else []
    if isinstance(f, F.CityMention):
        return [f.state]
    return []


@lru_cache(maxsize=1)
def default_finder() -> MentionFinder:
    """One finder per process: compiling the gazetteer's patterns costs
    more than reading an article, and a finder keeps no state between articles.

    >>> default_finder() is default_finder()
    True
    """
    return MentionFinder()


def likely_parsed(text: str) -> bool:
    """Whether the rules will likely read a sentence's parse (its verbs'
    tense and mood, its adjectives): a visit, an encounter, a change of
    level or an honour is mentioned. Only the speed depends on it: a
    sentence not parsed beforehand is parsed when its ``doc`` is read.

    >>> likely_parsed("Le président laotien a reçu son homologue."), likely_parsed("Il pleut sur Hanoï.")
    (True, False)
    """
    f = fold_same_length(text)
    return bool(_VISIT.search(f) or _TALKS.search(f) or _MEET.search(f)
                or (_CHANGE_VERB.search(f) and _LEVEL_RE.search(f)) or _HONOUR_VERB.search(f))


def body_start(text: str) -> int:
    """Where an article's body begins: after its ``date`` line, if any.

    >>> body_start("date 2024-03\\nLe président..."), body_start("Le président...")
    (12, 0)
    """
    dl = DATE_LINE.match(text)
    return dl.end() if dl else 0


def read_article(source: F.SourceInfo, events: list[dict] | None = None,
                 sents: list[Sentence] | None = None) -> F.Extraction:
    """Read one article's facts; ``sents`` are its body's sentences if
    already parsed (:func:`kg.extract.nlp.sentences_many`).

    >>> from kg.graph.facts import SourceInfo
    >>> src = SourceInfo("ex", "date 2024-03\\nLe président laotien Thongloun Sisoulith a rencontré le "
    ...                  "Premier ministre vietnamien Pham Minh Chinh le 4 mars.", "2024-03", "text")
    >>> ex = read_article(src)
    >>> sorted(ex.persons)
    ['pham-minh-chinh', 'thongloun-sisoulith']
    """
    return ArticleReader(source, events, sents=sents).read()
