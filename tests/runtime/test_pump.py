"""The transport-neutral pump over an in-memory FrameSocket: the same protocol whichever
transport carries it (here none: frames are Python strings)."""

import asyncio
import json
import time

import docsync as ds
from docsync.apps import FunctionApp
from docsync.core.registry import SessionRegistry
from docsync.core.session import LogLimits, SessionState
from docsync.core.tokens import issue_token, new_session_id
from docsync.exceptions import SocketClosed
from docsync.runtime.open import open_session
from docsync.runtime.pump import Peer, close_reason, pump

SECRET = b"k" * 32
LIMIT = 10.0  # seconds any one wait of these tests may take, on a loaded machine


class MemorySocket:
    """A FrameSocket whose client is the test: it feeds frames and reads what was sent."""

    def __init__(self) -> None:
        self.incoming: asyncio.Queue[str | bytes | None] = asyncio.Queue()
        self.sent: asyncio.Queue[dict] = asyncio.Queue()
        self.closed: tuple[int, str] | None = None

    async def receive(self):
        return await self.incoming.get()

    async def send(self, text: str) -> None:
        self.send_now(text)

    def send_now(self, text: str) -> bool:
        if self.closed is not None:
            raise SocketClosed("closed")
        self.sent.put_nowait(json.loads(text))
        return True

    async def close(self, code: int, reason: str) -> None:
        if self.closed is None:
            self.closed = (code, reason)
            self.incoming.put_nowait(None)

    async def next(self) -> dict:
        return await asyncio.wait_for(self.sent.get(), LIMIT)


def app():
    x = ds.widgets.IntSlider(name="x", start=0, end=10, value=1)
    return ds.Column(x, ds.bind(lambda v: f"x is {v}", x))


def registry_for(runtime, peers):
    def factory(session_id, hello, handle):
        peers.append(handle.peer)
        return open_session(runtime, FunctionApp(app), session_id, hello,
                            headers=handle.peer.headers, limits=LogLimits())
    return SessionRegistry(secret=SECRET, factory=factory)


def hello(session_id, last_seq=None):
    token = issue_token(SECRET, session_id, time.time())
    return json.dumps({"type": "hello", "protocol": 1, "token": token, "last_seq": last_seq,
                       "args": {}, "location": {}})


def slider_id(snapshot):
    return next(mid for mid, m in snapshot["doc"]["models"].items()
                if m["type"] == "IntSlider")


async def test_a_session_is_opened_edited_and_detached_through_any_frame_socket(runtime):
    peers = []
    registry = registry_for(runtime, peers)
    socket = MemorySocket()
    served = asyncio.create_task(pump(socket, registry, runtime,
                                      peer=Peer(path="/app", headers={"X-Test": "1"})))
    sid = new_session_id(b"s" * 16)
    socket.incoming.put_nowait(hello(sid))
    welcome, snapshot = await socket.next(), await socket.next()
    assert welcome["type"] == "welcome" and snapshot["type"] == "snapshot"
    assert peers == [Peer(path="/app", headers={"X-Test": "1"})]
    context = runtime.context_of(registry.sessions[sid])
    assert context is not None and context.headers["X-Test"] == "1"

    op = {"op": "replace", "path": f"/models/{slider_id(snapshot)}/props/value", "value": 7}
    socket.incoming.put_nowait(json.dumps({"type": "patch", "cseq": 1, "base": 1,
                                           "ops": [op]}))
    patch = await socket.next()
    assert patch["cseq"] == 1 and any(o["value"] == "x is 7" for o in patch["ops"])

    socket.incoming.put_nowait(None)  # the transport saw the connection close
    await asyncio.wait_for(served, LIMIT)
    assert registry.sessions[sid].state is SessionState.DETACHED


async def test_a_bad_first_frame_and_a_binary_frame_close_with_4400(runtime):
    registry = registry_for(runtime, [])
    socket = MemorySocket()
    served = asyncio.create_task(pump(socket, registry, runtime))
    socket.incoming.put_nowait('{"type": "patch"}')
    await asyncio.wait_for(served, LIMIT)
    assert socket.closed[0] == 4400 and "hello" in socket.closed[1]

    socket = MemorySocket()
    served = asyncio.create_task(pump(socket, registry, runtime))
    socket.incoming.put_nowait(hello(new_session_id(b"t" * 16)))
    await socket.next()
    socket.incoming.put_nowait(b"\x00")
    await asyncio.wait_for(served, LIMIT)
    assert socket.closed == (4400, "binary frames are not part of protocol v1")


async def test_a_resume_on_a_second_socket_evicts_the_first_with_4409(runtime):
    registry = registry_for(runtime, [])
    sid = new_session_id(b"u" * 16)
    first = MemorySocket()
    first_served = asyncio.create_task(pump(first, registry, runtime))
    first.incoming.put_nowait(hello(sid))
    await first.next()
    snapshot = await first.next()

    second = MemorySocket()
    served = asyncio.create_task(pump(second, registry, runtime))
    second.incoming.put_nowait(hello(sid, last_seq=snapshot["seq"]))
    assert (await second.next())["resumed"] is True
    for _ in range(100):  # the eviction is a task on the loop: bounded turns of it
        if first.closed is not None:
            break
        await asyncio.sleep(0)
    assert first.closed is not None and first.closed[0] == 4409
    await asyncio.wait_for(first_served, LIMIT)
    second.incoming.put_nowait(None)
    await asyncio.wait_for(served, LIMIT)


def test_a_close_reason_is_cut_to_120_bytes_of_utf8_between_characters():
    assert close_reason("short") == "short"
    cut = close_reason("é" * 100)  # 200 bytes
    assert cut == "é" * 60 and len(cut.encode()) == 120
    cut = close_reason("a" + "\U0001f300" * 40)  # four-byte characters, off by one
    assert cut == "a" + "\U0001f300" * 29 and len(cut.encode()) == 117
    assert close_reason("x\ud823y") == "x?y"  # a lone surrogate cannot be sent as is
