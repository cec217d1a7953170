"""The W3C SHACL test suite (Core and SHACL-SPARQL), fetched and run.

The suite is not in the repository: it is taken from pySHACL's source
distribution on the package index (the version installed beside dipkg),
unpacked once into a cache outside the checkout, and read from there.

Each test is run through :func:`kg.validate.validate_files` exactly as
``kg validate DATA --shapes SHAPES --only-given --no-vocab --format turtle``
runs it, and the Turtle report is compared with the manifest's expected
report as the suite specifies: the ``sh:conforms`` flag, and the multiset of
results by focus node, path, value, source shape, source constraint component
and severity (messages are not compared). Blank nodes are compared by their
structure (their outgoing triples, recursively), in the report for the
report's and in the manifest for the expected ones. A test whose expected
result is ``sht:Failure`` passes when validation is refused as an input error.

Run as a script, it validates the whole suite with one engine in this one
process and prints one JSON object: test id -> {"outcome", "detail"}::

    python tests/w3c_shacl.py oxigraph
    python tests/w3c_shacl.py oxigraph tests/shacl/manifest      # the project's own fixtures
"""
from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import tarfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")


def cache_dir() -> Path:
    """Where fetched third-party suites are kept: outside the checkout."""
    base = os.environ.get("DIPKG_TEST_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "dipkg-tests")
    return Path(base)


def suite_dir() -> Path:
    """The unpacked ``sht_tests`` folder of pySHACL's sdist (fetched once)."""
    from importlib.metadata import version

    ver = version("pyshacl")
    root = cache_dir() / f"pyshacl-{ver}"
    target = root / "sht_tests"
    if (target / "manifest.ttl").exists():
        return target
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as lock:            # several pytest workers may ask at once
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (target / "manifest.ttl").exists():
            return target
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                        f"pyshacl=={ver}", "-d", str(root)], check=True, timeout=600)
        sdist = next(root.glob("pyshacl-*.tar.gz"))
        prefix = f"pyshacl-{ver}/test/resources/sht_tests/"
        tmp = root / "sht_tests.part"
        with tarfile.open(sdist) as tar:
            for m in tar.getmembers():
                if m.name.startswith(prefix) and m.isfile():
                    dest = tmp / m.name[len(prefix):]
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_bytes(tar.extractfile(m).read())
        tmp.rename(target)
    return target


@dataclass
class Case:
    id: str             # e.g. "core/property/equals-001"
    label: str
    data: Path
    shapes: Path
    manifest: Path
    failure: bool       # the expected result is sht:Failure


def cases(root: Path | None = None) -> list[Case]:
    """Every sht:Validate test reachable from the suite's top manifest."""
    root = (root or suite_dir()).resolve()
    out: list[Case] = []

    def walk(path: Path) -> None:
        g = Graph().parse(path, format="turtle", publicID=path.as_uri())
        for m in g.subjects(RDF.type, MF.Manifest):
            for inc in g.objects(m, MF.include):
                walk(Path(str(inc).removeprefix("file://")))
            for lst in g.objects(m, MF.entries):
                for entry in Collection(g, lst):
                    if (entry, RDF.type, SHT.Validate) not in g:
                        continue
                    action = g.value(entry, MF.action)
                    data = Path(str(g.value(action, SHT.dataGraph)).removeprefix("file://"))
                    shapes = Path(str(g.value(action, SHT.shapesGraph)).removeprefix("file://"))
                    out.append(Case(str(entry).removeprefix(root.as_uri() + "/"), str(g.value(entry, RDFS.label)),
                                    data, shapes, path, g.value(entry, MF.result) == SHT.Failure))

    walk(root / "manifest.ttl")
    return sorted(out, key=lambda c: c.id)


# -- comparing reports ----------------------------------------------------------------

def structure(g: Graph, term, depth: int = 0):
    """A term as a comparable value: IRIs and literals as written, blank nodes
    by their outgoing triples, four levels deep (rdf:type rdfs:Resource
    ignored). The depth bounds cycles, which engines copy into a report
    differently: as a cycle, or unrolled a few levels."""
    if isinstance(term, BNode):
        if depth >= 4:
            return ("_",)
        return ("_", tuple(sorted((str(p), repr(structure(g, o, depth + 1)))
                                  for p, o in g.predicate_objects(term)
                                  if not (p == RDF.type and o == RDFS.Resource))))
    if isinstance(term, Literal):       # "x"^^xsd:string is "x" (RDF 1.1)
        datatype = "" if term.datatype in (None, XSD.string) else str(term.datatype)
        return ("literal", str(term), datatype, (term.language or "").lower())
    return ("iri", str(term)) if term is not None else None


