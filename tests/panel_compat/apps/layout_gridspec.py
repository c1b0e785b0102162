"""A GridSpec dashboard, as in Panel's GridSpec reference."""

import docsync as pn

pn.extension()

gspec = pn.GridSpec(width=600, height=300)
gspec[:, 0] = pn.Spacer(styles=dict(background="red"), css_classes=["red"])
gspec[0, 1:3] = pn.Spacer(styles=dict(background="green"), css_classes=["green"])
gspec[1, 2:4] = pn.Spacer(styles=dict(background="orange"), css_classes=["orange"])
gspec[2, 1:4] = pn.Spacer(styles=dict(background="blue"), css_classes=["blue"])
gspec[0:1, 3:4] = pn.Spacer(styles=dict(background="purple"), css_classes=["purple"])

clear_bottom = pn.widgets.Button(name="Clear the bottom row")


def on_clear(event):
    del gspec[2, :]
    gspec[2, 1:3] = pn.pane.Markdown("Bottom row cleared", css_classes=["note"])


clear_bottom.on_click(on_clear)

pn.Column(clear_bottom, gspec).servable(title="GridSpec")
