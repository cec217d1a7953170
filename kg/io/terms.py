"""The one conversion between pyoxigraph's terms (what every file is read
into) and rdflib's (what pySHACL, owlrl and pyLODE need), both ways.
"""
from __future__ import annotations


def from_oxigraph(t, bnodes: dict | None = None, as_written: bool = False):
    """An rdflib term for a pyoxigraph term (None stays None). Blank nodes are
    new ones, the same for one label within ``bnodes``; simple literals have
    no datatype, as rdflib writes them; ``as_written`` keeps a literal's
    lexical form even where rdflib would normalise it.

    >>> import pyoxigraph as ox
    >>> from_oxigraph(ox.Literal("Astana", language="fr"))
    rdflib.term.Literal('Astana', lang='fr')
    """
    return term_converter({} if bnodes is None else bnodes, as_written)(t)


def term_converter(bnodes: dict | None = None, as_written: bool = False):
    """A function turning pyoxigraph terms into rdflib terms as
    :func:`from_oxigraph` does, each distinct term once: query results repeat
    their terms, and an rdflib literal costs tens of microseconds to make.
    One blank node label gives one blank node (shared through ``bnodes``).

    >>> import pyoxigraph as ox
    >>> term = term_converter()
    >>> term(ox.NamedNode("https://w3id.org/dipkg/id/state/KZ")) is term(ox.NamedNode("https://w3id.org/dipkg/id/state/KZ"))
    True
    """
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import RDF, XSD

    plain = {str(XSD.string), str(RDF.langString)}
    normalize = False if as_written else None
    bnodes = {} if bnodes is None else bnodes
    memo: dict = {None: None}
    named, blank = ox.NamedNode, ox.BlankNode

    def convert(t):
        try:
            return memo[t]
        except KeyError:
            pass
        if isinstance(t, named):
            r = URIRef(t.value)
        elif isinstance(t, blank):
            r = bnodes.setdefault(t.value, BNode())
        elif t.language:
            r = Literal(t.value, lang=t.language)
        else:
            dt = t.datatype.value
            r = Literal(t.value, datatype=None if dt in plain else URIRef(dt), normalize=normalize)
        memo[t] = r
        return r

    return convert


def to_oxigraph(t):
    """A pyoxigraph term for an rdflib term.

    >>> from rdflib import Literal
    >>> to_oxigraph(Literal("fr", lang="fr"))
    <Literal value=fr language=fr>
    """
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)) if t.datatype else None)
    if t is None:
        return ox.DefaultGraph()
    return ox.NamedNode(str(t))


def union_graph(ds):
    """The triples of every graph of an rdflib dataset, as one graph (prefixes kept)."""
    from rdflib import Graph

    g = Graph()
    for ctx in ds.graphs():
        for t in ctx:
            g.add(t)
    bind_all(g, ds.namespaces())
    return g


def bind_all(g, namespaces) -> None:
    """Bind ``(prefix, namespace)`` pairs in ``g`` where neither is bound yet,
    in linear time: rdflib's ``Graph.bind`` scans every binding, so binding
    thousands of prefixes one by one took minutes."""
    have = dict(g.namespaces())
    taken = set(have.values())
    for prefix, ns in namespaces:
        if prefix not in have and ns not in taken:
            g.store.bind(prefix, ns)
            have[prefix] = ns
            taken.add(ns)
