"""Panes: models that show one object (text, images, figures, charts, data frames, the
value of a function, a form of a Parameterized's parameters), and ``panel(obj)``, which
picks the pane for an object as Panel's ``pn.panel`` does."""

from typing import Any

from docsync.pane.base import PaneBase
from docsync.pane.bokeh import Bokeh, HoloViews
from docsync.pane.choose import pane_type, panel
from docsync.pane.dataframe import DataFrame
from docsync.pane.function import ParamFunction, ParamMethod
from docsync.pane.image import GIF, JPG, PNG, SVG, Image, WebP
from docsync.pane.jsonpane import JSON
from docsync.pane.media import PDF, Audio, Video
from docsync.pane.param import Param
from docsync.pane.plotly import Plotly
from docsync.pane.plots import Matplotlib, Vega
from docsync.pane.reactive_expr import ReactiveExpr
from docsync.pane.text import HTML, Alert, Markdown, Str

__all__ = ["GIF", "HTML", "JPG", "JSON", "PDF", "PNG", "SVG", "Alert", "Audio", "Bokeh",
           "DataFrame", "HoloViews", "Image", "Markdown", "Matplotlib", "PaneBase", "Param",
           "ParamFunction", "ParamMethod", "Plotly", "ReactiveExpr", "Str", "Vega", "Video",
           "WebP", "pane_type", "panel"]


def __getattr__(name: str) -> Any:
    # Only for names not found otherwise: says whether the name is Panel's (docsync.compat).
    from docsync.compat import missing

    raise missing(__name__, name)
