"""Fields of cooperation named in a phrase: « la coopération dans le domaine de
l'éducation », « en matière de défense et de sécurité », « les échanges
culturels », « dans des secteurs clés tels que l'agriculture ».

A field is kept only when its noun (or adjective: « culturels ») is in the
lexicon of fields below, so that « la coopération dans les forums
multilatéraux » names none. Labels are the French nouns, singular (the
concept is the field, not the text's number): « les sciences » is
« science ».
"""
from __future__ import annotations

import re

from .mentions import fold_same_length

#: a field's French label and the folded nouns and adjectives that name it
_LEXICON = {
    "éducation": "education educatif educatifs educative educatives",
    "formation": "formation formations",
    "culture": "culture cultures culturel culturels culturelle culturelles",
    "science": "science sciences scientifique scientifiques",
    "technologie": "technologie technologies technologique technologiques",
    "sport": "sport sports sportif sportifs sportive sportives",
    "santé": "sante sanitaire sanitaires",
    "tourisme": "tourisme touristique touristiques",
    "défense": "defense",
    "sécurité": "securite",
    "justice": "justice judiciaire judiciaires",
    "énergie": "energie energies energetique energetiques",
    "agriculture": "agriculture agricole agricoles",
    "commerce": "commerce commercial commerciaux commerciale commerciales",
    "économie": "economie economique economiques",
    "finance": "finance finances financier financiers financiere financieres",
    "investissement": "investissement investissements",
    "transports": "transport transports",
    "aviation": "aviation",
    "médias": "media medias",
    "communication": "communication communications",
    "information": "information",
    "environnement": "environnement environnemental environnementale environnementaux",
    "industrie": "industrie industriel industriels industrielle industrielles",
    "innovation": "innovation innovations",
    "jeunesse": "jeunesse",
    "travail": "travail",
    "transition numérique": "transition numerique",
    "numérique": "numerique",
    "diplomatie": "diplomatique diplomatiques",
    "politique": "politique politiques",
}
#: English labels of the fields above and of priority axes texts often name
#: (keys folded, lower case); an area outside it keeps its French label alone
ENGLISH = {
    "education": "education", "formation": "training", "culture": "culture", "science": "science",
    "technologie": "technology", "sport": "sport", "sante": "health", "tourisme": "tourism",
    "defense": "defence", "securite": "security", "justice": "justice", "energie": "energy",
    "agriculture": "agriculture", "commerce": "trade", "economie": "economy", "finance": "finance",
    "investissement": "investment", "transports": "transport", "aviation": "aviation", "medias": "media",
    "communication": "communication", "information": "information", "environnement": "environment",
    "industrie": "industry", "innovation": "innovation", "jeunesse": "youth", "travail": "labour",
    "transition numerique": "digital transition", "numerique": "digital economy", "diplomatie": "diplomacy",
    "politique": "politics", "science et technologie": "science and technology",
    "medias et communication": "media and communication",
    # priority axes of partnerships
    "echanges entre les peuples": "people-to-people exchanges", "liens economiques": "economic ties",
    "coordination des politiques": "policy coordination", "connectivite des transports": "transport connectivity",
    "connectivite interregionale": "interregional connectivity", "cooperation economique": "economic cooperation",
    "cooperation commerciale": "trade cooperation", "cooperation politique": "political cooperation",
    "cooperation culturelle": "cultural cooperation", "cooperation en matiere de securite": "security cooperation",
}


def english(label: str) -> str | None:
    """The English label of a cooperation area's French one, when the lexicon has it.

    >>> english("Connectivité des transports"), english("la pêche hauturière")
    ('transport connectivity', None)
    """
    return ENGLISH.get(fold_same_length(label).lower().strip())


FIELDS = {w: label for label, words in _LEXICON.items() for w in ([words] if " " in label else words.split())}

# what introduces a list of fields after a word of cooperation or exchanges
_INTRO = re.compile(r"\b(?:cooperation|collaboration|echanges|partenariat)(?: \w+ale?s?)?\s+"
                    r"(?:dans (?:le domaine|les domaines) (?:de la |de l'|du |des |de |d')"
                    r"|dans (?:des |les )?secteurs (?:cles )?(?:tels que|comme) (?:les |le |la |l')?"
                    r"|dans (?:les |le |la |l')|en matiere (?:de |d')|(?P<bare>(?=\w)))")
_END = re.compile(r"[.;:]|,\s*(?:notamment|en particulier|tout en|afin|ainsi qu)|\b(?:afin|pour|avec|entre|qui|notamment"
                  r"|dans les temps|au sein)\b")
_ARTICLE = re.compile(r"^(?:(?:et |dans )?(?:des secteurs (?:cles )?(?:tels que|comme) )?)?"
                      r"(?:de la |de l'|du |des |de |d'|la |le |les |l')?")


def cooperation_areas(text: str) -> tuple[str, ...]:
    """The fields of cooperation ``text`` names, in order, each once. After
    « dans le domaine de », « en matière de », « dans les »... the list's
    items outside the lexicon are skipped; after a bare noun (« échanges
    culturels, commerciaux ») the first word outside it ends the list.

    >>> cooperation_areas("la promotion de la coopération dans le domaine de l'éducation")
    ('éducation',)
    >>> cooperation_areas("du renforcement des échanges culturels, de la coopération dans les sciences, les sports et la santé")
    ('culture', 'science', 'sport', 'santé')
    >>> cooperation_areas("développer la coopération dans les forums multilatéraux, augmenter les échanges de délégations")
    ()
    """
    f = fold_same_length(text)
    out: list[str] = []
    for m in _INTRO.finditer(f):
        bare = m.group("bare") is not None
        rest = f[m.end():]
        end = _END.search(rest)
        rest = rest[:end.start()] if end else rest
        for item in re.split(r",\s*(?:et\s+)?|\s+et\s+", rest):
            label = FIELDS.get(_ARTICLE.sub("", item.strip()).strip())
            if not label:
                if bare:
                    break
                continue
            if label not in out:
                out.append(label)
    return tuple(out)
