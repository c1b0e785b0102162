"""Edits that must survive a lost worker: values, clicks counted in state.session."""

import docsync as ds

x = ds.widgets.IntSlider(name="x", start=0, end=1_000_000, value=0)
text = ds.widgets.TextInput(name="text", value="")
button = ds.widgets.Button(name="click")
out = ds.pane.Str("")


def show(*_):
    s = ds.state.session
    out.object = (f"x={x.value} clicks={s.get('clicks', 0)} text={s.get('text', '')} "
                  f"rebuilt={ds.state.rebuilt}")


def clicked(_event):
    ds.state.session["clicks"] = ds.state.session.get("clicks", 0) + 1
    show()


def typed(event):
    ds.state.session["text"] = event.new
    show()


button.on_click(clicked)
text.param.watch(typed, "value")
x.param.watch(show, "value")
ds.state.on_session_resumed(show)
show()
ds.Column(x, text, button, out).servable(title="edits")
