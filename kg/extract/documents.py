"""Documents: agreements, memorandums, action plans, joint statements and their topics.

Reads a document from its noun ("mémorandum d'entente", "accord",
"plan d'action", "déclaration conjointe", ...) with a verb of signing ("ont
signé", "a été signé", "paraphé", "conclu", "adopté"), its carrying out
("mise en œuvre") or its being in force ("entré en vigueur en 2019"), or as
an item of a list with no verb of its own (« notamment X ; Y », lines « 1.
un accord sur ... » after « ... ont été signés : », « D'autres documents
concernent X et Y »): its kind, its topics ("sur la coopération dans les
domaines de X et Y", "portant sur", "centré sur"), its period ("2026-2030"),
its parties (a free-trade agreement's; a state's localities, « entre
localités des deux pays ») and its date when signed in an earlier year;
plural agreements over a list of fields are one document per field (« la
science et la technologie » one field); a document to be drafted
(« élaborer des orientations pour 2030 ») is planned, with its horizon
year, as are documents to be signed (« vont signer », « d'élaborer un plan
d'action »). A joint statement cited again (« Selon la déclaration
conjointe ») is the one already read. Skips documents denied ("aucun
accord n'a été signé"), tripartite ones, those between third states and
those neither a topic nor a period identifies.
"""
from __future__ import annotations

import re

from ..graph import facts as F
from ..graph.ids import slug
from .areas import FIELDS
from .common import ReaderBase
from .mentions import fold_same_length
from .nlp import Sentence

DOC_KINDS = [  # folded noun phrases -> kind
    (r"memorandums? d'(?:entente|accord|intention)|protocoles? d'accord|memorandums?", "memorandum"),
    (r"lettres? d'intention", "letter_of_intent"),
    (r"plans? d'action", "action_plan"),
    (r"programmes?", "programme"),
    (r"declarations? (?:conjointes?|communes?)|communiques? (?:conjoints?|communs?)", "joint_statement"),
    (r"communiques? de presse(?: conjoints?| communs?)?", "press_release"),
    (r"accords?|conventions?|traites?", "agreement"),
    (r"feuilles? de route|documents?", "document"),
]
_DOC_RE = re.compile(r"\b(?:" + "|".join(f"(?P<d{i}>{p})" for i, (p, _) in enumerate(DOC_KINDS)) + r")\b")

# Where a document's topic ends: a reported-speech tag ("..., a précisé le
# ministre"), a source.
_TOPIC_END = (r",\s*(?:a|ont|avait) (?:precise|indique|annonce|declare|souligne|ajoute|explique|affirme)\b"
              r"|,\s*selon\b")
# Two nouns that name one field: « de la science et de la technologie », « des médias et de la communication »
_COMPOUND_FIELDS = {("science", "technologie"), ("sciences", "technologies"), ("sciences", "technologie"),
                    ("science", "technologies"), ("medias", "communication"), ("information", "communication"),
                    ("information", "communications"), ("education", "formation"), ("recherche", "developpement")}
# A document to be drafted: « élaborer des orientations pour 2030 »
_DRAFT = re.compile(r"\b(?:elaborer|rediger|preparer|definir|mettre au point|etablir|adopter)\s+"
                    r"(?:des |les |de nouvelles |une |un |de |d')(?:nouvelles? |grandes )?"
                    r"(?P<noun>orientations|lignes directrices)\b")
# The parties are the two states' localities: « entre localités des deux pays »
_LOCAL_UNITS = {"localites": ("localités", "localities"), "provinces": ("provinces", "provinces"),
                "regions": ("régions", "regions"), "villes": ("villes", "cities"),
                "municipalites": ("municipalités", "municipalities"),
                "collectivites locales": ("collectivités locales", "local authorities")}
_LOCAL = re.compile(r"\bentre (?:les |des )?(?P<unit>" + "|".join(_LOCAL_UNITS) +
                    r") (?:des deux (?:pays|etats|nations|parties)|de nos deux pays)\b")
