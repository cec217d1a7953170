"""Writing RDF, deterministically: the same graph gives the same bytes on
every run (line syntaxes sorted; Turtle and TriG in rdflib's order, or from
pyoxigraph terms by :func:`trig_rows` at scale).
"""
from __future__ import annotations

import re


def serialize(obj, fmt: str) -> bytes:
    """Deterministic bytes: line formats sorted; others as rdflib sorts them."""
    from .formats import EXPORT_FORMATS

    name = EXPORT_FORMATS.get(fmt, fmt)
    if name in ("nt", "nquads"):
        text = obj.serialize(format=name)
        # split on "\n" only: str.splitlines() also breaks at U+001E, U+0085,
        # U+2028..., which may stand unescaped inside a literal (found by fuzzing)
        lines = sorted({line for line in text.split("\n") if line.strip()})
        return ("\n".join(lines) + "\n").encode("utf-8")
    if name == "json-ld":
        import json

        from ..resources import context_path
        # compacted with the published context, embedded so that no parser has to fetch it
        context = json.loads(context_path().read_text(encoding="utf-8"))["@context"]
        data = json.loads(obj.serialize(format="json-ld", context=context, auto_compact=True))
        return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
    if name == "trig":
        return _trig(obj).encode("utf-8")
    out = obj.serialize(format=name)
    return out.encode("utf-8") if isinstance(out, str) else out


def _trig(ds) -> str:
    """TriG with the named graphs in IRI order, each as rdflib's (sorted) Turtle."""
    from rdflib import Graph

    prefixes, bodies = {}, []
    for g in sorted((g for g in ds.graphs() if len(g)), key=lambda g: str(g.identifier)):
        tg = Graph()
        for p, ns in ds.namespaces():
            tg.bind(p, ns, override=True, replace=True)
        for t in g:
            tg.add(t)
        text = tg.serialize(format="turtle")
        head, body = [], []
        for line in text.split("\n"):     # not splitlines(): see serialize()
            (head if line.startswith("@prefix") else body).append(line)
        for line in head:
            prefixes[line] = None
        ident = g.identifier.n3() if hasattr(g.identifier, "n3") else f"<{g.identifier}>"
        # No re-indentation: it would alter multi-line (triple-quoted) literals.
        inner = "\n".join(body).strip("\n")
        bodies.append(f"{ident} {{\n{inner}\n}}\n")
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n".join(bodies)


def serialize_quads(quads, prefixes: dict | None = None) -> bytes:
    """Deterministic TriG for pyoxigraph quads (triples go to the default
    graph), fast at millions of quads: see :func:`trig_rows`.

    >>> import pyoxigraph as ox
    >>> ex = "https://example.org/"
    >>> q = [ox.Quad(ox.NamedNode(ex + "b"), ox.NamedNode(ex + "p"), ox.Literal("x"), ox.NamedNode(ex + "g")),
    ...      ox.Quad(ox.NamedNode(ex + "a"), ox.NamedNode(ex + "p"), ox.Literal("1", language="en"), ox.NamedNode(ex + "g"))]
    >>> print(serialize_quads(q, {"ex": ex}).decode())
    @prefix ex: <https://example.org/> .
    <BLANKLINE>
    ex:g {
    ex:a ex:p "1"@en .
    <BLANKLINE>
    ex:b ex:p "x" .
    }
    <BLANKLINE>
    """
    import pyoxigraph as ox

    ids: dict = {}
    terms: list = []

    def term_id(t):
        i = ids.get(t)
        if i is None:
            i = ids[t] = len(terms)
            terms.append(t)
        return i

    default = ox.DefaultGraph()
    rows = [(term_id(q.graph_name if isinstance(q, ox.Quad) else default), term_id(q.subject), term_id(q.predicate),
             term_id(q.object)) for q in quads]
    return trig_rows(rows, terms, prefixes)


_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")


