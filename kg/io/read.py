"""Reading RDF: the one place dipkg parses RDF, for every syntax and stage.

:func:`read_file` parses one file into pyoxigraph quads: Turtle, TriG,
N-Triples and N-Quads by Oxigraph (linear, errors at ``file:line:column``),
RDF/XML (on a hardened XML reader) and JSON-LD (with no context fetched) by
rdflib. Triples of a triple syntax go to a graph named after the file; a
quad syntax's default graph stays the default graph. Everything else is
built on it: :func:`read_quads` (terms, blank nodes numbered in reading
order), :func:`quad_batches` (to send on), :func:`load_dataset` and
:func:`load_graph` (rdflib, for pySHACL, owlrl and pyLODE), and
:func:`kg.io.store.read` (an Oxigraph store). Errors are
:class:`~kg.errors.InputError` naming the file.

>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "x.ttl"
>>> _ = f.write_text('<https://example.org/a> <https://example.org/p> "1" .')
>>> len(load_graph([f]))
1
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError, RDFSyntaxError
from .files import rdf_files, read_utf8
from .formats import FORMATS, OX_FORMATS, QUAD_FORMATS
from .terms import bind_all, term_converter


def format_of(path: Path, fmt: str | None = None) -> str:
    """The syntax name (:data:`kg.io.formats.FORMATS`) to read ``path`` with:
    ``fmt`` if given, else by its extension."""
    name = fmt or FORMATS.get(path.suffix.lower())
    if name is None:
        raise InputError(f"unknown RDF format for extension {path.suffix!r}", str(path))
    return name


def read_file(path: Path, fmt: str | None = None, prefixes: dict | None = None, as_written: bool = False,
              fresh_blanks: bool = False, store=None):
    """The quads of one RDF file, as ``pyoxigraph.Quad`` objects, in the
    order they are read: the one parser entry point of dipkg. A triple
    syntax's triples are placed in a graph named after the file (its
    ``file:`` IRI), a quad syntax's default graph in
    ``pyoxigraph.DefaultGraph()``. Blank nodes keep the file's labels (or
    Oxigraph's for ``[]``), or, with ``fresh_blanks``, get random ones unique
    across files. The prefixes the file declares are put in ``prefixes``.
    RDF/XML and JSON-LD literals are kept as written with ``as_written``,
    else as rdflib normalises them (the other syntaxes are always as
    written). The file is checked to be UTF-8 first.

    With a pyoxigraph ``store``, the quads are also put in it, once all are
    read without error: a Turtle, TriG, N-Triples or N-Quads file is then
    loaded by Oxigraph's own loader, in Rust, twice as fast as adding the
    quads from Python (the quads yielded are for the caller to look at)."""
    name = format_of(path, fmt)
    data = read_utf8(path)
    if name == "json-ld":
        data = local_contexts(data, path)
    if name in OX_FORMATS:
        return _oxigraph(data, name, path, {} if prefixes is None else prefixes, fresh_blanks, store)
    return _rdflib(data, name, path, {} if prefixes is None else prefixes, as_written, store)


def _oxigraph(data: bytes, fmt: str, path: Path, prefixes: dict, fresh: bool, store=None):
    import pyoxigraph as ox

    uri = path.resolve().as_uri()
    form = getattr(ox.RdfFormat, OX_FORMATS[fmt])
    try:
        parser = ox.parse(data, format=form, base_iri=uri, rename_blank_nodes=fresh)
        if fmt in QUAD_FORMATS:
            yield from parser
        else:
            graph, quad = ox.NamedNode(uri), ox.Quad
            for q in parser:
                yield quad(q.subject, q.predicate, q.object, graph)
        prefixes.update(getattr(parser, "prefixes", None) or {})
        if store is not None:
            into = {} if fmt in QUAD_FORMATS else {"to_graph": ox.NamedNode(uri)}
            store.load(data, format=form, base_iri=uri, **into)
    except (MemoryError, SyntaxError) as err:
        raise _oxigraph_error(err, fmt, str(path)) from None


def _oxigraph_error(err: Exception, fmt: str, where: str) -> InputError:
    """Oxigraph's parse error as one line at ``where:line:column``."""
    if isinstance(err, MemoryError):     # Oxigraph caps a token (a literal) at 16 MB
        return InputError(f"{fmt}: a term too long to read ({err})", where)
    msg = re.sub(r"^Parser error at line \d+ (?:between columns \d+ and \d+|column \d+): ", "",
                 " ".join(str(err).split()))
    msg = re.sub(r" \(line \d+\)$", "", msg)
    return RDFSyntaxError(f"{fmt} syntax error: {msg[:200]}",
                          f"{where}:{err.lineno}:{err.offset}" if getattr(err, "lineno", None) else where)


