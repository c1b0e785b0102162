"""One session's protocol state: outgoing ``seq``, the replay log, applied ``cseq`` (§4, §6)."""

from __future__ import annotations

import enum
import itertools
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from docsync.core.document import Document
from docsync.core.messages import Ack, ClientEvent, ClientPatch, Hello, encode
from docsync.exceptions import BadMessage, ProtocolViolation, Refused

__all__ = ["Attachment", "LogLimits", "Session", "SessionState"]


class SessionState(enum.Enum):
    LIVE = "live"
    DETACHED = "detached"
    DESTROYED = "destroyed"


@dataclass(frozen=True)
class LogLimits:
    """Bounds of the replay log; past either, the oldest messages are dropped (§6).

    While a transport reports what it has sent (:meth:`Session.start_sending`), only frames
    already sent may be dropped: the rest is the transport's to bound (in bytes, with
    :attr:`Session.unsent_bytes`), since a frame dropped before it is sent is lost.
    """

    max_messages: int = 1024
    max_bytes: int = 1 << 20


class Attachment(Protocol):
    """A transport's handle of the connection attached to a session (what the registry
    attaches): the runtime asks it to send what the session numbered, or to close."""

    def pull(self) -> None:
        """Send the frames numbered since the last send (on the transport's loop)."""

    def close(self, code: int, reason: str) -> None:
        """Close the connection with ``code`` (PROTOCOL.md §8)."""


def _raise(exc: BaseException) -> None:
    raise exc


