"""Mentions: states, places, organisations, offices and people in an article.

Matching runs on a *folded* copy of the text (accents stripped, lower case,
straight apostrophes) that has exactly the original's length, so every match
is also an offset into the original text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..graph.ids import slug
from .gazetteer import Gazetteer, norm

ROLE_TITLES: list[tuple[str, str]] = [
    # longest and most specific first; folded, lower-case
    ("vice-premier ministre|vice-premiere ministre|vice premier ministre|vice-premier-ministre"
     # « vice-président du Conseil (des ministres) / du Cabinet des ministres »: the head of government's deputy
     "|vice-presidente? du (?:conseil|cabinet) des ministres|vice-presidente? du conseil(?=\\s*(?:,|et\\b|\\())",
     "deputy_prime_minister"),
    ("premier ministre|premiere ministre|chef du gouvernement|cheffe du gouvernement|chanceliere?"
     "|presidente? du gouvernement(?! (?:regional|autonome|provincial|local))"     # Spain's head of government
     "|presidente? du conseil des ministres|presidente? du conseil(?! de la (?:federation|nation|choura|shura))(?! d'administration| consultatif)"
     "|presidente? du cabinet des ministres|chef du cabinet des ministres"
     "|pm",     # « le PM malaisien Anwar Ibrahim »: the press's abbreviation
     "head_of_government"),
    # the press's other names for the post: « SG », « leader », « numéro un », « premier secrétaire »;
    # the party's own name may follow, then its state (« du Parti communiste du Vietnam »)
    ("(?:secretaire generale?|sg|leader|cheff?e?|dirigeante?|numero un|premiere? secretaire"
     "|presidente?)"   # a party's chair leads the party, not the state
     "(?: du comite central)? du parti(?: communiste| revolutionnaire populaire| populaire revolutionnaire)?"
     "|secretaire generale?",
     "party_general_secretary"),
    ("president de l'assemblee nationale|presidente de l'assemblee nationale|president du senat"
     "|presidente? de la chambre des (?:representants|conseillers|deputes|communes|lords)|presidente? de la chambre (?:haute|basse)"
     "|presidente? de l'assemblee (?:populaire nationale|federale|legislative)|presidente? du conseil de la (?:federation|nation)"
     "|presidente? du parlement|presidente? du majlis|presidente? de la diete"
     # « le maréchal de la Diète » (Poland's Sejm), « le président du Conseil de la Choura »
     "|marechale? (?:de la diete|du sejm|du senat)|presidente? du conseil (?:de la choura|de la shura|consultatif)"
     "|presidente? du comite permanent de l'assemblee populaire nationale|presidente? du milli (?:medjlis|majlis)"
     "|presidente du senat|president de la douma d'etat|president de la douma|president du mazhilis"
     "|president du majilis|president du parlement|presidente du parlement|president de la chambre des deputes"
     "|presidente? du congres(?: des deputes)?|presidente? (?:du |de la |de l')(?:grand khoural(?: d'etat)?|khoural|sejm|bundestag|knesset"
     "|riksdag|storting|folketing|eduskunta|jogorku kenesh|oliy majlis|verkhovna rada|rada|saeima|seimas|riigikogu"
     "|assemblee de la republique|grande assemblee nationale(?: de turquie)?)", "legislature_chair"),
    ("ministre des affaires etrangeres|ministre des affaires exterieures|ministre des relations exterieures"
     "|cheffe de la diplomatie|chef de la diplomatie",
     "foreign_minister"),
    ("vice-presidente|vice-president", "vice_president"),
    ("ambassadeur|ambassadrice", "ambassador"),
    ("chef de l'etat|cheffe de l'etat|presidente|president"
     "|roi|reine|emir|sultan|empereur|imperatrice|souverain|monarque", "head_of_state"),
]
_FOREIGN = r"(?:affaires etrangeres|affaires exterieures|relations exterieures|ae\b)"     # « ministre des AE »
_TITLE_RE = re.compile(r"\b(?:" + "|".join(f"(?P<r{i}>{alts})" for i, (alts, _) in enumerate(ROLE_TITLES)) + r")\b")

# A dead leader honoured: "au mausolée du président X", "hommage au défunt président X"
_MEMORIAL = re.compile(r"(?:\b(?:defunte?|feue?|regrettee?)|\b(?:mausolee|tombe|tombeau|memorial|monument|statue|musee|maison)"
                       r" (?:du|de la|de l'|au|a la|a l')|\b(?:hommage|memoire) (?:au|a la|a l'|du|de la|de l'))\s*$"
                       # a place named after a ruler: « la Grande Mosquée Sultan Qaboos », « l'université Roi-Fahd »
                       r"|\b(?:mosquee|universite|ecole|lycee|hopital|aeroport|stade|pont|avenue|boulevard|rue|place|fondation"
                       r"|prix|barrage|parc|complexe|centre|institut|academie|bibliotheque) $")
# A queen or empress beside a king or emperor is his consort
_CONSORT = re.compile(r"reine|imperatrice")
_MONARCH = re.compile(r"\b(?:roi|empereur)\b")
# a party's acronym after its name, in the text or its folded copy: « du Parti communiste (PCC) et président … »
_ACRONYM = r"(?:[ \u00a0]*\([^()\s]{2,10}\))?"
# The name of a party after its title, in lower case, with its acronym:
# "du Parti du peuple cambodgien (PPC)", "du Parti révolutionnaire"
_PARTY_NAME = re.compile(r"(?:[ \u00a0]+(?!(?:a|est|et|qui|que|ont|sont|en|le|la|les)\b)(?:du |de la |des |d')?"
                         r"[a-zà-ÿ'-]+){1,4}?" + _ACRONYM + r"(?=[ \u00a0]*[(,]|[ \u00a0]+[A-Z]|[ \u00a0]+et\s)")

# A personal name: capitalised words (hyphenated, any script's letters).
# Capitals of the Latin script beyond Latin-1 ("Țoiu", "Łukasz", "Đặng", "Şahin").
_UPPER = "A-ZÀ-ÖØ-Þ" + "".join(c for c in map(chr, [*range(0x100, 0x250), *range(0x1E00, 0x1F00)]) if c.isupper())
# "Kassym - Jomart Tokaïev": a hyphen set off by spaces, before a given name's second half and a surname
_NAME_WORD = (rf"[{_UPPER}][^\W\d_]*(?:(?:[-’']|[ \u00a0]-[ \u00a0](?=[{_UPPER}][a-zà-ÿ]+[ \u00a0]+[{_UPPER}]))"
              rf"[{_UPPER}a-zà-ÿ][^\W\d_]*)*")
# Central Asian patronymics, written in lower case after the surname: « Nurlanbek Turgunbek uulu »
_PATRONYMICS = {"uulu", "kyzy", "ogly", "oglu", "qizi"}
# a short syllable before the hyphen (« Jae - », « Min - »): a lookbehind needs a fixed width
_SHORT_BEFORE = "|".join(rf"(?<=[ \u00a0][{_UPPER}][a-z]{{{n}}}[ \u00a0]-[ \u00a0])" for n in (1, 2, 3))
_NAME_RE = re.compile(rf"{_NAME_WORD}(?:[ \u00a0]+(?:(?:da|das|de(?: la)?|do|dos|e|van|von|der|bin|ibn|ben|bint|bent)[ \u00a0]+|(?:al|el)-)?(?!(?:Jr|Sr)\b){_NAME_WORD}){{0,4}}"
                      # « Netumbo Nandi - Ndaitwah »: a surname's spaced hyphen, at the name's end
                      # and a Korean given name's, its second half in lower case: « Lee Jae - myung »
                      rf"(?:[ \u00a0]-[ \u00a0](?:[{_UPPER}]|(?:{_SHORT_BEFORE})"
                      rf"(?!(?:le|la|les|qui|que|et|en|un|une|dont|il|elle|ils|au|aux|du|des|de)\b))[a-zà-ÿ]+(?![-\w]))?"
                      rf"(?:[ \u00a0]+(?:Jr\.|Sr\.|Jr\b|Sr\b|(?:{'|'.join(_PATRONYMICS)})\b))?")
# Words that end or cannot start a personal name. Title words are compared
# folded; function words by their exact lower-case form, so that the
# Vietnamese surname "Lê" is not the article "le".
_TITLE_WORDS = {"photo", "president", "presidente", "premier", "ministre", "secretaire", "general", "parti",
                "assemblee", "nationale", "senat", "etat", "republique", "vice", "ordre", "medaille", "union",
                "comite", "conseil", "plan", "accord", "pm", "sg", "leader"}
_FUNCTION_WORDS = {"le", "la", "les", "l", "un", "une", "et", "a", "à", "selon", "dans", "lors", "durant",
                   "il", "elle", "ils", "elles", "m", "mme", "après", "avant", "depuis", "pendant", "pour",
                   "avec", "sans", "chez", "vers", "outre", "hier", "ensuite", "puis", "mais", "ainsi", "enfin",
                   "par", "sur", "sous", "entre", "contre", "malgré", "au", "aux", "du", "des", "de", "en",
                   "ce", "cet", "cette", "ces", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
                   "dimanche", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                   "septembre", "octobre", "novembre", "décembre"}


# capitalised particles that a name may hold between two of its words
_PARTICLES = {"De", "Van", "Von", "Der", "Den", "Da", "Di", "Del", "Della", "Du", "Dos", "Das", "La", "Le"}   # « Ignazio La Russa »


def _not_name_word(w: str) -> bool:
    return w.lower() in _FUNCTION_WORDS or norm(w) in _TITLE_WORDS


class _FoldTable(dict):
    """``str.translate`` table folding one character to one, filled as
    characters are met (a character's fold never changes)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in "’‘`´":
            folded = "'"
        else:
            base = unicodedata.normalize("NFKD", ch)[:1]
            folded = (base if base.isascii() else ch).lower()[:1] or ch
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold_same_length(text: str) -> str:
    """Lower-case, accent-free text of exactly ``len(text)`` characters.

    >>> fold_same_length("Hanoï, l’Élysée")
    "hanoi, l'elysee"
    """
    return text.translate(_FOLD)


def _proper(text: str, m: re.Match) -> bool:
    return any(ch.isupper() for ch in text[m.start():m.end()])


def _alternation(names) -> str:
    keys = sorted({norm(n) for n in names}, key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)


@dataclass
class StateMention:
    start: int
    end: int
    code: str
    via: str            # "name", "demonym", "capital"
    city: dict | None = None


@dataclass
class PersonMention:
    start: int
    end: int
    name: str | None    # the written name, if any
    role: str | None
    state: str | None
    homologue: bool = False
    pair: int = 0                   # 1 or 2: first or second of a plural title's holders, no state said
    ref: bool = False               # "le dirigeant vietnamien": the state's protagonist
    key: str | None = None          # resolved person key
    name_start: int | None = None


def covered_by(intervals):
    """A test of whether a position lies in one of the ``[start, end)``
    intervals, by bisection: scanning every interval for every word made
    extraction quadratic in the article's length.

    >>> inside = covered_by([(10, 20), (12, 14), (30, 31)])
    >>> [x for x in (9, 10, 15, 19, 20, 30, 31) if inside(x)]
    [10, 15, 19, 30]
    """
    import bisect

    pairs = sorted(intervals)
    starts, reach, r = [s for s, _ in pairs], [], -1
    for _, e in pairs:
        r = max(r, e)
        reach.append(r)

    def covered(x: int) -> bool:
        i = bisect.bisect_right(starts, x) - 1
        return i >= 0 and reach[i] > x
    return covered


@dataclass
class Mentions:
    folded: str
    states: list[StateMention] = field(default_factory=list)
    orgs: list[tuple[int, int, str]] = field(default_factory=list)
    persons: list[PersonMention] = field(default_factory=list)

    def states_in(self, start: int, end: int) -> list[StateMention]:
        return [m for m in self.states if start <= m.start and m.end <= end]

    def orgs_in(self, start: int, end: int) -> list[str]:
        return [k for s, e, k in self.orgs if start <= s and e <= end]


class MentionFinder:
    """Finds mentions with the gazetteer's names and the office titles."""

    def __init__(self, gaz: Gazetteer | None = None):
        self.gaz = gaz or Gazetteer.load()
        g = self.gaz
        self.state_re = re.compile(rf"\b(?:{_alternation(g.state_names)})\b")
        self.demonym_re = re.compile(rf"\b(?:{_alternation(g.demonyms)})\b")
        self.capital_re = re.compile(rf"\b(?:{_alternation(g.capitals)})\b")
        self.org_re = re.compile(rf"\b(?:{_alternation(g.organization_names)})\b")
        state_alt = _alternation(g.state_names)
        dem_alt = _alternation(g.demonyms)
        # Titles may carry the demonym inside ("le ministre hongrois des Affaires
        # étrangères") and an extension ("... et du Commerce extérieur").
        self.title_re = re.compile(
            rf"\bministre(?: (?P<dmin>{dem_alt}))? (?:(?:de l'|de la |du |des )[a-z' -]{{3,40}}? et )?des {_FOREIGN}"
            rf"(?: et (?:du|de la|des|de l') (?:commerce exterieur|cooperation(?: internationale)?|affaires europeennes"
            rf"|integration africaine|(?:marocains|senegalais) de l'exterieur|[a-z]+ residant a l'etranger))?\b"
            rf"|" + _TITLE_RE.pattern[2:])
        # What may follow a title to name the state: "du Kazakhstan", "kazakh",
        # "de la République de Corée", "du Parti communiste du Vietnam".
        self.spec_re = re.compile(
            rf"\s+(?:(?:du|de la|de l'|des|d'|de)\s*(?P<sn>{state_alt})\b|(?P<dm>{dem_alt})\b"
            rf"|de la republique(?:\s+(?:democratique|populaire|federale|socialiste|islamique|arabe))*"   # « … démocratique populaire lao »
            rf"(?:\s+(?:du|de la|de l'|d'|de)\s*(?P<sn2>{state_alt})\b|\s+(?P<dm2>{dem_alt})\b)?)")

    def find(self, text: str) -> Mentions:
        f = fold_same_length(text)
        ms = Mentions(folded=f)
        g = self.gaz
        # Names and capitals are proper nouns: a span with no capital letter is
        # a common word ("l'équateur", "un roseau"), not the state.
        for m in self.state_re.finditer(f):
            if _proper(text, m):
                ms.states.append(StateMention(m.start(), m.end(), g.state_by_name(m.group()), "name"))
        for m in self.demonym_re.finditer(f):
            ms.states.append(StateMention(m.start(), m.end(), g.state_by_demonym(m.group()), "demonym"))
        for m in self.capital_re.finditer(f):
            if _proper(text, m):
                code, city = g.capital(m.group())
                ms.states.append(StateMention(m.start(), m.end(), code, "capital", city))
        self._misspelt_states(text, f, ms)
        ms.states.sort(key=lambda s: s.start)
        for m in self.org_re.finditer(f):
            if text[m.start()].isupper():
                ms.orgs.append((m.start(), m.end(), g.organization_names[norm(m.group())]))
        self._titles(text, f, ms)
        self._plural_titles(text, f, ms)
        self._other_ministers(text, f, ms)
        self._homologues(text, f, ms)
        ms.persons.sort(key=lambda p: p.start)
        return ms

    def _misspelt_states(self, text: str, f: str, ms: Mentions) -> None:
        """A capitalised word one typo away (a letter dropped, added, changed
        or two swapped) from a long single-word state name is that state:
        "Kazahkstan", "Ouzbékisatn". Short names are left alone: too many
        words are one letter from "Mali" or "Iran"."""
        taken = covered_by((m.start, m.end) for m in ms.states)
        names = self.gaz.state_names
        for m in re.finditer(r"\b[A-ZÀ-Ý][a-zà-ÿ]{6,}\b", text):
            if taken(m.start()):
                continue
            w = f[m.start():m.end()]
            if w in names or self.gaz.state_by_demonym(w):
                continue
            hits = self._typo_of(w)
            if len(hits) == 1:
                ms.states.append(StateMention(m.start(), m.end(), next(iter(hits)), "name"))

    def _typo_of(self, w: str) -> frozenset:
        """The states whose long one-word name is one typo from ``w`` (memoised:
        the same words come back article after article)."""
        memo = self.__dict__.setdefault("_typos", {})
        if w not in memo:
            if "_long_names" not in self.__dict__:
                by_initial: dict = {}
                for n, c in self.gaz.state_names.items():
                    if " " not in n and len(n) >= 7:
                        by_initial.setdefault(n[0], []).append((n, c))
                self._long_names = by_initial
            memo[w] = frozenset(c for n, c in self._long_names.get(w[0], ())
                                if abs(len(n) - len(w)) <= 1 and _one_typo(w, n))
        return memo[w]

    # -- offices ---------------------------------------------------------
    def _titles(self, text: str, f: str, ms: Mentions) -> None:
        taken: list[tuple[int, int]] = []
        reach = -1      # matches come in order: a position is taken when an earlier match reaches past it
        for m in self.title_re.finditer(f):
            if taken and taken[-1][1] > reach:
                reach = taken[-1][1]
            if m.start() < reach:
                continue
            if re.match(r"\s+(?:d'une?|de l'entreprise|du groupe|de la societe|de la compagnie|du conseil d'administration"
                        r"|de la banque|de la federation|de l'association|de l'universite|du club|de la chambre de commerce)\b",
                        f[m.end():]) or re.search(r"\b(?:ancien|ancienne|ex-|futur|future)\s*$|(?:\bun|\bune|\bd'un|\bd'une|\bdes|\bde) $",
                                         f[max(0, m.start() - 10):m.start()]) or _MEMORIAL.search(f, max(0, m.start() - 40), m.start()):
                continue    # a company's president, a former or any minister, a dead leader: not a state office held now
            if _CONSORT.fullmatch(m.group()) and _MONARCH.search(f):
                continue    # "le roi Felipe VI et la reine Letizia": the king's wife holds no office
            if m.group().startswith("ministre") and re.search(_FOREIGN, m.group()):
                role = "foreign_minister"
            else:
                role = next(ROLE_TITLES[int(k[1:])][1] for k, v in m.groupdict().items() if v and k != "dmin")
            if f[max(0, m.start() - 5):m.start()] in ("vice-", "vice "):
                role = "other"      # « le vice-ministre des Affaires étrangères X » is not the minister
            end = m.end()
            if role == "vice_president" and not self.spec_re.match(f, end) and re.match(
                    r"\s+(?:du |de la |de l'|des )(?!republique)", f[end:]):
                role = "other"      # « le vice-président de l'Assemblée nationale »: a body's deputy chair, not the state's
            state = self.gaz.state_by_demonym(m.group("dmin")) if m.group("dmin") else None
            # "président du Parti communiste du Vietnam": spec may follow a party/assembly name
            spec = self.spec_re.match(f, end)
            if spec and not state:
                sn, dm = spec.group("sn") or spec.group("sn2"), spec.group("dm") or spec.group("dm2")
                state = self.gaz.state_by_name(sn) if sn else (self.gaz.state_by_demonym(dm) if dm else None)
                end = spec.end()
            # "le président fédéral Frank-Walter Steinmeier", "la présidente par intérim"
            qual = re.match(r"\s+(?:federale?|par interim|en exercice|sortante?|nouvellement elue?|elue?)\b", f[end:])
            if qual:
                end += qual.end()
                spec = None if state else self.spec_re.match(f, end)     # « le président fédéral allemand X »
                if spec and (spec.group("dm") or spec.group("sn")):
                    state = self.gaz.state_by_demonym(spec.group("dm")) if spec.group("dm") else self.gaz.state_by_name(spec.group("sn"))
                    end = spec.end()
            at = re.match(rf"\s+(?:au|en|aux|a)\s+(?:{self.state_re.pattern[5:-3]})\b", f[end:])
            if at and role == "ambassador":
                end += at.end()
            name, name_start, name_end = self._name_after(text, end)
            party = _PARTY_NAME.match(text, end) if name is None and re.search(r"\bparti\b", m.group()) else None
            if party:   # "le président du Parti du peuple cambodgien (PPC) Hun Sen"
                name, name_start, name_end = self._name_after(text, party.end())
                end = party.end() if name or re.match(r"\s+et\s", f[party.end():]) else end
                dm = None if state else self.demonym_re.search(f, party.start(), party.end())
                state = self.gaz.state_by_demonym(dm.group()) if dm else state
            if name and (re.search(r"\bselon (?:le |la |l')?$", f[max(0, m.start() - 12):m.start()])
                         and f[end:end + 1] == "," or self._other_state(name, state)):
                # "Selon le chef de la diplomatie ouzbèke, Erdogan doit ...": the
                # name after the comma is the main clause's subject, not the title's
                name = name_start = name_end = None
            if name is None:
                # a long title: "ministre des Affaires étrangères, de la Coopération africaine et ..., Name"
                # and « vice-Premier ministre chargé des affaires de défense, Name »
                ext = re.match(r"(?:,?\s+(?:et\s+)?(?:chargee?s? (?:de la|du|des|de l'|d'|de)|de la|du|des|de l'|d')"
                               r"\s*[^,.;]{2,90}?){1,3}?(?=,\s)", f[end:])
                if ext:
                    n2 = self._name_after(text, end + ext.end())
                    if n2[0]:
                        name, name_start, name_end = n2
                        # « TITLE1 du Comité central … (PPRL) et TITLE2 du Laos, Name »: TITLE2 is read on its own
                        both = re.search(rf"{_ACRONYM}\s+et\s+(?:de\s+|du\s+)?(?={_TITLE_RE.pattern})", f[end:end + ext.end()])
                        end = end + (both.start() if both else ext.end())
            if name is None:
                # "Le président du Majilis, la chambre basse du Parlement kazakh, Erlan Kochanov"
                # and « le Premier ministre hongrois, également président du Fidesz, Viktor Orbán »
                app = re.match(r",\s+(?:(?:la|le|l'|une?)\s|egalement\s)[^,;.]{3,80}?,", f[end:])
                n2 = self._name_after(text, end + app.end()) if app else (None,)
                if n2[0]:
                    if not state:
                        dm = self.demonym_re.search(f, end, end + app.end())
                        state = self.gaz.state_by_demonym(dm.group()) if dm else None
                    end = end + app.end()
                    name, name_start, name_end = n2
            if name is None:
                # "TITLE et TITLE Name": the first title belongs to the name after the second
                co = re.match(rf"{_ACRONYM}\s+et\s+(?:de\s+|du\s+)?", f[end:])
                nxt = _TITLE_RE.match(f, end + co.end()) if co else None
                if nxt and not _CONSORT.fullmatch(nxt.group()):    # "l'empereur et l'impératrice Keiko": hers
                    spec2 = self.spec_re.match(f, nxt.end())
                    e2 = spec2.end() if spec2 else nxt.end()
                    party2 = _PARTY_NAME.match(text, e2) if re.search(r"\bparti\b", nxt.group()) else None
                    e2 = party2.end() if party2 else e2     # « président du Sénat et président du Parti du peuple … (PPC), X »
                    name, name_start, name_end = self._name_after(text, e2)
                    if name:
                        end = e2
                        ms.persons.append(PersonMention(m.start(), name_end, name, role, state,
                                                        name_start=name_start))
                        continue
            prev = ms.persons[-1] if ms.persons else None
            if name is None and prev and prev.name and re.fullmatch(
                    rf"(?:\s+(?:du|de la|de l'|des|d')[^,;.()]{{0,80}}?)?{_ACRONYM}\s+et\s+(?:de\s+)?", f[prev.end:m.start()]):
                # "Name, TITLE1 ... et TITLE2 ...": one person, two offices (TITLE1 may
                # run on: « secrétaire général du Comité central du Parti … (PPRL) et président … »)
                ms.persons.append(PersonMention(m.start(), end, prev.name, role, state, name_start=prev.name_start))
                taken.append((m.start(), end))
                continue
            if name is None:
                name, name_start = self._name_before(text, m.start())
                if name and not re.search(r"\begalement\s+$", f[:m.start()]) and any(
                        p.name_start is not None and p.name_start <= name_start < p.end for p in ms.persons):
                    # "par le président indonésien X, le chef de l'État brésilien a ...": X is taken
                    # (but « X, également président … » is X's second office)
                    name = name_start = None
                start = name_start if name else m.start()
                if name:
                    name_end = name_start + len(name)
            else:
                start = m.start()
                end = name_end
            pm = PersonMention(start, max(end, name_end or end) if name else end, name, role, state,
                               name_start=name_start)
            ms.persons.append(pm)
            taken.append((m.start(), end))

    def _name_after(self, text: str, pos: int):
        # an honorific between title and name: "le président émirien, cheikh Mohammed ..."
        # and the party's acronym: "secrétaire général du Parti communiste (PCC) Xi Jinping"
        m = re.compile(_ACRONYM + r"[ \u00a0]*,?[ \u00a0]*"
                       r"(?:(?:[Cc]heikh|[Cc]heikha|[Ss]heikh|[Pp]rince|[Pp]rincesse|M\.|Mme|Dr"
                       # Khmer and Malay honorifics: « Samdech Moha Borvor Thipadei Hun Manet », « Datuk Seri … »
                       r"|Samdech|Moha|Borvor|Thipadei|Techo|Akka|Sena|Padei|Tan Sri|Datuk|Dato'?|Seri)[ \u00a0]+)*"
                       ).match(text, pos)
        p = m.end()
        nm = _NAME_RE.match(text, p)
        if not nm:
            return None, None, None
        # Cut at the first word that is not part of a name (a title, a state...).
        end = None
        after_de = False
        for w in re.finditer(r"[^ \u00a0]+", nm.group()):
            if w.group() == "de" and w.start() or w.group() == "la" and after_de:
                after_de = True     # "Marcelo Rebelo de Sousa", "Juan Ramón de la Fuente"; a place after "de" ends the name
                continue
            if w.group() in _PARTICLES and w.start() and w.end() < len(nm.group()):
                continue            # "Bart De Wever", "Alexander Van der Bellen": inside a name
            # a state's name may end a name after a first name: "Luís Montenegro"
            surname = w.start() and not after_de and w.end() == len(nm.group()) and self.gaz.state_by_name(w.group())
            # a capital may also be a given name before a surname (« le président Santiago Peña »)
            alone = w.start() == 0 and not re.match(rf"[ \u00a0]+{_NAME_WORD}", nm.group()[w.end():])
            if _not_name_word(w.group()) or not surname and self._place_word(w.group(), first=alone or after_de):
                break
            after_de = False
            if w.group()[:1].isupper() or re.match(r"(?:al|el)-\w", w.group()) or w.group() in _PATRONYMICS \
                    or nm.group()[w.start() - 2:w.start()] == "- ":     # not on "da"; on « Jae - myung »
                end = w.end()
        if end is None:
            return None, None, None
        name = nm.group()[:end]
        return name, p, p + len(name)

    def _other_ministers(self, text: str, f: str, ms: Mentions) -> None:
        """"le ministre tchèque de l'Industrie et du Commerce, Jozef Síkela": a
        state official of another portfolio (role ``other``), when named."""
        dem_alt = self.demonym_re.pattern[5:-3]
        for m in re.finditer(rf"\b(?:le |la |egalement )?ministre(?: (?P<dm>{dem_alt}))? (?:de l'|de la |du |des |d')"
                             rf"[a-z' -]{{3,60}}?(?=[,.;]|$)", f):
            if any(p.start <= m.end() and m.start() < p.end for p in ms.persons if p.role != "other"):
                continue
            state = self.gaz.state_by_demonym(m.group("dm")) if m.group("dm") else None
            name, ns, ne = self._name_after(text, m.end()) if f[m.end():m.end() + 1] == "," else (None, None, None)
            if name and len(name.split()) >= 2:
                ms.persons.append(PersonMention(m.start(), ne, name, "other", state, name_start=ns))
            elif m.group().startswith("egalement"):
                # "le vice-président Geraldo Alckmin, également ministre du Développement"
                held = next((p for p in ms.persons if p.name and p.end <= m.start()
                             and re.fullmatch(r",\s*", f[p.end:m.start()])), None)
                if held:
                    ms.persons.append(PersonMention(m.start(), m.end(), held.name, "other", held.state,
                                                    name_start=held.name_start))

        # "reçu le ministre Budi Santoso": a minister named without his portfolio
        for m in re.finditer(r"\b(?:le|la) ministre(?= )", f):
            if any(p.start <= m.start() < p.end for p in ms.persons):
                continue
            name, ns, ne = self._name_after(text, m.end())
            if name and len(name.split()) >= 2 and ns == m.end() + 1:
                ms.persons.append(PersonMention(m.start(), ne, name, "other", None, name_start=ns))

    def _plural_titles(self, text: str, f: str, ms: Mentions) -> None:
        """"les ministres des Affaires étrangères Mourat Nourtleou et Park Jin":
        one office, two holders (their states come from the gazetteer or
        the two sides)."""
        state_alt = self.state_re.pattern[5:-3]
        dem_alt = self.demonym_re.pattern[5:-3]
        of = r"(?:du |de la |de l'|des |de |d')"
        # « la Sénégalaise X et l'Espagnol Y »: a demonym as a noun before each name
        dem = rf"(?:(?:la |le |l')(?P<d>{dem_alt})\s+)?"
        # "Mohamad Hasan pour la Malaisie et Sugiono pour l'Indonésie": each holder's state
        per = rf"\s+pour\s+(?:la |le |les |l')?(?P<s>{state_alt})\b"
        for m in re.finditer(r"\b(?:les|des|deux) (?:deux )?(?P<t>ministres des (?:affaires etrangeres|affaires exterieures|relations exterieures)|chefs de la diplomatie"
                             r"|premiers ministres|presidents|vice-presidents"
                             r"|(?P<other>ministres (?:de la |du |des |de l'|d')[a-z'-]+(?: [a-z'-]+){0,3}?(?=\s*,)))"
                             rf"(?: des deux pays| {of}(?P<s1>{state_alt}) et {of}(?P<s2>{state_alt}))?"
                             r"\s*,?\s*", f):
            da = re.match(dem, f[m.end():])
            a, a_start, a_end = self._name_after(text, m.end() + da.end())
            if not a:
                continue
            pa = re.match(per, f[a_end:])
            et = re.match(r"\s+et\s+", f[a_end + (pa.end() if pa else 0):])
            db = re.match(dem, f[a_end + (pa.end() if pa else 0) + et.end():]) if et else None
            b, b_start, b_end = (self._name_after(text, a_end + (pa.end() if pa else 0) + et.end() + db.end()) if et
                                 else (None, None, None))
            pb = re.match(per, f[b_end:]) if b else None
            if not b or len(a.split()) < 2 and len(b.split()) < 2 and not (pa and pb):
                continue
            role = {"presidents": "head_of_state", "vice-presidents": "vice_president",
                    "premiers ministres": "head_of_government"}.get(m.group("t"), "other" if m.group("other") else "foreign_minister")
            # "les présidents du Chili et de l'Indonésie, X et Y": respectively
            sa, sb = (self.gaz.state_by_name(m.group(g)) if m.group(g) else None for g in ("s1", "s2"))
            sa, sb = (self.gaz.state_by_name(pa.group("s")) if pa else sa), (self.gaz.state_by_name(pb.group("s")) if pb else sb)
            sa = self.gaz.state_by_demonym(da.group("d")) if da.group("d") else sa
            sb = self.gaz.state_by_demonym(db.group("d")) if db and db.group("d") else sb
            ms.persons.append(PersonMention(m.start(), a_end, a, role, sa, name_start=a_start, pair=0 if sa else 1))
            ms.persons.append(PersonMention(b_start, b_end, b, role, sb, name_start=b_start, pair=0 if sb else 2))

    def _other_state(self, name: str, state: str | None) -> bool:
        """A known person from another state than the title's."""
        key = self.gaz.person(name)
        return bool(key and state and self.gaz.persons[key].get("state") not in (None, state))

    def _place_word(self, w: str, first: bool = True) -> bool:
        """A state name, demonym or capital: not part of a personal name (a
        capital may be a surname after a first name: "Maria Luisa Santiago")."""
        g = self.gaz
        return bool(g.state_by_name(w) or g.state_by_demonym(w) or first and g.capital(w))

    def _name_before(self, text: str, pos: int):
        """``"Viktor Orbán, Premier ministre hongrois"``: a name just before a title."""
        # (« Thongloun Sisoulith, également président … »: a second office)
        m = re.search(rf"({_NAME_WORD}(?:[ \u00a0]+{_NAME_WORD}){{1,4}})[ \u00a0]*,[ \u00a0]*(?:également[ \u00a0]+)?(?:le |la |l')?$",
                      text[max(0, pos - 80):pos])
        if not m:
            return None, None
        name = m.group(1)
        words = name.split()
        # "Après Astana, le président …": drop leading words up to the last
        # that cannot be in a name.
        bad = [i for i, w in enumerate(words) if _not_name_word(w) or self._place_word(w)]
        if bad:
            words = words[bad[-1] + 1:]
        if len(words) < 2:
            return None, None
        name = " ".join(words)
        if self.gaz.capital(name) or self.gaz.state_by_name(name):
            return None, None       # "Avant de quitter Phnom Penh, le chef du gouvernement …": a place

        return name, pos - len(text[max(0, pos - 80):pos]) + m.start(1) + (len(m.group(1)) - len(name))

    def _homologues(self, text: str, f: str, ms: Mentions) -> None:
        dem_alt = self.demonym_re.pattern[5:-3]
        for m in re.finditer(rf"\b(?:(?:le|la|au|du|a la|de la) |l')(?:dirigeante?|chef d'etat|hote|invitee?|responsable|visiteur|visiteuse|ministre)"
                             rf" (?P<dm>{dem_alt})\b", f):
            if any(p.start <= m.end() and m.start() < p.end and p.role for p in ms.persons):
                continue    # "le ministre vietnamien des Affaires étrangères, Lê Hoài Trung": a title
            ms.persons.append(PersonMention(m.start(), m.end(), None, None,
                                            self.gaz.state_by_demonym(m.group("dm")), ref=True))
        state_alt = self.state_re.pattern[5:-3]
        # « son homologue vietnamien », « son homologue de Papouasie-Nouvelle-Guinée »
        for m in re.finditer(rf"\b(?:son|sa|leur) (?:homologue|hote|invitee?|interlocut(?:eur|rice))"
                             rf"(?:\s+(?P<dm>{dem_alt})|\s+(?:du|de la|de l'|des|d'|de)\s*(?P<sn>{state_alt}))?\b", f):
            state = (self.gaz.state_by_demonym(m.group("dm")) if m.group("dm")
                     else self.gaz.state_by_name(m.group("sn")) if m.group("sn") else None)
            name, ns, ne = self._name_after(text, m.end())
            ms.persons.append(PersonMention(m.start(), ne or m.end(), name, None, state, homologue=True,
                                            name_start=ns))

    # -- bare names of people already known ------------------------------
    def add_bare_names(self, text: str, ms: Mentions, registry: "PersonRegistry") -> None:
        covered = [(p.start, p.end) for p in ms.persons]
        for m in _NAME_RE.finditer(text):
            words = list(re.finditer(r"[^ \u00a0]+", m.group()))     # words may be apart by several spaces
            for i in range(len(words)):
                for j in range(len(words), i, -1):
                    s, e = m.start() + words[i].start(), m.start() + words[j - 1].end()
                    cand = text[s:e]
                    if j == i + 1 and _not_name_word(cand):
                        continue    # the article "Le" is not the surname "Lê"
                    key = registry.lookup(cand)
                    if key:
                        if not any(a <= s < b for a, b in covered):
                            ms.persons.append(PersonMention(s, e, cand, None, None, key=key, name_start=s))
                            covered.append((s, e))
                        break
                else:
                    continue
                break
        ms.persons.sort(key=lambda p: p.start)


def _one_hyphen(name: str) -> str:
    """ "Kassym - Jomart Tokaïev" is "Kassym-Jomart Tokaïev", and words apart
    by several spaces are apart by one.

    >>> _one_hyphen("Kassym - Jomart  Tokaïev")
    'Kassym-Jomart Tokaïev'
    """
    return re.sub(r"[ \u00a0]{2,}", " ", re.sub(r"[ \u00a0]+-[ \u00a0]+", "-", name))


def _one_typo(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one edit or one swap of
    neighbouring letters (optimal string alignment distance 1)."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    if len(long_) - len(short) != 1:
        return False
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]


class PersonRegistry:
    """One key per person in an article: gazetteer names first, then the
    first full mention; later surname-only mentions resolve to it."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.names: dict[str, str] = {}      # key -> canonical name
        self.surnames: dict[str, str] = {}   # folded last word -> key
        self.states: dict[str, str] = {}     # key -> state, when known

    def lookup(self, name: str) -> str | None:
        name = _one_hyphen(name)
        key = self.gaz.person(name)
        if key:
            if key not in self.names:      # a known person: register the canonical name
                p = self.gaz.persons[key]
                self._add(key, p["name"])
                self.states.setdefault(key, p["state"])
            return key
        n = norm(name)
        for k, full in self.names.items():
            if norm(full) == n:
                return k
        if " " not in n and n in self.surnames:
            return self.surnames[n]
        if " " in n:    # a name's last words (« Oligui Nguema » for « Brice Clotaire Oligui Nguema »): a compound surname
            tails = [k for k, full in self.names.items() if norm(full).endswith(" " + n)]
            if len(tails) == 1:
                return tails[0]
        if " " not in n:    # a first name used alone ("Prabowo"), if it is unambiguous
            firsts = [k for k, full in self.names.items() if norm(full).split()[0] == n]
            if len(firsts) == 1:
                return firsts[0]
        if " " not in n and len(n) >= 4:   # any other word of one name ("Lula" in "Luiz Inácio Lula da Silva")
            inner = [k for k, full in self.names.items() if n in norm(full).split()]
            if len(inner) == 1:
                return inner[0]
        return None

    def resolve(self, name: str, titled: bool = False) -> str:
        key = self.lookup(name)
        if key:
            return key
        name = _one_hyphen(name)
        if len(name.split()) < 2 and not titled:
            return ""    # a lone unknown word is not a name unless a title precedes it
        key = slug(name)
        self._add(key, name)
        return key

    def _add(self, key: str, name: str) -> None:
        self.names[key] = name
        last = norm(name.split()[-1])
        self.surnames.setdefault(last, key)
