"""The package's layout holds: one subpackage per stage, stages import only
the stages beneath them (imports inside functions included), no import
circle, and one place parses RDF.

The layers, bottom up (a module may import its own stage and the layers
beneath it, never a stage beside or above it)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "kg"

LAYERS = [
    {"errors", "resources"},
    {"io"},
    {"graph"},
    {"extract", "synth", "reason"},
    {"query"},
    {"validate"},
    {"remote", "serve", "docs"},
    {"build"},
    {"cli"},
]
RANK = {stage: i for i, layer in enumerate(LAYERS) for stage in layer}


def _modules() -> dict[str, Path]:
    out = {}
    for f in sorted(PKG.rglob("*.py")):
        parts = f.relative_to(PKG.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = f
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, int]]:
    """The kg modules ``name`` imports, anywhere in its file, with the line."""
    is_pkg = path.name == "__init__.py"
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("kg"):
                continue
            for alias in node.names:      # "from . import facts" imports a module
                sub = f"{target}.{alias.name}"
                out.append((sub if sub in MODULES else target, node.lineno))
        elif isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names if a.name.startswith("kg.")]
    return out


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "kg"


def test_every_stage_is_a_subpackage_with_a_public_api():
    for layer in LAYERS:
        for s in layer - {"errors", "resources", "cli"}:
            init = PKG / s / "__init__.py"
            assert init.is_file(), f"kg/{s}/ is not a package"
            tree = ast.parse(init.read_text(encoding="utf-8"))
            assert ast.get_docstring(tree), f"kg/{s}/__init__.py says nothing of what the stage takes and gives"
            names = [n for n in tree.body if isinstance(n, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in n.targets)]
            assert names or s in ("synth",), f"kg/{s}/__init__.py names no public API (__all__)"
    loose = sorted(p.name for p in PKG.glob("*.py") if p.stem not in {"__init__", "cli", "errors", "resources"})
    assert not loose, f"modules outside any stage: {loose}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_only(module):
    here = stage(module)
    if here == "kg":
        return
    wrong = []
    for target, line in GRAPH[module]:
        there = stage(target)
        if there in (here, "kg"):
            continue
        assert there in RANK, f"{target} belongs to no layer"
        if RANK[there] >= RANK[here]:
            wrong.append(f"{MODULES[module].relative_to(PKG.parent)}:{line} imports {target} "
                         f"({there}, layer {RANK[there]}; {here} is layer {RANK[here]})")
    assert not wrong, "\n".join(wrong)


def test_no_import_circle():
    """Tarjan's strongly connected components over every import, those made
    inside functions included: a circle is a component of two or more."""
    index, low, on, stack, found = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w, _ in GRAPH.get(v, ()):
            if w not in MODULES:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            # a package's __init__ importing its own modules is not a circle
            # unless one of them imports the package back
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(MODULES):
        if v not in index:
            visit(v)
    assert not found, f"import circles: {found}"


def _parser_calls(path: Path) -> list[int]:
    """Lines calling an RDF parser: ``X.parse(...)`` (rdflib graphs,
    pyoxigraph), or a store's ``load``/``bulk_load`` of a file or data."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            keywords = {k.arg for k in node.keywords}
            if node.func.attr == "parse" or (node.func.attr in ("load", "bulk_load") and keywords & {"path", "format"}):
                lines.append(node.lineno)
    return lines


def test_one_rdf_reader():
    """RDF is parsed in kg/io/read.py only: every stage reads files through it."""
    others = {str(p.relative_to(PKG.parent)): _parser_calls(p) for p in MODULES.values()
              if p != PKG / "io" / "read.py"}
    assert not {k: v for k, v in others.items() if v}
    assert _parser_calls(PKG / "io" / "read.py"), "the reader parses nothing: is the check still looking?"
