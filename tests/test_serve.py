"""`kg serve` driven as its users would: a real HTTP client, SPARQLWrapper,
and headless Chromium on the query page. The server runs as a process of
its own on a free loopback port."""
from __future__ import annotations

import csv
import io
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph

from conftest import ROOT, free_port, serve

# one server for the module: its tests stay on one worker
pytestmark = pytest.mark.xdist_group("serve")

DIP = "https://w3id.org/dipkg/ontology#"
VISITS = f"SELECT ?visit ?start WHERE {{ ?visit a <{DIP}Visit> ; <{DIP}startDate> ?start }} ORDER BY ?start"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TIMEOUT = 3


@pytest.fixture(scope="module")
def server():
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    yield from (base for _ in serve([sys.executable, "-m", "kg.cli", "serve", "--port", str(port),
                                     "--timeout", str(TIMEOUT), "--max-rows", "50",
                                     "--data", str(ROOT / "data" / "dipkg.trig")], base + "/", cwd=ROOT))


def get(url: str, accept: str = "", data: bytes | None = None, content_type: str | None = None):
    headers = {"Accept": accept} if accept else {}
    if content_type:
        headers["Content-Type"] = content_type
    req = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, res.headers, res.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def ask_for(base: str, query: str, accept: str, how: str = "get"):
    if how == "get":
        return get(f"{base}/sparql?" + urllib.parse.urlencode({"query": query}), accept)
    if how == "form":
        return get(f"{base}/sparql", accept, urllib.parse.urlencode({"query": query}).encode(),
                   "application/x-www-form-urlencoded")
    return get(f"{base}/sparql", accept, query.encode(), "application/sparql-query")


@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_select_in_every_results_format(server, how):
    status, headers, body = ask_for(server, VISITS, "application/sparql-results+json", how)
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    rows = json.loads(body)["results"]["bindings"]
    assert [r["start"]["value"] for r in rows] == ["2023-08-20T00:00:00", "2025-05-05T00:00:00"]
    assert rows[0]["start"]["datatype"] == "http://www.w3.org/2001/XMLSchema#dateTime"

    status, headers, body = ask_for(server, VISITS, "application/sparql-results+xml", how)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert len(ET.fromstring(body).findall(".//r:result", ns)) == 2
    status, headers, body = ask_for(server, VISITS, "text/csv", how)
    assert headers["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(body.decode())))[0] == ["visit", "start"]
    status, headers, body = ask_for(server, VISITS, "text/tab-separated-values", how)
    assert body.decode().splitlines()[0] == "?visit\t?start"
    assert '"2023-08-20T00:00:00"^^<http://www.w3.org/2001/XMLSchema#dateTime>' in body.decode()


def test_ask_construct_describe(server):
    status, _, body = ask_for(server, f"ASK {{ ?s a <{DIP}State> }}", "application/sparql-results+json")
    assert json.loads(body) == {"head": {}, "boolean": True}
    construct = f"CONSTRUCT {{ ?s <{DIP}isoCode> ?c }} WHERE {{ ?s <{DIP}isoCode> ?c }}"
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")):
        status, headers, body = ask_for(server, construct, accept)
        assert status == 200 and headers["Content-Type"].startswith(accept)
        g = Graph().parse(data=body, format=fmt)
        assert {str(o) for o in g.objects()} >= {"KZ", "VN"}
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
                        ("application/rdf+xml", "xml")):
        status, headers, body = ask_for(server, "DESCRIBE <https://w3id.org/dipkg/id/state/KZ>", accept)
        assert status == 200 and headers["Content-Type"].startswith(accept)
        assert "Kazakhstan" in {str(o) for o in Graph().parse(data=body, format=fmt).objects()}


