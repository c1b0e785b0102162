"""The --num-procs test app: which worker process runs this session, and a round trip.

With ``DOCSYNC_TEST_DESTROYED`` set, each destroyed session appends ``<pid> <session id>``
to that file.
"""

import os

import docsync as ds

x = ds.widgets.IntSlider(name="x", start=0, end=1000, value=0)
ds.Column(
    ds.pane.Str(str(os.getpid())),
    x,
    ds.bind(lambda v: f"{v} from {os.getpid()}", x),
).servable(title="Worker")

_log = os.environ.get("DOCSYNC_TEST_DESTROYED")
if _log:
    _line = f"{os.getpid()} {ds.state.session_id}\n"

    def _destroyed(_context: object) -> None:
        with open(_log, "a", encoding="utf-8") as f:
            f.write(_line)

    ds.state.on_session_destroyed(_destroyed)
