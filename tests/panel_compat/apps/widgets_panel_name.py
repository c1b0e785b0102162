"""An app that uses a Panel widget docsync does not have."""

import docsync as pn

table = pn.widgets.Terminal()
pn.Column(table).servable()
