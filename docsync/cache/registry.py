"""``ds.cache``: the decorator, and the registry of everything it cached (DESIGN.md §5)."""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
import os
import threading
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar, overload

from docsync.app_module import stable_module_name
from docsync.cache.backends.base import Backend, Store
from docsync.cache.backends.disk import DiskBackend
from docsync.cache.backends.memory import MemoryBackend
from docsync.cache.function import CachedFunction, Options, wrap
from docsync.cache.hashing import HashFuncs, ValueHasher
from docsync.cache.policies import check_policy
from docsync.cache.sweeper import Sweeper
from docsync.cache.table import CacheInfo, CacheTable
from docsync.settings import config

__all__ = ["Cache"]

F = TypeVar("F", bound=Callable[..., Any])

_AS_CACHED = "docsync.state.as_cached"


class Cache:
    """Memoize functions by the content of their arguments and their code.

    ``ds.cache`` is one instance; make others for isolation (tests), and :meth:`close` them.
    Use it bare, ``@ds.cache``, or with options::

        @ds.cache(max_items=100, policy="lru", ttl=600, hash_funcs={MyType: fn},
                  per_session=False, copy=False, backend="disk")
        def load(path, *, year): ...

    Panel's arguments are accepted with Panel's meaning: ``policy`` in either case
    (``"LRU"``), ``to_disk=True`` for ``backend="disk"``, and ``cache_path`` (with
    ``to_disk=True``) for a folder of its own, holding ``cache.sqlite3``.

    - The key is the function's code (and the code of the functions and classes of its
      module that it uses), its closure values, and the full content of every argument
      (defaults applied). Parameters named with a leading underscore are left out. An
      argument with no content hash raises :class:`~docsync.exceptions.UnhashableError`
      naming the two fixes: ``hash_funcs`` or a leading underscore. A method's ``self`` is
      an argument like any other (hashed by content: a ``param`` object by its parameter
      values, less an automatic ``name``; a dataclass by its fields), as in Panel and
      Streamlit; name it ``_self`` to share entries between instances. Closure variables
      count as arguments: their values are hashed, unless named with a leading underscore.
    - Concurrent calls with one key (threads or asyncio tasks) compute once; the others
      wait for that result. An exception is not cached and reaches every waiter.
    - ``copy=False`` (default) hands every caller the one cached object (Panel's
      ``pn.cache``, Streamlit's ``cache_resource``): do not mutate it. ``copy=True`` hands
      each caller its own deep copy (Streamlit's ``cache_data``). The disk backend
      unpickles a new object on each hit either way.
    - ``ttl`` (seconds, or a ``timedelta``): entries expire, and a background sweeper frees
      them when they do. ``max_items`` bounds the entries, evicted per ``policy``: ``"lru"``,
      ``"lfu"`` or ``"fifo"``.
    - ``per_session=True``: entries are keyed by the current session and dropped when it
      is destroyed (outside any session, calls share one session-less key space).
    - ``backend``: ``"memory"`` (default), ``"disk"`` (SQLite at ``disk_path``, surviving
      restarts; results must pickle), a name given to :meth:`add_backend`, or a
      :class:`~docsync.cache.backends.Backend`. ``to_disk=True`` is ``backend="disk"``;
      ``cache_path`` puts that SQLite file in a folder of its own.

    The decorated function has ``clear()`` and ``info()``; :meth:`clear` and :meth:`info`
    cover every function. Sync and async functions, methods, staticmethods and
    classmethods can be decorated; generators cannot.
    """

    def __init__(self, *, default_backend: str = "memory",
                 disk_path: str | os.PathLike[str] | None = None) -> None:
        self.default_backend = default_backend
        self.disk_path = disk_path
        self._lock = threading.RLock()
        self._factories: dict[str, Callable[[], Backend]] = {
            "memory": MemoryBackend,
            "disk": lambda: DiskBackend(self.disk_path),
        }
        self._backends: dict[str, Backend] = {}
        #: Backend objects given to the decorator directly (cleared and closed with ours).
        self._given: list[Backend] = []
        self._tables: dict[str, tuple[CacheTable, tuple[Any, ...]]] = {}
        self._sweeper = Sweeper(self._stores)
        self._as_cached_hasher = ValueHasher()

    # -- decorating -------------------------------------------------------------------------

    @overload
    def __call__(self, fn: F, /) -> F: ...

    @overload
    def __call__(self, fn: None = None, /, *, max_items: int | None = None,
                 policy: str = "lru", ttl: float | dt.timedelta | None = None,
                 hash_funcs: HashFuncs | None = None, per_session: bool = False,
                 copy: bool = False, backend: str | Backend | None = None,
                 to_disk: bool = False, cache_path: str | os.PathLike[str] | None = None
                 ) -> Callable[[F], F]: ...

    def __call__(self, fn: Any = None, /, *, max_items: int | None = None, policy: str = "lru",
                 ttl: float | dt.timedelta | None = None, hash_funcs: HashFuncs | None = None,
                 per_session: bool = False, copy: bool = False,
                 backend: str | Backend | None = None, to_disk: bool = False,
                 cache_path: str | os.PathLike[str] | None = None) -> Any:
        if max_items is not None and (isinstance(max_items, bool)
                                      or not isinstance(max_items, int) or max_items < 0):
            raise ValueError(f"max_items must be None or an int >= 0, not {max_items!r}")
        if isinstance(ttl, dt.timedelta):
            ttl = ttl.total_seconds()
        if ttl is not None and (isinstance(ttl, bool) or not isinstance(ttl, (int, float))
                                or ttl <= 0):
            raise ValueError(f"ttl must be None or seconds > 0, not {ttl!r}")
        if hash_funcs is not None and not hasattr(hash_funcs, "items"):
            raise TypeError("hash_funcs must be a dict {type or 'module.Type': function}")
        backend = self._disk_choice(backend, to_disk=to_disk, cache_path=cache_path)
        if isinstance(backend, str) and backend not in self._factories:
            raise ValueError(f"backend must be one of {', '.join(map(repr, self._factories))}"
                             f", not {backend!r}")
        options = Options(max_items=max_items, policy=check_policy(policy),
                          ttl=None if ttl is None else float(ttl), hash_funcs=hash_funcs,
                          per_session=per_session, copy=copy, backend=backend)
        if fn is None:
            return lambda f: self._decorate(f, options)
        return self._decorate(fn, options)

    def _decorate(self, fn: Any, options: Options) -> Any:
        if isinstance(fn, (staticmethod, classmethod)):
            return type(fn)(self._decorate(fn.__func__, options))
        if not isinstance(fn, types.FunctionType):
            raise TypeError(f"ds.cache decorates functions and methods, not "
                            f"{type(fn).__name__}")
        if inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn):
            raise TypeError(f"ds.cache cannot cache the generator function {fn.__qualname__}"
                            "(): return a list instead")
        table = self._table(_table_name(fn), options)
        return wrap(CachedFunction(fn, table, options))

    # -- backends ---------------------------------------------------------------------------

    def _disk_choice(self, backend: str | Backend | None, *, to_disk: bool,
                     cache_path: str | os.PathLike[str] | None) -> str | Backend | None:
        """The backend Panel's ``to_disk`` and ``cache_path`` stand for, or ``backend``."""
        if not isinstance(to_disk, bool):
            raise TypeError(f"to_disk must be True or False, not {to_disk!r}")
        if cache_path is not None and not to_disk:
            raise ValueError("cache_path is where to_disk=True keeps its entries: pass "
                             "to_disk=True with it, or leave it out")
        if not to_disk:
            return backend
        if cache_path is None:
            cache_path = config.cache_path  # pn.config.cache_path, as in Panel
        if backend not in (None, "disk"):
            raise ValueError(f"to_disk=True stores on disk, but backend={backend!r} was "
                             "given too: pass one of them")
        if cache_path is None:
            return "disk"
        folder = Path(cache_path).expanduser().resolve()
        with self._lock:  # one backend (one SQLite file) per folder
            given = next((b for b in self._given
                          if isinstance(b, DiskBackend) and b.path.parent == folder), None)
            if given is None:
                given = DiskBackend(folder / "cache.sqlite3")
                self._given.append(given)
        return given

    def add_backend(self, backend: Backend, *, default: bool = False) -> None:
        """Make ``backend`` selectable as ``@ds.cache(backend=backend.name)`` (and the
        default for functions decorated from now on if ``default``)."""
        if not backend.name:
            raise ValueError("a cache backend needs a name")
        with self._lock:
            self._backends[backend.name] = backend
            self._factories[backend.name] = lambda: backend
            if default:
                self.default_backend = backend.name

    def backend(self, name: str) -> Backend:
        """The backend called ``name``, made on first use."""
        with self._lock:
            backend = self._backends.get(name)
            if backend is None:
                if name not in self._factories:
                    raise ValueError(f"no cache backend {name!r}; known: "
                                     f"{', '.join(self._factories)}")
                backend = self._backends[name] = self._factories[name]()
            return backend

    def _table(self, name: str, options: Options) -> CacheTable:
        chosen = options.backend or self.default_backend
        shape = (chosen, options.max_items, options.policy)
        with self._lock:
            known = self._tables.get(name)
            if known is not None and known[1] == shape:
                return known[0]
            if isinstance(chosen, Backend):
                backend = chosen
                if all(given is not chosen for given in self._given):
                    self._given.append(chosen)
            else:
                backend = self.backend(chosen)
            store = backend.store(name, max_items=options.max_items, policy=options.policy)
            table = CacheTable(name, store, on_ttl=self._sweeper.wake)
            self._tables[name] = (table, shape)
            return table

    def _stores(self) -> Iterator[Store]:
        with self._lock:
            tables = [table for table, _ in self._tables.values()]
        return (table.store for table in tables)

    # -- the whole cache ----------------------------------------------------------------------

    def clear(self) -> None:
        """Drop every entry of every cached function (and ``state.as_cached``), including
        entries a disk backend kept from earlier runs; reset the statistics."""
        with self._lock:
            tables = [table for table, _ in self._tables.values()]
            backends = [*self._backends.values(), *self._given]
        for table in tables:
            table.clear()
        for backend in backends:
            backend.clear()

    def info(self) -> dict[str, CacheInfo]:
        """Statistics per cached function, by ``module.qualname``."""
        with self._lock:
            tables = [table for table, _ in self._tables.values()]
        return {table.name: table.info() for table in tables}

    def as_cached(self, key: Any, fn: Callable[..., Any], ttl: float | None = None,
                  **kwargs: Any) -> Any:
        """Panel's ``state.as_cached``: ``fn(**kwargs)``, computed once per ``key`` and
        ``kwargs`` (by content) for the whole process, with single flight, and expiring
        after ``ttl`` seconds if given."""
        h = hashlib.sha256(b"as_cached;")
        self._as_cached_hasher.feed(h, key, name="key", owner="state.as_cached")
        for name in sorted(kwargs):
            h.update(name.encode() + b"=")
            self._as_cached_hasher.feed(h, kwargs[name], name=name, owner="state.as_cached")
        table = self._table(_AS_CACHED, Options(backend="memory"))
        return table.get_or_compute(h.hexdigest(), lambda: fn(**kwargs),
                                    ttl=None if ttl is None else float(ttl), copy=False)

    def close(self) -> None:
        """Stop the sweeper and close the backends it used (files, connections), given
        ones included."""
        self._sweeper.close()
        with self._lock:
            backends = [*self._backends.values(), *self._given]
        for backend in backends:
            backend.close()


def _table_name(fn: types.FunctionType) -> str:
    # Lambdas share the qualname "<lambda>": their line tells two apart.
    suffix = f"@{fn.__code__.co_firstlineno}" if fn.__name__ == "<lambda>" else ""
    return f"{stable_module_name(fn.__module__)}.{fn.__qualname__}{suffix}"
