"""Drive apps headless through the real protocol (public API).

- :class:`ClientProtocol`: the browser's half of PROTOCOL.md in Python, without DOM or
  socket: it holds the document, applies patches, numbers its messages, keeps its outbox
  and resends it on resume.
- :class:`LocalClient`: an app served in-process by the real core, runtime and pump, no
  socket, with a manual clock (``advance``); the connection can be dropped, delayed and
  resumed (Starlette's ``TestClient``, Streamlit's ``AppTest``, at the protocol level).
- :class:`NetworkClient`: the same client over a real WebSocket to a running server.
"""

from docsync.testing.local import LocalClient
from docsync.testing.network import NetworkClient, fetch
from docsync.testing.protocol import ClientProtocol, ProtocolMismatch

__all__ = ["ClientProtocol", "LocalClient", "NetworkClient", "ProtocolMismatch", "fetch"]
