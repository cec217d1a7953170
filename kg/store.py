"""RDF files read into an Oxigraph store, fast, with what the store changes kept aside.

Oxigraph parses about ten times faster than rdflib, and its SPARQL engine
answers in Rust. But its store keeps literals by value: ``"012"^^xsd:integer``
is stored as ``"12"``, and the derived integer types (``xsd:nonNegativeInteger``,
``xsd:int``...) as ``xsd:integer``. A validator must see what the file
writes, so :func:`read` records each triple whose literal the store would
change (:attr:`Loaded.written`), and the checks that read lexical forms or
datatypes consult it.

Files that Oxigraph refuses are read again by rdflib: its error message (the
one users know from every other command) is raised, or, when rdflib accepts
what Oxigraph does not, rdflib's triples are used.

>>> loaded = read(["data/dipkg.trig"])          # doctest: +SKIP
>>> len(loaded.store) > 1000                     # doctest: +SKIP
True
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .oxio import OX_FORMATS
from .rdfio import FORMATS, rdf_files, write_atomic

XSD = "http://www.w3.org/2001/XMLSchema#"
# literal datatypes whose values the store keeps in a canonical form
VALUE_TYPES = {XSD + t for t in (
    "boolean decimal integer float double nonPositiveInteger negativeInteger long int short byte "
    "nonNegativeInteger unsignedLong unsignedInt unsignedShort unsignedByte positiveInteger dateTime "
    "dateTimeStamp time date gYearMonth gYear gMonthDay gDay gMonth duration yearMonthDuration "
    "dayTimeDuration").split()}
BATCH = 100_000


@dataclass
class FileInfo:
    path: Path
    fmt: str
    graphs: set = field(default_factory=set)        # the graph names its triples went to (pyoxigraph terms)
    prefixes: dict = field(default_factory=dict)


@dataclass
class Loaded:
    """A store of the files' quads, where each file's triples went, and the
    triples whose literal the store keeps in another form than the file's."""
    store: object
    files: list[FileInfo]
    # (subject, predicate, literal as stored) -> the literals as written (pyoxigraph terms)
    written: dict = field(default_factory=dict)
    quads: int = 0


def to_oxigraph(t):
    """A pyoxigraph term for an rdflib term.

    >>> from rdflib import Literal
    >>> to_oxigraph(Literal("fr", lang="fr"))
    <Literal value=fr language=fr>
    """
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)) if t.datatype else None)
    if t is None:
        return ox.DefaultGraph()
    return ox.NamedNode(str(t))


def _rdflib_quads(path: Path, fmt: str):
    """The quads rdflib reads from ``path`` (raising its syntax error, if any)."""
    import pyoxigraph as ox

    from .rdfio import load_dataset

    ds = load_dataset([path], fmt, as_written=True)
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = ox.DefaultGraph() if g is None or g == ds.default_graph.identifier else to_oxigraph(g)
        yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name)


