"""An app whose code raises while a session is built."""

import docsync as ds

ds.widgets.IntSlider(name="never shown").servable()
raise RuntimeError("boom from the app")
