"""Chat figures (issue 14): a reply of 2,000 tokens streamed at full speed into one page:
tokens per second delivered to the page, server CPU per token, bytes per token."""

from __future__ import annotations

import time
from typing import Any

from tests.bench.apps.bench_chat import TOKENS
from tests.bench.cases import Bench

__all__ = ["chat_stream"]

MS = 1000.0


def _reply_done(doc: dict[str, Any], before: int) -> bool:
    """Whether the feed holds a finished reply beyond its first ``before`` messages."""
    (feed,) = [m for m in doc["models"].values() if m["type"] == "ChatInterface"]
    refs = feed["props"]["children"]
    if len(refs) < before + 2:
        return False
    reply = doc["models"][refs[before + 1]["ref"]]["props"]
    return reply["streaming"] is False


async def chat_stream(bench: Bench) -> dict[str, Any]:
    """Per run: send a message, receive until its reply is complete; the time from the
    send to the last patch, the server's CPU and the bytes received, divided by tokens."""
    out: dict[str, list[float]] = {k: [] for k in (
        "tokens_per_s", "server_cpu_us_per_token", "bytes_per_token", "patches_per_reply")}
    with bench.server("bench_chat", tag="chat_stream") as srv:
        s = await bench.session(srv).open()
        area = s.client.find("ChatAreaInput")
        for run in range(bench.runs + 1):  # the first run warms up
            assert s.client.doc is not None and s.ws is not None
            (feed,) = [m for m in s.client.doc["models"].values()
                       if m["type"] == "ChatInterface"]
            before = len(feed["props"]["children"])
            bytes0, cpu0, patches = s.bytes_in, srv.cpu(), 0
            t0 = time.perf_counter()
            await s.ws.send(s.client.set(area, "value", f"go {run}"))
            while not _reply_done(s.client.doc, before):
                message = await s.recv()
                patches += message["type"] == "patch"
            elapsed = time.perf_counter() - t0
            if run == 0:
                continue
            n = len(TOKENS)
            out["tokens_per_s"].append(n / elapsed)
            out["server_cpu_us_per_token"].append((srv.cpu() - cpu0) / n * MS * MS)
            out["bytes_per_token"].append((s.bytes_in - bytes0) / n)
            out["patches_per_reply"].append(patches)
        await s.close()
    return out
