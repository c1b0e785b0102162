"""What the code running now belongs to: its ``Runtime`` and its session's ``SessionContext``.

Transports set these context variables around every callback they run
(:class:`~docsync.runtime.context.Runtime` and
:class:`~docsync.runtime.context.SessionContext` do it); components, settings and
``state`` only read them. They live in a module of their own, importing nothing of
docsync, so that a component can ask "which session am I in?" without depending on the
runtime that answers.
"""

from __future__ import annotations

import contextvars
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docsync.runtime.context import Runtime, SessionContext

__all__ = ["CURRENT_RUNTIME", "CURRENT_SESSION"]

#: The runtime (a server's, a kernel's) whose callback runs now; None outside one.
CURRENT_RUNTIME: contextvars.ContextVar[Runtime | None] = contextvars.ContextVar(
    "docsync_runtime", default=None)
#: The session whose callback runs now; None outside one (a --setup script, a kernel cell).
CURRENT_SESSION: contextvars.ContextVar[SessionContext | None] = contextvars.ContextVar(
    "docsync_session", default=None)
