"""kg build: determinism, --check, and nothing written on failure."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS


@pytest.mark.slow
def test_build_twice_is_byte_identical(built, tmp_path):
    # A second build in a fresh process with another hash seed: set order must not leak.
    out = tmp_path / "again"
    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run([sys.executable, "-m", "kg.cli", "build", "--seeds", str(SEEDS), "--out", str(out)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    for name in ("dipkg.trig", "dipkg.ttl"):
        assert (out / name).read_bytes() == (built / name).read_bytes(), name


def test_committed_data_is_current(kg):
    res = kg("build", "--check")
    assert "up to date" in res.output


def test_timings_name_each_stage_and_the_extraction_rate(kg):
    res = kg("build", "--check", "--timings")
    assert "up to date" in res.output
    line = next(x for x in res.stderr.splitlines() if x.startswith("timings:"))
    stages = dict(re.findall(r"(\w+) ([\d.]+) s", line))
    assert list(stages) == ["extract", "assemble", "validate", "serialize"]
    assert all(float(v) >= 0 for v in stages.values())
    rate = float(re.search(r"extraction ([\d.]+) articles/s", line).group(1))
    # The stage time is printed rounded to 0.01 s: the rate (from the exact time) must lie
    # within what that rounding allows, for the two seeds, and within the 0.1 of its own rounding.
    t = float(stages["extract"])
    assert 2 / (t + 0.005) - 0.05 <= rate <= (2 / (t - 0.005) if t > 0.005 else float("inf")) + 0.05


def test_check_detects_stale_data(kg, built, tmp_path):
    stale = tmp_path / "data"
    stale.mkdir()
    for name in ("dipkg.trig", "dipkg.ttl"):
        (stale / name).write_bytes((built / name).read_bytes())
    (stale / "dipkg.ttl").write_bytes((built / "dipkg.ttl").read_bytes() + b"\n# edited\n")
    res = kg("build", "--seeds", SEEDS, "--out", stale, "--check", ok=1)
    assert "dipkg.ttl" in res.output


def test_build_has_one_graph_per_source_and_the_ontology(built):
    from rdflib import Dataset
    ds = Dataset()
    ds.parse(built / "dipkg.trig", format="trig")
    names = sorted(str(g.identifier) for g in ds.graphs() if len(g))
    assert names == ["https://w3id.org/dipkg/ontology",
                     "https://w3id.org/dipkg/source/000_3643f0447ada7bd8",
                     "https://w3id.org/dipkg/source/003_8820da410098f49d"]


def test_no_blank_nodes_in_facts(built):
    from rdflib import BNode, Dataset
    ds = Dataset()
    ds.parse(built / "dipkg.trig", format="trig")
    for g in ds.graphs():
        if str(g.identifier).startswith("https://w3id.org/dipkg/source/"):
            assert not any(isinstance(x, BNode) for t in g for x in t)


def test_failed_validation_writes_nothing(kg, workdir):
    """Curated metadata that makes a visit to the guest's own state: the graph
    does not conform, so the build exits 1 and writes nothing."""
    meta_path = workdir / "seeds" / "metadata.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["003_8820da410098f49d"]["events"][0]["host_state"] = "VN"
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    out = workdir / "data"
    res = kg("build", "--seeds", workdir / "seeds", "--out", out, ok=1)
    assert "does not conform; nothing written" in res.output and "guest" in res.output.lower()
    assert not out.exists()


def test_article_with_nothing_stops_the_build(kg, workdir):
    (workdir / "seeds" / "zz_empty.txt").write_text("date 2024-01\n\nIl a plu toute la journée.\n", encoding="utf-8")
    out = workdir / "data"
    res = kg("build", "--seeds", workdir / "seeds", "--out", out, ok=2)
    assert "zz_empty.txt" in res.output and "no diplomatic fact" in res.output
    assert not out.exists()


def test_build_describes_its_dumps(built):
    """data/void.ttl: VoID counts and DCAT distributions that agree with the
    files beside it."""
    from rdflib import Dataset, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCAT, RDF, VOID

    DIP = Namespace("https://w3id.org/dipkg/ontology#")
    d = URIRef("https://w3id.org/dipkg/dataset")
    void = Graph().parse(built / "void.ttl")
    union = Graph().parse(built / "dipkg.ttl")
    assert void.value(d, VOID.triples) == Literal(len(union))
    for name in ("dipkg.trig", "dipkg.ttl"):
        dist = URIRef(f"{d}/distribution/{name}")
        assert (d, DCAT.distribution, dist) in void
        assert void.value(dist, DCAT.byteSize).toPython() == (built / name).stat().st_size
    ds = Dataset()
    ds.parse(built / "dipkg.trig", format="trig")
    subsets = {void.value(s, URIRef("http://www.w3.org/ns/sparql-service-description#name")): void.value(s, VOID.triples)
               for s in void.objects(d, VOID.subset)}
    assert subsets == {g.identifier: Literal(len(g)) for g in ds.graphs() if len(g)}
    visits = void.value(URIRef(f"{d}/class/dip-Visit"), VOID.entities)
    assert visits.toPython() == len(set(union.subjects(RDF.type, DIP.Visit)))
    assert void.value(URIRef(f"{d}/property/dip-guest"), VOID.triples).toPython() == \
        len(list(union.triples((None, DIP.guest, None))))


def test_one_target_stated_by_two_articles_is_one_node():
    """A target is named by what it is (relation, metric, value, unit,
    horizon), not by the article that states it: two articles give one node,
    derived from both."""
    from rdflib import URIRef
    from rdflib.namespace import PROV, RDF

    from kg.graph import dataset_from
    from kg.graph.facts import Extraction, SourceInfo, Span, Target
    from kg.io import union_graph

    text = "Les deux pays visent 5 milliards USD d'échanges d'ici 2030."
    extractions = []
    for stem in ("s1", "s2"):
        ex = Extraction(SourceInfo(stem, text, "2025-05", "text"))
        ex.facts.append(Target(("KZ", "VN"), "bilateral_trade", 5_000_000_000, "USD", None, "2030",
                               (Span(21, 37, text[21:37]),)))
        extractions.append(ex)
    g = union_graph(dataset_from(extractions))
    targets = set(g.subjects(RDF.type, URIRef("https://w3id.org/dipkg/ontology#Target")))
    assert targets == {URIRef("https://w3id.org/dipkg/id/target/KZ-VN/bilateral_trade/5000000000-USD-by-2030")}
    sources = {str(o) for o in g.objects(next(iter(targets)), PROV.wasDerivedFrom)}
    assert sources == {"https://w3id.org/dipkg/source/s1", "https://w3id.org/dipkg/source/s2"}
