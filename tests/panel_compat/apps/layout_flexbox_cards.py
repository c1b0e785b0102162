"""A FlexBox of Cards whose layout follows two Selects, as in Panel's FlexBox reference."""

import docsync as pn

pn.extension()

cards = [
    pn.Card(f"Card {i} body", title=f"Card {i}", width=160, collapsed=i == 3)
    for i in range(1, 5)
]
box = pn.FlexBox(*cards, justify_content="space-between", gap="12px")

justify = pn.widgets.Select(name="justify_content", value="space-between",
                            options=["flex-start", "center", "space-between", "space-evenly"])
direction = pn.widgets.Select(name="flex_direction", value="row",
                              options=["row", "row-reverse", "column", "column-reverse"])


def on_justify(event):
    box.justify_content = event.new


def on_direction(event):
    box.flex_direction = event.new


justify.param.watch(on_justify, "value")
direction.param.watch(on_direction, "value")

add = pn.widgets.Button(name="Add a card")
add.on_click(lambda event: box.append(pn.Card(f"Card {len(box) + 1} body",
                                              title=f"Card {len(box) + 1}", width=160)))

pn.Column(pn.Row(justify, direction, add), box).servable(title="FlexBox of cards")