_STATEMENTS = {"joint_statement", "press_release"}
# A list's item: « 1. », « 2) », « - », « • »
_LIST_ITEM = re.compile(r"\s*(?:\d{1,2}\s*[.)°]|[-–—•*·])\s*")
# A document still to be drafted or signed: « sont convenus d'élaborer un plan d'action »
_TO_DRAFT = re.compile(r"\b(?:de |d'|a )(?:\w+ )?(?:elaborer|rediger|preparer|negocier|conclure|signer|parapher)"
                       r"\s+(?:un |une |des |de nouveaux |de nouvelles |le |la |les |l')\s*$")
_SIGN = re.compile(r"\b(?:sign\w*|paraph\w*|conclu(?:e|s|es|t|rent|re|ra|ront)?\b|echange\w* (?:des|les|de) |adopt\w*|signature)")


class DocumentRules(ReaderBase):
    """Documents signed, adopted or carried out, and their topics."""

    _listing: str | None = None     # the status of the documents a list's items name (« ... ont été signés : »)

    def _read_documents(self, s: Sentence) -> None:
        f = self.folded(s)
        self._read_drafted(s, f)
        # « 1. un accord sur ... ; », « - un mémorandum ... »: an item of the list the last sentence opened
        listing = self._listing if _LIST_ITEM.match(f) else None
        docs = [(m.start(), m.end(), next(DOC_KINDS[int(k[1:])][1] for k, v in m.groupdict().items() if v))
                for m in _DOC_RE.finditer(f)]
        sign = _SIGN.search(f)
        # « vont signer », « signeront », « devrait être signé », « prévoient de conclure »
        planned = bool(re.search(r"\b(?:devr\w+|doi\w+|pourr\w+|prevoi\w*|envisag\w*|elaborer|negocier|negociation"
                                 r"|va|vont|prochainement)\b", f[:sign.start()] if sign else f)) \
            or bool(sign and self.modality(s, s.start + sign.start()) == "planned")
        # « les textes suivants ont été signés : » opens a list, its items follow one a line
        opens = sign and not listing and re.search(r":\s*$", f) and (docs or re.search(r"\b(?:textes|suivante?s|notamment)\b", f))
        self._listing = listing or (("planned" if planned else "happened") if opens else None)
        if not docs or re.search(r"\baucune? (?:accord|document|texte|memorandum)|\bn'(?:a|ont|avait|avaient) (?:pas |encore |)"
                                 r"(?:ete |)(?:signe|conclu|adopte)", f):
            return      # "Aucun document n'a été signé"
        existing = re.search(r"\b(?:mise en (?:oeuvre|œuvre)|mettre en (?:oeuvre|œuvre)|application|appliquer)\b", f)
        if self._others(s, f, docs):
            return
        enum = re.search(r"\b(?:deux|trois|quatre) [\w' ]+?\s*:\s*(?:(?:le|la) (?:premier|premiere)|l'une?)\b", f)
        if enum and docs and docs[0][0] < enum.end() and _SIGN.search(f) and not planned:
            # "deux mémorandums : le premier porte sur X, le second sur Y"
            kind = next(k for st, _, k in docs if st < enum.end())
            for part in re.split(r"[,;]\s*(?:et\s+)?(?:(?:le|la) (?:deuxieme|second|seconde|troisieme|dernier|derniere)|l'autre)\b",
                                 f[enum.end():]):
                start = enum.end() + f[enum.end():].index(part)
                self._add_doc(kind, self._topics(s.text[start:start + len(part)], part), s, status="happened",
                              during=True)
            return
        for i, (ds, de, kind) in enumerate(docs):
            nxt = docs[i + 1][0] if i + 1 < len(docs) else len(f)
            phrase_f = f[de:nxt]
            phrase = s.text[de:nxt]
            tail = re.search(r"(?:,\s*(?:et\s+)?|\s+et\s+|\s+ainsi qu(?:e\s+|'))(?:d'une?|de|d'|un|une|des|les|le|la|l')?\s*$",
                             phrase_f)
            if tail and i + 1 < len(docs):     # "... de l'éducation et d'un accord": not part of the topic
                phrase_f, phrase = phrase_f[:tail.start()], phrase[:tail.start()]
            if re.search(r"\b(?:les|ces|ce|cet|cette)\s+(?:(?:dernier|derniere|derniers|dernieres|deux|trois|memes?)\s+)?$",
                         f[max(0, ds - 16):ds]) and \
                    not self._topics(phrase, phrase_f) and kind not in _STATEMENTS:
                continue    # "les accords signés à Tokyo": a reference to documents already read
            if kind in _STATEMENTS:
                topics = self._topics(phrase, phrase_f) if re.match(r"\s*(?:sur|portant sur|relative)\b", phrase_f) else ()
                self._add_doc(kind, topics, s, status="happened", during=True)
                continue
            if re.match(r"\s*(?:tripartite|trilateral|multilateral|quadripartite)", phrase_f):
                continue    # binds a third party too: not a bilateral document
            if kind == "document" and (re.match(r"[^.;]*\bdont\b", phrase_f) or
                                       re.match(r"[^.;:]{0,40}?(?:,?\s*notamment\b|\s*(?:suivants\s*)?:)", phrase_f)) and i + 1 < len(docs):
                continue    # "plusieurs documents, dont un accord ...", "les documents de coopération, notamment :
                #             un accord ...": the items are read one by one
            if kind == "agreement" and phrase_f.startswith(" de libre-echange") and \
                    re.search(r"\b(?:discussions?|negociations?|negocier|relancer|pourparlers|conclusion)\b[^.]{0,25}$", f[:ds]):
                continue    # an FTA still being negotiated
            if kind == "agreement" and phrase_f.startswith(" de libre-echange"):
                clause = re.search(r"[,;]", phrase_f)
                parties = self._parties(s, de, de + clause.start() if clause else nxt)
                self._add_doc(kind, ("libre-échange",), s, parties=parties, status="happened", during=False)
                continue
            # « l'accord ..., entré en vigueur en 2023 », « l'accord ... liant les deux monnaies depuis 1998 »
            in_force = re.search(r"\ben vigueur\b|\bdepuis (?:19|20)\d\d\b", phrase_f)
            if (existing or in_force) and not sign and not listing and kind in {"action_plan", "agreement", "programme"}:
                self._add_doc(kind, self._topics(phrase, phrase_f), s, status="happened", during=False,
                              period=self._period(phrase_f))
                continue
            third = re.search(r"\bentre (?:la |le |l'|les )?(\S+) et (?:la |le |l'|les )?(\S+)", phrase_f)
            if third and self.pair():
                codes = {self.gaz.state_by_name(w.strip(",;.")) for w in third.groups()} - {None}
                if codes and not codes & set(self.pair()):
                    continue    # "le mémorandum conclu en 2019 entre la Turquie et la Libye"
            passive = sign and re.match(r"[^;.]{0,160}\b(?:a|ont|avait|avaient) (?:aussi |egalement |en outre |par ailleurs )?ete $|[^;.]{0,120}, $"
                                        r"|[^;.]{0,160}\b(?:pourrai\w*|devrai\w*|doi\w*|ser\w+) etre $",
                                        f[de:sign.start()]) \
                or sign and re.match(r"[^;.,]{0,120} $", f[de:sign.start()]) and re.match(r"signee?s? (?:par|en)\b", f[sign.start():])
            # "a été signé", "L'accord sur ..., signé en 2021", "l'accord ... signé par les deux pays en 2020"
            if not listing and (not sign or sign.start() > ds + 40 and not re.search(r"signature", f[:ds]) and not passive):
                continue    # (but "Un mémorandum ... sur ... a été signé")
            # « ont signé un accord ... et sont convenus d'élaborer un plan d'action »: this one is to come
            status = listing or ("planned" if planned or _TO_DRAFT.search(f[:ds]) else "happened")
            year = re.search(r"\ben ((?:19|20)\d\d)\b", f)
            if year and year.group(1) != (self.src.date or "")[:4] and not (self.visit and (self.visit.start or "")[:4] == year.group(1)):
                topics = self._topics(phrase.replace(year.group(), ""), phrase_f.replace(year.group(), ""))
                self._add_doc(kind, topics, s, status="happened", during=False, date=year.group(1))
                continue
            # "de nombreux documents sur divers sujets, dont X et Y" lists them; after
            # one document ("Un accord ..., dont le texte est ...") "dont" opens a clause
            dont = re.search(r"\bdont\b", phrase_f) if f[ds:de].split()[0].endswith("s") else None
            if dont:
                items = self._split_list(phrase[dont.end():], phrase_f[dont.end():])
                for txt, ftxt in items:
                    self._add_doc(kind, (self._clean_topic(txt),), s, status=status, during=True,
                                  period=self._period(ftxt))
                continue
            topics = self._topics(phrase, phrase_f)
            parties = self._local_parties(phrase_f)
            if f[ds:de].endswith("s") and len(topics) > 1 and re.search(r"\b(?:domaines|secteurs)\b", phrase_f):
                # « plusieurs accords couvrant les domaines de X, de Y et de Z »: one document per field
                for t in topics:
                    self._add_doc(kind, (t,), s, status=status, during=True, parties=parties,
                                  period=self._period(phrase_f))
                continue
            self._add_doc(kind, topics, s, status=status, during=True, parties=parties,
                          period=self._period(phrase_f))

    def _others(self, s: Sentence, f: str, docs: list) -> bool:
        """« D'autres documents concernent la sécurité et le tourisme »: more
        documents of the signing read before, one per field, with no verb of
        their own."""
        m = re.search(r"\b(?:d'autres|les autres|plusieurs autres) (?P<noun>[\w']+(?: d'\w+)?) (?:concern\w*|touch\w*"
                      r"|couvr\w*|port\w* (?:notamment |aussi |egalement )?sur)\s+", f)
        kind = next((k for st, _, k in docs if m and st == m.start("noun")), None)
        last = next((d for d in reversed(self.out.of(F.Document)) if d.visit), None)
        if not kind or not last:
            return False
        for txt, _ in self._split_list(s.text[m.end():], f[m.end():]):
            self._add_doc(kind, (self._clean_topic(txt),), s, status=last.status, during=True)
        return True

    def _read_drafted(self, s: Sentence, f: str) -> None:
        """A document the sides will draft (« ont convenu ... d'élaborer des
        orientations pour 2030 »): planned, announced during the visit, its
        horizon year the last year of its period."""
        for m in _DRAFT.finditer(f):
            rest = f[m.end():]
            period = self._period(rest[:40])
            if not period:
                y = re.match(r"\s*(?:pour|a l'horizon|d'ici|jusqu'en|jusqu'a) ((?:19|20)\d\d)\b", rest)
                period = (None, y.group(1)) if y else None
            pair = self.pair()
            if pair:
                self._upsert(F.Document("orientations", (), pair, None, self._announced_during(s), "planned",
                                        self.span(s), period),
                             lambda old: (old.kind, old.period, old.visit) == ("orientations", period,
                                                                              self._announced_during(s)))

    def _local_parties(self, phrase_f: str) -> tuple[str, ...]:
        """« entre localités des deux pays »: each state's localities (an
        organisation of the state, dip:ofState), not the states, are the parties."""
        m = _LOCAL.search(phrase_f)
        pair = self.pair()
        if not m or not pair:
            return ()
        fr, en = _LOCAL_UNITS[m.group("unit")]
        keys = []
        for code in pair:
            key = f"{slug(en)}-{code.lower()}"
            st = self.gaz.states[code]
            self.out.organizations[key] = F.OrganizationRef(key, f"{fr} ({st['label_fr']})", f"{en} ({st['label_en']})",
                                                            state=code)
            keys.append(key)
        return tuple(keys)

    def _parties(self, s: Sentence, start: int, end: int) -> tuple[str, ...]:
        codes = [m.code for m in self.ms.states_in(s.start + start, s.start + end) if m.via == "name"]
        orgs = self.ms.orgs_in(s.start + start, s.start + end)
        return tuple(dict.fromkeys(codes + orgs))

    def _period(self, f: str) -> tuple[str, str] | None:
        m = re.search(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b", f)
        return (m.group(1), m.group(2)) if m else None

    _TOPIC_INTRO = re.compile(r"^(?:[^,.;]*?\b(?:couvrant|dans|portant sur|sur|relatifs?|relatives?|concernant|en matiere"
                              r"|pour|de|d'|du|des)\b)?\s*(?:les |le |la |l')?(?:domaines?|secteurs?|questions?)?"
                              r"\s*(?:de la |de l'|du |des |de |d'|sur |la |le |les |l'|en matiere de |a )?",
                              re.I)

    def _topics(self, phrase: str, phrase_f: str) -> tuple[str, ...]:
        # "pour la période 2026-2030 sur l'énergie": the period is read apart (_period)
        per = re.search(r"\s*\b(?:pour|sur) (?:la periode|les annees) (?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b"
                        r"(?=\s+(?:sur|dans|en matiere|portant sur|relatif|relative|concernant)\b)", phrase_f)
        if per:
            phrase = phrase[:per.start()] + phrase[per.end():]
            phrase_f = phrase_f[:per.start()] + phrase_f[per.end():]
        # "un programme de coopération pour la période 2026-2030, centré sur l'éducation et la santé"
        focus = re.search(r"\b(?:centree?s?|axee?s?|consacree?s?|focalisee?s?) (?:sur|a) ", phrase_f)
        if focus and not re.search(r"\b(?:sur|dans|relatifs?|relatives?|concernant|portant|en matiere)\b|[.;]",
                                   phrase_f[:focus.start()]):
            return tuple(filter(None, (self._clean_topic(t) for t, _ in
                                       self._split_list(phrase[focus.end():], phrase_f[focus.end():]))))
        # « Sept accords ont été signés …, portant notamment sur X, Y et Z »: the topics after the verb,
        # when none comes before it (« un accord sur l'énergie a été signé, portant notamment sur … » has one)
        after = re.match(r"(?:(?!\b(?:sur|dans|relatifs?|relatives?|concernant|en matiere)\b)[^.;])*?\b(?:a|ont) ete (?:signe|conclu|paraphe|adopte)e?s?\b[^.;]*?,\s*(?:portant|qui portent"
                         r"|qui concernent|concernant) (?:notamment |entre autres |en particulier )?(?:sur )?", phrase_f)
        if after:
            return _join_compounds(tuple(filter(None, (self._clean_topic(t) for t, _ in
                                                       self._split_list(phrase[after.end():], phrase_f[after.end():])))))
        # where the noun phrase ends: a passive verb (« ..., a été signé »), a clause of its own (« , et les deux
        # gouvernements ont ... »), its entry into force
        cut = re.search(r"\b(?:entre (?:les|leurs|nos) deux|afin|pour (?:la periode|les annees)|lors|dans le cadre"
                        r"|(?:a|ont|avait|avaient) (?:aussi |egalement |en outre |par ailleurs )?ete|(?:entree?s? )?en vigueur)\b|[.;]"
                        r"|,\s*et\s+(?:les|la|le|l'|leurs?|ils|elles)\b|" + _TOPIC_END +
                        r"|,\s*(?:(?:par|dans|selon|pour|avec|sur|a) )?(?:qui|que|dont|lequel|laquelle|lesquels|lesquelles)\b",
                        phrase_f)
        if cut:
            phrase, phrase_f = phrase[:cut.start()], phrase_f[:cut.start()]
        sides = re.search(r"\s+entre (?:le |la |l'|les )?([^\s,]+) et ", phrase_f)
        if sides and self.gaz.state_by_name(sides.group(1)):     # « ... entre le Vietnam et le Mexique »: the parties
            phrase, phrase_f = phrase[:sides.start()], phrase_f[:sides.start()]
        m = re.search(r"\b(?:domaines?|secteurs?)\s+(?:de la |de l'|du |des |de |d')", phrase_f)
        # "sur la coopération dans les domaines de X et Y" lists the topics; in
        # "sur la formation professionnelle dans le secteur du tourisme" the topic comes first
        if m and re.fullmatch(r"[\s,]*(?:(?:sur|portant sur|relatifs? (?:a|aux?)|relatives? (?:a|aux?)|concernant|de|d'|pour) ?)?"
                              r"(?:la |l')?(?:cooperation|partenariat|collaboration)?\s*(?:(?:dans|en|sur|couvrant|portant sur) )?"
                              r"(?:les |le |la |l')?", phrase_f[:m.start()]):
            return _join_compounds(tuple(self._clean_topic(t) for t, _ in
                                         self._split_list(phrase[m.start():], phrase_f[m.start():])))
        m = re.search(r"\b(?:dans le domaine|en matiere|sur|portant sur|relatifs? (?:a|aux?)|relatives? (?:a|aux?)|concernant|de|d'|pour"
                      r"|visant a|destinee? a)\b", phrase_f)
        if not m:
            # « un programme culturel »: a field's adjective names the topic
            adj = re.match(r"\s*(\w+)", phrase_f)
            return (phrase[adj.start(1):adj.end(1)],) if adj and adj.group(1) in FIELDS else ()
        topic = self._clean_topic(phrase[m.start():])
        return (topic,) if topic else ()

    def _split_list(self, txt: str, ftxt: str) -> list[tuple[str, str]]:
        cut = re.search(r"[.;]|\bafin\b|" + _TOPIC_END, ftxt)
        if cut:
            txt, ftxt = txt[:cut.start()], ftxt[:cut.start()]
        parts, pos = [], 0
        for m in re.finditer(r",\s*(?:et\s+)?|\s+et\s+(?=(?:de |du |des |d'|l'|le |la |les ))", ftxt):
            parts.append((txt[pos:m.start()], ftxt[pos:m.start()]))
            pos = m.end()
        parts.append((txt[pos:], ftxt[pos:]))
        return [(t.strip(), ft.strip()) for t, ft in parts if t.strip()]

    @staticmethod
    def _clean_topic(t: str) -> str:
        t = re.sub(r"^(?:(?:couvrant |dans |portant sur |sur |concernant |relatifs? (?:à|aux?) |relatives? (?:à|aux?) |en matière de |pour "
                   r"|visant à |destinée? à )"
                   r"?(?:les |le |la |l’|l')?(?:domaines? |secteurs? )?)", "", t.strip(), flags=re.I)
        # « dont l'un porte sur X », « l'autre sur Y »
        t = re.sub(r"^(?:l[’']une?|l[’']autre|le premier|la première|le second|la seconde)\s+(?:\w+\s+)?(?:sur|concerne)\s+",
                   "", t, flags=re.I)
        t = re.sub(r"^(?:de la |de l’|de l'|du |des |de |d’|d'|la |le |les |l’|l')", "", t, flags=re.I)
        # the period is its own field (_period): "culture pour 2026-2028" -> "culture"
        t = re.sub(r"\s+pour (?:la période |les années )?(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*$", "", t.strip(" ,.;"))
        return t.strip(" ,.;")

    def _add_doc(self, kind, topics, s, status, during, parties=(), period=None, date=None) -> None:
        pair = self.pair()
        if not parties and pair:
            parties = pair
        v = self.visit_for(s)
        visit = v.key if during and v and status == "happened" else None
        doc = F.Document(kind, tuple(t for t in topics if t), tuple(parties), date, visit, status,
                         self.span(s), period)
        if kind in _STATEMENTS:
            # one joint statement per visit: « Selon la déclaration conjointe, ... » cites the one already read,
            # and a headline's topic and the body's are the same text's
            self._upsert(doc, lambda old: (old.kind, old.visit, old.status) == (kind, visit, status)
                         and (not old.topics or not doc.topics or _within(old.topics, doc.topics)
                              or _within(doc.topics, old.topics)),
                         lambda old: {"topics": min((old.topics, doc.topics), key=lambda t: (not t, len(" ".join(t))))})
        elif doc.topics or period:  # a document neither its topic nor its period identifies is not counted
            self._upsert(doc, lambda old: (old.kind, old.topics, old.visit) == (doc.kind, doc.topics, doc.visit))


def _within(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether topics ``a`` are said in ``b`` (« partenariat stratégique » in « partenariat stratégique entre ... »)."""
    return " ".join(map(fold_same_length, a)).lower() in " ".join(map(fold_same_length, b)).lower()


def _join_compounds(topics: tuple[str, ...]) -> tuple[str, ...]:
    """Two neighbouring fields that name one (:data:`_COMPOUND_FIELDS`) as one topic.

    >>> _join_compounds(("justice", "science", "technologie", "médias", "communication"))
    ('justice', 'science et technologie', 'médias et communication')
    """
    out: list[str] = []
    for t in topics:
        if out and (fold_same_length(out[-1]), fold_same_length(t)) in _COMPOUND_FIELDS:
            out[-1] = f"{out[-1]} et {t}"
        else:
            out.append(t)
    return tuple(out)
