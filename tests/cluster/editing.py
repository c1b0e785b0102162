"""Tabs that edit an app (``apps/edits.py``) and remember what they sent, for the tests of
sessions that outlive their worker."""

from __future__ import annotations

import asyncio
import contextlib

from docsync.testing import NetworkClient

__all__ = ["Editor"]


class Editor:
    """One tab of ``apps/edits.py``: every edit it sends, and what it must see at the end."""

    def __init__(self, client: NetworkClient) -> None:
        self.client = client
        protocol = client.client
        assert protocol is not None
        self.ids = {kind: protocol.find(kind) for kind in ("IntSlider", "TextInput", "Button",
                                                           "Str")}
        self.x, self.text, self.clicks = 0, "", 0

    @classmethod
    async def open(cls, url: str) -> Editor:
        return cls(await NetworkClient(url).open())

    async def edit(self, i: int) -> None:
        """Three client messages: a slider value, a text, a click."""
        self.x, self.text, self.clicks = i, f"t{i}", self.clicks + 1
        await self.client.set(self.ids["IntSlider"], "value", self.x)
        await self.client.set(self.ids["TextInput"], "value", self.text)
        await self.client.click(self.ids["Button"])

    async def edit_until(self, stop: asyncio.Event, *, limit: int = 2000,
                         pause: float = 0.01, max_unacked: int = 60) -> None:
        """Edit every ``pause`` s until ``stop``, but, while connected, never more than
        ``max_unacked`` client messages ahead of the server's acknowledgements.

        Without that bound the tabs offered a fixed load (6,000 messages/s for 20 tabs):
        on a loaded machine the server fell behind, every session's queue grew, and an
        acknowledgement (which waits for a save queued behind that backlog) took longer
        than the tests wait (issue 12 item 10). A dead connection does not hold edits back:
        they wait in the outbox, to be resent.
        """
        for i in range(1, limit + 1):
            if stop.is_set():
                return
            if self.client.close_code is None:
                with contextlib.suppress(ConnectionError, TimeoutError):
                    await self.client.wait_for(lambda c: len(c.outbox) < max_unacked,
                                               timeout=10)
            await self.edit(i)
            await asyncio.sleep(pause)

    @property
    def acked(self) -> int:
        """The highest ``cseq`` the server acknowledged (the client forgot those)."""
        protocol = self.client.client
        assert protocol is not None
        return min((m["cseq"] for m in protocol.outbox), default=protocol.cseq + 1) - 1

    def expected(self, *, rebuilt: bool) -> str:
        """What the page's Str says once the server applied every edit exactly once."""
        return f"x={self.x} clicks={self.clicks} text={self.text} rebuilt={rebuilt}"

    def shown(self) -> str:
        protocol = self.client.client
        assert protocol is not None
        return str(protocol.prop(self.ids["Str"], "text"))
