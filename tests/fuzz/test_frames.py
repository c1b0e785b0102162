"""A frame fuzzer against a real server (issue 12): random and mutated client frames over a
real WebSocket. The server never closes with 1011 nor logs above warning level for them,
and another session's round trip keeps working throughout.

Bounded: ``FUZZ_EXAMPLES`` examples (env ``DOCSYNC_FUZZ_EXAMPLES``, default 40) of at most
8 frames each; ``make fuzz`` runs many more.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

import docsync as ds
from docsync.serve import ServerHandle
from docsync.testing import NetworkClient

FUZZ_EXAMPLES = int(os.environ.get("DOCSYNC_FUZZ_EXAMPLES", "40"))
#: What a client's mistakes may end in (PROTOCOL.md §1, §8); never 1011.
ALLOWED_CLOSES = {None, 1000, 1009, 4400, 4401, 4404, 4409, 4429}


def app():
    return ds.Column(ds.widgets.IntSlider(name="x", start=0, end=10, value=3),
                     ds.widgets.TextInput(name="t"), ds.widgets.Button(name="b"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=20)

FIELDS = ["type", "cseq", "base", "ops", "seq", "model", "name", "data", "op", "path",
          "value", "protocol", "token", "last_seq", "args", "location"]


@st.composite
def frames(draw: st.DrawFn) -> str | bytes:
    """A client frame: random text or bytes, a random object, or a valid one mutated."""
    kind = draw(st.sampled_from(["text", "bytes", "object", "mutated", "deep"]))
    if kind == "text":
        return draw(st.text(max_size=60))
    if kind == "bytes":
        return draw(st.binary(max_size=60))
    if kind == "deep":
        depth = draw(st.integers(50, 5000))
        return '{"type":"patch","cseq":1,"base":0,"ops":' + "[" * depth + "]" * depth + "}"
    if kind == "object":
        keys = draw(st.lists(st.sampled_from(FIELDS), max_size=6, unique=True))
        return json.dumps({k: draw(json_values) for k in keys})
    base: dict[str, Any] = draw(st.sampled_from([
        {"type": "patch", "cseq": 1, "base": 1,
         "ops": [{"op": "replace", "path": "/models/m2/props/value", "value": 4}]},
        {"type": "event", "cseq": 1, "base": 1, "model": "m4", "name": "click", "data": {}},
        {"type": "ack", "seq": 1},
    ]))
    for key in draw(st.lists(st.sampled_from(FIELDS), max_size=3)):
        base[key] = draw(json_values)
    return json.dumps(base)


@pytest.fixture(scope="module")
def server() -> Iterator[ServerHandle]:
    handle = ds.serve(app, port=0, address="127.0.0.1", threaded=True)
    assert handle is not None
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def tally() -> Iterator[dict[str, int]]:
    counts = {"examples": 0, "frames": 0, "closes_1011": 0}
    yield counts
    print(f"\nframe fuzzer: {counts}")


async def _round_trip(url: str, value: int) -> None:
    canary = NetworkClient(url)
    await canary.open()
    try:
        await canary.set(canary.client.find("IntSlider"), "value", value)
        await canary.wait_for(lambda c: not c.outbox, timeout=10)
    finally:
        await canary.close()


async def _fuzz(url: str, batch: list[str | bytes], tally: dict[str, int]) -> int | None:
    page = NetworkClient(url)
    await page.open()  # a real hello first, so that later frames reach a session
    assert page.ws is not None
    for frame in batch:
        try:
            await page.ws.send(frame)
        except ConnectionClosed:
            break
        tally["frames"] += 1
    # The canary's round trip also proves the server still answers after this batch.
    await _round_trip(url, len(batch) % 10)
    await page.close()
    return page.ws.close_code if page.ws.close_code not in (1000, 1005) else None


async def _fuzz_first(url: str, frame: str | bytes) -> int | None:
    """``frame`` as the very first message of a connection (where only a hello is valid)."""
    page = NetworkClient(url)
    await page.load_page()
    async with connect(page.ws_url, max_size=None) as ws:
        await ws.send(frame)
        with contextlib.suppress(ConnectionClosed):  # answered by a close, never by a frame
            await asyncio.wait_for(ws.recv(), timeout=10)
        return ws.close_code


@settings(max_examples=FUZZ_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batch=st.lists(frames(), min_size=1, max_size=8))
def test_random_frames_never_end_in_1011(batch, server, tally, caplog):
    url = server.url + "app"
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        first = asyncio.run(_fuzz_first(url, batch[0]))
        later = asyncio.run(_fuzz(url, batch, tally))
    tally["examples"] += 1
    tally["closes_1011"] += (first == 1011) + (later == 1011)
    assert first in ALLOWED_CLOSES | {1000}, first
    assert later in ALLOWED_CLOSES, later
    logged = [r.getMessage() for r in caplog.records
              if r.levelno >= logging.ERROR or r.name == "docsync.server"]
    assert logged == []
