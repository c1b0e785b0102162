"""BokehJS over HTTP: ``/_docsync/bokeh/<version>/<file>``, from the installed ``bokeh``
(:mod:`docsync.bokehjs` says which files and versions)."""

from __future__ import annotations

from websockets.http11 import Response

from docsync.bokehjs import bokehjs_path
from docsync.exceptions import BokehJSNotFound
from docsync.server.http import response

__all__ = ["bokehjs_file"]


def bokehjs_file(target: str) -> Response:
    """The answer for ``target`` (``"<version>/<file>"``, the part of the URL after
    ``/_docsync/bokeh/``): the file, or a 404 that says why."""
    version, _, name = target.partition("/")
    try:
        path = bokehjs_path(version, name)
    except BokehJSNotFound as exc:
        return response(exc.status, str(exc), content_type="text/plain")
    # The URL names the version, so the file never changes under it.
    return response(200, path.read_bytes(), content_type="application/javascript",
                    headers={"Cache-Control": "public, max-age=86400"})
