"""pn.extension(template="fast"): servables go to the template area their target names."""

import docsync as pn

pn.extension(template="fast")

choice = pn.widgets.Select(name="Fruit", options=["apple", "pear"])
pn.pane.Markdown("Pick a fruit").servable(target="sidebar")
choice.servable(target="sidebar")
pn.Column(pn.bind(lambda fruit: f"# You picked {fruit}", choice)).servable(title="Fruit shop")
pn.pane.Markdown("Welcome", css_classes=["greeting"]).servable(target="header")
pn.pane.Markdown("Terms and conditions").servable(target="modal")
