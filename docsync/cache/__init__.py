"""Caching (DESIGN.md §5): ``ds.cache`` memoizes functions by code and argument content.

::

    import docsync as ds

    @ds.cache(ttl=600)
    def load(path: str, year: int) -> pd.DataFrame: ...

Modules: ``registry`` (the :class:`Cache` decorator and registry), ``function`` (one
wrapped function), ``table`` (get-or-compute over a store), ``keys`` / ``code`` /
``hashing`` (the key), ``flight`` (single flight), ``policies`` (eviction), ``sweeper``
(expiry), ``backends`` (memory, disk).
"""

from docsync.cache.backends import Backend, DiskBackend, MemoryBackend, Store
from docsync.cache.registry import Cache
from docsync.cache.table import CacheInfo
from docsync.exceptions import UnhashableError

__all__ = ["Backend", "Cache", "CacheInfo", "DiskBackend", "MemoryBackend", "Store",
           "UnhashableError", "cache"]

#: ``ds.cache``: the process's cache. Its sweeper thread runs only while entries with a
#: TTL exist.
cache = Cache()
