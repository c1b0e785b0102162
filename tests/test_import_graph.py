"""No import circles among docsync's modules (issue 13), read from the source with ``ast``.

Every ``import`` counts, inside functions too (an import hidden in a function is still a
dependency); imports under ``if TYPE_CHECKING:`` do not (they never run). A module's
implicit import of its parent packages does not count either: that is how Python imports
any submodule, not a dependency the module chose.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import docsync

ROOT = Path(docsync.__file__).parent.parent

#: Import edges still inside a circle, each a function-level import marked "known circle"
#: where it is, and why it is not broken yet. Remove an entry when its circle is broken;
#: the test fails when an entry no longer exists, so the list only shrinks.
KNOWN_CIRCLES: dict[tuple[str, str], str] = {
    ("docsync.layout.base", "docsync.pane.choose"):
        "a layout wraps its children with panel(), panel() makes Param and ReactiveExpr "
        "panes, and they hold a Column or Row: one recursive type, which no order of "
        "modules expresses. Without this import, panel() would have to find pane types "
        "it does not import (Panel searches PaneBase's subclasses). The packages are a "
        "circle too: docsync.pane's __init__ imports Param, which imports docsync.layout.",
    ("docsync.pane.function", "docsync.pane.choose"):
        "ParamFunction shows its function's result with panel(); panel() makes a "
        "ParamFunction for a function and a ReactiveExpr for an rx, which holds a "
        "ParamFunction: the same recursion. Only one module holding panel(), "
        "ParamFunction and ReactiveExpr would break this edge (not the one above).",
    ("docsync.widgets.base", "docsync.widgets.link"):
        "Widget.from_param is Panel's API on the base class; called on Widget itself it "
        "picks a concrete widget class for the parameter, so it needs them all: a base "
        "class choosing among its subclasses, which only a search of its subclasses "
        "would do without importing them.",
}


def modules() -> dict[str, tuple[Path, bool]]:
    """Dotted name → (file, is a package) for every module of docsync."""
    found = {}
    for path in (ROOT / "docsync").rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if package else parts)] = (path, package)
    return found


def _imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements under ``node``, anywhere but under ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
            for other in child.orelse:
                yield from _imports(ast.Module(body=[other], type_ignores=[]))
            continue
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child
        yield from _imports(child)


def import_graph() -> dict[str, set[str]]:
    """Module → the docsync modules it imports (``from pkg import name`` counts as
    importing ``pkg.name`` when that is a module, else ``pkg``)."""
    mods = modules()

    def resolve(name: str) -> str | None:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, (path, package) in mods.items():
        edges: set[str | None] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges.update(resolve(a.name) for a in node.names if a.name.startswith("docsync"))
                continue
            if node.level:
                base = name.split(".") if package else name.split(".")[:-1]
                base = base[:len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != "docsync":
                continue
            for alias in node.names:
                full = f"{target}.{alias.name}"
                edges.add(full if full in mods else resolve(target))
        graph[name] = {e for e in edges if e is not None and e != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_circles_among_docsync_modules() -> None:
    graph = import_graph()
    for source, target in KNOWN_CIRCLES:
        graph[source].discard(target)
    found = circles(graph)
    assert not found, "import circles (break them by moving code, see the module " \
        "docstring):\n" + "\n".join(
            "  " + ", ".join(c) + "\n" + "\n".join(
                f"    {m} -> {sorted(graph[m] & set(c))}" for m in c) for c in found)


def test_every_known_circle_is_still_there() -> None:
    graph = import_graph()
    gone = [edge for edge in KNOWN_CIRCLES if edge[1] not in graph[edge[0]]]
    assert not gone, f"no longer imported, remove from KNOWN_CIRCLES: {gone}"
    # Each known edge is really on a circle: without the others it would still close one.
    for edge in KNOWN_CIRCLES:
        trimmed = {m: set(t) for m, t in graph.items()}
        for other in KNOWN_CIRCLES:
            if other != edge:
                trimmed[other[0]].discard(other[1])
        assert circles(trimmed), f"{edge} closes no circle: remove it from KNOWN_CIRCLES"


def test_the_graph_sees_imports_in_functions_but_not_type_checking_ones() -> None:
    graph = import_graph()
    # docsync.cli imports the worker inside a function (lazily): it counts.
    assert "docsync.server.worker" in graph["docsync.cli"]
    # docsync.runtime.tasks imports the runtime context only for type checking.
    assert "docsync.runtime.context" not in graph["docsync.runtime.tasks"]


def test_circles_are_found() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []
