"""HTML documentation of the ontology, generated from ``ontology/``.

One page per language (``index.html`` in English, ``index.fr.html`` in
French), each made of pyLODE's documentation of the OWL classes and
properties, a Graphviz class diagram (classes, subclass links, and the object
properties between classes that the ontology's domains and ranges and the
SHACL shapes' ``sh:class`` constraints state), and the SKOS schemes with
their concepts. The diagram is also written on its own, as ``classes.dot``
(its source) and ``classes.svg``.

pyLODE is pinned (``pylode==3.3.4``, the last release that runs on Python
3.11): this module extends its page through two of its methods.

>>> from kg.docs import class_diagram
>>> from kg.resources import ontology_path, shapes_path
>>> from rdflib import Graph
>>> dot = class_diagram(Graph().parse(ontology_path()), Graph().parse(shapes_path()))
>>> dot.startswith("digraph classes {") and '"dip:Visit"' in dot
True
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import SH

from ..errors import InputError, Stale
from ..graph.ids import DIP
from ..graph.rdf import short_name as _name
from ..io.read import load_graph
from ..resources import ontology_path, shapes_path

PAGES = {"en": "index.html", "fr": "index.fr.html"}
DIAGRAM_DOT = "classes.dot"
DIAGRAM_SVG = "classes.svg"
MAX_FAN = 4  # a property drawn from more classes than this is listed in a note

# words of the page that are ours, not pyLODE's
WORDS = {
    "en": {"diagram": "Class diagram", "schemes": "Controlled vocabularies",
           "notation": "notation", "label": "label", "definition": "definition",
           "other": "Version française", "other_page": PAGES["fr"],
           "diagram_note": "Classes of the ontology (grey: reused from other vocabularies); "
                           "hollow arrows: subclass of; labelled arrows: object properties, from the "
                           "ontology's domains and ranges and the SHACL shapes' sh:class constraints. "
                           "Click a class to read its definition.",
           "rank": "rank", "higher": "higher than"},
    "fr": {"diagram": "Diagramme des classes", "schemes": "Vocabulaires contrôlés",
           "notation": "notation", "label": "libellé", "definition": "définition",
           "other": "English version", "other_page": PAGES["en"],
           "diagram_note": "Classes de l’ontologie (en gris : reprises d’autres vocabulaires) ; "
                           "flèches creuses : sous-classe de ; flèches nommées : propriétés d’objet, "
                           "d’après les domaines et portées de l’ontologie et les contraintes sh:class "
                           "des formes SHACL. Cliquer sur une classe mène à sa définition.",
           "rank": "rang", "higher": "au-dessus de"},
}


@dataclass
class DocsResult:
    """What :func:`write_docs` made: file name -> bytes, and whether it wrote them."""

    out: Path
    files: dict[str, bytes] = field(default_factory=dict)
    written: bool = False


def _named_classes(onto: Graph) -> set[URIRef]:
    return {c for c in onto.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef) and c != OWL.Thing}


def class_diagram(onto: Graph, shapes: Graph, links: dict[str, str] | None = None) -> str:
    """The Graphviz DOT source of the class diagram, sorted so that the same
    ontology and shapes give the same text.

    ``links`` maps a class IRI to the address of its definition (``#State``
    inside the page); the class's box then links there.
    """
    classes = _named_classes(onto)
    subclass = sorted((c, s) for c, s in onto.subject_objects(RDFS.subClassOf)
                      if c in classes and s in classes)
    edges = set()
    for p in onto.subjects(RDF.type, OWL.ObjectProperty):
        for d in onto.objects(p, RDFS.domain):
            for r in onto.objects(p, RDFS.range):
                if d in classes and r in classes:
                    edges.add((d, p, r))
    for shape in shapes.subjects(SH.targetClass, None):
        for d in shapes.objects(shape, SH.targetClass):
            for ps in shapes.objects(shape, SH.property):
                p = shapes.value(ps, SH.path)
                for r in shapes.objects(ps, SH["class"]):
                    if isinstance(p, URIRef) and d in classes and r in classes:
                        edges.add((d, p, r))
    # a property used from many classes (dip:evidence, dip:status...) would
    # draw a fan of arrows across the picture: it is listed in a note instead
    sources: dict[tuple, set] = {}
    for d, p, r in edges:
        sources.setdefault((p, r), set()).add(d)
    common = {k for k, ds in sources.items() if len(ds) > MAX_FAN}
    edges = {(d, p, r) for d, p, r in edges if (p, r) not in common}
    shown = {c for pair in subclass for c in pair} | {x for d, _, r in edges for x in (d, r)} | {r for _, r in common}
    lines = ["digraph classes {",
             '  graph [rankdir=BT, fontname="Helvetica", nodesep=0.25, ranksep=0.45];',
             '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, '
             'fillcolor="#e8f0fb", color="#4a6fa5"];',
             '  edge [fontname="Helvetica", fontsize=8, color="#555555"];']
    for c in sorted(shown):
        name = _name(c)
        attrs = [f'label="{name[4:] if name.startswith("dip:") else name}"']
        if not str(c).startswith(DIP):
            attrs.append('fillcolor="#eeeeee", color="#999999"')
        if links and str(c) in links:
            attrs.append(f'URL="{links[str(c)]}", target="_top"')
        attrs.append(f'tooltip="{name}"')
        lines.append(f'  "{name}" [{", ".join(attrs)}];')
    for c, s in subclass:
        lines.append(f'  "{_name(c)}" -> "{_name(s)}" [arrowhead=empty];')
    for d, p, r in sorted(edges):
        lines.append(f'  "{_name(d)}" -> "{_name(r)}" '
                     f'[label="{_name(p)}", style=dashed, arrowhead=vee];')
    if common:
        rows = "".join(f"{_name(p)} → {_name(r).removeprefix('dip:')} "
                       f"(from {len(sources[(p, r)])} classes)\\l" for p, r in sorted(common))
        lines.append(f'  "properties on many classes" [shape=note, style=filled, fillcolor="#fffbe6", '
                     f'color="#b59f3b", label="Also, from many classes:\\l{rows}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_svg(dot: str) -> str:
    """The SVG Graphviz's ``dot`` draws from ``dot``, without its XML prolog and
    comments (they name the Graphviz version) so that it can be inlined."""
    exe = shutil.which("dot")
    if exe is None:
        raise InputError("Graphviz's dot is not installed (Debian: apt install graphviz)", "kg docs")
    res = subprocess.run([exe, "-Tsvg"], input=dot.encode("utf-8"), capture_output=True, timeout=120)
    if res.returncode != 0:
        raise InputError(f"dot failed: {res.stderr.decode('utf-8', 'replace').strip()}", "kg docs")
    svg = res.stdout.decode("utf-8")
    svg = re.sub(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", "", svg, flags=re.S)
    return svg.strip() + "\n"


def _in_language(onto: Graph, lang: str) -> Graph:
    """The ontology with, for each subject and property, only the literals in
    ``lang`` where there are some (pyLODE would print every language's label
    side by side)."""
    out = Graph()
    for prefix, ns in onto.namespaces():
        out.bind(prefix, ns)
    for s, p, o in onto:
        if isinstance(o, Literal) and o.language and o.language != lang:
            if any(isinstance(x, Literal) and x.language == lang for x in onto.objects(s, p)):
                continue
        out.add((s, p, o))
    return out


def _schemes(onto: Graph) -> list[URIRef]:
    return sorted(onto.subjects(RDF.type, SKOS.ConceptScheme))


def _without_schemes(onto: Graph) -> Graph:
    """The OWL part: pyLODE 3 documents classes and properties, and would take
    the schemes' titles for the ontology's."""
    skip = set(_schemes(onto)) | set(onto.subjects(SKOS.inScheme, None))
    out = Graph()
    for prefix, ns in onto.namespaces():
        out.bind(prefix, ns)
    for t in onto:
        if t[0] not in skip:
            out.add(t)
    return out


def _text(onto: Graph, s, p) -> str:
    return " ".join(sorted(str(o) for o in onto.objects(s, p)))


def _vocabularies(onto: Graph, lang: str):
    """The SKOS schemes as HTML: per scheme, its definition and a table of its
    concepts (notation, label, definition, and the partnership levels' order)."""
    from dominate.tags import a, code, div, h2, h3, p, table, tbody, td, th, thead, tr

    w = WORDS[lang]
    rank, higher = URIRef(DIP + "rank"), URIRef(DIP + "higherThan")
    sec = div(id="vocabularies", _class="section")
    with sec:
        h2(w["schemes"])
        for scheme in _schemes(onto):
            frag = str(scheme).rsplit("#", 1)[-1]
            concepts = sorted(onto.subjects(SKOS.inScheme, scheme),
                              key=lambda c: (-int(onto.value(c, rank) or 0), str(onto.value(c, SKOS.notation))))
            ordered = any(onto.value(c, rank) is not None for c in concepts)
            with div(_class="entity", id=frag):
                h3(_text(onto, scheme, SKOS.prefLabel), " ", code(_name(scheme)))
                p(_text(onto, scheme, SKOS.definition))
                with table():
                    with thead():
                        with tr():
                            th(w["notation"])
                            th(w["label"])
                            th(w["definition"])
                            if ordered:
                                th(w["rank"])
                                th(w["higher"])
                    with tbody():
                        for c in concepts:
                            with tr(id=str(c).rsplit("#", 1)[-1]):
                                td(code(_text(onto, c, SKOS.notation)))
                                td(_text(onto, c, SKOS.prefLabel))
                                td(_text(onto, c, SKOS.definition))
                                if ordered:
                                    td(str(onto.value(c, rank) or ""))
                                    td(*[a(str(onto.value(h, SKOS.notation)), href="#" + str(h).rsplit("#", 1)[-1])
                                         for h in sorted(onto.objects(c, higher))])
    return sec


def _page_class():
    from dominate.tags import a, div, h2, h4, li, p, style
    from dominate.util import raw
    from pylode import OntPub

    class OntologyPage(OntPub):
        """pyLODE's page plus the class diagram and the SKOS schemes."""

        def __init__(self, onto: Graph, full: Graph, shapes: Graph, lang: str):
            self.full, self.shapes, self.lang = full, shapes, lang
            self.anchors, self.svg = {}, None
            super().__init__(_without_schemes(onto), sort_subjects=True)

        def _make_main_sections(self):
            super()._make_main_sections()
            w = WORDS[self.lang]
            # the diagram's boxes link to the anchors pyLODE just gave the classes
            self.anchors = dict(self.fids)
            self.svg = render_svg(class_diagram(self.full, self.shapes, {i: "#" + f for i, f in self.anchors.items()}))
            # detached (no `with` context), then placed right after the metadata:
            # the shape of the ontology first, the definitions after
            diagram = div(h2(w["diagram"]), p(w["diagram_note"]),
                          style(".diagram { overflow: auto; max-height: 80vh; border: 1px solid #ddd; }"),
                          div(raw(self.svg), _class="diagram"),
                          p(a(DIAGRAM_SVG, href=DIAGRAM_SVG), " · ", a(DIAGRAM_DOT, href=DIAGRAM_DOT)),
                          id="diagram", _class="section")
            self.content.children.insert(1, diagram)
            diagram.parent = self.content
            self.content.add(_vocabularies(_in_language(self.full, self.lang), self.lang))

        def _make_toc(self):
            super()._make_toc()
            w = WORDS[self.lang]
            first = self.doc.body.get("ul", **{"class": "first"})[0]
            first.add(li(h4(a(w["diagram"], href="#diagram"))))
            first.add(li(h4(a(w["schemes"], href="#vocabularies"))))
            first.add(li(h4(a(w["other"], href=w["other_page"]))))

    return OntologyPage


def _canonical_json_ld(html: str) -> str:
    """pyLODE embeds a schema.org description whose JSON-LD rdflib writes in
    hash order; sort it so that the page is the same from run to run."""
    def fix(m: re.Match) -> str:
        data = json.loads(m.group(2))
        if isinstance(data, list):
            data.sort(key=lambda n: json.dumps(n, sort_keys=True))
        return m.group(1) + "\n" + json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n\t" + m.group(3)
    return re.sub(r'(<script[^>]*type="application/ld\+json"[^>]*>)(.*?)(</script>)', fix, html, flags=re.S)


def documentation(onto_file: Path | None = None, shapes_file: Path | None = None) -> dict[str, bytes]:
    """The documentation's files, name -> bytes: the two pages, the diagram's
    DOT source and its SVG."""
    import logging

    onto_file = Path(onto_file or ontology_path())
    shapes_file = Path(shapes_file or shapes_path())
    full = load_graph([onto_file], "turtle")
    shapes = load_graph([shapes_file], "turtle")
    page = _page_class()
    root = logging.getLogger()
    level = root.level
    root.setLevel(max(level, logging.WARNING))      # pyLODE sets the root logger to INFO on import
    files = {}
    try:
        for lang, name in PAGES.items():
            doc = page(_in_language(full, lang), full, shapes, lang)
            html = doc.make_html()
            files[name] = _canonical_json_ld(html).encode("utf-8")
            if lang == "en":
                # the diagram on its own links to the English page's anchors
                # (pyLODE names a few after the label, so they differ in French)
                dot = class_diagram(full, shapes, {i: f"{name}#{f}" for i, f in doc.anchors.items()})
                files[DIAGRAM_DOT] = dot.encode("utf-8")
                files[DIAGRAM_SVG] = render_svg(dot).encode("utf-8")
    finally:
        root.setLevel(level)
    return files


def write_docs(out: Path | str = "docs/ontology", check: bool = False) -> DocsResult:
    """Write the documentation to ``out``; with ``check=True`` write nothing and
    raise :class:`~kg.errors.Stale` if ``out`` differs from what would be written.

    ``kg docs`` calls this; ``kg docs --check`` is how CI knows the committed
    pages are current with ``ontology/``.
    """
    from ..io.files import write_atomic

    out = Path(out)
    res = DocsResult(out, documentation())
    if check:
        stale = sorted(n for n, b in res.files.items() if not (out / n).is_file() or (out / n).read_bytes() != b)
        if stale:
            raise Stale(f"out of date: {', '.join(stale)}; run kg docs", str(out))
        return res
    for name, data in sorted(res.files.items()):
        write_atomic(out / name, data)
    res.written = True
    return res
