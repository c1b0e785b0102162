"""Panel's layouts as a Panel user writes them (apps ``layout_*.py``): the list API driven
by buttons, dynamic and closable Tabs, a FlexBox of Cards, a scrolling chat log, a
GridSpec, an Accordion holding a WidgetBox. Served by a real ``docsync serve`` and
driven over a real WebSocket."""

from __future__ import annotations

from typing import Any

from docsync.testing import ClientProtocol, NetworkClient
from tests.panel_compat.support import Opener, app_fixtures, models_of

APPS = ["layout_grow_shrink", "layout_tabs", "layout_flexbox_cards", "layout_chat_log",
        "layout_gridspec", "layout_accordion"]


urls, open_ = app_fixtures(APPS, "layouts")


def child_ids(doc: ClientProtocol, layout_id: str) -> list[Any]:
    return [None if ref is None else ref["ref"] for ref in doc.prop(layout_id, "children")]


def texts(doc: ClientProtocol, layout_id: str) -> list[str]:
    """The ``object`` of each child of a layout (Markdown and Str panes)."""
    return [doc.prop(i, "object") for i in child_ids(doc, layout_id)]


async def click(client: NetworkClient, doc: ClientProtocol, name: str) -> None:
    await client.click(doc.find("Button", name=name))


# -- a Column grown and shrunk by callbacks ------------------------------------------------


async def test_buttons_grow_and_shrink_a_column(open_: Opener) -> None:
    client, doc = await open_("layout_grow_shrink")
    root = doc.doc["roots"][0]  # type: ignore[index]
    items = child_ids(doc, root)[2]
    assert texts(doc, items) == ["* start"]

    async def then(name: str, expected: list[str]) -> None:
        await click(client, doc, name)
        await client.wait_for(lambda d: texts(d, items) == expected)

    await then("Add", ["* start", "* apples"])
    await client.set(doc.find("TextInput", name="Item"), "value", "pears")
    await then("Add two", ["* start", "* apples", "* pears 1", "* pears 2"])
    await then("Replace first", ["* pears (first)", "* apples", "* pears 1", "* pears 2"])
    await then("Remove last", ["* pears (first)", "* apples", "* pears 1"])
    await then("Reverse", ["* pears 1", "* apples", "* pears (first)"])
    await then("Delete first", ["* apples", "* pears (first)"])
    await then("Delete first", ["* pears (first)"])
    await then("Remove last", [])
    await then("Remove last", [])  # nothing left to remove: the app checks len()
    # Removed panes left the document: only what the page shows is kept.
    assert [p["object"] for _, p in models_of(doc, "Markdown")] == ["## Shopping list"]
    await then("Add", ["* pears"])
    assert client.client is doc and not doc.errors


# -- Tabs: dynamic and closable ------------------------------------------------------------


def markdown_texts(doc: ClientProtocol) -> set[str]:
    return {p["object"] for _, p in models_of(doc, "Markdown")}


def shows(doc: ClientProtocol, text: str) -> bool:
    """Whether a ``Str`` pane shows ``text``."""
    return any(p["text"] == text for _, p in models_of(doc, "Str"))


async def test_a_dynamic_tab_is_sent_only_when_picked(open_: Opener) -> None:
    client, doc = await open_("layout_tabs")
    tabs = doc.find("Tabs")
    props = doc.props(tabs)
    assert props["titles"] == ["Intro", "Report", "Data"]
    assert props["dynamic"] is True and props["closable"] is True
    assert child_ids(doc, tabs)[1:] == [None, None]
    # The hidden tabs' 50 rows are not in the page's document at all.
    assert not any(t.startswith(("Report", "Data", "### ")) for t in markdown_texts(doc))
    unsent = len(doc.doc["models"])  # type: ignore[index]

    await client.set(tabs, "active", 2)
    await client.wait_for(lambda d: child_ids(d, tabs)[2] is not None)
    assert child_ids(doc, tabs)[:2] == [None, None]
    shown = markdown_texts(doc)
    assert "Data row 29" in shown and "Welcome: pick a tab." not in shown
    assert len(doc.doc["models"]) == unsent - 1 + 1 + 31  # type: ignore[index]
    await client.wait_for(lambda d: shows(d, "opened: Data"))

    await client.set(tabs, "active", 0)
    await client.wait_for(lambda d: "Welcome: pick a tab." in markdown_texts(d))
    assert not any(t.startswith("Data") for t in markdown_texts(doc))
    assert not doc.errors