class _Writer:
    """Adds quads to a store in batches, noting where each file's went and
    which literals the store may rewrite."""

    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.batch: list = []
        self.candidates: list = []

    def add(self, quads, info: FileInfo | None = None) -> None:
        import pyoxigraph as ox

        for q in quads:
            o = q.object
            if isinstance(o, ox.Literal) and o.datatype.value in VALUE_TYPES:
                self.candidates.append(q)
            if info is not None:
                info.graphs.add(q.graph_name)
            self.batch.append(q)
            if len(self.batch) >= BATCH:
                self.flush()

    def load(self, path: Path, name: str, info: FileInfo) -> None:
        """Read a file Oxigraph parses: a first pass in Python notes its graphs
        and the literals the store may rewrite (and raises its syntax errors),
        then the store loads it in Rust, which is twice as fast as adding the
        quads from Python."""
        import pyoxigraph as ox

        if name not in OX_FORMATS:
            raise SyntaxError("not read by Oxigraph")     # RDF/XML and JSON-LD: rdflib's readers
        base = path.resolve().as_uri()
        fmt = getattr(ox.RdfFormat, OX_FORMATS[name])
        parser = ox.parse(path=str(path), format=fmt, base_iri=base)
        literal, types, candidates, graphs, last, n = ox.Literal, VALUE_TYPES, [], set(), None, 0
        for q in parser:
            n += 1
            o = q.object
            if type(o) is literal and o.datatype.value in types:
                candidates.append(q)
            g = q.graph_name
            if g != last:
                graphs.add(g)
                last = g
        named = ox.NamedNode(base) if name in ("turtle", "nt") else None
        if named is not None:
            graphs = {named} if n else set()
            candidates = [ox.Quad(q.subject, q.predicate, q.object, named) for q in candidates]
        self.flush()
        self.loaded.store.load(path=str(path), format=fmt, base_iri=base,
                               **({"to_graph": named} if named is not None else {}))
        info.graphs |= graphs
        info.prefixes = dict(getattr(parser, "prefixes", {}) or {})
        self.candidates += candidates
        self.loaded.quads += n

    def flush(self) -> None:
        self.loaded.store.extend(self.batch)
        self.loaded.quads += len(self.batch)
        self.batch = []

    def close(self) -> Loaded:
        self.flush()
        self.loaded.written = _rewritten(self.candidates)
        return self.loaded


def read(paths, fmt: str | None = None, store=None) -> Loaded:
    """Read RDF files (or folders) into an Oxigraph store (a new in-memory one
    by default). Triples of a triple syntax go to a graph named after the
    file, as :func:`kg.rdfio.load_dataset` does; quads keep their graphs."""
    import pyoxigraph as ox

    writer = _Writer(Loaded(store if store is not None else ox.Store(), []))
    for path in rdf_files(paths):
        name = fmt or FORMATS.get(path.suffix.lower())
        if name is None:
            raise InputError(f"unknown RDF format for extension {path.suffix!r}", str(path))
        info = FileInfo(path, name)
        writer.loaded.files.append(info)
        _check_readable(path, name)
        try:
            writer.load(path, name, info)
        except SyntaxError:
            writer.add(_rdflib_quads(path, name), info)    # rdflib's error, or its reading of what Oxigraph refuses
        except MemoryError as err:     # Oxigraph caps a token (a literal) at 16 MB
            raise InputError(f"{name}: a term too long to read ({err})", str(path)) from None
    return writer.close()


def from_graphs(graphs) -> Loaded:
    """A store of rdflib graphs: ``graphs`` is (graph IRI, rdflib graph) pairs."""
    import pyoxigraph as ox

    writer = _Writer(Loaded(ox.Store(), []))
    for name, g in graphs:
        gname = ox.NamedNode(name)
        writer.add(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), gname) for s, p, o in g)
    return writer.close()


def _check_readable(path: Path, name: str) -> None:
    from .rdfio import read_utf8

    read_utf8(path)


def _rewritten(candidates) -> dict:
    """The candidate quads whose literal the store keeps in another form,
    by (subject, predicate, stored literal)."""
    import pyoxigraph as ox

    if not candidates:
        return {}
    literals = sorted({q.object for q in candidates}, key=lambda t: (t.value, t.datatype.value))
    probe = ox.Store()
    probe.extend(ox.Quad(ox.NamedNode(f"urn:x:{i}"), ox.NamedNode("urn:x:p"), lit) for i, lit in enumerate(literals))
    stored = {}
    for q in probe:
        stored[int(q.subject.value[6:])] = q.object
    changed = {lit: stored[i] for i, lit in enumerate(literals) if stored[i] != lit}
    out: dict = {}
    for q in candidates:
        if q.object in changed:
            out.setdefault((q.subject, q.predicate, changed[q.object]), set()).add(q.object)
    return out


