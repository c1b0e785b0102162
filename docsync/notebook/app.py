"""``NotebookApp``: a ``.ipynb`` file served like a script (``docsync serve notebook.ipynb``).

Its code cells run in order, in one fresh module namespace, once per session. The page shows
what ``.servable()`` marked; when nothing is marked, what the notebook displays: each cell's
last expression (unless it ends with ``;``) and every ``display(obj)``, in order. With
``markdown=True`` the markdown cells are shown too, in their place among them.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import Any

from docsync.app_base import Built, FileApp, error_page, nothing_shown
from docsync.app_module import app_module
from docsync.core.build import building
from docsync.core.model import Model
from docsync.exceptions import AppError
from docsync.notebook.cells import CodeCell, MarkdownCell, read_cells, run
from docsync.pane.choose import panel
from docsync.pane.text import Markdown
from docsync.settings import config
from docsync.template.auto import page_roots

__all__ = ["NotebookApp"]

log = logging.getLogger("docsync.apps")


class NotebookApp(FileApp):
    """A notebook run top to bottom per session (see the module docstring)."""

    kind = "notebook"
    suffix = ".ipynb"

    def __init__(self, path: str | Path, *, name: str | None = None,
                 markdown: bool = False) -> None:
        super().__init__(path, name=name)
        self.markdown = markdown
        self._cells: list[CodeCell | MarkdownCell] = []
        self._load_error: str | None = None
        try:
            self._cells = read_cells(self.path)
        except AppError as exc:
            self._load_error = str(exc)
            log.error("%s", exc)

    def _build(self) -> Built:
        if self._load_error is not None:
            return error_page(f"The notebook **{self.name}** cannot be run", self._load_error)
        # (cell index, model): servables and displayed outputs, where their cell is.
        servables: list[tuple[int, Model]] = []
        shown: list[tuple[int, Model]] = []
        notes: list[tuple[int, Model]] = []
        cell_index = 0

        def display(*objs: Any, **_options: Any) -> None:
            """IPython's ``display``: the objects are shown in the page, in order."""
            shown.extend((cell_index, panel(obj)) for obj in objs)

        with app_module(self.path) as module, building() as build:
            namespace = module.__dict__
            namespace.update(display=display, __docsync_display__=display,
                             __docsync_app_error__=AppError)
            for cell in self._cells:
                cell_index = cell.index
                if isinstance(cell, MarkdownCell):
                    if self.markdown and cell.source.strip():
                        notes.append((cell.index, Markdown(cell.source)))
                    continue
                marked = len(build.servables)
                try:
                    run(cell.body, namespace)
                    value = run(cell.shown, namespace) if cell.shown is not None else None
                except Exception:
                    detail = traceback.format_exc()
                    log.error("notebook %r raised in cell %d:\n%s", self.name, cell.index,
                              detail)
                    return error_page(
                        f"The notebook **{self.name}** raised an exception in cell "
                        f"{cell.index}", detail)
                if value is not None:
                    display(value)
                servables.extend((cell.index, m) for m in build.servables[marked:])

        if servables and config.template is not None:  # the template holds the servables
            return Built(*page_roots(build, self.title))
        outputs = servables or shown
        if not outputs:
            return nothing_shown(self.name)
        roots = [m for _, m in sorted([*notes, *outputs], key=lambda item: item[0])]
        return Built(roots, build.title or self.title)
