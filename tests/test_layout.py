"""Layouts (docsync/layout/): list behaviour, Column scrolling, WidgetBox, FlexBox, Tabs
(dynamic, closable), Card, Accordion, GridBox, Spacer, Divider."""

import pytest

import docsync as ds
from docsync.core.model import props_json, wire_params
from docsync.layout import (
    Accordion,
    Card,
    Divider,
    FlexBox,
    GridBox,
    HSpacer,
    Spacer,
    Tabs,
    VSpacer,
    WidgetBox,
)
from docsync.pane import Markdown, ParamFunction, Str
from docsync.testing import LocalClient


def test_layouts_wrap_plain_objects_like_panel():
    col = ds.Column("# title", 3, lambda: "x")
    assert [type(o).__name__ for o in col] == ["Markdown", "Str", "ParamFunction"]
    assert isinstance(col[2], ParamFunction)


def test_list_methods_assign_new_lists():
    row = ds.Row()
    seen = []
    row.param.watch(lambda e: seen.append(len(e.new)), "objects")
    row.append("a")
    row.extend(["b", "c"])
    row.insert(0, "z")
    row[1] = "q"
    row.pop()
    row.remove(row[0])
    assert seen == [1, 3, 4, 4, 3, 2] and len(row) == 2
    assert row.clear() == [] or len(row) == 0
    assert len(row) == 0


def test_indexes_slices_and_deletion_behave_like_a_list():
    col = ds.Column(*"abcde")
    _, b, c, _, e = col.objects
    assert col[-1] is e and col[1:3] == [b, c] and col[::-1][0] is e
    col[-1] = "E"
    assert col[-1] is not e and col[-1].object == "E"
    col[0:2] = ["x", "y", "z"]
    assert [o.object for o in col] == ["x", "y", "z", "c", "d", "E"]
    del col[0]
    del col[-2:]
    assert [o.object for o in col] == ["y", "z", "c"]
    with pytest.raises(IndexError):
        del col[10]
    with pytest.raises(IndexError):
        col.pop(10)


def test_membership_index_remove_and_reverse_use_identity():
    one, two = Str("same"), Str("same")
    col = ds.Column(one)
    assert one in col and two not in col and "same" not in col
    assert col.index(one) == 0
    with pytest.raises(ValueError, match="not in this Column"):
        col.index(two)
    with pytest.raises(ValueError, match="not in this Column"):
        col.remove(two)
    col.append(two)
    col.reverse()
    assert col.objects == [two, one]
    assert col.clear() == [two, one] and len(col) == 0


def test_plus_makes_a_new_layout_and_plus_equals_extends():
    col = ds.Column("a", width=300, css_classes=["x"])
    row = ds.Row("b")
    both = col + row
    assert type(both) is ds.Column and both is not col and both.width == 300
    assert [o.object for o in both] == ["a", "b"] and len(col) == 1
    both.css_classes.append("y")
    assert col.css_classes == ["x"]  # the clone's lists are its own
    assert [o.object for o in col + ["c"]] == ["a", "c"]  # noqa: RUF005
    assert [o.object for o in ["z"] + col] == ["z", "a"]  # noqa: RUF005
    assert type(["z"] + row) is ds.Row  # noqa: RUF005
    col += ["d", "e"]
    assert [o.object for o in col] == ["a", "d", "e"]
    with pytest.raises(TypeError):
        col + 3


def test_clone_keeps_parameters_and_takes_new_objects():
    tabs = Tabs(("One", "1"), ("Two", "2"), dynamic=True, closable=True, active=1)
    copy = tabs.clone()
    assert copy.titles == ["One", "Two"] and copy.dynamic and copy.closable and copy.active == 1
    assert copy.objects == tabs.objects
    other = tabs.clone(("Three", "3"), active=0)
    assert other.titles == ["Three"] and other.active == 0
    assert (tabs + ds.Column("c")).titles == ["One", "Two", "Markdown"]
    assert [type(o).__name__ for o in ds.Column() + tabs] == ["Markdown", "Markdown"]
    with pytest.raises(ValueError, match="not both"):
        tabs.clone("x", objects=["y"])
    card = Card("body", header="## Head", styles={"color": "red"})
    twin = card.clone(title="Twin")
    assert twin.header is card.header and twin.title == "Twin"
    assert twin.styles == card.styles and twin.styles is not card.styles


