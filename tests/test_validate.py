"""kg validate: exit codes and the readable report."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SH

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

SHAPES_DIR = ROOT / "tests" / "broken" / "shapes"
VIOLATION = SHAPES_DIR / "EncounterShape" / "invalid-meeting-three-participants.ttl"
WARNING = SHAPES_DIR / "EncounterShape" / "invalid-participant-holds-no-office.ttl"


def meeting_line(path) -> int:
    """The line writing the meeting's participants, the path of both results (read off the file)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, 1) if "dip:participant" in text and "pham-minh-chinh" in text)
# GitHub's workflow-command syntax: ::level key=value,key=value::message (values and message escaped)
GH_LINE = re.compile(r"^::(error|warning|notice)(?: (?:file|line|endLine|col|endColumn|title)=[^,:\r\n]*"
                     r"(?:,(?:file|line|endLine|col|endColumn|title)=[^,:\r\n]*)*)?::[^\r\n]+$")


def test_warnings_pass_unless_strict(kg):
    res = kg("validate", WARNING, ok=0)
    assert "Warning:" in res.output
    assert res.output.strip().endswith("No violation: 1 warning(s) or info(s) (sh:conforms false; exit 0 unless --strict).")
    report = json.loads(kg("validate", WARNING, "--format", "json", ok=0).output)
    assert (report["conforms"], report["failed"]) == (False, False)      # SHACL's verdict, and the CLI's
    turtle = Graph().parse(data=kg("validate", WARNING, "--format", "turtle", ok=0).output, format="turtle")
    assert (None, SH.conforms, Literal(False)) in turtle
    res = kg("validate", WARNING, "--strict", ok=1)
    assert res.output.strip().endswith("Does not conform: 1 problem(s).")


def test_report_groups_by_shape_and_locates_the_focus(kg):
    res = kg("validate", VIOLATION, ok=1)
    assert "#EncounterShape-twoParticipants: 1 result(s)" in res.output
    at = re.search(r"at: (.+):(\d+)$", res.output, flags=re.M)
    assert at and at.group(1) == str(VIOLATION)
    lines = VIOLATION.read_text(encoding="utf-8").splitlines()
    n = int(at.group(2))
    # the line writing the result's path, in the focus node's description
    assert lines[n - 1].lstrip().startswith("dip:participant ")
    focus_line = max(i for i, text in enumerate(lines[:n], 1) if text.startswith("<https://w3id.org/dipkg/id/meeting/"))
    assert all(text.startswith(" ") for text in lines[focus_line:n])


def test_github_annotations(kg):
    lines = kg("validate", VIOLATION, "--format", "github", ok=1).output.strip().splitlines()
    lines += kg("validate", WARNING, "--format", "github", ok=0).output.strip().splitlines()
    assert len(lines) == 2 and all(GH_LINE.match(x) for x in lines), lines
    assert lines[0].startswith(f"::error file={VIOLATION},line={meeting_line(VIOLATION)},"
                               "title=EncounterShape-twoParticipants::")
    assert lines[1].startswith(f"::warning file={WARNING},line={meeting_line(WARNING)},"
                               "title=EncounterShape-participantHoldsOffice::")


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
    checks = {c.get("name").rsplit("#", 1)[-1] for c in cases if c.get("classname") == "dipkg.vocabulary"}
    assert checks == {"UndefinedTerm", "IllTypedLiteral", "MissingLabel", "MissingDefinition"}
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["https://w3id.org/dipkg/shapes#EncounterShape-twoParticipants"]
    assert suite.get("tests") == str(len(cases)) and suite.get("failures") == "1"


JUNIT_XSD = ROOT / "tests" / "schemas" / "junit.xsd"


@pytest.mark.parametrize("args, code", [
    (("validate",), 0),
    (("validate", VIOLATION), 1),
    (("validate", "--strict", WARNING), 1),
    (("validate", ROOT / "tests" / "fixtures" / "clash.ttl"), 1),
    (("check", ROOT / "tests" / "broken" / "vocabulary" / "undefined-class.ttl"), 1),
    (("check",), 0),
], ids=["conforms", "violation", "strict-warning", "clash", "check-fails", "check-passes"])
def test_junit_is_valid_junit_xml(kg, args, code):
    """Every junit report validates against the JUnit XML schema in tests/schemas,
    and its failure count is the exit code's story."""
    import xmlschema

    schema = xmlschema.XMLSchema11(JUNIT_XSD)
    out = kg(*args, "--format", "junit", ok=code).output
    schema.validate(out)        # raises, naming the element, if not valid
    root = ET.fromstring(out)
    assert (root.get("failures") != "0") == bool(code)


def test_the_junit_schema_refuses_what_dashboards_refuse():
    """The schema is a real check: a case without a classname, a negative
    count, or markup inside a failure are refused."""
    import xmlschema

    schema = xmlschema.XMLSchema11(JUNIT_XSD)
    for bad in ('<testsuite name="s" tests="1"><testcase name="a"/></testsuite>',
                '<testsuites><testsuite name="s" tests="-1"/></testsuites>',
                '<testsuite name="s" tests="1"><testcase name="a" classname="c"><failure><b/></failure>'
                '</testcase></testsuite>'):
        assert not schema.is_valid(bad), bad
    assert schema.is_valid('<testsuite name="s" tests="1"><testcase name="a" classname="c">'
                           '<failure message="m" type="t">details</failure></testcase></testsuite>')


