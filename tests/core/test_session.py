import json

import pytest

import docsync as ds
from docsync.core.document import Document
from docsync.core.messages import Ack, ClientEvent, ClientPatch
from docsync.core.session import LogLimits, Session, SessionState
from docsync.exceptions import ProtocolViolation


def make(limits=None, on_error=None):
    limits = limits or LogLimits()
    x = ds.widgets.IntSlider(name="x", start=0, end=100, value=3)
    kwargs = {} if on_error is None else {"on_error": on_error}
    session = Session("sid", Document([ds.Column(x)]), limits=limits, **kwargs)
    session.sync(None)
    return session, x


def edit(cseq, value, base=1):
    return ClientPatch(cseq, base, [{"op": "replace", "path": "/models/m2/props/value",
                                     "value": value}])


def frames(texts):
    return [json.loads(t) for t in texts]


def test_first_sync_is_a_snapshot_with_seq_1():
    session, _ = make()
    assert session.seq == 1 and session.log_range == (1, 1)


def test_seq_rises_by_one_per_message_and_every_message_is_logged():
    session, x = make()
    for v in range(5):
        x.value = v + 10
        session.flush()
    assert session.seq == 6 and session.log_range == (1, 6)


def test_client_messages_apply_exactly_once_and_in_order():
    session, x = make()
    out = frames(session.receive(edit(1, 5)))
    assert out == [{"seq": 2, "type": "patch", "ops": [], "cseq": 1}]
    assert session.receive(edit(1, 6)) == []  # a repeat is ignored (§6)
    assert x.value == 5
    with pytest.raises(ProtocolViolation):
        session.receive(edit(3, 7))  # a gap


def test_acks_trim_the_log_and_may_not_run_ahead():
    session, x = make()
    for v in range(3):
        x.value = v + 10
        session.flush()
    session.receive(Ack(3))
    assert session.log_range == (4, 4)
    with pytest.raises(ProtocolViolation):
        session.receive(Ack(99))


def test_resume_replays_what_the_client_missed():
    session, x = make()
    x.value = 10
    session.flush()
    x.value = 11
    session.flush()
    assert [m["seq"] for m in frames(session.sync(1))] == [2, 3]
    assert session.sync(3) == []


def test_pending_changes_are_logged_before_a_replay():
    session, x = make()
    x.value = 12
    replay = frames(session.sync(1))
    assert replay[0]["ops"][0]["value"] == 12


def test_resume_gets_a_snapshot_when_the_log_no_longer_reaches_back():
    session, x = make(LogLimits(max_messages=2))
    for v in range(4):
        x.value = v + 10
        session.flush()
    out = frames(session.sync(1))
    assert [m["type"] for m in out] == ["snapshot"]
    assert out[0]["seq"] == 6 and out[0]["doc"]["models"]["m2"]["props"]["value"] == 13
    assert session.log_range == (6, 6)


def test_log_bytes_are_bounded():
    session, x = make(LogLimits(max_bytes=300))
    for v in range(20):
        x.value = v + 10
        session.flush()
    first, last = session.log_range
    assert last == 21 and first > 2
    assert sum(len(t) for t in session.sync(first - 1)) <= 300


def test_last_seq_ahead_of_the_server_is_a_violation():
    session, _ = make()
    with pytest.raises(ProtocolViolation):
        session.sync(5)


def test_refused_message_uses_its_cseq_and_is_answered_with_error_then_restore():
    session, x = make()
    out = frames(session.receive(edit(1, 500)))
    assert out[0]["type"] == "error" and out[0]["code"] == "invalid" and out[0]["cseq"] == 1
    assert "at most 100" in out[0]["message"]
    assert out[1] == {"seq": 3, "type": "patch", "cseq": 1,
                      "ops": [{"op": "replace", "path": "/models/m2/props/value", "value": 3}]}
    assert session.applied_cseq == 1 and x.value == 3
    assert frames(session.receive(edit(2, 4, base=3)))[0]["cseq"] == 2 and x.value == 4


def test_base_ahead_of_the_server_is_refused_as_bad_message():
    session, _ = make()
    out = frames(session.receive(edit(1, 5, base=9)))
    assert out[0]["code"] == "bad-message"


def test_app_code_that_raises_goes_to_on_error_and_the_session_goes_on():
    errors = []
    session, x = make(on_error=errors.append)

    def boom(event):
        raise RuntimeError("boom")

    x.param.watch(boom, "value")
    out = frames(session.receive(edit(1, 5)))
    assert [type(e) for e in errors] == [RuntimeError]
    assert out[-1]["cseq"] == 1
    assert session.state is SessionState.LIVE


def test_events_are_dispatched():
    button = ds.widgets.Button(name="b")
    session = Session("sid", Document([button]))
    session.sync(None)
    out = frames(session.receive(ClientEvent(1, 1, "m1", "click", {})))
    assert button.clicks == 1
    assert out[0]["ops"] == [{"op": "replace", "path": "/models/m1/props/clicks", "value": 1}]


