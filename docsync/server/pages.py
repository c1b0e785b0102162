"""HTML the server sends: the bootstrap page (PROTOCOL.md §2) and the app index."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping

__all__ = ["bootstrap_page", "index_page"]


def _script_json(obj: object) -> str:
    # "</" must not appear inside a <script> element; escaping "<" keeps the JSON valid.
    return json.dumps(obj).replace("<", "\\u003c")


def bootstrap_page(*, app: str, token: str, session_id: str, title: str, static: str,
                   max_message: int) -> str:
    """The page for one app: bootstrap object, client bundle; no app code has run.

    ``max_message`` is the server's frame limit in bytes: the client refuses to send a
    larger message itself rather than have the connection closed with 1009 (§1) and the
    message resent after every reconnect.

    The WebSocket URL names ``session_id`` (the one inside ``token``) so that whatever
    routes connections (the ``--num-procs`` acceptor, a load balancer) can send every
    connection of a session to the process that holds it without reading the ``hello``.
    """
    # Relative to the page, so a path prefix survives; the id is URL-safe base64 (§2).
    ws = f"{app.rsplit('/', 1)[-1]}/ws?session={session_id}"
    boot = {"protocol": 1, "app": app, "token": token, "ws": ws, "max_message": max_message}
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<link rel="stylesheet" href="{static}docsync.css">
</head>
<body>
<div id="docsync-root"></div>
<script type="application/json" id="docsync-bootstrap">{_script_json(boot)}</script>
<script src="{static}docsync.js"></script>
</body>
</html>
"""


def index_page(apps: list[str], titles: Mapping[str, str] | None = None) -> str:
    """A list of links to every app, for ``/`` when several apps are served, each named by
    its title in ``titles`` (``pn.config.index_titles``: app path, with or without its
    leading "/", → title) or else by its path."""
    titles = {str(k).strip("/"): str(v) for k, v in (titles or {}).items()}
    items = "\n".join(
        f'<li><a href="{html.escape(a)}">{html.escape(titles.get(a, a))}</a></li>'
        for a in sorted(apps))
    return f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>docsync apps</title>
<link rel="stylesheet" href="_docsync/static/docsync.css"></head>
<body class="docsync-index"><h1>Apps</h1><ul>
{items}
</ul></body></html>
"""
