"""A connection's read position in its session's numbered log (PROTOCOL.md §4, §6).

The session's log is the only way frames leave the core: every transport sends what a
:class:`Cursor` takes from it, in ``seq`` order, whichever thread numbered them.
"""

from __future__ import annotations

from typing import Any

from docsync.core.session import Session
from docsync.exceptions import TooFarBehind

__all__ = ["Cursor"]


class Cursor:
    """Where one connection is in ``session``'s log: the frames it has been sent.

    The transport's loop is: :meth:`take` the frames numbered since the last send, send each
    one, and call :meth:`sent` after each. The session keeps every frame the connection has
    not been sent (its log is the only copy); ``budget`` bounds in bytes those queued behind
    the next one to send, past which :meth:`take` and :meth:`check` raise
    :class:`~docsync.exceptions.TooFarBehind` and the connection must be closed with its
    code (4429) so that the client resumes. One frame alone is never behind, however large
    (a snapshot of a big document must reach the page).

    ``handle`` is the connection as attached to the session: reports of sends stop once the
    session has moved to another connection. Not thread-safe: use it from one thread (the
    transport's loop); the session it reads is.
    """

    def __init__(self, session: Session, handle: Any, *, after: int, budget: int) -> None:
        self.session = session
        self.handle = handle
        #: The ``seq`` of the last frame this connection was sent.
        self.seq = after
        self.budget = budget
        session.start_sending(after=after)

    @property
    def attached(self) -> bool:
        """True while the session still sends to this connection."""
        return self.session.connection is self.handle

    def check(self) -> None:
        """Raise :class:`TooFarBehind` if the frames queued behind the next one to send
        (the one being sent, if any) are more than ``budget`` bytes."""
        session = self.session
        if session.unsent_bytes - session.next_unsent_bytes > self.budget:
            raise TooFarBehind("too far behind: back off and resume")

    def take(self) -> list[str]:
        """The frames numbered after the last one sent, in order (``[]``: none yet).

        Raises :class:`TooFarBehind` when over budget, or when a snapshot restarted the log
        past this cursor (only a resume can bring the client back in step).
        """
        self.check()
        frames = self.session.frames_after(self.seq)
        if frames is None:
            raise TooFarBehind("the log no longer reaches back to this connection: resume")
        return frames

    def sent(self) -> None:
        """The frame being sent went out: the session may bound its log by it."""
        self.seq += 1
        if self.attached:  # else the session moved on to another connection meanwhile
            self.session.sent(self.seq)
