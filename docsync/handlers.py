"""Calling an app's handler with the arguments it asks for, by name (Datapane's convention).

A handler (a ``Form``'s ``on_submit``) receives its inputs as keyword arguments. Two
parameter names are special when no input already has that name:

- ``session``: the current session's store, ``state.session`` (``None`` outside a
  session). A handler that asks for it depends on per-user state, so it is never cached.
- ``params``: every input in one dict, instead of one argument each.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["accepts", "call_handler", "takes_session"]


def _parameters(fn: Callable[..., Any]) -> Mapping[str, inspect.Parameter]:
    try:
        return inspect.signature(fn).parameters
    except (TypeError, ValueError):  # a builtin without a signature: assume **kwargs
        return {"kwargs": inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD)}


def takes_session(fn: Callable[..., Any]) -> bool:
    """True when ``fn`` declares a parameter named ``session``."""
    return "session" in _parameters(fn)


def _takes_params(fn: Callable[..., Any], names: Iterable[str]) -> bool:
    return "params" in _parameters(fn) and "params" not in names


def accepts(fn: Callable[..., Any], names: Iterable[str]) -> None:
    """Check that ``fn`` can be called with inputs ``names``; raise ``TypeError`` saying
    which name it lacks. Call it when the handler is given, so a mismatch shows at once."""
    names = list(names)
    params = _parameters(fn)
    if _takes_params(fn, names):
        return
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return
    for name in names:
        param = params.get(name)
        if param is None or param.kind in (inspect.Parameter.POSITIONAL_ONLY,
                                           inspect.Parameter.VAR_POSITIONAL):
            raise TypeError(
                f"{_name(fn)}() has no parameter {name!r} for the input of that name: "
                f"rename the parameter or the input, or take them all as `params`")
    missing = [n for n, p in params.items()
               if p.default is inspect.Parameter.empty and n not in names and n != "session"
               and p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD,
                              inspect.Parameter.KEYWORD_ONLY)]
    if missing:
        raise TypeError(f"{_name(fn)}() needs {', '.join(map(repr, missing))}, which no input "
                        "provides: add inputs of those names or give the parameters defaults")


def call_handler(fn: Callable[..., Any], values: Mapping[str, Any], *,
                 session: Any = None) -> Any:
    """Call ``fn`` with ``values`` by name, plus ``session`` or ``params`` if it asks."""
    kwargs = {"params": dict(values)} if _takes_params(fn, values) else dict(values)
    if takes_session(fn) and "session" not in values:
        kwargs["session"] = session
    return fn(**kwargs)


def _name(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__qualname__", None) or repr(fn)
