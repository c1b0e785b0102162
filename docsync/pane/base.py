"""The pane base: a model that shows one ``object``."""

from __future__ import annotations

from typing import Any

import param

from docsync.core.model import Model
from docsync.settings import sizing_default

__all__ = ["PaneBase", "set_computed"]


class PaneBase(Model):
    """A model that shows one ``object`` (Panel's pane). ``object`` is the first positional
    argument, as in Panel: ``Markdown("# Hi")``."""

    object = param.Parameter(default=None, allow_refs=True, doc=(
        "What the pane shows; a widget, bind result or rx expression is followed."))

    def __init__(self, object: Any = None, **params: Any) -> None:
        sizing_default(type(self), params)
        super().__init__(object=object, **params)


def set_computed(model: param.Parameterized, **values: Any) -> None:
    """Set constant parameters that a pane computes from its ``object``.

    Panes whose wire form is costly to compute (an image read, a figure drawn, a frame
    sorted) compute it eagerly, in the thread that changed ``object``, into a constant
    parameter; the document then only reads it. Computing it lazily when the document
    flushes would run that work on the event loop, where it would stall every session.
    """
    with param.parameterized.edit_constant(model):
        model.param.update(**values)
