"""A bare websockets broadcast server (the floor of periodic updates):
``python -m tests.bench.broadcast``. Every connected client is sent a 60-byte text frame
10 times a second, as docsync's ``bench_tick`` app sends each session one update."""

from __future__ import annotations

import asyncio
import signal

from websockets.asyncio.server import ServerConnection, broadcast, serve

FRAME = '{"seq":1,"type":"patch","ops":[{"op":"replace","v":"tick 1"}]}'[:60]
PERIOD = 0.1  # seconds: 10 Hz


async def main() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    clients: set[ServerConnection] = set()

    async def hold(ws: ServerConnection) -> None:
        clients.add(ws)
        try:
            await ws.wait_closed()
        finally:
            clients.discard(ws)

    async def tick() -> None:
        while True:
            await asyncio.sleep(PERIOD)
            # One send per client, as each docsync session sends its own frame.
            for ws in list(clients):
                broadcast([ws], FRAME)

    async with serve(hold, "127.0.0.1", 0, compression=None) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"broadcast at http://127.0.0.1:{port}/", flush=True)
        ticker = asyncio.create_task(tick())
        await stop.wait()
        ticker.cancel()


if __name__ == "__main__":
    asyncio.run(main())
