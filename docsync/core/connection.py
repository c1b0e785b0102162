"""One transport connection's protocol state machine: awaiting hello → open → closed."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any

from docsync.core.messages import Hello, parse_client_message
from docsync.core.registry import Joined, SessionRegistry
from docsync.core.session import Session
from docsync.exceptions import BadMessage, ProtocolViolation

__all__ = ["Connection", "ConnectionState", "Output"]

MAX_BAD_MESSAGES = 20  # consecutive malformed messages before closing with 4400 (§5)


class ConnectionState(enum.Enum):
    AWAITING_HELLO = "awaiting-hello"
    OPEN = "open"
    CLOSED = "closed"


@dataclass
class Output:
    """What the transport must do after a frame: send these, close that old connection."""

    send: list[str] = field(default_factory=list)
    evict: Any = None


class Connection:
    """Feeds one connection's frames to the core.

    The transport calls :meth:`receive` with every text frame and sends ``Output.send``; on a
    :class:`~docsync.exceptions.CloseConnection` it closes with that exception's
    ``close_code``. When the socket is gone it calls :meth:`closed`.
    """

    def __init__(self, registry: SessionRegistry, *, handle: Any = None) -> None:
        self.registry = registry
        self.handle = self if handle is None else handle
        self.state = ConnectionState.AWAITING_HELLO
        self.session: Session | None = None
        self.created = False
        #: The outcome of this connection's ``hello``, once joined.
        self.joined: Joined | None = None
        self._bad = 0

    def receive(self, text: str | bytes, *, now: float) -> Output:
        if self.state is ConnectionState.CLOSED:
            return Output()
        try:
            message = parse_client_message(text)
        except BadMessage as exc:
            return self._bad_message(exc)
        self._bad = 0
        if self.state is ConnectionState.AWAITING_HELLO:
            if not isinstance(message, Hello):
                raise ProtocolViolation("the first message must be 'hello'")
            joined = self.registry.join(message, self.handle, now=now)
            # The join's frames are in the session's log; kept here they would hold a
            # snapshot in memory as long as the connection is open.
            self.session, self.created = joined.session, joined.created
            self.joined = replace(joined, send=joined.send[:1])
            self.state = ConnectionState.OPEN
            return Output(joined.send, joined.evicted)
        if isinstance(message, Hello):
            raise ProtocolViolation("'hello' may only be sent once per connection")
        assert self.session is not None
        if self.session.connection is not self.handle:
            return Output()  # taken over by a newer connection; it is being closed
        return Output(self.session.receive(message))

    def _bad_message(self, exc: BadMessage) -> Output:
        if self.state is not ConnectionState.OPEN or self.session is None:
            raise ProtocolViolation(f"the first message must be a valid 'hello': {exc}")
        self._bad += 1
        if self._bad >= MAX_BAD_MESSAGES:
            raise ProtocolViolation("too many malformed messages")
        cseq = getattr(exc, "cseq", None)
        session = self.session
        counted = cseq if session.consume_refused(cseq) else None
        return Output([session.refuse(counted, exc), *session.flush()])

    def closed(self, *, now: float) -> None:
        """The socket is gone: detach the session (it lives on for the reconnect timeout)."""
        if self.state is ConnectionState.CLOSED:
            return
        self.state = ConnectionState.CLOSED
        if self.session is not None:
            self.registry.leave(self.session, self.handle, now=now)
