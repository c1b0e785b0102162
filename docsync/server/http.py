"""HTTP side of the server: routes, origin check (PROTOCOL.md §9), static files."""

from __future__ import annotations

import http
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from websockets.datastructures import Headers
from websockets.http11 import Response

__all__ = ["Route", "origin_allowed", "response", "route", "static_file", "url_session"]

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STATIC_MARK = "/_docsync/static/"
DOWNLOAD_MARK = "/_docsync/download/"  # see docsync.server.downloads


@dataclass(frozen=True)
class Route:
    kind: str  # "index" | "page" | "ws" | "static" | "download" | "redirect" | "none"
    target: str = ""


def route(path: str, apps: frozenset[str]) -> Route:
    """What a request path asks for, given the served app paths (no leading slash)."""
    path = path.split("?", 1)[0]
    if STATIC_MARK in path:
        return Route("static", path.rsplit(STATIC_MARK, 1)[1])
    if DOWNLOAD_MARK in path:
        return Route("download", path.rsplit(DOWNLOAD_MARK, 1)[1])
    if path == "/":
        if len(apps) == 1:
            return Route("redirect", next(iter(apps)))
        return Route("index")
    name = path.strip("/")
    if path.endswith("/ws") and name[:-3] in apps:
        return Route("ws", name[:-3])
    if name in apps:
        if path.endswith("/"):
            return Route("redirect", "../" + name.rsplit("/", 1)[-1])
        return Route("page", name)
    return Route("none")


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


def static_file(name: str) -> Response:
    """A file shipped in ``docsync/static`` by exact name; anything else is a 404."""
    path = STATIC_DIR / name
    if "/" in name or name.startswith(".") or not path.is_file():
        return response(404, "not found", content_type="text/plain")
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if kind == "text/javascript":
        kind = "application/javascript"
    return response(200, path.read_bytes(), content_type=kind)
