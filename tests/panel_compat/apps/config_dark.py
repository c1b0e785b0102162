"""pn.config assigned in the script: a dark theme and more worker threads for callbacks."""

import threading

import docsync as pn

pn.config.theme = "dark"
pn.config.nthreads = 6

workers = pn.pane.Markdown("workers not counted yet")
count = pn.widgets.Button(name="Count workers")


def count_workers(event):
    names = [t.name for t in threading.enumerate() if t.name.startswith("docsync-worker")]
    workers.object = f"workers: {len(names)}"


count.on_click(count_workers)

pn.Column("# Dark", count, workers).servable()
