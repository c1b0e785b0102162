"""A function wrapped by ``@ds.cache``: its key maker and options, over a shared table."""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docsync.cache.backends.base import Backend
from docsync.cache.hashing import HashFuncs
from docsync.cache.keys import KeyMaker
from docsync.cache.table import CacheInfo, CacheTable
from docsync.runtime.current import CURRENT_SESSION

__all__ = ["CachedFunction", "Options", "wrap"]


@dataclass(frozen=True)
class Options:
    """What ``@ds.cache(...)`` was given (validated by the registry)."""

    max_items: int | None = None
    policy: str = "lru"
    ttl: float | None = None
    hash_funcs: HashFuncs | None = None
    per_session: bool = False
    copy: bool = False
    backend: str | Backend | None = None


class CachedFunction:
    """Calls ``fn`` through ``table``: key, lookup, single flight, store.

    Functions of the same ``module.qualname`` share one table (a module re-imported by
    autoreload, an app function re-run per session), so unchanged code keeps its entries;
    when the code digest changes, the table's entries are dropped, since no call can hit
    them any more.
    """

    def __init__(self, fn: types.FunctionType, table: CacheTable, options: Options) -> None:
        self.fn = fn
        self.table = table
        self.options = options
        self.keys = KeyMaker(fn, hash_funcs=options.hash_funcs)
        self._digest: bytes | None = None

    def key(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[str, Any]:
        """``(key, session)`` of a call; ``session`` is None unless cached per session."""
        session = CURRENT_SESSION.get() if self.options.per_session else None
        digest = self.keys.code.digest()
        if digest is not self._digest:
            self._code_is(digest)
        key = self.keys.key(args, kwargs, code=digest,
                            session_id=session.id if session else None)
        return key, session

    def call(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        key, session = self.key(args, kwargs)
        return self.table.get_or_compute(
            key, lambda: self.fn(*args, **kwargs), ttl=self.options.ttl,
            copy=self.options.copy, session=session)

    async def acall(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        key, session = self.key(args, kwargs)
        return await self.table.aget_or_compute(
            key, lambda: self.fn(*args, **kwargs), ttl=self.options.ttl,
            copy=self.options.copy, session=session)

    def clear(self) -> None:
        """Drop this function's entries (every session's) and reset its statistics."""
        self.table.clear()

    def info(self) -> CacheInfo:
        return self.table.info()

    def _code_is(self, digest: bytes) -> None:
        table = self.table
        if table.code_digest is not None and table.code_digest != digest:
            table.store.clear()
        table.code_digest = digest
        self._digest = digest


def wrap(cached: CachedFunction) -> Callable[..., Any]:
    """The function that replaces ``cached.fn``: same name, signature and docs, sync or
    async like it, a method when defined in a class; with ``clear()`` and ``info()``."""
    fn = cached.fn
    wrapper: Any
    if inspect.iscoroutinefunction(fn):
        async def call_async(*args: Any, **kwargs: Any) -> Any:
            return await cached.acall(args, kwargs)
        wrapper = functools.wraps(fn)(call_async)
    else:
        def call(*args: Any, **kwargs: Any) -> Any:
            return cached.call(args, kwargs)
        wrapper = functools.wraps(fn)(call)
    wrapper.clear = cached.clear
    wrapper.info = cached.info
    wrapper.__docsync_cache__ = cached
    return wrapper  # type: ignore[no-any-return]
