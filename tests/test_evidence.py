"""Every evidence quote equals the source text at its offsets."""
from __future__ import annotations

from rdflib import RDF, Dataset, Namespace

from conftest import ROOT

OA = Namespace("http://www.w3.org/ns/oa#")


def test_quotes_match_source_text(built):
    ds = Dataset()
    ds.parse(built / "dipkg.trig", format="trig")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")}
    checked = 0
    g = ds.graph("https://w3id.org/dipkg/source/000_3643f0447ada7bd8") + \
        ds.graph("https://w3id.org/dipkg/source/003_8820da410098f49d")
    for anchor in set(g.subjects(OA.hasSelector, None)):
        quote, position = (next(s for s in g.objects(anchor, OA.hasSelector) if (s, RDF.type, kind) in g)
                           for kind in (OA.TextQuoteSelector, OA.TextPositionSelector))
        exact = str(g.value(quote, OA.exact))
        start, end = int(g.value(position, OA.start)), int(g.value(position, OA.end))
        stem = str(anchor).split("/anchor/")[1].split("/")[0]
        assert texts[stem][start:end] == exact, anchor
        checked += 1
    assert checked > 30
