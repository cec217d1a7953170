"""Visits: who went where, of what type, when, at whose invitation; and the capitals named.

Reads a visit from "visite d'État", "s'est rendu au", "est arrivé à",
"séjour de trois jours en", "est attendu à", "doit se rendre à" and "a
accepté l'invitation ... à effectuer une visite": the guest, the host state
(the place one goes to, "au Kazakhstan", "à Hanoï"), the type, the dates or
a duration ("visite de deux jours", "jusqu'au 16 avril") and the inviter ("à
l'invitation de", "qui l'avait invité"); curated events come first. Also
which visit a sentence is about (a tour has several stops), which visits
are past background, and the capitals named (city mentions).
"""
from __future__ import annotations

import re

from ..graph import facts as F
from .common import _MONTH, MONTHS, NUMBERS, ReaderBase, _iso
from .nlp import Sentence

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


class VisitRules(ReaderBase):
    """Visits (and the article's main one), and the capitals named."""

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
            if mo and self.ref_year and re.search(r"\bprevue?s?\b|\bprochaine?s?\b|\bannonce|\battendue?s?\b|\beffectuer(?:a|ont)\b"
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
        if status == "planned" and start and self.src.date and start < self.src.date[:len(start)]:
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
        # an undated article's reference is the latest day it gives a visit
        ref = self.src.date or max((o.start for o in self.out.of(F.Visit) if len(o.start or "") == 10), default=None)
        if not v.start or v.curated or not ref:
            return False
        if len(v.start) < 10:
            return v.start < ref[:len(v.start)]
        from datetime import date
        ref = ref + ("-01" if len(ref) == 7 else "")
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

    @staticmethod
    def _within(v: F.Visit | None, day: str) -> bool:
        return bool(v and v.start and v.start[:len(day)] <= day <= (v.end or v.start)[:len(day)])

    def _read_cities(self, s: Sentence) -> None:
        for sm in self.ms.states_in(s.start, s.end):
            if sm.via == "capital":
                c = sm.city
                self.out.facts.append(F.CityMention(c["key"], sm.code, self.text[sm.start:sm.end], c["label_en"],
                                                    c.get("wikidata"),
                                                    (F.Span(sm.start, sm.end, self.text[sm.start:sm.end]),)))
