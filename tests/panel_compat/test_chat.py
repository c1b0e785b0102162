"""``pn.chat`` (docsync/chat): Panel's chat how-tos served by a real ``docsync serve``,
driven over real WebSockets: an echo bot, a streamed reply (sent as appends, resumed
across a dropped connection with every token exactly once), stop, undo, clear, and a
message over the size limit."""

from __future__ import annotations

from tests.panel_compat.apps.chat_stream import WORDS
from tests.panel_compat.support import app_fixtures, models_of

APPS = ["chat_echo", "chat_stream", "chat_sync_stream"]


urls, open_ = app_fixtures(APPS, "chat")


def messages(doc):
    """``(user, shown text)`` of each message, in the feed's order."""
    (_, feed), = models_of(doc, "ChatInterface")
    out = []
    for ref in feed["children"]:
        props = doc.props(ref["ref"])
        text = "".join(props["text"]) if props["text"] is not None else props["html"]
        out.append((props["user"], text))
    return out


def ids(doc):
    (input_id, _), = models_of(doc, "ChatAreaInput")
    buttons = {props["name"]: mid for mid, props in models_of(doc, "Button")}
    return input_id, buttons


def shown_buttons(doc):
    (_, feed), = models_of(doc, "ChatInterface")
    return [doc.props(ref["ref"])["name"] for ref in feed["buttons"]
            if doc.props(ref["ref"])["visible"]]


async def test_echo_bot_answers_each_message(open_):
    net, doc = await open_("chat_echo")
    assert messages(doc) == [("System", "<p>Send a message to receive an echo!</p>\n")]
    input_id, _ = ids(doc)
    await net.set(input_id, "value", "Hello *there*")
    await net.wait_for(lambda c: len(messages(c)) == 3)
    assert messages(doc)[1:] == [("User", "<p>Hello <em>there</em></p>\n"),
                                 ("Echo Bot", "<p>Echoing User: Hello <em>there</em></p>\n")]
    # reset_on_send: the input is empty again.
    await net.wait_for(lambda c: c.prop(input_id, "value") == "")
    (_, face), = [(m, p["face"]) for m, p in models_of(doc, "ChatMessage")
                  if p["user"] == "Echo Bot"]
    assert face == {"text": "E"}


async def test_send_button_sends_what_is_typed(open_):
    net, doc = await open_("chat_echo")
    input_id, buttons = ids(doc)
    await net.set(input_id, "value_input", "typed")
    await net.click(buttons["Send"])
    await net.wait_for(lambda c: [u for u, _ in messages(c)] == ["System", "User", "Echo Bot"])
    await net.wait_for(lambda c: c.prop(input_id, "value_input") == "")


async def test_undo_and_clear(open_):
    net, doc = await open_("chat_echo")
    input_id, buttons = ids(doc)
    for text in ("one", "two"):
        await net.set(input_id, "value", text)
        reply = f"<p>Echoing User: {text}</p>\n"
        await net.wait_for(lambda c, reply=reply: messages(c)[-1][1] == reply)
    await net.click(buttons["Undo"])  # the last user message and its reply
    await net.wait_for(lambda c: len(messages(c)) == 3)
    assert messages(doc)[-1][1] == "<p>Echoing User: one</p>\n"
    await net.click(buttons["Clear"])
    await net.wait_for(lambda c: messages(c) == [])


def reply_ops(doc, reply_id):
    """Every op the client received for the reply's ``text``, in the order received."""
    path = f"/models/{reply_id}/props/text"
    return [op for message in doc.received if message["type"] == "patch"
            for op in message["ops"] if op["path"].startswith(path)]


