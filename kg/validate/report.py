"""Validation reports: results, where they are written, and the formats a CI reads.

A :class:`Report` holds the results of the SHACL shapes, of the vocabulary
checks (:mod:`kg.validate.vocab`) and the clashes of the OWL 2 RL closure. Each
result names the file (and line, for line-based syntaxes) where its focus
node is written, so that a CI failure points at something to edit.

>>> r = Result(focus="https://example.org/a", path="", value="", message="no name",
...            severity="Violation", shape="https://example.org/shapes#S")
>>> print(Report(conforms=False, results=[r]).text())
https://example.org/shapes#S: 1 result(s)
  Violation: no name
    focus: https://example.org/a
Does not conform: 1 problem(s).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from ..io.formats import FORMATS

REPORT_FORMATS = ("text", "turtle", "json", "junit", "github")
_LINE_SYNTAXES = {"turtle", "trig", "nt", "nquads"}
# dipkg's own checks (kg.validate.vocab) are named by IRIs in this namespace, as shapes are
CHECKS = "https://w3id.org/dipkg/checks#"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def visible(text: str) -> str:
    r"""Text with its control characters escaped, so that what data says
    (a literal's line break) cannot forge a line of the report.

    >>> visible("x\r\nConforms.")
    'x\\r\\nConforms.'
    """
    return _CONTROL.sub(lambda m: {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


@dataclass(frozen=True)
class Result:
    focus: str
    path: str
    value: str
    message: str
    severity: str
    shape: str
    file: str = ""      # where the focus node is written
    line: int | None = None


@dataclass
class Report:
    conforms: bool
    results: list[Result] = field(default_factory=list)
    clashes: list[str] = field(default_factory=list)
    graph: Graph | None = None          # the W3C validation report graph
    shapes: list[str] = field(default_factory=list)     # every named shape checked
    strict: bool = False                # warnings and infos fail too
    reasoned: bool = True               # the OWL 2 RL closure was checked for clashes
    engine: str = ""                    # what validated: "oxigraph" (kg.validate.engine) or "pyshacl"
    fallback: str = ""                  # why pySHACL validated when the fast engine was asked for
    delegated: list[str] = field(default_factory=list)  # shapes the fast engine left to pyshacl-turbo, and why

    @property
    def shacl_conforms(self) -> bool:
        """``sh:conforms`` as SHACL defines it: no result of any severity (and no clash)."""
        return not self.results and not self.clashes

    @property
    def failed(self) -> bool:
        """True when the exit code is 1: violations or clashes (any result when strict)."""
        return not self.conforms or (self.strict and bool(self.results))

    def by_shape(self) -> dict[str, list[Result]]:
        out: dict[str, list[Result]] = {}
        for r in self.results:
            out.setdefault(r.shape, []).append(r)
        return out

    def render(self, fmt: str = "text") -> str:
        """The report in one of :data:`REPORT_FORMATS`."""
        return {"text": self.text, "turtle": self.turtle, "json": self.json,
                "junit": self.junit, "github": self.github}[fmt]()

    def text(self) -> str:
        """A readable report: results grouped by shape and counted, then a summary line."""
        lines = []
        v = visible
        for shape, rs in self.by_shape().items():
            lines.append(f"{v(shape)}: {len(rs)} result(s)")
            for r in rs:
                lines.append(f"  {r.severity}: {v(r.message)}")
                lines.append(f"    focus: {v(r.focus)}" + (f"  path: {v(r.path)}" if r.path else "")
                             + (f"  value: {v(r.value)}" if r.value else ""))
                if r.file:
                    lines.append(f"    at: {v(r.file)}" + (f":{r.line}" if r.line else ""))
        for c in self.clashes:
            lines.append(f"Clash: {v(c)}")
        n = len(self.results) + len(self.clashes)
        if not n:
            lines.append("Conforms.")
        elif not self.failed:
            # SHACL's sh:conforms is false with any result; the exit code's policy is the CLI's
            lines.append(f"No violation: {n} warning(s) or info(s) (sh:conforms false; exit 0 unless --strict).")
        else:
            lines.append(f"Does not conform: {n} problem(s).")
        return "\n".join(lines)

    def json(self) -> str:
        return json.dumps({"conforms": self.shacl_conforms, "failed": self.failed,
                           "results": [r.__dict__ for r in self.results],
                           "clashes": self.clashes}, indent=2, ensure_ascii=False)

    def turtle(self) -> str:
        """The W3C SHACL validation report (pySHACL's), with each vocabulary
        check's result added as an ``sh:ValidationResult`` whose
        ``sh:sourceShape`` and ``sh:sourceConstraintComponent`` are the check's IRI."""
        g = Graph()
        if self.graph is not None:
            g.namespace_manager = self.graph.namespace_manager
            g += self.graph
        g.bind("sh", SH)
        g.bind("check", CHECKS)
        report = next(g.subjects(RDF.type, SH.ValidationReport), None)
        if report is None:
            report = BNode()
            g.add((report, RDF.type, SH.ValidationReport))
        for r in self.results:
            if not r.shape.startswith(CHECKS):
                continue        # pySHACL's own results are in the graph already
            node = BNode()
            g.add((report, SH.result, node))
            g.add((node, RDF.type, SH.ValidationResult))
            g.add((node, SH.focusNode, _iri(r.focus) or Literal(r.focus)))
            if r.path:
                g.add((node, SH.resultPath, _iri(r.path) or Literal(r.path)))
            if r.value:
                g.add((node, SH.value, _iri(r.value) or Literal(r.value)))
            g.add((node, SH.resultMessage, Literal(r.message)))
            g.add((node, SH.resultSeverity, SH[r.severity]))
            g.add((node, SH.sourceShape, URIRef(r.shape)))
            g.add((node, SH.sourceConstraintComponent, URIRef(r.shape)))
        g.set((report, SH.conforms, Literal(self.shacl_conforms)))
        return g.serialize(format="turtle")

    def junit(self) -> str:
        """JUnit XML: one test case per shape (and one for the OWL 2 RL
        consistency check); a shape's violations (any result, when strict)
        are its failure, lesser results its system-out."""
        groups = self.by_shape()
        cases, failures = [], 0
        for shape in sorted(set(self.shapes) | set(groups)):
            rs = groups.get(shape, [])
            failing = [r for r in rs if r.severity == "Violation" or self.strict]
            body = "\n".join(f"{r.severity}: {r.message} (focus {r.focus}"
                             + (f", path {r.path}" if r.path else "") + (f", value {r.value}" if r.value else "")
                             + (f", at {r.file}" + (f":{r.line}" if r.line else "") if r.file else "") + ")"
                             for r in rs)
            kind = "dipkg.vocabulary" if shape.startswith(CHECKS) else "dipkg.shapes"
            xml = f'    <testcase classname="{kind}" name={quoteattr(shape)}>'
            if failing:
                failures += 1
                xml += (f"\n      <failure message={quoteattr(f'{len(failing)} result(s): {failing[0].message}')}"
                        f" type={quoteattr(failing[0].severity)}>{escape(body)}</failure>")
            elif rs:
                xml += f"\n      <system-out>{escape(body)}</system-out>"
            cases.append(xml + ("\n    </testcase>" if rs else "</testcase>"))
        if self.reasoned:
            xml = '    <testcase classname="dipkg.reasoning" name="OWL 2 RL consistency">'
            if self.clashes:
                failures += 1
                xml += (f"\n      <failure message={quoteattr(self.clashes[0])} type=\"Clash\">"
                        f"{escape(chr(10).join(self.clashes))}</failure>\n    </testcase>")
            else:
                xml += "</testcase>"
            cases.append(xml)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<testsuites name="dipkg" tests="{len(cases)}" failures="{failures}" errors="0">\n'
                f'  <testsuite name="dipkg validation" tests="{len(cases)}" failures="{failures}" errors="0"'
                ' skipped="0">\n' + "\n".join(cases) + "\n  </testsuite>\n</testsuites>")

    def github(self) -> str:
        """GitHub Actions workflow commands: one ``::error`` (``::warning``,
        ``::notice``) line per result, with its file and line."""
        level = {"Violation": "error", "Warning": "warning", "Info": "notice"}
        lines = []
        for r in self.results:
            props = []
            if r.file:
                props.append(f"file={_gh_prop(r.file)}")
                if r.line:
                    props.append(f"line={r.line}")
            props.append(f"title={_gh_prop(r.shape.rsplit('#', 1)[-1] or r.shape)}")
            msg = f"{r.message} (focus {r.focus}" + (f", path {r.path}" if r.path else "") + \
                (f", value {r.value}" if r.value else "") + ")"
            lvl = "error" if self.strict else level.get(r.severity, "error")
            lines.append(f"::{lvl} {','.join(props)}::{_gh_data(msg)}")
        for c in self.clashes:
            lines.append(f"::error title=OWL 2 RL clash::{_gh_data(c)}")
        return "\n".join(lines)


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def reference_results(engine, data: Graph, shapes: Graph, where: str = "shapes",
                      **options) -> tuple[Graph, list[Result]]:
    """Validate with a pySHACL-compatible ``engine`` module (pySHACL,
    pyshacl-turbo): the report graph and its top-level results (not the
    ``sh:detail`` nested in them), ``sh:conforms`` set as SHACL defines it.
    Shapes the engine cannot load, or that the specification says must be
    refused (a ``ValidationFailure``), are an :class:`~kg.errors.InputError`
    located at ``where``."""
    from ..errors import InputError

    try:
        outcome = engine.validate(data, shacl_graph=shapes, advanced=True, allow_warnings=True, allow_infos=True,
                                  **options)
    except Exception as err:    # their errors on malformed shapes: ShapeLoadError, ValueError, ...
        raise InputError(f"bad shapes: {' '.join(str(err).split())[:300]}", where) from None
    rgraph = outcome[1] if isinstance(outcome, tuple) else None
    if not isinstance(rgraph, Graph):
        failure = outcome[1] if isinstance(outcome, tuple) else outcome
        raise InputError(f"bad shapes: {' '.join(str(getattr(failure, 'message', failure)).split())[:300]}", where)
    report = next(rgraph.subjects(RDF.type, SH.ValidationReport))
    nodes = list(rgraph.objects(report, SH.result))
    rgraph.set((report, SH.conforms, Literal(not nodes)))
    results = []
    for r in nodes:
        sev = rgraph.value(r, SH.resultSeverity)
        messages = sorted(str(m) for m in rgraph.objects(r, SH.resultMessage))
        results.append(Result(focus=node_text(rgraph.value(r, SH.focusNode)),
                              path=path_text(rgraph, rgraph.value(r, SH.resultPath)),
                              value=node_text(rgraph.value(r, SH.value)), message=messages[0] if messages else "",
                              severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
                              shape=shape_name(shapes, rgraph.value(r, SH.sourceShape))))
    return rgraph, results


def shape_name(shapes: Graph, shape) -> str:
    """A shape's IRI; for a blank property shape, its node shape and path
    (blank node labels change from run to run)."""
    if shape is None or isinstance(shape, URIRef):
        return "" if shape is None else str(shape)
    parent = shapes.value(None, SH.property, shape)
    path = shapes.value(shape, SH.path)
    if parent is not None and path is not None and path_sparql(shapes, path) is not None:
        return f"{shape_name(shapes, parent)} property {path_text(shapes, path)}"
    return "(a shape without an IRI)"


def path_sparql(g: Graph, path) -> str | None:
    """A SHACL path in SPARQL property path syntax (None if it is not a SHACL path).

    >>> g = Graph().parse(data='[] <http://www.w3.org/ns/shacl#inversePath> <https://example.org/p> .', format="turtle")
    >>> path_sparql(g, next(g.subjects()))
    '(^<https://example.org/p>)'
    """
    from rdflib.collection import Collection

    if isinstance(path, URIRef):
        return path.n3()
    if path is None or isinstance(path, Literal):
        return None
    if (path, RDF.first, None) in g:
        parts = [path_sparql(g, p) for p in Collection(g, path)]
        return None if None in parts else "(" + "/".join(parts) + ")"
    for prop, fmt in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"), (SH.oneOrMorePath, "{}+"),
                      (SH.zeroOrOnePath, "{}?")):
        inner = g.value(path, prop)
        if inner is not None:
            text = path_sparql(g, inner)
            return None if text is None else "(" + fmt.format(text) + ")"
    alt = g.value(path, SH.alternativePath)
    if alt is not None:
        parts = [path_sparql(g, p) for p in Collection(g, alt)]
        return None if None in parts else "(" + "|".join(parts) + ")"
    return None


