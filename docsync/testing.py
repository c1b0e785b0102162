"""Drive apps headless through the real protocol (public API).

- :class:`ClientProtocol`: the browser's half of PROTOCOL.md in Python, without DOM or
  socket: it holds the document, applies patches, numbers its messages, keeps its outbox
  and resends it on resume.
- :class:`LocalClient`: an app run through the real core in-process, no socket, with a
  manual clock; the connection can be dropped, delayed and resumed (Streamlit's
  ``AppTest``, at the protocol level).
- :class:`NetworkClient`: the same client over a real WebSocket to a running server.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import secrets
import ssl as ssl_module
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

import jsonpatch
from websockets.asyncio.client import ClientConnection, connect

from docsync.apps import App, load_apps
from docsync.core.connection import Connection
from docsync.core.document import Document
from docsync.core.messages import Hello
from docsync.core.registry import RegistryConfig, SessionRegistry
from docsync.core.session import Session
from docsync.core.tokens import issue_token, new_session_id

__all__ = ["ClientProtocol", "LocalClient", "NetworkClient", "ProtocolMismatch"]


class ProtocolMismatch(AssertionError):
    """The server broke the protocol as seen from the client (a gap, a bad patch...)."""


class ClientProtocol:
    """What a browser tab does with the protocol, minus the DOM and the socket."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.doc: dict[str, Any] | None = None
        self.session_id: str | None = None
        self.last_seq: int | None = None
        self.cseq = 0
        self.outbox: list[dict[str, Any]] = []
        self.errors: list[dict[str, Any]] = []
        self.commands: list[dict[str, Any]] = []
        self.received: list[dict[str, Any]] = []
        self.welcomes: list[dict[str, Any]] = []
        self.snapshots = 0

    # -- outgoing ------------------------------------------------------------------------

    def hello(self, *, args: dict[str, Any] | None = None,
              location: dict[str, Any] | None = None) -> str:
        return json.dumps({"type": "hello", "protocol": 1, "token": self.token,
                           "last_seq": self.last_seq, "args": args or {},
                           "location": location or {}})

    def _send(self, message: dict[str, Any]) -> str:
        self.cseq += 1
        message = {**message, "cseq": self.cseq, "base": self.last_seq or 0}
        self.outbox.append(message)
        return json.dumps(message)

    def set(self, model_id: str, prop: str, value: Any) -> str:
        """A local edit: applied at once (optimistically), returned as a ``patch`` frame."""
        op = {"op": "replace", "path": f"/models/{model_id}/props/{prop}", "value": value}
        if self.doc is not None and model_id in self.doc["models"]:
            self.doc["models"][model_id]["props"][prop] = value
        return self._send({"type": "patch", "ops": [op]})

    def set_many(self, edits: dict[tuple[str, str], Any]) -> str:
        """Several local edits, ``{(model_id, prop): value}``, in one ``patch`` frame."""
        ops = []
        for (model_id, prop), value in edits.items():
            ops.append({"op": "replace", "path": f"/models/{model_id}/props/{prop}",
                        "value": value})
            if self.doc is not None and model_id in self.doc["models"]:
                self.doc["models"][model_id]["props"][prop] = value
        return self._send({"type": "patch", "ops": ops})

    def submit(self, form_id: str, values: dict[str, Any] | None = None) -> str:
        """What the page sends when the user submits ``Form`` ``form_id`` after editing
        fields ``{field_model_id: value}``: one ``patch`` setting each field's ``value``,
        then the form's ``submits`` counter raised by one (see ``docsync.form``)."""
        edits: dict[tuple[str, str], Any] = {(mid, "value"): v for mid, v in (values or {}).items()}
        edits[(form_id, "submits")] = self.prop(form_id, "submits") + 1
        return self.set_many(edits)

    def patch(self, ops: list[Any]) -> str:
        """A raw ``patch`` frame with arbitrary ops (for testing refusals)."""
        return self._send({"type": "patch", "ops": ops})

    def event(self, model_id: str, name: str, data: Any = None) -> str:
        return self._send({"type": "event", "model": model_id, "name": name,
                           "data": {} if data is None else data})

    def ack(self) -> str:
        return json.dumps({"type": "ack", "seq": self.last_seq or 0})

    def resend(self) -> list[str]:
        """Frames to resend after a ``welcome``: the unacknowledged outbox, in order."""
        return [json.dumps(m) for m in self.outbox]

    # -- incoming ------------------------------------------------------------------------

    def receive(self, text: str) -> dict[str, Any]:
        message = json.loads(text)
        self.received.append(message)
        kind = message["type"]
        if kind == "welcome":
            self.session_id = message["session_id"]
            self.welcomes.append(message)
            self._acked(message["cseq"])
            return message
        seq = message["seq"]
        if self.last_seq is not None and seq <= self.last_seq:
            return message  # a duplicate (PROTOCOL.md §6): already applied
        if kind != "snapshot" and self.last_seq is not None and seq != self.last_seq + 1:
            raise ProtocolMismatch(f"seq {seq} after {self.last_seq}: a message was lost")
        self.last_seq = seq
        if kind == "snapshot":
            self.doc = message["doc"]
            self.snapshots += 1
        elif kind == "patch":
            if self.doc is None:
                raise ProtocolMismatch("patch before snapshot")
            try:
                jsonpatch.apply_patch(self.doc, message["ops"], in_place=True)
            except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException) as exc:
                raise ProtocolMismatch(f"patch {seq} does not apply: {exc}") from None
            if "cseq" in message:
                self._acked(message["cseq"])
        elif kind == "error":
            self.errors.append(message)
        elif kind == "command":
            self.commands.append(message)
        return message

    def _acked(self, cseq: int) -> None:
        self.outbox = [m for m in self.outbox if m["cseq"] > cseq]

    # -- reading the document -----------------------------------------------------------

    def find(self, type_: str | None = None, **props: Any) -> str:
        """The id of the first model (in id order) of ``type_`` whose props match."""
        assert self.doc is not None, "not connected"
        for model_id, model in sorted(self.doc["models"].items(), key=lambda kv: int(kv[0][1:])):
            if type_ is not None and model["type"] != type_:
                continue
            if all(model["props"].get(k) == v for k, v in props.items()):
                return model_id
        raise LookupError(f"no {type_ or 'model'} with {props} in the document")

    def props(self, model_id: str) -> dict[str, Any]:
        assert self.doc is not None, "not connected"
        return self.doc["models"][model_id]["props"]

    def prop(self, model_id: str, prop: str) -> Any:
        return self.props(model_id)[prop]


