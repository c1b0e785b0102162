"""A bare websockets echo server (the baseline): ``python -m tests.bench.echo``."""

from __future__ import annotations

import asyncio
import signal

from websockets.asyncio.server import ServerConnection, serve


async def _echo(ws: ServerConnection) -> None:
    async for frame in ws:
        await ws.send(frame)


async def main() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    async with serve(_echo, "127.0.0.1", 0, compression=None) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"echo at http://127.0.0.1:{port}/echo", flush=True)
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
