"""``state.session``: a per-session store with dict and attribute access, and widget keys."""

from __future__ import annotations

import pickle
import weakref
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any

import param

from docsync.exceptions import UnpicklableValue

__all__ = ["SessionStore"]


class SessionStore(MutableMapping[str, Any]):
    """Per-user values that live as long as the session (Streamlit's ``session_state``).

    ``store["k"]`` and ``store.k`` are the same. With ``require_picklable=True`` (on when
    sessions are saved) a value that ``pickle.dumps`` refuses is rejected at assignment,
    naming the key. ``on_change`` is called after every assignment or deletion; a value
    changed in place (``store.items.append(x)``) is saved with the next change.

    A key may be *mirrored* by model properties (:meth:`mirror`: a widget made with
    ``key=...``): setting the key sets them, and their changes set the key.
    """

    __slots__ = ("_data", "_mirrors", "_on_change", "_require_picklable")

    def __init__(self, *, require_picklable: bool = False,
                 on_change: Callable[[], None] | None = None) -> None:
        object.__setattr__(self, "_data", {})
        object.__setattr__(self, "_require_picklable", require_picklable)
        object.__setattr__(self, "_on_change", on_change)
        #: key → [(weak model, prop)]: the properties that mirror the key.
        object.__setattr__(self, "_mirrors", {})

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __setitem__(self, key: str, value: Any) -> None:
        if self._require_picklable:
            try:
                pickle.dumps(value)
            except Exception as exc:
                raise UnpicklableValue(
                    f"state.session[{key!r}] must be picklable (session state is saved), but "
                    f"{type(value).__name__} is not ({exc}): store its data instead, or keep it "
                    "out of state.session") from None
        # Mirroring properties validate first: a value a widget refuses is not stored.
        for model, prop in self._mirroring(key):
            setattr(model, prop, value)
        self._data[key] = value
        self._changed()

    def __delitem__(self, key: str) -> None:
        del self._data[key]
        self._changed()

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change()

    def load(self, values: Mapping[str, Any]) -> None:
        """Put saved values back (a rebuilt session), over any of the same keys. They are
        not checked again, and ``on_change`` is not called."""
        self._data.update(values)

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

    def __reduce__(self) -> tuple[Any, ...]:
        # The values only: mirrors are live models of this process (weak references).
        return (_restore, (dict(self._data), self._require_picklable))

    # -- mirrored keys (Streamlit's widget keys) -------------------------------------------

    def mirror(self, key: str, model: param.Parameterized, prop: str = "value") -> None:
        """Keep ``model.prop`` and ``self[key]`` equal, both ways, while ``model`` lives.

        If the key is already set, the model takes its value (the store wins, as in
        Streamlit); else the key takes the model's. A value the model refuses raises (its
        parameter's ``ValueError``) and is not stored. Several models may mirror one key.
        """
        if key in self._data:
            setattr(model, prop, self._data[key])
        else:
            self._data[key] = getattr(model, prop)
        self._mirrors.setdefault(key, []).append((weakref.ref(model), prop))
        model.param.watch(lambda event: self._mirrored(key, event), prop)

    def _mirroring(self, key: str) -> list[tuple[param.Parameterized, str]]:
        pairs = self._mirrors.get(key)
        if not pairs:
            return []
        live = [(m, p) for ref, p in pairs if (m := ref()) is not None]
        if len(live) != len(pairs):
            self._mirrors[key] = [(weakref.ref(m), p) for m, p in live]
        return live

    def _mirrored(self, key: str, event: param.parameterized.Event) -> None:
        """A mirroring property changed: store it and pass it to the key's other mirrors."""
        self._data[key] = event.new
        for model, prop in self._mirroring(key):
            if model is not event.obj and getattr(model, prop) is not event.new:
                setattr(model, prop, event.new)
        self._changed()


def _restore(data: dict[str, Any], require_picklable: bool) -> SessionStore:
    store = SessionStore(require_picklable=require_picklable)
    store._data.update(data)
    return store
