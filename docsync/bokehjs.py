"""Where the installed ``bokeh`` package keeps BokehJS, for the transports that hand it to a
page: the server's ``/_docsync/bokeh/`` route and a notebook kernel's ``asset`` answer.

A ``Bokeh`` pane's item names the bokeh version that made it; BokehJS of another version
may not read it, so only the installed version's files are found. bokeh is located, never
imported: a process whose apps show no Bokeh plot does not load it.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from pathlib import Path

from docsync.exceptions import BokehJSNotFound

__all__ = ["BOKEHJS_FILES", "bokehjs_path"]

#: The files a page may ask for: BokehJS and its optional parts (docsync.pane.bokeh).
BOKEHJS_FILES = frozenset({"bokeh.min.js", "bokeh-gl.min.js", "bokeh-widgets.min.js",
                           "bokeh-tables.min.js", "bokeh-mathjax.min.js"})


def bokehjs_path(version: str, name: str) -> Path:
    """The path of BokehJS file ``name`` of bokeh ``version``; raises
    :class:`~docsync.exceptions.BokehJSNotFound` when bokeh is not installed, ``version``
    is not the installed one, or ``name`` is not one of :data:`BOKEHJS_FILES`."""
    spec = importlib.util.find_spec("bokeh")
    if spec is None or not spec.submodule_search_locations:
        raise BokehJSNotFound("bokeh is not installed here (pip install 'docsync[bokeh]')")
    if name not in BOKEHJS_FILES:
        raise BokehJSNotFound(f"{name!r} is not a BokehJS bundle")
    installed = importlib.metadata.version("bokeh")
    if version != installed:
        raise BokehJSNotFound(f"this server has bokeh {installed}, not {version}: reload the page")
    folder = Path(next(iter(spec.submodule_search_locations)))
    path = folder / "server" / "static" / "js" / name
    if not path.is_file():
        raise BokehJSNotFound(f"the bokeh package has no {name}")
    return path
