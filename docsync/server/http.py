"""HTTP side of the server: routes, origin check (PROTOCOL.md §9), static files."""

from __future__ import annotations

import http
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from websockets.datastructures import Headers
from websockets.http11 import Response

__all__ = ["HEALTH_PATHS", "LOGIN_ROUTES", "METRICS_PATH", "Route", "folder_file",
           "origin_allowed", "response", "route", "static_file", "url_session"]

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STATIC_MARK = "/_docsync/static/"
DOWNLOAD_MARK = "/_docsync/download/"  # see docsync.server.downloads
#: BokehJS from the installed bokeh package (docsync.server.bokehjs).
BOKEH_MARK = "/_docsync/bokeh/"


@dataclass(frozen=True)
class Route:
    #: "index" | "page" | "ws" | "static" | "download" | "bokehjs" | "folder" | "redirect" |
    #: "health" | "metrics" | "none", and with logins "login" | "login-ws" | "login-done" | "logout"
    kind: str
    target: str = ""


#: Paths an orchestrator probes (``Route("health", name)``); no app may take them.
HEALTH_PATHS = frozenset({"liveness", "readiness"})


#: Prometheus' path (``Route("metrics")``), a route only with ``--metrics``.
METRICS_PATH = "metrics"


#: Paths of a server with logins (``--basic-auth``), relative to its prefix.
LOGIN_ROUTES = {"login": "login", "login/ws": "login-ws", "login/done": "login-done",
                "logout": "logout"}


def route(path: str, apps: frozenset[str], *, prefix: str = "",
          folders: frozenset[str] = frozenset(), login: bool = False,
          root: str | None = None, metrics: bool = False) -> Route:
    """What a request path asks for, given the served app paths (no leading slash).

    With ``prefix`` (``"/some/path"``, from ``--prefix``) every path but the health probes
    (answered with and without it) must lie under it: ``/some/path`` redirects to
    ``/some/path/``, anything outside is ``none``. ``folders`` are the names of
    ``--static-dirs``: ``/name/FILE`` is ``Route("folder", "name/FILE")``. With ``login``
    the :data:`LOGIN_ROUTES` are the gate's (``docsync.server.gate``). ``/`` redirects to
    app ``root``; without one it is the index page. With ``metrics`` (``--metrics``),
    ``/metrics`` is ``Route("metrics")``, with and without the prefix as the probes are.
    """
    path = path.split("?", 1)[0]
    if (probe := _probe(path, metrics)) is not None:
        return probe
    if prefix:
        if path == prefix:
            return Route("redirect", prefix + "/")
        if not path.startswith(prefix + "/"):
            return Route("none")
        path = path[len(prefix):]
        if (probe := _probe(path, metrics)) is not None:
            return probe
    if STATIC_MARK in path:
        return Route("static", path.rsplit(STATIC_MARK, 1)[1])
    if DOWNLOAD_MARK in path:
        return Route("download", path.rsplit(DOWNLOAD_MARK, 1)[1])
    if BOKEH_MARK in path:
        return Route("bokehjs", path.rsplit(BOKEH_MARK, 1)[1])
    if login and path.strip("/") in LOGIN_ROUTES:
        return Route(LOGIN_ROUTES[path.strip("/")])
    folder = path.lstrip("/").split("/", 1)[0]
    if folder in folders and path.count("/") > 1:
        return Route("folder", path.lstrip("/"))
    if path == "/":
        return Route("redirect", root) if root is not None else Route("index")
    name = path.strip("/")
    if path.endswith("/ws") and name[:-3] in apps:
        return Route("ws", name[:-3])
    if name in apps:
        if path.endswith("/"):
            return Route("redirect", "../" + name.rsplit("/", 1)[-1])
        return Route("page", name)
    return Route("none")


def _probe(path: str, metrics: bool) -> Route | None:
    name = path.strip("/")
    if name in HEALTH_PATHS:
        return Route("health", name)
    if metrics and name == METRICS_PATH:
        return Route("metrics")
    return None


