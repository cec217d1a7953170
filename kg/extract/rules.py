"""Rules that read facts out of parsed sentences.

Each ``_read_*`` method looks at one sentence (its folded text for patterns,
its spaCy tokens for verbs, tense and modality) and the article's mentions,
and appends typed facts with the sentence as evidence.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from . import facts as F
from .article import DATE_LINE
from .gazetteer import Gazetteer
from .mentions import MentionFinder, Mentions, PersonMention, PersonRegistry, covered_by, fold_same_length
from .nlp import Sentence, sentences

MONTHS = {m: i + 1 for i, m in enumerate(
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre".split())}
_MONTH = "|".join(MONTHS)
WEEKDAYS = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()
_WEEKDAY = f"(?:{'|'.join(WEEKDAYS)})"
NUMBERS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
           "neuf": 9, "dix": 10, "quinze": 15, "vingt": 20}
_AMOUNT = r"\d+(?:[.,]\d+)?|" + "|".join(NUMBERS)      # "2,5", "un" (milliard)
ORDINALS = {"premiere": 1, "1re": 1, "1ere": 1, "deuxieme": 2, "seconde": 2, "2e": 2, "troisieme": 3, "3e": 3}

LEVELS = [  # folded phrases, most specific first
    (r"partenariat (?:de cooperation )?strategique (?:integral|global|complet)(?: et (?:integral|global))?",
     "comprehensive_strategic_partnership"),
    (r"partenariat strategique", "strategic_partnership"),
    (r"partenariat (?:integral|global|complet)", "comprehensive_partnership"),
    (r"(?:relations? d')?amitie et (?:de )?cooperation", "friendship_and_cooperation"),
]
_LEVEL_RE = re.compile("|".join(f"(?P<l{i}>{p})" for i, (p, _) in enumerate(LEVELS)))

DOC_KINDS = [  # folded noun phrases -> kind
    (r"memorandums? d'(?:entente|accord|intention)|protocoles? d'accord|memorandums?", "memorandum"),
    (r"lettres? d'intention", "letter_of_intent"),
    (r"plans? d'action", "action_plan"),
    (r"programmes?", "programme"),
    (r"declarations? (?:conjointes?|communes?)", "joint_statement"),
    (r"communiques? (?:de presse )?(?:conjoints?|communs?)", "press_release"),
    (r"accords?|conventions?|traites?", "agreement"),
    (r"feuilles? de route|documents?", "document"),
]
_DOC_RE = re.compile(r"\b(?:" + "|".join(f"(?P<d{i}>{p})" for i, (p, _) in enumerate(DOC_KINDS)) + r")\b")

# A dispatch's dateline ("Oulan-Bator, 10 mai - ", "HANOÏ, le 3 juin (VNA) –"):
# the day it was filed, not the day of anything it reports.
_DATELINE = re.compile(rf"(?m)^[^\W\d][^\n,]{{1,40}}, (?:le )?\d{{1,2}}(?:er)? (?:{_MONTH})(?: \d{{4}})?"
                       rf"(?: \([^)\n]*\))?\s*[-–—:]")
# Where a document's topic ends: a reported-speech tag ("..., a précisé le
# ministre"), a source.
_TOPIC_END = (r",\s*(?:a|ont|avait) (?:precise|indique|annonce|declare|souligne|ajoute|explique|affirme)\b"
              r"|,\s*selon\b")
_BEGUN = re.compile(r"\b(?:entam|commenc|debut|arriv|ouvert)\w*(?: \w+)?\s*$")
_ENDED = re.compile(r"\b(?:conclu|termin|achev|quitt|clotur)\w*(?: \w+)?\s*$")
_PLANNED = re.compile(r"\b(?:doit|doivent|devrait|devraient|devra|devront|va|vont|prevoit|prevoient|envisage"
                      r"|envisagent|compte|comptent)\b\s+(?:\w+\s+)?$")
_VISIT = re.compile(
    r"\bvisite (?P<type>d'etat|officielle|de travail|d'amitie|de courtoisie|privee)?|"
    r"\b(?:s'est|se sont|s'etait|s'etaient) (?:[\w-]+ )?rendue?s? (?:en|au|aux|a|dans (?:le|la|les|l'))\b|\bse (?:rend|rendent|rendra|rendront) (?:[\w']+ ){0,4}?(?:en|au|aux|a)\b"
    r"|\b(?:est|sont) arrivee?s? (?:\w+ )?(?:en|au|aux|a)\b|\barrive (?:en|au|aux|a)\b"
    r"|(?:^|, )arrivee?s? (?:\w+ ){0,3}(?:en|au|aux|a|dans)\b"
    r"|\b(?:a|ont) (?:atterri|debarque) (?:en|au|aux|a)\b"
    r"|\bpoursui\w+ (?:sa|leur) tournee (?:en|au|aux|a)\b"
    # "au terme d'un séjour de trois jours en Allemagne", "lors d'un déplacement de la chancelière X à Oulan-Bator"
    r"|\b(?:un|son|sa|leur|d'un|du|ce|cet) (?:sejour|deplacement)(?: (?!en |au |aux |a )[^\W\d][\w'-]*){0,6} (?:en|au|aux|a)\b"
    r"|(?P<expected>\b(?:est|sont) attendue?s? (?:\w+ )?(?:en|au|aux|a)\b"
    r"|\b(?:doit|doivent|devrait|devraient|devra|devront|va|vont|compte|comptent|prevoit de|prevoient de)"
    r"(?: \w+)? se rendre (?:en|au|aux|a)\b"         # "M. Aliev doit se rendre à Astana en 2026"
    r"|\binvitation\b[^.;]{0,60}\ba (?:effectuer|se rendre|venir)\b)")     # "a accepté l'invitation ... à effectuer une visite"
_PLANNED_AT = re.compile(r"(?:doit|doivent|devrait|devraient|devra|devront|va|vont)\s")
_FUTURE_ENDING = re.compile(r"r(?:ai|as|a|ons|ez|ont|ais|ait|ions|iez|aient)$")
_MODALS = {"devoir", "prévoir", "envisager", "compter", "projeter", "aller"}
_SIGN = re.compile(r"\b(?:sign\w*|paraph\w*|conclu(?:e|s|es|t|rent|re|ra|ront)?\b|echange\w* (?:des|les|de) |adopt\w*|signature)")
_TALKS = re.compile(r"\bs'(?:est|etait) (?:\w+ ){0,3}entretenue?s?\b|\bse sont (?:\w+ )?entretenu(?:e)?s\b|\bs'entretient\b"
                    r"|\bs'entretiendra\b|\bs'entretenir\b|\b(?:a|ont|avait|avaient) (?:\w+ )?eu (?:[\w']+ ){0,4}?(?:un |des |de )?(?:long |bref |court |premier |nouvel )?"
                    r"(?:entretiens?|pourparlers|discussions?)\b|\b(?:a|ont) (?:[\w']+ )?(?:mene|tenu) (?:des |de )"
                    r"(?:pourparlers|entretiens|discussions)\b|\b(?:entretien|pourparlers|discussion)s?(?: \w+)? avec\b"
                    r"|\bleur (?:entretien|discussion)s?\b|\bl'entretien\b")
_MEET = re.compile(r"\b(?:a|ont|avait|avaient)(?: \w+ment| aussi| ensuite| egalement| par ailleurs| en outre| d'abord"
                   r"| enfin| aussitot)? (?:ete )?(?:rencontre|recue?s?)\b(?! des mains| de la part)|\brencontre(?:ra)?"
                   r" (?=(?:le|la|les|l'|son|sa|m\.|mme)\b)|\brecoit\b|\brecevra\b|\bs'est reuni(?:e)? avec\b"
                   r"|\b(?:doit|doivent|devrait|devraient|va|vont) (?:y |aussi |egalement |encore |ensuite )?(?:rencontrer|recevoir)\b"
                   r"|\bavant de (?:rencontrer|recevoir)\b")

# What changes a level ("élever", "établir", "hisser") and what confers an honour.
_CHANGE_VERB = re.compile(r"\b(elevation|elever|eleve\w*|rehauss\w*|hiss\w*|porte[rs]?|portee?s?|passage|passer"
                          r"|passent|passera|passeront|devient|deviennent"
                          r"|etablissement|etabli\w*|nou\w+|instaur\w*|mise en place|mettre en place|upgrad\w*"
                          r"|relev\w*|amelior\w*)\b")
_HONOUR_VERB = re.compile(r"\b(?P<verb>remis|decerne|confere|attribue|decore|remet|remettre|decerner|conferer"
                          r"|attribuer|epingle|eleve(?=e?s? au grade d))e?s?\b|\b(?:a|ont) (?P<verb2>recu)(?= des mains d)")


_PLURAL_ROLES = [(r"chefs de gouvernement|premiers", "head_of_government"), (r"chefs de la|ministres", "foreign_minister"),
                 (r"chefs d'etat|presidents", "head_of_state")]


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    s = f"{year:04d}"
    if month:
        s += f"-{month:02d}"
        if day:
            s += f"-{day:02d}"
    return s


class ArticleReader:
    """Reads one article into an :class:`~kg.extract.facts.Extraction`."""

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
        self.ref_year = int(source.date[:4])
        self.ref_month = int(source.date[5:7])
        self.roles: dict[str, set] = {}             # person -> {(role, state)}
        self.visit: F.Visit | None = None            # the article's main visit
        self.last_subject: str | None = None
        self.last_pair: tuple[int, tuple[str, str]] | None = None     # (sentence index, persons) of the last encounter
        self.durations: dict[tuple, int] = {}       # (guest, host) -> days, stated apart from the dates

    # -- helpers ---------------------------------------------------------
    def _upsert(self, new, same, merge=lambda old: {}) -> bool:
        """Add ``new``, or fold it into an earlier fact of its type for which
        ``same(old)`` holds (evidence joined, ``merge(old)`` fields updated).
        Returns True when it was folded."""
        for i, old in enumerate(self.out.facts):
            if type(old) is type(new) and same(old):
                self.out.facts[i] = replace(old, evidence=old.evidence + new.evidence, **merge(old))
                return True
        self.out.facts.append(new)
        return False

    def span(self, s: Sentence) -> F.Evidence:
        return (F.Span(s.start, s.end, s.text),)

    def folded(self, s: Sentence) -> str:
        return self.ms.folded[s.start:s.end]

    def state_of(self, key: str) -> str | None:
        return self.reg.states.get(key)

    def pair(self) -> tuple[str, str] | None:
        if self.visit:
            return tuple(sorted((self.visit.guest_state, self.visit.host_state)))
        counts: dict[str, int] = {}
        for m in self.ms.states:
            counts[m.code] = counts.get(m.code, 0) + 1
        for key in self.reg.states.values():
            counts[key] = counts.get(key, 0) + 2
        top = sorted(counts, key=lambda c: (-counts[c], c))[:2]
        return tuple(sorted(top)) if len(top) == 2 else None

    def sides(self, visit: F.Visit | None) -> tuple[str, str] | None:
        """The two states of ``visit`` (sorted), else of the article."""
        return tuple(sorted((visit.guest_state, visit.host_state))) if visit else self.pair()

    def other(self, code: str | None) -> str | None:
        p = self.pair()
        if not p or code not in p:
            return None
        return p[1] if p[0] == code else p[0]

    def persons(self, start: int, end: int) -> list[PersonMention]:
        """Mentions in ``[start, end)`` that resolve to a person."""
        return [m for m in self.ms.persons if start <= m.start and m.end <= end and self.who(m)]

    def note_state(self, code: str | None) -> None:
        if code and code not in self.out.states:
            s = self.gaz.states[code]
            self.out.states[code] = F.StateRef(code, s["label_en"], s["label_fr"], s.get("wikidata"))

    def note_person(self, key: str) -> None:
        if key not in self.out.persons:
            g = self.gaz.persons.get(key, {})
            self.out.persons[key] = F.PersonRef(key, self.reg.names[key], g.get("wikidata"))

    def by_role(self, role: str, state: str | None) -> str | None:
        for key, rs in self.roles.items():
            if any(r == role and (state is None or s == state) for r, s in rs):
                return key
        # "le président Abdel Fattah al-Sissi" (state not yet known) ... "le chef de l'État égyptien"
        return next((key for key, rs in self.roles.items() if not self.state_of(key)
                     and any(r == role and s is None for r, s in rs)), None)

    def who(self, m: PersonMention) -> str | None:
        """The person a mention refers to (a name, or a title already held)."""
        if m.key:
            return m.key
        if m.ref:
            if self.visit and self.visit.guest_state == m.state:
                return self.visit.guest
            return next((k for k, rs in self.roles.items() if any(s == m.state for _, s in rs)), None)
        if m.role and not m.homologue:
            return self.by_role(m.role, m.state)
        if m.homologue and m.state:      # "son homologue hongrois", unnamed
            return self.who(PersonMention(m.start, m.end, None, None, m.state, ref=True))
        return None

    def counterpart(self, key: str | None) -> str | None:
        """The protagonist of the other side (for "son homologue", "son hôte")."""
        pr = self.principals()
        if key and pr and key in pr:
            return pr[1] if pr[0] == key else pr[0]
        st = self.state_of(key) if key else None
        other = self.other(st)
        if other and pr:
            return next((k for k in pr if self.state_of(k) == other), None)
        return None

    def modality(self, s: Sentence, at: int) -> str:
        """'planned' when the verb at char ``at`` is future or under doit/devrait."""
        before = self.folded(s)[:at - s.start]
        if _PLANNED.search(before[-40:]) or _PLANNED_AT.match(self.folded(s), at - s.start):
            return "planned"
        after = [t for t in s.doc if t.idx >= at - s.start]
        if after and after[0].pos_ == "NOUN" and after[0].head.pos_ in {"VERB", "AUX"}:
            verb = after[0].head            # "effectuera une visite": the verb that governs the noun
        else:
            verb = next((t for t in after if t.pos_ in {"VERB", "AUX"}), None)
        if verb is not None:
            # the verb, its auxiliaries ("sera décoré") and a governing
            # modal ("doit rencontrer", "prévoit de signer")
            group = [verb] + [c for c in verb.children if c.dep_.startswith("aux")]
            if verb.dep_ in {"xcomp", "ccomp"} and verb.head.lemma_ in _MODALS:
                return "planned"
            # the model's morphology is trusted only where the ending agrees
            # (it tags "effectue" as future now and then)
            if any(("Fut" in t.morph.get("Tense") or "Cnd" in t.morph.get("Mood"))
                   and _FUTURE_ENDING.search(t.text.lower()) for t in group):
                return "planned"
        return "happened"

    # -- dates -------------------------------------------------------------
    def dates(self, f: str) -> tuple[str | None, str | None]:
        y = self.ref_year
        m = re.search(rf"\bdu (?:{_WEEKDAY} )?(\d{{1,2}})(?:er)?(?: ({_MONTH}))?(?: (\d{{4}}))? au (?:{_WEEKDAY} )?"
                      rf"(\d{{1,2}})(?:er)? ({_MONTH})"
                      rf"(?: (\d{{4}}))?", f)
        if m:
            m2 = MONTHS[m.group(5)]
            y2 = int(m.group(6) or y)
            m1 = MONTHS[m.group(2)] if m.group(2) else m2
            y1 = int(m.group(3) or (y2 if m1 <= m2 else y2 - 1))
            return _iso(y1, m1, int(m.group(1))), _iso(y2, m2, int(m.group(4)))
        m = re.search(rf"\bles (\d{{1,2}}) et (\d{{1,2}}) ({_MONTH})(?: (\d{{4}}))?", f)
        if m:
            mo, yy = MONTHS[m.group(3)], int(m.group(4) or y)
            return _iso(yy, mo, int(m.group(1))), _iso(yy, mo, int(m.group(2)))
        days = [(m, _iso(int(m.group(3) or y), MONTHS[m.group(2)], int(m.group(1)))) for m in re.finditer(
            rf"\b(?:le |ce )?(?:lundi |mardi |mercredi |jeudi |vendredi |samedi |dimanche )?"
            rf"(\d{{1,2}})(?:er)? ({_MONTH})(?: (\d{{4}}))?", f)]
        if not days:
            return None, None
        # "a conclu le 8 mai une visite ..., entamée le 6 mai": the verb before
        # a date says which end of the visit it is.
        begin = next((d for m, d in days if _BEGUN.search(f[max(0, m.start() - 30):m.start()])), None)
        end = next((d for m, d in days if _ENDED.search(f[max(0, m.start() - 30):m.start()])), None)
        if end and end != begin:
            return begin, end
        d = begin or days[0][1]
        return d, d

    def weekdays(self, f: str, past: bool = True) -> tuple[str | None, str | None, str | None]:
        """The weekdays of ``f`` as dates: the one after a verb of beginning
        ("entamée lundi"), the one after a verb of ending ("a conclu
        mercredi"), and the first."""
        from datetime import date, timedelta

        days = list(re.finditer(rf"\b({_WEEKDAY})\b", f))
        if not days or len(self.src.date) != 10:
            return None, None, None
        ref = date.fromisoformat(self.src.date)

        def iso(m: re.Match) -> str:
            want = WEEKDAYS.index(m.group(1))
            if past:
                return (ref - timedelta(days=(ref.weekday() - want) % 7)).isoformat()
            return (ref + timedelta(days=(want - ref.weekday()) % 7)).isoformat()

        begin = next((iso(d) for d in days if _BEGUN.search(f[max(0, d.start() - 30):d.start()])), None)
        end = next((iso(d) for d in days if _ENDED.search(f[max(0, d.start() - 30):d.start()])), None)
        return begin, end, iso(days[0])

    def month_year(self, f: str, near: int | None = None) -> str | None:
        """"en octobre 2011" or "en 2017"; of several, the one nearest
        ``near`` ("qui entretiennent des relations depuis 1973, avaient
        établi en 2013 un partenariat": 2013 for "établi")."""
        found = [(m.start(), _iso(int(m.group(2)), MONTHS[m.group(1)]))
                 for m in re.finditer(rf"(?<!\d )(?<!\der )\b({_MONTH}) (\d{{4}})\b", f)]
        if not found:
            found = [(m.start(), m.group(1)) for m in re.finditer(r"\b(?:en|depuis|des|date de) ((?:19|20)\d\d)\b", f)]
        if not found:
            return None
        return min(found, key=lambda x: abs(x[0] - near))[1] if near is not None else found[0][1]

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
                         self._read_description, self._read_cities):
                read(s)
        self._read_areas()
        self._finish()
        return self.out

    def _register_people(self) -> None:
        for p in self.ms.persons:
            if p.name:
                p.key = self.reg.resolve(p.name, titled=bool(p.role)) or None
                if p.key and p.state and p.role:
                    self.reg.states.setdefault(p.key, p.state)

    def _tenures(self) -> None:
        """Offices: explicit ones first, then 'son homologue' and context."""
        for p in self.ms.persons:
            if p.key and p.role:
                state = p.state or self.state_of(p.key)
                self.roles.setdefault(p.key, set()).add((p.role, state))
        # A homologue holds the counterpart's office, in the demonym's state.
        for p in self.ms.persons:
            if p.homologue and p.key:
                sent = next((s for s in self.sents if s.start <= p.start < s.end), None)
                # The counterpart: a titled person of another state in the
                # sentence, else the article's first titled person of another state.
                peers = sorted([q for q in self.ms.persons if sent and sent.start <= q.start < p.start
                                and q.role and q.key and q.key != p.key
                                and (self.state_of(q.key) or q.state) != p.state],
                               key=lambda q: p.start - q.start)
                peers = peers or [q for q in self.ms.persons if q.role and q.key and q.key != p.key
                                  and q.state and q.state != p.state]
                if peers:
                    role, pstate = peers[0].role, peers[0].state or self.state_of(peers[0].key)
                    if not pstate and p.state and self.other(p.state):
                        # "la ministre des Relations extérieures, X, et son homologue vietnamien": X is of the other side
                        pstate = self.other(p.state)
                        self.reg.states.setdefault(peers[0].key, pstate)
                        self.roles[peers[0].key] = {(r, st or pstate) for r, st in self.roles.get(peers[0].key, set())}
                    state = p.state or self.other(pstate)
                    if state:
                        self.reg.states.setdefault(p.key, state)
                    self.roles.setdefault(p.key, set()).add((role, state))
        for key, rs in self.roles.items():
            known = {s for _, s in rs if s}
            if len(known) == 1:
                self.reg.states.setdefault(key, known.pop())

    def _settle_states(self) -> None:
        """An office named without its state is in the state the person's
        counterpart is not from (a bilateral article has two sides); members
        of the guest's delegation ("qui accompagnait ...") are of the guest's."""
        # the visit reported, or else the one announced
        visit = self.visit or next((v for v in self.out.of(F.Visit) if not self.background(v)), None)
        for p in self.ms.persons:
            if p.key and not self.state_of(p.key) and visit and \
                    (re.match(r",?\s*(?:qui (?:l')?accompagn|membre de la delegation|accompagnant)", self.ms.folded[p.end:])
                     or re.search(r"\baccompagnee?s? (?:notamment |entre autres )?(?:par |de |du |de la |des )?(?:le |la |l')?$",
                                  self.ms.folded[max(0, p.start - 40):p.start])):
                self.reg.states[p.key] = visit.guest_state
        for key, rs in list(self.roles.items()):
            state = self.state_of(key)
            # on a tour, the stop where the person is first named
            first = next((p.start for p in self.ms.persons if p.key == key), None)
            stop = self._visit_at(first) if first is not None else None
            at = stop or visit
            if not state and at and key != at.guest:
                state = at.host_state
            if not state:
                continue
            self.reg.states[key] = state
            self.roles[key] = {(r, s or state) for r, s in rs}

    def _curated(self) -> None:
        for ev in self.curated_events:
            if ev.get("kind") != "visit":
                continue
            key = self.reg.resolve(ev["guest"])
            self.reg.states.setdefault(key, ev["guest_state"])
            v = F.Visit(key, ev["guest_state"], ev["host_state"], ev.get("type", "unspecified"),
                        ev.get("start"), ev.get("end"), None, "happened", (), curated=True)
            self.out.facts.append(v)
            self.visit = self.visit or v

    # -- visits --------------------------------------------------------------
    def _read_visit(self, s: Sentence) -> None:
        f = self.folded(s)
        found = list(_VISIT.finditer(f))
        if not found or re.search(r"\bvisites?\s+(?:de|des|du)\s+(?:sites?|usines?|entreprises?)", f):
            return
        # "Cette visite intervient ... : en juillet 2023, X s'était rendu à ...": the later movement
        m = next((x for x in found if not re.search(r"\b(?:cette|ce|celle) $", f[max(0, x.start() - 6):x.start()])),
                 found[0])
        typed = m if m.group("type") else re.search(r"\bvisite (?P<type>d'etat|officielle|de travail|d'amitie"
                                                    r"|de courtoisie|privee)\b", f)
        vtype = {"d'etat": "state", "officielle": "official", "de travail": "working", "d'amitie": "other",
                 "de courtoisie": "other", "privee": "other"}.get(typed.group("type") if typed else "", "unspecified")
        invite = re.search(r"\b(?:a l'invitation|accepte l'invitation|sur l'invitation|sur invitation) (?:de|du|des|d')", f)
        people = self.persons(s.start, s.end)
        inviter = None
        if invite:
            after = [p for p in people if p.start >= s.start + invite.end()]
            inviter = self.who(after[0]) if after else None
        invited = re.search(r"\bqui l'(?:a|avait|ont|avaient) invitee?s?\b", f)
        if invited and not inviter:     # "avec le Premier ministre Narendra Modi, qui l'avait invité"
            before = [p for p in people if p.end <= s.start + invited.start() and self.who(p)]
            inviter = self.who(before[-1]) if before else None
        if invite and not inviter and any(p.homologue and not self.who(p) for p in self.ms.persons
                                          if s.start + invite.end() <= p.start < s.end):
            inviter = "counterpart"     # "à l'invitation de son homologue": known once the guest is
        guests = [self.who(p) for p in people if self.who(p) and self.who(p) != inviter]
        if not guests and self.last_subject and re.match(r"\s*(?:il|elle)\b", f):
            guests = [self.last_subject]
        same = None
        if re.match(r"\s*(?:ce|cette|la|le) (?:deplacement|visite|sejour|voyage)\b", f) and not guests or \
                re.search(r"\b(?:cette|ce) $", f[max(0, m.start() - 6):m.start()]):
            guests = []                     # "cette visite": one already read (or none at all)
            same = next((v for v in reversed(self.out.of(F.Visit)) if not self.background(v)), None)
            if same:                        # "Ce déplacement, qui a le rang de visite d'État, ..."
                guests = [same.guest]
        if not guests:
            return
        guest = guests[0]
        gstate = self.state_of(guest)
        host = same.host_state if same else self._destination(s, s.start + m.start(), gstate)
        # "s'était rendu à Dar es Salaam ..., puis au Mozambique": a city not in the
        # gazetteer is no reason to take the next state named
        word = re.match(r"\s+(\S+)", s.text[m.end():])
        unknown_place = host is None and f[:m.end()].endswith(" a") and word and word.group(1)[:1].isupper()
        if host is None and not unknown_place:
            # "poursuivra sa tournée au Kirghizistan, où il est attendu ... pour une visite"
            host = self._destination(s, s.start, gstate)
        if host is None and inviter:
            host = self.state_of(inviter)
        if host is None and not gstate and guest in self.roles:
            # "Le président de la République s'était rendu dans le royaume": an
            # office holder of the host side of the visit already read
            cur = next((v for v in self.out.of(F.Visit) if not self.background(v) and v.guest != guest), None)
            gstate = cur.host_state if cur else None
        if host is None:
            host = self.other(gstate)
        if not gstate and host:      # "le président Abdel Fattah al-Sissi ... à Pékin": the other side
            gstate = self.other(host)
            if gstate:
                self.reg.states.setdefault(guest, gstate)
        if not gstate or not host or gstate == host:
            return
        if inviter == "counterpart":
            inviter = self.counterpart(guest)
        start, end = self.dates(f)
        if start is None and end is None:
            begin, last, first = self.weekdays(f, past=not re.search(r"\b(?:doit|devrait|effectuera|se rendra)\b", f))
            if begin and last and begin != last:    # "a conclu mercredi une visite ..., entamée lundi"
                start, end = begin, last
            else:
                start = begin or first
                end = self._visit_end(f, start, (guest, host)) if start else None
                if start and (last or not begin and re.search(r"\b(?:conclu\w*|termine\w*|achev\w*|quitte\w*)\b", f)):
                    start, end = None, start    # "a conclu jeudi sa visite": the weekday is the last day
        if start is None and end:
            start = self._visit_start(f, end, (guest, host))
        if start is None and end is None:
            mo = re.search(rf"\b(?:en|pour|d'ici|a la mi-|debut|fin) ({_MONTH})\b(?! \d)", f)
            if mo and re.search(r"\bprevue?s?\b|\bprochaine?s?\b|\bannonce|\battendue?s?\b|\beffectuer(?:a|ont)\b"
                                r"|\bse rendr(?:a|ont)\b", f):
                y = self.ref_year + (1 if MONTHS[mo.group(1)] < self.ref_month else 0)
                start = _iso(y, MONTHS[mo.group(1)])
        if start is None and end is None:   # "En octobre 2011, le président ... s'est rendu au Vietnam"
            start = self.month_year(f)
            if not start and self._duration(f):     # "a conclu sa visite de deux jours": the dates may come later
                self.durations[(guest, host)] = self._duration(f)
        elif start == end:
            end = self._visit_end(f, start, (guest, host))
        status = "planned" if m.group("expected") or re.search(r"\bvisite\b[^.]{0,80}\bprevue?\b"
                                                                r"|\b(?:est|sont) attendue?s?\b", f) \
            else self.modality(s, s.start + m.start())
        if status == "planned" and start and start < self.src.date[:len(start)]:
            status = "happened"     # a future-in-the-past ("devait se rendre") dated before the article
        if status == "planned" and start and any(o.status == "happened" and (o.guest, o.host_state) == (guest, host)
                                                 and self._within(o, start) for o in self.out.of(F.Visit)):
            return      # "Jeudi, M. X doit se rendre à Hô Chi Minh-Ville": a later stop of the visit under way
        v = F.Visit(guest, gstate, host, vtype, start, end, inviter, status, self.span(s))
        self._upsert(v, lambda old: (old.guest, old.host_state) == (guest, host)
                     and (old.start == start or not start or not old.start or old.curated
                          or self._within(old, start))     # "Mercredi, dernier jour de sa visite, ... à Dubaï"
                     and (old.status == status or not start or not old.start),
                     lambda old: {"invited_by": old.invited_by or inviter,
                                  "type": old.type if v.type == "unspecified" else v.type,
                                  "start": old.start or start,
                                  "end": max(filter(None, (old.end, end)), default=None)
                                  if old.start == start or not old.start else old.end,
                                  "status": old.status if old.start or not start else status})
        self.last_subject = guest

    def _destination(self, s: Sentence, start: int, gstate: str | None) -> str | None:
        """The first state other than the guest's named, from ``start`` on, as
        a place one goes to ("au Kazakhstan", "à Hanoï")."""
        f = self.folded(s)
        return next((sm.code for sm in self.ms.states_in(start, s.end) if sm.code != gstate
                     and sm.via in {"name", "capital"}
                     and re.search(r"(?:au|en|aux|a) $", f[max(0, sm.start - s.start - 4):sm.start - s.start])), None)

    @staticmethod
    def _duration(f: str) -> int | None:
        if re.search(r"\b(?:visite|sejour|deplacement)(?: [\w']+){0,2} d'(?:une journee|un jour)\b", f):
            return 1
        d = re.search(r"\b(?:visite|sejour|tournee|deplacement)(?: [\w']+){0,2} de (\w+) jours\b", f)
        return (NUMBERS.get(d.group(1)) or (int(d.group(1)) if d.group(1).isdigit() else None)) if d else None

    def _visit_end(self, f: str, start: str, key=None) -> str | None:
        """The last day from "une visite de trois jours" or "jusqu'au 16 avril"."""
        from datetime import date, timedelta

        if len(start) != 10:
            return start
        n = self._duration(f) or self.durations.get(key)
        if n:
            return (date.fromisoformat(start) + timedelta(days=n - 1)).isoformat()
        u = re.search(rf"\bjusqu'au (\d{{1,2}})(?:er)? ({_MONTH})(?: (\d{{4}}))?", f)
        if u:
            return _iso(int(u.group(3) or start[:4]), MONTHS[u.group(2)], int(u.group(1)))
        # An arrival ("est arrivé le 9 mai", "y est attendu le 11 mai") says when
        # the visit begins, not how long it lasts; otherwise one date is one day.
        if re.search(r"\b(?:arrivee?s?|entam\w*|commenc\w*|attendue?s?)\b", f):
            return None
        return start

    def _visit_start(self, f: str, end: str, key) -> str | None:
        """The first day of a visit known by its last: "a conclu vendredi une
        visite de deux jours", "..., entamée la veille"."""
        from datetime import date, timedelta

        n = self._duration(f)
        if n:
            self.durations[key] = n
        else:
            rel = re.search(r"\b(?:entam|commenc|debut)\w* (la veille|l'avant-veille)\b", f)
            n = {"la veille": 2, "l'avant-veille": 3}[rel.group(1)] if rel else None
        return (date.fromisoformat(end) - timedelta(days=n - 1)).isoformat() if n and len(end) == 10 else None

    def background(self, v: F.Visit) -> bool:
        """A visit cited as past background: dated well before the article."""
        if not v.start or v.curated:
            return False
        if len(v.start) < 10:
            return v.start < self.src.date[:len(v.start)]
        from datetime import date
        ref = self.src.date + ("-01" if len(self.src.date) == 7 else "")
        return (date.fromisoformat(ref) - date.fromisoformat(v.start)).days > 62

    def _main_visit(self) -> None:
        """The article's main visit: the first that happened and is not background."""
        cands = [v for v in self.out.of(F.Visit) if v.status == "happened" and not self.background(v)]
        self.visit = next((v for v in cands if v.curated), cands[0] if cands else None)

    def _visit_at(self, pos: int) -> F.Visit | None:
        """The current visit last reported at or before offset ``pos``."""
        best = None
        for v in self.out.of(F.Visit):
            if v.status == "happened" and not self.background(v) and not v.curated \
                    and v.evidence and v.evidence[0].start <= pos:
                best = v
        return best

    def visit_for(self, s: Sentence) -> F.Visit | None:
        """The visit a sentence is about: the last current visit reported at
        or before it (a tour has several), else the main one."""
        best = self._visit_at(s.start)
        if best is None or self.visit is None or best.key == self.visit.key:
            return self.visit
        # only switch to a later stop once the text has moved on to it
        return best if best.evidence[0].start > self.visit.evidence[0].start else self.visit

    # -- talks and meetings ------------------------------------------------
    def principals(self, visit: F.Visit | None = None) -> tuple[str, str] | None:
        """The two protagonists of ``visit`` (on a tour, one stop), else of
        the article: the guest and the first person named from the other side."""
        visit = visit or self.visit
        seen: dict[str, str] = {}
        if visit:
            seen[visit.guest_state] = visit.guest
        for p in self.ms.persons:
            k = self.who(p)
            st = self.state_of(k) if k else None
            if k and st and st not in seen:
                seen[st] = k
        pair = self.sides(visit)
        if pair and all(c in seen for c in pair):
            return tuple(sorted((seen[pair[0]], seen[pair[1]])))
        return None

    def _read_encounters(self, s: Sentence) -> None:
        f = self.folded(s)
        triggers = sorted([(m.start(), m.end(), "talks") for m in _TALKS.finditer(f)] +
                          [(m.start(), m.end(), "meeting") for m in _MEET.finditer(f)])
        if not triggers:
            self._subject_hint(s)
            return
        people = self.persons(s.start, s.end)
        prev_subject = None
        for i, (ts, te, kind) in enumerate(triggers):
            nxt = triggers[i + 1][0] if i + 1 < len(triggers) else len(f)
            rel_after = re.search(r",\s*(?:a qui|qui|dont|que|ou|avant de|avant d'|tandis qu|alors qu)", f[te:nxt])
            if rel_after:       # "reçu par X, à qui il a remis un message de Y": not Y
                nxt = te + rel_after.start()
            objects = [self.who(p) for p in people if ts <= p.start - s.start < nxt and self.who(p)]
            # not those inside a relative clause ("X, qui accompagne le chef du
            # gouvernement, s'est entretenu avec Y": X is the subject)
            rel = [(r.start(), r.end()) for r in re.finditer(r", (?:qui|dont|que) [^,]*,", f[:ts])]
            before = [self.who(p) for p in people if p.start - s.start < ts and self.who(p)
                      and not any(a <= p.start - s.start < b for a, b in rel)]
            plural = re.search(r"\b(?:leur|les deux (?:dirigeants|presidents|parties|chefs)|ont|se sont)\b",
                               f[max(0, ts - 60):te])
            lead = f[:ts]
            plural_lead = re.search(r"\b(?:les deux|ils|elles|leur)\b", lead) and len(set(before)) < 2
            if plural_lead and not i:
                # "X l'a reçu. Les deux dirigeants se sont entretenus ...": the pair just named
                prev = self.last_pair if self.last_pair and self.last_pair[0] == self._index(s) - 1 else None
                pr = prev[1] if prev else self.principals(self.visit_for(s))
                both = self._both_holders(lead, self.visit_for(s))  # "les deux chefs de gouvernement": that office on each side
                pr = both or pr
                status = self.modality(s, s.start + ts)
                if pr:
                    self._add_encounter(kind, pr[0], pr[1], status, s, f)
                continue
            if len(set(before)) >= 2 and re.search(r"\bet\b", lead) and not objects:
                a, b = list(dict.fromkeys(before))[-2:]
                self._add_encounter(kind, a, b, self.modality(s, s.start + ts), s, f)
                prev_subject = None
                continue
            if len(set(before)) == 1 and re.search(r"\bet (?:son|sa) (?:hote|homologue|invitee?)\b", lead):
                before.append(self.counterpart(before[0]))     # "le chef de l'État kazakh et son hôte ont ..."
                before = [b for b in before if b]
            if kind == "talks" and re.match(r"(?:ont|se sont|avaient)\b", f[ts:]) and \
                    not re.match(r"[^,.;]{0,40}?\bavec\b", f[te:]):
                objects = []    # "ont mené des pourparlers, ... dont la ministre ...": a plural subject, no object
            if len(set(before)) >= 2 and re.search(r"\bet\b", lead) and not objects:
                a, b = list(dict.fromkeys(before))[-2:]
                self._add_encounter(kind, a, b, self.modality(s, s.start + ts), s, f)
                prev_subject = None
                continue
            subject = before[-1] if before else None
            if i and prev_subject and (re.search(r"\bet $", f[max(0, ts - 4):ts]) or f.startswith("avant de", ts)
                                       or re.search(r"\b(?:il|elle)\s+$", f[max(0, ts - 8):ts])):
                subject = prev_subject      # "Il s'est entretenu avec X et a rencontré Y", "..., puis elle a été reçue par Y"
            if subject in objects:
                subject = None
            if subject is None and self.last_subject and \
                    re.match(r"\s*(?:[\w' -]{0,30},\s*)?(?:il|elle)\b|\s*(?:durant|lors|pendant)\b", f):
                subject = self.last_subject
            if subject and not objects and re.search(r"\bl'(?:a|ont|avait|avaient) (?:\w+ )?$", f[max(0, ts - 12):ts + 2]):
                earlier = [b for b in before if b != subject]     # "où le président X l'a reçu"
                if earlier:
                    objects = [earlier[-1]]
            if subject and not objects:     # "a reçu son hôte", "avec son homologue": the other side
                unnamed = [p for p in self.ms.persons if s.start + ts <= p.start < s.start + nxt
                           and p.homologue and not self.who(p)]
                other = self.counterpart(subject)
                if unnamed and other:
                    objects = [other]
            pairs = []
            if subject and objects:
                pairs = [(subject, o) for o in dict.fromkeys(objects) if o != subject]
            elif plural and not objects or not subject and not objects and any(
                    p.homologue and not self.who(p) for p in self.ms.persons if s.start + ts <= p.start < s.start + nxt):
                # "le dirigeant sud-américain s'est entretenu avec son hôte"
                pr = self.principals(self.visit_for(s))
                if pr:
                    pairs = [pr]
            elif len(objects) >= 2 and not subject:
                pairs = [(objects[0], objects[1])]
            status = self.modality(s, s.start + ts)
            for a, b in pairs:
                self._add_encounter(kind, a, b, status, s, f)
            if subject:
                self.last_subject = prev_subject = subject

    def _both_holders(self, lead: str, visit: F.Visit | None) -> tuple[str, str] | None:
        """"les deux chefs de gouvernement", "les deux ministres des Affaires
        étrangères": the holders of that office in the two states."""
        m = re.search(r"\bles deux (chefs de gouvernement|premiers ministres|chefs de la diplomatie"
                      r"|ministres des (?:affaires etrangeres|relations exterieures)|chefs d'etat|presidents)\b", lead)
        pair = self.sides(visit)
        if not m or not pair:
            return None
        role = next(r for pat, r in _PLURAL_ROLES if re.match(pat, m.group(1)))
        a, b = self.by_role(role, pair[0]), self.by_role(role, pair[1])
        return tuple(sorted((a, b))) if a and b and a != b else None

    def _subject_hint(self, s: Sentence) -> None:
        people = [self.who(p) for p in self.persons(s.start, s.end) if self.who(p)]
        if people:
            self.last_subject = people[0]

    @staticmethod
    def _within(v: F.Visit | None, day: str) -> bool:
        return bool(v and v.start and v.start[:len(day)] <= day <= (v.end or v.start)[:len(day)])

    def _index(self, s: Sentence) -> int:
        return next(i for i, x in enumerate(self.sents) if x.start == s.start)

    def _add_encounter(self, kind: str, a: str, b: str, status: str, s: Sentence, f: str) -> None:
        self.last_pair = (self._index(s), tuple(sorted((a, b))))
        start, end = self.dates(f)
        v = self.visit_for(s)
        if start and not self._within(v, start):    # "le 9 mai, à Oulan-Bator": the stop of that day
            v = next((o for o in self.out.of(F.Visit) if self._within(o, start) and o.status == "happened"), v)
        visit = v.key if v and status == "happened" and (not start or self._within(v, start)) else None
        persons = tuple(sorted((a, b)))
        enc = F.Encounter(kind, persons, start if start == end else None, visit, status, self.span(s))
        self._upsert(enc, lambda old: (old.persons, old.kind, old.visit, old.status) == (persons, kind, enc.visit, status)
                     and (old.date == enc.date or not old.date or not enc.date),
                     lambda old: {"date": old.date or enc.date})

    # -- partnership levels -----------------------------------------------------
    def _read_change(self, s: Sentence) -> None:
        f = self.folded(s)
        # "hisser leur partenariat stratégique, établi en 2012, au rang de ...": the
        # participle clause is an earlier change of its own, dated
        for bg in re.finditer(r"(?:" + _LEVEL_RE.pattern + r"),? (?:qui (?:avait|a) ete )?(?:etabli|noue|instaure|lance|conclu)e?s?"
                              rf" en (?:({_MONTH}) )?((?:19|20)\d\d),?", f):
            pair = self._states_for(s) or self.pair()
            level = next(LEVELS[int(k[1:])][1] for k, v in bg.groupdict().items() if v)
            if pair and bg.group(bg.lastindex):
                mon = bg.group(bg.lastindex - 1)
                date = _iso(int(bg.group(bg.lastindex)), MONTHS[mon]) if mon else bg.group(bg.lastindex)
                ch = F.PartnershipChange(pair, level, None, "establishment", date, None, self.span(s), status="happened")
                self._upsert(ch, lambda old: (old.states, old.to_level, old.date) == (pair, level, ch.date))
                lv_end = _LEVEL_RE.match(f, bg.start()).end()
                if f[lv_end] == ",":    # read the rest of the sentence without the clause
                    f = f[:lv_end] + " " * (bg.end() - lv_end) + f[bg.end():]
        trig = _CHANGE_VERB.search(f)
        levels = [(m.start(), m.end(), next(LEVELS[int(k[1:])][1] for k, v in m.groupdict().items() if v))
                  for m in _LEVEL_RE.finditer(f)]
        if not trig and levels and re.search(r"\b(?:etaient|etait|sont|est) (?:deja )?lie(?:e|s|es)? [^.;]*\bpar (?:un|une) $",
                                             f[:levels[0][0]]):
            # "Le Vietnam et l'Espagne étaient liés depuis quinze ans par un partenariat stratégique":
            # the former level of the change just read
            pair = self._states_for(s) or self.pair()
            last = next((c for c in reversed(self.out.of(F.PartnershipChange)) if c.states == pair and not c.date), None)
            if last and not last.from_level and last.to_level != levels[0][2]:
                self.out.facts[self.out.facts.index(last)] = replace(last, from_level=levels[0][2])
            return
        if not trig or not levels or not re.search(r"\b(?:relations?|liens|partenariat|niveau|rang)\b", f):
            return
        after = [lv for lv in levels if lv[0] > trig.start()]
        if not after and re.search(r"\b(?:a|avait|ont|avaient|est|sont|fut|etait|ete) (?:\w+ )?$", f[:trig.start()]):
            after = [lv for lv in levels if lv[0] < trig.start()][-1:]    # "Le partenariat ... avait été établi en 2015"
        if not after:
            return
        frm = None
        if len(after) >= 2 and (re.search(r"(?:\bde|\bdu|\bd'une?)\s+(?:(?:niveau|rang)\s+(?:de\s+|d'))?$",
                                          f[max(0, after[0][0] - 25):after[0][0]])
                                or re.fullmatch(r"\w*\s+(?:leur|son|notre|le|ce)\s+", f[trig.start():after[0][0]])):
            frm, to = after[0][2], after[1][2]      # "hisser leur partenariat stratégique au rang de ..."
        elif any(lv[0] < trig.start() for lv in levels) and re.search(
                r"\b(?:jusqu'(?:ici|alors|a present)|auparavant|deja|precedemment)\b[^.;]{0,40}$",
                f[:[lv for lv in levels if lv[0] < trig.start()][-1][0]]):
            # "Le Brésil et l'Indonésie, jusqu'ici liés par un partenariat stratégique, ont élevé ..."
            frm, to = [lv for lv in levels if lv[0] < trig.start()][-1][2], after[-1][2]
        else:
            to = after[-1][2]
        kind = "establishment" if re.match(r"etabli|nou|instaur|mise en place|mettre en place", trig.group(1)) \
            else "elevation"
        pair = self._states_for(s) or self.pair()
        if not pair:
            return
        date = self.month_year(f, near=trig.start())
        if not date and re.search(r"\b(?:au cours de|lors de|pendant|durant) (?:ce|cette) (?:sejour|visite|deplacement)\b", f):
            past = [v for v in self.out.of(F.Visit) if self.background(v) and v.evidence[0].start < s.start]
            date = past[-1].start if past else None     # "C'est au cours de ce séjour que ..."
        # "prévoient d'élever", "souhaitent porter", "lors du prochain sommet"
        planned = re.search(r"\b(?:doit|doivent|devrait|devraient|pourrai\w*|envisag|prevoi|projett|souhait|comptent)\w*\b",
                            f[:trig.start()]) or re.search(r"\blors (?:du|de la) prochaine? \w+", f[trig.start():]) \
            or self.modality(s, s.start + trig.start()) == "planned"
        status = "planned" if planned else "happened"
        v = self.visit_for(s)
        visit = v.key if v and not date and not planned else None
        ch = F.PartnershipChange(pair, to, frm, kind, date, visit, self.span(s), status=status)
        self._upsert(ch, lambda old: (old.states, old.to_level, old.status) == (pair, to, status),
                     lambda old: {"from_level": old.from_level or frm})

    def _states_for(self, s: Sentence) -> tuple[str, str] | None:
        codes = sorted({m.code for m in self.ms.states_in(s.start, s.end)})
        return (codes[0], codes[1]) if len(codes) == 2 else None

    # -- documents ---------------------------------------------------------------
    def _read_documents(self, s: Sentence) -> None:
        f = self.folded(s)
        docs = [(m.start(), m.end(), next(DOC_KINDS[int(k[1:])][1] for k, v in m.groupdict().items() if v))
                for m in _DOC_RE.finditer(f)]
        if not docs or re.search(r"\baucune? (?:accord|document|texte|memorandum)|\bn'(?:a|ont|avait|avaient) (?:pas |encore |)"
                                 r"(?:ete |)(?:signe|conclu|adopte)", f):
            return      # "Aucun document n'a été signé"
        sign = _SIGN.search(f)
        planned = bool(re.search(r"\b(?:devr\w+|doi\w+|pourr\w+|prevoi\w*|envisag\w*|elaborer|negocier|negociation)\b",
                                 f[:sign.start()] if sign else f))
        existing = re.search(r"\b(?:mise en (?:oeuvre|œuvre)|mettre en (?:oeuvre|œuvre)|application|appliquer)\b", f)
        enum = re.search(r"\b(?:deux|trois|quatre) [\w' ]+?\s*:\s*(?:(?:le|la) (?:premier|premiere)|l'une?)\b", f)
        if enum and docs and docs[0][0] < enum.end() and _SIGN.search(f) and not planned:
            # "deux mémorandums : le premier porte sur X, le second sur Y"
            kind = next(k for st, _, k in docs if st < enum.end())
            for part in re.split(r"[,;]\s*(?:et\s+)?(?:(?:le|la) (?:deuxieme|second|seconde|troisieme|dernier|derniere)|l'autre)\b",
                                 f[enum.end():]):
                start = enum.end() + f[enum.end():].index(part)
                self._add_doc(kind, self._topics(s.text[start:start + len(part)], part), s, status="happened",
                              during=True)
            return
        for i, (ds, de, kind) in enumerate(docs):
            nxt = docs[i + 1][0] if i + 1 < len(docs) else len(f)
            phrase_f = f[de:nxt]
            phrase = s.text[de:nxt]
            tail = re.search(r"(?:,\s*(?:et\s+)?|\s+et\s+|\s+ainsi qu(?:e\s+|'))(?:d'une?|de|d'|un|une|des|les|le|la|l')?\s*$",
                             phrase_f)
            if tail and i + 1 < len(docs):     # "... de l'éducation et d'un accord": not part of the topic
                phrase_f, phrase = phrase_f[:tail.start()], phrase[:tail.start()]
            if re.search(r"\b(?:les|ces|ce|cet|cette)\s+(?:(?:dernier|derniere|derniers|dernieres|deux|trois|memes?)\s+)?$",
                         f[max(0, ds - 16):ds]) and \
                    not self._topics(phrase, phrase_f) and kind not in {"joint_statement", "press_release"}:
                continue    # "les accords signés à Tokyo": a reference to documents already read
            if kind in {"joint_statement", "press_release"}:
                topics = self._topics(phrase, phrase_f) if re.match(r"\s*(?:sur|portant sur|relative)\b", phrase_f) else ()
                self._add_doc(kind, topics, s, status="happened", during=True)
                continue
            if re.match(r"\s*(?:tripartite|trilateral|multilateral|quadripartite)", phrase_f):
                continue    # binds a third party too: not a bilateral document
            if kind == "document" and re.match(r"[^.;]*\bdont\b", phrase_f) and i + 1 < len(docs):
                continue    # "plusieurs documents, dont un accord ...": the items are read one by one
            if kind == "agreement" and phrase_f.startswith(" de libre-echange") and \
                    re.search(r"\b(?:discussions?|negociations?|negocier|relancer|pourparlers|conclusion)\b[^.]{0,25}$", f[:ds]):
                continue    # an FTA still being negotiated
            if kind == "agreement" and phrase_f.startswith(" de libre-echange"):
                clause = re.search(r"[,;]", phrase_f)
                parties = self._parties(s, de, de + clause.start() if clause else nxt)
                self._add_doc(kind, ("libre-échange",), s, parties=parties, status="happened", during=False)
                continue
            if existing and not sign and kind in {"action_plan", "agreement", "programme"}:
                self._add_doc(kind, self._topics(phrase, phrase_f), s, status="happened", during=False,
                              period=self._period(phrase_f))
                continue
            third = re.search(r"\bentre (?:la |le |l'|les )?(\S+) et (?:la |le |l'|les )?(\S+)", phrase_f)
            if third and self.pair():
                codes = {self.gaz.state_by_name(w.strip(",;.")) for w in third.groups()} - {None}
                if codes and not codes & set(self.pair()):
                    continue    # "le mémorandum conclu en 2019 entre la Turquie et la Libye"
            passive = sign and re.match(r"[^;.]{0,160}\b(?:a|ont|avait|avaient) ete $|[^;.]{0,120}, $"
                                        r"|[^;.]{0,160}\b(?:pourrai\w*|devrai\w*|doi\w*|ser\w+) etre $",
                                        f[de:sign.start()]) \
                or sign and re.match(r"[^;.,]{0,120} $", f[de:sign.start()]) and re.match(r"signee?s? (?:par|en)\b", f[sign.start():])
            # "a été signé", "L'accord sur ..., signé en 2021", "l'accord ... signé par les deux pays en 2020"
            if not sign or sign.start() > ds + 40 and not re.search(r"signature", f[:ds]) and not passive:
                continue    # (but "Un mémorandum ... sur ... a été signé")
            status = "planned" if planned else "happened"
            year = re.search(r"\ben ((?:19|20)\d\d)\b", f)
            if year and year.group(1) != self.src.date[:4] and not (self.visit and (self.visit.start or "")[:4] == year.group(1)):
                topics = self._topics(phrase.replace(year.group(), ""), phrase_f.replace(year.group(), ""))
                self._add_doc(kind, topics, s, status="happened", during=False, date=year.group(1))
                continue
            # "de nombreux documents sur divers sujets, dont X et Y" lists them; after
            # one document ("Un accord ..., dont le texte est ...") "dont" opens a clause
            dont = re.search(r"\bdont\b", phrase_f) if f[ds:de].endswith("s") else None
            if dont:
                items = self._split_list(phrase[dont.end():], phrase_f[dont.end():])
                for txt, ftxt in items:
                    self._add_doc(kind, (self._clean_topic(txt),), s, status=status, during=True,
                                  period=self._period(ftxt))
                continue
            self._add_doc(kind, self._topics(phrase, phrase_f), s, status=status, during=True,
                          period=self._period(phrase_f))

    def _parties(self, s: Sentence, start: int, end: int) -> tuple[str, ...]:
        codes = [m.code for m in self.ms.states_in(s.start + start, s.start + end) if m.via == "name"]
        orgs = self.ms.orgs_in(s.start + start, s.start + end)
        return tuple(dict.fromkeys(codes + orgs))

    def _period(self, f: str) -> tuple[str, str] | None:
        m = re.search(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b", f)
        return (m.group(1), m.group(2)) if m else None

    _TOPIC_INTRO = re.compile(r"^(?:[^,.;]*?\b(?:couvrant|dans|portant sur|sur|relatifs?|relatives?|concernant|en matiere"
                              r"|pour|de|d'|du|des)\b)?\s*(?:les |le |la |l')?(?:domaines?|secteurs?|questions?)?"
                              r"\s*(?:de la |de l'|du |des |de |d'|sur |la |le |les |l'|en matiere de |a )?",
                              re.I)

    def _topics(self, phrase: str, phrase_f: str) -> tuple[str, ...]:
        # "pour la période 2026-2030 sur l'énergie": the period is read apart (_period)
        per = re.search(r"\s*\b(?:pour|sur) (?:la periode|les annees) (?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b"
                        r"(?=\s+(?:sur|dans|en matiere|portant sur|relatif|relative|concernant)\b)", phrase_f)
        if per:
            phrase = phrase[:per.start()] + phrase[per.end():]
            phrase_f = phrase_f[:per.start()] + phrase_f[per.end():]
        # "un programme de coopération pour la période 2026-2030, centré sur l'éducation et la santé"
        focus = re.search(r"\b(?:centree?s?|axee?s?|consacree?s?|focalisee?s?) (?:sur|a) ", phrase_f)
        if focus and not re.search(r"\b(?:sur|dans|relatifs?|relatives?|concernant|portant|en matiere)\b|[.;]",
                                   phrase_f[:focus.start()]):
            return tuple(filter(None, (self._clean_topic(t) for t, _ in
                                       self._split_list(phrase[focus.end():], phrase_f[focus.end():]))))
        cut = re.search(r"\b(?:entre les deux|afin|pour (?:la periode|les annees)|lors|dans le cadre)\b|[.;]|" + _TOPIC_END +
                        r"|,\s*(?:(?:par|dans|selon|pour|avec|sur|a) )?(?:qui|que|dont|lequel|laquelle|lesquels|lesquelles)\b",
                        phrase_f)
        if cut:
            phrase, phrase_f = phrase[:cut.start()], phrase_f[:cut.start()]
        m = re.search(r"\b(?:domaines?|secteurs?)\s+(?:de la |de l'|du |des |de |d')", phrase_f)
        # "sur la coopération dans les domaines de X et Y" lists the topics; in
        # "sur la formation professionnelle dans le secteur du tourisme" the topic comes first
        if m and re.fullmatch(r"[\s,]*(?:(?:sur|portant sur|relatifs? a|relatives? a|concernant|de|d'|pour) ?)?"
                              r"(?:la |l')?(?:cooperation|partenariat|collaboration)?\s*(?:(?:dans|en|sur|couvrant|portant sur) )?"
                              r"(?:les |le |la |l')?", phrase_f[:m.start()]):
            return tuple(self._clean_topic(t) for t, _ in self._split_list(phrase[m.start():], phrase_f[m.start():]))
        m = re.search(r"\b(?:dans le domaine|en matiere|sur|portant sur|relatifs? a|relatives? a|concernant|de|d'|pour"
                      r"|visant a|destinee? a)\b", phrase_f)
        if not m:
            return ()
        topic = self._clean_topic(phrase[m.start():])
        return (topic,) if topic else ()

    def _split_list(self, txt: str, ftxt: str) -> list[tuple[str, str]]:
        cut = re.search(r"[.;]|\bafin\b|" + _TOPIC_END, ftxt)
        if cut:
            txt, ftxt = txt[:cut.start()], ftxt[:cut.start()]
        parts, pos = [], 0
        for m in re.finditer(r",\s*(?:et\s+)?|\s+et\s+(?=(?:de |du |des |d'|l'|le |la |les ))", ftxt):
            parts.append((txt[pos:m.start()], ftxt[pos:m.start()]))
            pos = m.end()
        parts.append((txt[pos:], ftxt[pos:]))
        return [(t.strip(), ft.strip()) for t, ft in parts if t.strip()]

    @staticmethod
    def _clean_topic(t: str) -> str:
        t = re.sub(r"^(?:(?:couvrant |dans |portant sur |sur |concernant |relatifs? à |relatives? à |en matière de |pour "
                   r"|visant à |destinée? à )"
                   r"?(?:les |le |la |l’|l')?(?:domaines? |secteurs? )?)", "", t.strip(), flags=re.I)
        t = re.sub(r"^(?:de la |de l’|de l'|du |des |de |d’|d'|la |le |les |l’|l')", "", t, flags=re.I)
        # the period is its own field (_period): "culture pour 2026-2028" -> "culture"
        t = re.sub(r"\s+pour (?:la période |les années )?(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*$", "", t.strip(" ,.;"))
        return t.strip(" ,.;")

    def _add_doc(self, kind, topics, s, status, during, parties=(), period=None, date=None) -> None:
        pair = self.pair()
        if not parties and pair:
            parties = pair
        v = self.visit_for(s)
        visit = v.key if during and v and status == "happened" else None
        doc = F.Document(kind, tuple(t for t in topics if t), tuple(parties), date, visit, status,
                         self.span(s), period)
        self._upsert(doc, lambda old: (old.kind, old.topics, old.visit) == (doc.kind, doc.topics, doc.visit))

    # -- targets, honours, proposals, commitments ---------------------------------
    def _read_target(self, s: Sentence) -> None:
        f = self.folded(s)
        m = re.search(r"\b(?:porter|atteindre|augmenter|faire passer|hisser|doubler)\b[^.]*?\b(?:commerce|echanges"
                      rf"|volume)[^.]*?\ba (?P<n>{_AMOUNT}) (?P<mag>milliards?|millions?) (?:de |d')?"
                      r"(?P<cur>dollars?|usd|euros?|eur)\b(?: americains)?", f) or \
            re.search(rf"\b(?:porter|atteindre|depasser)\b (?:les |un volume de |le cap des )?(?P<n>{_AMOUNT}) "
                      r"(?P<mag>milliards?|millions?) (?:de |d')?(?P<cur>dollars?|usd|euros?|eur)\b(?: americains)?"
                      r" (?:d'echanges|de commerce|d'echanges commerciaux)", f) or \
            re.search(r"\b(?:objectif|cap|cible|ambition|vis\w+)\b[^.]*?\b(?:commerce|echanges)[^.]*?\b(?:a|de) "
                      rf"(?P<n>{_AMOUNT}) (?P<mag>milliards?|millions?) (?:de |d')?"
                      r"(?P<cur>dollars?|usd|euros?|eur)\b(?: americains)?", f)
        if not m:
            return
        n = m.group("n")
        value = float(NUMBERS.get(n) or n.replace(",", ".")) * (1e9 if m.group("mag").startswith("milliard") else 1e6)
        unit = "USD" if m.group("cur").startswith(("dollar", "usd")) else "EUR"
        rest = f[m.end():]
        horizon = year = None
        h = re.search(r"\b(?:au cours des|dans les|d'ici|sur les) (?P<n>\w+) (?:prochaines|annees|ans)", rest)
        if h and (h.group("n") in NUMBERS or h.group("n").isdigit()):
            horizon = f"P{NUMBERS.get(h.group('n')) or int(h.group('n'))}Y"
        y = re.search(r"\b(?:d'ici|en|avant|a l'horizon) ((?:20)\d\d)\b", rest)
        if y:
            year = y.group(1)
        pair = self.pair()
        if pair:
            self.out.facts.append(F.Target(pair, "bilateral_trade", int(value), unit, horizon, year, self.span(s)))

    def _read_honour(self, s: Sentence) -> None:
        f = self.folded(s)
        m = _HONOUR_VERB.search(f)
        # the order itself, not its insignia ("le grand collier de l'ordre du Libérateur")
        o = re.search(r"\b(?:l'|la |le |du |de l')?(?P<h>(?:ordre|medaille|ouissam|wissam|titre honorifique|etoile)\b[^,.;]*)", f) \
            or re.search(r"\b(?:l'|la |le |du |de l')?(?P<h>(?:decoration|croix|collier)\b[^,.;]*)", f)
        if not m or not o:
            return
        h_f = o.group("h")
        cls = re.search(r"\s+de (\w+) classe\b", h_f)
        hclass = ORDINALS.get(cls.group(1)) if cls else None
        name_end = cls.start() if cls else len(h_f)
        st = re.search(r"\s+(?:du|de la|de l'|des)\s+\S+$", h_f[:name_end])
        hstate = None
        if st:
            hstate = self.gaz.state_by_name(st.group().split(None, 1)[1].split(None, 1)[-1].lstrip("'"))
            if hstate:
                name_end = st.start()
        if cls and st is None:
            after = re.match(r"\s+(?:du|de la|de l'|des)\s+(\S+)", h_f[cls.end():])
            if after:
                hstate = self.gaz.state_by_name(after.group(1))
        name = s.text[o.start("h"):o.start("h") + name_end].strip()
        name = re.sub(r"\s+de grade\b.*$", "", name)
        words = [(w.group(), o.start("h") + w.start()) for w in re.finditer(r"\S+", name)]
        adjectives = {t.idx for t in s.doc if t.pos_ == "ADJ"}
        keep = len(words)
        for j in range(1, len(words)):      # stop at the first plain word after a capitalised one
            w, at = words[j]
            if w[:1].islower() and w not in {"de", "du", "des", "d’", "d'", "la", "le", "national", "nationale"} \
                    and not self.gaz.state_by_demonym(w) \
                    and not (at in adjectives and words[j - 1][0][:1].isupper()) \
                    and not re.match(r"(?:de|d)[’']", w) and not re.match(r"l[’']", w):
                keep = j
                break
        name = " ".join(w for w, _ in words[:keep]).rstrip(" ,")
        name = re.sub(r"\s+(?:de|du|des|d[’']|de la)$", "", name)
        # "l'ordre Heydar Aliyev" names no one who takes part
        named = (s.start + o.start("h"), s.start + o.start("h") + len(name))
        people = [p for p in self.persons(s.start, s.end) if not named[0] <= p.start < named[1]]
        giver = recipient = None
        vpos = s.start + m.start()
        verb = m.group("verb") or m.group("verb2")
        if verb == "decore" and re.search(r"\b(?:a|ont) decore\b", f):
            before = [self.who(p) for p in people if p.start < vpos and self.who(p)]
            after = [self.who(p) for p in people if p.start > vpos and self.who(p)]
            giver, recipient = (before[-1] if before else None), (after[0] if after else None)
        elif re.search(r"\bs'est vue? $|\b(?:a|ont) ete $", f[:m.start()]) or verb == "recu":
            # "le roi s'est vu remettre par Sergio Mattarella l'ordre ..."
            before = [self.who(p) for p in people if p.start < vpos and self.who(p)]
            par = re.search(r"\bpar\b|\bdes mains d", f[m.end():])
            after = [self.who(p) for p in people if par and p.start >= s.start + m.end() + par.end() and self.who(p)]
            recipient, giver = (before[-1] if before else None), (after[0] if after else None)
            if recipient and not giver and re.search(r"\bpar (?:son|sa) (?:hote|homologue)\b", f[m.end():]):
                giver = self.counterpart(recipient)     # "s'est vu décerner par son hôte l'ordre ..."
        elif verb == "decore":   # passive: "X, décoré de l'Ordre"
            before = [self.who(p) for p in people if p.start < vpos and self.who(p)]
            recipient = before[-1] if before else None
        else:
            before = [self.who(p) for p in people if p.start < vpos and self.who(p)]
            after = [self.who(p) for p in people if p.start > vpos and self.who(p)]
            giver = before[-1] if before else None
            recipient = after[0] if after else None
            if re.match(r"e?s? a (?:son|sa) (?:hote|invitee?|homologue)\b", f[m.end("verb"):]):
                recipient = None        # "a remis à son hôte l'ordre ...": the counterpart, below
            elif not recipient and giver and len(before) >= 2 and re.search(r"\bl'(?:a|ont|avait) $", f[:m.start()]):
                recipient = before[-2]  # "..., reçu par X, qui l'a élevé au grade de ..."
        if not recipient and giver and re.search(r"\b(?:son|sa) (?:hote|invitee?|homologue)\b", f[m.end():]):
            recipient = self.counterpart(giver)
        if not recipient:
            return
        hstate = hstate or (self.state_of(giver) if giver else self.other(self.state_of(recipient)))
        gkey = self.gaz.honour(name)
        g = self.gaz.honours.get(gkey, {}) if gkey else {}
        base = gkey.split("/", 1)[1] if gkey else _slug(name)
        hstate = hstate or g.get("state")
        key = f"{hstate or 'XX'}/{base}" + (f"-{hclass}" if hclass else "")
        label_fr = g.get("label_fr", name) + (f", {cls.group(1).replace('premiere', 'première').replace('deuxieme', 'deuxième').replace('troisieme', 'troisième')} classe" if cls else "")
        label_en = (g["label_en"] + (f", {_EN_ORD.get(hclass, str(hclass))} class" if hclass else "")) if g else None
        honour = F.Honour(key, hstate, label_fr, label_en, hclass)
        status = self.modality(s, vpos)
        v = self.visit_for(s)
        visit = v.key if v and status == "happened" else None
        hc = F.HonourConferral(honour, recipient, giver, None, visit, self.span(s), status=status)
        # one conferral, reported with and without its class (headline, body)
        self._upsert(hc, lambda old: old.recipient == recipient and _unclassed(old.honour) == _unclassed(honour),
                     lambda old: {"conferred_by": old.conferred_by or giver,
                                  "honour": honour if honour.honour_class and not old.honour.honour_class else old.honour})

    def _read_proposal(self, s: Sentence) -> None:
        f = self.folded(s)
        m = re.search(r"\b(?:a|ont) (?:propose|suggere)\b (?:que |de |d')?", f)
        if not m:
            return
        people = [self.who(p) for p in self.persons(s.start, s.start + m.start()) if self.who(p)]
        if not people:
            return
        rest, rest_f = s.text[m.end():], f[m.end():]
        to = None
        first = self.ms.states_in(s.start + m.end(), s.start + m.end() + 20)
        if first:
            to = first[0].code
        cut = re.search(r"\bafin\b|[.;]", rest_f)
        rest, rest_f = (rest[:cut.start()], rest_f[:cut.start()]) if cut else (rest, rest_f)
        verb = re.search(r"^(?:l[ea] \S+|l'\S+) (?:facilite|soutienne|appuie|favorise|\w+e)\s+", rest_f)
        if verb:
            rest, rest_f = rest[verb.end():], rest_f[verb.end():]
        parts = re.split(r"\s+ainsi que\s+", rest.strip())
        for part in parts:
            part = part.strip(" ,")
            if part:
                self.out.facts.append(F.Proposal(people[-1], to, part, self.span(s)))

    def _read_commitment(self, s: Sentence) -> None:
        f = self.folded(s)
        m = re.search(r"\b(?:leur volonte (?:de|d')|(?:se sont|s'est) engagee?s? a|ont convenu (?:de|d')|est prete? a"
                      r"|sont prete?s a|se sont accorde\w* (?:sur|pour)|ont decide (?:de|d'))", f)
        if not m or _TALKS.search(f) or _MEET.search(f):
            return
        desc = s.text[m.end():].strip().rstrip(".")
        if not desc:
            return
        subj_states = [sm.code for sm in self.ms.states_in(s.start, s.start + m.start()) if sm.via == "name"]
        pair = self.pair()
        by = tuple(subj_states[:1]) if subj_states else (pair or ())
        if not by:
            return
        after = [sm.code for sm in self.ms.states_in(s.start + m.end(), s.end) if sm.via == "name"]
        to = next((c for c in after if c not in by), None) if len(by) == 1 else None
        orgs = self.ms.orgs_in(s.start + m.end(), s.end)
        self.out.facts.append(F.Commitment(tuple(sorted(by)), desc, self.span(s), to, orgs[0] if orgs else None))

    def _read_flights(self, s: Sentence) -> None:
        f = self.folded(s)
        if not re.search(r"\bvols? directs?\b|\bliaisons? aeriennes? directes?\b", f):
            return
        if not re.search(r"\b(?:ouverture|lancement|inauguration|ouvert|lance|inaugure)\b", f):
            return
        pair = self._states_for(s) or self.pair()
        if pair:
            self.out.facts.append(F.FlightsOpening(pair, self.month_year(f), self.span(s)))

    def _read_description(self, s: Sentence) -> None:
        f = self.folded(s)
        m = re.search(r"\b(?:reconnu|qualifie|salue|apprecie|souligne|affirme)\w* (?P<d>(?:les |des |leurs )?relations?"
                      r" [^.]*?)(?: entre les deux pays| bilaterales?)?\s*[.;]", f)
        if not m or _LEVEL_RE.search(m.group("d")):
            return
        pair = self.pair()
        if pair:
            d = s.text[m.start("d"):m.end("d")]
            d = re.sub(r"\s+entre les deux pays$", "", d)
            self.out.facts.append(F.RelationDescription(pair, d, self.src.date, self.span(s)))

    def _read_cities(self, s: Sentence) -> None:
        for sm in self.ms.states_in(s.start, s.end):
            if sm.via == "capital":
                c = sm.city
                self.out.facts.append(F.CityMention(c["key"], sm.code, self.text[sm.start:sm.end], c["label_en"],
                                                    c.get("wikidata"),
                                                    (F.Span(sm.start, sm.end, self.text[sm.start:sm.end]),)))

    def _read_areas(self) -> None:
        for s in self.sents:
            f = self.folded(s)
            m = re.search(r"\baxes? (?:de cooperation )?(?:prioritaires?|strategiques?)(?: de cooperation)?\s*:\s*", f)
            if not m:
                continue
            items = [self._clean_topic(t) for t, _ in self._split_list(s.text[m.end():], f[m.end():])]
            last = items[-1] if items else ""
            if " et " in last:
                items[-1:] = [x.strip() for x in re.split(r"\s+et\s+(?=(?:la |le |les |l’|l'))", last)]
            items = [self._clean_topic(i) for i in items if i]
            for i, old in enumerate(self.out.facts):
                if isinstance(old, F.PartnershipChange):
                    self.out.facts[i] = replace(old, priority_areas=tuple(items),
                                                evidence=old.evidence + self.span(s))
                    break

    def _finish(self) -> None:
        for key, rs in sorted(self.roles.items()):
            for role, state in sorted(rs, key=lambda r: (r[0], r[1] or "")):
                if not state:
                    continue
                ev = tuple(sorted({F.Span(p.start, p.end, self.text[p.start:p.end]) for p in self.ms.persons
                                   if p.key == key and (p.role == role or p.homologue)}))
                if ev:
                    self.out.facts.append(F.Tenure(key, state, role, ev))
        for f in self.out.facts:
            for k in _persons_of(f):
                self.note_person(k)
            for c in _states_of(f):
                self.note_state(c)
        for f in self.out.facts:
            for o in getattr(f, "parties", ()) + ((f.concerns,) if isinstance(f, F.Commitment) and f.concerns else ()):
                if o in self.gaz.organizations:
                    g = self.gaz.organizations[o]
                    self.out.organizations[o] = F.OrganizationRef(o, g["names"][0], g.get("label_en"), g.get("wikidata"))


_EN_ORD = {1: "first", 2: "second", 3: "third"}


def _unclassed(h: F.Honour) -> str:
    """An honour's key without its class suffix ("VN/order-x-1" -> "VN/order-x")."""
    c = h.honour_class
    return h.key[:-len(f"-{c}")] if c and h.key.endswith(f"-{c}") else h.key


def _slug(t: str) -> str:
    from ..ids import slug
    return slug(t)


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

    >>> from kg.extract.facts import SourceInfo
    >>> src = SourceInfo("ex", "date 2024-03\\nLe président laotien Thongloun Sisoulith a rencontré le "
    ...                  "Premier ministre vietnamien Pham Minh Chinh le 4 mars.", "2024-03", "text")
    >>> ex = read_article(src)
    >>> sorted(ex.persons)
    ['pham-minh-chinh', 'thongloun-sisoulith']
    """
    return ArticleReader(source, events, sents=sents).read()
