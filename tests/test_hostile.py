"""Hostile input: no request leaves for another server, whatever the query hides.

A canary HTTP server on a loopback port records every request it gets. The
query endpoint (``kg serve``) and SHACL-SPARQL constraints (``kg validate``,
both engines) are given SERVICE calls to it in every hiding place a parser
reading the text by keywords would miss; each must be refused before
evaluation, and the canary must hear nothing.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import ROOT, free_port, serve

# slow: hostile inputs and clients against real servers (timeouts of seconds)
pytestmark = [pytest.mark.xdist_group("hostile"), pytest.mark.slow]


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
                          text=True, timeout=10)
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
    proc = _kg("validate", "--engine", "pyshacl", "--no-vocab", f)
    assert proc.returncode == 0, proc.stderr
    proc = _kg("export", "--format", "nt", "--data", f)
    assert proc.returncode == 0 and '"' + "abcdefgh" * 1_000_000 + '"' in proc.stdout


# -- linear time on large inputs ------------------------------------------------------------

@pytest.mark.parametrize("command", ["check", "validate"])
def test_forty_thousand_prefix_lines_are_read_in_seconds(tmp_path, command):
    """rdflib bound each @prefix by scanning every binding: 10k lines took 23 s in kg check, 40k over 120 s."""
    f = tmp_path / "prefixes.ttl"
    f.write_text("".join(f"@prefix p{i}: <https://example.org/ns{i}#> .\n" for i in range(40_000))
                 + "<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    proc = _kg(command, f, "--shapes", ROOT / "tests" / "shacl" / "features.shapes.ttl", "--only-given",
               ) if command == "validate" else _kg(command, f)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr


def test_valid_turtle_rdflib_refused_is_read(tmp_path):
    f = tmp_path / "escapes.ttl"
    f.write_text("@prefix ex: <https://example.org/> .\nex:a\\~b ex:p ex:o\\.\\. .\n")
    proc = _kg("check", f)
    assert proc.returncode == 0 and proc.stdout.strip() == "Conforms.", proc.stdout + proc.stderr


def test_an_article_over_the_size_bound_is_refused_at_once(tmp_path):
    f = tmp_path / "long.txt"
    f.write_text("date 2024-05-01\n\n" + "Le président a parlé. " * 20_000, encoding="utf-8")
    proc = _kg("extract", f, "--out", tmp_path / "out.trig")
    assert proc.returncode == 2 and proc.stderr.strip() == (
        f"kg: error: {f}: article too long: {f.stat().st_size} bytes (at most 262144; "
        "DIPKG_MAX_ARTICLE_BYTES sets another)")
    assert not (tmp_path / "out.trig").exists()


# -- curated metadata, report text, literals the reasoner judged wrongly ----------------------

SEED = "003_8820da410098f49d"
GOOD_EVENT = {"kind": "visit", "guest": "Tô Lâm", "guest_state": "VN", "host_state": "KZ", "type": "state",
              "start": "2025-05-05", "end": "2025-05-07"}


@pytest.mark.parametrize("metadata, message", [
    ("[]", "metadata.json: must be a JSON object keyed by article file stem, not an array"),
    ("null", "metadata.json: must be a JSON object keyed by article file stem, not null"),
    ({SEED: None}, f"metadata.json: {SEED}: must be an object, not null"),
    ({SEED: {"date": 2025}}, f"metadata.json: {SEED}: 'date' must be a string, not a number"),
    ({SEED: {"date": "2025-05", "events": ["visit"]}}, f"metadata.json: {SEED} event 1: must be an object, not a string"),
    ({SEED: {"date": "2025-05", "events": [{}]}}, f"metadata.json: {SEED} event 1: unknown event kind None (known: visit)"),
    ({SEED: {"date": "2025-05", "events": [dict(GOOD_EVENT, kind="summit")]}},
     f"metadata.json: {SEED} event 1: unknown event kind 'summit' (known: visit)"),
    ({SEED: {"date": "2025-05", "events": [dict(GOOD_EVENT, host_state="XX")]}},
     f"metadata.json: {SEED} event 1: 'host_state' 'XX' is not a known ISO 3166 alpha-2 state code"),
    ({SEED: {"date": "2025-05", "events": [{k: v for k, v in GOOD_EVENT.items() if k != "guest"}]}},
     f"metadata.json: {SEED} event 1: missing guest"),
    ('{"a": ' * 100_000 + "1" + "}" * 100_000, "metadata.json: invalid JSON: nested too deeply"),
])
def test_broken_curated_metadata_is_a_one_line_error(tmp_path, metadata, message):
    import json
    import shutil
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    (seeds / "metadata.json").write_text(metadata if isinstance(metadata, str) else json.dumps(metadata),
                                         encoding="utf-8")
    proc = _kg("build", "--seeds", seeds, "--out", tmp_path / "out")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.strip() == f"kg: error: {seeds}/{message}", proc.stderr
    assert not (tmp_path / "out" / "dipkg.trig").exists()


def test_a_literal_cannot_forge_a_line_of_the_text_report(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text('@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .\n'
                      'ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:maxLength 1 ] .\n')
    data = tmp_path / "data.ttl"
    data.write_text('<https://example.org/a> <https://example.org/p> "x\\r\\nConforms." .\n')
    proc = _kg("validate", data, "--shapes", shapes, "--only-given", "--no-vocab")
    assert proc.returncode == 1
    assert "Conforms." not in proc.stdout.splitlines() and "value: x\\r\\nConforms." in proc.stdout


def test_a_five_thousand_digit_integer_is_no_clash(tmp_path):
    f = tmp_path / "big.nt"
    f.write_text('<https://example.org/a> <https://example.org/p> "' + "9" * 5000
                 + '"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')
    for engine in ("oxigraph", "pyshacl"):
        proc = _kg("validate", "--engine", engine, f)
        assert proc.returncode == 0 and proc.stdout.strip() == "Conforms.", proc.stdout


@pytest.mark.parametrize("body, what", [
    ("<http://example.org/a b> <http://example.org/p> 1 .", "an IRI with a space"),
    ('<http://example.org/a\\u0000> <http://example.org/p> 1 .', "a NUL in an IRI"),
    ('<http://example.org/a> <http://example.org/p> "\\uD800" .', "a lone surrogate"),
    ('<http://example.org/a> <http://example.org/p> "x"@abcdefghijk .', "a language tag over 8 characters"),
    ('"lit" <http://example.org/p> 1 .', "a literal subject"),
    ("<http://example.org/a> _:p 1 .", "a blank node predicate"),
    ('<http://example.org/a> <http://example.org/p> "x"@en^^<http://www.w3.org/2001/XMLSchema#string> .',
     "a language tag and a datatype"),
])
@pytest.mark.parametrize("command", ["validate", "check"])
def test_turtle_that_is_not_rdf_is_a_syntax_error(tmp_path, body, what, command):
    f = tmp_path / "bad.ttl"
    f.write_text(body + "\n", encoding="utf-8")
    proc = _kg(command, f)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, (what, proc.stderr)
    assert proc.stderr.startswith(f"kg: error: {f}:1:") and "turtle syntax error" in proc.stderr, (what, proc.stderr)


# -- kg serve under abuse: bounded processes, memory, reads; malformed headers ------------

@pytest.fixture(scope="module")
def small_endpoint():
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    yield from ((base, port) for _ in serve(
        [sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--timeout", "8", "--processes", "2",
         "--memory", "300", "--data", str(ROOT / "data" / "dipkg.trig")], base + "/", cwd=ROOT))


def _raw(port: int, request: bytes, timeout: float = 15) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(request)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
        return out


@pytest.mark.parametrize("length", [b"abc", b"-1", b"1e3"])
def test_a_malformed_content_length_is_a_400(small_endpoint, length):
    _, port = small_endpoint
    answer = _raw(port, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                        b"Content-Length: " + length + b"\r\nConnection: close\r\n\r\nASK {}")
    assert answer.startswith(b"HTTP/1.0 400") and b"bad Content-Length" in answer, answer[:200]


def test_a_malformed_accept_header_gets_an_answer(small_endpoint):
    _, port = small_endpoint
    answer = _raw(port, b"GET /id/state/KZ HTTP/1.1\r\nHost: x\r\nAccept: text/html;q=1..2\r\n"
                        b"Connection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 200") and b"text/turtle" in answer.split(b"\r\n\r\n")[0], answer[:300]


def test_a_query_that_would_eat_the_memory_is_stopped_and_the_server_goes_on(small_endpoint):
    base, _ = small_endpoint
    huge = ("SELECT ?a ?b ?c ?d WHERE { ?a ?p1 ?o1 . ?b ?p2 ?o2 . ?c ?p3 ?o3 . ?d ?p4 ?o4 } "
            "ORDER BY ?a ?b ?c ?d ?o1 ?o2 ?o3 ?o4")
    t = time.monotonic()
    status, body = _ask(base, huge)
    assert status == 503 and time.monotonic() - t < 10, (status, body)
    assert _ask(base, "ASK { ?s ?p ?o }") == (200, '{"head": {}, "boolean": true}') or \
        _ask(base, "ASK { ?s ?p ?o }")[0] == 200


def test_more_queries_than_processes_wait_their_turn(small_endpoint):
    base, _ = small_endpoint
    statuses = []

    def one():
        statuses.append(_ask(base, "ASK { ?s ?p ?o }")[0])
    threads = [threading.Thread(target=one) for _ in range(12)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert statuses == [200] * 12


def test_a_client_that_never_finishes_its_headers_is_cut(small_endpoint):
    base, port = small_endpoint
    stalled = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(20)]
    for s in stalled:
        s.sendall(b"GET /sparql?query=ASK")
    assert _ask(base, "ASK { ?s ?p ?o }")[0] == 200      # others are served meanwhile
    time.sleep(12)                                          # past the 10 s read timeout
    cut = 0
    for s in stalled:
        s.settimeout(2)
        try:
            cut += s.recv(100) == b""
        except OSError:
            pass
        s.close()
    assert cut == len(stalled)


@pytest.mark.parametrize("iri", ["https://w3id.org/dipkg/context.jsonld",
                                 "https://w3id.org/dipkg/ontology/dipkg.context.jsonld"])
def test_dipkg_own_context_is_read_from_the_installed_file(canary, tmp_path, iri):
    """The one context cited by IRI that is read: put inline from ontology/dipkg.context.jsonld, never fetched."""
    f = tmp_path / "state.jsonld"
    f.write_text(f'{{"@context": ["{iri}", {{"ex": "https://example.org/"}}], '
                 '"@id": "ex:a", "dip:isoCode": "KZ"}', encoding="utf-8")
    before = len(canary.requests)
    proc = _kg("export", "--format", "nt", "--data", f)
    assert proc.returncode == 0, proc.stderr
    assert '<https://example.org/a> <https://w3id.org/dipkg/ontology#isoCode> "KZ" .' in proc.stdout
    assert len(canary.requests) == before
