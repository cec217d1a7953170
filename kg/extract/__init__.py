"""Extraction: French articles to typed facts (:mod:`kg.graph.facts`).

>>> from kg.extract import extract_file        # doctest: +SKIP
>>> ex = extract_file("seeds/000_3643f0447ada7bd8.txt")
>>> sorted(ex.states)
['KZ', 'VN']
"""
from __future__ import annotations

from pathlib import Path

from ..errors import NothingExtracted
from ..graph.facts import Extraction
from .article import MAX_ARTICLE_BYTES, read_text, source_info


def extract_file(path, date: str | None = None, metadata: dict | None = None) -> Extraction:
    """Read one article. ``date`` (YYYY-MM[-DD]) is used when the text has no
    ``date`` line; ``metadata`` is the article's curated metadata, if any.
    Raises :class:`~kg.errors.NothingExtracted` when no fact is found."""
    from .rules import read_article

    path = Path(path)
    text = read_text(path, MAX_ARTICLE_BYTES)
    meta = metadata or {}
    src = source_info(path, text, date, meta)
    ex = read_article(src, meta.get("events"))
    if not ex.facts:
        raise NothingExtracted("no diplomatic fact found (no state, leader, visit or agreement)", str(path))
    return ex


def extract_files(paths, date: str | None = None, jobs: int = 1) -> list[Extraction]:
    """Read several articles; each folder's ``metadata.json`` applies to its
    files. The extractions are reconciled (:mod:`kg.extract.reconcile`): one
    name per person, one record per visit across the articles. ``jobs``
    worker processes read them (0: one per CPU); the result does not depend
    on it, nor does the error raised (that of the first failing article)."""
    for path in paths:      # a missing or unreadable article is reported before spaCy loads (seconds)
        read_text(Path(path), MAX_ARTICLE_BYTES)
    from .batch import extract_many
    from .reconcile import reconcile

    return reconcile(extract_many(paths, date, jobs))


__all__ = ["Extraction", "extract_file", "extract_files"]
