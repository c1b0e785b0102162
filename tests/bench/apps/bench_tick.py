"""Bench app: a Markdown that the session itself updates at 10 Hz.

Uses ``ds.state.add_periodic_callback`` when docsync has it. Without it, the session
schedules its own repeating loop timer: app code then runs on the server's event loop
thread during the ``hello``, so ``asyncio.get_running_loop()`` is the server loop, and
setting ``md.object`` makes the document schedule a flush; the timer stops once the
document has stopped watching the Markdown (the session was destroyed).
"""

import asyncio

import docsync as ds

PERIOD = 0.1  # seconds

md = ds.pane.Markdown("tick 0")
ds.Column(md).servable(title="Ticker")
_count = [0]


def tick() -> None:
    _count[0] += 1
    md.object = f"tick **{_count[0]}**"


if hasattr(ds, "state") and hasattr(ds.state, "add_periodic_callback"):
    ds.state.add_periodic_callback(tick, period=int(PERIOD * 1000))  # milliseconds
else:
    _loop = asyncio.get_running_loop()
    _next = [_loop.time() + PERIOD]

    def _timer() -> None:
        if not md.param.watchers:  # the session's document closed: stop
            return
        tick()
        _next[0] += PERIOD
        _loop.call_at(_next[0], _timer)

    _loop.call_at(_next[0], _timer)
