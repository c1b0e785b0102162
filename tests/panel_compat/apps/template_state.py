"""pn.state.template with pn.extension(template=...): the app sets the template's title and
site and fills its sidebar, then marks what goes to main; a callback adds to the header."""

import docsync as pn

pn.extension(template="bootstrap")

pn.state.template.param.update(site="Shop", title="Orders")
pn.state.template.sidebar.append(pn.widgets.TextInput(name="Customer"))

flag = pn.widgets.Button(name="Flag")


def flag_page(event):
    pn.state.template.header.append(pn.pane.Markdown("Flagged"))


flag.on_click(flag_page)
pn.Column("# Orders", flag).servable()
