"""Targets, proposals, commitments and direct flights: what the sides set out to do.

Reads a trade target ("porter les échanges à 5 milliards de dollars d'ici
2030", "objectif ... de", "les échanges devraient atteindre ..."), with its
horizon ("au cours des cinq prochaines années") or year, one target per step
of a trajectory ("4 milliards en 2026 et 6 milliards d'ici 2030"), its
currency, when unsaid, that of the article's other amounts (US dollars if it
names none); an amount dated by a year gone is reached, not a target; a proposal ("a proposé que", "a suggéré de"); a
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
# An amount, its currency when named: « 5 milliards de dollars », « 6 milliards »
_STEP = (rf"(?P<n>{_AMOUNT}) (?P<mag>milliards?|millions?)\b"
         r"(?: (?:de |d')?(?P<cur>dollars?|usd|euros?|eur)\b(?: americains)?)?")
# an amount reached, not set: « qui plafonnaient à 120 millions de dollars l'an dernier »
_NOW = r"(?!(?: (?:de |d')?(?:dollars?|usd|euros?|eur)\b(?: americains)?)?,?\s*(?:l'an dernier|l'annee (?:derniere|passee|ecoulee)|actuellement|aujourd'hui|a ce jour)\b)"
# A target's horizon year: « d'ici 2030 », « en 2026 »
_YEAR = r"\b(?:d'ici|en|avant|a l'horizon(?: de)?) (?P<y>20\d\d)\b"
_TARGET = [re.compile(p) for p in (
    r"\b(?:porter|atteindre|augmenter|faire passer|hisser|doubler)\b[^.]*?\b(?:commerce|echanges|volume)[^.]*?\ba " + _STEP + _NOW,
    r"\b(?:porter|atteindre|depasser)\b (?:les |un volume de |le cap des )?" + _STEP +
    r" (?:d'echanges|de commerce|d'echanges commerciaux)",
    r"\b(?:objectif|cap|cible|ambition|vis\w+)\b[^.]*?\b(?:commerce|echanges)[^.]*?\b(?:a|de) " + _STEP + _NOW,
    # after the trade it is about: « Les échanges devraient atteindre 4 milliards », « comptent les porter à »
    r"\b(?:(?:les|le) )?(?:porter|atteindre|depasser|(?:faire )?passer|hisser) (?:a |les |le cap des )?" + _STEP)]
# the next step of a trajectory, after the year of the last: « ... en 2026 et 6 milliards d'ici 2030 »,
# « ... en 2027 et à 500 millions d'ici 2030 », « ... en 2027, puis atteindre un milliard d'ici 2032 »
_NEXT_STEP = re.compile(rf"\s*{_YEAR}\s*(?:,\s*(?:et |puis )?|et |puis )(?:(?:atteindre|depasser|(?:porter|passer) a) |a )?{_STEP}")


def _past(f: str, step: re.Match, ref_year: int | None) -> bool:
    """Whether the amount ``step`` is dated by a year before the article's:
    reached, not set as a goal."""
    y = re.match(r"\s*" + _YEAR, f[step.end():])
    return bool(y and ref_year and int(y.group("y")) < ref_year)


class TargetRules(ReaderBase):
    """Trade targets, proposals, commitments, direct flights."""

    def _read_target(self, s: Sentence) -> None:
        f = self.folded(s)
        # the first amount set as a goal, not one reached in a year gone (« ... pour atteindre 3 milliards en 2024 »)
        m = next((m for rx in _TARGET for m in rx.finditer(f) if not _past(f, m, self.ref_year)
                  and (rx is not _TARGET[-1] or re.search(r"\b(?:commerce|echanges)\b", f[:m.start()]))), None)
        if not m:
            return
        # « 4 milliards en 2026 et 6 milliards d'ici 2030 »: each step of the trajectory is a target with its year
        steps = [m]
        while nxt := _NEXT_STEP.match(f, steps[-1].end()):
            steps.append(nxt)
        pair = self.pair()
        for i, st in enumerate(steps):
            if _past(f, st, self.ref_year):
                continue
            rest = f[st.end():steps[i + 1].start("n") if i + 1 < len(steps) else len(f)]
            horizon = year = None
            h = re.search(r"\b(?:au cours des|dans les|d'ici|sur les) (?P<n>\w+) (?:prochaines|annees|ans)", rest)
            if h and (h.group("n") in NUMBERS or h.group("n").isdigit()):
                horizon = f"P{NUMBERS.get(h.group('n')) or int(h.group('n'))}Y"
            y = re.search(_YEAR, rest)
            if y:
                year = y.group("y")
            n = st.group("n")
            value = float(NUMBERS.get(n) or n.replace(",", ".")) * (1e9 if st.group("mag").startswith("milliard") else 1e6)
            if pair:
                self.out.facts.append(F.Target(pair, "bilateral_trade", int(value), self._currency(s, steps), horizon,
                                               year, self.span(s), self._announced_during(s)))

    def _currency(self, s: Sentence, steps: list) -> str:
        """ISO 4217 code of a target's amount: the one the trajectory names, else
        that of the article's nearest amount before it (« ... 400 millions de
        dollars en 2024. Les échanges devraient atteindre 1 milliard ... »),
        else of the nearest after; US dollars when the article names none."""
        named = [st.group("cur") for st in steps if st.group("cur")]
        if not named:
            at = s.start + steps[0].start()
            others = [(abs(at - c.start()) + (0 if c.start() < at else len(self.ms.folded)), c.group(1))
                      for c in re.finditer(r"\b(?:milliards?|millions?) (?:de |d')?(dollars?|usd|euros?|eur)\b",
                                           self.ms.folded)]
            named = [min(others)[1]] if others else ["usd"]
        return "EUR" if named[0].startswith(("euro", "eur")) else "USD"

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
