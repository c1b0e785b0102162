"""A page that cancels the cluster-wide task ``tick`` (see ``tests/cluster/test_tasks.py``)."""

import docsync as ds

cancel = ds.widgets.Button(name="cancel tick")
cancel.on_click(lambda _event: ds.state.cancel_task("tick"))
ds.Column(cancel).servable()