def test_select_finds_models_below_by_type_or_predicate():
    slider = ds.widgets.IntSlider(name="n")
    hidden = ds.widgets.TextInput(name="t")
    root = ds.Column("# x", Tabs(("A", slider), ("B", ds.Row(hidden)), dynamic=True),
                     Card("body", header="## head"))
    assert root.select(ds.widgets.IntSlider) == [slider]
    assert hidden in root.select(lambda m: getattr(m, "name", "") == "t")
    assert len(root.select(Markdown)) == 3 and root.select()[0] is root


def test_objects_assigned_are_wrapped_like_panel():
    col = ds.Column()
    col.objects = ["# a title", 3]
    assert [type(o).__name__ for o in col] == ["Markdown", "Str"]
    with pytest.raises(ValueError, match="not both"):
        ds.Column("a", objects=["b"])


def test_every_layout_is_exported_like_panel():
    assert (ds.Tabs, ds.Card, ds.GridBox, ds.Spacer, ds.HSpacer, ds.VSpacer, ds.Divider,
            ds.FlexBox, ds.WidgetBox, ds.Accordion) == (
        Tabs, Card, GridBox, Spacer, HSpacer, VSpacer, Divider, FlexBox, WidgetBox, Accordion)
    assert "scroll" in wire_params(ds.Column) and ds.Row(scroll=True).scroll


# -- scrolling, WidgetBox, FlexBox ---------------------------------------------------------


@pytest.mark.parametrize("value", [False, True, "both-auto", "y-auto", "x-auto", "both", "x", "y"])
def test_scroll_takes_panels_values(value):
    assert ds.Row(scroll=value).scroll == value


def test_scroll_refuses_other_values():
    with pytest.raises(ValueError):
        ds.Column(scroll="sideways")


@pytest.mark.parametrize("option", [{"auto_scroll_limit": 100}, {"scroll_button_threshold": 20},
                                    {"view_latest": True}, {"scroll_position": 40}])
def test_column_scroll_options_turn_scroll_on(option):
    assert ds.Column(**option).scroll is True
    col = ds.Column()
    assert col.scroll is False
    col.param.update(**{k: v for k, v in option.items() if k != "scroll_position"})
    assert col.scroll is True or "scroll_position" in option
    assert ds.Column(scroll="y", **option).scroll == "y"
    col = ds.Column()
    for name, value in option.items():
        setattr(col, name, value)
    assert col.scroll is True or "scroll_position" in option


def test_the_browser_reports_a_columns_scroll_position():
    c = LocalClient(lambda: ds.Column(*map(str, range(50)), height=100, scroll=True)).connect()
    col_id = c.client.find("Column")
    c.set(col_id, "scroll_position", 340)
    assert c.document.get_model(col_id).scroll_position == 340 and c.client.errors == []
    c.set(col_id, "scroll_position", -5)
    assert c.client.errors[-1]["code"] == "invalid"
    assert c.document.get_model(col_id).scroll_position == 340
    c.set(col_id, "auto_scroll_limit", 5)
    assert c.client.errors[-1]["code"] == "forbidden"


def test_widgetbox_disables_its_widgets_nested_and_added_later():
    inner = ds.widgets.TextInput()
    box = WidgetBox(ds.widgets.IntSlider(), ds.Row(inner), disabled=True)
    assert all(w.disabled for w in box.select(ds.widgets.Widget))
    late = ds.widgets.Checkbox()
    box.append(late)
    assert late.disabled
    box.disabled = False
    assert not any(w.disabled for w in box.select(ds.widgets.Widget))
    apart = ds.widgets.Select(disabled=True)
    box.append(apart)
    assert apart.disabled  # a box that is not disabled leaves its children's own setting


