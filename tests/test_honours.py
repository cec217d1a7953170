"""Honours conferred, on sentences written for the test (issue 23): « élever
à la dignité de grand-croix de l'ordre … », active and passive, and a
headline's participle with no auxiliary."""
from __future__ import annotations

import csv
import io

import pytest

ACTIVE = """date 2025-03-12

Le président chilien décoré à Lima

LIMA, 11 mars – La présidente péruvienne Dina Boluarte a élevé mardi son homologue chilien Gabriel Boric à la dignité de grand-croix de l'ordre du Soleil, au deuxième jour d'une visite d'État de trois jours au Pérou.
"""

PASSIVE = """date 2025-03-12

Gabriel Boric élevé dans l'ordre du Soleil

LIMA, 11 mars – Le président chilien Gabriel Boric, en visite d'État au Pérou, a été élevé mardi à la dignité de grand-croix de l'ordre du Soleil par la présidente péruvienne Dina Boluarte.
"""


@pytest.mark.parametrize("text", [ACTIVE, PASSIVE], ids=["active", "passive"])
def test_raised_to_the_dignity_of_an_order(kg, tmp_path, text):
    art = tmp_path / "cl-pe.txt"
    art.write_text(text, encoding="utf-8")
    kg("extract", art, "--out", tmp_path / "cl-pe.trig")
    out = kg("query", "honours", "--data", tmp_path / "cl-pe.trig", "--format", "csv").output
    rows = [(r["recipient"], r["conferred_by"]) for r in csv.DictReader(io.StringIO(out))]
    assert rows == [("Gabriel Boric", "Dina Boluarte")]
    assert "Soleil" in out
