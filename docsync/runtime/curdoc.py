"""``state.curdoc``: the current session's document with the callback methods of Bokeh's
``Document`` that Panel apps call on ``pn.state.curdoc``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docsync.core.document import Document

if TYPE_CHECKING:
    from docsync.runtime.context import SessionContext
    from docsync.runtime.periodic import PeriodicCallback

__all__ = ["CurrentDocument", "DocumentCallback"]


class DocumentCallback:
    """What ``add_next_tick_callback`` and ``add_timeout_callback`` return: pass it to the
    matching ``remove_...`` to cancel the call if it has not run yet."""

    def __init__(self, callback: Callable[[], Any]) -> None:
        self.callback = callback
        self._lock = threading.Lock()
        self._state = "pending"  # then "started" or "cancelled"

    def _start(self) -> bool:
        with self._lock:
            if self._state != "pending":
                return False
            self._state = "started"
            return True

    def _cancel(self) -> bool:
        with self._lock:
            if self._state != "pending":
                return False
            self._state = "cancelled"
            return True


class CurrentDocument:
    """A session's :class:`~docsync.core.document.Document` as ``state.curdoc`` shows it.

    Bokeh's callback methods run their callback in the session, like
    ``state.execute`` (sync ones in the session's one-at-a-time queue, async ones on the
    event loop); times are in milliseconds as in Bokeh. ``session_context`` is the
    session's :class:`~docsync.runtime.context.SessionContext`. Every other attribute
    (``title``, ``roots``...) is the document's own. Two reads of ``state.curdoc`` in one
    session compare equal.
    """

    def __init__(self, ctx: SessionContext, document: Document) -> None:
        self.session_context = ctx
        self.document = document

    def __getattr__(self, name: str) -> Any:
        return getattr(self.document, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("session_context", "document"):
            object.__setattr__(self, name, value)
        else:
            setattr(self.document, name, value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CurrentDocument) and other.document is self.document

    def __hash__(self) -> int:
        return id(self.document)

    def add_next_tick_callback(self, callback: Callable[[], Any]) -> DocumentCallback:
        """Run ``callback`` soon, after the session's running callback."""
        handle = DocumentCallback(callback)
        self.session_context.execute(lambda: handle._start() and callback())
        return handle

    def remove_next_tick_callback(self, handle: DocumentCallback) -> None:
        self._remove(handle, "add_next_tick_callback")

    def add_timeout_callback(self, callback: Callable[[], Any],
                             timeout_milliseconds: float) -> DocumentCallback:
        """Run ``callback`` once, ``timeout_milliseconds`` from now."""
        handle = DocumentCallback(callback)
        ctx = self.session_context

        def due() -> None:
            if not ctx.closed:
                ctx.execute(lambda: handle._start() and callback())

        ctx.runtime.on_loop(lambda: ctx.loop.call_later(timeout_milliseconds / 1000, due))
        return handle

    def remove_timeout_callback(self, handle: DocumentCallback) -> None:
        self._remove(handle, "add_timeout_callback")

    def add_periodic_callback(self, callback: Callable[[], Any],
                              period_milliseconds: int) -> PeriodicCallback:
        """Run ``callback`` every ``period_milliseconds`` until removed or the session
        ends (``state.add_periodic_callback``, started)."""
        pc = self.session_context.add_periodic(callback, period=int(period_milliseconds))
        pc.start()
        return pc

    def remove_periodic_callback(self, pc: PeriodicCallback) -> None:
        pc.stop()

    def on_session_destroyed(self, *callbacks: Callable[[SessionContext], Any]) -> None:
        """Call each of ``callbacks(session_context)`` when the session is destroyed."""
        for callback in callbacks:
            self.session_context.on_destroyed(callback)

    @staticmethod
    def _remove(handle: DocumentCallback, added_by: str) -> None:
        if not isinstance(handle, DocumentCallback):
            raise TypeError(f"pass what {added_by} returned, not {type(handle).__name__}")
        if not handle._cancel():
            raise ValueError(f"this callback already ran or was removed (it was added with "
                             f"{added_by})")
