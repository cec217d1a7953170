"""Named-query columns, result formats, and deterministic exports."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from conftest import ROOT

CONTRACT = {
    "states": ["state", "code", "label", "source"],
    "leaders": ["person", "name", "role", "state", "attested", "date_basis", "source"],
    "visits": ["visit", "guest", "guest_state", "host_state", "type", "start", "end", "invited_by", "date_basis", "source"],
    "talks": ["event", "kind", "a", "b", "date", "date_basis", "source"],
    "partnership-changes": ["relation", "state_a", "state_b", "from_level", "to_level", "date", "during", "date_basis", "source"],
    "agreements": ["agreement", "kind", "topic", "parties", "date", "during", "date_basis", "source"],
    "targets": ["target", "metric", "value", "unit", "horizon", "relation", "source"],
    "honours": ["recipient", "honour", "conferred_by", "date", "date_basis", "source"],
    "timeline": ["date", "event", "kind", "summary", "date_basis", "source"],
    "commitments": ["commitment", "by", "addressed_to", "areas", "description", "during", "source"],
    "discussions": ["event", "kind", "a", "b", "discussed", "source"],
}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_named_query_columns_and_formats(kg, built, name):
    args = ["query", name, "--data", built / "dipkg.trig"] + (["--param", "a=KZ", "--param", "b=VN"]
                                                              if name == "timeline" else [])
    js = json.loads(kg(*args, "--format", "json").output)
    assert js["head"]["vars"] == CONTRACT[name]
    assert js["results"]["bindings"], f"{name} returned no row on the seeds"
    n = len(js["results"]["bindings"])
    rows = list(csv.reader(io.StringIO(kg(*args, "--format", "csv").output)))
    assert rows[0] == CONTRACT[name] and len(rows) == n + 1
    tsv = kg(*args, "--format", "tsv").output.splitlines()
    assert tsv[0].split("\t") == ["?" + c for c in CONTRACT[name]] and len(tsv) == n + 1
    root = ET.fromstring(kg(*args, "--format", "xml").output)
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("s:head/s:variable", ns)] == CONTRACT[name]
    assert len(root.findall("s:results/s:result", ns)) == n
    table = kg(*args).output
    assert table.splitlines()[0].split() == CONTRACT[name] and f"({n} row" in table
    for b in js["results"]["bindings"]:
        assert b["source"]["value"].startswith("https://w3id.org/dipkg/source/")


def test_user_query_ask_and_construct(kg, built):
    res = kg("query", "--query", "ASK { ?s a <https://w3id.org/dipkg/ontology#Visit> }",
             "--data", built / "dipkg.trig", "--format", "json")
    assert json.loads(res.output)["boolean"] is True
    res = kg("query", "--query", "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c . ?s a <https://w3id.org/dipkg/ontology#Visit> }",
             "--data", built / "dipkg.trig")
    assert len(Graph().parse(data=res.output, format="turtle")) >= 2


def test_named_queries_see_inferred_triples(kg, built):
    """org:heldBy is only asserted as its inverse org:holds; the closure adds it."""
    q = "SELECT ?post WHERE { ?post <http://www.w3.org/ns/org#heldBy> ?p }"
    res = kg("query", "--query", q, "--data", built / "dipkg.trig", "--format", "json")
    assert json.loads(res.output)["results"]["bindings"]


FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_round_trips_and_is_deterministic(kg, built, fmt, tmp_path):
    a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    kg("export", "--format", fmt, "--data", built / "dipkg.trig", "--out", a)
    kg("export", "--format", fmt, "--data", built / "dipkg.trig", "--out", b)
    assert a.read_bytes() == b.read_bytes()
    ref = Dataset()
    ref.parse(built / "dipkg.trig", format="trig")
    got = Dataset()
    got.parse(a, format=FORMATS[fmt])
    assert isomorphic(union(ref), union(got))
    if fmt in ("nq", "trig"):    # quad formats keep the named graphs
        assert {str(g.identifier) for g in ref.graphs() if len(g)} <= {str(g.identifier) for g in got.graphs() if len(g)}


def union(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def test_export_inferred_adds_entailments_graph(kg, built, tmp_path):
    out = tmp_path / "inf.trig"
    kg("export", "--format", "trig", "--inferred", "--data", built / "dipkg.trig", "--out", out)
    ds = Dataset()
    ds.parse(out, format="trig")
    inferred = ds.graph("https://w3id.org/dipkg/graph/inferred")
    assert len(inferred) > 0
    asserted = Dataset()
    asserted.parse(built / "dipkg.trig", format="trig")
    assert not any(t in asserted for t in list(inferred)[:200])


def test_reason_writes_entailments_apart(kg, built, tmp_path):
    out = tmp_path / "closure.trig"
    kg("reason", "--data", built / "dipkg.trig", "--out", out)
    ds = Dataset()
    ds.parse(out, format="trig")
    from rdflib import Literal
    inferred = ds.graph("https://w3id.org/dipkg/graph/inferred")
    assert len(inferred) > 0
    assert not any(isinstance(s, Literal) for s, _, _ in inferred)


def test_control_and_separator_characters_in_literals_round_trip(kg, tmp_path):
    """U+001E, U+0085 and U+2028 inside an article's text (so inside a
    literal) must not break the TriG, N-Triples or N-Quads lines (found by
    the fuzz test)."""
    from kg.io.read import load_dataset
    from kg.io.terms import union_graph
    art = tmp_path / "odd.txt"
    art.write_text("date 2024-03\n\nLe président laotien Thongloun Sisoulith a rencontré le Premier ministre "
                   "vietnamien Pham Minh Chinh le 4 mars.\x1e\u2028\x85\n", encoding="utf-8")
    out = tmp_path / "odd.trig"
    kg("extract", art, "--out", out)
    g = union_graph(load_dataset([out]))
    assert any("\x1e\u2028\x85" in str(o) for o in g.objects())
    for fmt in ("nt", "nq"):
        exported = tmp_path / f"odd.{fmt}"
        kg("export", "--format", fmt, "--data", out, "--out", exported)
        assert len(union_graph(load_dataset([exported]))) == len(g)


# -- the exports read alike in independent parsers ------------------------------------

import shutil  # noqa: E402
import subprocess  # noqa: E402

RAPPER = shutil.which("rapper")      # Raptor, a C parser (Debian's raptor2-utils; tests/debian-packages.sh installs it)
RAPPER_SYNTAX = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "trig": "trig", "xml": "rdfxml"}


def oxigraph_quads(data: bytes, fmt: str, keep_graphs: bool) -> set[tuple[str, ...]]:
    """The statements pyoxigraph (Rust) reads, as N-Quads term strings."""
    import pyoxigraph as ox
    formats = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
               "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
    out = set()
    for q in ox.parse(data, format=formats[fmt]):
        key = (str(q.subject), str(q.predicate), str(q.object))
        out.add(key + (str(q.graph_name),) if keep_graphs else key)
    return out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_reads_alike_in_independent_parsers(kg, built, fmt, tmp_path):
    """Each export, read by pyoxigraph and by Raptor (C), is the graph rdflib
    reads from data/ (the named graphs too, for TriG and N-Quads). Raptor has
    no JSON-LD parser; JSON-LD is read by pyoxigraph here and by rdflib above."""
    out = tmp_path / f"d.{fmt}"
    kg("export", "--format", fmt, "--data", built / "dipkg.trig", "--out", out)
    quads = fmt in ("nq", "trig")
    ref = Dataset()
    ref.parse(built / "dipkg.trig", format="trig")
    expected = oxigraph_quads(ref.serialize(format="nquads").encode("utf-8"), "nq", quads)
    assert oxigraph_quads(out.read_bytes(), fmt, quads) == expected
    if fmt in RAPPER_SYNTAX:
        if RAPPER is None:
            pytest.skip("rapper is not installed (apt-get install raptor2-utils; tests/debian-packages.sh does)")
        res = subprocess.run([RAPPER, "-q", "-i", RAPPER_SYNTAX[fmt], "-o", "nquads", str(out), "http://example.org/"],
                             capture_output=True, timeout=120)
        assert res.returncode == 0, res.stderr.decode()
        assert oxigraph_quads(res.stdout, "nq", quads) == expected


def test_jsonld_export_embeds_the_published_context(kg, built):
    """The JSON-LD is compacted with ontology/dipkg.context.jsonld, embedded
    (no parser needs the network), and that context knows every prefix the
    Turtle uses."""
    from kg.graph.rdf import PREFIXES
    published = json.loads((ROOT / "ontology" / "dipkg.context.jsonld").read_text(encoding="utf-8"))["@context"]
    exported = json.loads(kg("export", "--format", "jsonld", "--data", built / "dipkg.trig").output)
    assert exported["@context"] == published
    assert {p: str(ns) for p, ns in PREFIXES.items()}.items() <= published.items()
