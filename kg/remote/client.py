"""A remote SPARQL 1.1 service: queries by the SPARQL Protocol, loads by the
Graph Store HTTP Protocol.

The named queries read the union of the dataset's graphs (data, ontology and
OWL 2 RL entailments), so the service must answer queries over the union of
its named graphs (Oxigraph ``serve --union-default-graph``, Virtuoso and
GraphDB by default, Fuseki with ``tdb2:unionDefaultGraph``).

>>> rows = query("http://127.0.0.1:7878/query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1")   # doctest: +SKIP
>>> report = load("http://127.0.0.1:7878/store", ["data/dipkg.trig"])                   # doctest: +SKIP
>>> [(g.graph, g.triples) for g in report.graphs][:1]                                  # doctest: +SKIP
[('https://w3id.org/dipkg/graph/ontology', 857)]
"""
from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from ..errors import KgError, QueryError
from ..io.read import parse_data, read_into
from ..query.rows import Rows

RESULTS_JSON = "application/sparql-results+json"
TIMEOUT_S = 60


class EndpointError(KgError):
    """The service refused a request or could not be reached."""


def check_url(url: str) -> str:
    """An http(s) URL with a host, or an :class:`EndpointError` naming it."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port      # raises on a bad port
    except ValueError as err:
        raise EndpointError(f"not a valid URL ({err})", url) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError("not an http(s) URL with a host", url)
    return url


def _request(url: str, data: bytes | None = None, method: str = "GET", headers: dict | None = None,
             auth: tuple[str, str] | None = None, timeout: float = TIMEOUT_S,
             absent_ok: bool = False) -> tuple[int, bytes]:
    """One HTTP request; the status and body. Any answer but a success is
    raised as an :class:`EndpointError` naming the request, except a 404 to a
    read with ``absent_ok`` (a graph that is not there): a write the server
    does not acknowledge is never taken for done."""
    check_url(url)
    headers = dict(headers or {})
    if auth:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as err:
        body = err.read()
        if err.code == 404 and absent_ok and method == "GET":
            return 404, body
        detail = " ".join(body.decode("utf-8", "replace").split())[:200]
        raise EndpointError(f"HTTP {err.code} {err.reason}" + (f": {detail}" if detail else ""),
                            f"{method} {url}") from None
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise EndpointError(f"cannot reach the service: {reason}", url) from None


def query(endpoint: str, text: str, timeout: float = TIMEOUT_S):
    """Run SPARQL ``text`` at ``endpoint`` (SPARQL 1.1 Protocol, POST, form-encoded)
    and return :class:`kg.query.rows.Rows`, as a local query would."""
    from rdflib import BNode, Literal, URIRef

    from ..query.rows import Rows
    from ..query.sparql import query_form

    form = query_form(text)
    accept = "text/turtle" if form in ("CONSTRUCT", "DESCRIBE") else RESULTS_JSON
    _, body = _request(endpoint, urllib.parse.urlencode({"query": text}).encode(), "POST",
                       {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}, timeout=timeout)
    if form in ("CONSTRUCT", "DESCRIBE"):
        return Rows([], [], "GRAPH", graph=parse_data(body, "turtle", endpoint))
    try:
        res = json.loads(body)
    except ValueError:
        raise QueryError("the service did not answer with SPARQL JSON results", endpoint) from None
    if "boolean" in res:
        return Rows([], [], "ASK", boolean=bool(res["boolean"]))

    def term(b):
        if b is None:
            return None
        if b["type"] == "uri":
            return URIRef(b["value"])
        if b["type"] == "bnode":
            return BNode(b["value"])
        return Literal(b["value"], lang=b.get("xml:lang"), datatype=b.get("datatype"))

    cols = res["head"]["vars"]
    return Rows(cols, [[term(row.get(c)) for c in cols] for row in res["results"]["bindings"]])


def run_named(endpoint: str, name: str, params: dict[str, str] | None = None, timeout: float = TIMEOUT_S) -> Rows:
    """Run a named query at a SPARQL 1.1 ``endpoint`` that holds the data,
    ontology and entailments (as :func:`load` pushes them). When no row comes
    back and the endpoint's default graph is empty while its named graphs
    hold data, :attr:`Rows.note` says how to serve their union.

    >>> run_named("http://127.0.0.1:7878/query", "visits").columns[:2]   # doctest: +SKIP
    ['visit', 'guest']
    """
    from ..query.engine import named_query

    rows = query(endpoint, named_query(name, params), timeout)
    if not rows.rows and not query(endpoint, "ASK { ?s ?p ?o }", timeout).boolean \
            and query(endpoint, "ASK { GRAPH ?g { ?s ?p ?o } }", timeout).boolean:
        rows.note = ("the endpoint's default graph is empty but its named graphs hold data: the named "
                     "queries read the union of the graphs, so serve the union as the default graph "
                     "(Oxigraph: serve --union-default-graph; Fuseki: tdb2:unionDefaultGraph true)")
    return rows

@dataclass
class LoadedGraph:
    graph: str
    triples: int


@dataclass
class LoadReport:
    endpoint: str
    graphs: list[LoadedGraph] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"{g.graph}: {g.triples} triples" for g in self.graphs]
        total = sum(g.triples for g in self.graphs)
        return "\n".join(lines + [f"loaded {len(self.graphs)} graph(s), {total} triples into {self.endpoint}"])


DEFAULT = "urn:x-rdflib:default"      # rdflib's name for a dataset's default graph
LOAD_WORKERS = 16                       # graphs pushed at once by load(): 26.5 s at 1M, 35 s with 4


def graphs_to_load(paths=None, graph: str | None = None, inferred: bool = True) -> list[tuple]:
    """(graph IRI, graph) pairs to load: each graph of the data as it is named
    (one per source in ``data/``), the ontology's (added when the data lacks
    it) and, with ``inferred``, the OWL 2 RL entailments in
    ``https://w3id.org/dipkg/graph/inferred``; or all of them merged in
    ``graph``. Triples of the data's default graph go to the default graph."""
    from rdflib import Graph, URIRef

    from ..graph.ids import ONTOLOGY_IRI
    from ..io.read import load_dataset
    from ..reason.entail import reason_dataset
    from ..resources import DEFAULT_DATA, ontology_path

    paths = list(paths) if paths else [DEFAULT_DATA]
    ds = reason_dataset(paths)[0] if inferred else load_dataset(paths)
    if not len(ds.graph(URIRef(ONTOLOGY_IRI))):
        read_into(ds.graph(URIRef(ONTOLOGY_IRI)), [ontology_path()])
    out: dict[str, Graph] = {}
    for ctx in ds.graphs():
        if len(ctx):
            iri = graph or (DEFAULT if str(ctx.identifier).startswith("urn:x-rdflib:") else str(ctx.identifier))
            out.setdefault(iri, Graph())
            out[iri] += ctx
    return sorted(out.items())


