"""Encounters: talks and meetings between two people.

Reads talks from "s'est entretenu avec", "ont eu des entretiens",
"pourparlers avec", "leur entretien", and meetings from "a rencontré", "a
reçu", "reçoit", "doit rencontrer": who with whom (a subject and its
objects, "les deux dirigeants", "les deux chefs de gouvernement", "son
homologue", "son hôte"), on which day and during which visit, happened or
planned; and what the talks discussed ("ont discuté de", "a informé de").
Verb phrases coordinated without a subject of their own share the first
one's ("X s'est entretenu avec A, a rencontré B ; reçu C"); "son entretien
avec A et ses rencontres avec B" are the sentence's or the guest's; a group
met unnamed ("des responsables chiliens") is no one's meeting.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..graph import facts as F
from .common import _MEET, _TALKS, ReaderBase
from .frames import Frame, frames
from .nlp import Sentence

_PLURAL_ROLES = [(r"chefs de gouvernement|premiers", "head_of_government"), (r"chefs de la|ministres", "foreign_minister"),
                 (r"chefs d'etat|presidents", "head_of_state")]


class EncounterRules(ReaderBase):
    """Talks and meetings."""

    def _read_encounters(self, s: Sentence) -> None:
        f = self.folded(s)
        triggers = sorted([(m.start(), m.end(), "talks") for m in _TALKS.finditer(f)] +
                          [(m.start(), m.end(), "meeting") for m in _MEET.finditer(f)])
        if not triggers:
            self._subject_hint(s)
            return
        people = self.persons(s.start, s.end)
        sentence_frames = frames(s)
        prev_subject, prev_zone = None, (0, 0)
        for i, (ts, te, kind) in enumerate(triggers):
            nxt = triggers[i + 1][0] if i + 1 < len(triggers) else len(f)
            rel_after = re.search(r",\s*(?:a qui|qui|dont|que|ou|avant de|avant d'|tandis qu|alors qu)", f[te:nxt])
            if rel_after:       # "reçu par X, à qui il a remis un message de Y": not Y
                nxt = te + rel_after.start()
            nxt = self._objects_end(s, te, nxt)
            objects = [self.who(p) for p in people if ts <= p.start - s.start < nxt and self.who(p)]
            # "a rencontré des responsables chiliens": no one of either side named or meant
            group = not objects and self._unnamed_group(s, kind, te, nxt)
            # not those inside a relative clause ("X, qui accompagne le chef du
            # gouvernement, s'est entretenu avec Y": X is the subject)
            rel = [(r.start(), r.end()) for r in re.finditer(r", (?:qui|dont|que) [^,]*,", f[:ts])]
            before = [self.who(p) for p in people if p.start - s.start < ts and self.who(p)
                      and not any(a <= p.start - s.start < b for a, b in rel)]
            plural = re.search(r"\b(?:leurs?|les deux (?:dirigeants|presidents|parties|chefs)|ont|se sont)\b",
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
                if pr and not group:
                    self._add_encounter(kind, pr[0], pr[1], status, s, f)
                continue
            if len(set(before)) >= 2 and re.search(r"\bet\b", lead) and not objects and not group:
                a, b = list(dict.fromkeys(before))[-2:]
                self._add_encounter(kind, a, b, self.modality(s, s.start + ts), s, f)
                prev_subject = None
                continue
            if len(set(before)) == 1 and re.search(r"\bet (?:son|sa) (?:hote|homologue|invitee?)\b", lead):
                before.append(self.counterpart(before[0]))     # "le chef de l'État kazakh et son hôte ont ..."
                before = [b for b in before if b]
            if (kind == "talks" and re.match(r"(?:ont|avaient)\b", f[ts:]) or re.match(r"se sont|s'etaient", f[ts:])) \
                    and not re.match(r"[^,.;]{0,40}?\bavec\b", f[te:]):
                objects = []    # "ont mené des pourparlers, ... dont la ministre ...": a plural subject, no object
            if len(set(before)) >= 2 and re.search(r"\bet\b", lead) and not objects and not group:
                a, b = list(dict.fromkeys(before))[-2:]
                self._add_encounter(kind, a, b, self.modality(s, s.start + ts), s, f)
                prev_subject = None
                continue
            # "les négociations entre X et Y", "… menées par X et Y": the pair is inside the noun phrase
            subject = before[-1] if before and not re.search(r"\b(?:entre|par)$", f[ts:te]) else None
            if i and prev_subject and (re.search(r"\bet $|\bavant d(?:e |')$", f[max(0, ts - 9):ts])
                                       or f.startswith("avant d", ts)
                                       or re.search(r"\b(?:il|elle)\s+$", f[max(0, ts - 8):ts])
                                       or self._shares_subject(s, ts, te, prev_zone)):
                subject = prev_subject      # "Il s'est entretenu avec X et a rencontré Y", "..., puis elle a été reçue par Y"
            if re.match(r"(?:entretien|rencontre|negociation|discussion|pourparlers)", f[ts:]) and \
                    re.search(r"\b(?:son|sa|ses)(?: \w+)? $", f[max(0, ts - 20):ts]):
                subject = self._possessor(s, objects)    # "son entretien avec X et ses rencontres avec Y"
            elif f.startswith("reception", ts):
                subject = None      # "la réception de X par Y": the two named
            if subject in objects:
                subject = None
            if subject is None and not before:
                subject = self._epithet(s, ts)      # "Le numéro un lao a également rencontré X"
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
            # the parse names both sides plainly: its pairing over the window's
            fp = self._frame_sides(s, next((fr for fr in sentence_frames
                                            if ts <= s.doc[fr.trigger_index].idx < te), None), people)
            if fp:     # though the parse loses an elided member (« a rencontré A, puis B »): the window's then
                subject, objects, group = fp[0], objects if set(fp[1]) < set(objects) else fp[1], False
            pairs = []
            if group:
                pass
            elif subject and objects:
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
            prev_zone = (te, nxt)

    def _frame_sides(self, s: Sentence, fr: Frame | None, people) -> tuple[str, list[str]] | None:
        """The subject and the other sides of frame ``fr`` when each of its
        participants is one person named in ``people`` (a title alone, «
        le président du parti », is left to the window reading): a subject
        person and at least one person met with, by or as object; else None."""
        def one(span):
            ks = {self.who(p) for p in people if p.start < span[1] and span[0] < p.end}
            if not all(p.key for p in people if p.start < span[1] and span[0] < p.end):
                return None
            return ks.pop() if len(ks) == 1 else None
        if fr is None or len(fr.subject) != 1 or fr.between:
            return None
        subject, others = one(fr.subject[0]), [one(x) for x in fr.with_ + fr.agent + fr.objects]
        if not subject or not others or not all(others) or subject in others:
            return None
        return subject, list(dict.fromkeys(others))

    # what follows a verb's objects: the visit they are on, who invited or looked on
    _AFTER_OBJECTS = re.compile(r",\s*(?:en visite|au (?:\w+ )?(?:jour|terme|cours)\b|a l'occasion|lors d|dans le cadre)"
                                r"|\ba l'invitation d|\ben (?:presence|compagnie) d")

    def _objects_end(self, s: Sentence, te: int, end: int) -> int:
        """Where the objects of the trigger ending at ``te`` stop (at most
        ``end``): before « en visite … à l'invitation de son homologue Y », «
        en présence de Y », and before a verb coordinated after a comma or
        semicolon (« a rencontré A ; reçu B ; et déposé une gerbe au mausolée
        du président Y »): Y is no object of the trigger."""
        m = self._AFTER_OBJECTS.search(self.folded(s), te, end)
        end = m.start() if m else end
        toks = [t for t in s.doc if te <= t.idx < end]
        for k, t in enumerate(toks):
            if t.pos_ != "VERB" or not t.text[:1].islower():     # the tagger takes a name for a verb now and then
                continue
            j = k - 1
            while j >= 0 and (toks[j].lower_ in {"et", "puis", "a", "avait"} or toks[j].pos_ == "ADV"):
                j -= 1
            if j >= 0 and toks[j].text in {",", ";"}:
                return toks[j].idx
        return end

    def _epithet(self, s: Sentence, ts: int) -> str | None:
        """The protagonist an unnamed subject stands for when it is a noun
        and a demonym just before the verb (« le numéro un lao », « la
        dirigeante chilienne »): that state's side of the sentence's visit."""
        f = self.folded(s)
        dem = [m for m in self.ms.states_in(s.start, s.start + ts) if m.via == "demonym"]
        if not dem or not re.fullmatch(r"(?:[\w' -]*[,:] )?(?:le|la) [\w' -]{2,25}", f[:dem[-1].start - s.start].strip()) \
                or not re.fullmatch(r"\s*", f[dem[-1].end - s.start:ts]):
            return None
        pr = self.principals(self.visit_for(s))
        return next((k for k in pr or () if self.state_of(k) == dem[-1].code), None)

    def _shares_subject(self, s: Sentence, ts: int, te: int, prev_zone: tuple[int, int]) -> bool:
        """Whether the verb of the trigger at ``[ts, te)`` has no subject of
        its own and is coordinated with an earlier verb, whose subject it
        shares: « X s'est entretenu avec A, a rencontré B ; reçu C ». A word in
        ``prev_zone``, the earlier verb's objects, is none of its subject."""
        f = self.folded(s)
        # « des entretiens avec A, une rencontre avec B et des discussions avec C »: one list of nouns
        if re.match(r"(?:entretien|rencontre|discussion|negociation|pourparlers)", f[ts:]) and \
                re.search(r"(?:[,;]\s*(?:et\s+)?|\set\s+)(?:des|une?|de nouvelles|de nouveaux|d'autres)\s+$", f[:ts]):
            return True
        verb = next((t for t in s.doc if ts <= t.idx < te and t.pos_ == "VERB"), None)
        # « s’est entretenu »: the parser takes the reflexive clitic for a subject now and then
        if verb is None or any(c.dep_.startswith("nsubj") and c.i < verb.i and c.lower_ not in {"s'", "s’", "se"}
                               and not prev_zone[0] <= c.idx < prev_zone[1] for c in verb.children):
            return False
        # the parser often takes a verb after a semicolon for a new clause: the punctuation says it is not
        return verb.dep_ in {"conj", "advcl"} and verb.head.i < verb.i \
            or bool(re.search(r"[,;]\s*(?:et\s+|puis\s+)?(?:(?:a|avait)\s+)?(?:\w+ment\s+|aussi\s+|ensuite\s+)?$", f[:ts]))

    def _unnamed_group(self, s: Sentence, kind: str, te: int, end: int) -> bool:
        """Whether the trigger ending at ``te`` has for object a group named
        by an indefinite determiner (« des responsables chiliens », « de hauts
        responsables », « plusieurs dirigeants ») rather than a person."""
        words = [t for t in s.doc if te <= t.idx < end and t.pos_ not in {"ADV", "PUNCT"}]
        with_ = bool(words) and words[0].lower_ == "avec"
        first = words[1] if with_ and len(words) > 1 else words[0] if words else None
        # one talks *with* a group; « se sont entretenus des investissements » is what they talked of
        if first is None or kind == "talks" and not with_ or first.pos_ != "DET" or first.lemma_.lower() not in {
                "un", "de", "plusieurs", "quelque", "quelques", "certain", "certains"}:
            return False
        return not any(p.start <= s.start + first.head.idx < p.end for p in self.ms.persons)

    def _possessor(self, s: Sentence, objects: list[str]) -> str | None:
        """Whose « son entretien », « ses rencontres »: the person the
        sentence's main verb has for subject, else the article's subject
        leader (the guest of the sentence's visit, else the last subject)."""
        root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
        subj = next((c for c in root.children if c.dep_.startswith("nsubj")), None) if root is not None else None
        if subj is not None:
            at = s.start + subj.idx
            who = next((self.who(p) for p in self.ms.persons if p.start <= at < p.end and self.who(p)), None)
            if who and who not in objects:
                return who
        v = self.visit_for(s)
        return v.guest if v and v.guest not in objects else self.last_subject

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

    def _index(self, s: Sentence) -> int:
        return next(i for i, x in enumerate(self.sents) if x.start == s.start)

    def _add_encounter(self, kind: str, a: str, b: str, status: str, s: Sentence, f: str) -> None:
        if a == b:      # an epithet for the guest taken for his host: no one meets himself
            return
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

    # -- what the talks discussed ------------------------------------------
    _DISCUSS = re.compile(r"\b(?:ont|a|avaient|avait) (?:\w+ ){0,2}?(?:discute|debattu|evoque|aborde|passe en revue"
                          r"|fait le point sur|echange (?:leurs |des )?(?:vues|points de vue|opinions) sur"
                          r"|informe (?:(?:la partie|son homologue|ses homologues|les dirigeants)(?: \w+)? )?(?=de |des |du |sur ))"
                          r"\s*(?:de |des |du |d'|sur )?")

    def _read_discussed(self, s: Sentence) -> None:
        """« Les deux parties ont discuté de la situation internationale et
        régionale », « La partie vietnamienne a informé des développements
        récents de la situation en Mer Orientale »: what was discussed, in the
        text's words, for the talks of the sentence's visit
        (:meth:`_attach_discussions`)."""
        f = self.folded(s)
        m = self._DISCUSS.search(f)
        if not m:
            return
        rest, rest_f = s.text[m.end():], f[m.end():]
        cut = re.search(r"[.;:]|\b(?:afin|et ont|et se sont|ainsi que de leurs?)\b|,\s*(?:notamment|a|ont|qui)\b", rest_f)
        if cut:
            rest, rest_f = rest[:cut.start()], rest_f[:cut.start()]
        items, pos = [], 0
        for sep in re.finditer(r",\s*(?:et\s+)?|\s+et\s+(?=(?:de |du |des |d'|sur ))", rest_f):
            items.append(rest[pos:sep.start()])
            pos = sep.end()
        items.append(rest[pos:])
        items = [re.sub(r"^(?:de la |de l['’]|du |des |de |d['’]|sur (?:la |le |les |l['’])?|la |le |les |l['’])", "",
                        t.strip(), flags=re.I).strip(" ,") for t in items]
        items = [t for t in items if len(t) > 2]
        if items:
            self.discussions.append((s, tuple(items)))

    def _attach_discussions(self) -> None:
        """Each discussion to the one set of talks (that took place) of its
        sentence's visit, or of the article when it reports no visit: the
        sentence joins the talks' evidence."""
        for s, items in self.discussions:
            v = self.visit_for(s)
            key = v.key if v else None
            idx = [i for i, e in enumerate(self.out.facts) if isinstance(e, F.Encounter) and e.kind == "talks"
                   and e.status == "happened" and e.visit == key]
            if len(idx) != 1:
                continue
            old = self.out.facts[idx[0]]
            new = tuple(t for t in items if t not in old.discussed)
            ev = old.evidence if self.span(s)[0] in old.evidence else old.evidence + self.span(s)
            self.out.facts[idx[0]] = replace(old, discussed=old.discussed + new, evidence=ev)