def trig_rows(rows, terms: list, prefixes: dict | None = None) -> bytes:
    """TriG for ``rows``, tuples (graph, subject, predicate, object) of indexes
    into ``terms`` (pyoxigraph terms): the same bytes for the same quads
    whatever their order, duplicates dropped. Graphs, subjects, predicates and
    objects come in the order of their N-Triples form (the default graph
    first, ``rdf:type`` first among predicates, written ``a``); a subject's
    triples are grouped with ``;`` and ``,`` as rdflib's Turtle does; IRIs
    are written with a prefix where the local name is plain letters, digits,
    ``_`` and ``-``. Made for speed: nothing per quad but an integer and a
    few strings."""
    import pyoxigraph as ox

    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    prefixes = {p: str(ns) for p, ns in (prefixes or {}).items()}
    by_ns = {ns: p for p, ns in sorted(prefixes.items(), reverse=True)}

    def key(t):
        if isinstance(t, ox.DefaultGraph):
            return ""
        if isinstance(t, ox.NamedNode) and t.value == rdf_type:
            return "<"       # before every other IRI
        return str(t)

    order = sorted(range(len(terms)), key=lambda i: key(terms[i]))     # rank -> term index
    rank = [0] * len(terms)
    for r, i in enumerate(order):
        rank[i] = r
    # a row as one integer: a million of them sort in a third of the time tuples take
    n = max(len(terms), 1)
    n2, n3 = n * n, n * n * n
    keys = sorted({rank[g] * n3 + rank[s] * n2 + rank[p] * n + rank[o] for g, s, p, o in rows})
    used_prefixes: set[str] = set()

    def iri(v: str) -> str:
        cut = max(v.rfind("#"), v.rfind("/")) + 1
        p = by_ns.get(v[:cut])
        if p is not None and (cut == len(v) or _PLAIN_LOCAL.match(v, cut)):
            used_prefixes.add(p)
            return f"{p}:{v[cut:]}"
        return f"<{v}>"

    def text(t) -> str:
        if isinstance(t, ox.NamedNode):
            return iri(t.value)
        if isinstance(t, (ox.BlankNode, ox.DefaultGraph)):
            return str(t)
        s = str(ox.Literal(t.value))       # quoted and escaped as N-Triples has it
        if t.language:
            return s + "@" + t.language
        if t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return s + "^^" + iri(t.datatype.value)
        return s

    texts: list = [None] * len(order)     # by rank, made when first written (so are the prefixes declared)

    def fill(r: int) -> str:
        texts[r] = text(terms[order[r]])
        return texts[r]

    a = next((r for r, i in enumerate(order) if isinstance(terms[i], ox.NamedNode) and terms[i].value == rdf_type), -1)
    default = 0 if order and isinstance(terms[order[0]], ox.DefaultGraph) else -1
    body: list[str] = []
    graph = subject = predicate = -1
    for k in keys:
        g, k = divmod(k, n3)
        s, k = divmod(k, n2)
        p, o = divmod(k, n)
        if g != graph:
            if graph >= 0:
                body.append(" .\n}\n\n")
            body.append("{\n" if g == default else f"{texts[g] or fill(g)} {{\n")
            graph, subject = g, -1
        if s != subject:
            if subject >= 0:
                body.append(" .\n\n")
            body.append(f"{texts[s] or fill(s)} {'a' if p == a else texts[p] or fill(p)} {texts[o] or fill(o)}")
            subject, predicate = s, p
        elif p != predicate:
            body.append(f" ;\n    {'a' if p == a else texts[p] or fill(p)} {texts[o] or fill(o)}")
            predicate = p
        else:
            body.append(f",\n        {texts[o] or fill(o)}")
    if graph >= 0:
        body.append(" .\n}\n")
    head = "".join(f"@prefix {p}: <{prefixes[p]}> .\n" for p in sorted(used_prefixes))
    return (head + ("\n" if head else "") + "".join(body)).encode("utf-8")
