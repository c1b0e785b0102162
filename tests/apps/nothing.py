"""An app that builds a widget but marks nothing servable."""

import docsync as ds

ds.widgets.IntSlider(name="unmarked")
