"""The shared protocol cases (tests/protocol_cases/) over the notebook transport.

A real kernel holds a real docsync widget; the test is its frontend: it sends the cases'
client messages as the widget's custom messages (what ``js/src/comm_transport.js`` sends)
and reads the kernel's, which must be the cases' server messages, as over a WebSocket
(tests/core/test_protocol_cases.py runs the same files against the core directly).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.core.test_protocol_cases import TRANSCRIPTS, _matches
from tests.notebook.kernel import Kernel
from tests.server.support import wait_until

SETUP = """
import docsync as ds
from docsync.core.session import LogLimits
from docsync.notebook.host import HostConfig, NotebookHost

host = NotebookHost(HostConfig(log_limits=LogLimits(max_messages={max_messages})))
x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
view = host.view(ds.Column(x, ds.bind(lambda v: f"x is {{v}}", x)))
def _session():
    return next(iter(view.registry.sessions.values()))
"""


@pytest.fixture
async def kernel() -> AsyncIterator[Kernel]:
    k = await Kernel().start()
    yield k
    await k.stop()


class CommRunner:
    """Plays a transcript over one widget's comm: one logical connection per ``hello``."""

    def __init__(self, kernel: Kernel, comm_id: str, token: str) -> None:
        self.kernel = kernel
        self.comm_id = comm_id
        self.token = token
        self.conn: str | None = None
        self.connections = 0
        self.read = 0  # custom messages of the comm consumed so far
        self.sent_cseq = 0

    def _unread(self) -> list[Any]:
        return self.kernel.customs(self.comm_id)[self.read:]

    def client(self, message: dict[str, Any]) -> None:
        if message["type"] == "hello":
            self.connections += 1
            self.conn = f"test-{self.connections}"
            message = {**message, "token": self.token}
        if self.conn is None:
            return  # an edit made offline: it reaches the kernel as a resend after welcome
        self.sent_cseq = max(self.sent_cseq, message.get("cseq", 0))
        self.kernel.send_custom(self.comm_id, {"conn": self.conn, "frame": json.dumps(message)})

    async def server(self, expected: dict[str, Any]) -> None:
        def next_frame() -> dict[str, Any] | None:
            for offset, content in enumerate(self._unread()):
                assert content.get("conn") == self.conn, f"another connection's: {content}"
                assert "frame" in content, f"expected {expected}, the kernel sent {content}"
                self.read += offset + 1
                frame: dict[str, Any] = json.loads(content["frame"])
                return frame
            return None

        actual = await wait_until(next_frame, timeout=10, what=f"the kernel to send {expected}")
        assert _matches(expected, actual), f"expected {expected}\n     got {actual}"

    async def settle(self) -> None:
        """Wait until the session applied every client message sent so far (they were on
        the wire before the connection dropped; what was coming back is what gets lost)."""
        async def applied() -> bool:
            done = await self.kernel.value(
                f"_session().applied_cseq >= {self.sent_cseq} and "
                "host.runtime.context_of(_session()).executor.pending == 0")
            return bool(done)

        for _ in range(200):
            if await applied():
                return
        raise AssertionError("the kernel did not apply the client's messages")

    async def drop(self) -> None:
        """Close the connection (the closing handshake); whatever the kernel sent before its
        answering close is lost in flight."""
        assert self.conn is not None
        await self.settle()
        conn, self.conn = self.conn, None
        self.kernel.send_custom(self.comm_id, {"conn": conn, "close": 1001, "reason": "drop"})

        def closed() -> bool:
            for offset, content in enumerate(self._unread()):
                if content.get("conn") == conn and "close" in content:
                    self.read += offset + 1
                    return True
            return False

        await wait_until(closed, timeout=10, what="the kernel to answer the close")

    async def server_set(self, step: dict[str, Any]) -> None:
        await self.kernel.execute(
            f"setattr(_session().document.get_model({step['model']!r}), {step['prop']!r}, "
            f"{step['value']!r})")

    async def finish(self) -> None:
        await self.kernel.execute("pass")  # everything queued before it has been handled
        assert not [c for c in self._unread() if "frame" in c], \
            f"the kernel sent more than the transcript: {self._unread()}"


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
async def test_transcript_over_the_comm(kernel: Kernel, path: Path) -> None:
    case = json.loads(path.read_text())
    assert case["app"] == "hello"
    await kernel.execute(SETUP.format(max_messages=case.get("log_max_messages", 1024)))
    comm = await kernel.comm_opened(
        lambda c: c["data"].get("state", {}).get("_anywidget_id", "").endswith("NotebookView"))
    runner = CommRunner(kernel, comm["comm_id"], comm["data"]["state"]["token"])
    for step in case["steps"]:
        if "client" in step:
            runner.client(step["client"])
        elif "server" in step:
            await runner.server(step["server"])
        elif "drop" in step:
            await runner.drop()
        elif "server_set" in step:
            await runner.server_set(step["server_set"])
        else:
            raise AssertionError(f"unknown step {step}")
    await runner.finish()