def _single_app(app: Any) -> App:
    apps = load_apps(app)
    if len(apps) != 1:
        raise ValueError("a test client drives one app")
    return next(iter(apps.values()))


class LocalClient:
    """An app run through the real core with no socket, and a manual clock.

    Server-side changes made by app code reach the client when :meth:`tick` runs (the
    transport's loop tick). While :meth:`drop`-ped, the session runs detached and logs;
    :meth:`resume` reconnects with ``last_seq`` and resends the outbox.
    """

    def __init__(self, app: Any, *, reconnect_timeout: float = 30.0,
                 token_lifetime: float = 300.0, now: float = 1_000_000.0) -> None:
        self.app = _single_app(app)
        self.now = now
        self.secret = secrets.token_bytes(32)
        self.errors_raised: list[BaseException] = []
        self.registry = SessionRegistry(
            secret=self.secret, factory=self._create,
            config=RegistryConfig(reconnect_timeout=reconnect_timeout,
                                  token_lifetime=token_lifetime))
        token = issue_token(self.secret, new_session_id(secrets.token_bytes(16)), now)
        self.client = ClientProtocol(token)
        self.connection: Connection | None = None
        self.held: list[str] | None = None  # frames delayed on their way to the client
        self._session: Session | None = None

    def _create(self, session_id: str, hello: Hello, handle: Any) -> Session:
        built = self.app.build()
        return Session(session_id, Document(built.roots, title=built.title), hello=hello,
                       on_error=self.errors_raised.append)

    @property
    def session(self) -> Session:
        """The session this client joined (also while dropped)."""
        assert self._session is not None, "connect() first"
        return self._session

    @property
    def document(self) -> Document:
        return self.session.document

    def _deliver(self, frames: list[str]) -> None:
        if self.held is not None:
            self.held.extend(frames)
            return
        for frame in frames:
            self.client.receive(frame)

    def _send(self, frame: str) -> None:
        if self.connection is None:
            return  # disconnected: the frame stays in the client's outbox
        self._deliver(self.connection.receive(frame, now=self.now).send)

    def connect(self, **hello: Any) -> LocalClient:
        self.connection = Connection(self.registry)
        out = self.connection.receive(self.client.hello(**hello), now=self.now)
        self._session = self.connection.session
        self._deliver(out.send)
        if self.held is None:
            for frame in self.client.resend():
                self._send(frame)
        return self

    def tick(self) -> None:
        """What the server's loop does after app code changed models: flush a patch."""
        if self._session is not None:
            frames = self._session.flush()  # logged even while dropped
            if self.connection is not None and self._session.connection is self.connection:
                self._deliver(frames)

    def set(self, model_id: str, prop: str, value: Any) -> None:
        self._send(self.client.set(model_id, prop, value))

    def click(self, model_id: str) -> None:
        self._send(self.client.event(model_id, "click"))

    def event(self, model_id: str, name: str, data: Any = None) -> None:
        """Send event ``name`` of model ``model_id`` with ``data``, as a page does."""
        self._send(self.client.event(model_id, name, data))

    def submit(self, form_id: str, values: dict[str, Any] | None = None) -> None:
        """Submit a ``Form`` as the page does (see :meth:`ClientProtocol.submit`)."""
        self._send(self.client.submit(form_id, values))

    def ack(self) -> None:
        self._send(self.client.ack())

    def drop(self) -> None:
        """Lose the connection; frames held in flight are lost with it."""
        if self.connection is not None:
            self.connection.closed(now=self.now)
        self.connection = None
        self.held = None

    def resume(self) -> None:
        self.connect()

    def delay(self) -> None:
        """Hold server frames in flight until :meth:`release` (or lose them on drop)."""
        self.held = []

    def release(self) -> None:
        frames, self.held = self.held or [], None
        self._deliver(frames)

    def advance(self, seconds: float) -> list[Session]:
        """Move the clock; sessions detached too long are destroyed (and returned)."""
        self.now += seconds
        return self.registry.expire(now=self.now)


