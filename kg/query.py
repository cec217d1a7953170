"""SPARQL over the graph: named queries (the public contract) or your own.

The query sees the data, the ontology and the OWL 2 RL entailments of both.

>>> res = run_named("leaders")                                # doctest: +SKIP
>>> res.columns[:3]                                          # doctest: +SKIP
['person', 'name', 'role']
"""
from __future__ import annotations

import csv
import io
import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from .errors import QueryError
from .rdfio import load_dataset, union_graph
from .resources import ontology_path, queries_dir

DEFAULT_DATA = Path("data") / "dipkg.trig"


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
    g.parse(ontology_path())
    entailed = []
    if inferred:
        from .reason import closure
        entailed = list(closure(g).inferred)
        for t in entailed:
            g.add(t)
    return g, ds, entailed


def knowledge_dataset(data_paths=None, inferred: bool = True):
    """:func:`knowledge_graph` as the default graph of an rdflib Dataset,
    whose named graphs are those :func:`kg.endpoint.load` pushes: the data's
    graphs as named (one per source in ``data/``), the ontology's
    (``https://w3id.org/dipkg/ontology``, the project's if the data lacks
    it) and the entailments (``https://w3id.org/dipkg/graph/inferred``). So
    ``GRAPH`` patterns ask where a triple comes from, and the rest sees one
    set of triples, as on :func:`kg.store.knowledge_store`."""
    from rdflib import Dataset
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from .ids import ONTOLOGY_IRI
    from .reason import INFERRED_GRAPH

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
        out.graph(onto).parse(ontology_path())
    if entailed:
        named = out.graph(URIRef(INFERRED_GRAPH))
        for t in entailed:
            named.add(t)
    return out


def _width(text: str) -> int:
    """Columns a string takes in a terminal (combining accents take none)."""
    import unicodedata
    return sum(0 if unicodedata.combining(c) else 1 for c in text)


@dataclass
class Rows:
    columns: list[str]
    rows: list[list]            # rdflib terms or None
    kind: str = "SELECT"        # SELECT, ASK, CONSTRUCT/DESCRIBE
    boolean: bool | None = None
    graph: Graph | None = None
    note: str = ""              # a hint for the user (stderr), e.g. why an endpoint gave no row

    # -- formats -----------------------------------------------------------
    def plain(self) -> list[list[str]]:
        return [["" if v is None else str(v) for v in r] for r in self.rows]

    def table(self) -> str:
        if self.kind == "ASK":
            return "true" if self.boolean else "false"
        data = [self.columns] + self.plain()
        widths = [max(_width(r[i]) for r in data) for i in range(len(self.columns))]
        fmt = lambda r: "  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths)).rstrip()
        lines = [fmt(self.columns), "  ".join("-" * w for w in widths)] + [fmt(r) for r in data[1:]]
        return "\n".join(lines) + f"\n({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})"

    def csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(self.columns)
        w.writerows(self.plain())
        return buf.getvalue()

    def tsv(self) -> str:
        """W3C SPARQL 1.1 TSV: terms in Turtle/N-Triples syntax."""
        out = ["\t".join("?" + c for c in self.columns)]
        for r in self.rows:
            out.append("\t".join("" if v is None else v.n3() for v in r))
        return "\n".join(out) + "\n"

    def json(self) -> str:
        """W3C SPARQL 1.1 Query Results JSON."""
        if self.kind == "ASK":
            return json.dumps({"head": {}, "boolean": bool(self.boolean)}, indent=2)
        bindings = []
        for r in self.rows:
            b = {}
            for c, v in zip(self.columns, r):
                if v is None:
                    continue
                if isinstance(v, URIRef):
                    b[c] = {"type": "uri", "value": str(v)}
                elif isinstance(v, Literal):
                    d = {"type": "literal", "value": str(v)}
                    if v.language:
                        d["xml:lang"] = v.language
                    elif v.datatype:
                        d["datatype"] = str(v.datatype)
                    b[c] = d
                else:
                    b[c] = {"type": "bnode", "value": str(v)}
            bindings.append(b)
        return json.dumps({"head": {"vars": self.columns}, "results": {"bindings": bindings}},
                          indent=2, ensure_ascii=False)

    def xml(self) -> str:
        """W3C SPARQL Query Results XML."""
        from xml.sax.saxutils import escape, quoteattr
        out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
        out += [f"    <variable name={quoteattr(c)}/>" for c in self.columns]
        out.append("  </head>")
        if self.kind == "ASK":
            out.append(f"  <boolean>{'true' if self.boolean else 'false'}</boolean>")
        else:
            out.append("  <results>")
            for r in self.rows:
                out.append("    <result>")
                for c, v in zip(self.columns, r):
                    if v is None:
                        continue
                    if isinstance(v, URIRef):
                        inner = f"<uri>{escape(str(v))}</uri>"
                    elif isinstance(v, Literal):
                        attr = f" xml:lang={quoteattr(v.language)}" if v.language else \
                            (f" datatype={quoteattr(str(v.datatype))}" if v.datatype else "")
                        inner = f"<literal{attr}>{escape(str(v))}</literal>"
                    else:
                        inner = f"<bnode>{escape(str(v))}</bnode>"
                    out.append(f"      <binding name={quoteattr(c)}>{inner}</binding>")
                out.append("    </result>")
            out.append("  </results>")
        out.append("</sparql>")
        return "\n".join(out) + "\n"

    def render(self, fmt: str) -> str:
        if self.kind == "GRAPH":
            return self.graph.serialize(format="turtle")
        return {"table": self.table, "csv": self.csv, "tsv": self.tsv, "json": self.json, "xml": self.xml}[fmt]()


