"""A session that changes its saved state by itself (a periodic callback counts in
``state.session``), so that its worker saves it without any client message."""

import docsync as ds

out = ds.pane.Str(str(ds.state.session.get("ticks", 0)))  # a rebuilt session has them


def tick():
    ds.state.session["ticks"] = ds.state.session.get("ticks", 0) + 1
    out.object = str(ds.state.session["ticks"])


ds.state.add_periodic_callback(tick, period=100)
ds.Column(out).servable()
