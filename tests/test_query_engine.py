"""kg query on Oxigraph (the default) answers as on rdflib's memory store, and
reuses a prebuilt store while the files are unchanged."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from kg.query.engine import named_queries
from kg.synth.data import write


def kg(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "synth.trig"
    write(out, visits=6, seed=2)      # rdflib's engine takes minutes on a few thousand triples
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(named_queries()))
@pytest.mark.parametrize("data", ["seeds", "synth"])
def test_named_queries_answer_alike_on_both_engines(name, data, synth):
    args = ["query", name, "--format", "json"] + (["--data", synth] if data == "synth" else [])
    if name == "timeline":
        args += ["--param", "a=KZ", "--param", "b=VN"] if data == "seeds" else ["--param", "a=QS", "--param", "b=QW"]
    fast, ref = kg(*args), kg(*args, "--engine", "rdflib")
    assert fast.returncode == ref.returncode == 0, fast.stderr + ref.stderr
    assert fast.stdout == ref.stdout
    if data == "synth" and name in ("visits", "leaders", "states"):
        assert fast.stdout.count('"type": "uri"') > 5       # not two empty answers


@pytest.mark.parametrize("query", [
    "SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s a ?o } GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 5",
    "ASK { ?v a <https://w3id.org/dipkg/ontology#Visit> }",
    "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c ; <http://xmlns.com/foaf/0.1/name> ?n } ORDER BY ?s",
])
@pytest.mark.slow
def test_own_queries_answer_alike(query):
    fmt = "table" if query.startswith("CONSTRUCT") else "json"
    fast, ref = kg("query", "--query", query, "--format", fmt), kg("query", "--query", query, "--format", fmt,
                                                                   "--engine", "rdflib")
    assert fast.returncode == ref.returncode == 0, fast.stderr + ref.stderr
    if query.startswith("CONSTRUCT"):
        import rdflib
        from rdflib.compare import isomorphic
        graphs = [rdflib.Graph().parse(data=r.stdout, format="turtle") for r in (fast, ref)]
        assert len(graphs[0]) > 5 and isomorphic(*graphs)
    else:
        assert fast.stdout == ref.stdout


@pytest.mark.parametrize("data", ["seeds", "synth"])
def test_named_graphs_are_those_kg_load_pushes_on_both_engines(data, synth):
    # GRAPH patterns see the graphs as `kg load` names them; the default graph
    # is their union as one set (with the ontology and the entailments)
    from kg.remote.client import graphs_ntriples

    paths = [synth] if data == "synth" else None
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    args = ["query", "--query", q, "--format", "csv"] + (["--data", synth] if paths else [])
    fast, ref = kg(*args), kg(*args, "--engine", "rdflib")
    assert fast.returncode == ref.returncode == 0, fast.stderr + ref.stderr
    assert fast.stdout == ref.stdout
    pushed = {name: n for name, _, n in graphs_ntriples(paths)}
    assert fast.stdout.splitlines()[1:] == [f"{g},{n}" for g, n in sorted(pushed.items())]
    assert "https://w3id.org/dipkg/graph/inferred" in pushed and len(pushed) >= 4
    # provenance: the source graph that states each visit
    q = ("SELECT ?visit ?g WHERE { GRAPH ?g { ?visit a <https://w3id.org/dipkg/ontology#Visit> } "
         "FILTER (STRSTARTS(STR(?g), 'https://w3id.org/dipkg/source/')) } ORDER BY ?visit")
    args = ["query", "--query", q, "--format", "csv"] + (["--data", synth] if paths else [])
    fast, ref = kg(*args), kg(*args, "--engine", "rdflib")
    assert fast.stdout == ref.stdout and fast.stdout.count("/source/") >= 2


def test_a_bad_query_is_one_line_on_both_engines():
    for engine in ("oxigraph", "rdflib"):
        res = kg("query", "--query", "SELECT ?x WHERE { ?x ?p }", "--engine", engine)
        assert res.returncode == 2 and res.stdout == ""
        # located in the query, on both engines: line and column, and the text there
        assert res.stderr.startswith("kg: error: --query:1:") and "SPARQL syntax error" in res.stderr, res.stderr
        assert res.stderr.count("\n") == 1


def cached_visits(tmp_path):
    """A copy of the seeds' graph, and `kg query visits` on it with a cache of its own."""
    cache = tmp_path / "cache"
    data = tmp_path / "data.trig"
    data.write_bytes((ROOT / "data" / "dipkg.trig").read_bytes())
    return cache, data, lambda: kg("query", "visits", "--data", data, env={"DIPKG_CACHE_DIR": str(cache)})


def test_the_prebuilt_store_is_reused_until_the_data_changes(tmp_path):
    cache, data, visits = cached_visits(tmp_path)
    first = visits()
    stores = sorted((cache / "stores").iterdir())
    assert first.returncode == 0 and len(stores) == 1
    marker = stores[0] / "kept"
    marker.write_text("")           # a store rebuilt in its place would not have it
    again = visits()
    assert again.stdout == first.stdout and marker.exists()
    assert sorted((cache / "stores").iterdir()) == stores
    data.write_bytes(data.read_bytes().replace(b"Tokayev", b"Tokaev"))
    changed = visits()
    assert "Tokaev" in changed.stdout and len(list((cache / "stores").iterdir())) == 2


def test_the_store_follows_a_same_size_edit_that_keeps_the_modification_time(tmp_path):
    # The store is found by the files' status before their bytes are hashed: an edit
    # that keeps the size and sets the modification time back must still be seen.
    cache, data, visits = cached_visits(tmp_path)
    first = visits()
    assert first.returncode == 0 and "Tokayev" in first.stdout
    before = data.stat()
    data.write_bytes(data.read_bytes().replace(b"Tokayev", b"Tokayav"))
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert data.stat().st_size == before.st_size and data.stat().st_mtime_ns == before.st_mtime_ns
    changed = visits()
    assert "Tokayav" in changed.stdout and "Tokayev" not in changed.stdout
    # touched, same bytes: the same store, found again by its bytes
    os.utime(data)
    again = visits()
    assert again.stdout == changed.stdout and len(list((cache / "stores").iterdir())) == 2
    # a store removed behind the index's back is built again
    for store in (cache / "stores").iterdir():
        shutil.rmtree(store)
    rebuilt = visits()
    assert rebuilt.stdout == changed.stdout and len(list((cache / "stores").iterdir())) == 1


def test_the_cache_can_be_turned_off(tmp_path):
    res = kg("query", "visits", env={"DIPKG_CACHE_DIR": "", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)})
    assert res.returncode == 0 and "Tokayev" in res.stdout
    assert not any(tmp_path.iterdir())
