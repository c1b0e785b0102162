"""What an open session holds in a real server: ``python -m tests.bench.mem_server [APP] [N]``.

Starts the real ``Server`` in this process under tracemalloc, opens N sessions of a bench
app from a child process (a light client: hello, snapshot, ack at once, as a browser
does), and prints the memory still allocated per session once they are all open and acked
(after a full garbage collection), grouped by the innermost frame of docsync or of the
app, else by the allocating line of the library (websockets, asyncio). Unlike
``tests.bench.mem_profile`` (the core alone), this includes the transport, the runtime and
anything a pump or a future keeps alive; unlike the bench's RSS it shows live objects only
(what the allocator keeps after a free is not here).
"""

from __future__ import annotations

import asyncio
import gc
import os
import secrets
import subprocess
import sys
import tracemalloc

from docsync.app_loader import load_apps
from docsync.server import Server, ServerConfig
from tests.bench.proc import APPS, ROOT

# The child: open sessions 10 at a time, ack each snapshot, report, hold until told.
CHILD = r"""
import asyncio, os, sys
from tests.bench.many import _open_light
url, n = sys.argv[1], int(sys.argv[2])
secret = os.environ["DOCSYNC_SECRET_KEY"].encode()
async def main():
    held, sem = [], asyncio.Semaphore(10)
    async def one():
        async with sem:
            held.append(await _open_light(url, secret))
    for count in (20, n):
        await asyncio.gather(*(one() for _ in range(count)))
        print("opened", flush=True)
        sys.stdin.readline()
    for ws in held:
        ws.transport.abort()
asyncio.run(main())
"""


def _short(frame: tracemalloc.Frame) -> str:
    name = frame.filename
    for cut in ("site-packages/", f"{ROOT}/", "python3.11/"):
        name = name.split(cut)[-1]
    return f"{name}:{frame.lineno}"


def _owner(trace: tracemalloc.Traceback) -> str:
    frames = list(trace)  # oldest first
    ours = [f for f in frames if "/docsync/" in f.filename or "/bench/apps/" in f.filename]
    return _short(ours[-1]) if ours else "(lib) " + _short(frames[-1])


async def _acked(server: Server, count: int, *, limit: float = 30.0) -> None:
    """Wait until ``count`` sessions are open and every one has acked all it was sent
    (its replay log is empty), at most ``limit`` seconds."""
    for _ in range(int(limit / 0.05)):
        sessions = [s for r in server.registries.values() for s in r.sessions.values()]
        if len(sessions) >= count and all(s.log_range is None for s in sessions):
            return
        await asyncio.sleep(0.05)
    raise TimeoutError(f"{count} sessions did not all ack within {limit} s")


async def main(app_name: str, n: int, top: int = 40) -> None:
    apps = load_apps(str(APPS / f"{app_name}.py"))
    server = Server(apps, ServerConfig())
    await server.start()
    url = server.url.replace("http", "ws", 1) + next(iter(apps)) + "/ws"
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, url, str(n), cwd=ROOT, env=os.environ,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert child.stdin is not None and child.stdout is not None
    try:
        await child.stdout.readline()  # the warm-up sessions are open
        await _acked(server, 20)
        gc.collect()
        tracemalloc.start(25)
        before = tracemalloc.take_snapshot()
        child.stdin.write(b"\n")
        await child.stdout.readline()
        await _acked(server, 20 + n)
        gc.collect()
        after = tracemalloc.take_snapshot()
        tracemalloc.stop()
        stats = after.compare_to(before, "traceback")
        total = sum(s.size_diff for s in stats)
        print(f"{app_name}: {total / n / 1024:.1f} KiB live per open, acked session "
              f"({sum(s.count_diff for s in stats) / n:.0f} blocks)")
        groups: dict[str, list[int]] = {}
        for s in stats:
            group = groups.setdefault(_owner(s.traceback), [0, 0])
            group[0] += s.size_diff
            group[1] += s.count_diff
        print("\nKiB  blocks  per session, by innermost docsync/app frame (else library line):")
        for where, (size, count) in sorted(groups.items(), key=lambda kv: -kv[1][0])[:top]:
            print(f"  {size / n / 1024:6.2f} {count / n:6.1f}  {where}")
        child.stdin.write(b"\n")
        await child.wait()
    finally:
        if child.returncode is None:
            child.kill()
        await server.stop()


if __name__ == "__main__":
    os.environ.setdefault("DOCSYNC_SECRET_KEY", secrets.token_hex(32))
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "bench_wide",
                     int(sys.argv[2]) if len(sys.argv) > 2 else 200))
