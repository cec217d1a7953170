"""The store named queries run on: the data, the ontology and the OWL 2 RL
entailments of both, merged in its default graph and kept in named graphs,
built once and kept on disk (:func:`kg.io.store.cached_store`).
"""
from __future__ import annotations

import itertools
from pathlib import Path

from ..io.files import rdf_files, read_utf8
from ..io.store import as_written, cache_root, cached_store, load_store
from ..reason.entail import INFERRED_GRAPH, closure_quads
from ..resources import ontology_path


def knowledge_store(data_paths, inferred: bool = True):
    """A read-only store of the data files, the ontology and (``inferred``)
    the OWL 2 RL entailments of both, merged in its default graph, and in
    named graphs as :func:`kg.remote.client.load` names them: what
    :func:`kg.query.engine.knowledge_dataset` gives rdflib. It is built once and kept
    on disk (:func:`kg.io.store.cache_root`) under a hash of the inputs' bytes, so a
    second query on unchanged files opens it instead of reading and
    reasoning again. Returns a read-only ``pyoxigraph.Store`` (an in-memory
    one when the cache is off)."""
    import pyoxigraph as ox

    files = rdf_files(data_paths)
    if cache_root() is None:
        _check_all(files)
        return _build(files, ox.Store(), inferred)
    return ox.Store.read_only(str(_cached(files, inferred)))


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
    if cache_root() is None:
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
    shutil.copytree(_cached(files, inferred), folder, copy_function=link, dirs_exist_ok=True)
    return Path(folder)


def _check_all(files) -> None:
    for f in [ontology_path(), *files]:
        read_utf8(f)


def _cached(files: list[Path], inferred: bool) -> Path:
    """The folder of the cached store of ``files``, built first if need be."""
    import hashlib

    build_id = hashlib.sha256(Path(__file__).read_bytes())  # how stores are built is part of the key
    build_id.update(b"inferred" if inferred else b"asserted")
    return cached_store([ontology_path(), *files], build_id, lambda store: _build(files, store, inferred))


def _build(files, store, inferred: bool):
    """Data, ontology and entailments merged into ``store``'s default graph:
    one set of triples, as rdflib's :func:`kg.query.engine.knowledge_graph` is (a
    union of named graphs would count a triple once per graph it is in). The
    named graphs are those :func:`kg.remote.client.load` pushes, for ``GRAPH``
    patterns: the data's as named, the ontology's (the project's if the
    data lacks it) and the entailments' (:data:`kg.reason.entail.INFERRED_GRAPH`).
    Written by bulk loading, without transactions or a write-ahead log: the
    store is new and private until :func:`knowledge_store` renames it into
    place (half the time at a million triples, a third of the disk)."""
    import pyoxigraph as ox

    from ..graph.ids import ONTOLOGY_IRI
    from ..resources import ontology_path

    loaded = load_store(files)
    onto = load_store([ontology_path()])
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
