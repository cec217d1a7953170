"""The README's SPARQL examples ("Querying the graph") print what it shows.

Each ```sparql block there is followed by a ```text block: the table
`kg query --query QUERY` prints. The queries only read data/, so the tests
need no xdist group.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

import pytest

from conftest import ROOT, Kg

SECTION = "## Querying the graph"
PAIR = re.compile(r"```sparql\n(.*?)```\n\s*```text\n(.*?)```", re.S)
HEADING = re.compile(r"^### (.+)$", re.M)


class Example(NamedTuple):
    name: str       # the heading above it, or its number
    query: str
    shown: str      # the text block, as written
    start: int      # where the text block's content starts in the README text


class Mismatch(NamedTuple):
    name: str
    shown: str
    printed: str


def examples(readme_text: str) -> list[Example]:
    """The (sparql, text) pairs of the section "Querying the graph", in order."""
    begin = readme_text.find(f"\n{SECTION}\n")
    if begin < 0:
        return []
    end = readme_text.find("\n## ", begin + len(SECTION) + 2)
    end = len(readme_text) if end < 0 else end
    section = readme_text[begin:end]
    out = []
    for i, m in enumerate(PAIR.finditer(section), 1):
        headings = HEADING.findall(section, 0, m.start())
        out.append(Example(headings[-1] if headings else f"example {i}",
                           m.group(1), m.group(2), begin + m.start(2)))
    return out


@functools.lru_cache(maxsize=None)
def printed(query: str) -> str:
    """What `kg query --query QUERY` prints (run once per query text)."""
    res = Kg(ROOT)("query", "--query", query)
    return res.output.rstrip("\n")


def mismatches(readme_text: str) -> list[Mismatch]:
    """One entry per example of the section whose shown output is not what
    the command prints (trailing newlines aside)."""
    return [Mismatch(e.name, e.shown.rstrip("\n"), printed(e.query))
            for e in examples(readme_text)
            if printed(e.query) != e.shown.rstrip("\n")]


README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = examples(README)


def test_section_has_the_kinds_of_query():
    assert len(EXAMPLES) >= 6
    assert len({e.name for e in EXAMPLES}) == len(EXAMPLES), "two examples share a heading"
    queries = [e.query for e in EXAMPLES]
    kinds = {
        "GRAPH": lambda q: re.search(r"\bGRAPH\s+[?<$]", q),
        "a property path (+, * or /)": lambda q: re.search(
            r"(?:\b[a-z]+:[\w-]+|>)(?:[+*]|/(?:[a-z]+:|<|\^))", q),
        "GROUP BY": lambda q: re.search(r"\bGROUP\s+BY\b", q, re.I),
        "dip:evidence and oa:exact": lambda q: "dip:evidence" in q and "oa:exact" in q,
    }
    for kind, found in kinds.items():
        assert any(found(q) for q in queries), f"no example uses {kind}"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_readme_query(example):
    """mismatches(README) is empty, looked at example by example."""
    found = [m for m in mismatches(README) if m.name == example.name]
    for m in found:
        assert m.shown == m.printed, f"README example {m.name!r} shows other output than kg prints"
    assert found == []


def _changed(shown: str) -> int:
    """The position, in a text block, of a character to change: the first
    letter or digit of the first row (or of the header, for no row)."""
    lines = shown.split("\n")
    row = 2 if len(lines) > 3 else 0
    offset = sum(len(line) + 1 for line in lines[:row])
    return offset + next(i for i, c in enumerate(lines[row]) if c.isalnum())


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_edited_output_fails(example):
    """One character changed in an example's shown output: exactly that
    example mismatches."""
    at = example.start + _changed(example.shown)
    old = README[at]
    edited = README[:at] + ("X" if old != "X" else "Y") + README[at + 1:]
    found = mismatches(edited)
    assert [m.name for m in found] == [example.name]
    assert found[0].printed == example.shown.rstrip("\n")
    assert found[0].shown != found[0].printed
