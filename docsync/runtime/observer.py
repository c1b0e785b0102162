"""``CallbackObserver``: what a server that measures itself hears of callbacks (/metrics)."""

from __future__ import annotations

from typing import Protocol

__all__ = ["CallbackObserver"]


class CallbackObserver(Protocol):
    """Told of every call a session's serial queue runs (a client message with the
    callbacks it sets off, a periodic callback, ``state.execute``) and of every callback
    error the runtime reports. Called from worker threads and the loop: implementations
    must be thread-safe, quick, and must not raise."""

    def callback_ran(self, seconds: float) -> None:
        """One queued call took ``seconds`` (wall clock, in its worker thread)."""

    def callback_failed(self) -> None:
        """A callback raised (reported once, as the log's error line is)."""
