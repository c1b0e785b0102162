"""A bare websockets broadcast server (the floor of periodic updates):
``python -m tests.bench.broadcast [--per-client|--threaded]``. Every connected client is
sent a 60-byte text frame 10 times a second, as docsync's ``bench_tick`` app sends each
session one update.

By default one loop timer sends every client its frame (the cheapest a server can do).
``--per-client`` gives each client a timer of its own, started when it connected, as each
docsync session has its own periodic callback. ``--threaded`` also runs each client's
tick in a worker thread, handed over through a queue and back through the loop's
thread-safe wake-up, as DESIGN.md §4 runs a session's sync callbacks: what that shape of
server costs before it does any work of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import queue
import signal
import threading
from collections.abc import Callable

from websockets.asyncio.server import ServerConnection, broadcast, serve

FRAME = '{"seq":1,"type":"patch","ops":[{"op":"replace","v":"tick 1"}]}'[:60]
PERIOD = 0.1  # seconds: 10 Hz
WORKERS = 4  # as docsync's default --num-threads


class _Ticker:
    """One client's 10 Hz timer, its tick run inline or in a worker."""

    def __init__(self, ws: ServerConnection, loop: asyncio.AbstractEventLoop,
                 work: queue.SimpleQueue[Callable[[], None] | None] | None) -> None:
        self.ws, self.loop, self.work = ws, loop, work
        self.next = loop.time() + PERIOD
        self.handle = loop.call_at(self.next, self.fire)

    def fire(self) -> None:
        if self.work is None:
            broadcast([self.ws], FRAME)
            self.rearm()
        else:
            self.work.put(self.in_worker)

    def in_worker(self) -> None:
        frame = FRAME  # the app's work would be here
        self.loop.call_soon_threadsafe(self.send, frame)

    def send(self, frame: str) -> None:
        broadcast([self.ws], frame)
        self.rearm()

    def rearm(self) -> None:
        self.next = max(self.next + PERIOD, self.loop.time())
        self.handle = self.loop.call_at(self.next, self.fire)


def _worker(work: queue.SimpleQueue[Callable[[], None] | None]) -> None:
    while (fn := work.get()) is not None:
        fn()


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-client", action="store_true")
    ap.add_argument("--threaded", action="store_true")
    args = ap.parse_args()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    clients: set[ServerConnection] = set()
    work: queue.SimpleQueue[Callable[[], None] | None] | None = None
    if args.threaded:
        work = queue.SimpleQueue()
        for _ in range(WORKERS):
            threading.Thread(target=_worker, args=(work,), daemon=True).start()

    async def hold(ws: ServerConnection) -> None:
        clients.add(ws)
        ticker = _Ticker(ws, loop, work) if args.per_client or args.threaded else None
        try:
            await ws.wait_closed()
        finally:
            clients.discard(ws)
            if ticker is not None:
                ticker.handle.cancel()

    async def tick() -> None:
        while True:
            await asyncio.sleep(PERIOD)
            # One send per client, as each docsync session sends its own frame.
            for ws in list(clients):
                broadcast([ws], FRAME)

    async with serve(hold, "127.0.0.1", 0, compression=None) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"broadcast at http://127.0.0.1:{port}/", flush=True)
        ticker = None if args.per_client or args.threaded else asyncio.create_task(tick())
        await stop.wait()
        if ticker is not None:
            ticker.cancel()


if __name__ == "__main__":
    asyncio.run(main())
