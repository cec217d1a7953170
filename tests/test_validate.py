"""kg validate: exit codes and the readable report."""
from __future__ import annotations

import json

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
