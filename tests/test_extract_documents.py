"""kg extract: documents, levels and targets as the press words them (issue 23,
phenomena 10 to 13), on articles written for these tests."""
from __future__ import annotations

import pytest


def rows(kg, tmp_path, text, name, *params):
    """The rows of the named query ``name`` over the extraction of ``text``."""
    return kg.rows(name, kg.extract_text(tmp_path, text), *params)


def test_documents_listed_without_a_verb_each(kg, tmp_path):
    """Phenomenon 10: the items of « notamment X ; Y », of numbered or dashed
    lines after « les textes suivants ont été signés : », of « D'autres
    documents concernent X et Y » and of « douze documents, dont X » are each a
    document signed during the visit; « des documents » and « les textes »
    themselves, whose topic is not given, are none."""
    text = ("date 2025-05-14\n\nLe président chilien Tomás Ruiz a effectué du 12 au 14 mai une visite d'État en "
            "Indonésie, à l'invitation de la présidente Ratna Dewi.\n"
            "Les deux présidents ont assisté à l'échange de documents, notamment un mémorandum sur la pêche "
            "artisanale ; un programme culturel.\n"
            "À l'issue des entretiens, les textes suivants ont été signés :\n"
            "1. un accord sur la double imposition ;\n"
            "2. un mémorandum d'entente dans le domaine de la géologie ;\n"
            "- une lettre d'intention sur les énergies marines.\n"
            "D'autres documents concernent la recherche polaire et la protection civile.\n"
            "Au total, douze documents ont été signés, dont un accord sur le transport aérien.\n")
    got = rows(kg, tmp_path, text, "agreements")
    assert sorted((r["kind"], r["topic"]) for r in got) == [
        ("agreement", "double imposition"), ("agreement", "transport aérien"), ("document", "protection civile"),
        ("document", "recherche polaire"), ("letter_of_intent", "énergies marines"), ("memorandum", "géologie"),
        ("memorandum", "pêche artisanale"), ("programme", "culturel")]
    assert all(r["during"].endswith("/visit/2025-05-12/tomas-ruiz/ID") for r in got)


def test_mentions_that_are_not_new_signings(kg, tmp_path):
    """Phenomenon 11: a joint statement cited again (« Selon la déclaration
    conjointe ») is the one already read; texts in force or carried out are
    documents, but not of the visit; « vont signer » and « d'élaborer un plan
    d'action » are planned; a memorandum with no topic is not counted."""
    text = ("date 2025-05-14\n\nLa présidente indonésienne Ratna Dewi a effectué les 13 et 14 mai une visite "
            "officielle au Chili, à l'invitation du président Tomás Ruiz. Les deux présidents ont publié une "
            "déclaration conjointe sur la sécurité alimentaire. Selon la déclaration conjointe, les deux pays "
            "doubleront le nombre de leurs étudiants boursiers. Ils ont salué l'accord sur la protection des "
            "investissements, entré en vigueur en 2019, et la mise en œuvre de l'accord sur les services aériens. "
            "Les ministres du Commerce vont signer l'an prochain un accord sur les marchés publics, et les deux "
            "gouvernements sont convenus d'élaborer un plan d'action sur la transition énergétique. Un mémorandum "
            "a également été signé en présence des deux présidents.\n")
    got = rows(kg, tmp_path, text, "agreements")
    assert sorted((r["kind"], r["topic"], bool(r.get("during"))) for r in got) == [
        ("agreement", "protection des investissements", False), ("agreement", "services aériens", False),
        ("joint_statement", "sécurité alimentaire", True)]
    planned = rows(kg, tmp_path, text, "agreements", "--param", "status=planned")
    assert sorted((r["kind"], r["topic"]) for r in planned) == [
        ("action_plan", "transition énergétique"), ("agreement", "marchés publics")]


VISIT = ("date 2025-05-14\n\nLe président chilien Tomás Ruiz a effectué du 12 au 14 mai une visite d'État en "
         "Indonésie, à l'invitation de la présidente Ratna Dewi. ")


