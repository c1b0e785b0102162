"""``LoopInbox``: calls from other threads run on the loop in order, a batch per wake-up."""

from __future__ import annotations

import asyncio
import threading

from docsync.runtime.inbox import LoopInbox
from tests.server.support import wait_until


async def test_calls_posted_before_their_batch_runs_join_it_in_order():
    loop = asyncio.get_running_loop()
    inbox = LoopInbox(loop)
    ran: list[str] = []

    def post_all() -> None:  # before the loop can run any of them: it waits on join()
        inbox.post(lambda: ran.append("first"))
        loop.call_soon_threadsafe(lambda: ran.append("a loop callback asked for between"))
        inbox.post(lambda: ran.append("second"))  # joins the first's batch: runs before it

    thread = threading.Thread(target=post_all)
    thread.start()
    thread.join()
    await wait_until(lambda: len(ran) == 3, what="the posted calls")
    assert ran == ["first", "second", "a loop callback asked for between"]

    inbox.post(lambda: ran.append("later"))  # a new batch, from the loop thread too
    await wait_until(lambda: ran[-1] == "later", what="a call of the next batch")


async def test_a_failing_call_is_reported_and_the_others_run():
    loop = asyncio.get_running_loop()
    inbox = LoopInbox(loop)
    reported: list[dict] = []
    ran: list[int] = []
    loop.set_exception_handler(lambda _loop, context: reported.append(context))
    try:
        def bad() -> None:
            raise ValueError("nope")

        inbox.post(bad)
        inbox.post(lambda: ran.append(1))
        await wait_until(lambda: ran == [1], what="the call after the failing one")
    finally:
        loop.set_exception_handler(None)
    assert [type(c["exception"]) for c in reported] == [ValueError]
