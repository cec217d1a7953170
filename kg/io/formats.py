"""The RDF syntaxes dipkg reads and writes, by file extension and by name.

One set of names for every stage: rdflib's parser/serializer names
(``turtle``, ``trig``, ``nt``, ``nquads``, ``json-ld``, ``xml``), the
extensions that select them, and the ones Oxigraph parses.
"""
from __future__ import annotations

FORMATS = {  # extension -> rdflib parser/serializer name
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt", ".nq": "nquads",
    ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".xml": "xml", ".owl": "xml",
}


EXPORT_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}


QUAD_FORMATS = {"trig", "nquads"}


# the syntaxes pyoxigraph reads, by FORMATS name
OX_FORMATS = {"turtle": "TURTLE", "trig": "TRIG", "nt": "N_TRIPLES", "nquads": "N_QUADS"}
