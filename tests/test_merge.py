"""Cross-source merging: two articles about one event give one node that
carries both sources' evidence; one person, one IRI and one name."""
from __future__ import annotations

import pytest
from rdflib import Namespace

from kg.query.engine import knowledge_graph, run

from conftest import ROOT

ARTICLES = ROOT / "tests" / "articles"
DIP = Namespace("https://w3id.org/dipkg/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")


def _pair(prefixes):
    return [next(ARTICLES.glob(f"{p}_*.txt")) for p in prefixes]


def _anchor_sources(g, node):
    return {str(src) for a in g.objects(node, DIP.evidence) for src in g.objects(a, OA.hasSource)}


@pytest.fixture(scope="session")
def same_visit(tmp_path_factory):
    """a29 and a30: two outlets' reports of one visit, extracted together."""
    out = tmp_path_factory.mktemp("merge") / "both.trig"
    from conftest import Kg
    Kg(ROOT)("extract", *_pair(["a29", "a30"]), "--out", out)
    return out


def test_two_reports_of_one_visit_give_one_visit_node(same_visit):
    g = knowledge_graph([same_visit], inferred=False)
    rows = run("""PREFIX dip: <https://w3id.org/dipkg/ontology#>
        SELECT DISTINCT ?v WHERE { ?v a dip:Visit ; dip:status/<http://www.w3.org/2004/02/skos/core#notation> "happened" }""",
               g).plain()
    assert len(rows) == 1, rows
    visit = next(iter(g.subjects(DIP.guest, None)))
    sources = _anchor_sources(g, visit)
    assert {s.rsplit("/", 1)[1][:3] for s in sources} == {"a29", "a30"}, sources


def test_shared_talks_merge_too(same_visit):
    # (Documents are not merged: their IRIs come from the topic as worded.)
    g = knowledge_graph([same_visit], inferred=False)
    for cls in (DIP.Talks,):
        nodes = set(g.subjects(None, cls))
        merged = [n for n in nodes if len({s.rsplit("/", 1)[1][:3] for s in _anchor_sources(g, n)}) == 2]
        assert merged, f"no {cls} carries evidence from both articles"


def test_visits_query_lists_the_visit_once_per_source(kg, same_visit):
    rows = kg("query", "visits", "--data", same_visit, "--format", "csv").output.splitlines()[1:]
    assert len(rows) == 2
    assert len({r.split(",")[0] for r in rows}) == 1          # one visit IRI, seen by two sources


def test_one_name_for_one_person_across_spellings(kg, tmp_path):
    """An unknown person written with and without Vietnamese diacritics is one
    person with the fully accented name, and the graph conforms."""
    a = tmp_path / "x1.txt"
    b = tmp_path / "x2.txt"
    a.write_text("date 2024-09-10\n\nLe président de l'Assemblée nationale du Vietnam, Tran Thanh Man, a reçu "
                 "le 9 septembre à Hanoï le président du Sénat tchèque, Miloš Vystrčil.\n", encoding="utf-8")
    b.write_text("date 2024-09-11\n\nLe président du Sénat tchèque, Miloš Vystrčil, a été reçu le 9 septembre par "
                 "le président de l'Assemblée nationale vietnamienne Trần Thanh Mẫn.\n", encoding="utf-8")
    out = tmp_path / "o.trig"
    kg("extract", a, b, "--out", out)
    assert kg("validate", out).output.strip().endswith("Conforms.")
    names = {line.split(",")[1] for line in
             kg("query", "leaders", "--data", out, "--format", "csv").output.splitlines()[1:]}
    assert names == {"Trần Thanh Mẫn", "Miloš Vystrčil"}
    talks = kg("query", "talks", "--data", out, "--format", "csv").output.splitlines()[1:]
    assert len({t.split(",")[0] for t in talks}) == 1 and len(talks) == 2