@pytest.mark.parametrize("sentence, levels", [
    ("Le Chili et l'Indonésie scellent ainsi leur partenariat stratégique global.",
     ["comprehensive_strategic_partnership"]),
    ("Les deux présidents ont signé une déclaration conjointe sur le partenariat stratégique entre leurs pays.",
     ["strategic_partnership"]),
    ("Santiago et Jakarta forgent un partenariat intégral.", ["comprehensive_partnership"]),
    ("Selon les deux présidents, la visite a établi des fondements durables pour les relations d'amitié et de "
     "coopération entre les deux pays.", []),
])
def test_level_changes_without_a_verb_of_change(kg, tmp_path, sentence, levels):
    """Phenomenon 12: « scellent », « forgent » a partnership, and a joint
    statement « sur le partenariat stratégique » make the two states partners
    at that level; foundations laid « pour les relations d'amitié et de
    coopération » change no level."""
    got = rows(kg, tmp_path, VISIT + sentence + "\n", "partnership-changes")
    assert [(r["state_a"], r["state_b"], r["to_level"]) for r in got] == [("CL", "ID", lv) for lv in levels]


@pytest.mark.parametrize("before, unit", [
    ("", "USD"),
    ("Le commerce bilatéral a progressé de 12 % pour atteindre 3 milliards de dollars en 2024. ", "USD"),
    ("Les échanges ont atteint 800 millions d'euros l'an dernier. ", "EUR"),
])
def test_targets_as_a_trajectory_with_currency_implied(kg, tmp_path, before, unit):
    """Phenomenon 13: « devraient atteindre 4 milliards en 2026 et 6
    milliards d'ici 2030 » is two targets, each with its year; the currency
    unsaid is that of the article's other amounts, US dollars when it names
    none (ISO 4217 codes, as the gold conventions say); an amount reached in
    a year gone is no target."""
    text = VISIT + before + "Les échanges devraient atteindre 4 milliards en 2026 et 6 milliards d'ici 2030.\n"
    got = rows(kg, tmp_path, text, "targets")
    assert sorted((r["value"], r["unit"], r["horizon"]) for r in got) == [
        ("4000000000", unit, "2026"), ("6000000000", unit, "2030")]


def test_lists_under_a_generic_noun_trajectories_and_more_ways_to_set_a_level(kg, tmp_path):
    """Round two of issue 23, on sentences written for the test: « les
    documents de coopération, notamment un accord … » heads a list and is no
    document; a statement « relative au partenariat … » has that topic and
    sets the level, as « consacrent / ont inscrit leurs relations dans un
    partenariat » do; a trajectory's later steps « et à 900 millions d'ici
    2030 », « puis atteindre un milliard d'ici 2032 »."""
    text = ("date 2025-09-18\n\nLe Ghana et la Suède consacrent leur partenariat stratégique\n\n"
            "ACCRA, 17 septembre – Le Premier ministre suédois Ulf Kristersson a effectué les 16 et 17 septembre une "
            "visite officielle au Ghana, à l'invitation du président John Dramani Mahama.\n"
            "Les deux dirigeants ont assisté à l'échange des documents de coopération, notamment : un accord sur la "
            "pêche durable ; un programme d'échanges universitaires.\n"
            "Ils ont rendu publique une déclaration commune relative au partenariat stratégique entre les deux pays.\n"
            "Les deux dirigeants se sont fixé pour objectif de porter le commerce bilatéral à 400 millions de dollars "
            "en 2027 et à 900 millions d'ici 2030.\n")
    docs = sorted((r["kind"], r["topic"]) for r in rows(kg, tmp_path, text, "agreements"))
    assert docs == [("agreement", "pêche durable"), ("joint_statement", "partenariat stratégique"),
                    ("programme", "échanges universitaires")]
    changes = [(r["state_a"], r["state_b"], r["to_level"]) for r in rows(kg, tmp_path, text, "partnership-changes")]
    assert changes == [("GH", "SE", "strategic_partnership")]
    targets = sorted((r["value"], r["unit"], r["horizon"]) for r in rows(kg, tmp_path, text, "targets"))
    assert targets == [("400000000", "USD", "2027"), ("900000000", "USD", "2030")]