def test_check_results_are_github_annotations(kg):
    typo = ROOT / "tests" / "broken" / "vocabulary" / "undefined-class.ttl"
    lines = kg("check", typo, "--format", "github", ok=1).output.strip().splitlines()
    assert len(lines) == 1 and GH_LINE.match(lines[0]), lines
    assert lines[0].startswith(f"::error file={typo},line=4,title=UndefinedTerm::")


def test_check_turtle_report_is_a_shacl_report(kg):
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import SH

    typo = ROOT / "tests" / "broken" / "vocabulary" / "undefined-class.ttl"
    g = Graph().parse(data=kg("validate", typo, "--format", "turtle", ok=1).output, format="turtle")
    assert Literal(False) in set(g.objects(None, SH.conforms))
    result = next(g.subjects(SH.sourceShape, URIRef("https://w3id.org/dipkg/checks#UndefinedTerm")))
    assert g.value(result, SH.value) == URIRef("https://w3id.org/dipkg/ontology#Vist")
    assert g.value(result, SH.resultSeverity) == SH.Violation


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
    # checked against SHACL-SHACL before use, and located at the offending line
    assert res.output.startswith(f"kg: error: {bad}:5: bad shapes: https://example.org/AnimalShape "
                                 "http://www.w3.org/ns/shacl#minCount: Value is not Literal with datatype xsd:integer")
    assert len(res.output.strip().splitlines()) == 1
    kg("validate", data, "--shapes", bad, "--no-vocab", ok=2)   # pySHACL's own refusal, without the check


# -- broken and hostile input: tests/broken/expected.json ---------------------------

BROKEN = ROOT / "tests" / "broken"
EXPECTED = {k: v for k, v in json.loads((BROKEN / "expected.json").read_text(encoding="utf-8")).items()
            if not k.startswith("_")}


def command(case: str) -> list[str]:
    return EXPECTED[case].get("command") or ["validate", case]


def test_every_broken_input_has_an_expectation():
    """Each file (but the shape fixtures, which the manifest covers) is run by a case."""
    files = {p.relative_to(BROKEN).as_posix() for p in BROKEN.rglob("*")
             if p.is_file() and p.name != "expected.json" and p.relative_to(BROKEN).parts[0] != "shapes"}
    used = {arg for case in EXPECTED for arg in command(case)}
    assert files == files & used, f"files no case runs: {sorted(files - used)}"
    assert {c.split("#")[0] for c in EXPECTED} <= files


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_broken_input(case):
    """Each case in its own process, with a time limit: a clear one-line
    error (exit 2) or a correct result, never a hang or a traceback."""
    expected = EXPECTED[case]
    res = subprocess.run([sys.executable, "-m", "kg.cli", *command(case)], cwd=BROKEN, capture_output=True,
                         text=True, timeout=120)
    out = res.stdout + res.stderr
    assert res.returncode == expected["exit"], out
    assert expected["message"] in out and "Traceback" not in out
    if expected["exit"] == 2:
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

    from kg.io.read import load_dataset

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


# -- vocabulary checks: what they leave alone ----------------------------------------

def test_vocabulary_checks_know_an_ontology_by_its_iri(kg, tmp_path):
    """An ontology without vann: its namespace is its IRI + '#'. Terms it
    defines, resources the data describes, container members and IRIs of
    namespaces nobody covers are not flagged; a misspelt term is, with the
    closest one suggested."""
    ont = tmp_path / "trade.ttl"
    ont.write_text("""@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.org/trade> a owl:Ontology .
<https://example.org/trade#Tariff> a owl:Class ;
    rdfs:label "tariff"@en , "tarif"@fr ; skos:definition "A duty."@en , "Un droit."@fr .
""", encoding="utf-8")
    data = tmp_path / "data.ttl"
    data.write_text("""@prefix t: <https://example.org/trade#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
t:steel-2024 a t:Tariff ; rdf:_3 t:quota-1 ; <https://elsewhere.example/rate> "25" .
t:quota-1 <https://elsewhere.example/size> "100" .
t:cars a t:Tarif .
""", encoding="utf-8")
    res = kg("check", data, "--ontology", ont, ok=1)
    assert "UndefinedTerm: 1 result(s)" in res.output
    assert ("https://example.org/trade#Tarif is used as a class (1 time) but is not defined; "
            "did you mean https://example.org/trade#Tariff?") in res.output
    assert f"at: {data}:5" in res.output
    data.write_text(data.read_text(encoding="utf-8").replace("t:Tarif .", "t:Tariff ."), encoding="utf-8")
    assert kg("check", data, "--ontology", ont).output.strip() == "Conforms."


def test_the_project_passes_every_check(kg):
    """The built data, the ontology (labels and definitions in both
    languages) and the shapes (against SHACL-SHACL): no result at all."""
    assert kg("check").output.strip() == "Conforms."
