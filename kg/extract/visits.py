"""Visits: who went where, of what type, when, at whose invitation; and the capitals named.

Reads a visit from "visite d'État", "s'est rendu au", "est arrivé à",
"séjour de trois jours en", "est attendu à", "doit se rendre à" and "a
accepté l'invitation ... à effectuer une visite": the guest, the host state
(the place one goes to, "au Kazakhstan", "à Hanoï"), the type, the dates or
a duration ("visite de deux jours", "jusqu'au 16 avril", "a regagné Santiago
le 14 mai" for the end) and the inviter ("à l'invitation de", "qui l'avait
invité", "X a invité son homologue à effectuer"); curated events come first.
The guest is who is "en visite" or welcomed even when the host is the subject;
a visitor no one in particular ("la première visite d'un chef d'État
chilien") is the visit under way; trips within the host country ("a visité le
port", "s'est rendu à l'aéroport") are none; a date the parse attaches to
another event ("depuis son entrée en fonction en 2017") is not the visit's;
"son troisième séjour ..., le précédent datant de 2016" adds that earlier
visit. Also which visit a sentence is about (a tour has several stops),
which visits are past background, and the capitals named (city mentions).
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..graph import facts as F
from .common import _MONTH, MONTHS, NUMBERS, ReaderBase, _iso
from .dates import _WEEKDAY, DAY, MONTH_YEAR, PAIR, RANGE, YEAR, governor
from .mentions import covered_by, fold_same_length
from .nlp import Sentence

_VISIT = re.compile(
    r"\bvisite (?P<type>d'etat|officielle|de travail|d'amitie|de courtoisie|privee)?|"
    r"\b(?:s'est|se sont|s'etait|s'etaient) (?:[\w-]+ )?rendue?s? (?:(?:le |ce )?" + _WEEKDAY + r" (?:\d{1,2}(?:er)? [a-z]+ )?)?(?:en|au|aux|a|dans (?:le|la|les|l'))\b|\bse (?:rend|rendent|rendra|rendront|rendrait|rendraient) (?:[\w']+ ){0,4}?(?:en|au|aux|a)\b"
    r"|\b(?:est|sont) arrivee?s? (?:\w+ )?(?:en|au|aux|a)\b|\barrive (?:en|au|aux|a)\b"
    r"|(?:^|, )arrivee?s? (?:\w+ ){0,3}(?:en|au|aux|a|dans)\b"
    r"|\b(?:a|ont) (?:atterri|debarque) (?:en|au|aux|a)\b"
    r"|\bpoursui\w+ (?:sa|leur) tournee (?:en|au|aux|a)\b"
    r"|(?:(?<=\bsa precedente )|(?<=\bson precedent )|(?<=\bsa derniere )|(?<=\bson dernier ))(?:visite|sejour|deplacement)\b"
    # "au terme d'un séjour de trois jours en Allemagne", "lors d'un déplacement de la chancelière X à Oulan-Bator",
    # "son troisième séjour en Mongolie"
    r"|\b(?:un|son|sa|leur|d'un|du|ce|cet|le(?= [a-z]+(?:ieme|ier) )) (?:[a-z]+(?:ieme|ier|iere) )?(?:sejour|deplacement)(?: (?!en |au |aux |a )[^\W\d][\w'-]*\.?){0,6} (?:en|au|aux|a)\b"
    r"|(?P<expected>\b(?:est|sont) attendue?s? (?:\w+ )?(?:en|au|aux|a)\b"
    r"|\b(?:doit|doivent|devrait|devraient|devra|devront|va|vont|compte|comptent|prevoit de|prevoient de)"
    r"(?: \w+)? se rendre (?:en|au|aux|a)\b"         # "M. Aliev doit se rendre à Astana en 2026"
    # "a accepté l'invitation ... à effectuer une visite", "a invité son homologue à effectuer une visite"
    # (the full stop of "M." or "Mme." is no sentence's end)
    r"|\binvit(?:ation|ee?s?)\b(?:[^.;]|(?<=\bm)\.|(?<=\bmme)\.){0,60}\ba (?:effectuer|se rendre|venir)\b)")

# "la première visite d'un chef de gouvernement chilien": a visitor named by no one in particular
_INDEFINITE = re.compile(r"(?:[\w']+ ){0,2}?(?:visite|sejour|deplacement)(?: d'etat| officielle| de travail| d'amitie)? d'une? "
                         r"(?!(?:journee|jour|semaine|heure|mois|an)s?\b|(?:demi|deux|trois|quatre|cinq)\b)")
# where the guest is named when the host is the subject: right after "la cérémonie d'accueil de", "la
# visite officielle de" or "a accordé une audience au", right before ", en visite"
_GUEST_AT = re.compile(r"\b((?:accueil|visite)(?: d'etat| officiel\w*| de travail)? (?:de|du|des|d')|audience (?:a|au|aux) )"
                       r"|, en visite\b")
# an earlier visit implied by a numbered one: "le précédent datant de 2016", "la précédente remontant à mai 2019"
# "la première ayant eu lieu en 2019", "après celle de mars 2023"; several: "après celles de 2012 et de 2019";
# "la première remontant à décembre de la même année" (the year the sentence gave before)
_WHEN = rf"(?:(?:{_MONTH}) )?(?:(?:19|20)\d\d\b|de la meme annee)"
_EARLIER = re.compile(rf"\b(?:(?:le precedent|la precedente|le premier|la premiere)(?: (?:sejour|visite|deplacement|voyage))?,? "
                      rf"(?:datant|remontant|qui date|qui remonte|qui a eu lieu|ayant eu lieu|en)|apres (?:celles?|celui|ceux))"
                      rf"(?: de| d'| a| au| en)? {_WHEN}(?:,? et (?:de |d'|en )?{_WHEN})*")
_EARLIER_DAY = re.compile(rf"(?:({_MONTH}) )?(?:((?:19|20)\d\d)\b|de la meme annee)")
# "lors de sa précédente visite, en juillet 2024": the visit of the sentence is an earlier one
_PRIOR = re.compile(r"\b(?:sa|son|leur) (?:precedente?|derniere?) $")
# "la deuxième visite d'État du chef de l'État ..., la première ...": the earlier one was of the same type
_NUMBERED_TYPE = re.compile(r"(?:ieme|ier|iere) (?:visite|sejour) (d'etat|officielle|de travail)\b")
# a place within the host country that a visit goes to, after its visitor: "(visite) du président à l'université"
_SITE = re.compile(r"(?:(?:de|du|des|d')\s?(?:(?!\b(?:en|au|aux|a)\b)[^,;.]){0,50}? )?(?:a|au|aux) (?:l'|la |le |les )?(?:[a-z]+ ){0,2}?"
                   r"(?:universite|ecole|institut|academie|usine|musee|mosquee|temple|pagode|eglise|cathedrale|port"
                   r"|site|siege|campus|zone|parc|chantier|complexe|memorial|mausolee|hopital|aeroport|marche|ferme)s?\b")
# the words of a journey, a date on which is the visit's
_JOURNEY = re.compile(r"(?:effectu|rend|arriv|entam|conclu|achev|termin|regagn|rentr|quitt|sejour|atterr|debarqu"
                      r"|commenc|debut|poursui|attend|visite|deplacement|voyage|tournee)")
# nouns that set an event within the visit: "au premier jour de", "à l'occasion de", "en marge de la visite"
_FRAME = re.compile(r"(?:jour|occasion|cadre|debut|fin|issue|marge|cours)s?$")
# "reçu mercredi, au deuxième jour d'une visite": the day's rank within the visit (not "second et dernier")
_NTH_DAY = re.compile(r"\bau (second|deuxieme|troisieme|quatrieme|cinquieme) jour (?:de|d'|du)")
_RANK = {"second": 2, "deuxieme": 2, "troisieme": 3, "quatrieme": 4, "cinquieme": 5}
# one day, a month or a year; and a span of days, which is a stay's (the forms :meth:`.DateRules.dates` and
# :meth:`.DateRules.month_year` read)
_SINGLE = re.compile(f"(?:{DAY.pattern}|{MONTH_YEAR.pattern}|{YEAR.pattern})")
_SPAN = re.compile(f"{RANGE.pattern}|{PAIR.pattern}")


# "une tournée ... qui l'a conduit au Kazakhstan, du 5 au 7 août, puis au Kirghizistan": its stops follow
_TOUR = re.compile(r"\btournee\b[^.;]*?\bqui (?:l'|les )(?:a|ont) (?:conduite?s?|menee?s?) ")
# a sentence set at one stop of a tour: "Aux Tonga, première étape du voyage, les 18 et 19 août, ..."
_AT_STOP = re.compile(r"\s*(?:a|au|aux|en) $")

_TYPES = {"d'etat": "state", "officielle": "official", "de travail": "working", "d'amitie": "other",
          "de courtoisie": "other", "privee": "other"}


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
        if self._read_tour(s, f):
            return
        self._stop_dates(s, f)
        found = [x for x in _VISIT.finditer(f) if not self._local_trip(s, f, x)]
        if not found or re.search(r"\bvisites?\s+(?:de|des|du)\s+(?:sites?|usines?|entreprises?)", f):
            return
        # "Cette visite intervient ... : en juillet 2023, X s'était rendu à ...": the later movement;
        # "la dernière visite d'un chef du gouvernement tchèque ..., lorsque X s'était rendu à ...": the named visitor's
        m = next((x for x in found if not re.search(r"\b(?:cette|ce|celle) $", f[max(0, x.start() - 6):x.start()])
                  and not _INDEFINITE.match(f, x.start())), None) or \
            next((x for x in found if not re.search(r"\b(?:cette|ce|celle) $", f[max(0, x.start() - 6):x.start()])),
                 found[0])
        if self._negated(s, m):
            return
        # "il s'agissait de la première visite d'un chef de gouvernement chilien": no one in
        # particular, so not the speaker; the visit under way, if any
        indefinite = bool(_INDEFINITE.match(f, m.start()))
        typed = m if m.group("type") else re.search(r"\bvisite (?P<type>d'etat|officielle|de travail|d'amitie"
                                                    r"|de courtoisie|privee)\b", f)
        vtype = _TYPES.get(typed.group("type") if typed else "", "unspecified")
        invite = re.search(r"\b(?:a l'invitation|accepte l'invitation|sur l'invitation|sur invitation) (?:de|du|des|d')", f)
        people = self.persons(s.start, s.end)
        inviter = None
        if invite:
            after = [p for p in people if p.start >= s.start + invite.end()]
            inviter = self.who(after[0]) if after else None
        host_inv = re.search(r"\b(?:a|ont|avait|avaient) (?:\w+ )?invitee? ", f[:m.end()])
        if host_inv and not inviter:    # "X a invité son homologue à effectuer une visite": the subject invites
            before = [p for p in people if p.end <= s.start + host_inv.start()]
            inviter = self.who(before[-1]) if before else None
        invited = re.search(r"\bqui l'(?:a|avait|ont|avaient) invitee?s?\b", f)
        if invited and not inviter:     # "avec le Premier ministre Narendra Modi, qui l'avait invité"
            before = [p for p in people if p.end <= s.start + invited.start() and self.who(p)]
            inviter = self.who(before[-1]) if before else None
        if invite and not inviter and any(p.homologue and not self.who(p) for p in self.ms.persons
                                          if s.start + invite.end() <= p.start < s.end):
            inviter = "counterpart"     # "à l'invitation de son homologue": known once the guest is
        guests = [self.who(p) for p in people if self.who(p) and self.who(p) != inviter]
        subj = self._subject(s, m)
        if subj and subj in guests:     # "X a annoncé que le Premier ministre Y se rendrait au Vietnam": Y
            guests = [subj] + [g for g in guests if g != subj]
        at = _GUEST_AT.search(f)
        if at:      # "a présidé la cérémonie d'accueil de son homologue X, en visite d'État": X, not the host
            named = [p for p in people if 0 <= p.start - s.start - at.end() <= 1] if at.group(1) else \
                [p for p in people if 0 <= s.start + at.start() - p.end <= 1]
            guests = [self.who(p) for p in named] + [g for g in guests if g not in map(self.who, named)]
        if not guests and inviter and re.search(r"\binvit\w* (?:son|sa) (?:hote|homologue)\b", f):
            cur = self._visit_at(s.start)   # "Lula, qui a invité son hôte à effectuer une visite au Brésil"
            guests = [k for k in (self.principals(cur) or ()) if k != inviter][:1] if cur else []
        possessive = re.search(r"\b(?:son|sa|leur)(?: \w+)? $", f[:m.start()]) or re.match(r"(?:son|sa|leur) ", f[m.start():])
        if not guests and self.last_subject and (re.match(r"\s*(?:il|elle)\b", f) or possessive):
            guests = [self.last_subject]    # "Il s'est rendu ...", "C'est son troisième séjour en Mongolie"
        same = None
        if re.match(r"\s*(?:ce|cette|la|le) (?:deplacement|visite|sejour|voyage)\b", f) and not guests or indefinite or \
                re.search(r"\b(?:cette|ce) $", f[max(0, m.start() - 6):m.start()]) or \
                self._bare(s, f, m) and any(not self.background(v) for v in self.out.of(F.Visit)):
            guests = []                     # "cette visite": one already read (or none at all)
            same = next((v for v in reversed(self.out.of(F.Visit)) if not self.background(v)), None)
            if same:                        # "Ce déplacement, qui a le rang de visite d'État, ..."
                guests = [same.guest]
        if not guests:
            return
        # "X a élevé son homologue ghanéen Y à la dignité de ..., au dernier jour d'une visite au Sénégal":
        # one of the state visited is no guest there
        dest = self._destination(s, s.start + m.start(), None)
        guest = next((g for g in guests if self.state_of(g) != dest), guests[0]) if dest else guests[0]
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
        if _PRIOR.search(f[max(0, m.start() - 20):m.start()]):
            day = self.month_year(f, near=m.start())
            if day:     # "Lors de sa précédente visite, en juillet 2024, M. X avait plaidé ..."
                self._earlier(s, guest, gstate, host, vtype, day)
            return
        f = _EARLIER.sub(lambda e: " " * len(e.group()), self._own_dates(s, f, m))
        if indefinite:      # "la première visite d'un dirigeant ... depuis ..., en juin 2025": what it is, not when
            f = re.sub(r"\w", " ", f)
        start, end = self.dates(f)
        if start is None and end is None:
            begin, last, first = self.weekdays(f, past=not re.search(r"\b(?:doit|devrait|effectuera|se rendra)\b", f))
            if begin and last and begin != last:    # "a conclu mercredi une visite ..., entamée lundi"
                start, end = begin, last
            else:
                start = begin or self._first_day(f, first)
                end = self._visit_end(f, start, (guest, host)) if start else None
                if start and (last or not begin and re.search(r"\b(?:conclu\w*|termine\w*|achev\w*|quitte\w*|dernier jour)\b", f)):
                    start, end = None, start    # "a conclu jeudi sa visite", "mardi, au dernier jour de sa visite"
                elif begin and first != begin and re.search(r"\bdernier jour\b", f):
                    end = first     # "reçue jeudi ..., au second et dernier jour d'une visite ... entamée mercredi"
        if start is None and end:
            start = self._visit_start(f, end, (guest, host))
        if start is None and end is None:
            mo = re.search(rf"\b(?:en|pour|d'ici|a la mi-|debut|fin) ({_MONTH})\b(?! \d)", f)
            if mo and self.ref_year and re.search(r"\bprevue?s?\b|\bprochaine?s?\b|\bannonce|\battendue?s?\b|\beffectuer(?:a|ont)\b"
                                r"|\bse rendr(?:a|ont)\b", f):
                y = self.ref_year + (1 if MONTHS[mo.group(1)] < self.ref_month else 0)
                start = _iso(y, MONTHS[mo.group(1)])
        if start is None and end is None and re.search(r"\bl'(?:an|annee) prochaine?\b", f) and self.ref_year:
            start = str(self.ref_year + 1)      # "l'émir effectuera une visite d'État en Géorgie l'an prochain"
        if start is None and end is None:   # "En octobre 2011, le président ... s'est rendu au Vietnam"
            start = self.month_year(f)
            if not start and self._duration(f):     # "a conclu sa visite de deux jours": the dates may come later
                self.durations[(guest, host)] = self._duration(f)
        elif start == end:
            start = self._first_day(f, start)
            end = self._visit_end(f, start, (guest, host))
        status = "planned" if m.group("expected") or re.search(r"\bvisite\b[^.]{0,80}\bprevue?\b"
                                                                r"|\b(?:rendr|effectuer)ai(?:t|ent)\b"
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
        e = _EARLIER.search(self.folded(s))
        # "C'est son troisième séjour en Mongolie, le précédent datant de 2016": that one is background
        for d in _EARLIER_DAY.finditer(e.group()) if e else ():
            year = d.group(2) or next(iter(re.findall(r"\b(?:19|20)\d\d\b", self.folded(s)[:e.start()])[-1:]), None)
            if year:
                n = _NUMBERED_TYPE.search(self.folded(s))
                self._earlier(s, guest, gstate, host, _TYPES[n.group(1)] if n else "unspecified",
                              _iso(int(year), MONTHS[d.group(1)] if d.group(1) else None))

    def _read_tour(self, s: Sentence, f: str) -> bool:
        """A tour's stops, each dated by what follows it ("au Kazakhstan, du 5 au
        7 août, puis au Kirghizistan, les 8 et 9 août"); coming home ("a regagné
        Wellington vendredi, concluant une tournée") ends the last."""
        t = _TOUR.search(f)
        people = [k for k in map(self.who, self.persons(s.start, s.start + t.start())) if k] if t else []
        guest = people[0] if people else self.last_subject if t else None
        gstate = self.state_of(guest) if guest else None
        if not gstate:
            return False
        stops = []
        for sm in self.ms.states_in(s.start + t.end(), s.end):
            if sm.code != gstate and sm.code not in {x.code for x in stops} \
                    and re.search(r"\b(?:au|aux|en|a) $", f[:sm.start - s.start]):
                stops.append(sm)
        if not stops:
            return False
        ref, start = self.ref_year, None
        for i, sm in enumerate(stops):
            # "du 5 au 7 août 2025, puis au Kirghizistan, les 8 et 9 août": the year of the stop before
            self.ref_year = ref or int(start[:4]) if start else ref
            start, end = self.dates(f[sm.end - s.start:stops[i + 1].start - s.start if i + 1 < len(stops) else len(f)])
            self.ref_year = ref
            if i == len(stops) - 1 and not end:
                end = self.dates(f[:t.start()])[1] or self.weekdays(f[:t.start()])[1]
            self.out.facts.append(F.Visit(guest, gstate, sm.code, "unspecified", start, end, None,
                                          self.modality(s, s.start + t.start()), self.span(s)))
        self.last_subject = guest
        return True

    def _stop_dates(self, s: Sentence, f: str) -> None:
        """The dates of a tour's stop from a sentence set there: "Aux Tonga,
        première étape du voyage, les 18 et 19 août", "À Suva, où il est arrivé
        le 20 août" (an arrival begins the stay, the end is known otherwise)."""
        sm = next(iter(self.ms.states_in(s.start, s.end)), None)
        if sm is None or not _AT_STOP.fullmatch(f[:sm.start - s.start]):
            return
        start, end = self.dates(self._own_dates(s, f, re.compile(r"\S+").search(f, sm.start - s.start)))
        if start and end == start and re.search(r"\barrivee?s?\b", f):
            end = None
        for i, v in enumerate(self.out.facts):
            if isinstance(v, F.Visit) and v.host_state == sm.code and not v.curated and not v.start and start \
                    and v.evidence and _TOUR.search(fold_same_length(v.evidence[0].quote.lower())):
                self.out.facts[i] = replace(v, start=start, end=v.end or end, evidence=v.evidence + self.span(s))

    def _earlier(self, s: Sentence, guest: str, gstate: str, host: str, vtype: str, day: str) -> None:
        """An earlier visit the sentence cites, a background fact of its own."""
        self._upsert(F.Visit(guest, gstate, host, vtype, day, None, None, "happened", self.span(s)),
                     lambda old: (old.guest, old.host_state, old.start) == (guest, host, day))

    def _subject(self, s: Sentence, m: re.Match) -> str | None:
        """The person the parse makes the subject of the visit's verb (of
        "effectuer une visite"); a pronoun in a clause on the place ("À Accra,
        où il a effectué une visite d'État, le chef de l'État allemand ...")
        stands for the main clause's subject."""
        toks = [t for t in s.doc if m.start() <= t.idx < m.end()]
        verb = next((t for t in toks if t.pos_ == "VERB"), None)
        if verb is None:
            noun = next((t for t in toks if t.pos_ == "NOUN"), None)
            verb = noun.head if noun is not None and noun.dep_ == "obj" else None
        if verb is None:
            return None
        subj = next((c for c in verb.children if c.dep_.startswith("nsubj")), None)
        if subj is not None and subj.pos_ == "PRON" and verb.dep_ == "acl:relcl" \
                and any(c.lower_ == "où" for c in verb.children):
            main = verb.head
            while main.pos_ != "VERB" and main.head.i != main.i:
                main = main.head
            subj = next((c for c in main.children if c.dep_.startswith("nsubj")), None)
        if subj is None:
            return None
        return next((self.who(p) for p in self.persons(s.start, s.end) if p.start <= s.start + subj.idx < p.end), None)

    @staticmethod
    def _negated(s: Sentence, m: re.Match) -> bool:
        """A visit the sentence denies: "aucun chef d'État n'avait effectué de visite
        en Espagne depuis 2010", "ne s'est jamais rendu au Chili" (the verb of the
        journey, or of which the visit is the object, has "ne")."""
        t = next((t for t in s.doc if m.start() <= t.idx < m.end() and t.pos_ in {"NOUN", "VERB"}), None)
        if t is None or t.pos_ == "NOUN" and t.dep_.startswith("nsubj"):
            return False
        verb = t if t.pos_ == "VERB" else t.head
        return any(c.lower_ in {"ne", "n'", "n’"} for c in verb.children)

    def _bare(self, s: Sentence, f: str, m: re.Match) -> bool:
        """"la visite" with no one and nowhere of its own in the parse: the
        visit already read ("M. X a estimé que la visite avait ...", "a
        qualifié la visite d'« historique »"), whoever else the sentence names."""
        art = re.search(r"\b(?:la|le|l'|une) $", f[max(0, m.start() - 4):m.start()])
        if not art or re.match(
                r"\s*(?:de |du |des |d['’](?! ?«)|à |au |aux |en |dans |effectu|qu|officielle)", s.text[m.end():].lower()):
            return False
        tok = next((t for t in s.doc if t.idx == m.start()), None)
        if tok is None or tok.pos_ != "NOUN":
            return False
        if art.group().startswith("une") and (tok.head.pos_ != "VERB" or _JOURNEY.match(fold_same_length(tok.head.lemma_))):
            return False    # "a salué une visite « fructueuse »", not "a effectué une visite"
        sub = [t for t in tok.subtree if t.dep_ != "det"]
        lo, hi = s.start + min(t.idx for t in sub), s.start + max(t.idx + len(t) for t in sub)
        return not any(lo <= x.start < hi for x in self.ms.persons + self.ms.states_in(s.start, s.end))

    def _local_trip(self, s: Sentence, f: str, x: re.Match) -> bool:
        """A trip within the host country, not a visit to it: "a visité le port"
        (the participle, not the noun "visite"), "s'est rendu à l'aéroport", "au
        marché" (the place a common noun, where a state or a city is capitalised;
        "dans le royaume" is the host state)."""
        if s.text[x.start():x.start() + 6].lower() == "visité":
            return True
        if x.group().startswith("visite") and _SITE.match(f, x.end()):
            return True     # "la visite du président chilien à l'Université Mohammed VI Polytechnique"
        return bool(re.match(r"se |s'", f[x.start():]) and not re.search(r"\bdans (?:le|la|les|l')$", x.group())
                    and re.match(r"\s*(?:l['’]|la |le |les )?[a-zà-ÿ]", s.text[x.end():]))

    def _own_dates(self, s: Sentence, f: str, m: re.Match) -> str:
        """``f`` with the dates that are not the visit's blanked out: a year
        "depuis 1990" (since when, not when), and a date that the parse attaches
        to another event (its governor, :func:`.dates.governor`, or what follows
        "depuis": "depuis sa réélection en janvier 2021"): "depuis son
        entrée en fonction en 2017", "ont publié le 28 novembre des articles sur
        la visite". A span ("du 3 au 5 juin", "les 8 et 9 juin") is a stay's, kept."""
        trig = next((t for t in s.doc if m.start() <= t.idx < m.end() and t.pos_ in {"NOUN", "VERB"}), None)
        spans = [(r.start(), r.end()) for r in _SPAN.finditer(f)]
        for d in _SINGLE.finditer(f):
            if any(a <= d.start() < b for a, b in spans):
                continue
            since = re.search(r"\bdepuis (?:son|sa|ses|leur|l'|la|le) ?(\w+)[^,;]{0,30}$", f[:d.start()])
            if d.group().startswith("depuis") or since and not _JOURNEY.match(since.group(1)) \
                    or trig is not None and not self._of_visit(
                    s, governor(s.doc, d.start(), d.end()), trig):
                f = f[:d.start()] + " " * len(d.group()) + f[d.end():]
        return f

    def _of_visit(self, s: Sentence, g, trig) -> bool:
        """Whether a date governed by ``g`` dates the visit whose trigger is
        ``trig``: ``g`` is a verb of the journey ("a regagné Santiago le 14
        mai"), the trigger, or governs it through verbs and persons only ("a
        reçu le 4 mai le président X, en visite"; not "des articles sur la visite")."""
        if g is None or g.i == trig.i or _JOURNEY.match(fold_same_length(g.lower_)):
            return True
        inside = covered_by([(p.start - s.start, p.end - s.start) for p in self.ms.persons])
        node = trig
        while node.head.i != node.i:
            node = node.head
            if node.i == g.i:
                return True
            if node.pos_ == "NOUN" and not inside(node.idx) and not _JOURNEY.match(fold_same_length(node.lower_)) \
                    and not _FRAME.match(fold_same_length(node.lower_)):
                return False
        return False

    def _destination(self, s: Sentence, start: int, gstate: str | None) -> str | None:
        """The first state other than the guest's named, from ``start`` on, as
        a place one goes to ("au Kazakhstan", "à Hanoï", "dans la capitale
        hongroise"; not "de la République ...")."""
        f = self.folded(s)
        return next((sm.code for sm in self.ms.states_in(start, s.end) if sm.code != gstate and (
            sm.via in {"name", "capital"} and re.search(r"\b(?:au|en|aux|a) $", f[max(0, sm.start - s.start - 4):sm.start - s.start])
            or sm.via == "demonym" and re.search(r"\b(?:a|dans) la capitale $", f[max(0, sm.start - s.start - 20):sm.start - s.start]))),
            None)

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
        # ("s'est rendue mardi à Santiago" too: the day of the journey there)
        if re.search(rf"\b(?:arrivee?s?|entam\w*|commenc\w*|attendue?s?|depuis {_WEEKDAY}|rendue?s? {_WEEKDAY})\b", f) \
                or _NTH_DAY.search(f):
            return None
        return start

    @staticmethod
    def _first_day(f: str, day: str | None) -> str | None:
        """The first day of a visit of which ``day`` is the n-th ("au deuxième jour d'une visite")."""
        from datetime import date, timedelta

        n = _NTH_DAY.search(f)
        # "au deuxième jour d'une visite entamée le 21 octobre": the day given is the first
        if not n or not day or len(day) != 10 or re.search(r"\b(?:entam|commenc|debut|arriv)\w*", f):
            return day
        return (date.fromisoformat(day) - timedelta(days=_RANK[n.group(1)] - 1)).isoformat()

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
