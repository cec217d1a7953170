"""Articles written for the tests (other states, leaders, levels, phrasing)
against their gold files, through `kg extract` and the named queries."""
from __future__ import annotations

import json

import pytest

from kg.build.evaluate import compare_gold, load_gold

from conftest import ROOT

# slow: each of the corpus's articles through kg extract, the named queries and kg validate
pytestmark = pytest.mark.slow

ARTICLES = ROOT / "tests" / "articles"
GOLD = sorted(ARTICLES.glob("*.gold.json"))


def test_there_are_enough_articles():
    assert len(GOLD) >= 20


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.name.split(".")[0])
def test_article_conforms_and_mostly_matches_gold(kg, tmp_path, gold_path):
    """Each article alone: its RDF conforms, and at least 80 % of its rows,
    all kinds together, are right both ways (the corpus-wide floors per
    kind are in test_eval)."""
    gold = load_gold(gold_path)
    out = tmp_path / "article.trig"
    kg("extract", ARTICLES / gold["article"], "--out", out)
    diff = compare_gold(gold, [out])
    tp = sum(s.tp for s in diff.scores.values())
    found = sum(s.found for s in diff.scores.values())
    expected = sum(s.gold for s in diff.scores.values())
    f1 = 2 * tp / (found + expected) if found + expected else 1.0
    assert f1 >= 0.8, json.dumps({"missing": diff.missing, "unexpected": diff.unexpected}, ensure_ascii=False, indent=1)
    res = kg("validate", out)       # exit 0: no violation (a warning may be listed)
    assert res.output.strip().splitlines()[-1].startswith(("Conforms.", "No violation:"))


def test_planned_meeting_is_not_in_talks(kg, tmp_path):
    """a23: the Polish minister "doit rencontrer" the Lithuanian prime minister."""
    out = tmp_path / "a23.trig"
    kg("extract", next(ARTICLES.glob("a23_*.txt")), "--out", out)
    happened = kg("query", "talks", "--data", out, "--format", "csv").output
    planned = kg("query", "talks", "--data", out, "--format", "csv", "--param", "status=planned").output
    assert "Inga Ruginienė" not in happened
    assert "Inga Ruginienė" in planned and "Radosław Sikorski" in planned
