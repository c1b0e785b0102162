"""A connection's cursor in its session's log: every frame once, in order, within budget."""

import json

import pytest

import docsync as ds
from docsync.core.cursor import Cursor
from docsync.core.document import Document
from docsync.core.session import LogLimits, Session
from docsync.exceptions import TooFarBehind


class Handle:
    """A connection as the registry attaches it."""

    def pull(self) -> None:
        pass

    def close(self, code: int, reason: str) -> None:
        pass


def attached(limits=None, budget=1 << 20):
    x = ds.widgets.TextInput(name="x")
    session = Session("sid", Document([ds.Column(x)]), limits=limits or LogLimits())
    handle = Handle()
    session.attach(handle)
    session.sync(None)  # the snapshot, seq 1
    return session, x, Cursor(session, handle, after=0, budget=budget), handle


def send_all(cursor):
    sent = []
    for text in cursor.take():
        sent.append(json.loads(text)["seq"])
        cursor.sent()
    return sent


def test_frames_are_taken_once_each_in_seq_order():
    session, x, cursor, _ = attached()
    for value in "abc":
        x.value = value
        session.flush()
    assert send_all(cursor) == [1, 2, 3, 4]
    assert cursor.take() == [] and cursor.seq == 4
    x.value = "d"
    session.flush()
    assert send_all(cursor) == [5]


def test_sent_frames_may_leave_the_log_but_unsent_ones_never_do():
    session, x, cursor, _ = attached(limits=LogLimits(max_messages=2))
    for value in "abcdef":
        x.value = value
        session.flush()
    assert send_all(cursor) == [1, 2, 3, 4, 5, 6, 7]  # nothing dropped before it was sent
    x.value = "g"
    session.flush()
    assert session.log_range == (7, 8)  # now the log's own bound applies to sent frames


def test_a_connection_further_behind_than_its_budget_must_resume():
    session, x, cursor, _ = attached(budget=2_000)
    send_all(cursor)
    for value in "yz":
        x.value = value * 1_500
        session.flush()
    cursor.check()  # within budget: 1,500 bytes wait behind the next frame to send
    x.value = "w" * 1_500
    session.flush()
    with pytest.raises(TooFarBehind) as caught:
        cursor.take()
    assert caught.value.close_code == 4429


def test_one_frame_larger_than_the_budget_is_not_behind():
    """A snapshot of a big document must reach the page: only what waits behind the next
    frame to send counts against the budget."""
    session, x, cursor, _ = attached(budget=2_000)
    send_all(cursor)
    x.value = "y" * 2_500  # one frame larger than the budget
    session.flush()
    assert [json.loads(t)["seq"] for t in cursor.take()] == [2]
    cursor.sent()
    assert session.unsent_bytes == 0
    x.value = "z" * 2_500
    session.flush()
    x.value = "w"  # a small frame queued behind the big one: still within the budget
    session.flush()
    cursor.check()
    x.value = "v" * 2_500  # a second big one behind it: over
    session.flush()
    with pytest.raises(TooFarBehind):
        cursor.check()


def test_a_snapshot_past_the_cursor_means_resume():
    session, _, cursor, _ = attached()
    session.snapshot()
    session.snapshot()  # the log restarts at seq 3: seq 2 is gone for this cursor
    with pytest.raises(TooFarBehind):
        cursor.take()


def test_sends_stop_counting_once_the_session_moved_to_another_connection():
    session, x, cursor, _ = attached()
    x.value = "a"
    session.flush()
    assert len(cursor.take()) == 2
    session.attach(Handle())
    cursor.sent()
    assert not cursor.attached and cursor.seq == 1
    assert session.log_range == (1, 2)  # the new connection's transport says what it sent
