"""The description of ``data/``: VoID statistics and DCAT distributions.

``kg build`` writes it as ``data/void.ttl`` beside the dumps it describes:
the dataset's licence and version, its triples, classes and properties
(partitions with their counts), one subset per named graph, and each dump
file with its media type and byte size. No blank node, no date: the same
data gives the same bytes.

>>> from rdflib import Dataset
>>> ds = Dataset()
>>> _ = ds.graph("https://w3id.org/dipkg/source/s1").parse(
...     data="<https://w3id.org/dipkg/id/state/KZ> a <https://w3id.org/dipkg/ontology#State> .", format="turtle")
>>> b"void:triples 1" in describe(ds, {"dipkg.ttl": b"..."})
True
"""
from __future__ import annotations

from collections import Counter

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, VOID, XSD

from ..io.terms import union_graph
from ..io.write import serialize
from .rdf import bind

DATASET = URIRef("https://w3id.org/dipkg/dataset")
DUMPS = "https://w3id.org/dipkg/data/"      # where the data/ files are published
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
MEDIA_TYPES = {".trig": "application/trig", ".ttl": "text/turtle", ".nq": "application/n-quads",
               ".nt": "application/n-triples", ".jsonld": "application/ld+json", ".rdf": "application/rdf+xml"}
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("dipkg")
    except PackageNotFoundError:   # a source tree that is not installed
        return "0+unknown"


def _local(iri: str) -> str:
    """A path segment naming a graph: its IRI's last part."""
    return iri.rstrip("/#").replace("#", "/").rsplit("/", 1)[-1]


def _slug(g: Graph, iri: URIRef) -> str:
    """A path segment naming a term: ``dip-Visit`` for dip:Visit."""
    try:
        prefix, _, local = g.namespace_manager.compute_qname(str(iri), generate=False)
        return f"{prefix}-{local}"
    except Exception:   # no prefix bound for it
        return _local(iri)


def describe(ds: Dataset, files: dict[str, bytes]) -> bytes:
    """The Turtle description of a dataset and of its dump ``files`` (name -> bytes)."""
    union = union_graph(ds)
    g = Graph()
    bind(g)
    g.bind("void", VOID)
    g.bind("dcat", DCAT)
    g.bind("sd", SD)
    d = DATASET
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, RDF.type, DCAT.Dataset))
    g.add((d, DCTERMS.title, Literal("dipkg: a knowledge graph of bilateral diplomacy", lang="en")))
    g.add((d, DCTERMS.title, Literal("dipkg : un graphe de connaissances de la diplomatie bilatérale", lang="fr")))
    g.add((d, DCTERMS.description, Literal(
        "States, leaders and their offices, visits, talks, partnership levels and their changes, agreements, "
        "targets and honours extracted from French news articles, each fact anchored to its source text.",
        lang="en")))
    g.add((d, DCTERMS.license, LICENSE))
    g.add((d, DCTERMS.rights, Literal("Evidence quotes are excerpts of the cited sources, which keep their own "
                                      "rights.", lang="en")))
    g.add((d, OWL.versionInfo, Literal(_version())))
    g.add((d, VOID.uriSpace, Literal("https://w3id.org/dipkg/id/")))
    g.add((d, VOID.vocabulary, URIRef("https://w3id.org/dipkg/ontology#")))
    g.add((d, VOID.triples, Literal(len(union))))
    subjects = {s for s in union.subjects()}
    g.add((d, VOID.distinctSubjects, Literal(len(subjects))))

    classes = Counter(o for o in union.objects(None, RDF.type) if isinstance(o, URIRef))
    g.add((d, VOID.classes, Literal(len(classes))))
    for cls, n in sorted(classes.items()):
        part = URIRef(f"{d}/class/{_slug(g, cls)}")
        g.add((d, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(n)))
    properties = Counter(p for p in union.predicates())
    g.add((d, VOID.properties, Literal(len(properties))))
    for prop, n in sorted(properties.items()):
        part = URIRef(f"{d}/property/{_slug(g, prop)}")
        g.add((d, VOID.propertyPartition, part))
        g.add((part, VOID.property, prop))
        g.add((part, VOID.triples, Literal(n)))

    for ctx in sorted((c for c in ds.graphs() if len(c)), key=lambda c: str(c.identifier)):
        if not isinstance(ctx.identifier, URIRef) or str(ctx.identifier).startswith("urn:x-rdflib:"):
            continue
        sub = URIRef(f"{d}/graph/{_local(ctx.identifier)}")
        g.add((d, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, SD.name, ctx.identifier))
        g.add((sub, VOID.triples, Literal(len(ctx))))

    for name, data in sorted(files.items()):
        url = URIRef(DUMPS + name)
        dist = URIRef(f"{d}/distribution/{name}")
        g.add((d, VOID.dataDump, url))
        g.add((d, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, url))
        media = MEDIA_TYPES.get("." + name.rsplit(".", 1)[-1], "application/octet-stream")
        g.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media}")))
        g.add((dist, DCAT.byteSize, Literal(len(data), datatype=XSD.nonNegativeInteger)))
        g.add((dist, DCTERMS.license, LICENSE))
    return serialize(g, "ttl")
