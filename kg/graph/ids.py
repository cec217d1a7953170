"""Deterministic identifiers: the same content always gives the same IRI.

>>> slug("Kassym-Jomart Tokaïev")
'kassym-jomart-tokaiev'
>>> slug("Tô Lâm")
'to-lam'
"""
from __future__ import annotations

import re
import unicodedata

from rdflib import Namespace

DIP = Namespace("https://w3id.org/dipkg/ontology#")
ID = Namespace("https://w3id.org/dipkg/id/")
SRC = Namespace("https://w3id.org/dipkg/source/")
ONTOLOGY_IRI = "https://w3id.org/dipkg/ontology"

# Letters that NFKD does not decompose into ASCII.
_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                        "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                        "’": "'", "–": "-", "—": "-"})


def fold(text: str) -> str:
    """ASCII-fold: strip diacritics, keep case. ``fold("Orbán") == "Orban"``."""
    text = text.translate(_EXTRA)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def first_instant(iso: str) -> str:
    """The lexical xsd:dateTime of the first instant of an ISO date, year-month
    or year, with no time zone: how every date is written (its precision is
    said apart, by dip:datePrecision).

    >>> [first_instant(v) for v in ("2023", "2023-08", "2023-08-20")]
    ['2023-01-01T00:00:00', '2023-08-01T00:00:00', '2023-08-20T00:00:00']
    """
    if len(iso) not in (4, 7, 10):
        raise ValueError(f"not an ISO date, year-month or year: {iso!r}")
    return iso + "-01-01"[len(iso) - 4:] + "T00:00:00"


def text_key(text: str, words: int = 60) -> str:
    """An IRI segment for a text of any length: its slug cut at a word
    boundary within ``words`` characters, and 8 hex digits of a hash of the
    whole text, so that two texts that begin alike never share one.

    >>> text_key("renforcer la coopération politique et diplomatique, d'élargir leur collaboration en matière de défense")
    'renforcer-la-cooperation-politique-et-diplomatique-d-elargir-6745cec6'
    """
    import hashlib

    full = slug(text)
    cut = full if len(full) <= words else full[:words + 1].rsplit("-", 1)[0]
    return f"{cut}-{hashlib.sha256(full.encode()).hexdigest()[:8]}"


def span_key(start: str | None, end: str | None) -> str:
    """A date or date range as an IRI segment: ``2023-08-20--2023-08-22``."""
    if not start:
        return "undated"
    return start if not end or end == start else f"{start}--{end}"
