"""``state.session``: a per-session store with dict and attribute access."""

from __future__ import annotations

import pickle
from collections.abc import Iterator, MutableMapping
from typing import Any

__all__ = ["SessionStore", "UnpicklableValue"]


class UnpicklableValue(TypeError):
    """A value that cannot be pickled was stored while that is refused."""


class SessionStore(MutableMapping[str, Any]):
    """Per-user values that live as long as the session (Streamlit's ``session_state``).

    ``store["k"]`` and ``store.k`` are the same. With ``require_picklable=True`` a value
    that ``pickle.dumps`` refuses is rejected at assignment, naming the key.
    """

    __slots__ = ("_data", "_require_picklable")

    def __init__(self, *, require_picklable: bool = False) -> None:
        object.__setattr__(self, "_data", {})
        object.__setattr__(self, "_require_picklable", require_picklable)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __setitem__(self, key: str, value: Any) -> None:
        if self._require_picklable:
            try:
                pickle.dumps(value)
            except Exception as exc:
                raise UnpicklableValue(
                    f"state.session[{key!r}] must be picklable (session state is saved), but "
                    f"{type(value).__name__} is not: {exc}") from None
        self._data[key] = value

    def __delitem__(self, key: str) -> None:
        del self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._data))

    def __len__(self) -> int:
        return len(self._data)

    def __getattr__(self, key: str) -> Any:
        try:
            return self._data[key]
        except KeyError:
            raise AttributeError(
                f"state.session has no {key!r}: set it first, or use "
                f"state.session.get({key!r}, default)") from None

    def __setattr__(self, key: str, value: Any) -> None:
        self[key] = value

    def __delattr__(self, key: str) -> None:
        try:
            del self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __repr__(self) -> str:
        return f"SessionStore({self._data!r})"
