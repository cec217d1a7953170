"""Honours conferred, on sentences written for the test (issue 23): « élever
à la dignité de grand-croix de l'ordre … », active and passive, and a
headline's participle with no auxiliary."""
from __future__ import annotations

import pytest

ACTIVE = """date 2025-03-12

Le président chilien décoré à Lima

LIMA, 11 mars – La présidente péruvienne Dina Boluarte a élevé mardi son homologue chilien Gabriel Boric à la dignité de grand-croix de l'ordre du Soleil, au deuxième jour d'une visite d'État de trois jours au Pérou.
"""

PASSIVE = """date 2025-03-12

Gabriel Boric élevé dans l'ordre du Soleil

LIMA, 11 mars – Le président chilien Gabriel Boric, en visite d'État au Pérou, a été élevé mardi à la dignité de grand-croix de l'ordre du Soleil par la présidente péruvienne Dina Boluarte.
"""


def honours(kg, tmp_path, text: str) -> list[dict]:
    return kg.rows("honours", kg.extract_text(tmp_path, text))


@pytest.mark.parametrize("text", [ACTIVE, PASSIVE], ids=["active", "passive"])
def test_raised_to_the_dignity_of_an_order(kg, tmp_path, text):
    rows = honours(kg, tmp_path, text)
    assert [(r["recipient"], r["conferred_by"]) for r in rows] == [("Gabriel Boric", "Dina Boluarte")]
    assert "Soleil" in rows[0]["honour"]


def test_an_order_keeps_the_state_its_name_gives(kg, tmp_path):
    """« a élevé M. X à la dignité de … » (the full stop of « M. » ends no
    clause), and an order's name keeps the state the text gives it: «
    l'ordre national du Togo », « l'ordre de l'Étoile du Togo »."""
    text = ("date 2025-05-07\n\nLOMÉ, 7 mai – Le président béninois Patrice Talon a effectué du 5 au 7 mai "
            "une visite d'État au Togo. Lors du dîner d'État, le président Faure Gnassingbé a élevé M. Talon "
            "à la dignité de grand-croix de l'ordre national du Togo. Le lendemain, le ministre béninois des "
            "Affaires étrangères Olushegun Adjadi Bakari s'est vu remettre par M. Gnassingbé les insignes de "
            "l'ordre de l'Étoile du Togo.\n")
    rows = {(r["recipient"], r["honour"], r["conferred_by"]) for r in honours(kg, tmp_path, text)}
    assert rows == {("Patrice Talon", "ordre national du Togo", "Faure Gnassingbé"),
                    ("Olushegun Adjadi Bakari", "ordre de l'Étoile du Togo", "Faure Gnassingbé")}


def test_decorated_by_a_host_named_before_the_pronoun(kg, tmp_path):
    """« le président X l'a décorée de la médaille de l'ordre du mérite
    national »: X gives, his guest receives, and « mérite » stays in the
    order's name."""
    text = ("date 2025-06-04\n\nDAKAR, 4 juin – La vice-présidente ghanéenne Jane Naana Opoku-Agyemang a "
            "effectué du 2 au 4 juin une visite officielle au Sénégal. Avant son départ, le président Bassirou "
            "Diomaye Faye l'a décorée de la médaille de l'Ordre du mérite national.\n")
    rows = {(r["recipient"], r["honour"], r["conferred_by"]) for r in honours(kg, tmp_path, text)}
    assert rows == {("Jane Naana Opoku-Agyemang", "médaille de l'Ordre du mérite national", "Bassirou Diomaye Faye")}
