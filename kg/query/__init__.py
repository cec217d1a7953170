"""Stage query: SPARQL over the data, the ontology and their entailments.

Takes a query (a named one, :func:`named_query`, from ``kg/queries/*.rq``:
the public contract; or the user's own) and RDF files; gives
:class:`~kg.query.rows.Rows` (a table, CSV, TSV, SPARQL JSON, or a graph).
Queries run on Oxigraph, on a store built once per set of files and kept
(:mod:`kg.query.store`), or on rdflib (:func:`run`); SPARQL text is parsed
and bound in :mod:`kg.query.sparql`.
"""
from .engine import (ENGINES, describe, knowledge_dataset, knowledge_graph, named_queries, named_query, query_text,
                     required_params, run, run_local, run_named, run_oxigraph)
from .rows import Rows
from .sparql import bind_params, code_of, parse_sparql, query_form, syntax_error, where_group
from .store import knowledge_store, store_folder

__all__ = [
    "ENGINES", "Rows", "bind_params", "code_of", "describe", "knowledge_dataset", "knowledge_graph",
    "knowledge_store", "named_queries", "named_query", "parse_sparql", "query_form", "query_text",
    "required_params", "run", "run_local", "run_named", "run_oxigraph", "store_folder", "syntax_error", "where_group",
]
