"""Stage serve: the graph as a local, read-only SPARQL endpoint (``kg serve``).

Takes RDF files; gives an HTTP server (:func:`make_server`) answering the
SPARQL 1.1 Protocol at ``/sparql`` from worker processes on the prebuilt
store of :mod:`kg.query.store`, a query page at ``/``, resource pages at
``/id/…`` and the VoID description.
"""
from .server import Limits, Refused, Service, check_query, make_server

__all__ = ["Limits", "Refused", "Service", "check_query", "make_server"]
