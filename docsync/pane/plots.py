"""Plot panes: ``Matplotlib`` (drawn on the server) and ``Vega`` (drawn in the browser)."""

from __future__ import annotations

import base64
import io
import sys
from typing import Any

import param

from docsync.core.params import Integer
from docsync.pane.base import PaneBase, set_computed
from docsync.pane.plain import to_plain

__all__ = ["Matplotlib", "Vega", "is_altair_chart", "is_matplotlib_figure", "is_vega_spec"]


def is_matplotlib_figure(obj: Any) -> bool:
    """Whether ``obj`` is a ``matplotlib.figure.Figure`` (without importing matplotlib)."""
    if "matplotlib.figure" not in sys.modules:
        return False
    from matplotlib.figure import Figure

    return isinstance(obj, Figure)


def is_altair_chart(obj: Any) -> bool:
    """Whether ``obj`` is an Altair chart (without importing altair, which is slow)."""
    return (type(obj).__module__.split(".", 1)[0] == "altair"
            and callable(getattr(obj, "to_dict", None)))


def is_vega_spec(obj: Any) -> bool:
    """Whether ``obj`` is a dict that declares a Vega or Vega-Lite ``$schema``."""
    return isinstance(obj, dict) and "vega" in str(obj.get("$schema", ""))


class Matplotlib(PaneBase):
    """A matplotlib ``Figure``, rendered on the server to SVG (default) or PNG.

    Build the figure with ``matplotlib.figure.Figure()``, not ``pyplot``: pyplot keeps
    every figure in global state, which sessions would share and never free. Rendering uses
    the figure's own canvas (Agg for PNG), so no global backend is switched. The image is
    drawn when ``object`` or an option is set, in that thread; after changing a figure in
    place, assign ``object`` again (or call ``param.trigger("object")``) to redraw it.
    """

    _wire_exclude = PaneBase._wire_exclude | {"object", "format", "dpi", "tight"}

    object = param.Parameter(default=None, allow_refs=True,
                             doc="A matplotlib.figure.Figure.")
    format: param.Selector[str] = param.Selector(default="svg", objects=["svg", "png"])
    dpi = Integer(default=144, bounds=(1, None), doc="Resolution of a PNG.")
    tight = param.Boolean(default=True, doc="Crop the figure to its contents.")
    alt_text = param.String(default="", doc="Text for screen readers (default: \"Figure\").")
    src = param.String(default=None, allow_None=True, constant=True,
                       doc="Computed: the rendered figure as a data: URL.")

    @param.depends("object", "format", "dpi", "tight", watch=True, on_init=True)
    def _render(self) -> None:
        fig = self.object
        if fig is None:
            set_computed(self, src=None)
            return
        if not is_matplotlib_figure(fig):
            raise ValueError(f"Matplotlib shows a matplotlib Figure, not {type(fig).__name__}")
        buffer = io.BytesIO()
        fig.savefig(buffer, format=self.format, dpi=self.dpi,
                    bbox_inches="tight" if self.tight else None)
        mime = "image/svg+xml" if self.format == "svg" else "image/png"
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        set_computed(self, src=f"data:{mime};base64,{data}")


class Vega(PaneBase):
    """A Vega-Lite (or Vega) spec dict, or an Altair chart, drawn in the browser with
    vega-embed (Panel's ``pn.pane.Vega``).

    The spec is sent as JSON (``spec``); Altair charts are converted with ``to_dict()``.
    The Vega libraries (~860 KiB) are loaded only by pages that show a Vega pane. With a
    ``stretch_width`` or ``stretch_both`` sizing mode, a spec without a ``width`` fills the
    pane's width.
    """

    _wire_exclude = PaneBase._wire_exclude | {"object"}

    object = param.Parameter(default=None, allow_refs=True,
                             doc="A Vega-Lite spec dict or an Altair chart.")
    show_actions = param.Boolean(default=False, doc="Show vega-embed's export/source menu.")
    spec = param.Dict(default=None, allow_None=True, constant=True,
                      doc="Computed: the spec as JSON data.")

    @param.depends("object", watch=True, on_init=True)
    def _convert(self) -> None:
        obj = self.object
        if obj is None:
            set_computed(self, spec=None)
        elif is_altair_chart(obj):
            set_computed(self, spec=to_plain(obj.to_dict()))
        elif isinstance(obj, dict):
            set_computed(self, spec=to_plain(obj))
        else:
            raise ValueError(f"Vega shows a spec dict or an Altair chart, "
                             f"not {type(obj).__name__}")
