"""Dates a researcher can filter: one datatype (xsd:dateTime, in OWL 2's
datatype map) with the precision said apart (dip:datePrecision), so that a
SPARQL filter on dates drops no dated fact of the seeds, whatever precision
the text gives it. Run through `kg query --query` on data/, on both engines."""
from __future__ import annotations

import csv
import io

import pytest

from kg.io import load_dataset

from conftest import DATA

PREFIXES = """PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
DATED = "dip:startDate|dip:endDate|dip:date|dct:date|dip:instantDate"

# OWL 2 Structural Specification, section 4 (Datatype Maps): the datatypes a
# conforming reasoner must support (xsd:date, xsd:gYear, xsd:duration and
# rdf:langString are not among them)
OWL2_DATATYPE_MAP = {
    "http://www.w3.org/2002/07/owl#real", "http://www.w3.org/2002/07/owl#rational",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#PlainLiteral", "http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral",
    "http://www.w3.org/2000/01/rdf-schema#Literal",
} | {"http://www.w3.org/2001/XMLSchema#" + t for t in (
    "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int short byte "
    "unsignedLong unsignedInt unsignedShort unsignedByte double float string normalizedString token language "
    "Name NCName NMTOKEN boolean hexBinary base64Binary anyURI dateTime dateTimeStamp").split()}


def rows(kg, query: str, engine: str = "oxigraph") -> list[dict]:
    out = kg("query", "--query", PREFIXES + query, "--format", "csv", "--engine", engine).output
    return list(csv.DictReader(io.StringIO(out)))


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_date_filter_returns_every_dated_fact(kg, engine):
    every = {r["node"] for r in rows(kg, f"SELECT DISTINCT ?node WHERE {{ ?node {DATED} ?d }}", engine)}
    kept = {r["node"] for r in rows(kg, f"""SELECT DISTINCT ?node WHERE {{
        ?node {DATED} ?d . FILTER(?d >= "1000-01-01T00:00:00"^^xsd:dateTime) }}""", engine)}
    # the seeds date two visits, a relation description (a month), the opening of
    # flights (a month) and their two sources (months): at least these six
    assert len(every) >= 6 and kept == every


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_year_window_keeps_facts_of_every_precision(kg, engine):
    """2023 as a window: the relation the 2023 article describes "en août 2023"
    (a month) and the visit of 20-22 August (days) are in; the flights opened
    in October 2022 and the 2025 visit are out."""
    found = rows(kg, """SELECT ?node ?kind ?unit WHERE {
        ?node dip:startDate|dip:date ?d ; a ?kind ; dip:datePrecision ?unit .
        FILTER(?kind IN (dip:Visit, dip:RelationDescription, dip:FlightsOpening))
        FILTER(?d >= "2023-01-01T00:00:00"^^xsd:dateTime && ?d < "2024-01-01T00:00:00"^^xsd:dateTime) }""", engine)
    got = {(r["kind"].rsplit("#")[-1], r["unit"].rsplit("#")[-1]) for r in found}
    assert got == {("Visit", "unitDay"), ("RelationDescription", "unitMonth")}


def test_every_dated_node_says_its_precision_once(kg):
    missing = rows(kg, f"""SELECT DISTINCT ?node WHERE {{ ?node {DATED} ?d .
        FILTER NOT EXISTS {{ ?node dip:datePrecision ?p }} }}""")
    assert missing == []
    twice = rows(kg, """SELECT ?node WHERE { ?node dip:datePrecision ?p } GROUP BY ?node HAVING(COUNT(?p) > 1)""")
    assert twice == []


def test_every_literal_of_the_data_has_an_owl2_datatype():
    """What HermiT checks in tests/test_dl_reasoners.py, named here literal by literal."""
    outside = {}
    for s, p, o, _ in load_dataset([DATA / "dipkg.trig"]).quads():
        dt = getattr(o, "datatype", None)
        if dt is not None and str(dt) not in OWL2_DATATYPE_MAP:
            outside.setdefault(str(dt), f"{s} {p} {o!r}")
    assert outside == {}
