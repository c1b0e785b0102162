"""App-wide registrations made while no runtime is current, for the server that runs next.

Panel lets a script register app-wide hooks, tasks and ``state.cache`` entries before it
calls ``pn.serve(...)``, outside any server or session. docsync's ``state`` reads the
current :class:`~docsync.runtime.context.Runtime` from a context variable, so in that case
there is none to register with. :class:`AppRegistrations` holds such registrations until a
runtime is created in this process: that runtime *adopts* them (its ``on_session_created``
and ``on_session_destroyed`` hooks, its tasks, its ``state.cache`` dict) and becomes the
*live* runtime, to which later registrations made outside any context go directly, until it
closes.

:data:`REGISTRATIONS` is the one instance, and the only process-wide mutable state of the
runtime: ``state`` writes to it, ``Runtime.__init__`` adopts from it and ``Runtime.close``
leaves it. Everything else reaches its runtime through the context variables.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docsync.runtime.context import Runtime

__all__ = ["REGISTRATIONS", "AppRegistrations", "PendingTask"]

Hook = Callable[..., Any]


@dataclass(frozen=True)
class PendingTask:
    """A ``state.schedule_task`` call waiting for a runtime."""

    name: str
    callback: Callable[[], Any]
    options: dict[str, Any]


class AppRegistrations:
    """Registrations waiting for the next runtime, and the live runtime once there is one.

    Thread-safe: a script may register from its main thread while a server it started
    with ``threaded=True`` runs in another.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._created: list[Hook] = []
        self._destroyed: list[Hook] = []
        self._tasks: dict[str, PendingTask] = {}
        self._cache: dict[Any, Any] = {}
        self._live: weakref.ref[Runtime] | None = None

    @property
    def live(self) -> Runtime | None:
        """The runtime that adopted the registrations last, while it has not closed."""
        with self._lock:
            return self._live_locked()

    def _live_locked(self) -> Runtime | None:
        runtime = self._live() if self._live is not None else None
        return runtime if runtime is not None and not runtime.closed else None

    @property
    def pending(self) -> bool:
        """True while registrations wait for a runtime."""
        with self._lock:
            return bool(self._created or self._destroyed or self._tasks or self._cache)

    def on_session_created(self, hook: Hook) -> None:
        with self._lock:
            runtime = self._live_locked()
            (runtime.created_hooks if runtime is not None else self._created).append(hook)

    def on_session_destroyed(self, hook: Hook) -> None:
        with self._lock:
            runtime = self._live_locked()
            (runtime.destroyed_hooks if runtime is not None else self._destroyed).append(hook)

    def schedule_task(self, name: str, callback: Callable[[], Any], **options: Any) -> None:
        """Schedule on the live runtime, or keep for the next one; as there, a name
        already scheduled is left as it is."""
        with self._lock:
            runtime = self._live_locked()
            if runtime is None:
                self._tasks.setdefault(name, PendingTask(name, callback, options))
                return
        runtime.tasks.schedule(name, callback, **options)

    def cancel_task(self, name: str) -> bool:
        """Drop a task that waits for a runtime; False if none by that name waits."""
        with self._lock:
            return self._tasks.pop(name, None) is not None

    def cache(self) -> dict[Any, Any]:
        """``state.cache`` outside any context: the live runtime's dict, or the dict the
        next runtime will adopt (the same object, so what is put in it now stays)."""
        with self._lock:
            runtime = self._live_locked()
            return runtime.cache if runtime is not None else self._cache

    def adopt(self, runtime: Runtime) -> None:
        """``runtime`` takes every pending registration and becomes the live runtime.
        Call it on the runtime's loop thread, before it serves a session."""
        with self._lock:
            created, self._created = self._created, []
            destroyed, self._destroyed = self._destroyed, []
            tasks, self._tasks = list(self._tasks.values()), {}
            cache, self._cache = self._cache, {}
            self._live = weakref.ref(runtime)
        runtime.created_hooks[:0] = created
        runtime.destroyed_hooks[:0] = destroyed
        cache.update(runtime.cache)
        runtime.cache = cache
        for task in tasks:
            runtime.tasks.schedule(task.name, task.callback, **task.options)

    def leave(self, runtime: Runtime) -> None:
        """``runtime`` closes: registrations made from now on wait for the next one."""
        with self._lock:
            if self._live is not None and self._live() is runtime:
                self._live = None

    def clear(self) -> None:
        """Forget every pending registration (the live runtime keeps what it adopted)."""
        with self._lock:
            self._created, self._destroyed, self._tasks, self._cache = [], [], {}, {}


#: The registrations of this process (see the module docstring).
REGISTRATIONS = AppRegistrations()
