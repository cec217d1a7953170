"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the graph.

The data (with the ontology and the OWL 2 RL entailments) is served from the
store ``kg query`` builds and keeps (:func:`kg.query.store.knowledge_store`), so
both answer alike: its default graph is data, ontology and entailments as
one set of triples, and its named graphs are those ``kg load`` pushes.
Queries run in a fixed number of query processes (``Limits.processes``),
each with the store open read-only and its data memory bounded; other
queries wait their turn, a bounded time, then get 503. A query past its time
limit, or whose process runs out of memory, is stopped for good (the process
is killed and replaced) and the server goes on. Reading a request is bounded
in time (a client that never finishes its headers is cut) and size. Updates, ``LOAD`` and ``SERVICE`` are refused: the endpoint
never writes and never makes an outbound request.

Routes: ``/sparql`` (GET ``?query=``, POST form-encoded or
``application/sparql-query``), ``/`` (a page to type a query), ``/id/…`` (a
resource's description: HTML, Turtle or JSON-LD by ``Accept``),
``/.well-known/void`` (the VoID description).

>>> server = make_server(["data/dipkg.trig"], port=0)         # doctest: +SKIP
>>> server.serve_forever()                                   # doctest: +SKIP
"""
from __future__ import annotations

import functools
import html
import multiprocessing
import re
import shutil
import tempfile
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RESULT_TYPES = {  # media type -> kg.query.rows.Rows format
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
               "application/rdf+xml": "xml"}
ID_SPACE = "https://w3id.org/dipkg/id/"


@dataclass
class Limits:
    timeout: float = 10.0       # seconds per query
    max_rows: int = 10_000      # rows (or triples) per answer
    processes: int = 4          # query processes at once; others wait for a free one
    wait: float = 10.0          # seconds a query waits for a free process before a 503
    memory_mb: int = 2048       # data memory of a query process (RLIMIT_DATA)
    read_timeout: float = 10.0  # seconds to send the headers and the body (slow clients are cut)


class Refused(Exception):
    """A request the endpoint will not run: ``status`` and a one-line message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


MAX_QUERY = 256 * 1024        # characters: a longer query is refused before parsing
# the words that begin an update (SPARQL 1.1 Update) or a federated pattern:
# a text holding none, nor a \u escape that could spell one, needs no parse
_RISKY = ("service", "insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add")


@functools.lru_cache(maxsize=4096)      # a query asked again (a dashboard's) is not parsed again
def check_query(text: str) -> None:
    """Refuse what a read-only endpoint must not run, before any evaluation:
    read from the parsed query (rdflib's SPARQL 1.1 grammar), not its text.
    An update is refused (403), and so is any federation (SERVICE), found in
    the parse tree and, as a second guard, as a keyword outside strings,
    comments and IRIs (400). A query that the grammar does not read is
    refused too (400, with its line and column): it cannot be checked.

    >>> check_query("SELECT * WHERE { ?s ?p 'SERVICE' }")
    >>> check_query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.serve.server.Refused: SERVICE is refused: this endpoint makes no outbound request
    """
    from ..errors import QueryError
    from ..query.sparql import code_of, federated, parse_sparql

    if len(text) > MAX_QUERY:
        raise Refused(413, f"query too long: {len(text)} characters (at most {MAX_QUERY})")
    lowered = text.lower()
    if "\\u" not in lowered and not any(word in lowered for word in _RISKY):
        return      # no form of an update or of SERVICE can be written without these letters
    try:
        kind, tree = parse_sparql(text)
    except QueryError as err:
        raise Refused(400, str(err)) from None
    if kind == "update":
        raise Refused(403, "updates are refused: this endpoint is read-only")
    if federated(tree) or re.search(r"(?<![?$\w:])SERVICE\b", code_of(text), re.I):
        raise Refused(400, "SERVICE is refused: this endpoint makes no outbound request")


def _negotiate(accept: str, offers: dict[str, str], default: str) -> tuple[str, str]:
    """(media type, format) for an Accept header, by q-value then order."""
    choices = []
    for i, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = next((float(p[2:]) for p in params if re.fullmatch(r"q=(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)", p)),
                 0.0 if any(p.startswith("q=") for p in params) else 1.0)      # a malformed q: not wanted
        choices.append((-q, i, media.lower()))
    for negq, _, media in sorted(choices):
        if negq >= 0:           # q=0 (or a malformed q): not acceptable
            continue
        if media in offers:
            return media, offers[media]
        if media in ("*/*", "application/*", "text/*"):
            break
    return default, offers[default]


def _worker(store_path: str, memory_mb: int, conn) -> None:
    """A query process: opens the read-only store once, then answers one
    query at a time from ``conn`` with (status, type, body) until the pipe
    closes. Its data memory is bounded: a query that needs more fails in
    this process, which the server then replaces."""
    import resource

    import pyoxigraph as ox

    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    store = ox.Store.read_only(store_path)
    while True:
        try:
            text, accept, max_rows = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_answer(store, text, accept, max_rows))


