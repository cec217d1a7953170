"""``kg export``: the graph in any common RDF syntax, deterministically.

>>> data = export("ttl")                                     # doctest: +SKIP
"""
from __future__ import annotations

from ..graph.rdf import bind
from ..resources import DEFAULT_DATA
from ..io.formats import EXPORT_FORMATS, QUAD_FORMATS
from ..io.read import load_dataset
from ..io.write import serialize
from ..io.terms import union_graph


def export(fmt: str, data_paths=None, inferred: bool = False) -> bytes:
    """Serialise the data (default ``data/``). ``inferred`` adds the OWL 2 RL
    entailments: in their own named graph for TriG and N-Quads, merged otherwise."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if inferred:
        from ..reason.entail import reason_dataset
        ds, _ = reason_dataset(data_paths)
    else:
        ds = load_dataset(list(data_paths) if data_paths else [DEFAULT_DATA])
    bind(ds)
    if EXPORT_FORMATS[fmt] in QUAD_FORMATS:
        return serialize(ds, fmt)
    g = union_graph(ds)
    bind(g)
    return serialize(g, fmt)
