import json
import secrets

import pytest

import docsync as ds
from docsync.core.document import Document
from docsync.core.messages import Hello
from docsync.core.registry import RegistryConfig, SessionRegistry
from docsync.core.session import Session, SessionState
from docsync.core.tokens import issue_token
from docsync.exceptions import BadToken, ProtocolViolation, SessionInUse, UnknownSession

SECRET = secrets.token_bytes(32)


@pytest.fixture
def registry():
    built = []

    def factory(session_id, hello, handle):
        built.append(session_id)
        return Session(session_id, Document([ds.pane.Str("hi")]), hello=hello)

    reg = SessionRegistry(secret=SECRET, factory=factory,
                          config=RegistryConfig(reconnect_timeout=30, token_lifetime=300))
    reg.built = built
    return reg


def hello(sid="s" * 22, issued=0, last_seq=None, protocol=1):
    return Hello(protocol, issue_token(SECRET, sid, issued), last_seq, {}, {})


def test_a_fresh_token_creates_a_session_running_the_app_once(registry):
    joined = registry.join(hello(), "conn1", now=10)
    assert joined.created and registry.built == ["s" * 22]
    welcome, snapshot = (json.loads(t) for t in joined.send)
    assert welcome == {"type": "welcome", "session_id": "s" * 22, "resumed": False, "cseq": 0}
    assert snapshot["type"] == "snapshot" and snapshot["seq"] == 1


def test_resume_of_a_detached_session(registry):
    joined = registry.join(hello(), "c1", now=0)
    registry.leave(joined.session, "c1", now=1)
    again = registry.join(hello(last_seq=1), "c2", now=2)
    assert not again.created and registry.built == ["s" * 22]
    assert json.loads(again.send[0])["resumed"] is True
    assert again.session.connection == "c2" and again.session.state is SessionState.LIVE


def test_joined_says_whether_a_resume_replayed(registry):
    joined = registry.join(hello(), "c1", now=0)
    assert not joined.replayed
    registry.leave(joined.session, "c1", now=1)
    again = registry.join(hello(last_seq=1), "c2", now=2)
    assert again.replayed and again.resume_from == 1 and len(again.send) == 1
    registry.leave(joined.session, "c2", now=3)
    third = registry.join(hello(), "c3", now=4)
    assert not third.replayed and third.resume_from == 1  # the snapshot is seq 2


def test_null_last_seq_for_a_detached_session_gets_a_snapshot(registry):
    joined = registry.join(hello(), "c1", now=0)
    registry.leave(joined.session, "c1", now=1)
    again = registry.join(hello(), "c2", now=2)
    assert [json.loads(t)["type"] for t in again.send] == ["welcome", "snapshot"]


def test_a_duplicated_tab_is_refused_with_4409(registry):
    registry.join(hello(), "c1", now=0)
    with pytest.raises(SessionInUse) as info:
        registry.join(hello(), "c2", now=1)
    assert info.value.close_code == 4409


def test_a_resume_takes_over_a_live_session_and_evicts_the_old_connection(registry):
    registry.join(hello(), "c1", now=0)
    joined = registry.join(hello(last_seq=1), "c2", now=1)
    assert joined.evicted == "c1" and joined.session.connection == "c2"


def test_resume_of_an_unknown_session_is_4404(registry):
    with pytest.raises(UnknownSession) as info:
        registry.join(hello(last_seq=3), "c1", now=0)
    assert info.value.close_code == 4404


def test_an_old_token_may_resume_but_not_create(registry):
    joined = registry.join(hello(issued=0), "c1", now=10)
    registry.leave(joined.session, "c1", now=20)
    assert not registry.join(hello(issued=0, last_seq=1), "c2", now=301 - 1).created
    with pytest.raises(BadToken) as info:
        registry.join(hello(sid="t" * 22, issued=0), "c3", now=301)
    assert info.value.close_code == 4401


def test_expiry_destroys_once_and_later_hellos_get_4404(registry):
    destroyed = []
    registry.on_destroyed.append(lambda s: destroyed.append(s.id))
    joined = registry.join(hello(), "c1", now=0)
    joined.session.on_destroy(lambda s: destroyed.append("hook"))
    registry.leave(joined.session, "c1", now=10)
    assert registry.next_deadline() == 40
    assert registry.expire(now=39.9) == []
    assert registry.expire(now=40) == [joined.session]
    assert registry.expire(now=41) == []
    assert destroyed == ["hook", "s" * 22]
    for last_seq in (None, 1):
        with pytest.raises(UnknownSession):
            registry.join(hello(last_seq=last_seq), "c2", now=42)


