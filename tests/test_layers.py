"""The layer order, checked on the source: no module imports a higher layer, the core
imports nothing of the project, and no two modules import each other (directly or round
a longer loop). Module-level and function-level imports count alike; imports under
``if TYPE_CHECKING:`` count for the layer order but not for cycles (they never run).

Layers, low to high: shenbao.core → shenbao.ingest → shenbao.plugins → shenbao.models →
shenbao.admin → shenbao (the CLI: shenbao.cli, shenbao.extract_cli, ...).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# folder of the checkout -> package it installs as (pyproject's package-dir)
FOLDERS = {
    "shenbao": "shenbao",
    "ingest": "shenbao.ingest",
    "plugins": "shenbao.plugins",
    "models": "shenbao.models",
    "admin": "shenbao.admin",
}
LAYERS = ("shenbao.core", "shenbao.ingest", "shenbao.plugins", "shenbao.models", "shenbao.admin", "shenbao")


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int
    type_only: bool


def module_files() -> dict[str, Path]:
    modules: dict[str, Path] = {}
    for folder, package in FOLDERS.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            if any(p in ("templates", "__pycache__") for p in parts):
                continue
            name = ".".join((package, *parts))
            modules[name.removesuffix(".__init__")] = path
    return modules


def layer(module: str) -> int:
    for rank in range(len(LAYERS) - 1):
        name = LAYERS[rank]
        if module == name or module.startswith(name + "."):
            return rank
    return len(LAYERS) - 1


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(module: str, path: Path, known: set[str]) -> list[Edge]:
    """The project modules ``module`` imports, at any depth of its code."""
    is_package = path.name == "__init__.py"
    edges: list[Edge] = []

    def resolve(name: str, line: int, type_only: bool) -> None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        if name and name != module:
            edges.append(Edge(module, name, line, type_only))

    def visit(node: ast.AST, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            guarded = type_only or (isinstance(child, ast.If) and _type_checking(child))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    resolve(alias.name, child.lineno, type_only)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = module.split(".")
                    anchor = anchor if is_package else anchor[:-1]
                    anchor = anchor[: len(anchor) - (child.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in child.names:
                    resolve(
                        f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base, child.lineno, type_only
                    )
            visit(child, guarded)

    visit(ast.parse(path.read_text("utf-8"), str(path)), False)
    return edges


def all_edges() -> list[Edge]:
    modules = module_files()
    known = set(modules)
    return [edge for name, path in modules.items() for edge in imports_of(name, path, known)]


def upward(edges: list[Edge]) -> list[str]:
    return [
        f"{e.source}:{e.line} imports {e.target} ({LAYERS[layer(e.source)]} may not import {LAYERS[layer(e.target)]})"
        for e in edges
        if layer(e.target) > layer(e.source)
    ]


def cycles(edges: list[Edge]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), over run-time imports."""
    graph: dict[str, set[str]] = {}
    for e in edges:
        if not e.type_only:
            graph.setdefault(e.source, set()).add(e.target)
            graph.setdefault(e.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strongconnect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    return found


def test_the_scan_sees_the_package() -> None:
    modules = module_files()
    assert {"shenbao.core.errors", "shenbao.ingest.pipeline", "shenbao.plugins.manager", "shenbao.cli"} <= set(modules)
    edges = all_edges()
    assert Edge("shenbao.ingest.pipeline", "shenbao.ingest.reader", 25, False) in edges or any(
        e.source == "shenbao.ingest.pipeline" and e.target == "shenbao.ingest.reader" for e in edges
    )


def test_no_module_imports_a_higher_layer() -> None:
    assert upward(all_edges()) == []


def test_the_core_imports_nothing_of_the_project() -> None:
    edges = [e for e in all_edges() if layer(e.source) == 0 and not e.target.startswith("shenbao.core")]
    assert edges == []


def test_no_import_cycle() -> None:
    assert cycles(all_edges()) == []


@pytest.mark.parametrize(
    ("source", "target", "problem"),
    [
        ("shenbao.ingest.reader", "shenbao.plugins.manager", "upward"),
        ("shenbao.core.notice", "shenbao.ingest.flow", "upward"),
        ("shenbao.models.base", "shenbao.admin.app", "upward"),
    ],
)
def test_the_checks_catch_a_bad_import(source: str, target: str, problem: str) -> None:
    bad = [*all_edges(), Edge(source, target, 1, False)]
    assert any(source in message and target in message for message in upward(bad))


def test_the_cycle_check_catches_a_loop() -> None:
    bad = [*all_edges(), Edge("shenbao.ingest.document", "shenbao.ingest.pipeline", 1, False)]
    assert any("shenbao.ingest.document" in c and "shenbao.ingest.pipeline" in c for c in cycles(bad))
