"""Stage graph: typed facts to RDF, and the identifiers of everything.

Takes :class:`~kg.graph.facts.Extraction` records (:mod:`kg.graph.facts`, the
contract between extraction and the graph: the extractor fills them, this
stage reads them); gives an rdflib ``Dataset`` with one named graph per
source article (:func:`dataset_from`), its VoID description
(:func:`describe`), and the IRIs and prefixes every stage uses
(:mod:`kg.graph.ids`, :data:`PREFIXES`).
"""
from . import facts
from .ids import DIP, ID, ONTOLOGY_IRI, SRC, fold, slug, span_key
from .rdf import PREFIXES, GraphWriter, bind, dataset_from, short_name
from .void import describe

__all__ = ["DIP", "ID", "ONTOLOGY_IRI", "PREFIXES", "SRC", "GraphWriter", "bind", "dataset_from", "describe", "facts",
           "fold", "short_name", "slug", "span_key"]
