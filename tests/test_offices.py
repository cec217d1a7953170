"""Offices are dated memberships of the organisation that owns the post.

What the seed texts say: seed 000 (date line "date 2023-08") names "le
secrétaire général du Parti communiste du Vietnam, Nguyen Phu Trong", "son
homologue vietnamien, Vo Van Thuong" and "le président de l’Assemblée
nationale, Vuong Dinh Hue"; seed 003 (no date line; May 2025 from the public
record in seeds/metadata.json) names Tô Lâm general secretary of the party.
The seeds are read with ``kg extract`` (the graph ``kg build`` writes to
data/, without its validation gate), and asked through ``kg query``.
"""
from __future__ import annotations

import json

import pytest

from kg.extract.offices import office_organization

from conftest import ROOT, SEEDS

ID = "https://w3id.org/dipkg/id/"
PREFIXES = """
PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

# Who held the post of a role in a state (the state's own post, or its party's
# or legislature's) at a date: the holder whose latest attestation at or
# before the date is the latest of all holders' (an office's end is unknown,
# so the last attested holder is taken to hold it still).
HELD_AT = PREFIXES + """
SELECT DISTINCT ?name WHERE {
  BIND(xsd:dateTime(CONCAT(?date, SUBSTR("-01-01", 1, 10 - STRLEN(?date)), "T00:00:00")) AS ?at)
  ?post org:role/skos:notation ?r ; org:postIn/dip:ofState?/dip:isoCode ?s .
  FILTER(STR(?r) = ?role && STR(?s) = ?state)
  ?t dip:post ?post ; org:member/foaf:name ?n ; org:memberDuring/time:inside/dip:instantDate ?d .
  FILTER(?d <= ?at)
  FILTER NOT EXISTS {
    ?t2 dip:post ?post ; org:memberDuring/time:inside/dip:instantDate ?d2 .
    FILTER(?d2 > ?d && ?d2 <= ?at)
  }
  BIND(STR(?n) AS ?name)
}
"""


@pytest.fixture(scope="module")
def seeds_graph(tmp_path_factory):
    from conftest import Kg
    out = tmp_path_factory.mktemp("offices") / "seeds.trig"
    Kg(ROOT)("extract", *sorted(SEEDS.glob("*.txt")), "--out", out)
    return out


def query(kg, data, name=None, text=None, **params):
    args = ["query", name] if name else ["query", "--query", text]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    res = kg(*args, "--data", data, "--format", "json")
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(res.output)["results"]["bindings"]]


def test_general_secretaries_attested_at_their_sources_dates(kg, seeds_graph):
    rows = [r for r in query(kg, seeds_graph, "leaders") if r["role"] == "party_general_secretary"]
    by_name = {r["name"]: r for r in rows}
    assert set(by_name) == {"Nguyen Phu Trong", "Tô Lâm"}
    assert by_name["Nguyen Phu Trong"]["state"] == by_name["Tô Lâm"]["state"] == "VN"
    # seed 000's date line; seed 003's date from the curated public record
    assert (by_name["Nguyen Phu Trong"]["attested"], by_name["Nguyen Phu Trong"]["date_basis"]) == ("2023-08", "text")
    assert (by_name["Tô Lâm"]["attested"], by_name["Tô Lâm"]["date_basis"]) == ("2025-05", "curated")


def test_who_held_the_post_at_a_date(kg, seeds_graph):
    def held(role, state, date):
        return sorted(r["name"] for r in query(kg, seeds_graph, text=HELD_AT, role=role, state=state, date=date))
    assert held("party_general_secretary", "VN", "2023-08") == ["Nguyen Phu Trong"]
    assert held("party_general_secretary", "VN", "2024-12-31") == ["Nguyen Phu Trong"]
    assert held("party_general_secretary", "VN", "2025-05") == ["Tô Lâm"]
    assert held("party_general_secretary", "VN", "2026") == ["Tô Lâm"]
    assert held("party_general_secretary", "VN", "2023-07") == []    # before any attestation
    assert held("head_of_state", "VN", "2024") == ["Vo Van Thuong"]
    assert held("head_of_state", "KZ", "2025-06") == ["Kassym-Jomart Tokayev"]


def test_the_party_is_an_organisation_holding_its_post(kg, seeds_graph):
    rows = query(kg, seeds_graph, text=PREFIXES + """
      SELECT DISTINCT ?name ?post ?org ?label ?state ?isState WHERE {
        ?t a dip:Tenure ; org:member/foaf:name ?n ; dip:post ?post ; org:organization ?org .
        ?post org:postIn ?org ; org:role dip:role-party_general_secretary .
        ?org a dip:Organization ; dip:ofState ?state ; skos:prefLabel ?label . FILTER(LANG(?label) = "fr")
        BIND(EXISTS { ?org a dip:State } AS ?isState)
        BIND(STR(?n) AS ?name)
      }""")
    assert {r["name"] for r in rows} == {"Nguyen Phu Trong", "Tô Lâm"}
    for r in rows:
        assert r["org"] == ID + "organization/communist-party-of-vietnam"
        assert r["label"] == "Parti communiste du Vietnam"
        assert r["post"] == ID + "post/communist-party-of-vietnam/party_general_secretary"
        assert r["state"] == ID + "state/VN"
        assert r["isState"] == "false"
    # no party post is placed in a state any more
    assert not query(kg, seeds_graph, text=PREFIXES + """
      SELECT ?post WHERE { ?post org:role dip:role-party_general_secretary ; org:postIn ?s . ?s a dip:State }""")


def test_the_legislature_chair_is_in_the_national_assembly(kg, seeds_graph):
    rows = query(kg, seeds_graph, text=PREFIXES + """
      SELECT DISTINCT ?org ?state WHERE {
        ?t a dip:Tenure ; org:member/foaf:name "Vuong Dinh Hue" ; org:organization ?org .
        ?org a dip:Organization ; dip:ofState ?state }""")
    assert rows == [{"org": ID + "organization/national-assembly-of-vietnam", "state": ID + "state/VN"}]


def test_timeline_links_party_and_legislature_officers_to_their_state(kg, seeds_graph):
    rows = query(kg, seeds_graph, "timeline", a="KZ", b="VN")
    summaries = {r["summary"] for r in rows}
    assert "meeting: Kassym-Jomart Tokayev and Nguyen Phu Trong" in summaries
    assert "meeting: Kassym-Jomart Tokayev and Vuong Dinh Hue" in summaries
    assert "talks: Kassym-Jomart Tokayev and Tô Lâm" in summaries


@pytest.mark.parametrize("state, role, quote, key", [
    ("KZ", "legislature_chair", "le président du Sénat, Maoulen Achimbaïev", "senate-of-kazakhstan"),
    ("KZ", "legislature_chair", "le président du Mazhilis, Erlan Kochanov", "mazhilis-of-kazakhstan"),
    ("VN", "legislature_chair", "le président de l’Assemblée nationale, Vuong Dinh Hue", "national-assembly-of-vietnam"),
    ("VN", "party_general_secretary", "le secrétaire général Tô Lâm", "communist-party-of-vietnam"),
])
def test_office_organization_from_the_title(state, role, quote, key):
    assert office_organization(state, role, [quote])[0] == key


@pytest.mark.parametrize("role", ["head_of_state", "vice_president", "ambassador"])
def test_state_offices_stay_in_the_state(role):
    assert office_organization("VN", role, ["x"]) is None


@pytest.mark.parametrize("role", ["head_of_government", "foreign_minister", "deputy_prime_minister"])
def test_government_offices_are_in_the_government(role):
    assert office_organization("VN", role, ["x"], ("Vietnam", "Vietnam"))[0] == "government-vn"


def test_the_prime_minister_is_in_the_government_of_his_state(kg, seeds_graph):
    """« le Premier ministre Pham Minh Chinh »: a post in the Government of
    Vietnam, an organisation of the state, not in the state itself."""
    rows = query(kg, seeds_graph, text=PREFIXES + """
      SELECT DISTINCT ?post ?org ?en ?state WHERE {
        ?t a dip:Tenure ; org:member/foaf:name "Pham Minh Chinh" ; dip:post ?post ; org:organization ?org .
        ?post org:postIn ?org ; org:role dip:role-head_of_government .
        ?org a dip:Organization ; dip:ofState ?state ; skos:prefLabel ?en . FILTER(LANG(?en) = "en") }""")
    assert rows == [{"post": ID + "post/government-vn/head_of_government", "org": ID + "organization/government-vn",
                     "en": "Government of Vietnam", "state": ID + "state/VN"}]
