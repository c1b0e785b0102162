"""Apps: what builds one session's document (a script, a function, an object).

An app is run once per session (PROTOCOL.md §2: when the first ``hello`` arrives, never for
the page request). An exception in app code becomes a page that shows the traceback; the
server and other sessions go on.
"""

from __future__ import annotations

import logging
import sys
import traceback
import types
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docsync.app_module import app_module
from docsync.core.build import building
from docsync.core.model import Model
from docsync.exceptions import AppError
from docsync.layout import Column
from docsync.pane import Markdown, Str, panel

__all__ = ["App", "Built", "FunctionApp", "ObjectApp", "ScriptApp", "app_module", "load_apps"]

log = logging.getLogger("docsync.apps")


@dataclass(frozen=True)
class Built:
    """One session's roots and page title."""

    roots: list[Model]
    title: str
    failed: bool = False


class App(ABC):
    """Builds documents for one URL path."""

    name: str = "app"
    title: str = "docsync"
    #: Files whose edits should reload this app (for ``--autoreload``).
    files: tuple[Path, ...] = ()

    def build(self) -> Built:
        """Run the app code for a new session. Never raises: failures become an error page."""
        try:
            return self._build()
        except Exception:
            text = traceback.format_exc()
            log.error("app %r raised while building a session:\n%s", self.name, text)
            return _error_page(f"The app **{self.name}** raised an exception", text)

    @abstractmethod
    def _build(self) -> Built:
        """Run the app code; may raise."""


def _error_page(headline: str, detail: str) -> Built:
    page = Column(Markdown(headline), Str(detail, css_classes=["docsync-error"]))
    return Built([page], "Error", failed=True)


def _nothing_shown(name: str) -> Built:
    return _error_page(
        f"The app **{name}** shows nothing",
        "Mark what the page shows with .servable(), for example:\n\n"
        "    ds.Column(slider, output).servable()\n\n"
        "or return it from the app function.")


class ScriptApp(App):
    """A Python script run top to bottom per session; it shows what ``.servable()`` marked."""

    def __init__(self, path: str | Path, *, name: str | None = None) -> None:
        self.path = Path(path).resolve()
        if not self.path.is_file():
            raise AppError(f"app file not found: {path} (give the path of a .py file)")
        self.name = name or self.path.stem
        self.title = self.name
        self.files = (self.path,)
        self._code: types.CodeType | None = None
        self._compile_error: str | None = None
        try:
            self._code = compile(self.path.read_text(encoding="utf-8"), str(self.path), "exec")
        except SyntaxError:
            self._compile_error = traceback.format_exc(limit=0)
            log.error("app %s has a syntax error:\n%s", self.path, self._compile_error)
        # Local modules beside the script must be importable, as when it is run with python.
        folder = str(self.path.parent)
        if folder not in sys.path:
            sys.path.insert(0, folder)

    def _build(self) -> Built:
        if self._code is None:
            return _error_page(f"The app **{self.name}** has a syntax error",
                               self._compile_error or "")
        with app_module(self.path) as module, building() as build:
            exec(self._code, module.__dict__)
        if not build.servables:
            return _nothing_shown(self.name)
        return Built(list(build.servables), build.title or self.title)


class FunctionApp(App):
    """A function called once per session; it returns what to show (or marks servables)."""

    def __init__(self, fn: Callable[[], Any], *, name: str = "app", title: str | None = None):
        self.fn = fn
        self.name = name
        self.title = title or getattr(fn, "__name__", name)

    def _build(self) -> Built:
        with building() as build:
            result = self.fn()
        roots = [panel(result)] if result is not None else list(build.servables)
        if not roots:
            return _nothing_shown(self.name)
        return Built(roots, build.title or self.title)


class ObjectApp(App):
    """One object shown in every session. Its models are shared: a change made in one
    session reaches every other (Panel does the same for a served object)."""

    def __init__(self, obj: Any, *, name: str = "app", title: str | None = None) -> None:
        self.root = panel(obj)
        self.name = name
        self.title = title or "docsync"

    def _build(self) -> Built:
        return Built([self.root], self.title)


def _as_app(obj: Any, name: str, title: str | None) -> App:
    if isinstance(obj, App):
        return obj
    if isinstance(obj, (str, Path)) and str(obj).endswith(".py"):
        return ScriptApp(obj, name=name)
    if isinstance(obj, (str, Path)) and str(obj).endswith(".ipynb"):
        from docsync.notebook.app import NotebookApp

        return NotebookApp(obj, name=name)
    if callable(obj) and not isinstance(obj, Model) and not hasattr(obj, "dependencies"):
        return FunctionApp(obj, name=name, title=title)
    return ObjectApp(obj, name=name, title=title)


def load_apps(target: Any, *, title: str | None = None) -> dict[str, App]:
    """URL path → app, for a script path, a list of paths, a function, an object or a dict.

    ``app.py`` is served at ``/app``; a dict's keys are the paths.
    """
    if isinstance(target, Mapping):
        items = [(str(k).strip("/"), _as_app(v, str(k).strip("/"), title))
                 for k, v in target.items()]
    elif isinstance(target, (list, tuple)):
        items = [(a.name, a) for a in (_as_app(t, Path(str(t)).stem, title) for t in target)]
    else:
        app = _as_app(target, Path(str(target)).stem if isinstance(target, (str, Path))
                      else "app", title)
        items = [(app.name, app)]
    apps: dict[str, App] = {}
    for path, app in items:
        segments = path.split("/")
        # The server answers its probes itself (docsync.server.http.HEALTH_PATHS).
        if not path or "_docsync" in segments or segments[-1] == "ws" or path in (
                "liveness", "readiness"):
            raise AppError(f"{path!r} cannot be an app path: choose another name")
        if path in apps:
            raise AppError(f"two apps would be served at /{path}: rename one of them")
        apps[path] = app
    return apps
