"""A real IPython kernel for tests, driven over the Jupyter messaging protocol as a frontend
drives it: execute code, and talk to a widget's comm (custom messages) as anywidget does."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from typing import Any

from jupyter_client.manager import start_new_async_kernel

from tests.server.support import REPO, subprocess_env, wait_until

__all__ = ["Kernel", "KernelError"]


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

