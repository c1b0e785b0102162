"""``Store``: small JSON data kept in the browser (Dash's ``dcc.Store``), synced both ways.

``storage`` says where the browser keeps it:

- ``"memory"``: in the page only; a reload starts a new session with the app's ``data``.
- ``"session"`` / ``"local"``: also in the tab's ``sessionStorage`` (until the tab closes)
  or the site's ``localStorage`` (until cleared), under ``key``, so it survives a reload.

Which side wins on load: **the stored browser value**, as in Dash. A new session starts
with the ``data`` the app gave; when the page shows the store, the browser reads its stored
entry and, if it differs, sends it as a client change of ``data`` (PROTOCOL.md §5: checked
like any client value). So app code should react to ``data`` (watch it, or
``ds.bind(fn, store.param.data)``) rather than read it once while the page is built.

``data`` must be JSON (dicts, lists, strings, numbers, booleans, None) of at most
``max_bytes`` bytes as compact UTF-8 JSON: a larger value raises ``ValueError`` when app
code sets it, and is refused (code ``invalid``) when a browser sends it; the browser also
drops a stored entry over the limit rather than send it. Browsers give a site a few MiB of
storage in all, so keep stores small and keys distinct: keys are shared by every docsync
app served from the same origin.
"""

from __future__ import annotations

import json
from typing import Any

import param

from docsync.core.model import JSON, Model
from docsync.core.params import Integer

__all__ = ["Store", "json_size"]

DEFAULT_MAX_BYTES = 64 * 1024


def json_size(value: Any) -> int:
    """Bytes of ``value`` as compact UTF-8 JSON; ``ValueError`` if it is not JSON."""
    try:
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"data must be JSON (dicts, lists, strings, numbers, booleans, "
                         f"None): {exc}") from None
    return len(text.encode("utf-8"))


class _JSONData(param.Parameter):
    """A JSON value of at most ``max_bytes`` bytes (set per instance by ``Store``)."""

    __slots__ = ["max_bytes"]
    _slot_defaults = dict(param.Parameter._slot_defaults, max_bytes=None)

    def __init__(self, default: Any = None, *, max_bytes: int | None = None,
                 **params: Any) -> None:
        super().__init__(default=default, **params)
        self.max_bytes = max_bytes

    def _validate(self, val: Any) -> None:
        super()._validate(val)
        size = json_size(val)
        if self.max_bytes is not None and size > self.max_bytes:
            raise ValueError(f"data is {size} bytes as JSON, over the limit of "
                             f"{self.max_bytes} (raise max_bytes, or keep less)")


class Store(Model):
    """JSON ``data`` kept in the browser: ``Store(data=..., storage="local", key="prefs")``.

    ``key`` names the browser entry and is needed for ``"session"`` and ``"local"``.
    """

    _client_writable = frozenset({"data"})

    data = _JSONData(default=None, doc="The stored JSON value (client-writable).")
    storage = param.Selector(default="memory", objects=["memory", "session", "local"])
    key = param.String(default=None, allow_None=True, doc="The browser storage entry's name.")
    max_bytes = Integer(default=DEFAULT_MAX_BYTES, bounds=(1, None), constant=True,
                              doc="The largest ``data``, in bytes of compact UTF-8 JSON.")

    def __init__(self, data: Any = None, **params: Any) -> None:
        params.setdefault("name", params.get("key") or "Store")  # named in error messages
        super().__init__(**params)
        if self.storage != "memory" and not self.key:
            raise ValueError(f"a Store kept in {self.storage} storage needs a key: "
                             f"Store(storage={self.storage!r}, key='my-data')")
        # An instance copy of the parameter carries this store's limit.
        self.param.data.max_bytes = self.max_bytes
        self.data = data

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        return value  # JSON already; the parameter checks the size

    def __repr__(self) -> str:
        return f"Store(storage={self.storage!r}, key={self.key!r})"
