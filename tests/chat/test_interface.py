"""docsync/chat/interface.py and input.py: sending from the input, the buttons."""

import pytest

import docsync as ds
from docsync.chat import ChatAreaInput, ChatInterface
from docsync.exceptions import Invalid


def echo(contents):
    return f"echo {contents}"


def names(chat):
    return [b.name for b in chat.buttons if b.visible]


def test_enter_in_the_input_sends_and_empties_it():
    chat = ChatInterface(callback=echo, user="Ann", avatar="🐱")
    area = chat.active_widget
    assert isinstance(area, ChatAreaInput) and chat.input_area is area
    area.param.update(value_input="hi", value="hi")
    assert [(m.user, m.object) for m in chat] == [("Ann", "hi"), ("Assistant", "echo hi")]
    assert chat[0].avatar == "🐱" and (area.value, area.value_input) == ("", "")


def test_send_button_sends_the_typed_text_and_ignores_empty_input():
    chat = ChatInterface(callback=echo, reset_on_send=False)
    chat._buttons["send"].clicks += 1
    assert len(chat) == 0
    chat.active_widget.value_input = "typed"
    chat._buttons["send"].clicks += 1
    assert [m.object for m in chat] == ["typed", "echo typed"]
    assert chat.active_widget.value_input == "typed"


def test_buttons_follow_the_show_options_and_the_reply_state():
    chat = ChatInterface(show_rerun=False)
    assert names(chat) == ["Send", "Undo", "Clear"]
    chat.running = True
    assert names(chat) == ["Stop", "Undo", "Clear"]
    chat.show_clear = False
    assert names(chat) == ["Stop", "Undo"]
    chat.param.update(running=False, disabled=True)
    assert chat.active_widget.disabled


def test_undo_removes_the_last_user_message_and_its_replies_and_rerun_answers_again():
    answers = iter(["first", "second"])
    chat = ChatInterface(callback=lambda c: next(answers))
    chat.send("q")
    assert [m.object for m in chat] == ["q", "first"]
    chat._buttons["rerun"].clicks += 1
    assert [m.object for m in chat] == ["q", "second"]
    chat._buttons["undo"].clicks += 1
    assert len(chat) == 0


def test_other_widgets_and_several_as_tabs():
    text = ds.widgets.TextInput(name="Text")
    chat = ChatInterface(widgets=text, callback=echo)
    text.value = "plain"  # typing sends nothing
    assert len(chat) == 0
    chat._buttons["send"].clicks += 1
    assert [m.object for m in chat] == ["plain", "echo plain"] and text.value == ""
    text.param.update(value="entered", value_throttled="entered")  # Enter in the field
    assert [m.object for m in chat][-2:] == ["entered", "echo entered"]
    assert (text.value, text.value_throttled) == ("", "")
    many = ChatInterface(widgets=[ChatAreaInput(name="Chat"), ds.widgets.TextInput(name="T")])
    assert isinstance(many.input_area, ds.Tabs) and many.active == 0
    many.active = 1
    assert many.active_widget.name == "T"
    with pytest.raises(TypeError, match="a widget or a list of widgets"):
        ChatInterface(widgets=["not a widget"])


def test_the_input_refuses_text_over_its_limit():
    area = ChatAreaInput(max_length=5)
    assert area._coerce_client_value("value", "12345") == "12345"
    with pytest.raises(Invalid, match="6 characters long; the limit is 5"):
        area._coerce_client_value("value", "123456")
    with pytest.raises(Invalid, match="not a string"):
        area._coerce_client_value("value_input", 3)