def test_flexbox_options_and_default_sizing():
    box = FlexBox("a", "b", flex_direction="column", justify_content="space-between", gap="1em")
    assert box.sizing_mode == "stretch_height" and FlexBox().sizing_mode == "stretch_width"
    assert FlexBox(sizing_mode="fixed").sizing_mode == "fixed"
    props = props_json(box, lambda m: "m")
    assert props["flex_direction"] == "column" and props["gap"] == "1em"
    assert props["children"] == [{"ref": "m"}] * 2
    for gap in ("8px 16px", "0", "2.5rem", ""):
        box.gap = gap
    with pytest.raises(ValueError, match="CSS lengths"):
        box.gap = "1em; color: red"
    with pytest.raises(ValueError):
        FlexBox(flex_wrap="sometimes")


# -- Tabs ----------------------------------------------------------------------------------


def test_tab_titles_come_from_tuples_or_names():
    tabs = Tabs(("First", "# one"), Markdown("two", name="Second"), Str("three"))
    assert tabs.titles == ["First", "Second", "Str"]  # param's "Str00012" reads as "Str"
    assert props_json(tabs, lambda m: "m")["titles"] == ["First", "Second", "Str"]
    tabs.append(("Fourth", "four"))
    tabs[0] = ("Renamed", tabs[0])
    tabs.insert(1, ("Inserted", "x"))
    assert tabs.titles == ["Renamed", "Inserted", "Second", "Str", "Fourth"]
    tabs.remove(tabs[1])
    assert tabs.titles == ["Renamed", "Second", "Str", "Fourth"]


def test_active_always_names_a_tab():
    tabs = Tabs("a", "b", "c", active=2)
    tabs.pop()
    assert tabs.active == 1
    tabs.active = 7
    assert tabs.active == 1
    tabs.clear()
    assert tabs.active == 0
    with pytest.raises(ValueError):
        tabs.active = -1


def tabs_session():
    c = LocalClient(lambda: ds.Column(Tabs(("A", "# a"), ("B", "# b"), ("C", "# c")))).connect()
    return c, c.client.find("Tabs")


def test_the_browser_picks_a_tab():
    c, tabs_id = tabs_session()
    assert c.client.prop(tabs_id, "titles") == ["A", "B", "C"]
    c.set(tabs_id, "active", 2)
    assert c.document.get_model(tabs_id).active == 2 and c.client.errors == []


def test_a_dynamic_tabs_sends_only_the_shown_tab():
    app = lambda: Tabs(("A", "# alpha"), ("B", Markdown("# beta")),  # noqa: E731
                       ("C", ds.Column("# gamma", "more")), dynamic=True)
    c = LocalClient(app).connect()
    tabs_id = c.client.find("Tabs")

    def sent() -> list[str]:
        return sorted(m["props"]["object"] for m in c.client.doc["models"].values()
                      if m["type"] == "Markdown")

    children = c.client.prop(tabs_id, "children")
    assert children[1:] == [None, None] and sent() == ["# alpha"]
    c.set(tabs_id, "active", 2)
    assert sent() == ["# gamma", "more"] and c.client.prop(tabs_id, "children")[:2] == [None, None]
    # Tabs, Column, 2 panes, and the page's Location (as on a server).
    assert len(c.client.doc["models"]) == len(c.document.models) == 5
    c.document.get_model(tabs_id).dynamic = False
    c.tick()
    assert sent() == ["# alpha", "# beta", "# gamma", "more"]


def test_a_closable_tab_is_closed_by_the_page():
    c = LocalClient(lambda: Tabs(("A", "a"), ("B", "b"), ("C", "c"), closable=True,
                                 active=2)).connect()
    tabs_id = c.client.find("Tabs")
    tabs = c.document.get_model(tabs_id)
    seen = []
    tabs.param.watch(lambda e: seen.append(len(e.new)), "objects")
    c._send(c.client.event(tabs_id, "close", {"index": 0, "title": "A"}))
    assert tabs.titles == ["B", "C"] and tabs.active == 1 and seen == [2]
    assert c.client.prop(tabs_id, "titles") == ["B", "C"] and c.client.errors == []
    for bad in ({"index": 0, "title": "A"}, {"index": 5, "title": "B"}, {"index": True,
                "title": "B"}, {"index": "0", "title": "B"}, [0], None):
        c._send(c.client.event(tabs_id, "close", bad))
        assert c.client.errors[-1]["code"] == "invalid", bad
    assert tabs.titles == ["B", "C"]
    tabs.closable = False
    c._send(c.client.event(tabs_id, "close", {"index": 0, "title": "B"}))
    assert "not closable" in c.client.errors[-1]["message"] and len(tabs) == 2


