"""A Select with grouped options, one of them disabled, driving a Markdown pane, and a
Select shown as a list box of three rows."""

import docsync as pn

fruit = pn.widgets.Select(
    label="Fruit",
    groups={"Citrus": ["Orange", "Lemon"], "Berries": ["Strawberry", "Blueberry"]},
    disabled_options=["Lemon"],
)

vegetable = pn.widgets.Select(label="Vegetable", options=["Leek", "Kale", "Pea", "Bean"], size=3)


def describe(choice, side):
    return f"You picked **{choice}** with {side}."


pn.Column(fruit, vegetable, pn.bind(describe, fruit, vegetable)).servable(title="Fruit")
