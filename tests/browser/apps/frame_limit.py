"""An upload and a text area, served with a small --max-frame-size by the frame-limit test."""

import docsync as ds

upload = ds.widgets.FileInput(name="Upload", max_size=4096)
notes = ds.widgets.TextAreaInput(name="Notes", value="kept")
echo = ds.bind(lambda v: f"notes = {v}", notes)
ds.Column(upload, notes, ds.Row(echo, css_classes=["echo-notes"])).servable()
