"""docsync.notebook.cells: a notebook's cells as code a served app runs without IPython."""

from __future__ import annotations

import pytest

from docsync.exceptions import AppError
from docsync.notebook.cells import CodeCell, MarkdownCell, read_cells, run
from tests.notebook.support import code, markdown, write_notebook


def run_cell(cell: CodeCell, namespace: dict) -> object:
    run(cell.body, namespace)
    return run(cell.shown, namespace) if cell.shown is not None else None


def test_cells_in_order_with_their_jupyter_numbers(tmp_path):
    path = write_notebook(tmp_path / "n.ipynb", markdown("# Title"), code("x = 1\nx + 1"),
                          code("y = 2"))
    cells = read_cells(path)
    assert [type(c) for c in cells] == [MarkdownCell, CodeCell, CodeCell]
    assert [c.index for c in cells] == [1, 2, 3]
    assert cells[0].source == "# Title"
    namespace: dict = {}
    assert run_cell(cells[1], namespace) == 2
    assert cells[2].shown is None and run_cell(cells[2], namespace) is None
    assert namespace["y"] == 2


def test_a_trailing_semicolon_shows_nothing(tmp_path):
    cells = read_cells(write_notebook(tmp_path / "n.ipynb", code("1 + 1;"),
                                      code("1 + 1  # a comment;"), code("x = 1; x")))
    assert [c.shown is None for c in cells] == [True, False, False]


def test_magics_and_shell_lines_are_left_out(tmp_path):
    cells = read_cells(write_notebook(tmp_path / "n.ipynb", code("""
%matplotlib inline
!pip install nothing
import math
if True:
    %time y = 1
    z = math.pi
math?
z
""")))
    assert run_cell(cells[0], {}) == pytest.approx(3.14159, abs=1e-5)


def test_what_cannot_be_left_out_raises_naming_the_cell(tmp_path):
    cells = read_cells(write_notebook(tmp_path / "n.ipynb", code("x = 1"),
                                      code("files = !ls\nprint(files)"),
                                      code("%%timeit\nsum(range(10))")))
    namespace = {"__docsync_app_error__": AppError}
    run_cell(cells[0], namespace)
    with pytest.raises(AppError, match=r"cell 2, line 1: 'files = !ls' uses IPython syntax"):
        run_cell(cells[1], namespace)
    with pytest.raises(AppError, match=r"cell 3: the %%timeit cell magic needs IPython"):
        run_cell(cells[2], namespace)


def test_a_syntax_error_names_the_cell_and_line(tmp_path):
    path = write_notebook(tmp_path / "n.ipynb", code("x = 1"), code("y = 2\ndef broken(:\n"))
    with pytest.raises(AppError, match=r"n.ipynb, cell 2, line 2"):
        read_cells(path)


def test_a_file_that_is_not_a_notebook(tmp_path):
    path = tmp_path / "n.ipynb"
    path.write_text("print('not json')")
    with pytest.raises(AppError, match="not a Jupyter notebook"):
        read_cells(path)


def test_top_level_await_runs_as_in_ipython(tmp_path):
    cells = read_cells(write_notebook(tmp_path / "n.ipynb", code("""
import asyncio
async def double(v):
    await asyncio.sleep(0)
    return 2 * v
x = await double(2)"""), code("await double(x)")))
    namespace: dict = {}
    assert run_cell(cells[0], namespace) is None and namespace["x"] == 4
    assert run_cell(cells[1], namespace) == 8
