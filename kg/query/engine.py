"""SPARQL over the graph: named queries (the public contract) or your own.

The query sees the data, the ontology and the OWL 2 RL entailments of both.

>>> res = run_named("leaders")                                # doctest: +SKIP
>>> res.columns[:3]                                          # doctest: +SKIP
['person', 'name', 'role']
"""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, URIRef

from ..errors import QueryError
from ..io.read import load_dataset, read_into
from ..io.terms import union_graph
from ..resources import DEFAULT_DATA, ontology_path, queries_dir
from .rows import Rows
from .sparql import bind_params, syntax_error


def named_queries() -> dict[str, Path]:
    """Named queries by name (file stem)."""
    return {p.stem: p for p in sorted(queries_dir().glob("*.rq"))}


def describe(path: Path) -> str:
    """The first comment line of a query file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""


def query_text(name: str) -> str:
    qs = named_queries()
    if name not in qs:
        raise QueryError(f"unknown named query {name!r}; known: {', '.join(qs)}")
    return qs[name].read_text(encoding="utf-8")


def knowledge_graph(data_paths=None, inferred: bool = True) -> Graph:
    """Data (default ``data/dipkg.trig``) with the ontology and, if asked, the
    OWL 2 RL entailments, as one graph."""
    return _knowledge(data_paths, inferred)[0]


def _knowledge(data_paths, inferred: bool):
    """:func:`knowledge_graph`, and the data as read (a dataset) and the entailments."""
    paths = list(data_paths) if data_paths else [DEFAULT_DATA]
    ds = load_dataset(paths)
    g = union_graph(ds)
    read_into(g, [ontology_path()])
    entailed = []
    if inferred:
        from ..reason.entail import closure
        entailed = list(closure(g).inferred)
        for t in entailed:
            g.add(t)
    return g, ds, entailed


def knowledge_dataset(data_paths=None, inferred: bool = True):
    """:func:`knowledge_graph` as the default graph of an rdflib Dataset,
    whose named graphs are those :func:`kg.remote.client.load` pushes: the data's
    graphs as named (one per source in ``data/``), the ontology's
    (``https://w3id.org/dipkg/ontology``, the project's if the data lacks
    it) and the entailments (``https://w3id.org/dipkg/graph/inferred``). So
    ``GRAPH`` patterns ask where a triple comes from, and the rest sees one
    set of triples, as on :func:`kg.query.store.knowledge_store`."""
    from rdflib import Dataset
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from ..graph.ids import ONTOLOGY_IRI
    from ..reason.entail import INFERRED_GRAPH

    g, data, entailed = _knowledge(data_paths, inferred)
    out = Dataset()
    default = out.graph(DATASET_DEFAULT_GRAPH_ID)
    for t in g:
        default.add(t)
    for ctx in data.graphs():
        if len(ctx) and ctx.identifier != DATASET_DEFAULT_GRAPH_ID:
            named = out.graph(ctx.identifier)
            for t in ctx:
                named.add(t)
    onto = URIRef(ONTOLOGY_IRI)
    if not len(out.graph(onto)):
        read_into(out.graph(onto), [ontology_path()])
    if entailed:
        named = out.graph(URIRef(INFERRED_GRAPH))
        for t in entailed:
            named.add(t)
    return out


def run(text: str, graph: Graph, params: dict[str, str] | None = None, where: str = "query") -> Rows:
    """Run SPARQL ``text`` on ``graph``; ``params`` bind variables to plain literals."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        q = prepareQuery(bind_params(text, params))
    except QueryError:
        raise
    except ParseException as err:       # located as Oxigraph's errors are (syntax_error)
        raise syntax_error(bind_params(text, params), f"error at {err.lineno}:{err.col}: {err.msg}", where) \
            from None
    except Exception as err:
        raise QueryError(f"SPARQL syntax error: {' '.join(str(err).split())[:200]}", where) from None
    try:
        res = graph.query(q)
    except Exception as err:
        raise QueryError(f"query failed: {' '.join(str(err).split())[:200]}", where) from None
    if res.type == "ASK":
        return Rows([], [], "ASK", boolean=bool(res.askAnswer))
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        return Rows([], [], "GRAPH", graph=res.graph)
    cols = [str(v) for v in res.vars]
    return Rows(cols, [list(r) for r in res])


ENGINES = ("oxigraph", "rdflib")


def run_oxigraph(text: str, store, params: dict[str, str] | None = None, where: str = "query") -> Rows:
    """Run SPARQL ``text`` on a pyoxigraph store (its default graph, and its
    named graphs for ``GRAPH`` patterns: see :func:`kg.query.store.knowledge_store`),
    as :func:`run` does on an rdflib graph or dataset.

    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"),
    ...                   ox.Literal("x"), ox.DefaultGraph()))
    >>> run_oxigraph("SELECT ?s WHERE { ?s ?p ?o }", store).plain()
    [['https://example.org/a']]
    """
    import pyoxigraph as ox

    from ..io.terms import term_converter

    try:
        res = store.query(bind_params(text, params))
    except SyntaxError as err:
        raise syntax_error(bind_params(text, params), str(err), where) from None
    except OSError as err:
        raise QueryError(f"query failed: {' '.join(str(err).split())[:200]}", where) from None
    term = term_converter()     # one blank node per label within an answer
    try:
        if isinstance(res, ox.QueryBoolean):
            return Rows([], [], "ASK", boolean=bool(res))
        if isinstance(res, ox.QueryTriples):
            g = Graph()
            for t in res:
                g.add((term(t.subject), term(t.predicate), term(t.object)))
            from ..graph.rdf import bind
            bind(g)
            return Rows([], [], "GRAPH", graph=g)
        cols = [v.value for v in res.variables]
        return Rows(cols, [[term(sol[c]) for c in cols] for sol in res])
    except (OSError, ValueError) as err:        # errors met while evaluating
        raise QueryError(f"query failed: {' '.join(str(err).split())[:200]}", where) from None


def required_params(text: str) -> list[str]:
    """Parameters a named query needs (declared as ``# param: name`` lines)."""
    return re.findall(r"^#\s*param:\s*(\w+)", text, flags=re.M)


def named_query(name: str, params: dict[str, str] | None = None) -> str:
    """The text of the named query ``name`` with its parameters bound (state
    codes in any case); a :class:`~kg.errors.QueryError` names a missing or
    malformed one.

    >>> "VALUES" in named_query("timeline", {"a": "kz", "b": "VN"})
    True
    """
    text = query_text(name)
    missing = [p for p in required_params(text) if p not in (params or {})]
    if missing:
        raise QueryError(f"named query {name!r} needs --param {missing[0]}=VALUE")
    params = dict(params or {})
    for p in re.findall(r"^#\s*param:\s*(\w+)\s*\(state code\)", text, flags=re.M):
        # state codes in any case, as kg timeline takes them (kz was silently no row)
        code = params[p].strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise QueryError(f"--param {p}={params[p]!r} is not an ISO 3166 alpha-2 state code")
        params[p] = code
    return bind_params(text, params)


def run_named(name: str, data_paths=None, params: dict[str, str] | None = None, engine: str = "oxigraph") -> Rows:
    """Run a named query over the data, ontology and entailments: on a
    prebuilt store (:func:`kg.query.store.knowledge_store`) with ``engine``
    "oxigraph", on rdflib's memory store with "rdflib". At a SPARQL endpoint:
    :func:`kg.remote.run_named`.

    >>> run_named("visits").columns[:2]                     # doctest: +SKIP
    ['visit', 'guest']
    """
    return run_local(named_query(name, params), data_paths, None, where=name, engine=engine)


def run_local(text: str, data_paths=None, params: dict[str, str] | None = None, where: str = "query",
              engine: str = "oxigraph") -> Rows:
    """Run SPARQL over local files (default ``data/dipkg.trig``) with their
    ontology and entailments, on Oxigraph or rdflib."""
    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
    if engine == "rdflib":
        return run(text, knowledge_dataset(data_paths), params, where=where)
    from .store import knowledge_store
    return run_oxigraph(text, knowledge_store(list(data_paths) if data_paths else [DEFAULT_DATA]), params, where)
