"""Entity resolution pieces through the library API: the gazetteer's
coverage, proper nouns versus common words, and names that look like
function words or places."""
from __future__ import annotations

import pytest

from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions import MentionFinder
from kg.extract.nlp import split


def test_gazetteer_has_every_un_member_by_its_french_name():
    g = Gazetteer.load()
    # 193 UN members, plus Palestine, the Holy See, Kosovo and Taiwan
    assert len(g.states) >= 197
    # bare names that are also first names or common nouns are matched only
    # with their article ("la Dominique", "au Salvador", "île Maurice")
    with_article = {"DM", "GD", "MU", "SV"}
    for code, st in g.states.items():
        assert st["label_en"] and st["names"]
        for name in st["names"]:        # no name is shared by two states
            assert g.state_by_name(name) == code, (code, name)
        if code not in with_article:
            assert g.state_by_name(st["label_fr"]) == code, (code, st["label_fr"])


@pytest.mark.parametrize("text, expected", [
    ("Le président Petro a reçu son homologue à Bogota.", {"CO"}),
    ("La visite de l'émir en Équateur.", {"EC"}),
    ("Le navire a franchi l'équateur sous un roseau.", set()),
    ("La présidente du Salvador est arrivée.", {"SV"}),
    ("Le vice-président Salvador Valdés Mesa est arrivé.", set()),
])
def test_state_mentions_are_proper_nouns(text, expected):
    finder = MentionFinder()
    ms = finder.find(text)
    names = [(p.name_start, p.name_start + len(p.name)) for p in ms.persons if p.name]
    found = {m.code for m in ms.states if m.via != "demonym" and not any(a <= m.start < b for a, b in names)}
    assert found == expected


def test_a_surname_that_folds_to_an_article_is_still_a_name():
    ms = MentionFinder().find("Il s'est entretenu avec le ministre vietnamien des Affaires étrangères, Lê Hoài Trung.")
    assert [(p.name, p.role, p.state) for p in ms.persons if p.name] == [("Lê Hoài Trung", "foreign_minister", "VN")]


def test_a_place_before_a_title_is_not_a_name():
    ms = MentionFinder().find("Après Astana, le président vietnamien poursuit sa tournée.")
    assert not [p for p in ms.persons if p.name]


def test_sentences_do_not_break_after_an_abbreviated_title():
    text = "Il a été reçu par M. Kalniņš. Puis il est parti."
    assert [t for _, t in split(text)] == ["Il a été reçu par M. Kalniņš.", "Puis il est parti."]


@pytest.mark.parametrize("text, expected", [
    # a lower-case particle inside a surname, a place after it ends the name
    ("reçu par le président de la République, Marcelo Rebelo de Sousa, à Lisbonne",
     ("Marcelo Rebelo de Sousa", "head_of_state")),
    ("le président Ilham Aliyev de Bakou", ("Ilham Aliyev", "head_of_state")),
    # a qualifier between title and name
    ("avec le président fédéral Frank-Walter Steinmeier", ("Frank-Walter Steinmeier", "head_of_state")),
    # a legislature named after "de l'"
    ("le président de l'Eduskunta, Jussi Koskinen,", ("Jussi Koskinen", "legislature_chair")),
    ("la présidente de l’Assemblée de la République, Ana Lúcia Reis,", ("Ana Lúcia Reis", "legislature_chair")),
])
def test_titled_names(text, expected):
    ms = MentionFinder().find(text)
    assert [(p.name, p.role) for p in ms.persons if p.name] == [expected]
