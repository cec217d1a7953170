"""Stage remote: other triplestores, over the SPARQL 1.1 Protocol and the
Graph Store Protocol.

Takes an endpoint's URL and a query (:func:`query`, :func:`run_named`) or RDF
files (:func:`load`: a PUT or POST per graph; :func:`load_quads`: one N-Quads
request); gives :class:`~kg.query.rows.Rows` or a
:class:`~kg.remote.client.LoadReport`.
"""
from .client import EndpointError, LoadReport, check_url, load, load_quads, query, run_named

__all__ = ["EndpointError", "LoadReport", "check_url", "load", "load_quads", "query", "run_named"]
