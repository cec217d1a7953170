"""The fast validator (shapes compiled to SPARQL on Oxigraph, kg/validate/engine.py)
gives pySHACL's report: the same results (focus, path, value, message,
severity, shape, file and line) and the same verdict.

Each engine runs in its own ``kg validate`` process: owlrl, once imported,
changes how rdflib judges some literals for the rest of a process, so two
engines in one process would not see the same rdflib.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.synth.data import write

ROOT = Path(__file__).resolve().parent.parent
SHACL = ROOT / "tests" / "shacl"
BROKEN = ROOT / "tests" / "broken" / "shapes"


def validate(*args: str, engine: str) -> tuple[int, dict, str]:
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "validate", *map(str, args), "--engine", engine,
                           "--format", "json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def same_report(*args) -> dict:
    code_fast, fast, err_fast = validate(*args, engine="oxigraph")
    code_ref, ref, _ = validate(*args, engine="pyshacl")
    assert "validated by pyshacl" not in err_fast.lower()    # the fast engine did the work
    # nothing printed past the report: the engine's threads once left pyoxigraph
    # objects to another thread's cycle collector, which printed a traceback
    assert "Traceback" not in err_fast and "RuntimeError" not in err_fast, err_fast
    key = lambda r: tuple(sorted(r.items()))             # noqa: E731
    assert sorted(map(key, fast["results"])) == sorted(map(key, ref["results"]))
    assert (code_fast, fast["conforms"], fast["clashes"]) == (code_ref, ref["conforms"], ref["clashes"])
    return fast


@pytest.mark.slow
def test_same_report_on_the_seeds_graph():
    report = same_report("data/dipkg.trig")
    assert report["conforms"]


@pytest.mark.slow
def test_same_report_on_a_fixture_of_each_shape():
    # the first violating fixture of each shape of tests/broken/shapes, in one
    # validation (each file its own graph). tests/test_shapes.py checks every
    # fixture against the manifest's expected results, written from pySHACL's
    # reports, with the default (fast) engine; all of them here would take
    # pySHACL minutes
    fixtures = [next(iter(sorted(d.glob("invalid-*.ttl")))) for d in sorted(BROKEN.iterdir())
                if d.is_dir() and any(d.glob("invalid-*.ttl"))]
    assert len(fixtures) >= 20
    report = same_report(*fixtures)
    assert len({r["shape"].split("#")[1].split("-")[0].split(" ")[0] for r in report["results"]}) >= 15


@pytest.mark.slow
def test_same_report_on_synthetic_data_with_defects(tmp_path):
    out = tmp_path / "synth.trig"
    result = write(out, visits=24, seed=5, violations=0.5)
    assert len(result.defects) >= 10
    report = same_report(out)
    assert not report["conforms"] and report["clashes"]
    focus = {r["focus"] for r in report["results"]}
    assert {d.focus for d in result.defects if d.kind not in ("disjoint-types",)} <= focus | {
        c.split(" ")[-1] for c in report["clashes"]}


def test_same_report_with_features_the_project_shapes_do_not_use():
    """Other paths and targets, node-level and logical constraints, literals
    a store keeps in another form, and pySHACL's own wording where a shape
    gives no message."""
    report = same_report(SHACL / "features.data.ttl", "--shapes", SHACL / "features.shapes.ttl",
                         "--only-given", "--no-vocab")
    messages = {r["message"] for r in report["results"]}
    # pySHACL's wording, with the prefixes the shapes declare (sh:declare)
    assert "Less than 1 values on ex:p3->[ sh:inversePath ex:servedBy ]" in messages
    values = {(r["focus"].rsplit("#")[-1], r["value"]) for r in report["results"]}
    assert ("p3", "-5") in values and ("p3", "07") not in values     # xsd:nonNegativeInteger as written
    assert ("l1", "(a blank node)") in values


@pytest.mark.parametrize("feature", ["sh:node", "sh:closed"])
def test_shapes_the_compiler_does_not_translate_go_to_the_reference_engine(tmp_path, feature):
    shapes = tmp_path / "shapes.ttl"
    body = ("sh:property [ sh:path ex:code ; sh:node ex:CodeShape ]" if feature == "sh:node"
            else "sh:closed true ; sh:ignoredProperties ( <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> )")
    shapes.write_text(f"""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/ns#> .