_BOOT = re.compile(r'<script type="application/json" id="docsync-bootstrap">(.*?)</script>',
                   re.S)


async def fetch(url: str, *, headers: dict[str, str] | None = None,
                ssl: ssl_module.SSLContext | None = None,
                ) -> tuple[int, dict[str, str], bytes]:
    """A minimal HTTP/1.1 GET over asyncio streams (loopback tests and benchmarks);
    ``https`` URLs use ``ssl`` (default: the system's trust store). Returns the status,
    the headers by lower-case name (a repeated one's values joined by newlines) and the
    body."""
    parts = urlsplit(url)
    secure = parts.scheme == "https"
    reader, writer = await asyncio.open_connection(
        parts.hostname, parts.port or (443 if secure else 80),
        ssl=(ssl or ssl_module.create_default_context()) if secure else None)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = {"Host": parts.netloc, **(headers or {})}  # a given Host replaces ours
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    writer.write(f"GET {path} HTTP/1.1\r\n{extra}"
                 "Connection: close\r\n\r\n".encode())
    data = await reader.read()
    writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    hdrs: dict[str, str] = {}
    for key, _, value in (line.partition(":") for line in lines[1:]):
        name = key.lower()  # a repeated header (Set-Cookie) keeps every value, one a line
        hdrs[name] = f"{hdrs[name]}\n{value.strip()}" if name in hdrs else value.strip()
    return status, hdrs, body


