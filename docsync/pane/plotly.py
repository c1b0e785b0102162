"""``Plotly``: a Plotly figure drawn in the browser with plotly.js (Panel's ``pn.pane.Plotly``)."""

from __future__ import annotations

import datetime
import decimal
import logging
import math
from typing import Any

import param

from docsync.exceptions import Invalid
from docsync.pane.base import PaneBase, set_computed

__all__ = ["Plotly", "figure_json", "is_plotly_figure"]

log = logging.getLogger(__name__)

#: Client-writable props that carry the points of a Plotly event (``{"points": [...]}``).
_POINT_EVENTS = ("click_data", "hover_data", "selected_data")


def is_plotly_figure(obj: Any) -> bool:
    """Whether ``pn.panel`` shows ``obj`` with :class:`Plotly`: a plotly ``Figure``
    (anything with ``to_plotly_json``; plotly is not imported) or, as in Panel, a dict with
    both ``data`` and ``layout`` (a dict with only ``data`` may be any JSON: the JSON pane)."""
    if isinstance(obj, dict):
        return _is_figure_dict(obj) and "layout" in obj
    return callable(getattr(type(obj), "to_plotly_json", None))


def _is_figure_dict(obj: dict[Any, Any]) -> bool:
    """A figure dict the pane takes: ``data`` (a list of traces, or one trace: plotly's
    ``Figure`` takes either), ``layout``, ``frames``."""
    return isinstance(obj.get("data"), (list, tuple, dict)) and set(obj) <= {"data", "layout",
                                                                             "frames"}


def figure_json(value: Any, where: str = "figure") -> Any:
    """``value`` as JSON data, as plotly.js reads a figure: dicts, lists, strings, numbers
    (NaN and infinities as null, which plotly.js draws as gaps), booleans and None; numpy
    and pandas arrays and scalars through their ``tolist()``; dates and times as ISO 8601.

    Raises :class:`TypeError` naming where in the figure (``where``, e.g.
    ``figure.data[0].customdata[3]``) a value of any other type is: unlike the JSON pane,
    a figure never shows the ``str()`` of an object where a number belongs.
    """
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, decimal.Decimal):
        return figure_json(float(value), where)
    if isinstance(value, dict):
        return {str(k): figure_json(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [figure_json(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if callable(getattr(value, "tolist", None)):  # numpy arrays and scalars, pandas Series
        return figure_json(value.tolist(), where)
    raise TypeError(f"{where} is of type {type(value).__name__}, which a figure cannot hold "
                    f"(use numbers, strings, dates, lists or numpy arrays)")


class Plotly(PaneBase):
    """A plotly ``Figure``, or a figure dict ``{"data": [...], "layout": {...}}``, drawn
    in the browser with plotly.js (Panel's ``pn.pane.Plotly``).

    The figure is sent as JSON (``figure``). When ``object`` is set again (or
    ``param.trigger("object")`` is called after changing the figure in place), only what
    changed inside the figure is sent (a one-trace change sends that trace). plotly.js
    (~4.7 MiB, every trace type) is loaded only by pages that show a Plotly pane.

    The user's clicks, hovers, box or lasso selections and zooms set ``click_data``,
    ``hover_data``, ``selected_data`` and ``relayout_data`` (plotly.js event data: points
    as ``{"curveNumber", "pointNumber", "x", "y", ...}``; ``relayout_data`` as plotly.js
    reports a relayout, e.g. ``{"xaxis.range[0]": 1.5, ...}``). The browser sends a hover
    at most once per animation frame, and a zoom or pan when it ends. From the keyboard,
    the arrow keys move between points and Enter or Space clicks the focused point.

    A figure that cannot be sent (an object where a number belongs) is not drawn: the pane
    shows a message naming itself and the place in the figure, which is also logged.
    """

    _wire_exclude = PaneBase._wire_exclude | {"object"}
    _diffed_props = frozenset({"figure"})
    _client_writable = frozenset({*_POINT_EVENTS, "relayout_data"})
    _unsupported = {
        **PaneBase._unsupported,
        "link_figure": "docsync does not watch a figure for changes in place: after "
                       "changing it, set pane.object = fig again (or call "
                       "pane.param.trigger('object')); only what changed is sent",
        "doubleclick_data": "docsync does not send double clicks yet: the autoscale a "
                            "double click makes arrives in relayout_data",
        "clickannotation_data": "docsync does not send clicks on annotations yet",
        "restyle_data": "docsync does not send restyles (a legend click hiding a trace) yet",
        "viewport_update_policy": "docsync keeps no viewport parameter: read the axis "
                                  "ranges from relayout_data, sent when a zoom or pan ends",
        "viewport_update_throttle": "docsync keeps no viewport parameter: read the axis "
                                    "ranges from relayout_data, sent when a zoom or pan ends",
    }

    object = param.Parameter(default=None, doc="A plotly Figure or a figure dict.")
    config = param.Dict(default={}, doc="plotly.js configuration options "
                        "(https://plotly.com/javascript/configuration-options/).")
    click_data = param.Dict(default=None, allow_None=True,
                            doc="The points of the last click ({'points': [...]}).")
    hover_data = param.Dict(default=None, allow_None=True,
                            doc="The points under the pointer, or None when it leaves them.")
    selected_data = param.Dict(default=None, allow_None=True,
                               doc="The points of the last box or lasso selection, or None "
                                   "when it is cleared.")
    relayout_data = param.Dict(default=None, allow_None=True,
                               doc="The layout changes of the last zoom, pan or autoscale.")
    figure = param.Dict(default=None, allow_None=True, constant=True,
                        doc="Computed: the figure as JSON data.")
    error = param.String(default=None, allow_None=True, constant=True,
                         doc="Computed: why the figure cannot be shown, or None.")

    @param.depends("object", watch=True, on_init=True)
    def _convert(self) -> None:
        obj = self.object
        if obj is None:
            set_computed(self, figure=None, error=None)
            return
        if not (_is_figure_dict(obj) if isinstance(obj, dict) else is_plotly_figure(obj)):
            raise ValueError(f"Plotly shows a plotly Figure or a dict with a 'data' list of "
                             f"traces (and optionally 'layout'), not {type(obj).__name__}")
        plain = obj.to_plotly_json() if not isinstance(obj, dict) else obj
        traces = plain.get("data", [])
        try:
            figure = figure_json({"data": [traces] if isinstance(traces, dict) else traces,
                                  "layout": plain.get("layout", {}),
                                  **({"frames": plain["frames"]} if plain.get("frames") else {})})
        except TypeError as exc:
            message = f"Plotly pane {self.name!r} cannot show this figure: {exc}"
            log.error("%s", message)
            set_computed(self, figure=None, error=message)
            return
        set_computed(self, figure=figure, error=None)

    def _coerce_client_value(self, prop: str, value: Any) -> Any:
        if prop in _POINT_EVENTS and value is not None:
            points = value.get("points") if isinstance(value, dict) else None
            if not isinstance(points, list) or not all(isinstance(p, dict) for p in points):
                raise Invalid(f"Plotly {self.name!r}: {prop} must be null or an object with "
                              f"a 'points' list of objects")
        return value