class Session:
    """A document and the numbered stream of messages that keeps a client in sync with it.

    Every method returns the text frames to send, in order, to the attached connection
    (if any); they are already in the replay log, so a detached session loses nothing.

    Thread-safety: :meth:`receive` may run in a worker thread (app callbacks run inside it)
    while :meth:`flush` runs on the event loop; numbering and logging hold a short lock that
    is never held while app code runs. Calls to :meth:`receive` must not overlap.
    """

    def __init__(
        self,
        session_id: str,
        document: Document,
        *,
        hello: Hello | None = None,
        limits: LogLimits = LogLimits(),
        on_error: Callable[[BaseException], None] = _raise,
    ) -> None:
        self.id = session_id
        self.document = document
        self.hello = hello
        self.state = SessionState.LIVE
        #: The transport's handle of the attached connection, or None while detached.
        self.connection: Attachment | None = None
        self.detached_at: float | None = None
        self.seq = 0
        self.applied_cseq = 0
        #: The highest ``cseq`` that may be acknowledged, or None for every applied one (see
        #: :meth:`limit_acks`).
        self.ack_limit: int | None = None
        self._acked = 0  # the highest cseq acknowledged so far
        #: Called with an exception raised by app code during a client message.
        self.on_error = on_error
        #: Arbitrary per-session values owned by layers above the core (``state``).
        self.extras: dict[str, Any] = {}
        self._limits = limits
        self._log: deque[tuple[int, str]] = deque()
        self._log_bytes = 0
        # The last seq the attached connection was sent, when its transport reports sends
        # (start_sending); None otherwise. Frames after it are never dropped from the log.
        self._sent: int | None = None
        self._unsent_bytes = 0  # bytes of the logged frames after _sent
        self._ack_due = False
        self._destroy_hooks: list[Callable[[Session], None]] = []
        self._load_hooks: list[Callable[[Session], None]] = []
        self._first_snapshot: int | None = None
        #: True once the client acknowledged the first snapshot (the page is shown).
        self.loaded = False
        #: Client messages refused so far, by ``error`` code (None until the first): the
        #: server's metrics read it (``SessionRegistry.census``).
        self.refused: dict[str, int] | None = None
        self._lock = threading.RLock()

    # -- outgoing ------------------------------------------------------------------------

    def _emit(self, message: dict[str, Any]) -> str:
        with self._lock:
            return self._emit_locked(message)

    def _emit_locked(self, message: dict[str, Any]) -> str:
        self.seq += 1
        text = encode({"seq": self.seq, **message})
        self._log.append((self.seq, text))
        self._log_bytes += len(text)
        self._unsent_bytes += len(text)
        self._trim()
        return text

    def start_sending(self, *, after: int) -> None:
        """The attached connection's transport sends this session's frames numbered after
        ``after`` and reports each send with :meth:`sent`. Until the connection changes, no
        frame it has not been sent is dropped from the log (issue 12: a frame larger than
        the log's byte bound dropped the ones before it, unsent); the transport bounds them
        with :attr:`unsent_bytes` instead."""
        with self._lock:
            self._sent = after
            self._unsent_bytes = sum(len(text) for seq, text in self._log if seq > after)

    def sent(self, seq: int) -> None:
        """The attached connection has been sent every frame up to ``seq``."""
        with self._lock:
            last = self._sent
            if last is None or seq <= last:
                return
            self._sent = seq
            if self._log:
                first = self._log[0][0]
                for n in range(max(last + 1, first), min(seq, self.seq) + 1):
                    self._unsent_bytes -= len(self._log[n - first][1])
            self._trim()

    def _trim(self) -> None:
        # With the lock held: drop the oldest frames past the bounds, never an unsent one.
        limits, sent = self._limits, self._sent
        while (len(self._log) > limits.max_messages or (
            self._log_bytes > limits.max_bytes and len(self._log) > 1
        )) and (sent is None or self._log[0][0] <= sent):
            self._log_bytes -= len(self._log.popleft()[1])

    @property
    def unsent_bytes(self) -> int:
        """Bytes of the frames the attached connection has not been sent (see
        :meth:`start_sending`; 0 unless its transport reports sends)."""
        return self._unsent_bytes if self._sent is not None else 0

    @property
    def next_unsent_bytes(self) -> int:
        """Bytes of the first frame the attached connection has not been sent (the one it
        sends next, or is sending): 0 when there is none or sends are not reported."""
        with self._lock:
            if self._sent is None or not self._log:
                return 0
            i = self._sent + 1 - self._log[0][0]
            return len(self._log[i][1]) if 0 <= i < len(self._log) else 0

    def flush(self) -> list[str]:
        """A ``patch`` of everything changed since the last flush, acking the last ``cseq``.

        Returns ``[]`` when there is nothing to say.
        """
        with self._lock:
            if self.state is SessionState.DESTROYED:
                return []
            if not self._ack_due and not self.document.dirty:
                return []  # the flush after a call whose message was flushed already
            try:
                ops = self.document.take_ops(self.seq + 1)
            except (TypeError, ValueError) as exc:  # a value that cannot be sent as JSON
                self.on_error(exc)
                ops = []
            cseq = self._take_ack()
            if not ops and cseq is None:
                return []
            message: dict[str, Any] = {"type": "patch", "ops": ops}
            if cseq is not None:
                message["cseq"] = cseq
            return [self._emit_locked(message)]

    def _take_ack(self) -> int | None:
        # Called with the lock held: the cseq this flush acknowledges, or None.
        if not self._ack_due:
            return None
        cseq = self.acknowledgeable
        if cseq < self.applied_cseq:  # held back: the rest is acknowledged when released
            if cseq <= self._acked:
                return None
        else:
            self._ack_due = False
        self._acked = max(self._acked, cseq)
        return cseq

    @property
    def acknowledgeable(self) -> int:
        """The highest applied ``cseq`` that may be acknowledged now."""
        limit = self.ack_limit
        return self.applied_cseq if limit is None else min(self.applied_cseq, limit)

    def limit_acks(self, cseq: int | None) -> None:
        """Acknowledge client messages only up to ``cseq`` (None: every applied one).

        A persistence layer keeps this at the last saved ``cseq``, so that a client never
        drops an edit from its outbox before the edit is saved: the client resends what is
        not acknowledged, and repeats are ignored (PROTOCOL.md §6). Call :meth:`flush`
        afterwards to send an acknowledgement this released.
        """
        with self._lock:
            self.ack_limit = cseq

    def snapshot(self) -> str:
        """A ``snapshot`` of the whole document; the log restarts from it."""
        with self._lock:
            self._log.clear()
            self._log_bytes = self._unsent_bytes = 0
            seq = self.seq + 1
            if self._first_snapshot is None:
                self._first_snapshot = seq
            return self._emit_locked({"type": "snapshot", "doc": self.document.snapshot(seq)})

    def welcome(self, *, resumed: bool) -> str:
        with self._lock:
            cseq = self.acknowledgeable
            self._acked = max(self._acked, cseq)
        return encode({"type": "welcome", "session_id": self.id, "resumed": resumed,
                       "cseq": cseq})

    def snapshot_after(self, last_seq: int) -> str:
        """A ``snapshot`` for a client that applied messages up to ``last_seq`` of another
        session with this id (one lost with its worker, that this one was rebuilt from).

        It is numbered after ``last_seq``, so the client does not take it for a repeat (§6).
        """
        with self._lock:
            self.seq = max(self.seq, last_seq)
            return self.snapshot()

    def sync(self, last_seq: int | None) -> list[str]:
        """What follows ``welcome`` for a client that applied up to ``last_seq`` (§6).

        Replays the log after ``last_seq`` when it reaches back that far, else one snapshot.
        ``None`` (a new client, or one that lost everything) always gets a snapshot.
        """
        with self._lock:
            if last_seq is not None and last_seq > self.seq:
                raise ProtocolViolation(
                    f"last_seq {last_seq} is ahead of the server's {self.seq}")
            if last_seq is None:
                return [self.snapshot()]  # it folds in pending changes
            self.flush()  # pending changes go into the log first, so the replay includes them
            frames = self.frames_after(last_seq)
            return [self.snapshot()] if frames is None else frames

    def replays(self, last_seq: int | None) -> bool:
        """Whether the log reaches back to ``last_seq``: :meth:`sync` replays (True) rather
        than snapshots (False). Asked after a sync, it says which one that sync did."""
        return last_seq is not None and self.frames_after(last_seq) is not None

    def frames_after(self, seq: int) -> list[str] | None:
        """Logged frames numbered above ``seq``, in order; None if the log no longer reaches
        back to ``seq + 1`` (the connection is too far behind: it must resume).

        A transport that sends by cursor (remembering the last ``seq`` it sent) delivers
        frames in order however many threads emit them.
        """
        with self._lock:
            if seq >= self.seq:
                return []
            if not self._log or self._log[0][0] > seq + 1:
                return None
            # The log holds consecutive seqs ending at self.seq (a snapshot restarts it):
            # the frames wanted are its last ones, read from the right end, not a full scan.
            wanted = self.seq - seq
            newest = [text for _, text in itertools.islice(reversed(self._log), wanted)]
            newest.reverse()
            return newest

    @property
    def log_range(self) -> tuple[int, int] | None:
        """(first, last) ``seq`` held in the replay log, or None when it is empty."""
        return (self._log[0][0], self._log[-1][0]) if self._log else None

    # -- incoming ------------------------------------------------------------------------

    def receive(self, message: ClientPatch | ClientEvent | Ack) -> list[str]:
        """Apply one client message (after ``hello``) and return what to send back.

        A ``cseq`` already applied is ignored (a resend after resume, §6); a gap is a
        protocol violation. A refused message still uses up its ``cseq``; it is answered
        with an ``error`` and a patch restoring the values it named (§5).
        """
        if isinstance(message, Ack):
            if self._acknowledge(message.seq):
                self._run_hooks(self._load_hooks)
            return []
        with self._lock:
            if message.cseq <= self.applied_cseq:
                return []
            if message.cseq != self.applied_cseq + 1:
                raise ProtocolViolation(
                    f"cseq {message.cseq} skips ahead of {self.applied_cseq + 1}")
            self.applied_cseq = message.cseq
            self._ack_due = True
        out: list[str] = []
        try:
            if message.base > self.seq:
                raise BadMessage(f"base {message.base} is ahead of the server's {self.seq}")
            if isinstance(message, ClientPatch):
                self.document.apply_client_ops(message.ops, base=message.base)
            else:
                self.document.dispatch_event(message.model, message.name, message.data)
        except Refused as exc:
            out.append(self.refuse(message.cseq, exc))
            self.document.revert(exc.paths)
        except Exception as exc:  # app code raised inside a watcher: the session goes on
            self.on_error(exc)
        out.extend(self.flush())
        return out

    def refuse(self, cseq: int | None, exc: Refused) -> str:
        """An ``error`` message refusing client message ``cseq`` (§4); counted in
        :attr:`refused`."""
        with self._lock:
            # A new dict each time (refusals are rare): a reader on another thread holds a
            # snapshot that no one changes.
            counts = dict(self.refused or {})
            counts[exc.code] = counts.get(exc.code, 0) + 1
            self.refused = counts
            return self._emit_locked({"type": "error", "cseq": cseq, "code": exc.code,
                                      "message": str(exc)})

    def consume_refused(self, cseq: int | None) -> bool:
        """Count a malformed message as applied if it carried the next ``cseq``."""
        with self._lock:
            if cseq is not None and cseq == self.applied_cseq + 1:
                self.applied_cseq = cseq
                self._ack_due = True
                return True
            return False

    def _acknowledge(self, seq: int) -> bool:
        """Trim the log; True when this ack is the first to cover the first snapshot."""
        with self._lock:
            if seq > self.seq:
                raise ProtocolViolation(f"ack {seq} is ahead of the server's {self.seq}")
            # A client cannot acknowledge what it was not sent: unsent frames stay.
            upto = seq if self._sent is None else min(seq, self._sent)
            while self._log and self._log[0][0] <= upto:
                self._log_bytes -= len(self._log.popleft()[1])
            first = self._first_snapshot
            if self.loaded or first is None or seq < first:
                return False
            self.loaded = True
            return True

    def command(self, name: str, data: Any = None) -> str:
        """A one-off browser action (``command``, §4), logged like any message."""
        return self._emit({"type": "command", "name": name, "data": data})

    # -- lifecycle -----------------------------------------------------------------------

    def attach(self, handle: Any) -> Any:
        """Attach a connection; returns the previously attached one (to close with 4409)."""
        previous, self.connection = self.connection, handle
        with self._lock:
            self._sent = None  # until the new connection's transport says what it sends
        self.state = SessionState.LIVE
        self.detached_at = None
        return previous

    def detach(self, handle: Any, *, now: float) -> None:
        """The connection ``handle`` is gone; keep running, detached, from ``now``."""
        if self.connection is handle and self.state is SessionState.LIVE:
            self.connection = None
            self.state = SessionState.DETACHED
            self.detached_at = now
            with self._lock:  # no connection to send to: the log's bounds apply to all
                self._sent = None
                self._trim()

    def on_load(self, hook: Callable[[Session], None]) -> None:
        """Call ``hook(session)`` once, when the client acknowledges its first snapshot
        (the browser has applied it and shows the page)."""
        self._load_hooks.append(hook)

    def _run_hooks(self, hooks: list[Callable[[Session], None]]) -> None:
        taken = list(hooks)
        hooks.clear()
        for hook in taken:
            try:
                hook(self)
            except Exception as exc:
                self.on_error(exc)

    def on_destroy(self, hook: Callable[[Session], None]) -> None:
        """Call ``hook(session)`` once, when the session is destroyed."""
        self._destroy_hooks.append(hook)

    def destroy(self) -> None:
        """Stop the document and run destroy hooks, exactly once. Errors go to ``on_error``."""
        with self._lock:
            if self.state is SessionState.DESTROYED:
                return
            self.state = SessionState.DESTROYED
            self.connection = None
            self._load_hooks.clear()
        self._run_hooks(self._destroy_hooks)
        self.document.close()
        with self._lock:
            self._log.clear()
            self._log_bytes = self._unsent_bytes = 0
