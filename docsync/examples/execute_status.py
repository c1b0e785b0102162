"""``state.execute``: the click answers at once; the slow work runs after it."""

import time

import docsync as ds

status = ds.pane.Str("Idle")


def do_work():
    time.sleep(1)  # heavier work: this session waits, the others do not
    status.object = "Done"


def on_click(_event):
    status.object = "Working..."
    ds.state.execute(do_work)


button = ds.widgets.Button(name="Run")
button.on_click(on_click)
ds.Column(button, status).servable(title="Execute")
