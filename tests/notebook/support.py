"""Writing notebook files for tests (nbformat 4, as Jupyter saves them)."""

from __future__ import annotations

from pathlib import Path

import nbformat

__all__ = ["code", "markdown", "write_notebook"]


def code(source: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell(source.strip("\n"))


def markdown(source: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(source.strip("\n"))


def write_notebook(path: Path, *cells: nbformat.NotebookNode) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    notebook.cells = list(cells)
    nbformat.write(notebook, path)
    return path
