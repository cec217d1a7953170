"""Stage build: the whole flow, from articles to the files in ``data/``.

Takes a folder of articles (``seeds/``); gives the graph as TriG and Turtle,
validated, with its VoID description (:func:`build`, ``kg build``), the graph
in any syntax (:mod:`kg.build.export`, ``kg export``), and the extraction's
scores against gold files (:func:`evaluate_dir`, ``kg eval``).
"""
from .evaluate import compare_gold, evaluate_dir, load_gold
from .pipeline import BuildResult, build

__all__ = ["BuildResult", "build", "compare_gold", "evaluate_dir", "load_gold"]