async def test_the_reader_closes_a_tab(open_: Opener) -> None:
    client, doc = await open_("layout_tabs")
    tabs = doc.find("Tabs")
    await client.set(tabs, "active", 2)
    await client.send(doc.event(tabs, "close", {"index": 1, "title": "Report"}))
    await client.wait_for(lambda d: d.prop(tabs, "titles") == ["Intro", "Data"])
    # The shown tab stays shown: its index moved down with it.
    assert doc.prop(tabs, "active") == 1 and child_ids(doc, tabs)[0] is None
    await client.wait_for(lambda d: shows(d, "open tabs: Intro, Data"))

    # A close naming a tab that is not there (stale or forged) is refused; nothing changes.
    await client.send(doc.event(tabs, "close", {"index": 1, "title": "Report"}))
    await client.wait_for(lambda d: bool(d.errors))
    assert doc.errors[-1]["code"] == "invalid" and "close it again" in doc.errors[-1]["message"]
    assert doc.prop(tabs, "titles") == ["Intro", "Data"]

    await click(client, doc, "Add a notes tab")
    await client.wait_for(lambda d: d.prop(tabs, "titles") == ["Intro", "Data", "Notes"])
    await client.send(doc.event(tabs, "close", {"index": 1, "title": "Data"}))
    await client.wait_for(lambda d: d.prop(tabs, "titles") == ["Intro", "Notes"])
    # The shown tab was closed: the next one is shown and sent.
    assert doc.prop(tabs, "active") == 1
    await client.wait_for(lambda d: "Some notes." in markdown_texts(d))


# -- FlexBox of cards ----------------------------------------------------------------------


async def test_a_flexbox_of_cards_follows_its_selects(open_: Opener) -> None:
    client, doc = await open_("layout_flexbox_cards")
    box = doc.find("FlexBox")
    props = doc.props(box)
    assert props["justify_content"] == "space-between" and props["gap"] == "12px"
    assert props["flex_direction"] == "row" and props["flex_wrap"] == "wrap"
    assert props["sizing_mode"] == "stretch_width"  # a row FlexBox stretches, as in Panel
    cards = child_ids(doc, box)
    assert [doc.prop(c, "title") for c in cards] == ["Card 1", "Card 2", "Card 3", "Card 4"]
    assert [doc.prop(c, "collapsed") for c in cards] == [False, False, True, False]

    await client.set(doc.find("Select", name="justify_content"), "value", "center")
    await client.set(doc.find("Select", name="flex_direction"), "value", "column")
    await client.wait_for(lambda d: d.prop(box, "justify_content") == "center"
                          and d.prop(box, "flex_direction") == "column")
    await client.set(cards[0], "collapsed", True)
    await click(client, doc, "Add a card")
    await client.wait_for(lambda d: len(child_ids(d, box)) == 5)
    assert doc.prop(child_ids(doc, box)[-1], "title") == "Card 5"
    assert doc.prop(cards[0], "collapsed") is True and not doc.errors

    # A value the Select does not offer is refused before it reaches the FlexBox.
    select = doc.find("Select", name="justify_content")
    await client.set(select, "value", "diagonal")
    await client.wait_for(lambda d: bool(d.errors) and d.prop(select, "value") != "diagonal")
    assert doc.prop(box, "justify_content") == "center"


# -- a scrolling chat log ------------------------------------------------------------------


