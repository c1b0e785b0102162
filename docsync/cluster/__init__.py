"""Several workers and machines as one server: Redis, and session persistence (DESIGN.md §5, §6).

- ``link``: a worker's Redis client; an outage is logged once and caught up after;
- ``bus``: ``state.publish``/``subscribe`` across workers (Redis pub/sub);
- ``lease``: leases that make ``state.schedule_task`` run once per cluster;
- ``record``: what is saved of a session, taken from it and put back into a rebuilt one;
- ``checkpoint``: saving live sessions (coalesced; acknowledgements wait for the save);
- ``store_redis``, ``store_sqlite``: where checkpoints are kept (Redis, or one machine's file);
- ``persist``: a server's registries tied to its checkpoints (save, rebuild, forget);
- ``services``: all of the above set up from a server's configuration, and closed;
- ``codec``: the signed pickles all of these store.

Only ``link``, ``bus``, ``lease`` and ``store_redis`` import ``redis`` (an optional
dependency: ``pip install docsync[redis]``), and only when ``--redis`` is given. The Redis
backend of ``ds.cache`` is ``docsync.cache.backends.redis_backend``.
"""

from __future__ import annotations

__all__: list[str] = []