def cache_root() -> Path | None:
    """Where prebuilt stores are kept: ``$DIPKG_CACHE_DIR``, else the user's
    cache folder (``$XDG_CACHE_HOME/dipkg`` or ``~/.cache/dipkg``);
    ``DIPKG_CACHE_DIR=""`` turns the cache off."""
    import os

    env = os.environ.get("DIPKG_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dipkg"


KEEP = 8    # prebuilt stores kept; older ones are removed


def knowledge_store(data_paths, inferred: bool = True):
    """A read-only store of the data files, the ontology and (``inferred``)
    the OWL 2 RL entailments of both, merged in its default graph, and in
    named graphs as :func:`kg.endpoint.load` names them: what
    :func:`kg.query.knowledge_dataset` gives rdflib. It is built once and kept
    on disk (:func:`cache_root`) under a hash of the inputs' bytes, so a
    second query on unchanged files opens it instead of reading and
    reasoning again. Returns a read-only ``pyoxigraph.Store`` (an in-memory
    one when the cache is off).

    Hashing a large file costs about a second per 200 MB, so the hash is
    itself remembered under the files' status (path, size, modification and
    change times, inode), as git's index does: files whose status has not
    changed are not read again. Any write to a file changes its change time,
    which no program can set back."""
    import pyoxigraph as ox

    files = rdf_files(data_paths)
    root = cache_root()
    if root is None:
        _check_all(files)
        return _build(files, ox.Store(), inferred)
    return ox.Store.read_only(str(_cached(root, files, inferred)))


def store_folder(data_paths, folder: Path, inferred: bool = True) -> Path:
    """:func:`knowledge_store`'s store as a folder of its own, ``folder`` (new
    or empty), for other processes to open read-only (``kg serve``): the
    cached store's files hard-linked there (they are not written once the
    store is built, and the cache may prune the store meanwhile), or copied
    across file systems; with the cache off, the store is built there."""
    import os
    import shutil

    import pyoxigraph as ox

    files = rdf_files(data_paths)
    root = cache_root()
    if root is None:
        _check_all(files)
        store = _build(files, ox.Store(str(folder)), inferred)
        store.flush()
        del store
        return Path(folder)

    def link(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)
    shutil.copytree(_cached(root, files, inferred), folder, copy_function=link, dirs_exist_ok=True)
    return Path(folder)


def _check_all(files) -> None:
    from .resources import ontology_path

    for f in [ontology_path(), *files]:
        _check_readable(f, FORMATS.get(f.suffix.lower(), ""))


def _cached(root: Path, files: list[Path], inferred: bool) -> Path:
    """The folder of the cached store of ``files``, built first if need be."""
    import hashlib
    import os
    import shutil
    import tempfile

    import pyoxigraph as ox

    from .resources import ontology_path

    inputs = [ontology_path(), *files]
    build_id = hashlib.sha256(Path(__file__).read_bytes())  # how stores are built is part of the key
    try:
        from importlib.metadata import version
        build_id.update(version("dipkg").encode())
    except Exception:       # running from a checkout without metadata
        pass
    build_id.update(b"inferred" if inferred else b"asserted")
    status, index = build_id.copy(), None
    try:
        for f in inputs:
            st = f.stat()
            status.update(f"{f.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0"
                          f"{st.st_ino}\0{st.st_dev}\0".encode())
        index = root / "index" / status.hexdigest()[:32]
        known = index.read_text().strip()
    except OSError:         # no entry yet; an unreadable file is reported by _check_readable below
        known = ""
    if known and (root / "stores" / known).is_dir():
        target = root / "stores" / known
    else:
        digest = build_id.copy()
        for f in inputs:
            _check_readable(f, FORMATS.get(f.suffix.lower(), ""))
            digest.update(str(f.resolve()).encode() + b"\0" + f.read_bytes() + b"\0")
        target = root / "stores" / digest.hexdigest()[:32]
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = tempfile.mkdtemp(prefix=".build-", dir=target.parent)
            try:
                store = _build(files, ox.Store(tmp), inferred)
                store.optimize()        # bulk loading leaves many small files; a query then reads fewer
                store.flush()
                del store
                os.rename(tmp, target)
            except OSError:
                if not target.exists():
                    raise
            finally:
                shutil.rmtree(tmp, ignore_errors=True)      # a build another process finished first
            _prune(target.parent, root / "index")
        if index is not None:
            try:
                write_atomic(index, target.name.encode())
            except OSError:     # a cache that cannot be written is not an error
                pass
    os.utime(target)
    return target


def _build(files, store, inferred: bool):
    """Data, ontology and entailments merged into ``store``'s default graph:
    one set of triples, as rdflib's :func:`kg.query.knowledge_graph` is (a
    union of named graphs would count a triple once per graph it is in). The
    named graphs are those :func:`kg.endpoint.load` pushes, for ``GRAPH``
    patterns: the data's as named, the ontology's (the project's if the
    data lacks it) and the entailments' (:data:`kg.reason.INFERRED_GRAPH`).
    Written by bulk loading, without transactions or a write-ahead log: the
    store is new and private until :func:`knowledge_store` renames it into
    place (half the time at a million triples, a third of the disk)."""
    import pyoxigraph as ox

    from .ids import ONTOLOGY_IRI
    from .reason import INFERRED_GRAPH, closure_quads
    from .resources import ontology_path

    loaded = read(files)
    onto = read([ontology_path()])
    store.bulk_extend(loaded.store)
    onto_graph, default = ox.NamedNode(ONTOLOGY_IRI), ox.DefaultGraph()
    if not any(onto_graph in f.graphs for f in loaded.files):
        store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, onto_graph) for q in onto.store)
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in onto.store)
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in loaded.store)
    if inferred:
        written = {**loaded.written, **onto.written}
        triples, _ = closure_quads(itertools.chain(as_written(loaded.store, written),
                                                   as_written(onto.store, written)), [])
        named = ox.NamedNode(INFERRED_GRAPH)
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, g) for t in triples for g in (default, named))
    return store


