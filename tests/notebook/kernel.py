"""A real IPython kernel for tests, driven over the Jupyter messaging protocol as a frontend
drives it: execute code, and talk to a widget's comm (custom messages) as anywidget does."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from typing import Any

from jupyter_client.manager import start_new_async_kernel

from docsync.testing import ClientProtocol
from tests.server.support import REPO, subprocess_env, wait_until

__all__ = ["CommClient", "Kernel", "KernelError"]


class KernelError(AssertionError):
    """Code run in the test kernel raised; the message holds its traceback."""


class Kernel:
    """One ``python3`` kernel (this checkout importable), its iopub messages recorded."""

    def __init__(self) -> None:
        self.manager: Any = None
        self.client: Any = None
        self.iopub: list[dict[str, Any]] = []
        self._reader: asyncio.Task[None] | None = None

    async def start(self, *, cwd: str | None = None) -> Kernel:
        env = subprocess_env()
        self.manager, self.client = await start_new_async_kernel(
            kernel_name="python3", startup_timeout=60, env=env, cwd=cwd or str(REPO))
        self._reader = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        while True:
            self.iopub.append(await self.client.get_iopub_msg())

    async def stop(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        if self.client is not None:
            self.client.stop_channels()
        if self.manager is not None:
            await self.manager.shutdown_kernel(now=True)

    # -- running code ----------------------------------------------------------------------

    async def execute(self, code: str, *, timeout: float = 30.0) -> list[dict[str, Any]]:
        """Run ``code``; returns its outputs (iopub ``content``s of display, result and
        stream messages). Raises :class:`KernelError` when it raised."""
        msg_id = self.client.execute(code)
        reply = await self.client.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = await self.client.get_shell_msg(timeout=timeout)
        await wait_until(lambda: any(
            m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
            and m["content"]["execution_state"] == "idle" for m in self.iopub),
            timeout=timeout, what="the kernel to finish the cell")
        mine = [m for m in self.iopub if m["parent_header"].get("msg_id") == msg_id]
        if reply["content"]["status"] != "ok":
            trace = "\n".join(reply["content"].get("traceback", []))
            raise KernelError(f"{reply['content'].get('ename')}: "
                              f"{reply['content'].get('evalue')}\n{trace}")
        return [m["content"] for m in mine
                if m["msg_type"] in ("display_data", "execute_result", "stream")]

    async def value(self, expression: str) -> Any:
        """The value of a Python expression in the kernel, through JSON."""
        outputs = await self.execute(f"import json as _j; print(_j.dumps({expression}))")
        text = "".join(o["text"] for o in outputs if "text" in o)
        return json.loads(text)

    # -- widget comms ------------------------------------------------------------------------

    async def comm_opened(self, predicate: Callable[[dict[str, Any]], bool], *,
                          timeout: float = 10.0) -> dict[str, Any]:
        """The content of the first ``comm_open`` whose content satisfies ``predicate``."""
        def find() -> dict[str, Any] | None:
            for m in self.iopub:
                if m["msg_type"] == "comm_open" and predicate(m["content"]):
                    return dict(m["content"])
            return None

        found: dict[str, Any] = await wait_until(find, timeout=timeout, what="a comm_open")
        return found

    def send_custom(self, comm_id: str, content: Any) -> None:
        """A widget custom message, as the frontend's ``model.send(content)`` sends it."""
        msg = self.client.session.msg("comm_msg", {
            "comm_id": comm_id, "data": {"method": "custom", "content": content}})
        self.client.shell_channel.send(msg)

    def customs(self, comm_id: str) -> list[Any]:
        """Every custom message content the kernel sent on ``comm_id``, in order."""
        return [m["content"]["data"]["content"] for m in self.iopub
                if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == comm_id
                and m["content"]["data"].get("method") == "custom"]



class CommClient:
    """One frontend view of a docsync widget in ``kernel``: a logical connection over the
    widget's comm, run by the public protocol client (:class:`ClientProtocol`)."""

    def __init__(self, kernel: Kernel, comm_id: str, token: str, conn: str) -> None:
        self.kernel = kernel
        self.comm_id = comm_id
        self.conn = conn
        self.client = ClientProtocol(token)
        self.closed: dict[str, Any] | None = None
        #: Answers to :meth:`ask_token`, in order.
        self.tokens: list[str | None] = []
        self._read = 0

    @classmethod
    async def of_widget(cls, kernel: Kernel, index: int = -1, *,
                        conn: str = "view") -> CommClient:
        """A client of the ``index``-th docsync widget the kernel opened."""
        def widgets() -> list[dict[str, Any]] | None:
            found = [m["content"] for m in kernel.iopub if m["msg_type"] == "comm_open"
                     and str(m["content"]["data"].get("state", {}).get("_anywidget_id", ""))
                     .endswith("NotebookView")]
            return found or None

        found = await wait_until(widgets, what="a docsync widget")
        content = found[index]
        return cls(kernel, content["comm_id"], content["data"]["state"]["token"], conn)

    def send(self, frame: str) -> None:
        self.kernel.send_custom(self.comm_id, {"conn": self.conn, "frame": frame})

    def _pump(self) -> None:
        customs = self.kernel.customs(self.comm_id)
        for content in customs[self._read:]:
            if content.get("conn") != self.conn:
                continue
            if "frame" in content:
                self.client.receive(content["frame"])
            elif "close" in content:
                self.closed = content
            elif "token" in content:
                self.tokens.append(content["token"])
        self._read = len(customs)

    async def wait_for(self, predicate: Callable[[CommClient], Any], *,
                       timeout: float = 10.0, what: str = "condition") -> Any:
        def check() -> Any:
            self._pump()
            return predicate(self)

        return await wait_until(check, timeout=timeout, what=what)

    async def open(self) -> CommClient:
        """Say hello; returns once the document arrived (and acknowledges it)."""
        self.send(self.client.hello())
        await self.wait_for(lambda c: c.client.doc is not None or c.closed,
                            what="the snapshot")
        if self.client.doc is not None:
            self.send(self.client.ack())
        return self

    def set(self, model_id: str, prop: str, value: Any) -> None:
        self.send(self.client.set(model_id, prop, value))

    def ask_token(self) -> None:
        self.kernel.send_custom(self.comm_id, {"conn": self.conn, "token": None})

    def close(self, code: int = 1001) -> None:
        self.kernel.send_custom(self.comm_id, {"conn": self.conn, "close": code,
                                               "reason": "test"})
