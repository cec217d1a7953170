"""Comparing extracted facts with a gold file, through the named queries.

A gold file (JSON) maps named queries to the rows a careful reader expects,
restricted to the columns it lists (see ``tests/articles/README.md``).
Columns ``topic`` and ``honour`` match when the gold text is contained in
the extracted one (accent- and case-insensitive); all others match exactly.

>>> diff = compare_gold(gold, "out.trig")                    # doctest: +SKIP
>>> diff.missing, diff.unexpected
({}, {})
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .extract.gazetteer import norm

FUZZY = {"topic", "honour"}
QUERIES = ["states", "leaders", "visits", "talks", "partnership-changes", "agreements", "targets", "honours"]


def _match(gold: dict, row: dict) -> bool:
    for k, v in gold.items():
        got = row.get(k, "")
        if k in FUZZY:
            if norm(v) not in norm(got):
                return False
        elif got != v:
            return False
    return True


@dataclass
class GoldDiff:
    missing: dict = field(default_factory=dict)       # query -> gold rows not found
    unexpected: dict = field(default_factory=dict)    # query -> extracted rows not in gold
    counts: dict = field(default_factory=dict)        # query -> (true positives, gold, extracted)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.unexpected


def load_gold(path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def compare_gold(gold: dict, data_paths, graph=None) -> GoldDiff:
    """Compare a gold dict with the named queries' rows over ``data_paths``."""
    from .query import knowledge_graph, query_text, run

    g = graph if graph is not None else knowledge_graph(data_paths)
    diff = GoldDiff()
    for q in QUERIES:
        if q not in gold:
            continue
        res = run(query_text(q), g, where=q)
        cols = sorted({k for r in gold[q] for k in r}) or [c for c in res.columns if c != "source"]
        rows = []
        for r in res.plain():
            d = dict(zip(res.columns, r))
            proj = {c: d.get(c, "") for c in cols}
            if proj not in rows:
                rows.append(proj)
        missing = [gr for gr in gold[q] if not any(_match(gr, r) for r in rows)]
        extra = [r for r in rows if not any(_match(gr, r) for gr in gold[q])]
        diff.counts[q] = (len(gold[q]) - len(missing), len(gold[q]), len(rows))
        if missing:
            diff.missing[q] = missing
        if extra:
            diff.unexpected[q] = extra
    return diff
