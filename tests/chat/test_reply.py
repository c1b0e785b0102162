"""docsync/chat/reply.py: which arguments a callback gets, and each kind of callback
answering (outside a session the reply runs to its end inside ``send``)."""

import asyncio

import pytest

from docsync.chat import ChatFeed
from docsync.chat.reply import callback_args


def test_callback_args_follow_the_positional_parameters():
    feed = ChatFeed()
    assert callback_args(lambda: 0, "c", "u", feed) == ()
    assert callback_args(lambda c: 0, "c", "u", feed) == ("c",)
    assert callback_args(lambda c, u: 0, "c", "u", feed) == ("c", "u")
    assert callback_args(lambda c, u, i: 0, "c", "u", feed) == ("c", "u", feed)
    assert callback_args(lambda *a: 0, "c", "u", feed) == ("c", "u", feed)
    with pytest.raises(ValueError, match="at most 3 arguments"):
        callback_args(lambda a, b, c, d: 0, "c", "u", feed)


def replies(feed):
    return [(m.user, m.object) for m in feed]


def test_a_function():
    feed = ChatFeed(callback=lambda contents, user: f"{user} said {contents}")
    feed.send("hi")
    assert replies(feed) == [("User", "hi"), ("Assistant", "User said hi")]


def test_a_coroutine_function():
    async def answer(contents):
        await asyncio.sleep(0)
        return contents.upper()

    feed = ChatFeed(callback=answer, callback_user="Loud")
    feed.send("hi")
    assert replies(feed)[-1] == ("Loud", "HI")


def test_a_generator_streams_into_one_message():
    seen = []

    def words(contents, user, instance):
        text = ""
        for word in contents.split():
            text += word
            yield text
            seen.append(instance[-1].text.pieces())

    feed = ChatFeed(callback=words)
    feed.send("a b c")
    assert replies(feed)[-1] == ("Assistant", "abc")
    assert seen == [["a"], ["a", "b"], ["a", "b", "c"]]  # appended while it streamed
    assert feed[-1].streaming is False and feed[-1].text is None  # then done


def test_an_async_generator_streams_and_the_feed_is_idle_after():
    async def tokens(contents):
        for token in ("x", "y"):
            yield token

    feed = ChatFeed(callback=tokens)
    feed.send("go")
    # Each value replaces the contents (Panel's rule): yield the text so far to grow it.
    assert replies(feed)[-1] == ("Assistant", "y")
    assert (feed.running, feed.disabled) == (False, False)


def test_a_dict_value_names_the_user_and_none_adds_nothing():
    feed = ChatFeed(callback=lambda c: {"object": "ok", "user": "Judge"})
    feed.send("?")
    assert replies(feed)[-1] == ("Judge", "ok")
    quiet = ChatFeed(callback=lambda c: None)
    quiet.send("?")
    assert len(quiet) == 1


def test_stream_inside_a_callback_ends_with_the_reply():
    def callback(contents, user, instance):
        message = None
        for token in ("a", "b"):
            message = instance.stream(token, message=message)
            assert message.streaming

    feed = ChatFeed(callback=callback)
    feed.send("go")
    assert replies(feed)[-1] == ("User", "ab")  # Panel's default user, as no user was given
    assert feed[-1].streaming is False


def boom(contents):
    raise RuntimeError("no model")


def test_a_failing_callback_is_summarized_by_default():
    feed = ChatFeed(callback=boom)
    feed.send("?")
    assert replies(feed)[-1] == ("Exception", "The reply failed: `RuntimeError: no model`")
    assert feed.running is False


def test_a_failing_callback_verbose_ignore_raise_and_a_function():
    verbose = ChatFeed(callback=boom, callback_exception="verbose")
    verbose.send("?")
    assert "Traceback" in verbose[-1].object and "no model" in verbose[-1].object
    ignore = ChatFeed(callback=boom, callback_exception="ignore")
    ignore.send("?")
    assert len(ignore) == 1
    seen = []
    handled = ChatFeed(callback=boom, callback_exception=lambda e, i: seen.append((e, i)))
    handled.send("?")
    assert isinstance(seen[0][0], RuntimeError) and seen[0][1] is handled
    raising = ChatFeed(callback=boom, callback_exception="raise")
    with pytest.raises(RuntimeError, match="no model"):
        raising.send("?")
    assert raising.running is False
    with pytest.raises(ValueError, match="callback_exception must be one of"):
        ChatFeed(callback_exception="loud")


def test_the_placeholder_shows_while_no_value_came_then_gives_way_to_the_reply():
    seen = []

    async def slow(contents, user, instance):
        for _ in range(200):  # bounded: until the placeholder shows (after 0.02 s)
            if len(instance) == 2:
                break
            await asyncio.sleep(0.01)
        seen.append((instance[-1].object, instance[-1].show_activity_dot))
        return "done"

    feed = ChatFeed(callback=slow, placeholder_threshold=0.02, placeholder_text="Thinking…")
    feed.send("?")
    assert seen == [("Thinking…", True)]
    assert replies(feed) == [("User", "?"), ("Assistant", "done")]


async def test_in_a_running_loop_replies_are_tasks_and_each_ends_its_own():
    gates = {"a": asyncio.Event(), "b": asyncio.Event()}

    async def callback(contents):
        yield f"{contents}…"
        await gates[contents].wait()
        yield f"{contents} done"

    feed = ChatFeed(callback=callback, placeholder_threshold=0)
    feed.send("a")
    first = feed._reply_task
    feed.send("b")
    second = feed._reply_task
    by_text = lambda: {m.object: m for m in feed}  # noqa: E731
    for _ in range(100):  # bounded: until both replies began
        if {"a…", "b…"} <= set(by_text()):
            break
        await asyncio.sleep(0.01)
    gates["b"].set()
    await second
    assert by_text()["b done"].streaming is False and by_text()["a…"].streaming is True
    assert feed.running is True  # "a" still replies
    gates["a"].set()
    await first
    assert by_text()["a done"].streaming is False
    assert (feed.running, feed.disabled) == (False, False)


def test_callables_that_return_generators_or_coroutines_are_followed():
    class Bot:
        async def __call__(self, contents):
            return f"async {contents}"

    feed = ChatFeed(callback=Bot())
    feed.send("hi")
    assert replies(feed)[-1] == ("Assistant", "async hi")

    def gen(contents):
        yield from ("a", "ab")

    feed = ChatFeed(callback=lambda contents: gen(contents))
    feed.send("x")
    assert replies(feed)[-1] == ("Assistant", "ab") and feed[-1].streaming is False
