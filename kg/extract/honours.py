"""Honours: an order or medal conferred on a person, by whom, and of which class.

Reads a conferral from "a remis", "a décerné", "a décoré", "s'est vu
remettre", "a reçu des mains de", "élevé au grade / à la dignité de" and the honour named
("l'ordre de l'Amitié", "la médaille ...", "le titre honorifique"): the
recipient, the giver (or "son hôte", "son homologue"), the class ("de
première classe") and the state that confers it (the honour's name, the
gazetteer, or the giver's state).
"""
from __future__ import annotations

import re

from ..graph import facts as F
from .common import AFTER_TALKS, ReaderBase
from .nlp import Sentence

ORDINALS = {"premiere": 1, "1re": 1, "1ere": 1, "deuxieme": 2, "seconde": 2, "2e": 2, "troisieme": 3, "3e": 3}
# What confers an honour ("a élevé M. X à la dignité de": the full stop of "M." ends no sentence).
_HONOUR_VERB = re.compile(r"\b(?P<verb>remis|decerne|confere|attribue|decore|remet|remettre|decerner|conferer"
                          r"|attribuer|epingle|eleve(?=e?s?\b(?:\bmm?e?\.|[^.;]){0,120}?\b(?:au grade|au rang|a la dignite|dans l'ordre)\b))e?s?\b|\b(?:a|ont) (?P<verb2>recu)(?= des mains d)")


class HonourRules(ReaderBase):
    """Honours conferred."""

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
            if w[:1].islower() and w not in {"de", "du", "des", "d’", "d'", "la", "le", "national", "nationale", "mérite"} \
                    and not self.gaz.state_by_demonym(w) \
                    and not (at in adjectives and words[j - 1][0][:1].isupper()) \
                    and not re.match(r"(?:de|d)[’']", w) and not re.match(r"l[’']", w):
                keep = j
                break
        name = " ".join(w for w, _ in words[:keep]).rstrip(" ,")
        name = re.sub(r"\s+(?:de|du|des|d[’']|de la)$", "", name)
        # the name keeps the state the text gives (« l'ordre de l'Étoile du Ghana »); its key and
        # the gazetteer's entry go by the name without it
        tail = s.text[o.start("h") + st.start():o.start("h") + st.end()] if st and hstate else None
        bare = name[:-len(tail)] if tail and name.endswith(tail) else name
        # "l'ordre Heydar Aliyev" names no one who takes part
        named = (s.start + o.start("h"), s.start + o.start("h") + len(name))
        people = [p for p in self.persons(s.start, s.end) if not named[0] <= p.start < named[1]]
        giver = recipient = None
        vpos = s.start + m.start()
        verb = m.group("verb") or m.group("verb2")
        if verb == "decore" and re.search(r"\b(?:a|ont) decoree?s?\b", f):
            before = [self.who(p) for p in people if p.start < vpos and self.who(p)]
            after = [self.who(p) for p in people if p.start > vpos and self.who(p)]
            giver, recipient = (before[-1] if before else None), (after[0] if after else None)
            subj = [p for p in people if p.key and p.end <= vpos
                    and re.fullmatch(r"\s*l'(?:a|ont)\s*", f[p.end - s.start:m.start()])]
            if not recipient and subj:      # "le président X l'a décorée": X's guest (a name, not an epithet)
                recipient = self.counterpart(subj[-1].key)
        elif re.search(r"\bs'est vue? $|\b(?:a|ont) ete $", f[:m.start()]) or verb == "recu":
            # "le roi s'est vu remettre par Sergio Mattarella l'ordre ..."
            before = [self.who(p) for p in people if p.start < vpos and self.who(p)]
            par = re.search(r"\bpar\b|\bdes mains d", f[m.end():])
            after = [self.who(p) for p in people if par and p.start >= s.start + m.end() + par.end() and self.who(p)]
            recipient, giver = (before[-1] if before else None), (after[0] if after else None)
            if recipient and not giver and re.search(r"\bpar (?:son|sa) (?:hote|homologue)\b", f[m.end():]):
                giver = self.counterpart(recipient)     # "s'est vu décerner par son hôte l'ordre ..."
        elif verb == "decore" or verb == "eleve" and not re.search(r"\b(?:a|ont|avait|avaient) $", f[:m.start()]):
            # passive: "X, décoré de l'Ordre", "X élevé dans l'ordre ..."
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
        gkey = self.gaz.honour(bare)
        g = self.gaz.honours.get(gkey, {}) if gkey else {}
        base = gkey.split("/", 1)[1] if gkey else _slug(bare)
        hstate = hstate or g.get("state")
        key = f"{hstate or 'XX'}/{base}" + (f"-{hclass}" if hclass else "")
        label_fr = g.get("label_fr", name) + (f", {cls.group(1).replace('premiere', 'première').replace('deuxieme', 'deuxième').replace('troisieme', 'troisième')} classe" if cls else "")
        label_en = (g["label_en"] + (f", {_EN_ORD.get(hclass, str(hclass))} class" if hclass else "")) if g else None
        honour = F.Honour(key, hstate, label_fr, label_en, hclass)
        status = self.modality(s, vpos)
        v = self.visit_for(s)
        visit = v.key if v and status == "happened" else None
        hc = F.HonourConferral(honour, recipient, giver, None, visit, self.span(s), status=status,
                               after_talks=bool(visit and AFTER_TALKS.search(f)))
        # one conferral, reported with and without its class (headline, body)
        self._upsert(hc, lambda old: old.recipient == recipient and _unclassed(old.honour) == _unclassed(honour),
                     lambda old: {"conferred_by": old.conferred_by or giver,
                                  "honour": honour if honour.honour_class and not old.honour.honour_class else old.honour,
                                  "after_talks": old.after_talks or hc.after_talks})


_EN_ORD = {1: "first", 2: "second", 3: "third"}


def _unclassed(h: F.Honour) -> str:
    """An honour's key without its class suffix ("VN/order-x-1" -> "VN/order-x")."""
    c = h.honour_class
    return h.key[:-len(f"-{c}")] if c and h.key.endswith(f"-{c}") else h.key


def _slug(t: str) -> str:
    from ..graph.ids import slug
    return slug(t)
