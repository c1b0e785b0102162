"""A settings page in the style of Panel's how-to pages: a DiscretePlayer steps through
named quarters, a JSONEditor holds a run's settings, and pn.panel shows a report PDF and
a talk from their URLs."""

import docsync as pn

pn.extension()

quarter = pn.widgets.DiscretePlayer(name="Quarter", options={"Q1": "2024-03", "Q2": "2024-06",
                                                             "Q3": "2024-09"}, value="2024-06",
                                    loop_policy="loop")
settings = pn.widgets.JSONEditor(name="Settings", value={"model": "ridge", "alpha": 0.5})


def summary(month, config):
    return f"Month {month}, model {config.get('model')} at alpha {config.get('alpha')}"


pn.Column(
    quarter,
    settings,
    pn.bind(summary, quarter, settings),
    pn.panel("https://example.org/report.pdf", height=300),
    pn.panel("https://example.org/talk.mp3"),
).servable()
