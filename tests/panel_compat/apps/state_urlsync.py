"""Widgets synced with the URL's query both ways with ``pn.state.location.sync`` (Panel's
"Sync widgets and URL" how-to)."""

import docsync as pn

page = pn.widgets.IntSlider(name="Page", start=1, end=10, value=1)
query = pn.widgets.TextInput(name="Search", value="")
stop = pn.widgets.Button(name="Stop syncing the search")

location = pn.state.location
# A multi-page app's URL is loaded, not rewritten: ?mode=reload turns that on.
location.reload = location.query_params.get("mode") == "reload"
location.sync(page, {"value": "page"})
location.sync(query, {"value": "q"})


def unsync(event):
    location.unsync(query)


stop.on_click(unsync)

pn.Column(
    page, query, stop,
    pn.bind(lambda p, q: f"page {p} of the results for {q!r}", page, query),
).servable(title="URL sync")
