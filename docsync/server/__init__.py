"""The WebSocket transport: HTTP pages and static files, the socket pump, the server."""

from docsync.server.server import Server, ServerConfig

__all__ = ["Server", "ServerConfig"]
