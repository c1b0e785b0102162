"""Fixtures of the cluster tests: real ``redis-server`` processes, never a mock."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
import redis.asyncio

from tests.cluster.redis_server import RedisServer


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One ``redis-server`` for the whole test session (flushed before each test that uses
    ``redis_url``)."""
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
async def redis_url(redis_server: RedisServer) -> AsyncIterator[str]:
    """The URL of the shared ``redis-server``, emptied for this test."""
    if not redis_server.ping():  # a test that stopped it ends its outage here
        redis_server.start()
    client = redis.asyncio.Redis.from_url(redis_server.url)
    await client.flushall()
    await client.aclose()
    yield redis_server.url


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[Callable[[], RedisServer]]:
    """``own_redis()``: a ``redis-server`` of this test's own, to stop and restart."""
    made: list[RedisServer] = []

    def make() -> RedisServer:
        server = RedisServer(tmp_path / "redis").start()
        made.append(server)
        return server

    yield make
    for server in made:
        server.stop()


@pytest.fixture
async def redis_client(redis_url: str) -> AsyncIterator[redis.asyncio.Redis]:
    """A client of the test's own, to look at what the server stored."""
    client = redis.asyncio.Redis.from_url(redis_url)
    yield client
    await client.aclose()
