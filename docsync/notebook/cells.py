"""A notebook file's cells as code a served app can run, without IPython.

IPython-only lines (``%magic``, ``!shell``, ``obj?``) are left out, each replaced by
``pass`` so line numbers and blocks stay as written; an assignment from one (``x = !ls``)
and a cell magic (``%%timeit``) cannot be left out without changing what the code means,
so they raise an :class:`~docsync.exceptions.AppError` that names the cell when run. Each
cell's last expression is split off to be displayed, as IPython would (not when it ends
with ``;``). Top-level ``await`` compiles, as in IPython: :func:`run` runs such code.
``from IPython.display import display`` (or ``IPython.core.display``, or ``IPython``
itself) binds the served notebook's own ``display``, so the objects it is given are shown
as in Jupyter instead of printed.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import io
import json
import re
import tokenize
import types
from dataclasses import dataclass
from pathlib import Path

from docsync.exceptions import AppError

__all__ = ["CodeCell", "MarkdownCell", "read_cells", "run"]

#: IPython's cells may ``await`` at top level; so may a served notebook's.
_FLAGS = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT

_IPYTHON_LINE = re.compile(r"^\s*(%|!|\?)|^\s*[\w.]+\?\??\s*$")
_ASSIGNED = re.compile(r"^\s*[\w.,\s\[\]()*]+=\s*(%|!)")


@dataclass(frozen=True)
class MarkdownCell:
    index: int  # 1-based, as Jupyter numbers cells
    source: str


@dataclass(frozen=True)
class CodeCell:
    index: int
    #: The cell without its last expression (or the whole cell).
    body: types.CodeType
    #: The last expression, to be displayed; None when there is none or it ends with ``;``.
    shown: types.CodeType | None


def _source(cell: dict[str, object]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _python(source: str, label: str) -> str:
    """``source`` with IPython-only lines replaced (see the module docstring)."""
    lines = source.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if first.lstrip().startswith("%%"):
        magic = first.strip().split()[0]
        message = f"{label}: the {magic} cell magic needs IPython; a served notebook cannot run it"
        return f"raise __docsync_app_error__({message!r})"
    try:
        ast.parse(source)
        return source  # plain Python: nothing to leave out
    except SyntaxError:
        pass
    out = []
    for number, line in enumerate(lines, 1):
        indent = line[: len(line) - len(line.lstrip())]
        if _ASSIGNED.match(line):
            message = (f"{label}, line {number}: {line.strip()!r} uses IPython syntax that "
                       "a served notebook cannot run; compute the value in Python")
            out.append(f"{indent}raise __docsync_app_error__({message!r})")
        elif _IPYTHON_LINE.search(line):
            out.append(f"{indent}pass")
        else:
            out.append(line)
    return "\n".join(out)


_DISPLAY_MODULES = frozenset({"IPython", "IPython.display", "IPython.core.display",
                              "IPython.core.display_functions"})


class _OwnDisplay(ast.NodeTransformer):
    """``from IPython.display import display [as d]`` → ``d = display`` (the namespace's
    own ``display``, bound by the app), at any depth; other imported names are kept."""

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.AST | list[ast.stmt]:
        if node.level or node.module not in _DISPLAY_MODULES:
            return node
        ours = [a for a in node.names if a.name == "display"]
        if not ours:
            return node
        kept = [a for a in node.names if a.name != "display"]
        out: list[ast.stmt] = [ast.ImportFrom(module=node.module, names=kept, level=0)] \
            if kept else []
        out += [ast.Assign(targets=[ast.Name(a.asname or "display", ast.Store())],
                           value=ast.Name("__docsync_display__", ast.Load()))
                for a in ours]
        for stmt in out:
            ast.copy_location(stmt, node)
        return out


def _suppressed(source: str) -> bool:
    """True when the cell's last token is ``;`` (IPython then displays nothing)."""
    last = None
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE,
                                  tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER):
                last = token
    except (tokenize.TokenError, SyntaxError):
        return False
    return last is not None and last.string == ";"


def _code_cell(index: int, source: str, filename: str) -> CodeCell:
    label = f"cell {index}"
    python = _python(source, label)
    name = f"{filename} [{label}]"
    try:
        tree = compile(python, name, "exec", flags=ast.PyCF_ONLY_AST | _FLAGS)
    except SyntaxError as exc:
        raise AppError(f"{filename}, {label}, line {exc.lineno}: {exc.msg}") from None
    tree = ast.fix_missing_locations(_OwnDisplay().visit(tree))
    shown = None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not _suppressed(python):
        last = tree.body.pop()
        shown = compile(ast.Expression(last.value), name, "eval", flags=_FLAGS)
    return CodeCell(index, compile(tree, name, "exec", flags=_FLAGS), shown)


def run(code: types.CodeType, namespace: dict[str, object]) -> object:
    """Run a cell's compiled code in ``namespace``; returns an expression's value. Code
    with a top-level ``await`` runs in its own event loop: call this from a thread that
    runs none (app code runs in a worker thread)."""
    result = eval(code, namespace)
    if inspect.iscoroutine(result):
        result = asyncio.run(result)
    return result


def read_cells(path: Path) -> list[CodeCell | MarkdownCell]:
    """The code and markdown cells of notebook ``path`` (nbformat 4), in order.

    Raises :class:`AppError` when the file is not a notebook or a cell is not Python; code
    in the cells only runs when the caller runs it. The code expects the names
    ``__docsync_app_error__`` bound to :class:`AppError` and ``__docsync_display__`` to the
    notebook's ``display`` where it runs.
    """
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        cells = notebook["cells"]
        if not isinstance(cells, list):
            raise TypeError("'cells' is not a list")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AppError(f"{path} is not a Jupyter notebook (nbformat 4): {exc}") from None
    out: list[CodeCell | MarkdownCell] = []
    for index, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            continue
        kind = cell.get("cell_type")
        if kind == "code":
            out.append(_code_cell(index, _source(cell), path.name))
        elif kind == "markdown":
            out.append(MarkdownCell(index, _source(cell)))
    return out
