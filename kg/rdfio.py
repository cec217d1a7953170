"""Reading and writing RDF files: format by extension, errors with locations,
deterministic output, and atomic writes (temporary file, then rename).
"""
from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

from rdflib import Dataset, Graph

from .errors import InputError, RDFSyntaxError

FORMATS = {  # extension -> rdflib parser/serializer name
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt", ".nq": "nquads",
    ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".xml": "xml", ".owl": "xml",
}
EXPORT_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}
QUAD_FORMATS = {"trig", "nquads"}


# the largest file read (bytes): a bound on memory and time for any input;
# DIPKG_MAX_INPUT_BYTES sets another
MAX_INPUT_BYTES = 8 * 1024 ** 3


def rdf_files(paths) -> list[Path]:
    """Expand folders into the RDF files they hold (sorted). Only regular
    files are read: a FIFO, a device (``/dev/zero``) or a socket, given or
    found in a folder, would block or never end, and is an input error; so
    is a file larger than :data:`MAX_INPUT_BYTES`."""
    import os
    import stat

    limit = int(os.environ.get("DIPKG_MAX_INPUT_BYTES") or MAX_INPUT_BYTES)
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.suffix.lower() in FORMATS)
        elif not p.exists() and not p.is_symlink():
            raise InputError("no such file", str(p))
        else:
            found = [p]
        for f in found:
            try:
                st = f.stat()
            except OSError as err:
                raise InputError(f"cannot read: {err.strerror}", str(f)) from None
            if not stat.S_ISREG(st.st_mode):
                kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode)
                        or stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "a folder"
                        if stat.S_ISDIR(st.st_mode) else "not a file")
                raise InputError(f"not a regular file ({kind}); refused", str(f))
            if st.st_size > limit:
                raise InputError(f"file too large: {st.st_size} bytes (at most {limit}; "
                                 "DIPKG_MAX_INPUT_BYTES sets another)", str(f))
            out.append(f)
    return out


def _location(path: Path, err: Exception) -> str:
    msg = str(err)
    m = re.search(r"line (\d+)", msg) or re.search(r":(\d+):", msg)
    return f"{path}:{m.group(1)}" if m else str(path)


def _message(err: Exception) -> str:
    msg = " ".join(str(err).split())
    msg = re.sub(r"^at line \d+ of <>:\s*", "", msg)
    return msg[:200] or type(err).__name__


def read_utf8(path: Path) -> bytes:
    """A file's bytes, checked to be UTF-8 (an :class:`InputError` naming the file if not)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", str(path)) from None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"not valid UTF-8 (byte {err.start})", str(path)) from None
    return data


def parse_into(ds: Dataset, path: Path, fmt: str | None = None) -> None:
    """Parse ``path`` into ``ds``: quads keep their graphs, triples go to a
    graph named after the file."""
    fmt = fmt or FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"unknown RDF format for extension {path.suffix!r}", str(path))
    data = read_utf8(path)
    if fmt == "json-ld":
        data = local_contexts(data, path)
    if fmt in {"nt", "nquads", "turtle", "trig"}:
        # Oxigraph's parsers are linear where rdflib's are not (a long line,
        # thousands of @prefix lines), give line and column, and read valid
        # Turtle rdflib refuses (ex:a\~b)
        _parse_with_oxigraph(ds, data, fmt, path)
        return
    try:
        if fmt in QUAD_FORMATS:
            ds.parse(data=data, format=fmt, publicID=path.resolve().as_uri())
        else:
            parser = SAFE_RDFXML if fmt == "xml" else fmt
            ds.graph(path.resolve().as_uri()).parse(data=data, format=parser, publicID=path.resolve().as_uri())
    except XMLRefused as err:
        raise InputError(str(err), str(path)) from None
    except RecursionError:
        raise InputError(f"{fmt}: nested too deeply (collections or blank nodes) to read", str(path)) from None
    except Exception as err:  # rdflib raises many types; each is a syntax problem here
        raise RDFSyntaxError(f"{fmt} syntax error: {_message(err)}", _location(path, err)) from None


def from_oxigraph(t, bnodes: dict | None = None, as_written: bool = False):
    """An rdflib term for a pyoxigraph term (None stays None). Blank nodes are
    new ones, the same for one label within ``bnodes``; simple literals have
    no datatype, as rdflib writes them; ``as_written`` keeps a literal's
    lexical form even where rdflib would normalise it.

    >>> import pyoxigraph as ox
    >>> from_oxigraph(ox.Literal("Astana", language="fr"))
    rdflib.term.Literal('Astana', lang='fr')
    """
    return term_converter({} if bnodes is None else bnodes, as_written)(t)


def term_converter(bnodes: dict | None = None, as_written: bool = False):
    """A function turning pyoxigraph terms into rdflib terms as
    :func:`from_oxigraph` does, each distinct term once: query results repeat
    their terms, and an rdflib literal costs tens of microseconds to make.
    One blank node label gives one blank node (shared through ``bnodes``).

    >>> import pyoxigraph as ox
    >>> term = term_converter()
    >>> term(ox.NamedNode("https://w3id.org/dipkg/id/state/KZ")) is term(ox.NamedNode("https://w3id.org/dipkg/id/state/KZ"))
    True
    """
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import RDF, XSD

    plain = {str(XSD.string), str(RDF.langString)}
    normalize = False if as_written else None
    bnodes = {} if bnodes is None else bnodes
    memo: dict = {None: None}
    named, blank = ox.NamedNode, ox.BlankNode

    def convert(t):
        try:
            return memo[t]
        except KeyError:
            pass
        if isinstance(t, named):
            r = URIRef(t.value)
        elif isinstance(t, blank):
            r = bnodes.setdefault(t.value, BNode())
        elif t.language:
            r = Literal(t.value, lang=t.language)
        else:
            dt = t.datatype.value
            r = Literal(t.value, datatype=None if dt in plain else URIRef(dt), normalize=normalize)
        memo[t] = r
        return r

    return convert


def _parse_with_oxigraph(ds: Dataset, data: bytes, fmt: str, path: Path) -> None:
    import pyoxigraph as ox
    from rdflib import URIRef

    bnodes: dict = {}       # labels are local to the file, as with rdflib's parsers

    def term(t):
        return from_oxigraph(t, bnodes)

    # as with rdflib's parsers: triples into a graph named after the file,
    # a quad syntax's default-graph triples into the dataset's default graph
    base = path.resolve().as_uri()
    default = ds.default_graph if fmt in QUAD_FORMATS else ds.graph(URIRef(base))
    graphs: dict = {}
    form = {"nquads": ox.RdfFormat.N_QUADS, "nt": ox.RdfFormat.N_TRIPLES, "turtle": ox.RdfFormat.TURTLE,
            "trig": ox.RdfFormat.TRIG}[fmt]
    try:
        parser = ox.parse(data, format=form, base_iri=base)
        for q in parser:
            if isinstance(q.graph_name, ox.DefaultGraph):
                g = default
            else:
                name = term(q.graph_name)
                g = graphs.get(name) or graphs.setdefault(name, ds.graph(name))
            g.add((term(q.subject), term(q.predicate), term(q.object)))
    except MemoryError as err:     # Oxigraph caps a token (a literal) at 16 MB
        raise InputError(f"{fmt}: a term too long to read ({err})", str(path)) from None
    except SyntaxError as err:
        msg = re.sub(r"^Parser error at line \d+ (?:between columns \d+ and \d+|column \d+): ", "",
                     " ".join(str(err).split()))
        msg = re.sub(r" \(line \d+\)$", "", msg)
        where = f"{path}:{err.lineno}:{err.offset}" if err.lineno else str(path)
        raise RDFSyntaxError(f"{fmt} syntax error: {msg[:200]}", where) from None
    bind_all(ds, sorted((getattr(parser, "prefixes", None) or {}).items()))


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
            import defusedxml
            from defusedxml.expatreader import create_parser
            from xml.sax import handler

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
                from .resources import context_path
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


def load_dataset(paths, fmt: str | None = None, as_written: bool = False) -> Dataset:
    """Load RDF files (or folders of them) into one dataset.

    rdflib rewrites a literal's lexical form into its canonical one
    (``" 012"^^xsd:integer`` becomes ``"12"``); ``as_written`` keeps the form
    the file writes, so that a check sees what is there."""
    import rdflib

    ds = Dataset()
    normalize, rdflib.NORMALIZE_LITERALS = rdflib.NORMALIZE_LITERALS, not as_written
    try:
        for p in rdf_files(paths):
            parse_into(ds, p, fmt)
    finally:
        rdflib.NORMALIZE_LITERALS = normalize
    return ds


def union_graph(ds: Dataset) -> Graph:
    g = Graph()
    for ctx in ds.graphs():
        for t in ctx:
            g.add(t)
    bind_all(g, ds.namespaces())
    return g


def bind_all(g: Graph, namespaces) -> None:
    """Bind ``(prefix, namespace)`` pairs in ``g`` where neither is bound yet,
    in linear time: rdflib's ``Graph.bind`` scans every binding, so binding
    thousands of prefixes one by one took minutes."""
    have = dict(g.namespaces())
    taken = set(have.values())
    for prefix, ns in namespaces:
        if prefix not in have and ns not in taken:
            g.store.bind(prefix, ns)
            have[prefix] = ns
            taken.add(ns)


def serialize(obj, fmt: str) -> bytes:
    """Deterministic bytes: line formats sorted; others as rdflib sorts them."""
    name = EXPORT_FORMATS.get(fmt, fmt)
    if name in ("nt", "nquads"):
        text = obj.serialize(format=name)
        # split on "\n" only: str.splitlines() also breaks at U+001E, U+0085,
        # U+2028..., which may stand unescaped inside a literal (found by fuzzing)
        lines = sorted({line for line in text.split("\n") if line.strip()})
        return ("\n".join(lines) + "\n").encode("utf-8")
    if name == "json-ld":
        import json

        from .resources import context_path
        # compacted with the published context, embedded so that no parser has to fetch it
        context = json.loads(context_path().read_text(encoding="utf-8"))["@context"]
        data = json.loads(obj.serialize(format="json-ld", context=context, auto_compact=True))
        return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
    if name == "trig":
        return _trig(obj).encode("utf-8")
    out = obj.serialize(format=name)
    return out.encode("utf-8") if isinstance(out, str) else out


def _trig(ds: Dataset) -> str:
    """TriG with the named graphs in IRI order, each as rdflib's (sorted) Turtle."""
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


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename, so a
    failure never leaves a partial file."""
    with atomic_writer(path) as fh:
        fh.write(data)


@contextmanager
def atomic_writer(path: Path):
    """A binary file to write ``path`` through: a temporary file in the same
    folder, renamed to ``path`` when the block ends without an error (and
    removed if it does not), for outputs too big to hold in memory."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)    # mkstemp creates 0600; give the usual mode
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