def _data_quads(paths=None) -> list:
    """The data's quads as the files write them, without duplicates, with the
    ontology's graph when the data lacks it (pyoxigraph quads)."""
    import pyoxigraph as ox

    from ..graph.ids import ONTOLOGY_IRI
    from ..io.read import quad_list
    from ..resources import DEFAULT_DATA, ontology_path

    quads = quad_list(list(paths) if paths else [DEFAULT_DATA])
    onto_graph = ox.NamedNode(ONTOLOGY_IRI)
    if not any(q.graph_name == onto_graph for q in quads):
        quads += [ox.Quad(q.subject, q.predicate, q.object, onto_graph) for q in quad_list([ontology_path()])]
    return list(dict.fromkeys(quads))


def _graph_iri(g) -> str:
    """The name of a pyoxigraph graph term, rdflib's for the default graph."""
    import pyoxigraph as ox

    return DEFAULT if isinstance(g, ox.DefaultGraph) else g.value


def _graph_triples(paths=None, graph: str | None = None, inferred: bool = True) -> dict[str, set]:
    """The graphs to load by name, as sets of pyoxigraph triples (see :func:`graphs_ntriples`)."""
    from ..reason.entail import INFERRED_GRAPH

    quads = _data_quads(paths)
    by_term: dict = {}
    for q in quads:
        by_term.setdefault(q.graph_name, set()).add(q.triple)
    by_graph: dict[str, set] = {}
    for g, triples in by_term.items():
        by_graph.setdefault(graph or _graph_iri(g), set()).update(triples)
    if inferred:
        from ..reason.entail import closure_quads
        triples, _ = closure_quads(quads, [])
        by_graph.setdefault(graph or INFERRED_GRAPH, set()).update(triples)
    return by_graph


