"""`kg eval`: scores on the test corpus, the scoring itself, and bad input."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from kg.build.evaluate import MACRO, evaluate_dir

from conftest import ROOT, once_per_run
from test_errors import one_line_error

ARTICLES = ROOT / "tests" / "articles"

# Issue 3's bar: F1 per fact kind on articles the extractor was not written from.
FLOORS = {"states": 0.9, "leaders": 0.9, "visits": 0.9, "talks": 0.9, "partnership-changes": 0.9,
          "honours": 0.9, "agreements": 0.8}


@pytest.fixture(scope="session")
def corpus_report(tmp_path_factory):
    """``kg eval``'s report on the corpus, made once per run for every worker."""
    return once_per_run(tmp_path_factory, "corpus-report", lambda _: evaluate_dir(ARTICLES))


@pytest.mark.slow
def test_corpus_is_large_enough(corpus_report):
    assert len(corpus_report.articles) >= 20


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_corpus_f1_meets_the_floor(corpus_report, kind):
    s = corpus_report.scores[kind]
    assert s.gold > 0
    assert s.f1 >= FLOORS[kind], corpus_report.table(errors=True)


@pytest.mark.slow
def test_readme_shows_the_current_scores(corpus_report):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- eval:table -->\n```text\n(.*?)```", readme, re.S)
    assert block, "README lacks the eval table"
    assert block.group(1) == corpus_report.table(), "README's eval table is stale: paste `kg eval tests/articles`"


@pytest.fixture
def one_article(tmp_path):
    """a01 with its gold, in a folder of its own."""
    for name in ("a01_laos_vietnam.txt", "a01_laos_vietnam.gold.json"):
        shutil.copy(ARTICLES / name, tmp_path / name)
    return tmp_path


def test_eval_scores_talks_and_meetings_apart_and_their_macro(kg, one_article):
    """Issue 23's measure: talks and meetings scored apart, and the mean F1
    of its eight kinds on the last line and in the JSON; a known person's
    variant in the gold counts as the canonical name."""
    gold_path = one_article / "a01_laos_vietnam.gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    report = json.loads(kg("eval", one_article, "--format", "json").output)
    s = report["scores"]
    for kind, value in (("talks/talks", "talks"), ("talks/meeting", "meeting")):
        assert s[kind]["gold"] == sum(r["kind"] == value for r in gold["talks"])
    assert s["talks/talks"]["gold"] + s["talks/meeting"]["gold"] == s["talks"]["gold"]
    f1 = [s[k]["f1"] for k in MACRO if s.get(k, {}).get("f1") is not None]
    assert report["macro_f1"] == pytest.approx(sum(f1) / len(f1), abs=1e-4)
    assert kg("eval", one_article).output.rstrip().endswith(f"{report['macro_f1']:.3f}")


def test_eval_reads_gold_persons_through_the_gazetteer(kg, tmp_path):
    """A gold file that names a known person as the text spells him
    (« Kassym-Jomart Tokaïev ») scores as one naming him canonically."""
    for name in ("a02_hongrie_kazakhstan.txt", "a02_hongrie_kazakhstan.gold.json"):
        shutil.copy(ARTICLES / name, tmp_path / name)
    gold_path = tmp_path / "a02_hongrie_kazakhstan.gold.json"
    before = json.loads(kg("eval", tmp_path, "--format", "json").output)["scores"]
    text = gold_path.read_text(encoding="utf-8")
    assert "Kassym-Jomart Tokayev" in text
    gold_path.write_text(text.replace("Kassym-Jomart Tokayev", "Kassym-Jomart Tokaïev"), encoding="utf-8")
    after = json.loads(kg("eval", tmp_path, "--format", "json").output)["scores"]
    assert after == before and after["leaders"]["tp"] == after["leaders"]["gold"]


def test_eval_scores_a_wrong_gold_as_such(kg, one_article):
    gold_path = one_article / "a01_laos_vietnam.gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    gold["talks"].append({"kind": "talks", "a": "Bui Thanh Son", "b": "Sonexay Siphandone"})   # not in the text
    gold["leaders"] = gold["leaders"][1:]                                                  # one row forgotten
    gold_path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    res = kg("eval", one_article, "--format", "json")
    scores = json.loads(res.output)["scores"]
    assert scores["talks"] == {"gold": 3, "found": 2, "tp": 2, "precision": 1.0, "recall": 0.6667, "f1": 0.8}
    assert scores["leaders"]["gold"] == 5 and scores["leaders"]["found"] == 6
    assert scores["leaders"]["precision"] == round(5 / 6, 4) and scores["leaders"]["recall"] == 1.0
    table = kg("eval", one_article, "--errors").output
    assert re.search(r"^talks\s+3\s+2\s+2\s+1\.000\s+0\.667\s+0\.800$", table, re.M), table
    assert 'a01_laos_vietnam.txt: missing talks: {"kind": "talks", "a": "Bui Thanh Son"' in table
    assert "a01_laos_vietnam.txt: unexpected leaders:" in table


