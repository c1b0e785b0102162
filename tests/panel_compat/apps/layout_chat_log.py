"""A chat-like log: a fixed-height scrolling Column that follows new messages."""

import docsync as pn

pn.extension()

log = pn.Column(
    *[pn.pane.Markdown(f"**bot**: message {i}") for i in range(30)],
    height=240,
    auto_scroll_limit=120,
    scroll_button_threshold=40,
    view_latest=True,
    sizing_mode="stretch_width",
)
position = pn.pane.Str("scrolled to 0")
message = pn.widgets.TextInput(name="Message", placeholder="Say something")
send = pn.widgets.Button(name="Send", button_type="primary")
top = pn.widgets.Button(name="Back to the top")


def on_send(event):
    if message.value:
        log.append(pn.pane.Markdown(f"**you**: {message.value}"))
        message.value = ""


def on_top(event):
    log.scroll_position = 0


def on_scroll(event):
    position.object = f"scrolled to {event.new}"


send.on_click(on_send)
top.on_click(on_top)
log.param.watch(on_scroll, "scroll_position")

pn.Column("## Chat log", log, pn.Row(message, send, top), position).servable(title="Chat")
