"""``panel(obj)``: the pane that shows an object, picked by its type (Panel's ``pn.panel``)."""

from __future__ import annotations

from typing import Any

import param

from docsync.core.model import Model
from docsync.pane.bokeh import Bokeh, HoloViews, is_bokeh_model, is_holoviews
from docsync.pane.dataframe import DataFrame, is_frame
from docsync.pane.function import ParamFunction, ParamMethod, is_method
from docsync.pane.image import Image, is_image
from docsync.pane.jsonpane import JSON
from docsync.pane.media import media_pane
from docsync.pane.param import Param
from docsync.pane.plotly import Plotly, is_plotly_figure
from docsync.pane.plots import (
    Matplotlib,
    Vega,
    is_altair_chart,
    is_matplotlib_figure,
    is_vega_spec,
)
from docsync.pane.reactive_expr import ReactiveExpr
from docsync.pane.text import Markdown, Str

__all__ = ["pane_type", "panel"]


def _viewer(obj: Any) -> bool:
    return not isinstance(obj, (Model, type)) and callable(getattr(obj, "__panel__", None))


def pane_type(obj: Any) -> type[Model]:
    """The model type :func:`panel` would use for ``obj`` (nothing is built).

    In order: a model is itself; an object with a ``__panel__`` method (Panel's
    ``Viewer``) is what that method returns (``Model`` here, since it is known only once
    built); a Bokeh figure or layout is ``Bokeh``, a HoloViews (hvPlot) object ``HoloViews``;
    a ``param.Parameterized`` object or class, its ``.param`` or one of its
    parameters (``obj.param.x``) is a ``Param`` form; a method of a Parameterized is a
    ``ParamMethod``; a reactive expression (``rx``) is a ``ReactiveExpr``; a function
    (``bind`` and ``depends`` results included) is a ``ParamFunction``; an image URL or an
    existing image file named by a string is an ``Image``, a video, sound or PDF one a
    ``Video``, ``Audio`` or ``PDF`` (by suffix), any other string ``Markdown``;
    a pandas DataFrame or Series is a ``DataFrame``; a matplotlib Figure is
    ``Matplotlib``; an Altair chart or a dict with a Vega(-Lite) ``$schema`` is ``Vega``;
    a plotly Figure or a dict with ``data`` and ``layout`` is ``Plotly``; image bytes or a
    path with an image suffix is an ``Image``, media bytes or a path with a media suffix
    the media pane (see :func:`~docsync.pane.media.media_pane`); another dict or list is
    ``JSON``; anything
    else is ``Str``.
    """
    if type(obj) is str and "." not in obj:
        # The common case first (the text a bound function returns): no suffix, so neither
        # an image nor a media path or URL; what the checks below would say, in 1/10 the time.
        return Markdown
    if isinstance(obj, Model):
        return type(obj)
    if _viewer(obj):
        return Model  # whatever its __panel__() returns: known once it is built
    # Before Param: a HoloViews element is a param.Parameterized too.
    if is_bokeh_model(obj):
        return Bokeh
    if is_holoviews(obj):
        return HoloViews
    if isinstance(obj, (param.Parameterized, param.parameterized.Parameters)) or (
            isinstance(obj, type) and issubclass(obj, param.Parameterized)) or (
            isinstance(obj, param.Parameter) and isinstance(obj.owner, param.Parameterized)):
        return Param
    if is_method(obj):
        return ParamMethod
    if isinstance(obj, param.rx):
        return ReactiveExpr
    if callable(obj):
        return ParamFunction
    if isinstance(obj, str):
        return Image if is_image(obj) else media_pane(obj) or Markdown
    if is_frame(obj):
        return DataFrame
    if is_matplotlib_figure(obj):
        return Matplotlib
    if is_altair_chart(obj) or is_vega_spec(obj):
        return Vega
    if is_plotly_figure(obj):
        return Plotly
    if is_image(obj):
        return Image
    media = media_pane(obj)
    if media is not None:
        return media
    if isinstance(obj, (dict, list)):
        return JSON
    return Str


def panel(obj: Any, **params: Any) -> Model:
    """The model that shows ``obj`` (Panel's ``pn.panel``): itself if it is a model, else
    a new pane of :func:`pane_type`, made with ``params`` (``width=``,
    ``defer_load=``...).

    ``params`` given with a model are set on it (Panel ignores them there); a name the
    pane does not have raises ``TypeError`` naming the pane's parameters.
    """
    if _viewer(obj):
        # Panel's Viewer protocol: the object says what shows it.
        return panel(obj.__panel__(), **params)
    kind = pane_type(obj)
    unknown = sorted(set(params) - set(kind.param))
    if unknown:
        raise TypeError(f"panel(): {kind.__name__} has no parameter "
                        f"{', '.join(map(repr, unknown))} (it has: "
                        f"{', '.join(n for n in kind.param if not n.startswith('_'))})")
    if isinstance(obj, Model):
        if params:
            obj.param.update(**params)
        return obj
    return kind(obj, **params)
