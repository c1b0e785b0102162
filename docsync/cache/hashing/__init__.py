"""Full-content hashing of values: the argument part of a cache key (DESIGN.md §5).

Every value goes into the hash by its complete content, never a sample and never ``str()``:
numbers by their bits, containers element by element, numpy arrays and pandas objects by
their buffers (vectorized), dataclasses by their fields, ``param`` objects by their
parameter values, in-memory files (``StringIO``, ``BytesIO``) by their text or bytes and
position. Each value is preceded by a type tag, so ``1``, ``1.0``, ``"1"`` and ``(1,)``
never collide. A value of a type the table does not know raises
:class:`~docsync.exceptions.UnhashableError`, unless ``hash_funcs`` says how to hash it.

The table is split by family: ``builtin`` (Python's own types), ``arrays`` (numpy),
``frames`` (pandas), ``objects`` (``param`` objects, in-memory files); ``walk`` is one
hashing pass and ``hasher`` the :class:`ValueHasher` that picks a handler per type.

Bulk buffers go through SHA-256, which CPUs with SHA extensions (x86 SHA-NI, ARMv8) run at
about 2 GB/s, two to three times BLAKE2b; see ``tests/bench/cache.py`` for the figures.
"""

from docsync.cache.hashing.hasher import ValueHasher
from docsync.cache.hashing.walk import Handler, HashFuncs, Walk, qualified_name

__all__ = ["Handler", "HashFuncs", "ValueHasher", "Walk", "qualified_name"]
