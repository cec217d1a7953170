"""Every SHACL shape against its conforming and violating fixtures, as the
W3C SHACL test-suite manifest (tests/broken/shapes/manifest.ttl) says, through
`kg validate`: exit code, and each expected result with its message."""
from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from conftest import ROOT

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
FOLDER = ROOT / "tests" / "broken" / "shapes"
SHAPES = ROOT / "shapes" / "dipkg.shacl.ttl"


def entries():
    g = Graph().parse(FOLDER / "manifest.ttl", publicID=(FOLDER / "manifest.ttl").as_uri())
    out = []
    for man in g.subjects(RDF.type, MF.Manifest):
        for lst in g.objects(man, MF.entries):
            for e in Collection(g, lst):
                action = g.value(e, MF.action)
                data = g.value(action, SHT.dataGraph)
                result = g.value(e, MF.result)
                expected = []
                if not (isinstance(result, Literal) and result.toPython() is True):
                    for r in g.objects(result, SH.result):
                        expected.append({k: str(g.value(r, p)) if g.value(r, p) is not None else None
                                         for k, p in (("shape", SH.sourceShape), ("path", SH.resultPath),
                                                      ("focus", SH.focusNode), ("severity", SH.resultSeverity),
                                                      ("message", SH.resultMessage))})
                path = data.replace(FOLDER.as_uri() + "/", "") if isinstance(data, URIRef) else str(data)
                out.append((path, expected))
    return sorted(out)


ENTRIES = entries()


def test_every_shape_has_a_passing_and_a_failing_fixture():
    shapes = Graph().parse(SHAPES)
    names = {str(s).rsplit("#", 1)[-1] for s in shapes.subjects(RDF.type, SH.NodeShape)}
    # A fixture's folder names the node shape it exercises; the results name
    # the failing constraint's shape (a property shape of that node shape).
    valid = {p.split("/")[0] for p, exp in ENTRIES if not exp}
    invalid = {p.split("/")[0] for p, exp in ENTRIES if any(e["severity"].endswith("Violation") for e in exp)}
    assert names <= valid, f"shapes without a conforming fixture: {sorted(names - valid)}"
    assert names <= invalid, f"shapes without a violating fixture: {sorted(names - invalid)}"


@pytest.mark.parametrize("path,expected", ENTRIES, ids=[p for p, _ in ENTRIES])
def test_fixture(kg, path, expected):
    res = kg("validate", FOLDER / path, "--format", "json", ok=None)
    report = json.loads(res.output)
    violations = [e for e in expected if e["severity"].endswith("Violation")]
    assert res.exit_code == (1 if violations else 0), res.output
    for e in expected:
        assert any(r["shape"] == e["shape"] and r["message"] == e["message"]
                   and (e["focus"] is None or r["focus"] == e["focus"])
                   and (e["path"] is None or r["path"] == e["path"])
                   and r["severity"] == e["severity"].rsplit("#", 1)[-1]
                   for r in report["results"]), f"expected {e}\ngot {json.dumps(report['results'], indent=1)}"
    if not expected:
        assert report["conforms"] is True and not [r for r in report["results"] if r["severity"] == "Violation"]
