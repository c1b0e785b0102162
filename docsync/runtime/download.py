"""Sending a file to one session's page: the ``download`` command (PROTOCOL.md §4).

A small file travels in the command's data, base64: ``{"filename", "mime_type", "data"}``.
One over :data:`INLINE_DOWNLOAD_MAX` bytes, when the session's transport serves HTTP
(``SessionContext.offer_download``), travels as ``{"filename", "mime_type", "url"}``: a URL
relative to the page, valid for one request by that page only
(``docsync.server.downloads``). A large file in a frame would sit in the replay log (§6)
and count against the connection's byte budget (``runtime.pump.MAX_UNSENT_BYTES``) until
sent; by URL it is neither, is not base64-inflated, and any size works.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docsync.runtime.context import SessionContext

__all__ = ["INLINE_DOWNLOAD_MAX", "send_file"]

#: Bytes of a file a ``download`` command carries in its data; larger ones go by URL.
#: Below the replay log's default byte bound (1 MiB) once base64-encoded.
INLINE_DOWNLOAD_MAX = 512 << 10


def send_file(context: SessionContext, filename: str, mime_type: str, content: bytes) -> None:
    """Have the page of ``context`` save ``content`` as ``filename`` (thread-safe)."""
    offer = context.offer_download
    if offer is not None and len(content) > INLINE_DOWNLOAD_MAX:
        file: dict[str, Any] = {"url": offer(filename, mime_type, content)}
    else:
        file = {"data": base64.b64encode(content).decode("ascii")}
    context.command("download", {"filename": filename, "mime_type": mime_type, **file})