ex:S a sh:NodeShape ; sh:targetClass ex:Port ; {body} .
ex:CodeShape a sh:NodeShape ; sh:datatype <http://www.w3.org/2001/XMLSchema#integer> .""")
    data = tmp_path / "data.ttl"
    data.write_text('<https://example.org/ns#p> a <https://example.org/ns#Port> ; <https://example.org/ns#code> "x" .')
    code, report, err = validate(data, "--shapes", shapes, "--only-given", "--no-vocab", engine="oxigraph")
    # that shape alone, named with the feature; the others stay compiled
    assert f"validated by pyshacl-turbo: https://example.org/ns#S ({feature})" in err
    assert "CodeShape" not in err
    assert code == 1 and "https://example.org/ns#p" in {r["focus"] for r in report["results"]}
    _, ref, _ = validate(data, "--shapes", shapes, "--only-given", "--no-vocab", engine="pyshacl")
    assert ({(r["focus"], r["shape"]) for r in report["results"]}
            == {(r["focus"], r["shape"]) for r in ref["results"]})


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["oxigraph", "pyshacl"])
def test_deep_collections_are_read_by_both_engines(engine):
    # rdflib's recursive Turtle parser refused them ("nested too deeply"); every
    # command now reads Turtle with Oxigraph's, which does not recurse
    code, report, _ = validate(BROKEN.parent / "hostile" / "deep-nesting.ttl", engine=engine)
    assert code == 0 and report["conforms"]


def test_a_clash_across_the_default_graph_and_a_named_graph(tmp_path):
    # the fast engine copies the named graphs into the default graph when it
    # is empty, and into a new store when the data has a default graph: the
    # clash is found from both halves either way
    f = tmp_path / "split.trig"
    f.write_text("@prefix dip: <https://w3id.org/dipkg/ontology#> .\n"
                 "<https://example.org/x> a dip:State .\n"
                 "<https://example.org/g> { <https://example.org/x> a dip:Person . }\n", encoding="utf-8")
    report = same_report(f)
    assert any("example.org/x" in c for c in report["clashes"])


def test_datatype_judgement_does_not_depend_on_whether_owlrl_has_run(tmp_path):
    """owlrl's closure rebinds rdflib's literal conversions for the rest of a
    process ("19x"^^xsd:gYear is ill-typed ever after); the fast engine runs it
    in a thread beside the shapes' checks. Its sh:datatype results are the
    same before and after, as pySHACL's are in a fresh process (CI once
    failed on that race)."""
    import owlrl
    from rdflib import Graph, Literal
    from rdflib.namespace import XSD

    from kg.validate.engine import ill_typed
    from kg.validate.files import validate_files

    def gyear_results():
        report = validate_files([SHACL / "features.data.ttl"], shapes=[SHACL / "features.shapes.ttl"],
                                project=False, vocab=False)
        return sorted((r.focus, r.value) for r in report.results if "gYear" in r.message)

    # pySHACL, in a process of its own, finds "19x"^^xsd:gYear well typed
    before = gyear_results()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(Graph())      # what the clash check does
    assert Literal("19x", datatype=XSD.gYear, normalize=False).ill_typed      # rdflib's view has changed
    assert not ill_typed(Literal("19x", datatype=XSD.gYear, normalize=False))
    assert gyear_results() == before and before and all(value != "19x" for _, value in before)


@pytest.mark.parametrize("clause, named", [
    ("MINUS { $this ex:code 1 }", "use MINUS"),
    ("SERVICE <http://127.0.0.1:9/sparql> { $this ex:code ?c }", "use SERVICE (federated query)"),
    ("VALUES ?c { 1 }", "use VALUES"),
    ("BIND (ex:p AS $this)", "bind $this with AS"),
    ("{ SELECT ?c WHERE { ?s ex:code ?c } }", "have a subquery that does not return $this"),
])
@pytest.mark.parametrize("engine", ["oxigraph", "pyshacl"])
def test_sparql_the_specification_refuses_is_an_input_error(tmp_path, clause, named, engine):
    """SHACL 5.6.1: such a query is a failure, not a report; the error names the shape."""
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(f"""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/ns#> .
ex:S a sh:NodeShape ; sh:targetClass ex:Port ;
  sh:sparql [ sh:select \"\"\"PREFIX ex: <https://example.org/ns#>
    SELECT $this WHERE {{ $this a ex:Port . {clause} }}\"\"\" ] .""")
    data = tmp_path / "data.ttl"
    data.write_text('<https://example.org/ns#p> a <https://example.org/ns#Port> .')
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "validate", str(data), "--shapes", str(shapes),
                           "--only-given", "--no-vocab", "--engine", engine], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 2 and proc.stdout == "", proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    if engine == "oxigraph":        # ours names the shape and the rule; pySHACL's words are its own
        assert lines[0] == (f"kg: error: shape <https://example.org/ns#S>: a SHACL-SPARQL query must not {named} "
                            "(SHACL 5.6.1)"), lines[0]


def test_sh_conforms_is_false_with_any_result_whatever_its_severity(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/ns#> .
ex:S a sh:NodeShape ; sh:targetClass ex:Port ; sh:severity sh:Info ;
  sh:property [ sh:path ex:code ; sh:minCount 1 ; sh:severity sh:Info ] .""")
    data = tmp_path / "data.ttl"
    data.write_text('<https://example.org/ns#p> a <https://example.org/ns#Port> .')
    for engine in ("oxigraph", "pyshacl"):
        code, report, _ = validate(data, "--shapes", shapes, "--only-given", "--no-vocab", engine=engine)
        assert (code, report["conforms"], report["failed"]) == (0, False, False), engine
