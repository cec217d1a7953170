"""Every evidence quote equals the source text at its offsets."""
from __future__ import annotations

from rdflib import Dataset, Namespace

from conftest import ROOT

OA = Namespace("http://www.w3.org/ns/oa#")


def test_quotes_match_source_text(built):
    ds = Dataset()
    ds.parse(built / "dipkg.trig", format="trig")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")}
    checked = 0
    g = ds.graph("https://w3id.org/dipkg/source/000_3643f0447ada7bd8") + \
        ds.graph("https://w3id.org/dipkg/source/003_8820da410098f49d")
    for sel in set(g.subjects(OA.exact, None)):
        exact = str(g.value(sel, OA.exact))
        start, end = int(g.value(sel, OA.start)), int(g.value(sel, OA.end))
        stem = str(sel).split("/anchor/")[1].split("/")[0]
        assert texts[stem][start:end] == exact, sel
        checked += 1
    assert checked > 30
