"""Opening one session for a transport: its document, its ``SessionContext``, the app run.

Shared by every transport (the WebSocket server, the ASGI app, the notebook's comm), so that
a session is built the same way whichever one asked for it (DESIGN.md §1, §4).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from http.cookies import CookieError, SimpleCookie
from typing import TYPE_CHECKING, Protocol

from docsync.app_base import error_page
from docsync.core.document import Document
from docsync.core.messages import Hello
from docsync.core.session import LogLimits, Session
from docsync.exceptions import UsageError
from docsync.identity import Login
from docsync.location import Location
from docsync.page_settings import page_settings
from docsync.runtime.context import Runtime, SessionContext
from docsync.settings import config, thread_count

if TYPE_CHECKING:
    from docsync.app_base import App

__all__ = ["DownloadShelf", "cookies", "open_session"]


class DownloadShelf(Protocol):
    """Where a server keeps the files too large for a ``download`` command's data, each
    fetched once over HTTP by the page of the session it was offered to."""

    def offer(self, session_id: str, filename: str, mime_type: str, content: bytes) -> str:
        """Keep ``content`` for ``session_id``; returns the URL the page fetches it at."""

    def forget(self, session_id: str) -> None:
        """Drop what ``session_id`` was offered (its session ended)."""


def cookies(header: str | None) -> dict[str, str]:
    """The cookies of a ``Cookie`` request header; an unreadable header gives none."""
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header or "")
    except CookieError:
        return {}
    return {k: v.value for k, v in jar.items()}


def _pull(session: Session) -> None:
    connection = session.connection
    if connection is not None:
        connection.pull()


def _destroy_context(context: SessionContext, _session: Session) -> None:
    context.destroy()


def _forget_downloads(downloads: DownloadShelf, session: Session) -> None:
    downloads.forget(session.id)


def open_session(runtime: Runtime, app: App, session_id: str, hello: Hello, *,
                 headers: Mapping[str, str], limits: LogLimits,
                 sync_location: bool = True, login: Login | None = None,
                 downloads: DownloadShelf | None = None) -> Session:
    """A new session for ``hello`` (PROTOCOL.md §2): the app is run for it, inside its
    context, after the runtime's ``on_session_created`` hooks.

    Call it from a :class:`~docsync.core.registry.SessionRegistry` factory, in a worker
    thread (app code must not block the loop). Frames reach the connection through the
    handle the registry attaches (``Session.connection``). ``sync_location`` keeps
    the page's URL in the document (a ``Location`` after the app's roots) and gives a
    page the session's ``ds.config`` page settings (a ``PageSettings`` before the app's
    roots, when any differs from its default); a notebook output has neither, being a
    part of a page that is not its own. ``login`` is the user's, with logins
    (``state.user``). ``downloads`` (a server's) takes the files too large for a
    ``download`` command's data (see ``SessionContext.download``).
    """

    document = Document()
    session = Session(session_id, document, hello=hello, limits=limits)
    context = SessionContext(
        runtime, session_id, args=hello.args, headers=headers,
        cookies=cookies(headers.get("Cookie")),
        location=Location.from_client(hello.location),
        deliver=partial(_pull, session))
    context.session = session
    context.login = login
    # Partials and bound methods rather than closures: every open session holds them.
    session.on_error = context.callback_failed
    session.on_destroy(partial(_destroy_context, context))
    if downloads is not None:
        context.offer_download = partial(downloads.offer, session_id)
        session.on_destroy(partial(_forget_downloads, downloads))
    runtime.sessions[session_id] = context
    with context.activate():
        for hook in list(runtime.created_hooks):
            try:
                hook(context)
            except Exception as exc:
                context.report_error(exc, "an on_session_created hook")
        built = app.build()
        # After the app ran: its pn.extension(...) / pn.config settings are the session's.
        try:
            settings = page_settings() if sync_location else None
        except UsageError as exc:  # a value mutated in place, unchecked: say what to fix
            built, settings = error_page("The app's page settings are invalid", str(exc)), None
        threads = thread_count(config.nthreads)  # a script may set it: grow the pool
    if threads is not None:
        runtime.workers.ensure(threads)
    roots = [settings, *built.roots] if settings is not None else built.roots
    document.roots = [*roots, context.location] if sync_location else roots
    document.title = built.title
    document.on_dirty = context.changed
    return session
