"""Synthetic French news articles on bilateral visits, to measure extraction.

Each article reports one visit between two states drawn from a fixed cast
(:data:`COUNTRIES`, with invented office holders): the guest, the host and
their offices, the visit's type and days, talks, and some of a partnership
level set or raised, documents signed, a trade target, an honour, a meeting
planned for later. Paragraphs and phrasings are picked from variants, so
the extractor meets varied text; the file format is that of
``tests/articles`` (a ``date`` line, a blank line, the headline, the body).

Everything follows from ``(n, seed)``: the cast (names per seed), the dates
(one article every few days, so no two visits share a first day), the
partnership levels (a pair's level only rises, article after article), so
that a folder of them builds into a graph that conforms. The first ``k``
articles of ``n`` have the text of those of ``k``.

>>> import tempfile
>>> paths = write_articles(2, seed=7, out_dir=Path(tempfile.mkdtemp()))
>>> [p.name for p in paths]                    # doctest: +ELLIPSIS
['s7_0001_..._....txt', 's7_0002_..._....txt']
>>> paths[0].read_text(encoding="utf-8").startswith("date 20")
True
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
NUMBERS = {2: "deux", 3: "trois", 4: "quatre", 5: "cinq"}


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    kind: str       # article and prepositions: m "le/du/au", f "la/de la/en", v "l'/de l'/en", p "les/des/aux"
    dem: str        # demonym, masculine and feminine singular
    dem_f: str
    capital: str
    region: str     # the name pool of its office holders
    system: str     # pres: a president leads, with a Premier; presonly: no Premier;
                    # parl: the Premier leads, with a president; mon: the Premier leads under a monarch

    @property
    def the(self) -> str:
        return {"m": "le ", "f": "la ", "v": "l'", "p": "les "}[self.kind] + self.name

    @property
    def of(self) -> str:
        return {"m": "du ", "f": "de la ", "v": "de l'", "p": "des "}[self.kind] + self.name

    @property
    def to(self) -> str:
        return {"m": "au ", "f": "en ", "v": "en ", "p": "aux "}[self.kind] + self.name

    @property
    def lead(self) -> str:
        """The office that travels and hosts: the president's or the Premier's."""
        return "hos" if self.system in ("pres", "presonly") else "hog"


# Names, demonyms and capitals as the extractor's gazetteer writes them.
COUNTRIES = [
    Country("KZ", "Kazakhstan", "m", "kazakh", "kazakhe", "Astana", "central", "pres"),
    Country("UZ", "Ouzbékistan", "v", "ouzbek", "ouzbèke", "Tachkent", "central", "pres"),
    Country("KG", "Kirghizistan", "m", "kirghize", "kirghize", "Bichkek", "central", "pres"),
    Country("TJ", "Tadjikistan", "m", "tadjik", "tadjike", "Douchanbé", "central", "pres"),
    Country("AZ", "Azerbaïdjan", "v", "azerbaïdjanais", "azerbaïdjanaise", "Bakou", "caucasus", "pres"),
    Country("GE", "Géorgie", "f", "géorgien", "géorgienne", "Tbilissi", "caucasus", "parl"),
    Country("TR", "Turquie", "f", "turc", "turque", "Ankara", "caucasus", "presonly"),
    Country("MN", "Mongolie", "f", "mongol", "mongole", "Oulan-Bator", "central", "pres"),
    Country("JP", "Japon", "m", "japonais", "japonaise", "Tokyo", "japan", "mon"),
    Country("KR", "Corée du Sud", "f", "sud-coréen", "sud-coréenne", "Séoul", "korea", "pres"),
    Country("VN", "Vietnam", "m", "vietnamien", "vietnamienne", "Hanoï", "viet", "pres"),
    Country("LA", "Laos", "m", "laotien", "laotienne", "Vientiane", "viet", "pres"),
    Country("KH", "Cambodge", "m", "cambodgien", "cambodgienne", "Phnom Penh", "viet", "mon"),
    Country("ID", "Indonésie", "v", "indonésien", "indonésienne", "Jakarta", "malay", "presonly"),
    Country("MY", "Malaisie", "f", "malaisien", "malaisienne", "Kuala Lumpur", "malay", "mon"),
    Country("PH", "Philippines", "p", "philippin", "philippine", "Manille", "latam", "presonly"),
    Country("TH", "Thaïlande", "f", "thaïlandais", "thaïlandaise", "Bangkok", "thai", "mon"),
    Country("IN", "Inde", "v", "indien", "indienne", "New Delhi", "india", "parl"),
    Country("HU", "Hongrie", "f", "hongrois", "hongroise", "Budapest", "central_europe", "parl"),
    Country("PL", "Pologne", "f", "polonais", "polonaise", "Varsovie", "slav", "pres"),
    Country("CZ", "République tchèque", "f", "tchèque", "tchèque", "Prague", "slav", "parl"),
    Country("SK", "Slovaquie", "f", "slovaque", "slovaque", "Bratislava", "slav", "parl"),
    Country("RS", "Serbie", "f", "serbe", "serbe", "Belgrade", "slav", "pres"),
    Country("BG", "Bulgarie", "f", "bulgare", "bulgare", "Sofia", "slav", "parl"),
    Country("HR", "Croatie", "f", "croate", "croate", "Zagreb", "slav", "parl"),
    Country("RO", "Roumanie", "f", "roumain", "roumaine", "Bucarest", "latin", "pres"),
    Country("FR", "France", "f", "français", "française", "Paris", "latin", "pres"),
    Country("IT", "Italie", "v", "italien", "italienne", "Rome", "latin", "parl"),
    Country("ES", "Espagne", "v", "espagnol", "espagnole", "Madrid", "latin", "mon"),
    Country("PT", "Portugal", "m", "portugais", "portugaise", "Lisbonne", "latin", "pres"),
    Country("AT", "Autriche", "v", "autrichien", "autrichienne", "Vienne", "germanic", "parl"),
    Country("FI", "Finlande", "f", "finlandais", "finlandaise", "Helsinki", "nordic", "pres"),
    Country("SE", "Suède", "f", "suédois", "suédoise", "Stockholm", "nordic", "mon"),
    Country("GR", "Grèce", "f", "grec", "grecque", "Athènes", "greek", "parl"),
    Country("DZ", "Algérie", "v", "algérien", "algérienne", "Alger", "arab", "pres"),
    Country("TN", "Tunisie", "f", "tunisien", "tunisienne", "Tunis", "arab", "pres"),
    Country("MA", "Maroc", "m", "marocain", "marocaine", "Rabat", "arab", "mon"),
    Country("SN", "Sénégal", "m", "sénégalais", "sénégalaise", "Dakar", "west_africa", "pres"),
    Country("GH", "Ghana", "m", "ghanéen", "ghanéenne", "Accra", "west_africa", "presonly"),
    Country("KE", "Kenya", "m", "kényan", "kényane", "Nairobi", "east_africa", "presonly"),
    Country("AO", "Angola", "v", "angolais", "angolaise", "Luanda", "lusophone", "presonly"),
    Country("BR", "Brésil", "m", "brésilien", "brésilienne", "Brasilia", "lusophone", "presonly"),
    Country("AR", "Argentine", "v", "argentin", "argentine", "Buenos Aires", "latam", "presonly"),
    Country("CL", "Chili", "m", "chilien", "chilienne", "Santiago", "latam", "presonly"),
    Country("MX", "Mexique", "m", "mexicain", "mexicaine", "Mexico", "latam", "presonly"),
    Country("CO", "Colombie", "f", "colombien", "colombienne", "Bogota", "latam", "presonly"),
    Country("UY", "Uruguay", "v", "uruguayen", "uruguayenne", "Montevideo", "latam", "presonly"),
]

# Invented name parts per region: male first names, female first names,
# surnames (and their feminine form where the language inflects them).
# "family_first": the family name comes first, and a bare surname is not a
# reference the text would use.
_POOLS = {
    "central": (["Aidar", "Nurlan", "Daniyar", "Erlan", "Timur", "Rustam", "Bakhyt", "Askar", "Jasur", "Ulugbek"],
                ["Aigerim", "Saule", "Gulnara", "Dilnoza", "Madina", "Zarina", "Aizhan", "Nodira"],
                ["Abenov", "Sadykov", "Nurlanov", "Zhaksybekov", "Tursunov", "Ermekov", "Iskakov", "Baimukhanov",
                 "Kurmanov", "Yusupov", "Alimov", "Tokhtarov"]),
    "caucasus": (["Elnur", "Levan", "Giorgi", "Murat", "Emre", "Rashad", "Kerem", "Tamaz", "Orhan"],
                 ["Nino", "Aysel", "Elif", "Leyla", "Tamar", "Zeynep", "Gunel"],
                 ["Mammadli", "Beridze", "Kaya", "Aliyeva", "Gelashvili", "Demirel", "Huseynli", "Kapanadze",
                  "Ozturan", "Javakhishvili"]),
    "japan": (["Haruto", "Kenji", "Takeshi", "Hiroshi", "Daisuke"], ["Yuko", "Akiko", "Naomi", "Emiko"],
              ["Moriyama", "Takahara", "Kuroda", "Ishikawa", "Fujimoto", "Nakagawa", "Okabe"]),
    "korea": (["Park Min-jun", "Kim Dong-hyun", "Lee Sang-woo", "Choi Jae-won", "Han Seung-ho"],
              ["Kang Ji-yeon", "Yoon Hye-jin", "Seo Min-ah"], []),
    "viet": (["Nguyễn Văn Hải", "Trần Quốc Minh", "Lê Đình Khoa", "Phạm Văn Tùng",
              "Sisavath Phommachanh",
              "Bounleuth Sayavong", "Hoàng Đức Thắng", "Sok Chanthy", "Chea Vuthy"],
             ["Nguyễn Thị Lan", "Trần Thị Hoa", "Võ Thị Hằng", "Vilayvanh Keomany", "Khieu Sopheap"], []),
    "malay": (["Ahmad", "Budi", "Hafiz", "Rizal", "Darmawan", "Azlan"], ["Siti", "Nurul", "Dewi", "Aisyah"],
              ["Hakim", "Santoso", "Rahman", "Wibowo", "Ismail", "Kusuma", "Yusof"]),
    "thai": (["Somchai", "Anan", "Prasert", "Kittisak"], ["Malee", "Sirinya", "Pornthip"],
             ["Wongsawat", "Srisuk", "Chaiyaporn", "Rattanakul"]),
    "india": (["Arjun", "Rahul", "Vikram", "Sanjay", "Anil"], ["Priya", "Meera", "Kavita", "Anjali"],
              ["Mehta", "Iyer", "Kulkarni", "Bhatnagar", "Reddy", "Chaturvedi"]),
    "central_europe": (["Gábor", "Zoltán", "Márton", "Levente", "Ferenc"], ["Eszter", "Katalin", "Zsófia", "Réka"],
                       ["Kovács", "Horváth", "Szalai", "Varga", "Tóth", "Molnár", "Balogh"]),
    "slav": (["Tomasz", "Petr", "Marek", "Dragan", "Nikola", "Ivo", "Bojan", "Jakub", "Stefan"],
             ["Ewa", "Jana", "Milena", "Ivana", "Katarina", "Zuzana", "Desislava"],
             ["Wierzbicki", "Novotný", "Petrović", "Horvat", "Kolar", "Dimitrov", "Marković", "Zielinski",
              "Hruška", "Jovanović", "Georgiev"]),
    "latin": (["Marc", "Julien", "Lorenzo", "Matteo", "Javier", "Andrei", "Tiago", "Rui", "Mihai", "Olivier"],
              ["Claire", "Giulia", "Elena", "Ioana", "Inês", "Sophie", "Lucía", "Francesca"],
              ["Delorme", "Ferraro", "Montes", "Popescu", "Carvalho", "Bertrand", "Rinaldi", "Navarro", "Ionescu",
               "Moreira", "Lefort", "Castellani"]),
    "germanic": (["Lukas", "Florian", "Matthias", "Stefan"], ["Katharina", "Lena", "Birgit"],
                 ["Gruber", "Steiner", "Hofbauer", "Leitner", "Wimmer"]),
    "nordic": (["Mikko", "Anders", "Johan", "Erik", "Juha"], ["Anna", "Kaisa", "Ingrid", "Sanna"],
               ["Lindqvist", "Virtanen", "Halvorsen", "Nyström", "Korhonen", "Bergström"]),
    "greek": (["Nikos", "Yannis", "Kostas", "Dimitris"], ["Eleni", "Katerina", "Sofia"],
              ["Papadakis", "Karamanlis", "Stavrou", "Alexiou", "Georgiou"]),
    "arab": (["Karim", "Youssef", "Hichem", "Mehdi", "Nabil", "Sofiane", "Anouar"],
             ["Amina", "Leïla", "Nadia", "Samira", "Yasmine"],
             ["Benslimane", "Haddad", "Bouzid", "El Amrani", "Mansouri", "Belkacem", "Tazi", "Chérif"]),
    "west_africa": (["Mamadou", "Kwame", "Ousmane", "Kofi", "Abdoulaye", "Cheikh"],
                    ["Awa", "Akosua", "Fatou", "Aminata", "Efua"],
                    ["Diallo", "Mensah", "Ndiaye", "Owusu", "Sarr", "Asante", "Fall", "Boateng"]),
    "east_africa": (["David", "Samuel", "Joseph", "Peter"], ["Grace", "Wanjiru", "Faith"],
                    ["Kamau", "Otieno", "Mwangi", "Njoroge", "Kiprono"]),
    "lusophone": (["João", "Paulo", "Manuel", "Rodrigo", "Marcelo"], ["Ana", "Beatriz", "Luísa", "Teresa"],
                  ["Almeida", "Barbosa", "Cunha", "Mendonça", "Teixeira", "Valadares"]),
    "latam": (["Rodrigo", "Andrés", "Felipe", "Sebastián", "Diego", "Ramón", "Emilio"],
              ["Valentina", "Camila", "Gabriela", "Mariana", "Lucía"],
              ["Salazar", "Herrera", "Echeverría", "Fuentes", "Villalobos", "Cordero", "Ibarra", "Reyes"]),
}
_FAMILY_FIRST = {"korea", "viet"}
_FEMININE = {"central": lambda s: s + "a" if s.endswith(("ov", "ev", "in")) else s,
             "slav": lambda s: s[:-1] + "a" if s.endswith("ki") else (s[:-1] + "á" if s.endswith("ý") else s)}

# (gold level, French phrasings); ranks rise down the list
LEVELS = [
    ("comprehensive_partnership", ["partenariat global", "partenariat intégral"]),
    ("strategic_partnership", ["partenariat stratégique"]),
    ("comprehensive_strategic_partnership", ["partenariat stratégique global", "partenariat stratégique intégral"]),
]
# (kind, French noun phrase before the topic, how the topic is introduced)
DOCUMENTS = [
    ("memorandum", "un mémorandum d'entente",
     ["sur la coopération dans le domaine de {t}", "dans le domaine de {t}"]),
    ("agreement", "un accord", ["de coopération dans le domaine de {t}", "sur {t}"]),
    ("action_plan", "un plan d'action", ["pour {t}"]),
    ("programme", "un programme", ["de coopération dans le domaine de {t}"]),
    ("letter_of_intent", "une lettre d'intention", ["sur {t}"]),
]
TOPICS = ["l'énergie", "l'agriculture", "la santé", "l'éducation", "la culture", "le tourisme", "les transports",
          "la sécurité alimentaire", "les énergies renouvelables", "la gestion de l'eau",
          "la recherche scientifique",
          "la protection de l'environnement", "les technologies numériques", "la formation professionnelle",
          "l'industrie pharmaceutique", "la coopération douanière", "les minerais critiques", "le sport"]
PRODUCTS = ["des hydrocarbures", "des céréales", "des engrais", "des machines agricoles", "des médicaments",
            "des textiles", "de l'électronique", "des métaux", "du café", "du bois", "des véhicules", "des fruits"]
SECTORS = ["l'énergie", "la construction", "l'agroalimentaire", "la logistique", "la santé", "les télécommunications",
           "les mines", "le tourisme", "la banque"]
SUBJECTS = ["le commerce", "l'énergie", "les transports", "l'agriculture", "l'industrie", "les investissements",
            "la logistique", "la sécurité régionale", "l'éducation", "le numérique", "la culture", "la santé"]
# no apostrophe in a name: articles differ in theirs (' or ’), and one honour has one label per language
HONOURS = ["ordre du Mérite", "ordre de la Coopération", "ordre national du Lion", "médaille de la Fraternité",
           "ordre de la Gloire", "ordre du Croissant", "ordre de la Paix", "ordre de la Grande Étoile"]
PALACES = ["au palais présidentiel", "à la résidence officielle", "au siège du gouvernement", "au palais d'État",
           "au palais de l'Indépendance"]
AGENCIES = ["Agence", "Presse diplomatique", "Correspondance", "Service international"]
JOURNALISTS = ["Claire Vasseur", "Tomás Iriarte", "Aïcha Benali", "Marko Ilić", "Hélène Duroc", "Bao Ngoc",
               "Samuel Ortega", "Irina Volkova", "Jean-Baptiste Koffi", "Ingrid Moberg"]
EXPERTS = ["Paul Garnier, chercheur à l'Institut d'études internationales", "Lina Haddad, économiste",
           "Oleg Sarkis, analyste au Centre d'études eurasiennes", "Maria Conti, politologue",
           "Ahmed Ouali, spécialiste des relations internationales", "Nora Lindholm, chercheuse associée"]


@dataclass
class Person:
    name: str
    female: bool
    family_first: bool

    @property
    def surname(self) -> str | None:
        return None if self.family_first else self.name.split(" ", 1)[1]

    def e(self) -> str:
        """The feminine ending of a past participle."""
        return "e" if self.female else ""


@dataclass
class World:
    """The cast of one seed: every state's office holders, and the
    partnership level each pair of states has reached so far."""
    rng: random.Random
    officials: dict = field(default_factory=dict)   # (code, office) -> Person
    levels: dict = field(default_factory=dict)      # (code, code) sorted -> rank index in LEVELS
    used: set = field(default_factory=set)
    honour_offset: int = 0                          # which honour each state confers

    def person(self, region: str) -> Person:
        males, females, surnames = _POOLS[region]
        while True:
            female = self.rng.random() < 0.3
            if region in _FAMILY_FIRST:
                name = self.rng.choice(females if female else males)
            else:
                last = self.rng.choice(surnames)
                if female and region in _FEMININE:
                    last = _FEMININE[region](last)
                name = f"{self.rng.choice(females if female else males)} {last}"
            if name not in self.used:
                self.used.add(name)
                return Person(name, female, region in _FAMILY_FIRST)

    def official(self, c: Country, office: str) -> Person:
        key = (c.code, office)
        if key not in self.officials:
            self.officials[key] = self.person(c.region)
        return self.officials[key]


def _day(d: date) -> str:
    return "1er" if d.day == 1 else str(d.day)


def _span(a: date, b: date) -> str:
    """ "du 12 au 14 mars", "du 30 avril au 2 mai"."""
    if a.month == b.month:
        return f"du {_day(a)} au {_day(b)} {MONTHS[b.month - 1]}"
    return f"du {_day(a)} {MONTHS[a.month - 1]} au {_day(b)} {MONTHS[b.month - 1]}"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class _Article:
    """One article: its paragraphs and the gold rows they state."""

    def __init__(self, world: World, rng: random.Random, start: date):
        self.w, self.rng = world, rng
        self.guest_c, self.host_c = rng.sample(COUNTRIES, 2)
        self.start = start
        self.gold = {k: [] for k in ("states", "leaders", "visits", "talks", "partnership-changes", "agreements",
                                     "targets", "honours")}
        self.gold["planned"] = {"visits": [], "talks": [], "partnership-changes": [], "agreements": []}
        self.named: set = set()

    # -- people and their titles -------------------------------------------
    def person(self, c: Country, office: str) -> Person:
        return self.w.official(c, office)

    def title(self, p: Person, office: str) -> str:
        return {"hos": "présidente" if p.female else "président",
                "hog": "Première ministre" if p.female else "Premier ministre",
                "fm": "ministre des Affaires étrangères",
                "chair": "présidente du Parlement" if p.female else "président du Parlement"}[office]

    def name(self, c: Country, office: str, p: Person) -> None:
        """Record a leader row the first time an office holder is named."""
        role = {"hos": "head_of_state", "hog": "head_of_government", "fm": "foreign_minister",
                "chair": "legislature_chair"}[office]
        if (p.name, role) not in self.named:
            self.named.add((p.name, role))
            self.gold["leaders"].append({"name": p.name, "role": role, "state": c.code})

    def full(self, c: Country, office: str, style: int | None = None) -> str:
        """First mention: "le président kazakh Aidar Nurlanov" or "le président du Kazakhstan, Aidar Nurlanov,"."""
        p = self.person(c, office)
        self.name(c, office, p)
        art = "la" if p.female else "le"
        dem = c.dem_f if p.female else c.dem
        style = self.rng.randrange(2) if style is None else style
        if office == "fm":
            return f"{art} ministre {dem} des Affaires étrangères, {p.name},"
        if style == 0:
            return f"{art} {self.title(p, office)} {dem} {p.name}"
        return f"{art} {self.title(p, office)} {c.of}, {p.name},"

    def ref(self, c: Country, office: str) -> str:
        """A later mention: the name again, a bare surname or the title with the demonym."""
        p = self.person(c, office)
        dem = c.dem_f if p.female else c.dem
        options = [p.name, p.name]
        if p.surname:
            options.append(p.surname)
        if office == "hos" and not p.female:
            options.append(f"le chef de l'État {dem}")
        elif office == "hog" and not p.female:
            options.append(f"le chef du gouvernement {dem}")
        else:
            options.append(f"{'la' if p.female else 'le'} {self.title(p, office)} {dem}")
        return self.rng.choice(options)

    def talk(self, kind: str, a: str, b: str, planned: bool = False) -> None:
        x, y = sorted([a, b])
        row = {"kind": kind, "a": x, "b": y}
        (self.gold["planned"]["talks"] if planned else self.gold["talks"]).append(row)

    # -- the article ---------------------------------------------------------
    def compose(self) -> tuple[str, str]:
        rng, g, h = self.rng, self.guest_c, self.host_c
        self.gold["states"] = [{"code": c} for c in sorted([g.code, h.code])]
        go = g.lead if rng.random() < 0.75 or g.system == "presonly" else {"hos": "hog", "hog": "hos"}[g.lead]
        if go == "hos" and g.system == "mon":
            go = "hog"
        # the counterpart holds the same office if the host has it, else the host's lead office
        ho = go if not (go == "hos" and h.system == "mon") and not (go == "hog" and h.system == "presonly") else h.lead
        self.go, self.ho = go, ho
        guest = self.person(g, go)
        vtype, vphrase = rng.choice([("state", "visite d'État"), ("official", "visite officielle"),
                                     ("official", "visite officielle"), ("working", "visite de travail"),
                                     ("unspecified", "visite")])
        days = rng.choice([1, 2, 2, 3, 3, 4]) if vtype != "working" else rng.choice([1, 2])
        end = self.start + timedelta(days=days - 1)
        if end.year != self.start.year:         # a range across New Year would need two years written
            end = date(self.start.year, 12, 31)
        paras = [self.lead(vtype, vphrase, end)]
        if self.article_date.year != self.start.year:   # a report of the new year would put "31 décembre" in it
            self.article_date = self.start
        if rng.random() < 0.3:      # a dispatch's dateline: where and when it was filed
            filed = self.article_date
            paras[0] = (f"{h.capital.upper()}, {_day(filed)} {MONTHS[filed.month - 1]} ({rng.choice(AGENCIES)}) — "
                        + paras[0])
        # each paragraph but the talks is there or not, by chance: not every article reports everything
        paras += [p for p in (self.talks_para(), self.level_para(), self.documents_para(), self.meeting_para(),
                              self.target_para(), self.honour_para()) if p]
        paras[2:2] = self.context()
        if rng.random() < 0.6:
            paras.insert(min(2, len(paras)), self.caption())
        paras += self.colour()
        head = self.headline(guest)
        when = self.article_date
        date_line = f"date {when.isoformat()}" if rng.random() < 0.7 else f"date {when.isoformat()[:7]}"
        byline = [f"Par {rng.choice(JOURNALISTS)}"] if rng.random() < 0.5 else []
        text = "\n\n".join([date_line, head, *byline, *paras]) + "\n"
        if rng.random() < 0.5:
            text = text.replace("'", "’")
        slug = f"{_slug(g.name)}_{_slug(h.name)}"
        return slug, text

    def lead(self, vtype: str, vphrase: str, end: date) -> str:
        rng, g, h, go, ho = self.rng, self.guest_c, self.host_c, self.go, self.ho
        guest, host = self.person(g, go), self.person(h, ho)
        gfull = self.full(g, go)
        start, one_day = self.start, end == self.start
        typed = f"une {vphrase}"
        self.article_date = start
        variant = rng.randrange(5)
        if variant == 0 and not one_day:
            s = f"{_cap(gfull)} effectue {_span(start, end)} {typed} {h.to}"
        elif variant == 1 and not one_day:
            self.article_date = end + timedelta(days=1)
            s = f"{_cap(gfull)} a effectué {_span(start, end)} {typed} {h.to}"
        elif variant == 2 and not one_day:
            s = (f"{_cap(gfull)} est arrivé{guest.e()} {WEEKDAYS[start.weekday()]} {_day(start)} "
                 f"{MONTHS[start.month - 1]} à {h.capital} pour {typed} de {NUMBERS[(end - start).days + 1]} jours")
        elif variant == 3 and not one_day:
            s = f"{_cap(gfull)} se rend {_span(start, end)} {h.to} pour {typed}"
        else:
            self.article_date, end = start + timedelta(days=1), start
            s = (f"{_cap(gfull)} a effectué {WEEKDAYS[start.weekday()]} {_day(start)} {MONTHS[start.month - 1]} "
                 f"{typed} d'une journée {h.to}")
        invited = rng.random() < 0.75
        if invited:
            if go == ho:
                self.name(h, ho, host)
                s += f", à l'invitation de son homologue {h.dem_f if host.female else h.dem} {host.name}"
            else:
                title_name = self.full(h, ho, style=0).split(" ", 1)[1]     # without its article
                s += f", à l'invitation {'de la' if host.female else 'du'} {title_name}"
        s += "."
        self.gold["visits"].append({"guest": guest.name, "guest_state": g.code, "host_state": h.code, "type": vtype,
                                    "start": start.isoformat(), "end": end.isoformat(),
                                    "invited_by": host.name if invited else ""})
        return s + rng.choice([
            "", "", " Il s'agit du premier déplacement de ce niveau entre les deux pays depuis plusieurs années.",
            f" Le déplacement intervient alors que les deux pays célèbrent le {rng.choice([20, 25, 30])}e "
            f"anniversaire de leurs relations diplomatiques."])

    def talks_para(self):
        rng, g, h, go, ho = self.rng, self.guest_c, self.host_c, self.go, self.ho
        guest, host = self.person(g, go), self.person(h, ho)
        if host.name not in {r["name"] for r in self.gold["leaders"]}:
            href = self.full(h, ho, style=0)
        else:
            href = host.name
        first, second, third = rng.sample(SUBJECTS, 3)
        subjects = f"{first}, {second} et {third}"
        v = rng.randrange(3)
        if v == 0:
            s = (f"{_cap(rng.choice(PALACES))}, {self.ref(g, go)} s'est entretenu{guest.e()} avec {href} en "
                 f"format restreint, avant une séance de travail élargie aux deux délégations. Les échanges ont "
                 f"porté sur {subjects}.")
        elif v == 1:
            s = (f"{guest.name} et {href} se sont entretenus {rng.choice(PALACES)}. Selon un communiqué publié à "
                 f"l'issue de la rencontre, les discussions ont notamment porté sur {subjects}.")
        else:
            s = (f"Dès son arrivée, {self.ref(g, go)} a eu des entretiens avec {href}, portant sur {subjects}. "
                 f"Les deux dirigeants ont également abordé les questions régionales.")
        self.talk("talks", guest.name, host.name)
        return s

    def level_para(self):
        rng, g, h = self.rng, self.guest_c, self.host_c
        if rng.random() < 0.45:
            return None
        pair = tuple(sorted([g.code, h.code]))
        cur = self.w.levels.get(pair)
        top = len(LEVELS) - 1
        if cur == top:
            return None
        frm = None
        if cur is None:
            new = rng.choice([0, 1, 1, 2])
            if rng.random() < 0.4 and new > 0:
                frm = rng.randrange(new)         # a level the article states as the former one
        else:
            new = rng.randint(cur + 1, top)
            frm = cur if rng.random() < 0.6 else None
        self.w.levels[pair] = new
        to_txt = rng.choice(LEVELS[new][1])
        a, b = (g, h) if rng.random() < 0.5 else (h, g)
        if frm is None:
            s = rng.choice([
                f"Les deux dirigeants ont décidé d'établir un {to_txt} entre {a.the} et {b.the}.",
                f"{_cap(a.the)} et {b.the} ont décidé d'élever leurs relations au rang de {to_txt}.",
                f"À l'issue des entretiens, les deux pays ont porté leurs relations au niveau d'un {to_txt}.",
            ])
        else:
            from_txt = rng.choice(LEVELS[frm][1])
            s = rng.choice([
                f"Les deux pays ont élevé leur {from_txt} au rang de {to_txt}.",
                f"{_cap(a.the)} et {b.the}, jusqu'ici liés par un {from_txt}, ont élevé leurs relations au rang de "
                f"{to_txt}.",
            ])
        extra = rng.randrange(3)
        s += ["", " Ce nouveau cadre doit, selon les deux présidences, donner une impulsion durable à la "
                  "coopération.",
              " Une déclaration commune précisant les axes de ce partenariat a été publiée."][extra]
        if extra == 2:
            self.gold["agreements"].append({"kind": "joint_statement", "topic": ""})
        self.gold["partnership-changes"].append({"state_a": pair[0], "state_b": pair[1],
                                                 "from_level": LEVELS[frm][0] if frm is not None else "",
                                                 "to_level": LEVELS[new][0]})
        return s

    def documents_para(self):
        rng, g, h = self.rng, self.guest_c, self.host_c
        if rng.random() < 0.25:
            return None
        docs, phrases = [], []
        for kind, noun, forms in rng.sample(DOCUMENTS, rng.randint(1, 3)):
            topic = rng.choice([t for t in TOPICS if t not in {d[1] for d in docs}])
            docs.append((kind, topic))
            phrases.append(f"{noun} {rng.choice(forms).format(t=topic)}")
        listed = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " et " + phrases[-1]
        listed = listed.replace("de le ", "du ").replace("de les ", "des ")
        v = rng.randrange(3)
        if v == 0:
            fm_g, fm_h = self.full(g, "fm"), self.full(h, "fm")
            s = f"En présence des deux dirigeants, {fm_g} et {fm_h} ont signé {listed}."
        elif v == 1:
            s = f"À l'issue des entretiens, les deux parties ont signé {listed}."
        else:
            s = f"Sous le regard des deux dirigeants, les délégations ont ensuite signé {listed}."
        for kind, topic in docs:
            self.gold["agreements"].append({"kind": kind, "topic": _topic(topic)})
        return s

    def meeting_para(self):
        rng, g, h, go = self.rng, self.guest_c, self.host_c, self.go
        guest = self.person(g, go)
        other = "hog" if self.ho == "hos" and h.system != "presonly" else None
        if other is None or rng.random() < 0.3:
            return None
        v = rng.randrange(3)
        if v == 2 and rng.random() < 0.5:
            other = "chair"         # the head of parliament, met later
        pm = self.person(h, other)
        full = self.full(h, other, style=0)
        gref = _cap(self.ref(g, self.go))
        if v == 0:
            s = (f"{gref} a également rencontré {full}, avec qui {'elle' if guest.female else 'il'} a évoqué "
                 f"les projets d'investissement en cours.")
            self.talk("meeting", guest.name, pm.name)
        elif v == 1:
            s = (f"Le lendemain, {gref} a été reçu{guest.e()} par {full} au siège du gouvernement, où les deux "
                 f"responsables ont fait le point sur les grands chantiers communs.")
            self.talk("meeting", guest.name, pm.name)
        else:
            wd = WEEKDAYS[(self.start.weekday() + 1) % 7]
            s = (f"{_cap(wd)}, {gref[:1].lower() + gref[1:] if gref.startswith(('Le ', 'La ')) else gref} doit "
                 f"rencontrer {full}, avant de participer à un forum d'affaires réunissant plusieurs centaines "
                 f"d'entreprises des deux pays.")
            self.talk("meeting", guest.name, pm.name, planned=True)
        return s

    def target_para(self):
        rng, g, h = self.rng, self.guest_c, self.host_c
        if rng.random() < 0.5:
            return None
        unit, cur = rng.choice([("USD", "de dollars"), ("USD", "de dollars"), ("EUR", "d'euros")])
        if rng.random() < 0.6:
            n = rng.randint(1, 20)
            amount, value = f"{n} milliard{'s' if n > 1 else ''} {cur}", n * 10 ** 9
        else:
            n = rng.choice([200, 300, 500, 750, 800])
            amount, value = f"{n} millions {cur}", n * 10 ** 6
        if rng.random() < 0.5:
            year = self.start.year + rng.randint(3, 8)
            when, horizon = f"d'ici {year}", str(year)
        else:
            k = rng.randint(2, 5)
            when, horizon = f"au cours des {NUMBERS[k]} prochaines années", f"P{k}Y"
        v = rng.randrange(3)
        if v == 0:
            s = f"Les deux parties entendent porter les échanges commerciaux à {amount} {when}."
        elif v == 1:
            s = (f"{g.capital} et {h.capital} se sont fixé pour objectif de porter leurs échanges commerciaux à "
                 f"{amount} {when}.")
        else:
            now = value * rng.randint(25, 70) // 100 // 10 ** 6      # in millions
            now = f"{now} millions" if now < 1000 else f"{now / 1000:.1f} milliards".replace(".", ",")
            s = (f"Les deux dirigeants se sont engagés à porter le commerce bilatéral à {amount} {when}, contre "
                 f"{now} {cur} l'an dernier.")
        self.gold["targets"].append({"metric": "bilateral_trade", "value": str(value), "unit": unit,
                                     "horizon": horizon})
        return s

    def honour_para(self):
        rng, g, h = self.rng, self.guest_c, self.host_c
        if rng.random() < 0.7:
            return None
        guest, host = self.person(g, self.go), self.person(h, self.ho)
        honour = HONOURS[(COUNTRIES.index(h) + self.w.honour_offset) % len(HONOURS)]
        art = "la " if honour.startswith("médaille") else "l'"
        if rng.random() < 0.5:
            s = (f"À l'issue des entretiens, {self.ref(h, self.ho)} a décoré {guest.name} de {art}{honour}, en "
                 f"reconnaissance de sa contribution au développement des relations entre les deux pays.")
        else:
            s = (f"Au cours d'une cérémonie {rng.choice(PALACES)}, {guest.name} s'est vu remettre {art}{honour} par "
                 f"{host.name}.")
        self.gold["honours"].append({"recipient": guest.name, "honour": honour, "conferred_by": host.name})
        return s

    def caption(self) -> str:
        guest, host = self.person(self.guest_c, self.go), self.person(self.host_c, self.ho)
        where = self.rng.choice([f"à {self.host_c.capital}", "lors de la cérémonie d'accueil", "devant la presse"])
        credit = self.rng.choice(["service de presse", "AFP", "présidence"])
        return f"{guest.name} et {host.name} {where}. Photo : {credit}"

    def context(self) -> list[str]:
        """Paragraphs without a fact to extract: trade, delegation, diplomacy."""
        rng, g, h = self.rng, self.guest_c, self.host_c
        first, second = rng.sample(PRODUCTS, 2)
        sector, other = rng.sample(SECTORS, 2)
        options = [
            f"Selon les douanes {h.dem_f}s, les échanges entre les deux pays ont atteint {rng.randint(60, 900)} "
            f"millions de dollars l'an dernier, essentiellement {first} et {second}. Les deux gouvernements jugent "
            f"ce volume très en deçà du potentiel de leurs économies.",
            f"La délégation {g.dem_f} comprenait plusieurs membres du gouvernement ainsi qu'une cinquantaine de chefs "
            f"d'entreprise, venus notamment des secteurs {_of(sector)} et {_of(other)}.",
            "Les deux pays coordonnent également leurs positions au sein des Nations unies et souhaitent renforcer "
            "le dialogue entre leurs régions respectives, jusqu'ici limité à quelques rencontres multilatérales.",
            f"Plusieurs projets sont déjà en cours, notamment dans {sector}, où des entreprises {g.dem_f}s ont "
            f"remporté des contrats importants ces dernières années, malgré la concurrence de groupes européens "
            f"et asiatiques.",
        ]
        return rng.sample(options, rng.randint(2, 3))

    def colour(self) -> list[str]:
        """The closing paragraphs: an analyst's view, history, a signature."""
        rng, g, h = self.rng, self.guest_c, self.host_c
        out = []
        if rng.random() < 0.8:
            expert = rng.choice(EXPERTS)
            out.append(rng.choice([
                f"Pour {expert}, {g.the} cherche à diversifier ses partenaires : « Ce rapprochement avec {h.the} "
                f"ouvre des débouchés que les marchés voisins ne suffisent plus à offrir. »",
                f"« Les deux capitales ont des intérêts complémentaires, mais les projets annoncés devront encore "
                f"trouver leur financement », nuance {expert}.",
                f"« Il faudra du temps pour que ces engagements se traduisent dans les chiffres du commerce », "
                f"estime {expert}, qui rappelle que la distance et le coût du transport restent des obstacles.",
            ]))
        if rng.random() < 0.6:
            out.append(f"Les deux pays entretiennent des relations diplomatiques depuis {rng.randint(1960, 1995)}, "
                       f"et plusieurs entreprises {h.dem_f}s sont déjà implantées à {g.capital}.")
        if rng.random() < 0.4:
            out.append(rng.choice(JOURNALISTS))
        return out

    def headline(self, guest: Person) -> str:
        g, h = self.guest_c, self.host_c
        changes = self.gold["partnership-changes"]
        options = [f"{guest.name} à {h.capital} : {g.the} et {h.the} resserrent leurs liens",
                   f"{_cap(g.the)} et {h.the} veulent donner un nouvel élan à leur coopération"]
        if changes:
            lv = next(t for k, t in LEVELS if k == changes[0]["to_level"])[0]
            options.append(f"{_cap(h.the)} et {g.the} se dotent d'un {lv}")
        if self.gold["targets"]:
            options.append(f"{guest.name} en visite {h.to} : les échanges commerciaux au cœur des discussions")
        return _cap(self.rng.choice(options))


