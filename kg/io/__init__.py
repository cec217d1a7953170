"""Stage io: RDF files in and out, for every other stage.

Takes paths (files or folders); gives pyoxigraph quads (:func:`read_file`,
the one parser entry point, and :func:`read_quads`), rdflib datasets and
graphs where a stage needs rdflib (:func:`load_dataset`, :func:`load_graph`,
through the one term conversion of :mod:`kg.io.terms`), Oxigraph stores
(:func:`load_store`, and the on-disk cache :func:`cached_store`), and
deterministic bytes (:func:`serialize`, :func:`trig_rows`) written
atomically (:func:`write_atomic`). One set of format names:
:mod:`kg.io.formats`.
"""
from .files import MAX_INPUT_BYTES, atomic_writer, rdf_files, read_utf8, write_atomic
from .formats import EXPORT_FORMATS, FORMATS, OX_FORMATS, QUAD_FORMATS
from .read import (format_of, load_dataset, load_graph, parse_data, quad_batches, quad_list, read_file, read_into,
                   read_quads)
from .store import Loaded, as_written, cache_root, cached_store, from_graphs, load_store, select
from .terms import bind_all, from_oxigraph, term_converter, to_oxigraph, union_graph
from .write import serialize, serialize_quads, trig_rows

__all__ = [
    "EXPORT_FORMATS", "FORMATS", "MAX_INPUT_BYTES", "OX_FORMATS", "QUAD_FORMATS", "Loaded", "as_written",
    "atomic_writer", "bind_all", "cache_root", "cached_store", "format_of", "from_graphs", "from_oxigraph",
    "load_dataset", "load_graph", "load_store", "parse_data", "quad_batches", "quad_list", "rdf_files", "read_file",
    "read_into", "read_quads", "read_utf8", "select", "serialize", "serialize_quads", "term_converter",
    "to_oxigraph", "trig_rows", "union_graph", "write_atomic",
]
