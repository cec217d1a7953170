"""Hostile input: no request leaves for another server, whatever the query hides.

A canary HTTP server on a loopback port records every request it gets. The
query endpoint (``kg serve``) and SHACL-SPARQL constraints (``kg validate``,
both engines) are given SERVICE calls to it in every hiding place a parser
reading the text by keywords would miss; each must be refused before
evaluation, and the canary must hear nothing.
"""
from __future__ import annotations

import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import ROOT, free_port, serve

pytestmark = pytest.mark.xdist_group("hostile")


class Canary:
    """A loopback SPARQL endpoint that answers one row and remembers each request."""

    def __init__(self):
        self.requests: list[str] = []
        canary = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):       # noqa: N802
                canary.requests.append(self.path)
                body = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"urn:canary"}}]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET        # noqa: N815

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def canary():
    c = Canary()
    yield c
    c.close()


def hiding_places(url: str) -> list[str]:
    """SERVICE calls to ``url`` in the places a keyword scan of the text misses."""
    s = f"SERVICE <{url}> {{ ?s ?p ?o }}"
    escaped = "\\u0053ERVICE" + s[len("SERVICE"):]
    return [
        f"SELECT ?s WHERE {{ BIND('#' AS ?x) {s} }}",                          # a comment mark in '...'
        f"SELECT ?s WHERE {{ BIND(\"#\" AS ?x) {s} }}",
        f"SELECT ?s WHERE {{ BIND('''#\n''' AS ?x) {s} }}",                    # long strings
        f'SELECT ?s WHERE {{ BIND("""a " # b""" AS ?x) {s} }}',
        f"SELECT ?s WHERE {{ BIND('\\'' AS ?x) {s} }}",                        # an escaped quote
        f"SELECT ?s WHERE {{ # a comment\n {s} }}",
        f"SELECT ?s WHERE {{ {{ {{ {s} }} }} }}",                               # nested groups
        f"SELECT ?s WHERE {{ {{ SELECT ?s WHERE {{ {s} }} }} }}",               # a subquery
        f"SELECT ?s WHERE {{ OPTIONAL {{ {s} }} }}",
        f"SELECT ?s WHERE {{ ?a ?b ?c FILTER EXISTS {{ {s} }} }}",
        f"SELECT ?s WHERE {{ {{ ?a ?b ?c }} UNION {{ {s} }} }}",
        f"SELECT ?s WHERE {{ service SILENT <{url}> {{ ?s ?p ?o }} }}",        # lower case, SILENT
        f"SELECT ?s WHERE {{ {escaped} }}",                                     # a \\u escape
        f"ASK {{ {s} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {s} }}",
        f"PREFIX x: <{url}#> SELECT ?s WHERE {{ SERVICE x: {{ ?s ?p ?o }} }}",  # a prefixed name
    ]


@pytest.fixture(scope="module")
def endpoint():
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    yield from (base for _ in serve([sys.executable, "-m", "kg.cli", "serve", "--port", str(port),
                                     "--data", str(ROOT / "data" / "dipkg.trig")], base + "/", cwd=ROOT))


def _ask(base: str, query: str) -> tuple[int, str]:
    req = urllib.request.Request(f"{base}/sparql", data=query.encode("utf-8"),
                                 headers={"Content-Type": "application/sparql-query"})
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, res.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


@pytest.mark.parametrize("n", range(len(hiding_places("x"))))
def test_kg_serve_sends_no_request_out(canary, endpoint, n):
    query = hiding_places(canary.url)[n]
    before = len(canary.requests)
    status, body = _ask(endpoint, query)
    assert status == 400, (query, status, body)
    assert len(canary.requests) == before, f"the endpoint called out: {query}"


def test_the_canary_answers_when_called(canary):
    # the canary is reachable: a test that it hears nothing could not pass by a closed port
    with urllib.request.urlopen(canary.url + "?query=x", timeout=10) as res:
        assert res.status == 200
    assert canary.requests


def test_an_ordinary_query_still_runs(endpoint):
    status, body = _ask(endpoint, "SELECT ?s WHERE { ?s a <https://w3id.org/dipkg/ontology#Visit> } LIMIT 1")
    assert status == 200 and "dipkg/id/" in body


# a SHACL-SPARQL constraint is a SELECT query: the ASK and CONSTRUCT forms are the endpoint's
SELECTS = [n for n, q in enumerate(hiding_places("x")) if q.startswith("SELECT")]


@pytest.mark.parametrize("engine", ["oxigraph", "pyshacl"])
@pytest.mark.parametrize("n", SELECTS)
def test_shacl_sparql_sends_no_request_out(canary, tmp_path, engine, n):
    query = hiding_places(canary.url)[n]
    select = query.replace("SELECT ?s WHERE {", "SELECT $this WHERE { $this a <https://example.org/ns#Port> .", 1)
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text('@prefix sh: <http://www.w3.org/ns/shacl#> .\n'
                      '<https://example.org/ns#S> a sh:NodeShape ; sh:targetClass <https://example.org/ns#Port> ;\n'
                      f'  sh:sparql [ sh:select {json_string(select)} ] .\n', encoding="utf-8")
    data = tmp_path / "data.ttl"
    data.write_text("<https://example.org/ns#p> a <https://example.org/ns#Port> .\n")
    before = len(canary.requests)
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "validate", str(data), "--shapes", str(shapes),
                           "--only-given", "--no-vocab", "--engine", engine], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 2, (select, proc.stdout, proc.stderr)
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert len(canary.requests) == before, f"validation called out: {select}"


