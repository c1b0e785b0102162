"""docsync/chat/message.py: contents, streaming as appends, avatars, times, Panel's methods."""

import datetime

import pytest

import docsync as ds
from docsync.chat import ChatMessage
from docsync.core.chunks import Chunks
from docsync.core.document import Document


def test_text_is_markdown_rendered_on_the_server():
    message = ChatMessage("Hi **there**", user="Ann")
    props = Document([message]).snapshot(1)["models"]["m1"]["props"]
    assert props["html"] == "<p>Hi <strong>there</strong></p>\n"
    assert props["text"] is None and props["content"] is None and props["user"] == "Ann"
    assert "object" not in props and "avatar" not in props


def test_other_objects_are_shown_by_their_pane():
    message = ChatMessage({"a": 1})
    assert isinstance(message.content, ds.pane.JSON)
    slider = ds.widgets.IntSlider()
    message.object = slider
    assert message.content is slider
    message.object = "back to text"
    assert message.content is None


def test_streaming_text_is_sent_as_appends_and_rendered_once_done():
    message = ChatMessage("", streaming=True)
    doc = Document([message])
    assert doc.snapshot(1)["models"]["m1"]["props"]["text"] == []
    for seq, word in enumerate(["Hel", "lo", " *you*"], start=2):
        message.stream(word)
        ops = doc.take_ops(seq)
        assert ops == [{"op": "add", "path": "/models/m1/props/text/-", "value": word}]
    assert message.object == "Hello *you*"
    message.streaming = False
    ops = {op["path"].rsplit("/", 1)[1]: op for op in doc.take_ops(9)}
    assert ops["text"]["value"] is None and ops["streaming"]["value"] is False
    assert ops["html"]["value"] == "<p>Hello <em>you</em></p>\n"


def test_a_new_object_that_extends_the_old_is_an_append_and_one_that_does_not_is_a_replace():
    message = ChatMessage("ab", streaming=True)
    doc = Document([message])
    doc.snapshot(1)
    message.object = "abcd"  # a generator yielding the text so far, as in Panel's how-tos
    assert doc.take_ops(2) == [{"op": "add", "path": "/models/m1/props/text/-", "value": "cd"}]
    message.object = "xyz"
    assert doc.take_ops(3) == [{"op": "replace", "path": "/models/m1/props/text",
                                "value": ["xyz"]}]
    assert message.text == Chunks(["xyz"])


def test_stream_with_replace_and_non_text_tokens():
    message = ChatMessage("old")
    message.stream("new", replace=True)
    assert message.object == "new" and message.streaming
    with pytest.raises(TypeError, match="takes text"):
        message.stream(3)


def test_update_takes_a_value_a_dict_or_a_message():
    message = ChatMessage("a")
    message.update("b", user="Bo", avatar="🐻")
    assert (message.object, message.user, message.avatar) == ("b", "Bo", "🐻")
    message.update({"value": "c"})
    assert message.object == "c"
    message.update(ChatMessage("d", user="Di"))
    assert (message.object, message.user) == ("d", "Di")
    with pytest.raises(ValueError, match="not both"):
        message.update({"value": 1, "object": 2})
    with pytest.raises(ValueError, match="on the ChatMessage itself"):
        message.update(ChatMessage("e"), user="x")


def test_the_avatar_shown():
    assert ChatMessage(user="Assistant")._face() == {"text": "🤖"}
    assert ChatMessage(user="zoe")._face() == {"text": "Z"}
    assert ChatMessage(user="zoe", avatar="🦓")._face() == {"text": "🦓"}
    assert ChatMessage(user="zoe", avatar_lookup=lambda u: u.upper())._face() == {"text": "ZOE"}
    assert ChatMessage(avatar="https://x.org/a.png")._face() == {"image": "https://x.org/a.png"}
    assert ChatMessage(avatar="/static/me.svg")._face() == {"image": "/static/me.svg"}
    # An unsafe URL is never an image source: shown as text.
    assert ChatMessage(avatar="javascript:alert(1)//.png")._face() == {
        "text": "javascript:alert(1)//.png"}


def test_the_time_shown():
    when = datetime.datetime(2026, 1, 2, 15, 4)
    message = ChatMessage("x", timestamp=when, timestamp_format="%d/%m %H:%M")
    assert Document([message]).snapshot(1)["models"]["m1"]["props"]["time"] == "02/01 15:04"
    assert ChatMessage(timestamp_tz="Asia/Tokyo").timestamp.tzinfo.key == "Asia/Tokyo"


def test_unknown_options_name_where_the_differences_are_listed():
    with pytest.raises(TypeError, match=r"no option 'reactions'.*Coming from Panel"):
        ChatMessage("x", reactions=["like"])
