"""Only pn.state.template, filled in place: nothing marked servable."""

import docsync as pn

pn.extension(template="material")

pn.state.template.title = "Filled in place"
pn.state.template.main.append(pn.pane.Markdown("Main text"))
pn.state.template.sidebar.append(pn.widgets.Checkbox(name="Option"))