@pytest.mark.parametrize("sentence", [
    "Au terme de leur rencontre, Lisbonne et Accra ont inscrit leurs relations dans un « partenariat stratégique ».",
    "Les deux pays ont consacré jeudi leur partenariat stratégique.",
])
def test_a_level_set_without_a_verb_of_change(kg, tmp_path, sentence):
    text = ("date 2025-09-18\n\nLe président portugais Marcelo Rebelo de Sousa a effectué les 16 et 17 septembre une "
            "visite d'État au Ghana. " + sentence + "\n")
    changes = [(r["state_a"], r["state_b"], r["to_level"]) for r in rows(kg, tmp_path, text, "partnership-changes")]
    assert changes == [("GH", "PT", "strategic_partnership")]


def test_a_trajectory_whose_next_step_has_its_own_verb(kg, tmp_path):
    text = ("date 2025-09-18\n\nLa chancelière autrichienne a reçu le président kényan William Ruto, en visite "
            "officielle en Autriche. Selon la chancellerie, les échanges bilatéraux, évalués à 300 millions d'euros "
            "l'an dernier, devraient passer à 450 millions en 2027, puis atteindre un milliard d'ici 2032.\n")
    targets = sorted((r["value"], r["unit"], r["horizon"]) for r in rows(kg, tmp_path, text, "targets"))
    assert targets == [("1000000000", "EUR", "2032"), ("450000000", "EUR", "2027")]


def test_a_joint_communique_is_a_joint_statement(kg, tmp_path):
    """« un communiqué conjoint » is the parties' joint statement; « un
    communiqué de presse » stays a press release."""
    text = ("date 2025-09-18\n\nLe président béninois Patrice Talon a effectué les 16 et 17 septembre une visite "
            "officielle au Togo. Les deux parties ont publié un communiqué conjoint sur la sécurité des frontières. "
            "La présidence a diffusé un communiqué de presse conjoint sur la coopération portuaire.\n")
    docs = sorted((r["kind"], r["topic"]) for r in rows(kg, tmp_path, text, "agreements"))
    assert docs == [("joint_statement", "sécurité des frontières"), ("press_release", "coopération portuaire")]


def test_an_amount_reached_last_year_is_no_target_and_topics_after_the_verb(kg, tmp_path):
    """« porter les échanges, qui plafonnaient à 80 millions de dollars l'an
    dernier, à 300 millions en 2027 » sets 300 million, not 80; « Cinq accords
    ont été signés, portant notamment sur X, Y et Z » are three documents, and
    « un accord sur X a été signé, portant notamment sur Y » keeps X."""
    text = ("date 2025-09-18\n\nLe président kényan William Ruto a effectué les 16 et 17 septembre une visite "
            "officielle au Portugal. Les deux parties se sont fixé l'objectif de porter les échanges, qui plafonnaient "
            "à 80 millions de dollars l'an dernier, à 300 millions en 2027.\n"
            "Cinq accords ont été signés à l'issue des entretiens, portant notamment sur la pêche, le tourisme et "
            "l'hydrographie. Un accord sur la coopération dans le domaine de la santé a aussi été signé, portant "
            "notamment sur les vaccins.\n")
    targets = [(r["value"], r["unit"], r["horizon"]) for r in rows(kg, tmp_path, text, "targets")]
    assert targets == [("300000000", "USD", "2027")]
    docs = sorted((r["kind"], r["topic"]) for r in rows(kg, tmp_path, text, "agreements"))
    assert docs == [("agreement", "hydrographie"), ("agreement", "pêche"), ("agreement", "santé"),
                    ("agreement", "tourisme")]