def test_row_cap(server):
    status, _, body = ask_for(server, "SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 50


def test_updates_are_refused(server):
    insert = "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"
    status, _, body = get(f"{server}/sparql", "", urllib.parse.urlencode({"update": insert}).encode(),
                          "application/x-www-form-urlencoded")
    assert status == 403 and b"read-only" in body
    status, _, body = get(f"{server}/sparql", "", insert.encode(), "application/sparql-update")
    assert status == 403
    status, _, body = ask_for(server, "LOAD <https://example.org/data.ttl>", "", "direct")
    assert status == 403
    status, _, body = ask_for(server, "ASK { <https://example.org/a> ?p ?o }", "application/sparql-results+json")
    assert json.loads(body)["boolean"] is False


def test_service_is_refused_without_a_connection(server):
    """A SERVICE call to a listener of the test's own: refused, and nothing connects to it."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(2)
    port = listener.getsockname()[1]
    connected = []

    def watch():
        try:
            connected.append(listener.accept())
        except OSError:
            pass
    t = threading.Thread(target=watch)
    t.start()
    status, _, body = ask_for(server, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                              "application/sparql-results+json")
    t.join()
    listener.close()
    assert status == 400 and b"SERVICE is refused" in body
    assert connected == []


@pytest.mark.slow
def test_a_slow_query_is_stopped_at_its_limit(server):
    t = time.monotonic()
    status, _, body = ask_for(server, SLOW, "application/sparql-results+json")
    took = time.monotonic() - t
    assert status == 503 and f"time limit of {TIMEOUT} s".encode() in body
    assert TIMEOUT <= took < TIMEOUT + 10
    status, _, _ = ask_for(server, VISITS, "application/sparql-results+json")      # and it goes on serving
    assert status == 200


def test_bad_queries_are_400(server):
    status, _, body = ask_for(server, "SELECT * WHERE { ?s ?p }", "application/sparql-results+json")
    assert status == 400 and body.startswith(b"SPARQL syntax error")


def test_resource_pages_by_iri_path(server):
    status, headers, body = get(f"{server}/id/state/KZ", "text/html")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"https://w3id.org/dipkg/id/state/KZ" in body and b"Kazakhstan" in body
    status, headers, body = get(f"{server}/id/state/KZ", "text/turtle")
    assert status == 200 and "Kazakhstan" in body.decode()
    status, headers, body = get(f"{server}/id/state/KZ", "application/ld+json")
    g = Graph().parse(data=body, format="json-ld")
    assert len(g) > 3
    status, _, _ = get(f"{server}/id/state/ZZ", "text/html")
    assert status == 404


def test_void_and_cors_preflight(server):
    status, headers, body = get(f"{server}/.well-known/void")
    g = Graph().parse(data=body, format="turtle")
    assert status == 200 and any("void#triples" in str(p) for p in g.predicates())
    req = urllib.request.Request(f"{server}/sparql", method="OPTIONS")
    with urllib.request.urlopen(req, timeout=10) as res:
        assert res.status == 204 and "POST" in res.headers["Access-Control-Allow-Methods"]


def test_sparqlwrapper(server):
    from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

    sw = SPARQLWrapper(f"{server}/sparql")
    sw.setQuery(VISITS)
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]
    assert [r["visit"]["value"].rsplit("/", 1)[-1] for r in rows] == ["VN", "KZ"]
    sw.setReturnFormat(XML)
    assert len(sw.query().convert().getElementsByTagName("result")) == 2
    sw.setReturnFormat(CSV)
    assert sw.query().convert().decode().splitlines()[0] == "visit,start"
    sw.setQuery(f"ASK {{ ?s a <{DIP}Visit> }}")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True
    sw.setQuery(f"CONSTRUCT {{ ?s a <{DIP}Visit> }} WHERE {{ ?s a <{DIP}Visit> }}")
    sw.setReturnFormat(TURTLE)
    assert len(Graph().parse(data=sw.query().convert(), format="turtle")) == 2
    sw.setQuery("DESCRIBE <https://w3id.org/dipkg/id/state/VN>")
    assert "Vietnam" in sw.query().convert().decode()
    sw.setMethod("POST")
    sw.setQuery(VISITS)
    sw.setReturnFormat(JSON)
    assert len(sw.query().convert()["results"]["bindings"]) == 2


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (tests/debian-packages.sh installs it)")
def test_query_page_in_headless_chromium(server, tmp_path):
    """The page runs the query of its ?query= link and shows the rows."""
    url = f"{server}/?" + urllib.parse.urlencode({"query": VISITS})
    dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000",
                          f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", url],
                         capture_output=True, text=True, timeout=120).stdout
    assert dom.count('<tr class="row">') == 2, dom[-2000:]
    assert "2023-08-20" in dom and "2 row(s)" in dom
    # result IRIs are links, the graph's own to their resource page on this server
    assert '<a href="/id/visit/2023-08-20/kassym-jomart-tokayev/VN">https://w3id.org/dipkg/id/visit/' in dom, dom[-2000:]
    shot = tmp_path / "page.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000",
                    f"--user-data-dir={tmp_path / 'profile2'}", f"--screenshot={shot}", "--window-size=1000,700", url],
                   capture_output=True, timeout=120)
    assert shot.stat().st_size > 1000


@pytest.mark.parametrize("query, status", [
    ("SELECT ?service WHERE { ?s ?p ?service }", None),            # a variable, not the keyword
    ("PREFIX ex: <https://example.org/> SELECT * WHERE { ?s ex:load ?o }", None),
    ('SELECT * WHERE { ?s ?p "SERVICE" }', None),                  # inside a string
    ("SELECT * WHERE { service <https://example.org/sparql> { ?s ?p ?o } }", 400),
    ("LOAD <https://example.org/data.ttl>", 403),
    ("DROP ALL", 403),
])
def test_what_is_refused_before_evaluation(query, status):
    from kg.serve.server import Refused, check_query
    if status is None:
        check_query(query)
    else:
        with pytest.raises(Refused) as err:
            check_query(query)
        assert err.value.status == status


def test_a_boolean_asked_for_as_csv_comes_as_json(server):
    status, headers, body = ask_for(server, f"ASK {{ ?s a <{DIP}Visit> }}", "text/csv")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert json.loads(body)["boolean"] is True


@pytest.mark.parametrize("query", [
    # a triple stated by both sources is one triple, not one per graph
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?state WHERE { ?state <https://w3id.org/dipkg/ontology#isoCode> ?code } ORDER BY ?state",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
])
def test_the_endpoint_answers_as_kg_query_does(kg, server, query):
    """kg serve serves the store kg query builds: same default graph (one set
    of triples), same named graphs, so the same rows."""
    status, _, body = ask_for(server, query, "text/csv")
    assert status == 200
    local = kg("query", "--query", query, "--format", "csv").output
    assert body.decode("utf-8").replace("\r\n", "\n") == local


def test_with_the_cache_off_the_store_is_built_for_the_server(kg, monkeypatch):
    from kg.serve.server import Service

    monkeypatch.setenv("DIPKG_CACHE_DIR", "")
    service = Service()
    try:
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        status, _, body = service.query(query, "text/csv")
        assert status == 200 and body.decode().split()[1] == str(service.triples)
        assert body.decode().replace("\r\n", "\n") == kg("query", "--query", query, "--format", "csv").output
    finally:
        service.close()


def test_sigterm_stops_the_server_and_removes_its_folder(tmp_path):
    """A service manager stops kg serve with SIGTERM: the store's folder goes too."""
    import os
    from pathlib import Path

    port = free_port()
    kg_script = Path(sys.executable).parent / "kg"
    servers = serve([str(kg_script), "serve", "--port", str(port)], f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D",
                    cwd=ROOT, env={**os.environ, "TMPDIR": str(tmp_path)})
    proc = next(servers)
    assert len(list(tmp_path.glob("kg-serve-*"))) == 1
    servers.close()         # SIGTERM, then wait
    assert proc.returncode == 0
    assert list(tmp_path.glob("kg-serve-*")) == []
