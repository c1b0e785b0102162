"""Saving live sessions for a rebuild elsewhere: coalesced, and acknowledged only once saved."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from docsync.cluster import codec
from docsync.cluster.record import Record, capture
from docsync.exceptions import Outage

if TYPE_CHECKING:
    from docsync.core.session import Session
    from docsync.runtime.context import SessionContext

__all__ = ["CheckpointStore", "Checkpoints", "SessionCheckpoint"]

log = logging.getLogger("docsync.persist")


class CheckpointStore(Protocol):
    """Where records are kept, by key, each owned by one worker (``store_redis``,
    ``store_sqlite``). Calls raise :class:`~docsync.cluster.Outage` when out of reach."""

    @property
    def available(self) -> bool:
        """False while out of reach (then :attr:`on_restored` callbacks say it is back)."""

    @property
    def on_restored(self) -> list[Callable[[], Any]]: ...

    async def save(self, key: str, owner: str, blob: bytes, ttl: float) -> bool: ...
    async def claim(self, key: str, owner: str, ttl: float) -> bytes | None: ...
    async def delete(self, key: str, owner: str) -> None: ...
    async def touch(self, keys: list[str], ttl: float) -> None: ...
    async def close(self) -> None: ...


class Checkpoints:
    """The saved state of this worker's sessions (DESIGN.md §5).

    A session is saved after it changes: a client message applied, a ``state.session``
    assignment, a document change. Saves are coalesced: one per session in flight, the next
    taking all that changed meanwhile, so the cost follows the store's round trip and not
    the rate of changes; a record equal to the last one saved is not written again.

    A client message is acknowledged only once a save holds it (``Session.limit_acks``):
    until then the client keeps it and resends it to whichever worker rebuilds the session,
    so no acknowledged edit is lost with a worker. While the store is out of reach sessions
    go on from memory and acknowledge at once; when it is back every session is saved again
    (a restarted Redis lost everything) and acknowledgements wait for saves again.

    When a session ends (its ``on_destroy``), its record is deleted, unless :attr:`keep`
    (the server is stopping: a restarted server rebuilds its sessions) or another copy of the
    session is saved here (two resumes raced; one copy ends). Records expire ``ttl`` seconds
    after their last save; a live session's record is refreshed every quarter of it. Use on
    the event loop, except where noted.
    """

    def __init__(self, store: CheckpointStore, *, secret: bytes, owner: str, ttl: float,
                 on_moved: Callable[[Session], None]) -> None:
        self.store = store
        self.secret = secret
        self.owner = owner
        self.ttl = ttl
        self.on_moved = on_moved
        #: True while acknowledgements wait for saves (the store answers).
        self.gated = store.available
        self.loop = asyncio.get_running_loop()
        #: Keep the records of sessions that end (set while the server stops).
        self.keep = False
        self._lock = threading.Lock()
        self._sessions: dict[Session, SessionCheckpoint] = {}
        self._toucher: asyncio.Task[None] | None = None
        self._deletes: set[asyncio.Task[None]] = set()
        store.on_restored.append(self._restored)

    def start(self) -> None:
        self._toucher = self.loop.create_task(self._touch_loop())

    def sessions(self) -> list[SessionCheckpoint]:
        with self._lock:
            return list(self._sessions.values())

    def track(self, key: str, session: Session, context: SessionContext, *,
              saved_cseq: int = 0) -> SessionCheckpoint:
        """Save ``session`` under ``key`` from now on (any thread); a first save follows.
        ``saved_cseq``: client messages that a record already holds (a rebuilt session)."""
        checkpoint = SessionCheckpoint(self, key, session, context)
        if self.gated:
            session.limit_acks(saved_cseq)
        with self._lock:
            self._sessions[session] = checkpoint
        context.checkpoint = checkpoint
        session.on_destroy(self._ended)
        checkpoint.touch()
        return checkpoint

    async def load(self, key: str) -> Record | None:
        """Claim ``key`` for this worker and return its record; None if there is none (or
        it cannot be read). Raises :class:`~docsync.cluster.Outage`."""
        blob = await self.store.claim(key, self.owner, self.ttl)
        if blob is None:
            return None
        try:
            return Record.from_state(codec.loads(blob, self.secret))
        except Exception as exc:
            log.warning("saved session %s cannot be read (%s): it starts afresh", key, exc)
            return None

    def _ended(self, session: Session) -> None:
        """``session`` was destroyed (any thread): stop saving it, and delete its record
        (after a save in flight) unless it is to be kept."""
        with self._lock:
            checkpoint = self._sessions.pop(session, None)
            copies = checkpoint is not None and any(
                c.key == checkpoint.key for c in self._sessions.values())
        if checkpoint is not None:
            self.loop.call_soon_threadsafe(checkpoint.close, not (self.keep or copies))

    def _moved(self, checkpoint: SessionCheckpoint) -> None:
        with self._lock:
            self._sessions.pop(checkpoint.session, None)
        checkpoint.closed = True
        log.info("session %s was rebuilt by another worker: this copy ends",
                 checkpoint.session.id[:8])
        self.on_moved(checkpoint.session)

    def _degrade(self) -> None:
        """The store is out of reach: acknowledge at once until it is back."""
        if not self.gated:
            return
        self.gated = False
        for checkpoint in self.sessions():
            checkpoint.session.limit_acks(None)
            checkpoint.context.flush()

    def _restored(self) -> None:
        self.gated = True
        for checkpoint in self.sessions():
            checkpoint.resave()

    async def _touch_loop(self) -> None:
        while True:
            await asyncio.sleep(self.ttl / 4)
            keys = [c.key for c in self.sessions()]
            try:
                await self.store.touch(keys, self.ttl)
            except Outage:
                pass  # logged by the link; every record is saved again when it is back
            except Exception:
                log.exception("refreshing saved sessions failed")

    async def flush(self, *, timeout: float = 5.0) -> None:
        """Save every session that changed, and wait (at most ``timeout`` s) until done."""
        for checkpoint in self.sessions():
            checkpoint.touch()
        deadline = self.loop.time() + timeout
        while self.store.available and self.loop.time() < deadline:
            await asyncio.sleep(0.01)
            if not any(c.busy for c in self.sessions()):
                return

    async def close(self) -> None:
        if self._toucher is not None:
            self._toucher.cancel()
        if self._deletes:
            await asyncio.wait(list(self._deletes), timeout=2.0)
        await self.store.close()


class SessionCheckpoint:
    """Saves one session (:meth:`touch` it from any thread when something saved changed)."""

    def __init__(self, checkpoints: Checkpoints, key: str, session: Session,
                 context: SessionContext) -> None:
        self.checkpoints = checkpoints
        self.key = key
        self.session = session
        self.context = context
        self.closed = False
        self._lock = threading.Lock()
        self._dirty = False
        self._queued = False
        self._saving: asyncio.Task[None] | None = None
        self._last: bytes | None = None  # a digest of the last record saved
        self._reported = False

    @property
    def busy(self) -> bool:
        """True while a save is due or in flight."""
        return self._dirty or self._queued or self._saving is not None

    def touch(self) -> None:
        with self._lock:
            self._dirty = True
            if self._queued or self.closed:
                return
            self._queued = True
        self.checkpoints.loop.call_soon_threadsafe(self._start)

    def resave(self) -> None:
        """Save again even if unchanged (the store may have lost the record)."""
        self._last = None
        self.touch()

    def _start(self) -> None:
        if not self.checkpoints.store.available:  # saved when it is back (``_restored``)
            with self._lock:
                self._queued = False
            self.checkpoints._degrade()
            return
        with self._lock:
            self._queued = False
            if self.closed or self._saving is not None or not self._dirty:
                return
            self._dirty = False
        self._saving = self.checkpoints.loop.create_task(self._save())
        self._saving.add_done_callback(self._saved)

    def _saved(self, _task: asyncio.Task[None]) -> None:
        self._saving = None
        if self._dirty:
            self._start()

    def _capture(self) -> tuple[int, bytes, list[str]]:
        """In the session's queue, between two client messages (and off the loop)."""
        record = capture(self.session, self.context.store)
        return record.cseq, codec.dumps(record.to_state(), self.checkpoints.secret), record.skipped

    async def _save(self) -> None:
        checkpoints = self.checkpoints
        try:
            cseq, blob, skipped = await asyncio.wrap_future(
                self.context.executor.submit(self._capture))
        except (RuntimeError, asyncio.CancelledError):  # the session ended
            return
        except Exception as exc:
            self._report(f"cannot be saved: {type(exc).__name__}: {exc}")
            return
        if skipped:
            self._report(f"is saved without what pickle refuses: {', '.join(skipped)}")
        digest = hashlib.blake2b(blob, digest_size=16).digest()
        if digest != self._last:
            try:
                kept = await checkpoints.store.save(self.key, checkpoints.owner, blob,
                                                    checkpoints.ttl)
            except Outage:
                self._dirty = True  # saved when the store is back
                checkpoints._degrade()
                return
            except Exception as exc:
                self._report(f"was not saved: {type(exc).__name__}: {exc}; retrying")
                await asyncio.sleep(1.0)
                self._dirty = True
                return
            if not kept:
                checkpoints._moved(self)
                return
            self._last = digest
        if checkpoints.gated and not self.closed:
            self.session.limit_acks(cseq)
            self.context.flush()

    def _report(self, what: str) -> None:
        if not self._reported:  # once per session: it would repeat at every change
            self._reported = True
            log.error("session %s %s", self.session.id[:8], what)

    def close(self, delete: bool) -> None:
        """On the loop: stop saving; with ``delete`` remove the record after any save."""
        self.closed = True
        if not delete:
            return
        checkpoints = self.checkpoints
        saving = self._saving

        async def remove() -> None:
            if saving is not None:
                await asyncio.wait([saving])
            try:
                await checkpoints.store.delete(self.key, checkpoints.owner)
            except Outage:
                pass  # it expires on its own
            except Exception:
                log.exception("forgetting saved session %s failed", self.session.id[:8])

        task = checkpoints.loop.create_task(remove())
        checkpoints._deletes.add(task)
        task.add_done_callback(checkpoints._deletes.discard)
