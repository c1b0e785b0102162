"""One set of models seen by every session: an edit in one page changes the others."""

from shared_models import flag, level, note

import docsync as ds

ds.Column(
    "# Shared",
    level,
    note,
    flag,
    ds.bind(lambda v, t, f: f"level={v} note={t!r} flag={f}", level, note, flag),
).servable(title="Shared")
