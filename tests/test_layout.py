"""Layouts (docsync/layout.py): list behaviour, Tabs, Card, GridBox, Spacer, Divider."""

import pytest

import docsync as ds
from docsync.core.model import props_json, wire_params
from docsync.layout import Card, Divider, GridBox, HSpacer, Spacer, Tabs, VSpacer
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
    row.clear()
    assert len(row) == 0


def test_objects_must_be_models():
    with pytest.raises(TypeError):
        ds.Column().objects = ["not a model"]


def test_every_layout_is_exported_like_panel():
    assert (ds.Tabs, ds.Card, ds.GridBox, ds.Spacer, ds.HSpacer, ds.VSpacer, ds.Divider) == (
        Tabs, Card, GridBox, Spacer, HSpacer, VSpacer, Divider)
    assert "scroll" in wire_params(ds.Column) and ds.Row(scroll=True).scroll


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