async def test_a_streamed_reply_is_sent_as_appends_and_survives_a_drop(open_):
    net, doc = await open_("chat_stream")
    input_id, _ = ids(doc)
    await net.set(input_id, "value", "go")
    await net.wait_for(lambda c: len(messages(c)) == 2 and len(messages(c)[1][1]) > 30)
    (reply_id, props), = [(m, p) for m, p in models_of(doc, "ChatMessage")
                          if p["user"] == "Streamer"]
    assert props["streaming"] is True and props["html"] == ""
    assert shown_buttons(doc) == ["Stop", "Rerun", "Undo", "Clear"]
    await net.drop()
    await net.open()
    assert doc.welcomes[-1]["resumed"] is True and doc.snapshots == 1  # replayed, no snapshot
    await net.wait_for(lambda c: c.prop(reply_id, "streaming") is False, timeout=20)
    expected = "".join(w + " " for w in WORDS)
    assert messages(doc)[1] == ("Streamer", f"<p>{expected.strip()}</p>\n")
    ops = reply_ops(doc, reply_id)
    # The text arrived whole once (the reply's first value, in the op that added the
    # message), then only as appends of the new words, each once and in order, across the
    # drop. The words that came in the flush that ended the reply went out as its Markdown
    # instead (the end drops ``text``; ``html`` holds all of it, checked above).
    appends = [op["value"] for op in ops if op["op"] == "add"]
    assert all(op["path"].endswith("/text/-") for op in ops if op["op"] == "add")
    added = [op["value"]["props"]["text"] for m in doc.received if m["type"] == "patch"
             for op in m["ops"] if op["path"] == f"/models/{reply_id}"]
    streamed = "".join(added[0] + appends)
    assert expected.startswith(streamed) and streamed.endswith(" ")
    assert len(appends) >= len(WORDS) - 5 and all(a.count(" ") == 1 for a in appends)
    assert ops[-1] == {"op": "replace", "path": f"/models/{reply_id}/props/text", "value": None}
    assert shown_buttons(doc) == ["Send", "Rerun", "Undo", "Clear"]


async def test_stop_ends_the_reply_where_it_was(open_):
    net, doc = await open_("chat_stream")
    input_id, before = ids(doc)
    await net.set(input_id, "value", "go")
    await net.wait_for(lambda c: len(messages(c)) == 2 and len(messages(c)[1][1]) > 20)
    _, buttons = ids(doc)
    await net.click(buttons["Stop"])
    await net.wait_for(lambda c: c.props(models_of(c, "ChatMessage")[-1][0])["streaming"] is False)
    html = messages(doc)[-1][1]
    assert html.startswith("<p>w0 w1 ") and "w199" not in html
    await net.wait_for(lambda c: shown_buttons(c)[0] == "Send")
    assert ids(doc)[1] == before  # the same button models throughout: hidden, not replaced
    (_, feed), = models_of(doc, "ChatInterface")
    assert feed["running"] is False and feed["disabled"] is False


async def test_a_sync_generator_streams_from_the_serial_executor_and_stop_gets_through(open_):
    net, doc = await open_("chat_sync_stream")
    input_id, _ = ids(doc)
    await net.set(input_id, "value", "go")
    await net.wait_for(lambda c: len(messages(c)) == 2 and "s5 " in messages(c)[1][1])
    _, buttons = ids(doc)
    await net.click(buttons["Stop"])  # queued between two steps of the generator
    await net.wait_for(lambda c: c.props(models_of(c, "ChatMessage")[-1][0])["streaming"] is False)
    html = messages(doc)[-1][1]
    assert html.startswith("<p>s0 s1 ") and "s299" not in html


async def test_a_message_over_the_size_limit_is_refused_and_the_session_goes_on(open_):
    net, doc = await open_("chat_echo")
    input_id, _ = ids(doc)
    limit = doc.prop(input_id, "max_length")
    await net.set(input_id, "value", "x" * (limit + 1))
    await net.wait_for(lambda c: c.errors)
    assert doc.errors[0]["code"] == "invalid"
    assert f"the limit is {limit}" in doc.errors[0]["message"]
    await net.wait_for(lambda c: c.prop(input_id, "value") == "")  # the page is restored
    assert len(messages(doc)) == 1
    await net.set(input_id, "value", "still here")
    await net.wait_for(lambda c: len(messages(c)) == 3)
