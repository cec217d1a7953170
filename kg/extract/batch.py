"""Extracting many articles: in chunks, each parsed as one spaCy stream,
and with ``jobs > 1`` in worker processes.

The result is the same whatever ``jobs`` is: spaCy's annotations of a
sentence do not depend on the other sentences of its batch, chunks come back
in input order, and an article's error is the one the sequential reading
would raise first (the earliest failing article in input order).

On Linux the workers are forked from the parent once it has loaded the
model and compiled the gazetteer's patterns: they start at once and share
those pages (spawned workers would each load the model again, seconds of
CPU). Elsewhere, where forking a process that has loaded native libraries
is not safe, they are spawned and load them in their initializer.

>>> exs = extract_many(["seeds/000_3643f0447ada7bd8.txt", "seeds/003_8820da410098f49d.txt"], jobs=2)  # doctest: +SKIP
>>> [ex.source.stem for ex in exs]                                                   # doctest: +SKIP
['000_3643f0447ada7bd8', '003_8820da410098f49d']
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import KgError, NothingExtracted
from .article import MAX_ARTICLE_BYTES, load_metadata, read_text, source_info

CHUNK = 8           # articles per task: enough sentences for nlp.pipe to batch, small enough to balance


@dataclass(frozen=True)
class Failure:
    """An error raised in a worker, carried back as data (an exception's
    pickle keeps only its message, not the input it names)."""
    kind: type
    message: str
    location: str | None

    def error(self) -> KgError:
        return self.kind(self.message, self.location)


def cpu_count() -> int:
    """The CPUs this process may run on (``--jobs 0``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:      # not on every platform
        return os.cpu_count() or 1


def extract_chunk(tasks: list[tuple[str, str | None, dict | None]]) -> list:
    """Read ``(path, date, metadata)`` tasks: each article's
    :class:`~kg.graph.facts.Extraction`, or a :class:`Failure` where it
    fails; nothing after the first failure (sequentially it would not be read)."""
    from .nlp import sentences_many
    from .rules import body_start, likely_parsed, read_article

    sources, failure = [], None
    for path, date, meta in tasks:
        try:
            text = read_text(Path(path), MAX_ARTICLE_BYTES)
            sources.append((path, source_info(Path(path), text, date, meta or {}), meta or {}))
        except KgError as err:
            failure = _failure(err)
            break
    # one spaCy stream for the chunk's sentences: nlp.pipe batches across articles
    parsed = sentences_many([(src.text, body_start(src.text)) for _, src, _ in sources], likely_parsed)
    out = []
    for (path, src, meta), sents in zip(sources, parsed):
        try:
            ex = read_article(src, meta.get("events"), sents=sents)
            if not ex.facts:
                raise NothingExtracted("no diplomatic fact found (no state, leader, visit or agreement)", path)
        except KgError as err:
            return out + [_failure(err)]
        out.append(ex)
    return out + ([failure] if failure else [])


def _failure(err: KgError) -> Failure:
    return Failure(type(err), err.message, err.location)


def _warm() -> None:
    """Load what every article needs, once per process."""
    from .nlp import pipeline
    from .rules import default_finder

    pipeline()
    default_finder()


def _init_worker() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl-C is the parent's to handle: it stops the pool
    _warm()


def extract_many(paths, date: str | None = None, jobs: int = 1) -> list:
    """The :class:`~kg.graph.facts.Extraction` of each article of
    ``paths``, in order (not yet reconciled); ``jobs`` worker processes
    (0: one per CPU). Raises the error of the first article, in input
    order, that fails."""
    tasks, late_error = [], None
    metas: dict = {}
    for p in map(Path, paths):
        try:
            if p.parent not in metas:
                metas[p.parent] = load_metadata(p.parent)
        except KgError as err:      # sequentially this is raised before any later article is read
            late_error = err
            break
        tasks.append((str(p), date, metas[p.parent].get(p.stem)))
    jobs = cpu_count() if jobs == 0 else max(1, jobs)
    chunks = _chunks(tasks, jobs)
    results = []
    if jobs == 1 or len(chunks) <= 1:
        for chunk in chunks:
            results += extract_chunk(chunk)
            if results and isinstance(results[-1], Failure):
                break
    else:
        results = _in_workers(chunks, jobs)
    for r in results:
        if isinstance(r, Failure):
            raise r.error()
    if late_error is not None:
        raise late_error
    return results


def _chunks(tasks: list, jobs: int) -> list[list]:
    """Tasks in chunks of at most :data:`CHUNK`, at least a few per worker."""
    if not tasks:
        return []
    size = max(1, min(CHUNK, -(-len(tasks) // (jobs * 4)))) if jobs > 1 else CHUNK
    return [tasks[i:i + size] for i in range(0, len(tasks), size)]


def _in_workers(chunks: list[list], jobs: int) -> list:
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    if sys.platform.startswith("linux"):
        _warm()         # before forking: the workers inherit the loaded model
        ctx = multiprocessing.get_context("fork")
    else:
        ctx = multiprocessing.get_context("spawn")
    results = []
    with ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=ctx, initializer=_init_worker) as pool:
        try:
            for part in pool.map(extract_chunk, chunks):
                results += part
                if part and isinstance(part[-1], Failure):
                    break       # in order: nothing after it matters
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return results
