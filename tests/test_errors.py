"""Bad input: one line naming the input, exit 2, no partial output."""
from __future__ import annotations

import pytest


def one_line_error(res) -> str:
    lines = [l for l in res.output.splitlines() if l.strip()]
    assert len(lines) == 1, res.output
    assert lines[0].startswith("kg: error: ")
    return lines[0]


def test_extract_missing_file(kg, tmp_path):
    res = kg("extract", tmp_path / "nope.txt", ok=2)
    assert "nope.txt: no such file" in one_line_error(res)


def test_extract_wrong_encoding_writes_nothing(kg, tmp_path):
    art = tmp_path / "latin1.txt"
    art.write_bytes("date 2024-01\n\nLe président français a rencontré son homologue à Hanoï.".encode("latin-1"))
    out = tmp_path / "out.trig"
    res = kg("extract", art, "--out", out, ok=2)
    assert "latin1.txt: not valid UTF-8" in one_line_error(res)
    assert not out.exists()


def test_extract_nothing_to_extract(kg, tmp_path):
    art = tmp_path / "recette.txt"
    art.write_text("date 2024-01\n\nFaire fondre le beurre, ajouter la farine et remuer.\n", encoding="utf-8")
    res = kg("extract", art, ok=2)
    assert "recette.txt: no diplomatic fact found" in one_line_error(res)


def test_extract_bad_date_option(kg, tmp_path):
    art = tmp_path / "nodate.txt"
    art.write_text("Le président laotien Thongloun Sisoulith a rencontré le Premier ministre vietnamien "
                   "Pham Minh Chinh.\n", encoding="utf-8")
    res = kg("extract", art, "--date", "2024-13", ok=2)
    assert "--date: date '2024-13' is not a valid YYYY-MM or YYYY-MM-DD" in one_line_error(res)


@pytest.mark.parametrize("line", ["date 2025-13", "date 2025-02-30", "date 0000-01"])
def test_extract_impossible_date_line(kg, tmp_path, line):
    art = tmp_path / "baddate.txt"
    art.write_text(f"{line}\n\nLe président laotien a rencontré le Premier ministre vietnamien.\n", encoding="utf-8")
    res = kg("extract", art, ok=2)
    assert f"baddate.txt:1: date '{line[5:]}' is not a valid YYYY-MM or YYYY-MM-DD" in one_line_error(res)


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_bad_sparql(kg, built, fmt):
    res = kg("query", "--query", "SELECT ?x WHERE { ?x ", "--data", built / "dipkg.trig", "--format", fmt, ok=2)
    assert "--query:1:22: SPARQL syntax error at the end of the query: expected one of " in one_line_error(res)


def test_unknown_named_query(kg):
    res = kg("query", "nonsense", ok=2)
    assert "unknown named query 'nonsense'" in one_line_error(res)


def test_timeline_without_params(kg, built):
    res = kg("query", "timeline", "--data", built / "dipkg.trig", ok=2)
    assert "needs --param a=VALUE" in one_line_error(res)


def test_query_malformed_rdf(kg, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e \"unterminated .\n",
                   encoding="utf-8")
    res = kg("query", "states", "--data", bad, ok=2)
    assert f"{bad}:3" in one_line_error(res) or f"{bad}:" in one_line_error(res)
