"""Partnership levels: how the two states' relations are raised, set up and described.

Reads a change of level from a verb of change ("élever", "hisser", "porter",
"établir", "nouer", "mise en place", "sceller", "forger", a joint statement
"sur le partenariat ..."), unless the verb's object is no level word
("établi des fondements pour les relations ..."), and the levels named ("partenariat
stratégique intégral", "amitié et coopération"), with the former level ("de
... au rang de", "jusqu'ici liés par", "étaient liés ... par un") and the
date ("établi en 2013"); planned or happened. Also the priority areas of a
partnership ("axes prioritaires : ...") and how relations are described
("ont salué des relations ...").
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..graph import facts as F
from .common import _MONTH, AFTER_TALKS, MONTHS, ReaderBase, _iso
from .nlp import Sentence

LEVELS = [  # folded phrases, most specific first
    (r"partenariat (?:de cooperation )?strategique (?:integral|global|complet)(?: et (?:integral|global))?",
     "comprehensive_strategic_partnership"),
    (r"partenariat strategique", "strategic_partnership"),
    (r"partenariat (?:integral|global|complet)", "comprehensive_partnership"),
    (r"(?:relations? d')?amitie et (?:de )?cooperation", "friendship_and_cooperation"),
]
_LEVEL_RE = re.compile("|".join(f"(?P<l{i}>{p})" for i, (p, _) in enumerate(LEVELS)))

# What changes a level ("élever", "établir", "hisser"); a partnership also
# comes with no verb of change: « scellent / forgent / consacrent / bâtissent
# leur partenariat stratégique », « ont inscrit leurs relations dans un
# partenariat », « une déclaration conjointe sur / relative au partenariat »
_CHANGE_VERB = re.compile(r"\b(elevation|elever|eleve\w*|rehauss\w*|hiss\w*|porte[rs]?|portee?s?|passage|passer"
                          r"|passent|passera|passeront|devient|deviennent"
                          r"|etablissement|etabli\w*|nou\w+|instaur\w*|mise en place|mettre en place|upgrad\w*"
                          r"|relev\w*|amelior\w*|scell\w*|forg\w*|consacr\w*|batiss\w*|bati[rt]?"
                          r"|inscri(?:t|vent|re|vant)\w* (?:leurs? relations?|leur cooperation) dans"
                          r"|declarations? (?:conjointes?|communes?) (?:(?:portant )?sur (?:le |leur )|relatives? (?:au|a leur) )(?=partenariat))\b")
_ESTABLISH = re.compile(r"etabli|nou|instaur|mise en place|mettre en place|scell|forg|consacr|bati|inscri|declaration")
# What a verb of change changes (its object): « établir un partenariat », not « établir des fondements pour les relations »
_LEVEL_NOUNS = {"partenariat", "relation", "relations", "lien", "liens", "amitié", "coopération", "niveau", "rang"}


class LevelRules(ReaderBase):
    """Changes of partnership level, priority areas, descriptions of relations."""

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
        verb = next((t for t in s.doc if t.idx == trig.start() and t.pos_ in {"VERB", "AUX"}), None)
        objs = {c.lemma_.lower() for c in verb.children if c.dep_ == "obj" and c.pos_ == "NOUN"} if verb is not None else ()
        if objs and not objs & _LEVEL_NOUNS:
            return      # « a établi des fondements solides pour les relations d'amitié et de coopération »
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
        kind = "establishment" if _ESTABLISH.match(trig.group(1)) and not frm else "elevation"
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
        at_end = bool(visit and AFTER_TALKS.search(f))
        ch = F.PartnershipChange(pair, to, frm, kind, date, visit, self.span(s), status=status, after_talks=at_end)
        self._upsert(ch, lambda old: (old.states, old.to_level, old.status) == (pair, to, status),
                     lambda old: {"from_level": old.from_level or frm, "after_talks": old.after_talks or at_end})

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
