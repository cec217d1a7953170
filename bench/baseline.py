#!/usr/bin/env python
"""The plain-library baseline: each stage done with rdflib, pySHACL or owlrl
called as a user would, without dipkg's code (only its files: the ontology,
the shapes and the text of the named queries).

    python bench/baseline.py parse    DATA
    python bench/baseline.py validate DATA
    python bench/baseline.py reason   DATA
    python bench/baseline.py query    DATA NAME [--param K=V ...]
    python bench/baseline.py export   DATA OUT            (format from OUT's extension: .nq, .ttl, .trig, .nt)
    python bench/baseline.py load     DATA ENDPOINT       (a Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store)

DATA is any RDF file rdflib reads by extension (the bench uses N-Quads).
Prints one JSON line on stdout: what was done and the seconds spent inside
the script after imports (``inner_seconds``); the bench times the whole
process from outside.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

T0 = time.perf_counter()

from rdflib import Dataset, Graph, Literal  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "dipkg.ttl"
SHAPES = ROOT / "shapes" / "dipkg.shacl.ttl"
QUERIES = ROOT / "kg" / "queries"
ONTOLOGY_GRAPH = "https://w3id.org/dipkg/ontology"


def dataset(path: str) -> Dataset:
    ds = Dataset()
    ds.parse(path)                      # format guessed from the extension
    return ds


def data_and_ontology(path: str) -> Graph:
    """The union of the file's graphs with the ontology, as one rdflib Graph."""
    g = Graph()
    for s, p, o, _ in dataset(path).quads((None, None, None, None)):
        g.add((s, p, o))
    g.parse(ONTOLOGY)
    return g


def stage_parse(a) -> dict:
    ds = dataset(a.data)
    return {"quads": sum(1 for _ in ds.quads((None, None, None, None)))}


def stage_validate(a) -> dict:
    import pyshacl

    g = data_and_ontology(a.data)
    shapes = Graph().parse(SHAPES)
    conforms, report, _ = pyshacl.validate(g, shacl_graph=shapes, inference="none", advanced=True)
    from rdflib.namespace import SH, RDF
    return {"conforms": bool(conforms), "results": sum(1 for _ in report.subjects(RDF.type, SH.ValidationResult))}


def stage_reason(a) -> dict:
    import owlrl

    g = data_and_ontology(a.data)
    before = len(g)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return {"asserted": before, "after_closure": len(g)}


def stage_query(a) -> dict:
    text = (QUERIES / f"{a.name}.rq").read_text(encoding="utf-8")
    g = data_and_ontology(a.data)
    t = time.perf_counter()
    bindings = {}
    for kv in a.param:
        k, _, v = kv.partition("=")
        bindings[k] = Literal(v)
    rows = list(g.query(text, initBindings=bindings))
    return {"rows": len(rows), "query_seconds": round(time.perf_counter() - t, 3)}


def stage_export(a) -> dict:
    out = Path(a.out)
    fmt = {".nq": "nquads", ".trig": "trig", ".ttl": "turtle", ".nt": "nt"}[out.suffix]
    ds = dataset(a.data)
    if fmt in ("nquads", "trig"):
        ds.serialize(destination=str(out), format=fmt)
    else:
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        g.serialize(destination=str(out), format=fmt)
    return {"bytes": out.stat().st_size}


def stage_load(a) -> dict:
    """PUT each named graph of the file, and the ontology in its own graph,
    as N-Triples (no entailments: owlrl would not finish at the large sizes)."""
    ds = dataset(a.data)
    graphs = [(str(g.identifier), g) for g in ds.graphs() if len(g)
              and not str(g.identifier).startswith("urn:x-rdflib:")]
    graphs.append((ONTOLOGY_GRAPH, Graph().parse(ONTOLOGY)))
    triples = 0
    for iri, g in graphs:
        body = g.serialize(format="nt", encoding="utf-8")
        url = a.endpoint + "?" + urllib.parse.urlencode({"graph": iri})
        req = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"})
        urllib.request.urlopen(req, timeout=600).read()
        triples += len(g)
    return {"graphs": len(graphs), "triples": triples}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="stage", required=True)
    for name in ("parse", "validate", "reason"):
        sub.add_parser(name).add_argument("data")
    q = sub.add_parser("query")
    q.add_argument("data")
    q.add_argument("name")
    q.add_argument("--param", action="append", default=[])
    e = sub.add_parser("export")
    e.add_argument("data")
    e.add_argument("out")
    ld = sub.add_parser("load")
    ld.add_argument("data")
    ld.add_argument("endpoint")
    a = ap.parse_args(argv)
    t = time.perf_counter()
    info = globals()["stage_" + a.stage](a)
    info.update(stage=a.stage, inner_seconds=round(time.perf_counter() - t, 3),
                import_seconds=round(t - T0, 3))
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
