"""Streamlit's page counter, the docsync way: no reruns, a callback per click.

Streamlit reruns the whole script on every click and counts the runs in
``session_state``. A docsync script runs once per session; the button's callback does the
counting, and ``state.session`` keeps the count for this tab only.
"""

import docsync as ds

if "counter" not in ds.state.session:
    ds.state.session.counter = 0


def count_a_run():
    ds.state.session.counter += 1
    header.object = f"## This page has run {ds.state.session.counter} times."


header = ds.pane.Markdown("")
count_a_run()  # the first run
again = ds.widgets.Button(name="Run it again")
again.on_click(lambda _event: count_a_run())
ds.Column(header, again).servable(title="Page counter")
