"""``Model.link`` / ``jslink`` (Panel's): parameter links and callbacks, both ways."""

from __future__ import annotations

import pytest

from docsync.core.link import link
from docsync.pane import Markdown
from docsync.widgets import IntSlider, TextInput


def test_a_link_copies_each_change_not_the_current_value():
    text, md = TextInput(value="a"), Markdown("start")
    text.link(md, value="object")
    assert md.object == "start"
    text.value = "hello"
    assert md.object == "hello"


def test_a_bidirectional_link_flows_back_without_ping_pong():
    a, b = IntSlider(start=0, end=10), IntSlider(start=0, end=10)
    seen: list[int] = []
    b.param.watch(lambda e: seen.append(e.new), "value")
    a.link(b, value="value", bidirectional=True)
    a.value = 3
    b.value = 7
    assert (a.value, b.value) == (7, 7)
    assert seen == [3, 7]


def test_callbacks_get_the_target_and_the_event():
    text, md = TextInput(), Markdown("")
    text.link(md, callbacks={"value": lambda target, event: setattr(
        target, "object", event.new.upper())})
    text.value = "shout"
    assert md.object == "SHOUT"


def test_unwatching_the_returned_watcher_ends_the_link():
    text, md = TextInput(), Markdown("")
    watcher = text.link(md, value="object")
    text.param.unwatch(watcher)
    text.value = "ignored"
    assert md.object == ""


def test_jslink_links_on_the_server_and_refuses_javascript():
    text, md = TextInput(), Markdown("")
    text.jslink(md, value="object")
    text.value = "x"
    assert md.object == "x"
    with pytest.raises(ValueError, match="runs no JavaScript"):
        text.jslink(md, code={"value": "target.text = source.value"})


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"links": {}}, "one of the two"),
    ({"links": {"value": "object"}, "callbacks": {"value": print}}, "one of the two"),
    ({"links": {}, "callbacks": {"value": print}, "bidirectional": True}, "bidirectional"),
    ({"links": {"nope": "object"}}, "no parameter 'nope'"),
    ({"links": {"value": "nope"}}, "no parameter 'nope'"),
])
def test_bad_links_say_what_is_wrong(kwargs, message):
    with pytest.raises(ValueError, match=message):
        link(TextInput(), Markdown(""), **kwargs)
