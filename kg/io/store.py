"""RDF files read into an Oxigraph store, fast, with what the store changes
kept aside; and the on-disk cache of prebuilt stores.

Oxigraph's store keeps literals by value: ``"012"^^xsd:integer`` is stored
as ``"12"``, and the derived integer types (``xsd:nonNegativeInteger``,
``xsd:int``...) as ``xsd:integer``. A validator must see what the file
writes, so :func:`load_store` records each triple whose literal the store would
change (:attr:`Loaded.written`), and the checks that read lexical forms or
datatypes consult it.

>>> loaded = load_store(["data/dipkg.trig"])          # doctest: +SKIP
>>> len(loaded.store) > 1000                     # doctest: +SKIP
True
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .files import rdf_files, read_utf8, write_atomic
from .read import format_of, read_file
from .terms import to_oxigraph

XSD = "http://www.w3.org/2001/XMLSchema#"


# literal datatypes whose values the store keeps in a canonical form
VALUE_TYPES = {XSD + t for t in (
    "boolean decimal integer float double nonPositiveInteger negativeInteger long int short byte "
    "nonNegativeInteger unsignedLong unsignedInt unsignedShort unsignedByte positiveInteger dateTime "
    "dateTimeStamp time date gYearMonth gYear gMonthDay gDay gMonth duration yearMonthDuration "
    "dayTimeDuration").split()}




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


class _Writer:
    """Puts quads in a store, noting where each file's went and which
    literals the store may rewrite."""

    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.candidates: list = []

    def scan(self, quads, info: FileInfo | None = None) -> None:
        """Note the graphs of ``quads`` and the literals the store may rewrite."""
        import pyoxigraph as ox

        literal, types, candidates = ox.Literal, VALUE_TYPES, self.candidates
        graphs, last, n = (info.graphs if info is not None else set()), None, 0
        for q in quads:
            n += 1
            o = q.object
            if type(o) is literal and o.datatype.value in types:
                candidates.append(q)
            g = q.graph_name
            if g != last:
                graphs.add(g)
                last = g
        self.loaded.quads += n

    def add(self, quads, info: FileInfo | None = None) -> None:
        """Add ``quads`` (a list) to the store."""
        self.scan(quads, info)
        self.loaded.store.extend(quads)

    def close(self) -> Loaded:
        self.loaded.written = _rewritten(self.candidates)
        return self.loaded


def load_store(paths, fmt: str | None = None, store=None) -> Loaded:
    """Read RDF files (or folders) into an Oxigraph store (a new in-memory one
    by default), as :func:`kg.io.read.read_file` reads them: triples of a
    triple syntax in a graph named after the file, quads in their graphs."""
    import pyoxigraph as ox

    writer = _Writer(Loaded(store if store is not None else ox.Store(), []))
    for path in rdf_files(paths):
        info = FileInfo(path, format_of(path, fmt))
        writer.loaded.files.append(info)
        # the reader puts the file in the store; the writer looks at its quads on the way
        writer.scan(read_file(path, info.fmt, info.prefixes, as_written=True, store=writer.loaded.store), info)
    return writer.close()


def from_graphs(graphs) -> Loaded:
    """A store of rdflib graphs: ``graphs`` is (graph IRI, rdflib graph) pairs."""
    import pyoxigraph as ox

    writer = _Writer(Loaded(ox.Store(), []))
    for name, g in graphs:
        gname = ox.NamedNode(name)
        writer.add([ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), gname) for s, p, o in g])
    return writer.close()


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


def cached_store(inputs: list[Path], build_id, build) -> Path:
    """The folder of a prebuilt, read-only store of ``inputs`` (files), kept
    under :func:`cache_root` by a hash of ``build_id`` (a ``hashlib`` object:
    how the store is built) and the inputs' bytes; ``build(store)`` fills a
    new on-disk store when there is none yet.

    Hashing a large file costs about a second per 200 MB, so the hash is
    itself remembered under the files' status (path, size, modification and
    change times, inode), as git's index does: files whose status has not
    changed are not read again. Any write to a file changes its change time,
    which no program can set back."""
    import os
    import shutil
    import tempfile

    import pyoxigraph as ox

    root = cache_root()
    build_id = build_id.copy()
    build_id.update(Path(__file__).read_bytes())
    try:
        from importlib.metadata import version
        build_id.update(version("dipkg").encode())
    except Exception:       # running from a checkout without metadata
        pass
    status, index = build_id.copy(), None
    try:
        for f in inputs:
            st = f.stat()
            status.update(f"{f.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0"
                          f"{st.st_ino}\0{st.st_dev}\0".encode())
        index = root / "index" / status.hexdigest()[:32]
        known = index.read_text().strip()
    except OSError:         # no entry yet; an unreadable file is reported by read_utf8 below
        known = ""
    if known and (root / "stores" / known).is_dir():
        target = root / "stores" / known
    else:
        digest = build_id.copy()
        for f in inputs:
            read_utf8(f)
            digest.update(str(f.resolve()).encode() + b"\0" + f.read_bytes() + b"\0")
        target = root / "stores" / digest.hexdigest()[:32]
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = tempfile.mkdtemp(prefix=".build-", dir=target.parent)
            try:
                store = ox.Store(tmp)
                build(store)
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
