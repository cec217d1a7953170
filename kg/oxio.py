"""Reading and writing RDF with pyoxigraph, for inputs of millions of triples.

:mod:`kg.rdfio` reads into rdflib datasets and writes with rdflib's
serialisers: about ten times as slow as pyoxigraph, and a Python object per
triple. Here files become tuples of pyoxigraph terms, placed in graphs as
:func:`kg.rdfio.load_dataset` places them and with its one-line errors, and
TriG is written from rows of term indexes, deterministically.
"""
from __future__ import annotations

import re
from pathlib import Path

from .errors import InputError, RDFSyntaxError
from .rdfio import FORMATS, QUAD_FORMATS, parse_into, rdf_files

# the syntaxes pyoxigraph reads, by kg.rdfio.FORMATS name
OX_FORMATS = {"turtle": "TURTLE", "trig": "TRIG", "nt": "N_TRIPLES", "nquads": "N_QUADS"}


def read_quads(paths, fmt: str | None = None):
    """The quads of RDF files (or folders of them), as tuples ``(subject,
    predicate, object, graph)`` of pyoxigraph terms, placed as
    :func:`kg.rdfio.load_dataset` places them: a triples file's triples in a
    graph named after the file, TriG's and N-Quads' default graph as
    ``pyoxigraph.DefaultGraph()``. Turtle, TriG, N-Triples and N-Quads are
    read by pyoxigraph (syntax errors at ``file:line:column``), RDF/XML and
    JSON-LD by rdflib as :func:`kg.rdfio.load_dataset` reads them. Blank
    nodes are renamed ``b0``, ``b1``… in reading order (labels are local to a
    file), so that output made from them is the same on each run. Literals
    are kept as written.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "x.ttl"
    >>> _ = f.write_text('<https://example.org/a> <https://example.org/p> [ <https://example.org/q> 1 ] .')
    >>> [(s.value, g.value == f.resolve().as_uri()) for s, p, o, g in read_quads([f])]
    [('b0', True), ('https://example.org/a', True)]
    """
    import pyoxigraph as ox

    Blank = ox.BlankNode
    count = 0
    for path in rdf_files(paths):
        name = fmt or FORMATS.get(path.suffix.lower())
        if name is None:
            raise InputError(f"unknown RDF format for extension {path.suffix!r}", str(path))
        bnodes: dict = {}
        for s, p, o, g in (_ox_quads(path, name) if name in OX_FORMATS else _rdflib_quads(path, name)):
            if type(s) is Blank or type(o) is Blank or type(g) is Blank:
                renamed = []
                for t in (s, o, g):
                    if type(t) is Blank:
                        b = bnodes.get(t.value)
                        if b is None:
                            b = bnodes[t.value] = Blank(f"b{count}")
                            count += 1
                        t = b
                    renamed.append(t)
                s, o, g = renamed
            yield s, p, o, g


def quad_batches(paths, fmt: str | None = None, size: int = 50_000):
    """The quads :func:`read_quads` reads, as lists of ``pyoxigraph.Quad`` of
    up to ``size``, as they are read (to send data on while the rest is still
    being read), about three times faster at a million quads: TriG and
    N-Quads files are parsed by Oxigraph straight into quads, with their
    blank nodes given fresh random labels (so that two files never share
    one); other files go through :func:`read_quads`, last. The labels change
    from run to run: this is for sending data on (``kg load``), not for
    writing output. Literals are kept as written, and duplicates are kept.

    A file Oxigraph refuses part-way raises its error, the one
    :func:`read_quads` gives, after the batches read before it.
    """
    import itertools

    import pyoxigraph as ox

    others = []
    for path in rdf_files(paths):
        name = fmt or FORMATS.get(path.suffix.lower())
        if name not in QUAD_FORMATS or name not in OX_FORMATS:
            others.append(path)
            continue
        sent = False
        try:
            parser = ox.parse(path=str(path), format=getattr(ox.RdfFormat, OX_FORMATS[name]),
                              base_iri=path.resolve().as_uri(), rename_blank_nodes=True)
            while batch := list(itertools.islice(parser, size)):
                sent = True
                yield batch
        except (SyntaxError, MemoryError, OSError, ValueError) as err:
            if sent:        # its first batches are gone: its error, as read_quads words it
                for _ in read_quads([path], name):
                    pass
                raise InputError(f"{name}: {err}", str(path)) from None
            others.append(path)     # read_quads raises the error users know, or reads what rdflib reads
    # read_quads numbers blank nodes b0, b1... across its files, apart from
    # the random labels above
    quads = (ox.Quad(s, p, o, g) for s, p, o, g in read_quads(others, fmt)) if others else iter(())
    while batch := list(itertools.islice(quads, size)):
        yield batch


def quad_list(paths, fmt: str | None = None) -> list:
    """:func:`quad_batches`, as one list."""
    return [q for batch in quad_batches(paths, fmt) for q in batch]


def _ox_quads(path: Path, fmt: str):
    import pyoxigraph as ox

    from .rdfio import read_utf8

    data = read_utf8(path)
    uri = path.resolve().as_uri()
    form = getattr(ox.RdfFormat, OX_FORMATS[fmt])
    try:
        if fmt in QUAD_FORMATS:
            for q in ox.parse(data, format=form, base_iri=uri):
                yield q.subject, q.predicate, q.object, q.graph_name
        else:
            graph = ox.NamedNode(uri)
            for q in ox.parse(data, format=form, base_iri=uri):
                yield q.subject, q.predicate, q.object, graph
    except MemoryError as err:     # Oxigraph caps a token (a literal) at 16 MB
        raise InputError(f"{fmt}: a term too long to read ({err})", str(path)) from None
    except SyntaxError as err:     # as kg.rdfio reports N-Triples errors
        msg = re.sub(r"^Parser error at line \d+ (?:between columns \d+ and \d+|column \d+): ", "",
                     " ".join(str(err).split()))
        msg = re.sub(r" \(line \d+\)$", "", msg)
        where = f"{path}:{err.lineno}:{err.offset}" if err.lineno else str(path)
        raise RDFSyntaxError(f"{fmt} syntax error: {msg[:200]}", where) from None


def _rdflib_quads(path: Path, fmt: str):
    import pyoxigraph as ox
    from rdflib import BNode, Dataset, Literal

    ds = Dataset()
    parse_into(ds, path, fmt)

    def term(t):
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            return ox.Literal(str(t), datatype=ox.NamedNode(t.datatype) if t.datatype else None)
        return ox.BlankNode(str(t)) if isinstance(t, BNode) else ox.NamedNode(str(t))

    for ctx in ds.graphs():
        g = ox.DefaultGraph() if str(ctx.identifier).startswith("urn:x-rdflib:") else term(ctx.identifier)
        for s, p, o in ctx:
            yield term(s), term(p), term(o), g


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
