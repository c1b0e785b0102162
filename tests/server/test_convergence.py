"""Concurrent edits of one property by client and server end converged (PROTOCOL.md §7)."""

from __future__ import annotations

import asyncio
import random

import pytest

import docsync as ds
from tests.server.support import in_server_loop, only_session, wait_until

STEPS = 300


def app():
    return ds.Column(ds.widgets.TextInput(name="text"),
                     ds.widgets.IntSlider(name="number", start=0, end=1000, value=0))


async def settled(client, session) -> None:
    """Wait until every message both ways was delivered and acknowledged."""
    def quiet() -> bool:
        doc = client.client
        return (not doc.outbox and session.applied_cseq == doc.cseq
                and doc.last_seq == session.seq and not session.document.dirty)

    for _ in range(2):  # twice in a row, with a pause: nothing was still on its way
        await wait_until(quiet, timeout=10, what="quiescence")
        await asyncio.sleep(0.05)
    assert quiet()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
async def test_random_concurrent_edits_converge(seed, serve_app, clients):
    rng = random.Random(seed)
    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    doc = client.client
    ids = {"text": doc.find("TextInput"), "number": doc.find("IntSlider")}
    session = only_session(handle)
    models = {k: session.document.get_model(v) for k, v in ids.items()}

    def value(kind: str, i: int, who: str):
        return f"{who}{i}" if kind == "text" else (i * 2 + (who == "s")) % 1000

    for i in range(STEPS):
        kind = rng.choice(["text", "number"])
        action = rng.random()
        if action < 0.4:
            await client.set(ids[kind], "value", value(kind, i, "c"))
        elif action < 0.8:
            # A server-side change (as a periodic callback makes it), not waited for.
            new = value(kind, i, "s")
            in_server_loop(handle, lambda m=models[kind], v=new: setattr(m, "value", v),
                           wait=False)
        elif action < 0.9:
            await client.ack()
        else:
            await asyncio.sleep(rng.random() * 0.005)
        if rng.random() < 0.3:
            await asyncio.sleep(0)

    await settled(client, session)
    for kind, model_id in ids.items():
        assert doc.prop(model_id, "value") == models[kind].value, kind
    assert client.close_code is None
    assert doc.errors == []