def _of(phrase: str) -> str:
    """ "de" before a noun phrase: "de l'énergie", "du tourisme", "des mines"."""
    for art, de in (("le ", "du "), ("les ", "des ")):
        if phrase.startswith(art):
            return de + phrase[len(art):]
    return "de " + phrase


def _topic(t: str) -> str:
    """The gold topic: the phrase without its article ("l'énergie" -> "énergie")."""
    for art in ("l'", "la ", "le ", "les "):
        if t.startswith(art):
            return t[len(art):]
    return t


def _slug(name: str) -> str:
    from ..graph.ids import slug
    return slug(name).replace("-", "")


def compose(n: int, seed: int):
    """Yield ``(stem, text, gold)`` for the ``n`` articles of ``seed``, in order.

    >>> [stem for stem, _, _ in compose(2, seed=1)]      # doctest: +ELLIPSIS
    ['s1_0001_...', 's1_0002_...']
    """
    rng = random.Random(f"dipkg synthetic articles {seed}")
    world = World(rng)
    world.honour_offset = rng.randrange(len(HONOURS))
    day = date(2018, 1, 1) + timedelta(days=rng.randrange(365))
    width = max(4, len(str(n)))
    for i in range(1, n + 1):
        day += timedelta(days=rng.randint(3, 6))    # a visit lasts at most four days: first days never meet
        art = _Article(world, rng, day)
        slug, text = art.compose()
        stem = f"s{seed}_{i:0{width}d}_{slug}"
        gold = {"article": f"{stem}.txt", **art.gold}
        yield stem, text, gold


def write_articles(n: int, seed: int, out_dir: Path, gold: bool = False) -> list[Path]:
    """Write ``n`` synthetic articles for ``seed`` into ``out_dir`` (created if
    needed), each atomically; with ``gold=True`` also each one's
    ``.gold.json`` (the format of ``tests/articles``), for ``kg eval``.
    Returns the articles' paths, in order.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> [p.name for p in write_articles(1, 3, d, gold=True)]    # doctest: +ELLIPSIS
    ['s3_0001_...txt']
    >>> len(list(d.glob("*.gold.json")))
    1
    """
    from ..io.files import write_atomic

    out_dir = Path(out_dir)
    paths = []
    for stem, text, rows in compose(n, seed):
        path = out_dir / f"{stem}.txt"
        write_atomic(path, text.encode("utf-8"))
        if gold:
            write_atomic(out_dir / f"{stem}.gold.json",
                         (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        paths.append(path)
    return paths