def test_a_live_session_never_expires(registry):
    registry.join(hello(), "c1", now=0)
    assert registry.next_deadline() is None and registry.expire(now=10_000) == []


def test_wrong_protocol_version(registry):
    with pytest.raises(ProtocolViolation, match="reload"):
        registry.join(hello(protocol=2), "c1", now=0)


def test_destroy_all_runs_every_hook(registry):
    calls = []
    for i in range(3):
        s = registry.join(hello(sid=f"{i}" * 22), f"c{i}", now=0).session
        s.on_destroy(lambda s: calls.append(s.id))
    registry.destroy_all(now=1)
    assert len(calls) == 3 and registry.sessions == {}


def test_a_resume_of_a_session_held_nowhere_here_is_rebuilt_by_restore():
    asked = []

    def restore(session_id, hello_, handle):
        asked.append((session_id, hello_.last_seq, handle))
        if session_id != "r" * 22:
            return None
        session = Session(session_id, Document([ds.pane.Str("again")]), hello=hello_)
        session.applied_cseq = 4
        return session

    reg = SessionRegistry(secret=SECRET, factory=lambda *a: pytest.fail("not a new session"),
                          restore=restore)
    joined = reg.join(hello(sid="r" * 22, last_seq=17), "c1", now=10_000)  # an old token
    assert joined.rebuilt and not joined.created and not joined.replayed
    welcome, snapshot = (json.loads(t) for t in joined.send)
    assert welcome == {"type": "welcome", "session_id": "r" * 22, "resumed": True, "cseq": 4}
    assert snapshot["type"] == "snapshot" and snapshot["seq"] == 18
    assert joined.resume_from == 17 and reg.sessions["r" * 22].connection == "c1"
    with pytest.raises(UnknownSession):
        reg.join(hello(sid="q" * 22, last_seq=3), "c2", now=10)
    assert asked == [("r" * 22, 17, "c1"), ("q" * 22, 3, "c2")]


def test_a_session_destroyed_here_is_not_rebuilt(registry):
    rebuilt = []
    reg = SessionRegistry(secret=SECRET, factory=registry._factory,
                          restore=lambda *a: rebuilt.append(a))
    joined = reg.join(hello(), "c1", now=0)
    reg.destroy(joined.session, now=1)
    with pytest.raises(UnknownSession):
        reg.join(hello(last_seq=1), "c2", now=2)
    assert rebuilt == []


def test_census_counts_sessions_resumes_and_refusals_and_keeps_totals_of_the_destroyed(
        registry):
    from docsync.exceptions import Refused

    empty = registry.census()
    assert (empty.live, empty.detached, empty.opened, empty.destroyed) == (0, 0, 0, 0)
    first = registry.join(hello(), "c1", now=0)
    other = registry.join(hello("t" * 22), "d1", now=0)
    first.session.refuse(None, Refused("no"))
    first.session.refuse(None, Refused("no"))
    registry.leave(first.session, "c1", now=1)
    registry.join(hello(last_seq=first.session.seq), "c2", now=2)  # a replay
    registry.leave(other.session, "d1", now=3)
    census = registry.census()
    assert (census.live, census.detached, census.opened) == (1, 1, 2)
    assert (census.replayed, census.snapshots, census.refused) == (1, 0, {"refused": 2})
    registry.join(hello("t" * 22), "d2", now=4)  # no last_seq: a snapshot
    registry.destroy(first.session, now=5)
    census = registry.census()
    assert (census.live, census.detached, census.opened, census.destroyed) == (1, 0, 2, 1)
    assert census.snapshots == 1
    assert census.refused == {"refused": 2}  # the destroyed session's refusals still count


def test_census_sums_and_maxes_the_bytes_each_connection_is_behind(registry):
    first = registry.join(hello(), "c1", now=0)
    other = registry.join(hello("t" * 22), "d1", now=0)
    first.session.start_sending(after=0)  # nothing sent yet: its whole log is behind
    other.session.start_sending(after=other.session.seq)  # all sent
    behind = first.session.unsent_bytes
    assert behind > 0
    census = registry.census()
    assert (census.unsent_bytes, census.max_unsent_bytes) == (behind, behind)
