"""People and their offices: who is named, what office each holds, and in which state.

Registers each person named ("le président Kassym-Jomart Tokaïev"), reads
tenures from titles and from "son homologue vietnamien" (the counterpart's
office, in the demonym's state), and settles the state of an office named
without one: the side the person's counterpart is not from, or the guest's
for members of a delegation ("qui l'accompagnait", "accompagné de"). The
tenures themselves are written out when the article is finished.
"""
from __future__ import annotations

import re

from ..graph import facts as F
from .common import _MEET, _TALKS, ReaderBase


class PeopleRules(ReaderBase):
    """People, their offices (tenures) and their states."""

    def _register_people(self) -> None:
        # full names first: « le président Ouattara » in a headline is the body's « Alassane Ouattara »
        for p in sorted(self.ms.persons, key=lambda p: len(p.name.split()) < 2 if p.name else True):
            if p.name:
                # "son homologue indonésien Sugiono": a counterpart is titled too
                p.key = self.reg.resolve(p.name, titled=bool(p.role or p.homologue)) or None
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
        stated = dict(self.reg.states)     # the states the text gives, before any is settled here
        for key, rs in list(self.roles.items()):
            state = self.state_of(key)
            # on a tour, the stop where the person is first named
            first = next((p.start for p in self.ms.persons if p.key == key), None)
            stop = self._visit_at(first) if first is not None else None
            sent = next((s for s in self.sents if first is not None and s.start <= first < s.end), None)
            named = {m.code for m in self.ms.states_in(sent.start, sent.end)} if sent else set()
            # « À Accra, où il a effectué une visite d'État, … le président X »: the stop the sentence names
            stop = next((v for v in self.out.of(F.Visit) if stop and v.guest == stop.guest and v.host_state in named
                         and v.status == "happened" and not self.background(v)), stop)
            # a tour's stops are the same guest's; another person's trip read nearby is no stop
            at = stop if stop and (not visit or stop.guest == visit.guest) else visit
            if not state and at and key != at.guest:
                state = self._side_of(key, at, stated)
            if not state:
                continue
            self.reg.states[key] = state
            self.roles[key] = {(r, s or state) for r, s in rs}

    def _side_of(self, key: str, at: F.Visit, stated: dict) -> str:
        """The side of ``at`` an office holder named without a state is on:
        not his counterpart's, when one of the same office is named in the
        sentence with his state given (« le ministre des Affaires étrangères X
        s'est entretenu avec son homologue cambodgien »); the sender's of
        greetings or a message passed on by a person of known state (« X a
        transmis les salutations du président Y », « porteur d'un message du »);
        for the holders of a plural title none of whose states is said (« les
        ministres des Affaires étrangères X et Y »), the guest's then the host's,
        dispatches naming the visiting side first; else the host's."""
        sides = (at.guest_state, at.host_state)
        for p in (p for p in self.ms.persons if p.key == key):
            sent = next((s for s in self.sents if s.start <= p.start < s.end), None)
            if not sent:
                continue
            peers = [q for q in self.persons(sent.start, sent.end) if self.who(q) != key and q.role == p.role and p.role
                     and self._face(*sorted((p, q), key=lambda m: m.start), sent.start)]
            known = {stated.get(self.who(q)) or q.state for q in peers} & set(sides)
            if len(known) == 1:
                return next(c for c in sides if c not in known)
            before = self.ms.folded[sent.start:p.start]
            if re.search(r"\b(?:transmis|transmet|transmettra|remis|remet|porteur|porteuse)\b.*\b(?:salutations|voeux|amities|message|lettre)"
                         r"(?: \w+)? (?:du|de la|de l'|de)\b[^,;.]*$", before):
                sender = next((self.state_of(self.who(q)) for q in self.persons(sent.start, p.start)
                               if self.who(q) and self.state_of(self.who(q)) in sides), None)
                if sender:
                    return sender
            if p.pair:
                return sides[p.pair - 1]
        return at.host_state

    def _face(self, a, b, begin: int) -> bool:
        """Whether mention ``a``, the subject, meets ``b`` (a talks or meeting
        verb between them, none before ``a`` in the sentence): « X s'est
        entretenu avec Y », not « il a reçu X, puis rencontré Y »."""
        f = self.ms.folded

        def verb(i, j):
            return bool(_TALKS.search(f, i, j) or _MEET.search(f, i, j))
        return verb(a.end, b.start) and not verb(begin, a.start)
