"""Targets, proposals, commitments and direct flights: what the sides set out to do.

Reads a trade target ("porter les échanges à 5 milliards de dollars d'ici
2030", "objectif ... de"), with its horizon ("au cours des cinq prochaines
années") or year; a proposal ("a proposé que", "a suggéré de"); a
commitment ("se sont engagés à", "ont convenu de", "leur volonté de", "ont
décidé de", "ont manifesté leur intérêt pour", a stance: "ont souligné
l'importance de"), not in a sentence of talks or meetings, with the fields
of cooperation it names (:mod:`.areas`); and the opening of
direct flights ("ouverture de vols directs").
"""
from __future__ import annotations

import re

from ..graph import facts as F
from .areas import cooperation_areas
from .common import _MEET, _TALKS, NUMBERS, ReaderBase
from .nlp import Sentence

_AMOUNT = r"\d+(?:[.,]\d+)?|" + "|".join(NUMBERS)      # "2,5", "un" (milliard)


class TargetRules(ReaderBase):
    """Trade targets, proposals, commitments, direct flights."""

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
            self.out.facts.append(F.Target(pair, "bilateral_trade", int(value), unit, horizon, year, self.span(s),
                                           self._announced_during(s)))

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
                self.out.facts.append(F.Proposal(people[-1], to, part, self.span(s), self._announced_during(s)))

    def _read_commitment(self, s: Sentence) -> None:
        f = self.folded(s)
        m = re.search(r"\b(?:leur volonte (?:de|d')|(?:se sont|s'est) engagee?s? a|ont convenu (?:de|d')|est prete? a"
                      r"|sont prete?s a|se sont accorde\w* (?:sur|pour)|ont decide (?:de|d')"
                      r"|(?:ont|a) manifeste (?:leur|son|un) (?:vif |grand )?interet (?:pour|a l'egard de) "
                      # « ont souligné l'importance du maintien de la paix »: the stance, with its words
                      r"|(?:ont|a) (?:\w+ ){0,2}?(?:affirme|reaffirme|souligne|insiste sur|mis l'accent sur) "
                      r"(?=l'importance (?:du|de la|de l'|des|d')))", f)
        if not m or _TALKS.search(f) or _MEET.search(f):
            return
        desc = s.text[m.end():].strip().rstrip(".")
        if not desc:
            return
        subj_states = [sm.code for sm in self.ms.states_in(s.start, s.start + m.start()) if sm.via == "name"]
        pair = self.pair()
        # « Les dirigeants des deux pays ont salué ... entre le Vietnam et le Kazakhstan ... et ont manifesté »:
        # a subject of both sides, whatever states the clauses between name
        joint = re.match(r"\W*(?:[\w']+ ){0,5}?(?:les deux|des deux|ils|elles)\b", f[:m.start()])
        by = tuple(subj_states[:1]) if subj_states and not joint else (pair or ())
        if not by:
            return
        after = [sm.code for sm in self.ms.states_in(s.start + m.end(), s.end) if sm.via == "name"]
        to = next((c for c in after if c not in by), None) if len(by) == 1 else None
        orgs = self.ms.orgs_in(s.start + m.end(), s.end)
        self.out.facts.append(F.Commitment(tuple(sorted(by)), desc, self.span(s), to, orgs[0] if orgs else None,
                                             self._announced_during(s), cooperation_areas(desc)))

    def _read_flights(self, s: Sentence) -> None:
        f = self.folded(s)
        if not re.search(r"\bvols? directs?\b|\bliaisons? aeriennes? directes?\b", f):
            return
        if not re.search(r"\b(?:ouverture|lancement|inauguration|ouvert|lance|inaugure)\b", f):
            return
        pair = self._states_for(s) or self.pair()
        if pair:
            self.out.facts.append(F.FlightsOpening(pair, self.month_year(f), self.span(s)))

    def _announced_during(self, s: Sentence) -> tuple | None:
        """The visit (its key) during which what ``s`` reports was announced:
        the visit the sentence is about, if it took place."""
        v = self.visit_for(s)
        return v.key if v and v.status == "happened" else None
