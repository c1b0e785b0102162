"""BokehJS, served from the installed ``bokeh`` package: ``/_docsync/bokeh/<version>/<file>``.

The JSON item a ``Bokeh`` pane sends names the ``bokeh`` version that made it; BokehJS of
another version may not read it, so a URL naming any version but the installed one is a
404, as is any file but BokehJS's own bundles. bokeh is located, never imported: a server
whose apps show no Bokeh plot does not load it.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from pathlib import Path

from websockets.http11 import Response

from docsync.server.http import response

__all__ = ["BOKEHJS_FILES", "bokehjs_file"]

#: The files a page may ask for: BokehJS and its optional parts (docsync.pane.bokeh).
BOKEHJS_FILES = frozenset({"bokeh.min.js", "bokeh-gl.min.js", "bokeh-widgets.min.js",
                           "bokeh-tables.min.js", "bokeh-mathjax.min.js"})


def _installed() -> tuple[str, Path] | None:
    spec = importlib.util.find_spec("bokeh")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "server" / "static" / "js"
    return importlib.metadata.version("bokeh"), folder


def bokehjs_file(target: str) -> Response:
    """The answer for ``target`` (``"<version>/<file>"``, the part of the URL after
    ``/_docsync/bokeh/``): the file from the installed bokeh if the version is its own and
    the file one of :data:`BOKEHJS_FILES`, else a 404 that says why."""
    version, _, name = target.partition("/")
    found = _installed()
    if found is None:
        return response(404, "bokeh is not installed on this server "
                             "(pip install 'docsync[bokeh]')", content_type="text/plain")
    installed, folder = found
    if name not in BOKEHJS_FILES:
        return response(404, "not found", content_type="text/plain")
    if version != installed:
        return response(404, f"this server has bokeh {installed}, not {version}: reload the "
                             f"page", content_type="text/plain")
    path = folder / name
    if not path.is_file():
        return response(404, "not found", content_type="text/plain")
    # The URL names the version, so the file never changes under it.
    return response(200, path.read_bytes(), content_type="application/javascript",
                    headers={"Cache-Control": "public, max-age=86400"})
