"""The static bundles a notebook output may ask its kernel for over the widget's comm.

A served page fetches ``vega.js``, ``tabulator.js`` or ``plotly.js`` from the server's
static URL when it first shows a Vega pane, a Tabulator or a Plotly pane, and BokehJS from
``/_docsync/bokeh/`` when it first shows a Bokeh pane; a notebook output has no such URL, so
it asks the kernel (the ``asset`` message of
:mod:`docsync.notebook.comm`). The bundle is sent only then, never in a widget's state.
"""

from __future__ import annotations

from pathlib import Path

from docsync.bokehjs import bokehjs_path
from docsync.exceptions import BokehJSNotFound

__all__ = ["ASSETS", "read_asset"]

STATIC = Path(__file__).resolve().parent.parent / "static"

#: The names given out, with ``bokeh/<version>/<file>`` for BokehJS (docsync.bokehjs). Only
#: these: a frontend must not read other files of the kernel.
ASSETS = frozenset({"vega.js", "tabulator.js", "plotly.js"})


def read_asset(name: str) -> str | None:
    """The text of the bundle ``name`` in ``docsync/static/``, or of BokehJS file
    ``bokeh/<version>/<file>`` of the installed bokeh; None when ``name`` is neither (or the
    bundle is missing: a checkout without ``make js``)."""
    if name.startswith("bokeh/"):
        version, _, file = name.removeprefix("bokeh/").partition("/")
        try:
            return bokehjs_path(version, file).read_text(encoding="utf-8")
        except BokehJSNotFound:
            return None
    if name not in ASSETS:
        return None
    try:
        return (STATIC / name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
