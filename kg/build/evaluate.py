"""Scoring extraction against gold files, through the named queries.

A gold file (JSON, ``NAME.gold.json`` next to its article) maps named
queries to the rows a careful reader expects, restricted to the columns it
lists (format: ``tests/articles/README.md``, summarised in the README).
An optional ``planned`` object holds the rows expected with
``--param status=planned``. Columns ``topic``, ``honour``, ``discussed`` and
``description`` match when the gold text is contained in the extracted one
(accent- and case-insensitive);
all others match exactly, once the gold's persons and honours are read
through the gazetteer (a known variant counts as the canonical name). Rows are matched one to one (as multisets).

>>> report = evaluate_dir("tests/articles")                  # doctest: +SKIP
>>> round(report.scores["visits"].f1, 3)                     # doctest: +SKIP
0.995
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, NothingExtracted
from ..extract.gazetteer import norm

FUZZY = {"topic", "honour", "discussed", "description"}
QUERIES = ["states", "leaders", "visits", "talks", "partnership-changes", "agreements", "targets", "honours",
           "commitments", "discussions"]
PLANNED = ["visits", "talks", "partnership-changes", "agreements"]
# talks and meetings scored apart too (rows of `talks` by their kind), and
# the kinds whose F1 the macro-average takes (issue 23's: states, offices,
# visits, talks, meetings, changes, targets, honours)
SPLIT = {"talks/talks": ("talks", "talks"), "talks/meeting": ("talks", "meeting")}
MACRO = ["states", "leaders", "visits", "talks/talks", "talks/meeting", "partnership-changes", "targets", "honours"]
# The columns scored when a gold list is empty (no row to take them from).
COLUMNS = {"states": ["code"], "leaders": ["name", "role", "state"],
           "visits": ["guest", "guest_state", "host_state", "type", "start", "end", "invited_by"],
           "talks": ["kind", "a", "b"], "partnership-changes": ["state_a", "state_b", "from_level", "to_level"],
           "agreements": ["kind", "topic"], "targets": ["metric", "value", "unit", "horizon"],
           "honours": ["recipient", "honour", "conferred_by"],
           "commitments": ["by", "addressed_to", "areas", "description"], "discussions": ["kind", "a", "b", "discussed"]}


PERSON_COLUMNS = {"name", "guest", "invited_by", "a", "b", "recipient", "conferred_by"}


def _canonical(row: dict) -> dict:
    """A gold row as the graph names things: a known person's variant
    ("Kassym-Jomart Tokaïev") is their canonical name ("Kassym-Jomart
    Tokayev"), a known honour's French name its English label; talks' two
    persons in order again. Gold writers need not know the gazetteer."""
    from ..extract.gazetteer import Gazetteer

    g = Gazetteer.load()
    out = {}
    for k, v in row.items():
        if k in PERSON_COLUMNS and isinstance(v, str) and g.person(v):
            v = g.persons[g.person(v)]["name"]
        elif k == "honour" and isinstance(v, str) and g.honour(v):
            v = g.honours[g.honour(v)]["label_en"]
        out[k] = v
    if {"a", "b"} <= out.keys() and out["b"] < out["a"]:
        out["a"], out["b"] = out["b"], out["a"]
    return out


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
class Score:
    """True positives, gold rows and extracted rows of one fact kind."""
    tp: int = 0
    gold: int = 0
    found: int = 0

    def add(self, other: "Score") -> None:
        self.tp, self.gold, self.found = self.tp + other.tp, self.gold + other.gold, self.found + other.found

    @property
    def precision(self) -> float | None:
        return self.tp / self.found if self.found else (None if not self.gold else 0.0)

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else (None if not self.found else 0.0)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        return 2 * p * r / (p + r) if p and r else 0.0


@dataclass
class GoldDiff:
    missing: dict = field(default_factory=dict)       # kind -> gold rows not found
    unexpected: dict = field(default_factory=dict)    # kind -> extracted rows not in gold
    scores: dict = field(default_factory=dict)        # kind -> Score

    @property
    def ok(self) -> bool:
        return not self.missing and not self.unexpected


def load_gold(path) -> dict:
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read gold file: {err.__class__.__name__}", str(path)) from None
    except json.JSONDecodeError as err:
        raise InputError(f"not JSON: {err.msg}", f"{path}:{err.lineno}:{err.colno}") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("article"), str):
        raise InputError("a gold file is a JSON object with an 'article' file name", str(path))
    for k in QUERIES:
        if not isinstance(gold.get(k, []), list) or not all(isinstance(r, dict) for r in gold.get(k, [])):
            raise InputError(f"gold key {k!r} must be a list of objects", str(path))
    return gold


def _rows(store, name: str, cols: list[str], status: str | None) -> list[dict]:
    from ..query.engine import query_text, run_oxigraph

    res = run_oxigraph(query_text(name), store, {"status": status} if status else None, where=name)
    cols = cols or [c for c in res.columns if c not in {"source"}]
    rows = []
    for r in res.plain():
        d = dict(zip(res.columns, r))
        proj = {c: d.get(c, "") for c in cols}
        if proj not in rows:
            rows.append(proj)
    return rows


def _compare(gold_rows: list[dict], rows: list[dict]) -> tuple[list, list, Score]:
    free = list(rows)
    missing = []
    # Exact rows first, so a fuzzy gold row cannot take another's exact match.
    for gr in sorted(gold_rows, key=lambda r: any(k in FUZZY and v for k, v in r.items())):
        hit = next((r for r in free if _match(gr, r)), None)
        if hit is None:
            missing.append(gr)
        else:
            free.remove(hit)
    return missing, free, Score(len(gold_rows) - len(missing), len(gold_rows), len(rows))


def compare_gold(gold: dict, data_paths=None, graph=None) -> GoldDiff:
    """Compare a gold dict with the named queries' rows over ``data_paths``
    (or an already loaded knowledge ``graph``, rdflib), run on Oxigraph."""
    import pyoxigraph as ox

    from ..io.terms import to_oxigraph
    from ..query.store import knowledge_store

    if graph is not None:
        store, default = ox.Store(), ox.DefaultGraph()
        store.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), default) for s, p, o in graph)
    else:
        store = knowledge_store(data_paths)
    diff = GoldDiff()
    checks = [(q, q, None, gold[q]) for q in QUERIES if q in gold]
    planned = gold.get("planned") or {}
    checks += [(f"{q} (planned)", q, "planned", planned.get(q, [])) for q in PLANNED if q in gold]
    for kind, name, status, expected in checks:
        expected = [_canonical(r) for r in expected]
        cols = sorted({k for r in expected for k in r})
        if not cols:
            cols = sorted({k for r in gold.get(name, []) for k in r}) or COLUMNS[name]
        rows = _rows(store, name, cols, status)
        missing, extra, score = _compare(expected, rows)
        diff.scores[kind] = score
        for sub_kind, (of, value) in SPLIT.items():
            if kind == of and "kind" in cols:
                diff.scores[sub_kind] = _compare([r for r in expected if r.get("kind") == value],
                                                 [r for r in rows if r.get("kind") == value])[2]
        if missing:
            diff.missing[kind] = missing
        if extra:
            diff.unexpected[kind] = extra
    return diff


@dataclass
class EvalReport:
    """Scores per fact kind over a folder, and each article's differences."""
    articles: list[str] = field(default_factory=list)
    scores: dict = field(default_factory=dict)       # kind -> Score (summed over articles)
    diffs: dict = field(default_factory=dict)        # article -> GoldDiff

    def table(self, errors: bool = False) -> str:
        def fmt(x):
            return "    -" if x is None else f"{x:5.3f}"
        width = max(len(k) for k in self.scores) if self.scores else 4
        lines = [f"{len(self.articles)} article(s)", "",
                 f"{'kind'.ljust(width)}  gold  found    tp  precision  recall     F1"]
        for kind, s in self.scores.items():
            lines.append(f"{kind.ljust(width)}  {s.gold:4d}  {s.found:5d}  {s.tp:4d}      {fmt(s.precision)}"
                         f"   {fmt(s.recall)}  {fmt(s.f1)}")
        if self.macro is not None:
            lines += ["", f"macro F1 over {', '.join(k for k in MACRO if k in self.scores)}: {self.macro:.3f}"]
        if errors:
            for art, d in self.diffs.items():
                for label, part in (("missing", d.missing), ("unexpected", d.unexpected)):
                    for kind, rows in part.items():
                        for r in rows:
                            lines.append(f"{art}: {label} {kind}: {json.dumps(r, ensure_ascii=False)}")
        return "\n".join(lines) + "\n"

    @property
    def macro(self) -> float | None:
        """The mean F1 of the kinds in :data:`MACRO` that have gold or found rows."""
        f1 = [self.scores[k].f1 for k in MACRO if k in self.scores and self.scores[k].f1 is not None]
        return sum(f1) / len(f1) if f1 else None

    def json(self) -> str:
        def num(x):
            return None if x is None else round(x, 4)
        return json.dumps({
            "articles": self.articles,
            "scores": {k: {"gold": s.gold, "found": s.found, "tp": s.tp, "precision": num(s.precision),
                           "recall": num(s.recall), "f1": num(s.f1)} for k, s in self.scores.items()},
            "errors": {a: {"missing": d.missing, "unexpected": d.unexpected}
                       for a, d in self.diffs.items() if not d.ok},
            "macro_f1": num(self.macro),
        }, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def gold_files(folder) -> list[Path]:
    from .pipeline import files_in
    return files_in(folder, "*.gold.json", "annotated articles")


def evaluate_dir(folder) -> EvalReport:
    """Extract every article that has a gold file in ``folder`` and score
    the named queries' rows against the gold, per fact kind (micro-average)."""
    from .pipeline import assemble
    from ..extract import extract_files
    from ..io.terms import union_graph
    from ..reason.entail import closure

    report = EvalReport()
    for gp in gold_files(folder):
        gold = load_gold(gp)
        article = gp.parent / gold["article"]
        if not article.is_file():
            raise InputError(f"gold names article {gold['article']!r}, which is not in the folder", str(gp))
        try:
            ds = assemble(extract_files([article]))
        except NothingExtracted:        # scored as no rows found
            ds = assemble([])
        g = union_graph(ds)
        for t in closure(g).inferred:
            g.add(t)
        diff = compare_gold(gold, graph=g)
        report.articles.append(article.name)
        report.diffs[article.name] = diff
        for kind, s in diff.scores.items():
            report.scores.setdefault(kind, Score()).add(s)
    order = QUERIES[:4] + list(SPLIT) + QUERIES[4:] + [f"{q} (planned)" for q in PLANNED]
    report.scores = {k: report.scores[k] for k in order if k in report.scores}
    return report
