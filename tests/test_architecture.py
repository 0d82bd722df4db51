"""No package of ``flashpoint`` imports another that imports it back.

The graph's nodes are the top-level parts of ``src/flashpoint`` (``coder``, ``dictionaries``, ``ontology``, ...);
an edge is any import of one from another, ``flashpoint.x`` or relative, at module level or inside a function,
read with :mod:`ast` (nothing is imported). A cycle is reported with the file and line of each of its edges.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "flashpoint"
ROOT = "flashpoint"

Edges = dict[str, dict[str, list[str]]]  # source node -> target node -> ["path:line", ...]


def _module_name(path: Path, package: Path) -> tuple[str, ...]:
    parts = (ROOT, *path.relative_to(package).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _targets(node: ast.Import | ast.ImportFrom, module: tuple[str, ...], is_package: bool) -> list[tuple[str, ...]]:
    """The dotted names (as tuples) that ``node`` imports, made absolute."""
    if isinstance(node, ast.Import):
        return [tuple(alias.name.split(".")) for alias in node.names]
    if node.level:
        package = module if is_package else module[:-1]
        base = package[: len(package) - (node.level - 1)]
    else:
        base = ()
    named = (*base, *node.module.split(".")) if node.module else base
    # `from flashpoint import errors` imports the module flashpoint.errors: each name may be a part
    return [named] + [(*named, alias.name) for alias in node.names] if len(named) == 1 else [named]


def import_graph(package: Path = PACKAGE) -> Edges:
    parts = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    parts |= {p.name for p in package.iterdir() if (p / "__init__.py").is_file()}
    edges: Edges = defaultdict(lambda: defaultdict(list))
    for path in sorted(package.rglob("*.py")):
        module = _module_name(path, package)
        if len(module) < 2:
            continue  # flashpoint/__init__.py is the package itself, not one of its parts
        source = module[1]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for target in _targets(node, module, path.name == "__init__.py"):
                if len(target) >= 2 and target[0] == ROOT and target[1] in parts and target[1] != source:
                    edges[source][target[1]].append(f"{path.relative_to(package.parent)}:{node.lineno}")
    return edges


def find_cycles(edges: Edges) -> list[list[str]]:
    """One cycle through each strongly connected group of more than one node (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges.get(node, {})):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return [_cycle_in(group, edges) for group in groups]


def _cycle_in(group: set[str], edges: Edges) -> list[str]:
    """The shortest cycle through the group's first node (breadth-first back to it)."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(edges.get(node, {})):
            if nxt == start:
                return paths[node] + [start]
            if nxt in group and nxt not in paths:
                paths[nxt] = paths[node] + [nxt]
                queue.append(nxt)
    raise AssertionError(f"no cycle through {start} in {sorted(group)}")


def describe(cycle: list[str], edges: Edges) -> str:
    steps = [cycle[0]]
    for a, b in zip(cycle, cycle[1:]):
        steps.append(f" -> {b} ({', '.join(edges[a][b])})")
    return "".join(steps)


def test_no_package_imports_one_that_imports_it_back():
    edges = import_graph()
    cycles = find_cycles(edges)
    assert not cycles, "import cycles between flashpoint's packages:\n" + "\n".join(
        describe(c, edges) for c in cycles)


def test_the_graph_sees_every_kind_of_import(tmp_path):
    """Absolute, relative (one and two levels), `from flashpoint import x`, and imports inside functions."""
    pkg = tmp_path / "flashpoint"
    for name in ("a", "b", "c"):
        (pkg / name).mkdir(parents=True)
        (pkg / name / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("from .a import x\n")  # the root package is not a node
    (pkg / "d.py").write_text("import flashpoint.a.m\n")
    (pkg / "a" / "m.py").write_text("from ..b import y\nfrom . import z\n")
    (pkg / "b" / "__init__.py").write_text("def f():\n    from flashpoint import c\n")
    (pkg / "c" / "__init__.py").write_text("from .. import a\n")
    edges = import_graph(pkg)
    assert {s: sorted(t) for s, t in edges.items()} == {"d": ["a"], "a": ["b"], "b": ["c"], "c": ["a"]}
    assert edges["b"]["c"] == ["flashpoint/b/__init__.py:2"]
    cycles = find_cycles(edges)
    assert cycles == [["a", "b", "c", "a"]]
    assert describe(cycles[0], edges) == ("a -> b (flashpoint/a/m.py:1) -> c (flashpoint/b/__init__.py:2) "
                                          "-> a (flashpoint/c/__init__.py:1)")
