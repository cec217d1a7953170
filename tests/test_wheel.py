"""The built wheel carries ontology, shapes, queries and gazetteer: it works
outside the checkout."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT

# slow: builds and installs the wheel in a fresh environment
pytestmark = pytest.mark.slow


def test_wheel_works_outside_checkout(tmp_path, built):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(dist), str(ROOT)], check=True, capture_output=True)
    (wheel,) = dist.glob("dipkg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("kg/_data/ontology/dipkg.ttl", "kg/_data/shapes/dipkg.shacl.ttl",
                   "kg/queries/visits.rq", "kg/extract/gazetteer.json"):
        assert needed in names
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    away = tmp_path / "elsewhere"
    away.mkdir()
    env = dict(os.environ, PYTHONPATH=str(site))
    where = subprocess.run([sys.executable, "-c", "import kg; print(kg.__file__)"], cwd=away, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(site))
    run = lambda *a: subprocess.run([sys.executable, "-m", "kg.cli", *a], cwd=away, env=env,
                                    capture_output=True, text=True)
    res = run("query", "visits", "--data", str(built / "dipkg.trig"), "--format", "csv")
    assert res.returncode == 0, res.stderr
    assert "Kassym-Jomart Tokayev" in res.stdout
    res = run("validate", str(built / "dipkg.trig"))
    assert res.returncode == 0, res.stdout + res.stderr
    if shutil.which("dot"):     # Graphviz, for the diagram (tests/debian-packages.sh installs it)
        res = run("docs", "--out", str(away / "docs"))
        assert res.returncode == 0, res.stderr
        assert (away / "docs" / "index.html").read_bytes() == (ROOT / "docs" / "ontology" / "index.html").read_bytes()
