"""An Accordion of settings and a WidgetBox that a checkbox locks, as in Panel's
Accordion and WidgetBox references."""

import docsync as pn

pn.extension()

size = pn.widgets.IntSlider(name="Size", start=1, end=10, value=3)
colour = pn.widgets.Select(name="Colour", options=["red", "green", "blue"])
box = pn.WidgetBox("### Settings", size, colour)
lock = pn.widgets.Checkbox(name="Lock settings")


def on_lock(event):
    box.disabled = event.new


lock.param.watch(on_lock, "value")

accordion = pn.Accordion(
    ("Settings", pn.Column(lock, box)),
    ("About", pn.pane.Markdown("A small demo of sections.")),
    ("Help", pn.pane.Markdown("Open a section by its header.")),
    active=[0],
)
opened = pn.pane.Str("open: [0]")
one_at_a_time = pn.widgets.Checkbox(name="One section at a time")


def on_active(event):
    opened.object = f"open: {event.new}"


def on_toggle(event):
    accordion.toggle = event.new


accordion.param.watch(on_active, "active")
one_at_a_time.param.watch(on_toggle, "value")

pn.Column(one_at_a_time, opened, accordion).servable(title="Accordion")
