"""The sessions of one app, and the rules that answer a ``hello`` (PROTOCOL.md §2, §6)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from docsync.core.messages import PROTOCOL_VERSION, Hello
from docsync.core.session import LogLimits, Session, SessionState
from docsync.core.tokens import verify_token
from docsync.exceptions import BadToken, ProtocolViolation, SessionInUse, UnknownSession

__all__ = ["Census", "Joined", "RegistryConfig", "SessionRegistry"]

#: Builds a new session for ``(session_id, hello, handle)``; app code runs inside it.
#: ``handle`` is the transport's handle of the connection that asked (request headers...).
SessionFactory = Callable[[str, Hello, Any], Session]
#: Rebuilds, for a resuming ``(session_id, hello, handle)``, a session this registry does not
#: hold from state saved elsewhere (its worker restarted or died); None when nothing was
#: saved. It may raise :class:`CloseConnection` (a store that cannot be reached now).
SessionRestorer = Callable[[str, Hello, Any], Session | None]


@dataclass(frozen=True)
class RegistryConfig:
    reconnect_timeout: float = 30.0  # seconds a detached session lives (§6)
    token_lifetime: float = 300.0  # seconds a token may create a session (§2)
    log_limits: LogLimits = field(default_factory=LogLimits)


@dataclass(frozen=True)
class Joined:
    """The outcome of a successful ``hello``."""

    session: Session
    created: bool
    #: Frames to send, in order: ``welcome`` then a replay or a snapshot.
    send: list[str]
    #: A connection that held the session and must now be closed with 4409, or None.
    evicted: Any = None
    #: For a resume: True if the log was replayed, False if a snapshot was sent.
    replayed: bool = False
    #: The connection must be sent every logged frame numbered above this, after
    #: ``welcome`` (``send[1:]`` are those frames as of the join).
    resume_from: int = 0
    #: For a resume: True if the session was rebuilt from saved state (see ``restore``).
    rebuilt: bool = False


@dataclass(frozen=True)
class Census:
    """A registry's sessions now and its running totals (:meth:`SessionRegistry.census`):
    what a server's metrics report. Totals only grow while the registry lives."""

    live: int  # sessions with a connection attached
    detached: int  # sessions waiting for a resume (§6)
    opened: int  # sessions created for a new page
    destroyed: int  # sessions ended (expiry, shutdown, moved), rebuilt ones included
    replayed: int  # resumes answered by replaying the log
    snapshots: int  # resumes answered with a snapshot, rebuilt sessions included
    refused: dict[str, int]  # client messages refused, by error code
    unsent_bytes: int  # bytes numbered for the attached connections and not yet sent
    max_unsent_bytes: int  # the most that any one connection is behind by


