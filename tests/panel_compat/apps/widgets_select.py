"""A Select with grouped options, one of them disabled, driving a Markdown pane."""

import docsync as pn

fruit = pn.widgets.Select(
    label="Fruit",
    groups={"Citrus": ["Orange", "Lemon"], "Berries": ["Strawberry", "Blueberry"]},
    disabled_options=["Lemon"],
)


def describe(choice):
    return f"You picked **{choice}**."


pn.Column(fruit, pn.bind(describe, fruit)).servable(title="Fruit")
