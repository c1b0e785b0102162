"""A FileDownload of a CSV file built in memory (a BytesIO, so it needs a filename)."""

import io

import docsync as pn

report = io.BytesIO()
report.write(b"city,visitors\nLyon,3\nOslo,5\n")

download = pn.widgets.FileDownload(report, filename="visitors.csv", button_type="success")

pn.Column("## Visitors", download).servable(title="Download")
