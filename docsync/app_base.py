"""What every app is: :class:`App` builds one session's document (:class:`Built`), and
:class:`FileApp` is the part a script and a notebook share (a file run once per session).

An app is run once per session (PROTOCOL.md §2: when the first ``hello`` arrives, never for
the page request). An exception in app code becomes a page that shows the traceback
(:func:`error_page`); the server and other sessions go on.
"""

from __future__ import annotations

import logging
import sys
import traceback
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from docsync.core.model import Model
from docsync.exceptions import AppError
from docsync.layout.column import Column
from docsync.pane.text import Markdown, Str

__all__ = ["App", "Built", "FileApp", "error_page", "first_paragraph", "nothing_shown"]

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
    #: One paragraph about the app for the index page: its module's or function's docstring.
    description: str = ""
    #: Files whose edits should reload this app (for ``--autoreload``).
    files: tuple[Path, ...] = ()

    def build(self) -> Built:
        """Run the app code for a new session. Never raises: failures become an error page."""
        try:
            return self._build()
        except Exception:
            text = traceback.format_exc()
            log.error("app %r raised while building a session:\n%s", self.name, text)
            return error_page(f"The app **{self.name}** raised an exception", text)

    @abstractmethod
    def _build(self) -> Built:
        """Run the app code; may raise."""


class FileApp(App):
    """An app file (a script, a notebook) run top to bottom per session: the file must
    exist when the app is made (:class:`AppError` names it), its name and title are the
    file's stem unless given, autoreload watches it, and local modules beside it are
    importable, as when it is run with ``python`` or in Jupyter."""

    #: What the file is, for messages ("app file", "notebook").
    kind = "app file"
    #: Its suffix, for messages (".py", ".ipynb").
    suffix = ".py"

    def __init__(self, path: str | Path, *, name: str | None = None) -> None:
        self.path = Path(path).resolve()
        if not self.path.is_file():
            raise AppError(f"{self.kind} not found: {path} (give the path of a "
                           f"{self.suffix} file)")
        self.name = name or self.path.stem
        self.title = self.name
        self.files = (self.path,)
        folder = str(self.path.parent)
        if folder not in sys.path:
            sys.path.insert(0, folder)


def first_paragraph(doc: str | None) -> str:
    """The first paragraph of a docstring, on one line ("" for none)."""
    return " ".join((doc or "").strip().split("\n\n", 1)[0].split())


def error_page(headline: str, detail: str) -> Built:
    """A page that says what failed (``headline``, Markdown) and shows ``detail`` (a
    traceback) as it is."""
    page = Column(Markdown(headline), Str(detail, css_classes=["docsync-error"]))
    return Built([page], "Error", failed=True)


def nothing_shown(name: str) -> Built:
    """The page of an app that marked nothing to show, saying how to mark it."""
    return error_page(
        f"The app **{name}** shows nothing",
        "Mark what the page shows with .servable(), for example:\n\n"
        "    ds.Column(slider, output).servable()\n\n"
        "or return it from the app function.")
