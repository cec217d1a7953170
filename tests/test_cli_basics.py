"""Start-up and the command surface."""
from __future__ import annotations

import subprocess
import sys


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
                            "targets", "honours", "timeline"])
    assert all(len(line.split(None, 1)) == 2 for line in res.output.splitlines())