def url_session(target: str) -> str | None:
    """The session id a WebSocket URL names (``.../ws?session=ID``), or None."""
    values = parse_qs(urlsplit(target).query).get("session")
    return values[0] if values else None


_DEFAULT_PORTS = {"http": "80", "https": "443"}


def origin_allowed(origin: str | None, host: str | None, allowed: frozenset[str]) -> bool:
    """PROTOCOL.md §9: the page's own host, or one of ``allowed``.

    An allowed entry is ``host:port`` (that port only), ``host`` (the default ports only,
    80 and 443, as Bokeh's ``--allow-websocket-origin`` documents), ``host:*`` (any port)
    or ``*`` (any origin). A request without ``Origin`` comes from a program, not a browser
    page, and is allowed.
    """
    if origin is None:
        return True
    parts = urlsplit(origin)
    netloc = parts.netloc.lower()
    if host is not None and netloc == host.lower():
        return True
    if "*" in allowed or netloc in allowed:
        return True
    name = _hostname(netloc)
    port = netloc[len(name) + 1:] or _DEFAULT_PORTS.get(parts.scheme.lower())
    if f"{name}:*" in allowed or f"{name}:{port}" in allowed:
        return True
    return name in allowed and port in _DEFAULT_PORTS.values()


_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def _hostname(netloc: str) -> str:
    if netloc.startswith("["):
        return netloc.split("]", 1)[0] + "]"
    return netloc.rsplit(":", 1)[0]


def host_allowed(host: str | None, address: str, allowed: frozenset[str]) -> bool:
    """Against DNS rebinding: a server bound to loopback answers only to loopback names
    (or hosts listed with ``--allow-websocket-origin``). A server bound to another
    address answers to any ``Host``; the origin check still applies."""
    if address not in ("127.0.0.1", "localhost", "::1") and not address.startswith("127."):
        return True
    if host is None:
        return True
    netloc = host.lower()
    name = _hostname(netloc)
    return (name in _LOOPBACK_NAMES or name.startswith("127.") or "*" in allowed
            or netloc in allowed or name in allowed)


def response(status: int, body: str | bytes = b"", *, content_type: str = "text/html",
             headers: dict[str, str] | None = None) -> Response:
    data = body.encode("utf-8") if isinstance(body, str) else body
    hdrs = Headers()
    hdrs["Content-Type"] = (f"{content_type}; charset=utf-8"
                            if content_type.startswith("text/") else content_type)
    hdrs["Content-Length"] = str(len(data))
    hdrs["Cache-Control"] = "no-cache"
    hdrs["X-Frame-Options"] = "SAMEORIGIN"
    hdrs["X-Content-Type-Options"] = "nosniff"
    # websockets closes the TCP connection after any answer but an upgrade: say so, or an
    # HTTP/1.1 client reuses the connection and finds it dead (RemoteDisconnected).
    hdrs["Connection"] = "close"
    for key, value in (headers or {}).items():
        if key in hdrs:
            del hdrs[key]
        hdrs[key] = value
    return Response(status, http.HTTPStatus(status).phrase, hdrs, data)


def folder_file(root: Path, relative: str) -> Response:
    """A file under ``root`` (a ``--static-dirs`` folder) by its relative URL path: no
    ``..``, no hidden names, nothing that resolves outside ``root`` (a symlink out is
    refused too); anything else is a 404."""
    parts = [p for p in unquote(relative).split("/") if p]
    base = root.resolve()
    if not parts or any(p in (".", "..") or p.startswith(".") or "\\" in p for p in parts):
        return response(404, "not found", content_type="text/plain")
    path = base.joinpath(*parts).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return response(404, "not found", content_type="text/plain")
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return response(200, path.read_bytes(), content_type=kind)


def static_file(name: str) -> Response:
    """A file shipped in ``docsync/static`` by exact name; anything else is a 404."""
    path = STATIC_DIR / name
    if "/" in name or name.startswith(".") or not path.is_file():
        return response(404, "not found", content_type="text/plain")
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if kind == "text/javascript":
        kind = "application/javascript"
    return response(200, path.read_bytes(), content_type=kind)
