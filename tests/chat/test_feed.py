"""docsync/chat/feed.py: messages in, messages out, without a callback."""

import pytest

from docsync.chat import ChatFeed, ChatMessage
from docsync.core.document import Document


def test_objects_become_messages_and_are_sent_as_refs():
    feed = ChatFeed("hello", {"object": "hi", "user": "Bo"}, ChatMessage("yo", user="Cy"))
    assert [(m.user, m.object) for m in feed] == [("User", "hello"), ("Bo", "hi"), ("Cy", "yo")]
    snap = Document([feed]).snapshot(1)
    assert snap["models"]["m1"]["props"]["children"] == [{"ref": f"m{i}"} for i in (2, 3, 4)]


def test_send_without_respond_and_message_params():
    feed = ChatFeed(message_params={"show_timestamp": False})
    message = feed.send("hi", user="Ann", avatar="🐱", respond=False)
    assert (message.user, message.avatar, message.show_timestamp) == ("Ann", "🐱", False)
    with pytest.raises(ValueError, match="under 'object'"):
        feed.send({"text": "x"})
    with pytest.raises(ValueError, match="on the ChatMessage itself"):
        feed.send(ChatMessage("x"), user="Bo")


def test_help_text_is_the_first_message():
    feed = ChatFeed(help_text="Ask me anything")
    assert [(m.user, m.object) for m in feed] == [("Help", "Ask me anything")]


def test_post_hook_hears_each_sent_message():
    seen = []
    feed = ChatFeed(post_hook=lambda message, instance: seen.append(message.object),
                    callback=lambda c: "re: " + c)
    feed.send("a")
    feed.send("b", trigger_post_hook=False, respond=False)
    assert seen == ["a", "re: a"]


def test_stream_outside_a_callback_grows_one_message():
    feed = ChatFeed()
    message = feed.stream("Hel", user="Bot")
    assert feed.stream("lo", message=message) is message
    assert (message.object, message.user, message.streaming) == ("Hello", "Bot", True)
    feed.stream("Bye", message=message, replace=True)
    assert message.object == "Bye" and len(feed) == 1
    assert message._derived("html", str) == ""  # plain text while it streams
    message.streaming = False  # the app ends a stream it drives itself
    assert message._derived("html", str) == "<p>Bye</p>\n" and message.text is None


def test_undo_and_clear_return_what_they_removed():
    feed = ChatFeed("a", "b", "c")
    assert [m.object for m in feed.undo(2)] == ["b", "c"]
    assert feed.undo(0) == [] and len(feed) == 1
    assert [m.object for m in feed.clear()] == ["a"] and len(feed) == 0


def test_stop_without_a_running_reply_is_false():
    assert ChatFeed().stop() is False


def test_unknown_options_are_refused():
    with pytest.raises(TypeError, match="ChatFeed has no option 'adaptive'"):
        ChatFeed(adaptive=True)


def test_panel_methods_docsync_lacks_say_so_and_trigger_post_hook_works():
    with pytest.raises(AttributeError, match=r"ChatFeed.serialize is Panel's.*Coming from Panel"):
        ChatFeed().serialize()
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        ChatFeed().nope  # noqa: B018
    seen = []
    feed = ChatFeed("a", post_hook=lambda m, i: seen.append(m.object))
    feed.trigger_post_hook()
    assert seen == ["a"]
