"""References in components' parameters (Panel's ``allow_refs`` on every parameter): a
widget, ``obj.param.x``, a bind or an ``rx`` given to a parameter is followed."""

import param

import docsync as ds
from docsync.testing import LocalClient


def _served(build):
    """A LocalClient of the page ``build()`` returns (a dict of its parts, ``"page"`` the
    root), connected; and those parts."""
    parts: dict = {}

    def app():
        parts.update(build())
        return parts["page"]

    client = LocalClient(app).connect()
    return client, parts


def _ids(client, type_name):
    return [mid for mid, m in client.client.doc["models"].items() if m["type"] == type_name]


def test_a_widget_given_to_a_parameter_is_followed_and_the_page_hears_of_it():
    def build():
        size = ds.widgets.IntSlider(name="size", start=1, end=50, value=20)
        other = ds.widgets.IntSlider(name="other", start=0, end=size, value=size)
        return {"size": size, "other": other, "page": ds.Column(size, other)}

    client, parts = _served(build)
    size_id, other_id = _ids(client, "IntSlider")
    assert (parts["other"].end, parts["other"].value) == (20, 20)
    client.set(size_id, "value", 35)
    assert (parts["other"].end, parts["other"].value) == (35, 35)
    assert (client.client.prop(other_id, "end"), client.client.prop(other_id, "value")) \
        == (35, 35)


def test_parameters_binds_and_rx_are_references_too_and_a_plain_value_unlinks():
    def build():
        box = ds.widgets.Checkbox(name="lock", value=True)
        word = ds.widgets.TextInput(name="word", value="hi")
        button = ds.widgets.Button(name="go", disabled=box.param.value)
        echo = ds.widgets.TextInput(name="echo", placeholder=ds.bind(str.upper, word),
                                    value=param.rx(word.param.value) + "!")
        note = ds.pane.Markdown("shown while unlocked", visible=ds.bind(lambda v: not v, box))
        return {"button": button, "echo": echo, "note": note,
                "page": ds.Column(box, word, button, echo, note)}

    client, parts = _served(build)
    box_id = _ids(client, "Checkbox")[0]
    word_id = _ids(client, "TextInput")[0]
    button, echo, note = parts["button"], parts["echo"], parts["note"]
    assert button.disabled and not note.visible
    assert (echo.placeholder, echo.value) == ("HI", "hi!")
    client.set(box_id, "value", False)
    client.set(word_id, "value", "yo")
    assert not button.disabled and note.visible
    assert (echo.placeholder, echo.value) == ("YO", "yo!")
    button_id = _ids(client, "Button")[0]
    assert client.client.prop(button_id, "disabled") is False
    client.context.execute(lambda: setattr(button, "disabled", True))  # a plain value
    client.tick()
    client.set(box_id, "value", True)
    client.set(box_id, "value", False)
    assert button.disabled  # no longer follows the checkbox


def test_a_choice_starts_at_its_references_value_and_follows_it():
    def build():
        first = ds.widgets.Select(name="first", options=["a", "b", "c"], value="b")
        second = ds.widgets.Select(name="second", options=["a", "b", "c"], value=first)
        return {"second": second, "page": ds.Column(first, second)}

    client, parts = _served(build)
    first_id, second_id = _ids(client, "Select")
    assert parts["second"].value == "b"  # not the fallback to the first option
    client.set(first_id, "value", "c")
    assert parts["second"].value == "c" and client.client.prop(second_id, "value") == "c"


def test_a_choice_whose_options_follow_another_choice():
    cities = {"Europe": ["Paris", "Rome"], "Asia": ["Tokyo", "Seoul", "Delhi"]}

    def build():
        continent = ds.widgets.Select(name="continent", options=list(cities))
        city = ds.widgets.Select(name="city", options=ds.bind(cities.get, continent))
        note = ds.pane.Markdown("x", css_classes=ds.bind(lambda c: [c.lower()], continent),
                                styles=ds.bind(lambda c: {"color": "red" if c == "Asia"
                                                          else "blue"}, continent))
        return {"city": city, "note": note, "page": ds.Column(continent, city, note)}

    client, parts = _served(build)
    continent_id, city_id = _ids(client, "Select")
    city, note = parts["city"], parts["note"]
    assert (city.options, city.value) == (["Paris", "Rome"], "Paris")
    assert (note.css_classes, note.styles) == (["europe"], {"color": "blue"})
    client.set(continent_id, "value", "Asia")
    assert (city.options, city.value) == (["Tokyo", "Seoul", "Delhi"], "Tokyo")
    assert client.client.prop(city_id, "options") == ["Tokyo", "Seoul", "Delhi"]
    assert (note.css_classes, note.styles) == (["asia"], {"color": "red"})


def test_a_value_a_constructor_rule_replaces_is_not_followed_nor_a_value_set_later():
    def build():
        word = ds.widgets.TextInput(name="word", value="z")
        choice = ds.widgets.Select(name="choice", options=["a", "b"], value=word)
        keyed = ds.widgets.TextInput(name="keyed", key="k", value=word)
        return {"choice": choice, "keyed": keyed, "page": ds.Column(word, choice, keyed)}

    client, parts = _served(build)
    word_id = _ids(client, "TextInput")[0]
    assert parts["choice"].value == "a"  # "z" is no option: the fallback
    client.set(word_id, "value", "b")
    assert parts["choice"].value == "a" and parts["keyed"].value == "b"
    client.context.store["k"] = "kept"  # the key's store sets a plain value: unlinked
    client.set(word_id, "value", "c")
    assert parts["keyed"].value == "kept"


def test_a_reference_set_after_the_constructor_is_followed():
    def build():
        size = ds.widgets.IntSlider(name="size", start=1, end=50, value=20)
        other = ds.widgets.IntSlider(name="other", start=0, end=100, value=5)
        other.end = size.param.value
        return {"other": other, "page": ds.Column(size, other)}

    client, parts = _served(build)
    size_id = _ids(client, "IntSlider")[0]
    assert parts["other"].end == 20
    client.set(size_id, "value", 40)
    assert parts["other"].end == 40


def test_parameters_that_hold_components_or_callbacks_take_no_references():
    def build():
        header = ds.widgets.TextInput(name="title", value="x")
        card = ds.Card(ds.pane.Markdown("body"), header=header)
        return {"header": header, "card": card, "page": card}

    _, parts = _served(build)
    assert parts["card"].header is parts["header"]  # shown, not read
    assert not ds.Form.param["on_submit"].allow_refs  # a bound callback is kept, not called
    assert ds.widgets.Select.param["value"].allow_refs  # a widget's value, whatever its type
    assert not ds.Column.param["objects"].allow_refs
