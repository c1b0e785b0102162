"""Bench app: one Tabulator over the 1,000,000-row frame, remote pagination, 20-row pages."""

from bench_frames import BIG

import docsync as ds
from docsync.widgets import Tabulator

ds.Column(Tabulator(BIG, pagination="remote", page_size=20)).servable(title="A million rows")
