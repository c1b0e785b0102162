"""Session persistence for a server's apps: new sessions saved, lost ones rebuilt, ended ones
forgotten (issue 7; the core's side is ``SessionRegistry(restore=...)``)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Callable
from typing import Any

from docsync.cluster.checkpoint import Checkpoints
from docsync.cluster.record import restore
from docsync.core.messages import Hello
from docsync.core.registry import SessionFactory, SessionRestorer
from docsync.core.session import Session
from docsync.exceptions import Outage, TryAgainLater
from docsync.runtime.context import REBUILDING, SessionContext

__all__ = ["Persistence"]

log = logging.getLogger("docsync.persist")


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class Persistence:
    """Connects a server's session registries to its :class:`Checkpoints`.

    - the registry's factory calls :meth:`created` for each new session: it is saved from
      now on;
    - :meth:`restorer` is the registry's ``restore`` hook: a resume of a session that this
      worker does not hold claims the session's record, runs the app again (its
      ``state.session`` already holds the saved values, and ``state.rebuilt`` is True), puts
      the saved client-writable values back, and answers with a snapshot; the transport then
      runs the session's ``on_session_resumed`` hooks;
    - a session that ends loses its record, unless the server is stopping
      (:attr:`stopping`): a graceful restart keeps every session.
    """

    def __init__(self, checkpoints: Checkpoints, *, timeout: float = 5.0) -> None:
        self.checkpoints = checkpoints
        self.timeout = timeout

    @property
    def stopping(self) -> bool:
        """Set while the server stops: sessions that end keep their records."""
        return self.checkpoints.keep

    @stopping.setter
    def stopping(self, value: bool) -> None:
        self.checkpoints.keep = value

    @staticmethod
    def key(path: str, session_id: str) -> str:
        return f"{path}:{session_id}"

    def created(self, path: str, session: Session, context: SessionContext) -> None:
        """Save a new session, whose runtime context is ``context``, from now on (from the
        registry's factory, any thread)."""
        if REBUILDING.get() is not None:
            return  # a rebuild: tracked once its saved values are back (see restorer)
        self.checkpoints.track(self.key(path, session.id), session, context)

    def restorer(self, path: str, create: SessionFactory,
                 context_of: Callable[[Session], SessionContext | None]) -> SessionRestorer:
        """The ``restore`` hook of the registry of app ``path``, whose factory is ``create``;
        ``context_of`` gives the runtime context of a session the factory made.

        It blocks on the store, so the registry must call it off the event loop (the
        server answers every ``hello`` in its worker pool).
        """
        loop = self.checkpoints.loop

        def rebuild(session_id: str, hello: Hello, handle: Any) -> Session | None:
            if _running_loop() is loop:
                raise RuntimeError("a rebuild waits for the store: call it off the loop")
            key = self.key(path, session_id)
            future = asyncio.run_coroutine_threadsafe(self.checkpoints.load(key), loop)
            try:
                record = future.result(self.timeout)
            except (Outage, concurrent.futures.TimeoutError):
                future.cancel()
                raise TryAgainLater("this session's saved state is out of reach for now: "
                                    "reconnecting later") from None
            if record is None:
                return None
            token = REBUILDING.set(record.store)
            try:
                session = create(session_id, hello, handle)
            finally:
                REBUILDING.reset(token)
            context = context_of(session)
            assert context is not None, "the factory opens sessions in the runtime"
            with context.activate():
                restored = restore(session, context.store, record)
            self.checkpoints.track(key, session, context, saved_cseq=record.cseq)
            log.info("session %s of %r rebuilt from saved state (%d values, %d keys)",
                     session_id[:8], path, restored, len(record.store))
            return session

        return rebuild