@pytest.mark.parametrize("value", [3, -1, 1.0, True, "1", None])
def test_a_bad_active_index_is_refused_and_restored(value):
    c, tabs_id = tabs_session()
    c.set(tabs_id, "active", 1)
    c.set(tabs_id, "active", value)
    [error] = c.client.errors
    assert error["code"] == "invalid"
    assert c.client.prop(tabs_id, "active") == 1 and c.document.get_model(tabs_id).active == 1
    c.set(tabs_id, "active", 0)  # the session goes on
    assert c.document.get_model(tabs_id).active == 0


# -- Card, GridBox, Spacer, Divider --------------------------------------------------------


def test_card_header_is_a_component_and_collapsed_is_client_writable():
    card = Card("body", title="Details", header="## Custom")
    assert isinstance(card.header, Markdown) and card.title == "Details"
    c = LocalClient(lambda: Card("body", title="Details", collapsed=False)).connect()
    card_id = c.client.find("Card")
    props = c.client.props(card_id)
    assert props["title"] == "Details" and props["collapsible"] is True
    c.set(card_id, "collapsed", True)
    assert c.document.get_model(card_id).collapsed is True
    c.set(card_id, "title", "hacked")
    [error] = c.client.errors
    assert error["code"] == "forbidden" and c.client.prop(card_id, "title") == "Details"
    c.set(card_id, "collapsed", "yes")
    assert c.client.errors[-1]["code"] == "invalid"
    assert c.client.prop(card_id, "collapsed") is True


def test_card_header_model_is_in_the_document():
    c = LocalClient(lambda: Card("body", header=Markdown("**Head**"))).connect()
    card = c.client.props(c.client.find("Card"))
    head = c.client.find("Markdown", object="**Head**")
    assert card["header"] == {"ref": head}


def test_accordion_opens_sections_from_the_page():
    acc = Accordion(("One", "1"), ("Two", "2"), ("Three", "3"), active=[2])
    c = LocalClient(lambda: acc).connect()
    acc_id = c.client.find("Accordion")
    assert c.client.prop(acc_id, "titles") == ["One", "Two", "Three"]
    c.set(acc_id, "active", [2, 0])
    assert acc.active == [2, 0] and c.client.errors == []
    for bad in ([3], [0, 0], [True], "0", None):
        c.set(acc_id, "active", bad)
        assert c.client.errors[-1]["code"] == "invalid", bad
    assert acc.active == [2, 0]
    acc.toggle = True
    assert acc.active == [0]
    c.set(acc_id, "active", [0, 1])
    assert "one section at a time" in c.client.errors[-1]["message"]
    acc.toggle = False
    acc.active = [0, 2]
    acc.pop(0)
    assert acc.active == [1] and acc.titles == ["Two", "Three"]
    acc.insert(0, ("Zero", "0"))
    assert acc.active == [2]


def test_gridbox_sizes():
    grid = GridBox(*"abcdef", ncols=3)
    assert len(grid) == 6 and props_json(grid, lambda m: "m")["ncols"] == 3
    with pytest.raises(ValueError):
        GridBox(ncols=0)


def test_spacers_and_divider_stretch_by_default():
    assert Spacer(width=20).sizing_mode is None
    assert HSpacer().sizing_mode == "stretch_width"
    assert VSpacer().sizing_mode == "stretch_height"
    assert Divider().sizing_mode == "stretch_width"
    assert set(wire_params(Divider)) == set(wire_params(Spacer))
