"""Slow work handed to ``pn.state.execute``: the click answers at once, the work runs
after it in a thread, and an async callback on the event loop (Panel's "Run tasks
concurrently" how-to)."""

import asyncio

import docsync as pn

button = pn.widgets.Button(name="Compute", button_type="primary")
status = pn.pane.Str("idle", css_classes=["status"])
result = pn.pane.Str("", css_classes=["result"])
steps = pn.pane.Str("", css_classes=["steps"])
where = pn.pane.Str("", css_classes=["where"])
loop = pn.pane.Str("", css_classes=["loop"])


def log(step):
    steps.object = f"{steps.object} {step}".strip()


def compute():
    where.object = f"in a session: {pn.state.session_id is not None}"
    total = sum(i * i for i in range(200_000))
    result.object = f"sum={total}"
    status.object = "done"


async def announce():
    await asyncio.sleep(0)
    loop.object = "async done"


def click(event):
    status.object = "working"
    pn.state.execute(lambda: log("now"), schedule=False)  # runs before click returns
    log("clicked")
    pn.state.curdoc.add_next_tick_callback(lambda: log("next tick"))  # Bokeh's spelling
    pn.state.execute(compute, schedule="thread")
    pn.state.execute(announce)


button.on_click(click)

pn.Column(button, status, result, steps, where, loop).servable(title="Execute")
