"""kg extract: where the article date comes from, and what it resolves."""
from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Literal, URIRef

DIP = "https://w3id.org/dipkg/ontology#"
TEXT = ("La présidente de la Géorgie a reçu du 3 au 5 juin le président arménien Vahagn Khatchatourian, "
        "en visite de travail en Géorgie. Le président arménien Vahagn Khatchatourian s'est entretenu avec "
        "le Premier ministre géorgien Irakli Kobakhidzé.\n")


def visits(kg, trig):
    res = kg("query", "visits", "--data", trig, "--format", "json")
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(res.output)["results"]["bindings"]]


def test_date_option_resolves_relative_dates_and_is_recorded(kg, tmp_path):
    art = tmp_path / "sans_date.txt"
    art.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.trig"
    kg("extract", art, "--date", "2025-06", "--out", out)
    (v,) = visits(kg, out)
    assert (v["guest"], v["guest_state"], v["host_state"], v["type"], v["start"], v["end"]) == (
        "Vahagn Khatchatourian", "AM", "GE", "working", "2025-06-03", "2025-06-05")
    ds = Dataset()
    ds.parse(out, format="trig")
    src = URIRef("https://w3id.org/dipkg/source/sans_date")
    assert (src, URIRef(DIP + "dateBasis"), Literal("given")) in ds.graph(src)
    kg("validate", out)


def test_date_line_wins_over_option(kg, tmp_path):
    art = tmp_path / "avec_date.txt"
    art.write_text("date 2024-06\n\n" + TEXT, encoding="utf-8")
    out = tmp_path / "out.trig"
    kg("extract", art, "--date", "2025-01", "--out", out)
    assert visits(kg, out)[0]["start"] == "2024-06-03"


def test_one_named_graph_per_article(kg, tmp_path):
    a, b = tmp_path / "un.txt", tmp_path / "deux.txt"
    a.write_text("date 2024-06\n\n" + TEXT, encoding="utf-8")
    b.write_text("date 2024-06\n\n" + TEXT.replace("arménien", "azerbaïdjanais"), encoding="utf-8")
    out = tmp_path / "both.trig"
    kg("extract", a, b, "--out", out)
    ds = Dataset()
    ds.parse(out, format="trig")
    assert {str(g.identifier) for g in ds.graphs() if len(g)} == {
        "https://w3id.org/dipkg/source/un", "https://w3id.org/dipkg/source/deux"}


def rows(kg, name, trig, *params):
    return kg.rows(name, trig, *params)


def test_weekdays_of_a_visit_and_a_planned_elevation(kg, tmp_path):
    """Begun and ended by weekday, relative to the date line (Friday 2025-03-14);
    an elevation the governments "prévoient" is planned, not done."""
    art = tmp_path / "weekdays.txt"
    art.write_text("date 2025-03-14\n\nLe président finlandais Mikko Aaltonen a achevé vendredi une visite d'État "
                   "en Irlande, commencée mercredi. Les deux gouvernements prévoient d'élever leurs relations au rang "
                   "de partenariat stratégique lors du prochain sommet.\n", encoding="utf-8")
    out = tmp_path / "out.trig"
    kg("extract", art, "--out", out)
    (v,) = visits(kg, out)
    assert (v["guest_state"], v["host_state"], v["type"], v["start"], v["end"]) == (
        "FI", "IE", "state", "2025-03-12", "2025-03-14")
    assert rows(kg, "partnership-changes", out) == []
    (c,) = rows(kg, "partnership-changes", out, "--param", "status=planned")
    assert c["to_level"] == "strategic_partnership"


def test_sentences_glued_without_a_space_are_two(kg, tmp_path):
    """Issue 23, phenomenon 5: « …au Kazakhstan.Le président… » (no space after
    the full stop) is two sentences: the visit's evidence ends at its own full
    stop, and the talks of the next sentence are read on their own."""
    art = tmp_path / "colle.txt"
    art.write_text("date 2025-05\n\nLe secrétaire général Tô Lâm a effectué du 5 au 7 mai une visite d'État "
                   "au Kazakhstan.Le président Kassym-Jomart Tokaïev s'est entretenu avec Tô Lâm à Astana.\n",
                   encoding="utf-8")
    out = tmp_path / "out.trig"
    kg("extract", art, "--out", out)
    (v,) = visits(kg, out)
    assert (v["guest"], v["start"], v["end"]) == ("Tô Lâm", "2025-05-05", "2025-05-07")
    quotes = json.loads(kg("query", "--data", out, "--format", "json", "--query", """
        PREFIX dip: <https://w3id.org/dipkg/ontology#> PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?q WHERE { ?v a dip:Visit ; dip:evidence/oa:hasSelector/oa:exact ?q }""").output)
    assert [b["q"]["value"] for b in quotes["results"]["bindings"]] == [
        "Le secrétaire général Tô Lâm a effectué du 5 au 7 mai une visite d'État au Kazakhstan."]
    talks = json.loads(kg("query", "talks", "--data", out, "--format", "json").output)["results"]["bindings"]
    assert [(t["a"]["value"], t["b"]["value"]) for t in talks] == [("Kassym-Jomart Tokayev", "Tô Lâm")]


def leaders(kg, trig):
    res = kg("query", "leaders", "--data", trig, "--format", "json")
    return {(b["name"]["value"], b["role"]["value"], b["state"]["value"])
            for b in json.loads(res.output)["results"]["bindings"]}



@pytest.mark.parametrize("party_title", ["le SG du Parti,", "le leader du Parti", "le chef du Parti"])
def test_the_press_s_short_titles(kg, tmp_path, party_title):
    """Issue 23, phenomenon 8: « le PM malaisien », « le SG du Parti », « le
    leader du Parti », « le chef du Parti » name the offices they abbreviate."""
    art = tmp_path / "titres.txt"
    art.write_text(f"date 2025-07\n\nLe PM malaisien Anwar Ibrahim a effectué le 29 juillet une visite officielle "
                   f"au Vietnam. Il s'est entretenu avec {party_title} Tô Lâm.\n", encoding="utf-8")
    out = tmp_path / "out.trig"
    kg("extract", art, "--out", out)
    assert {("Anwar Ibrahim", "head_of_government", "MY"), ("Tô Lâm", "party_general_secretary", "VN")} \
        <= leaders(kg, out)