def json_string(text: str) -> str:
    """A Turtle string literal (JSON's escaping is Turtle's for these characters)."""
    import json
    return json.dumps(text)


# -- documents nobody named: JSON-LD contexts, FIFOs, devices ---------------------------

READERS = [["validate"], ["check"], ["stats", "--data"], ["reason", "--data"], ["export", "--format", "nt", "--data"],
           ["query", "states", "--data"]]


def _kg(*args, cwd=ROOT, timeout=10) -> subprocess.CompletedProcess:
    """kg in a process of its own; a hang fails the test (10 s)."""
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r[0])
@pytest.mark.parametrize("where", ["top", "array", "import", "scoped"])
def test_a_json_ld_context_is_never_fetched(canary, tmp_path, reader, where):
    ctx = canary.url.replace("/sparql", "/context.jsonld")
    context = {"top": f'"{ctx}"', "array": f'[{{"ex": "https://example.org/"}}, "{ctx}"]',
               "import": f'{{"@version": 1.1, "@import": "{ctx}"}}',
               "scoped": f'{{"knows": {{"@id": "https://example.org/knows", "@context": "{ctx}"}}}}'}[where]
    f = tmp_path / "people.jsonld"
    f.write_text(f'{{"@context": {context}, "@id": "https://example.org/a"}}', encoding="utf-8")
    before = len(canary.requests)
    proc = _kg(*reader, f)
    assert proc.returncode == 2 and "would be fetched" in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert len(canary.requests) == before


@pytest.fixture
def fifo(tmp_path):
    import os
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "blocked.ttl"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("how", ["given", "folder", "shapes"])
@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_fifo_is_refused_not_waited_on(fifo, command, how):
    args = {"given": [fifo], "folder": [fifo.parent],
            "shapes": ["data/dipkg.trig", "--shapes", fifo]}[how]
    proc = _kg(command, *args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == f"kg: error: {fifo}: not a regular file (a FIFO); refused"


def test_a_device_is_refused():
    proc = _kg("validate", "--input-format", "turtle", "/dev/zero")
    assert proc.returncode == 2 and proc.stderr.strip() == "kg: error: /dev/zero: not a regular file (a device); refused"


def test_an_input_over_the_size_bound_is_refused(tmp_path):
    import os
    f = tmp_path / "big.nt"
    f.write_text("<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n" * 100)
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "validate", str(f)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "DIPKG_MAX_INPUT_BYTES": "1000"})
    assert proc.returncode == 2 and "file too large: 7400 bytes (at most 1000" in proc.stderr


# -- RDF/XML: entities in any layout, literals in pieces ----------------------------------

XML_HEAD = ('<?xml version="1.0"?>\n{doctype}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:ex="https://example.org/">\n<rdf:Description rdf:about="https://example.org/x">'
            '<ex:p>{body}</ex:p></rdf:Description></rdf:RDF>\n')


def test_an_entity_declared_after_a_megabyte_of_comment_is_refused(tmp_path):
    f = tmp_path / "late.rdf"
    doctype = "<!--" + "x" * 1_100_000 + "-->\n<!DOCTYPE rdf:RDF [ <!ENTITY a \"aaaa\"> <!ENTITY b \"&a;&a;&a;\"> ]>\n"
    f.write_text(XML_HEAD.format(doctype=doctype, body="&b;"), encoding="utf-8")
    proc = _kg("validate", f)
    assert proc.returncode == 2 and "declares the DTD entity 'a'" in proc.stderr, proc.stderr


def test_a_long_entity_referenced_many_times_is_refused_at_once(tmp_path):
    f = tmp_path / "wide.rdf"
    doctype = f'<!DOCTYPE rdf:RDF [ <!ENTITY big "{"x" * 2000}"> ]>\n'
    f.write_text(XML_HEAD.format(doctype=doctype, body="&big;" * 20_000), encoding="utf-8")
    proc = _kg("validate", f)
    assert proc.returncode == 2 and "declares the DTD entity 'big'" in proc.stderr, proc.stderr


def test_a_literal_split_by_a_million_comments_is_read_in_linear_time(tmp_path):
    f = tmp_path / "pieces.rdf"
    f.write_text(XML_HEAD.format(doctype="", body="abcdefgh<!---->" * 1_000_000), encoding="utf-8")
    proc = _kg("validate", "--engine", "pyshacl", "--no-vocab", f, timeout=60)
    assert proc.returncode == 0, proc.stderr
    proc = _kg("export", "--format", "nt", "--data", f, timeout=60)
    assert proc.returncode == 0 and '"' + "abcdefgh" * 1_000_000 + '"' in proc.stdout
