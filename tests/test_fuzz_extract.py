"""Property: whatever French-looking text `kg extract` is fed, it either
writes RDF that conforms to the shapes (exit 0) or prints one error line and
exits 2 with no output file; it never ends in a traceback.

The texts are random words from a diplomatic vocabulary, and the test
articles mangled: characters dropped, swapped and inserted, sentences
shuffled and cut, date lines broken. Each example runs the extractor and
pySHACL, so the example count is kept moderate."""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kg.io.read import load_dataset
from kg.io.terms import union_graph
from kg.validate.files import validate_graph

from conftest import ROOT
from test_errors import one_line_error

# slow: generated articles through the extractor
pytestmark = pytest.mark.slow

ARTICLES = sorted((ROOT / "tests" / "articles").glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8") for p in ARTICLES]
WORDS = sorted({w for t in TEXTS for w in t.split()} | {
    "président", "Premier", "ministre", "visite", "d'État", "officielle", "du", "au", "le", "la", "mai", "2025",
    "lundi", "Hanoï", "Astana", "Tokaïev", "To", "Lam", "homologue", "partenariat", "stratégique", "intégral",
    "signé", "mémorandum", "accord", "ordre", "décoré", "devrait", "doit", "rencontrer", "s'est", "entretenu",
    "avec", "est", "arrivé", "à", "Kazahkstan", "vietnamien", "kazakh", ",", ".", "«", "»", "\n\n"})
DATE_LINES = ["date 2025-05", "date 2025-05-06", "date 1999-12-31", "", "date 2025-13", "date 2025-02-30",
              "date 0000-01", "date 2025", "dAte 2025-01"]
NOISE = "éèàçôûïÉ’'«»—–-…\u00a0\u200b\t,.;:!?()0123456789 \n"


@st.composite
def mangled_articles(draw) -> str:
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    if draw(st.booleans()):     # a test article's body, mangled
        body = rnd.choice(TEXTS).split("\n", 2)[-1]
        sents = body.replace("\n", " \n").split(". ")
        rnd.shuffle(sents)
        body = ". ".join(sents[:rnd.randint(1, len(sents))])
        chars = list(body)
        for _ in range(rnd.randint(0, 40)):
            if not chars:
                break
            i = rnd.randrange(len(chars))
            op = rnd.random()
            if op < 0.4:
                del chars[i]
            elif op < 0.7:
                chars.insert(i, rnd.choice(NOISE))
            else:
                j = rnd.randrange(len(chars))
                chars[i], chars[j] = chars[j], chars[i]
        body = "".join(chars)
    else:                       # random words of the trade
        body = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(0, 80)))
    extra = draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
    head = draw(st.sampled_from(DATE_LINES))
    return f"{head}\n\n{body}{extra}"


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=mangled_articles())
def test_extract_conforms_or_fails_cleanly(kg, tmp_path, text):
    art, out = tmp_path / "fuzz.txt", tmp_path / "fuzz.trig"
    art.write_text(text, encoding="utf-8")
    out.unlink(missing_ok=True)
    res = kg("extract", art, "--out", out, ok=None)      # a traceback would raise here
    assert res.exit_code in (0, 2), res.output
    if res.exit_code == 2:
        assert "fuzz.txt" in one_line_error(res)
        assert not out.exists()
    else:
        report = validate_graph(union_graph(load_dataset([out])))
        assert report.conforms, report.text() + "\n--- input:\n" + text
