"""--jobs: parallel extraction gives the bytes of the sequential one, and
the same error; synthetic articles are deterministic and readable."""
from __future__ import annotations

import shutil

from conftest import DATA, ROOT, SEEDS

ARTICLES = ROOT / "tests" / "articles"
SAMPLE = ["a02_hongrie_kazakhstan", "a10_kazakhstan_coree", "a45_azerbaidjan_serbie", "a72_uruguay_vietnam",
          "a05_cuba_vietnam"]


def sample_articles(folder):
    found = [next(ARTICLES.glob(f"{stem}*.txt")) for stem in SAMPLE]
    for p in found:
        shutil.copy(p, folder / p.name)
    return sorted(folder / p.name for p in found)


def test_extract_jobs_2_is_byte_identical(kg, tmp_path):
    arts = sample_articles(tmp_path) + sorted(SEEDS.glob("*.txt"))
    one, two = tmp_path / "one.trig", tmp_path / "two.trig"
    kg("extract", *arts, "--jobs", "1", "--out", one)
    kg("extract", *arts, "--jobs", "2", "--out", two)
    assert one.read_bytes() == two.read_bytes()
    assert one.read_bytes().count(b"/source/") >= len(arts)


def test_build_jobs_2_gives_data(kg, tmp_path):
    out = tmp_path / "data"
    kg("build", "--seeds", SEEDS, "--out", out, "--jobs", "2")
    for name in ("dipkg.trig", "dipkg.ttl", "void.ttl"):
        assert (out / name).read_bytes() == (DATA / name).read_bytes(), name


def _error_line(res) -> str:
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), res.stderr
    return lines[0]


def test_first_bad_article_in_order_is_the_error(kg, tmp_path):
    arts = sample_articles(tmp_path)
    bad = tmp_path / "a03_latin1.txt"           # sorts among the good ones
    bad.write_bytes("date 2024-01\n\nLe président français a rencontré son homologue à Hanoï.".encode("latin-1"))
    empty = tmp_path / "a04_recette.txt"        # after it: its error is not the one reported
    empty.write_text("date 2024-01\n\nFaire fondre le beurre et ajouter la farine.\n", encoding="utf-8")
    arts = sorted(arts + [bad, empty])
    out = tmp_path / "out.trig"
    errors = set()
    for jobs in ("1", "2"):
        res = kg("extract", *arts, "--jobs", jobs, "--out", out, ok=2)
        errors.add(_error_line(res))
        assert not out.exists()
    assert errors == {f"kg: error: {bad}: not valid UTF-8 (byte 19: 0xe9)"}

    empty_only = [p for p in arts if p != bad]
    res = kg("extract", *empty_only, "--jobs", "2", "--out", out, ok=2)
    assert _error_line(res) == f"kg: error: {empty}: no diplomatic fact found (no state, leader, visit or agreement)"
    assert not out.exists()


def test_build_with_a_bad_article_writes_nothing(kg, workdir):
    (workdir / "seeds" / "001_bad.txt").write_bytes(b"date 2024-01\n\nLe pr\xe9sident.\n")
    out = workdir / "data"
    res = kg("build", "--seeds", workdir / "seeds", "--out", out, "--jobs", "2", ok=2)
    assert _error_line(res) == f"kg: error: {workdir / 'seeds' / '001_bad.txt'}: not valid UTF-8 (byte 19: 0xe9)"
    assert not out.exists()


def test_jobs_must_not_be_negative(kg):
    res = kg("extract", "seeds/000_3643f0447ada7bd8.txt", "--jobs", "-1", ok=2)
    assert "--jobs" in res.stderr


def test_synthetic_articles_are_deterministic(tmp_path):
    from kg.synth.articles import write_articles

    a = write_articles(6, 11, tmp_path / "a")
    b = write_articles(6, 11, tmp_path / "b")
    c = write_articles(3, 11, tmp_path / "c")            # a prefix of the same seed's stream
    other = write_articles(6, 12, tmp_path / "d")
    assert [p.name for p in a] == [p.name for p in b]
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert [p.read_bytes() for p in c] == [p.read_bytes() for p in a[:3]]
    assert [p.read_bytes() for p in other] != [p.read_bytes() for p in a]
    for p in a:
        lines = p.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("date 20") and lines[1] == "" and lines[2]
        assert 800 < len(p.read_text(encoding="utf-8")) < 4000


def test_synthetic_articles_are_read(tmp_path):
    """Every article of a sample yields its visit, its leaders and its talks."""
    import json

    from kg.extract import extract_files
    from kg.graph.facts import Visit
    from kg.synth.articles import write_articles

    paths = write_articles(8, 5, tmp_path, gold=True)
    exs = extract_files(paths, jobs=2)
    for path, ex in zip(paths, exs):
        gold = json.loads(path.with_suffix("").with_suffix(".gold.json").read_text(encoding="utf-8"))
        visits = ex.of(Visit)
        assert visits, path.name
        want = gold["visits"][0]
        assert (visits[0].start, visits[0].end) == (want["start"], want["end"]), path.name
        assert sorted(ex.states) == [r["code"] for r in gold["states"]], path.name


def test_sentences_parsed_later_are_parsed_alike():
    """A sentence the rules were not expected to need is parsed when read,
    alone; its annotations are those it gets in a batch."""
    from kg.extract.nlp import sentences_many

    texts = [("date 2024-05\nLe président laotien a rencontré son homologue. Il pleut à Vientiane.", 12),
             ("La Première ministre doit signer un accord. Les deux pays ont élevé leurs relations.", 0)]

    def annotations(parsed):
        return [[(t.text, t.pos_, str(t.morph), t.dep_, t.head.i, t.lemma_) for t in s.doc] for ss in parsed for s in ss]

    now = sentences_many(texts)
    later = sentences_many(texts, likely=lambda text: False)
    assert all(s.parsed is None for ss in later for s in ss)
    assert annotations(later) == annotations(now)


def test_memoised_charsets_compile_the_same_program():
    import re
    from re import _compiler, _parser

    from kg.extract.nlp import _charset_memo

    letters = "a-zà-öø-ÿĀ-ſΑ-ωА-я"
    pattern = "(?iu)" + "|".join(f"(?:^{w}[-–][{letters}][{letters}'’-]*$)" for w in ("anti", "contre", "néo", "sur"))
    flags = re.compile(pattern).flags
    plain = _compiler._code(_parser.parse(pattern, flags), flags)
    with _charset_memo():
        memoised = _compiler._code(_parser.parse(pattern, flags), flags)
    assert memoised == plain