RESULT_KEYS = (SH.focusNode, SH.resultPath, SH.value, SH.sourceShape, SH.sourceConstraintComponent,
               SH.resultSeverity)


def results(g: Graph, report) -> Counter:
    """The report's results as a multiset of comparable tuples."""
    return Counter(tuple(structure(g, g.value(r, k)) for k in RESULT_KEYS) for r in g.objects(report, SH.result))


def compare(actual: Graph, expected: Graph, expected_node) -> str:
    """"" when ``actual`` (a report graph) matches the expected report, else why not."""
    reports = list(actual.subjects(RDF.type, SH.ValidationReport))
    if len(reports) != 1:
        return f"{len(reports)} sh:ValidationReport nodes"
    report = reports[0]
    want, got = expected.value(expected_node, SH.conforms), actual.value(report, SH.conforms)
    problems = []
    if got is None or bool(got.toPython()) != bool(want.toPython()):
        problems.append(f"sh:conforms {got} (expected {want})")
    a, e = results(actual, report), results(expected, expected_node)
    if a != e:
        missing, extra = e - a, a - e
        problems.append(f"{sum(missing.values())} missing, {sum(extra.values())} unexpected result(s)"
                        + (f"; missing e.g. {short(next(iter(missing)))}" if missing else "")
                        + (f"; unexpected e.g. {short(next(iter(extra)))}" if extra else ""))
    return "; ".join(problems)


def short(key) -> str:
    return str(tuple(k[1] if k and k[0] in ("iri", "literal") else k for k in key))[:400]


# -- running one engine ---------------------------------------------------------------

def run(case: Case, engine: str) -> tuple[str, str]:
    """(outcome, detail): outcome "pass" or "fail"."""
    from kg.errors import KgError
    from kg.validate.files import validate_files

    try:
        report = validate_files([case.data], shapes=[case.shapes], project=False, vocab=False, engine=engine)
    except KgError as err:
        return ("pass", f"refused: {err}") if case.failure else ("fail", f"refused: {err}")
    except Exception as err:        # noqa: BLE001 - a crash is a failed test, with its reason
        return "fail", f"crashed: {type(err).__name__}: {str(err)[:300]}"
    if case.failure:
        return "fail", "validated; the suite expects a failure"
    note = "; ".join(report.delegated)
    actual = Graph().parse(data=report.render("turtle"), format="turtle")
    expected = Graph().parse(case.manifest, format="turtle", publicID=case.manifest.as_uri())
    entry = URIRef(case.manifest.parent.as_uri() + "/" + case.id.rsplit("/", 1)[-1])
    why = compare(actual, expected, expected.value(entry, MF.result))
    return ("fail", why) if why else ("pass", f"delegated: {note}" if note else "")


def run_all(engine: str, root: Path | None = None) -> dict[str, dict]:
    out = {}
    for case in cases(root):
        outcome, detail = run(case, engine)
        out[case.id] = {"outcome": outcome, "detail": detail}
    return out


def run_engine(engine: str, root: Path | None = None) -> dict[str, dict]:
    """The whole suite (or the manifest under ``root``) with one engine, in a
    process of its own (owlrl, run by the clash check, changes how rdflib
    judges literals for the rest of a process); the W3C suite's outcomes are
    also kept in the cache for the summary line."""
    if root is None:
        suite_dir()
    proc = subprocess.run([sys.executable, __file__, engine, *([str(root)] if root else [])],
                          capture_output=True, text=True, timeout=900)
    if proc.returncode:
        raise RuntimeError(proc.stderr[-2000:])
    outcomes = json.loads(proc.stdout)
    if root is None:
        (cache_dir() / f"last-run-{engine}.json").write_text(proc.stdout)
    return outcomes


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore")
    json.dump(run_all(sys.argv[1], Path(sys.argv[2]) if len(sys.argv) > 2 else None), sys.stdout, indent=1,
              sort_keys=True)
