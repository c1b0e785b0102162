"""Slow work that no page message started: a periodic callback (once, 1.5 s after the
session starts) hands a 1.5 s job to ``state.execute``; the page's busy indicator shows
while it runs because the server says so (the ``busy`` command)."""

import time

import docsync as ds

status = ds.pane.Str("waiting", css_classes=["background-status"])


def job():
    time.sleep(1.5)
    status.object = "done"


ds.state.add_periodic_callback(lambda: ds.state.execute(job), period=1500, count=1)
ds.Column("# Background work", status).servable(title="Background work")
