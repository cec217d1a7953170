"""Synthetic dipkg data for benchmarks and engine comparisons (``kg synth``).

:mod:`kg.synth.data` streams a synthetic dataset shaped like the built graph
(one named graph per synthetic source article, the ontology's vocabularies,
evidence anchors that match their source text), with deliberate defects on
request; :mod:`kg.synth.articles` writes synthetic French articles.
"""
