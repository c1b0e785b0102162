"""A Column grown and shrunk by buttons, as in Panel's "Add or Remove Components" how-to."""

import docsync as pn

pn.extension()

entry = pn.widgets.TextInput(name="Item", value="apples")
add = pn.widgets.Button(name="Add", button_type="primary")
add_two = pn.widgets.Button(name="Add two")
replace_first = pn.widgets.Button(name="Replace first")
remove_last = pn.widgets.Button(name="Remove last")
delete_first = pn.widgets.Button(name="Delete first")
reverse = pn.widgets.Button(name="Reverse")

items = pn.Column("* start")


def on_add(event):
    items.append(f"* {entry.value}")


def on_add_two(event):
    items.extend([f"* {entry.value} 1", f"* {entry.value} 2"])


def on_replace_first(event):
    if len(items):
        items[0] = pn.pane.Markdown(f"* {entry.value} (first)")


def on_remove_last(event):
    if len(items):
        items.pop(-1)


def on_delete_first(event):
    # `del` is docsync's; in Panel write items.pop(0).
    if len(items):
        del items[0]


def on_reverse(event):
    items.reverse()


add.on_click(on_add)
add_two.on_click(on_add_two)
replace_first.on_click(on_replace_first)
remove_last.on_click(on_remove_last)
delete_first.on_click(on_delete_first)
reverse.on_click(on_reverse)

pn.Column(
    "## Shopping list",
    pn.Row(entry, add, add_two, replace_first, remove_last, delete_first, reverse),
    items,
).servable(title="Grow and shrink")
