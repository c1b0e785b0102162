"""Bench app: a Markdown that the session itself updates at 10 Hz.

There is no ``state.add_periodic_callback`` yet, so each session schedules its own repeating
loop timer: app code runs on the server's event loop thread during the ``hello``, so
``asyncio.get_running_loop()`` is the server loop, and setting ``md.object`` makes the
document schedule a flush. The timer stops once the document has stopped watching the
Markdown (the session was destroyed).
"""

import asyncio

import docsync as ds

PERIOD = 0.1  # seconds

md = ds.pane.Markdown("tick 0")
ds.Column(md).servable(title="Ticker")

_loop = asyncio.get_running_loop()
_state = {"n": 0, "next": _loop.time() + PERIOD}


def _tick() -> None:
    if not md.param.watchers:  # the session's document closed: stop
        return
    _state["n"] += 1
    md.object = f"tick **{_state['n']}**"
    _state["next"] += PERIOD
    _loop.call_at(_state["next"], _tick)


_loop.call_at(_state["next"], _tick)