def test_eval_exits_zero_when_nothing_matches(kg, tmp_path):
    (tmp_path / "x.txt").write_text("date 2024-01\n\nFaire fondre le beurre et remuer.\n", encoding="utf-8")
    (tmp_path / "x.gold.json").write_text(json.dumps({"article": "x.txt", "visits": [
        {"guest": "A B", "guest_state": "FR", "host_state": "VN"}]}), encoding="utf-8")
    res = kg("eval", tmp_path, "--format", "json")
    assert json.loads(res.output)["scores"]["visits"] == {"gold": 1, "found": 0, "tp": 0, "precision": 0.0,
                                                          "recall": 0.0, "f1": 0.0}


@pytest.mark.parametrize("content, message", [
    ("{not json", "x.gold.json:1:2: not JSON: Expecting property name enclosed in double quotes"),
    ('{"visits": []}', "x.gold.json: a gold file is a JSON object with an 'article' file name"),
    ('{"article": "missing.txt"}', "x.gold.json: gold names article 'missing.txt', which is not in the folder"),
    ('{"article": "x.txt", "talks": {"a": 1}}', "x.gold.json: gold key 'talks' must be a list of objects"),
])
def test_eval_bad_gold_is_one_line_exit_2(kg, tmp_path, content, message):
    (tmp_path / "x.txt").write_text("date 2024-01\n\nRien.\n", encoding="utf-8")
    (tmp_path / "x.gold.json").write_text(content, encoding="utf-8")
    res = kg("eval", tmp_path, ok=2)
    assert one_line_error(res).endswith(message)


def test_eval_missing_folder(kg, tmp_path):
    res = kg("eval", tmp_path / "nope", ok=2)
    assert "nope: no such folder of annotated articles" in one_line_error(res)


def test_eval_folder_without_gold(kg, tmp_path):
    res = kg("eval", tmp_path, ok=2)
    assert "no annotated article (*.gold.json) in the folder" in one_line_error(res)


# heldout/ (a81-a90) was written by others after the last round of rule
# changes, and the rules were not changed for it: it measures the extractor on
# articles it has not seen. It does not meet the floors (leaders, visits, talks
# and honours fall short; README, "How far the rules carry"), so the check is
# an expected failure, strict: once it passes, this marker must go.
@pytest.mark.xfail(strict=True, reason="held-out F1 below the floors for leaders, visits, talks and honours "
                                       "(`kg eval tests/articles/heldout --errors`)")
@pytest.mark.slow
def test_heldout_f1_meets_the_floors():
    report = evaluate_dir(ARTICLES / "heldout")
    assert len(report.articles) == 10
    low = {k: round(report.scores[k].f1, 3) for k in FLOORS if report.scores[k].f1 < FLOORS[k]}
    assert not low, low


# Issue 23's rounds, each written by writers briefed with the phenomena and
# the gold conventions only (not the rules, not the code) and scored once at
# first sight before it became tuning data (README, "How far the rules
# carry"): fresh/ 0.579, round2/ 0.815, round3/ 0.807. Tuned since, they
# must not fall back. round4/ is the final round, never tuned on: 0.918 at
# first sight; it must meet issue 23's bar (0.85 macro, no kind under 0.75).
TUNED_ROUNDS = {"fresh": 0.95, "round2": 0.95, "round3": 0.93}


@pytest.mark.slow
@pytest.mark.parametrize("folder", sorted(TUNED_ROUNDS))
def test_issue_23_tuned_rounds_hold(folder):
    report = evaluate_dir(ARTICLES / folder)
    assert len(report.articles) == 40
    assert report.macro >= TUNED_ROUNDS[folder], report.table(errors=True)


@pytest.mark.slow
def test_the_final_round_meets_issue_23_bar():
    report = evaluate_dir(ARTICLES / "round4")
    assert len(report.articles) == 40
    f1 = {k: report.scores[k].f1 for k in MACRO}
    assert report.macro >= 0.85 and min(f1.values()) >= 0.75, report.table(errors=True)