def _rdflib(data: bytes, fmt: str, path: Path, prefixes: dict, as_written: bool, store=None):
    import pyoxigraph as ox
    import rdflib
    from rdflib import Dataset

    from .terms import to_oxigraph

    ds = Dataset()
    uri = path.resolve().as_uri()
    normalize, rdflib.NORMALIZE_LITERALS = rdflib.NORMALIZE_LITERALS, not as_written
    try:
        parser = SAFE_RDFXML if fmt == "xml" else fmt
        ds.graph(uri).parse(data=data, format=parser, publicID=uri)
    except XMLRefused as err:
        raise InputError(str(err), str(path)) from None
    except RecursionError:
        raise InputError(f"{fmt}: nested too deeply (collections or blank nodes) to read", str(path)) from None
    except Exception as err:  # rdflib raises many types; each is a syntax problem here
        raise RDFSyntaxError(f"{fmt} syntax error: {_message(err)}", _location(path, err)) from None
    finally:
        rdflib.NORMALIZE_LITERALS = normalize
    prefixes.update((p, str(ns)) for p, ns in ds.namespaces())
    default = ox.DefaultGraph()
    quads = [ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o),
                     default if str(ctx.identifier).startswith("urn:x-rdflib:") else to_oxigraph(ctx.identifier))
             for ctx in ds.graphs() for s, p, o in ctx]
    if store is not None:
        store.extend(quads)
    yield from quads