def graphs_ntriples(paths=None, graph: str | None = None, inferred: bool = True) -> list[tuple[str, bytes, int]]:
    """What :func:`graphs_to_load` gives, as (graph IRI, N-Triples, triples)
    made without rdflib: files read by Oxigraph with literals as written,
    entailments from :func:`kg.reason.entail.closure_quads`."""
    import pyoxigraph as ox

    return [(name, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), len(triples))
            for name, triples in sorted(_graph_triples(paths, graph, inferred).items())]


def _graph_url(store: str, iri: str) -> str:
    sep = "&" if "?" in store else "?"
    if iri == DEFAULT:
        return f"{store}{sep}default"
    return f"{store}{sep}{urllib.parse.urlencode({'graph': iri})}"


def load_quads(store: str, paths=None, inferred: bool = True, auth: tuple[str, str] | None = None,
               timeout: float = TIMEOUT_S) -> LoadReport:
    """Push the whole dataset to ``store`` in one request: N-Quads POSTed to
    the store's URL, which adds them to its graphs. Not in the Graph Store
    Protocol, but Oxigraph (``/store``), Jena Fuseki (``/DATASET/data``) and
    RDF4J or GraphDB (``/repositories/ID/statements``) accept it: one request
    instead of two per graph, written by the server in one transaction.

    The data is sent as it is read, and the entailments, computed meanwhile,
    last. A file that turns out not to parse part-way ends the request before
    its end, which a transactional store does not commit; the file's error is
    raised.
    """
    import queue
    from collections import Counter
    from concurrent.futures import ThreadPoolExecutor

    import pyoxigraph as ox

    from ..graph.ids import ONTOLOGY_IRI
    from ..io.files import rdf_files
    from ..io.read import quad_batches, quad_list
    from ..reason.entail import INFERRED_GRAPH, closure_quads
    from ..resources import DEFAULT_DATA, ontology_path

    paths = rdf_files(list(paths) if paths else [DEFAULT_DATA])       # a missing file before connecting
    batches: queue.Queue = queue.Queue()
    by_term: Counter = Counter()        # counted by graph term: a million calls of _graph_iri cost a second
    done = object()

    def read():
        """Reads the data, hands each batch of new quads to the request, then
        computes the entailments (in this thread, while the server reads)."""
        try:
            seen: set = set()
            quads: list = []
            onto = ox.NamedNode(ONTOLOGY_IRI)
            for batch in quad_batches(paths):
                new = [q for q in batch if q not in seen]
                seen.update(new)
                quads += new
                batches.put(new)
            if not any(q.graph_name == onto for q in quads):       # the ontology's graph, unless the data has it
                new = [ox.Quad(q.subject, q.predicate, q.object, onto) for q in quad_list([ontology_path()])]
                quads += new
                batches.put(new)
            batches.put(done)
            if not inferred:
                return set()
            triples = set(closure_quads(quads, [])[0])
            graph = ox.NamedNode(INFERRED_GRAPH)
            if any(q.graph_name == graph for q in quads):       # entailments the data already holds
                triples -= {q.triple for q in quads if q.graph_name == graph}
            return triples
        except BaseException:
            batches.put(done)
            raise

    nquads = ox.RdfFormat.N_QUADS
    with ThreadPoolExecutor(1) as pool:
        entailed = pool.submit(read)

        def body():         # sent in chunks (HTTP chunked encoding) as it is read
            while (batch := batches.get()) is not done:
                by_term.update(q.graph_name for q in batch)
                yield ox.serialize(batch, format=nquads)
            triples = entailed.result()         # a reading error is raised here, ending the request
            if triples:
                graph = ox.NamedNode(INFERRED_GRAPH)
                by_term[graph] += len(triples)
                yield ox.serialize((ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples), format=nquads)
        try:
            _request(store, body(), "POST", {"Content-Type": "application/n-quads"}, auth=auth, timeout=timeout)
        finally:
            if not entailed.done():
                entailed.cancel()
    counts = Counter({_graph_iri(g): n for g, n in by_term.items()})
    return LoadReport(store, [LoadedGraph(name if name != DEFAULT else "(default graph)", n)
                              for name, n in sorted(counts.items())])


