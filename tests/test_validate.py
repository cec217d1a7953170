"""kg validate: exit codes and the readable report."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT


def test_built_data_conforms(kg, built):
    res = kg("validate", built / "dipkg.trig")
    assert res.output.strip().endswith("Conforms.")


def test_default_is_data_folder(kg):
    kg("validate")


def test_missing_file_is_exit_2(kg, tmp_path):
    res = kg("validate", tmp_path / "missing.ttl", ok=2)
    assert "missing.ttl: no such file" in res.output


def test_turtle_syntax_error_names_file_and_line(kg, tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix dip: <https://w3id.org/dipkg/ontology#> .\n\n<a> a dip:State ;\n  dip:isoCode \"KZ\" \n<b> a dip:State .\n",
                   encoding="utf-8")
    res = kg("validate", bad, ok=2)
    line = res.output.strip()
    assert line.startswith(f"kg: error: {bad}:") and "syntax error" in line


def test_json_and_turtle_reports(kg, built, tmp_path):
    res = kg("validate", built / "dipkg.trig", "--format", "json")
    assert json.loads(res.output)["conforms"] is True
    res = kg("validate", built / "dipkg.trig", "--format", "turtle")
    from rdflib import Graph, Literal
    from rdflib.namespace import SH
    g = Graph().parse(data=res.output, format="turtle")
    assert Literal(True) in set(g.objects(None, SH.conforms))


def test_clash_is_reported(kg, tmp_path):
    """A node that is both a person and a state contradicts the ontology's disjointness."""
    bad = tmp_path / "clash.ttl"
    bad.write_text((ROOT / "tests" / "fixtures" / "clash.ttl").read_text(encoding="utf-8"), encoding="utf-8")
    res = kg("validate", bad, ok=1)
    assert "Clash:" in res.output
    res = kg("reason", "--data", bad, ok=1)
    assert "clash" in res.output


# -- for other people's CI: severities, report formats, their own shapes -----------

import re  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

SHAPES_DIR = ROOT / "tests" / "shapes"
VIOLATION = SHAPES_DIR / "EncounterShape" / "invalid-meeting-three-participants.ttl"
WARNING = SHAPES_DIR / "EncounterShape" / "invalid-participant-holds-no-office.ttl"
# GitHub's workflow-command syntax: ::level key=value,key=value::message (values and message escaped)
GH_LINE = re.compile(r"^::(error|warning|notice)(?: (?:file|line|endLine|col|endColumn|title)=[^,:\r\n]*"
                     r"(?:,(?:file|line|endLine|col|endColumn|title)=[^,:\r\n]*)*)?::[^\r\n]+$")


def test_warnings_pass_unless_strict(kg):
    res = kg("validate", WARNING, ok=0)
    assert "Warning:" in res.output and res.output.strip().endswith("Conforms.")
    res = kg("validate", WARNING, "--strict", ok=1)
    assert res.output.strip().endswith("Does not conform: 1 problem(s).")


def test_report_groups_by_shape_and_locates_the_focus(kg):
    res = kg("validate", VIOLATION, ok=1)
    assert "#EncounterShape-twoParticipants: 1 result(s)" in res.output
    at = re.search(r"at: (.+):(\d+)$", res.output, flags=re.M)
    assert at and at.group(1) == str(VIOLATION)
    line = VIOLATION.read_text(encoding="utf-8").splitlines()[int(at.group(2)) - 1]
    assert line.startswith("<https://w3id.org/dipkg/id/meeting/")


def test_github_annotations(kg):
    lines = kg("validate", VIOLATION, "--format", "github", ok=1).output.strip().splitlines()
    lines += kg("validate", WARNING, "--format", "github", ok=0).output.strip().splitlines()
    assert len(lines) == 2 and all(GH_LINE.match(x) for x in lines), lines
    assert lines[0].startswith(f"::error file={VIOLATION},line=145,title=EncounterShape-twoParticipants::")
    assert lines[1].startswith(f"::warning file={WARNING},line=145,title=EncounterShape-participantHoldsOffice::")


def test_junit_has_one_case_per_shape(kg):
    res = kg("validate", VIOLATION, "--format", "junit", ok=1)
    root = ET.fromstring(res.output)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF, SH
    shapes = Graph().parse(ROOT / "shapes" / "dipkg.shacl.ttl")
    named = {str(s) for t in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, t)
             if isinstance(s, URIRef)}
    assert {c.get("name") for c in cases if c.get("classname") == "dipkg.shapes"} == named
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["https://w3id.org/dipkg/shapes#EncounterShape-twoParticipants"]
    assert suite.get("tests") == str(len(cases)) and suite.get("failures") == "1"


MY_SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/> .
ex:AnimalShape a sh:NodeShape ; sh:targetClass ex:Animal ;
    sh:property [ sh:path rdfs:label ; sh:minCount 1 ; sh:message "An animal needs a label." ] .
