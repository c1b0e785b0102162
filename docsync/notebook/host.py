"""``NotebookHost``: docsync inside a Jupyter kernel.

One host per kernel. It runs a :class:`~docsync.runtime.context.Runtime` on the kernel's
event loop (ipykernel runs asyncio) and turns every displayed component into a
:class:`~docsync.notebook.view.NotebookView`: an anywidget whose comm carries PROTOCOL.md's
messages, served by the WebSocket transport's own pump and session building.

Sessions. Each view in the frontend is one session, built like a served page's (its own
document, ``state.session``, callbacks queue, ``on_session_created`` hooks); several
displays of one object are several sessions whose documents hold the same models, so a
change made through one reaches the others (as for an object served with ``ds.serve``).
Cells run with the host's runtime current: ``state.add_periodic_callback``, ``execute``,
``schedule_task`` and the app-wide hooks work there as in a server's setup script.

The host is held by IPython, not by a module: it is the display formatter registered for
docsync components (:meth:`install`), and :func:`installed` finds it there.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from docsync.apps import ObjectApp
from docsync.bind import BoundFunction, use_widget_references
from docsync.core.messages import Hello
from docsync.core.model import Model
from docsync.core.registry import RegistryConfig, SessionRegistry
from docsync.core.session import LogLimits, Session
from docsync.core.tokens import issue_token, new_session_id
from docsync.notebook.static import snapshot_html
from docsync.notebook.view import NotebookView
from docsync.pane import panel
from docsync.runtime.context import Runtime, RuntimeConfig
from docsync.runtime.current import CURRENT_RUNTIME
from docsync.runtime.open import open_session
from docsync.viewable import Viewer

__all__ = ["HostConfig", "NotebookHost", "installed"]

log = logging.getLogger("docsync.notebook")

#: The types whose display the host takes over (a ``bind`` result shows as its pane, a
#: ``Viewer`` as what its ``__panel__`` returns).
DISPLAYED = (Model, BoundFunction, Viewer)


@dataclass(frozen=True)
class HostConfig:
    #: Seconds a view's session outlives its view (PROTOCOL.md §6); a view shown again
    #: later gets a fresh session.
    reconnect_timeout: float = 30.0
    token_lifetime: float = 300.0  # seconds a token may create a session (§2)
    log_limits: LogLimits = field(default_factory=LogLimits)
    #: Worker threads for sync callbacks. One runs the callbacks of every view one at a
    #: time, so views of the same objects never race each other; cells run meanwhile.
    num_threads: int = 1
    max_callback_errors: int = 5


class NotebookHost:
    """The kernel's docsync runtime and its displayed views. Create it on the kernel's
    event loop thread (in a cell); :meth:`close` ends every session."""

    def __init__(self, config: HostConfig = HostConfig()) -> None:
        self.config = config
        # Panel's rule that a widget stands for its value in param.bind/rx/allow_refs (a
        # process-wide hook of param's, added explicitly, not at import).
        use_widget_references()
        self.runtime = Runtime(RuntimeConfig(num_threads=config.num_threads,
                                             max_callback_errors=config.max_callback_errors))
        self.secret = secrets.token_bytes(32)
        self.views: list[NotebookView] = []
        self._registry_config = RegistryConfig(reconnect_timeout=config.reconnect_timeout,
                                               token_lifetime=config.token_lifetime,
                                               log_limits=config.log_limits)
        self._expiry = self.runtime.loop.create_task(self._expire_loop())
        self._shell: Any = None
        self._cell_token: contextvars.Token[Runtime | None] | None = None

    # -- views -----------------------------------------------------------------------------

    def mint_token(self) -> str:
        """A fresh token for a new session (PROTOCOL.md §2)."""
        return issue_token(self.secret, new_session_id(secrets.token_bytes(16)), time.time())

    def view(self, obj: Any) -> NotebookView:
        """A live view of ``obj`` (a component, a ``bind`` result, or anything ``panel``
        shows). Display it, or let :meth:`mimebundle` do both."""
        root = panel(obj)
        app = ObjectApp(root, name="output")

        def create(session_id: str, hello: Hello, handle: Any) -> Session:
            return open_session(self.runtime, app, session_id, hello, headers={},
                                limits=self.config.log_limits, sync_location=False)

        registry = SessionRegistry(secret=self.secret, factory=create,
                                   config=self._registry_config)
        view = NotebookView(registry=registry, runtime=self.runtime, token=self.mint_token(),
                            mint_token=self.mint_token, snapshot=snapshot_html(root))
        self.views.append(view)
        return view

    def mimebundle(self, obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        """IPython's display of ``obj``: the live widget, and a static HTML snapshot for
        frontends that cannot run it (nbconvert, GitHub)."""
        root = panel(obj)
        view = self.view(root)
        data, metadata = view._repr_mimebundle_()
        data["text/plain"] = repr(root)
        data["text/html"] = view.snapshot
        return data, metadata

    async def _expire_loop(self) -> None:
        while True:
            now = time.time()
            deadlines = [d for v in self.views if (d := v.registry.next_deadline()) is not None]
            await asyncio.sleep(min([1.0, *(max(0.0, d - now) for d in deadlines)]))
            for view in list(self.views):
                view.registry.expire(now=time.time())

    # -- IPython -----------------------------------------------------------------------------

    def install(self, shell: Any) -> None:
        """Take over the display of docsync components in ``shell`` and make the runtime
        current in every cell (from the rest of the current one on)."""
        formatter = shell.display_formatter.mimebundle_formatter
        for cls in DISPLAYED:
            formatter.for_type(cls, self.mimebundle)
        shell.events.register("pre_run_cell", self._enter_cell)
        shell.events.register("post_run_cell", self._leave_cell)
        self._shell = shell
        self._enter_cell(None)

    def uninstall(self) -> None:
        shell, self._shell = self._shell, None
        if shell is None:
            return
        formatter = shell.display_formatter.mimebundle_formatter
        for cls in DISPLAYED:
            with contextlib.suppress(KeyError):
                formatter.pop(cls)
        for event, hook in (("pre_run_cell", self._enter_cell),
                            ("post_run_cell", self._leave_cell)):
            with contextlib.suppress(ValueError):
                shell.events.unregister(event, hook)
        self._leave_cell(None)

    def _enter_cell(self, _info: Any) -> None:
        self._cell_token = CURRENT_RUNTIME.set(self.runtime)

    def _leave_cell(self, _result: Any) -> None:
        token, self._cell_token = self._cell_token, None
        if token is not None:
            # A cell may end in another context than it began (an exception in a hook).
            with contextlib.suppress(ValueError):
                CURRENT_RUNTIME.reset(token)

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """End every session (their destroy hooks run), tell the views (close 4404: they
        show that they are no longer live), stop the runtime and give the display of
        components back to IPython."""
        self._expiry.cancel()
        now = time.time()
        for view in self.views:
            view.channel.shut("docsync stopped in this kernel: run the cell again")
            view.registry.destroy_all(now=now)
        self.runtime.close()
        self.uninstall()


def installed(shell: Any) -> NotebookHost | None:
    """The host installed in ``shell``, if any: the display formatter of docsync models."""
    try:
        printer = shell.display_formatter.mimebundle_formatter.lookup_by_type(Model)
    except KeyError:
        return None
    host = getattr(printer, "__self__", None)
    return host if isinstance(host, NotebookHost) else None
