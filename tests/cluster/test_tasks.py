"""``state.schedule_task`` with Redis: once per cluster, taken over when its worker dies,
cancelled everywhere (issue 7). Each run appends its worker's pid to a Redis list."""

from __future__ import annotations

import asyncio
from pathlib import Path

import redis.asyncio

from docsync.testing import NetworkClient
from tests.cluster.support import wait_until_async

APPS = Path(__file__).parent / "apps"
SETUP = """
import os
import redis
import docsync as ds

runs = redis.Redis.from_url(os.environ["TICKS_REDIS"])
ds.state.schedule_task("tick", lambda: runs.rpush("ticks", os.getpid()), period=0.05)
"""


async def ticks(client: redis.asyncio.Redis) -> list[int]:
    return [int(pid) for pid in await client.lrange("ticks", 0, -1)]


async def test_a_task_runs_in_one_worker_and_another_takes_over_when_it_dies(
        docsync_serve, redis_url, redis_client, tmp_path):
    (tmp_path / "setup.py").write_text(SETUP)
    env = {"DOCSYNC_SECRET_KEY": "one secret", "TICKS_REDIS": redis_url}
    servers = [docsync_serve(APPS / "tasks.py", "--port", "0", "--redis", redis_url,
                             "--setup", "setup.py", "--task-lease", "1", env=env)
               for _ in range(2)]
    urls = [(await s.wait_serving())["tasks"] for s in servers]
    pids = {s.proc.pid for s in servers}

    async def count() -> int:
        return len(await ticks(redis_client))

    await wait_until_async(lambda: _at_least(count, 20), timeout=15)
    runs = await ticks(redis_client)
    holder = runs[0]
    assert set(runs) == {holder} and holder in pids  # one worker only, every time

    [dying] = [s for s in servers if s.proc.pid == holder]
    [survivor] = [s for s in servers if s is not dying]
    dying.proc.kill()
    dying.proc.wait(5)
    before = len(await ticks(redis_client))

    async def taken_over() -> bool:
        return survivor.proc.pid in (await ticks(redis_client))[before:]

    # The lease expires a second after its last renewal; then the survivor runs the task.
    await wait_until_async(taken_over, timeout=10)
    after = (await ticks(redis_client))[before:]
    assert set(after) <= {holder, survivor.proc.pid}
    first = after.index(survivor.proc.pid)
    assert set(after[first:]) == {survivor.proc.pid}  # never both

    # cancel_task from a page of the surviving worker cancels it in every worker.
    page = await NetworkClient(urls[servers.index(survivor)]).open()
    await page.click(page.client.find("Button"))
    await asyncio.sleep(0.3)
    stopped = await count()
    await asyncio.sleep(0.5)
    assert await count() == stopped
    await page.close()


async def _at_least(count, n: int) -> bool:
    return await count() >= n

