"""``kg stats``: what a dataset holds, counted: instances per class, triples
per property, and triples per graph (one graph per source in ``data/``).

Counts are of the asserted data, read by Oxigraph (a million triples in
seconds), with the triples of every graph merged as a set for the class and
property counts; the ontology's own graph is counted among the graphs but
left out of the class and property counts, which are about the facts.

>>> s = stats(["data/dipkg.trig"])                       # doctest: +SKIP
>>> s.classes[0]                                        # doctest: +SKIP
('dip:EvidenceAnchor', 124)
>>> print(s.render("table"))                            # doctest: +SKIP
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..graph.ids import ONTOLOGY_IRI

FORMATS = ("table", "json")


@dataclass
class Stats:
    """Counts, each list sorted by count (largest first), then name."""
    triples: int = 0                                            # distinct triples, all graphs merged
    graphs: list[tuple[str, int]] = field(default_factory=list)     # graph (or "(default graph)"), triples
    classes: list[tuple[str, int]] = field(default_factory=list)    # class, distinct instances
    properties: list[tuple[str, int]] = field(default_factory=list)  # property, distinct triples

    def json(self) -> str:
        return json.dumps({"triples": self.triples, "graphs": dict(self.graphs), "classes": dict(self.classes),
                           "properties": dict(self.properties)}, indent=2, ensure_ascii=False)

    def table(self) -> str:
        from ..query.rows import Rows

        parts = [f"{self.triples} triples in {len(self.graphs)} graph(s)"]
        for title, column, items in (("graph", "triples", self.graphs), ("class", "instances", self.classes),
                                     ("property", "triples", self.properties)):
            parts.append(Rows([title, column], [[name, n] for name, n in items]).table())
        return "\n\n".join(parts)

    def render(self, fmt: str) -> str:
        return self.json() if fmt == "json" else self.table()


def _name(term) -> str:
    """An IRI as a prefixed name where a project prefix fits; a blank node as N-Triples."""
    import pyoxigraph as ox

    from ..graph.rdf import short_name

    return short_name(term.value) if isinstance(term, ox.NamedNode) else str(term)


def _ranked(rows) -> list[tuple[str, int]]:
    return sorted(rows, key=lambda kv: (-kv[1], kv[0]))


def stats(data_paths=None, input_format: str | None = None) -> Stats:
    """Count what the RDF files (or folders) ``data_paths`` hold (default ``data/``)."""
    import pyoxigraph as ox

    from ..io.store import load_store, select
    from ..resources import DEFAULT_DATA

    store = load_store(list(data_paths) if data_paths else [DEFAULT_DATA], input_format).store
    graphs = [r["g"] for r in select(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")]
    facts = [g for g in graphs if not (isinstance(g, ox.NamedNode) and g.value == ONTOLOGY_IRI)]
    default = ox.DefaultGraph()
    everything, data = [default, *graphs], [default, *facts]
    per_graph = select(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    counted = [(_name(r["g"]), int(r["n"].value)) for r in per_graph]
    in_default = sum(1 for _ in store.quads_for_pattern(None, None, None, default))
    if in_default:
        counted.append(("(default graph)", in_default))
    total = select(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
                   default_graph=everything)[0]["n"]
    classes = select(store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c",
                     default_graph=data)
    properties = select(store, "SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } } "
                               "GROUP BY ?p", default_graph=data)
    return Stats(triples=int(total.value), graphs=_ranked(counted),
                 classes=_ranked((_name(r["c"]), int(r["n"].value)) for r in classes),
                 properties=_ranked((_name(r["p"]), int(r["n"].value)) for r in properties))