class NetworkClient:
    """A protocol client for a running server: loads the page, opens the WebSocket."""

    def __init__(self, page_url: str, *, origin: str | None = None,
                 auto_ack: bool = True, ssl: ssl_module.SSLContext | None = None) -> None:
        self.page_url = page_url
        #: For an ``https`` page: the TLS context of the page and WebSocket connections.
        self.ssl = ssl
        self.origin = origin
        self.auto_ack = auto_ack
        #: Extra HTTP headers for the page and WebSocket requests (a ``Cookie``, say).
        self.extra_headers: dict[str, str] = {}
        self.client: ClientProtocol | None = None
        self.ws: ClientConnection | None = None
        self.ws_url = ""
        self.close_code: int | None = None
        self._reader: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        #: What the server did wrong, if the reader stopped on a ProtocolMismatch.
        self.mismatch: ProtocolMismatch | None = None

    async def load_page(self) -> dict[str, Any]:
        status, _, body = await fetch(self.page_url, ssl=self.ssl, headers=self.extra_headers)
        if status != 200:
            raise ProtocolMismatch(f"GET {self.page_url} answered {status}")
        match = _BOOT.search(body.decode())
        if match is None:
            raise ProtocolMismatch("the page has no docsync-bootstrap object")
        boot: dict[str, Any] = json.loads(match.group(1))
        self.ws_url = urljoin(self.page_url, boot["ws"]).replace("http", "ws", 1)
        self.client = ClientProtocol(boot["token"])
        return boot

    async def open(self, **hello: Any) -> NetworkClient:
        """Load the page (first time) and connect; returns when the document arrived."""
        if self.client is None:
            await self.load_page()
        assert self.client is not None
        headers = dict(self.extra_headers)
        if self.origin:
            headers["Origin"] = self.origin
        self.ws = await connect(self.ws_url, additional_headers=headers, compression=None,
                                max_size=None,
                                **({"ssl": self.ssl} if self.ws_url.startswith("wss") else {}))
        self.close_code = None
        await self.ws.send(self.client.hello(**hello))
        first = await self.ws.recv()
        self.client.receive(first)  # type: ignore[arg-type]
        for frame in self.client.resend():
            await self.ws.send(frame)
        self._reader = asyncio.create_task(self._read())
        await self.wait_for(lambda c: c.doc is not None)
        return self

    async def _read(self) -> None:
        assert self.ws is not None and self.client is not None
        since_ack = 0
        try:
            async for frame in self.ws:
                message = self.client.receive(frame)  # type: ignore[arg-type]
                since_ack += 1
                # Like the browser: at once after a snapshot (the page is shown: onload),
                # then at least every 50 messages.
                if self.auto_ack and (since_ack >= 50 or message["type"] == "snapshot"):
                    await self.ws.send(self.client.ack())
                    since_ack = 0
                self._changed.set()
        except ProtocolMismatch as exc:  # not a dead connection: wait_for raises it
            self.mismatch = exc
        except Exception:  # the connection died: the waiters see close_code
            pass
        finally:
            self.close_code = self.ws.close_code
            self._changed.set()

    async def wait_for(self, predicate: Callable[[ClientProtocol], bool], *,
                       timeout: float = 5.0) -> None:
        """Wait until ``predicate(client)`` holds; raise TimeoutError after ``timeout``."""
        assert self.client is not None
        deadline = time.monotonic() + timeout
        while not predicate(self.client):
            if self.mismatch is not None:
                raise self.mismatch
            if self._reader is not None and self._reader.done() and not predicate(self.client):
                raise ConnectionError(f"connection closed with {self.close_code}")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("condition not reached in time")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except asyncio.TimeoutError:
                continue

    async def send(self, frame: str) -> None:
        if self.ws is not None:
            # Dropped: the frame stays in the outbox and is resent on resume.
            with contextlib.suppress(Exception):
                await self.ws.send(frame)

    async def set(self, model_id: str, prop: str, value: Any) -> None:
        assert self.client is not None
        await self.send(self.client.set(model_id, prop, value))

    async def click(self, model_id: str) -> None:
        assert self.client is not None
        await self.send(self.client.event(model_id, "click"))

    async def event(self, model_id: str, name: str, data: Any = None) -> None:
        """Send event ``name`` of model ``model_id`` with ``data``, as a page does."""
        assert self.client is not None
        await self.send(self.client.event(model_id, name, data))

    async def submit(self, form_id: str, values: dict[str, Any] | None = None) -> None:
        """Submit a ``Form`` as the page does (see :meth:`ClientProtocol.submit`)."""
        assert self.client is not None
        await self.send(self.client.submit(form_id, values))

    async def ack(self) -> None:
        assert self.client is not None
        await self.send(self.client.ack())

    async def drop(self) -> None:
        """Cut the connection abruptly (no closing handshake from the client's side)."""
        if self.ws is not None:
            self.ws.transport.abort()
            if self._reader is not None:
                await asyncio.wait([self._reader], timeout=5)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            if self._reader is not None:
                await asyncio.wait([self._reader], timeout=5)
