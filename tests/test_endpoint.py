"""A real SPARQL 1.1 store: `kg load` pushes data/ to an Oxigraph server by
the Graph Store Protocol, every named query runs there with `--endpoint` and
gives the rows it gives locally, and a load that fails half-way is undone."""
from __future__ import annotations

import contextlib
import http.server
import json
import shutil
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, free_port, serve


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """An Oxigraph server on a free loopback port whose default graph is the
    union of its named graphs (as the named queries expect)."""
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    yield from (base for _ in serve([exe, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                     "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                                    base + "/query?query=ASK%7B%7D"))


def graphs_in(base: str) -> dict[str, int]:
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    req = urllib.request.Request(base + "/query?" + urllib.parse.urlencode({"query": q}),
                                 headers={"Accept": "application/sparql-results+json"})
    rows = json.loads(urllib.request.urlopen(req, timeout=10).read())["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def named_query_calls():
    yield "timeline", ("--param", "a=KZ", "--param", "b=VN")
    for name in ("agreements", "honours", "leaders", "partnership-changes", "states", "talks", "targets", "visits"):
        yield name, ()
        yield name, ("--param", "status=planned")
    for name in ("commitments", "discussions"):
        yield name, ()


def test_load_then_every_named_query_at_the_endpoint_gives_the_local_rows(kg, oxigraph):
    out = kg("load", "--endpoint", oxigraph + "/store").output
    loaded = graphs_in(oxigraph)
    assert set(loaded) == {"https://w3id.org/dipkg/ontology", "https://w3id.org/dipkg/graph/inferred",
                           "https://w3id.org/dipkg/source/000_3643f0447ada7bd8",
                           "https://w3id.org/dipkg/source/003_8820da410098f49d"}
    for g, n in loaded.items():
        assert f"{g}: {n} triples" in out
    assert out.strip().endswith(f"loaded 4 graph(s), {sum(loaded.values())} triples into {oxigraph}/store")
    # a second load replaces (PUT), it does not add
    kg("load", "--endpoint", oxigraph + "/store")
    assert graphs_in(oxigraph) == loaded

    for name, params in named_query_calls():
        local = kg("query", name, *params, "--format", "tsv").output
        remote = kg("query", name, *params, "--format", "tsv", "--endpoint", oxigraph + "/query").output
        assert remote == local, f"{name} {params}"
        assert len(local.splitlines()) >= 1
    # the user's question, remotely
    remote = kg("query", "partnership-changes", "--format", "csv", "--endpoint", oxigraph + "/query").output
    assert ",KZ,VN,,strategic_partnership,2025-05-05/2025-05-07," in remote

    # ASK and CONSTRUCT too, with the same answers
    ask = "ASK { ?s <https://w3id.org/dipkg/ontology#isoCode> ?c }"
    assert kg("query", "--query", ask, "--endpoint", oxigraph + "/query").output.strip() == "true"
    construct = ("CONSTRUCT { ?s <https://w3id.org/dipkg/ontology#isoCode> ?c } "
                 "WHERE { ?s <https://w3id.org/dipkg/ontology#isoCode> ?c }")
    from rdflib import Graph
    from rdflib.compare import isomorphic
    remote = Graph().parse(data=kg("query", "--query", construct, "--endpoint", oxigraph + "/query").output,
                           format="turtle")
    local = Graph().parse(data=kg("query", "--query", construct).output, format="turtle")
    assert len(local) >= 2 and isomorphic(remote, local)

    for g in loaded:        # remove what the test loaded
        req = urllib.request.Request(oxigraph + "/store?" + urllib.parse.urlencode({"graph": g}), method="DELETE")
        urllib.request.urlopen(req, timeout=10).read()
    assert graphs_in(oxigraph) == {}


def test_every_named_query_is_covered():
    from kg.query.engine import named_queries
    assert {name for name, _ in named_query_calls()} == set(named_queries())


class Proxy(http.server.BaseHTTPRequestHandler):
    """Forwards every request to the store, unless :meth:`intercept` answers it."""
    store = ""

    def intercept(self, body) -> bool:
        return False

    def _forward(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else None
        if self.intercept(body):
            return
        req = urllib.request.Request(self.store + self.path, data=body, method=self.command,
                                     headers={k: v for k, v in self.headers.items() if k.lower() != "host"})
        try:
            with urllib.request.urlopen(req, timeout=10) as res:
                status, data = res.status, res.read()
        except urllib.error.HTTPError as err:
            status, data = err.code, err.read()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_DELETE = _forward

    def log_message(self, *args):
        pass


class FailingProxy(Proxy):
    """Forwards to the store, but answers 500 to the second PUT."""
    puts = 0

    def intercept(self, body) -> bool:
        if self.command == "PUT":
            type(self).puts += 1
            if type(self).puts == 2:
                self.send_response(500)
                self.end_headers()
                self.wfile.write(b"disk full")
                return True
        return False


def test_a_failed_load_is_undone(kg, oxigraph, tmp_path):
    # one graph already there, which the failed load must leave as it was
    before = tmp_path / "before.trig"
    before.write_text("<https://w3id.org/dipkg/ontology> { <https://example.org/a> <https://example.org/b> "
                      "<https://example.org/c> . }\n", encoding="utf-8")
    kg("load", "--endpoint", oxigraph + "/store", "--data", before, "--no-inferred")
    there = graphs_in(oxigraph)
    FailingProxy.store, FailingProxy.puts = oxigraph, 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FailingProxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        res = kg("load", "--endpoint", f"http://127.0.0.1:{server.server_port}/store", ok=2)
    finally:
        server.shutdown()
    assert res.output.startswith("kg: error: PUT http://127.0.0.1:") and "HTTP 500" in res.output
    assert len(res.output.strip().splitlines()) == 1
    assert graphs_in(oxigraph) == there        # the first graph put back, nothing else left
    req = urllib.request.Request(oxigraph + "/store?" + urllib.parse.urlencode(
        {"graph": "https://w3id.org/dipkg/ontology"}), method="DELETE")
    urllib.request.urlopen(req, timeout=10).read()


def test_endpoint_errors_are_one_line(kg, oxigraph):
    port = free_port()      # nothing listens there
    res = kg("query", "visits", "--endpoint", f"http://127.0.0.1:{port}/query", ok=2)
    assert res.output.startswith(f"kg: error: http://127.0.0.1:{port}/query: cannot reach the service")
    res = kg("query", "--query", "SELECT * WHERE { ?s ?p }", "--endpoint", oxigraph + "/query", ok=2)
    assert res.output.startswith(f"kg: error: POST {oxigraph}/query: HTTP 400")
    assert len(res.output.strip().splitlines()) == 1
    kg("query", "visits", "--endpoint", oxigraph + "/query", "--data", ROOT / "data" / "dipkg.trig", ok=2)


class AuthProxy(FailingProxy):
    """Forwards to the store only the requests with the right basic credentials."""
    puts = -1000        # never the failing second PUT
    expected = "Basic " + __import__("base64").b64encode(b"researcher:s3cret").decode()

    def _forward(self):
        if self.headers.get("Authorization") != self.expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super()._forward()

    do_GET = do_PUT = do_POST = do_DELETE = _forward


def test_load_with_basic_authentication(kg, oxigraph, tmp_path, monkeypatch):
    small = tmp_path / "small.trig"
    small.write_text("<https://example.org/g> { <https://example.org/a> <https://example.org/b> "
                     "<https://example.org/c> . }\n", encoding="utf-8")
    AuthProxy.store = oxigraph
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), AuthProxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    store = f"http://127.0.0.1:{server.server_port}/store"
    try:
        res = kg("load", "--endpoint", store, "--data", small, "--no-inferred", ok=2)
        assert "HTTP 401" in res.output
        res = kg("load", "--endpoint", store, "--data", small, "--no-inferred", "--user", "researcher", ok=2)
        assert "--password-env" in res.output
        monkeypatch.setenv("STORE_PASSWORD", "s3cret")
        kg("load", "--endpoint", store, "--data", small, "--no-inferred", "--user", "researcher",
           "--password-env", "STORE_PASSWORD")
    finally:
        server.shutdown()
    assert graphs_in(oxigraph)["https://example.org/g"] == 1
    req = urllib.request.Request(oxigraph + "/store?" + urllib.parse.urlencode({"graph": "https://example.org/g"}),
                                 method="DELETE")
    urllib.request.urlopen(req, timeout=10).read()


def test_load_into_one_graph_and_merge(kg, oxigraph, tmp_path):
    """--graph puts every graph of the data into one; --merge adds to a graph
    instead of replacing it."""
    one, two = tmp_path / "one.trig", tmp_path / "two.ttl"
    one.write_text("<https://example.org/g1> { <https://example.org/a> <https://example.org/p> \"1\" . }\n"
                   "<https://example.org/g2> { <https://example.org/b> <https://example.org/p> \"2\" . }\n",
                   encoding="utf-8")
    two.write_text("<https://example.org/c> <https://example.org/p> \"3\" .\n", encoding="utf-8")
    store, target = oxigraph + "/store", "https://example.org/all"
    out = kg("load", "--endpoint", store, "--data", one, "--no-inferred", "--graph", target).output
    there = graphs_in(oxigraph)
    assert "https://example.org/g1" not in there and "https://example.org/g2" not in there
    before = there[target]     # the two graphs and the ontology, merged
    assert out.splitlines() == [f"{target}: {before} triples", f"loaded 1 graph(s), {before} triples into {store}"]
    kg("load", "--endpoint", store, "--data", two, "--no-inferred", "--graph", target, "--merge")
    assert graphs_in(oxigraph)[target] == before + 1
    kg("load", "--endpoint", store, "--data", two, "--no-inferred", "--graph", target)     # PUT replaces
    assert graphs_in(oxigraph)[target] == 1 + before - 2
    kg("load", "--endpoint", store, "--graph", target, "--per-source", ok=2)
    req = urllib.request.Request(store + "?" + urllib.parse.urlencode({"graph": target}), method="DELETE")
    urllib.request.urlopen(req, timeout=10).read()


@contextlib.contextmanager
def fresh_oxigraph(location: Path):
    """An Oxigraph server of its own, empty, for as long as the block runs."""
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    servers = serve([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                     "--union-default-graph"], base + "/query?query=ASK%7B%7D")
    next(servers)
    try:
        yield base
    finally:
        servers.close()


def test_load_in_one_request_gives_what_loading_each_graph_gives(kg, tmp_path):
    # kg synth data (one graph per synthetic article), with the seeds' graph;
    # --quads POSTs it all as N-Quads, the entailments last
    synth = tmp_path / "synth.nq"
    kg("synth", "--visits", "6", "--seed", "4", "--out", synth)
    data = ("--data", synth, "--data", ROOT / "data" / "dipkg.trig")
    loaded, reports = [], []
    for i, extra in enumerate(((), ("--quads",))):
        with fresh_oxigraph(tmp_path / f"store{i}") as base:
            out = kg("load", "--endpoint", base + "/store", *data, *extra).output
            reports.append(out.replace(base, "URL"))
            loaded.append(graphs_in(base))
    assert loaded[0] == loaded[1] and len(loaded[0]) == 6 + 2 + 2        # sources, ontology, inferred
    assert reports[0] == reports[1]
    assert kg("load", "--endpoint", "http://127.0.0.1:9/store", "--quads", "--merge", ok=2).output.count("\n") == 1


def test_what_is_loaded_keeps_literals_and_blank_nodes_apart(tmp_path):
    """Files are read as written ("0012" stays "0012"), and two files' blank
    nodes stay two nodes even with one label, in both ways of loading."""
    from kg.remote.client import _data_quads, graphs_ntriples

    one, two, three = tmp_path / "one.trig", tmp_path / "two.nq", tmp_path / "three.ttl"
    ex = "https://example.org/"
    one.write_text(f'<{ex}g> {{ _:b0 <{ex}count> "0012"^^<http://www.w3.org/2001/XMLSchema#integer> . }}\n')
    two.write_text(f'_:b0 <{ex}count> "7" <{ex}g> .\n')
    three.write_text(f'_:b0 <{ex}count> "8" .\n')
    sent = b"".join(body for name, body, _ in graphs_ntriples([one, two, three], inferred=False))
    assert b'"0012"^^<http://www.w3.org/2001/XMLSchema#integer>' in sent
    quads = [q for q in _data_quads([one, two, three]) if q.predicate.value == ex + "count"]
    assert len(quads) == 3 and len({q.subject for q in quads}) == 3
    assert {q.graph_name.value for q in quads} == {ex + "g", three.resolve().as_uri()}


def test_a_file_that_breaks_part_way_leaves_the_store_as_it_was(kg, tmp_path):
    """--quads sends a file as it is read: one that turns out not to parse
    after its first batches ends the request early, which the server's
    transaction does not commit; the file's error is the one line printed."""
    bad = tmp_path / "bad.nq"
    lines = [f"<https://example.org/s{i}> <https://example.org/p> \"{i}\" <https://example.org/g> .\n"
             for i in range(120_000)]
    bad.write_text("".join(lines) + "<https://example.org/s> <https://example.org/p> \"unterminated .\n",
                   encoding="utf-8")
    with fresh_oxigraph(tmp_path / "store") as base:
        res = kg("load", "--endpoint", base + "/store", "--data", bad, "--quads", ok=2)
        assert graphs_in(base) == {}
    assert res.output.count("\n") == 1 and res.output.startswith(f"kg: error: {bad}:120001:")


def test_load_quads_names_a_missing_file_before_connecting(kg, tmp_path):
    res = kg("load", "--endpoint", "http://127.0.0.1:9/store", "--quads", "--data", tmp_path / "none.nq", ok=2)
    assert res.output == f"kg: error: {tmp_path / 'none.nq'}: no such file\n"


def test_a_load_to_a_wrong_path_fails_and_writes_nothing(kg, oxigraph):
    """Oxigraph answers 404 to a write at a path it does not serve: an error,
    not "loaded 4 graph(s)" (every 404 used to be read as "graph absent")."""
    there = graphs_in(oxigraph)
    res = kg("load", "--endpoint", oxigraph + "/wrongpath", ok=2)
    assert res.output.startswith(f"kg: error: PUT {oxigraph}/wrongpath?") and "HTTP 404" in res.output, res.output
    assert len(res.output.strip().splitlines()) == 1
    assert graphs_in(oxigraph) == there


@pytest.mark.parametrize("url", ["notaurl", "http://[::1/store", "ftp://example.org/store", "http:///store"])
def test_a_bad_endpoint_url_is_a_one_line_error(kg, url):
    res = kg("load", "--endpoint", url, ok=2)
    assert res.output.startswith(f"kg: error: {url}: not ") and len(res.output.strip().splitlines()) == 1


class DyingProxy(Proxy):
    """Forwards to the store, then dies (stops listening) after its fifth write."""
    writes = 0
    server = None

    def intercept(self, body) -> bool:
        cls = type(self)
        if self.command in ("PUT", "POST"):
            cls.writes += 1
            if cls.writes > 5:
                self.connection.close()                 # mid-load: no answer, and nothing more
                srv = cls.server
                threading.Thread(target=lambda: (srv.shutdown(), srv.server_close()), daemon=True).start()
                return True
        return False


def test_a_service_that_dies_mid_load_leaves_a_named_list_of_what_was_written(kg, oxigraph, tmp_path):
    """Graph by graph, the service dies after five writes: the undo cannot
    reach it, so the error says which graphs were written, in a file, and
    those are exactly the graphs the store gained."""
    synth = tmp_path / "many.trig"
    kg("synth", "--visits", 30, "--seed", 3, "--out", synth)
    there = graphs_in(oxigraph)
    DyingProxy.store, DyingProxy.writes = oxigraph, 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), DyingProxy)
    DyingProxy.server = server
    threading.Thread(target=server.serve_forever, daemon=True).start()
    res = kg("load", "--endpoint", f"http://127.0.0.1:{server.server_port}/store", "--data", synth, ok=2)
    server.server_close()
    line = res.output.strip()
    assert len(line.splitlines()) == 1 and "could not be put back (listed in " in line, line
    listed = set(Path(line.rsplit("(listed in ", 1)[1].rstrip(")")).read_text().split())
    gained = {g for g in graphs_in(oxigraph) if g not in there}
    # every graph the store gained is listed; the others listed were there and were replaced
    assert gained and gained <= listed and listed - gained <= set(there)
    for g in gained:            # leave the module's store as it was
        req = urllib.request.Request(oxigraph + "/store?" + urllib.parse.urlencode({"graph": g}), method="DELETE")
        urllib.request.urlopen(req, timeout=10).read()


def test_an_endpoint_without_the_union_default_graph_gets_a_hint(kg, tmp_path_factory):
    """Oxigraph without --union-default-graph: the named queries find nothing,
    and the user is told why and how to configure the store."""
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    for _ in serve([exe, "serve", "--location", str(tmp_path_factory.mktemp("plain")), "--bind", f"127.0.0.1:{port}"],
                   base + "/query?query=ASK%7B%7D"):
        kg("load", "--endpoint", base + "/store")
        from click.testing import CliRunner

        from kg.cli import main
        res = CliRunner().invoke(main, ["query", "visits", "--endpoint", base + "/query"])
        assert res.exit_code == 0 and "(0 rows)" in res.stdout
        assert "kg: note: the endpoint's default graph is empty but its named graphs hold data" in res.stderr
        assert "--union-default-graph" in res.stderr