async def test_a_chat_log_scrolls_and_reports_its_position(open_: Opener) -> None:
    client, doc = await open_("layout_chat_log")
    log = doc.find("Column", height=240)
    props = doc.props(log)
    assert props["scroll"] is True  # turned on by the options below, as in Panel
    assert (props["auto_scroll_limit"], props["scroll_button_threshold"]) == (120, 40)
    assert props["view_latest"] is True and len(props["children"]) == 30

    await client.set(log, "scroll_position", 900)
    await client.wait_for(lambda d: d.prop(d.find("Str"), "text") == "scrolled to 900")
    await click(client, doc, "Back to the top")
    await client.wait_for(lambda d: d.prop(log, "scroll_position") == 0)

    await client.set(doc.find("TextInput", name="Message"), "value", "hello")
    await click(client, doc, "Send")
    await client.wait_for(lambda d: len(d.prop(log, "children")) == 31)
    assert doc.prop(child_ids(doc, log)[-1], "object") == "**you**: hello"

    # The page may write the position only; a negative one is refused.
    await client.set(log, "scroll_position", -1)
    await client.set(log, "height", 50)
    # Each error is followed by the patch that puts the value back (PROTOCOL.md §5).
    await client.wait_for(lambda d: len(d.errors) == 2 and d.prop(log, "scroll_position") == 0
                          and d.prop(log, "height") == 240)
    assert [e["code"] for e in doc.errors] == ["invalid", "forbidden"]


# -- GridSpec ------------------------------------------------------------------------------


async def test_a_gridspec_places_its_children_and_follows_deletions(open_: Opener) -> None:
    client, doc = await open_("layout_gridspec")
    grid = doc.find("GridSpec")
    assert (doc.prop(grid, "nrows"), doc.prop(grid, "ncols")) == (3, 4)

    def regions(d: ClientProtocol) -> dict[str, tuple[int, int, int, int]]:
        return {d.prop(c["child"]["ref"], "css_classes")[0]:
                (c["row"], c["col"], c["row_span"], c["col_span"])
                for c in d.prop(grid, "children")}

    assert regions(doc) == {"red": (0, 0, 3, 1), "green": (0, 1, 1, 2),
                            "orange": (1, 2, 1, 2), "blue": (2, 1, 1, 3),
                            "purple": (0, 3, 1, 1)}
    await click(client, doc, "Clear the bottom row")
    await client.wait_for(lambda d: "note" in regions(d))
    # The red column touched the bottom row, so it went too, as in Panel.
    assert regions(doc) == {"green": (0, 1, 1, 2), "orange": (1, 2, 1, 2),
                            "purple": (0, 3, 1, 1), "note": (2, 1, 1, 2)}
    assert len(models_of(doc, "Spacer")) == 3  # red and blue left the document


# -- Accordion and WidgetBox ---------------------------------------------------------------


async def test_accordion_sections_and_a_locked_widgetbox(open_: Opener) -> None:
    client, doc = await open_("layout_accordion")
    acc = doc.find("Accordion")
    assert doc.prop(acc, "titles") == ["Settings", "About", "Help"]
    assert doc.prop(acc, "active") == [0]
    await client.set(acc, "active", [0, 2])
    await client.wait_for(lambda d: shows(d, "open: [0, 2]"))

    await client.set(doc.find("Checkbox", name="One section at a time"), "value", True)
    await client.wait_for(lambda d: d.prop(acc, "active") == [2] and d.prop(acc, "toggle"))
    await client.set(acc, "active", [1, 2])
    # The error, then the patch that puts the value back (PROTOCOL.md §5).
    await client.wait_for(lambda d: bool(d.errors) and d.prop(acc, "active") == [2])
    assert "one section at a time" in doc.errors[-1]["message"]

    box = doc.find("WidgetBox")
    widgets = [doc.find("IntSlider", name="Size"), doc.find("Select", name="Colour")]
    assert doc.prop(box, "disabled") is False
    await client.set(doc.find("Checkbox", name="Lock settings"), "value", True)
    await client.wait_for(lambda d: all(d.prop(w, "disabled") for w in widgets))
    assert doc.prop(box, "disabled") is True
    await client.set(doc.find("Checkbox", name="Lock settings"), "value", False)
    await client.wait_for(lambda d: not any(d.prop(w, "disabled") for w in widgets))