_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


_HIDDEN = re.compile("|".join([
    r"'''(?:[^'\\]|\\.|'(?!''))*'''",           # long strings, either quote
    r'"""(?:[^"\\]|\\.|"(?!""))*"""',
    r"'(?:[^'\\\n]|\\.)*'",                     # short strings, either quote
    r'"(?:[^"\\\n]|\\.)*"',
    r'<[^<>"{}|^`\\\s]*>',                      # IRIs
    r"#[^\n]*",                                 # comments
]))


def code_of(text: str) -> str:
    """The query with comments, strings (of every quote kind) and IRIs
    blanked (same length), to find keywords and braces in.

    >>> code_of("SELECT * { ?s ?p '#}' } # {")
    'SELECT * { ?s ?p      }    '
    """
    return _HIDDEN.sub(lambda m: " " * len(m.group()), text)


_PARSE_LOCK = threading.Lock()      # pyparsing's grammar objects are shared


def parse_sparql(text: str):
    """rdflib's parse of a SPARQL 1.1 query or update: ("query" or "update",
    its parse tree). What neither grammar reads is a :class:`QueryError` with
    the line and column. The kind of request (an update, a federated query)
    is read from this tree, never from the text's keywords.

    >>> parse_sparql("SELECT * WHERE { ?s ?p ?o }")[0], parse_sparql("DROP ALL")[0]
    ('query', 'update')
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    with _PARSE_LOCK:
        try:
            return "query", parseQuery(text)
        except ParseException as as_query:
            try:
                return "update", parseUpdate(text)
            except ParseException:
                raise QueryError(f"SPARQL syntax error at line {as_query.lineno}, column {as_query.col}: "
                                 f"{' '.join(as_query.msg.split())[:200]}") from None
        except RecursionError:
            raise QueryError("SPARQL query nested too deeply") from None


def parse_nodes(tree):
    """Every node of a parse tree from :func:`parse_sparql`, depth first."""
    from rdflib.plugins.sparql.parserutils import CompValue

    todo = [tree]
    while todo:
        n = todo.pop()
        if isinstance(n, CompValue):
            yield n
            todo.extend(n.values())
        elif isinstance(n, (list, tuple)):
            todo.extend(n)


def federated(tree) -> bool:
    """Whether a parsed query calls another endpoint (SERVICE)."""
    return any(n.name == "ServiceGraphPattern" for n in parse_nodes(tree))


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE."""
    m = _FORM.search(code_of(text))
    return m.group(1).upper() if m else "SELECT"


def where_group(text: str) -> int | None:
    """The offset just inside the query's outermost WHERE group (None if it has none).

    >>> q = 'SELECT ?x WHERE { ?x ?p ?o }'
    >>> q[where_group(q):]
    ' ?x ?p ?o }'
    """
    code = code_of(text)
    form = _FORM.search(code)
    m = re.search(r"\bWHERE\s*\{", code, re.I) or (form and re.compile(r"\{").search(code, form.end()))
    return m.end() if m else None


def bind_params(text: str, params: dict[str, str] | None) -> str:
    r"""The query with ``params`` bound as plain literals, by a VALUES block at
    the start of its outermost group (as SPARQL 1.1 query templating does), so
    that any SPARQL 1.1 engine reads it the same way.

    >>> print(bind_params('SELECT ?x WHERE { ?x ?p ?status }', {"status": 'planned "soon"'}))
    SELECT ?x WHERE { VALUES (?status) { ("planned \"soon\"") } ?x ?p ?status }
    """
    if not params:
        return text
    bad = [k for k in params if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k)]
    if bad:
        raise QueryError(f"--param {bad[0]!r}: not a SPARQL variable name")
    at = where_group(text)
    if at is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    names = " ".join(f"?{k}" for k in params)
    values = " ".join('"' + v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
                      for v in params.values())
    return f"{text[:at]} VALUES ({names}) {{ ({values}) }}{text[at:]}"