BLANK = "(a blank node)"     # a blank node's label changes from run to run: not shown


def node_text(node) -> str:
    """How a result's focus node or value is shown ("" for none)."""
    if node is None:
        return ""
    return BLANK if isinstance(node, BNode) else str(node)


def path_text(g: Graph, path) -> str:
    """How a result's path is shown: an IRI as itself, another path in SPARQL
    syntax (a blank node's label would change from run to run)."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return str(path)
    return path_sparql(g, path) or str(path)



class Locator:
    """Finds where a result's focus node is written among the parsed input
    files: the first file with a triple about it (the result path's own
    triple preferred), and there the first line writing the node (and, when
    the result has a path, the first line from there writing the path)."""

    def __init__(self, per_file: list[tuple[Path, Graph]], input_format: str | None = None):
        self.per_file = per_file
        self.input_format = input_format
        self._lines: dict[Path, list[str]] = {}     # each file read once, however many results it holds

    def __call__(self, r: Result) -> Result:
        focus = _iri(r.focus)
        if focus is None:
            return r
        path = _iri(r.path)
        hit = next((f for f, g in self.per_file if path is not None and (focus, path, None) in g), None) \
            or next((f for f, g in self.per_file if (focus, None, None) in g), None) \
            or next((f for f, g in self.per_file if (None, None, focus) in g), None) \
            or next((f for f, g in self.per_file if (None, focus, None) in g), None)
        if hit is None:
            return r
        line = None
        if (self.input_format or FORMATS.get(hit.suffix.lower())) in _LINE_SYNTAXES:
            g = dict(self.per_file)[hit]
            if hit not in self._lines:
                self._lines[hit] = hit.read_text(encoding="utf-8").splitlines()
            lines = self._lines[hit]
            line = _first_line(lines, _written(g, focus, lines), 0)
            if line and path is not None:
                line = _first_line(lines, _written(g, path, lines), line - 1) or line
        return replace(r, file=str(hit), line=line)


class StoreLocator:
    """:class:`Locator` for files read into an Oxigraph store
    (:func:`kg.io.store.load_store`): the file is found by asking the store for the
    focus node in each file's graphs, and the line through an index of the
    first line writing each IRI, built once per file (a scan per result
    would be quadratic at a million triples)."""

    _TOKEN = re.compile(r"<([^<>\s]*)>|(?<![\w:<\"'-])([A-Za-z][\w.-]*)?:([\w-](?:[\w.:-]*[\w:-])?)?")

    def __init__(self, loaded, input_format: str | None = None, files=None, then: Locator | None = None):
        self.loaded = loaded
        self.files = loaded.files if files is None else files      # the FileInfo searched, in order
        self.then = then            # for what these files do not write (the shapes files)
        self.input_format = input_format
        self._index: dict = {}

    def _has(self, info, s, p, o) -> bool:
        store = self.loaded.store
        return any(next(iter(store.quads_for_pattern(s, p, o, g)), None) is not None for g in info.graphs)

    def __call__(self, r: Result) -> Result:
        import pyoxigraph as ox

        focus = _iri(r.focus)
        if focus is None:
            return r
        f, p = ox.NamedNode(str(focus)), _iri(r.path)
        p = ox.NamedNode(str(p)) if p is not None else None
        files = self.files
        hit = next((i for i in files if p is not None and self._has(i, f, p, None)), None) \
            or next((i for i in files if self._has(i, f, None, None)), None) \
            or next((i for i in files if self._has(i, None, None, f)), None) \
            or next((i for i in files if self._has(i, None, f, None)), None)
        if hit is None:
            return self.then(r) if self.then is not None else r
        line = None
        if (self.input_format or hit.fmt) in _LINE_SYNTAXES:
            first, lines = self.index(hit)
            line = first.get(str(focus))
            if line and p is not None:
                pat = _written_with(hit.prefixes, URIRef(p.value))
                line = _first_line(lines, pat, line - 1) or line
        return replace(r, file=str(hit.path), line=line)

    def index(self, info):
        if info.path not in self._index:
            lines = info.path.read_text(encoding="utf-8").splitlines()
            first: dict[str, int] = {}
            prefixes = info.prefixes
            for n, text in enumerate(lines, 1):
                for m in self._TOKEN.finditer(text):
                    if m.group(1) is not None:
                        iri = m.group(1)
                    elif (m.group(2) or "") in prefixes:
                        iri = prefixes[m.group(2) or ""] + (m.group(3) or "")
                    else:
                        continue
                    first.setdefault(iri, n)
            self._index[info.path] = (first, lines)
        return self._index[info.path]


def _written_with(prefixes: dict, node: URIRef) -> re.Pattern:
    """How ``node`` can be written with these prefixes: ``<iri>`` or a prefixed name."""
    tokens = [f"<{node}>"] + [f"{pfx}:{str(node)[len(ns):]}" for pfx, ns in prefixes.items()
                              if str(node).startswith(ns) and re.fullmatch(r"[\w-]*", str(node)[len(ns):])]
    return re.compile("|".join(r"(?<![\w:-])" + re.escape(t) + r"(?![\w.:-]*[\w:-])" for t in tokens))


def _iri(s: str) -> URIRef | None:
    return URIRef(s) if s.startswith(("http:", "https:", "urn:", "file:")) else None


_PREFIX = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([\w.-]*):\s*<([^>]*)>", re.I)


def _written(g: Graph, node: URIRef, lines: list[str] = ()) -> re.Pattern:
    """How ``node`` can be written in ``g``'s file: ``<iri>`` or a prefixed
    name, with a prefix rdflib bound or one the file's ``lines`` declare
    (rdflib keeps one prefix per namespace: its own ``dcterms`` hides a file's ``dct``)."""
    prefixes = {str(p): str(ns) for p, ns in g.namespaces()}
    for text in lines:
        m = _PREFIX.match(text)
        if m:
            prefixes[m.group(1)] = m.group(2)
    return _written_with(prefixes, node)


def _first_line(lines: list[str], pat: re.Pattern, start: int) -> int | None:
    return next((i for i, text in enumerate(lines[start:], start + 1) if pat.search(text)), None)
