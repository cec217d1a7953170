"""What every kind of fact's rules share: the reader's helpers and a few tables.

:class:`ReaderBase` holds the helpers the rules of every kind call (a
sentence's folded text and evidence, who a mention refers to, the article's
two sides and protagonists, whether a verb is of what happened or what is
planned); the month and number tables and the talks and meeting patterns are
read by more than one kind. The kinds' mixins (people, visits, encounters,
levels, documents, targets, honours, dates) import this module and never one
another: they call one another's methods through ``self`` only.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..graph import facts as F
from .mentions import PersonMention
from .nlp import Sentence

MONTHS = {m: i + 1 for i, m in enumerate(
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre".split())}
_MONTH = "|".join(MONTHS)
NUMBERS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
           "neuf": 9, "dix": 10, "quinze": 15, "vingt": 20}
_PLANNED = re.compile(r"\b(?:doit|doivent|devrait|devraient|devra|devront|va|vont|prevoit|prevoient|envisage"
                      r"|envisagent|compte|comptent)\b\s+(?:\w+\s+)?$")
_PLANNED_AT = re.compile(r"(?:doit|doivent|devrait|devraient|devra|devront|va|vont)\s")
_FUTURE_ENDING = re.compile(r"r(?:ai|as|a|ons|ez|ont|ais|ait|ions|iez|aient)$")
_MODALS = {"devoir", "prévoir", "envisager", "compter", "projeter", "aller"}
_TALKS = re.compile(r"\bs'(?:est|etait) (?:\w+ ){0,3}entretenue?s?\b|\b(?:se sont|s'etaient) (?:\w+ )?entretenu(?:e)?s\b"
                    r"|\bs'entretient\b|\bs'entretiendra\b|\bs'entretenir\b"
                    # "ont eu jeudi au palais de La Moneda des pourparlers", "ont pour leur part eu des discussions"
                    r"|\b(?:a|ont|avait|avaient) (?:\w+ ){0,3}?eu (?:[\w'-]+ ){0,6}?(?:un |des |de )?(?:long |bref |court |premier |nouvel )?"
                    r"(?:entretiens?|pourparlers|discussions?|negociations)\b|\b(?:a|ont) (?:[\w']+ )?(?:mene|tenu) (?:\w+ )?(?:des |de )"
                    r"(?:pourparlers|entretiens|discussions|negociations)\b"
                    r"|\b(?:entretien|pourparlers|discussion|negociation)s?(?: \w+)? avec\b"
                    # "les négociations entre les ministres X et Y", "les négociations menées par les ministres, X et Y"
                    r"|\b(?:entretien|pourparlers|discussion|negociation)s? (?:entre|menee?s? (?:[\w']+ ){0,3}?par)\b"
                    r"|\b(?:a|ont) (?:\w+ ){0,3}?discute\b"     # "a pour sa part discuté avec"
                    r"|\bleurs? (?:entretien|discussion|negociation)s?\b|\bleurs pourparlers\b|\bl'entretien\b")
_DAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_MEET = re.compile(r"\b(?:a|ont|avait|avaient)(?: \w+ment| aussi| ensuite| egalement| par ailleurs| en outre| d'abord"
                   r"| enfin| aussitot)? (?:ete )?(?:rencontre|recue?s?)\b(?! des mains| de la part)"
                   rf"|\brencontre(?:ra)? (?:{_DAY} )?(?=(?:le|la|les|l'|son|sa|m\.|mme)\b)|\brecoit\b|\brecevra\b"
                   r"|\bs'est reuni(?:e)? avec\b|\b(?:se sont|s'etaient) (?:\w+ )?rencontre(?:e)?s\b"
                   r"|\b(?:doit|doivent|devrait|devraient|va|vont) (?:y |aussi |egalement |encore |ensuite )?(?:rencontrer|recevoir)\b"
                   r"|\bavant de (?:rencontrer|recevoir)\b|\bavant d'etre recue?s?(?= par\b)"
                   # "a accordé mardi une audience au président X"
                   r"|\baccorde (?:\w+ )?(?:une |son )?audience (?=a\b|au\b|aux\b)"
                   # "sa rencontre avec X", "les rencontres du chef de l'État chilien avec X", "la rencontre
                   # entre X et Y", "la réception de X par Y"
                   r"|\brencontres? (?:avec|entre)\b|\brencontres? (?=(?:du|de la|de l'|d')\b[^,.;]{0,60}\bavec\b)"
                   r"|\breception (?:de|du|des|d')(?=[^,.;]* par\b)"
                   # "…, a rencontré Y ; reçu Z": the auxiliary dropped after a comma or semicolon;
                   # "Reçu lundi par X, M. Y s'est entretenu …": a fronted participle
                   r"|(?:(?<=[,;] )|(?<=[,;] et ))recue?s?\b(?= (?:[\w']+ ){0,3}?(?:le|la|les|l'|son|sa|ses|m\.|mme|par)\b)"
                   r"|^recue?s?\b(?=[^,.;]{0,30}\bpar\b)")


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    s = f"{year:04d}"
    if month:
        s += f"-{month:02d}"
        if day:
            s += f"-{day:02d}"
    return s


# "à l'issue de leur discussion", "à l'issue des entretiens": what follows
# was announced or done at the end of the visit's talks
AFTER_TALKS = re.compile(r"\ba l['’]issue (?:de (?:leurs?|la|l['’]|ces|ses)|des|du) ?(?:\w+ )?"
                         r"(?:entretiens?|discussions?|pourparlers|negociations)\b")


class ReaderBase:
    """The helpers of :class:`~kg.extract.rules.ArticleReader` that the
    rules of every kind use."""

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
        # "Emmanuel Macron", named without a title, then "le président français": the state's one person
        alone = [k for k, st in self.reg.states.items() if state and st == state and not self.roles.get(k)]
        return next((key for key, rs in self.roles.items() if not self.state_of(key)
                     and any(r == role and s is None for r, s in rs)), alone[0] if len(alone) == 1 else None)

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

    def _states_for(self, s: Sentence) -> tuple[str, str] | None:
        codes = sorted({m.code for m in self.ms.states_in(s.start, s.end)})
        return (codes[0], codes[1]) if len(codes) == 2 else None
