"""A chat room across workers: ``state.publish`` and ``state.subscribe`` (issue 7).

    docsync serve docsync/examples/chat.py --num-procs 2 --redis redis://127.0.0.1:6379/0

Every tab subscribes to the ``chat`` channel; a message sent in one tab appears in every
tab, whichever worker holds it (through Redis; without it, the tabs of one process). Each
tab's history is kept in ``state.session``, so a session rebuilt on another worker after
its own was lost shows it again.
"""

import docsync as ds

HISTORY = 50  # lines each tab keeps

who = ds.widgets.TextInput(name="Your name", value="anonymous")
text = ds.widgets.TextInput(name="Message", placeholder="Say something, then Send")
send = ds.widgets.Button(name="Send", button_type="primary")
lines = ds.pane.Str("\n".join(ds.state.session.get("lines", [])))


def received(message: dict) -> None:
    """Runs in this tab's session for every message, from any tab on any worker."""
    history = [*ds.state.session.get("lines", []), f"{message['who']}: {message['text']}"]
    ds.state.session["lines"] = history[-HISTORY:]  # assigned, so the session saves it
    lines.object = "\n".join(ds.state.session["lines"])


def post(_event: object) -> None:
    if text.value.strip():
        ds.state.publish("chat", {"who": who.value.strip() or "anonymous", "text": text.value})
        text.value = ""


ds.state.subscribe("chat", received)
send.on_click(post)
ds.Column("# Chat", who, ds.Row(text, send), lines).servable(title="Chat")
