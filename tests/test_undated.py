"""Articles without a date line (issue 23, phenomenon 1): read all the same.

Dates the text gives in full are kept; a day without a year and a weekday
stay unknown, never guessed; ``--date`` (or curated metadata) only sharpens
them. The source then has neither ``dct:date`` nor ``dip:dateBasis``, and
its tenures are attested at no known instant. Articles written for the test.
"""
from __future__ import annotations

import pytest

# opens on its headline: no `date` line
HEADLINE_ONLY = """Le Premier ministre belge à Varsovie pour parler énergie

Le Premier ministre belge Bart De Wever a effectué du 14 au 16 octobre 2025 une visite officielle en Pologne, à l'invitation de son homologue Donald Tusk.

Les deux chefs de gouvernement se sont entretenus jeudi à la chancellerie de l'énergie nucléaire et du corridor ferroviaire entre Anvers et Varsovie. Leurs échanges commerciaux devraient atteindre 30 milliards d'euros en 2028.
"""

NO_YEAR = """Le président portugais attendu à Dakar

Le président portugais Marcelo Rebelo de Sousa a effectué du 3 au 5 juin une visite d'État au Sénégal, à l'invitation du président Bassirou Diomaye Faye.

Les deux présidents se sont entretenus mardi au palais de la République.
"""


def rows(kg, name: str, data) -> list[dict]:
    return kg.rows(name, data)


@pytest.fixture(scope="module")
def headline_only(kg, tmp_path_factory):
    return kg.extract_text(tmp_path_factory.mktemp("undated"), HEADLINE_ONLY)


def test_an_article_without_a_date_line_is_extracted_and_validates(kg, headline_only):
    assert "Conforms" in kg("validate", headline_only).output
    visits = rows(kg, "visits", headline_only)
    assert [(v["guest"], v["guest_state"], v["host_state"], v["type"], v["start"], v["end"], v["invited_by"],
             v["date_basis"]) for v in visits] == [
        ("Bart De Wever", "BE", "PL", "official", "2025-10-14", "2025-10-16", "Donald Tusk", "text")]
    talks = rows(kg, "talks", headline_only)
    assert [(t["kind"], t["a"], t["b"]) for t in talks] == [("talks", "Bart De Wever", "Donald Tusk")]
    targets = rows(kg, "targets", headline_only)      # a year in full needs no reference date
    assert [(t["value"], t["unit"], t["horizon"]) for t in targets] == [("30000000000", "EUR", "2028")]


def test_an_undated_source_has_no_date_and_its_offices_no_instant(kg, headline_only):
    q = """PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?what WHERE {
  { ?s a dip:Source ; dct:date ?d BIND("date" AS ?what) }
  UNION { ?s a dip:Source ; dip:dateBasis ?b BIND("basis" AS ?what) }
  UNION { ?t a dip:Tenure ; org:memberDuring ?i BIND("interval" AS ?what) }
  UNION { ?s a dip:Source BIND("source" AS ?what) }
}"""
    out = kg("query", "--query", q, "--data", headline_only, "--format", "csv").output
    assert out.split() == ["what", "source"]
    leaders = rows(kg, "leaders", headline_only)
    assert {(r["name"], r["role"], r["state"], r["attested"], r["date_basis"]) for r in leaders} == {
        ("Bart De Wever", "head_of_government", "BE", "", ""), ("Donald Tusk", "head_of_government", "PL", "", "")}


def test_a_day_without_a_year_stays_unknown_and_date_sharpens_it(kg, tmp_path):
    plain = kg.extract_text(tmp_path / "plain", NO_YEAR)
    [v] = rows(kg, "visits", plain)
    assert (v["guest"], v["host_state"], v["type"], v["start"], v["end"]) == (
        "Marcelo Rebelo de Sousa", "SN", "state", "", "")
    [t] = rows(kg, "talks", plain)
    assert t["date"] == ""      # "mardi", with no date to count from
    [v] = rows(kg, "visits", kg.extract_text(tmp_path / "given", NO_YEAR, "--date", "2024-06-06"))
    assert (v["start"], v["end"], v["date_basis"]) == ("2024-06-03", "2024-06-05", "given")
