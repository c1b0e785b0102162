"""Which app serves what ``serve`` was given: a script, a notebook, a function, an object,
an :class:`~docsync.app_base.App`, or a list or dict of them (Panel's ``pn.serve`` targets).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docsync.app_base import App
from docsync.apps import FunctionApp, ObjectApp, ScriptApp
from docsync.core.model import Model
from docsync.exceptions import AppError
from docsync.notebook.app import NotebookApp

__all__ = ["as_app", "load_apps"]


def as_app(obj: Any, name: str, title: str | None) -> App:
    """The app for ``obj``, served at ``name``: a path by its suffix (``.py``, ``.ipynb``),
    a function (called per session), else an object shown in every session."""
    if isinstance(obj, App):
        return obj
    if isinstance(obj, (str, Path)) and str(obj).endswith(".py"):
        return ScriptApp(obj, name=name)
    if isinstance(obj, (str, Path)) and str(obj).endswith(".ipynb"):
        return NotebookApp(obj, name=name)
    if callable(obj) and not isinstance(obj, Model) and not hasattr(obj, "dependencies"):
        return FunctionApp(obj, name=name, title=title)
    return ObjectApp(obj, name=name, title=title)


def load_apps(target: Any, *, title: str | Mapping[str, str] | None = None) -> dict[str, App]:
    """URL path → app, for a script path, a list of paths, a function, an object or a dict.

    ``app.py`` is served at ``/app``; a dict's keys are the paths. ``title`` is the page
    title, or with several apps a dict of URL path → title (Panel's ``serve(title=...)``),
    shown on the index page too.
    """
    titles = title if isinstance(title, Mapping) else {}
    title = None if isinstance(title, Mapping) else title
    if isinstance(target, Mapping):
        items = [(str(k).strip("/"), as_app(v, str(k).strip("/"), title))
                 for k, v in target.items()]
    elif isinstance(target, (list, tuple)):
        items = [(a.name, a) for a in (as_app(t, Path(str(t)).stem, title) for t in target)]
    else:
        app = as_app(target, Path(str(target)).stem if isinstance(target, (str, Path))
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
        if path in titles:
            app.title = str(titles[path])
        apps[path] = app
    unknown = set(titles) - set(apps)
    if unknown:
        raise AppError(f"titles for {', '.join(sorted(unknown))}, which no app is served at")
    return apps
