"""A FileDownload of a file too large for a frame: it goes by a one-time URL (issue 12)."""

import docsync as ds

BIG = bytes(range(256)) * (12 * 4096)  # 12 MiB

ds.widgets.FileDownload(BIG, filename="big.bin", button_type="primary").servable()
