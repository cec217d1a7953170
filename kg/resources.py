"""Where the ontology, shapes and named queries live.

They are package data of an installed wheel (``kg/_data/``); in a source
checkout (editable install) they are read from the top-level folders, which
are their source of truth.
"""
from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent
_REPO = _PKG.parent


def _find(sub: str, name: str) -> Path:
    for base in (_PKG / "_data" / sub, _REPO / sub):
        if (base / name).is_file():
            return base / name
    raise FileNotFoundError(f"{sub}/{name} is neither packaged nor in a source checkout")


def ontology_path() -> Path:
    """The ontology's Turtle file (``ontology/dipkg.ttl``)."""
    return _find("ontology", "dipkg.ttl")


def context_path() -> Path:
    """The published JSON-LD context (``ontology/dipkg.context.jsonld``): the project's prefixes."""
    return _find("ontology", "dipkg.context.jsonld")


def shapes_path() -> Path:
    """The SHACL shapes' Turtle file (``shapes/dipkg.shacl.ttl``)."""
    return _find("shapes", "dipkg.shacl.ttl")


def queries_dir() -> Path:
    """The folder of named queries (``kg/queries/*.rq``)."""
    return _PKG / "queries"


def gazetteer_path() -> Path:
    """The curated gazetteer of states, people, places and honours."""
    return _PKG / "extract" / "gazetteer.json"


# the graph the commands read when no --data is given (kg build writes it)
DEFAULT_DATA = Path("data") / "dipkg.trig"
