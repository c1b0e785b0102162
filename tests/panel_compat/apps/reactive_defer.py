"""Deferred loading, as in Panel's "Defer long running tasks" how-to: with
``pn.extension(defer_load=True)`` every bound function is computed only once the page is
shown (a spinner until then); ``pn.panel(fn, defer_load=False)`` opts one out,
``loading_indicator=True`` shows a spinner over a function's output while it re-runs, and
any component's ``loading`` puts a spinner over it."""

import docsync as pn

pn.extension(defer_load=True)

size = pn.widgets.IntSlider(name="Size", start=1, end=10, value=2)


def report(size):
    return f"report of size {size}"


def headline(size):
    return f"# Size {size}"


notes = pn.pane.Markdown("Notes", css_classes=["notes"])
busy = pn.widgets.Toggle(name="Busy")
pn.bind(lambda on: setattr(notes, "loading", on), busy, watch=True)

pn.Column(
    size, busy, notes,
    pn.bind(report, size),
    pn.panel(pn.bind(headline, size), defer_load=False, loading_indicator=True),
).servable(title="defer")
