"""``Location``: the page's URL as a model, syncable both ways (``state.location``)."""

from __future__ import annotations

from typing import Any

import param

from docsync.core.model import Model

__all__ = ["Location"]


class Location(Model):
    """The browser's ``pathname``, ``search`` and ``hash``.

    The browser writes them when the user navigates; app code may set them to change the
    URL without reloading. Every session's document holds one, after its visual roots.
    """

    _client_writable = frozenset({"pathname", "search", "hash"})

    pathname = param.String(default="")
    search = param.String(default="")
    hash = param.String(default="")

    @classmethod
    def from_client(cls, location: dict[str, Any]) -> Location:
        """A Location from the ``location`` object of a ``hello`` (bad fields are ignored)."""
        values = {k: v for k, v in location.items()
                  if k in ("pathname", "search", "hash") and isinstance(v, str)}
        return cls(**values)
