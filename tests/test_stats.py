"""kg stats: counts per graph, class and property, checked against rdflib's
reading of the same files, and exactly on a small dataset written here."""
from __future__ import annotations

import json
from collections import Counter

from rdflib import RDF, Dataset, URIRef

from conftest import ROOT

ONTOLOGY = "https://w3id.org/dipkg/ontology"


def test_counts_of_the_seeds_graph_agree_with_rdflib(kg):
    out = json.loads(kg("stats", "--format", "json").output)
    ds = Dataset()
    ds.parse(ROOT / "data" / "dipkg.trig", format="trig")
    graphs = {str(g.identifier): len(g) for g in ds.graphs() if len(g)}
    assert sum(out["graphs"].values()) == sum(graphs.values())
    assert out["graphs"]["<" + ONTOLOGY + ">"] == graphs[ONTOLOGY]
    facts = {t for g in ds.graphs() if str(g.identifier) != ONTOLOGY for t in g}
    assert out["triples"] == len({t for g in ds.graphs() for t in g})
    typed = Counter(o for s, p, o in {(s, p, o) for s, p, o in facts if p == RDF.type})
    assert out["classes"]["dip:Visit"] == typed[URIRef("https://w3id.org/dipkg/ontology#Visit")] == 2
    assert sum(out["classes"].values()) == sum(typed.values())
    assert sum(out["properties"].values()) == len(facts)
    assert list(out["classes"].values()) == sorted(out["classes"].values(), reverse=True)


def test_exact_counts_of_a_small_dataset(kg, tmp_path):
    f = tmp_path / "two.trig"
    f.write_text("""@prefix dip: <https://w3id.org/dipkg/ontology#> .
@prefix ex: <https://example.org/> .
ex:g1 { ex:a a dip:State ; dip:isoCode "AA" . ex:b a dip:State . }
ex:g2 { ex:a a dip:State . ex:v a dip:Visit ; dip:guestState ex:a . }
ex:c a dip:City .
""", encoding="utf-8")
    out = json.loads(kg("stats", "--data", f, "--format", "json").output)
    assert out == {"triples": 6,       # ex:a a dip:State is in both graphs: counted once
                   "graphs": {"<https://example.org/g1>": 3, "<https://example.org/g2>": 3, "(default graph)": 1},
                   "classes": {"dip:State": 2, "dip:City": 1, "dip:Visit": 1},
                   "properties": {"rdf:type": 4, "dip:guestState": 1, "dip:isoCode": 1}}
    table = kg("stats", "--data", f).output
    assert table.startswith("6 triples in 3 graph(s)\n")
    assert "dip:State  2" in table and "(3 rows)" in table


def test_bad_input_is_one_line(kg, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://example.org/a> <https://example.org/p> .\n", encoding="utf-8")
    for arg in (bad, tmp_path / "missing.ttl"):
        res = kg("stats", "--data", arg, ok=2)
        assert res.output.count("\n") == 1 and str(arg) in res.output