def _answer(store, text: str, accept: str, max_rows: int) -> tuple[int, str, bytes]:
    """Run one query on the store: (status, media type, body)."""
    import pyoxigraph as ox
    from rdflib import Graph

    from ..graph.rdf import bind
    from ..io.terms import term_converter
    from ..query.rows import Rows

    term = term_converter()     # one blank node per label within an answer
    try:
        res = store.query(text)
        if isinstance(res, ox.QueryBoolean) or isinstance(res, bool):
            media, fmt = _negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
            if fmt in ("csv", "tsv"):   # a boolean has no CSV or TSV form
                media, fmt = "application/sparql-results+json", "json"
            out = Rows([], [], "ASK", boolean=bool(res)).render(fmt)
        elif isinstance(res, ox.QuerySolutions):
            media, fmt = _negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
            cols = [v.value for v in res.variables]
            rows = []
            for sol in res:
                if len(rows) == max_rows:
                    break
                rows.append([term(sol[c]) for c in cols])
            out = Rows(cols, rows).render(fmt)
        else:
            media, fmt = _negotiate(accept, GRAPH_TYPES, "text/turtle")
            g = Graph()
            bind(g)
            for i, t in enumerate(res):
                if i == max_rows:
                    break
                g.add((term(t.subject), term(t.predicate), term(t.object)))
            out = g.serialize(format=fmt)
        return 200, media, out.encode("utf-8") if isinstance(out, str) else out
    except SyntaxError as err:
        return 400, "text/plain", f"SPARQL syntax error: {' '.join(str(err).split())[:300]}".encode()
    except MemoryError:
        return 503, "text/plain", b"query stopped: over the memory limit of its process"
    except Exception as err:    # an evaluation error is the query's, not the server's
        return 400, "text/plain", f"query failed: {' '.join(str(err).split())[:300]}".encode()


class Service:
    """The loaded store and the limits; :meth:`query` runs one query."""

    def __init__(self, data_paths=None, limits: Limits | None = None):
        import pyoxigraph as ox

        from ..query.store import store_folder
        from ..resources import DEFAULT_DATA

        self.limits = limits or Limits()
        self.dir = tempfile.mkdtemp(prefix="kg-serve-")
        # the store kg query builds and keeps, so that both answer alike (the
        # default graph: data, ontology and entailments as one set of triples)
        try:
            store_folder(list(data_paths) if data_paths else [DEFAULT_DATA], self.dir)
            store = ox.Store.read_only(self.dir)
            self.triples = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
            del store
        except BaseException:
            self.close()
            raise
        self._void: bytes | None = None
        self._lock = threading.Lock()
        # a fork server: children start from a single-threaded process with
        # the libraries already imported (a query costs milliseconds, not an
        # interpreter start), and never inherit the HTTP server's threads
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["kg.serve.server", "kg.query.engine", "kg.graph.rdf", "rdflib", "pyoxigraph"])
        # persistent query processes, each with the store open: a query costs
        # a pipe's round trip, not a process start
        import queue
        self._idle: queue.Queue = queue.Queue()
        for _ in range(self.limits.processes):
            self._idle.put(self._spawn())

    def _spawn(self):
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker, args=(self.dir, self.limits.memory_mb, child), daemon=True)
        proc.start()
        child.close()
        return proc, parent

    def query(self, text: str, accept: str = "") -> tuple[int, str, bytes]:
        """Run one query in a free query process (waiting up to ``wait`` for
        one): a query past its time limit, or whose process dies (over its
        memory limit), is a 503, and its process is replaced."""
        import queue

        check_query(text)
        try:
            worker = self._idle.get(timeout=self.limits.wait)
        except queue.Empty:
            raise Refused(503, f"busy: {self.limits.processes} queries running; try again") from None
        proc, conn = worker
        healthy = False
        try:
            conn.send((text, accept, self.limits.max_rows))
            if not conn.poll(self.limits.timeout):
                raise Refused(503, f"query stopped at its time limit of {self.limits.timeout:g} s")
            answer = conn.recv()
            healthy = True
            return answer
        except (EOFError, OSError):
            raise Refused(503, "the query process ended without an answer (over its memory limit of "
                               f"{self.limits.memory_mb} MB?)") from None
        finally:
            if not healthy:         # stopped for good: killed, and a fresh process takes its place
                proc.kill()
                proc.join(5)
                conn.close()
                worker = self._spawn()
            self._idle.put(worker)

    @property
    def void(self) -> bytes:
        """The VoID description of what is served (data, ontology and
        entailments), made on first request: it reads every quad."""
        with self._lock:
            if self._void is None:
                import pyoxigraph as ox
                from rdflib import Dataset

                from ..graph.void import describe
                from ..io.terms import term_converter

                ds, term = Dataset(), term_converter()
                store = ox.Store.read_only(self.dir)
                for g in store.named_graphs():
                    graph = ds.graph(term(g))
                    for q in store.quads_for_pattern(None, None, None, g):
                        graph.add((term(q.subject), term(q.predicate), term(q.object)))
                self._void = describe(ds, {})
            return self._void

    def close(self) -> None:
        import queue
        while True:
            try:
                proc, conn = self._idle.get_nowait()
            except (queue.Empty, AttributeError):
                break
            proc.kill()
            conn.close()
        shutil.rmtree(self.dir, ignore_errors=True)


