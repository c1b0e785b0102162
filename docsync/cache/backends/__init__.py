"""Cache backends: :class:`MemoryBackend` (the default) and :class:`DiskBackend` (SQLite),
both behind the :class:`Backend`/:class:`Store` interface in :mod:`.base`."""

from docsync.cache.backends.base import MISSING, Backend, Store
from docsync.cache.backends.disk import DiskBackend, DiskStore
from docsync.cache.backends.memory import MemoryBackend, MemoryStore

__all__ = ["MISSING", "Backend", "DiskBackend", "DiskStore", "MemoryBackend", "MemoryStore",
           "Store"]
