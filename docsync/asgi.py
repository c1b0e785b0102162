"""docsync as an ASGI application, for uvicorn or any ASGI server, alone or mounted in a
FastAPI or Starlette service::

    import docsync.asgi
    dashboard = docsync.asgi.app({"sales": "sales.py"}, reconnect_timeout=60)

    api = FastAPI(lifespan=dashboard.lifespan)
    api.mount("/dash", dashboard)  # pages at /dash/sales

The pages, static files, WebSockets, sessions, resume, refusals and shutdown are the same as
``docsync serve``'s, which runs this same app with ``--server asgi``.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable
from typing import Any

from docsync.app_loader import load_apps
from docsync.exceptions import UsageError
from docsync.server.asgi import AsgiApp
from docsync.server.config import ServerConfig
from docsync.server.server import Server

__all__ = ["AsgiApp", "app"]

#: Options of a listening server that mean nothing to an app its ASGI server listens for.
_LISTENING = frozenset({"address", "port", "server", "ssl_certfile", "ssl_keyfile",
                        "ping_interval", "ping_timeout", "compression", "max_frame_size"})


def app(target: Any, *, title: str | None = None, setup: Callable[[], Any] | None = None,
        **options: Any) -> AsgiApp:
    """An ASGI application serving ``target``: an object, a function (called once per
    session), a script path, or a dict mapping URL paths to any of these (as ``ds.serve``).

    ``options`` are the server's (``reconnect_timeout=``, ``num_threads=``, ``redis=``,
    ``basic_auth=``, ``prefix=``...). Those of the listening socket (port, TLS, pings,
    compression, frame size) belong to the ASGI server (``uvicorn --ws-max-size ...``) and
    are refused here with that advice. The server starts at the ASGI lifespan startup (or
    at the first request) and stops at its shutdown; see :class:`AsgiApp`.
    """
    fields = {f.name for f in dataclasses.fields(ServerConfig)}
    for name in options:
        if name in _LISTENING:
            raise UsageError(f"{name}= is the ASGI server's to set (uvicorn's options), "
                             "not docsync.asgi.app's")
        if name not in fields:
            near = difflib.get_close_matches(name, sorted(fields - _LISTENING), n=1)
            hint = f": did you mean {near[0]}=?" if near else ""
            raise UsageError(f"docsync.asgi.app got an unknown option {name}={hint}")
    # The bound address is each request's own (the ASGI scope's): see Server.answer_http.
    config = dataclasses.replace(ServerConfig(), **options)
    return AsgiApp(Server(load_apps(target, title=title), config, setup=setup))
