"""kg synth: synthetic data that conforms, with the defects asked for, deterministic, linear."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDF, SH

from kg.resources import ontology_path, shapes_path
from kg.synth.data import DEFECT_KINDS, QUADS_PER_VISIT, TRIPLES_PER_VISIT, generate, injected



def one_line_error(res) -> str:
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert len(lines) == 1, res.output
    assert lines[0].startswith("kg: error: ")
    return lines[0]


# Validation can take seconds a visit (pySHACL about 2 s): the data is kept
# small. That all but the defects conforms is shown on 12 visits, one defect
# each; any 9 visits in a row have every optional part of an article.

def test_synthetic_data_conforms(kg, tmp_path):
    out = tmp_path / "ok.nq"
    res = kg("synth", "--visits", 3, "--seed", 3, "--out", out)
    assert res.output.startswith("3 visits, ") and "3 graphs, 0 defects; written: " in res.output
    res = kg("validate", out)
    assert res.output.strip().endswith("Conforms.")


def test_every_defect_is_reported_and_nothing_else(kg, tmp_path):
    # violations 1.0: each of the 12 visits has one defect, each kind once
    out = tmp_path / "bad.nq"
    kg("synth", "--visits", len(DEFECT_KINDS), "--violations", 1, "--out", out)
    defects = injected(len(DEFECT_KINDS), violations=1.0)
    assert sorted(d.kind for d in defects) == sorted(DEFECT_KINDS)
    report = json.loads(kg("validate", out, "--format", "json", ok=1).output)
    violated = {r["focus"] for r in report["results"] if r["severity"] == "Violation"}
    clashes = report["clashes"]
    for d in defects:
        if d.kind == "disjoint-types":      # for the reasoner alone
            assert d.focus not in violated
            assert any(d.focus in c for c in clashes), d
        else:
            assert d.focus in violated, d
        if d.kind == "range-clash":
            assert any(d.value in c and "Person" in c for c in clashes), d
    assert violated <= {d.focus for d in defects}
    assert len(clashes) == 2


def test_deterministic(kg, tmp_path):
    a, b, c = tmp_path / "a.trig", tmp_path / "b.trig", tmp_path / "c.trig"
    kg("synth", "--visits", 30, "--seed", 5, "--violations", 0.2, "--out", a)
    # another process with another hash seed writes the same bytes
    env = dict(os.environ, PYTHONHASHSEED="123")
    subprocess.run([sys.executable, "-m", "kg.cli", "synth", "--visits", "30", "--seed", "5",
                    "--violations", "0.2", "--out", str(b)], check=True, env=env, capture_output=True)
    kg("synth", "--visits", 30, "--seed", 6, "--violations", 0.2, "--out", c)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_linear_in_visits():
    def count(n, merged=False):
        return sum(1 for _ in generate(n, seed=2, merged=merged))
    small, big = count(200), count(400)
    assert 1.97 <= big / small <= 2.03, (small, big)
    assert 0.95 <= small / 200 / QUADS_PER_VISIT <= 1.05
    # merged, the world's states, people and relations are described once:
    # a bounded part (about 10,000 triples) that small data is still filling
    small, big = count(200, True), count(400, True)
    assert 1.9 <= big / small <= 2.0, (small, big)
    assert TRIPLES_PER_VISIT < big / 400 < 1.15 * TRIPLES_PER_VISIT


@pytest.mark.parametrize("ext", ["nq", "trig", "nt", "ttl"])
def test_output_parses_without_blank_nodes(kg, tmp_path, ext):
    out = tmp_path / f"s.{ext}"
    res = kg("synth", "--visits", 20, "--violations", 0.5, "--out", out)
    n = int(res.output.split(", ")[1].split()[0])
    fmt = ox.RdfFormat.from_extension(ext)
    quads = list(ox.parse(path=str(out), format=fmt))
    assert len(quads) == n and len(set(quads)) == n      # merged graphs: no triple twice
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object, q.graph_name))
    merged = ext in ("nt", "ttl")
    assert len({q.graph_name for q in quads}) == (1 if merged else 20)
    ds = rdflib.Dataset()
    ds.parse(out, format={"nq": "nquads", "trig": "trig", "nt": "nt", "ttl": "turtle"}[ext])
    assert len(ds) == n if merged else sum(len(g) for g in ds.graphs()) == n
    assert not any(isinstance(t, rdflib.BNode) for q in ds.quads() for t in q[:3])


def test_merged_is_the_union_of_the_graphs():
    quads = {(q.subject, q.predicate, q.object) for q in generate(40, seed=4, violations=0.3)}
    triples = [(q.subject, q.predicate, q.object) for q in generate(40, seed=4, violations=0.3, merged=True)]
    assert len(triples) == len(set(triples)) and set(triples) == quads


def test_every_shape_has_targets_and_paths():
    # what real data does not state either: abstract classes, and the levels' ranks (the ontology's)
    shapes = rdflib.Graph().parse(shapes_path())
    quads = list(generate(50, seed=1))
    types = {q.object.value for q in quads if q.predicate.value == str(RDF.type)}
    used = {q.predicate.value for q in quads} | {str(p) for p in rdflib.Graph().parse(ontology_path()).predicates()}
    targets = {str(o) for o in shapes.objects(None, SH.targetClass)}
    paths = {str(o) for o in shapes.objects(None, SH.path) if isinstance(o, rdflib.URIRef)}
    dip = "https://w3id.org/dipkg/ontology#"
    assert targets - types == {dip + "Event", dip + "Encounter", dip + "PartnershipLevel"}
    assert paths <= used


def test_quotes_are_the_source_text_at_their_offsets():
    quads = list(generate(30, seed=8))
    value = {}
    for q in quads:
        value.setdefault((q.subject.value, q.predicate.value), q.object.value)
    oa = "http://www.w3.org/ns/oa#"
    anchors = {q.subject.value for q in quads if q.predicate.value == oa + "hasSelector"}
    assert len(anchors) > 300
    for a in anchors:
        text = value[(value[(a, oa + "hasSource")], "https://w3id.org/dipkg/ontology#sourceText")]
        start, end = int(value[(a + "/position", oa + "start")]), int(value[(a + "/position", oa + "end")])
        assert text[start:end] == value[(a + "/quote", oa + "exact")]


@pytest.mark.parametrize("args, message", [
    (["--visits", "0"], "visits must be at least 1, not 0"),
    (["--violations", "2"], "violations must be a fraction between 0 and 1, not 2.0"),
    (["--violations", "-0.5"], "violations must be a fraction between 0 and 1, not -0.5"),
])
def test_bad_numbers(kg, tmp_path, args, message):
    out = tmp_path / "x.nq"
    res = kg("synth", "--visits", 3, *args, "--out", out, ok=2)
    assert message in one_line_error(res)
    assert list(tmp_path.iterdir()) == []


def test_unknown_extension(kg, tmp_path):
    out = tmp_path / "x.unknown"
    res = kg("synth", "--visits", 3, "--out", out, ok=2)
    assert "x.unknown: unknown output syntax '.unknown'; use one of .nq, .trig, .nt, .ttl" in one_line_error(res)
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_nothing(tmp_path, monkeypatch):
    from kg.synth import data

    def broken(*args, **kwargs):
        raise OSError("disk full")
    monkeypatch.setattr(data.ox, "serialize", broken)
    with pytest.raises(OSError):
        data.write(tmp_path / "x.nq", 3)
    assert list(tmp_path.iterdir()) == []
