"""Choices (docsync/widgets/choices.py): Panel's rules for the values app code sets,
Select's groups, disabled options and size, and the strict check of browser values."""

import pytest

import docsync as pn
from docsync.core.client_values import check_client_value
from docsync.exceptions import Invalid

w = pn.widgets


def test_a_value_that_is_no_option_becomes_the_first_option():
    select = w.Select(options=["a", "b"], value="zz")
    assert select.value == "a"
    select.value = "b"
    select.value = "nope"
    assert select.value == "a"
    select.options = ["x", "y"]  # the value left the options
    assert select.value == "x"
    select.options = []
    assert select.value is None
    radio = w.RadioButtonGroup(options={"One": 1, "Two": 2}, value=2)
    radio.options = {"Three": 3}
    assert radio.value == 3


def test_the_first_value_is_the_first_enabled_option():
    select = w.Select(options=["a", "b", "c"], disabled_options=["a"])
    assert select.value == "b"
    select.options = ["a", "c"]  # "b" is gone; "a" is still disabled
    assert select.value == "c"


def test_groups_give_the_values_and_labels():
    select = w.Select(groups={"Citrus": {"Orange!": "orange"}, "Berry": {"Fig": "fig"}})
    assert (select.values, select.labels, select.value) == (["orange", "fig"],
                                                            ["Orange!", "Fig"], "orange")
    assert check_client_value(select, "value", "fig") == "fig"
    listed = w.Select(groups={"A": [1, 2], "B": [3]}, value=3)
    assert (listed.values, listed.labels, listed.value) == ([1, 2, 3], ["1", "2", "3"], 3)


@pytest.mark.parametrize("kwargs, words", [
    (dict(options=["a"], groups={"g": ["b"]}), "options and groups cannot both be given"),
    (dict(groups={"g": ["b"]}, size=3), "groups need size=1"),
    (dict(groups={"g": ["b"], "h": {"C": "c"}}), "all be lists of values or all"),
    (dict(options=["a", "b"], disabled_options=["c"]), "disabled_options ['c'] are not"),
    (dict(options=["a", "b"], disabled_options=["a", "b"]), "every option is disabled"),
    (dict(options=["a", "b"], value="a", disabled_options=["a"]), "'a' is a disabled option"),
])
def test_select_rules_raise_value_errors_that_say_what_to_fix(kwargs, words):
    with pytest.raises(ValueError, match=words.replace("[", r"\[").replace("]", r"\]")):
        w.Select(**kwargs)


def test_a_refused_change_changes_nothing():
    select = w.Select(options=["a", "b", "c"], disabled_options=["c"])
    with pytest.raises(ValueError, match=r"'c' is a disabled option"):
        select.value = "c"
    with pytest.raises(ValueError, match=r"disabled_options \['zz'\] are not among"):
        select.disabled_options = ["zz"]
    with pytest.raises(ValueError, match=r"not among the options"):
        select.options = ["a", "b"]  # "c" is still disabled
    with pytest.raises(ValueError, match=r"every option is disabled"):
        select.param.update(options=["c"])
    assert (select.value, select.disabled_options, select.options) == ("a", ["c"],
                                                                       ["a", "b", "c"])
    grouped = w.Select(groups={"g": ["a"]})
    with pytest.raises(ValueError, match=r"groups need size=1"):
        grouped.size = 2
    assert grouped.size == 1


def test_several_parameters_change_together_in_any_order():
    select = w.Select(options=["a", "b", "c"], disabled_options=["c"])
    select.param.update(options=["x", "y"], disabled_options=["x"])
    assert (select.value, select.disabled_options) == ("y", ["x"])
    select.param.update(disabled_options=["p"], options=["p", "q"])
    assert select.value == "q"
    select.param.update(groups={"G": ["m", "n"]}, options=[], disabled_options=[])
    assert (select.values, select.value) == (["m", "n"], "m")


def test_a_value_that_a_change_disables_falls_back():
    select = w.Select(options=["a", "b"], value="a")
    select.disabled_options = ["a"]  # Panel raises here; docsync moves on
    assert select.value == "b"


def test_the_browser_may_not_choose_a_disabled_option_or_a_lookalike():
    select = w.Select(name="field", options=["a", "b", 2], disabled_options=["b"])
    with pytest.raises(Invalid, match=r"'field': 'b' is a disabled option"):
        check_client_value(select, "value", "b")
    with pytest.raises(Invalid, match=r"not one of the options"):
        check_client_value(select, "value", 2.0)
    assert check_client_value(select, "value", 2) == 2


def test_select_sends_groups_disabled_options_and_size():
    from docsync.core.model import props_json

    props = props_json(w.Select(groups={"g": ["a", "b"]}, disabled_options=["b"]),
                       lambda m: "m0")
    assert (props["groups"], props["disabled_options"], props["size"], props["options"]) == (
        {"g": ["a", "b"]}, ["b"], 1, [])
    assert w.Select(options=["a"], size=4).size == 4
    assert "groups" not in w.RadioButtonGroup.param


def test_a_multiple_choice_drops_what_new_options_remove():
    multi = w.MultiSelect(options=["a", "b", "c"], value=["a", "c"])
    multi.options = ["c", "d"]
    assert multi.value == ["c"]
    group = w.CheckboxGroup(options=[1, 2], value=[1, 5])  # the app may set any, as in Panel
    assert group.value == [1, 5]


def test_toggle_group_makes_the_group_its_arguments_name():
    made = {(t, b): type(w.ToggleGroup(widget_type=t, behavior=b, options=["a", "b"])).__name__
            for t in ("button", "box") for b in ("check", "radio")}
    assert made == {("button", "check"): "CheckButtonGroup", ("box", "check"): "CheckboxGroup",
                    ("button", "radio"): "RadioButtonGroup", ("box", "radio"): "RadioBoxGroup"}
    with pytest.raises(ValueError, match="holds one value"):
        w.ToggleGroup(behavior="radio", options=["a"], value=["a"])
    with pytest.raises(ValueError, match="widget_type must be"):
        w.ToggleGroup(widget_type="slider")


def test_check_button_and_radio_box_groups_check_the_browsers_choice():
    buttons = w.CheckButtonGroup(options=["x", "y"], orientation="vertical")
    assert check_client_value(buttons, "value", ["y"]) == ["y"]
    with pytest.raises(Invalid, match="chosen twice"):
        check_client_value(buttons, "value", ["y", "y"])
    radios = w.RadioBoxGroup(options={"One": 1, "Two": 2}, inline=True)
    assert radios.value == 1
    with pytest.raises(Invalid, match="not one of the options"):
        check_client_value(radios, "value", 3)


def test_the_first_value_is_given_to_the_constructor_not_set_after_it():
    # param gives an instance its own copy of a parameter first set after its constructor.
    for select in (pn.widgets.Select(options=["x", "y"]),
                   pn.widgets.Select(options=["x", "y"], disabled_options=["x"]),
                   pn.widgets.RadioButtonGroup(options={"X": 1, "Y": 2}, value=3)):
        assert select.param.objects("existing")["value"] is type(select).param["value"]
    assert pn.widgets.Select(options=["x", "y"], disabled_options=["x"]).value == "y"
    assert pn.widgets.RadioButtonGroup(options={"X": 1, "Y": 2}, value=3).value == 1
    assert pn.widgets.Select(groups={"a": ["p", "q"]}).value == "p"