def test_destroy_runs_hooks_exactly_once_and_stops_sending():
    session, x = make()
    calls = []
    session.on_destroy(lambda s: calls.append(s.id))
    session.destroy()
    session.destroy()
    assert calls == ["sid"] and session.state is SessionState.DESTROYED
    x.value = 50
    assert session.flush() == []


def test_attach_detach():
    session, _ = make()
    first, second = object(), object()
    assert session.attach(first) is None
    assert session.attach(second) is first
    session.detach(first, now=5)  # a stale connection closing does not detach the new one
    assert session.state is SessionState.LIVE
    session.detach(second, now=6)
    assert session.state is SessionState.DETACHED and session.detached_at == 6


def test_on_load_fires_once_when_the_first_snapshot_is_acknowledged():
    session, x = make()
    loaded = []
    session.on_load(lambda s: loaded.append(s.seq))
    x.value = 9
    session.flush()
    session.receive(Ack(0))
    assert loaded == [] and not session.loaded
    session.receive(Ack(1))
    session.receive(Ack(2))
    assert loaded == [2] and session.loaded


def test_replays_predicts_sync():
    session, x = make(LogLimits(max_messages=2))
    assert session.replays(1) and not session.replays(None)
    for v in range(3):
        x.value = v + 10
        session.flush()
    assert not session.replays(1) and session.replays(3) and session.replays(4)


def test_frames_after_reads_the_log_by_cursor():
    session, x = make(LogLimits(max_messages=3))
    for v in range(2):
        x.value = v + 10
        session.flush()
    assert [json.loads(f)["seq"] for f in session.frames_after(1)] == [2, 3]
    assert session.frames_after(3) == []
    for v in range(3):
        x.value = v + 20
        session.flush()
    assert session.frames_after(1) is None  # fell out of the log: the client must resume


def test_limited_acks_wait_for_their_release_and_the_rest_flows():
    session, x = make()
    session.limit_acks(0)  # nothing saved yet
    x.value = 9
    out = frames(session.receive(edit(1, 5)) + session.flush())
    assert all("cseq" not in m for m in out)  # changes go out, the ack is held back
    session.receive(edit(2, 6))
    assert json.loads(session.welcome(resumed=True))["cseq"] == 0
    session.limit_acks(1)
    assert frames(session.flush()) == [{"seq": session.seq, "type": "patch", "ops": [],
                                        "cseq": 1}]
    assert session.flush() == []  # 2 is still held, and 1 was already acknowledged
    session.limit_acks(None)
    assert frames(session.flush())[-1]["cseq"] == 2
    assert session.flush() == []


def test_snapshot_after_numbers_on_from_the_clients_last_seq():
    session = Session("sid", Document([ds.pane.Str("hi")]))
    snapshot = json.loads(session.snapshot_after(41))
    assert snapshot["type"] == "snapshot" and snapshot["seq"] == 42
    assert frames(session.frames_after(41)) == [snapshot]


def test_frames_not_yet_sent_are_never_dropped_from_the_log():
    """issue 12: a frame over the byte bound pushed out the unsent frames before it."""
    session, x = make(LogLimits(max_bytes=300))
    session.start_sending(after=1)  # the snapshot (seq 1) was sent
    x.value = 11
    session.flush()  # seq 2
    big = session.command("download", {"data": "z" * 1000})  # seq 3, alone over the bound
    x.value = 12
    session.flush()  # seq 4
    assert session.log_range == (2, 4)
    assert session.frames_after(1) is not None and session.frames_after(1)[1] == big
    assert session.unsent_bytes == sum(len(t) for t in session.frames_after(1))

    session.sent(3)  # the sent frames may now go, the unsent one stays
    assert session.log_range == (4, 4)
    assert session.unsent_bytes == len(session.frames_after(3)[0])
    session.sent(4)
    assert session.unsent_bytes == 0


def test_an_ack_cannot_drop_what_was_not_sent():
    session, x = make()
    session.start_sending(after=1)
    for v in (11, 12):
        x.value = v
        session.flush()
    session.receive(Ack(3))  # a client acknowledging frames it was never sent
    assert session.log_range == (2, 3)
    session.sent(3)
    session.receive(Ack(3))
    assert session.log_range is None


def test_a_new_or_no_connection_restores_the_log_bounds():
    session, x = make(LogLimits(max_bytes=300))
    session.attach("first")
    session.start_sending(after=1)
    for v in range(10):
        x.value = v + 10
        session.flush()
    assert session.log_range == (2, 11)  # only the snapshot was sent: the rest is kept
    session.detach("first", now=0.0)  # detached: the oldest go as before
    first, last = session.log_range
    assert last == 11 and first > 2 and session.unsent_bytes == 0
    session.attach("second")
    session.start_sending(after=last - 1)
    assert session.unsent_bytes == len(session.frames_after(last - 1)[0])
