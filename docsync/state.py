"""``ds.state``: the current session's context and the app-wide services (DESIGN.md §4).

Every attribute reads the context variables the transport sets around each callback, so
two sessions never see each other's values, in threads or in async tasks. Outside a
session the per-session values are ``None`` or empty.

App-wide registrations (``on_session_created``, ``on_session_destroyed``, ``schedule_task``,
``cache``) made outside any server or session, as a script does before ``serve(...)``,
wait in ``docsync.runtime.pending.REGISTRATIONS`` for the server started next, and go to
that server directly while it runs. Made while a session is built (at the top level of an
app script, which runs once per session), ``on_session_created`` counts once per server.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Literal

from docsync.cache import cache as app_cache
from docsync.identity import Login
from docsync.location import Location
from docsync.runtime.bus import Subscription
from docsync.runtime.context import Runtime, SessionContext
from docsync.runtime.curdoc import CurrentDocument
from docsync.runtime.current import CURRENT_RUNTIME, CURRENT_SESSION
from docsync.runtime.pending import REGISTRATIONS
from docsync.runtime.periodic import PeriodicCallback, callback_name
from docsync.runtime.store import SessionStore
from docsync.template.auto import session_template

if TYPE_CHECKING:
    from docsync.template.panel import BasicTemplate

__all__ = ["Notifications", "State", "state"]

log = logging.getLogger("docsync.callbacks")

#: Panel's ``schedule`` values for :meth:`State.execute`.
Schedule = bool | Literal["auto", "thread"]


def _runtime(what: str) -> Runtime:
    """The current runtime, else the live one (a server started from this script)."""
    runtime = CURRENT_RUNTIME.get() or REGISTRATIONS.live
    if runtime is None:
        raise RuntimeError(f"state.{what} needs a running docsync server or notebook session: "
                           "call it from app code or a callback, or once pn.serve(...) runs")
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

    def __getattr__(self, name: str) -> Any:
        # Only for names not found: say so in Panel's terms rather than a bare AttributeError.
        if name.startswith("__"):
            raise AttributeError(name)
        raise AttributeError(f"state.{name}: docsync's state has no {name!r} (Panel's "
                             "pn.state names that docsync has, and how they differ, are "
                             "listed in README.md, 'Coming from Panel')")

    # -- context --------------------------------------------------------------------------

    @property
    def _ctx(self) -> SessionContext | None:
        return CURRENT_SESSION.get()

    @property
    def served(self) -> bool:
        """True inside a session of a running server (or notebook view)."""
        return self._ctx is not None

    @property
    def curdoc(self) -> CurrentDocument | None:
        """The current session's document, with Bokeh's ``add_next_tick_callback``,
        ``add_timeout_callback``, ``add_periodic_callback`` (and their ``remove_...``),
        ``on_session_destroyed`` and ``session_context``; None outside a session."""
        ctx = self._ctx
        if ctx is None or ctx.session is None:
            return None
        return CurrentDocument(ctx, ctx.session.document)

    @property
    def session_id(self) -> str | None:
        ctx = self._ctx
        return ctx.id if ctx is not None else None

    @property
    def session_args(self) -> dict[str, list[bytes]]:
        """The query arguments of the page that opened the session, ``{name: [values]}``,
        each value UTF-8 bytes as in Panel (``args["x"][0].decode()``). They do not follow
        later URL changes: ``state.location.query_params`` does."""
        ctx = self._ctx
        if ctx is None:
            return {}
        return {str(name): [str(v).encode("utf-8", "surrogateescape") for v in values]
                for name, values in ctx.args.items() if isinstance(values, list)}

    @property
    def loaded(self) -> bool:
        """False in a session until its page shows it (the browser acknowledged the first
        snapshot), True from then on and outside any session (as in Panel)."""
        ctx = self._ctx
        if ctx is None or ctx.session is None:
            return ctx is None
        return ctx.session.loaded

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
    def _login(self) -> Login | None:
        ctx = self._ctx
        return ctx.login if ctx is not None else None

    @property
    def user(self) -> str | None:
        """The logged-in user's name, or None on a server without logins."""
        login = self._login
        return login.user if login is not None else None

    @property
    def user_info(self) -> dict[str, Any] | None:
        """What the login says of the user: the provider's claims with OAuth (``email``,
        ``name``...), ``{"user", "username"}`` with ``--basic-auth``; None without logins."""
        login = self._login
        return login.user_info if login is not None else None

    @property
    def access_token(self) -> str | None:
        """The OAuth provider's access token of the user (``--oauth-provider``), for calls
        to APIs on their behalf; None with ``--basic-auth`` or without logins. A page load
        after it expires refreshes it when the provider gave a refresh token."""
        login = self._login
        return login.access_token if login is not None else None

    @property
    def refresh_token(self) -> str | None:
        """The OAuth provider's refresh token of the user, if it gave one."""
        login = self._login
        return login.refresh_token if login is not None else None

    @property
    def template(self) -> BasicTemplate | None:
        """The page template ``config.template`` gives this session (``template.title =``,
        ``template.sidebar.append(...)``); None without one (``docsync.template.auto``)."""
        return session_template()

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
        """A plain dict shared by every session of this server. Outside any server it is
        the dict the server started next will use (Panel's ``pn.state.cache``)."""
        runtime = CURRENT_RUNTIME.get()
        return runtime.cache if runtime is not None else REGISTRATIONS.cache()

    def as_cached(self, key: Any, fn: Callable[..., Any], ttl: float | None = None,
                  **kwargs: Any) -> Any:
        """``fn(**kwargs)`` computed once per ``key`` and ``kwargs`` (by content) for the
        whole process and shared by every session (Panel's ``as_cached``); ``ttl`` in
        seconds. Concurrent callers compute once. Works outside a session too."""
        return app_cache.as_cached(key, fn, ttl, **kwargs)

    def clear_caches(self) -> None:
        """Drop every entry of every ``ds.cache`` function and of ``as_cached`` (Panel's
        ``clear_caches``; the same as ``ds.cache.clear()``)."""
        app_cache.clear()

    # -- callbacks in time ------------------------------------------------------------------

    def add_periodic_callback(self, callback: Callable[..., Any], period: int = 500,
                              count: int | None = None, timeout: int | None = None,
                              start: bool = True) -> PeriodicCallback:
        """Run ``callback`` every ``period`` ms (``timeout`` in ms too) in the current
        session, or app-wide outside one (once a server runs). The result has Panel's
        ``start()``, ``stop()``, ``period``, ``count``, ``counter``, ``timeout`` and
        ``running``. See :class:`PeriodicCallback`."""
        owner: SessionContext | Runtime = self._ctx or _runtime("add_periodic_callback")
        pc = owner.add_periodic(callback, period=period, count=count, timeout=timeout)
        if start:
            pc.start()
        return pc

    def execute(self, callback: Callable[..., Any], schedule: Schedule = "auto", *,
                threaded: bool = False) -> None:
        """Run ``callback`` as Panel's ``schedule`` says:

        - ``"auto"`` (default): in a session, soon, in its one-at-a-time queue (after the
          running callback, whose changes are sent first); outside one, now.
        - ``True``: soon (in the session's queue, or app-wide in the worker pool).
        - ``False``: now, in this thread, in the current context.
        - ``"thread"`` (or ``threaded=True``): soon in the worker pool, outside the
          session's queue, so it may run while the session's other callbacks do.

        An async callback always runs on the server's event loop, as in Panel. Failures
        are logged and, in a session, shown in its page.
        """
        if schedule not in (True, False, "auto", "thread") or not isinstance(threaded, bool):
            raise ValueError(f"state.execute: schedule must be 'auto', True, False or "
                             f"'thread', not {schedule!r}")
        if threaded:
            if schedule not in ("auto", "thread"):
                raise ValueError(f"state.execute: threaded=True runs in a thread, which "
                                 f"contradicts schedule={schedule!r}: pass one of them")
            schedule = "thread"
        ctx = self._ctx
        is_async = inspect.iscoroutinefunction(callback)
        now = schedule is False or (schedule == "auto" and ctx is None)
        if now and not is_async:
            try:
                callback()
            except Exception as exc:
                if ctx is not None:
                    ctx.report_error(exc, callback_name(callback))
                else:
                    log.error("%s failed", callback_name(callback), exc_info=exc)
        elif ctx is not None:
            ctx.execute(callback, threaded=schedule == "thread")
        else:
            _runtime("execute").execute(callback)

    def schedule_task(self, name: str, callback: Callable[..., Any], at: Any = None,
                      period: float | timedelta | str | None = None, cron: str | None = None,
                      threaded: bool = False) -> None:
        """Run ``callback`` app-wide on a schedule, once per ``name`` however often this is
        called. ``period`` in seconds, a ``timedelta`` or ``"1h"``-style text; ``at`` a
        datetime, an iterator of them, or a function returning the next; ``cron`` a cron
        expression. Sync callbacks always run in the worker pool and async ones on the
        loop, so Panel's ``threaded`` changes nothing: neither value blocks the server.
        Outside any server, the task waits for the server started next."""
        runtime = CURRENT_RUNTIME.get()
        if runtime is None:
            REGISTRATIONS.schedule_task(name, callback, at=at, period=period, cron=cron)
        else:
            runtime.tasks.schedule(name, callback, at=at, period=period, cron=cron)

    def cancel_task(self, name: str, wait: bool = False) -> None:
        """Cancel task ``name`` (in every worker, with Redis). ``wait=True``, as in Panel,
        lets it run once more (a run in progress counts) and cancels it after that run.
        Outside any server it drops a task still waiting for one. A name that is not
        scheduled raises ``KeyError``, as in Panel."""
        if CURRENT_RUNTIME.get() is None and REGISTRATIONS.cancel_task(name):
            return
        runtime = _runtime("cancel_task")
        if name not in runtime.tasks.names():
            raise KeyError(f"state.cancel_task: no task named {name!r} is scheduled "
                           f"(scheduled: {', '.join(map(repr, runtime.tasks.names())) or 'none'})")
        if wait:
            runtime.tasks.cancel_after_next_run(name)
        else:
            runtime.cancel_task(name)

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
        """Call ``callback(session_context)`` for every new session of this server.

        Register it in a ``--setup`` script, in ``serve(setup=...)``, or before
        ``serve(...)`` outside any server (it then applies to the server started next).
        Registered while a session is built (the top level of an app script, which runs per
        session), it counts once per server: the first session to register it runs it at
        once, every later session runs it when created, and its own repeated registration
        is a no-op (Panel refuses this case; docsync makes it safe).
        """
        ctx = self._ctx
        if ctx is not None:
            if ctx.runtime.once.first("created", callback, ctx.registered):
                ctx.runtime.created_hooks.append(callback)
                try:
                    callback(ctx)
                except Exception as exc:  # as for the hooks run before the app
                    ctx.report_error(exc, "an on_session_created hook")
            return
        runtime = CURRENT_RUNTIME.get()
        if runtime is not None:
            runtime.created_hooks.append(callback)
        else:
            REGISTRATIONS.on_session_created(callback)

    def on_session_destroyed(self, callback: Callable[[SessionContext], Any]) -> None:
        """Inside a session: call ``callback(session_context)`` when it is destroyed.
        Outside: for every session (of the server started next, outside any server).
        Exactly once per session (expiry, shutdown, reload)."""
        ctx = self._ctx
        if ctx is not None:
            ctx.on_destroyed(callback)
            return
        runtime = CURRENT_RUNTIME.get()
        if runtime is not None:
            runtime.destroyed_hooks.append(callback)
        else:
            REGISTRATIONS.on_session_destroyed(callback)

    def onload(self, callback: Callable[[], Any], threaded: bool = False) -> None:
        """Run ``callback`` once the browser shows the page (it acknowledged the first
        snapshot), in the session's queue (``threaded=True``: in the worker pool), so a
        slow one runs while the page is already up; its changes reach the page as they
        are made. Once the page is shown (``state.loaded``), it runs soon. Outside a
        session it runs at once."""
        ctx = self._ctx
        if ctx is None or ctx.session is None:
            self.execute(callback, schedule=False)
            return
        ctx.onload(callback, threaded=threaded)

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
