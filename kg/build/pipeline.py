"""``kg build``: seeds to a validated, canonical ``data/``.

>>> result = build("seeds", "data")                          # doctest: +SKIP
>>> sorted(result.files)                                    # doctest: +SKIP
['dipkg.trig', 'dipkg.ttl', 'void.ttl']
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from ..errors import InputError, NonConformance, Stale
from ..io.read import read_into
from ..graph.rdf import bind, dataset_from
from ..graph.ids import ONTOLOGY_IRI
from ..io.write import serialize
from ..io.terms import union_graph
from ..io.files import write_atomic
from ..resources import ontology_path

TRIG = "dipkg.trig"
TURTLE = "dipkg.ttl"
VOID_FILE = "void.ttl"


@dataclass
class BuildResult:
    files: dict[str, bytes] = field(default_factory=dict)
    articles: int = 0
    triples: int = 0
    report: object = None
    written: bool = False
    seconds: dict[str, float] = field(default_factory=dict)    # wall time of each stage


def files_in(folder, pattern: str, what: str) -> list[Path]:
    """The files of ``folder`` matching ``pattern``, sorted; an error naming
    the folder when it is missing or holds none."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"no such folder of {what}", str(folder))
    found = sorted(folder.glob(pattern))
    if not found:
        raise InputError(f"no {what[:-1] if what.endswith('s') else what} ({pattern}) in the folder", str(folder))
    return found


def articles_in(folder: Path) -> list[Path]:
    return files_in(folder, "*.txt", "articles")


def assemble(extractions) -> Dataset:
    """The dataset: one graph per source plus the ontology's graph."""
    ds = dataset_from(extractions)
    read_into(ds.graph(URIRef(ONTOLOGY_IRI)), [ontology_path()])
    bind(ds)
    return ds


def render(ds: Dataset) -> dict[str, bytes]:
    """Canonical bytes of ``data/``'s files: the dumps and their description."""
    from ..graph.void import describe

    union = union_graph(ds)
    bind(union)
    dumps = {TRIG: serialize(ds, "trig"), TURTLE: serialize(union, "ttl")}
    return {**dumps, VOID_FILE: describe(ds, dumps)}


def build(seeds="seeds", out="data", check: bool = False, date: str | None = None, jobs: int = 1) -> BuildResult:
    """Extract every article of ``seeds`` (in ``jobs`` worker processes, 0:
    one per CPU; same result), validate, and write ``out``.

    Nothing is written if validation fails (:class:`NonConformance`). With
    ``check=True`` nothing is written either; :class:`Stale` is raised when
    ``out`` differs from what would be written.
    """
    import time

    from ..extract import extract_files
    from ..validate.files import validate_graph

    arts = articles_in(Path(seeds))
    clock = [time.perf_counter()]
    seconds = {}

    def lap(stage: str) -> None:
        clock.append(time.perf_counter())
        seconds[stage] = clock[-1] - clock[-2]

    extractions = extract_files(arts, date, jobs=jobs)
    lap("extract")
    ds = assemble(extractions)
    data_only = Graph()
    for ctx in ds.graphs():
        if str(ctx.identifier) != ONTOLOGY_IRI:
            for t in ctx:
                data_only.add(t)
    lap("assemble")
    report = validate_graph(data_only)
    lap("validate")
    res = BuildResult(render(ds), len(arts), len(data_only), report, seconds=seconds)
    lap("serialize")
    if not report.conforms:
        raise NonConformance("the built graph does not conform; nothing written:\n" + report.text(), str(seeds))
    out = Path(out)
    if check:
        stale = [n for n, b in res.files.items() if not (out / n).exists() or (out / n).read_bytes() != b]
        if stale:
            raise Stale(f"out of date: {', '.join(stale)}; run kg build", str(out))
        return res
    for name, data in res.files.items():
        write_atomic(out / name, data)
    res.written = True
    return res
