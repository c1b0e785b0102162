"""A bare websockets echo server (the baseline): ``python -m tests.bench.echo
[--threaded]``.

``--threaded`` hands each message to a worker thread through a queue and takes the reply
back through the loop's thread-safe wake-up before sending it, as DESIGN.md §4 runs a
session's handling of a client message: what that shape of server costs before it does
any work of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import queue
import signal
import threading
from collections.abc import Callable

from websockets.asyncio.server import ServerConnection, serve

WORKERS = 4  # as docsync's default --num-threads


def _worker(work: queue.SimpleQueue[Callable[[], None] | None]) -> None:
    while (fn := work.get()) is not None:
        fn()


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threaded", action="store_true")
    threaded = ap.parse_args().threaded
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    work: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
    for _ in range(WORKERS if threaded else 0):
        threading.Thread(target=_worker, args=(work,), daemon=True).start()

    async def echo(ws: ServerConnection) -> None:
        async for frame in ws:
            if threaded:
                reply: asyncio.Future[str | bytes] = loop.create_future()
                work.put(lambda f=frame, r=reply: loop.call_soon_threadsafe(r.set_result, f))
                frame = await reply
            await ws.send(frame)

    async with serve(echo, "127.0.0.1", 0, compression=None) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"echo at http://127.0.0.1:{port}/echo", flush=True)
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