def select(store, text: str, **options) -> list[dict]:
    """The solutions of a SELECT query on a pyoxigraph store, as dicts of
    terms. Not pyoxigraph's own solution objects: those must be freed by the
    thread that made them, and a reference cycle (an exception's traceback
    holding a frame that holds them) may leave that to another thread's
    cycle collector, which pyoxigraph refuses.

    >>> import pyoxigraph as ox
    >>> select(ox.Store(), "SELECT ?x WHERE { VALUES ?x { 1 } }")
    [{'x': <Literal value=1 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>}]
    """
    solutions = store.query(text, **options)
    variables = [v.value for v in solutions.variables]
    out = [{v: t for v, t in ((v, sol[v]) for v in variables) if t is not None} for sol in solutions]
    del solutions
    return out


def as_written(store, written: dict, graph=None):
    """The store's quads (of ``graph`` only, if given) with each literal the
    store rewrote as the file wrote it."""
    import pyoxigraph as ox

    for q in (store if graph is None else store.quads_for_pattern(None, None, None, graph)):
        originals = written.get((q.subject, q.predicate, q.object)) if isinstance(q.object, ox.Literal) else None
        if originals:
            for o in originals:
                yield ox.Quad(q.subject, q.predicate, o, q.graph_name)
        else:
            yield q


def _prune(folder: Path, index: Path) -> None:
    """Keep the :data:`KEEP` most recently used stores, and the index
    entries that still name one."""
    import shutil

    built = sorted((p for p in folder.iterdir() if not p.name.startswith(".")), key=lambda p: p.stat().st_mtime)
    for old in built[:-KEEP]:
        shutil.rmtree(old, ignore_errors=True)
    kept = {p.name for p in built[-KEEP:]}
    for entry in (index.iterdir() if index.is_dir() else ()):
        if entry.name.startswith("."):      # another process's entry, being written
            continue
        try:
            if entry.read_text().strip() not in kept:
                entry.unlink()
        except OSError:
            pass
