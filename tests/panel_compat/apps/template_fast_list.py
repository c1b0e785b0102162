"""A FastListTemplate built by hand, changed from callbacks (its areas are list-like)."""

import docsync as pn

pn.extension()

add = pn.widgets.Button(name="Add a card", button_type="primary")
about = pn.widgets.Button(name="About")
count = pn.widgets.IntSlider(name="Cards", start=0, end=10, value=1, disabled=True)

template = pn.template.FastListTemplate(
    title="Card list",
    site="docsync",
    logo="https://example.com/logo.svg",
    favicon="https://example.com/favicon.ico",
    accent="#A01346",
    sidebar=[add, about, count],
    main=[pn.pane.Markdown("## Card 1\nThe first card.")],
    theme=pn.template.DarkTheme,
    main_max_width="900px",
)
template.modal.append(pn.pane.Markdown("Built with docsync's FastListTemplate."))


def add_card(event):
    template.main.append(pn.pane.Markdown(f"## Card {len(template.main) + 1}"))
    count.value = len(template.main)


add.on_click(add_card)
about.on_click(lambda event: template.open_modal())

template.servable()