"""
MY_ONTOLOGY = """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/> .
ex:barks rdfs:domain ex:Animal .
"""


def test_own_shapes_ontology_and_inference(kg, tmp_path):
    (tmp_path / "shapes.ttl").write_text(MY_SHAPES, encoding="utf-8")
    (tmp_path / "ont.ttl").write_text(MY_ONTOLOGY, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "rex.ttl").write_text("<https://example.org/rex> <https://example.org/barks> true .\n", encoding="utf-8")
    (data / "tom.nt").write_text("<https://example.org/tom> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                                 "<https://example.org/Animal> .\n", encoding="utf-8")
    args = ("validate", data, "--shapes", tmp_path / "shapes.ttl", "--ontology", tmp_path / "ont.ttl")
    # without inference, only tom is an ex:Animal; with RDFS, rex (who barks) is one too
    res = kg(*args, ok=1)
    assert "An animal needs a label." in res.output and "https://example.org/rex" not in res.output
    assert f"at: {data / 'tom.nt'}:1" in res.output
    res = kg(*args, "--inference", "rdfs", "--only-given", ok=1)
    assert "https://example.org/rex" in res.output and f"at: {data / 'rex.ttl'}:1" in res.output
    # a shape without an IRI is named by its node shape and path, the same on every run
    assert "https://example.org/AnimalShape property http://www.w3.org/2000/01/rdf-schema#label: 2 result(s)" \
        in res.output


def test_input_format_overrides_the_extension(kg, tmp_path):
    f = tmp_path / "data.txt"
    f.write_text("<https://example.org/a> <https://example.org/p> \"x\" .\n", encoding="utf-8")
    res = kg("validate", f, ok=2)
    assert "unknown RDF format" in res.output
    kg("validate", f, "--input-format", "nt", ok=0)


def test_bad_shapes_are_exit_2(kg, tmp_path):
    data = tmp_path / "d.ttl"
    data.write_text("<https://example.org/a> a <https://example.org/Animal> .\n", encoding="utf-8")
    broken = tmp_path / "broken-shapes.ttl"
    broken.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<s> a sh:NodeShape ;\n", encoding="utf-8")
    res = kg("validate", data, "--shapes", broken, ok=2)
    assert res.output.startswith(f"kg: error: {broken}:") and len(res.output.strip().splitlines()) == 1
    bad = tmp_path / "bad-shapes.ttl"
    bad.write_text(MY_SHAPES.replace("sh:minCount 1", 'sh:minCount "one"'), encoding="utf-8")
    res = kg("validate", data, "--shapes", bad, ok=2)
    assert res.output.startswith("kg: error: shapes: bad shapes:") and len(res.output.strip().splitlines()) == 1


# -- broken and hostile input: tests/broken/expected.json ---------------------------

BROKEN = ROOT / "tests" / "broken"
EXPECTED = {k: v for k, v in json.loads((BROKEN / "expected.json").read_text(encoding="utf-8")).items()
            if not k.startswith("_")}


def test_every_broken_input_has_an_expectation():
    assert sorted(p.name for p in BROKEN.iterdir() if p.name != "expected.json") == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_input(name):
    """Each input in its own process, with a time limit: a clear one-line
    error (exit 2) or a correct result, never a hang or a traceback."""
    code, text = EXPECTED[name]
    res = subprocess.run([sys.executable, "-m", "kg.cli", "validate", name], cwd=BROKEN, capture_output=True,
                         text=True, timeout=120)
    out = res.stdout + res.stderr
    assert res.returncode == code, out
    assert text in out and "Traceback" not in out
    if code == 2:
        assert len(out.strip().splitlines()) == 1 and out.startswith("kg: error: "), out


@pytest.mark.parametrize("size, code, text", [
    (10_000_000, 0, "Conforms."),                                     # read, in bounded time
    (20_000_000, 2, "huge.nt: nt: a term too long to read"),         # over Oxigraph's 16 MB token cap
])
def test_huge_literal(tmp_path, size, code, text):
    f = tmp_path / "huge.nt"
    f.write_text('<https://example.org/a> <https://example.org/p> "' + "x" * size + '" .\n', encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "kg.cli", "validate", f.name], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == code and text in res.stdout + res.stderr and "Traceback" not in res.stderr


def test_line_based_syntaxes_read_as_rdflib_reads_them(tmp_path):
    """N-Triples and N-Quads go through Oxigraph's parser; the dataset is the
    one rdflib's own parsers give (graphs, language tags, datatypes)."""
    from rdflib import Dataset

    from kg.rdfio import load_dataset

    nq = tmp_path / "d.nq"
    nq.write_text('<https://example.org/a> <https://example.org/p> "x" .\n'
                  '<https://example.org/a> <https://example.org/p> "y"@fr <https://example.org/g> .\n'
                  '<https://example.org/a> <https://example.org/q> "1"^^<http://www.w3.org/2001/XMLSchema#integer>'
                  ' <https://example.org/g> .\n', encoding="utf-8")
    nt = tmp_path / "d.nt"
    nt.write_text('<https://example.org/a> <https://example.org/p> "z\\u00e9" .\n', encoding="utf-8")

    def quads(ds):
        return {(s, p, o, str(g)) for s, p, o, g in ds.quads((None, None, None, None))}

    ref = Dataset()
    ref.parse(nq, format="nquads")
    ref.graph(nt.resolve().as_uri()).parse(nt, format="nt")
    assert quads(load_dataset([nq, nt])) == quads(ref)
