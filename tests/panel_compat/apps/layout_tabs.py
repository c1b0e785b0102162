"""Tabs that load their contents only when shown, and that the reader may close."""

import docsync as pn

pn.extension()

opened = pn.pane.Str("opened: Intro")
still_open = pn.pane.Str("open tabs: Intro, Report, Data")


def heavy(label, rows):
    return pn.Column(f"### {label}", *[f"{label} row {i}" for i in range(rows)], name=label)


tabs = pn.Tabs(
    ("Intro", pn.pane.Markdown("Welcome: pick a tab.", css_classes=["intro"])),
    ("Report", heavy("Report", 20)),
    ("Data", heavy("Data", 30)),
    dynamic=True,
    closable=True,
)


def on_active(event):
    opened.object = "opened: " + (tabs.titles[event.new] if len(tabs) else "none")


def on_objects(event):
    still_open.object = f"open tabs: {', '.join(tabs.titles) or 'none'}"


tabs.param.watch(on_active, "active")
tabs.param.watch(on_objects, "objects")

add = pn.widgets.Button(name="Add a notes tab")
add.on_click(lambda event: tabs.append(("Notes", pn.pane.Markdown("Some notes."))))

pn.Column("# Dynamic, closable tabs", opened, still_open, add, tabs).servable(title="Tabs")
