"""``ds.state``: the current session's context and the app-wide services (DESIGN.md §4).

Every attribute reads the context variables the transport sets around each callback, so
two sessions never see each other's values, in threads or in async tasks. Outside a
session the per-session values are ``None`` or empty.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from docsync.cache import cache as app_cache
from docsync.core.document import Document
from docsync.location import Location
from docsync.runtime.bus import Subscription
from docsync.runtime.context import CURRENT_RUNTIME, CURRENT_SESSION, Runtime, SessionContext
from docsync.runtime.periodic import PeriodicCallback
from docsync.runtime.store import SessionStore

__all__ = ["Notifications", "State", "state"]


def _runtime(what: str) -> Runtime:
    runtime = CURRENT_RUNTIME.get()
    if runtime is None:
        raise RuntimeError(f"state.{what} needs a running docsync server or notebook session: "
                           "call it from app code or a callback")
    return runtime


class Notifications:
    """Toasts in the current session's page: ``info``, ``success``, ``warning``, ``error``.

    ``duration`` is in milliseconds (as in Panel); 0 keeps the toast until dismissed.
    """

    def _send(self, level: str, message: str, duration: float) -> None:
        ctx = CURRENT_SESSION.get()
        if ctx is None:
            raise RuntimeError("state.notifications needs a session: call it from app code "
                               "or a callback")
        ctx.notify(level, str(message), duration)

    def info(self, message: str, duration: float = 3000) -> None:
        self._send("info", message, duration)

    def success(self, message: str, duration: float = 3000) -> None:
        self._send("success", message, duration)

    def warning(self, message: str, duration: float = 3000) -> None:
        self._send("warning", message, duration)

    def error(self, message: str, duration: float = 0) -> None:
        self._send("error", message, duration)


class State:
    """The ``ds.state`` facade. It holds nothing itself."""

    notifications = Notifications()

    # -- context --------------------------------------------------------------------------

    @property
    def _ctx(self) -> SessionContext | None:
        return CURRENT_SESSION.get()

    @property
    def served(self) -> bool:
        """True inside a session of a running server (or notebook view)."""
        return self._ctx is not None

    @property
    def curdoc(self) -> Document | None:
        ctx = self._ctx
        return ctx.session.document if ctx is not None and ctx.session is not None else None

    @property
    def session_id(self) -> str | None:
        ctx = self._ctx
        return ctx.id if ctx is not None else None

    @property
    def session_args(self) -> dict[str, list[str]]:
        """The page's query arguments, ``{name: [values...]}``."""
        ctx = self._ctx
        return dict(ctx.args) if ctx is not None else {}

    @property
    def location(self) -> Location | None:
        """The page's URL (``pathname``, ``search``, ``hash``), synced both ways: set a
        value to change the browser's URL; watch one to follow the user's navigation."""
        ctx = self._ctx
        return ctx.location if ctx is not None else None

    @property
    def headers(self) -> Mapping[str, str]:
        """The WebSocket request's HTTP headers (names are case-insensitive)."""
        ctx = self._ctx
        return ctx.headers if ctx is not None else {}

    @property
    def cookies(self) -> dict[str, str]:
        ctx = self._ctx
        return dict(ctx.cookies) if ctx is not None else {}

    @property
    def user(self) -> str | None:
        """The logged-in user's name (``--basic-auth``), or None without logins."""
        info = self.user_info
        return info.get("user") if info is not None else None

    @property
    def user_info(self) -> dict[str, Any] | None:
        """What the login says of the user (``{"user", "username"}`` with basic auth)."""
        ctx = self._ctx
        return dict(ctx.user_info) if ctx is not None and ctx.user_info is not None else None

    @property
    def access_token(self) -> str | None:
        """An OAuth access token (Panel's name): None, since docsync logins are basic auth
        (``--basic-auth``) and hold no token."""
        return None

    @property
    def refresh_token(self) -> str | None:
        """An OAuth refresh token (Panel's name): None, as :attr:`access_token`."""
        return None

    @property
    def rebuilt(self) -> bool:
        """True in a session rebuilt from saved state after its worker was lost (with
        session persistence): the app ran again, and saved values were put back."""
        ctx = self._ctx
        return ctx.rebuilt if ctx is not None else False

    @property
    def busy(self) -> bool:
        """True while one of the current session's callbacks is queued or running."""
        ctx = self._ctx
        return ctx.busy if ctx is not None else False

    @property
    def session(self) -> SessionStore | None:
        """The current session's store (Streamlit's ``session_state``)."""
        ctx = self._ctx
        return ctx.store if ctx is not None else None

    @property
    def cache(self) -> dict[Any, Any]:
        """A plain dict shared by every session of this server."""
        return _runtime("cache").cache

    def as_cached(self, key: Any, fn: Callable[..., Any], ttl: float | None = None,
                  **kwargs: Any) -> Any:
        """``fn(**kwargs)`` computed once per ``key`` and ``kwargs`` (by content) for the
        whole process and shared by every session (Panel's ``as_cached``); ``ttl`` in
        seconds. Concurrent callers compute once. Works outside a session too."""
        return app_cache.as_cached(key, fn, ttl, **kwargs)

    # -- callbacks in time ------------------------------------------------------------------

    def add_periodic_callback(self, callback: Callable[..., Any], period: int = 500,
                              count: int | None = None, timeout: int | None = None,
                              start: bool = True) -> PeriodicCallback:
        """Run ``callback`` every ``period`` ms (``timeout`` in ms too) in the current
        session, or app-wide outside one. See :class:`PeriodicCallback`."""
        owner: SessionContext | Runtime = self._ctx or _runtime("add_periodic_callback")
        pc = owner.add_periodic(callback, period=period, count=count, timeout=timeout)
        if start:
            pc.start()
        return pc

    def execute(self, callback: Callable[..., Any], threaded: bool = False) -> None:
        """Run ``callback`` soon in the current session (``threaded=True``: in the worker
        pool, outside the session's one-at-a-time queue)."""
        ctx = self._ctx
        if ctx is None:
            runtime = _runtime("execute")
            runtime.on_loop(lambda: runtime.call(callback))
            return
        ctx.execute(callback, threaded=threaded)

    def schedule_task(self, name: str, callback: Callable[..., Any], at: Any = None,
                      period: float | timedelta | str | None = None, cron: str | None = None,
                      threaded: bool = False) -> None:
        """Run ``callback`` app-wide on a schedule, once per ``name`` however often this is
        called. ``period`` in seconds, a ``timedelta`` or ``"1h"``-style text; ``at`` a
        datetime, an iterator of them, or a function returning the next; ``cron`` a cron
        expression. Sync callbacks run in the worker pool (``threaded`` is accepted for
        Panel compatibility), async ones on the loop."""
        _runtime("schedule_task").tasks.schedule(name, callback, at=at, period=period, cron=cron)

    def cancel_task(self, name: str, wait: bool = False) -> None:
        """Cancel task ``name`` (in every worker, with Redis); ``wait=True`` waits for a run
        in progress here to end."""
        _runtime("cancel_task").cancel_task(name, wait=wait)

    # -- messages between sessions ------------------------------------------------------------

    def publish(self, channel: str, message: Any) -> None:
        """Send ``message`` to every subscriber of ``channel``: in every session of this
        server and, with Redis, of every worker and machine. Returns at once.

        With Redis the message must be picklable; subscribers in one process share the
        object they receive. While Redis is out of reach, it reaches this process only.
        """
        _runtime("publish").bus.publish(channel, message)

    def subscribe(self, channel: str, callback: Callable[[Any], Any]) -> Subscription:
        """Call ``callback(message)`` for every message published on ``channel`` from now on.

        In a session it runs in that session's context, one at a time like its other
        callbacks (async ones on the loop), and ends when the session does; outside one
        (``--setup``) it is app-wide. ``.cancel()`` on the result ends it sooner.
        """
        ctx = self._ctx
        if ctx is not None:
            return ctx.subscribe(channel, callback)
        runtime = _runtime("subscribe")
        return runtime.bus.subscribe(channel, callback, owner=runtime)

    # -- lifecycle hooks --------------------------------------------------------------------

    def on_session_created(self, callback: Callable[[SessionContext], Any]) -> None:
        """Call ``callback(session_context)`` for every new session of this server."""
        _runtime("on_session_created").created_hooks.append(callback)

    def on_session_destroyed(self, callback: Callable[[SessionContext], Any]) -> None:
        """Inside a session: call ``callback(session_context)`` when it is destroyed.
        Outside: for every session. Exactly once per session (expiry, shutdown, reload)."""
        ctx = self._ctx
        if ctx is not None:
            ctx.on_destroyed(callback)
        else:
            _runtime("on_session_destroyed").destroyed_hooks.append(callback)

    def onload(self, callback: Callable[[], Any], threaded: bool = False) -> None:
        """Run ``callback`` once the browser shows the page (it acknowledged the first
        snapshot). Outside a session it runs at once."""
        ctx = self._ctx
        if ctx is None or ctx.session is None:
            callback()
            return
        if ctx.session.loaded:
            ctx.execute(callback, threaded=threaded)
            return
        ctx.session.on_load(lambda _s: ctx.execute(callback, threaded=threaded))

    def on_session_resumed(self, callback: Callable[[bool], Any]) -> None:
        """Call ``callback(replayed)`` after each reconnect of the current session: True if
        the missed messages were replayed, False if a snapshot was sent (also when the
        session was rebuilt from saved state on another worker: see ``state.rebuilt``)."""
        ctx = self._ctx
        if ctx is None:
            raise RuntimeError("state.on_session_resumed needs a session: call it from app code")
        if len(inspect.signature(callback).parameters) == 0:
            ctx.on_resumed(lambda _replayed: callback())
        else:
            ctx.on_resumed(callback)


state = State()
