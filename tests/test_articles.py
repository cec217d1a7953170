"""Articles written for the tests (other states, leaders, levels, phrasing)
against their gold files, through `kg extract` and the named queries."""
from __future__ import annotations

import json

import pytest

from kg.evaluate import compare_gold, load_gold

from conftest import ROOT

ARTICLES = ROOT / "tests" / "articles"
GOLD = sorted(ARTICLES.glob("*.gold.json"))


def test_there_are_enough_articles():
    assert len(GOLD) >= 6


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.name.split(".")[0])
def test_article_matches_gold(kg, tmp_path, gold_path):
    gold = load_gold(gold_path)
    out = tmp_path / "article.trig"
    kg("extract", ARTICLES / gold["article"], "--out", out)
    diff = compare_gold(gold, [out])
    assert diff.ok, json.dumps({"missing": diff.missing, "unexpected": diff.unexpected}, ensure_ascii=False, indent=1)
    res = kg("validate", out)
    assert res.output.strip().endswith("Conforms.")
