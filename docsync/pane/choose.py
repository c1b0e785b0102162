"""``panel(obj)``: the pane that shows an object, picked by its type (Panel's ``pn.panel``)."""

from __future__ import annotations

from typing import Any

from docsync.core.model import Model
from docsync.pane.bokeh import Bokeh, HoloViews, is_bokeh_model, is_holoviews
from docsync.pane.dataframe import DataFrame, is_frame
from docsync.pane.image import Image, is_image
from docsync.pane.jsonpane import JSON
from docsync.pane.plots import (
    Matplotlib,
    Vega,
    is_altair_chart,
    is_matplotlib_figure,
    is_vega_spec,
)
from docsync.pane.text import Markdown, Str

__all__ = ["pane_type", "panel"]


def pane_type(obj: Any) -> type[Model]:
    """The model type :func:`panel` would use for ``obj`` (nothing is built).

    In order: a model is itself; a function (including ``bind`` results) is a
    ``ParamFunction``; an image URL or an existing image file named by a string is an
    ``Image``, any other string ``Markdown``; a pandas DataFrame or Series is a
    ``DataFrame``; a matplotlib Figure is ``Matplotlib``; an Altair chart or a dict with a
    Vega(-Lite) ``$schema`` is ``Vega``; a Bokeh figure or layout is ``Bokeh``, a HoloViews
    (hvPlot) object ``HoloViews``; image bytes or a path with an image suffix is an
    ``Image``; another dict or list is ``JSON``; anything else is ``Str``.
    """
    from docsync.bind import ParamFunction

    if isinstance(obj, Model):
        return type(obj)
    if callable(obj):
        return ParamFunction
    if isinstance(obj, str):
        return Image if is_image(obj) else Markdown
    if is_frame(obj):
        return DataFrame
    if is_matplotlib_figure(obj):
        return Matplotlib
    if is_altair_chart(obj) or is_vega_spec(obj):
        return Vega
    if is_bokeh_model(obj):
        return Bokeh
    if is_holoviews(obj):
        return HoloViews
    if is_image(obj):
        return Image
    if isinstance(obj, (dict, list)):
        return JSON
    return Str


def panel(obj: Any) -> Model:
    """The model that shows ``obj``: itself if it is a model, else a new pane of
    :func:`pane_type`."""
    if isinstance(obj, Model):
        return obj
    return pane_type(obj)(obj)