def run(text: str, graph: Graph, params: dict[str, str] | None = None, where: str = "query") -> Rows:
    """Run SPARQL ``text`` on ``graph``; ``params`` bind variables to plain literals."""
    from rdflib.plugins.sparql import prepareQuery

    from pyparsing import ParseException

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


def syntax_error(text: str, message: str, where: str) -> QueryError:
    r"""A SPARQL syntax error located in the user's query: ``where:line:column``
    and the text around that point, from Oxigraph's "error at L:C: ..." message.

    >>> str(syntax_error("SELECT *\nWHERE { ?s ?p ?o FILTR(?o) }", "error at 2:18: expected OPTIONAL", "q.rq"))
    "q.rq:2:18: SPARQL syntax error near 'WHERE { ?s ?p ?o FILTR(?o) }': expected OPTIONAL"
    """
    message = " ".join(message.split())
    m = re.match(r"error at (\d+):(\d+): (.*)", message)
    if not m:
        return QueryError(f"SPARQL syntax error: {message[:200]}", where)
    line, col, rest = int(m.group(1)), int(m.group(2)), m.group(3)
    alternatives = re.match(r"(expected one of )(.*)", rest)
    if alternatives and len(rest) > 80:         # Oxigraph lists every token, Unicode ranges included
        rest = alternatives.group(1) + alternatives.group(2)[:60].rsplit(",", 1)[0] + ", …"
    lines = text.split("\n")
    inside = 0 < line <= len(lines) and col <= len(lines[line - 1].rstrip())
    around = lines[line - 1][max(0, col - 18):col + 12].strip() if inside else ""
    near = f" near {around!r}" if around else " at the end of the query"
    return QueryError(f"SPARQL syntax error{near}: {rest[:200]}", f"{where}:{line}:{col}")


def run_oxigraph(text: str, store, params: dict[str, str] | None = None, where: str = "query") -> Rows:
    """Run SPARQL ``text`` on a pyoxigraph store (its default graph, and its
    named graphs for ``GRAPH`` patterns: see :func:`kg.store.knowledge_store`),
    as :func:`run` does on an rdflib graph or dataset.

    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"),
    ...                   ox.Literal("x"), ox.DefaultGraph()))
    >>> run_oxigraph("SELECT ?s WHERE { ?s ?p ?o }", store).plain()
    [['https://example.org/a']]
    """
    import pyoxigraph as ox

    from .rdfio import term_converter

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
            from .graph import bind
            bind(g)
            return Rows([], [], "GRAPH", graph=g)
        cols = [v.value for v in res.variables]
        return Rows(cols, [[term(sol[c]) for c in cols] for sol in res])
    except (OSError, ValueError) as err:        # errors met while evaluating
        raise QueryError(f"query failed: {' '.join(str(err).split())[:200]}", where) from None


def required_params(text: str) -> list[str]:
    """Parameters a named query needs (declared as ``# param: name`` lines)."""
    return re.findall(r"^#\s*param:\s*(\w+)", text, flags=re.M)


def run_named(name: str, data_paths=None, params: dict[str, str] | None = None,
              endpoint: str | None = None, engine: str = "oxigraph") -> Rows:
    """Run a named query over the data, ontology and entailments, or at a
    SPARQL 1.1 ``endpoint`` that holds them (see :mod:`kg.endpoint`).
    ``engine`` "oxigraph" runs it on a prebuilt store (:func:`kg.store.knowledge_store`),
    "rdflib" on rdflib's memory store.

    >>> run_named("visits", endpoint="http://127.0.0.1:7878/query").columns[:2]   # doctest: +SKIP
    ['visit', 'guest']
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
    if endpoint:
        from .endpoint import query as remote_query
        rows = remote_query(endpoint, bind_params(text, params))
        if not rows.rows and not remote_query(endpoint, "ASK { ?s ?p ?o }").boolean \
                and remote_query(endpoint, "ASK { GRAPH ?g { ?s ?p ?o } }").boolean:
            rows.note = ("the endpoint's default graph is empty but its named graphs hold data: the named "
                         "queries read the union of the graphs, so serve the union as the default graph "
                         "(Oxigraph: serve --union-default-graph; Fuseki: tdb2:unionDefaultGraph true)")
        return rows
    return run_local(text, data_paths, params, where=name, engine=engine)


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
