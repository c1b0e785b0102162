"""Switch, StaticText and NumberInput (docsync/widgets/inputs.py)."""

import docsync as pn
from docsync.core.model import props_json

w = pn.widgets


def test_a_switch_is_a_checkbox_and_static_text_shows_its_value_read_only():
    assert w.Switch(value=True).value is True
    text = w.StaticText(name="Model", value=3.5)
    assert props_json(text, str)["text"] == "3.5" and "value" not in props_json(text, str)
    assert w.StaticText._client_writable == frozenset()
    text.value = None
    assert props_json(text, str)["text"] == ""


def test_number_input_and_spinner_choose_by_the_numbers_given():
    assert type(w.NumberInput(value=2, step=1)).__name__ == "IntInput"
    assert type(w.Spinner(value=2, step=0.5)).__name__ == "FloatInput"
    assert type(w.Spinner()).__name__ == "IntInput"


def test_value_throttled_starts_as_the_value_and_is_given_to_the_constructor():
    assert w.TextInput(value="a").value_throttled == "a"
    assert w.TextInput().value_throttled == ""
    assert w.TextInput(value="a", value_throttled="b").value_throttled == "b"
    # Set with the other values, not after them: param gives an instance its own copy of
    # a parameter first set after its constructor (memory every open session would hold).
    text = w.TextInput(value="a")
    assert text.param.objects("existing")["value_throttled"] is \
        w.TextInput.param["value_throttled"]
