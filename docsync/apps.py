"""The apps of Python code: a script, a function, an object (``docsync.app_base`` says
what every app is; ``docsync.notebook.app`` serves a notebook; ``docsync.app_loader`` picks
the app for what ``serve`` was given).
"""

from __future__ import annotations

import ast
import logging
import traceback
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docsync.app_base import App, Built, FileApp, error_page, first_paragraph, nothing_shown
from docsync.app_module import app_module
from docsync.core.build import building
from docsync.pane.choose import panel
from docsync.template.auto import page_roots

__all__ = ["App", "Built", "FunctionApp", "ObjectApp", "ScriptApp"]

log = logging.getLogger("docsync.apps")


class ScriptApp(FileApp):
    """A Python script run top to bottom per session; it shows what ``.servable()`` marked."""

    def __init__(self, path: str | Path, *, name: str | None = None) -> None:
        super().__init__(path, name=name)
        self._code: types.CodeType | None = None
        self._compile_error: str | None = None
        source = self.path.read_text(encoding="utf-8")
        try:
            self.description = first_paragraph(ast.get_docstring(ast.parse(source)))
            self._code = compile(source, str(self.path), "exec")
        except SyntaxError:
            self._compile_error = traceback.format_exc(limit=0)
            log.error("app %s has a syntax error:\n%s", self.path, self._compile_error)

    def _build(self) -> Built:
        if self._code is None:
            return error_page(f"The app **{self.name}** has a syntax error",
                               self._compile_error or "")
        with app_module(self.path) as module, building() as build:
            exec(self._code, module.__dict__)
        if not build.servables and build.template is None:  # state.template shows itself
            return nothing_shown(self.name)
        return Built(*page_roots(build, self.title))


class FunctionApp(App):
    """A function called once per session; it returns what to show (or marks servables)."""

    def __init__(self, fn: Callable[[], Any], *, name: str = "app", title: str | None = None):
        self.fn = fn
        self.name = name
        self.title = title or getattr(fn, "__name__", name)
        self.description = first_paragraph(getattr(fn, "__doc__", None))

    def _build(self) -> Built:
        with building() as build:
            result = self.fn()
        if result is not None:  # what it returns is shown instead of what it marked
            build.servables[:], build.areas[:] = [panel(result)], ["main"]
        if not build.servables and build.template is None:
            return nothing_shown(self.name)
        return Built(*page_roots(build, self.title))


class ObjectApp(App):
    """One object shown in every session. Its models are shared: a change made in one
    session reaches every other (Panel does the same for a served object)."""

    def __init__(self, obj: Any, *, name: str = "app", title: str | None = None) -> None:
        self.root = panel(obj)
        self.name = name
        self.title = title or "docsync"

    def _build(self) -> Built:
        return Built([self.root], self.title)
