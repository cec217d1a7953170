"""SPARQL text, before any store sees it: its form, its parse tree (rdflib's
parser), where its outermost group starts, parameters bound by a VALUES
block, and syntax errors located in the user's query.

>>> query_form("PREFIX ex: <https://example.org/> ASK { ?s ?p ?o }")
'ASK'
"""
from __future__ import annotations

import re
import threading

from ..errors import QueryError

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