def load(store: str, paths=None, graph: str | None = None, merge: bool = False, inferred: bool = True,
         auth: tuple[str, str] | None = None, timeout: float = TIMEOUT_S) -> LoadReport:
    """Push the dataset to a Graph Store Protocol endpoint ``store``: PUT each
    graph (replacing it), or POST with ``merge``. Every write must be
    acknowledged with a success status. When a request fails, the graphs
    already written are put back as they were (or deleted if they were
    absent), and :class:`EndpointError` names the request that failed; if
    some cannot be put back (the service is gone), the error says how many
    and the file that lists them, so that nothing is left half-written
    unknowingly."""
    import tempfile
    import threading
    from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

    check_url(store)
    before: dict[str, bytes | None] = {}        # graph URL -> its content before (None: absent)
    written: list[str] = []                     # graph URLs the service acknowledged writing
    lock = threading.Lock()
    report = LoadReport(store)

    def push(iri: str, body: bytes, count: int) -> LoadedGraph:
        url = _graph_url(store, iri)
        status, content = _request(url, headers={"Accept": "application/n-triples"}, auth=auth, timeout=timeout,
                                   absent_ok=True)
        with lock:
            before[url] = content if status != 404 else None
        _request(url, body, "POST" if merge else "PUT",
                 {"Content-Type": "application/n-triples"}, auth=auth, timeout=timeout)
        with lock:
            written.append(url)
        return LoadedGraph(iri if iri != DEFAULT else "(default graph)", count)

    items = graphs_ntriples(paths, graph, inferred)
    # several graphs at a time: a request costs the server a transaction,
    # and a dataset of one graph per source has thousands
    with ThreadPoolExecutor(LOAD_WORKERS) as pool:
        pushed = [pool.submit(push, *item) for item in items]
        finished, _ = wait(pushed, return_when=FIRST_EXCEPTION)
        failed = next((f for f in pushed if f in finished and f.exception() is not None), None)
        if failed is not None:
            pool.shutdown(cancel_futures=True)
    if failed is None:
        report.graphs = [f.result() for f in pushed]
        return report
    error = failed.exception()        # the first request that failed, as it failed
    left = []
    for url in reversed(written):
        try:
            if before[url] is None:
                _request(url, method="DELETE", auth=auth, timeout=timeout)
            else:
                _request(url, before[url], "PUT", {"Content-Type": "application/n-triples"}, auth=auth,
                         timeout=timeout)
        except EndpointError:
            left.append(url)
    if left:
        with tempfile.NamedTemporaryFile("w", prefix="kg-load-not-undone-", suffix=".txt", delete=False) as f:
            f.write("".join(urllib.parse.parse_qs(urllib.parse.urlsplit(u).query).get("graph", ["(default graph)"])[0]
                            + "\n" for u in sorted(left)))
        error.message += (f"; {len(left)} of the {len(written)} graph(s) written before it could not be put "
                          f"back (listed in {f.name})")
    elif written:
        error.message += f"; the {len(written)} graph(s) written before it were put back"
    raise error
