"""A periodic callback: the server's clock, ticking once a second in every open tab."""

import datetime as dt

import docsync as ds

clock = ds.pane.Str("")


def tick():
    clock.object = f"Server time: {dt.datetime.now():%H:%M:%S}"


tick()
callback = ds.state.add_periodic_callback(tick, period=1000)
stop = ds.widgets.Button(name="Stop the clock")
stop.on_click(lambda _event: callback.stop())
ds.Column("## Periodic callback", clock, stop).servable(title="Clock")
