"""What runs app callbacks in time and in threads: shared by the server and notebook transports.

- ``executor``: one session's sync callbacks, one at a time, on a shared thread pool;
- ``inbox``: what other threads hand the event loop, one loop wake-up per batch;
- ``periodic``: ``PeriodicCallback``;
- ``tasks``: process-wide ``schedule_task``;
- ``store``: the per-session ``state.session`` store;
- ``bus``: ``state.publish``/``subscribe`` within a process (across workers: Redis,
  ``docsync.cluster.bus``);
- ``context``: the server-wide ``Runtime`` and the per-session ``SessionContext``, and the
  context variables the ``state`` facade reads;
- ``pending``: app-wide registrations made before a runtime exists (the one process-wide
  place), adopted by the next runtime;
- ``once``: registrations that every session of a script repeats, counted once per server;
- ``curdoc``: ``state.curdoc``, a session's document with Bokeh's callback methods.
"""