_STYLE = ("body{font-family:sans-serif;margin:2em}textarea{width:100%;height:12em;font-family:monospace}"
          "table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #999;padding:.2em .5em;"
          "text-align:left}small{color:#666}#status{margin-top:1em;color:#555}")
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dipkg SPARQL</title>
<style>%STYLE%</style></head>
<body><h1>dipkg SPARQL endpoint</h1>
<p>The graph of bilateral diplomacy, its ontology and OWL 2 RL entailments. Read-only.
Endpoint: <code>/sparql</code>; VoID: <a href="/.well-known/void">/.well-known/void</a>.</p>
<form id="form"><textarea id="query" name="query">PREFIX dip: &lt;https://w3id.org/dipkg/ontology#&gt;
PREFIX foaf: &lt;http://xmlns.com/foaf/0.1/&gt;
SELECT ?visit ?guest ?start WHERE {
  ?visit a dip:Visit ; dip:guest/foaf:name ?guest ; dip:startDate ?start .
} ORDER BY ?start</textarea>
<button id="run" type="submit">Run</button></form>
<div id="status"></div><table id="results"></table>
<script>
const ID_SPACE = "%ID_SPACE%";
async function run() {
  const status = document.getElementById("status"), table = document.getElementById("results");
  table.innerHTML = ""; status.textContent = "running...";
  const res = await fetch("/sparql", {method: "POST",
    headers: {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    body: document.getElementById("query").value});
  if (!res.ok) { status.textContent = "error " + res.status + ": " + await res.text(); return; }
  const data = await res.json();
  if ("boolean" in data) { status.textContent = String(data.boolean); return; }
  const vars = data.head.vars, head = table.insertRow();
  vars.forEach(v => { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
  data.results.bindings.forEach(b => { const tr = table.insertRow(); tr.className = "row";
    vars.forEach(v => { const cell = tr.insertCell(), t = b[v];
      if (t && t.type === "uri") {   // an IRI is a link: to its page here for the graph's resources
        const a = document.createElement("a");
        a.href = t.value.startsWith(ID_SPACE) ? "/id/" + t.value.slice(ID_SPACE.length) : t.value;
        a.textContent = t.value; cell.appendChild(a);
      } else { cell.textContent = t ? t.value : ""; } }); });
  status.textContent = data.results.bindings.length + " row(s)";
}
document.getElementById("form").addEventListener("submit", (e) => { e.preventDefault(); run(); });
// /?query=...: a query to share as a link, run on opening
const given = new URLSearchParams(location.search).get("query");
if (given) { document.getElementById("query").value = given; run(); }
</script></body></html>
"""


def _resource_page(iri: str, ntriples: bytes) -> bytes:
    """A resource's description as an HTML table: links stay on this server
    for resources of the graph, literals show their language or datatype."""
    from rdflib import Literal, URIRef

    from ..io.read import parse_data

    g = parse_data(ntriples, "nt")
    rows = []
    for p, o in sorted(g.predicate_objects(URIRef(iri))):
        if isinstance(o, URIRef):
            cell = f'<a href="{html.escape(str(o).replace(ID_SPACE, "/id/"))}">{html.escape(str(o))}</a>'
        else:
            cell = html.escape(str(o))
            if isinstance(o, Literal) and (o.language or o.datatype):
                cell += f" <small>{html.escape('@' + o.language if o.language else '^^' + str(o.datatype))}</small>"
        rows.append(f"<tr><td>{html.escape(str(p))}</td><td>{cell}</td></tr>")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(iri)}</title>'
            f"<style>{_STYLE}</style></head><body><h1>{html.escape(iri)}</h1>"
            f"<table><tr><th>property</th><th>value</th></tr>{''.join(rows)}</table>"
            '<p><a href="/">query the graph</a></p></body></html>').encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    service: Service
    server_version = "dipkg"

    def _send(self, status: int, media: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media + ("; charset=utf-8" if media.startswith("text/") or
                                                  media.endswith(("json", "xml")) else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, "text/plain", (message + "\n").encode("utf-8"))

    def do_OPTIONS(self):   # CORS pre-flight
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.end_headers()

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        args = urllib.parse.parse_qs(url.query)
        if url.path == "/sparql":
            if "update" in args:
                return self._error(403, "updates are refused: this endpoint is read-only")
            if "query" not in args:
                return self._error(400, "give a query (?query=...)")
            return self._query(args["query"][0])
        if url.path in ("/", "/index.html"):
            return self._send(200, "text/html", PAGE.replace("%STYLE%", _STYLE).replace("%ID_SPACE%", ID_SPACE)
                              .encode("utf-8"))
        if url.path == "/.well-known/void":
            return self._send(200, "text/turtle", self.service.void)
        if url.path.startswith("/id/"):
            return self._resource(ID_SPACE + url.path[len("/id/"):])
        self._error(404, f"no such resource: {url.path}")

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            return self._error(404, f"no such resource: {url.path}")
        length = (self.headers.get("Content-Length") or "0").strip()
        if not length.isdigit():
            return self._error(400, f"bad Content-Length: {length[:40]!r}")
        size = int(length)
        if size > 1_000_000:
            return self._error(413, "query too large (over 1 MB)")
        body = self.rfile.read(size).decode("utf-8", "replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            return self._error(403, "updates are refused: this endpoint is read-only")
        if media == "application/sparql-query":
            return self._query(body)
        if media == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body)
            if "update" in form:
                return self._error(403, "updates are refused: this endpoint is read-only")
            if "query" in form:
                return self._query(form["query"][0])
            return self._error(400, "give a query (query=...)")
        self._error(415, f"unsupported content type {media or '(none)'}")

    def _query(self, text: str, accept: str | None = None) -> None:
        try:
            status, media, body = self.service.query(text, accept if accept is not None else
                                                     self.headers.get("Accept", ""))
        except Refused as err:
            return self._error(err.status, str(err))
        self._send(status, media, body)

    def _resource(self, iri: str) -> None:

        from ..graph.rdf import bind

        if not re.fullmatch(r"[^<>\"{}|^`\\\s]+", iri):
            return self._error(400, "not an IRI")
        try:
            status, _, body = self.service.query(f"DESCRIBE <{iri}>", "application/n-triples")
        except Refused as err:
            return self._error(err.status, str(err))
        if status != 200:
            return self._send(status, "text/plain", body)
        if not body.strip():
            return self._error(404, f"nothing is known about {iri}")
        media, fmt = _negotiate(self.headers.get("Accept", ""), {"text/html": "html", **GRAPH_TYPES}, "text/turtle")
        if fmt == "html":
            return self._send(200, "text/html", _resource_page(iri, body))
        from ..io.read import parse_data

        g = parse_data(body, "nt")
        bind(g)
        out = g.serialize(format=fmt)
        self._send(200, media, out.encode("utf-8") if isinstance(out, str) else out)

    def log_message(self, fmt, *args):     # one line per request, on stderr
        import sys
        sys.stderr.write(f"{self.address_string()} {fmt % args}\n")


def make_server(data_paths=None, host: str = "127.0.0.1", port: int = 7878,
                limits: Limits | None = None) -> ThreadingHTTPServer:
    """A server (not yet serving) over the data; ``port=0`` picks a free port."""
    service = Service(data_paths, limits)
    # the socket's timeout bounds reading the request line, headers and body:
    # a client that never finishes them is cut, not waited on
    handler = type("BoundHandler", (Handler,), {"service": service, "timeout": service.limits.read_timeout})
    server = _Server((host, port), handler)
    server.daemon_threads = True
    return server


class _Server(ThreadingHTTPServer):
    # a listen backlog for hundreds of clients at once (the default, 5, drops
    # connections that then wait seconds to retry)
    request_queue_size = 1024

