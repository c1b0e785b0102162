"""Bench app: one DataFrame pane over a 1,000,000-row frame (int, float and string columns);
the pane sends one 20-row page."""

from bench_frames import BIG

import docsync as ds

ds.Column(ds.pane.DataFrame(BIG)).servable(title="A million rows")
