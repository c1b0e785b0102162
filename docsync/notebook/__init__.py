"""docsync in Jupyter: components live in the cells that display them, and notebooks
served as apps.

- :func:`extension` (Panel's ``pn.extension()``): call it once in a kernel; afterwards a
  component, or a ``ds.bind(...)`` result, shown as a cell's last expression or with
  ``display(obj)`` is live (anywidget over the kernel's comm: the same protocol and the
  same browser client as a served page), with a static HTML snapshot for frontends that
  cannot run it.
- :class:`NotebookApp`: ``docsync serve notebook.ipynb``.

Importing this package needs neither IPython nor anywidget; :func:`extension` does.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING, Any

from docsync.exceptions import UsageError
from docsync.notebook.app import NotebookApp
from docsync.settings import config, extension_settings

if TYPE_CHECKING:
    from docsync.notebook.host import NotebookHost

__all__ = ["NotebookApp", "extension"]


def extension(*names: str, reconnect_timeout: float = 30.0, num_threads: int | None = None,
              max_callback_errors: int = 5, **settings: Any) -> None:
    """Panel's ``pn.extension(*names, **settings)``: apply ``settings`` to ``ds.config``
    and, in a Jupyter kernel, show docsync components live in this kernel's outputs.

    ``names`` must be Panel's extension names (``"vega"``, ``"tabulator"``...), so that
    ``pn.extension(...)`` lines carry over; docsync loads what a component needs by
    itself. ``settings`` are ``ds.config`` settings (Panel's ``pn.config`` names): in app
    code they apply to the current session, elsewhere to the whole process (see
    ``docsync.settings``). An unknown name or setting raises ``UsageError`` naming the
    nearest valid one, and nothing is changed.

    In a kernel, the first call installs the live outputs; calling it again keeps them
    (and their options). Outside a kernel (a served notebook or script) only the settings
    apply, so the same code runs in both. ``reconnect_timeout`` (seconds): how long a
    session outlives its view, for a view that comes back (a notebook tab closed and opened
    again). ``num_threads``: worker threads for sync callbacks (default ``nthreads``, else
    1: the callbacks of all views run one at a time). ``max_callback_errors``: failures in
    a row before a periodic callback is stopped.
    """
    extension_settings(config, names, settings)
    if _kernel_shell() is not None:
        threads = num_threads if num_threads is not None else (config.nthreads or 1)
        host_for_kernel(reconnect_timeout=reconnect_timeout, num_threads=threads,
                        max_callback_errors=max_callback_errors)


def _kernel_shell() -> Any:
    """The IPython shell of the Jupyter kernel this runs in, or None."""
    ipython = sys.modules.get("IPython")  # a kernel has imported it; nothing else needs to
    shell = ipython.get_ipython() if ipython is not None else None
    return shell if shell is not None and hasattr(shell, "kernel") else None


def host_for_kernel(**options: float) -> NotebookHost:
    """The kernel's :class:`~docsync.notebook.host.NotebookHost`, installed on first use
    with ``options`` (:class:`~docsync.notebook.host.HostConfig` fields)."""
    shell = _kernel_shell()
    if shell is None:
        raise UsageError("docsync's notebook host runs in a Jupyter kernel (a notebook's code "
                         "cell); to serve a script or notebook run: docsync serve FILE")
    try:
        from docsync.notebook.host import HostConfig, NotebookHost, installed
    except ImportError as exc:
        raise UsageError(f"docsync in notebooks needs anywidget ({exc}): "
                         "pip install 'docsync[notebook]'") from None
    host = installed(shell)
    if host is not None:
        return host
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        raise UsageError("ds.extension() needs the kernel's running event loop: call it "
                         "from a notebook cell (ipykernel 6 or later)") from None
    host = NotebookHost(HostConfig(**options))  # type: ignore[arg-type]
    host.install(shell)
    return host
