"""``NotebookView``: one displayed object, as an anywidget whose comm carries its sessions.

The widget's front end is ``docsync/static/notebook.js`` (built from ``js/src/notebook.js``):
the browser client's own protocol, patch, document and view modules over the comm transport
(``js/src/comm_transport.js``). The widget itself syncs two traits: ``token``, the session
token of its first session, as a served page embeds one (PROTOCOL.md §2); and ``snapshot``,
the output's static HTML when it was displayed (docsync/notebook/static.py), which a view
shows when it cannot reach the kernel (a notebook opened without its kernel, an HTML export
with the widget state saved). Bundles only some outputs need (``vega.js``) are not in the
widget's state: an output asks the kernel for them over the comm (docsync/notebook/comm.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import traitlets

from docsync.core.registry import SessionRegistry
from docsync.notebook.comm import CommChannel
from docsync.runtime.context import Runtime

__all__ = ["NotebookView"]

STATIC = Path(__file__).resolve().parent.parent / "static"


class NotebookView(anywidget.AnyWidget):  # type: ignore[misc]
    """The live output of one ``display``: every view of it in the frontend opens its own
    connection (and, with a fresh token, its own session) of ``registry``."""

    _esm = STATIC / "notebook.js"
    token = traitlets.Unicode("").tag(sync=True)
    snapshot = traitlets.Unicode("").tag(sync=True)

    def __init__(self, *, registry: SessionRegistry, runtime: Runtime, token: str,
                 mint_token: Any, snapshot: str = "", **kwargs: Any) -> None:
        super().__init__(token=token, snapshot=snapshot, **kwargs)
        self.registry = registry
        self.channel = CommChannel(send=self.send, registry=registry, runtime=runtime,
                                   mint_token=mint_token)
        self.on_msg(self._on_custom)

    def _on_custom(self, _widget: Any, content: Any, _buffers: Any) -> None:
        self.channel.receive(content)
