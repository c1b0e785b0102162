import json
import secrets

import pytest

import docsync as ds
from docsync.core.connection import MAX_BAD_MESSAGES, Connection, ConnectionState
from docsync.core.document import Document
from docsync.core.registry import SessionRegistry
from docsync.core.session import Session, SessionState
from docsync.core.tokens import issue_token
from docsync.exceptions import ProtocolViolation

SECRET = secrets.token_bytes(32)


@pytest.fixture
def registry():
    def factory(sid, hello, handle):
        return Session(sid, Document([ds.widgets.IntSlider(end=9)]), hello=hello)

    return SessionRegistry(secret=SECRET, factory=factory)


def hello_frame(last_seq=None):
    return json.dumps({"type": "hello", "protocol": 1, "token": issue_token(SECRET, "a" * 22, 0),
                       "last_seq": last_seq, "args": {}, "location": {}})


def test_the_first_message_must_be_hello(registry):
    conn = Connection(registry)
    with pytest.raises(ProtocolViolation):
        conn.receive('{"type":"ack","seq":0}', now=0)
    with pytest.raises(ProtocolViolation):
        Connection(registry).receive("garbage", now=0)


def test_hello_opens_and_a_second_hello_is_a_violation(registry):
    conn = Connection(registry)
    out = conn.receive(hello_frame(), now=0)
    assert conn.state is ConnectionState.OPEN and len(out.send) == 2
    with pytest.raises(ProtocolViolation):
        conn.receive(hello_frame(), now=0)


def test_malformed_messages_are_refused_and_counted(registry):
    conn = Connection(registry)
    conn.receive(hello_frame(), now=0)
    out = conn.receive('{"type":"patch","cseq":1,"base":1}', now=0)
    error = json.loads(out.send[0])
    assert error["code"] == "bad-message" and error["cseq"] == 1
    assert conn.session.applied_cseq == 1  # it used up its cseq
    out = conn.receive("[]", now=0)
    assert json.loads(out.send[0])["cseq"] is None
    for _ in range(MAX_BAD_MESSAGES - 3):
        conn.receive("nope", now=0)
    conn.receive('{"type":"ack","seq":1}', now=0)  # a good message resets the count
    for _ in range(MAX_BAD_MESSAGES - 1):
        conn.receive("nope", now=0)
    with pytest.raises(ProtocolViolation, match="too many"):
        conn.receive("nope", now=0)


def test_closing_detaches_and_a_taken_over_connection_is_ignored(registry):
    old = Connection(registry)
    old.receive(hello_frame(), now=0)
    new = Connection(registry)
    out = new.receive(hello_frame(last_seq=1), now=1)
    assert out.evict is old
    frame = json.dumps({"type": "patch", "cseq": 1, "base": 1, "ops": [
        {"op": "replace", "path": "/models/m1/props/value", "value": 4}]})
    assert old.receive(frame, now=1).send == []
    old.closed(now=2)
    assert new.session.state is SessionState.LIVE
    new.closed(now=3)
    assert new.session.state is SessionState.DETACHED and new.state is ConnectionState.CLOSED