def read_quads(paths, fmt: str | None = None):
    """The quads of RDF files (or folders of them), as tuples ``(subject,
    predicate, object, graph)`` of pyoxigraph terms, placed as
    :func:`read_file` places them. Blank nodes are renamed ``b0``, ``b1``…
    in reading order (labels are local to a file), so that output made from
    them is the same on each run. Literals are kept as written.

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
        bnodes: dict = {}
        for q in read_file(path, fmt):
            s, p, o, g = q.subject, q.predicate, q.object, q.graph_name
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
    """The quads of RDF files as lists of ``pyoxigraph.Quad`` of up to
    ``size``, as they are read (to send data on while the rest is still
    being read), placed as :func:`read_file` places them, their blank nodes
    given fresh random labels (so that two files never share one). The
    labels change from run to run: this is for sending data on (``kg
    load``), not for writing output. Duplicates are kept. A file refused
    part-way raises its error after the batches read before it."""
    import itertools

    for path in rdf_files(paths):
        quads = read_file(path, fmt, fresh_blanks=True)
        while batch := list(itertools.islice(quads, size)):
            yield batch


def quad_list(paths, fmt: str | None = None) -> list:
    """:func:`quad_batches`, as one list."""
    return [q for batch in quad_batches(paths, fmt) for q in batch]


def load_dataset(paths, fmt: str | None = None, as_written: bool = False):
    """RDF files (or folders of them) as one rdflib ``Dataset``: a triple
    syntax's triples in a graph named after the file, quads in their graphs,
    the files' prefixes bound.

    rdflib rewrites a literal's lexical form into its canonical one
    (``" 012"^^xsd:integer`` becomes ``"12"``); ``as_written`` keeps the form
    the file writes, so that a check sees what is there."""
    import pyoxigraph as ox
    from rdflib import Dataset

    ds = Dataset()
    default = ox.DefaultGraph()
    for path in rdf_files(paths):
        prefixes: dict = {}
        term = term_converter({}, as_written)       # blank node labels are local to a file
        graphs: dict = {}
        for q in read_file(path, fmt, prefixes, as_written):
            g = q.graph_name
            target = graphs.get(g)
            if target is None:
                target = graphs[g] = ds.default_graph if g == default else ds.graph(term(g))
            target.add((term(q.subject), term(q.predicate), term(q.object)))
        bind_all(ds, sorted(prefixes.items()))
    return ds


def load_graph(paths, fmt: str | None = None, as_written: bool = False):
    """RDF files (or folders of them) as one rdflib ``Graph``: the triples
    of every graph, each file's prefixes bound as rdflib's parsers bind them
    (the file's prefix wins over a default one for the same namespace)."""
    from rdflib import Graph

    g = Graph()
    read_into(g, paths, fmt, as_written)
    return g


def parse_data(data: bytes, fmt: str, where: str = "response"):
    """An rdflib ``Graph`` of RDF bytes received rather than read from a file
    (a SPARQL endpoint's answer), in a syntax Oxigraph reads; a syntax
    error names ``where``.

    >>> len(parse_data(b'<https://example.org/a> <https://example.org/p> "x" .', "nt"))
    1
    >>> parse_data(b'<https://example.org/a> <https://example.org/p> .', "nt", "http://store/sparql")
    Traceback (most recent call last):
    ...
    kg.errors.RDFSyntaxError: http://store/sparql:1:...: nt syntax error: ...
    """
    import pyoxigraph as ox
    from rdflib import Graph

    g = Graph()
    term = term_converter({})
    try:
        for q in ox.parse(data, format=getattr(ox.RdfFormat, OX_FORMATS[fmt])):
            g.add((term(q.subject), term(q.predicate), term(q.object)))
    except (MemoryError, SyntaxError) as err:
        raise _oxigraph_error(err, fmt, where) from None
    return g


def _location(path: Path, err: Exception) -> str:
    msg = str(err)
    m = re.search(r"line (\d+)", msg) or re.search(r":(\d+):", msg)
    return f"{path}:{m.group(1)}" if m else str(path)


def _message(err: Exception) -> str:
    msg = " ".join(str(err).split())
    msg = re.sub(r"^at line \d+ of <>:\s*", "", msg)
    return msg[:200] or type(err).__name__


class XMLRefused(Exception):
    """RDF/XML that the hardened parser will not read."""


SAFE_RDFXML = "dipkg-rdfxml"       # rdflib's RDF/XML parser on defusedxml's expat reader


def _register_safe_rdfxml() -> None:
    """rdflib's RDF/XML reader with two changes. Its XML parser is
    defusedxml's: no DTD entity is declared or expanded, general or
    parameter, internal or external ("billion laughs", a file or URL read
    while parsing), whatever the document's layout; a DTD without entities
    is read. And a literal's text is gathered in a list and joined once,
    not grown by concatenation: a literal split into a million pieces (by
    comments) is read in linear time."""
    from rdflib import plugin
    from rdflib.parser import Parser
    from rdflib.plugins.parsers import rdfxml

    class Handler(rdfxml.RDFXMLHandler):
        def reset(self):
            super().reset()
            self._pieces: dict = {}

        def property_element_char(self, data):
            if self.current.data is not None:
                self._pieces.setdefault(id(self.current), []).append(data)

        def property_element_end(self, name, qname):
            pieces = self._pieces.pop(id(self.current), None)
            if pieces:
                self.current.data += "".join(pieces)
            super().property_element_end(name, qname)

    class SafeParser(rdfxml.RDFXMLParser):
        def parse(self, source, sink, **args):
            from xml.sax import handler

            import defusedxml
            from defusedxml.expatreader import create_parser

            parser = create_parser(forbid_dtd=False, forbid_entities=True, forbid_external=True)
            parser.setFeature(handler.feature_namespaces, 1)
            content = Handler(sink)
            content.setDocumentLocator(source)
            content.preserve_bnode_ids = args.get("preserve_bnode_ids", False) or False
            parser.setContentHandler(content)
            parser.setErrorHandler(rdfxml.ErrorHandler())
            try:
                parser.parse(source)
            except defusedxml.EntitiesForbidden as err:
                raise XMLRefused(f"RDF/XML declares the DTD entity {err.name!r}; entities are not expanded: "
                                 "refused") from None
            except (defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden) as err:
                raise XMLRefused(f"RDF/XML refers to an external document ({err}); not read: refused") from None

    plugin.register(SAFE_RDFXML, Parser, __name__, "_SafeRDFXMLParser")
    globals()["_SafeRDFXMLParser"] = SafeParser


_register_safe_rdfxml()


# the project's published context, by the IRIs it may be cited under: read
# from the installed file, never fetched
CONTEXT_IRIS = ("https://w3id.org/dipkg/context.jsonld", "https://w3id.org/dipkg/ontology/dipkg.context.jsonld")


def local_contexts(data: bytes, path: Path) -> bytes:
    """A JSON-LD document with no context to fetch: every ``@context`` (at
    any depth, in arrays, scoped in term definitions) and every ``@import``
    must be inline, or the project's own published context
    (:data:`CONTEXT_IRIS`), which is put inline from the installed file. A
    remote context (``https://...``), a local one (``file:///etc/passwd``, a
    relative path) or a context document to import is an input error naming
    it: reading JSON-LD never makes a request nor reads a file the user did
    not name.

    >>> local_contexts(b'{"@context": {"ex": "https://example.org/"}, "@id": "ex:a"}', Path("a.jsonld"))[:14]
    b'{"@context": {'
    >>> local_contexts(b'{"@context": "https://example.org/ctx", "@id": "a"}', Path("a.jsonld"))
    Traceback (most recent call last):
    ...
    kg.errors.InputError: a.jsonld: JSON-LD context "https://example.org/ctx" would be fetched; only inline contexts (and dipkg's own) are read
    """
    import json

    try:
        doc = json.loads(data)
    except json.JSONDecodeError as err:
        raise RDFSyntaxError(f"json-ld syntax error: {err.msg} (column {err.colno})",
                             f"{path}:{err.lineno}") from None
    except (ValueError, RecursionError) as err:
        raise RDFSyntaxError(f"json-ld syntax error: {' '.join(str(err).split())[:200]}", str(path)) from None
    own = None

    def context(value):
        nonlocal own
        if isinstance(value, list):
            return [context(v) for v in value]
        if isinstance(value, str):
            if value not in CONTEXT_IRIS:
                raise InputError(f"JSON-LD context {json.dumps(value)} would be fetched; only inline contexts "
                                 "(and dipkg's own) are read", str(path))
            if own is None:
                from ..resources import context_path
                own = json.loads(context_path().read_text(encoding="utf-8"))["@context"]
            return own
        if isinstance(value, dict):
            if "@import" in value:
                raise InputError(f"JSON-LD context imports {json.dumps(value['@import'])}, which would be "
                                 "fetched; only inline contexts (and dipkg's own) are read", str(path))
            return {k: walk(v) for k, v in value.items()}
        return value

    def walk(node):
        if isinstance(node, list):
            return [walk(v) for v in node]
        if isinstance(node, dict):
            return {k: context(v) if k == "@context" else walk(v) for k, v in node.items()}
        return node

    try:
        return json.dumps(walk(doc), ensure_ascii=False).encode("utf-8")
    except RecursionError:
        raise InputError("json-ld: nested too deeply to read", str(path)) from None


def read_into(graph, paths, fmt: str | None = None, as_written: bool = False) -> None:
    """Add the triples of RDF files (graph names dropped) to an rdflib graph,
    and bind their prefixes as rdflib's parsers do."""
    for path in rdf_files(paths):
        prefixes: dict = {}
        term = term_converter({}, as_written)       # blank node labels are local to a file
        add = graph.add
        for q in read_file(path, fmt, prefixes, as_written):
            add((term(q.subject), term(q.predicate), term(q.object)))
        if len(prefixes) > 1000:
            bind_all(graph, sorted(prefixes.items()))       # rdflib's bind is quadratic
        else:
            for p, ns in sorted(prefixes.items()):
                graph.bind(p, ns)
