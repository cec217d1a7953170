"""kg docs: the ontology's HTML documentation, current with ontology/, with
every class on the page, looked at in a real browser."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from conftest import ROOT

DOCS = ROOT / "docs" / "ontology"
DIP = "https://w3id.org/dipkg/ontology#"
KG_SCRIPT = Path(sys.executable).parent / "kg"  # the installed console script
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NO_DOT = shutil.which("dot") is None
needs_dot = pytest.mark.skipif(NO_DOT, reason="Graphviz's dot is not installed (tests/debian-packages.sh installs it)")


def ontology_classes() -> dict[URIRef, dict[str, str]]:
    """Every named class of the ontology, with its labels by language."""
    onto = Graph().parse(ROOT / "ontology" / "dipkg.ttl")
    out = {}
    for c in onto.subjects(RDF.type, OWL.Class):
        if isinstance(c, URIRef) and c != OWL.Thing:
            out[c] = {lbl.language or "en": str(lbl) for lbl in onto.objects(c, RDFS.label)}
    return out


@needs_dot
def test_committed_docs_are_current_with_the_ontology(kg):
    res = kg("docs", "--check")
    assert res.output.strip() == ("docs/ontology/ is up to date: "
                                  "classes.dot, classes.svg, index.fr.html, index.html")


@needs_dot
@pytest.mark.slow
def test_a_stale_page_is_found_and_rewritten(kg, tmp_path):
    out = tmp_path / "docs"
    kg("docs", "--out", out)
    page = out / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Visit", "Visite", 1), encoding="utf-8")
    res = kg("docs", "--out", out, "--check", ok=1)
    assert res.output.strip() == f"kg: error: {out}: out of date: index.html; run kg docs"
    kg("docs", "--out", out)
    kg("docs", "--out", out, "--check")
    assert (out / "index.html").read_bytes() == (DOCS / "index.html").read_bytes()


@needs_dot
def test_the_pages_are_made_from_the_ontology(tmp_path):
    """A label edited in the ontology is what the page and the diagram show."""
    from kg.docs.ontology import documentation

    onto = Graph().parse(ROOT / "ontology" / "dipkg.ttl")
    visit = URIRef(DIP + "Visit")
    onto.remove((visit, RDFS.label, Literal("Visit", lang="en")))
    onto.add((visit, RDFS.label, Literal("Journey abroad", lang="en")))
    onto.add((URIRef(DIP + "Summit"), RDF.type, OWL.Class))
    onto.add((URIRef(DIP + "Summit"), RDFS.subClassOf, URIRef(DIP + "Event")))
    src = tmp_path / "onto.ttl"
    onto.serialize(src, format="turtle")
    files = documentation(onto_file=src)
    page = files["index.html"].decode("utf-8")
    assert "Journey abroad" in page and "Journey abroad" not in (DOCS / "index.html").read_text(encoding="utf-8")
    assert '"dip:Summit" -> "dip:Event" [arrowhead=empty]' in files["classes.dot"].decode("utf-8")


def test_class_diagram_links_subclasses_and_properties():
    from kg.docs.ontology import class_diagram

    onto = Graph().parse(ROOT / "ontology" / "dipkg.ttl")
    shapes = Graph().parse(ROOT / "shapes" / "dipkg.shacl.ttl")
    dot = class_diagram(onto, shapes)
    assert '"dip:Talks" -> "dip:Encounter" [arrowhead=empty]' in dot
    assert '"dip:PartnershipChange" -> "dip:PartnershipLevel" [label="dip:toLevel"' in dot
    # one arrow per property used from many classes would cross the picture: a note lists them
    assert 'dip:evidence → EvidenceAnchor' in dot and '[label="dip:evidence"' not in dot
    # every class of the ontology linked to another one is a box
    for c in ontology_classes():
        if str(c).startswith(DIP):
            assert f'"dip:{str(c)[len(DIP):]}" [' in dot, c
    assert class_diagram(onto, shapes) == dot


@needs_dot
def test_every_class_has_its_labels_in_each_language():
    en = (DOCS / "index.html").read_text(encoding="utf-8")
    fr = (DOCS / "index.fr.html").read_text(encoding="utf-8")
    for c, labels in ontology_classes().items():
        if str(c).startswith(DIP):
            assert f">{labels['en']}<" in en, c
            assert f">{labels['fr'].replace('’', '&rsquo;')}<" in fr or f">{labels['fr']}<" in fr, c
    # the SKOS schemes' concepts, with the levels' order
    assert "strategic_partnership" in en and "partenariat stratégique intégral" in fr
    assert 'href="#level-strategic_partnership"' in en


def test_without_graphviz_kg_docs_fails_in_one_line(tmp_path):
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path)}
    res = subprocess.run([str(KG_SCRIPT), "docs", "--out", str(tmp_path / "d")],
                         capture_output=True, text=True, env=env, cwd=ROOT)
    assert res.returncode == 2
    assert res.stderr.strip() == "kg: error: kg docs: Graphviz's dot is not installed (Debian: apt install graphviz)"
    assert not (tmp_path / "d").exists()


@needs_dot
@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (tests/debian-packages.sh installs it)")
def test_the_page_in_headless_chromium(tmp_path):
    """Chromium renders the page: every class of the ontology is on it, the
    diagram is drawn, and a screenshot is saved."""
    flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--virtual-time-budget=5000"]
    url = (DOCS / "index.html").as_uri()
    dom = subprocess.run(flags + [f"--user-data-dir={tmp_path / 'p1'}", "--dump-dom", url],
                         capture_output=True, text=True, timeout=120).stdout
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", dom))
    missing = [c for c, labels in ontology_classes().items() if labels["en"] not in text]
    assert not missing, missing
    # the diagram: one box per class of dipkg, each linking to its definition
    for c in ontology_classes():
        if str(c).startswith(DIP):
            name = str(c)[len(DIP):]
            assert f"<title>dip:{name}</title>" in dom, name
    shot = tmp_path / "docs.png"
    subprocess.run(flags + [f"--user-data-dir={tmp_path / 'p2'}", f"--screenshot={shot}",
                            "--window-size=1400,1800", url], capture_output=True, timeout=120)
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000
