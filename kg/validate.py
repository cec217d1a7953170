"""Validation: data against the SHACL shapes and the ontology.

The data is validated together with the ontology (so that shapes can read
level ranks and vocabularies); the OWL 2 RL closure is checked for clashes.
Each result names the file (and line, for line-based syntaxes) where its
focus node is written, so that a CI failure points at something to edit.

>>> report = validate_files(["data/dipkg.trig"])         # doctest: +SKIP
>>> report.conforms
True
>>> report = validate_files(["mine.ttl"], shapes=["my-shapes.ttl"], strict=True)   # doctest: +SKIP
>>> report.render("github")                                                          # doctest: +SKIP
'::error file=mine.ttl,line=12,title=...::...'
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from .errors import InputError
from .resources import ontology_path, shapes_path
from .rdfio import FORMATS, load_dataset, rdf_files, union_graph

INFERENCE = ("none", "rdfs", "owlrl")
REPORT_FORMATS = ("text", "turtle", "json", "junit", "github")
_LINE_SYNTAXES = {"turtle", "trig", "nt", "nquads"}


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
        for shape, rs in self.by_shape().items():
            lines.append(f"{shape}: {len(rs)} result(s)")
            for r in rs:
                lines.append(f"  {r.severity}: {r.message}")
                lines.append(f"    focus: {r.focus}" + (f"  path: {r.path}" if r.path else "")
                             + (f"  value: {r.value}" if r.value else ""))
                if r.file:
                    lines.append(f"    at: {r.file}" + (f":{r.line}" if r.line else ""))
        for c in self.clashes:
            lines.append(f"Clash: {c}")
        n = len(self.results) + len(self.clashes)
        if not self.failed:
            lines.append("Conforms.")   # warnings and infos, if any, are listed above
        else:
            lines.append(f"Does not conform: {n} problem(s).")
        return "\n".join(lines)

    def json(self) -> str:
        return json.dumps({"conforms": not self.failed,
                           "results": [r.__dict__ for r in self.results],
                           "clashes": self.clashes}, indent=2, ensure_ascii=False)

    def turtle(self) -> str:
        return self.graph.serialize(format="turtle") if self.graph is not None else ""

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
            xml = f'    <testcase classname="dipkg.shapes" name={quoteattr(shape)}>'
            if failing:
                failures += 1
                xml += (f"\n      <failure message={quoteattr(f'{len(failing)} result(s): {failing[0].message}')}"
                        f" type={quoteattr(failing[0].severity)}>{escape(body)}</failure>")
            elif rs:
                xml += f"\n      <system-out>{escape(body)}</system-out>"
            cases.append(xml + ("\n    </testcase>" if rs else "</testcase>"))
        xml = '    <testcase classname="dipkg.reasoning" name="OWL 2 RL consistency">'
        if self.clashes:
            failures += 1
            xml += (f"\n      <failure message={quoteattr(self.clashes[0])} type=\"Clash\">"
                    f"{escape(chr(10).join(self.clashes))}</failure>\n    </testcase>")
        else:
            xml += "</testcase>"
        cases.append(xml)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<testsuites name="kg validate" tests="{len(cases)}" failures="{failures}" errors="0">\n'
                f'  <testsuite name="dipkg SHACL validation" tests="{len(cases)}" failures="{failures}" errors="0"'
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


def _short(node) -> str:
    return "" if node is None else str(node)


def validate_graph(data: Graph, check_clashes: bool = True, shapes: Graph | None = None,
                   ontology: Graph | None = None, inference: str = "none", strict: bool = False) -> Report:
    """Validate a graph of data (the ontology and shapes, the project's by
    default, are added here)."""
    import pyshacl

    ont = ontology if ontology is not None else Graph().parse(ontology_path())
    merged = Graph()
    for t in data:
        merged.add(t)
    for t in ont:
        merged.add(t)
    shapes = shapes if shapes is not None else Graph().parse(shapes_path())
    try:
        _, rgraph, _ = pyshacl.validate(merged, shacl_graph=shapes, inference=inference,
                                        advanced=True, allow_warnings=True)
    except Exception as err:    # pySHACL's errors on malformed shapes: ShapeLoadError, ConstraintLoadError, ...
        raise InputError(f"bad shapes: {' '.join(str(err).split())[:300]}", "shapes") from None
    results = []
    for r in rgraph.subjects(RDF.type, SH.ValidationResult):
        sev = rgraph.value(r, SH.resultSeverity)
        results.append(Result(
            focus=_short(rgraph.value(r, SH.focusNode)),
            path=_short(rgraph.value(r, SH.resultPath)),
            value=_short(rgraph.value(r, SH.value)),
            message=_short(rgraph.value(r, SH.resultMessage)),
            severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
            shape=_shape_name(shapes, rgraph.value(r, SH.sourceShape)),
        ))
    results.sort(key=lambda r: (r.shape, r.focus, r.path, r.message, r.value))
    clashes = []
    if check_clashes:
        from .reason import closure
        clashes = closure(merged).clashes
    violations = [r for r in results if r.severity == "Violation"]
    named = sorted({str(x) for t in (SH.NodeShape, SH.PropertyShape)
                    for x in shapes.subjects(RDF.type, t) if isinstance(x, URIRef)})
    return Report(conforms=not violations and not clashes, results=results, clashes=clashes, graph=rgraph,
                  shapes=named, strict=strict)


def _shape_name(shapes: Graph, shape) -> str:
    """A shape's IRI; for a blank property shape, its node shape and path
    (blank node labels change from run to run)."""
    if shape is None or isinstance(shape, URIRef):
        return _short(shape)
    parent = shapes.value(None, SH.property, shape)
    path = shapes.value(shape, SH.path)
    if parent is not None and isinstance(path, URIRef):
        return f"{_shape_name(shapes, parent)} property {path}"
    return "(a shape without an IRI)"


def _parse_all(paths, fmt: str | None = None) -> Graph:
    return union_graph(load_dataset([Path(p) for p in paths], fmt))


def validate_files(paths, shapes=(), ontologies=(), inference: str = "none", strict: bool = False,
                   project: bool = True, input_format: str | None = None) -> Report:
    """Validate RDF files or folders (any syntax; TriG's named graphs merged)
    against the project's shapes and ontology plus ``shapes`` and
    ``ontologies`` (only those when ``project`` is false). ``inference`` is
    pySHACL's ("none", "rdfs" or "owlrl"); ``strict`` makes warnings fail.
    Each result is located in the file that writes its focus node."""
    if inference not in INFERENCE:
        raise InputError(f"unknown inference {inference!r}; known: {', '.join(INFERENCE)}")
    files = rdf_files(paths)
    per_file = [(f, _parse_all([f], input_format)) for f in files]
    data = Graph()
    for _, g in per_file:
        data += g
    shape_g = _parse_all(([shapes_path()] if project else []) + list(shapes)) if shapes or not project else None
    if shape_g is not None and not len(shape_g):
        raise InputError("no shapes to validate against (give --shapes)")
    ont_g = _parse_all(([ontology_path()] if project else []) + list(ontologies)) if ontologies or not project else None
    report = validate_graph(data, shapes=shape_g, ontology=ont_g, inference=inference, strict=strict)
    lines: dict[Path, list[str]] = {}      # each file read once, however many results it holds
    report.results = [_locate(r, per_file, input_format, lines) for r in report.results]
    return report


def _locate(r: Result, per_file, input_format, lines: dict) -> Result:
    """The first file with a triple about the focus node (the path's own
    triple preferred), and the first line that writes the node there."""
    focus = URIRef(r.focus) if r.focus.startswith(("http:", "https:", "urn:", "file:")) else None
    if focus is None:
        return r
    path = URIRef(r.path) if r.path.startswith(("http:", "https:", "urn:")) else None
    hit = next((f for f, g in per_file if path is not None and (focus, path, None) in g), None) \
        or next((f for f, g in per_file if (focus, None, None) in g), None) \
        or next((f for f, g in per_file if (None, None, focus) in g), None)
    if hit is None:
        return r
    line = None
    if (input_format or FORMATS.get(hit.suffix.lower())) in _LINE_SYNTAXES:
        g = dict(per_file)[hit]
        tokens = [f"<{focus}>"]
        try:
            prefix, _, local = g.namespace_manager.compute_qname(str(focus), generate=False)
            tokens.append(f"{prefix}:{local}")
        except Exception:   # no prefix covers it
            pass
        pat = re.compile("|".join(re.escape(t) + r"(?![\w.:-]*[\w:-])" for t in tokens))
        if hit not in lines:
            lines[hit] = hit.read_text(encoding="utf-8").splitlines()
        for i, text in enumerate(lines[hit], 1):
            if pat.search(text):
                line = i
                break
    return replace(r, file=str(hit), line=line)
