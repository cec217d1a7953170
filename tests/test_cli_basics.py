"""Start-up and the command surface."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_help_imports_no_heavy_library():
    code = ("import sys\nfrom click.testing import CliRunner\nfrom kg.cli import main\n"
            "r = CliRunner().invoke(main, ['--help'])\nassert r.exit_code == 0, r.output\n"
            "heavy = [m for m in ('spacy', 'pyshacl', 'owlrl', 'fr_core_news_sm') if m in sys.modules]\n"
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_queries_lists_every_named_query(kg):
    res = kg("queries")
    names = [line.split()[0] for line in res.output.splitlines()]
    assert names == sorted(["states", "leaders", "visits", "talks", "partnership-changes", "agreements",
                            "targets", "honours", "commitments", "discussions", "timeline"])
    assert all(len(line.split(None, 1)) == 2 for line in res.output.splitlines())


def test_state_codes_are_taken_in_any_case(kg):
    upper = kg("query", "timeline", "--param", "a=KZ", "--param", "b=VN", "--format", "csv").output
    assert kg("query", "timeline", "--param", "a=kz", "--param", "b=Vn", "--format", "csv").output == upper
    assert len(upper.splitlines()) > 5
    res = kg("query", "timeline", "--param", "a=kaz", "--param", "b=vn", ok=2)
    assert res.output.strip() == "kg: error: --param a='kaz' is not an ISO 3166 alpha-2 state code"


def test_a_missing_article_is_refused_before_the_language_model_loads(tmp_path):
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "kg.cli", "extract", str(tmp_path / "missing.txt"),
                           "--out", str(tmp_path / "out.trig")], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and f"kg: error: {tmp_path / 'missing.txt'}: no such file" in proc.stderr
    assert "| spacy" not in proc.stderr        # spaCy never imported (-X importtime lists every import)


def test_commands_that_write_a_file_say_so(kg, tmp_path):
    for args, out in ((["extract", ROOT / "seeds" / "000_3643f0447ada7bd8.txt"], "a.trig"),
                      (["reason", "--data", ROOT / "data" / "dipkg.trig"], "r.trig"),
                      (["export", "--format", "nt", "--data", ROOT / "data" / "dipkg.trig"], "e.nt"),
                      (["timeline", "KZ", "VN"], "t.svg")):
        res = kg(*args, "--out", tmp_path / out)
        size = (tmp_path / out).stat().st_size
        assert res.output.strip() == f"wrote {tmp_path / out} ({size:,} bytes)", res.output


def test_a_sparql_typo_is_located_in_the_query(kg):
    res = kg("query", "--query", "SELECT ?s WHERE {\n  ?s ?p ?o FILTR(?o) }", ok=2)
    assert res.output.startswith("kg: error: --query:2:") and "SPARQL syntax error near " in res.output
    assert "FILTR" in res.output and len(res.output.strip().splitlines()) == 1
