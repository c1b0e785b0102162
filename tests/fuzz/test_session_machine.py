"""A stateful fuzz of the core (Session, Connection, SessionRegistry) with hypothesis:
random interleavings of client edits, server changes, partial sends and deliveries, acks,
drops and resumes, against a transport that sends from the replay log by cursor, as the
server's Writer does. It holds the core to PROTOCOL.md §6 and §7: no message lost,
duplicated or reordered in either direction, and convergence once everything is delivered;
and to issue 12: no frame a connection has not been sent is ever dropped from the log.

Bounded: ``FUZZ_EXAMPLES`` examples (env ``DOCSYNC_FUZZ_EXAMPLES``, default 40) of at most
40 steps; ``make fuzz`` runs many more.
"""

from __future__ import annotations

import os
import secrets

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import docsync as ds
from docsync.core.connection import Connection
from docsync.core.document import Document
from docsync.core.registry import RegistryConfig, SessionRegistry
from docsync.core.session import LogLimits, Session
from docsync.core.tokens import issue_token, new_session_id
from docsync.testing import ClientProtocol

FUZZ_EXAMPLES = int(os.environ.get("DOCSYNC_FUZZ_EXAMPLES", "40"))
NOW = 1_000_000.0
# Small bounds, so that the log's eviction and the resume by snapshot happen often.
LIMITS = LogLimits(max_messages=6, max_bytes=700)


class SessionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.typed = ds.widgets.TextInput(name="typed")  # only the client writes it
        self.server = ds.widgets.IntSlider(name="server", start=0, end=1000)  # server only
        self.applied: list[str] = []  # client values, in the order the server applied them
        self.typed.param.watch(lambda e: self.applied.append(e.new), "value")
        secret = secrets.token_bytes(32)
        self.registry = SessionRegistry(
            secret=secret, factory=self._create,
            config=RegistryConfig(reconnect_timeout=1e9, token_lifetime=1e9))
        self.client = ClientProtocol(
            issue_token(secret, new_session_id(secrets.token_bytes(16)), NOW))
        self.sent_values: list[str] = []
        self.session: Session | None = None
        self.connection: Connection | None = None
        self.wire: list[str] = []  # sent by the server, not yet read by the client
        self.cursor = 0  # the last seq the transport sent
        self._connect()

    def _create(self, session_id, hello, handle) -> Session:
        document = Document([ds.Column(self.typed, self.server)])
        return Session(session_id, document, hello=hello, limits=LIMITS)

    # -- the transport ---------------------------------------------------------------------

    def _connect(self) -> None:
        self.connection = Connection(self.registry, handle=object())
        out = self.connection.receive(self.client.hello(), now=NOW)
        joined = self.connection.joined
        assert joined is not None
        self.session = joined.session
        self.wire = [out.send[0]]  # the welcome; the rest is read from the log
        self.welcomed = False  # a client sends nothing on a connection before its welcome
        self.cursor = joined.resume_from
        self.session.start_sending(after=self.cursor)

    def _to_server(self, frame: str) -> None:
        if self.connection is not None and self.welcomed:
            self.connection.receive(frame, now=NOW)  # replies are read from the log

    def _deliver_one(self) -> None:
        message = self.client.receive(self.wire.pop(0))  # raises on a gap or a repeat
        if message["type"] == "welcome":
            self.welcomed = True
            for frame in self.client.resend():
                self._to_server(frame)

    # -- rules -------------------------------------------------------------------------------

    @precondition(lambda self: self.client.doc is not None)  # a page shows, then edits
    @rule(text=st.text(max_size=30))
    def client_edits(self, text: str) -> None:
        value = f"{len(self.sent_values)}:{text}"
        self.sent_values.append(value)
        frame = self.client.set(self.client.find("TextInput"), "value", value)
        self._to_server(frame)

    @rule(value=st.integers(0, 1000))
    def server_changes(self, value: int) -> None:
        assert self.session is not None
        self.server.value = value
        self.session.flush()

    @precondition(lambda self: self.connection is not None)
    @rule(count=st.integers(1, 5))
    def transport_sends(self, count: int) -> None:
        assert self.session is not None
        frames = self.session.frames_after(self.cursor)
        # issue 12: the log never drops what this connection was not sent.
        assert frames is not None, "an unsent frame was dropped from the log"
        for frame in frames[:count]:
            self.wire.append(frame)
            self.cursor += 1
            self.session.sent(self.cursor)

    @precondition(lambda self: self.wire)
    @rule(count=st.integers(1, 5))
    def client_reads(self, count: int) -> None:
        for _ in range(min(count, len(self.wire))):
            self._deliver_one()

    @precondition(lambda self: self.connection is not None and self.client.last_seq)
    @rule()
    def client_acks(self) -> None:
        self._to_server(self.client.ack())

    @precondition(lambda self: self.connection is not None)
    @rule()
    def connection_drops(self) -> None:
        assert self.connection is not None
        self.connection.closed(now=NOW)
        self.connection = None
        self.wire = []  # frames in flight are lost with the connection

    @precondition(lambda self: self.connection is None)
    @rule()
    def client_resumes(self) -> None:
        self._connect()

    # -- invariants --------------------------------------------------------------------------

    @invariant()
    def client_edits_apply_once_in_order(self) -> None:
        assert self.session is not None
        assert self.applied == self.sent_values[:self.session.applied_cseq]

    def teardown(self) -> None:
        """Deliver everything; then both sides agree and nothing is left unacknowledged."""
        if self.connection is None:
            self._connect()
        for _ in range(100):  # bounded: each round sends or reads at least one frame
            if self.wire:
                self._deliver_one()
                continue
            assert self.session is not None
            self.session.flush()
            if not self.session.frames_after(self.cursor):
                break
            self.transport_sends(100)
        assert not self.wire and not self.client.outbox
        assert self.applied == self.sent_values
        client_typed = self.client.prop(self.client.find("TextInput"), "value")
        client_server = self.client.prop(self.client.find("IntSlider"), "value")
        assert (client_typed, client_server) == (self.typed.value, self.server.value)


TestSessionMachine = SessionMachine.TestCase
TestSessionMachine.settings = settings(max_examples=FUZZ_EXAMPLES, stateful_step_count=40,
                                       deadline=None)
