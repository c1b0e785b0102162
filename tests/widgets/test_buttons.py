"""MenuButton (docsync/widgets/buttons.py): items, the click event and its checks."""

import pytest

import docsync as pn
from docsync.exceptions import Invalid

w = pn.widgets


def test_choosing_an_item_sets_clicked_and_calls_the_handlers_each_time():
    menu = w.MenuButton(name="File", items=[("Open", "open"), None, "Save"])
    seen = []
    menu.on_click(lambda event: seen.append(event.new))
    menu._handle_event("click", {"item": 0})
    menu._handle_event("click", {"item": 0})
    menu._handle_event("click", {"item": 2})
    assert seen == ["open", "open", "Save"] and menu.clicked == "Save"


@pytest.mark.parametrize("data", [{"item": 1}, {"item": 3}, {"item": True}, {}, None,
                                  {"item": None}])
def test_a_click_that_names_no_item_is_refused(data):
    menu = w.MenuButton(items=[("Open", "open"), None, "Save"])
    with pytest.raises(Invalid, match="names no item"):
        menu._handle_event("click", data)
    assert menu.clicked is None


def test_a_split_buttons_main_part_clicks_its_name():
    menu = w.MenuButton(name="Run", items=["Debug"], split=True)
    menu._handle_event("click", {"item": None})
    assert menu.clicked == "Run"


def test_bad_items_are_refused_before_they_are_set():
    with pytest.raises(ValueError, match="not a string, a"):
        w.MenuButton(items=[3])
    menu = w.MenuButton(items=["a"])
    with pytest.raises(ValueError, match="not a string, a"):
        menu.items = [("a", "b", "c")]
    assert menu.items == ["a"]
