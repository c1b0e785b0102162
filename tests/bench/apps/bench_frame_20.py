"""Bench app: one DataFrame pane over the first 20 rows of bench_frame_1m's frame."""

from bench_frames import SMALL

import docsync as ds

ds.Column(ds.pane.DataFrame(SMALL)).servable(title="Twenty rows")
