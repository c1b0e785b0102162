"""``ds.state`` in the page: query args, onload, notifications and the Location."""

import docsync as ds

location = ds.state.location
loaded = ds.pane.Str("loading", css_classes=["loaded"])
ds.state.onload(lambda: setattr(loaded, "object", "loaded"))
go = ds.widgets.Button(name="Go to page 2")


def go_to_page_2(_event):
    location.search = "?page=2"
    location.hash = "#top"
    ds.state.notifications.success("Moved to page 2", duration=0)


go.on_click(go_to_page_2)

ds.Column(
    ds.pane.Str(f"args={ds.state.session_args}", css_classes=["args"]),
    loaded,
    ds.Column(
        ds.bind(lambda p, s, h: f"url={p}{s}{h}", location.param.pathname,
                location.param.search, location.param.hash),
        css_classes=["url"]),
    go,
).servable(title="Page state")