class SessionRegistry:
    """Live and detached sessions by id, their expiry, and the ids already destroyed.

    Thread-safe: :meth:`join` may run in a worker thread (app code runs in the factory),
    and a short lock guards the tables; it is never held while app code runs.

    ``restore``, when given, is asked for a resume of a session that is not here and was
    not destroyed here: a worker that restarted, or a different one, rebuilds it.
    """

    def __init__(self, *, secret: bytes, factory: SessionFactory,
                 config: RegistryConfig = RegistryConfig(),
                 restore: SessionRestorer | None = None) -> None:
        self.secret = secret
        self.config = config
        self._factory = factory
        self._restore = restore
        self._lock = threading.RLock()
        self.sessions: dict[str, Session] = {}
        self._destroyed: dict[str, float] = {}
        #: Called with each destroyed session, after its own hooks ran.
        self.on_destroyed: list[Callable[[Session], None]] = []
        # Running totals for census(); refusals of sessions that are gone.
        self._opened = self._destroyed_count = self._replayed = self._snapshots = 0
        self._refused: dict[str, int] = {}

    def join(self, hello: Hello, handle: Any, *, now: float) -> Joined:
        """Attach connection ``handle`` to the session ``hello`` names, creating it if new.

        Raises :class:`CloseConnection` subclasses with the close code to use (§2, §6, §8).
        """
        if hello.protocol != PROTOCOL_VERSION:
            raise ProtocolViolation(
                f"protocol {hello.protocol} is not supported; this server speaks "
                f"{PROTOCOL_VERSION}: reload the page")
        info = verify_token(self.secret, hello.token, now=now,
                            lifetime=self.config.token_lifetime)
        with self._lock:
            session = self.sessions.get(info.session_id)
            destroyed = info.session_id in self._destroyed
        if session is None:
            if destroyed:
                raise UnknownSession("this session has expired: reload the page")
            if hello.last_seq is not None:
                return self._rebuild(info.session_id, hello, handle, hello.last_seq)
            if not info.fresh:
                raise BadToken("the session token has expired: reload the page")
            session = self._factory(info.session_id, hello, handle)
            try:
                send = [session.welcome(resumed=False), *session.sync(None)]
            except BaseException:
                session.destroy()  # never registered: nothing is left behind
                raise
            with self._lock:
                if info.session_id in self.sessions:  # another connection won the race
                    session.destroy()
                    raise SessionInUse("this session is open in another tab")
                self.sessions[session.id] = session
                session.attach(handle)
                self._opened += 1
            return Joined(session, True, send, resume_from=session.seq - len(send) + 1)
        with self._lock:
            if session.connection is not None and hello.last_seq is None:
                raise SessionInUse("this session is open in another tab")
            sent = session.sync(hello.last_seq)
            replayed = session.replays(hello.last_seq)  # after the sync: its flush counts
            resume_from = session.seq - len(sent)
            evicted = session.attach(handle)
            welcome = session.welcome(resumed=True)
            if replayed:
                self._replayed += 1
            else:
                self._snapshots += 1
        return Joined(session, False, [welcome, *sent], evicted, replayed, resume_from)

    def _rebuild(self, session_id: str, hello: Hello, handle: Any, last_seq: int) -> Joined:
        """A resume of a session held nowhere here: rebuilt by ``restore``, else 4404."""
        session = None if self._restore is None else self._restore(session_id, hello, handle)
        if session is None:
            raise UnknownSession("this session has expired: reload the page")
        try:
            # A resume answered with a snapshot (§6), numbered on from the client's last_seq.
            send = [session.welcome(resumed=True), session.snapshot_after(last_seq)]
        except BaseException:
            session.destroy()
            raise
        with self._lock:
            if session_id in self.sessions:  # another connection won the race
                session.destroy()
                raise SessionInUse("this session is open in another tab")
            self.sessions[session_id] = session
            session.attach(handle)
            self._snapshots += 1
        return Joined(session, False, send, resume_from=session.seq - 1, rebuilt=True)

    def leave(self, session: Session, handle: Any, *, now: float) -> None:
        """Connection ``handle`` closed; its session, if still its own, is now detached."""
        session.detach(handle, now=now)

    def destroy(self, session: Session, *, now: float) -> None:
        """Destroy ``session`` now (expiry, shutdown, reload); hooks run exactly once."""
        with self._lock:
            if self.sessions.pop(session.id, None) is None:
                return
            self._destroyed[session.id] = now
            self._destroyed_count += 1
            _add(self._refused, session.refused)
        session.destroy()
        for hook in self.on_destroyed:
            try:
                hook(session)
            except Exception as exc:
                session.on_error(exc)

    def expire(self, *, now: float) -> list[Session]:
        """Destroy sessions detached for longer than the reconnect timeout; return them."""
        timeout = self.config.reconnect_timeout
        with self._lock:
            expired = [s for s in self.sessions.values()
                       if s.state is SessionState.DETACHED and s.detached_at is not None
                       and now - s.detached_at >= timeout]
            # A destroyed id only needs remembering while its token could still create it.
            horizon = now - self.config.token_lifetime
            for sid in [sid for sid, t in self._destroyed.items() if t < horizon]:
                del self._destroyed[sid]
        for session in expired:
            self.destroy(session, now=now)
        return expired

    def next_deadline(self) -> float | None:
        """When :meth:`expire` next has work, or None if no session is detached."""
        with self._lock:
            times = [s.detached_at + self.config.reconnect_timeout
                     for s in self.sessions.values() if s.detached_at is not None]
        return min(times, default=None)

    def census(self) -> Census:
        """The sessions now and the totals so far (thread-safe; O(sessions))."""
        live = detached = unsent = most = 0
        with self._lock:
            refused = dict(self._refused)
            for session in self.sessions.values():
                if session.state is SessionState.LIVE:
                    live += 1
                    behind = session.unsent_bytes
                    unsent += behind
                    most = max(most, behind)
                elif session.state is SessionState.DETACHED:
                    detached += 1
                _add(refused, session.refused)
            return Census(live=live, detached=detached, opened=self._opened,
                          destroyed=self._destroyed_count, replayed=self._replayed,
                          snapshots=self._snapshots, refused=refused, unsent_bytes=unsent,
                          max_unsent_bytes=most)

    def destroy_all(self, *, now: float) -> None:
        """Destroy every session (server shutdown)."""
        with self._lock:
            sessions = list(self.sessions.values())
        for session in sessions:
            self.destroy(session, now=now)


def _add(totals: dict[str, int], counts: dict[str, int] | None) -> None:
    for code, count in (counts or {}).items():  # never changed once set (Session.refuse)
        totals[code] = totals.get(code, 0) + count
